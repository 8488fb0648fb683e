"""Re-solve the rest of a published roster after an absence, changing as little as possible.

When an agent is absent and no swap covers the gap, :func:`reroster` derives
an instance from the published one (:func:`derived_instance`) and solves it:

* every day before the absence is frozen: each duty worked then is pinned, and
  so is each day off (a ``shift: null`` pin), so nothing in the past moves;
* the absent agent is unavailable on every day of the absence in the horizon;
* from the first day of the absence on, every duty of the current roster (but
  the absent agent's during the absence) becomes a shift-on request and every
  other (agent, day, shift) a shift-off request, each of weight ``W``.

``W`` is larger than the highest objective any roster of the instance can
score (see :func:`penalty_upper_bound`), so one duty kept is worth more than
every penalty together: the solver minimises the duties removed plus the
duties added first and the instance's own penalties second, a lexicographic
order through weights alone. Requests already in the instance keep their own
weights. The penalty reported is recomputed by :func:`scheduler.check.check`
on the original instance plus the absence, so it never includes the
artificial requests.

The count minimised, duties removed plus duties added, follows the number of
:class:`Change` records exactly when each slot's head count is fixed
(``min == max``, as in the default instance): each change of holder is then one
removal and one addition, and the absent agent's own removals, the same in
every roster, are not counted, so the count is ``2 x changes - that constant``.
Where coverage lets the head count vary, a change may be a lone addition or
removal and the two measures can rank two rosters differently. The requests
number agents x days x shift types from the absence on: a few hundred for the
default instance, which re-solves in 0.05-0.5 s.

Cyclic horizons: the frozen days stay part of the cycle, and the rules that
look across the wrap (rest, successions, consecutive runs) still tie the last
day of the horizon to the pinned day 0. The new end of the cycle must therefore
lead into the unchanged start of the next repetition.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scheduler.check import check
from scheduler.instance import Instance, parse_instance
from scheduler.messages import DEFAULT_LANGUAGE, text
from scheduler.model import build_model
from scheduler.problem import compile_problem
from scheduler.result import Assignment, Status
from scheduler.solve import solve


@dataclass(frozen=True)
class Absence:
    """``agent`` cannot work from ``first`` to ``last`` (both inclusive)."""

    agent: str
    first: dt.date
    last: dt.date


@dataclass(frozen=True, order=True)
class Change:
    """The holder of one duty slot changed: ``before`` -> ``after``; ``None`` is nobody."""

    date: dt.date
    shift: str
    before: str | None
    after: str | None

    def describe(self, language: str = DEFAULT_LANGUAGE) -> str:
        """One line, e.g. ``2026-12-03 A: a3 -> a1``."""
        if self.before is None:
            key = "reroster.added"
        elif self.after is None:
            key = "reroster.removed"
        else:
            key = "reroster.change"
        return text(
            key,
            language,
            date=self.date.isoformat(),
            shift=self.shift,
            before=self.before or "",
            after=self.after or "",
        )


@dataclass(frozen=True)
class Reroster:
    """The new version of a roster after an absence.

    ``assignments`` is the whole new roster; ``changes`` lists every duty slot
    whose holder changed, sorted by date and shift; ``objective`` is the
    penalty of the new roster under the original rules (``None`` without a
    roster). ``status`` is the solver's: FEASIBLE means the time ran out
    before the fewest changes were proven.
    """

    status: Status
    assignments: tuple[Assignment, ...]
    changes: tuple[Change, ...]
    objective: int | None
    wall_time_s: float

    @property
    def changed_duties(self) -> int:
        return len(self.changes)

    def describe(self, language: str = DEFAULT_LANGUAGE) -> list[str]:
        """One line per change; one line saying why there is none otherwise."""
        if not self.status.has_roster:
            return [text("reroster.no_roster", language, status=self.status.value)]
        if not self.changes:
            return [text("reroster.unchanged", language)]
        return [change.describe(language) for change in self.changes]


def reroster(
    instance: Instance,
    assignments: Sequence[Assignment],
    absence: Absence,
    *,
    time_limit: float = 20.0,
    workers: int = 2,
    seed: int = 0,
) -> Reroster:
    """The roster ``assignments`` re-solved around ``absence`` with the fewest changes.

    Raises ValueError for an unknown agent, an absence that ends before it
    starts or one that does not touch the horizon.
    """
    derived = derived_instance(instance, assignments, absence)
    absent_days = set(_absent_days(instance, absence))
    hint = [a for a in assignments if not (a.agent == absence.agent and a.date in absent_days)]
    result = solve(derived, time_limit=time_limit, workers=workers, seed=seed, hint=hint)
    if not result.status.has_roster:
        return Reroster(result.status, (), (), None, result.wall_time_s)
    objective = check(with_absence(instance, absence), result.assignments).objective
    return Reroster(
        status=result.status,
        assignments=result.assignments,
        changes=changes_between(assignments, result.assignments),
        objective=objective,
        wall_time_s=result.wall_time_s,
    )


def derived_instance(
    instance: Instance, assignments: Sequence[Assignment], absence: Absence
) -> Instance:
    """The instance :func:`reroster` solves: past frozen, absence unavailable, changes weighted.

    Public so that the explanation tools can say why no new roster exists.
    """
    _validate(instance, absence)
    base = _frozen_past(with_absence(instance, absence), assignments, absence.first)
    weight = penalty_upper_bound(base) + 1
    current = {(a.agent, a.date, a.shift) for a in assignments}
    absent_days = set(_absent_days(instance, absence))
    data = base.model_dump(mode="json")
    requests: list[dict[str, Any]] = data["rules"]["requests"]
    for agent in instance.team.agents:
        for day in _days_from(instance, absence.first):
            if agent.id == absence.agent and day in absent_days:
                continue  # unavailable anyway: nothing to keep, nothing to avoid
            for shift_type in instance.shift_types:
                worked = (agent.id, day, shift_type.id) in current
                requests.append(
                    {
                        "agent": agent.id,
                        "date": day.isoformat(),
                        "shift": shift_type.id,
                        "want": "on" if worked else "off",
                        "weight": weight,
                    }
                )
    return parse_instance(data)


def with_absence(instance: Instance, absence: Absence) -> Instance:
    """``instance`` with the absent agent unavailable on the days of the absence in the horizon.

    The absent agent's own pins on those days are dropped: an absence overrides them.
    """
    absent_days = set(_absent_days(instance, absence))
    data = instance.model_dump(mode="json")
    for agent in data["team"]["agents"]:
        if agent["id"] == absence.agent:
            known = {dt.date.fromisoformat(d) for d in agent["unavailable"]}
            agent["unavailable"] = sorted(d.isoformat() for d in known | absent_days)
    data["rules"]["fixed_assignments"] = [
        pin
        for pin in data["rules"]["fixed_assignments"]
        if not (pin["agent"] == absence.agent and dt.date.fromisoformat(pin["date"]) in absent_days)
    ]
    return parse_instance(data)


def penalty_upper_bound(instance: Instance) -> int:
    """An objective no roster of ``instance`` can exceed.

    Every penalty amount is a CP-SAT variable (or a linear expression over
    variables) with a finite domain: a shortfall of at most the limit, an
    excess of at most the largest possible value minus the limit, a Boolean for
    a broken succession or request, a spread of at most the largest value. The
    objective is a weighted sum of them, so adding each coefficient times the
    end of its variable's domain that makes the term largest bounds it from
    above for every solution, whatever the rules are. The checker scores a
    roster the same way the model does (docs/rules.md), so the bound holds for
    the recomputed penalty too.
    """
    built = build_model(compile_problem(instance))
    proto = built.model.proto
    if not built.model.has_objective():
        return 0
    objective = proto.objective
    bound = int(objective.offset)
    for reference, coefficient in zip(objective.vars, objective.coeffs, strict=True):
        # The proto's repeated fields do not index from the end: copy first.
        domain = list(proto.variables[_variable_index(reference)].domain)
        low, high = domain[0], domain[-1]
        if reference < 0:  # in a linear expression a negative reference stands for -x
            low, high = -high, -low
        bound += max(coefficient * low, coefficient * high)
    return max(bound, 0)


def _variable_index(reference: int) -> int:
    """The variable index behind a CP-SAT literal or variable reference."""
    return reference if reference >= 0 else -reference - 1


def changes_between(
    before: Sequence[Assignment], after: Sequence[Assignment]
) -> tuple[Change, ...]:
    """Every duty slot whose holders differ, one :class:`Change` per holder replaced.

    Within a slot (date, shift) the holders who left and those who came are
    paired in id order; an unpaired one is a duty removed (``after`` None) or
    added (``before`` None).
    """
    holders_before: dict[tuple[dt.date, str], set[str]] = defaultdict(set)
    holders_after: dict[tuple[dt.date, str], set[str]] = defaultdict(set)
    for assignment in before:
        holders_before[assignment.date, assignment.shift].add(assignment.agent)
    for assignment in after:
        holders_after[assignment.date, assignment.shift].add(assignment.agent)
    changes: list[Change] = []
    for day, shift in sorted(holders_before.keys() | holders_after.keys()):
        old, new = holders_before[day, shift], holders_after[day, shift]
        pairs = itertools.zip_longest(sorted(old - new), sorted(new - old))
        changes += [Change(day, shift, left, came) for left, came in pairs]
    return tuple(changes)


def _frozen_past(instance: Instance, assignments: Sequence[Assignment], first: dt.date) -> Instance:
    """Pin every duty and every day off before ``first``; earlier pins on those days go."""
    horizon = instance.horizon
    past = [
        horizon.start + dt.timedelta(days=offset)
        for offset in range(horizon.days)
        if horizon.start + dt.timedelta(days=offset) < first
    ]
    if not past:
        return instance
    past_set = set(past)
    worked: dict[tuple[str, dt.date], list[str]] = defaultdict(list)
    for assignment in assignments:
        if assignment.date in past_set:
            worked[assignment.agent, assignment.date].append(assignment.shift)
    data = instance.model_dump(mode="json")
    pins: list[dict[str, Any]] = [
        pin
        for pin in data["rules"]["fixed_assignments"]
        if dt.date.fromisoformat(pin["date"]) not in past_set
    ]
    for agent in instance.team.agents:
        for day in past:
            shifts: list[str | None] = list(sorted(worked.get((agent.id, day), []))) or [None]
            pins += [{"agent": agent.id, "date": day.isoformat(), "shift": s} for s in shifts]
    data["rules"]["fixed_assignments"] = pins
    return parse_instance(data)


def _days_from(instance: Instance, first: dt.date) -> list[dt.date]:
    horizon = instance.horizon
    days = (horizon.start + dt.timedelta(days=offset) for offset in range(horizon.days))
    return [day for day in days if day >= first]


def _absent_days(instance: Instance, absence: Absence) -> list[dt.date]:
    return [day for day in _days_from(instance, absence.first) if day <= absence.last]


def _validate(instance: Instance, absence: Absence) -> None:
    try:
        instance.agent(absence.agent)
    except KeyError:
        raise ValueError(f"unknown agent {absence.agent!r}") from None
    if absence.last < absence.first:
        raise ValueError(f"absence ends ({absence.last}) before it starts ({absence.first})")
    if absence.last < instance.horizon.start or absence.first > instance.horizon.end:
        raise ValueError(
            f"absence {absence.first}..{absence.last} is outside the horizon "
            f"{instance.horizon.start}..{instance.horizon.end}"
        )


__all__ = [
    "Absence",
    "Change",
    "Reroster",
    "changes_between",
    "derived_instance",
    "penalty_upper_bound",
    "reroster",
    "with_absence",
]
