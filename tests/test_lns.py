"""Large-neighbourhood search: never worse than its start, rosters the checker accepts."""

from __future__ import annotations

import time
from pathlib import Path

from ortools.sat.python import cp_model

from scheduler.check import check
from scheduler.instance import load_instance
from scheduler.large_solve import solve_large
from scheduler.lns import Incumbent, improve
from scheduler.model import build_model
from scheduler.problem import compile_problem
from scheduler.solve import STATUS_OF, result_from_solver

ROOT = Path(__file__).resolve().parents[1]
LITERAL = ROOT / "instances" / "four-agents-policy-literal.yaml"


def test_improve_keeps_or_lowers_the_cost_and_restores_the_model() -> None:
    instance = load_instance(LITERAL)
    problem = compile_problem(instance)
    built = build_model(problem)
    domains = [list(variable.domain) for variable in built.model.proto.variables]
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.stop_after_first_solution = True  # a poor start, room to improve
    status = STATUS_OF[solver.solve(built.model)]
    assert status.has_roster
    first_cost = result_from_solver(problem, built, solver, status, 0).objective
    assert first_cost is not None
    start = Incumbent(list(solver.response_proto.solution), first_cost, solver)
    seen: list[int] = []

    best = improve(
        problem, built, start, deadline=time.perf_counter() + 4, workers=1, seed=0,
        on_improvement=lambda incumbent: seen.append(incumbent.objective),
    )  # fmt: skip

    assert best.objective <= first_cost
    assert seen == sorted(seen, reverse=True) and all(cost < first_cost for cost in seen)
    assert [list(variable.domain) for variable in built.model.proto.variables] == domains
    result = result_from_solver(problem, built, best.solver, status, 0)
    assert result.objective == best.objective
    report = check(instance, result.assignments)
    assert not report.violations and report.objective == best.objective


def test_solve_large_reports_progress_from_its_own_start() -> None:
    instance = load_instance(ROOT / "instances" / "four-agents.yaml")
    points: list[float] = []
    result = solve_large(instance, time_limit=5, workers=1, on_progress=lambda p: points.append(p.wall_time_s))  # fmt: skip
    assert result.status.has_roster and result.objective == 600
    assert points and points == sorted(points)
    assert check(instance, result.assignments).objective == 600
