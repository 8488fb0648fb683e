"""Messages of scheduler/swaps."""

MESSAGES: dict[str, dict[str, str]] = {}
