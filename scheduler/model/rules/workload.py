"""Minutes worked per week and per horizon, and shifts of each type per agent.

Minutes are real elapsed minutes (``Problem.minutes``). Each bound is hard
(group ``minutes_per_week.max`` ...) or soft: 1 per minute short or over, and
for ``max_shifts_per_type`` 1 per shift over. Weeks are whole calendar weeks;
the horizon total is over all days, so the cyclic wrap plays no part.
"""

from __future__ import annotations

from collections.abc import Iterable

from ortools.sat.python import cp_model

from scheduler.model.bounds import Where, at_least, at_most
from scheduler.model.context import ModelContext, PenaltyTerm, RuleGroup
from scheduler.problem import Bound


def add(ctx: ModelContext) -> list[PenaltyTerm]:
    problem = ctx.problem
    terms: list[PenaltyTerm] = []
    for agent, rules in enumerate(problem.agent_rules):
        if rules.minutes_per_week is not None:
            for week in range(problem.num_weeks):
                days = problem.week_days(week)
                terms += _minutes(ctx, "minutes_per_week", rules.minutes_per_week, agent, days)
        if rules.minutes_per_horizon is not None:
            days = range(problem.num_days)
            terms += _minutes(ctx, "minutes_per_horizon", rules.minutes_per_horizon, agent, days)
        for shift, bound in sorted(rules.max_shifts.items()):
            terms += _shift_count(ctx, bound, agent, shift)
    return terms


def _minutes(
    ctx: ModelContext, rule: str, bound: Bound, agent: int, days: Iterable[int]
) -> list[PenaltyTerm]:
    problem, shift = ctx.problem, ctx.variables.shift
    days = list(days)
    total: cp_model.LinearExprT = sum(
        problem.minutes[day][s] * shift[agent, day, s]
        for day in days
        for s in range(len(problem.shifts))
    )
    upper = sum(sum(problem.minutes[day]) for day in days)
    # The horizon total has no date; a week's is placed on its Monday.
    where = Where(agent, days[0] if rule == "minutes_per_week" else None)
    terms: list[PenaltyTerm] = []
    if bound.min is not None:
        terms += at_least(
            ctx, total, bound.min, rule=f"{rule}.min", hard=bound.hard, weight=bound.weight,
            where=where,
        )  # fmt: skip
    if bound.max is not None:
        terms += at_most(
            ctx, total, bound.max, upper=upper, rule=f"{rule}.max", hard=bound.hard,
            weight=bound.weight, where=where,
        )  # fmt: skip
    return terms


def _shift_count(ctx: ModelContext, bound: Bound, agent: int, shift: int) -> list[PenaltyTerm]:
    problem = ctx.problem
    assert bound.max is not None
    count = sum(ctx.variables.shift[agent, day, shift] for day in range(problem.num_days))
    return at_most(
        ctx, count, bound.max, upper=problem.num_days, rule="max_shifts_per_type",
        hard=bound.hard, weight=bound.weight, where=Where(agent, shift=shift),
        group=RuleGroup("max_shifts_per_type", (problem.shifts[shift],)),
    )  # fmt: skip
