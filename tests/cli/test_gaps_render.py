"""The coverage-gap warning block: one line per interval and kind, weekdays folded."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from rich.console import Console, RenderableType

from cli.gaps import gap_lines, gap_warning
from scheduler.explain.gaps import CoverageGap, GapKind, find_coverage_gaps
from scheduler.instance import load_instance
from scheduler.instance.clock import Weekday

LITERAL = Path(__file__).resolve().parents[2] / "instances" / "four-agents-policy-literal.yaml"
WINDOW = (9 * 60, 24 * 60)


def plain(renderable: RenderableType) -> str:
    out = io.StringIO()
    Console(file=out, width=160, color_system=None).print(renderable)
    return out.getvalue()


def gap(
    weekday: Weekday,
    kind: GapKind = GapKind.NO_SHIFT,
    *,
    start: int = 22 * 60,
    end: int = 24 * 60,
    dates: tuple[dt.date, ...] = (),
    window: tuple[int, int] | None = WINDOW,
    every_week: bool = True,
) -> CoverageGap:
    return CoverageGap(weekday, start, end, kind, dates, window, every_week)


def test_literal_policy_is_one_line_for_every_day() -> None:
    gaps = find_coverage_gaps(load_instance(LITERAL))
    assert gap_lines(gaps, "en") == [
        "22:00-24:00 on every day (Mon-Sun): no shift type covers this part of the "
        "service window (09:00-24:00)"
    ]
    output = plain(gap_warning(gaps, "en"))
    assert "Coverage gaps" in output
    assert "22:00-24:00 on every day (Mon-Sun)" in output


def test_chinese() -> None:
    gaps = find_coverage_gaps(load_instance(LITERAL))
    assert gap_lines(gaps, "zh") == [
        "22:00-24:00，每天（周一至周日）：没有任何班次覆盖服务时段的这一部分（服务时段 09:00-24:00）"
    ]
    assert "服务时段覆盖缺口" in plain(gap_warning(gaps, "zh"))


def test_weekdays_fold_into_ranges() -> None:
    weekdays = [Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI, Weekday.SUN]
    lines = gap_lines([gap(day) for day in weekdays], "en")
    assert lines == [
        "22:00-24:00 on Mon-Fri, Sun: no shift type covers this part of the service window "
        "(09:00-24:00)"
    ]
    assert gap_lines([gap(Weekday.SAT), gap(Weekday.SUN)], "zh")[0].startswith(
        "22:00-24:00，周六、周日："
    )


def test_kinds_and_intervals_get_lines_of_their_own_in_time_order() -> None:
    gaps = [
        gap(Weekday.SUN, GapKind.NOT_REQUIRED, start=20 * 60),
        gap(Weekday.MON),
        gap(Weekday.MON, start=13 * 60, end=14 * 60),
    ]
    lines = gap_lines(gaps, "en")
    assert [line.split(" ")[0] for line in lines] == ["13:00-14:00", "20:00-24:00", "22:00-24:00"]
    assert "hard minimum 0" in lines[1]


def test_a_gap_on_some_dates_lists_them() -> None:
    dated = gap(
        Weekday.MON, dates=(dt.date(2026, 12, 7),), every_week=False, window=None, start=18 * 60
    )
    assert gap_lines([dated], "en") == [
        "18:00-24:00 on 2026-12-07: no shift type covers this part of the service window"
    ]


def test_no_gap_renders_nothing() -> None:
    assert plain(gap_warning([], "en")).strip() == ""
