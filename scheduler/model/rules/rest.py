"""Rest between duties on different days, and forbidden successions.

``min_rest``: for every pair of duties on day ``d`` and a later day whose real
elapsed gap is below ``hours`` (``Problem.rest_conflicts``), not both; soft:
1 per such pair. ``forbidden_succession``: ``first`` on day ``d`` and ``then``
on day ``d+1`` not both; soft: 1 per occurrence. On a cyclic horizon the later
day wraps to the start of the cycle; on a plain horizon pairs end at its last day.
"""

from __future__ import annotations

from scheduler.model.bounds import Where, forbid_together
from scheduler.model.context import ModelContext, PenaltyTerm, RuleGroup


def add(ctx: ModelContext) -> list[PenaltyTerm]:
    return [*_min_rest(ctx), *_forbidden_successions(ctx)]


def _min_rest(ctx: ModelContext) -> list[PenaltyTerm]:
    problem, shift = ctx.problem, ctx.variables.shift
    rule = problem.instance.rules.min_rest
    if rule is None:
        return []
    terms: list[PenaltyTerm] = []
    for conflict in problem.rest_conflicts:
        later_day = conflict.later_day % problem.num_days
        for agent in range(len(problem.agents)):
            pair = [
                shift[agent, conflict.day, conflict.shift],
                shift[agent, later_day, conflict.later_shift],
            ]
            where = Where(agent, conflict.day, conflict.shift)
            terms += forbid_together(
                ctx, pair, rule="min_rest", hard=rule.hard, weight=rule.weight, where=where
            )
    return terms


def _forbidden_successions(ctx: ModelContext) -> list[PenaltyTerm]:
    problem, shift = ctx.problem, ctx.variables.shift
    shift_index = {shift_id: i for i, shift_id in enumerate(problem.shifts)}
    last_day = problem.num_days if problem.cyclic else problem.num_days - 1
    terms: list[PenaltyTerm] = []
    for succession in problem.instance.rules.forbidden_successions:
        first, then = shift_index[succession.first], shift_index[succession.then]
        group = RuleGroup("forbidden_succession", (succession.first, succession.then))
        for day in range(last_day):
            next_day = (day + 1) % problem.num_days
            for agent in range(len(problem.agents)):
                pair = [shift[agent, day, first], shift[agent, next_day, then]]
                terms += forbid_together(
                    ctx, pair, rule="forbidden_succession", hard=succession.hard,
                    weight=succession.weight, where=Where(agent, day, first), group=group,
                )  # fmt: skip
    return terms
