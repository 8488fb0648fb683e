"""Messages of the web pages: agent."""

MESSAGES: dict[str, dict[str, str]] = {}
