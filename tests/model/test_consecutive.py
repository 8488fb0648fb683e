"""Runs of working days and days off: max windows, min runs, ends of the horizon, the wrap."""

from scheduler.result import Status
from tests.builders import build_instance
from tests.model.solving import places, solve_and_check

EVERY_DAY = [{"shift": "E", "min": 1}]


def test_max_run_is_infeasible_when_one_agent_must_work_every_day() -> None:
    instance = build_instance(
        {"consecutive_working_days": {"max": 3}}, agents=["a1"], coverage=EVERY_DAY
    )
    assert solve_and_check(instance).status is Status.INFEASIBLE


def test_soft_max_run_costs_one_per_window_inside_a_plain_horizon() -> None:
    # A 7-day run with max 3: windows of 4 days start on days 0..3, so 4 x 2.
    instance = build_instance(
        {"consecutive_working_days": {"max": 3, "hard": False, "weight": 2}},
        agents=["a1"],
        coverage=EVERY_DAY,
    )
    result = solve_and_check(instance)
    assert result.objective == 8
    assert len(places(result, "consecutive_working_days.max")) == 4


def test_soft_max_run_wraps_in_a_cycle() -> None:
    # In a cycle the run never ends: all 7 windows of 4 days are worked, 7 x 2.
    instance = build_instance(
        {"consecutive_working_days": {"max": 3, "hard": False, "weight": 2}},
        agents=["a1"],
        coverage=EVERY_DAY,
        cyclic=True,
    )
    assert solve_and_check(instance).objective == 14


def _pins(*days: tuple[str, str | None]) -> list[dict[str, str | None]]:
    return [{"agent": "a1", "date": date, "shift": shift} for date, shift in days]


def test_short_run_in_the_middle_is_refused_or_costs_its_missing_days() -> None:
    # Off Tuesday, E Wednesday, off Thursday: a 1-day run, min 3 -> (3 - 1) x 5.
    pins = _pins(("2026-12-01", None), ("2026-12-02", "E"), ("2026-12-03", None))
    hard = build_instance(
        {"consecutive_working_days": {"min": 3}, "fixed_assignments": pins}, agents=["a1"]
    )
    soft = build_instance(
        {
            "consecutive_working_days": {"min": 3, "hard": False, "weight": 5},
            "fixed_assignments": pins,
        },
        agents=["a1"],
    )
    assert solve_and_check(hard).status is Status.INFEASIBLE
    result = solve_and_check(soft)
    assert result.objective == 10
    assert places(result, "consecutive_working_days.min") == [("a1", "2026-12-02", None, 2)]


def test_short_run_touching_the_horizon_start_is_exempt() -> None:
    # E on Monday (day 0) then off: the days before the horizon may continue the run.
    pins = _pins(("2026-11-30", "E"), ("2026-12-01", None))
    plain = build_instance(
        {"consecutive_working_days": {"min": 3}, "fixed_assignments": pins}, agents=["a1"]
    )
    cycle = build_instance(
        {"consecutive_working_days": {"min": 3}, "fixed_assignments": pins},
        agents=["a1"],
        cyclic=True,
    )
    assert solve_and_check(plain).status is Status.OPTIMAL
    # In a cycle Sunday precedes Monday, so the run is E on Sunday + Monday at most...
    result = solve_and_check(cycle)
    assert result.status is Status.OPTIMAL
    worked = {a.date.isoformat() for a in result.assignments}
    # ...and must reach back to Saturday for 3 days: Sat, Sun, Mon.
    assert {"2026-12-05", "2026-12-06", "2026-11-30"} <= worked


def test_single_day_off_between_duties_breaks_min_days_off() -> None:
    pins = _pins(("2026-12-01", "E"), ("2026-12-02", None), ("2026-12-03", "E"))
    instance = build_instance(
        {"consecutive_days_off": {"min": 2}, "fixed_assignments": pins}, agents=["a1"]
    )
    assert solve_and_check(instance).status is Status.INFEASIBLE
