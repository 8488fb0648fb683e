"""Duties on different days that overlap in real time (hard, structural)."""

import pytest

from scheduler.result import Status
from tests.builders import build_instance
from tests.model.solving import solve_and_check

MONDAY, TUESDAY, SUNDAY = "2026-11-30", "2026-12-01", "2026-12-06"

# N runs into Tuesday until 06:00, E starts at 05:00: one hour of both. M ends at
# 24:00 and Z starts at 00:00: they touch, which is not an overlap.
SHIFT_TYPES = [
    {"id": "N", "start": "22:00", "end": "06:00"},
    {"id": "E", "start": "05:00", "end": "13:00"},
    {"id": "M", "start": "16:00", "end": "24:00"},
    {"id": "Z", "start": "00:00", "end": "08:00"},
]


def _pin(date: str, shift: str) -> dict[str, str]:
    return {"agent": "a1", "date": date, "shift": shift}


def _wish(date: str, shift: str, weight: int) -> dict[str, object]:
    return {"agent": "a1", "date": date, "shift": shift, "want": "on", "weight": weight}


def test_overlap_keeps_the_early_after_the_night_away_without_any_rest_rule() -> None:
    # No min_rest at all: only the overlap rule leaves the wish for E (7) unmet.
    instance = build_instance(
        {"fixed_assignments": [_pin(MONDAY, "N")], "requests": [_wish(TUESDAY, "E", 7)]},
        agents=["a1"],
        shift_types=SHIFT_TYPES,
    )
    result = solve_and_check(instance)
    assert result.objective == 7
    assert [p.rule for p in result.penalties] == ["request.on"]


def test_touching_duties_may_both_be_worked() -> None:
    # M ends at 24:00 exactly when Z starts: the wish (7) is granted.
    instance = build_instance(
        {"fixed_assignments": [_pin(MONDAY, "M")], "requests": [_wish(TUESDAY, "Z", 7)]},
        agents=["a1"],
        shift_types=SHIFT_TYPES,
    )
    assert solve_and_check(instance).objective == 0


@pytest.mark.parametrize(("cyclic", "status"), [(True, Status.INFEASIBLE), (False, Status.OPTIMAL)])
def test_overlap_wraps_from_the_last_day_to_the_first_only_in_a_cycle(
    cyclic: bool, status: Status
) -> None:
    # N on Sunday runs into the Monday after; that Monday is day 0 only in a cycle.
    instance = build_instance(
        {"fixed_assignments": [_pin(SUNDAY, "N"), _pin(MONDAY, "E")]},
        agents=["a1"],
        shift_types=SHIFT_TYPES,
        cyclic=cyclic,
    )
    assert solve_and_check(instance).status is status


def test_overlap_counts_real_time_on_the_night_clocks_go_forward() -> None:
    # Berlin, 2026-03-29: 02:30 does not exist, so the night ends at 03:30 summer
    # time (4.5 real hours) and runs 30 minutes into E starting at 03:00. In UTC
    # the night ends at 02:30 and the two do not meet.
    shifts = [
        {"id": "N", "start": "22:00", "end": "02:30"},
        {"id": "E", "start": "03:00", "end": "11:00"},
    ]
    rules = {"fixed_assignments": [_pin("2026-03-28", "N"), _pin("2026-03-29", "E")]}
    berlin = build_instance(rules, agents=["a1"], shift_types=shifts, start="2026-03-23",
                            timezone="Europe/Berlin")  # fmt: skip
    utc = build_instance(rules, agents=["a1"], shift_types=shifts, start="2026-03-23")
    assert solve_and_check(berlin).status is Status.INFEASIBLE
    assert solve_and_check(utc).status is Status.OPTIMAL
