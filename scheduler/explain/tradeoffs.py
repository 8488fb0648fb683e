"""The trade-offs of a feasible roster: what each penalty means and how evenly work is shared.

:func:`describe_penalty` says one :class:`~scheduler.result.Penalty` in a plain
sentence, with the agent, the week or date, the rule's configured numbers and
the weight. :func:`fairness_summary` counts, from the assignments alone, what
each agent works (duties by shift type, on-call and weekend duties, real
minutes, days and weekends worked) and the smallest, largest and spread of each
measure; it knows nothing of the CP-SAT model, so a hand-made roster can be
summarised too. :func:`tradeoffs` groups a result's penalties by rule, agent
and week next to that summary. Everything is data; the command line prints it
(``cli/tradeoffs.py``) and :meth:`Tradeoffs.to_json` makes it JSON-ready.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from scheduler.export import ordered_penalties
from scheduler.instance.rules import FairnessMethod
from scheduler.messages import CATALOGUE, text
from scheduler.problem import Bound, IntervalRequirement, Problem
from scheduler.result import Assignment, Penalty, Result

T = TypeVar("T")


def agent_label(problem: Problem, agent_id: str) -> str:
    """``name (id)``, or the id alone when the agent has no other name."""
    agent = problem.instance.agent(agent_id)
    return f"{agent.name} ({agent.id})" if agent.name and agent.name != agent.id else agent.id


def rule_label(rule: str, language: str) -> str:
    """The plain-words name of a rule key (``rule.<key>``); the key itself when unknown."""
    key = f"rule.{rule}"
    return text(key, language) if key in CATALOGUE else rule


def week_of(problem: Problem, date: dt.date) -> int:
    """The 1-based calendar week of the horizon that ``date`` falls in."""
    return (date - problem.dates[0]).days // 7 + 1


def _hours(minutes: int) -> str:
    return f"{round(minutes / 60, 2):g}"


# --- Fairness summary -------------------------------------------------------------------


@dataclass(frozen=True)
class AgentLoad:
    """What one agent works over the horizon."""

    agent: str
    name: str  # display name: the agent's name, or the id when it has none
    duties: dict[str, int]  # shift id -> duties, every shift type listed
    on_call: int
    weekend_duties: int  # duties starting on a Saturday or Sunday
    minutes: int  # real elapsed minutes
    days_worked: int
    days_off: int
    weekends_worked: int  # calendar weeks with a duty on Saturday or Sunday

    @property
    def total_duties(self) -> int:
        return sum(self.duties.values())


@dataclass(frozen=True)
class Spread:
    """Smallest and largest value of one measure across agents."""

    min: int
    max: int

    @property
    def spread(self) -> int:
        return self.max - self.min

    @classmethod
    def of(cls, values: Iterable[int]) -> Spread:
        values = list(values)
        return cls(min(values, default=0), max(values, default=0))


@dataclass(frozen=True)
class FairnessSummary:
    """Per agent loads, in agent order, and the range of each shared measure."""

    agents: tuple[AgentLoad, ...]
    on_call: Spread
    weekend_duties: Spread
    minutes: Spread
    duties: Spread

    def load(self, agent_id: str) -> AgentLoad:
        for load in self.agents:
            if load.agent == agent_id:
                return load
        raise KeyError(agent_id)

    def measure(self, name: str) -> Spread:
        """The range of ``on_call``, ``weekend_duties``, ``minutes`` or ``duties``."""
        spreads = {
            "on_call": self.on_call,
            "weekend_duties": self.weekend_duties,
            "minutes": self.minutes,
            "duties": self.duties,
        }
        return spreads[name]


def fairness_summary(problem: Problem, assignments: Iterable[Assignment]) -> FairnessSummary:
    """Count what every agent works in ``assignments`` (see :class:`AgentLoad`)."""
    day_index = {day: d for d, day in enumerate(problem.dates)}
    shift_index = {shift: s for s, shift in enumerate(problem.shifts)}
    duties: dict[str, Counter[str]] = {agent: Counter() for agent in problem.agents}
    on_call: Counter[str] = Counter()
    weekend: Counter[str] = Counter()
    minutes: Counter[str] = Counter()
    worked: dict[str, set[int]] = {agent: set() for agent in problem.agents}
    for assignment in assignments:
        day, shift = day_index[assignment.date], shift_index[assignment.shift]
        duties[assignment.agent][assignment.shift] += 1
        on_call[assignment.agent] += shift in problem.on_call_shifts
        weekend[assignment.agent] += problem.is_weekend(day)
        minutes[assignment.agent] += problem.minutes[day][shift]
        worked[assignment.agent].add(day)
    loads = []
    for agent in problem.agents:
        days = worked[agent]
        loads.append(
            AgentLoad(
                agent=agent,
                name=problem.instance.agent(agent).name or agent,
                duties={shift: duties[agent][shift] for shift in problem.shifts},
                on_call=on_call[agent],
                weekend_duties=weekend[agent],
                minutes=minutes[agent],
                days_worked=len(days),
                days_off=problem.num_days - len(days),
                weekends_worked=sum(
                    any(day in days for day in problem.weekend_days(week))
                    for week in range(problem.num_weeks)
                ),
            )
        )
    return FairnessSummary(
        agents=tuple(loads),
        on_call=Spread.of(load.on_call for load in loads),
        weekend_duties=Spread.of(load.weekend_duties for load in loads),
        minutes=Spread.of(load.minutes for load in loads),
        duties=Spread.of(load.total_duties for load in loads),
    )


# --- One sentence per penalty -----------------------------------------------------------


def describe_penalty(
    penalty: Penalty,
    problem: Problem,
    language: str,
    *,
    fairness: FairnessSummary | None = None,
) -> str:
    """One plain sentence for ``penalty``, from ``tradeoffs.penalty.<rule>``.

    Fairness penalties name the smallest and largest value across agents,
    which only the roster knows: pass its ``fairness`` summary for them.
    """
    values: dict[str, object] = {
        "agent": "" if penalty.agent is None else agent_label(problem, penalty.agent),
        "date": "" if penalty.date is None else penalty.date.isoformat(),
        "week": "" if penalty.date is None else week_of(problem, penalty.date),
        "shift": penalty.shift or "",
        "interval": penalty.interval or "",
        "amount": penalty.amount,
        "weight": penalty.weight,
        "cost": penalty.cost,
    }
    key = f"tradeoffs.penalty.{penalty.rule}"
    if penalty.rule.startswith("request.") and penalty.shift is None:
        key += ".any_shift"
    if penalty.rule.startswith("interval_coverage.") and penalty.interval is None:
        key += ".unknown_interval"  # a result stored before penalties named their interval
    values.update(_rule_values(penalty, problem, language, fairness))
    return text(key, language, **values)


def _rule_values(
    penalty: Penalty, problem: Problem, language: str, fairness: FairnessSummary | None
) -> dict[str, object]:
    """The numbers a rule's sentence needs besides the place, amount and weight."""
    rule, amount = penalty.rule, penalty.amount
    rules = problem.instance.rules
    family, _, side = rule.rpartition(".")
    if rule.startswith("coverage."):
        day, shift = _day(problem, penalty), _shift(problem, penalty)
        requirement = _known(problem.requirements.get((day, shift)), rule)
        preferred = _known(requirement.preferred, rule)
        return {
            "preferred": preferred,
            "count": preferred + (amount if side == "over" else -amount),
        }
    if family == "interval_coverage" and penalty.interval is not None:
        preferred = _known(_interval_requirement(problem, penalty).preferred, rule)
        return {
            "preferred": preferred,
            "count": preferred + (amount if side == "over" else -amount),
        }
    if rule == "min_rest":
        return {"hours": f"{_known(rules.min_rest, rule).hours:g}"}
    if rule == "forbidden_succession":
        thens = [s.then for s in rules.forbidden_successions if s.first == penalty.shift]
        return {"then": " / ".join(dict.fromkeys(thens)) or "?"}
    if family == "days_off_per_week":
        days_off = _known(rules.days_off_per_week, rule)
        required = days_off.min if side == "min" else _known(days_off.preferred, rule)
        worked = 7 - (required - amount)
        phrase = (
            text("tradeoffs.six_day_week", language)
            if worked == 6
            else text("tradeoffs.days_worked", language, days=worked)
        )
        return {"worked": phrase, "min": days_off.min, "preferred": days_off.preferred}
    if family in ("consecutive_working_days", "consecutive_days_off"):
        bound = _bound(problem, penalty, family)
        if side == "max":
            limit = _known(bound.max, rule)
            return {"days": min(limit + 1, problem.num_days), "max": limit}
        limit = _known(bound.min, rule)
        return {"days": limit - amount, "min": limit}
    if rule == "max_weekends":
        limit = _known(_bound(problem, penalty, rule).max, rule)
        return {"weekends": limit + amount, "max": limit}
    if family in ("minutes_per_week", "minutes_per_horizon"):
        bound = _bound(problem, penalty, family)
        limit = _known(bound.min if side == "min" else bound.max, rule)
        minutes = limit - amount if side == "min" else limit + amount
        return {"hours": _hours(minutes), "limit": _hours(limit)}
    if rule == "max_shifts_per_type":
        agent_rules = problem.agent_rules[_agent(problem, penalty)]
        shift_bound = _known(agent_rules.max_shifts.get(_shift(problem, penalty)), rule)
        limit = _known(shift_bound.max, rule)
        return {"count": limit + amount, "max": limit}
    if family == "fairness":
        spread = _known(fairness, rule).measure(side)
        method = next(
            (r.method for r in rules.fairness if r.measure.value == side), FairnessMethod.SPREAD
        )
        low, high = spread.min, spread.max
        return {
            "low": _hours(low) if side == "minutes" else low,
            "high": _hours(high) if side == "minutes" else high,
            "method": text(f"tradeoffs.method.{method.value}", language),
        }
    return {}


def _known(value: T | None, rule: str) -> T:
    if value is None:
        raise ValueError(f"a {rule} penalty that the problem has no rule or place for")
    return value


def _agent(problem: Problem, penalty: Penalty) -> int:
    return problem.agents.index(_known(penalty.agent, penalty.rule))


def _day(problem: Problem, penalty: Penalty) -> int:
    return problem.dates.index(_known(penalty.date, penalty.rule))


def _shift(problem: Problem, penalty: Penalty) -> int:
    return problem.shifts.index(_known(penalty.shift, penalty.rule))


def _interval_requirement(problem: Problem, penalty: Penalty) -> IntervalRequirement:
    day = _day(problem, penalty)
    found = (
        need
        for need in problem.interval_requirements
        if need.day == day and need.label == penalty.interval
    )
    return _known(next(found, None), penalty.rule)


def _bound(problem: Problem, penalty: Penalty, family: str) -> Bound:
    agent_rules = problem.agent_rules[_agent(problem, penalty)]
    bound: Bound | None = getattr(agent_rules, family)
    return _known(bound, penalty.rule)


# --- All trade-offs of a result ---------------------------------------------------------


@dataclass(frozen=True)
class RuleCost:
    """The penalties of one rule key and what they cost together."""

    rule: str
    penalties: tuple[Penalty, ...]

    @property
    def count(self) -> int:
        return len(self.penalties)

    @property
    def cost(self) -> int:
        return sum(penalty.cost for penalty in self.penalties)

    def label(self, language: str) -> str:
        return rule_label(self.rule, language)


@dataclass(frozen=True)
class Tradeoffs:
    """A roster's penalties by rule, agent and week, and how evenly its work is shared.

    ``by_agent`` lists every agent and ``by_week`` every week of the horizon
    (zero when nothing is lost there); penalties without an agent (coverage,
    fairness) or without a date (horizon-wide rules) count in ``total`` only.
    """

    problem: Problem = field(repr=False, compare=False)
    penalties: tuple[Penalty, ...]  # in display order (see scheduler.export.ordered_penalties)
    by_rule: tuple[RuleCost, ...]
    by_agent: dict[str, int]
    by_week: dict[int, int]
    fairness: FairnessSummary

    @property
    def total(self) -> int:
        return sum(penalty.cost for penalty in self.penalties)

    def describe(self, penalty: Penalty, language: str) -> str:
        return describe_penalty(penalty, self.problem, language, fairness=self.fairness)

    def sentences(self, rule: RuleCost, language: str) -> list[str]:
        return [self.describe(penalty, language) for penalty in rule.penalties]

    def to_json(self, language: str) -> dict[str, Any]:
        """Lists and dicts of str, int and float only, texts in ``language``."""
        problem = self.problem
        return {
            "penalties": [
                {
                    "rule": penalty.rule,
                    "label": rule_label(penalty.rule, language),
                    "agent": penalty.agent,
                    "date": None if penalty.date is None else penalty.date.isoformat(),
                    "week": None if penalty.date is None else week_of(problem, penalty.date),
                    "shift": penalty.shift,
                    "interval": penalty.interval,
                    "amount": penalty.amount,
                    "weight": penalty.weight,
                    "cost": penalty.cost,
                    "text": self.describe(penalty, language),
                }
                for penalty in self.penalties
            ],
            "by_rule": [
                {
                    "rule": rule.rule,
                    "label": rule.label(language),
                    "count": rule.count,
                    "cost": rule.cost,
                    "sentences": self.sentences(rule, language),
                }
                for rule in self.by_rule
            ],
            "by_agent": [
                {"agent": agent, "name": agent_label(problem, agent), "cost": cost}
                for agent, cost in self.by_agent.items()
            ],
            "by_week": [
                {
                    "week": week,
                    "start": problem.dates[7 * (week - 1)].isoformat(),
                    "end": problem.dates[7 * week - 1].isoformat(),
                    "cost": cost,
                }
                for week, cost in self.by_week.items()
            ],
            "total": self.total,
            "fairness": _fairness_json(self.fairness),
        }


def _fairness_json(summary: FairnessSummary) -> dict[str, Any]:
    measures = ("duties", "on_call", "weekend_duties", "minutes")
    return {
        "agents": [
            {
                "agent": load.agent,
                "name": load.name,
                "duties": dict(load.duties),
                "total_duties": load.total_duties,
                "on_call": load.on_call,
                "weekend_duties": load.weekend_duties,
                "minutes": load.minutes,
                "days_worked": load.days_worked,
                "days_off": load.days_off,
                "weekends_worked": load.weekends_worked,
            }
            for load in summary.agents
        ],
        "measures": {
            name: {
                "min": summary.measure(name).min,
                "max": summary.measure(name).max,
                "spread": summary.measure(name).spread,
            }
            for name in measures
        },
    }


def tradeoffs(problem: Problem, result: Result) -> Tradeoffs:
    """Group ``result``'s penalties and summarise how its roster shares the work."""
    return tradeoffs_of(problem, result.assignments, result.penalties)


def tradeoffs_of(
    problem: Problem, assignments: Iterable[Assignment], penalties: Sequence[Penalty]
) -> Tradeoffs:
    """:func:`tradeoffs` for any roster and its penalties (e.g. from the checker)."""
    ordered = tuple(ordered_penalties(penalties))
    grouped: dict[str, list[Penalty]] = {}
    for penalty in ordered:
        grouped.setdefault(penalty.rule, []).append(penalty)
    by_agent = dict.fromkeys(problem.agents, 0)
    by_week = dict.fromkeys(range(1, problem.num_weeks + 1), 0)
    for penalty in ordered:
        if penalty.agent is not None:
            by_agent[penalty.agent] += penalty.cost
        if penalty.date is not None:
            by_week[week_of(problem, penalty.date)] += penalty.cost
    return Tradeoffs(
        problem=problem,
        penalties=ordered,
        by_rule=tuple(RuleCost(rule, tuple(group)) for rule, group in grouped.items()),
        by_agent=by_agent,
        by_week=by_week,
        fairness=fairness_summary(problem, assignments),
    )
