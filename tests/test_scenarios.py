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
    CaseResult,
    ScenarioError,
    expand,
    load_scenario,
    notes,
    parse_scenario,
    run_all,
    write_plots,
    write_tables,
)

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "instances" / "scenarios" / "four-agents-headcount.yaml"
BASE = ROOT / "instances" / "four-agents-two-days-off.yaml"


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


def test_demand_keys_without_demand_are_skipped_with_a_note() -> None:
    scenario = parse_scenario({"base": str(BASE), "grid": {"agents": 5, "demand_scale": [1, 2]}})
    base = load_instance(BASE)
    assert len(expand(scenario, base)) == 1
    assert any("demand_scale" in note for note in notes(scenario, base))


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
    assert any("demand" in note for note in skipped)


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
