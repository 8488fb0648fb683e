"""The compiled problem: a validated instance turned into indices, once.

Agents, shift types and days become integer indices; durations and rests
become real elapsed minutes; coverage entries become one requirement per
(day, shift type); team rules and agents' own limits become one resolved value
per agent. The CP-SAT model and the checker both read this structure, so
neither repeats the time arithmetic or the override logic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from scheduler.instance.clock import MINUTES_PER_DAY, format_clock
from scheduler.instance.models import Forecast, Instance, IntervalCoverage, ShiftType
from scheduler.instance.rules import HardOrSoft, ShiftRequest, Want
from scheduler.timeline import Duty, duty_on, elapsed_minutes


@dataclass(frozen=True)
class Bound:
    """A resolved min/max rule for one agent; ``None`` means no limit on that side."""

    min: int | None
    max: int | None
    hard: bool
    weight: int


@dataclass(frozen=True)
class Requirement:
    """Head count on one shift type on one day: hard min/max and soft preferred."""

    min: int = 0
    max: int | None = None
    preferred: int | None = None
    under_weight: int = 0
    over_weight: int = 0


@dataclass(frozen=True)
class IntervalRequirement:
    """Head count in one interval of one day, and the duties that count for it.

    ``start`` and ``end`` are wall-clock minutes after that day's midnight.
    ``covering`` lists the duties, as (start day, shift), whose wall-clock span
    contains the WHOLE interval: a duty that overlaps only part of it does not
    count. An overnight duty that started the day before counts with its
    previous day (day ``n-1`` for day 0 of a cyclic horizon; nothing before
    day 0 otherwise).
    """

    day: int
    start: int
    end: int
    covering: tuple[tuple[int, int], ...]
    min: int = 0
    preferred: int | None = None
    under_weight: int = 0
    over_weight: int = 0
    forecast: Forecast | None = None
    """The calls behind the head count, for entries made from a demand profile."""

    @property
    def label(self) -> str:
        return f"{format_clock(self.start)}-{format_clock(self.end)}"


@dataclass(frozen=True)
class AgentRules:
    consecutive_working_days: Bound | None
    consecutive_days_off: Bound | None
    minutes_per_week: Bound | None
    minutes_per_horizon: Bound | None
    max_weekends: Bound | None
    max_shifts: dict[int, Bound]  # shift index -> bound with only max set


@dataclass(frozen=True)
class RestConflict:
    """Working ``shift`` on ``day`` and ``later_shift`` on ``later_day`` leaves too little rest.

    ``rest_minutes`` is the real time from the end of the earlier duty to the
    start of the later one; below zero the two duties overlap. ``later_day``
    may be at or past the horizon end in a cyclic problem; take it modulo the
    number of days.
    """

    day: int
    shift: int
    later_day: int
    later_shift: int
    rest_minutes: int


@dataclass(frozen=True)
class Request:
    agent: int
    day: int
    shift: int | None
    want: Want
    weight: int


@dataclass(frozen=True)
class Pin:
    agent: int
    day: int
    shift: int | None


@dataclass(frozen=True)
class Problem:
    instance: Instance
    agents: tuple[str, ...]
    shifts: tuple[str, ...]
    dates: tuple[dt.date, ...]
    cyclic: bool
    minutes: tuple[tuple[int, ...], ...]  # [day][shift] real elapsed minutes
    requirements: dict[tuple[int, int], Requirement]  # (day, shift) -> requirement
    unavailable: frozenset[tuple[int, int]]  # (agent, day)
    pins: tuple[Pin, ...]
    same_day_pairs: frozenset[tuple[int, int]]  # allowed, both orders
    rest_conflicts: tuple[RestConflict, ...]  # pairs closer than rules.min_rest
    overlaps: tuple[RestConflict, ...]  # pairs on different days that overlap in time
    agent_rules: tuple[AgentRules, ...]
    requests: tuple[Request, ...]
    on_call_shifts: frozenset[int] = field(default_factory=frozenset)
    interval_requirements: tuple[IntervalRequirement, ...] = ()

    @property
    def num_days(self) -> int:
        return len(self.dates)

    @property
    def num_weeks(self) -> int:
        return self.num_days // 7

    def week_days(self, week: int) -> range:
        return range(7 * week, 7 * week + 7)

    def weekend_days(self, week: int) -> tuple[int, int]:
        """Saturday and Sunday of a calendar week of the horizon."""
        return 7 * week + 5, 7 * week + 6

    def is_weekend(self, day: int) -> bool:
        return day % 7 >= 5

    def shift_type(self, shift: int) -> ShiftType:
        return self.instance.shift_types[shift]


def compile_problem(instance: Instance) -> Problem:
    zone = instance.team.zone
    shift_types = instance.shift_types
    shift_index = {shift.id: i for i, shift in enumerate(shift_types)}
    agent_index = {agent.id: i for i, agent in enumerate(instance.team.agents)}
    horizon = instance.horizon
    dates = tuple(horizon.start + dt.timedelta(days=d) for d in range(horizon.days))
    day_index = {day: d for d, day in enumerate(dates)}

    @cache  # the rest and overlap pairs look at each duty many times
    def duty(day: int, shift: int) -> Duty:
        # Days past the horizon continue the calendar: the cycle is laid onto
        # the following dates, so the wrap uses real dates as well.
        return duty_on(horizon.start + dt.timedelta(days=day), shift_types[shift], zone)

    minutes = tuple(
        tuple(duty(d, s).minutes for s in range(len(shift_types))) for d in range(len(dates))
    )
    return Problem(
        instance=instance,
        agents=tuple(agent_index),
        shifts=tuple(shift_index),
        dates=dates,
        cyclic=horizon.cyclic,
        minutes=minutes,
        requirements=_requirements(instance, shift_index, dates),
        unavailable=frozenset(
            (agent_index[agent.id], day_index[day])
            for agent in instance.team.agents
            for day in agent.unavailable
        ),
        pins=tuple(
            Pin(
                agent_index[pin.agent],
                day_index[pin.date],
                None if pin.shift is None else shift_index[pin.shift],
            )
            for pin in instance.rules.fixed_assignments
        ),
        same_day_pairs=frozenset(
            pair
            for first, second in instance.rules.allowed_same_day
            for pair in (
                (shift_index[first], shift_index[second]),
                (shift_index[second], shift_index[first]),
            )
        ),
        rest_conflicts=_rest_conflicts(instance, len(dates), duty),
        # An agent cannot be in two places at once: a rest below zero minutes.
        overlaps=_close_pairs(instance, len(dates), duty, min_rest=0),
        agent_rules=tuple(
            _agent_rules(instance, agent_id, shift_index) for agent_id in agent_index
        ),
        requests=tuple(
            _request(request, agent_index, day_index, shift_index)
            for request in instance.rules.requests
        ),
        on_call_shifts=frozenset(i for i, shift in enumerate(shift_types) if shift.on_call),
        interval_requirements=_interval_requirements(instance, dates),
    )


def _requirements(
    instance: Instance, shift_index: dict[str, int], dates: tuple[dt.date, ...]
) -> dict[tuple[int, int], Requirement]:
    by_weekday: dict[tuple[int, int], Requirement] = {}
    by_date: dict[tuple[dt.date, int], Requirement] = {}
    for coverage in instance.coverage:
        requirement = Requirement(
            min=coverage.min,
            max=coverage.max,
            preferred=coverage.preferred,
            under_weight=coverage.under_weight,
            over_weight=coverage.over_weight,
        )
        shift = shift_index[coverage.shift]
        if coverage.dates:
            by_date.update({(day, shift): requirement for day in coverage.dates})
        else:
            by_weekday.update(
                {(weekday.number, shift): requirement for weekday in coverage.weekdays}
            )
    requirements = {}
    for d, day in enumerate(dates):
        for shift in shift_index.values():
            found = by_date.get((day, shift)) or by_weekday.get((day.weekday(), shift))
            if found is not None:
                requirements[d, shift] = found
    return requirements


def _interval_requirements(
    instance: Instance, dates: tuple[dt.date, ...]
) -> tuple[IntervalRequirement, ...]:
    """Every interval with a head count, in day and time order.

    Entries that name a date replace all weekday entries on that date. Duties
    are compared in wall-clock minutes of the day (a DST change does not move
    which intervals a shift spans).
    """
    by_date: dict[dt.date, list[IntervalCoverage]] = {}
    by_weekday: dict[int, list[IntervalCoverage]] = {}
    for entry in instance.interval_coverage:
        if entry.dates:
            for day in entry.dates:
                by_date.setdefault(day, []).append(entry)
        else:
            for weekday in entry.weekdays:
                by_weekday.setdefault(weekday.number, []).append(entry)
    shift_types = instance.shift_types
    num_days = len(dates)
    requirements = []
    for d, date in enumerate(dates):
        entries = by_date.get(date) or by_weekday.get(date.weekday(), [])
        previous = d - 1 if d > 0 else (num_days - 1 if instance.horizon.cyclic else None)
        for entry in entries:
            for start, end in entry.intervals:
                covering = [
                    (d, s)
                    for s, shift in enumerate(shift_types)
                    if shift.start <= start and end <= shift.end_after_start
                ]
                if previous is not None:
                    covering += [
                        (previous, s)
                        for s, shift in enumerate(shift_types)
                        if shift.start <= start + MINUTES_PER_DAY
                        and end + MINUTES_PER_DAY <= shift.end_after_start
                    ]
                requirements.append(
                    IntervalRequirement(
                        day=d,
                        start=start,
                        end=end,
                        covering=tuple(covering),
                        min=entry.min,
                        preferred=entry.preferred,
                        under_weight=entry.under_weight,
                        over_weight=entry.over_weight,
                        forecast=entry.forecast,
                    )
                )
    return tuple(sorted(requirements, key=lambda r: (r.day, r.start)))


def _rest_conflicts(
    instance: Instance, num_days: int, duty: Callable[[int, int], Duty]
) -> tuple[RestConflict, ...]:
    rule = instance.rules.min_rest
    if rule is None or rule.hours <= 0:
        return ()
    return _close_pairs(instance, num_days, duty, min_rest=round(rule.hours * 60))


def _close_pairs(
    instance: Instance, num_days: int, duty: Callable[[int, int], Duty], *, min_rest: int
) -> tuple[RestConflict, ...]:
    """Pairs of duties on different days with less than ``min_rest`` minutes between them.

    The later day runs past the horizon end in a cyclic problem (the caller
    wraps it); otherwise it stops at the last day. Same-day pairs are left out.
    """
    cyclic = instance.horizon.cyclic
    num_shifts = len(instance.shift_types)
    # A duty ends at most two calendar days after its start day begins, so a
    # duty more than 2 + rest/24 days later is always far enough away.
    reach = min(2 + -(-min_rest // (24 * 60)), num_days - 1)
    conflicts = []
    for day in range(num_days):
        last_day = day + reach if cyclic else min(day + reach, num_days - 1)
        for later_day in range(day + 1, last_day + 1):
            for shift in range(num_shifts):
                end = duty(day, shift).end
                for later_shift in range(num_shifts):
                    rest = elapsed_minutes(end, duty(later_day, later_shift).start)
                    if rest < min_rest:
                        conflicts.append(RestConflict(day, shift, later_day, later_shift, rest))
    return tuple(conflicts)


def _bound(rule: HardOrSoft | None, low: int | None, high: int | None) -> Bound | None:
    if low is None and high is None:
        return None
    hard = True if rule is None else rule.hard
    weight = 1 if rule is None else rule.weight
    return Bound(low, high, hard, weight)


def _agent_rules(instance: Instance, agent_id: str, shift_index: dict[str, int]) -> AgentRules:
    rules = instance.rules
    limits = instance.agent(agent_id).limits

    def pick(own: int | None, team: int | None) -> int | None:
        return own if own is not None else team

    def bounds(rule: HardOrSoft | None, own_min: int | None, own_max: int | None) -> Bound | None:
        team_min = getattr(rule, "min", None) if rule is not None else None
        team_max = getattr(rule, "max", None) if rule is not None else None
        return _bound(rule, pick(own_min, team_min), pick(own_max, team_max))

    team_max_shifts = rules.max_shifts_per_type
    max_shifts: dict[int, Bound] = {}
    for shift_id, shift in shift_index.items():
        team = team_max_shifts.max.get(shift_id) if team_max_shifts else None
        bound = _bound(team_max_shifts, None, pick(limits.max_shifts.get(shift_id), team))
        if bound is not None:
            max_shifts[shift] = bound
    return AgentRules(
        consecutive_working_days=bounds(
            rules.consecutive_working_days,
            limits.min_consecutive_working_days,
            limits.max_consecutive_working_days,
        ),
        consecutive_days_off=bounds(
            rules.consecutive_days_off, limits.min_consecutive_days_off, None
        ),
        minutes_per_week=bounds(
            rules.minutes_per_week, limits.min_minutes_per_week, limits.max_minutes_per_week
        ),
        minutes_per_horizon=bounds(
            rules.minutes_per_horizon,
            limits.min_minutes_per_horizon,
            limits.max_minutes_per_horizon,
        ),
        max_weekends=bounds(rules.max_weekends, None, limits.max_weekends),
        max_shifts=max_shifts,
    )


def _request(
    request: ShiftRequest,
    agent_index: dict[str, int],
    day_index: dict[dt.date, int],
    shift_index: dict[str, int],
) -> Request:
    return Request(
        agent=agent_index[request.agent],
        day=day_index[request.date],
        shift=None if request.shift is None else shift_index[request.shift],
        want=request.want,
        weight=request.weight,
    )
