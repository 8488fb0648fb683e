"""Instance files: the shipped ones load, and every kind of bad input names its field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from scheduler.instance import InstanceError, load_instance, parse_instance, parse_instance_text

INSTANCES = Path(__file__).parents[2] / "instances"


def _default_data() -> dict[str, Any]:
    data = yaml.safe_load((INSTANCES / "four-agents.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _problems(data: Any) -> list[str]:
    with pytest.raises(InstanceError) as caught:
        parse_instance(data, "test.yaml")
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize("name", ["four-agents.yaml", "four-agents-policy-literal.yaml"])
def test_shipped_instances_load(name: str) -> None:
    instance = load_instance(INSTANCES / name)
    assert [agent.id for agent in instance.team.agents] == ["a1", "a2", "a3", "a4"]
    assert instance.horizon.days == 21 and instance.horizon.cyclic
    assert instance.team.timezone == "Asia/Shanghai"


def test_literal_instance_keeps_the_policy_c_shift_and_service_window() -> None:
    instance = load_instance(INSTANCES / "four-agents-policy-literal.yaml")
    on_call = instance.shift_type("C")
    assert (on_call.start, on_call.end) == (20 * 60, 22 * 60)
    assert [(w.start, w.end) for w in instance.service_windows] == [(9 * 60, 24 * 60)]


def test_unknown_shift_in_coverage_names_the_field_and_the_known_shifts() -> None:
    data = _default_data()
    data["coverage"][1]["shift"] = "X"
    assert _problems(data) == ["coverage[1].shift: unknown shift type 'X'; defined: A, B, C"]


def test_end_equal_to_start_is_rejected() -> None:
    data = _default_data()
    data["shift_types"][0]["end"] = "09:00"
    (problem,) = _problems(data)
    assert problem.startswith("shift_types[0]: end must differ from start")


def test_start_of_24_00_is_rejected_but_end_of_24_00_is_valid() -> None:
    data = _default_data()
    data["shift_types"][2]["start"] = "24:00"
    (problem,) = _problems(data)
    assert problem.startswith("shift_types[2].start: time '24:00' is outside 00:00-23:59")


def test_negative_rest_is_rejected() -> None:
    data = _default_data()
    data["rules"]["min_rest"]["hours"] = -1
    (problem,) = _problems(data)
    assert problem.startswith("rules.min_rest.hours: Input should be greater than or equal to 0")


def test_date_outside_the_horizon_is_rejected() -> None:
    data = _default_data()
    data["rules"]["fixed_assignments"] = [{"agent": "a1", "date": "2027-01-04", "shift": "A"}]
    assert _problems(data) == [
        "rules.fixed_assignments[0].date: date 2027-01-04 is outside the horizon 2026-11-30 .. 2026-12-20"
    ]


def test_agent_id_used_twice_is_rejected() -> None:
    data = _default_data()
    data["team"]["agents"][2]["id"] = "a1"
    assert _problems(data) == ["team.agents[2].id: agent id 'a1' is used twice (first at index 0)"]


def test_horizon_must_start_on_a_monday() -> None:
    data = _default_data()
    data["horizon"]["start"] = "2026-12-01"
    (problem,) = _problems(data)
    assert problem == "horizon.start: 2026-12-01 is a Tuesday, not a Monday"


def test_unknown_time_zone_and_misspelt_field_are_both_reported() -> None:
    data = _default_data()
    data["team"]["timezone"] = "Asia/Atlantis"
    data["rules"]["min_rset"] = {"hours": 11}
    problems = _problems(data)
    assert "team.timezone: unknown IANA time zone 'Asia/Atlantis'" in problems
    assert "rules.min_rset: Extra inputs are not permitted" in problems


def test_overlapping_same_day_pair_is_rejected() -> None:
    data = _default_data()
    data["rules"]["allowed_same_day"] = [["A", "B"]]
    (problem,) = _problems(data)
    assert problem.startswith("rules.allowed_same_day[0]: shift types A and B overlap in time")


def test_yaml_syntax_error_names_the_line() -> None:
    with pytest.raises(InstanceError) as caught:
        parse_instance_text("team: {timezone: UTC\nshift_types: [", "broken.yaml")
    (problem,) = caught.value.problems
    assert "YAML syntax error at line" in str(problem)
    assert caught.value.describe().startswith("broken.yaml is not a valid instance (1 problem(s)):")


def test_a_file_that_is_not_a_mapping_is_rejected() -> None:
    assert _problems(["a", "list"]) == [
        "(file): the file must hold a mapping of fields (team, shift_types, horizon, ...), got list"
    ]


def test_missing_file_is_an_instance_error(tmp_path: Path) -> None:
    with pytest.raises(InstanceError, match="cannot read"):
        load_instance(tmp_path / "nowhere.yaml")


def test_chinese_header_comes_from_the_catalogue() -> None:
    with pytest.raises(InstanceError) as caught:
        parse_instance({"team": {}}, "x.yaml")
    assert caught.value.describe("zh").startswith("x.yaml 不是有效的排班实例")


def test_unquoted_on_and_off_are_taken_as_meant() -> None:
    # YAML 1.1 turns a bare on/off into true/false.
    source = (
        (INSTANCES / "four-agents.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "  fairness:",
            "  requests:\n"
            "    - {agent: a1, date: 2026-12-01, want: off}\n"
            "    - {agent: a2, date: 2026-12-01, shift: C, want: on}\n"
            "  fairness:",
        )
    )
    requests = parse_instance_text(source).rules.requests
    assert [request.want.value for request in requests] == ["off", "on"]


def test_unquoted_time_is_shown_as_written_in_errors() -> None:
    source = (INSTANCES / "four-agents.yaml").read_text(encoding="utf-8")
    source = source.replace('start: "20:00", end: "24:00"', 'start: 25:00, end: "24:00"')
    with pytest.raises(InstanceError) as caught:
        parse_instance_text(source)
    assert [str(p) for p in caught.value.problems] == [
        "shift_types[2].start: time '25:00' is outside 00:00-23:59"
    ]


def test_coverage_with_both_weekdays_and_dates_is_rejected() -> None:
    data = _default_data()
    data["coverage"].append({"shift": "A", "weekdays": ["sat"], "dates": ["2026-12-05"], "min": 2})
    (problem,) = _problems(data)
    assert problem.startswith("coverage[3]: give weekdays or dates, not both")


def test_two_pins_on_one_day_need_an_allowed_pair() -> None:
    data = _default_data()
    data["rules"]["fixed_assignments"] = [
        {"agent": "a1", "date": "2026-12-01", "shift": "A"},
        {"agent": "a1", "date": "2026-12-01", "shift": "C"},
    ]
    (problem,) = _problems(data)
    assert problem.startswith("rules.fixed_assignments[1]: a1 on 2026-12-01 is already pinned")
    data["rules"]["allowed_same_day"] = [["A", "C"]]
    assert parse_instance(data).rules.fixed_assignments[1].shift == "C"


def test_empty_service_window_is_rejected() -> None:
    data = _default_data()
    data["service_windows"] = [{"start": "09:00", "end": "09:00"}]
    (problem,) = _problems(data)
    assert problem == "service_windows[0]: end must differ from start"


def test_cross_field_problems_are_translated() -> None:
    data = _default_data()
    data["coverage"][0]["shift"] = "X"
    with pytest.raises(InstanceError) as caught:
        parse_instance(data, "x.yaml")
    assert "coverage[0].shift: 未定义的班次 'X'；已定义：A, B, C" in caught.value.describe("zh")


def test_round_the_clock_service_window_is_valid() -> None:
    data = _default_data()
    data["service_windows"] = [{"start": "00:00", "end": "24:00"}]
    assert parse_instance(data).service_windows[0].end == 24 * 60
