"""Hard-rule violations in plain words, as the checker reports them."""

MESSAGES: dict[str, dict[str, str]] = {}
