"""Messages of the web pages: inbox."""

MESSAGES: dict[str, dict[str, str]] = {}
