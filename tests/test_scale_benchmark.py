"""The synthetic teams of the scale benchmark (benchmarks/scale_instances.py); nothing is solved."""

from __future__ import annotations

import pytest

from benchmarks.scale_instances import synthetic_team
from scheduler.instance import Instance, parse_instance


def _wanted(instance: Instance) -> int:
    """Agent-intervals wanted in one week (every demand entry is one weekday's interval)."""
    return sum(entry.preferred or 0 for entry in instance.interval_coverage)


def _calls(instance: Instance) -> float:
    return sum(entry.forecast.calls for entry in instance.interval_coverage if entry.forecast)


@pytest.fixture(scope="module")
def small() -> Instance:
    return synthetic_team(10, 1)


@pytest.fixture(scope="module")
def large() -> Instance:
    return synthetic_team(60, 2)


def test_head_count_and_horizon(small: Instance, large: Instance) -> None:
    assert [agent.id for agent in small.team.agents] == [f"a{i}" for i in range(1, 11)]
    assert len(large.team.agents) == 60 and large.team.agents[-1].id == "a60"
    assert (small.horizon.weeks, small.horizon.days) == (1, 7)
    assert (large.horizon.weeks, large.horizon.days) == (2, 14)


def test_demand_grows_with_the_team(small: Instance, large: Instance) -> None:
    # The forecast's calls scale exactly with the team (60/40 against 10/40);
    # Erlang C needs fewer agents per call for more calls, so the head count
    # grows, but by less than six times.
    assert _calls(large) == pytest.approx(6 * _calls(small))
    assert _wanted(small) < _wanted(large) < 6 * _wanted(small)
    # One entry per weekday and interval of the profile, whatever the horizon.
    assert len(small.interval_coverage) == len(large.interval_coverage)


def test_horizon_totals_grow_with_the_weeks(small: Instance, large: Instance) -> None:
    # The example allows 1 worked weekend in its one week, so 2 in two weeks.
    assert small.rules.max_weekends is not None and small.rules.max_weekends.max == 1
    assert large.rules.max_weekends is not None and large.rules.max_weekends.max == 2


def test_instances_validate(small: Instance, large: Instance) -> None:
    for instance in (small, large):
        again = parse_instance(instance.model_dump(mode="json"), instance.name)
        assert again == instance
