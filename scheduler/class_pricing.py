"""The cheapest schedules of one agent of a class, at given duty prices, by CP-SAT.

Where an agent's rules are beyond the dynamic programme of
:mod:`scheduler.cheapest_schedule` (rest in real elapsed time, days off and
minutes per week, soft limits: the product's own call-centre instances), the
pricing step of column generation is the ordinary model of that one agent,
built once with every rule family and no coverage, whose objective is its own
penalties minus the prices of the duties it works. One agent's model is small
(42 days x 6 shift types: 252 duties), so CP-SAT usually proves its optimum.

Prices are fixed-point (:data:`PRICE_SCALE` units per cost unit), so the
objective stays integral and the bound CP-SAT proves is exact: the Lagrangian
bound of :mod:`scheduler.class_columns` stays valid whatever the prices.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from ortools.sat.python import cp_model

from scheduler.model import BuiltModel, build_model
from scheduler.problem import Problem
from scheduler.subproblem import OFF, subproblem
from scheduler.whole_model import whole_model_solver

PRICE_SCALE = 1000
"""Fixed-point units of a price per unit of cost."""

DaySchedule = tuple[int, ...]
"""A shift index per day, :data:`scheduler.subproblem.OFF` on a day off."""


@dataclass(frozen=True)
class PricedSchedules:
    """What one pricing solve found."""

    schedules: list[tuple[DaySchedule, int]]
    """Every schedule CP-SAT improved through, with its own cost (penalties of the agent's rules)."""
    least: float
    """A lower bound on ``own cost - prices`` over every schedule the agent may work."""
    proven: bool


class ClassPricer:
    """The one-agent model of a class's representative, built once and re-priced each round."""

    def __init__(self, problem: Problem, representative: int, *, workers: int, seed: int):
        alone = subproblem(problem, [representative], Counter())
        alone = dataclasses.replace(alone, requirements={}, interval_requirements=())
        self.built: BuiltModel = build_model(alone)
        self.own = cp_model.LinearExpr.sum([self.built.objective()])
        self.num_days, self.num_shifts = problem.num_days, len(problem.shifts)
        self.duties = [
            [self.built.variables.shift[0, day, shift] for shift in range(self.num_shifts)]
            for day in range(self.num_days)
        ]
        self.workers, self.seed = workers, seed

    def price(self, prices: npt.NDArray[np.float64], time_limit: float) -> PricedSchedules | None:
        """Schedules of least ``own cost - sum of prices[day, shift] worked``; ``None`` if none is found.

        The prices are rounded to :data:`PRICE_SCALE`; ``least`` is exact for
        the rounded prices, which is what the caller's bound must use
        (:func:`fixed_point`).
        """
        scaled = np.rint(prices * PRICE_SCALE).astype(np.int64)
        model = self.built.model
        model.clear_objective()  # type: ignore[no-untyped-call]
        worked = [
            (self.duties[day][shift], int(scaled[day, shift]))
            for day in range(self.num_days)
            for shift in range(self.num_shifts)
            if scaled[day, shift]
        ]
        model.minimize(
            PRICE_SCALE * self.own
            - cp_model.LinearExpr.weighted_sum([v for v, _ in worked], [c for _, c in worked])
        )
        solver = whole_model_solver(time_limit, self.workers, self.seed, interleave=False)
        collector = _Collector(self)
        status = solver.solve(model, collector)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        return PricedSchedules(
            schedules=collector.found,
            least=solver.best_objective_bound / PRICE_SCALE,
            proven=status == cp_model.OPTIMAL,
        )


def fixed_point(prices: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """``prices`` as :meth:`ClassPricer.price` sees them."""
    return np.rint(prices * PRICE_SCALE) / PRICE_SCALE


class _Collector(cp_model.CpSolverSolutionCallback):
    """Every improving solution: each is a column the master may use."""

    def __init__(self, pricer: ClassPricer):
        super().__init__()
        self.pricer = pricer
        self.found: list[tuple[DaySchedule, int]] = []

    def on_solution_callback(self) -> None:
        schedule = []
        for day_duties in self.pricer.duties:
            worked = [shift for shift, duty in enumerate(day_duties) if self.boolean_value(duty)]
            schedule.append(worked[0] if worked else OFF)
        self.found.append((tuple(schedule), round(self.value(self.pricer.own))))
