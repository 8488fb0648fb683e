"""Days off per week, minutes per week and horizon, shifts per type, worked weekends."""

from scheduler.result import Status
from tests.builders import build_instance
from tests.model.solving import places, solve_and_check

ONE_SHIFT = [{"id": "E", "start": "06:00", "end": "14:00"}]
EVERY_DAY = [{"shift": "E", "min": 1, "max": 1}]


def test_two_days_off_each_cannot_hold_with_one_agent_on_duty_daily() -> None:
    instance = build_instance(
        {"days_off_per_week": {"min": 2}}, agents=["a1"], shift_types=ONE_SHIFT, coverage=EVERY_DAY
    )
    assert solve_and_check(instance).status is Status.INFEASIBLE


def test_preferred_days_off_cost_the_days_that_cannot_be_given() -> None:
    # 7 duties for 2 agents leave 7 days off; preferring 4 each asks for 8: one short, 1 x 6.
    instance = build_instance(
        {"days_off_per_week": {"min": 2, "preferred": 4, "preferred_weight": 6}},
        shift_types=ONE_SHIFT,
        coverage=EVERY_DAY,
    )
    result = solve_and_check(instance)
    assert result.objective == 6
    (place,) = places(result, "days_off_per_week.preferred")
    assert place[1:] == ("2026-11-30", None, 1)


def test_weekly_minutes_cap_soft_costs_each_minute_over() -> None:
    # 7 x 480 = 3360 minutes against a cap of 2400: 960 over.
    instance = build_instance(
        {"minutes_per_week": {"max": 2400, "hard": False, "weight": 1}},
        agents=["a1"],
        shift_types=ONE_SHIFT,
        coverage=EVERY_DAY,
    )
    result = solve_and_check(instance)
    assert result.objective == 960
    assert places(result, "minutes_per_week.max") == [("a1", "2026-11-30", None, 960)]


def test_weekly_minutes_follow_daylight_saving() -> None:
    # Berlin, week of 2026-03-23: the night shift of Saturday 28 lasts 7 hours.
    night = [{"id": "N", "start": "22:00", "end": "06:00"}]
    cover = [{"shift": "N", "min": 1, "max": 1}]

    def capped(limit: int) -> Status:
        instance = build_instance(
            {"minutes_per_week": {"max": limit}},
            agents=["a1"], shift_types=night, coverage=cover, start="2026-03-23",
            timezone="Europe/Berlin",
        )  # fmt: skip
        return solve_and_check(instance).status

    assert capped(6 * 480 + 420) is Status.OPTIMAL
    assert capped(6 * 480 + 419) is Status.INFEASIBLE


def test_agent_limit_overrides_the_team_limit() -> None:
    # Team: up to 7 E each; a1 may do only 2, so a2 does the other 5.
    instance = build_instance(
        {"max_shifts_per_type": {"max": {"E": 7}}},
        agents=[{"id": "a1", "limits": {"max_shifts": {"E": 2}}}, "a2"],
        shift_types=ONE_SHIFT,
        coverage=EVERY_DAY,
    )
    result = solve_and_check(instance)
    counts = {agent: [a.agent for a in result.assignments].count(agent) for agent in ("a1", "a2")}
    assert counts["a1"] <= 2 and counts["a2"] >= 5
    both_capped = build_instance(
        agents=[{"id": a, "limits": {"max_shifts": {"E": 2}}} for a in ("a1", "a2")],
        shift_types=ONE_SHIFT,
        coverage=EVERY_DAY,
    )
    assert solve_and_check(both_capped).status is Status.INFEASIBLE


def test_horizon_minutes_minimum_soft() -> None:
    # a1 alone, nobody required, at least 1000 minutes wanted: two shifts = 960 fall 40 short
    # unless a third is worked, which costs nothing, so the optimum is 0 with >= 3 shifts.
    instance = build_instance(
        {"minutes_per_horizon": {"min": 1000, "hard": False, "weight": 1}},
        agents=["a1"],
        shift_types=ONE_SHIFT,
    )
    result = solve_and_check(instance)
    assert result.objective == 0 and len(result.assignments) >= 3


def test_max_weekends_keeps_one_saturday_wish_unmet() -> None:
    # Two weeks, wishes for both Saturdays (5 each), at most one worked weekend.
    requests = [
        {"agent": "a1", "date": day, "want": "on", "weight": 5}
        for day in ("2026-12-05", "2026-12-12")
    ]
    instance = build_instance(
        {"max_weekends": {"max": 1}, "requests": requests},
        agents=["a1"],
        shift_types=ONE_SHIFT,
        weeks=2,
    )
    result = solve_and_check(instance)
    assert result.objective == 5
    assert len(places(result, "request.on")) == 1
