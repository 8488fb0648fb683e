"""``roster solve``: the roster display, the exported files and the exit codes."""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from cli.app import app
from cli.exit_codes import ExitCode, exit_code_for
from scheduler.messages import text
from scheduler.result import Status


@pytest.fixture(scope="module")
def solved(
    tmp_path_factory: pytest.TempPathFactory, runner: CliRunner, four_agents: Path
) -> tuple[Path, str, int]:
    """One solve of the default instance with --out, shared by the tests below."""
    out = tmp_path_factory.mktemp("solve") / "new-folder"
    args = ["solve", str(four_agents), "--time-limit", "5", "--out", str(out), "--lang", "en"]
    result = runner.invoke(app, args)
    return out, result.stdout, result.exit_code


def test_solve_finds_a_roster_and_shows_it(solved: tuple[Path, str, int]) -> None:
    _, output, code = solved
    assert code == 0
    for week in (1, 2, 3):
        assert f"Week {week}:" in output
    assert "Mon" in output and "Sun" in output
    assert "王芳 (a1)" in output
    assert "C*" in output  # the on-call shift is marked
    assert "Per agent" in output and "Penalties by rule" in output
    assert "objective" in output and "gap" in output
    assert "\x1b[" not in output  # plain text when not a terminal


def test_solve_writes_the_three_files(solved: tuple[Path, str, int]) -> None:
    out, output, _ = solved
    assert sorted(path.name for path in out.iterdir()) == [
        "roster.csv",
        "roster.json",
        "roster.xlsx",
    ]
    assert str(out) in output.replace("\n", "")


def test_csv_has_one_agent_per_shift_per_day(solved: tuple[Path, str, int]) -> None:
    out, _, _ = solved
    with (out / "roster.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["agent", "date", "shift"]
    body = rows[1:]
    # 21 days x shifts A, B, C, each with exactly one agent (coverage min = max = 1).
    assert len(body) == 63
    assert set(Counter((date, shift) for _, date, shift in body).values()) == {1}


def test_json_carries_the_team_offset(solved: tuple[Path, str, int]) -> None:
    out, _, _ = solved
    data = json.loads((out / "roster.json").read_text(encoding="utf-8"))
    assert {"status", "objective", "best_bound", "wall_time_s", "assignments"} <= data.keys()
    assert len(data["assignments"]) == 63
    for duty in data["assignments"]:
        assert duty["start"].endswith("+08:00") and duty["end"].endswith("+08:00")
    evening = next(duty for duty in data["assignments"] if duty["shift"] == "C")
    assert evening["location"] == "home"
    assert evening["end"].endswith("T00:00:00+08:00")  # 24:00 is midnight of the next day


def test_xlsx_has_the_sheets(solved: tuple[Path, str, int]) -> None:
    out, _, _ = solved
    workbook = openpyxl.load_workbook(out / "roster.xlsx")
    assert workbook.sheetnames == ["Roster", "Assignments", "Penalties"]
    assert workbook["Assignments"].max_row == 64  # header + 63 duties


def test_chinese_output(runner: CliRunner, four_agents: Path) -> None:
    result = runner.invoke(app, ["solve", str(four_agents), "--time-limit", "5", "--lang", "zh"])
    assert result.exit_code == 0
    assert text("cli.summary_title", "zh") in result.stdout
    assert "第 1 周" in result.stdout


def test_infeasible_exits_3_in_plain_words(
    runner: CliRunner, infeasible_instance: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    args = ["solve", str(infeasible_instance), "--time-limit", "5", "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 3
    assert not any(out.iterdir())  # no roster, no files
    assert text("cli.infeasible", "en") in result.stdout.replace("\n", "")


def test_no_roster_within_the_time_limit_exits_4(runner: CliRunner, four_agents: Path) -> None:
    # CP-SAT given no time at all stops before finding anything.
    result = runner.invoke(app, ["solve", str(four_agents), "--time-limit", "0", "--lang", "en"])
    assert result.exit_code == 4
    assert "--time-limit" in result.stdout


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (Status.OPTIMAL, 0),
        (Status.FEASIBLE, 0),
        (Status.INFEASIBLE, 3),
        (Status.UNKNOWN, 4),
    ],
)
def test_exit_code_for_status(status: Status, code: int) -> None:
    assert exit_code_for(status) == code


def test_invalid_yaml_exits_2(runner: CliRunner, write_file: Callable[[str, str], Path]) -> None:
    path = write_file("broken.yaml", "team: [unclosed\n")
    result = runner.invoke(app, ["solve", str(path)])
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "(file)" in result.stderr and "YAML" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_shift_in_coverage_names_the_field(
    runner: CliRunner, write_file: Callable[[str, str], Path], infeasible_text: str
) -> None:
    path = write_file("unknown.yaml", infeasible_text.replace("{shift: A,", "{shift: Z,"))
    result = runner.invoke(app, ["solve", str(path)])
    assert result.exit_code == 2
    assert "coverage[0].shift" in result.stderr and "'Z'" in result.stderr
    assert "Traceback" not in result.output


def test_missing_instance_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["solve", str(tmp_path / "nowhere.yaml")])
    assert result.exit_code == 2
    assert "nowhere.yaml" in result.stderr
    assert "Traceback" not in result.output


def test_out_that_is_a_file_exits_2_before_solving(
    runner: CliRunner, write_file: Callable[[str, str], Path], four_agents: Path
) -> None:
    taken = write_file("taken", "")
    args = ["solve", str(four_agents), "--out", str(taken), "--lang", "en"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "not a folder" in result.stderr
    assert "Traceback" not in result.output
    assert "Week 1" not in result.stdout
