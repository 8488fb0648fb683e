"""Messages of the explain part of the explanations (scheduler/explain)."""

MESSAGES: dict[str, dict[str, str]] = {}
