"""Coverage: hard min/max per shift and day, soft preferred head count."""

from scheduler.result import Status
from tests.builders import build_instance
from tests.model.solving import places, solve_and_check

ONE_SHIFT = [{"id": "E", "start": "06:00", "end": "14:00"}]


def test_one_agent_short_of_preferred_two_costs_under_weight_every_day() -> None:
    # Preferred 2 on E, only one agent: each of the 7 days is one short, 7 x 10.
    instance = build_instance(
        agents=["a1"],
        shift_types=ONE_SHIFT,
        coverage=[{"shift": "E", "preferred": 2, "under_weight": 10}],
    )
    result = solve_and_check(instance)
    assert result.objective == 70
    assert [(shift, amount) for _, _, shift, amount in places(result, "coverage.under")] == [
        ("E", 1)
    ] * 7


def test_over_cover_costs_over_weight_when_min_forces_it() -> None:
    # min 1 but preferred 0: the forced agent is one over every day, 7 x 3.
    instance = build_instance(
        agents=["a1", "a2"],
        shift_types=ONE_SHIFT,
        coverage=[{"shift": "E", "min": 1, "preferred": 0, "over_weight": 3}],
    )
    result = solve_and_check(instance)
    assert result.objective == 21
    assert len(places(result, "coverage.over")) == 7


def test_hard_max_keeps_a_wish_unmet() -> None:
    # Both agents want E on Monday but max 1 allows one of them: one unmet request, 5.
    requests = [
        {"agent": agent, "date": "2026-11-30", "shift": "E", "want": "on", "weight": 5}
        for agent in ("a1", "a2")
    ]
    instance = build_instance(
        {"requests": requests},
        shift_types=ONE_SHIFT,
        coverage=[{"shift": "E", "max": 1}],
    )
    assert solve_and_check(instance).objective == 5


def test_min_above_head_count_is_infeasible() -> None:
    instance = build_instance(
        agents=["a1"], shift_types=ONE_SHIFT, coverage=[{"shift": "E", "min": 2}]
    )
    result = solve_and_check(instance)
    assert result.status is Status.INFEASIBLE
    assert result.assignments == () and result.objective is None


def test_date_entry_overrides_the_weekday_entry() -> None:
    # Every day min 1, but on Wednesday 2026-12-02 nobody is needed and a1 asks for the day off.
    instance = build_instance(
        {"requests": [{"agent": "a1", "date": "2026-12-02", "want": "off", "weight": 9}]},
        agents=["a1"],
        shift_types=ONE_SHIFT,
        coverage=[
            {"shift": "E", "min": 1},
            {"shift": "E", "dates": ["2026-12-02"], "min": 0},
        ],
    )
    result = solve_and_check(instance)
    assert result.objective == 0
    assert [a.date.isoformat() for a in result.assignments].count("2026-12-02") == 0
