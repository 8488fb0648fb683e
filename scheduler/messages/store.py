"""Messages of scheduler/store."""

MESSAGES: dict[str, dict[str, str]] = {}
