"""Same-day duties, unavailable dates and pins (all hard)."""

import datetime as dt

from scheduler.check import check

MONDAY, TUESDAY = dt.date(2026, 11, 30), dt.date(2026, 12, 1)


def test_two_shifts_on_a_day_need_an_allowed_pair(make_instance, make_roster):
    instance = make_instance()
    report = check(instance, make_roster(instance, a1="E+L"))
    [violation] = report.violations
    assert (violation.rule, violation.amount, violation.agent, violation.date) == (
        "same_day",
        1,
        "a1",
        MONDAY,
    )
    assert violation.shift is None
    expected = "a1 works E+L on 2026-11-30, which may not be worked on the same day"
    assert violation.describe() == expected
    assert "a1" in violation.describe("zh") and "E+L" in violation.describe("zh")


def test_allowed_pair_either_order(make_instance, make_roster):
    instance = make_instance({"allowed_same_day": [["L", "E"]]})
    assert check(instance, make_roster(instance, a1="E+L")).feasible


def test_each_unlisted_pair_counts(make_instance, make_roster):
    instance = make_instance({"allowed_same_day": [["E", "L"]]})
    # E+L is allowed; E+N and L+N are not: amount 2.
    report = check(instance, make_roster(instance, a1="E+L+N"))
    assert [(v.rule, v.amount) for v in report.violations] == [("same_day", 2)]


def test_duty_on_unavailable_date(make_instance, make_roster):
    instance = make_instance(agents=[{"id": "a1", "unavailable": ["2026-12-01"]}, "a2"])
    report = check(instance, make_roster(instance, a1="E L", a2="- E"))
    [violation] = report.violations
    assert (violation.rule, violation.agent, violation.date, violation.shift) == (
        "unavailable",
        "a1",
        TUESDAY,
        "L",
    )
    assert violation.describe() == "a1 works L on 2026-12-01 but is unavailable that day"


def test_pins(make_instance, make_roster):
    instance = make_instance(
        {
            "fixed_assignments": [
                {"agent": "a1", "date": "2026-11-30", "shift": "E"},
                {"agent": "a2", "date": "2026-12-01", "shift": None},
                {"agent": "a2", "date": "2026-11-30", "shift": "N"},
            ]
        }
    )
    # a1 works L instead of the pinned E; a2 works N on the day pinned off; a2's N is honoured.
    report = check(instance, make_roster(instance, a1="L", a2="N N"))
    assert [(v.rule, v.amount, v.agent, v.date, v.shift) for v in report.violations] == [
        ("fixed_assignment", 1, "a1", MONDAY, "E"),
        ("fixed_assignment", 1, "a2", TUESDAY, None),
    ]
    first, second = (v.describe() for v in report.violations)
    assert first == "a1 is pinned to E on 2026-11-30 but does not work it"
    assert second == "a2 is pinned off on 2026-12-01 but works N"
