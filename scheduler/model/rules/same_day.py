"""Shifts on one day: ``works`` is the union of the day's shifts; at most one unless allowed.

Hard, group ``same_day``: two shift types on one day are allowed only when
``rules.allowed_same_day`` names the pair (e.g. A at the office, then C on
call from home). The horizon ends and the cyclic wrap play no part here.
"""

from __future__ import annotations

import itertools

from scheduler.model.context import ModelContext, PenaltyTerm


def add(ctx: ModelContext) -> list[PenaltyTerm]:
    problem, model, variables = ctx.problem, ctx.model, ctx.variables
    num_shifts = len(problem.shifts)
    for agent in range(len(problem.agents)):
        for day in range(problem.num_days):
            day_shifts = variables.day_shifts(agent, day, num_shifts)
            works = variables.works[agent, day]
            if not problem.same_day_pairs and ctx.group_literals is None:
                # One shift a day, written as works = sum of the day's shifts: the
                # same rule as at-most-one, but its LP relaxation is far tighter.
                model.add(works == sum(day_shifts))
                continue
            # Structural, never relaxed: works = OR of the day's shifts.
            model.add_max_equality(works, day_shifts)
            if not problem.same_day_pairs:
                ctx.hard(model.add_at_most_one(day_shifts), "same_day")
                continue
            for first, second in itertools.combinations(range(num_shifts), 2):
                if (first, second) not in problem.same_day_pairs:
                    pair = [day_shifts[first], day_shifts[second]]
                    ctx.hard(model.add_at_most_one(pair), "same_day")
    return []
