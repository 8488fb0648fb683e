"""The Curtois & Qu (2014) shift-scheduling benchmark format, read into an :class:`Instance`.

The text format (schedulingbenchmarks.org/nrp) has sections ``HORIZON``,
``SHIFTS``, ``STAFF``, ``DAYS_OFF``, ``SHIFT_ON_REQUESTS``,
``SHIFT_OFF_REQUESTS`` and ``COVER``; day 0 is a Monday. Every rule of the
benchmark maps onto a rule family the engine already has, so the instance is
solved and checked like any other:

==========================================  ==============================================
benchmark                                   instance
==========================================  ==============================================
shift ``S, minutes, F1|F2``                 shift type ``S`` 00:00 + minutes; forbidden
                                            successions S -> F1, S -> F2 (hard)
staff ``S1=n1|...``                         ``limits.max_shifts`` (0 = never)
Max/MinTotalMinutes                         ``limits.max/min_minutes_per_horizon``
Max/MinConsecutiveShifts                    ``limits.max/min_consecutive_working_days``
MinConsecutiveDaysOff                       ``limits.min_consecutive_days_off``
MaxWeekends                                 ``limits.max_weekends``
days off                                    ``unavailable`` dates
on / off requests with weights              ``rules.requests`` (want on / off, weight)
cover ``R, WeightUnder, WeightOver``        coverage on that date: ``preferred: R``, weights
==========================================  ==============================================

All hard rules stay hard, and the horizon is not cyclic, so the engine's
horizon-end exemption for minimum runs is the benchmark's rules 6 and 7. Shift
types have no clock times in the benchmark: each starts at midnight and lasts
its minutes, in UTC, so no duty overlaps the next day's and rest plays no part.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scheduler.instance import Instance, InstanceError, parse_instance

SECTIONS = (
    "HORIZON",
    "SHIFTS",
    "STAFF",
    "DAYS_OFF",
    "SHIFT_ON_REQUESTS",
    "SHIFT_OFF_REQUESTS",
    "COVER",
)
DEFAULT_START = dt.date(2024, 1, 1)
"""A Monday: the benchmark counts days from a Monday but names no date."""
MINUTES_PER_DAY = 24 * 60


class BenchmarkFormatError(ValueError):
    """A benchmark file that cannot be read; the message names the file, line and field."""


@dataclass(frozen=True)
class _Line:
    number: int
    fields: list[str]


@dataclass
class _Sections:
    source: str
    rows: dict[str, list[_Line]] = field(default_factory=dict)

    def of(self, name: str) -> list[_Line]:
        return self.rows.get(name, [])


def read_benchmark(path: str | Path, *, start: dt.date = DEFAULT_START) -> Instance:
    """Read one ``InstanceN.txt`` file into a validated instance."""
    path = Path(path)
    try:
        content = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise BenchmarkFormatError(f"{path}: cannot read: {reason}") from None
    return parse_benchmark(content, source=str(path), name=path.stem, start=start)


def parse_benchmark(
    content: str, *, source: str = "benchmark", name: str = "", start: dt.date = DEFAULT_START
) -> Instance:
    """Parse the benchmark's text into an instance (``start`` must be a Monday)."""
    sections = _split(content, source)
    data = _instance_data(sections, name, start)
    try:
        return parse_instance(data, source)
    except InstanceError as error:
        # Cross references (an unknown staff or shift id) are the file's fault.
        raise BenchmarkFormatError(error.describe()) from None


def _split(content: str, source: str) -> _Sections:
    sections = _Sections(source)
    current: str | None = None
    for number, raw in enumerate(content.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("SECTION_"):
            current = line.removeprefix("SECTION_")
            if current not in SECTIONS:
                raise BenchmarkFormatError(f"{source}, line {number}: unknown section {line}")
            if current in sections.rows:
                raise BenchmarkFormatError(f"{source}, line {number}: {line} given twice")
            sections.rows[current] = []
            continue
        if current is None:
            raise BenchmarkFormatError(f"{source}, line {number}: data before any SECTION_ line")
        fields = [part.strip() for part in line.split(",")]
        sections.rows[current].append(_Line(number, fields))
    for required in ("HORIZON", "SHIFTS", "STAFF"):
        if not sections.of(required):
            raise BenchmarkFormatError(f"{source}: SECTION_{required} is missing or empty")
    return sections


def _int(line: _Line, index: int, what: str, source: str, *, minimum: int = 0) -> int:
    try:
        text = line.fields[index]
    except IndexError:
        raise BenchmarkFormatError(
            f"{source}, line {line.number}: field {index + 1} ({what}) is missing"
        ) from None
    try:
        value = int(text)
    except ValueError:
        raise BenchmarkFormatError(
            f"{source}, line {line.number}: {what} {text!r} is not a whole number"
        ) from None
    if value < minimum:
        raise BenchmarkFormatError(
            f"{source}, line {line.number}: {what} {value} must be at least {minimum}"
        )
    return value


def _instance_data(sections: _Sections, name: str, start: dt.date) -> dict[str, Any]:
    source = sections.source
    horizon_line = sections.of("HORIZON")[0]
    days = _int(horizon_line, 0, "horizon length", source, minimum=7)
    if days % 7:
        raise BenchmarkFormatError(
            f"{source}, line {horizon_line.number}: {days} days is not a whole number of weeks"
        )

    def date(line: _Line, index: int) -> str:
        day = _int(line, index, "day", source)
        if day >= days:
            raise BenchmarkFormatError(
                f"{source}, line {line.number}: day {day} is beyond the {days}-day horizon"
            )
        return (start + dt.timedelta(days=day)).isoformat()

    shift_types, successions = _shifts(sections, source)
    return {
        "name": name,
        "description": f"Curtois & Qu benchmark {name}".strip(),
        "team": {"name": name, "timezone": "UTC", "agents": _staff(sections, source, date)},
        "shift_types": shift_types,
        "horizon": {"start": start.isoformat(), "weeks": days // 7, "cyclic": False},
        "coverage": [
            {
                "shift": line.fields[1] if len(line.fields) > 1 else "",
                "dates": [date(line, 0)],
                "min": 0,
                "preferred": _int(line, 2, "requirement", source),
                "under_weight": _int(line, 3, "under weight", source),
                "over_weight": _int(line, 4, "over weight", source),
            }
            for line in sections.of("COVER")
        ],
        "rules": {
            "forbidden_successions": successions,
            "requests": [
                *_requests(sections.of("SHIFT_ON_REQUESTS"), "on", source, date),
                *_requests(sections.of("SHIFT_OFF_REQUESTS"), "off", source, date),
            ],
        },
    }


def _shifts(sections: _Sections, source: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    shift_types = []
    successions = []
    for line in sections.of("SHIFTS"):
        shift_id = line.fields[0]
        minutes = _int(line, 1, "shift length", source, minimum=1)
        if minutes >= MINUTES_PER_DAY:
            raise BenchmarkFormatError(
                f"{source}, line {line.number}: shift {shift_id} lasts {minutes} minutes; "
                "shifts must be shorter than a day"
            )
        shift_types.append({"id": shift_id, "start": "00:00", "end": _clock(minutes)})
        followers = line.fields[2] if len(line.fields) > 2 else ""
        successions += [
            {"first": shift_id, "then": then, "hard": True}
            for then in followers.split("|")
            if then.strip()
        ]
    return shift_types, successions


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _staff(sections: _Sections, source: str, date: Any) -> list[dict[str, Any]]:
    days_off: dict[str, list[str]] = {}
    for line in sections.of("DAYS_OFF"):
        days_off.setdefault(line.fields[0], []).extend(
            date(line, index) for index in range(1, len(line.fields)) if line.fields[index]
        )
    agents = []
    for line in sections.of("STAFF"):
        staff_id = line.fields[0]
        max_shifts = {}
        for item in (line.fields[1] if len(line.fields) > 1 else "").split("|"):
            if not item.strip():
                continue
            shift_id, _, count = item.partition("=")
            try:
                max_shifts[shift_id.strip()] = int(count)
            except ValueError:
                raise BenchmarkFormatError(
                    f"{source}, line {line.number}: {item!r} is not SHIFT=COUNT"
                ) from None
        agents.append(
            {
                "id": staff_id,
                "limits": {
                    "max_shifts": max_shifts,
                    "max_minutes_per_horizon": _int(line, 2, "MaxTotalMinutes", source),
                    "min_minutes_per_horizon": _int(line, 3, "MinTotalMinutes", source),
                    "max_consecutive_working_days": _int(
                        line, 4, "MaxConsecutiveShifts", source, minimum=1
                    ),
                    "min_consecutive_working_days": _int(
                        line, 5, "MinConsecutiveShifts", source, minimum=1
                    ),
                    "min_consecutive_days_off": _int(
                        line, 6, "MinConsecutiveDaysOff", source, minimum=1
                    ),
                    "max_weekends": _int(line, 7, "MaxWeekends", source),
                },
                "unavailable": sorted(set(days_off.pop(staff_id, []))),
            }
        )
    if days_off:
        unknown = ", ".join(sorted(days_off))
        raise BenchmarkFormatError(f"{source}: SECTION_DAYS_OFF names unknown staff {unknown}")
    return agents


def _requests(lines: list[_Line], want: str, source: str, date: Any) -> Iterator[dict[str, Any]]:
    for line in lines:
        if len(line.fields) < 4:
            raise BenchmarkFormatError(
                f"{source}, line {line.number}: expected EmployeeID, Day, ShiftID, Weight"
            )
        yield {
            "agent": line.fields[0],
            "date": date(line, 1),
            "shift": line.fields[2],
            "want": want,
            "weight": _int(line, 3, "weight", source),
        }
