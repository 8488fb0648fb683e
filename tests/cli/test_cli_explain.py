"""roster explain, and the explanations roster solve prints: gaps, conflicts, relaxations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app

INSTANCES = Path(__file__).resolve().parents[2] / "instances"
TWO_DAYS_OFF = INSTANCES / "four-agents-two-days-off.yaml"
LITERAL = INSTANCES / "four-agents-policy-literal.yaml"


@pytest.fixture(scope="module")
def two_days_off_json() -> dict[str, object]:
    result = CliRunner().invoke(app, ["explain", str(TWO_DAYS_OFF), "--json", "--lang", "en"])
    assert result.exit_code == 3, result.stdout
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def test_explain_json_names_the_conflict(two_days_off_json: dict[str, object]) -> None:
    assert two_days_off_json["feasible"] is False
    assert two_days_off_json["coverage_gaps"] == []
    conflict = two_days_off_json["conflict"]
    assert isinstance(conflict, list)
    assert {item["rule"] for item in conflict} == {
        "days_off_per_week.min",
        "coverage.min",
        "same_day",
    }
    assert "at least 2 days off in every week (all agents)" in [item["text"] for item in conflict]


def test_explain_json_relaxations_include_the_three_ways_out(
    two_days_off_json: dict[str, object],
) -> None:
    relaxations = two_days_off_json["relaxations"]
    assert isinstance(relaxations, list)
    by_change = {item["change"]: item for item in relaxations}
    for change in (
        "rules.days_off_per_week.min: 2 -> 1",  # one six-day week per week
        "rules.allowed_same_day: + [A, C]",  # A at the office, then C on call from home
        "team.agents: + extra1 (like a1)",  # a fifth agent
    ):
        assert by_change[change]["verified"] is True
        assert isinstance(by_change[change]["objective"], int)
    assert "one 6-day week per week" in by_change["rules.days_off_per_week.min: 2 -> 1"]["text"]
    # Ranked: verified first, then by the size of the change.
    sizes = [item["size"] for item in relaxations if item["verified"]]
    assert sizes == sorted(sizes)


def test_explain_literal_reports_the_late_evening_gap_and_tradeoffs(runner: CliRunner) -> None:
    result = runner.invoke(app, ["explain", str(LITERAL), "--json", "--time-limit", "3"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    gaps = data["coverage_gaps"]
    assert [(g["weekday"], g["start"], g["end"]) for g in gaps] == [
        (day, "22:00", "24:00") for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    ]
    assert data["feasible"] is True and data["conflict"] == []
    assert sum(p["cost"] for p in data["penalties"]) == data["objective"]


def test_solve_warns_about_gaps_before_the_grid(runner: CliRunner) -> None:
    result = runner.invoke(app, ["solve", str(LITERAL), "--time-limit", "2", "--lang", "en"])
    assert result.exit_code == 0
    warning = result.stdout.index("22:00-24:00")
    assert warning < result.stdout.index("Week 1")


def test_solve_explains_an_infeasible_roster_and_exits_3(runner: CliRunner) -> None:
    result = runner.invoke(app, ["solve", str(TWO_DAYS_OFF), "--lang", "en"])
    assert result.exit_code == 3
    flat = " ".join(result.stdout.split())
    assert "at least 2 days off in every week (all agents)" in flat
    assert "no A+C on the same day" in flat
    assert "add one agent with the same contract as a1" in flat


def test_explain_in_chinese(runner: CliRunner) -> None:
    result = runner.invoke(app, ["explain", str(TWO_DAYS_OFF), "--lang", "zh"])
    assert result.exit_code == 3
    assert "每人每周至少休息 2 天" in result.stdout


def test_staff_min_is_registered(runner: CliRunner) -> None:
    result = runner.invoke(app, ["staff-min", str(TWO_DAYS_OFF), "--json", "--time-limit", "5"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["minimum"] == 5
