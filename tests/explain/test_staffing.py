"""The minimum head count: copies of an agent added one at a time until the hard rules hold."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from scheduler.check import check
from scheduler.explain.staffing import (
    HeadcountReport,
    Outcome,
    UnknownAgentError,
    headcount_table,
    with_extra_agents,
)
from scheduler.instance import Instance, load_instance
from scheduler.instance.models import AgentLimits
from scheduler.instance.rules import DaysOffPerWeek, FixedAssignment, ShiftRequest, Want
from scheduler.result import Status

INSTANCES = Path(__file__).parents[2] / "instances"
TIME_LIMIT = 5.0


@pytest.fixture(scope="module")
def default_instance() -> Instance:
    return load_instance(INSTANCES / "four-agents.yaml")


@pytest.fixture(scope="module")
def two_days_off(default_instance: Instance) -> Instance:
    """The default with two days off a week, hard: 21 duties a week need five agents."""
    rules = default_instance.rules.model_copy(update={"days_off_per_week": DaysOffPerWeek(min=2)})
    return default_instance.model_copy(update={"rules": rules})


@pytest.fixture(scope="module")
def two_days_off_report(two_days_off: Instance) -> HeadcountReport:
    return headcount_table(two_days_off, time_limit=TIME_LIMIT)


def test_extra_agents_copy_the_limits_but_nothing_personal(default_instance: Instance) -> None:
    template = default_instance.team.agents[1].model_copy(
        update={
            "limits": AgentLimits(max_shifts={"C": 3}),
            "unavailable": [dt.date(2026, 12, 1)],
        }
    )
    agents = [default_instance.team.agents[0], template, *default_instance.team.agents[2:]]
    rules = default_instance.rules.model_copy(
        update={
            "fixed_assignments": [
                FixedAssignment(agent="a2", date=dt.date(2026, 12, 2), shift="A")
            ],
            "requests": [ShiftRequest(agent="a2", date=dt.date(2026, 12, 3), want=Want.OFF)],
        }
    )
    instance = default_instance.model_copy(
        update={"team": default_instance.team.model_copy(update={"agents": agents}), "rules": rules}
    )

    extended = with_extra_agents(instance, "a2", 2, language="en")

    assert [agent.id for agent in extended.team.agents] == [
        "a1",
        "a2",
        "a3",
        "a4",
        "extra1",
        "extra2",
    ]
    for agent in extended.team.agents[4:]:
        assert agent.limits == AgentLimits(max_shifts={"C": 3})
        assert agent.unavailable == []
    assert [agent.name for agent in extended.team.agents[4:]] == ["extra 1", "extra 2"]
    # Pins and requests still name a2 only.
    assert extended.rules == rules
    assert extended.team.agents[:4] == instance.team.agents


def test_extra_ids_skip_those_taken_and_default_to_the_first_agent(
    default_instance: Instance,
) -> None:
    taken = default_instance.team.agents[0].model_copy(update={"id": "extra1"})
    team = default_instance.team.model_copy(update={"agents": [taken]})
    instance = default_instance.model_copy(update={"team": team})

    extended = with_extra_agents(instance, None, 2)

    assert [agent.id for agent in extended.team.agents] == ["extra1", "extra2", "extra3"]
    # The team language of the default instance is Chinese.
    assert extended.team.agents[1].name == "新增 2"
    assert with_extra_agents(instance, None, 0) == instance


def test_unknown_template_names_the_known_agents(default_instance: Instance) -> None:
    with pytest.raises(UnknownAgentError) as caught:
        with_extra_agents(default_instance, "nobody", 1)
    assert caught.value.known == ("a1", "a2", "a3", "a4")
    assert "nobody" in str(caught.value)
    with pytest.raises(UnknownAgentError):
        headcount_table(default_instance, template_agent_id="nobody", time_limit=TIME_LIMIT)


def test_max_below_the_current_head_count_is_refused(default_instance: Instance) -> None:
    with pytest.raises(ValueError, match="below the current head count"):
        headcount_table(default_instance, max_agents=3)


def test_two_days_off_needs_five_agents(two_days_off_report: HeadcountReport) -> None:
    # 21 duties a week (A, B, C every day, one each) but four agents with two days
    # off each work at most 4 x 5 = 20 days a week: four is infeasible, five is not.
    report = two_days_off_report
    assert report.outcome is Outcome.FOUND
    assert report.minimum == 5
    assert report.template_agent == "a1"
    assert report.current_agents == 4
    assert report.max_agents == 7
    assert [row.agents for row in report.rows] == [4, 5, 6, 7]
    assert report.rows[0].status is Status.INFEASIBLE
    assert report.rows[0].objective is None
    assert report.rows[0].main_penalties == []


def test_rows_from_the_minimum_on_have_rosters_that_pass_the_checker(
    two_days_off: Instance, two_days_off_report: HeadcountReport
) -> None:
    for row in two_days_off_report.rows[1:]:
        assert row.status in (Status.OPTIMAL, Status.FEASIBLE)
        assert row.objective is not None
        assert row.result.agents[-1] == f"extra{row.agents - 4}"
        instance = with_extra_agents(two_days_off, None, row.agents - 4)
        report = check(instance, row.result.assignments)
        assert report.feasible
        assert report.objective == row.objective
        costs = sorted(row.result.cost_by_rule().values(), reverse=True)
        assert [cost for _, cost in row.main_penalties] == costs[:3]
        assert len(row.main_penalties) <= 3


def test_max_agents_sets_the_end_of_the_table(two_days_off: Instance) -> None:
    report = headcount_table(two_days_off, max_agents=5, time_limit=TIME_LIMIT)
    assert report.minimum == 5
    assert [row.agents for row in report.rows] == [4, 5]


def test_still_infeasible_at_max_agents_gives_no_minimum(two_days_off: Instance) -> None:
    report = headcount_table(two_days_off, max_agents=4, time_limit=TIME_LIMIT)
    assert report.outcome is Outcome.INFEASIBLE
    assert report.minimum is None
    assert [row.status for row in report.rows] == [Status.INFEASIBLE]


def test_a_solve_out_of_time_leaves_the_minimum_undecided(two_days_off: Instance) -> None:
    # No time at all: CP-SAT returns UNKNOWN at once, and the search stops there.
    report = headcount_table(two_days_off, time_limit=0.0)
    assert report.outcome is Outcome.UNDECIDED
    assert report.minimum is None
    assert [row.status for row in report.rows] == [Status.UNKNOWN]


def test_the_default_instance_needs_its_own_four(default_instance: Instance) -> None:
    report = headcount_table(default_instance, max_agents=4, time_limit=TIME_LIMIT)
    assert report.outcome is Outcome.FOUND
    assert report.minimum == 4
    assert [row.agents for row in report.rows] == [4]
    assert report.rows[0].status.has_roster


def test_to_json_is_plain_data(two_days_off_report: HeadcountReport) -> None:
    data = two_days_off_report.to_json()
    assert data["outcome"] == "found"
    assert data["minimum"] == 5
    rows = data["rows"]
    assert isinstance(rows, list)
    assert rows[0] == {
        "agents": 4,
        "status": "INFEASIBLE",
        "objective": None,
        "best_bound": None,
        "wall_time_s": rows[0]["wall_time_s"],
        "main_penalties": [],
    }
    assert all(set(penalty) == {"rule", "cost"} for penalty in rows[1]["main_penalties"])


def test_warm_start_gives_the_same_optima(
    two_days_off: Instance, two_days_off_report: HeadcountReport
) -> None:
    report = headcount_table(two_days_off, time_limit=TIME_LIMIT, warm_start=True)
    assert report.minimum == 5
    proven = [row for row in two_days_off_report.rows if row.status is Status.OPTIMAL]
    warm = {row.agents: row for row in report.rows}
    for row in proven:
        if warm[row.agents].status is Status.OPTIMAL:
            assert warm[row.agents].objective == row.objective
