"""Shifts on one day: ``works`` is the union of the day's shifts; at most one unless allowed.

Hard: two shift types on one day are allowed only when ``rules.allowed_same_day``
names the pair (e.g. A at the office, then C on call from home). Each pair that
is not allowed is its own group, ``same_day[A,C]``, so an explanation can say
"no A+C on the same day"; pairs that overlap in time fall under ``overlap``,
which no explanation proposes to relax. The horizon ends and the cyclic wrap
play no part here.
"""

from __future__ import annotations

import itertools

from scheduler.model.context import ModelContext, PenaltyTerm, RuleGroup


def add(ctx: ModelContext) -> list[PenaltyTerm]:
    problem, model, variables = ctx.problem, ctx.model, ctx.variables
    num_shifts = len(problem.shifts)
    if not problem.same_day_pairs and not ctx.explaining:
        for (agent, day), works in variables.works.items():
            # One shift a day, written as works = sum of the day's shifts: the
            # same rule as pairwise at-most-one, but its LP relaxation is tighter.
            model.add(works == sum(variables.day_shifts(agent, day, num_shifts)))
        return []
    forbidden_pairs = [
        (first, second, _group(ctx, first, second))
        for first, second in itertools.combinations(range(num_shifts), 2)
        if (first, second) not in problem.same_day_pairs
    ]
    for (agent, day), works in variables.works.items():
        day_shifts = variables.day_shifts(agent, day, num_shifts)
        # Structural, never relaxed: works = OR of the day's shifts.
        model.add_max_equality(works, day_shifts)
        for first, second, group in forbidden_pairs:
            ctx.hard(model.add_at_most_one([day_shifts[first], day_shifts[second]]), group)
    return []


def _group(ctx: ModelContext, first: int, second: int) -> RuleGroup:
    problem = ctx.problem
    if problem.shift_type(first).overlaps(problem.shift_type(second)):
        return RuleGroup("overlap")
    return RuleGroup("same_day", (problem.shifts[first], problem.shifts[second]))
