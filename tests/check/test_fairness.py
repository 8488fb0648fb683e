"""Fairness: spread and deviation of on-call duties, weekend duties and minutes."""

import pytest

from scheduler.check import check
from scheduler.result import Penalty

ON_CALL_SHIFTS = [
    {"id": "E", "start": "06:00", "end": "14:00"},
    {"id": "L", "start": "14:00", "end": "22:00"},
    {"id": "N", "start": "22:00", "end": "06:00", "on_call": True},
]


@pytest.mark.parametrize(
    ("method", "amount"),
    [
        # On-call duties 3, 1, 0: spread 3 - 0 = 3.
        ("spread", 3),
        # Total 4, N = 3 agents: |3*3 - 4| + |3*1 - 4| + |3*0 - 4| = 5 + 1 + 4 = 10.
        ("deviation", 10),
    ],
)
def test_on_call(make_instance, make_roster, method, amount):
    rules = {"fairness": [{"measure": "on_call", "method": method, "weight": 2}]}
    instance = make_instance(rules, agents=["a1", "a2", "a3"], shift_types=ON_CALL_SHIFTS)
    report = check(instance, make_roster(instance, a1="N - N - N", a2="E N E", a3="L L L"))
    assert report.penalties == (Penalty("fairness.on_call", amount, 2),)
    assert report.objective == 2 * amount


def test_weekend_duties_count_duties_not_days(make_instance, make_roster):
    rules = {
        "allowed_same_day": [["E", "L"]],
        "fairness": [{"measure": "weekend_duties", "method": "deviation"}],
    }
    instance = make_instance(rules, weeks=2)
    # a1: E+L on Saturday of week 1 (2 duties) and N on Sunday of week 2 (1): 3.
    # a2: weekday duties only: 0. Total 3, N = 2: |6 - 3| + |0 - 3| = 6.
    roster = make_roster(instance, a1="- - - - - E+L - - - - - - - N", a2="E E E E E")
    assert check(instance, roster).penalties == (Penalty("fairness.weekend_duties", 6, 1),)


def test_minutes_spread_uses_real_minutes(make_instance, make_roster):
    rules = {"fairness": [{"measure": "minutes", "weight": 1}]}
    instance = make_instance(rules, start="2026-10-19", timezone="Europe/Berlin")
    # Both work one N; a1's on Saturday 2026-10-24 lasts 540 minutes (clocks go back),
    # a2's on Monday 480: spread 60.
    report = check(instance, make_roster(instance, a1="- - - - - N", a2="N"))
    assert report.penalties == (Penalty("fairness.minutes", 60, 1),)


def test_equal_shares_cost_nothing(make_instance, make_roster):
    rules = {
        "fairness": [
            {"measure": "minutes", "method": "spread"},
            {"measure": "minutes", "method": "deviation"},
            {"measure": "on_call"},
        ]
    }
    instance = make_instance(rules, shift_types=ON_CALL_SHIFTS)
    report = check(instance, make_roster(instance, a1="E L N", a2="N E L"))
    assert report.penalties == ()
