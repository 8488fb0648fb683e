"""Relaxations: every verified one really yields a roster that keeps its hard rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.check import check
from scheduler.explain.conflict import find_conflict
from scheduler.explain.relax import Relaxation, propose_relaxations
from scheduler.instance import load_instance
from scheduler.result import Status
from scheduler.solve import solve
from tests.builders import build_instance

INSTANCES = Path(__file__).parents[2] / "instances"


@pytest.fixture(scope="module")
def relaxations() -> tuple[Relaxation, ...]:
    instance = load_instance(INSTANCES / "four-agents-two-days-off.yaml")
    conflict = find_conflict(instance)
    assert conflict is not None
    return propose_relaxations(instance, conflict.groups, "en")


def test_each_verified_relaxation_solves_and_passes_the_checker(
    relaxations: tuple[Relaxation, ...],
) -> None:
    assert relaxations and all(r.verified for r in relaxations)
    for relaxation in relaxations:
        result = solve(relaxation.instance, time_limit=10)
        assert result.status.has_roster, relaxation.change
        assert check(relaxation.instance, result.assignments).violations == ()


def test_days_off_relaxation_keeps_two_as_preferred(relaxations: tuple[Relaxation, ...]) -> None:
    (days_off,) = [r for r in relaxations if r.change == "rules.days_off_per_week.min: 2 -> 1"]
    rule = days_off.instance.rules.days_off_per_week
    assert rule is not None and (rule.min, rule.preferred, rule.hard) == (1, 2, True)
    # Three weeks, one six-day week each: 3 x 100, plus the fairness cost of the default.
    assert days_off.objective == 600 and days_off.size == 1


def test_ranked_by_size_of_change(relaxations: tuple[Relaxation, ...]) -> None:
    assert [r.size for r in relaxations] == sorted(r.size for r in relaxations)
    assert relaxations[0].change == "rules.days_off_per_week.min: 2 -> 1"


def test_unverifiable_relaxation_is_reported_as_such() -> None:
    # One agent pinned to E on Monday, and E needs two agents every day: only
    # adding an agent or lowering coverage can help; freeing the pin cannot.
    instance = build_instance(
        {"fixed_assignments": [{"agent": "a1", "date": "2026-11-30", "shift": "E"}]},
        agents=["a1"],
        coverage=[{"shift": "E", "min": 2}],
    )
    conflict = find_conflict(instance)
    assert conflict is not None
    relaxations = propose_relaxations(instance, conflict.groups, "en", time_limit=5)
    assert relaxations
    for relaxation in relaxations:
        result = solve(relaxation.instance, time_limit=5)
        assert relaxation.verified == result.status.has_roster
        if not relaxation.verified:
            assert relaxation.status is Status.INFEASIBLE and relaxation.objective is None
