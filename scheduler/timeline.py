"""Real instants of duties: wall-clock shift times laid onto calendar dates.

All durations and rests are real elapsed time in the team's IANA zone, so a
night on which the clocks change is one hour shorter or longer. Aware datetimes
that share a tzinfo subtract as wall-clock times in Python, so every
difference here is taken in UTC.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from scheduler.instance.clock import MINUTES_PER_DAY
from scheduler.instance.models import ShiftType


@dataclass(frozen=True)
class Duty:
    """One shift type worked on one date, as real instants."""

    start: dt.datetime
    end: dt.datetime

    @property
    def minutes(self) -> int:
        return elapsed_minutes(self.start, self.end)


def wall_clock(day: dt.date, minutes_after_midnight: int, zone: ZoneInfo) -> dt.datetime:
    """The aware datetime of a wall-clock time; ``24:00`` is midnight of the next day."""
    extra_days, minutes = divmod(minutes_after_midnight, MINUTES_PER_DAY)
    naive = dt.datetime.combine(day + dt.timedelta(days=extra_days), dt.time()) + dt.timedelta(
        minutes=minutes
    )
    return naive.replace(tzinfo=zone)


def duty_on(day: dt.date, shift: ShiftType, zone: ZoneInfo) -> Duty:
    """The duty of ``shift`` that starts on ``day``; an end at or before the start is next day."""
    end_minutes = shift.end if shift.end > shift.start else shift.end + MINUTES_PER_DAY
    return Duty(wall_clock(day, shift.start, zone), wall_clock(day, end_minutes, zone))


def elapsed_minutes(start: dt.datetime, end: dt.datetime) -> int:
    utc = dt.UTC
    return int((end.astimezone(utc) - start.astimezone(utc)).total_seconds() // 60)
