"""Solving large instances: the whole model, then neighbourhoods, then the whole model again.

:func:`solve_large` is the entry point the public benchmarks (issue 8) use.
Where agents meet only through soft coverage (the Curtois & Qu instances),
it works by parts of the roster (:mod:`scheduler.parts_solve`). Otherwise it
builds the model once and splits the time in three:

1. CP-SAT on the whole model (a quarter of the time, at least 5 s), with
   interleaved subsolvers: small instances are proven optimal here;
2. large-neighbourhood search (:func:`scheduler.lns.improve`) from the best
   roster, which is what moves medium instances (Curtois & Qu Instance8 at
   60 s: 1928 with it, 2545 from the whole model alone);
3. the whole model again, hinted with the best roster, for the last quarter:
   with a good roster in hand the search turns to the bound, which is how
   the optimum of the small instances gets proven.

Progress times count from the call (model building included), because on a
year-long instance building the model is part of the time to a first roster.
The bound is the whole model's: a neighbourhood's bound says nothing of the rest.
"""

from __future__ import annotations

import dataclasses
import math
import time

from ortools.sat.python import cp_model

from scheduler.agent_lns import AgentRoster
from scheduler.class_search import class_search, class_search_applies
from scheduler.instance import Instance
from scheduler.lns import Incumbent, improve
from scheduler.model import BuiltModel, add_hints, build_model
from scheduler.parts_solve import solve_by_parts
from scheduler.problem import Problem, compile_problem
from scheduler.result import Result, Status
from scheduler.solve import STATUS_OF, ProgressCallback, result_from_solver
from scheduler.subproblem import cover_needs_team, decomposes
from scheduler.whole_model import Reporter, whole_model_solver

LARGE_MODEL_SHIFT_VARIABLES = 20_000
"""From this many shift variables on, a roster comes first from the model
without its objective and the neighbourhoods get all the remaining time: on
Curtois & Qu Instance20 (54,600) the whole model found no roster in 15 s."""
WHOLE_MODEL_SHARE = 0.25
"""Share of the time limit for each of the two whole-model phases."""
MIN_WHOLE_MODEL_S = 5.0


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
    reporter = Reporter(started, on_progress)
    if decomposes(problem) and not cover_needs_team(problem):
        return solve_by_parts(problem, started, deadline, workers, seed, reporter)
    searched = None
    if class_search_applies(problem):
        searched = class_search(problem, started, deadline, workers, seed, reporter)
    built = build_model(problem)
    phase = max(MIN_WHOLE_MODEL_S, WHOLE_MODEL_SHARE * time_limit)

    # Every penalty is non-negative, so 0 bounds the cost when the solver has no bound.
    bound = 0.0
    status = Status.UNKNOWN
    solver = cp_model.CpSolver()  # replaced below; unused if model building took all the time
    if searched is not None:
        bound = searched.bound
        solver, status = _whole_solution(problem, built, searched.roster, deadline, workers, seed)
        if not status.has_roster:  # the clock ran out on the whole model: keep the class roster
            optimal = searched.roster.objective <= math.ceil(bound - 1e-6)
            status = Status.OPTIMAL if optimal else Status.FEASIBLE
            return searched.roster.to_result(problem, status, bound, time.perf_counter() - started)
        if len(built.variables.shift) >= LARGE_MODEL_SHIFT_VARIABLES:
            phase = 0.0
    elif len(built.variables.shift) >= LARGE_MODEL_SHIFT_VARIABLES:
        phase = 0.0  # the neighbourhoods take all the time after the first roster
    else:
        solver = whole_model_solver(min(deadline - time.perf_counter(), phase), workers, seed)
        status = STATUS_OF[solver.solve(built.model, reporter)]
        if math.isfinite(solver.best_objective_bound):
            bound = max(bound, solver.best_objective_bound)
    if status is Status.UNKNOWN and time.perf_counter() < deadline - 1:
        solver, status = _any_roster(built, deadline - time.perf_counter(), workers, seed)
        if status.has_roster:
            objective = result_from_solver(problem, built, solver, status, 0).objective
            reporter.best = objective
            reporter.report(float(objective or 0), None)
            status = Status.FEASIBLE
    if status is not Status.FEASIBLE:
        return _finish(problem, built, solver, status, started, bound if status.has_roster else None)  # fmt: skip

    def improved(incumbent: Incumbent) -> None:
        reporter.best = incumbent.objective
        reporter.report(incumbent.objective, bound)

    cost = result_from_solver(problem, built, solver, status, 0).objective
    first = Incumbent(list(solver.response_proto.solution), cost or 0, solver)
    best = improve(
        problem, built, first, deadline=deadline - phase, workers=workers, seed=seed,
        on_improvement=improved,
    )  # fmt: skip
    best, bound = _prove(problem, built, best, bound, deadline, workers, seed, reporter)
    status = Status.OPTIMAL if best.objective <= bound else Status.FEASIBLE
    return _finish(problem, built, best.solver, status, started, bound)


def _whole_solution(
    problem: Problem,
    built: BuiltModel,
    roster: AgentRoster,
    deadline: float,
    workers: int,
    seed: int,
) -> tuple[cp_model.CpSolver, Status]:
    """The whole model's solution for a roster found elsewhere, to start the neighbourhoods from."""
    add_hints(built, problem, roster.assignments(problem))
    solver = whole_model_solver(deadline - time.perf_counter(), workers, seed, interleave=False)
    solver.parameters.fix_variables_to_their_hinted_value = True
    try:
        status = STATUS_OF[solver.solve(built.model)]
    finally:
        built.model.clear_hints()  # type: ignore[no-untyped-call]
    return solver, Status.FEASIBLE if status.has_roster else status


def _any_roster(
    built: BuiltModel, time_limit: float, workers: int, seed: int
) -> tuple[cp_model.CpSolver, Status]:
    """Any roster that keeps the hard rules: the model without its objective.

    On Curtois & Qu Instance20 (50 staff, 182 days) the whole model found no
    roster in 60 s, while without the objective feasibility jump found one in
    3.6 s; the neighbourhoods then work on its cost.
    """
    built.model.clear_objective()  # type: ignore[no-untyped-call]
    solver = whole_model_solver(time_limit, workers, seed, interleave=False)
    solver.parameters.stop_after_first_solution = True
    try:
        status = STATUS_OF[solver.solve(built.model)]
    finally:
        built.model.minimize(built.objective())
    return solver, status


def _prove(
    problem: Problem,
    built: BuiltModel,
    best: Incumbent,
    bound: float,
    deadline: float,
    workers: int,
    seed: int,
    reporter: Reporter,
) -> tuple[Incumbent, float]:
    """The whole model hinted with ``best`` until the deadline: a better roster, a better bound."""
    remaining = deadline - time.perf_counter()
    if remaining < 1 or best.objective <= bound:
        return best, bound
    roster = result_from_solver(problem, built, best.solver, Status.FEASIBLE, 0).assignments
    add_hints(built, problem, roster)
    solver = whole_model_solver(remaining, workers, seed + 1)
    try:
        status = STATUS_OF[solver.solve(built.model, reporter)]
    finally:
        built.model.clear_hints()  # type: ignore[no-untyped-call]
    if not status.has_roster:
        return best, bound
    bound = max(bound, solver.best_objective_bound)
    objective = round(solver.objective_value)
    if objective < best.objective:
        best = Incumbent(list(solver.response_proto.solution), objective, solver)
    return best, bound


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
