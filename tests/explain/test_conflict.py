"""The conflict explanation: a minimal set of rule groups, named as a supervisor names them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, event, given, settings

from scheduler.explain.conflict import find_conflict, holds_with
from scheduler.explain.describe import describe_groups
from scheduler.instance import Instance, load_instance, parse_instance
from scheduler.model.context import RuleGroup
from scheduler.problem import compile_problem
from scheduler.result import Status
from scheduler.solve import solve
from tests.builders import build_instance
from tests.strategies import instance_data

INSTANCES = Path(__file__).parents[2] / "instances"


@pytest.fixture(scope="module")
def two_days_off() -> Instance:
    return load_instance(INSTANCES / "four-agents-two-days-off.yaml")


def _assert_minimal(instance: Instance, groups: tuple[RuleGroup, ...]) -> None:
    assert holds_with(instance, groups) is Status.INFEASIBLE
    for member in groups:
        rest = [group for group in groups if group != member]
        assert holds_with(instance, rest).has_roster, f"{member} is not needed"


def test_two_days_off_conflict_is_days_off_against_coverage(two_days_off: Instance) -> None:
    # 21 duties a week against 4 x 5 working days: the days-off rule, every
    # coverage rule, and the two ways one agent-day could carry two duties.
    conflict = find_conflict(two_days_off)
    assert conflict is not None and conflict.minimal
    rules = {group.rule for group in conflict.groups}
    assert rules == {"days_off_per_week.min", "coverage.min", "same_day"}
    assert sum(group.rule == "coverage.min" for group in conflict.groups) == 21
    assert {g.scope for g in conflict.groups if g.rule == "same_day"} == {("A", "C"), ("B", "C")}


def test_two_days_off_conflict_is_minimal(two_days_off: Instance) -> None:
    conflict = find_conflict(two_days_off)
    assert conflict is not None
    _assert_minimal(two_days_off, conflict.groups)


def test_conflict_reads_in_plain_words(two_days_off: Instance) -> None:
    conflict = find_conflict(two_days_off)
    assert conflict is not None
    problem = compile_problem(two_days_off)
    english = [item.text for item in describe_groups(conflict.groups, problem, "en")]
    assert english == [
        "at least 1 on A every day",
        "at least 1 on B every day",
        "at least 1 on C every day",
        "at least 2 days off in every week (all agents)",
        "no A+C on the same day",
        "no B+C on the same day",
    ]
    chinese = [item.text for item in describe_groups(conflict.groups, problem, "zh")]
    assert "每人每周至少休息 2 天" in chinese and "同一天不能既上 A 班又上 C 班" in chinese


def test_feasible_instance_has_no_conflict() -> None:
    assert find_conflict(load_instance(INSTANCES / "four-agents.yaml")) is None


def test_unavailable_agent_and_coverage_conflict_names_the_person() -> None:
    # One agent, needed every day, unavailable on three days in a row.
    instance = build_instance(
        agents=[
            {"id": "a1", "name": "Ana", "unavailable": ["2026-12-01", "2026-12-02", "2026-12-03"]}
        ],
        coverage=[{"shift": "E", "min": 1}],
    )
    conflict = find_conflict(instance)
    assert conflict is not None
    items = describe_groups(conflict.groups, compile_problem(instance), "en")
    # Any one of the three days makes the point; the core names one of them.
    coverage, person = (item.text for item in items)
    assert coverage in {
        f"at least 1 on E on {day}s" for day in ("Tuesday", "Wednesday", "Thursday")
    }
    assert person == "Ana (a1) unavailable on 2026-12-01..03"


def test_overlapping_shifts_are_never_blamed() -> None:
    # E and L would have to be worked the same day by the only agent; E and a
    # shift overlapping it could never be, so only the coverage and the pair show.
    shifts = [
        {"id": "E", "start": "06:00", "end": "14:00"},
        {"id": "F", "start": "10:00", "end": "18:00"},
    ]
    instance = build_instance(
        agents=["a1"],
        shift_types=shifts,
        coverage=[{"shift": "E", "min": 1}, {"shift": "F", "min": 1}],
    )
    conflict = find_conflict(instance)
    assert conflict is not None
    assert all(group.rule == "coverage.min" for group in conflict.groups)


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.filter_too_much])  # fmt: skip
@given(instance_data())
def test_every_infeasible_instance_gets_a_non_empty_minimal_core(data: dict[str, Any]) -> None:
    # About a third of the generated instances break their own hard rules in
    # some way (coverage against limits, runs, rest, pins, unavailability).
    instance = parse_instance(data)
    assume(solve(instance, time_limit=2).status is Status.INFEASIBLE)
    conflict = find_conflict(instance, time_limit=5)
    assert conflict is not None and conflict.groups
    event(
        f"core of {min(len(conflict.groups), 5)}{'+' if len(conflict.groups) >= 5 else ''} groups"
    )
    event("rules: " + ", ".join(sorted({group.rule for group in conflict.groups})))
    _assert_minimal(instance, conflict.groups)
