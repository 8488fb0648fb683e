"""What the store raises: something is not there, or changed meanwhile.

Both carry a catalogue key and its values, so the command line and the API
can say it in the team's language; ``str(error)`` is the English text.
"""

from __future__ import annotations

from scheduler.messages import text


class StoreError(Exception):
    """A store error with a catalogue message."""

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(self.describe())

    def describe(self, language: str = "en") -> str:
        # A value may itself be a message not yet put into a language (a Phrase).
        filled = {
            name: value.render(language) if hasattr(value, "render") else value
            for name, value in self.values.items()
        }
        return text(self.key, language, **filled)


class NotFound(StoreError, LookupError):
    """A team, agent, version, instance, result, swap or attachment that does not exist."""


class Conflict(StoreError):
    """Someone else changed the data first, or the change would duplicate something.

    The transaction that raised it is rolled back: nothing of it was written.
    """
