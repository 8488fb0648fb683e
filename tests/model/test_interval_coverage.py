"""Interval coverage: head count per time interval, whatever shifts provide it.

Shift types A 09:00-17:00 and B 12:00-20:00 overlap 12:00-17:00, so an agent
on either counts there; before 12:00 only A counts, after 17:00 only B.
"""

import datetime as dt
from typing import Any

import pytest
from ortools.sat.python import cp_model

from scheduler.check import check
from scheduler.explain.conflict import find_conflict
from scheduler.explain.describe import describe_groups
from scheduler.explain.relax import propose_relaxations
from scheduler.instance import InstanceError
from scheduler.model import build_model
from scheduler.problem import compile_problem
from scheduler.result import Assignment, Status
from tests.builders import build_instance, build_roster
from tests.model.solving import places, solve_and_check

MONDAY = "2026-11-30"
A_AND_B = [
    {"id": "A", "start": "09:00", "end": "17:00"},
    {"id": "B", "start": "12:00", "end": "20:00"},
]
NIGHT = [{"id": "N", "start": "22:00", "end": "06:00"}]
# a1 can only work A, a2 only B.
ONE_SHIFT_EACH: list[str | dict[str, Any]] = [
    {"id": "a1", "limits": {"max_shifts": {"B": 0}}},
    {"id": "a2", "limits": {"max_shifts": {"A": 0}}},
]


def on_monday(**entry: Any) -> dict[str, Any]:
    return {"dates": [MONDAY], **entry}


def monday_shifts(result: Any) -> list[tuple[str, str]]:
    day = dt.date.fromisoformat(MONDAY)
    return sorted((a.agent, a.shift) for a in result.assignments if a.date == day)


def test_overlap_of_two_shifts_needs_both_agents() -> None:
    # 12:00-17:00 wants 2 and is spanned by both A and B: a1 on A and a2 on B.
    instance = build_instance(
        agents=ONE_SHIFT_EACH,
        shift_types=A_AND_B,
        interval_coverage=[on_monday(start="12:00", end="17:00", min=2)],
    )
    result = solve_and_check(instance)
    assert result.status is Status.OPTIMAL and result.objective == 0
    assert monday_shifts(result) == [("a1", "A"), ("a2", "B")]


def test_interval_only_one_shift_spans_is_infeasible_above_one() -> None:
    # 09:00-09:30 is spanned by A only, and only a1 may work A: 2 is out of reach.
    instance = build_instance(
        agents=ONE_SHIFT_EACH,
        shift_types=A_AND_B,
        interval_coverage=[on_monday(start="09:00", end="09:30", min=2)],
    )
    assert solve_and_check(instance).status is Status.INFEASIBLE


def test_partial_overlap_does_not_count() -> None:
    # C starts at 12:30, so it spans only half of the hour 12:00-13:00: the
    # interval has nobody whatever the roster, while A would count.
    late = [{"id": "C", "start": "12:30", "end": "20:30"}]
    instance = build_instance(
        agents=["a1"],
        shift_types=late,
        interval_coverage=[on_monday(start="12:00", end="13:00", interval_minutes=60, min=1)],
    )
    assert solve_and_check(instance).status is Status.INFEASIBLE
    assert compile_problem(instance).interval_requirements[0].covering == ()
    with_a = build_instance(
        agents=["a1"],
        shift_types=[*A_AND_B, *late],
        interval_coverage=[on_monday(start="12:00", end="13:00", interval_minutes=60, min=1)],
    )
    assert compile_problem(with_a).interval_requirements[0].covering == ((0, 0), (0, 1))


def test_preferred_head_count_trades_under_against_over() -> None:
    # Preferred 1 in each hour 09:00-20:00 on Monday (11 hours), short 5, over 1.
    # A + B: nobody short, 5 hours over (12-17): 5. A + A or B + B: 3 hours
    # short and 8 over: 23. One agent alone: 3 short, 15. So A + B, cost 5.
    instance = build_instance(
        agents=["a1", "a2"],
        shift_types=A_AND_B,
        interval_coverage=[
            on_monday(
                start="09:00",
                end="20:00",
                interval_minutes=60,
                preferred=1,
                under_weight=5,
                over_weight=1,
            )
        ],
    )
    result = solve_and_check(instance)
    assert result.objective == 5
    assert sorted(shift for _, shift in monday_shifts(result)) == ["A", "B"]
    assert places(result, "interval_coverage.over") == [(None, MONDAY, None, 1)] * 5
    assert places(result, "interval_coverage.under") == []
    # The five penalties share a date: only the interval tells them apart.
    over = [p.interval for p in result.penalties if p.rule == "interval_coverage.over"]
    assert sorted(over) == [f"{hour}:00-{hour + 1}:00" for hour in range(12, 17)]


def test_penalties_name_their_interval_on_every_date() -> None:
    # a1 is away Monday and Tuesday, the two days that want 1 agent 09:00-10:00
    # (two half hours): 2 days x 2 intervals short, 5 each, 20 in all. The
    # checker must list the same four penalties (solve_and_check).
    instance = build_instance(
        agents=[{"id": "a1", "unavailable": [MONDAY, "2026-12-01"]}],
        shift_types=A_AND_B,
        interval_coverage=[
            {
                "weekdays": ["mon", "tue"],
                "start": "09:00",
                "end": "10:00",
                "preferred": 1,
                "under_weight": 5,
            }
        ],
    )
    result = solve_and_check(instance)
    assert result.objective == 20
    under = [p for p in result.penalties if p.rule == "interval_coverage.under"]
    assert sorted((p.date.isoformat() if p.date else "", p.interval, p.amount) for p in under) == [
        (MONDAY, "09:00-09:30", 1),
        (MONDAY, "09:30-10:00", 1),
        ("2026-12-01", "09:00-09:30", 1),
        ("2026-12-01", "09:30-10:00", 1),
    ]
    assert len({(p.date, p.interval) for p in under}) == len(under)


def test_penalty_variables_are_named_by_date_and_interval() -> None:
    # Two agents can be over 1 in 09:00-09:30 (only A spans it), so both the
    # shortfall and the excess get a variable; their names must not collide.
    instance = build_instance(
        shift_types=A_AND_B,
        interval_coverage=[
            on_monday(start="09:00", end="10:00", preferred=1, under_weight=5, over_weight=1)
        ],
    )
    built = build_model(compile_problem(instance))
    names = sorted(
        term.expression.name
        for term in built.terms
        if term.rule.startswith("interval_coverage.")
        and isinstance(term.expression, cp_model.IntVar)
    )
    assert names == [
        f"interval_coverage.{side}[{MONDAY},{interval}]"
        for side in ("over", "under")
        for interval in ("09:00-09:30", "09:30-10:00")
    ]
    assert {term.interval for term in built.terms if term.rule.startswith("interval")} == {
        "09:00-09:30",
        "09:30-10:00",
    }


def test_overnight_shift_covers_the_next_mornings_interval() -> None:
    # Tuesday 00:00-02:00 needs one agent and a1 is off on Tuesday: only the N
    # that starts on Monday at 22:00 reaches into Tuesday morning.
    instance = build_instance(
        agents=[{"id": "a1", "unavailable": ["2026-12-01"]}],
        shift_types=NIGHT,
        interval_coverage=[{"dates": ["2026-12-01"], "start": "00:00", "end": "02:00", "min": 1}],
    )
    result = solve_and_check(instance)
    assert result.status is Status.OPTIMAL
    assert Assignment("a1", dt.date(2026, 11, 30), "N") in result.assignments


@pytest.mark.parametrize(("cyclic", "status"), [(False, Status.INFEASIBLE), (True, Status.OPTIMAL)])
def test_day_zero_early_interval_needs_the_wrap(cyclic: bool, status: Status) -> None:
    # Monday 00:00-01:00 of day 0: without a wrap no night reaches it; in a
    # cyclic rotation the Sunday night (day 6) does.
    instance = build_instance(
        agents=["a1"],
        shift_types=NIGHT,
        cyclic=cyclic,
        interval_coverage=[on_monday(start="00:00", end="01:00", min=1)],
    )
    result = solve_and_check(instance)
    assert result.status is status
    if cyclic:
        assert Assignment("a1", dt.date(2026, 12, 6), "N") in result.assignments


def test_checker_reports_an_uncovered_interval_with_its_time() -> None:
    instance = build_instance(
        agents=["a1"],
        shift_types=A_AND_B,
        interval_coverage=[on_monday(start="09:00", end="10:00", interval_minutes=60, min=1)],
    )
    report = check(instance, build_roster(instance, a1="B - - - - - -"))
    assert [(v.rule, v.amount) for v in report.violations] == [("interval_coverage.min", 1)]
    assert report.violations[0].describe() == (
        "09:00-10:00 on 2026-11-30 has 0 agent(s) (at least 1 required)"
    )


@pytest.mark.parametrize(
    ("entries", "path"),
    [
        ([{"start": "17:00", "end": "09:00"}], "interval_coverage[0]"),
        ([{"start": "09:10", "end": "10:00"}], "interval_coverage[0]"),
        ([{"start": "09:00", "end": "10:00", "interval_minutes": 20}], "interval_coverage[0]"),
        (
            [{"start": "09:00", "end": "12:00"}, {"start": "11:00", "end": "13:00"}],
            "interval_coverage[1]",
        ),
        ([{"dates": ["2027-01-04"], "start": "09:00", "end": "10:00"}], "interval_coverage[0]"),
    ],
)
def test_bad_entries_are_reported_with_their_path(entries: list[dict[str, Any]], path: str) -> None:
    with pytest.raises(InstanceError) as error:
        build_instance(interval_coverage=entries)
    assert any(path in problem.describe() for problem in error.value.problems)


def test_until_midnight_is_allowed() -> None:
    instance = build_instance(interval_coverage=[{"start": "23:00", "end": "24:00"}])
    assert [need.label for need in compile_problem(instance).interval_requirements][:2] == [
        "23:00-23:30",
        "23:30-24:00",
    ]


def test_conflict_names_the_interval_and_relaxation_lowers_it() -> None:
    # Every Monday 12:00-13:00 wants 3, but there are only two agents.
    instance = build_instance(
        agents=["a1", "a2"],
        shift_types=A_AND_B,
        interval_coverage=[{"weekdays": ["mon"], "start": "12:00", "end": "13:00", "min": 3}],
    )
    conflict = find_conflict(instance)
    assert conflict is not None
    texts = [
        item.text for item in describe_groups(conflict.groups, compile_problem(instance), "en")
    ]
    assert texts == ["at least 3 agent(s) on Mondays 12:00-12:30"] or texts == [
        "at least 3 agent(s) on Mondays 12:30-13:00"
    ]
    relaxations = propose_relaxations(instance, conflict.groups, "en", time_limit=5)
    lowered = [r for r in relaxations if r.change.startswith("interval_coverage[")]
    assert len(lowered) == 1
    (relaxation,) = lowered
    assert relaxation.change.endswith(".min: 3 -> 2") and relaxation.verified is False
    # Only that half hour is lowered; the other one still wants 3, so the
    # change alone does not give a roster.
    entries = relaxation.instance.interval_coverage
    assert sorted((e.start, e.end, e.min) for e in entries) in (
        [(720, 750, 2), (750, 780, 3)],
        [(720, 750, 3), (750, 780, 2)],
    )
