"""Days off in each calendar week of the horizon.

``off_w = 7 - sum of works`` over week ``w``. ``min`` is hard (group
``days_off_per_week.min``) or soft (1 per day short); ``preferred`` is always
soft at ``preferred_weight`` per day short. Weeks are whole, so neither the
horizon ends nor the cyclic wrap change anything.
"""

from __future__ import annotations

from scheduler.model.bounds import Where, at_least
from scheduler.model.context import ModelContext, PenaltyTerm


def add(ctx: ModelContext) -> list[PenaltyTerm]:
    problem, works = ctx.problem, ctx.variables.works
    rule = problem.instance.rules.days_off_per_week
    if rule is None:
        return []
    terms: list[PenaltyTerm] = []
    for agent in range(len(problem.agents)):
        for week in range(problem.num_weeks):
            days = problem.week_days(week)
            off = 7 - sum(works[agent, day] for day in days)
            where = Where(agent, days[0])
            terms += at_least(
                ctx, off, rule.min, rule="days_off_per_week.min", hard=rule.hard,
                weight=rule.weight, where=where,
            )  # fmt: skip
            if rule.preferred is not None:
                terms += at_least(
                    ctx, off, rule.preferred, rule="days_off_per_week.preferred", hard=False,
                    weight=rule.preferred_weight, where=where,
                )  # fmt: skip
    return terms
