"""One agent's cheapest schedule by dynamic programming: the same optimum as CP-SAT, within the rules."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from ortools.sat.python import cp_model

from scheduler.cheapest_schedule import cheapest, dp_supported, over_limits, schedule_space
from scheduler.check import check
from scheduler.formats.curtois_qu import parse_benchmark
from scheduler.instance import Instance, load_instance
from scheduler.model import build_model
from scheduler.problem import Problem, compile_problem
from scheduler.result import Assignment
from scheduler.schedule_pricing import SchedulePricer
from scheduler.subproblem import OFF, subproblem

ROOT = Path(__file__).resolve().parents[1]


def lone_agent(seed: int) -> Instance:
    """One agent in the Curtois & Qu format with every rule family drawn at random, no cover."""
    rng = random.Random(seed)
    days = rng.choice([7, 14, 21])
    lines = ["SECTION_HORIZON", str(days), "", "SECTION_SHIFTS", "E,480,", "D,600,E", "N,720,E|D", ""]  # fmt: skip
    limits = "|".join(f"{shift}={rng.choice([0, 2, 4, days])}" for shift in "EDN")
    most = rng.randint(3, 6)
    shortest = rng.randint(1, 3)
    off = rng.randint(1, 3)
    weekends = rng.randint(0, days // 7)
    max_minutes = 480 * rng.randint(days // 3, days)
    min_minutes = rng.choice([0, max_minutes // 2])
    lines += ["SECTION_STAFF", f"A,{limits},{max_minutes},{min_minutes},{most},{shortest},{off},{weekends}", ""]  # fmt: skip
    days_off = sorted(rng.sample(range(days), 2))
    lines += ["SECTION_DAYS_OFF", "A," + ",".join(map(str, days_off)), ""]
    lines += ["SECTION_SHIFT_ON_REQUESTS"]
    lines += [f"A,{rng.randrange(days)},{rng.choice('EDN')},{rng.randint(1, 5)}" for _ in range(4)]
    lines += ["", "SECTION_SHIFT_OFF_REQUESTS"]
    lines += [f"A,{rng.randrange(days)},{rng.choice('EDN')},{rng.randint(1, 5)}" for _ in range(4)]
    lines += ["", "SECTION_COVER", ""]
    return parse_benchmark("\n".join(lines), name=f"lone{seed}")


def cp_sat_optimum(problem: Problem, prices: np.ndarray) -> float | None:
    """The agent's optimum by CP-SAT on the engine's own model, with ``prices`` added."""
    part = subproblem(problem, [0], Counter())
    built = build_model(part)
    shift = built.variables.shift
    extra = sum(
        int(prices[day, s]) * shift[0, day, s]
        for day in range(problem.num_days)
        for s in range(len(problem.shifts))
    )
    built.model.minimize(built.objective() + extra)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    status = solver.solve(built.model)
    if status == cp_model.INFEASIBLE:
        return None
    assert status == cp_model.OPTIMAL
    return solver.objective_value


def assignments(problem: Problem, schedule: list[int]) -> list[Assignment]:
    return [
        Assignment(problem.agents[0], problem.dates[day], problem.shifts[s])
        for day, s in enumerate(schedule)
        if s != OFF
    ]


@pytest.mark.parametrize("seed", range(12))
def test_the_cheapest_schedule_is_cp_sat_optimum_and_keeps_every_rule(seed: int) -> None:
    instance = lone_agent(seed)
    problem = compile_problem(instance)
    space = schedule_space(problem, 0)
    assert space is not None
    rng = np.random.default_rng(seed)
    prices = np.zeros((problem.num_days, len(problem.shifts) + 1))
    prices[:, :-1] = rng.integers(-60, 20, size=(problem.num_days, len(problem.shifts)))
    expected = cp_sat_optimum(problem, prices)
    found = SchedulePricer(space).exact(prices)
    if expected is None:
        assert found is None
        return
    assert found is not None and found.exact
    assert found.cost == pytest.approx(expected)
    report = check(instance, assignments(problem, found.schedule))
    assert report.violations == ()
    # The cost is what the schedule really costs: its requests plus the prices.
    paid = sum(p.cost for p in report.penalties) + sum(
        prices[day, s] for day, s in enumerate(found.schedule) if s != OFF
    )
    assert found.cost == pytest.approx(paid)


@pytest.mark.parametrize("seed", range(12))
def test_priced_limits_give_a_bound_and_a_schedule_within_the_limits(seed: int) -> None:
    problem = compile_problem(lone_agent(seed))
    space = schedule_space(problem, 0)
    assert space is not None
    pricer = SchedulePricer(space)
    rng = np.random.default_rng(seed + 100)
    for _ in range(3):  # the multipliers carry over from one call to the next
        prices = np.zeros((problem.num_days, len(problem.shifts) + 1))
        prices[:, :-1] = rng.integers(-60, 20, size=(problem.num_days, len(problem.shifts)))
        optimum = pricer.exact(prices)
        priced = pricer(prices)
        if optimum is None:
            assert priced is None
            continue
        assert priced is not None
        assert priced.bound <= optimum.cost + 1e-6 <= priced.cost + 2e-6
        assert over_limits(space, priced.schedule) == []


def test_without_axes_the_programme_relaxes_the_type_limits() -> None:
    # Nothing but E wanted at a good price, E limited to 2: the relaxation
    # works E every allowed day, the exact pricer only twice.
    text = (
        "SECTION_HORIZON\n7\n\nSECTION_SHIFTS\nE,480,\n\nSECTION_STAFF\nA,E=2,3360,0,7,1,1,1\n\n"
        "SECTION_DAYS_OFF\n\nSECTION_SHIFT_ON_REQUESTS\n\nSECTION_SHIFT_OFF_REQUESTS\n\nSECTION_COVER\n"
    )
    problem = compile_problem(parse_benchmark(text, name="limit"))
    space = schedule_space(problem, 0)
    assert space is not None and space.type_limits == {0: 2}
    prices = np.zeros((7, 2))
    prices[:, 0] = -10
    relaxed = cheapest(space, prices)
    assert relaxed is not None and relaxed[1].count(0) > 2
    exact = SchedulePricer(space).exact(prices)
    assert exact is not None and exact.schedule.count(0) == 2 and exact.cost == -20


def test_rules_beyond_the_programme_leave_the_problem_to_cp_sat() -> None:
    # The default team has hard minimum head counts per shift and a rest rule.
    default = compile_problem(load_instance(ROOT / "instances" / "four-agents.yaml"))
    assert not dp_supported(default)
    assert schedule_space(default, 0) is None
