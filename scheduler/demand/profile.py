"""Demand profiles: forecast calls per weekday and interval, read from CSV.

The file has a header row with the columns ``weekday,interval_start,calls`` and
optionally ``aht_s``; weekdays are ``mon`` .. ``sun``, interval starts ``HH:MM``
on a 15- or 30-minute grid. Intervals that are absent (the centre is closed)
have no demand. Every error names the line and the column at fault.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from scheduler.demand.erlang import Model, Staffing, required_agents

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
INTERVAL_MINUTES = (15, 30)
REQUIRED_COLUMNS = ("weekday", "interval_start", "calls")
OPTIONAL_COLUMNS = ("aht_s",)


class DemandProfileError(ValueError):
    """A demand profile that cannot be read; the message names line and column."""


@dataclass(frozen=True)
class DemandInterval:
    """Calls forecast for one interval; ``aht_s`` None means the profile-wide AHT."""

    weekday: str
    start: dt.time
    calls: float
    aht_s: float | None = None


@dataclass(frozen=True)
class DemandProfile:
    """A validated profile: intervals sorted by weekday and start, all one length."""

    interval_minutes: int
    intervals: tuple[DemandInterval, ...]

    @property
    def interval_s(self) -> int:
        return self.interval_minutes * 60


class IntervalStaffing(NamedTuple):
    weekday: str
    start: dt.time
    staffing: Staffing


def read_profile(path: str | Path, *, interval_minutes: int | None = None) -> DemandProfile:
    """Read a demand profile CSV file (see :func:`parse_profile`)."""
    path = Path(path)
    with path.open(newline="", encoding="utf-8") as handle:
        return parse_profile(handle, source=str(path), interval_minutes=interval_minutes)


def parse_profile(
    lines: Iterable[str] | str,
    *,
    source: str = "<demand profile>",
    interval_minutes: int | None = None,
) -> DemandProfile:
    """Parse CSV text into a :class:`DemandProfile`.

    The interval length is ``interval_minutes`` if given, otherwise the shortest
    gap between two starts on the same weekday (30 when no weekday has two
    rows). Every weekday must show that same shortest gap, else the profile
    mixes lengths; every start must lie on that grid; a (weekday, start) pair
    may appear once.
    """
    if interval_minutes is not None and interval_minutes not in INTERVAL_MINUTES:
        raise ValueError(f"interval_minutes must be 15 or 30, got {interval_minutes}")
    reader = csv.DictReader(io.StringIO(lines) if isinstance(lines, str) else lines)
    header = [name.strip() for name in reader.fieldnames or []]
    if not header:
        raise DemandProfileError(f"{source}: empty file, expected a header row")
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise DemandProfileError(f"{source}, line 1: missing column(s) {', '.join(missing)}")
    unknown = [name for name in header if name not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if unknown:
        raise DemandProfileError(f"{source}, line 1: unknown column(s) {', '.join(unknown)}")
    reader.fieldnames = header

    rows: list[tuple[int, DemandInterval]] = []
    seen: dict[tuple[str, dt.time], int] = {}
    for row in reader:
        line = reader.line_num
        where = f"{source}, line {line}"
        if None in row:
            raise DemandProfileError(f"{where}: more fields than columns")
        interval = DemandInterval(
            weekday=_weekday(row.get("weekday"), where),
            start=_start(row.get("interval_start"), where),
            calls=_number(row.get("calls"), where, "calls", allow_zero=True),
            aht_s=_optional_aht(row.get("aht_s"), where),
        )
        key = (interval.weekday, interval.start)
        if key in seen:
            raise DemandProfileError(
                f"{where}, column interval_start: {interval.weekday} "
                f"{interval.start:%H:%M} already given on line {seen[key]}"
            )
        seen[key] = line
        rows.append((line, interval))
    if not rows:
        raise DemandProfileError(f"{source}: no intervals after the header")

    length = interval_minutes or _infer_length(rows, source)
    for line, interval in rows:
        minute = interval.start.hour * 60 + interval.start.minute
        if minute % length:
            raise DemandProfileError(
                f"{source}, line {line}, column interval_start: "
                f"{interval.start:%H:%M} is not on the {length}-minute grid"
            )
    ordered = sorted(
        (interval for _, interval in rows),
        key=lambda interval: (WEEKDAYS.index(interval.weekday), interval.start),
    )
    return DemandProfile(interval_minutes=length, intervals=tuple(ordered))


def required_by_interval(
    profile: DemandProfile,
    *,
    aht_s: float | None = None,
    target_sl: float | None = None,
    answer_within_s: float | None = None,
    target_asa_s: float | None = None,
    max_occupancy: float | None = None,
    shrinkage: float = 0.0,
    model: Model = "C",
    patience_s: float | None = None,
) -> list[IntervalStaffing]:
    """Agents required in every interval of ``profile`` (see ``required_agents``).

    ``aht_s`` is used for intervals whose row gives none; it is required if any
    row lacks one.
    """
    result = []
    for interval in profile.intervals:
        handle_time = interval.aht_s if interval.aht_s is not None else aht_s
        if handle_time is None:
            raise ValueError(
                f"aht_s is required: {interval.weekday} {interval.start:%H:%M} gives no AHT"
            )
        staffing = required_agents(
            interval.calls,
            profile.interval_s,
            handle_time,
            target_sl=target_sl,
            answer_within_s=answer_within_s,
            target_asa_s=target_asa_s,
            max_occupancy=max_occupancy,
            shrinkage=shrinkage,
            model=model,
            patience_s=patience_s,
        )
        result.append(IntervalStaffing(interval.weekday, interval.start, staffing))
    return result


def _infer_length(rows: list[tuple[int, DemandInterval]], source: str) -> int:
    by_day: dict[str, list[tuple[int, int]]] = {}
    for line, interval in rows:
        minute = interval.start.hour * 60 + interval.start.minute
        by_day.setdefault(interval.weekday, []).append((minute, line))
    gaps: dict[str, tuple[int, int]] = {}  # weekday -> (shortest gap, line showing it)
    for weekday, starts in by_day.items():
        starts.sort()
        for (before, _), (after, line) in itertools.pairwise(starts):
            gap = after - before
            if weekday not in gaps or gap < gaps[weekday][0]:
                gaps[weekday] = (gap, line)
    if not gaps:
        return 30
    length = min(gap for gap, _ in gaps.values())
    for weekday, (gap, line) in gaps.items():
        if gap not in INTERVAL_MINUTES:
            raise DemandProfileError(
                f"{source}, line {line}, column interval_start: {gap} minutes after the "
                f"previous {weekday} interval; intervals must be 15 or 30 minutes"
            )
        if gap != length:
            raise DemandProfileError(
                f"{source}, line {line}, column interval_start: mixed interval lengths, "
                f"{weekday} uses {gap} minutes but another weekday uses {length}"
            )
    return length


def _weekday(value: str | None, where: str) -> str:
    text = (value or "").strip().lower()
    if text not in WEEKDAYS:
        raise DemandProfileError(
            f"{where}, column weekday: {value!r} is not one of {', '.join(WEEKDAYS)}"
        )
    return text


def _start(value: str | None, where: str) -> dt.time:
    text = (value or "").strip()
    try:
        start = dt.datetime.strptime(text, "%H:%M").time()
    except ValueError:
        raise DemandProfileError(
            f"{where}, column interval_start: {value!r} is not a time HH:MM"
        ) from None
    return start


def _number(value: str | None, where: str, column: str, *, allow_zero: bool) -> float:
    text = (value or "").strip()
    try:
        number = float(text)
    except ValueError:
        raise DemandProfileError(f"{where}, column {column}: {value!r} is not a number") from None
    if not math.isfinite(number) or number < 0 or (number == 0 and not allow_zero):
        bound = ">= 0" if allow_zero else "> 0"
        raise DemandProfileError(f"{where}, column {column}: {text} must be {bound}")
    return number


def _optional_aht(value: str | None, where: str) -> float | None:
    if value is None or not value.strip():
        return None
    return _number(value, where, "aht_s", allow_zero=False)
