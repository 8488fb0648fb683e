"""Head count per shift type and day: hard min/max, soft preferred.

``count[d,s] = sum over agents of shift[a,d,s]``. Hard: ``min <= count <= max``
(group ``coverage.min[shift,weekday]``). Soft: ``preferred - count`` agents
short costs ``under_weight`` each, ``count - preferred`` over costs
``over_weight`` each. Days are independent, so horizon ends do not matter.
"""

from __future__ import annotations

from scheduler.instance.clock import Weekday
from scheduler.model.bounds import Where, at_least, at_most
from scheduler.model.context import ModelContext, PenaltyTerm, RuleGroup


def add(ctx: ModelContext) -> list[PenaltyTerm]:
    problem, variables = ctx.problem, ctx.variables
    num_agents = len(problem.agents)
    terms: list[PenaltyTerm] = []
    for (day, shift), requirement in sorted(problem.requirements.items()):
        count = sum(variables.shift[agent, day, shift] for agent in range(num_agents))
        where = Where(day=day, shift=shift)
        weekday = Weekday.of_index(problem.dates[day].weekday()).value
        scope = (problem.shifts[shift], weekday)
        if requirement.min > 0:
            terms += at_least(
                ctx, count, requirement.min, rule="coverage.min", hard=True, weight=0,
                where=where, group=RuleGroup("coverage.min", scope),
            )  # fmt: skip
        if requirement.max is not None:
            terms += at_most(
                ctx, count, requirement.max, upper=num_agents, rule="coverage.max", hard=True,
                weight=0, where=where, group=RuleGroup("coverage.max", scope),
            )  # fmt: skip
        if requirement.preferred is not None:
            terms += at_least(
                ctx, count, requirement.preferred, rule="coverage.under", hard=False,
                weight=requirement.under_weight, where=where, upper=num_agents,
            )  # fmt: skip
            terms += at_most(
                ctx, count, requirement.preferred, upper=num_agents, rule="coverage.over",
                hard=False, weight=requirement.over_weight, where=where,
            )  # fmt: skip
    return terms
