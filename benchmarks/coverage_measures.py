"""How well a plan of duties meets the interval head counts, whoever made the plan.

A plan is a count of duties per (day, shift type): a roster gives it by
counting its assignments, pyworkforce's shift schedulers give it directly
(they choose numbers of people per shift and day, not people). Both are
measured against the compiled problem's interval requirements with roster's
own rule: a duty counts for an interval when it covers all of it. So the two
sides are judged by one yardstick, the instance's under/over weights.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from scheduler.problem import IntervalRequirement, Problem
from scheduler.result import Assignment

Plan = Mapping[tuple[int, int], int]
"""(day index, shift index) -> number of duties."""


@dataclass(frozen=True)
class PlanMeasures:
    """``short`` and ``over`` are summed over intervals, in agent-intervals."""

    duties: int
    paid_hours: float
    busiest_day: int  # duties on the day with most
    fewest_agents: int  # see fewest_agents()
    short: int
    over: int
    intervals_short: int
    intervals_over: int
    coverage_cost: int  # short x under_weight + over x over_weight, per interval
    coverage: tuple[int, ...]  # head count per interval requirement, in problem order


def head_count(requirement: IntervalRequirement) -> int:
    """The number the interval asks for: the soft preferred, else the hard min."""
    return requirement.preferred if requirement.preferred is not None else requirement.min


def plan_of_roster(problem: Problem, assignments: Iterable[Assignment]) -> Plan:
    day_index = {date: day for day, date in enumerate(problem.dates)}
    shift_index = {shift: index for index, shift in enumerate(problem.shifts)}
    return Counter(
        (day_index[assignment.date], shift_index[assignment.shift]) for assignment in assignments
    )


def plan_of_grid(resources: list[list[int]]) -> Plan:
    """pyworkforce's answer, ``resources[day][shift]``."""
    return {
        (day, shift): count
        for day, row in enumerate(resources)
        for shift, count in enumerate(row)
        if count
    }


def measure_plan(problem: Problem, plan: Plan) -> PlanMeasures:
    coverage = tuple(
        sum(plan.get(duty, 0) for duty in requirement.covering)
        for requirement in problem.interval_requirements
    )
    short = over = intervals_short = intervals_over = cost = 0
    for requirement, present in zip(problem.interval_requirements, coverage, strict=True):
        wanted = head_count(requirement)
        missing = max(0, wanted - present)
        extra = max(0, present - wanted)
        short += missing
        over += extra
        intervals_short += missing > 0
        intervals_over += extra > 0
        cost += missing * requirement.under_weight + extra * requirement.over_weight
    per_day = Counter[int]()
    for (day, _), count in plan.items():
        per_day[day] += count
    return PlanMeasures(
        duties=sum(plan.values()),
        paid_hours=sum(_minutes_by_week(problem, plan).values()) / 60,
        busiest_day=max(per_day.values(), default=0),
        fewest_agents=fewest_agents(problem, plan),
        short=short,
        over=over,
        intervals_short=intervals_short,
        intervals_over=intervals_over,
        coverage_cost=cost,
        coverage=coverage,
    )


def fewest_agents(problem: Problem, plan: Plan) -> int:
    """A lower bound on the team that could work the plan under the team's hard rules.

    One duty a day each, so at least the busiest day's duties; and per calendar
    week, the week's duties over the working days the hard minimum of days off
    leaves, and the week's minutes over the hard weekly maximum. Agents' own
    limits, rest and sequence rules are left out, so the true need may be higher.
    """
    rules = problem.instance.rules
    days_off = rules.days_off_per_week
    working_days = 7 - (days_off.min if days_off is not None and days_off.hard else 0)
    minutes_rule = rules.minutes_per_week
    max_minutes = minutes_rule.max if minutes_rule is not None and minutes_rule.hard else None
    duties_by_day = Counter[int]()
    duties_by_week = Counter[int]()
    for (day, _), count in plan.items():
        duties_by_day[day] += count
        duties_by_week[day // 7] += count
    bounds = [max(duties_by_day.values(), default=0)]
    if working_days > 0:
        bounds += [math.ceil(duties / working_days) for duties in duties_by_week.values()]
    if max_minutes:
        minutes_by_week = _minutes_by_week(problem, plan)
        bounds += [math.ceil(minutes / max_minutes) for minutes in minutes_by_week.values()]
    return max(bounds)


def _minutes_by_week(problem: Problem, plan: Plan) -> Counter[int]:
    minutes = Counter[int]()
    for (day, shift), count in plan.items():
        minutes[day // 7] += count * problem.minutes[day][shift]
    return minutes
