"""Rest between duties on different days, and forbidden successions.

``min_rest``: for every pair of duties on day ``d`` and a later day whose real
elapsed gap is below ``hours`` (``Problem.rest_conflicts``), not both; soft:
1 per such pair. ``forbidden_succession``: ``first`` on day ``d`` and ``then``
on day ``d+1`` not both; soft: 1 per occurrence. On a cyclic horizon the later
day wraps to the start of the cycle; on a plain horizon pairs end at its last day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ortools.sat.python import cp_model

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
    if hard and ctx.group_literals is None:
        later_of: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for pair in pairs:
            duty = (pair.later_day % problem.num_days, pair.later_shift)
            later_of.setdefault((pair.day, pair.shift), []).append(duty)
        for (day, first), later_duties in later_of.items():
            for agent in range(len(problem.agents)):
                followers = [shift[agent, d, s] for d, s in later_duties]
                _forbid_after(ctx, shift[agent, day, first], followers, RuleGroup(rule))
        return []
    terms: list[PenaltyTerm] = []
    for pair in pairs:
        later_day = pair.later_day % problem.num_days
        for agent in range(len(problem.agents)):
            duties = [shift[agent, pair.day, pair.shift], shift[agent, later_day, pair.later_shift]]
            where = Where(agent, pair.day, pair.shift)
            terms += forbid_together(ctx, duties, rule=rule, hard=hard, weight=weight, where=where)
    return terms


def _forbid_after(
    ctx: ModelContext, first: cp_model.IntVar, later: Sequence[cp_model.IntVar], group: RuleGroup
) -> None:
    """``first`` excludes every one of ``later``: one constraint instead of one per pair.

    The same clauses as pairwise exclusions, but building one constraint per
    duty instead of one per pair keeps the model of a year-long benchmark
    (100 agents x 364 days x 16 shift types, 120 forbidden pairs) buildable:
    the pairwise form took 180 s of Python and 4 million constraints.
    """
    ctx.hard(ctx.model.add_bool_and([duty.Not() for duty in later]).only_enforce_if(first), group)


def _exclude_by_follower_set(
    ctx: ModelContext, hard_after: dict[int, list[int]], last_day: int, group: RuleGroup
) -> None:
    """One at-most-one per agent, day and set of forbidden followers.

    With one shift a day, the shifts of a day exclude each other, and so do
    those of the next day; so "no shift of G today followed by one of F
    tomorrow", for all first shifts G sharing the follower set F, is exactly
    ``at_most_one(G today + F tomorrow)``. On Curtois & Qu Instance23 this is
    a fraction of the per-duty constraints, and CP-SAT propagates at-most-one
    constraints as cliques.
    """
    problem, shift = ctx.problem, ctx.variables.shift
    firsts_of: dict[tuple[int, ...], list[int]] = {}
    for first, followers in hard_after.items():
        firsts_of.setdefault(tuple(sorted(set(followers))), []).append(first)
    for thens, firsts in firsts_of.items():
        for day in range(last_day):
            next_day = (day + 1) % problem.num_days
            for agent in range(len(problem.agents)):
                today = [shift[agent, day, first] for first in firsts]
                tomorrow = [shift[agent, next_day, then] for then in thens]
                ctx.hard(ctx.model.add_at_most_one([*today, *tomorrow]), group)


def _forbidden_successions(ctx: ModelContext) -> list[PenaltyTerm]:
    problem, shift = ctx.problem, ctx.variables.shift
    shift_index = {shift_id: i for i, shift_id in enumerate(problem.shifts)}
    last_day = problem.num_days if problem.cyclic else problem.num_days - 1
    terms: list[PenaltyTerm] = []
    successions = problem.instance.rules.forbidden_successions
    if ctx.group_literals is None:
        # Without explanations the hard successions need no group of their
        # own, so they are merged per first shift (see _forbid_after).
        hard_after: dict[int, list[int]] = {}
        for succession in successions:
            if succession.hard:
                then = shift_index[succession.then]
                hard_after.setdefault(shift_index[succession.first], []).append(then)
        group = RuleGroup("forbidden_succession")
        if not problem.same_day_pairs:
            _exclude_by_follower_set(ctx, hard_after, last_day, group)
        else:
            for first, thens in hard_after.items():
                for day in range(last_day):
                    next_day = (day + 1) % problem.num_days
                    for agent in range(len(problem.agents)):
                        later = [shift[agent, next_day, then] for then in thens]
                        _forbid_after(ctx, shift[agent, day, first], later, group)
        successions = [succession for succession in successions if not succession.hard]
    for succession in successions:
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
