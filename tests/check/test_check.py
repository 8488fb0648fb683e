"""The report as a whole: feasibility, objective, keys, bad assignments, rotation."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scheduler.check import RULE_FAMILIES, CheckReport, Violation, check
from scheduler.result import PENALTY_RULES, Assignment, Penalty
from tests.builders import build_instance, build_roster

HARD_KEYS = {
    "same_day",
    "overlap",
    "unavailable",
    "fixed_assignment",
    "coverage.min",
    "coverage.max",
    "min_rest",
    "forbidden_succession",
    "days_off_per_week.min",
    "consecutive_working_days.min",
    "consecutive_working_days.max",
    "consecutive_days_off.min",
    "consecutive_days_off.max",
    "max_weekends",
    "minutes_per_week.min",
    "minutes_per_week.max",
    "minutes_per_horizon.min",
    "minutes_per_horizon.max",
    "max_shifts_per_type",
}


def test_empty_roster_without_rules(make_instance):
    report = check(make_instance(), [])
    assert report == CheckReport((), ())
    assert report.feasible and report.objective == 0 and report.cost_by_rule() == {}


def test_report_arithmetic():
    report = CheckReport(
        (Violation("coverage.min", 1, date=dt.date(2026, 11, 30), shift="E"),),
        (
            Penalty("request.on", 1, 3, "a1"),
            Penalty("request.on", 2, 2, "a2"),
            Penalty("min_rest", 1, 0),
        ),
    )
    assert not report.feasible
    assert report.objective == 7
    assert report.cost_by_rule() == {"request.on": 7}


def test_same_rule_hard_and_soft(make_instance, make_roster):
    # The same roster breaks max 2 consecutive working days once (Mon-Wed window).
    rows = {"a1": "E E E"}
    hard = make_instance({"consecutive_working_days": {"max": 2}})
    soft = make_instance({"consecutive_working_days": {"max": 2, "hard": False, "weight": 6}})
    hard_report = check(hard, make_roster(hard, **rows))
    soft_report = check(soft, make_roster(soft, **rows))
    assert [v.rule for v in hard_report.violations] == ["consecutive_working_days.max"]
    assert hard_report.penalties == () and hard_report.objective == 0
    assert soft_report.violations == () and soft_report.feasible
    assert soft_report.objective == 6


def test_repeated_assignment_counts_once(make_instance, make_roster):
    instance = make_instance(coverage=[{"shift": "E", "weekdays": ["mon"], "max": 1}])
    roster = make_roster(instance, a1="E") * 2
    assert check(instance, roster).feasible


@pytest.mark.parametrize(
    ("assignment", "needle"),
    [
        (Assignment("zz", dt.date(2026, 11, 30), "E"), "unknown agent 'zz'"),
        (Assignment("a1", dt.date(2026, 11, 30), "X"), "unknown shift type 'X'"),
        (Assignment("a1", dt.date(2026, 12, 7), "E"), "outside the horizon"),
    ],
)
def test_assignment_that_does_not_fit_raises(make_instance, assignment, needle):
    with pytest.raises(ValueError, match=needle):
        check(make_instance(), [assignment])


def test_registry_names_every_family_once():
    names = [name for name, _ in RULE_FAMILIES]
    assert len(names) == len(set(names)) == 8


ALL_RULES = {
    "min_rest": {"hours": 11, "hard": False, "weight": 3},
    "forbidden_successions": [{"first": "N", "then": "E", "hard": False, "weight": 2}],
    "days_off_per_week": {"min": 1, "hard": False, "weight": 5, "preferred": 2},
    "consecutive_working_days": {"min": 2, "max": 4, "hard": False, "weight": 7},
    "consecutive_days_off": {"min": 2, "max": 3, "hard": False, "weight": 11},
    "max_weekends": {"max": 1, "hard": False, "weight": 13},
    "minutes_per_week": {"min": 1500, "max": 2400, "hard": False},
    "minutes_per_horizon": {"min": 4000, "hard": False},
    "max_shifts_per_type": {"max": {"N": 2}, "hard": False, "weight": 17},
    "fairness": [
        {"measure": "minutes", "method": "deviation"},
        {"measure": "weekend_duties", "weight": 19},
    ],
}
WEEKS = 2
CELLS = st.lists(
    st.lists(st.sampled_from(["-", "E", "L", "N"]), min_size=7 * WEEKS, max_size=7 * WEEKS),
    min_size=3,
    max_size=3,
)


def _roster(instance, cells, rotate=0):
    """One row of day tokens per agent, moved ``rotate`` days later (wrapping)."""
    rows = {f"a{i + 1}": " ".join(row[-rotate:] + row[:-rotate]) for i, row in enumerate(cells)}
    return build_roster(instance, **rows)


@settings(max_examples=60, deadline=None)
@given(CELLS)
def test_soft_rules_give_known_keys_and_positive_amounts(cells):
    instance = build_instance(ALL_RULES, agents=["a1", "a2", "a3"], weeks=WEEKS, cyclic=True)
    report = check(instance, _roster(instance, cells))
    assert report.feasible
    assert all(p.rule in PENALTY_RULES and p.amount > 0 for p in report.penalties)
    assert report.objective == sum(report.cost_by_rule().values())


@settings(max_examples=60, deadline=None)
@given(CELLS)
def test_cycle_rotated_by_whole_weeks_scores_the_same(cells):
    # A cyclic roster has no first week: moving it by 7 days keeps the weeks whole
    # and every run, rest and succession across the wrap, so the objective is equal.
    instance = build_instance(ALL_RULES, agents=["a1", "a2", "a3"], weeks=WEEKS, cyclic=True)
    plain = check(instance, _roster(instance, cells))
    rotated = check(instance, _roster(instance, cells, rotate=7))
    assert plain.objective == rotated.objective
    assert plain.cost_by_rule() == rotated.cost_by_rule()


@settings(max_examples=60, deadline=None)
@given(CELLS)
def test_hard_rules_report_known_keys(cells):
    hard = {
        key: (
            {k: v for k, v in value.items() if k not in ("hard", "weight")}
            if isinstance(value, dict)
            else value
        )
        for key, value in ALL_RULES.items()
        if key not in ("fairness", "forbidden_successions")
    }
    instance = build_instance(hard, agents=["a1", "a2", "a3"], weeks=WEEKS)
    report = check(instance, _roster(instance, cells))
    assert {v.rule for v in report.violations} <= HARD_KEYS
    assert all(v.amount > 0 and v.describe() and v.describe("zh") for v in report.violations)
    assert {p.rule for p in report.penalties} <= {"days_off_per_week.preferred"}


def test_soft_rules_of_weight_zero_are_left_out(make_instance, make_roster):
    rules = {
        "min_rest": {"hours": 11, "hard": False, "weight": 0},
        "requests": [{"agent": "a2", "date": "2026-11-30", "want": "on", "weight": 0}],
    }
    coverage = [{"shift": "E", "weekdays": ["wed"], "preferred": 1, "under_weight": 0}]
    instance = make_instance(rules, coverage=coverage)
    # L then E breaks the rest rule, a2 does not get its duty, Wednesday's E is short:
    # all at weight 0, so nothing costs and nothing is listed.
    assert check(instance, make_roster(instance, a1="L E")).penalties == ()
