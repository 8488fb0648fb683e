"""Rosters solved a few agents at a time: the parts price the whole roster exactly."""

from __future__ import annotations

import random
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from ortools.sat.python import cp_model

from scheduler import parts_solve
from scheduler.agent_lns import AgentRoster, construct, improve
from scheduler.check import check
from scheduler.formats.curtois_qu import parse_benchmark
from scheduler.instance import Instance, load_instance
from scheduler.large_solve import solve_large
from scheduler.model import build_model
from scheduler.problem import compile_problem
from scheduler.result import Status
from scheduler.solve import result_from_solver, solve
from scheduler.subproblem import cover_needs_team, decomposes, duty_counts, subproblem

ROOT = Path(__file__).resolve().parents[1]


def benchmark_team(days: int, staff: int, seed: int) -> Instance:
    """A random team in the Curtois & Qu format: every rule family, cover soft."""
    rng = random.Random(seed)
    lines = ["SECTION_HORIZON", str(days), "", "SECTION_SHIFTS", "E,480,", "L,480,E", "", "SECTION_STAFF"]  # fmt: skip
    for person in range(staff):
        late = rng.choice([0, days, 3])
        lines.append(f"P{person},E={days}|L={late},{480 * (days - 4)},{480 * 3},5,2,2,{days // 14 + 1}")  # fmt: skip
    lines += ["", "SECTION_DAYS_OFF", f"P0,{rng.randrange(days)}", "", "SECTION_SHIFT_ON_REQUESTS"]
    lines += [f"P{rng.randrange(staff)},{rng.randrange(days)},E,{rng.randint(1, 3)}" for _ in range(staff)]  # fmt: skip
    lines += ["", "SECTION_SHIFT_OFF_REQUESTS"]
    lines += [f"P{rng.randrange(staff)},{rng.randrange(days)},L,{rng.randint(1, 3)}" for _ in range(staff)]  # fmt: skip
    lines += ["", "SECTION_COVER"]
    lines += [f"{day},{shift},{rng.randint(1, staff // 2)},100,1" for day in range(days) for shift in "EL"]  # fmt: skip
    return parse_benchmark("\n".join(lines) + "\n", name=f"team{seed}")


def test_benchmark_teams_decompose_and_the_default_team_does_not() -> None:
    problem = compile_problem(benchmark_team(14, 6, seed=1))
    assert decomposes(problem) and not cover_needs_team(problem)
    default = compile_problem(load_instance(ROOT / "instances" / "four-agents.yaml"))
    assert cover_needs_team(default)


@pytest.mark.parametrize("seed", [1, 2])
def test_a_part_prices_the_whole_roster(seed: int) -> None:
    # Solving the whole team, then re-pricing three of its agents alone with
    # every day pinned: coverage penalties plus their own must be exactly the
    # whole cost less what the other agents pay on their own.
    instance = benchmark_team(14, 6, seed)
    problem = compile_problem(instance)
    whole = solve(instance, time_limit=10, workers=1)
    assert whole.status.has_roster and whole.objective is not None
    roster = AgentRoster.from_result(problem, whole)
    chosen = [4, 1, 2]  # any order: the part keeps it
    others = set(range(6)) - set(chosen)
    part = subproblem(problem, chosen, duty_counts(roster.schedule, others), schedule=roster.schedule, free_days=set())  # fmt: skip
    built = build_model(part)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    status = solver.solve(built.model)
    assert status == cp_model.OPTIMAL
    priced = result_from_solver(part, built, solver, Status.OPTIMAL, 0)
    assert set(priced.assignments) == set(roster.assignments(problem, chosen))
    others_own = roster.own_cost(others)
    assert priced.objective is not None and priced.objective + others_own == whole.objective


def test_first_roster_and_improvements_are_priced_as_the_checker_prices_them() -> None:
    instance = benchmark_team(21, 8, seed=3)
    problem = compile_problem(instance)
    roster = construct(problem, deadline=time.perf_counter() + 3, give_up=time.perf_counter() + 20, workers=1, seed=0)  # fmt: skip
    assert roster is not None
    first = roster.objective
    report = check(instance, roster.assignments(problem))
    assert not report.violations and report.objective == first
    seen: list[int] = []
    better = improve(
        problem, roster, deadline=time.perf_counter() + 3, workers=1, seed=0,
        on_improvement=lambda improved: seen.append(improved.objective),
    )  # fmt: skip
    assert better.objective <= first
    assert seen == sorted(seen, reverse=True) and all(cost < first for cost in seen)
    result = better.to_result(problem, Status.FEASIBLE, None, 0)
    report = check(instance, result.assignments)
    assert not report.violations and report.objective == better.objective == result.objective
    assert sum(penalty.cost for penalty in result.penalties) == result.objective


def test_solve_large_by_parts_proves_a_small_team_optimal() -> None:
    instance = benchmark_team(14, 5, seed=4)
    reference = solve(instance, time_limit=20, workers=1)
    assert reference.status is Status.OPTIMAL
    points: list[float] = []
    result = solve_large(instance, time_limit=10, workers=1, on_progress=lambda p: points.append(p.wall_time_s))  # fmt: skip
    assert result.status is Status.OPTIMAL and result.objective == reference.objective
    assert check(instance, result.assignments).objective == reference.objective
    assert points == sorted(points)


def test_every_kind_of_round_runs_and_the_result_is_priced_as_the_checker_prices_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Short rounds, so that parts, the whole model and the whole-model
    # neighbourhoods each get a turn within a few seconds. Column search
    # would end the search early (its bound proves the team optimal).
    monkeypatch.setattr(parts_solve, "COLUMN_SEARCH_MAX_DAYS", 0)
    monkeypatch.setattr(parts_solve, "MIN_ROUND_S", 0.8)
    monkeypatch.setattr(parts_solve, "ROUND_SHARE", 0.05)
    monkeypatch.setattr(parts_solve, "MIN_PROOF_S", 0.5)
    monkeypatch.setattr(parts_solve, "PROOF_SHARE", 0.05)
    calls: Counter[str] = Counter()
    for name in ("improve", "improve_neighbourhoods", "whole_model_solver"):
        original = getattr(parts_solve, name)

        def counted(*args: Any, _name: str = name, _original: Any = original, **kwargs: Any) -> Any:
            calls[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(parts_solve, name, counted)
    instance = benchmark_team(28, 16, seed=5)  # too large to be proven in one short round
    result = solve_large(instance, time_limit=8, workers=1)
    assert set(calls) == {"improve", "improve_neighbourhoods", "whole_model_solver"}
    assert result.status.has_roster and result.objective is not None
    report = check(instance, result.assignments)
    assert not report.violations and report.objective == result.objective
