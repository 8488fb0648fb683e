"""Column search over classes of identical agents: groups, bound, dive and roster.

The synthetic call centre (``benchmarks/scale_instances.py``) has every rule
family the product's teams use: 15-minute demand, 11 hours of rest in real
time, days off and minutes per week, a soft weekend limit and a fairness
spread. Eight agents over one week are small enough for CP-SAT to prove the
optimum, which the bound must not pass and the roster must not beat.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import time
from collections import Counter
from typing import Any

import numpy as np
import pytest

from benchmarks.scale_instances import synthetic_team
from scheduler import class_roster, large_solve
from scheduler import solve as solve_module
from scheduler.agent_classes import agent_classes
from scheduler.check import check
from scheduler.class_columns import dive, generate
from scheduler.class_pricing import ClassPricer
from scheduler.class_roster import roster_from_pool
from scheduler.class_search import class_search_applies
from scheduler.column_search import roster_of
from scheduler.cover_rows import cover_rows
from scheduler.instance import Instance
from scheduler.large_solve import solve_large
from scheduler.problem import Pin, Problem, compile_problem
from scheduler.result import Result, Status
from scheduler.solve import solve
from scheduler.subproblem import subproblem

AGENTS, WEEKS = 8, 1


@functools.cache
def centre() -> Instance:
    return synthetic_team(AGENTS, WEEKS)


@functools.cache
def optimum() -> Result:
    result = solve(centre(), time_limit=60, workers=2)
    assert result.status.name == "OPTIMAL" and result.objective is not None
    return result


def test_identical_agents_form_one_class_and_anything_of_their_own_splits_them() -> None:
    problem = compile_problem(centre())
    assert agent_classes(problem) == [tuple(range(AGENTS))]
    pinned = dataclasses.replace(problem, pins=(Pin(agent=3, day=2, shift=None),))
    assert agent_classes(pinned) == [(0, 1, 2, 4, 5, 6, 7), (3,)]
    unavailable = dataclasses.replace(problem, unavailable=frozenset({(5, 0), (6, 0)}))
    assert agent_classes(unavailable) == [(0, 1, 2, 3, 4, 7), (5, 6)]


def test_the_bound_stays_below_the_optimum_and_the_roster_above() -> None:
    problem = compile_problem(centre())
    classes = agent_classes(problem)
    rows = cover_rows(problem)
    pricers = [ClassPricer(problem, members[0], workers=2, seed=0) for members in classes]
    generation = generate(rows, classes, pricers, time.perf_counter() + 60)
    assert generation is not None and generation.converged
    best = optimum().objective
    assert best is not None
    assert 0 < generation.bound <= best
    assert generation.relaxation <= best + 1e-6
    relaxed = dive(generation, pricers, time.perf_counter() + 60)
    assert sum(relaxed) == pytest.approx(AGENTS)
    pool = [column for column, _ in generation.master.columns]
    schedule = roster_from_pool(problem, rows, classes, pool, relaxed=relaxed, time_limit=10, workers=2, seed=0)  # fmt: skip
    assert schedule is not None
    roster = roster_of(problem, schedule)
    report = check(centre(), roster.assignments(problem))
    assert report.violations == ()
    assert sum(penalty.cost for penalty in report.penalties) == roster.objective
    assert best <= roster.objective


def test_each_priced_schedule_costs_what_the_checker_says_and_no_less_than_the_bound() -> None:
    problem = compile_problem(centre())
    pricer = ClassPricer(problem, 0, workers=1, seed=0)
    rows = cover_rows(problem)
    # Prices that pay for most of each row's under-cover: the agent wants to work.
    duals = [-0.7 * row.segments[0][1] for row in rows.rows]
    prices = rows.duty_prices(np.array(duals), problem.num_days)
    priced = pricer.price(prices, 10)
    assert priced is not None and priced.proven and priced.schedules
    alone = _one_agent(problem)
    for schedule, own in priced.schedules:
        assert roster_of(alone, [list(schedule)]).objective == own
        earned = sum(prices[day, shift] for day, shift in enumerate(schedule) if shift >= 0)
        assert own - earned >= priced.least - 1e-6
    last_schedule, last_own = priced.schedules[-1]
    last_value = last_own - sum(prices[day, shift] for day, shift in enumerate(last_schedule) if shift >= 0)  # fmt: skip
    assert last_value == pytest.approx(priced.least, abs=problem.num_days * 1e-3)


def test_solve_large_starts_from_the_class_roster_and_reports_its_bound() -> None:
    problem = compile_problem(centre())
    assert class_search_applies(problem)
    result = solve_large(centre(), time_limit=6, workers=2)
    best = optimum().objective
    assert result.objective is not None and best is not None and result.best_bound is not None
    assert 0 < result.best_bound <= best <= result.objective
    assert check(centre(), result.assignments).violations == ()


def test_a_class_with_no_schedule_leaves_the_problem_to_the_whole_model() -> None:
    problem = compile_problem(centre())
    # Pinned to work all seven days against "at least 2 days off a week": no schedule at all.
    pins = tuple(Pin(agent=0, day=day, shift=0) for day in range(problem.num_days))
    impossible = dataclasses.replace(problem, pins=pins)
    classes = agent_classes(impossible)
    rows = cover_rows(impossible)
    pricers = [ClassPricer(impossible, members[0], workers=1, seed=0) for members in classes]
    assert generate(rows, classes, pricers, time.perf_counter() + 10) is None


def _one_agent(problem: Problem) -> Problem:
    """Agent 0 alone with no head counts: its schedule costs only its own penalties."""
    alone = subproblem(problem, [0], Counter())
    return dataclasses.replace(alone, requirements={}, interval_requirements=())


def test_the_class_roster_is_kept_when_the_whole_model_has_no_time_left(monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    def out_of_time(*_args: object) -> tuple[object, Status]:
        return None, Status.UNKNOWN

    monkeypatch.setattr(large_solve, "_whole_solution", out_of_time)
    result = large_solve.solve_large(centre(), time_limit=5, workers=2)
    best = optimum().objective
    assert result.status.has_roster and result.objective is not None and best is not None
    assert result.best_bound is not None and result.best_bound <= best <= result.objective
    assert check(centre(), result.assignments).violations == ()


def test_the_plain_rounding_is_the_roster_when_cp_sat_finds_none(monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    problem = compile_problem(centre())
    classes = agent_classes(problem)
    rows = cover_rows(problem)
    pricers = [ClassPricer(problem, members[0], workers=1, seed=0) for members in classes]
    generation = generate(rows, classes, pricers, time.perf_counter() + 60)
    assert generation is not None
    values = generation.master.values()
    monkeypatch.setattr(class_roster.cp_model.CpSolver, "solve", lambda *_args: class_roster.cp_model.UNKNOWN)  # fmt: skip
    pool = [column for column, _ in values]
    schedule = roster_from_pool(problem, rows, classes, pool, relaxed=[v for _, v in values], time_limit=1, workers=1, seed=0)  # fmt: skip
    assert schedule is not None
    worked = Counter(tuple(days) for days in schedule)
    for column, value in values:
        assert worked[column.schedule] in (math.floor(value + 1e-6), math.ceil(value - 1e-6))
    assert sum(worked.values()) == AGENTS


def test_solve_hands_large_teams_to_solve_large_unless_hinted(monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    calls: list[float] = []
    real = large_solve.solve_large

    def recorded(instance: Instance, **options: Any) -> Result:
        calls.append(options["time_limit"])
        return real(instance, **options)

    monkeypatch.setattr(large_solve, "solve_large", recorded)
    monkeypatch.setattr(solve_module, "LARGE_TEAM_SHIFT_VARIABLES", AGENTS * 7 * 6)
    result = solve(centre(), time_limit=5, workers=2)
    assert calls == [5]
    assert result.objective is not None and check(centre(), result.assignments).violations == ()
    solve(centre(), time_limit=2, workers=2, hint=result.assignments)
    assert calls == [5]
