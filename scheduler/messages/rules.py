"""Names of rules and penalties, and violations in plain words (solver and checker)."""

MESSAGES: dict[str, dict[str, str]] = {}
