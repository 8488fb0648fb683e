"""The service level a roster reaches on its forecast intervals."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.demand import erlang_c
from scheduler.explain.service_level import service_report
from scheduler.instance import load_instance
from scheduler.result import Assignment
from scheduler.solve import solve

ROOT = Path(__file__).parents[2]
FOUR = ROOT / "instances" / "demand-example" / "four-agents-demand.yaml"


@pytest.fixture(scope="module")
def solved() -> tuple[object, tuple[Assignment, ...]]:
    instance = load_instance(FOUR)
    result = solve(instance, time_limit=5, workers=1, seed=0)
    assert result.status.has_roster
    return instance, result.assignments


def test_fully_staffed_intervals_meet_the_target(solved) -> None:  # type: ignore[no-untyped-def]
    instance, assignments = solved
    report = service_report(instance, assignments)
    assert report is not None
    assert len(report.intervals) == 21 * 30  # 3 weeks of 30 half hours
    assert report.target_sl == 0.8 and report.answer_within_s == 20
    for item in report.intervals:
        if item.scheduled >= item.wanted:
            assert item.metrics.service_level is not None
            assert item.metrics.service_level >= 0.8
    assert report.intervals_meeting_target == sum(
        1 for item in report.intervals if (item.metrics.service_level or 0) >= 0.8
    )


def test_counts_and_totals_are_recomputed_from_the_duties(solved) -> None:  # type: ignore[no-untyped-def]
    instance, assignments = solved
    report = service_report(instance, assignments)
    assert report is not None
    item = next(i for i in report.intervals if i.label == "20:00-20:30")
    # Only C (20:00-24:00) spans 20:00-20:30, so the count is C duties that date.
    c_duties = [a for a in assignments if a.date == item.date and a.shift == "C"]
    assert item.scheduled == len(c_duties)
    expected = erlang_c(item.calls, 1800, item.aht_s, item.scheduled, answer_within_s=20)
    assert item.metrics == expected
    weighted = sum(i.calls * (i.metrics.service_level or 0) for i in report.intervals)
    assert report.service_level == pytest.approx(weighted / report.calls)


def test_fewer_duties_lower_the_service_level(solved) -> None:  # type: ignore[no-untyped-def]
    instance, assignments = solved
    full = service_report(instance, assignments)
    without_c = service_report(instance, [a for a in assignments if a.shift != "C"])
    assert full is not None and without_c is not None
    assert without_c.service_level is not None and full.service_level is not None
    assert without_c.service_level < full.service_level
    assert without_c.intervals_short >= 21 * 8  # every evening half hour from 20:00
    assert without_c.summary()["asa_s"] is None  # calls and nobody: an unbounded wait


def test_an_instance_without_forecasts_has_no_report() -> None:
    instance = load_instance(ROOT / "instances" / "four-agents.yaml")
    assert service_report(instance, []) is None
