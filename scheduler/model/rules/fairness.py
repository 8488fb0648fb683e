"""Even sharing of on-call duties, weekend duties and minutes across agents; always soft.

For each agent a value ``v_a``: duties on on-call shift types, duties starting
on a Saturday or Sunday, or minutes worked. ``spread`` costs
``max v - min v``; ``deviation`` costs ``sum_a |N v_a - sum_b v_b|`` (N
agents), N times the absolute deviation from the mean so it stays integral.
Values are totals over the horizon; the cyclic wrap plays no part.
"""

from __future__ import annotations

import math

from ortools.sat.python import cp_model

from scheduler.instance.rules import Fairness, FairnessMeasure, FairnessMethod
from scheduler.model.context import ModelContext, PenaltyTerm


def add(ctx: ModelContext) -> list[PenaltyTerm]:
    terms: list[PenaltyTerm] = []
    for fairness in ctx.problem.instance.rules.fairness:
        if fairness.weight == 0:
            continue
        values, unit, upper = _values(ctx, fairness.measure)
        if fairness.method is FairnessMethod.SPREAD:
            amount = _spread(ctx, fairness, values, upper)
        else:
            amount = _deviation(ctx, fairness, values, upper)
        rule = f"fairness.{fairness.measure.value}"
        terms.append(PenaltyTerm(rule, unit * amount, fairness.weight))
    return terms


def _values(
    ctx: ModelContext, measure: FairnessMeasure
) -> tuple[list[cp_model.LinearExpr], int, int]:
    """Each agent's value of ``measure`` in units, the unit, and an upper bound on any value.

    Values are counted in units of the greatest common divisor of the
    coefficients (240 minutes when every shift lasts 4 or 8 hours): the solver
    then knows that values move in whole units, which tightens its bounds.
    """
    problem, shift = ctx.problem, ctx.variables.shift
    days, shifts = range(problem.num_days), range(len(problem.shifts))
    if measure is FairnessMeasure.ON_CALL:
        cells = [(d, s, 1) for d in days for s in shifts if s in problem.on_call_shifts]
    elif measure is FairnessMeasure.WEEKEND_DUTIES:
        cells = [(d, s, 1) for d in days for s in shifts if problem.is_weekend(d)]
    else:
        cells = [(d, s, problem.minutes[d][s]) for d in days for s in shifts]
    unit = math.gcd(*(coefficient for _, _, coefficient in cells)) or 1
    values = [
        cp_model.LinearExpr.weighted_sum(
            [shift[agent, d, s] for d, s, _ in cells],
            [coefficient // unit for _, _, coefficient in cells],
        )
        for agent in range(len(problem.agents))
    ]
    return values, unit, sum(coefficient // unit for _, _, coefficient in cells)


def _spread(
    ctx: ModelContext, fairness: Fairness, values: list[cp_model.LinearExpr], upper: int
) -> cp_model.IntVar:
    model, rule = ctx.model, f"fairness.{fairness.measure.value}"
    highest = model.new_int_var(0, upper, f"{rule}.highest")
    lowest = model.new_int_var(0, upper, f"{rule}.lowest")
    model.add_max_equality(highest, values)
    model.add_min_equality(lowest, values)
    # Redundant, but they let propagation round the mean: with 21 on-call
    # duties for 4 agents, someone has at least 6 and someone at most 5.
    total = cp_model.LinearExpr.sum(values)
    model.add(len(values) * highest >= total)
    model.add(len(values) * lowest <= total)
    spread = model.new_int_var(0, upper, f"{rule}.spread")
    model.add(spread == highest - lowest)
    return spread


def _deviation(
    ctx: ModelContext, fairness: Fairness, values: list[cp_model.LinearExpr], upper: int
) -> cp_model.IntVar:
    model, rule = ctx.model, f"fairness.{fairness.measure.value}"
    count = len(values)
    total = cp_model.LinearExpr.sum(values)
    deviations = []
    for agent, value in enumerate(values):
        deviation = model.new_int_var(0, count * upper, ctx.name(f"{rule}.deviation", agent))
        model.add_abs_equality(deviation, count * value - total)
        deviations.append(deviation)
    amount = model.new_int_var(0, count * count * upper, f"{rule}.deviation")
    model.add(amount == sum(deviations))
    return amount
