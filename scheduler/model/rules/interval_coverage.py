"""Head count per time interval of a day: hard min, soft preferred.

``count[d,i] = sum of shift[a,d',s]`` over agents and the duties (d', s) that
cover the whole interval ``i`` of day ``d`` (``Problem.interval_requirements``:
``d' = d``, or the day before for an overnight shift; day 0 takes day ``n-1``
in a cyclic rotation and nothing in a non-cyclic one). Hard: ``count >= min``
(group ``interval_coverage.min[weekday,HH:MM-HH:MM]``). Soft: ``preferred -
count`` short costs ``under_weight`` each, ``count - preferred`` over costs
``over_weight`` each; both penalties name their interval (``HH:MM-HH:MM``).
"""

from __future__ import annotations

from scheduler.instance.clock import Weekday
from scheduler.model.bounds import Where, at_least, at_most
from scheduler.model.context import ModelContext, PenaltyTerm, RuleGroup


def add(ctx: ModelContext) -> list[PenaltyTerm]:
    problem, variables = ctx.problem, ctx.variables
    num_agents = len(problem.agents)
    terms: list[PenaltyTerm] = []
    for need in problem.interval_requirements:
        count = sum(
            variables.shift[agent, day, shift]
            for day, shift in need.covering
            for agent in range(num_agents)
        )
        where = Where(day=need.day, interval=need.label)
        # Each duty is worked by at most one agent once, so this bounds the count.
        upper = num_agents * len(need.covering)
        weekday = Weekday.of_index(problem.dates[need.day].weekday()).value
        if need.min > 0:
            terms += at_least(
                ctx, count, need.min, rule="interval_coverage.min", hard=True, weight=0,
                where=where, group=RuleGroup("interval_coverage.min", (weekday, need.label)),
            )  # fmt: skip
        if need.preferred is not None:
            terms += at_least(
                ctx, count, need.preferred, rule="interval_coverage.under", hard=False,
                weight=need.under_weight, where=where, upper=upper,
            )  # fmt: skip
            terms += at_most(
                ctx, count, need.preferred, upper=upper, rule="interval_coverage.over",
                hard=False, weight=need.over_weight, where=where,
            )  # fmt: skip
    return terms
