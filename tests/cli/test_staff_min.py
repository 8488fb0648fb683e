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


# With a call forecast: the fewest agents that meet its service level.

DEMAND_ARGS = ("--time-limit", "2", "--workers", "1")


@pytest.fixture(scope="session")
def demand_example(four_agents: Path) -> Path:
    return four_agents.parent / "demand-example" / "four-agents-demand.yaml"


@pytest.fixture(scope="session")
def profile(demand_example: Path) -> Path:
    return demand_example.parent / "four-agents-profile.csv"


def _invoke_demand(runner: CliRunner, app: typer.Typer, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["staff-min", *args, *DEMAND_ARGS])
    # Every refusal is a message, never a traceback.
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


def test_demand_table_shows_the_service_level_of_each_roster(
    runner: CliRunner, app: typer.Typer, demand_example: Path
) -> None:
    code, output, _ = _invoke_demand(runner, app, str(demand_example), "--max", "4", "--lang", "en")
    assert code == ExitCode.OK
    assert "Service level" in output
    # 4 agents, a roster, and its calls-weighted service level above the 80 % target.
    row = next(line.split() for line in output.splitlines() if line.split()[:1] == ["4"])
    percent = float(row[row.index("%") - 1])
    assert 80 <= percent <= 100
    target = text("staffing.target.sl", "en", percent="80", seconds="20")
    assert text("staffing.demand_found", "en", minimum=4, current=4, target=target) in output
    bound = text("staffing.demand_bound", "en", agents=4, needed="8,400", most="2,400")
    assert bound in output


def test_demand_profile_for_an_instance_without_one(
    runner: CliRunner,
    app: typer.Typer,
    four_agents: Path,
    profile: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The profile path is taken from the current folder, not the instance's.
    monkeypatch.chdir(profile.parent)
    args = ["--aht", "240", "--target-sl", "0.8", "--answer-within", "20"]
    code, output, _ = _invoke_demand(
        runner, app, str(four_agents), "--demand", profile.name, *args, "--max", "4", "--json"
    )
    assert code == ExitCode.OK
    data = json.loads(output)
    assert data["minimum"] == 4
    assert data["target"]["target_sl"] == 0.8
    assert data["lower_bound"]["agents"] == 4
    service = data["rows"][0]["service"]
    assert service["intervals_short"] == 0
    assert service["intervals_meeting_target"] == service["intervals"] == 630
    assert service["service_level"] >= 0.8


def test_doubled_calls_given_with_demand_need_more_agents(
    runner: CliRunner,
    app: typer.Typer,
    demand_example: Path,
    profile: Path,
    write_file: Callable[[str, str], Path],
) -> None:
    lines = profile.read_text(encoding="utf-8").splitlines()
    doubled = [lines[0]]
    for line in lines[1:]:
        weekday, start, calls = line.split(",")
        doubled.append(f"{weekday},{start},{2 * float(calls)}")
    path = write_file("doubled.csv", "\n".join(doubled) + "\n")
    # The bound says five; six is proven too few (see tests/explain/test_staffing.py).
    code, output, _ = _invoke_demand(
        runner, app, str(demand_example), "--demand", str(path), "--max", "6", "--lang", "en"
    )
    assert code == ExitCode.INFEASIBLE
    target = text("staffing.target.sl", "en", percent="80", seconds="20")
    assert text("staffing.demand_infeasible", "en", max=6, target=target) in output
    assert text("staffing.demand_bound_skipped", "en", agents=5) in output
    assert "doubled.csv" in output


def test_demand_without_aht_exits_2_naming_aht(
    runner: CliRunner, app: typer.Typer, four_agents: Path, profile: Path
) -> None:
    code, output, errors = _invoke_demand(
        runner,
        app,
        str(four_agents),
        "--demand",
        str(profile),
        "--target-sl",
        "0.8",
        "--answer-within",
        "20",
        "--lang",
        "en",
    )
    assert code == ExitCode.INVALID_INPUT
    assert output == ""
    assert text("staffing.demand_needs_aht", "en") in errors


def test_demand_without_a_target_exits_2_naming_the_options(
    runner: CliRunner, app: typer.Typer, four_agents: Path, profile: Path
) -> None:
    args = [str(four_agents), "--demand", str(profile), "--aht", "240", "--lang", "en"]
    code, _, errors = _invoke_demand(runner, app, *args)
    assert code == ExitCode.INVALID_INPUT
    assert "--target-sl and --answer-within are needed" in errors
    code, _, errors = _invoke_demand(runner, app, *args, "--target-sl", "0.8")
    assert code == ExitCode.INVALID_INPUT
    pair = text("staffing.demand_target_pair", "en", missing="--answer-within", given="--target-sl")
    assert pair in errors


def test_a_target_without_a_forecast_exits_2(
    runner: CliRunner, app: typer.Typer, four_agents: Path
) -> None:
    code, _, errors = _invoke_demand(runner, app, str(four_agents), "--aht", "240", "--lang", "en")
    assert code == ExitCode.INVALID_INPUT
    assert text("staffing.demand_option_without_profile", "en", option="--aht") in errors


def test_a_bad_profile_exits_2_naming_the_line(
    runner: CliRunner,
    app: typer.Typer,
    demand_example: Path,
    write_file: Callable[[str, str], Path],
) -> None:
    path = write_file("bad.csv", "weekday,interval_start,calls\nmon,09:00,1\nmon,09:30,many\n")
    code, output, errors = _invoke_demand(
        runner, app, str(demand_example), "--demand", str(path), "--lang", "en"
    )
    assert code == ExitCode.INVALID_INPUT
    assert output == ""
    errors = " ".join(errors.split())
    assert "demand.profile" in errors
    assert "line 3, column calls" in errors
    assert "--demand" in errors


def test_a_target_out_of_range_exits_2_naming_field_and_option(
    runner: CliRunner, app: typer.Typer, demand_example: Path
) -> None:
    code, output, errors = _invoke_demand(
        runner, app, str(demand_example), "--target-sl", "1.5", "--lang", "en"
    )
    assert code == ExitCode.INVALID_INPUT
    assert output == ""
    assert "demand.target_sl" in errors
    option = text(
        "staffing.demand_option_sets", "en", option="--target-sl", field="demand.target_sl"
    )
    assert option in errors
