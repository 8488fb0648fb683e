"""Durations and rests are real elapsed time: DST nights are an hour shorter or longer."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from scheduler.instance import ShiftType
from scheduler.timeline import duty_on, elapsed_minutes

BERLIN = ZoneInfo("Europe/Berlin")
NIGHT = ShiftType(id="N", start="22:00", end="06:00")
LATE = ShiftType(id="C", start="20:00", end="24:00")


def test_ordinary_night_lasts_eight_hours() -> None:
    assert duty_on(dt.date(2026, 3, 21), NIGHT, BERLIN).minutes == 480


def test_night_when_clocks_go_forward_is_an_hour_shorter() -> None:
    # 2026-03-29 02:00 CET jumps to 03:00 CEST.
    assert duty_on(dt.date(2026, 3, 28), NIGHT, BERLIN).minutes == 420


def test_night_when_clocks_go_back_is_an_hour_longer() -> None:
    # 2026-10-25 03:00 CEST falls back to 02:00 CET.
    assert duty_on(dt.date(2026, 10, 24), NIGHT, BERLIN).minutes == 540


def test_end_of_24_00_is_midnight_of_the_next_day_with_its_offset() -> None:
    duty = duty_on(dt.date(2026, 11, 30), LATE, ZoneInfo("Asia/Shanghai"))
    assert duty.end.isoformat() == "2026-12-01T00:00:00+08:00"
    assert duty.minutes == 240


def test_rest_across_the_spring_change_is_measured_in_real_time() -> None:
    late = duty_on(dt.date(2026, 3, 28), LATE, BERLIN)
    morning = duty_on(dt.date(2026, 3, 29), ShiftType(id="A", start="09:00", end="17:00"), BERLIN)
    assert elapsed_minutes(late.end, morning.start) == 8 * 60
