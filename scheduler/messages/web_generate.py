"""Messages of the web pages: generate."""

MESSAGES: dict[str, dict[str, str]] = {}
