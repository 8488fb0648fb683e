"""Pricing agents together in threads: the same schedules and the same relaxation as one at a time."""

from __future__ import annotations

import dataclasses
import time

import numpy as np

from scheduler.best_response import best_responses
from scheduler.cheapest_schedule import schedule_space, state_days
from scheduler.check import check
from scheduler.column_search import roster_of
from scheduler.columns import generate_columns
from scheduler.pricing_threads import PARALLEL_MIN_STATE_DAYS, at_once, price_together
from scheduler.problem import compile_problem
from scheduler.schedule_pricing import SchedulePricer
from tests.test_agent_lns import benchmark_team
from tests.test_columns import first_pool, pricing_for


def test_threads_price_every_agent_as_one_at_a_time() -> None:
    problem = compile_problem(benchmark_team(21, 6, seed=4))
    spaces = [schedule_space(problem, agent) for agent in range(len(problem.agents))]
    prices = np.random.default_rng(0).normal(0.0, 30.0, (problem.num_days, len(problem.shifts) + 1))  # fmt: skip
    alone = [SchedulePricer(space)(prices) for space in spaces if space is not None]
    together = price_together([SchedulePricer(space) for space in spaces if space is not None], prices)  # fmt: skip
    assert [(p.bound, p.cost, p.schedule) for p in together if p] == [(p.bound, p.cost, p.schedule) for p in alone if p]  # fmt: skip
    assert len(together) == len(alone) == len(problem.agents)


def test_only_large_programmes_are_priced_in_threads() -> None:
    problem = compile_problem(benchmark_team(21, 6, seed=4))
    spaces = [space for agent in range(6) if (space := schedule_space(problem, agent))]
    assert all(state_days(space) < PARALLEL_MIN_STATE_DAYS for space in spaces)
    assert at_once(spaces, workers=2) == 1
    # The same agents, as if their programmes were as large as a half-year's.
    days = PARALLEL_MIN_STATE_DAYS // min(state_days(space) // space.num_days for space in spaces)  # fmt: skip
    long = [dataclasses.replace(space, num_days=days + 1) for space in spaces]
    assert at_once(long, workers=2) == 2 and at_once(long, workers=1) == 1


def test_column_generation_in_pairs_reaches_the_same_relaxation() -> None:
    problem = compile_problem(benchmark_team(14, 7, seed=5))
    outcomes = []
    for together in (1, 2):
        pricing = dataclasses.replace(pricing_for(problem), at_once=together)
        outcome = generate_columns(pricing, first_pool(pricing), deadline=time.perf_counter() + 30)  # fmt: skip
        assert outcome.converged
        outcomes.append(outcome)
    # The optimum of the linear relaxation does not depend on the path to it.
    assert abs(outcomes[0].relaxation - outcomes[1].relaxation) < 1e-6
    assert outcomes[1].bound <= outcomes[1].relaxation + 1


def test_best_responses_in_pairs_keep_every_hard_rule() -> None:
    instance = benchmark_team(14, 7, seed=5)
    problem = compile_problem(instance)
    pricing = pricing_for(problem)
    responses = best_responses(problem, pricing.pricers, deadline=time.perf_counter() + 10, at_once=2)  # fmt: skip
    assert responses is not None
    roster = roster_of(problem, responses.schedule)
    report = check(instance, roster.assignments(problem))
    assert report.violations == ()
    assert sum(penalty.cost for penalty in report.penalties) == roster.objective
