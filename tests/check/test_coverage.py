"""Coverage: hard min/max head counts and the soft preferred head count."""

import datetime as dt

from scheduler.check import check
from scheduler.result import Penalty

MONDAY, TUESDAY = dt.date(2026, 11, 30), dt.date(2026, 12, 1)


def test_min_short_is_a_violation(make_instance, make_roster):
    instance = make_instance(coverage=[{"shift": "E", "dates": ["2026-11-30"], "min": 2}])
    # Only a1 works E on Monday: one agent short of min 2.
    report = check(instance, make_roster(instance, a1="E"))
    [violation] = report.violations
    assert (violation.rule, violation.amount) == ("coverage.min", 1)
    assert (violation.agent, violation.date, violation.shift) == (None, MONDAY, "E")
    assert violation.describe() == "E on 2026-11-30 has 1 agent(s) (at least 2 required)"
    assert not report.feasible
    assert report.objective == 0  # hard rules add nothing to the objective


def test_max_over_is_a_violation(make_instance, make_roster):
    instance = make_instance(coverage=[{"shift": "E", "weekdays": ["mon"], "max": 1}])
    report = check(instance, make_roster(instance, a1="E", a2="E"))
    assert [(v.rule, v.amount, v.date) for v in report.violations] == [("coverage.max", 1, MONDAY)]


def test_weekday_entry_applies_on_its_weekdays_only(make_instance, make_roster):
    instance = make_instance(coverage=[{"shift": "L", "weekdays": ["sat", "sun"], "min": 1}])
    # L is worked on Saturday only, so only Sunday is short.
    report = check(instance, make_roster(instance, a1="- - - - - L -"))
    assert [(v.rule, v.date) for v in report.violations] == [("coverage.min", dt.date(2026, 12, 6))]


def test_preferred_under_and_over(make_instance, make_roster):
    instance = make_instance(
        agents=["a1", "a2", "a3"],
        coverage=[
            {"shift": "E", "weekdays": ["mon"], "preferred": 2, "under_weight": 5},
            {"shift": "E", "weekdays": ["tue"], "preferred": 1, "over_weight": 3},
        ],
    )
    # Monday: nobody on E, 2 short at 5 = 10. Tuesday: three on E, 2 over at 3 = 6.
    roster = make_roster(instance, a1="- E", a2="- E", a3="- E")
    report = check(instance, roster)
    assert report.feasible
    assert report.penalties == (
        Penalty("coverage.under", 2, 5, None, MONDAY, "E"),
        Penalty("coverage.over", 2, 3, None, TUESDAY, "E"),
    )
    assert report.objective == 16
    assert report.cost_by_rule() == {"coverage.under": 10, "coverage.over": 6}


def test_met_coverage_reports_nothing(make_instance, make_roster):
    instance = make_instance(coverage=[{"shift": "N", "min": 1, "max": 1, "preferred": 1}])
    report = check(instance, make_roster(instance, a1="N N N - N N N", a2="- - - N"))
    assert report.violations == ()
    assert report.penalties == ()


def test_interval_penalties_name_their_interval(make_instance, make_roster):
    instance = make_instance(
        agents=["a1", "a2"],
        shift_types=[
            {"id": "A", "start": "09:00", "end": "17:00"},
            {"id": "B", "start": "12:00", "end": "20:00"},
        ],
        interval_coverage=[
            {
                "dates": ["2026-11-30"],
                "start": "11:00",
                "end": "13:00",
                "interval_minutes": 60,
                "preferred": 1,
                "under_weight": 5,
                "over_weight": 2,
            }
        ],
    )
    # Only a2 on B: 11:00-12:00 has nobody (1 short), 12:00-13:00 has a2 (met).
    assert check(instance, make_roster(instance, a2="B")).penalties == (
        Penalty("interval_coverage.under", 1, 5, None, MONDAY, None, "11:00-12:00"),
    )
    # Both: 11:00-12:00 has a1 (met), 12:00-13:00 has both (1 over).
    assert check(instance, make_roster(instance, a1="A", a2="B")).penalties == (
        Penalty("interval_coverage.over", 1, 2, None, MONDAY, None, "12:00-13:00"),
    )
