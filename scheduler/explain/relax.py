"""Ways out of a conflict: changes to the instance, each verified by a real solve.

For every rule group in the conflict we propose the smallest changes a
supervisor would consider (one step looser, the rule made a preference, a
shift pair allowed on one day, a coverage head count lowered on one weekday or
on one interval of one weekday, a person's dates freed) and, for any
conflict, one more agent like the first.
Each change is applied to a copy of the instance, validated like a file, and
solved; only a roster found counts as verified. Ranking: verified first, then
by how small the change is (``size``: 1 loosen a number, 2 allow a pair or
drop a succession, 3 make a rule soft, 4 add an agent, 5 lower coverage,
6 change a person's dates), then by the cost of the roster it yields.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from scheduler.explain.describe import describe_groups
from scheduler.explain.staffing import with_extra_agents
from scheduler.instance import InstanceError, parse_instance
from scheduler.instance.clock import format_clock, parse_clock
from scheduler.instance.models import Instance
from scheduler.messages import text
from scheduler.model.context import UNRELAXABLE_RULES, RuleGroup
from scheduler.problem import compile_problem
from scheduler.result import Result, Status
from scheduler.solve import solve

SOFT_WEIGHT = 100
"""Weight given to a rule made soft, or to a minimum kept as a preference."""

Data = dict[str, Any]


@dataclass(frozen=True)
class Candidate:
    change: str  # what changes in the file, e.g. "rules.days_off_per_week.min: 2 -> 1"
    size: int
    data: Data
    key: str  # message key of the plain-words text
    values: tuple[tuple[str, object], ...]


@dataclass(frozen=True)
class Relaxation:
    change: str
    size: int
    proposal: str  # the change in plain words
    outcome: str  # what the verifying solve found, in plain words
    verified: bool
    status: Status
    objective: int | None
    main_penalties: tuple[tuple[str, int], ...]
    instance: Instance

    @property
    def text(self) -> str:
        return f"{self.proposal}: {self.outcome}"

    def to_json(self) -> dict[str, Any]:
        return {
            "change": self.change,
            "verified": self.verified,
            "objective": self.objective,
            "text": self.text,
            "size": self.size,
            "status": self.status.value,
            "penalties": [{"rule": rule, "cost": cost} for rule, cost in self.main_penalties],
        }


def propose_relaxations(
    instance: Instance,
    conflict: tuple[RuleGroup, ...],
    language: str = "en",
    *,
    time_limit: float = 5.0,
    workers: int = 2,
    seed: int = 0,
) -> tuple[Relaxation, ...]:
    """Every candidate change for ``conflict``, solved and ranked."""
    data = instance.model_dump(mode="json")
    groups = _representatives(conflict)
    candidates = [c for group in groups for c in _for_group(data, group, instance, language)]
    candidates.append(_add_agent(instance))
    seen: set[str] = set()
    relaxations = []
    for candidate in candidates:
        if candidate.change in seen:
            continue
        seen.add(candidate.change)
        relaxed = _validated(candidate.data)
        if relaxed is None:
            continue
        result = solve(relaxed, time_limit=time_limit, workers=workers, seed=seed)
        relaxations.append(_verified(candidate, relaxed, result, language))
    return tuple(
        sorted(
            relaxations,
            key=lambda r: (not r.verified, r.size, r.objective if r.objective is not None else 0),
        )
    )


def _representatives(conflict: tuple[RuleGroup, ...]) -> list[RuleGroup]:
    """The conflict with coverage groups thinned to one weekday per shift type.

    Lowering coverage on any one of the weekdays in a conflict is the same
    kind of change; trying each would cost a solve per weekday. The last
    weekday (Sunday first, the quietest day in most call centres) stands for all.
    """
    coverage: dict[tuple[str, str], RuleGroup] = {}
    others = []
    for group in conflict:
        if group.rule.startswith("coverage."):
            key = (group.rule, group.scope[0])
            if key not in coverage or _weekday_rank(group) > _weekday_rank(coverage[key]):
                coverage[key] = group
        else:
            others.append(group)
    return [*others, *coverage.values()]


def _weekday_rank(group: RuleGroup) -> int:
    return ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].index(group.scope[1])


def _validated(data: Data) -> Instance | None:
    try:
        return parse_instance(data, "relaxation")
    except InstanceError:
        return None  # the change would not make a valid file: not worth proposing


def _verified(candidate: Candidate, relaxed: Instance, result: Result, language: str) -> Relaxation:
    values = dict(candidate.values)
    costs = sorted(result.cost_by_rule().items(), key=lambda item: -item[1])[:3]
    outcome_key = "explain.outcome.roster" if result.status.has_roster else "explain.outcome.none"
    if result.status.has_roster:
        days_off = _days_off_outcome(candidate, relaxed, result, language)
        if days_off:
            outcome_key, values = days_off
    outcome = text(outcome_key, language, objective=result.objective, **values)
    return Relaxation(
        change=candidate.change,
        size=candidate.size,
        proposal=text(candidate.key, language, **dict(candidate.values)),
        outcome=outcome,
        verified=result.status.has_roster,
        status=result.status,
        objective=result.objective,
        main_penalties=tuple(costs),
        instance=relaxed,
    )


def _days_off_outcome(
    candidate: Candidate, relaxed: Instance, result: Result, language: str
) -> tuple[str, dict[str, object]] | None:
    """For a lowered days-off minimum: how many agent-weeks fall back to it."""
    if not candidate.change.startswith("rules.days_off_per_week.min"):
        return None
    rule = relaxed.rules.days_off_per_week
    assert rule is not None
    short = sum(1 for p in result.penalties if p.rule == "days_off_per_week.preferred")
    weeks = relaxed.horizon.weeks
    key = "explain.outcome.short_weeks_each" if short == weeks else "explain.outcome.short_weeks"
    values: dict[str, object] = {"count": short, "weeks": weeks, "days": 7 - rule.min}
    return key, values


# ---- candidates per rule group -------------------------------------------------------------

Generator = Callable[[Data, RuleGroup, Instance, str], Iterator[Candidate]]


def _for_group(
    data: Data, group: RuleGroup, instance: Instance, language: str
) -> Iterator[Candidate]:
    if group.rule in UNRELAXABLE_RULES:
        return iter(())
    generator = _GENERATORS.get(group.rule)
    if generator is None:
        return _bounds(data, group, instance, language)
    return generator(data, group, instance, language)


def _candidate(data: Data, change: str, size: int, key: str, **values: object) -> Candidate:
    return Candidate(change, size, data, key, tuple(values.items()))


def _make_soft(
    data: Data, section: str, group: RuleGroup, instance: Instance, language: str
) -> Candidate:
    relaxed = copy.deepcopy(data)
    rule = relaxed["rules"][section]
    rule["hard"] = False
    rule["weight"] = max(int(rule.get("weight", 1)), SOFT_WEIGHT)
    return _candidate(
        relaxed,
        f"rules.{section}: hard -> soft (weight {rule['weight']})",
        3,
        "explain.relax.make_soft",
        rule=describe_groups([group], compile_problem(instance), language)[0].text,
        weight=rule["weight"],
    )


def _days_off(
    data: Data, group: RuleGroup, instance: Instance, language: str
) -> Iterator[Candidate]:
    rule = instance.rules.days_off_per_week
    if rule is None or rule.min == 0:
        return
    relaxed = copy.deepcopy(data)
    section = relaxed["rules"]["days_off_per_week"]
    section["min"] = rule.min - 1
    if rule.preferred is None or rule.preferred < rule.min:
        section["preferred"] = rule.min
        section["preferred_weight"] = max(rule.preferred_weight, SOFT_WEIGHT)
    yield _candidate(
        relaxed,
        f"rules.days_off_per_week.min: {rule.min} -> {rule.min - 1}",
        1,
        "explain.relax.days_off",
        old=rule.min,
        new=rule.min - 1,
    )
    yield _make_soft(data, "days_off_per_week", group, instance, language)


def _same_day(
    data: Data, group: RuleGroup, instance: Instance, language: str
) -> Iterator[Candidate]:
    first, second = sorted(group.scope, key=lambda s: instance.shift_type(s).start)
    relaxed = copy.deepcopy(data)
    relaxed["rules"]["allowed_same_day"] = [*relaxed["rules"]["allowed_same_day"], [first, second]]
    early, late = instance.shift_type(first), instance.shift_type(second)
    yield _candidate(
        relaxed,
        f"rules.allowed_same_day: + [{first}, {second}]",
        2,
        "explain.relax.same_day",
        first=first,
        second=second,
        first_hours=f"{format_clock(early.start)}-{format_clock(early.end)}",
        second_hours=f"{format_clock(late.start)}-{format_clock(late.end)}",
        first_where=text(f"explain.where.{early.location.value}", language),
        second_where=text(f"explain.where.{late.location.value}", language),
    )


def _coverage(
    data: Data, group: RuleGroup, instance: Instance, language: str
) -> Iterator[Candidate]:
    shift, weekday = group.scope
    step = -1 if group.rule == "coverage.min" else 1
    bound = "min" if step < 0 else "max"
    relaxed = copy.deepcopy(data)
    entries = relaxed["coverage"]
    for index, entry in enumerate(entries):
        if entry["shift"] != shift or entry["dates"] or weekday not in entry["weekdays"]:
            continue
        old = entry[bound]
        if old is None or old + step < 0:
            return
        entry["weekdays"] = [day for day in entry["weekdays"] if day != weekday]
        single = {**copy.deepcopy(entry), "weekdays": [weekday], bound: old + step}
        if bound == "min" and single["max"] is not None and single["max"] < single["min"]:
            single["max"] = single["min"]
        entries.insert(index + 1, single)
        if not entry["weekdays"]:
            entries.pop(index)
        yield _candidate(
            relaxed,
            f"coverage[{shift},{weekday}].{bound}: {old} -> {old + step}",
            5,
            f"explain.relax.coverage.{bound}",
            shift=shift,
            day=text(f"explain.weekday.{weekday}", language),
            old=old,
            new=old + step,
        )
        return


def _interval_coverage(
    data: Data, group: RuleGroup, instance: Instance, language: str
) -> Iterator[Candidate]:
    """Lower the hard minimum by one on one interval of one weekday.

    The weekday entry that sets the interval loses that weekday, and a copy for
    that weekday alone is split around the interval, which gets ``min - 1``.
    """
    weekday, interval = group.scope
    first, last = (parse_clock(part, allow_midnight_end=True) for part in interval.split("-"))
    relaxed = copy.deepcopy(data)
    entries = relaxed["interval_coverage"]
    for index, entry in enumerate(entries):
        start = parse_clock(entry["start"], allow_midnight_end=False)
        end = parse_clock(entry["end"], allow_midnight_end=True)
        if entry["dates"] or weekday not in entry["weekdays"] or not start <= first < end:
            continue
        old = entry["min"]
        if old <= 0:
            return
        entry["weekdays"] = [day for day in entry["weekdays"] if day != weekday]
        pieces = [(start, first, old), (first, last, old - 1), (last, end, old)]
        singles = [
            {
                **copy.deepcopy(entry),
                "weekdays": [weekday],
                "start": format_clock(low),
                "end": format_clock(high),
                "min": value,
            }
            for low, high, value in pieces
            if low < high
        ]
        entries[index + 1 : index + 1] = singles
        if not entry["weekdays"]:
            entries.pop(index)
        yield _candidate(
            relaxed,
            f"interval_coverage[{weekday},{interval}].min: {old} -> {old - 1}",
            5,
            "explain.relax.interval_coverage.min",
            interval=interval,
            day=text(f"explain.weekday.{weekday}", language),
            old=old,
            new=old - 1,
        )
        return


def _succession(
    data: Data, group: RuleGroup, instance: Instance, language: str
) -> Iterator[Candidate]:
    first, then = group.scope
    relaxed = copy.deepcopy(data)
    relaxed["rules"]["forbidden_successions"] = [
        s
        for s in relaxed["rules"]["forbidden_successions"]
        if not (s["first"] == first and s["then"] == then)
    ]
    yield _candidate(
        relaxed,
        f"rules.forbidden_successions: - [{first}, {then}]",
        2,
        "explain.relax.succession",
        first=first,
        then=then,
    )


def _min_rest(
    data: Data, group: RuleGroup, instance: Instance, language: str
) -> Iterator[Candidate]:
    rule = instance.rules.min_rest
    if rule is None:
        return
    # The longest rest that is still too short today becomes allowed.
    rests = [c.rest_minutes for c in compile_problem(instance).rest_conflicts if c.rest_minutes > 0]
    if rests:
        hours = max(rests) / 60
        relaxed = copy.deepcopy(data)
        relaxed["rules"]["min_rest"]["hours"] = hours
        yield _candidate(
            relaxed,
            f"rules.min_rest.hours: {rule.hours:g} -> {hours:g}",
            1,
            "explain.relax.min_rest",
            old=f"{rule.hours:g}",
            new=f"{hours:g}",
        )
    yield _make_soft(data, "min_rest", group, instance, language)


def _unavailable(
    data: Data, group: RuleGroup, instance: Instance, language: str
) -> Iterator[Candidate]:
    (agent,) = group.scope
    relaxed = copy.deepcopy(data)
    for entry in relaxed["team"]["agents"]:
        if entry["id"] == agent:
            entry["unavailable"] = []
    yield _candidate(
        relaxed,
        f"team.agents[{agent}].unavailable: -> []",
        6,
        "explain.relax.unavailable",
        agent=agent,
    )


def _pin(data: Data, group: RuleGroup, instance: Instance, language: str) -> Iterator[Candidate]:
    agent, date = group.scope
    relaxed = copy.deepcopy(data)
    relaxed["rules"]["fixed_assignments"] = [
        pin
        for pin in relaxed["rules"]["fixed_assignments"]
        if not (pin["agent"] == agent and pin["date"] == date)
    ]
    yield _candidate(
        relaxed,
        f"rules.fixed_assignments: - [{agent}, {date}]",
        6,
        "explain.relax.pin",
        agent=agent,
        date=date,
    )


def _bounds(data: Data, group: RuleGroup, instance: Instance, language: str) -> Iterator[Candidate]:
    """Min/max rules: one step looser on the team value (or on each agent's own), or soft."""
    section, _, side = group.rule.rpartition(".")
    if group.rule == "max_weekends":
        section, side = "max_weekends", "max"
    elif group.rule == "max_shifts_per_type":
        yield from _max_shifts(data, group, instance, language)
        return
    rule = data["rules"].get(section)
    step = _step(instance, section) * (1 if side == "max" else -1)
    relaxed = copy.deepcopy(data)
    changed = []
    if rule is not None and rule.get(side) is not None:
        new = max(rule[side] + step, 0 if side == "max" else 1 if "consecutive" in section else 0)
        changed.append(f"rules.{section}.{side}: {rule[side]} -> {new}")
        relaxed["rules"][section][side] = new
    limit = _agent_limit_name(section, side)
    for entry in relaxed["team"]["agents"]:
        own = entry["limits"].get(limit)
        if limit and own is not None:
            entry["limits"][limit] = max(own + step, 0)
            changed.append(f"team.agents[{entry['id']}].limits.{limit}: {own} -> {own + step}")
    if changed:
        yield _candidate(
            relaxed,
            "; ".join(changed),
            1,
            "explain.relax.bound",
            rule=text(f"rule.{group.rule}", language),
            changes="; ".join(changed),
        )
    if rule is not None:
        yield _make_soft(data, section, group, instance, language)


def _max_shifts(
    data: Data, group: RuleGroup, instance: Instance, language: str
) -> Iterator[Candidate]:
    (shift,) = group.scope
    relaxed = copy.deepcopy(data)
    changed = []
    team = relaxed["rules"].get("max_shifts_per_type")
    if team is not None and shift in team["max"]:
        changed.append(
            f"rules.max_shifts_per_type.max.{shift}: {team['max'][shift]} -> {team['max'][shift] + 1}"
        )
        team["max"][shift] += 1
    for entry in relaxed["team"]["agents"]:
        own = entry["limits"]["max_shifts"].get(shift)
        if own is not None:
            entry["limits"]["max_shifts"][shift] = own + 1
            changed.append(
                f"team.agents[{entry['id']}].limits.max_shifts.{shift}: {own} -> {own + 1}"
            )
    if changed:
        yield _candidate(
            relaxed,
            "; ".join(changed),
            1,
            "explain.relax.bound",
            rule=text("rule.max_shifts_per_type", language),
            changes="; ".join(changed),
        )


def _step(instance: Instance, section: str) -> int:
    """One step of a bound: a day, a weekend, or the shortest shift's minutes."""
    if section.startswith("minutes_"):
        minutes = compile_problem(instance).minutes
        return min(m for day in minutes for m in day)
    return 1


def _agent_limit_name(section: str, side: str) -> str:
    names = {
        ("consecutive_working_days", "min"): "min_consecutive_working_days",
        ("consecutive_working_days", "max"): "max_consecutive_working_days",
        ("consecutive_days_off", "min"): "min_consecutive_days_off",
        ("max_weekends", "max"): "max_weekends",
        ("minutes_per_week", "min"): "min_minutes_per_week",
        ("minutes_per_week", "max"): "max_minutes_per_week",
        ("minutes_per_horizon", "min"): "min_minutes_per_horizon",
        ("minutes_per_horizon", "max"): "max_minutes_per_horizon",
    }
    return names.get((section, side), "")


def _add_agent(instance: Instance) -> Candidate:
    template = instance.team.agents[0]
    grown = with_extra_agents(instance, template.id, 1)
    added = grown.team.agents[-1]
    return _candidate(
        grown.model_dump(mode="json"),
        f"team.agents: + {added.id} (like {template.id})",
        4,
        "explain.relax.add_agent",
        template=template.id,
    )


_GENERATORS: dict[str, Generator] = {
    "days_off_per_week.min": _days_off,
    "same_day": _same_day,
    "coverage.min": _coverage,
    "coverage.max": _coverage,
    "interval_coverage.min": _interval_coverage,
    "forbidden_succession": _succession,
    "min_rest": _min_rest,
    "unavailable": _unavailable,
    "fixed_assignment": _pin,
}
