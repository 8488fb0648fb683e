"""The one entry point: solve an instance and return a :class:`Result`.

With a fixed ``seed`` and ``workers`` count the search is reproducible: by
default CP-SAT interleaves its workers in a fixed order (``interleave_search``
with batches of one task), so no thread race decides which of several optimal
rosters comes back. On the default instance that costs nothing measurable
(0.07-0.19 s either way); with larger batches it took 1 s. A search cut short
by the wall-clock ``time_limit`` stops wherever the clock says; limit it with
``max_deterministic_time`` instead to reproduce that too. ``deterministic=False``
runs the workers truly in parallel, for large instances where the race pays.
Extra keyword arguments go straight to CP-SAT's parameters (for example
``log_search_progress=True``). Large teams without a hint or parameters go to
:func:`scheduler.large_solve.solve_large` instead (:data:`LARGE_TEAM_SHIFT_VARIABLES`),
which is not reproducible: its steps follow the clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from scheduler.instance.models import Instance
from scheduler.model import BuiltModel, add_hints, build_model
from scheduler.problem import Problem, compile_problem
from scheduler.result import Assignment, Penalty, Result, Status

LARGE_TEAM_SHIFT_VARIABLES = 20_000
"""Agents x days x shift types from which :func:`solve` hands the team to
:func:`scheduler.large_solve.solve_large`: on the 200-agent, six-week synthetic
centre (50,400) the whole model had a first roster at 15.6 s and 587,438 at
120 s, solve_large one at 1.8 s and 59,267 at 120 s (``benchmarks/README.md``)."""


@dataclass(frozen=True)
class Progress:
    """A snapshot during the search, for live displays."""

    wall_time_s: float
    objective: float | None
    best_bound: float | None
    solutions: int


ProgressCallback = Callable[[Progress], None]

STATUS_OF: dict[Any, Status] = {
    cp_model.OPTIMAL: Status.OPTIMAL,
    cp_model.FEASIBLE: Status.FEASIBLE,
    cp_model.INFEASIBLE: Status.INFEASIBLE,
    cp_model.UNKNOWN: Status.UNKNOWN,
    cp_model.MODEL_INVALID: Status.MODEL_INVALID,
}


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(self, on_progress: ProgressCallback):
        super().__init__()
        self._on_progress = on_progress
        self._solutions = 0
        self._objective: float | None = None
        self._started = time.perf_counter()

    def on_solution_callback(self) -> None:
        self._solutions += 1
        self._objective = self.objective_value
        self._report(self.best_objective_bound)

    def on_bound(self, bound: float) -> None:
        self._report(bound)

    def _report(self, bound: float) -> None:
        elapsed = time.perf_counter() - self._started
        self._on_progress(Progress(elapsed, self._objective, bound, self._solutions))


def solve(
    instance: Instance,
    *,
    time_limit: float = 10.0,
    workers: int = 2,
    seed: int = 0,
    hint: Iterable[Assignment] | None = None,
    on_progress: ProgressCallback | None = None,
    deterministic: bool = True,
    **parameters: object,
) -> Result:
    """Find the best roster for ``instance`` within ``time_limit`` seconds.

    ``hint`` warm-starts the search from a previous roster; ``on_progress`` is
    called on every improving roster and every bound improvement. Without a
    hint or CP-SAT parameters, a team of :data:`LARGE_TEAM_SHIFT_VARIABLES` or
    more goes to :func:`scheduler.large_solve.solve_large` (column search,
    neighbourhoods), whose search follows the clock and so is not reproducible.
    """
    problem = compile_problem(instance)
    if hint is None and not parameters and _large(problem):
        # Imported here: large_solve builds on this module's helpers.
        from scheduler.large_solve import solve_large

        return solve_large(instance, time_limit=time_limit, workers=workers, seed=seed, on_progress=on_progress)  # fmt: skip
    built = build_model(problem)
    if hint is not None:
        add_hints(built, problem, hint)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    if deterministic:
        solver.parameters.interleave_search = True
        solver.parameters.interleave_batch_size = 1
    for name, value in parameters.items():
        try:
            setattr(solver.parameters, name, value)
        except (AttributeError, TypeError) as error:
            reason = str(error).splitlines()[0]
            raise ValueError(f"invalid CP-SAT parameter {name}={value!r}: {reason}") from None
    reporter = _Reporter(on_progress) if on_progress else None
    if reporter is not None:
        solver.best_bound_callback = reporter.on_bound
    started = time.perf_counter()
    code = solver.solve(built.model, reporter)
    wall_time = time.perf_counter() - started
    status = STATUS_OF[code]
    if status is Status.MODEL_INVALID:
        raise RuntimeError(f"CP-SAT rejected the model: {built.model.validate()}")
    return result_from_solver(problem, built, solver, status, wall_time)


def _large(problem: Problem) -> bool:
    return (
        len(problem.agents) * problem.num_days * len(problem.shifts) >= LARGE_TEAM_SHIFT_VARIABLES
    )


def result_from_solver(
    problem: Problem,
    built: BuiltModel,
    solver: cp_model.CpSolver,
    status: Status,
    wall_time: float,
) -> Result:
    assignments: tuple[Assignment, ...] = ()
    penalties: tuple[Penalty, ...] = ()
    objective: int | None = None
    bound: float | None = None
    if status.has_roster:
        assignments = tuple(
            Assignment(problem.agents[a], problem.dates[d], problem.shifts[s])
            for (a, d, s), variable in sorted(built.variables.shift.items())
            if solver.boolean_value(variable)
        )
        penalties = tuple(_penalties(problem, built, solver))
        # The cost of the roster returned, term by term. CP-SAT's own
        # objective_value can belong to another solution: with one worker and
        # stop_after_first_solution it reported 330 for a roster that costs 0.
        objective = sum(penalty.cost for penalty in penalties)
        bound = solver.best_objective_bound
    return Result(
        status=status,
        objective=objective,
        best_bound=bound,
        wall_time_s=wall_time,
        assignments=assignments,
        penalties=penalties,
        agents=problem.agents,
        dates=problem.dates,
    )


def _penalties(problem: Problem, built: BuiltModel, solver: cp_model.CpSolver) -> Iterable[Penalty]:
    for term in built.terms:
        amount = int(solver.value(term.expression))
        if amount:
            yield Penalty(
                rule=term.rule,
                amount=amount,
                weight=term.weight,
                agent=None if term.agent is None else problem.agents[term.agent],
                date=None if term.day is None else problem.dates[term.day % problem.num_days],
                shift=None if term.shift is None else problem.shifts[term.shift],
                interval=term.interval,
            )
