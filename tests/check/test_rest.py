"""Minimum rest between days (real time, across the cyclic wrap) and forbidden successions."""

import datetime as dt

import pytest

from scheduler.check import check
from scheduler.result import Penalty

MONDAY, SUNDAY = dt.date(2026, 11, 30), dt.date(2026, 12, 6)


def test_late_then_early_is_too_little_rest(make_instance, make_roster):
    instance = make_instance({"min_rest": {"hours": 11}})
    # L ends Monday 22:00, E starts Tuesday 06:00: 8 hours of rest, one pair too close.
    report = check(instance, make_roster(instance, a1="L E"))
    [violation] = report.violations
    assert (violation.rule, violation.amount, violation.agent, violation.date, violation.shift) == (
        "min_rest",
        1,
        "a1",
        MONDAY,
        "L",
    )
    assert violation.describe() == (
        "a1 rests only 8 hours between L on 2026-11-30 and E on 2026-12-01"
        " (at least 11 hours required)"
    )


def test_rest_reaches_past_the_next_day(make_instance, make_roster):
    instance = make_instance({"min_rest": {"hours": 30, "hard": False, "weight": 7}})
    # N ends Tuesday 06:00, E starts Wednesday 06:00: 24 hours, below 30. One pair at 7.
    report = check(instance, make_roster(instance, a1="N - E"))
    assert report.penalties == (Penalty("min_rest", 1, 7, "a1", MONDAY, "N"),)
    assert report.feasible
    assert report.objective == 7


def test_enough_rest(make_instance, make_roster):
    instance = make_instance({"min_rest": {"hours": 11}})
    # N to N is 16 hours, E to E 16 hours, a day off in between is more.
    report = check(instance, make_roster(instance, a1="N N - E E", a2="E L - L"))
    assert report.violations == () and report.penalties == ()


@pytest.mark.parametrize(("cyclic", "expected"), [(True, 1), (False, 0)])
def test_rest_wraps_from_the_last_day_to_day_zero(make_instance, make_roster, cyclic, expected):
    instance = make_instance({"min_rest": {"hours": 11, "hard": False}}, cyclic=cyclic)
    # L on Sunday (last day), E on Monday (day 0): in a cycle Monday follows Sunday.
    report = check(instance, make_roster(instance, a1="E - - - - - L"))
    assert report.penalties == (Penalty("min_rest", 1, 1, "a1", SUNDAY, "L"),) * expected


def test_rest_across_spring_dst_is_an_hour_shorter(make_instance, make_roster):
    shift_types = [
        {"id": "D", "start": "09:00", "end": "17:00"},
        {"id": "S", "start": "13:00", "end": "23:00"},
    ]
    instance = make_instance(
        {"min_rest": {"hours": 10, "hard": False}},
        shift_types=shift_types,
        start="2026-03-23",
        timezone="Europe/Berlin",
    )
    # Thursday S until 23:00, Friday D at 09:00: 10 hours of rest, enough. On the
    # night of Sunday 2026-03-29 the clocks jump 02:00 -> 03:00, so Saturday's S
    # until 23:00 and Sunday's D at 09:00 leave only 9 hours: one pair too close.
    report = check(instance, make_roster(instance, a1="- - - S D S D"))
    assert report.penalties == (Penalty("min_rest", 1, 1, "a1", dt.date(2026, 3, 28), "S"),)


def test_forbidden_succession(make_instance, make_roster):
    instance = make_instance({"forbidden_successions": [{"first": "N", "then": "E"}]})
    report = check(instance, make_roster(instance, a1="N E", a2="E N L"))
    [violation] = report.violations
    assert (violation.rule, violation.agent, violation.date, violation.shift) == (
        "forbidden_succession",
        "a1",
        MONDAY,
        "N",
    )
    expected = "a1 works E on 2026-12-01 right after N on 2026-11-30, which is not allowed"
    assert violation.describe() == expected


@pytest.mark.parametrize(("cyclic", "expected"), [(True, 1), (False, 0)])
def test_soft_succession_wraps(make_instance, make_roster, cyclic, expected):
    rules = {"forbidden_successions": [{"first": "N", "then": "E", "hard": False, "weight": 4}]}
    instance = make_instance(rules, cyclic=cyclic)
    # N on Sunday, E on Monday: a succession only when Monday follows Sunday.
    report = check(instance, make_roster(instance, a1="E - - - - - N"))
    assert report.penalties == (Penalty("forbidden_succession", 1, 4, "a1", SUNDAY, "N"),) * (
        expected
    )
    assert report.objective == 4 * expected


OVERLAPPING = [
    {"id": "N", "start": "22:00", "end": "06:00"},
    {"id": "E", "start": "05:00", "end": "13:00"},
    {"id": "M", "start": "16:00", "end": "24:00"},
    {"id": "Z", "start": "00:00", "end": "08:00"},
]


def test_overlapping_duties_on_consecutive_days(make_instance, make_roster):
    instance = make_instance(shift_types=OVERLAPPING)
    # N runs until Tuesday 06:00 and E starts Tuesday 05:00: hard, with no rest rule.
    report = check(instance, make_roster(instance, a1="N E"))
    [violation] = report.violations
    assert (violation.rule, violation.amount, violation.agent, violation.date, violation.shift) == (
        "overlap",
        1,
        "a1",
        MONDAY,
        "N",
    )
    assert violation.describe() == (
        "a1 works N on 2026-11-30 until 06:00 and E on 2026-12-01 from 05:00: the duties overlap"
    )
    assert "06:00" in violation.describe("zh") and "2026-12-01" in violation.describe("zh")


def test_touching_duties_do_not_overlap(make_instance, make_roster):
    instance = make_instance(shift_types=OVERLAPPING)
    # M ends at 24:00 exactly when Z starts; E then N leaves a gap.
    assert check(instance, make_roster(instance, a1="M Z", a2="E N")).feasible


@pytest.mark.parametrize(("cyclic", "expected"), [(True, 1), (False, 0)])
def test_overlap_wraps_from_the_last_day_to_day_zero(make_instance, make_roster, cyclic, expected):
    instance = make_instance(shift_types=OVERLAPPING, cyclic=cyclic)
    # N on Sunday (last day) runs into Monday (day 0) only in a cycle.
    report = check(instance, make_roster(instance, a1="E - - - - - N"))
    assert [(v.rule, v.date) for v in report.violations] == [("overlap", SUNDAY)] * expected
