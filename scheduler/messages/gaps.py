"""Messages of the gaps part of the explanations (scheduler/explain)."""

MESSAGES: dict[str, dict[str, str]] = {}
