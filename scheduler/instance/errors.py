"""What is wrong with an instance, as field paths and plain messages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import ValidationError

from scheduler.messages import text

PathPart = str | int


def format_path(path: Sequence[PathPart]) -> str:
    """``("coverage", 2, "shift")`` -> ``coverage[2].shift``; the root is ``(file)``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


@dataclass(frozen=True)
class FieldProblem:
    """A problem at a field path: a catalogue key with its values, or pydantic's own text."""

    path: tuple[PathPart, ...]
    message: str
    key: str | None = None
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, path: tuple[PathPart, ...], key: str, **values: object) -> FieldProblem:
        return cls(path, text(key, **values), key, tuple(values.items()))

    def describe(self, language: str = "en") -> str:
        message = text(self.key, language, **dict(self.values)) if self.key else self.message
        return f"{format_path(self.path)}: {message}"

    def __str__(self) -> str:
        return self.describe()


class InstanceError(ValueError):
    """An instance that cannot be used, with every problem found and where it is."""

    def __init__(self, source: str, problems: Sequence[FieldProblem]):
        self.source = source
        self.problems = tuple(problems)
        super().__init__(self.describe())

    def describe(self, language: str = "en") -> str:
        header = text(
            "instance.invalid_header", language, source=self.source, count=len(self.problems)
        )
        lines = (f"  - {problem.describe(language)}" for problem in self.problems)
        return "\n".join([header, *lines])

    @classmethod
    def from_validation(
        cls, source: str, error: ValidationError, prefix: tuple[str | int, ...] = ()
    ) -> InstanceError:
        """``prefix`` is the path of the validated part within the instance."""
        problems = []
        for detail in error.errors(include_url=False):
            # Drop pydantic's internal tags (function-after[...]) from the path.
            path = prefix + tuple(
                part for part in detail["loc"] if not str(part).startswith("function-")
            )
            message = detail["msg"].removeprefix("Value error, ")
            problems.append(FieldProblem(path, message))
        return cls(source, problems)
