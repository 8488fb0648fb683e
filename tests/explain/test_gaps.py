"""The coverage-gap report: service windows against shift types and hard coverage minimums.

Each case is a one-week (or three-week) instance small enough to see the
answer by reading it; the comment says why the expected gaps are what they are.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from scheduler.explain.gaps import CoverageGap, GapKind, find_coverage_gaps
from scheduler.instance import Instance, load_instance, parse_instance
from scheduler.instance.clock import Weekday, format_clock
from scheduler.problem import compile_problem

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ROOT / "instances" / "four-agents.yaml"
LITERAL = ROOT / "instances" / "four-agents-policy-literal.yaml"

DAY = {"id": "D", "start": "06:00", "end": "14:00"}
LATE = {"id": "L", "start": "14:00", "end": "22:00"}
NIGHT = {"id": "N", "start": "22:00", "end": "06:00"}
# A window cannot last 24 hours (its end must differ from its start): two halves.
FULL_DAY = [{"start": "00:00", "end": "12:00"}, {"start": "12:00", "end": "24:00"}]


def build(
    shift_types: list[dict[str, Any]],
    windows: list[dict[str, Any]],
    coverage: list[dict[str, Any]] | None = None,
    *,
    weeks: int = 1,
    cyclic: bool = False,
    start: str = "2026-11-30",
    timezone: str = "UTC",
) -> Instance:
    """An instance with one agent; every shift type needs one agent unless ``coverage`` says."""
    return parse_instance(
        {
            "team": {"timezone": timezone, "agents": [{"id": "a1"}]},
            "shift_types": shift_types,
            "horizon": {"start": start, "weeks": weeks, "cyclic": cyclic},
            "service_windows": windows,
            "coverage": coverage
            if coverage is not None
            else [{"shift": shift["id"], "min": 1} for shift in shift_types],
        }
    )


def summary(gaps: tuple[CoverageGap, ...]) -> list[tuple[str, str, str, str]]:
    return [
        (gap.weekday.value, format_clock(gap.start), format_clock(gap.end), gap.kind.value)
        for gap in gaps
    ]


def test_literal_policy_leaves_22_to_24_open_every_day() -> None:
    # C ends at 22:00 while the window runs to 24:00: nothing covers the last
    # two hours, on each of the 21 days of the three-week cycle.
    gaps = find_coverage_gaps(load_instance(LITERAL))
    assert len(gaps) == 7
    assert [gap.weekday for gap in gaps] == list(Weekday)
    for gap in gaps:
        assert (gap.start, gap.end, gap.kind) == (22 * 60, 24 * 60, GapKind.NO_SHIFT)
        assert len(gap.dates) == 3
        assert {day.weekday() for day in gap.dates} == {gap.weekday.number}
        assert gap.every_week
        assert gap.window == (9 * 60, 24 * 60)
    assert gaps[0].dates == (dt.date(2026, 11, 30), dt.date(2026, 12, 7), dt.date(2026, 12, 14))


def test_default_instance_has_no_gap() -> None:
    assert find_coverage_gaps(load_instance(DEFAULT)) == ()


def test_a_compiled_problem_can_be_passed_in() -> None:
    instance = load_instance(LITERAL)
    assert find_coverage_gaps(instance, compile_problem(instance)) == find_coverage_gaps(instance)


def test_no_service_window_means_no_gap() -> None:
    assert find_coverage_gaps(build([DAY], [])) == ()


def test_a_shift_nobody_is_required_on_is_not_required() -> None:
    # C covers 20:00-24:00 every day, but on Sundays its hard minimum is 0, and
    # no other shift reaches past 20:00: a valid roster may leave it empty.
    data = yaml.safe_load(DEFAULT.read_text(encoding="utf-8"))
    data["coverage"][2] = {
        "shift": "C",
        "weekdays": ["mon", "tue", "wed", "thu", "fri", "sat"],
        "min": 1,
    }
    data["coverage"].append({"shift": "C", "weekdays": ["sun"], "min": 0, "max": 1})
    gaps = find_coverage_gaps(parse_instance(data))
    assert summary(gaps) == [("sun", "20:00", "24:00", "not_required")]
    assert len(gaps[0].dates) == 3


def test_no_coverage_entry_means_not_required() -> None:
    gaps = find_coverage_gaps(build([DAY], [{"start": "06:00", "end": "14:00"}], coverage=[]))
    assert {gap.kind for gap in gaps} == {GapKind.NOT_REQUIRED}
    assert len(gaps) == 7


def test_a_covered_interval_is_fine_when_one_of_its_shifts_is_required() -> None:
    # 10:00-14:00 is covered by D (min 0) and M (min 1): someone must be there.
    mid = {"id": "M", "start": "10:00", "end": "18:00"}
    gaps = find_coverage_gaps(
        build(
            [DAY, mid],
            [{"start": "06:00", "end": "18:00"}],
            coverage=[{"shift": "D", "min": 0}, {"shift": "M", "min": 1}],
        )
    )
    assert {(gap.start, gap.end) for gap in gaps} == {(6 * 60, 10 * 60)}


def test_overnight_shift_covers_the_early_hours_of_the_next_day() -> None:
    # N 22:00-06:00 started the day before covers 00:00-06:00; on the first
    # day of a non-cyclic horizon the day before is assumed staffed like the
    # first Sunday.
    instance = build([DAY, LATE, NIGHT], FULL_DAY)
    assert find_coverage_gaps(instance) == ()


def test_overnight_shift_covers_the_first_morning_of_a_cyclic_horizon() -> None:
    instance = build([DAY, LATE, NIGHT], FULL_DAY, weeks=3, cyclic=True)
    assert find_coverage_gaps(instance) == ()


@pytest.mark.parametrize("cyclic", [True, False])
def test_early_hours_take_the_requirement_of_the_night_before(cyclic: bool) -> None:
    # Nobody is required on N on Sundays: Sunday 22:00-24:00 and the Monday
    # morning after it are open. The first Monday follows the last Sunday of
    # the cycle (cyclic) or the first Sunday (assumed, non-cyclic): 2 Mondays.
    coverage = [
        {"shift": "D", "min": 1},
        {"shift": "L", "min": 1},
        {"shift": "N", "weekdays": ["mon", "tue", "wed", "thu", "fri", "sat"], "min": 1},
    ]
    instance = build(
        [DAY, LATE, NIGHT],
        FULL_DAY,
        coverage,
        weeks=2,
        cyclic=cyclic,
    )
    gaps = find_coverage_gaps(instance)
    assert summary(gaps) == [
        ("mon", "00:00", "06:00", "not_required"),
        ("sun", "22:00", "24:00", "not_required"),
    ]
    assert gaps[0].dates == (dt.date(2026, 11, 30), dt.date(2026, 12, 7))


@pytest.mark.parametrize(("cyclic", "mondays"), [(True, [dt.date(2026, 11, 30)]), (False, [])])
def test_the_first_morning_of_a_cyclic_horizon_follows_its_last_night(
    cyclic: bool, mondays: list[dt.date]
) -> None:
    # Nobody is required on N on the last Sunday only. A cyclic horizon wraps:
    # the first Monday morning follows that night and is open too. Without the
    # wrap the first Monday follows the (assumed) first Sunday, which is staffed.
    coverage = [
        {"shift": "D", "min": 1},
        {"shift": "L", "min": 1},
        {"shift": "N", "min": 1},
        {"shift": "N", "dates": ["2026-12-13"], "min": 0},
    ]
    instance = build([DAY, LATE, NIGHT], FULL_DAY, coverage, weeks=2, cyclic=cyclic)
    gaps = find_coverage_gaps(instance)
    assert [gap.dates for gap in gaps if gap.weekday is Weekday.MON] == (
        [tuple(mondays)] if mondays else []
    )
    assert [gap.dates for gap in gaps if gap.weekday is Weekday.SUN] == [(dt.date(2026, 12, 13),)]


def test_a_shift_ending_at_24_does_not_reach_into_the_next_day() -> None:
    evening = {"id": "C", "start": "20:00", "end": "24:00"}
    gaps = find_coverage_gaps(build([evening], [{"start": "20:00", "end": "02:00"}]))
    assert summary(gaps) == [(day.value, "00:00", "02:00", "no_shift") for day in Weekday]


def test_a_window_past_midnight_is_split_at_midnight() -> None:
    # Friday's window 18:00-02:00 ends on Saturday morning; E covers until
    # 01:00 only. The Saturday gap belongs to Friday's window.
    evening = {"id": "E", "start": "18:00", "end": "01:00"}
    gaps = find_coverage_gaps(
        build([evening], [{"weekdays": ["fri"], "start": "18:00", "end": "02:00"}])
    )
    assert summary(gaps) == [("sat", "01:00", "02:00", "no_shift")]
    assert gaps[0].window == (18 * 60, 2 * 60)
    assert gaps[0].dates == (dt.date(2026, 12, 5),)


def test_a_window_on_some_weekdays_only() -> None:
    # Weekdays 06:00-23:00, shifts to 22:00: the hour after is open on
    # weekdays only; the weekend needs nothing.
    gaps = find_coverage_gaps(
        build(
            [DAY, LATE],
            [{"weekdays": ["mon", "tue", "wed", "thu", "fri"], "start": "06:00", "end": "23:00"}],
        )
    )
    assert summary(gaps) == [
        (day, "22:00", "23:00", "no_shift") for day in ("mon", "tue", "wed", "thu", "fri")
    ]


def test_a_hole_between_two_shifts() -> None:
    morning = {"id": "M", "start": "09:00", "end": "13:00"}
    afternoon = {"id": "P", "start": "14:00", "end": "18:00"}
    gaps = find_coverage_gaps(build([morning, afternoon], [{"start": "09:00", "end": "18:00"}]))
    assert summary(gaps) == [(day.value, "13:00", "14:00", "no_shift") for day in Weekday]


def test_adjacent_pieces_of_one_kind_merge_and_kinds_stay_apart() -> None:
    # 09:00-12:00 and 12:00-15:00 are both not required (min 0): one gap.
    # 15:00-17:00 has no shift at all: a second gap of the other kind.
    first = {"id": "F", "start": "09:00", "end": "12:00"}
    second = {"id": "S", "start": "12:00", "end": "15:00"}
    gaps = find_coverage_gaps(
        build(
            [first, second],
            [{"weekdays": ["mon"], "start": "09:00", "end": "17:00"}],
            coverage=[{"shift": "F", "min": 0}, {"shift": "S", "min": 0}],
        )
    )
    assert summary(gaps) == [
        ("mon", "09:00", "15:00", "not_required"),
        ("mon", "15:00", "17:00", "no_shift"),
    ]


def test_overlapping_windows_are_joined() -> None:
    gaps = find_coverage_gaps(
        build(
            [{"id": "A", "start": "09:00", "end": "17:00"}],
            [
                {"weekdays": ["mon"], "start": "09:00", "end": "13:00"},
                {"weekdays": ["mon"], "start": "12:00", "end": "18:00"},
            ],
        )
    )
    assert summary(gaps) == [("mon", "17:00", "18:00", "no_shift")]
    assert gaps[0].window == (12 * 60, 18 * 60)


def test_a_dated_coverage_entry_makes_a_gap_on_that_date_only() -> None:
    evening = {"id": "E", "start": "18:00", "end": "24:00"}
    coverage = [{"shift": "E", "min": 1}, {"shift": "E", "dates": ["2026-12-07"], "min": 0}]
    gaps = find_coverage_gaps(
        build([evening], [{"start": "18:00", "end": "24:00"}], coverage, weeks=2)
    )
    assert summary(gaps) == [("mon", "18:00", "24:00", "not_required")]
    assert gaps[0].dates == (dt.date(2026, 12, 7),)
    assert not gaps[0].every_week
    assert gaps[0].describe("en").startswith("2026-12-07 18:00-24:00: ")


def test_a_daylight_saving_night_creates_no_gap() -> None:
    # Berlin skips 02:00-03:00 on 2026-03-29; the night shift covers it in
    # wall-clock time all the same.
    instance = build(
        [DAY, LATE, NIGHT],
        FULL_DAY,
        start="2026-03-23",
        timezone="Europe/Berlin",
    )
    assert find_coverage_gaps(instance) == ()


def test_json_shape() -> None:
    gap = find_coverage_gaps(load_instance(LITERAL))[0]
    assert gap.to_json() == {
        "weekday": "mon",
        "start": "22:00",
        "end": "24:00",
        "kind": "no_shift",
        "dates": ["2026-11-30", "2026-12-07", "2026-12-14"],
        "window": {"start": "09:00", "end": "24:00"},
        "every_week": True,
    }


def test_describe_in_both_languages() -> None:
    gap = find_coverage_gaps(load_instance(LITERAL))[0]
    assert gap.describe("en") == (
        "Mondays 22:00-24:00: no shift type covers this part of the service window"
    )
    assert gap.describe("zh") == "每周一 22:00-24:00：没有任何班次覆盖服务时段的这一部分"
    not_required = CoverageGap(Weekday.SUN, 20 * 60, 24 * 60, GapKind.NOT_REQUIRED, ())
    assert "hard minimum 0" in not_required.describe("en")
    assert "硬性最少人数为 0" in not_required.describe("zh")
