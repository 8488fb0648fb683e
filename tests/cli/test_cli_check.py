"""``roster check``: a solved roster passes, a hand-edited one names the broken rule."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app
from scheduler.messages import text


@pytest.fixture
def roster_csv(runner: CliRunner, tmp_path: Path, four_agents: Path) -> Path:
    result = runner.invoke(
        app, ["solve", str(four_agents), "--time-limit", "5", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0
    return tmp_path / "roster.csv"


def test_written_roster_passes(runner: CliRunner, roster_csv: Path, four_agents: Path) -> None:
    result = runner.invoke(app, ["check", str(four_agents), str(roster_csv), "--lang", "en"])
    assert result.exit_code == 0
    assert text("cli.check_ok", "en") in result.stdout
    assert "total cost" in result.stdout


def test_hand_edited_roster_names_the_broken_rule(
    runner: CliRunner, roster_csv: Path, four_agents: Path
) -> None:
    lines = roster_csv.read_text(encoding="utf-8").splitlines()
    # Move the first A duty to B: that day has no A and two Bs.
    index = next(i for i, line in enumerate(lines) if line.endswith(",A"))
    lines[index] = lines[index][:-1] + "B"
    roster_csv.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = runner.invoke(app, ["check", str(four_agents), str(roster_csv), "--lang", "en"])
    assert result.exit_code == 1
    assert text("rule.coverage.min", "en") in result.stdout
    assert text("rule.coverage.max", "en") in result.stdout
    assert "at least 1 required" in result.stdout


def test_bad_roster_file_names_the_row(
    runner: CliRunner, write_file: Callable[[str, str], Path], four_agents: Path
) -> None:
    path = write_file("bad.csv", "agent,date,shift\na1,2026-11-30,A\nzz,2026-11-30,B\n")
    result = runner.invoke(app, ["check", str(four_agents), str(path), "--lang", "en"])
    assert result.exit_code == 2
    assert "row 3" in result.stderr and "'zz'" in result.stderr
    assert "Traceback" not in result.output


def test_missing_roster_file_exits_2(runner: CliRunner, tmp_path: Path, four_agents: Path) -> None:
    result = runner.invoke(app, ["check", str(four_agents), str(tmp_path / "none.csv")])
    assert result.exit_code == 2
    assert "none.csv" in result.stderr
    assert "Traceback" not in result.output
