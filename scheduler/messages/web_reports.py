"""Messages of the web pages: reports."""

MESSAGES: dict[str, dict[str, str]] = {}
