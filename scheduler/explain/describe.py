"""Rule groups in plain words, the way a supervisor names them.

Coverage groups come one per shift type and weekday from the model; here they
are merged into "at least 1 on C every day" so that a conflict over 21
coverage groups reads as three lines. Interval coverage groups (weekday,
interval) merge the same way: "at least 2 agent(s) on Mondays 12:00-12:30". Numbers are the team's values from the
instance; where only agents' own limits exist, the text says so.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from scheduler.instance.clock import ALL_WEEKDAYS
from scheduler.messages import text
from scheduler.model.context import RuleGroup
from scheduler.problem import Problem


@dataclass(frozen=True)
class ConflictItem:
    rule: str
    scope: tuple[str, ...]
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "scope": list(self.scope), "text": self.text}


def describe_groups(
    groups: Iterable[RuleGroup], problem: Problem, language: str
) -> tuple[ConflictItem, ...]:
    """One item per group, coverage groups of one shift and head count merged."""
    items: list[ConflictItem] = []
    coverage: dict[tuple[str, str, int], list[str]] = defaultdict(list)
    intervals: dict[tuple[str, int], list[str]] = defaultdict(list)
    for group in sorted(groups):
        if group.rule in ("coverage.min", "coverage.max"):
            shift, weekday = group.scope
            coverage[group.rule, shift, _head_count(problem, group)].append(weekday)
        elif group.rule == "interval_coverage.min":
            weekday, interval = group.scope
            intervals[interval, _interval_min(problem, weekday, interval)].append(weekday)
        else:
            items.append(ConflictItem(group.rule, group.scope, _describe(group, problem, language)))
    for (rule, shift, count), weekdays in coverage.items():
        ordered = [day.value for day in ALL_WEEKDAYS if day.value in weekdays]
        bound = "min" if rule == "coverage.min" else "max"
        values = {bound: count, "shift": shift, "days": _days(ordered, language)}
        items.append(
            ConflictItem(rule, (shift, *ordered), text(f"explain.group.{rule}", language, **values))
        )
    for (interval, count), weekdays in intervals.items():
        ordered = [day.value for day in ALL_WEEKDAYS if day.value in weekdays]
        values = {"min": count, "interval": interval, "days": _days(ordered, language)}
        items.append(
            ConflictItem(
                "interval_coverage.min",
                (*ordered, interval),
                text("explain.group.interval_coverage.min", language, **values),
            )
        )
    return tuple(sorted(items, key=lambda item: (item.rule, item.scope)))


def _interval_min(problem: Problem, weekday: str, interval: str) -> int:
    """The largest hard minimum of ``interval`` on any ``weekday`` of the horizon."""
    return max(
        (
            need.min
            for need in problem.interval_requirements
            if need.label == interval
            and ALL_WEEKDAYS[problem.dates[need.day].weekday()].value == weekday
        ),
        default=0,
    )


def _head_count(problem: Problem, group: RuleGroup) -> int:
    shift_id, weekday = group.scope
    shift = problem.shifts.index(shift_id)
    for day, date in enumerate(problem.dates):
        if ALL_WEEKDAYS[date.weekday()].value == weekday:
            requirement = problem.requirements.get((day, shift))
            if requirement is not None:
                if group.rule == "coverage.min":
                    return requirement.min
                return requirement.max if requirement.max is not None else 0
    return 0


def _days(weekdays: Sequence[str], language: str) -> str:
    if len(weekdays) == 7:
        return text("explain.every_day", language)
    names = [text(f"explain.weekday.{day}", language) for day in weekdays]
    return text(
        "explain.on_days", language, days=text("explain.list_separator", language).join(names)
    )


def _describe(group: RuleGroup, problem: Problem, language: str) -> str:
    rules = problem.instance.rules
    key = f"explain.group.{group.rule}"
    if group.rule == "same_day":
        first, second = group.scope
        return text(key, language, first=first, second=second)
    if group.rule == "unavailable":
        (agent,) = group.scope
        dates = problem.instance.agent(agent).unavailable
        return text(key, language, agent=_agent(problem, agent), dates=_date_ranges(dates))
    if group.rule == "fixed_assignment":
        agent, date = group.scope
        pins = [
            p for p in rules.fixed_assignments if p.agent == agent and p.date.isoformat() == date
        ]
        shifts = [p.shift for p in pins if p.shift is not None]
        if not shifts:
            return text(f"{key}.off", language, agent=_agent(problem, agent), date=date)
        return text(
            f"{key}.shift",
            language,
            agent=_agent(problem, agent),
            date=date,
            shift="+".join(shifts),
        )
    if group.rule == "min_rest":
        hours = rules.min_rest.hours if rules.min_rest else 0
        return text(key, language, hours=f"{hours:g}")
    if group.rule == "forbidden_succession":
        first, then = group.scope
        return text(key, language, first=first, then=then)
    if group.rule == "days_off_per_week.min":
        return text(
            key, language, min=rules.days_off_per_week.min if rules.days_off_per_week else 0
        )
    if group.rule == "max_shifts_per_type":
        (shift,) = group.scope
        team = rules.max_shifts_per_type.max.get(shift) if rules.max_shifts_per_type else None
        return text(key, language, shift=shift, value=_value(team, language))
    return text(key, language, value=_value(_team_bound(problem, group.rule), language))


def _team_bound(problem: Problem, rule: str) -> int | float | None:
    """The team-wide number of a min/max rule, in the unit the description uses (hours)."""
    name, _, side = rule.rpartition(".")
    if rule == "max_weekends":
        found = problem.instance.rules.max_weekends
        return found.max if found else None
    section = getattr(problem.instance.rules, name, None)
    value: int | None = getattr(section, side, None) if section is not None else None
    if value is not None and name.startswith("minutes_"):
        return round(value / 60, 2)
    return value


def _value(value: int | float | None, language: str) -> str:
    return text("explain.own_limits", language) if value is None else f"{value:g}"


def _agent(problem: Problem, agent_id: str) -> str:
    agent = problem.instance.agent(agent_id)
    return f"{agent.name} ({agent.id})" if agent.name else agent.id


def _date_ranges(dates: Iterable[dt.date]) -> str:
    """2026-12-01, 2026-12-02, 2026-12-03, 2026-12-07 -> '2026-12-01..03, 2026-12-07'."""
    ordered = sorted(set(dates))
    ranges: list[tuple[dt.date, dt.date]] = []
    for day in ordered:
        if ranges and day - ranges[-1][1] == dt.timedelta(days=1):
            ranges[-1] = (ranges[-1][0], day)
        else:
            ranges.append((day, day))
    parts = []
    for first, last in ranges:
        if first == last:
            parts.append(first.isoformat())
        elif (first.year, first.month) == (last.year, last.month):
            parts.append(f"{first.isoformat()}..{last.day:02d}")
        else:
            parts.append(f"{first.isoformat()}..{last.isoformat()}")
    return ", ".join(parts)
