"""Wall-clock value types used in instance files.

Shift times are written as ``HH:MM`` in the team's time zone. ``24:00`` is a
valid end (midnight at the end of the day), never a valid start. Keeping them
as minutes after midnight makes the arithmetic exact; turning them into real
instants is the job of :mod:`scheduler.timeline`.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
MINUTES_PER_DAY = 24 * 60


def parse_clock(value: object, *, allow_midnight_end: bool) -> int:
    """Minutes after midnight of ``HH:MM`` (``24:00`` only when ``allow_midnight_end``)."""
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML 1.1 reads an unquoted 20:00 as the base-60 number 1200, which
        # is the same minutes after midnight; show it as the user wrote it.
        minutes = value
        value = f"{value // 60:02d}:{value % 60:02d}"
    else:
        match = _CLOCK.match(str(value).strip())
        if not match:
            raise ValueError(f"expected a time as HH:MM, got {value!r}")
        hours, mins = int(match.group(1)), int(match.group(2))
        if mins >= 60:
            raise ValueError(f"minutes must be below 60 in {value!r}")
        minutes = hours * 60 + mins
    upper = MINUTES_PER_DAY if allow_midnight_end else MINUTES_PER_DAY - 1
    if not 0 <= minutes <= upper:
        limit = "24:00" if allow_midnight_end else "23:59"
        raise ValueError(f"time {value!r} is outside 00:00-{limit}")
    return minutes


def format_clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


_CLOCK_SCHEMA = {"type": "string", "pattern": r"^\d{1,2}:\d{2}$", "examples": ["09:00"]}

StartTime = Annotated[
    int,
    BeforeValidator(lambda v: parse_clock(v, allow_midnight_end=False)),
    PlainSerializer(format_clock, return_type=str),
    WithJsonSchema(_CLOCK_SCHEMA),
]
"""A start time ``HH:MM`` (00:00-23:59), held as minutes after midnight."""

EndTime = Annotated[
    int,
    BeforeValidator(lambda v: parse_clock(v, allow_midnight_end=True)),
    PlainSerializer(format_clock, return_type=str),
    WithJsonSchema({**_CLOCK_SCHEMA, "examples": ["17:00", "24:00"]}),
]
"""An end time ``HH:MM`` (00:00-24:00), held as minutes after midnight."""


class Weekday(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def number(self) -> int:
        """0 for Monday, as ``date.weekday()``."""
        return ALL_WEEKDAYS.index(self)

    @classmethod
    def of_index(cls, index: int) -> Weekday:
        # A tuple made once: listing the enum on each call was a tenth of
        # building a one-agent year-long model (Curtois & Qu Instance23).
        return ALL_WEEKDAYS[index]


ALL_WEEKDAYS: tuple[Weekday, ...] = tuple(Weekday)
