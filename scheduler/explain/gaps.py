"""The coverage-gap report: parts of the service window that no roster can staff.

An instance says when enquiries must be answered (``service_windows``) and
which shifts exist and how many agents each needs (``shift_types``,
``coverage``). The two can disagree: the source policy asks for 09:00-24:00
but its shift C ends at 22:00. :func:`find_coverage_gaps` compares them before
any solving and reports each interval of a window that

* no shift type covers at all (:attr:`GapKind.NO_SHIFT`), or
* shift types cover, but the sum of the hard coverage ``min`` of the shifts
  covering it is 0 that day, so a valid roster may leave it unstaffed
  (:attr:`GapKind.NOT_REQUIRED`).

Everything is computed per horizon date in **wall-clock** minutes of that day
(0-1440): a shift covers ``[start, end)`` of the day it starts on and, when it
runs past midnight (end before start; an end of 24:00 is not past midnight),
``[0, end)`` of the next day, with the head count required on its start day.
Service windows that run past midnight are split the same way. Wall-clock time
is what the customer sees: on the night the clocks change, the skipped or
repeated hour is covered exactly when the surrounding wall-clock hours are, so
a daylight-saving change never creates a fake gap.

The morning of the first horizon day is covered by the night shifts of the day
before. With a cyclic horizon that is the last day of the horizon (the cycle
wraps). Without one, the day before lies outside the plan; the report assumes
it is staffed like the same weekday one week later (the first Sunday of the
horizon), so the report describes the weekly pattern and not the edge of the
horizon. The service window of that day is taken from its weekday as usual.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

from scheduler.instance.clock import MINUTES_PER_DAY, Weekday, format_clock
from scheduler.instance.models import Instance
from scheduler.messages import text
from scheduler.problem import Problem, compile_problem


class GapKind(StrEnum):
    NO_SHIFT = "no_shift"
    """No shift type covers the interval."""
    NOT_REQUIRED = "not_required"
    """Shift types cover it, but their hard coverage minimum adds up to 0 that day."""


@dataclass(frozen=True)
class CoverageGap:
    """One interval of a service window left open on one weekday, with the dates it occurs on.

    ``start`` and ``end`` are wall-clock minutes after midnight (``end`` may be
    1440, 24:00). ``window`` is the service window the gap lies in, as written
    in the instance (its end may be before its start when it runs past
    midnight). ``every_week`` is false when the gap occurs on only some of the
    horizon's dates of that weekday (a coverage entry for given dates).
    """

    weekday: Weekday
    start: int
    end: int
    kind: GapKind
    dates: tuple[dt.date, ...]
    window: tuple[int, int] | None = None
    every_week: bool = True

    def to_json(self) -> dict[str, object]:
        window = None
        if self.window is not None:
            window = {"start": format_clock(self.window[0]), "end": format_clock(self.window[1])}
        return {
            "weekday": self.weekday.value,
            "start": format_clock(self.start),
            "end": format_clock(self.end),
            "kind": self.kind.value,
            "dates": [day.isoformat() for day in self.dates],
            "window": window,
            "every_week": self.every_week,
        }

    def describe(self, language: str) -> str:
        """One sentence, e.g. "Mondays 22:00-24:00: no shift type covers this part of ..."."""
        if self.every_week:
            days = text(f"gaps.weekday.{self.weekday.value}", language)
        else:
            days = text("gaps.separator", language).join(day.isoformat() for day in self.dates)
        return text(
            "gaps.describe",
            language,
            days=days,
            start=format_clock(self.start),
            end=format_clock(self.end),
            reason=text(f"gaps.kind.{self.kind.value}", language),
        )


def find_coverage_gaps(
    instance: Instance, problem: Problem | None = None
) -> tuple[CoverageGap, ...]:
    """Every gap of the instance's service windows, sorted by weekday, then start.

    Pass ``problem`` when the instance is already compiled, to avoid compiling
    it again. No service window means nothing is required, hence no gap.
    """
    if not instance.service_windows:
        return ()
    problem = problem or compile_problem(instance)
    found: dict[tuple[Weekday, int, int, GapKind, tuple[int, int]], list[dt.date]]
    found = defaultdict(list)
    for day in range(problem.num_days):
        date = problem.dates[day]
        for start, end, kind, window in _day_gaps(problem, day):
            found[_weekday(date), start, end, kind, window].append(date)
    gaps = [
        CoverageGap(
            weekday=weekday,
            start=start,
            end=end,
            kind=kind,
            dates=tuple(dates),
            window=window,
            every_week=len(dates) == problem.num_weeks,
        )
        for (weekday, start, end, kind, window), dates in found.items()
    ]
    return tuple(sorted(gaps, key=lambda gap: (gap.weekday.number, gap.start, gap.end, gap.kind)))


@dataclass(frozen=True)
class _Span:
    """A stretch ``[start, end)`` of one day's wall-clock minutes."""

    start: int
    end: int

    def covers(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


@dataclass(frozen=True)
class _Required(_Span):
    window: tuple[int, int]  # the service window as written


@dataclass(frozen=True)
class _Cover(_Span):
    head_count: int  # hard coverage min of the shift on the day it starts


_DayGap = tuple[int, int, GapKind, tuple[int, int]]
"""start, end, kind and the service window (as written) of a gap on one day."""


def _weekday(date: dt.date) -> Weekday:
    return Weekday.of_index(date.weekday())


def _split(start: int, end: int) -> tuple[tuple[int, int], tuple[int, int] | None]:
    """The part of ``start``-``end`` on its own day, and the part past midnight (if any)."""
    if end > start:
        return (start, end), None
    return (start, MINUTES_PER_DAY), ((0, end) if end > 0 else None)


def _previous_day(problem: Problem, day: int) -> int:
    """The day whose night shifts run into ``day`` (see the module docstring for day 0)."""
    if day > 0 or problem.cyclic:
        return (day - 1) % problem.num_days
    return 6  # non-cyclic: the same weekday (Sunday) one week later


def _required(problem: Problem, day: int) -> Iterator[_Required]:
    """The parts of the service windows that fall on ``day``, today's and last night's."""
    date = problem.dates[day]
    today, yesterday = _weekday(date), _weekday(date - dt.timedelta(days=1))
    for window in problem.instance.service_windows:
        written = (window.start, window.end)
        own, past_midnight = _split(window.start, window.end)
        if today in window.weekdays:
            yield _Required(*own, window=written)
        if past_midnight is not None and yesterday in window.weekdays:
            yield _Required(*past_midnight, window=written)


def _covers(problem: Problem, day: int) -> Iterator[_Cover]:
    """The stretches of ``day`` that shift types cover: today's and last night's."""
    previous = _previous_day(problem, day)
    for shift, shift_type in enumerate(problem.instance.shift_types):
        own, past_midnight = _split(shift_type.start, shift_type.end)
        yield _Cover(*own, head_count=_head_count(problem, day, shift))
        if past_midnight is not None:
            yield _Cover(*past_midnight, head_count=_head_count(problem, previous, shift))


def _head_count(problem: Problem, day: int, shift: int) -> int:
    requirement = problem.requirements.get((day, shift))
    return 0 if requirement is None else requirement.min


def _day_gaps(problem: Problem, day: int) -> list[_DayGap]:
    """The gaps of one day, adjacent pieces of the same kind merged."""
    required = list(_required(problem, day))
    covers = list(_covers(problem, day))
    gaps: list[_DayGap] = []
    for start, end in _pieces(required, covers):
        kind = _kind(covers, start, end)
        window = next((part.window for part in required if part.covers(start, end)), None)
        if kind is None or window is None:
            continue
        if gaps and gaps[-1][1] == start and gaps[-1][2] == kind:
            gaps[-1] = (gaps[-1][0], end, kind, gaps[-1][3])
        else:
            gaps.append((start, end, kind, window))
    return gaps


def _pieces(required: Sequence[_Span], covers: Sequence[_Span]) -> Iterator[tuple[int, int]]:
    """The day cut at every start and end, so each piece is wholly in or out of every span."""
    spans = [*required, *covers]
    cuts = sorted({0, MINUTES_PER_DAY} | {m for span in spans for m in (span.start, span.end)})
    yield from pairwise(cuts)


def _kind(covers: Sequence[_Cover], start: int, end: int) -> GapKind | None:
    covering = [cover for cover in covers if cover.covers(start, end)]
    if not covering:
        return GapKind.NO_SHIFT
    if sum(cover.head_count for cover in covering) == 0:
        return GapKind.NOT_REQUIRED
    return None
