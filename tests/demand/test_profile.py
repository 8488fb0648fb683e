"""Demand profile CSV: reading, errors that name line and column, staffing per interval."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from scheduler.demand.profile import (
    DemandProfileError,
    parse_profile,
    read_profile,
    required_by_interval,
)

GOOD = """weekday,interval_start,calls,aht_s
mon,09:30,100,
mon,09:00,40,200
tue,09:00,0,
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "demand.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_sorted_typed_rows(tmp_path: Path) -> None:
    profile = read_profile(_write(tmp_path, GOOD))
    assert profile.interval_minutes == 30
    assert profile.interval_s == 1800
    assert [(i.weekday, i.start, i.calls, i.aht_s) for i in profile.intervals] == [
        ("mon", dt.time(9, 0), 40.0, 200.0),
        ("mon", dt.time(9, 30), 100.0, None),
        ("tue", dt.time(9, 0), 0.0, None),
    ]


def test_aht_column_is_optional() -> None:
    profile = parse_profile("weekday,interval_start,calls\nsun,23:45,3\nsun,23:30,2\n")
    assert profile.interval_minutes == 15
    assert all(interval.aht_s is None for interval in profile.intervals)


def test_required_by_interval(tmp_path: Path) -> None:
    profile = read_profile(_write(tmp_path, GOOD))
    rows = required_by_interval(
        profile, aht_s=180, target_sl=0.8, answer_within_s=20, shrinkage=0.3
    )
    assert [(row.weekday, row.start) for row in rows] == [
        ("mon", dt.time(9, 0)),
        ("mon", dt.time(9, 30)),
        ("tue", dt.time(9, 0)),
    ]
    # mon 09:30 is the published reference case: 14 on the phone, 20 scheduled.
    staffing = rows[1].staffing
    assert (staffing.agents_on_phone, staffing.agents_scheduled) == (14, 20)
    # The row's own AHT wins over the default: 40 calls at 200 s is 4.4 Erlangs.
    assert rows[0].staffing.agents_on_phone > 4
    assert rows[2].staffing.agents_on_phone == 0


def test_missing_aht_without_default_is_an_error(tmp_path: Path) -> None:
    profile = read_profile(_write(tmp_path, GOOD))
    with pytest.raises(ValueError, match="aht_s is required: mon 09:30"):
        required_by_interval(profile, target_sl=0.8, answer_within_s=20)


def test_explicit_interval_length() -> None:
    profile = parse_profile("weekday,interval_start,calls\nmon,09:00,1\n", interval_minutes=15)
    assert profile.interval_minutes == 15
    with pytest.raises(ValueError, match="interval_minutes"):
        parse_profile("weekday,interval_start,calls\nmon,09:00,1\n", interval_minutes=20)


HEADER = "weekday,interval_start,calls,aht_s\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("mon,09:00,10,\nmonday,09:30,5,\n", "line 3, column weekday: 'monday'"),
        ("mon,9h00,10,\n", "line 2, column interval_start: '9h00' is not a time"),
        ("mon,25:00,10,\n", "line 2, column interval_start"),
        ("mon,09:00,-3,\n", "line 2, column calls: -3 must be >= 0"),
        ("mon,09:00,many,\n", "line 2, column calls: 'many' is not a number"),
        ("mon,09:00,3,0\n", "line 2, column aht_s: 0 must be > 0"),
        (
            "mon,09:00,3,\nmon,09:00,4,\n",
            "line 3, column interval_start: mon 09:00 already given on line 2",
        ),
        (
            "mon,09:00,3,\nmon,09:30,3,\ntue,09:00,3,\ntue,09:15,3,\n",
            "line 3, column interval_start: mixed interval lengths, mon uses 30",
        ),
        ("mon,09:00,3,\nmon,09:20,3,\n", "line 3, column interval_start: 20 minutes"),
        (
            "mon,09:00,3,\nmon,09:30,3,\ntue,09:10,3,\n",
            "line 4, column interval_start: 09:10 is not on the 30-minute grid",
        ),
        ("mon,09:00,3,,extra\n", "line 2: more fields than columns"),
        ("", "no intervals"),
    ],
)
def test_errors_name_line_and_column(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(DemandProfileError, match=message):
        read_profile(_write(tmp_path, HEADER + body))


def test_header_errors(tmp_path: Path) -> None:
    with pytest.raises(DemandProfileError, match="line 1: missing column"):
        read_profile(_write(tmp_path, "weekday,calls\nmon,3\n"))
    with pytest.raises(DemandProfileError, match="line 1: unknown column"):
        read_profile(_write(tmp_path, "weekday,interval_start,calls,queue\nmon,09:00,3,a\n"))
    with pytest.raises(DemandProfileError, match="empty file"):
        read_profile(_write(tmp_path, ""))
