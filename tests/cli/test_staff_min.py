"""``roster staff-min``: the head-count table, its sentence, ``--json`` and the exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
import yaml
from typer.testing import CliRunner

from cli.exit_codes import ExitCode
from cli.staffing import staff_min_command
from scheduler.messages import text

TIME_LIMIT = "5"


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    # Registered on a local app: the tests do not depend on cli.app's wiring.
    app = typer.Typer()
    app.command("staff-min")(staff_min_command)
    app.command("unused")(lambda: None)  # two commands, so the command name is required
    return app


@pytest.fixture
def two_days_off(four_agents: Path, write_file: Callable[[str, str], Path]) -> Path:
    """The default instance with two days off a week, hard: five agents needed."""
    data = yaml.safe_load(four_agents.read_text(encoding="utf-8"))
    data["rules"]["days_off_per_week"] = {"min": 2}
    return write_file("two-days-off.yaml", yaml.safe_dump(data, allow_unicode=True))


def _invoke(runner: CliRunner, app: typer.Typer, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["staff-min", *args, "--time-limit", TIME_LIMIT])
    return result.exit_code, result.stdout, result.stderr


def test_table_shows_where_the_rules_start_to_hold(
    runner: CliRunner, app: typer.Typer, two_days_off: Path
) -> None:
    code, output, _ = _invoke(runner, app, str(two_days_off), "--lang", "en")
    assert code == ExitCode.OK
    assert "Main penalties" in output
    assert "infeasible" in output
    assert text("staffing.found", "en", minimum=5, current=4) in output
    lines = [line.split() for line in output.splitlines()]
    counts = [words[0] for words in lines if words and words[0] in {"4", "5", "6", "7"}]
    assert counts == ["4", "5", "6", "7"]
    # Rule labels, not keys, with their costs.
    assert "fairness." not in output


def test_chinese_sentence(runner: CliRunner, app: typer.Typer, two_days_off: Path) -> None:
    code, output, _ = _invoke(runner, app, str(two_days_off), "--max", "5")
    assert code == ExitCode.OK
    assert text("staffing.found", "zh", minimum=5, current=4) in output


def test_json_parses(runner: CliRunner, app: typer.Typer, two_days_off: Path) -> None:
    code, output, _ = _invoke(runner, app, str(two_days_off), "--json", "--max", "6")
    assert code == ExitCode.OK
    data = json.loads(output)
    assert data["minimum"] == 5
    assert [row["agents"] for row in data["rows"]] == [4, 5, 6]
    assert data["rows"][0]["status"] == "INFEASIBLE"
    assert data["rows"][1]["status"] in ("OPTIMAL", "FEASIBLE")


def test_default_instance_minimum_is_its_own_four(
    runner: CliRunner, app: typer.Typer, four_agents: Path
) -> None:
    code, output, _ = _invoke(runner, app, str(four_agents), "--json", "--max", "4")
    assert code == ExitCode.OK
    assert json.loads(output)["minimum"] == 4


def test_infeasible_up_to_max_exits_3(
    runner: CliRunner, app: typer.Typer, two_days_off: Path
) -> None:
    code, output, _ = _invoke(runner, app, str(two_days_off), "--max", "4", "--lang", "en")
    assert code == ExitCode.INFEASIBLE
    assert text("staffing.infeasible", "en", max=4) in output


def test_undecided_exits_4(runner: CliRunner, app: typer.Typer, two_days_off: Path) -> None:
    args = ["staff-min", str(two_days_off), "--time-limit", "0", "--lang", "en"]
    result = runner.invoke(app, args)
    assert result.exit_code == ExitCode.NO_ROSTER
    assert text("staffing.undecided", "en", limit="0", agents=4) in result.stdout


def test_unknown_template_agent_exits_2_naming_the_known_ones(
    runner: CliRunner, app: typer.Typer, four_agents: Path
) -> None:
    code, output, errors = _invoke(
        runner, app, str(four_agents), "--template-agent", "nobody", "--lang", "en"
    )
    assert code == ExitCode.INVALID_INPUT
    assert output == ""
    message = text("staffing.unknown_template", "en", agent="nobody", known="a1, a2, a3, a4")
    assert message in " ".join(errors.split())


def test_max_below_team_exits_2(runner: CliRunner, app: typer.Typer, four_agents: Path) -> None:
    code, _, errors = _invoke(runner, app, str(four_agents), "--max", "3", "--lang", "en")
    assert code == ExitCode.INVALID_INPUT
    assert "--max 3" in errors


def test_bad_instance_file_exits_2(
    runner: CliRunner, app: typer.Typer, write_file: Callable[[str, str], Path]
) -> None:
    code, output, errors = _invoke(runner, app, str(write_file("bad.yaml", "team: [")))
    assert code == ExitCode.INVALID_INPUT
    assert output == ""
    assert errors
