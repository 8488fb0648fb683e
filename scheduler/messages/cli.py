"""Text the command line shows: headings, summaries, status lines."""

MESSAGES: dict[str, dict[str, str]] = {}
