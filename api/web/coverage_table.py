"""How well a roster version covers its instance: head counts, gaps, fairness and penalties.

Plain data for the coverage page (no HTML), so tests can check the numbers.
Per day and shift type the head count is set against the instance's coverage
entry (hard ``min``/``max``, soft ``preferred``, compiled into
:attr:`scheduler.problem.Problem.requirements`). Per interval the day is cut
into steps (the finest ``interval_minutes`` of the instance, else 30 minutes)
and each step's agents on duty are set against the interval coverage (or the
call forecast's head count) and, inside a service window, against the one
agent that must be there to answer. The fairness summary and the penalties
come from the library (:mod:`scheduler.explain.tradeoffs`, the independent
checker), which score any roster, one changed by swaps included.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from scheduler.check import CheckReport
from scheduler.explain.gaps import CoverageGap, find_coverage_gaps
from scheduler.explain.service_level import ServiceReport, service_report
from scheduler.explain.tradeoffs import Tradeoffs, tradeoffs_of
from scheduler.instance.clock import MINUTES_PER_DAY, Weekday, format_clock
from scheduler.instance.models import Instance
from scheduler.problem import Problem, Requirement
from scheduler.result import Assignment
from scheduler.swaps import Duty
from scheduler.swaps.change import Scorer, assignments_of

DEFAULT_STEP = 30  # minutes, when the instance names no interval length of its own

GAP = "gap"  # below the hard minimum
SHORT = "short"  # at or above the minimum, below the preferred count
OVER = "over"  # above the hard maximum
ABOVE = "above"  # within the maximum, above the preferred count
OK = "ok"
FREE = "free"  # nothing is asked of this cell


def _status(count: int, low: int, high: int | None, preferred: int | None) -> str:
    if count < low:
        return GAP
    if high is not None and count > high:
        return OVER
    if preferred is not None and count < preferred:
        return SHORT
    if preferred is not None and count > preferred:
        return ABOVE
    return OK


# --- Per day and shift type -------------------------------------------------------------


@dataclass(frozen=True)
class ShiftCount:
    """Agents working one shift type on one date, and what the instance asks for."""

    date: dt.date
    shift: str
    count: int
    requirement: Requirement | None

    @property
    def status(self) -> str:
        need = self.requirement
        if need is None:
            return FREE
        return _status(self.count, need.min, need.max, need.preferred)


@dataclass(frozen=True)
class ShiftTable:
    """Dates by shift types; ``cells[date, shift]``."""

    dates: tuple[dt.date, ...]
    shifts: tuple[str, ...]
    cells: dict[tuple[dt.date, str], ShiftCount]

    def row(self, date: dt.date) -> list[ShiftCount]:
        return [self.cells[date, shift] for shift in self.shifts]

    def with_status(self, status: str) -> list[ShiftCount]:
        return [cell for cell in self.cells.values() if cell.status == status]


def shift_table(problem: Problem, assignments: Iterable[Assignment]) -> ShiftTable:
    """The head count of every (date, shift type) of the horizon against its requirement.

    A repeated assignment counts once, as in the checker.
    """
    counts = Counter((a.date, a.shift) for a in set(assignments) if a.date in problem.dates)
    cells = {
        (date, shift): ShiftCount(
            date, shift, counts[date, shift], problem.requirements.get((day, index))
        )
        for day, date in enumerate(problem.dates)
        for index, shift in enumerate(problem.shifts)
    }
    return ShiftTable(problem.dates, problem.shifts, cells)


# --- Per interval -----------------------------------------------------------------------


@dataclass(frozen=True)
class IntervalCount:
    """Agents on duty during the whole of one interval of one date, and what is asked.

    ``min`` is the hard head count: the largest interval-coverage minimum of
    the entries that contain the interval, and at least 1 inside a service
    window (enquiries must be answered then). ``preferred`` is the soft head
    count (interval coverage or a call forecast), ``None`` when none is asked.
    """

    date: dt.date
    start: int
    end: int
    on_duty: int
    min: int
    preferred: int | None
    in_window: bool
    required: bool  # an interval-coverage entry (or the forecast) names the interval

    @property
    def label(self) -> str:
        return f"{format_clock(self.start)}-{format_clock(self.end)}"

    @property
    def status(self) -> str:
        if not (self.in_window or self.required):
            return FREE
        return _status(self.on_duty, self.min, None, self.preferred)


@dataclass(frozen=True)
class IntervalRow:
    date: dt.date
    cells: tuple[IntervalCount, ...]


@dataclass(frozen=True)
class IntervalGap:
    """Adjacent intervals of one date below their minimum, merged into one stretch."""

    date: dt.date
    start: int
    end: int
    on_duty: int  # the fewest agents on duty in the stretch
    min: int  # the largest minimum in the stretch

    @property
    def label(self) -> str:
        return f"{format_clock(self.start)}-{format_clock(self.end)}"


@dataclass(frozen=True)
class IntervalTable:
    """Dates by intervals; only the intervals that something is asked of on some date."""

    step: int
    columns: tuple[tuple[int, int], ...]
    rows: tuple[IntervalRow, ...]

    def column_labels(self) -> list[str]:
        return [format_clock(start) for start, _ in self.columns]

    def cell(self, date: dt.date, start: int) -> IntervalCount:
        row = next(row for row in self.rows if row.date == date)
        return next(cell for cell in row.cells if cell.start == start)

    def gaps(self) -> list[IntervalGap]:
        """Every stretch below its minimum, date by date, adjacent intervals merged."""
        found: list[IntervalGap] = []
        for row in self.rows:
            for cell in row.cells:
                if cell.status != GAP:
                    continue
                last = found[-1] if found else None
                if last is not None and last.date == cell.date and last.end == cell.start:
                    found[-1] = IntervalGap(
                        cell.date,
                        last.start,
                        cell.end,
                        min(last.on_duty, cell.on_duty),
                        max(last.min, cell.min),
                    )
                else:
                    found.append(
                        IntervalGap(cell.date, cell.start, cell.end, cell.on_duty, cell.min)
                    )
        return found


def interval_step(instance: Instance) -> int:
    """The finest interval length the instance's interval coverage uses, else 30 minutes."""
    lengths = [entry.interval_minutes for entry in instance.interval_coverage]
    return min(lengths, default=DEFAULT_STEP)


def _window_parts(problem: Problem, day: int) -> list[tuple[int, int]]:
    """The stretches of ``day`` inside a service window: today's windows, and the part of
    yesterday's that runs past midnight (as :mod:`scheduler.explain.gaps` reads them)."""
    date = problem.dates[day]
    today = Weekday.of_index(date.weekday())
    yesterday = Weekday.of_index((date - dt.timedelta(days=1)).weekday())
    parts = []
    for window in problem.instance.service_windows:
        if window.end > window.start:
            if today in window.weekdays:
                parts.append((window.start, window.end))
            continue
        if today in window.weekdays:
            parts.append((window.start, MINUTES_PER_DAY))
        if window.end > 0 and yesterday in window.weekdays:
            parts.append((0, window.end))
    return parts


def _on_duty(
    problem: Problem, worked: Counter[tuple[int, int]], day: int, start: int, end: int
) -> int:
    """Agents whose duty spans all of ``start``-``end`` of ``day``.

    The rule of :class:`scheduler.problem.IntervalRequirement` and the checker:
    a duty started that day, or an overnight duty started the day before (the
    last day for day 0 of a cyclic horizon; nothing before day 0 otherwise).
    """
    count = 0
    previous = day - 1 if day > 0 else (problem.num_days - 1 if problem.cyclic else None)
    for shift, shift_type in enumerate(problem.instance.shift_types):
        if shift_type.start <= start and end <= shift_type.end_after_start:
            count += worked[day, shift]
        if (
            previous is not None
            and shift_type.start <= start + MINUTES_PER_DAY
            and end + MINUTES_PER_DAY <= shift_type.end_after_start
        ):
            count += worked[previous, shift]
    return count


def interval_table(problem: Problem, assignments: Iterable[Assignment]) -> IntervalTable | None:
    """Agents on duty per interval and date; None when nothing is asked of any interval
    (no service window and no interval coverage)."""
    step = interval_step(problem.instance)
    day_of = {date: day for day, date in enumerate(problem.dates)}
    shift_of = {shift: index for index, shift in enumerate(problem.shifts)}
    worked = Counter(
        (day_of[a.date], shift_of[a.shift]) for a in set(assignments) if a.date in day_of
    )
    needs_by_day: dict[int, list[tuple[int, int, int, int | None]]] = {}
    for need in problem.interval_requirements:
        needs_by_day.setdefault(need.day, []).append(
            (need.start, need.end, need.min, need.preferred)
        )
    windows = {day: _window_parts(problem, day) for day in range(problem.num_days)}
    grid = list(pairwise(range(0, MINUTES_PER_DAY + 1, step)))

    def in_window(day: int, start: int, end: int) -> bool:
        return any(low < end and start < high for low, high in windows[day])

    def needs(day: int, start: int, end: int) -> list[tuple[int, int, int, int | None]]:
        return [n for n in needs_by_day.get(day, []) if n[0] <= start and end <= n[1]]

    columns = tuple(
        (start, end)
        for start, end in grid
        if any(
            in_window(day, start, end) or needs(day, start, end) for day in range(problem.num_days)
        )
    )
    if not columns:
        return None
    rows = []
    for day, date in enumerate(problem.dates):
        cells = []
        for start, end in columns:
            found = needs(day, start, end)
            window = in_window(day, start, end)
            preferred = [n[3] for n in found if n[3] is not None]
            cells.append(
                IntervalCount(
                    date=date,
                    start=start,
                    end=end,
                    on_duty=_on_duty(problem, worked, day, start, end),
                    min=max([n[2] for n in found] + [1 if window else 0]),
                    preferred=max(preferred) if preferred else None,
                    in_window=window,
                    required=bool(found),
                )
            )
        rows.append(IntervalRow(date, tuple(cells)))
    return IntervalTable(step, columns, tuple(rows))


# --- The whole report -------------------------------------------------------------------


@dataclass(frozen=True)
class CoverageReport:
    """Everything the coverage page shows about one roster version."""

    problem: Problem
    shifts: ShiftTable
    intervals: IntervalTable | None
    instance_gaps: tuple[CoverageGap, ...]  # open whatever the roster (the instance's own)
    check: CheckReport  # hard rules broken and soft penalties, by the independent checker
    tradeoffs: Tradeoffs  # the penalties by rule, agent and week, and the fairness summary
    service: ServiceReport | None  # against the call forecast, when the instance has one

    @property
    def names(self) -> dict[str, str]:
        return {agent.id: agent.display_name for agent in self.problem.instance.team.agents}

    @property
    def cost_without_agent(self) -> int:
        """What the penalties tied to no agent (coverage, fairness) cost together."""
        return self.tradeoffs.total - sum(self.tradeoffs.by_agent.values())


def coverage_report(instance: Instance, duties: Iterable[Duty]) -> CoverageReport:
    """The coverage, fairness and penalties of the roster ``duties`` (who holds what)."""
    holders = {duty.key: duty.holder for duty in duties}
    assignments = assignments_of(holders)
    scorer = Scorer(instance)  # the checker, with the instance compiled once for every part
    problem = scorer.problem
    checked = scorer.report(holders)
    return CoverageReport(
        problem=problem,
        shifts=shift_table(problem, assignments),
        intervals=interval_table(problem, assignments),
        instance_gaps=find_coverage_gaps(instance, problem),
        check=checked,
        tradeoffs=tradeoffs_of(problem, assignments, checked.penalties),
        service=service_report(instance, assignments, problem),
    )
