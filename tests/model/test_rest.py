"""Minimum rest between duties on different days, and forbidden successions."""

import pytest

from scheduler.result import Status
from tests.builders import build_instance
from tests.model.solving import places, solve_and_check

MONDAY, TUESDAY, SUNDAY = "2026-11-30", "2026-12-01", "2026-12-06"


def _pin(date: str, shift: str) -> dict[str, str]:
    return {"agent": "a1", "date": date, "shift": shift}


def _wish(date: str, shift: str, weight: int) -> dict[str, object]:
    return {"agent": "a1", "date": date, "shift": shift, "want": "on", "weight": weight}


def test_hard_rest_keeps_early_after_late_away() -> None:
    # L ends 22:00, E starts 06:00: 8 h < 11 h, so the wish for E on Tuesday (7) stays unmet.
    instance = build_instance(
        {
            "min_rest": {"hours": 11},
            "fixed_assignments": [_pin(MONDAY, "L")],
            "requests": [_wish(TUESDAY, "E", 7)],
        },
        agents=["a1"],
    )
    assert solve_and_check(instance).objective == 7


def test_soft_rest_is_broken_when_cheaper_and_named() -> None:
    # Breaking the rest costs 3 < 7 for the unmet wish, so the solver takes it.
    instance = build_instance(
        {
            "min_rest": {"hours": 11, "hard": False, "weight": 3},
            "fixed_assignments": [_pin(MONDAY, "L")],
            "requests": [_wish(TUESDAY, "E", 7)],
        },
        agents=["a1"],
    )
    result = solve_and_check(instance)
    assert result.objective == 3
    assert places(result, "min_rest") == [("a1", MONDAY, "L", 1)]


@pytest.mark.parametrize(("cyclic", "status"), [(True, Status.INFEASIBLE), (False, Status.OPTIMAL)])
def test_rest_wraps_from_the_last_day_to_the_first_only_in_a_cycle(
    cyclic: bool, status: Status
) -> None:
    # L on Sunday then E on Monday: the next Monday is the same Monday only in a cycle.
    instance = build_instance(
        {"min_rest": {"hours": 11}, "fixed_assignments": [_pin(SUNDAY, "L"), _pin(MONDAY, "E")]},
        agents=["a1"],
        cyclic=cyclic,
    )
    assert solve_and_check(instance).status is status


def test_rest_counts_real_hours_on_the_night_clocks_go_forward() -> None:
    # Berlin, 2026-03-28: L ends 22:00, E starts 08:00 next day -> 9 h of real time, not 10.
    shifts = [
        {"id": "E", "start": "08:00", "end": "16:00"},
        {"id": "L", "start": "14:00", "end": "22:00"},
    ]
    rules = {
        "min_rest": {"hours": 9.5},
        "fixed_assignments": [
            {"agent": "a1", "date": "2026-03-28", "shift": "L"},
            {"agent": "a1", "date": "2026-03-29", "shift": "E"},
        ],
    }
    berlin = build_instance(rules, agents=["a1"], shift_types=shifts, start="2026-03-23",
                            timezone="Europe/Berlin")  # fmt: skip
    utc = build_instance(rules, agents=["a1"], shift_types=shifts, start="2026-03-23")
    assert solve_and_check(berlin).status is Status.INFEASIBLE
    assert solve_and_check(utc).status is Status.OPTIMAL


def test_forbidden_succession_soft_and_hard() -> None:
    # N on Monday, a wish for E on Tuesday (4): hard keeps the wish unmet (4);
    # soft at weight 1 breaks the succession instead (1).
    base = {"fixed_assignments": [_pin(MONDAY, "N")], "requests": [_wish(TUESDAY, "E", 4)]}
    hard = build_instance(
        {**base, "forbidden_successions": [{"first": "N", "then": "E"}]}, agents=["a1"]
    )
    soft = build_instance(
        {**base, "forbidden_successions": [{"first": "N", "then": "E", "hard": False}]},
        agents=["a1"],
    )
    assert solve_and_check(hard).objective == 4
    result = solve_and_check(soft)
    assert result.objective == 1
    assert places(result, "forbidden_succession") == [("a1", MONDAY, "N", 1)]
