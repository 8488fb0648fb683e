"""Shift-on/off requests, fairness spread and deviation, same-day pairs and availability."""

import pytest

from scheduler.result import Status
from tests.builders import build_instance
from tests.model.solving import places, solve_and_check

ONE_SHIFT = [{"id": "E", "start": "06:00", "end": "14:00"}]
EVERY_DAY = [{"shift": "E", "min": 1, "max": 1}]


def test_day_off_request_against_the_only_agent_costs_its_weight() -> None:
    instance = build_instance(
        {"requests": [{"agent": "a1", "date": "2026-12-01", "want": "off", "weight": 3}]},
        agents=["a1"],
        shift_types=ONE_SHIFT,
        coverage=EVERY_DAY,
    )
    result = solve_and_check(instance)
    assert result.objective == 3
    assert places(result, "request.off") == [("a1", "2026-12-01", None, 1)]


def test_on_request_for_another_shift_is_unmet_when_one_shift_a_day() -> None:
    # a1 must work E every day (only agent) and wants N on Tuesday: one shift a day, unmet.
    instance = build_instance(
        {"requests": [{"agent": "a1", "date": "2026-12-01", "shift": "N", "want": "on"}]},
        agents=["a1"],
        coverage=EVERY_DAY,
    )
    assert places(solve_and_check(instance), "request.on") == [("a1", "2026-12-01", "N", 1)]


def test_minutes_spread_is_reported_in_minutes() -> None:
    # 7 duties of 480 minutes for 2 agents: 4 and 3, a spread of 480 minutes.
    instance = build_instance(
        {"fairness": [{"measure": "minutes", "weight": 1}]},
        shift_types=ONE_SHIFT,
        coverage=EVERY_DAY,
    )
    result = solve_and_check(instance)
    assert result.objective == 480


def test_on_call_spread_rounds_the_mean() -> None:
    # 7 on-call duties for 3 agents: 3, 2, 2 at best, spread 1.
    shifts = [{"id": "C", "start": "20:00", "end": "24:00", "on_call": True, "location": "home"}]
    instance = build_instance(
        {"fairness": [{"measure": "on_call", "weight": 10}]},
        agents=["a1", "a2", "a3"],
        shift_types=shifts,
        coverage=[{"shift": "C", "min": 1, "max": 1}],
    )
    assert solve_and_check(instance).objective == 10


def test_deviation_is_n_times_the_absolute_deviation() -> None:
    # 7 duties, 2 agents with 4 and 3: |2*4 - 7| + |2*3 - 7| = 2 duties, x 480 minutes.
    instance = build_instance(
        {"fairness": [{"measure": "minutes", "method": "deviation", "weight": 1}]},
        shift_types=ONE_SHIFT,
        coverage=EVERY_DAY,
    )
    assert solve_and_check(instance).objective == 960


def test_weekend_duties_spread() -> None:
    # 2 weekend duties (Sat, Sun) for 2 agents: one each, spread 0 at the optimum.
    instance = build_instance(
        {"fairness": [{"measure": "weekend_duties", "weight": 7}]},
        shift_types=ONE_SHIFT,
        coverage=EVERY_DAY,
    )
    result = solve_and_check(instance)
    assert result.objective == 0
    weekend = [a.agent for a in result.assignments if a.date.weekday() >= 5]
    assert sorted(weekend) == ["a1", "a2"]


@pytest.mark.parametrize(
    ("pairs", "status"), [([], Status.INFEASIBLE), ([["E", "L"]], Status.OPTIMAL)]
)
def test_two_shifts_a_day_only_for_allowed_pairs(pairs: list[list[str]], status: Status) -> None:
    instance = build_instance(
        {"allowed_same_day": pairs},
        agents=["a1"],
        coverage=[{"shift": "E", "min": 1}, {"shift": "L", "min": 1}],
    )
    assert solve_and_check(instance).status is status


def test_unavailable_agent_is_replaced_and_alone_is_infeasible() -> None:
    agents = [{"id": "a1", "unavailable": ["2026-12-02"]}, "a2"]
    result = solve_and_check(
        build_instance(agents=agents, shift_types=ONE_SHIFT, coverage=EVERY_DAY)
    )
    on_wednesday = [a.agent for a in result.assignments if a.date.isoformat() == "2026-12-02"]
    assert on_wednesday == ["a2"]
    alone = build_instance(agents=agents[:1], shift_types=ONE_SHIFT, coverage=EVERY_DAY)
    assert solve_and_check(alone).status is Status.INFEASIBLE


def test_pin_forces_the_shift_and_a_null_pin_a_day_off() -> None:
    pins = [
        {"agent": "a1", "date": "2026-11-30", "shift": "E"},
        {"agent": "a1", "date": "2026-12-01", "shift": None},
    ]
    result = solve_and_check(
        build_instance({"fixed_assignments": pins}, shift_types=ONE_SHIFT, coverage=EVERY_DAY)
    )
    by_day = {a.date.isoformat(): a.agent for a in result.assignments}
    assert by_day["2026-11-30"] == "a1" and by_day["2026-12-01"] == "a2"
