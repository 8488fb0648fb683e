"""Messages of the staffing part of the explanations (scheduler/explain)."""

MESSAGES: dict[str, dict[str, str]] = {}
