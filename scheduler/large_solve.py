"""Solving large instances: CP-SAT on the whole model first, then large-neighbourhood search.

:func:`solve_large` is the entry point the public benchmarks (issue 8) use. It
builds the model once, lets CP-SAT's own portfolio work on the whole of it for
a share of the time (small instances are proven optimal there), then hands the
best roster to :func:`scheduler.lns.improve` for the rest. Progress times count
from the call (model building included), because on a year-long instance
building the model is part of the time to a first roster. The bound reported
is the whole model's: a neighbourhood's bound says nothing about the rest.
"""

from __future__ import annotations

import dataclasses
import time

from ortools.sat.python import cp_model

from scheduler.instance import Instance
from scheduler.lns import Incumbent, improve
from scheduler.model import BuiltModel, build_model
from scheduler.problem import Problem, compile_problem
from scheduler.result import Result, Status
from scheduler.solve import STATUS_OF, Progress, ProgressCallback, result_from_solver

WHOLE_MODEL_SHARE = 0.25
"""Share of the time limit for CP-SAT on the whole model before the neighbourhoods."""


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(self, started: float, on_progress: ProgressCallback | None):
        super().__init__()
        self._started = started
        self._on_progress = on_progress
        self.solutions = 0

    def on_solution_callback(self) -> None:
        self.solutions += 1
        if self._on_progress is not None:
            elapsed = time.perf_counter() - self._started
            self._on_progress(
                Progress(elapsed, self.objective_value, self.best_objective_bound, self.solutions)
            )


def solve_large(
    instance: Instance,
    *,
    time_limit: float = 60.0,
    workers: int = 2,
    seed: int = 0,
    on_progress: ProgressCallback | None = None,
) -> Result:
    """The best roster found within ``time_limit`` seconds, counted from this call."""
    started = time.perf_counter()
    deadline = started + time_limit
    problem = compile_problem(instance)
    built = build_model(problem)

    solver = cp_model.CpSolver()
    whole_share = max(5.0, WHOLE_MODEL_SHARE * time_limit)
    solver.parameters.max_time_in_seconds = max(0.1, min(deadline - time.perf_counter(), whole_share))  # fmt: skip
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    reporter = _Reporter(started, on_progress)
    status = STATUS_OF[solver.solve(built.model, reporter)]
    if status is Status.UNKNOWN and time.perf_counter() < deadline - 1:
        # No roster yet: the whole model keeps the rest of the time.
        solver.parameters.max_time_in_seconds = deadline - time.perf_counter()
        status = STATUS_OF[solver.solve(built.model, reporter)]
    bound = solver.best_objective_bound if status.has_roster else None
    if status is not Status.FEASIBLE:
        return _finish(problem, built, solver, status, started, bound)

    def improved(incumbent: Incumbent) -> None:
        reporter.solutions += 1
        if on_progress is not None:
            elapsed = time.perf_counter() - started
            on_progress(Progress(elapsed, incumbent.objective, bound, reporter.solutions))

    first = Incumbent(list(solver.response_proto.solution), round(solver.objective_value), solver)
    best = improve(
        problem, built, first, deadline=deadline, workers=workers, seed=seed,
        on_improvement=improved,
    )  # fmt: skip
    status = Status.OPTIMAL if bound is not None and best.objective <= bound else Status.FEASIBLE
    return _finish(problem, built, best.solver, status, started, bound)


def _finish(
    problem: Problem,
    built: BuiltModel,
    solver: cp_model.CpSolver,
    status: Status,
    started: float,
    bound: float | None,
) -> Result:
    result = result_from_solver(problem, built, solver, status, time.perf_counter() - started)
    return dataclasses.replace(result, best_bound=bound)
