"""What-if scenarios: grid expansion, local and Dask execution, outputs, bad files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app
from scheduler.instance import load_instance
from scheduler.result import Status
from scheduler.scenarios import (
    Case,
    CaseResult,
    ScenarioError,
    expand,
    load_scenario,
    parse_scenario,
    run_all,
    write_plots,
    write_tables,
)
from scheduler.scenarios.plots import file_stem

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "instances" / "scenarios" / "four-agents-headcount.yaml"
BASE = ROOT / "instances" / "four-agents-two-days-off.yaml"
DEMAND_BASE = ROOT / "instances" / "demand-example" / "four-agents-demand.yaml"


def statuses(results: list[CaseResult]) -> dict[str, Status]:
    return {result.label: result.status for result in results}


@pytest.fixture(scope="module")
def local_results() -> list[CaseResult]:
    return run_all(expand(load_scenario(SHIPPED)), workers=2)


def test_expand_is_the_cartesian_product_with_readable_labels() -> None:
    cases = expand(load_scenario(SHIPPED))
    assert len(cases) == 6
    assert cases[0].label == "agents=4,days_off_min=1"
    assert [len(case.instance.team.agents) for case in cases] == [4, 4, 5, 5, 6, 6]
    days_off = cases[1].instance.rules.days_off_per_week
    assert days_off is not None and days_off.min == 2
    assert cases[0].time_limit == 5


def test_expand_other_parameters_and_fewer_agents() -> None:
    scenario = parse_scenario(
        {
            "base": str(BASE),
            "grid": {
                "agents": [3, 4],
                "allowed_same_day": [[], [["A", "C"]]],
                "min_rest_hours": [11, 12],
            },
        }
    )
    cases = expand(scenario)
    assert len(cases) == 8
    assert cases[3].label == "agents=3,allowed_same_day=[[A,C]],min_rest_hours=12"
    assert len(cases[0].instance.team.agents) == 3
    assert cases[3].instance.rules.allowed_same_day == [("A", "C")]
    rest = cases[3].instance.rules.min_rest
    assert rest is not None and rest.hours == 12


def test_demand_keys_without_a_demand_section_are_refused_by_name() -> None:
    scenario = parse_scenario({"base": str(BASE), "grid": {"agents": 5, "demand_scale": [1, 2]}})
    with pytest.raises(ScenarioError) as caught:
        expand(scenario, load_instance(BASE))
    assert caught.value.problems == (
        "grid.demand_scale: the base instance has no demand: section to change",
    )


def _wanted(case: Case) -> int:
    """Agent-intervals the case's forecast asks for in one week."""
    return sum(entry.preferred or 0 for entry in case.instance.interval_coverage if entry.forecast)


def test_demand_keys_change_the_forecast_and_the_head_count_it_needs() -> None:
    scenario = parse_scenario(
        {
            "base": str(DEMAND_BASE),
            "grid": {"demand_scale": [1, 2], "aht_s": [240, 480], "target_sl": [0.8, 0.95]},
        }
    )
    cases = {case.label: case for case in expand(scenario)}
    assert len(cases) == 8
    base = cases["demand_scale=1,aht_s=240,target_sl=0.8"]
    assert _wanted(base) == _wanted_in_file()
    for key in ("demand_scale=2,aht_s=240,target_sl=0.8", "demand_scale=1,aht_s=480,target_sl=0.8",
                "demand_scale=1,aht_s=240,target_sl=0.95"):  # fmt: skip
        assert _wanted(cases[key]) > _wanted(base), key
    doubled = cases["demand_scale=2,aht_s=480,target_sl=0.95"].instance
    assert doubled.demand is not None and doubled.demand.target_sl == 0.95
    calls = [e.forecast.calls for e in doubled.interval_coverage if e.forecast]
    base_calls = [e.forecast.calls for e in base.instance.interval_coverage if e.forecast]
    assert calls == [2 * c for c in base_calls]
    assert {e.forecast.aht_s for e in doubled.interval_coverage if e.forecast} == {480}


def _wanted_in_file() -> int:
    instance = load_instance(DEMAND_BASE)
    return sum(entry.preferred or 0 for entry in instance.interval_coverage)


def test_demand_grid_reports_service_level_and_draws_coverage(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    scenario = parse_scenario(
        {"base": str(DEMAND_BASE), "time_limit": 2, "grid": {"agents": [2, 4]}}
    )
    results = run_all(expand(scenario), workers=2)
    two, four = results
    assert two.service is not None and four.service is not None
    assert two.service_level is not None and four.service_level is not None
    # Two agents cannot staff 09:00-24:00 every day: intervals go short and calls wait.
    assert two.service["intervals_short"] > four.service["intervals_short"]
    assert two.service_level < four.service_level
    assert len(four.cells) == 21 * 30
    assert sum(1 for c in four.cells if c.scheduled < c.wanted) == four.service["intervals_short"]

    write_tables(results, tmp_path)
    plots, skipped = write_plots(results, tmp_path)
    names = sorted(str(path.relative_to(tmp_path)) for path in plots)
    assert names == ["coverage/agents-2.png", "coverage/agents-4.png", "headcount.png"]
    assert skipped == ["scenarios.skipped.heatmap"]
    with (tmp_path / "results.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [float(row["service_level_pct"]) for row in rows] == [
        round(100 * level, 1) for level in (two.service_level, four.service_level)
    ]


def test_case_labels_make_safe_file_names() -> None:
    assert file_stem("agents=5,allowed_same_day=[[A,C]]") == "agents-5_allowed_same_day-A_C"
    assert file_stem("agents=5,demand_scale=1.2") == "agents-5_demand_scale-1.2"


def test_local_pool_finds_the_minimum_head_count(local_results: list[CaseResult]) -> None:
    by_label = statuses(local_results)
    assert len(by_label) == 6
    assert by_label["agents=4,days_off_min=2"] is Status.INFEASIBLE
    five = next(r for r in local_results if r.label == "agents=5,days_off_min=2")
    assert five.status.has_roster and five.objective is not None
    assert five.agents == 5 and five.shortfall == 0


def test_dask_local_cluster_gives_the_same_statuses(local_results: list[CaseResult]) -> None:
    distributed = pytest.importorskip("distributed")
    seen: list[int] = []
    with distributed.LocalCluster(processes=False, n_workers=1, dashboard_address=None) as cluster:
        results = run_all(
            expand(load_scenario(SHIPPED)),
            dask_scheduler=cluster,
            progress=lambda done, total, result: seen.append(done),
        )
    assert statuses(results) == statuses(local_results)
    assert [r.objective for r in results] == [r.objective for r in local_results]
    assert [r.label for r in results] == [r.label for r in local_results]
    assert sorted(seen) == [1, 2, 3, 4, 5, 6]


def test_outputs_have_one_row_per_case(local_results: list[CaseResult], tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    files = write_tables(local_results, tmp_path)
    plots, skipped = write_plots(local_results, tmp_path)
    with (tmp_path / "results.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 6
    assert {row["status"] for row in rows} == {"OPTIMAL", "INFEASIBLE"}
    markdown = (tmp_path / "results.md").read_text(encoding="utf-8").splitlines()
    assert len(markdown) == 2 + 6
    assert {path.name for path in plots} == {"headcount.png", "heatmap.png"}
    for path in [*files, *plots]:
        assert path.stat().st_size > 0
    assert skipped == ["scenarios.skipped.coverage"]


def test_bad_scenario_file_names_the_field_path(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        f"base: {BASE}\ngrid:\n  agents: [5]\n  days_off_min: [two]\n  head_count: [3]\n",
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    message = str(caught.value)
    assert "grid.days_off_min[0]" in message
    assert "grid.head_count" in message


def test_cli_runs_a_scenario_and_reports_bad_files(tmp_path: Path) -> None:
    runner = CliRunner(env={"COLUMNS": "160"})
    scenario = tmp_path / "small.yaml"
    scenario.write_text(f"base: {BASE}\ntime_limit: 5\ngrid:\n  agents: [4, 5]\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["scenarios", "run", str(scenario), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "INFEASIBLE" in result.output and "OPTIMAL" in result.output
    assert (out / "results.csv").exists() and (out / "results.md").exists()

    scenario.write_text("base: missing.yaml\ngrid: {agents: [0]}\n", encoding="utf-8")
    result = runner.invoke(app, ["scenarios", "run", str(scenario), "--out", str(out)])
    assert result.exit_code == 2
    assert "grid.agents" in result.output
