"""Days off per week, minutes per week and horizon (with DST), shifts per type, weekends."""

import datetime as dt

import pytest

from scheduler.check import check
from scheduler.result import Penalty

MONDAY, NEXT_MONDAY = dt.date(2026, 11, 30), dt.date(2026, 12, 7)


def test_days_off_per_week_min_and_preferred(make_instance, make_roster):
    rules = {"days_off_per_week": {"min": 2, "preferred": 3, "preferred_weight": 10}}
    instance = make_instance(rules, weeks=2)
    # Week 1: a1 works 6 days, 1 off: 1 short of min 2 (hard) and 2 short of
    # preferred 3 (soft, 2 x 10). Week 2: 4 days worked, 3 off: nothing.
    roster = make_roster(instance, a1="E E E E E E - E E E E - - -", a2="- - - E E E E")
    report = check(instance, roster)
    [violation] = report.violations
    assert (violation.rule, violation.amount, violation.agent, violation.date) == (
        "days_off_per_week.min",
        1,
        "a1",
        MONDAY,
    )
    assert (
        violation.describe()
        == "a1 has 1 day(s) off in the week of 2026-11-30 (at least 2 required)"
    )
    assert report.penalties == (Penalty("days_off_per_week.preferred", 2, 10, "a1", MONDAY),)
    assert report.objective == 20


def test_soft_days_off_min(make_instance, make_roster):
    instance = make_instance(
        {"days_off_per_week": {"min": 1, "hard": False, "weight": 50}}, weeks=2
    )
    # a1 works all of week 2: 1 day off short, at the week's Monday.
    roster = make_roster(instance, a1="E - - - - - - E E E E E E E", a2="E")
    report = check(instance, roster)
    assert report.penalties == (Penalty("days_off_per_week.min", 1, 50, "a1", NEXT_MONDAY),)


def test_minutes_per_week(make_instance, make_roster):
    rules = {"minutes_per_week": {"min": 1000, "max": 2400, "hard": False}}
    instance = make_instance(rules)
    # a1: six E of 480 minutes = 2880, 480 over. a2: one E = 480, 520 short.
    report = check(instance, make_roster(instance, a1="E E E E E E", a2="E"))
    assert report.penalties == (
        Penalty("minutes_per_week.max", 480, 1, "a1", MONDAY),
        Penalty("minutes_per_week.min", 520, 1, "a2", MONDAY),
    )
    assert report.objective == 1000


@pytest.mark.parametrize(
    ("start", "saturday_night", "rule", "amount"),
    [
        # 2026-03-29 02:00 -> 03:00: Saturday's night shift lasts 7 hours (420).
        ("2026-03-23", 420, "minutes_per_week.min", 60),
        # 2026-10-25 03:00 -> 02:00: Saturday's night shift lasts 9 hours (540).
        ("2026-10-19", 540, "minutes_per_week.max", 60),
    ],
)
def test_minutes_per_week_across_dst(
    make_instance, make_roster, start, saturday_night, rule, amount
):
    rules = {"minutes_per_week": {"min": 2400, "max": 2400}}
    instance = make_instance(rules, start=start, timezone="Europe/Berlin")
    # a1: N Monday to Thursday (4 x 480 = 1920) plus N on the Saturday of the change.
    # a2: N Monday to Friday, 5 x 480 = 2400 exactly, away from the change.
    roster = make_roster(instance, a1="N N N N - N", a2="N N N N N")
    report = check(instance, roster)
    assert [(v.rule, v.amount, v.agent) for v in report.violations] == [(rule, amount, "a1")]
    values = dict(report.violations[0].values)
    assert values["minutes"] == 1920 + saturday_night


def test_minutes_per_horizon_agent_limit_is_hard(make_instance, make_roster):
    agents = [{"id": "a1", "limits": {"max_minutes_per_horizon": 960}}, "a2"]
    instance = make_instance(agents=agents)
    # Three E are 1440 minutes, 480 over the agent's own limit; no team rule, so hard.
    [violation] = check(instance, make_roster(instance, a1="E E E", a2="E E E")).violations
    assert (violation.rule, violation.amount, violation.agent, violation.date) == (
        "minutes_per_horizon.max",
        480,
        "a1",
        None,
    )
    assert violation.describe() == "a1 works 1440 minutes over the horizon (at most 960 allowed)"


def test_minutes_per_horizon_min_soft(make_instance, make_roster):
    instance = make_instance({"minutes_per_horizon": {"min": 2000, "hard": False, "weight": 2}})
    # a1: 4 x 480 = 1920, 80 short; a2: nothing worked, 2000 short.
    report = check(instance, make_roster(instance, a1="E E E E"))
    assert report.penalties == (
        Penalty("minutes_per_horizon.min", 80, 2, "a1"),
        Penalty("minutes_per_horizon.min", 2000, 2, "a2"),
    )


def test_max_shifts_per_type(make_instance, make_roster):
    rules = {"max_shifts_per_type": {"max": {"N": 2}, "hard": False, "weight": 4}}
    agents = ["a1", {"id": "a2", "limits": {"max_shifts": {"N": 0, "E": 1}}}]
    instance = make_instance(rules, agents=agents)
    # a1: 3 N, one over 2. a2: 1 N, one over its own 0; 2 E, one over its own 1.
    report = check(instance, make_roster(instance, a1="N - N - N", a2="N E E"))
    assert report.penalties == (
        Penalty("max_shifts_per_type", 1, 4, "a1", None, "N"),
        Penalty("max_shifts_per_type", 1, 4, "a2", None, "E"),
        Penalty("max_shifts_per_type", 1, 4, "a2", None, "N"),
    )


def test_hard_max_shifts_per_type(make_instance, make_roster):
    instance = make_instance({"max_shifts_per_type": {"max": {"L": 1}}})
    [violation] = check(instance, make_roster(instance, a1="L L")).violations
    assert (violation.rule, violation.amount, violation.shift) == ("max_shifts_per_type", 1, "L")
    assert violation.describe() == "a1 works 2 L shifts (at most 1 allowed)"


def test_max_weekends(make_instance, make_roster):
    rules = {"max_weekends": {"max": 1, "hard": False, "weight": 3}}
    agents = ["a1", {"id": "a2", "limits": {"max_weekends": 2}}]
    instance = make_instance(rules, agents=agents, weeks=3)
    # a1: Saturday and Sunday of week 1 (one weekend), Sunday of week 2: 2 weekends, 1 over.
    # a2: one duty on each of the three weekends, 1 over its own 2.
    roster = make_roster(
        instance,
        a1="- - - - - E E - - - - - - L",
        a2="- - - - - E - - - - - - E - - - - - - N",
    )
    report = check(instance, roster)
    assert report.penalties == (
        Penalty("max_weekends", 1, 3, "a1"),
        Penalty("max_weekends", 1, 3, "a2"),
    )


def test_hard_max_weekends_sentence(make_instance, make_roster):
    instance = make_instance({"max_weekends": {"max": 0}})
    [violation] = check(instance, make_roster(instance, a1="- - - - - - E")).violations
    assert violation.describe() == "a1 works on 1 weekend(s) (at most 0 allowed)"
