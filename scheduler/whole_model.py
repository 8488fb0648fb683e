"""Solves of the whole model inside the large-instance strategies, timed from the call's start.

:class:`Reporter` passes each better roster and bound on as
:class:`~scheduler.solve.Progress`; :func:`whole_model_solver` sets the
parameters both :mod:`scheduler.large_solve` and :mod:`scheduler.parts_solve`
use for a whole-model phase.
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from scheduler.solve import Progress, ProgressCallback


class Reporter(cp_model.CpSolverSolutionCallback):
    """Passes rosters and bounds of whole-model solves on, timed from the call's start."""

    def __init__(self, started: float, on_progress: ProgressCallback | None):
        super().__init__()
        self._started = started
        self._on_progress = on_progress
        self.solutions = 0
        self.best: float | None = None
        self.best_bound: float | None = None
        """The highest bound reported: every bound is valid for the whole run, and a later
        solve (a part, a neighbourhood) often knows a weaker one than column generation."""

    def on_solution_callback(self) -> None:
        if self.best is not None and self.objective_value >= self.best:
            return  # a hinted solve repeats the roster it was given
        self.best = self.objective_value
        self.report(self.objective_value, self.best_objective_bound)

    def report(self, objective: float, bound: float | None) -> None:
        self.solutions += 1
        if bound is not None:
            self.best_bound = bound if self.best_bound is None else max(self.best_bound, bound)
        bound = self.best_bound
        if self._on_progress is not None:
            elapsed = time.perf_counter() - self._started
            self._on_progress(Progress(elapsed, objective, bound, self.solutions))


def whole_model_solver(
    time_limit: float, workers: int, seed: int, *, interleave: bool = True
) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    if interleave:
        # Interleaved subsolvers proved Curtois & Qu Instances 2 and 3 optimal in
        # 7-17 s, where the plain 2-worker portfolio still had bounds near 200.
        solver.parameters.interleave_search = True
        solver.parameters.interleave_batch_size = 1
    return solver
