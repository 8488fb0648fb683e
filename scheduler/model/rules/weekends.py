"""Worked weekends: a weekend counts when the agent works its Saturday or Sunday.

At most ``max`` worked weekends over the horizon's calendar weeks; hard (group
``max_weekends``) or soft at 1 per weekend over. Weekends never straddle the
horizon ends because the horizon is whole weeks starting on a Monday.
"""

from __future__ import annotations

from scheduler.model.bounds import Where, at_most
from scheduler.model.context import ModelContext, PenaltyTerm


def add(ctx: ModelContext) -> list[PenaltyTerm]:
    problem, model, works = ctx.problem, ctx.model, ctx.variables.works
    terms: list[PenaltyTerm] = []
    for agent, rules in enumerate(problem.agent_rules):
        bound = rules.max_weekends
        if bound is None or bound.max is None or bound.max >= problem.num_weeks:
            continue
        worked_weekends = []
        for week in range(problem.num_weeks):
            saturday, sunday = problem.weekend_days(week)
            worked = model.new_bool_var(ctx.name("worked_weekend", agent, saturday))
            model.add_max_equality(worked, [works[agent, saturday], works[agent, sunday]])
            worked_weekends.append(worked)
        terms += at_most(
            ctx, sum(worked_weekends), bound.max, upper=problem.num_weeks, rule="max_weekends",
            hard=bound.hard, weight=bound.weight, where=Where(agent),
        )  # fmt: skip
    return terms
