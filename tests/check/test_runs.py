"""Consecutive working days and days off: windows for max, maximal runs for min."""

import datetime as dt

import pytest

from scheduler.check import check
from scheduler.check.runs import runs, too_long_windows
from scheduler.result import Penalty


def day(offset):
    return dt.date(2026, 11, 30) + dt.timedelta(days=offset)


def test_max_counts_windows_inside_the_horizon(make_instance, make_roster):
    rules = {"consecutive_working_days": {"max": 3, "hard": False, "weight": 2}}
    instance = make_instance(rules)
    # Monday to Friday is a run of 5: windows of 4 start Monday and Tuesday, 5 - 3 = 2.
    report = check(instance, make_roster(instance, a1="E E E E E"))
    assert report.penalties == (
        Penalty("consecutive_working_days.max", 1, 2, "a1", day(0)),
        Penalty("consecutive_working_days.max", 1, 2, "a1", day(1)),
    )
    assert report.objective == 4


def test_hard_max_sentence(make_instance, make_roster):
    instance = make_instance({"consecutive_working_days": {"max": 6}}, agents=["a3"], weeks=3)
    # Seven days in a row from Monday 2026-12-14, off before and after.
    roster = make_roster(instance, a3="- " * 14 + "E E E E E E E")
    [violation] = check(instance, roster).violations
    assert (violation.rule, violation.amount, violation.date) == (
        "consecutive_working_days.max",
        1,
        dt.date(2026, 12, 14),
    )
    assert violation.describe() == "a3 works 7 days in a row from 2026-12-14 (at most 6 allowed)"
    assert violation.describe("zh") == "a3 从 2026-12-14 起连续上班 7 天（最多允许 6 天）"


@pytest.mark.parametrize(("cyclic", "starts"), [(True, [4, 5]), (False, [])])
def test_max_wraps_in_a_cycle(make_instance, make_roster, cyclic, starts):
    rules = {"consecutive_working_days": {"max": 3, "hard": False}}
    instance = make_instance(rules, cyclic=cyclic)
    # Worked Fri Sat Sun and Mon Tue. In a cycle that is one run of 5 from Friday:
    # windows of 4 start Friday and Saturday. Without the wrap the runs are 2 and 3.
    report = check(instance, make_roster(instance, a1="E E - - E E E"))
    assert [p.date for p in report.penalties] == [day(s) for s in starts]


def test_whole_cycle_worked_with_max_at_least_the_cycle(make_instance, make_roster):
    instance = make_instance({"consecutive_working_days": {"max": 7}}, cyclic=True)
    # Every day of a 7-day cycle: the run never ends, one window of all 7 days at day 0.
    [violation] = check(instance, make_roster(instance, a1="E E E E E E E")).violations
    assert (violation.amount, violation.date) == (1, day(0))
    assert violation.describe() == (
        "a1 works every day of the 7-day cycle, so the run never ends"
        " (at most 7 days in a row allowed)"
    )


def test_whole_cycle_worked_with_max_below_the_cycle(make_instance, make_roster):
    instance = make_instance({"consecutive_working_days": {"max": 6}}, cyclic=True)
    # Every start 0..6 begins a window of 7 worked days: 7 violations.
    report = check(instance, make_roster(instance, a1="E E E E E E E"))
    assert [v.date for v in report.violations] == [day(d) for d in range(7)]


def test_min_exempts_runs_at_the_horizon_ends(make_instance, make_roster):
    rules = {"consecutive_working_days": {"min": 3, "hard": False, "weight": 5}}
    instance = make_instance(rules)
    # Runs: Monday (touches day 0: exempt), Wednesday (1 day: 3 - 1 = 2),
    # Friday-Saturday (2 days: 1). a2's Saturday-Sunday run touches day 6: exempt.
    roster = make_roster(instance, a1="E - E - E E -", a2="- - - - - E E")
    report = check(instance, roster)
    assert report.penalties == (
        Penalty("consecutive_working_days.min", 2, 5, "a1", day(2)),
        Penalty("consecutive_working_days.min", 1, 5, "a1", day(4)),
    )
    assert report.objective == 15


@pytest.mark.parametrize(("cyclic", "expected"), [(True, 1), (False, 0)])
def test_min_run_across_the_wrap(make_instance, make_roster, cyclic, expected):
    rules = {"consecutive_working_days": {"min": 3, "hard": False}}
    instance = make_instance(rules, cyclic=cyclic)
    # Sunday + Monday: in a cycle a run of 2 starting Sunday (3 - 2 = 1); otherwise
    # two runs that touch the horizon ends, both exempt.
    report = check(instance, make_roster(instance, a1="E - - - - - E"))
    assert (
        report.penalties
        == (Penalty("consecutive_working_days.min", 1, 1, "a1", day(6)),) * expected
    )


def test_min_in_a_cycle_without_a_run_end(make_instance, make_roster):
    rules = {"consecutive_working_days": {"min": 3}, "consecutive_days_off": {"min": 2}}
    instance = make_instance(rules, cyclic=True)
    # a1 always works and a2 never does: no run of either kind ends, so nothing is short.
    report = check(instance, make_roster(instance, a1="E E E E E E E"))
    assert report.violations == ()


def test_days_off_max_and_agent_min(make_instance, make_roster):
    rules = {"consecutive_days_off": {"max": 2, "hard": False, "weight": 3}}
    agents = ["a1", {"id": "a2", "limits": {"min_consecutive_days_off": 2}}]
    instance = make_instance(rules, agents=agents)
    # a1 is off Tuesday to Friday: windows of 3 days off start Tuesday and Wednesday.
    # a2 is off Tuesday alone: 2 - 1 = 1 short of its own min, soft like the team rule.
    # a2's Saturday-Sunday off run touches the end and is exempt.
    report = check(instance, make_roster(instance, a1="E - - - - E E", a2="E - E E E - -"))
    assert report.penalties == (
        Penalty("consecutive_days_off.max", 1, 3, "a1", day(1)),
        Penalty("consecutive_days_off.max", 1, 3, "a1", day(2)),
        Penalty("consecutive_days_off.min", 1, 3, "a2", day(1)),
    )


def test_agent_limit_without_team_rule_is_hard(make_instance, make_roster):
    agents = [{"id": "a1", "limits": {"min_consecutive_days_off": 2}}]
    instance = make_instance(agents=agents)
    [violation] = check(instance, make_roster(instance, a1="E - E E E E E")).violations
    assert (violation.rule, violation.amount, violation.date) == (
        "consecutive_days_off.min",
        1,
        day(1),
    )
    assert (
        violation.describe()
        == "a1 is off only 1 day(s) in a row from 2026-12-01 (at least 2 required)"
    )


def test_agent_limit_replaces_team_number_and_keeps_its_weight(make_instance, make_roster):
    rules = {"consecutive_working_days": {"max": 5, "hard": False, "weight": 9}}
    agents = ["a1", {"id": "a2", "limits": {"max_consecutive_working_days": 2}}]
    instance = make_instance(rules, agents=agents)
    # Both work Monday to Wednesday: fine for a1 (5), one window over for a2 (2).
    report = check(instance, make_roster(instance, a1="E E E", a2="E E E"))
    assert report.penalties == (Penalty("consecutive_working_days.max", 1, 9, "a2", day(0)),)


def test_runs_helper():
    flags = [True, True, False, True, False, True, True]
    assert runs(flags, cyclic=False) == [(3, 1)]
    assert runs(flags, cyclic=True) == [(3, 1), (5, 4)]
    assert runs([True] * 7, cyclic=True) == []
    assert runs([False] * 7, cyclic=True) == []
    assert too_long_windows(flags, 2, cyclic=False) == []
    assert too_long_windows(flags, 2, cyclic=True) == [(5, 3), (6, 3)]
