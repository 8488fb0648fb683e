"""The ``demand:`` section: a call forecast becomes interval coverage on loading."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from scheduler.check import check
from scheduler.demand import read_profile, required_by_interval
from scheduler.instance import (
    InstanceError,
    format_path,
    load_instance,
    parse_instance,
    with_demand,
)
from scheduler.instance.clock import parse_clock
from scheduler.result import Status
from scheduler.solve import solve

EXAMPLES = Path(__file__).parents[2] / "instances" / "demand-example"
FOUR = EXAMPLES / "four-agents-demand.yaml"
LARGE = EXAMPLES / "large-centre.yaml"


@pytest.mark.parametrize(
    ("path", "profile", "aht_s", "per_day"),
    [
        (FOUR, "four-agents-profile.csv", 240, 30),
        (LARGE, "large-centre-profile.csv", 300, 64),
    ],
)
def test_example_expands_to_one_entry_per_weekday_and_interval(
    path: Path, profile: str, aht_s: float, per_day: int
) -> None:
    instance = load_instance(path)
    assert instance.demand is not None and instance.demand_expanded
    assert len(instance.interval_coverage) == 7 * per_day

    staffed = required_by_interval(
        read_profile(EXAMPLES / profile), aht_s=aht_s, target_sl=0.8, answer_within_s=20
    )
    assert len(staffed) == len(instance.interval_coverage)
    by_slot = {
        (entry.weekdays[0].value, entry.start): entry for entry in instance.interval_coverage
    }
    for row in staffed[:: max(1, len(staffed) // 11)]:
        entry = by_slot[(row.weekday, row.start.hour * 60 + row.start.minute)]
        assert entry.preferred == row.staffing.agents_on_phone  # on the phone, no shrinkage
        assert entry.min == 0
        assert entry.under_weight == instance.demand.under_weight


def test_four_agent_profile_needs_one_or_two_agents() -> None:
    instance = load_instance(FOUR)
    counts = {entry.preferred for entry in instance.interval_coverage}
    assert counts == {1, 2}
    monday_lunch = [
        e for e in instance.interval_coverage if e.weekdays[0] == "mon" and e.start == 13 * 60
    ]
    assert monday_lunch[0].preferred == 2


def _copy_example(tmp_path: Path, **demand: object) -> Path:
    data = yaml.safe_load(FOUR.read_text(encoding="utf-8"))
    data["demand"].update(demand)
    shutil.copy(EXAMPLES / "four-agents-profile.csv", tmp_path / "four-agents-profile.csv")
    target = tmp_path / "instance.yaml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target


def test_hard_demand_sets_min_and_shrinkage_is_not_added(tmp_path: Path) -> None:
    instance = load_instance(_copy_example(tmp_path, hard=True, shrinkage=0.3))
    soft = load_instance(FOUR)
    assert [e.min for e in instance.interval_coverage] == [
        e.preferred for e in soft.interval_coverage
    ]
    assert all(e.preferred is None for e in instance.interval_coverage)


def test_bad_csv_row_is_reported_under_demand_profile(tmp_path: Path) -> None:
    path = _copy_example(tmp_path)
    csv = tmp_path / "four-agents-profile.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    lines[4] = "mon,10:30,lots"
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InstanceError) as caught:
        load_instance(path)
    [problem] = caught.value.problems
    assert format_path(problem.path) == "demand.profile"
    assert dict(problem.values)["line"] == 5
    assert "line 5" in str(problem) and "calls" in str(problem)


def test_missing_profile_is_reported_under_demand_profile(tmp_path: Path) -> None:
    path = _copy_example(tmp_path, profile="nowhere.csv")
    with pytest.raises(InstanceError) as caught:
        load_instance(path)
    assert [format_path(p.path) for p in caught.value.problems] == ["demand.profile"]


def test_demand_needs_a_target() -> None:
    data = yaml.safe_load(FOUR.read_text(encoding="utf-8"))
    del data["demand"]["target_sl"]
    with pytest.raises(InstanceError) as caught:
        parse_instance(data, base_dir=EXAMPLES)
    assert format_path(caught.value.problems[0].path) == "demand"


def test_parse_instance_reads_no_file_without_base_dir() -> None:
    data = yaml.safe_load(FOUR.read_text(encoding="utf-8"))
    with pytest.raises(InstanceError) as caught:
        parse_instance(data)
    assert format_path(caught.value.problems[0].path) == "demand.profile"
    assert len(parse_instance(data, base_dir=EXAMPLES).interval_coverage) == 210


def test_loaded_instance_round_trips_without_expanding_twice() -> None:
    instance = load_instance(FOUR)
    again = parse_instance(instance.model_dump(mode="json"))
    assert again == instance


def test_interval_entries_are_on_the_profile_grid() -> None:
    instance = load_instance(LARGE)
    assert {e.interval_minutes for e in instance.interval_coverage} == {15}
    assert min(e.start for e in instance.interval_coverage) == parse_clock(
        "07:00", allow_midnight_end=False
    )
    assert max(e.end for e in instance.interval_coverage) == 23 * 60


def test_four_agent_demand_roster_passes_the_checker() -> None:
    instance = load_instance(FOUR)
    result = solve(instance, time_limit=20, workers=2, seed=0)
    assert result.status in (Status.OPTIMAL, Status.FEASIBLE)
    report = check(instance, result.assignments)
    assert report.violations == ()
    assert report.cost_by_rule() == result.cost_by_rule()
    assert report.objective == result.objective


def test_entries_keep_their_forecast_and_scale_multiplies_calls() -> None:
    base = load_instance(FOUR)
    assert all(entry.forecast is not None for entry in base.interval_coverage)
    monday_lunch = next(
        e for e in base.interval_coverage if e.weekdays[0] == "mon" and e.start == 780
    )
    assert monday_lunch.forecast is not None and monday_lunch.forecast.aht_s == 240

    assert base.demand is not None
    doubled = with_demand(base, base.demand.model_copy(update={"scale": 2.0}), EXAMPLES)
    assert len(doubled.interval_coverage) == len(base.interval_coverage)  # replaced, not added
    for before, after in zip(base.interval_coverage, doubled.interval_coverage, strict=True):
        assert before.forecast is not None and after.forecast is not None
        assert after.forecast.calls == pytest.approx(2 * before.forecast.calls)
        assert (after.preferred or 0) >= (before.preferred or 0)
    assert sum(e.preferred or 0 for e in doubled.interval_coverage) > sum(
        e.preferred or 0 for e in base.interval_coverage
    )


def test_aht_everywhere_overrides_the_profile_column() -> None:
    base = load_instance(LARGE)
    assert base.demand is not None
    assert len({e.forecast.aht_s for e in base.interval_coverage if e.forecast}) > 1
    longer = with_demand(
        base, base.demand.model_copy(update={"aht_s": 420.0, "aht_everywhere": True}), EXAMPLES
    )
    assert {e.forecast.aht_s for e in longer.interval_coverage if e.forecast} == {420.0}


def test_with_demand_keeps_hand_written_intervals_and_names_bad_fields() -> None:
    base = load_instance(FOUR)
    assert base.demand is not None
    data = base.model_dump(mode="json")
    data["interval_coverage"].append(
        {"weekdays": ["sun"], "start": "08:00", "end": "09:00", "preferred": 1}
    )
    mixed = parse_instance(data)
    hand_written = [e for e in mixed.interval_coverage if e.forecast is None]
    assert len(hand_written) == 1
    again = with_demand(mixed, mixed.demand.model_copy(update={"scale": 0.5}), EXAMPLES)  # type: ignore[union-attr]
    assert [e for e in again.interval_coverage if e.forecast is None] == hand_written

    with pytest.raises(InstanceError) as caught:
        with_demand(base, base.demand.model_copy(update={"target_sl": 1.5}), EXAMPLES)
    assert [format_path(p.path) for p in caught.value.problems] == ["demand.target_sl"]
    with pytest.raises(InstanceError) as caught:
        with_demand(
            base, base.demand.model_copy(update={"aht_everywhere": True, "aht_s": None}), EXAMPLES
        )
    assert "aht_everywhere needs aht_s" in str(caught.value)


def test_a_forecast_belongs_to_one_interval() -> None:
    data = yaml.safe_load(FOUR.read_text(encoding="utf-8"))
    del data["demand"]
    data["interval_coverage"] = [
        {"start": "09:00", "end": "10:00", "preferred": 1, "forecast": {"calls": 3, "aht_s": 200}}
    ]
    with pytest.raises(InstanceError, match="one interval long"):
        parse_instance(data)
