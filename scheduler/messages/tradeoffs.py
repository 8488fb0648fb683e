"""Messages of the tradeoffs part of the explanations (scheduler/explain)."""

MESSAGES: dict[str, dict[str, str]] = {}
