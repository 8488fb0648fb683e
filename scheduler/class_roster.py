"""The cheapest roster that gives every agent one of the pooled schedules of its class.

After column generation (:mod:`scheduler.class_columns`) the pool holds the
schedules the relaxation used and the ones it passed through. CP-SAT then
chooses how many agents of each class work each schedule (an integer per
column), paying the schedules' own penalties and the head counts exactly as
the whole model does; which agent of a class gets which schedule does not
change that cost. The model's size is the pool times the cover rows, not
agents x days x shift types, so a 200-agent, six-week centre solves in
seconds.

Fairness spreads (``max - min`` of a measure over agents) are kept too: the
highest and lowest values are those of the schedules in use. Fairness by
deviation is left to the checker's cost of the result.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ortools.sat.python import cp_model

from scheduler.class_columns import ClassColumn
from scheduler.cover_rows import CoverRows, Side
from scheduler.instance.rules import FairnessMeasure, FairnessMethod
from scheduler.problem import Problem
from scheduler.subproblem import OFF, Schedule
from scheduler.whole_model import whole_model_solver


def roster_from_pool(
    problem: Problem,
    rows: CoverRows,
    classes: Sequence[Sequence[int]],
    pool: Sequence[ClassColumn],
    *,
    relaxed: Sequence[float],
    time_limit: float,
    workers: int,
    seed: int,
) -> Schedule | None:
    """A schedule per agent from ``pool``, each column's count a rounding of its ``relaxed`` value."""
    model = cp_model.CpModel()
    # Only roundings of the relaxation: over the whole pool CP-SAT found no roster of
    # the 200-agent centre in 10 s; between floor and ceiling it proves the best in 0.1 s.
    chosen = [
        model.new_int_var(math.floor(value + 1e-6), math.ceil(value - 1e-6), f"agents_on_{i}")
        for i, value in enumerate(relaxed)
    ]
    for k, members in enumerate(classes):
        model.add(sum(n for n, column in zip(chosen, pool, strict=True) if column.klass == k) == len(members))  # fmt: skip
    cost: list[cp_model.LinearExprT] = [column.own_cost * n for n, column in zip(chosen, pool, strict=True)]  # fmt: skip
    on_row: list[list[tuple[cp_model.IntVar, int]]] = [[] for _ in rows.rows]
    for n, column in zip(chosen, pool, strict=True):
        for touched in column.counts.nonzero()[0]:
            on_row[touched].append((n, int(column.counts[touched])))
    upper = len(problem.agents) * max(1, int(rows.matrix.sum(axis=1).max(initial=1)))
    for index, row in enumerate(rows.rows):
        count = cp_model.LinearExpr.weighted_sum([n for n, _ in on_row[index]], [c for _, c in on_row[index]])  # fmt: skip
        if row.side is Side.MIN:
            model.add(count >= row.target)
        elif row.side is Side.MAX:
            model.add(count <= row.target)
        else:
            counted = model.new_int_var(0, upper, f"count_{index}")
            model.add(counted == count)
            for preferred in row.preferred:
                short = model.new_int_var(0, max(0, preferred.count), "")
                over = model.new_int_var(0, upper, "")
                model.add(counted + short - over == preferred.count)
                cost += [preferred.under_weight * short, preferred.over_weight * over]
    cost += _fairness_spreads(model, problem, pool, chosen)
    model.minimize(sum(cost))
    rounded = _largest_remainders(classes, pool, relaxed)
    for n, agents_on in zip(chosen, rounded, strict=True):
        model.add_hint(n, agents_on)
    solver = whole_model_solver(time_limit, workers, seed, interleave=False)
    if solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        rounded = [solver.value(n) for n in chosen]
    elif any(row.side is not Side.SOFT for row in rows.rows):
        return None  # the plain rounding may break a hard head count
    # else: on 50 agents x 12 weeks CP-SAT once found no roster in 10 s; the plain
    # rounding is one, and the neighbourhoods go on from it.
    schedule: Schedule = [[OFF] * problem.num_days for _ in problem.agents]
    waiting = [list(members) for members in classes]
    for agents_on, column in zip(rounded, pool, strict=True):
        for _ in range(agents_on):
            schedule[waiting[column.klass].pop()] = list(column.schedule)
    return schedule


def _largest_remainders(
    classes: Sequence[Sequence[int]], pool: Sequence[ClassColumn], relaxed: Sequence[float]
) -> list[int]:
    """Each value rounded down, then up for the largest fractions until every class is placed."""
    rounded = [math.floor(value + 1e-6) for value in relaxed]
    for k, members in enumerate(classes):
        mine = [i for i, column in enumerate(pool) if column.klass == k]
        by_fraction = sorted(mine, key=lambda i: rounded[i] - relaxed[i])
        for i in by_fraction[: len(members) - sum(rounded[i] for i in mine)]:
            rounded[i] += 1
    return rounded


def _fairness_spreads(
    model: cp_model.CpModel,
    problem: Problem,
    pool: Sequence[ClassColumn],
    chosen: Sequence[cp_model.IntVar],
) -> list[cp_model.LinearExprT]:
    terms: list[cp_model.LinearExprT] = []
    for fairness in problem.instance.rules.fairness:
        if fairness.method is not FairnessMethod.SPREAD or not fairness.weight:
            continue
        values = [_measure(problem, fairness.measure, column.schedule) for column in pool]
        top = max(values, default=0)
        highest = model.new_int_var(0, top, f"{fairness.measure.value}.highest")
        lowest = model.new_int_var(0, top, f"{fairness.measure.value}.lowest")
        for n, value in zip(chosen, values, strict=True):
            used = model.new_bool_var("")
            model.add(n >= 1).only_enforce_if(used)
            model.add(n == 0).only_enforce_if(~used)
            model.add(highest >= value).only_enforce_if(used)
            model.add(lowest <= value).only_enforce_if(used)
        terms.append(fairness.weight * (highest - lowest))
    return terms


def _measure(problem: Problem, measure: FairnessMeasure, schedule: Sequence[int]) -> int:
    """The value of ``measure`` for one agent's schedule, as the fairness rule counts it."""
    worked = [(day, shift) for day, shift in enumerate(schedule) if shift != OFF]
    if measure is FairnessMeasure.ON_CALL:
        return sum(1 for _, shift in worked if shift in problem.on_call_shifts)
    if measure is FairnessMeasure.WEEKEND_DUTIES:
        return sum(1 for day, _ in worked if problem.is_weekend(day))
    return sum(problem.minutes[day][shift] for day, shift in worked)
