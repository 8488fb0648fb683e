"""Reading roster CSV files: tolerated variations and every error with its row."""

import datetime as dt

import pytest

from scheduler.check import RosterFileError, read_roster_csv
from scheduler.result import Assignment
from tests.builders import build_instance

MONDAY, TUESDAY = dt.date(2026, 11, 30), dt.date(2026, 12, 1)


@pytest.fixture
def instance():
    return build_instance()


def write(tmp_path, content, encoding="utf-8"):
    path = tmp_path / "roster.csv"
    path.write_text(content, encoding=encoding)
    return path


def test_reads_rows_with_bom_extra_columns_and_days_off(tmp_path, instance):
    content = (
        "date,Agent ,shift,note\r\n"
        "2026-11-30,a1,E,first\r\n"
        "2026-12-01,a1,,day off\r\n"
        "\r\n"
        "2026-12-01, a2 , L \r\n"
    )
    path = write(tmp_path, content, encoding="utf-8-sig")
    assert read_roster_csv(path, instance) == [
        Assignment("a1", MONDAY, "E"),
        Assignment("a2", TUESDAY, "L"),
    ]


def test_two_shifts_on_a_day_are_read_for_the_checker_to_judge(tmp_path, instance):
    path = write(tmp_path, "agent,date,shift\na1,2026-11-30,E\na1,2026-11-30,L\n")
    assert len(read_roster_csv(path, instance)) == 2


def test_missing_file(tmp_path, instance):
    with pytest.raises(RosterFileError, match="cannot read") as caught:
        read_roster_csv(tmp_path / "absent.csv", instance)
    assert caught.value.problems[0].row is None


@pytest.mark.parametrize("content", ["", "name,day,shift\na1,2026-11-30,E\n"])
def test_wrong_header(tmp_path, instance, content):
    with pytest.raises(RosterFileError) as caught:
        read_roster_csv(write(tmp_path, content), instance)
    [problem] = caught.value.problems
    assert problem.row == 1
    assert "row 1:" in problem.describe()
    assert "missing: agent, date" in problem.describe()


def test_every_bad_row_is_listed_with_its_number(tmp_path, instance):
    content = "\n".join(
        [
            "agent,date,shift",  # row 1
            "a1,2026-11-30,E",  # row 2: fine
            "zz,2026-11-30,E",  # row 3: unknown agent
            "a2,2026-11-30,X",  # row 4: unknown shift
            "a2,30/11/2026,E",  # row 5: bad date
            "a2,2026-12-07,E",  # row 6: after the horizon
            "a1,2026-11-30,E",  # row 7: repeats row 2
            ",2026-11-30,E",  # row 8: no agent
            "a2,,E",  # row 9: no date
        ]
    )
    with pytest.raises(RosterFileError) as caught:
        read_roster_csv(write(tmp_path, content), instance)
    error = caught.value
    assert [problem.row for problem in error.problems] == [3, 4, 5, 6, 7, 8, 9]
    lines = str(error).splitlines()
    assert lines[0] == f"{tmp_path / 'roster.csv'} is not a valid roster (7 problem(s)):"
    assert lines[1:] == [
        "  - row 3: unknown agent 'zz'; defined: a1, a2",
        "  - row 4: unknown shift type 'X'; defined: E, L, N",
        "  - row 5: '30/11/2026' is not a date (expected YYYY-MM-DD)",
        "  - row 6: date 2026-12-07 is outside the horizon 2026-11-30 .. 2026-12-06",
        "  - row 7: a1 2026-11-30 E is already listed in row 2",
        "  - row 8: the agent cell is empty",
        "  - row 9: the date cell is empty",
    ]
    assert isinstance(error, ValueError)
    assert "第 7 行：" in error.describe("zh")


def test_row_numbers_follow_quoted_line_breaks(tmp_path, instance):
    content = 'agent,date,shift,note\na1,2026-11-30,E,"two\nlines"\nzz,2026-11-30,E,\n'
    with pytest.raises(RosterFileError) as caught:
        read_roster_csv(write(tmp_path, content), instance)
    assert [problem.row for problem in caught.value.problems] == [4]
