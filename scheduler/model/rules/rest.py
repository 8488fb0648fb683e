"""Rest between duties on different days, and forbidden successions.

``min_rest``: for every pair of duties on day ``d`` and a later day whose real
elapsed gap is below ``hours`` (``Problem.rest_conflicts``), not both; soft:
1 per such pair. ``forbidden_succession``: ``first`` on day ``d`` and ``then``
on day ``d+1`` not both; soft: 1 per occurrence. On a cyclic horizon the later
day wraps to the start of the cycle; on a plain horizon pairs end at its last day.
"""

from __future__ import annotations

from collections.abc import Iterable

from scheduler.model.bounds import Where, forbid_together
from scheduler.model.context import ModelContext, PenaltyTerm, RuleGroup
from scheduler.problem import RestConflict


def add(ctx: ModelContext) -> list[PenaltyTerm]:
    return [*_min_rest(ctx), *_forbidden_successions(ctx)]


def _min_rest(ctx: ModelContext) -> list[PenaltyTerm]:
    rule = ctx.problem.instance.rules.min_rest
    if rule is None:
        return []
    return forbid_pairs(
        ctx, ctx.problem.rest_conflicts, rule="min_rest", hard=rule.hard, weight=rule.weight
    )


def forbid_pairs(
    ctx: ModelContext, pairs: Iterable[RestConflict], *, rule: str, hard: bool, weight: int
) -> list[PenaltyTerm]:
    """For every agent, not both duties of each pair (the later day wraps in a cycle)."""
    problem, shift = ctx.problem, ctx.variables.shift
    terms: list[PenaltyTerm] = []
    for pair in pairs:
        later_day = pair.later_day % problem.num_days
        for agent in range(len(problem.agents)):
            duties = [shift[agent, pair.day, pair.shift], shift[agent, later_day, pair.later_shift]]
            where = Where(agent, pair.day, pair.shift)
            terms += forbid_together(ctx, duties, rule=rule, hard=hard, weight=weight, where=where)
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
