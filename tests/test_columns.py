"""Column generation: a bound no roster beats, and rosters the checker confirms."""

from __future__ import annotations

import time
from typing import Any

import pytest

from scheduler import column_search as column_search_module
from scheduler.cheapest_schedule import schedule_space
from scheduler.check import check
from scheduler.column_search import column_search, roster_of
from scheduler.columns import ColumnPool, Pricing, dive, generate_columns, roster_from_columns
from scheduler.formats.curtois_qu import parse_benchmark, read_benchmark
from scheduler.problem import Problem, compile_problem
from scheduler.schedule_pricing import SchedulePricer
from scheduler.solve import solve
from tests.test_agent_lns import benchmark_team
from tests.test_curtois_qu_runner import DATA_DIR


def pricing_for(problem: Problem) -> Pricing:
    spaces = [schedule_space(problem, agent) for agent in range(len(problem.agents))]
    return Pricing(problem, [SchedulePricer(space) for space in spaces if space is not None])


def first_pool(pricing: Pricing) -> ColumnPool:
    pool = ColumnPool.empty(len(pricing.problem.agents))
    for agent, pricer in enumerate(pricing.pricers):
        priced = pricer()
        assert priced is not None
        pool.add(pricing.column(agent, priced.schedule))
    return pool


@pytest.mark.parametrize("seed", [1, 2])
def test_the_bound_stays_below_the_optimum_and_the_rosters_above(seed: int) -> None:
    instance = benchmark_team(14, 6, seed)
    problem = compile_problem(instance)
    optimum = solve(instance, time_limit=20, workers=2)
    assert optimum.status.name == "OPTIMAL" and optimum.objective is not None
    pricing = pricing_for(problem)
    pool = first_pool(pricing)
    outcome = generate_columns(pricing, pool, deadline=time.perf_counter() + 30)
    assert outcome.converged
    # The relaxation is a lower bound, rounded up because costs are whole.
    assert outcome.bound <= optimum.objective
    assert outcome.relaxation <= optimum.objective + 1e-6
    assert outcome.bound >= outcome.relaxation - 1e-6
    fixed = dive(pricing, pool, deadline=time.perf_counter() + 30)
    assert sorted(fixed) == list(range(len(problem.agents)))
    dived = [list(fixed[agent].schedule) for agent in range(len(problem.agents))]
    report = check(instance, roster_of(problem, dived).assignments(problem))
    assert report.violations == ()
    dive_cost = sum(penalty.cost for penalty in report.penalties)
    assert dive_cost >= optimum.objective
    assert roster_of(problem, dived).objective == dive_cost
    found = roster_from_columns(problem, pool, hint=dived, time_limit=10, workers=1, seed=0)
    assert found is not None
    pooled = roster_of(problem, found[0]).objective
    assert optimum.objective <= pooled <= dive_cost
    # A dive cut short leaves the rest to the pooled columns.
    half = {agent: fixed[agent] for agent in range(3)}
    completed = roster_from_columns(problem, pool, hint=None, fixed=half, time_limit=10, workers=1, seed=0)  # fmt: skip
    assert completed is not None
    assert all(completed[0][agent] == list(half[agent].schedule) for agent in half)
    assert check(instance, roster_of(problem, completed[0]).assignments(problem)).violations == ()


def test_column_search_reports_each_better_roster_and_ends_on_the_best() -> None:
    instance = benchmark_team(21, 8, seed=3)
    problem = compile_problem(instance)
    seen: list[int] = []
    started = time.perf_counter()
    outcome = column_search(
        problem, started=started, deadline=started + 6, workers=1, seed=0,
        on_roster=lambda roster, _bound: seen.append(roster.objective),
    )  # fmt: skip
    assert outcome is not None
    assert seen == sorted(seen, reverse=True) and seen[-1] == outcome.roster.objective
    report = check(instance, outcome.roster.assignments(problem))
    assert report.violations == ()
    assert sum(penalty.cost for penalty in report.penalties) == outcome.roster.objective
    assert 0 < outcome.bound <= outcome.roster.objective


def test_an_agent_without_any_schedule_leaves_the_problem_to_cp_sat() -> None:
    # 7 days, all off, yet 480 minutes at least: no schedule keeps the rules.
    text = (
        "SECTION_HORIZON\n7\n\nSECTION_SHIFTS\nE,480,\n\nSECTION_STAFF\nA,E=7,3360,480,7,1,1,1\n\n"
        "SECTION_DAYS_OFF\nA,0,1,2,3,4,5,6\n\nSECTION_SHIFT_ON_REQUESTS\n\n"
        "SECTION_SHIFT_OFF_REQUESTS\n\nSECTION_COVER\n0,E,1,100,1\n"
    )
    problem = compile_problem(parse_benchmark(text, name="nobody"))
    started = time.perf_counter()
    outcome = column_search(
        problem, started=started, deadline=started + 5, workers=1, seed=0,
        on_roster=lambda roster, bound: None,
    )  # fmt: skip
    assert outcome is None


@pytest.mark.skipif(not (DATA_DIR / "Instance1.txt").is_file(), reason=f"no Instance1.txt in {DATA_DIR}")  # fmt: skip
def test_dives_stop_once_they_stop_finding_better_rosters(monkeypatch: pytest.MonkeyPatch) -> None:
    # Instance1's relaxation is 558 and its optimum 607, found by the first
    # dive: no roster can reach the bound, so only the stall ends the dives
    # (1536 of them in 50 s before), and the whole model gets the time to prove it.
    events: list[str] = []

    def counted_dive(*args: Any, **kwargs: Any) -> Any:
        events.append("dive")
        return dive(*args, **kwargs)

    monkeypatch.setattr(column_search_module, "dive", counted_dive)
    problem = compile_problem(read_benchmark(DATA_DIR / "Instance1.txt"))
    started = time.perf_counter()
    outcome = column_search(
        problem, started=started, deadline=started + 120, workers=1, seed=0,
        on_roster=lambda roster, bound: events.append("roster"),
    )  # fmt: skip
    assert outcome is not None
    assert outcome.bound < outcome.roster.objective == 607
    last_roster = max(i for i, event in enumerate(events) if event == "roster")
    assert events[last_roster + 1 :] == ["dive"] * column_search_module.STALL_DIVES
