"""The cheapest schedule of one agent, given a price for each duty, by dynamic programming.

One agent's rules (runs of working days and of days off, total minutes,
worked weekends, shifts per type, forbidden successions, unavailable days,
pins) only look at that agent's own days. So, once every duty and every day
off has a price (its request penalties, and whatever else a caller puts on
it), the cheapest schedule that keeps the agent's hard rules is a shortest
path over the days whose states record what those rules need:

- the last day's duty (or off), for forbidden successions;
- the length of the current run of working days or days off, and whether it
  began on the first day (such a run is exempt from the minimum, as the whole
  model has it: the days before the horizon are unknown);
- the resources: minutes worked (in units of the minutes' greatest common
  divisor), weekends worked, and shifts of each type whose maximum can bind.

This is the pricing step of column generation (:mod:`scheduler.columns`,
through :mod:`scheduler.schedule_pricing`) and an exact best response for one agent. It covers the rule families of the
Curtois & Qu benchmark on a plain horizon, all hard; :func:`schedule_space`
returns ``None`` for anything else (soft agent rules, weekly minutes, rest,
days off per week, fairness, two duties a day, a cyclic horizon), and the
callers then leave the problem to CP-SAT.

The states of a day are dense numpy arrays: each rule adds a small axis, so
the work per day is the product of the axes' sizes, and :data:`MAX_STATES`
keeps it bounded.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from scheduler.instance.rules import Want
from scheduler.problem import Bound, Problem
from scheduler.subproblem import OFF

MAX_STATES = 4_000_000
"""Largest state array of one day (work states): above it the problem is left to CP-SAT."""
MAX_COUNTING_STATE_DAYS = 20_000_000
"""Largest (states x days) given count axes: above it the limits stay priced instead
(on Curtois & Qu Instance21, 182 days, such programmes took a second an agent)."""

Costs = npt.NDArray[np.float64]
"""``costs[day, shift]`` for a duty, ``costs[day, num_shifts]`` for a day off."""

_INF = math.inf


@dataclass(frozen=True)
class _Axis:
    """One resource axis: indexes ``0 .. size - 1``; past the end is forbidden unless saturating."""

    size: int
    saturating: bool


@dataclass(frozen=True)
class ScheduleSpace:
    """Everything the dynamic programme needs about one agent, computed once."""

    agent: int
    num_days: int
    num_shifts: int
    allowed: npt.NDArray[np.bool_]
    """``allowed[day, choice]``: the choice (a shift, or ``num_shifts`` for off) is possible."""
    follows: npt.NDArray[np.bool_]
    """``follows[first, then]``: ``then`` may be worked the day after ``first``."""
    units: npt.NDArray[np.int64]
    """``units[day, shift]``: minutes of the duty in units of the axis ``minutes``."""
    min_units: int
    """Fewest minute units in a whole schedule."""
    max_run: int | None
    min_run: int
    max_off: int | None
    min_off: int
    weekend_days: int
    """Days (from the first) whose weekends count: the whole calendar weeks."""
    type_limits: dict[int, int]
    """Maximum count of each shift type whose maximum can bind."""
    counted_types: tuple[int, ...]
    """The types of ``type_limits`` given an axis (see :class:`CheapestSchedules`)."""
    axes: tuple[_Axis, ...]
    """Resource axes: minutes, weekends, then one per counted type."""
    own_costs: Costs
    """The agent's request penalties per day and choice."""

    @property
    def run_size(self) -> int:
        return self.max_run if self.max_run is not None else max(1, self.min_run)

    @property
    def off_size(self) -> int:
        return self.max_off if self.max_off is not None else max(1, self.min_off)

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(axis.size for axis in self.axes)


def dp_supported(problem: Problem) -> bool:
    """Whether every rule of ``problem`` is one :func:`cheapest` keeps."""
    rules = problem.instance.rules
    return not (
        problem.cyclic
        or problem.same_day_pairs
        or problem.rest_conflicts
        or problem.overlaps
        or problem.interval_requirements
        or rules.fairness
        or rules.days_off_per_week is not None
        or any(not succession.hard for succession in rules.forbidden_successions)
        or any(
            rule.minutes_per_week is not None or any(not bound.hard for bound in _bounds(rule))
            for rule in problem.agent_rules
        )
    )


def _bounds(rules: object) -> Iterator[Bound]:
    for name in ("consecutive_working_days", "consecutive_days_off", "minutes_per_horizon", "max_weekends"):  # fmt: skip
        bound = getattr(rules, name)
        if bound is not None:
            yield bound
    yield from rules.max_shifts.values()  # type: ignore[attr-defined]


def schedule_space(problem: Problem, agent: int) -> ScheduleSpace | None:
    """The agent's space of schedules, or ``None`` when the rules or its size are beyond the DP."""
    if not dp_supported(problem):
        return None
    num_days, num_shifts = problem.num_days, len(problem.shifts)
    rules = problem.agent_rules[agent]
    allowed = np.ones((num_days, num_shifts + 1), dtype=bool)
    for shift, bound in rules.max_shifts.items():
        if bound.max == 0:
            allowed[:, shift] = False
    for unavailable_agent, day in problem.unavailable:
        if unavailable_agent == agent:
            allowed[day, :num_shifts] = False
    for pin in problem.pins:
        if pin.agent == agent:
            keep = num_shifts if pin.shift is None else pin.shift
            allowed[pin.day, [c for c in range(num_shifts + 1) if c != keep]] = False
    shift_index = {shift_id: i for i, shift_id in enumerate(problem.shifts)}
    follows = np.ones((num_shifts, num_shifts), dtype=bool)
    for succession in problem.instance.rules.forbidden_successions:
        follows[shift_index[succession.first], shift_index[succession.then]] = False

    minutes = np.array(problem.minutes, dtype=np.int64).reshape(num_days, num_shifts)
    minutes_rule = rules.minutes_per_horizon
    unit = math.gcd(*(int(m) for m in minutes.flat)) or 1
    axes: list[_Axis] = []
    min_units = 0
    if minutes_rule is not None and minutes_rule.max is not None:
        axes.append(_Axis(minutes_rule.max // unit + 1, saturating=False))
        min_units = -(-(minutes_rule.min or 0) // unit)
    elif minutes_rule is not None and minutes_rule.min:
        min_units = -(-minutes_rule.min // unit)
        axes.append(_Axis(min_units + 1, saturating=True))
    else:
        axes.append(_Axis(1, saturating=True))
    units = minutes // unit if axes[0].size > 1 else np.zeros_like(minutes)

    weekend_days = 7 * problem.num_weeks
    weekends = rules.max_weekends
    if weekends is not None and weekends.max is not None and weekends.max < problem.num_weeks:
        axes.append(_Axis(weekends.max + 1, saturating=False))
    else:
        axes.append(_Axis(1, saturating=True))
    type_limits = {}
    for shift, bound in sorted(rules.max_shifts.items()):
        possible = int(allowed[:, shift].sum())
        if minutes_rule is not None and minutes_rule.max is not None:
            possible = min(possible, minutes_rule.max // int(minutes[:, shift].min() or 1))
        if bound.max is not None and 0 < bound.max < possible:
            type_limits[shift] = bound.max
    working_days, days_off = rules.consecutive_working_days, rules.consecutive_days_off
    space = ScheduleSpace(
        agent=agent,
        num_days=num_days,
        num_shifts=num_shifts,
        allowed=allowed,
        follows=follows,
        units=units,
        min_units=min_units,
        max_run=None if working_days is None else working_days.max,
        min_run=0 if working_days is None or working_days.min is None else working_days.min,
        max_off=None if days_off is None else days_off.max,
        min_off=0 if days_off is None or days_off.min is None else days_off.min,
        weekend_days=weekend_days,
        type_limits=type_limits,
        counted_types=(),
        axes=tuple(axes),
        own_costs=_request_costs(problem, agent),
    )
    return space if _states(space) <= MAX_STATES else None


def _states(space: ScheduleSpace) -> int:
    return 2 * space.run_size * space.num_shifts * math.prod(space.shape)


def state_days(space: ScheduleSpace) -> int:
    """Work states of a day times the days: what one programme's time grows with."""
    return _states(space) * space.num_days


def counting(space: ScheduleSpace, types: Iterable[int]) -> ScheduleSpace | None:
    """``space`` with an axis for each of ``types`` as well; ``None`` if that is too large."""
    counted = tuple(sorted(set(space.counted_types) | set(types)))
    axes = space.axes[:2] + tuple(_Axis(space.type_limits[t] + 1, saturating=False) for t in counted)  # fmt: skip
    wider = dataclasses.replace(space, counted_types=counted, axes=axes)
    return wider if state_days(wider) <= MAX_COUNTING_STATE_DAYS else None


def over_limits(space: ScheduleSpace, schedule: Sequence[int]) -> list[int]:
    """The shift types ``schedule`` works more often than their limit."""
    worked = Counter(shift for shift in schedule if shift != OFF)
    return [shift for shift, limit in space.type_limits.items() if worked[shift] > limit]


def _request_costs(problem: Problem, agent: int) -> Costs:
    num_shifts = len(problem.shifts)
    costs = np.zeros((problem.num_days, num_shifts + 1))
    for request in problem.requests:
        if request.agent != agent or not request.weight:
            continue
        # The choices that leave the request unmet pay its weight.
        if request.shift is None:
            unmet = [num_shifts] if request.want is Want.ON else list(range(num_shifts))
        elif request.want is Want.ON:
            unmet = [c for c in range(num_shifts + 1) if c != request.shift]
        else:
            unmet = [request.shift]
        costs[request.day, unmet] += request.weight
    return costs


def _advance(values: npt.NDArray[np.float64], axis: int, by: int, saturating: bool) -> None:
    """Move index ``i`` to ``i + by`` along ``axis``, in place; what falls off is lost
    (or, on a saturating axis, piles up on the last index)."""
    if by == 0:
        return
    size = values.shape[axis]

    def along(part: slice) -> tuple[slice, ...]:
        return tuple(part if i == axis else slice(None) for i in range(values.ndim))

    piled = values[along(slice(max(0, size - by), size))].min(axis=axis, keepdims=True) if saturating else None  # fmt: skip
    if by < size:
        values[along(slice(by, size))] = values[along(slice(0, size - by))]  # numpy copies overlaps
    values[along(slice(0, min(by, size)))] = _INF
    if piled is not None:
        last = values[along(slice(size - 1, size))]
        np.minimum(last, piled, out=last)


@dataclass
class _Day:
    """Cost-to-come of every state at the end of one day."""

    work: npt.NDArray[np.float64]
    """``work[began_first_day, run - 1, last_shift, *resources]``."""
    off: npt.NDArray[np.float64]
    """``off[began_first_day, run - 1, *resources]``."""


def cheapest(space: ScheduleSpace, prices: Costs | None = None) -> tuple[float, list[int]] | None:
    """The schedule of least ``own request costs + prices`` that keeps the agent's hard rules.

    ``prices`` has the shape of :attr:`ScheduleSpace.own_costs`. Returns the
    cost and the schedule (a shift index per day, :data:`OFF` for a day off),
    or ``None`` when no schedule keeps the rules.
    """
    costs = space.own_costs if prices is None else space.own_costs + prices
    costs = np.where(space.allowed, costs, _INF)
    days = _forward(space, costs)
    final = days[-1]
    enough = _enough_minutes(space)
    best_work = np.where(enough, final.work, _INF)
    best_off = np.where(enough, final.off, _INF)
    best = min(float(best_work.min()), float(best_off.min()))
    if not math.isfinite(best):
        return None
    if float(best_work.min()) <= float(best_off.min()):
        state: tuple[str, tuple[int, ...]] = ("work", np.unravel_index(int(best_work.argmin()), best_work.shape))  # type: ignore[assignment]  # fmt: skip
    else:
        state = ("off", np.unravel_index(int(best_off.argmin()), best_off.shape))  # type: ignore[assignment]
    return best, _backtrack(space, costs, days, state)


def _enough_minutes(space: ScheduleSpace) -> npt.NDArray[np.bool_]:
    """Which minute indexes meet the minimum, broadcast over the resource axes."""
    shape = [1] * len(space.axes)
    shape[0] = space.axes[0].size
    return (np.arange(space.axes[0].size) >= space.min_units).reshape(shape)


def _forward(space: ScheduleSpace, costs: Costs) -> list[_Day]:
    num_shifts, runs, offs = space.num_shifts, space.run_size, space.off_size
    shape = space.shape
    start = np.full(shape, _INF)
    start[(0,) * len(shape)] = 0.0
    predecessors = _predecessor_plan(space.follows)
    days: list[_Day] = []
    for day in range(space.num_days):
        work = np.full((2, runs, num_shifts, *shape), _INF)
        off = np.full((2, offs, *shape), _INF)
        # A run of work that began on the first day has ended after ``runs``
        # days (or saturated, when the run has no maximum): past that, only
        # the first half of ``work`` can hold a state.
        began = 2 if day <= runs or space.max_run is None else 1
        saturday = day % 7 == 5 and day < space.weekend_days
        sunday = day % 7 == 6 and day < space.weekend_days
        if day == 0:
            work[1, 0] = start
            off[1, 0] = start
        else:
            previous = days[-1]
            # Working on after working: one longer run, if the succession is allowed.
            after = _best_before(previous.work[:began], predecessors)
            work[:began, 1:] = after[:, :-1]
            if space.max_run is None:
                np.minimum(work[:, runs - 1], after[:, runs - 1], out=work[:, runs - 1])
            ended_off = _runs_long_enough(previous.off, space.min_off).min(axis=(0, 1))
            ended_work = _runs_long_enough(previous.work[:began], space.min_run).min(axis=(0, 1, 2))  # fmt: skip
            if sunday:  # Saturday was off: this Sunday makes the weekend a worked one
                _advance(ended_off, 1, 1, space.axes[1].saturating)
            np.minimum(work[0, 0], ended_off, out=work[0, 0])
            # A day off after a day off: a longer run of days off.
            off[:, 1:] = previous.off[:, :-1]
            if space.max_off is None:
                np.minimum(off[:, offs - 1], previous.off[:, offs - 1], out=off[:, offs - 1])
            np.minimum(off[0, 0], ended_work, out=off[0, 0])
        spent = work[:began]
        if saturday:  # axes: began_first_day, run, last shift, minutes, weekends
            _advance(spent, 4, 1, space.axes[1].saturating)
        for shifts, units in _spending_groups(space, day):
            # One group at a time: shifts of the same minutes move alike.
            chosen = spent[:, :, shifts]
            _advance(chosen, 3, units, space.axes[0].saturating)
            for position, counted in enumerate(space.counted_types):
                if shifts == [counted]:
                    _advance(chosen, 5 + position, 1, saturating=False)
            chosen += costs[day, shifts].reshape(len(shifts), *([1] * len(shape)))
            spent[:, :, shifts] = chosen
        off += costs[day, num_shifts]
        days.append(_Day(work, off))
    return days


_Plan = list[tuple[frozenset[int], frozenset[int] | None, tuple[int, ...]]]


def _predecessor_plan(follows: npt.NDArray[np.bool_]) -> _Plan:
    """How to take, for every shift, the minimum over the shifts it may follow.

    Each distinct set of allowed predecessors is computed once, smallest sets
    first, each from the largest set already computed inside it: forbidden
    successions are usually nested (early after late is forbidden, from one
    shift type on), so most sets cost one more minimum instead of one per member.
    """
    sets: dict[frozenset[int], list[int]] = {}
    for then in range(follows.shape[1]):
        sets.setdefault(frozenset(np.flatnonzero(follows[:, then]).tolist()), []).append(then)
    plan: _Plan = []
    done: list[frozenset[int]] = []
    for members in sorted(sets, key=len):
        base = max((known for known in done if known <= members), key=len, default=None)
        plan.append((members, base, tuple(sets[members])))
        done.append(members)
    return plan


def _best_before(work: npt.NDArray[np.float64], plan: _Plan) -> npt.NDArray[np.float64]:
    """``best[..., then, ...]``: the least ``work[..., first, ...]`` over shifts ``then`` may follow."""
    best = np.full_like(work, _INF)
    computed: dict[frozenset[int], npt.NDArray[np.float64]] = {}
    for members, base, thens in plan:
        extra = sorted(members - base) if base is not None else sorted(members)
        least = None if base is None else computed[base]
        for first in extra:
            least = work[:, :, first] if least is None else np.minimum(least, work[:, :, first])
        if least is None:
            continue  # no shift may come before these
        computed[members] = least
        for then in thens:
            best[:, :, then] = least
    return best


def _runs_long_enough(values: npt.NDArray[np.float64], shortest: int) -> npt.NDArray[np.float64]:
    """``values`` with the runs that may not end yet (too short, not from the first day) forbidden."""
    if shortest <= 1:
        return values
    kept = values.copy()
    kept[0, : shortest - 1] = _INF
    return kept


def _spending_groups(space: ScheduleSpace, day: int) -> list[tuple[list[int], int]]:
    """The shifts of ``day`` grouped by the minute units they use; a counted type stays alone."""
    groups: dict[tuple[int, int], list[int]] = {}
    for shift in range(space.num_shifts):
        alone = shift if shift in space.counted_types else -1
        groups.setdefault((int(space.units[day, shift]), alone), []).append(shift)
    return [(shifts, units) for (units, _alone), shifts in groups.items()]


def _backtrack(
    space: ScheduleSpace, costs: Costs, days: list[_Day], state: tuple[str, tuple[int, ...]]
) -> list[int]:
    """The choices that lead to ``state`` on the last day, found day by day backwards."""
    schedule = [OFF] * space.num_days
    kind, index = state
    for day in range(space.num_days - 1, -1, -1):
        value = (days[day].work if kind == "work" else days[day].off)[index]
        if kind == "work":
            schedule[day] = int(index[2])
        if day == 0:
            break
        for previous in _predecessors(space, day, kind, index):
            previous_kind, previous_index = previous
            stored = days[day - 1].work if previous_kind == "work" else days[day - 1].off
            choice = int(index[2]) if kind == "work" else space.num_shifts
            if math.isclose(stored[previous_index] + costs[day, choice], value, rel_tol=1e-9, abs_tol=1e-6):  # fmt: skip
                kind, index = previous_kind, previous_index
                break
        else:  # pragma: no cover - the forward pass made every state from a predecessor
            raise AssertionError(f"no predecessor for day {day} state {kind} {index}")
    return schedule


def _predecessors(
    space: ScheduleSpace, day: int, kind: str, index: tuple[int, ...]
) -> Iterator[tuple[str, tuple[int, ...]]]:
    """Every state of ``day - 1`` that the forward pass could have moved to ``index`` from."""
    saturday = day % 7 == 5 and day < space.weekend_days
    sunday = day % 7 == 6 and day < space.weekend_days
    if kind == "work":
        began_first, run, shift = int(index[0]), int(index[1]), int(index[2])
        resources = tuple(int(i) for i in index[3:])
        used = [int(space.units[day, shift]), int(saturday)]
        used += [int(counted == shift) for counted in space.counted_types]
        if run > 0 or (space.max_run is None and run == space.run_size - 1):
            runs = [run - 1] if run > 0 else []
            if space.max_run is None and run == space.run_size - 1:
                runs.append(run)
            for previous_run in runs:
                for previous_shift in range(space.num_shifts):
                    if not space.follows[previous_shift, shift]:
                        continue
                    for before in _resources_before(space, resources, used):
                        yield "work", (began_first, previous_run, previous_shift, *before)
        if run == 0 and began_first == 0:
            used[1] = int(saturday or sunday)
            for before in _resources_before(space, resources, used):
                for off_first in (0, 1):
                    for off_run in range(space.off_size):
                        if off_first or off_run + 1 >= space.min_off:
                            yield "off", (off_first, off_run, *before)
        return
    began_first, run = int(index[0]), int(index[1])
    resources = tuple(int(i) for i in index[2:])
    if run > 0:
        yield "off", (began_first, run - 1, *resources)
    if space.max_off is None and run == space.off_size - 1:
        yield "off", (began_first, run, *resources)
    if run == 0 and began_first == 0:
        for work_first in (0, 1):
            for work_run in range(space.run_size):
                if work_first or work_run + 1 >= space.min_run:
                    for shift in range(space.num_shifts):
                        yield "work", (work_first, work_run, shift, *resources)


def _resources_before(
    space: ScheduleSpace, resources: Sequence[int], used: Sequence[int]
) -> Iterator[tuple[int, ...]]:
    """Resource indexes that, after using ``used``, give ``resources``."""
    options = []
    for axis, now, spent in zip(space.axes, resources, used, strict=True):
        exact = now - spent
        choices = [exact] if exact >= 0 else []
        if axis.saturating and now == axis.size - 1:
            choices = list(range(max(0, now - spent), now + 1))
        options.append(choices)
    return itertools.product(*options)
