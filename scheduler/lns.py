"""Large-neighbourhood search on one built model: free a part of the roster, re-solve, keep gains.

CP-SAT alone stalls on the larger public benchmarks (on Curtois & Qu Instance8
it was still 55 % above the best known after 60 s). Here the incumbent roster
stays fixed except a neighbourhood, which CP-SAT re-optimises in a short solve
hinted with the incumbent, so each step can only keep or lower the cost:

- a few agents over the whole horizon (their rules span the horizon: total
  minutes, weekends, per-type maxima);
- every agent in a window of days (cover and runs of days couple the agents);
- some agents in a wider window (both kinds of coupling at once).

The model is built once; a neighbourhood is imposed by narrowing the domains
of the fixed shift variables in place and restoring them after the solve,
which costs a pass over the variables instead of a copy of the model. The
neighbourhood grows after a sub-solve proves its part optimal (nothing more
to find there) and shrinks after one that runs out of time.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from scheduler.model import BuiltModel
from scheduler.problem import Problem

SUB_SOLVE_SECONDS = (0.5, 5.0)
"""Bounds of the time one neighbourhood may take."""
START_SHARE = 0.15
"""Starting size: the share of the roster's cells freed."""


@dataclass
class Incumbent:
    """The best full assignment so far: one value per model variable, and its cost."""

    values: list[int]
    objective: int
    solver: cp_model.CpSolver
    """The solver whose last solve produced ``values`` (for reading the roster back)."""


@dataclass
class AdaptiveSize:
    """A neighbourhood's size: it grows after a sub-solve proves its part optimal and shrinks after one that runs out of time."""

    value: float
    low: float
    high: float
    grow_by: float = 1.2
    shrink_by: float = 0.85

    def grow(self) -> None:
        self.value = min(self.high, self.value * self.grow_by)

    def shrink(self) -> None:
        self.value = max(self.low, self.value * self.shrink_by)


def improve(
    problem: Problem,
    built: BuiltModel,
    incumbent: Incumbent,
    *,
    deadline: float,
    workers: int,
    seed: int,
    on_improvement: Callable[[Incumbent], None] | None = None,
) -> Incumbent:
    """Run neighbourhoods until ``deadline`` (a ``time.perf_counter`` value); the best found."""
    rng = random.Random(seed)
    kinds: list[tuple[str, Callable[[float], set[tuple[int, int]]]]] = [
        ("agents", lambda share: _agents(problem, rng, share)),
        ("window", lambda share: _window(problem, rng, share)),
        ("agents_window", lambda share: _agents_window(problem, rng, share)),
    ]
    shapes = {name: AdaptiveSize(START_SHARE, low=0.02, high=0.9) for name, _ in kinds}
    shift_vars = built.variables.shift
    proto = built.model.proto
    step = 0
    while True:
        remaining = deadline - time.perf_counter()
        if remaining < SUB_SOLVE_SECONDS[0] / 2:
            return incumbent
        name, choose = kinds[step % len(kinds)]
        step += 1
        shape = shapes[name]
        free_cells = choose(shape.value)
        fixed = [
            (variable.index, incumbent.values[variable.index])
            for (agent, day, _), variable in shift_vars.items()
            if (agent, day) not in free_cells
        ]
        limit = min(remaining, _sub_limit(problem, shape.value))
        solver, status = _solve_with_fixed(built, proto, fixed, incumbent.values, limit, workers, seed + step)  # fmt: skip
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            objective = round(solver.objective_value)
            if status == cp_model.OPTIMAL:
                shape.grow()
            else:
                shape.shrink()
            if objective <= incumbent.objective:
                # Equal moves are taken too: they walk the plateaus of the
                # objective (many rosters cost the same) to new neighbourhoods.
                better = objective < incumbent.objective
                values = list(solver.response_proto.solution)
                incumbent = Incumbent(values, objective, solver)
                if better and on_improvement is not None:
                    on_improvement(incumbent)
        else:
            shape.shrink()


def _sub_limit(problem: Problem, share: float) -> float:
    """More time for more freed cells, within SUB_SOLVE_SECONDS."""
    cells = len(problem.agents) * problem.num_days * len(problem.shifts) * share
    low, high = SUB_SOLVE_SECONDS
    return max(low, min(high, cells / 2000))


def _solve_with_fixed(
    built: BuiltModel,
    proto: object,
    fixed: Sequence[tuple[int, int]],
    hint: Sequence[int],
    time_limit: float,
    workers: int,
    seed: int,
) -> tuple[cp_model.CpSolver, object]:
    variables = proto.variables  # type: ignore[attr-defined]
    saved = []
    for index, value in fixed:
        domain = variables[index].domain
        saved.append((index, domain[0], domain[1]))
        domain[0] = value
        domain[1] = value
    model = built.model
    model.clear_hints()  # type: ignore[no-untyped-call]
    for (_, _, _), variable in built.variables.shift.items():
        model.add_hint(variable, hint[variable.index])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    try:
        status = solver.solve(model)
    finally:
        for index, low, high in saved:
            domain = variables[index].domain
            domain[0] = low
            domain[1] = high
        model.clear_hints()  # type: ignore[no-untyped-call]
    return solver, status


def _agents(problem: Problem, rng: random.Random, share: float) -> set[tuple[int, int]]:
    count = max(2, round(share * len(problem.agents)))
    chosen = rng.sample(range(len(problem.agents)), min(count, len(problem.agents)))
    return {(agent, day) for agent in chosen for day in range(problem.num_days)}


def _window(problem: Problem, rng: random.Random, share: float) -> set[tuple[int, int]]:
    length = max(2, round(share * problem.num_days))
    first = rng.randrange(0, max(1, problem.num_days - length + 1))
    days = range(first, min(problem.num_days, first + length))
    return {(agent, day) for agent in range(len(problem.agents)) for day in days}


def _agents_window(problem: Problem, rng: random.Random, share: float) -> set[tuple[int, int]]:
    # Twice the share in each direction frees about the same number of cells
    # as the other kinds when share is small, but in a block.
    count = max(2, round(min(1.0, 2 * share) * len(problem.agents)))
    length = max(3, round(min(1.0, 2 * share) * problem.num_days))
    agents = rng.sample(range(len(problem.agents)), min(count, len(problem.agents)))
    first = rng.randrange(0, max(1, problem.num_days - length + 1))
    return {(agent, day) for agent in agents for day in range(first, min(problem.num_days, first + length))}  # fmt: skip
