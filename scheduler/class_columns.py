"""Column generation over classes of identical agents: a lower bound and columns for rosters.

For problems the dynamic programme of :mod:`scheduler.cheapest_schedule`
does not cover (the product's call centres: interval demand, rest in real
time, weekly limits, fairness), the roster problem is still "pick one
schedule per agent, pay its own penalties and the head counts". Agents the
rules cannot tell apart form a class (:mod:`scheduler.agent_classes`); the
master LP (GLOP) chooses how many of each class work each schedule:

    min  sum own_c x_c + sum under_r short_r + over_r over_r
    s.t. sum_c count_rc x_c + short_r - over_r = preferred_r   (soft rows)
         sum_c count_rc x_c >= min_r,  <= max_r                (hard rows)
         sum_{c in class k} x_c = size_k

and a one-agent CP-SAT model per class (:mod:`scheduler.class_pricing`)
finds schedules whose reduced cost is negative at the rows' duals.

The bound is Lagrangian and holds at any prices in the duals' box: for
``pi`` with ``-over_r <= pi_r <= under_r`` on soft rows, ``pi_r >= 0`` on min
rows and ``<= 0`` on max rows, every roster costs at least
``sum_r pi_r target_r + sum_k size_k min_schedules(own - prices . duties)``.
Fairness and every other penalty left out are non-negative, so the bound is
one of the whole problem. On the 200-agent, six-week synthetic centre it is
what the roster's gap is measured against (``benchmarks/README.md``).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from ortools.linear_solver import pywraplp

from scheduler.class_pricing import PRICE_SCALE, ClassPricer, DaySchedule
from scheduler.cover_rows import CoverRows, Side

HARD_SLACK_COST = 1e6
"""Cost of a unit of slack on a hard row in the master (never in a roster)."""
NEGATIVE = -1e-6
"""A reduced cost below this is an improving column."""
INTEGRAL = 1e-6
"""A value this close to a whole number is whole."""
DIVE_ROUNDS = 5
"""Most master and pricing rounds after each fixing step of a dive."""
ROUND_UP_SHARE = 0.5
"""Share of a class's agents not yet placed whose largest fractions a dive step rounds up.
On 20 x 12 weeks at 60 s (one-off runs): 5 rounds and half the agents, dive done at 35 s,
19,985; 10 rounds and a quarter, dive cut short at 55 s, 20,169."""
SMOOTHING = 0.5
"""Weight of the best duals so far in the prices of the next round (0: the master's alone).
Relaxation solved on 200 x 6 in 56 rounds and 2.8 s instead of 194 and 14.7 s; on 50 x 12
in 62 rounds and 18.8 s, where 147 rounds in 60 s had not solved it."""
PRICING_MAX_S = 5.0
"""Longest single pricing solve; one agent's model is usually proven in 20-50 ms."""


@dataclass(frozen=True)
class ClassColumn:
    klass: int
    schedule: DaySchedule
    own_cost: int
    counts: npt.NDArray[np.int64]
    """What one agent on this schedule adds to each cover row."""


@dataclass
class ClassMaster:
    """The master LP over the columns found so far."""

    rows: CoverRows
    sizes: Sequence[int]
    solver: pywraplp.Solver
    row_constraints: list[pywraplp.Constraint]
    class_constraints: list[pywraplp.Constraint]
    columns: list[tuple[ClassColumn, pywraplp.Variable]] = field(default_factory=list)
    known: set[tuple[int, DaySchedule]] = field(default_factory=set)

    @classmethod
    def build(cls, rows: CoverRows, sizes: Sequence[int]) -> ClassMaster:
        solver = pywraplp.Solver.CreateSolver("GLOP")
        solver.SetSolverSpecificParametersAsString("use_preprocessing:false")
        infinity = solver.infinity()
        objective = solver.Objective()
        constraints = []
        offset = 0.0
        for index, row in enumerate(rows.rows):
            if row.side is Side.SOFT:
                # count - (the pieces of the penalty it fills) = 0; convexity fills them in order.
                constraint = solver.Constraint(0, 0, f"soft_{index}")
                offset += row.penalty(0)
                for piece, (width, slope) in enumerate(row.segments):
                    filled = solver.NumVar(0, infinity if width is None else width, f"piece_{index}_{piece}")  # fmt: skip
                    constraint.SetCoefficient(filled, -1)
                    objective.SetCoefficient(filled, slope)
            else:
                low, high = (row.target, infinity) if row.side is Side.MIN else (-infinity, row.target)  # fmt: skip
                constraint = solver.Constraint(low, high, f"{row.side.value}_{index}")
                slack = solver.NumVar(0, infinity, f"slack_{index}")
                constraint.SetCoefficient(slack, 1 if row.side is Side.MIN else -1)
                objective.SetCoefficient(slack, HARD_SLACK_COST)
            constraints.append(constraint)
        objective.SetOffset(offset)
        classes = [solver.Constraint(size, size, f"class_{k}") for k, size in enumerate(sizes)]
        objective.SetMinimization()
        return cls(rows, sizes, solver, constraints, classes)

    def add(self, column: ClassColumn) -> bool:
        """Whether the column is new."""
        key = (column.klass, column.schedule)
        if key in self.known:
            return False
        self.known.add(key)
        variable = self.solver.NumVar(0, self.solver.infinity(), f"x_{len(self.columns)}")
        self.solver.Objective().SetCoefficient(variable, column.own_cost)
        for row in np.flatnonzero(column.counts):
            self.row_constraints[row].SetCoefficient(variable, float(column.counts[row]))
        self.class_constraints[column.klass].SetCoefficient(variable, 1)
        self.columns.append((column, variable))
        return True

    def solve(self) -> tuple[float, npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """The LP value, the rows' duals and the classes' duals."""
        status = self.solver.Solve()
        if status != pywraplp.Solver.OPTIMAL:  # pragma: no cover - slacks keep it feasible
            raise RuntimeError(f"the master LP ended with status {status}")
        duals = np.array([constraint.dual_value() for constraint in self.row_constraints])
        class_duals = np.array([constraint.dual_value() for constraint in self.class_constraints])
        return self.solver.Objective().Value(), duals, class_duals

    def values(self) -> list[tuple[ClassColumn, float]]:
        return [(column, variable.solution_value()) for column, variable in self.columns]


@dataclass
class Generation:
    """Where column generation ended."""

    master: ClassMaster
    bound: float
    relaxation: float
    converged: bool
    rounds: int


def generate(
    rows: CoverRows,
    classes: Sequence[Sequence[int]],
    pricers: Sequence[ClassPricer],
    deadline: float,
    on_round: Callable[[ClassMaster], None] | None = None,
) -> Generation | None:
    """Column generation until the relaxation is solved or ``deadline``; ``None`` if a class
    has no schedule at all. ``on_round`` sees the master after each of its solves."""
    sizes = [len(members) for members in classes]
    master = ClassMaster.build(rows, sizes)
    num_days = pricers[0].num_days
    # A first column per class: the schedule that earns most at half the first under-cover slope.
    start = np.array([-row.segments[0][1] / 2 if row.side is Side.SOFT else 0.0 for row in rows.rows])  # fmt: skip
    for k, pricer in enumerate(pricers):
        priced = pricer.price(rows.duty_prices(start, num_days), _time_left(deadline))
        if priced is None or not priced.schedules:
            return None
        for schedule, own in priced.schedules:
            master.add(ClassColumn(k, schedule, own, rows.counts(schedule)))
    rounds = _Rounds(rows, sizes, pricers, master)
    converged = rounds.run(deadline, on_round=on_round)
    # Every penalty is non-negative, so 0 bounds the cost before any round is priced whole.
    bound = max(0.0, rounds.best_lagrangian)
    if converged:
        bound = max(bound, rounds.relaxation - 1e-6 * abs(rounds.relaxation))
    return Generation(master, bound, rounds.relaxation, converged, rounds.count)


def dive(generation: Generation, pricers: Sequence[ClassPricer], deadline: float) -> list[float]:
    """The relaxation's values once a dive has fixed their whole parts, as far as it got by ``deadline``.

    Each step keeps at least the whole part of every column's value (it
    becomes the column's lower bound), then column generation goes on for the
    agents left, so the schedules they get fit the head counts the fixed ones
    leave. When no whole part is new, the largest fractions are rounded up
    instead. The dive ends when nothing is fractional or at ``deadline``; the
    roster over the pool (:func:`scheduler.class_roster.roster_from_pool`)
    rounds what is left.
    """
    master = generation.master
    rounds = _Rounds(master.rows, master.sizes, pricers, master)
    while time.perf_counter() < deadline:
        master.solve()  # the last round may have added columns since its solve
        # Read every value before changing a bound: a change voids the solution.
        values = [value for _, value in master.values()]
        wholes = [math.floor(value + INTEGRAL) for value in values]
        raised = [(variable, whole) for (_, variable), whole in zip(master.columns, wholes, strict=True) if whole > variable.lb()]  # fmt: skip
        if not raised:
            raised = _round_up(master, values, wholes)
            if not raised:
                break
        for variable, whole in raised:
            variable.SetLb(whole)
        rounds.run(deadline, most=DIVE_ROUNDS)
    master.solve()
    return [value for _, value in master.values()]


def _round_up(master: ClassMaster, values: list[float], wholes: list[int]) -> list[tuple[pywraplp.Variable, int]]:  # fmt: skip
    """The largest fractions of each class rounded up: a share of the agents still unplaced."""
    raised = []
    for k, size in enumerate(master.sizes):
        mine = [i for i, (column, _) in enumerate(master.columns) if column.klass == k]
        fractional = sorted((i for i in mine if values[i] - wholes[i] > INTEGRAL), key=lambda i: wholes[i] - values[i])  # fmt: skip
        unplaced = size - sum(wholes[i] for i in mine)
        for i in fractional[: max(1, math.ceil(ROUND_UP_SHARE * unplaced))]:
            raised.append((master.columns[i][1], wholes[i] + 1))
    return raised


@dataclass
class _Rounds:
    """Rounds of master and pricing. Their best Lagrangian value bounds the roster only
    while no column is fixed: a dive's rounds use it for smoothing alone."""

    rows: CoverRows
    sizes: Sequence[int]
    pricers: Sequence[ClassPricer]
    master: ClassMaster
    relaxation: float = float("inf")
    count: int = 0
    center: npt.NDArray[np.float64] | None = None
    """The duals of the best Lagrangian value so far (the smoothing's centre)."""
    best_lagrangian: float = -math.inf

    def run(self, deadline: float, *, most: int | None = None, on_round: Callable[[ClassMaster], None] | None = None) -> bool:  # fmt: skip
        """Whether the relaxation was solved (no improving column anywhere) before ``deadline``."""
        low, high = self.rows.dual_box()
        done = 0
        while time.perf_counter() < deadline and (most is None or done < most):
            done += 1
            self.count += 1
            self.relaxation, duals, class_duals = self.master.solve()
            if on_round is not None:
                on_round(self.master)  # the values of this solve are still readable here
            duals = np.clip(duals, low, high)  # GLOP's may stray by its tolerances
            tries = [duals]
            if self.center is not None:
                # Wentges smoothing: price nearer the best duals so far; if that finds
                # nothing the master can use, price at the master's own.
                tries.insert(0, SMOOTHING * self.center + (1 - SMOOTHING) * duals)
            for priced_at in tries:
                added, proven = self._price(priced_at, duals, class_duals, deadline)
                if added:
                    break
            if not added and proven:
                self.relaxation = self.master.solve()[0]
                return True
        return False

    def _price(self, at: npt.NDArray[np.float64], duals: npt.NDArray[np.float64], class_duals: npt.NDArray[np.float64], deadline: float) -> tuple[int, bool]:  # fmt: skip
        """Every class priced at the duals ``at``: columns improving at the master's ``duals``
        join it, and the Lagrangian value at ``at`` may raise the bound. Returns how many
        columns joined and whether every class's cheapest schedule was proven."""
        rows, num_days = self.rows, self.pricers[0].num_days
        prices = rows.duty_prices(at, num_days)
        lagrangian = rows.lagrangian_constant(at)
        added = 0
        for k, pricer in enumerate(self.pricers):
            priced = pricer.price(prices, _time_left(deadline))
            if priced is None:
                return added, False
            # Rounding each price to PRICE_SCALE moves a schedule's value by at most
            # half a unit per day worked.
            lagrangian += self.sizes[k] * (priced.least - 0.5 * num_days / PRICE_SCALE)
            for schedule, own in priced.schedules:
                counts = rows.counts(schedule)
                reduced = own - float(duals @ counts) - class_duals[k]
                if reduced < NEGATIVE and self.master.add(ClassColumn(k, schedule, own, counts)):
                    added += 1
            if not priced.proven:
                return added, False
        if lagrangian > self.best_lagrangian:
            self.best_lagrangian, self.center = lagrangian, at
        return added, True


def _time_left(deadline: float) -> float:
    return min(PRICING_MAX_S, max(0.05, deadline - time.perf_counter()))
