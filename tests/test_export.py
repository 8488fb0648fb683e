"""File exports of a result: CSV rows, JSON instants with the zone's offset, workbook sheets."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from scheduler.export import result_from_json, roster_json, write_csv, write_json, write_xlsx
from scheduler.instance import parse_instance_text
from scheduler.problem import Problem, compile_problem
from scheduler.result import Assignment, Penalty, Result, Status

# Berlin leaves summer time in the night of Sunday 2026-10-25, so a night shift
# starting on Saturday begins at +02:00 and ends at +01:00.
INSTANCE = """
team:
  timezone: Europe/Berlin
  agents: [{id: ann, name: Ann}, {id: bob}]
shift_types:
  - {id: D, start: "09:00", end: "17:00"}
  - {id: N, start: "22:00", end: "06:00", location: home, on_call: true}
  - {id: E, start: "18:00", end: "24:00"}
horizon: {start: 2026-10-19, weeks: 1}
"""

SAT = dt.date(2026, 10, 24)
MON = dt.date(2026, 10, 19)


@pytest.fixture
def problem() -> Problem:
    return compile_problem(parse_instance_text(INSTANCE))


@pytest.fixture
def result(problem: Problem) -> Result:
    return Result(
        status=Status.FEASIBLE,
        objective=7,
        best_bound=5.0,
        wall_time_s=1.23456,
        assignments=(
            Assignment("bob", SAT, "N"),
            Assignment("ann", MON, "E"),
            Assignment("ann", SAT, "D"),
            Assignment("bob", MON, "D"),
        ),
        penalties=(
            Penalty("fairness.minutes", 4, 1),
            Penalty("min_rest", 1, 3, "ann", MON, "E"),
        ),
        agents=problem.agents,
        dates=problem.dates,
    )


def test_csv_rows_day_by_day(result: Result, tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    write_csv(result, path)
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    assert rows == [
        ["agent", "date", "shift"],
        ["bob", "2026-10-19", "D"],
        ["ann", "2026-10-19", "E"],
        ["ann", "2026-10-24", "D"],
        ["bob", "2026-10-24", "N"],
    ]


def test_json_instants_follow_the_zone(result: Result, problem: Problem) -> None:
    data = roster_json(result, problem)
    assert (data["status"], data["objective"], data["best_bound"]) == ("FEASIBLE", 7, 5.0)
    assert data["gap"] == pytest.approx(2 / 7)
    duties = {(d["agent"], d["date"], d["shift"]): d for d in data["assignments"]}
    night = duties["bob", "2026-10-24", "N"]
    assert night["start"] == "2026-10-24T22:00:00+02:00"
    assert night["end"] == "2026-10-25T06:00:00+01:00"  # the clocks went back overnight
    assert night["location"] == "home"
    evening = duties["ann", "2026-10-19", "E"]
    assert evening["end"] == "2026-10-20T00:00:00+02:00"  # 24:00 is midnight of the next day
    assert evening["location"] == "office"


def test_json_penalties_in_rule_order_with_cost(result: Result, problem: Problem) -> None:
    penalties = roster_json(result, problem)["penalties"]
    assert [p["rule"] for p in penalties] == ["min_rest", "fairness.minutes"]
    assert penalties[0] == {
        "rule": "min_rest",
        "agent": "ann",
        "date": "2026-10-19",
        "shift": "E",
        "interval": None,
        "amount": 1,
        "weight": 3,
        "cost": 3,
    }
    assert penalties[1]["agent"] is None and penalties[1]["date"] is None


def test_json_file_is_deterministic(result: Result, problem: Problem, tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    write_json(result, problem, first)
    write_json(result, problem, second)
    assert first.read_bytes() == second.read_bytes()
    assert json.loads(first.read_text(encoding="utf-8"))["wall_time_s"] == 1.235


def test_xlsx_sheets(result: Result, problem: Problem, tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    write_xlsx(result, problem, path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Roster", "Assignments", "Penalties"]
    grid = [[cell.value for cell in row] for row in workbook["Roster"].iter_rows()]
    assert grid[0][:3] == ["agent", "name", "2026-10-19"]
    assert grid[1][:3] == ["ann", "Ann", "E"]
    assert grid[2][:3] == ["bob", "bob", "D"]
    assert workbook["Assignments"].max_row == 5
    penalties = [[cell.value for cell in row] for row in workbook["Penalties"].iter_rows()]
    assert penalties[0] == [
        "rule", "label", "agent", "date", "interval", "shift", "amount", "weight", "cost",
    ]  # fmt: skip
    assert penalties[1][0] == "min_rest" and penalties[1][-1] == 3


def test_result_round_trips_through_json() -> None:
    from scheduler.export import result_from_json, roster_json
    from scheduler.instance import load_instance
    from scheduler.problem import compile_problem
    from scheduler.solve import solve

    instance = load_instance("instances/four-agents.yaml")
    problem = compile_problem(instance)
    result = solve(instance, time_limit=30)
    again = result_from_json(roster_json(result, problem), problem)
    assert sorted(again.assignments) == sorted(result.assignments)
    assert again.cost_by_rule() == result.cost_by_rule()
    assert (again.status, again.objective) == (result.status, result.objective)


def _with_intervals(result: Result) -> Result:
    # Two penalties of one rule on one day: only the interval tells them apart.
    under = [
        Penalty("interval_coverage.under", 1, 50, date=MON, interval=interval)
        for interval in ("12:30-13:00", "12:00-12:30")
    ]
    return dataclasses.replace(result, penalties=(*result.penalties, *under))


def test_interval_penalties_round_trip_through_json(result: Result, problem: Problem) -> None:
    result = _with_intervals(result)
    data = json.loads(json.dumps(roster_json(result, problem)))
    assert [(p["rule"], p["date"], p["interval"]) for p in data["penalties"][:2]] == [
        ("interval_coverage.under", "2026-10-19", "12:00-12:30"),
        ("interval_coverage.under", "2026-10-19", "12:30-13:00"),
    ]
    again = result_from_json(data, problem)
    assert Counter(again.penalties) == Counter(result.penalties)


def test_json_written_before_intervals_still_loads(result: Result, problem: Problem) -> None:
    data = roster_json(_with_intervals(result), problem)
    for penalty in data["penalties"]:
        del penalty["interval"]
    again = result_from_json(data, problem)
    assert [p.interval for p in again.penalties] == [None] * 4
    assert again.cost_by_rule() == {
        "interval_coverage.under": 100,
        "min_rest": 3,
        "fairness.minutes": 4,
    }


def test_xlsx_penalties_show_the_interval(result: Result, problem: Problem, tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    write_xlsx(_with_intervals(result), problem, path)
    rows = [
        [cell.value for cell in row]
        for row in openpyxl.load_workbook(path)["Penalties"].iter_rows()
    ]
    column = rows[0].index("interval")
    assert [row[column] for row in rows[1:]] == ["12:00-12:30", "12:30-13:00", None, None]
