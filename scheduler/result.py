"""What a solve returns: status, bounds, the roster and the penalty breakdown.

Results are plain data. Printing lives in ``cli/`` and file formats in
:mod:`scheduler.export`. The same :class:`Penalty` records come out of the
solver's breakdown and out of the independent checker, so the two can be
compared rule by rule.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd


class Status(StrEnum):
    OPTIMAL = "OPTIMAL"
    FEASIBLE = "FEASIBLE"
    INFEASIBLE = "INFEASIBLE"
    UNKNOWN = "UNKNOWN"
    MODEL_INVALID = "MODEL_INVALID"

    @property
    def has_roster(self) -> bool:
        return self in (Status.OPTIMAL, Status.FEASIBLE)


@dataclass(frozen=True, order=True)
class Assignment:
    """Agent works shift type on date (the date the duty starts)."""

    agent: str
    date: dt.date
    shift: str


@dataclass(frozen=True)
class Penalty:
    """One soft-rule violation and its cost.

    ``rule`` is a stable key such as ``coverage.under`` or ``fairness.on_call``
    (see :data:`PENALTY_RULES`); ``agent``, ``date`` and ``shift`` say where,
    when the rule has such a place, and ``interval`` (``HH:MM-HH:MM``, as
    :attr:`scheduler.problem.IntervalRequirement.label` gives it) which
    interval of that date an ``interval_coverage.*`` penalty is for.
    ``amount`` is in the rule's unit (days, minutes, agents ...),
    ``cost = amount * weight`` is what the objective adds.
    """

    rule: str
    amount: int
    weight: int
    agent: str | None = None
    date: dt.date | None = None
    shift: str | None = None
    interval: str | None = None

    @property
    def cost(self) -> int:
        return self.amount * self.weight


PENALTY_RULES: tuple[str, ...] = (
    "coverage.under",
    "coverage.over",
    "interval_coverage.under",
    "interval_coverage.over",
    "min_rest",
    "forbidden_succession",
    "days_off_per_week.min",
    "days_off_per_week.preferred",
    "consecutive_working_days.min",
    "consecutive_working_days.max",
    "consecutive_days_off.min",
    "consecutive_days_off.max",
    "max_weekends",
    "minutes_per_week.min",
    "minutes_per_week.max",
    "minutes_per_horizon.min",
    "minutes_per_horizon.max",
    "max_shifts_per_type",
    "request.on",
    "request.off",
    "fairness.on_call",
    "fairness.weekend_duties",
    "fairness.minutes",
)
"""Every penalty key the solver and the checker may report, in display order."""

HARD_ONLY_RULES: tuple[str, ...] = (
    "same_day",
    "overlap",
    "unavailable",
    "fixed_assignment",
    "coverage.min",
    "coverage.max",
    "interval_coverage.min",
)
"""Rule keys that are always hard: the checker reports them only as violations."""


def cost_by_rule(penalties: Iterable[Penalty]) -> dict[str, int]:
    """Total cost per rule key, leaving out rules that cost nothing."""
    totals: dict[str, int] = defaultdict(int)
    for penalty in penalties:
        totals[penalty.rule] += penalty.cost
    return {rule: cost for rule, cost in totals.items() if cost}


def roster_frame(
    assignments: Iterable[Assignment], agents: Sequence[str], dates: Sequence[dt.date]
) -> pd.DataFrame:
    """Agents x dates, each cell the shift ids worked that day joined by ``+``, or ``""``."""
    cells: dict[tuple[str, dt.date], list[str]] = defaultdict(list)
    for assignment in sorted(assignments):
        cells[assignment.agent, assignment.date].append(assignment.shift)
    data = [["+".join(cells.get((agent, day), [])) for day in dates] for agent in agents]
    frame = pd.DataFrame(data, index=pd.Index(agents, name="agent"), columns=list(dates))
    frame.columns.name = "date"
    return frame


@dataclass(frozen=True)
class Result:
    status: Status
    objective: int | None
    best_bound: float | None
    wall_time_s: float
    assignments: tuple[Assignment, ...]
    penalties: tuple[Penalty, ...]
    agents: tuple[str, ...]
    dates: tuple[dt.date, ...]

    @property
    def gap(self) -> float | None:
        """Relative gap between objective and bound (0 when proven optimal)."""
        if self.objective is None or self.best_bound is None:
            return None
        if self.objective == 0:
            return 0.0 if self.best_bound >= 0 else None
        return max(0.0, (self.objective - self.best_bound) / abs(self.objective))

    @property
    def roster(self) -> pd.DataFrame:
        """The roster as agents x dates (see :func:`roster_frame`)."""
        return roster_frame(self.assignments, self.agents, self.dates)

    def cost_by_rule(self) -> dict[str, int]:
        return cost_by_rule(self.penalties)
