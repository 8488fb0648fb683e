"""First rosters by best responses: within the rules, and no agent alone can do better."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from scheduler import best_response
from scheduler.best_response import best_responses, marginal_prices
from scheduler.cheapest_schedule import schedule_space
from scheduler.check import check
from scheduler.column_search import roster_of
from scheduler.problem import compile_problem
from scheduler.schedule_pricing import SchedulePricer
from scheduler.subproblem import OFF, duty_counts
from tests.test_agent_lns import benchmark_team


def test_one_more_agent_saves_the_under_weight_until_the_preferred_count_then_pays_the_over() -> (
    None
):
    problem = compile_problem(benchmark_team(7, 4, seed=1))
    (day, shift), need = next(iter(problem.requirements.items()))
    assert need.preferred is not None and need.preferred >= 1
    short = marginal_prices(problem, Counter({(day, shift): need.preferred - 1}))
    reached = marginal_prices(problem, Counter({(day, shift): need.preferred}))
    assert short[day, shift] == -need.under_weight == -100
    assert reached[day, shift] == need.over_weight == 1
    assert short[day, len(problem.shifts)] == 0  # a day off changes no head count


@pytest.mark.parametrize("seed", [2, 3])
def test_no_agent_can_lower_the_cost_alone_once_the_passes_settle(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setattr(best_response, "PASSES", 50)
    instance = benchmark_team(14, 6, seed)
    problem = compile_problem(instance)
    pricers = [SchedulePricer(schedule_space(problem, agent)) for agent in range(6)]  # type: ignore[arg-type]
    responses = best_responses(problem, pricers, deadline=time.perf_counter() + 30)
    assert responses is not None and responses.first_pass_s > 0
    schedule = responses.schedule
    roster = roster_of(problem, schedule)
    assert check(instance, roster.assignments(problem)).violations == ()
    for agent, pricer in enumerate(pricers):
        others = duty_counts(schedule, [a for a in range(6) if a != agent])
        prices = marginal_prices(problem, others)
        best = pricer.exact(prices)
        assert best is not None
        num_shifts = len(problem.shifts)
        current = sum(
            pricer.space.own_costs[day, num_shifts if shift == OFF else shift]
            + (0 if shift == OFF else prices[day, shift])
            for day, shift in enumerate(schedule[agent])
        )
        assert current == pytest.approx(best.cost)


def test_a_first_pass_that_would_end_too_late_gives_up() -> None:
    problem = compile_problem(benchmark_team(14, 6, seed=2))
    pricers = [SchedulePricer(schedule_space(problem, agent)) for agent in range(6)]  # type: ignore[arg-type]
    now = time.perf_counter()
    assert best_responses(problem, pricers, deadline=now + 30, give_up=now) is None
    assert best_responses(problem, pricers, deadline=now + 30, give_up=now + 30) is not None
