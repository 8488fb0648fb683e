"""The Curtois & Qu benchmark format read into the instance model."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from scheduler.check import check
from scheduler.formats.curtois_qu import BenchmarkFormatError, parse_benchmark, read_benchmark
from scheduler.result import Assignment, Status
from scheduler.solve import solve

DATA_DIR = Path(
    os.environ.get(
        "ROSTER_CURTOIS_QU_DIR",
        Path(__file__).resolve().parents[3] / "shared/benchmarks/curtois_qu",
    )
)

# A small file in the benchmark's format, written for these tests: two shift
# types (L may not follow... E may not follow L), three staff, one week.
SMALL = """\
# comment
SECTION_HORIZON
7

SECTION_SHIFTS
E,480,
L,600,E

SECTION_STAFF
P,E=7|L=2,3000,960,3,2,2,1
Q,E=7|L=0,3000,0,5,1,1,1
R,E=7|L=7,3000,0,5,1,1,0

SECTION_DAYS_OFF
P,0,1
Q,6

SECTION_SHIFT_ON_REQUESTS
Q,2,E,3

SECTION_SHIFT_OFF_REQUESTS
R,3,L,2

SECTION_COVER
0,E,1,100,1
1,L,1,100,1
2,E,2,100,1
"""


def test_every_field_lands_in_the_instance_model() -> None:
    instance = parse_benchmark(SMALL, name="small")
    assert instance.horizon.start.weekday() == 0 and instance.horizon.days == 7
    assert not instance.horizon.cyclic
    early, late = instance.shift_types
    assert (early.id, early.start, early.end_after_start) == ("E", 0, 480)
    assert (late.id, late.end_after_start) == ("L", 600)
    [succession] = instance.rules.forbidden_successions
    assert (succession.first, succession.then, succession.hard) == ("L", "E", True)
    p = instance.agent("P")
    assert p.limits.max_shifts == {"E": 7, "L": 2}
    assert (p.limits.max_minutes_per_horizon, p.limits.min_minutes_per_horizon) == (3000, 960)
    assert p.limits.max_consecutive_working_days == 3
    assert p.limits.min_consecutive_working_days == 2
    assert p.limits.min_consecutive_days_off == 2
    assert p.limits.max_weekends == 1
    start = instance.horizon.start
    assert p.unavailable == [start, start + dt.timedelta(days=1)]
    on, off = instance.rules.requests
    assert (on.agent, on.date, on.shift, on.want.value, on.weight) == ("Q", start + dt.timedelta(days=2), "E", "on", 3)  # fmt: skip
    assert (off.agent, off.shift, off.want.value, off.weight) == ("R", "L", "off", 2)
    cover = instance.coverage[2]
    assert cover.dates == [start + dt.timedelta(days=2)]
    assert (cover.shift, cover.min, cover.preferred, cover.under_weight, cover.over_weight) == ("E", 0, 2, 100, 1)  # fmt: skip


def test_the_checker_prices_a_hand_made_roster_by_the_benchmark_rules() -> None:
    instance = parse_benchmark(SMALL)
    start = instance.horizon.start
    day = [start + dt.timedelta(days=d) for d in range(7)]
    roster = [
        Assignment("Q", day[0], "E"),  # cover 0/E met
        Assignment("R", day[1], "L"),  # cover 1/L met
        Assignment("R", day[2], "E"),  # L then E: the forbidden succession
        Assignment("Q", day[2], "E"),  # the on request met; cover 2/E met
    ]
    report = check(instance, roster)
    rules = {violation.rule for violation in report.violations}
    assert "forbidden_succession" in rules
    assert "minutes_per_horizon.min" in rules  # P works nothing, needs 960
    assert report.objective == 0  # every request honoured, every cover met


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("SECTION_HORIZON\n10\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=1,1,0,1,1,1,1\n", "not a whole number of weeks"),
        ("SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,eight,\nSECTION_STAFF\nA,D=1,1,0,1,1,1,1\n", "line 4: shift length 'eight'"),
        ("SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\n", "SECTION_STAFF is missing"),
        ("SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=1,1,0,1,1,1,1\nSECTION_COVER\n9,D,1,100,1\n", "line 8: day 9 is beyond the 7-day horizon"),
        ("SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=1,1,0,1,1,1,1\nSECTION_DAYS_OFF\nZ,1\n", "unknown staff Z"),
        ("SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=1,1,0,1,1,1,1\nSECTION_COVER\n1,X,1,100,1\n", "coverage"),
        ("SECTION_NOISE\n", "unknown section SECTION_NOISE"),
    ],
)  # fmt: skip
def test_bad_files_name_the_line_and_field(text: str, message: str) -> None:
    with pytest.raises(BenchmarkFormatError, match=message):
        parse_benchmark(text, source="bad.txt")


def test_unreadable_file_is_a_format_error(tmp_path: Path) -> None:
    with pytest.raises(BenchmarkFormatError, match="cannot read"):
        read_benchmark(tmp_path / "Instance99.txt")


@pytest.mark.skipif(
    not (DATA_DIR / "Instance1.txt").exists(), reason=f"no benchmark data in {DATA_DIR}"
)
def test_instance1_reaches_the_published_optimum_and_the_checker_agrees() -> None:
    instance = read_benchmark(DATA_DIR / "Instance1.txt")
    assert (len(instance.team.agents), instance.horizon.days, len(instance.shift_types)) == (
        8,
        14,
        1,
    )
    result = solve(instance, time_limit=30, workers=2, seed=0)
    assert result.status is Status.OPTIMAL
    assert result.objective == 607
    report = check(instance, result.assignments)
    assert not report.violations
    assert report.objective == 607
