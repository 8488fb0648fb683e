"""The trade-offs of a feasible roster: sentences per penalty, fairness summary, grouping."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from string import Formatter

import pytest

from scheduler.explain.tradeoffs import (
    Tradeoffs,
    describe_penalty,
    fairness_summary,
    tradeoffs,
)
from scheduler.instance import load_instance
from scheduler.messages import tradeoffs as messages
from scheduler.problem import Problem, compile_problem
from scheduler.result import PENALTY_RULES, Penalty, Result, Status
from scheduler.solve import solve
from tests.builders import build_instance, build_roster

MONDAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def default() -> tuple[Problem, Result]:
    instance = load_instance("instances/four-agents.yaml")
    return compile_problem(instance), solve(instance, time_limit=30)


@pytest.fixture(scope="module")
def default_tradeoffs(default: tuple[Problem, Result]) -> Tradeoffs:
    return tradeoffs(*default)


def test_default_roster_is_optimal_at_600(default: tuple[Problem, Result]) -> None:
    _, result = default
    assert result.status is Status.OPTIMAL and result.objective == 600
    assert result.cost_by_rule() == {
        "days_off_per_week.preferred": 300,
        "fairness.on_call": 40,
        "fairness.weekend_duties": 20,
        "fairness.minutes": 240,
    }


def test_sentences_name_the_six_day_weeks_and_their_agents(
    default_tradeoffs: Tradeoffs, default: tuple[Problem, Result]
) -> None:
    problem, _ = default
    days_off = next(r for r in default_tradeoffs.by_rule if r.rule == "days_off_per_week.preferred")
    assert days_off.count == 3 and days_off.cost == 300
    for penalty, sentence in zip(
        days_off.penalties, default_tradeoffs.sentences(days_off, "en"), strict=True
    ):
        week = (penalty.date - MONDAY).days // 7 + 1 if penalty.date else 0
        name = problem.instance.agent(penalty.agent or "").name
        assert f"{name} ({penalty.agent}) works a six-day week in week {week}" in sentence
        assert "(2 days off preferred, weight 100)" in sentence
    # One six-day week in each of the three weeks (each week has one agent short).
    assert sorted(p.date for p in days_off.penalties) == [
        MONDAY + dt.timedelta(weeks=w) for w in range(3)
    ]


def test_fairness_sentences_give_the_range_and_spread(default_tradeoffs: Tradeoffs) -> None:
    fairness = default_tradeoffs.fairness
    texts = {
        rule.rule: default_tradeoffs.sentences(rule, "en")[0]
        for rule in default_tradeoffs.by_rule
        if rule.rule.startswith("fairness.")
    }
    low, high = fairness.on_call.min, fairness.on_call.max
    assert texts["fairness.on_call"] == (
        f"on-call duties range from {low} to {high} across agents (spread 2, weight 20)"
    )
    assert "(spread 1, weight 20)" in texts["fairness.weekend_duties"]
    assert "(spread 240 minutes, weight 1)" in texts["fairness.minutes"]


def test_fairness_summary_counts_the_whole_roster(default_tradeoffs: Tradeoffs) -> None:
    loads = default_tradeoffs.fairness.agents
    assert [load.agent for load in loads] == ["a1", "a2", "a3", "a4"]
    assert loads[0].name == "王芳"
    # 21 days x one A, one B and one C (coverage min = max = 1); C is on call.
    assert sum(load.total_duties for load in loads) == 63
    assert sum(load.on_call for load in loads) == 21
    assert sum(load.duties["C"] for load in loads) == 21
    assert sum(load.weekend_duties for load in loads) == 18  # 6 weekend days x 3 shifts
    assert sum(load.minutes for load in loads) == 25200  # 21 x (480 + 480 + 240)
    for load in loads:
        assert load.days_worked + load.days_off == 21
        assert 0 <= load.weekends_worked <= 3


def test_spreads_match_the_fairness_penalties(
    default_tradeoffs: Tradeoffs, default: tuple[Problem, Result]
) -> None:
    _, result = default
    amounts = {p.rule: p.amount for p in result.penalties if p.rule.startswith("fairness.")}
    fairness = default_tradeoffs.fairness
    assert fairness.on_call.spread == amounts["fairness.on_call"] == 2
    assert fairness.weekend_duties.spread == amounts["fairness.weekend_duties"] == 1
    assert fairness.minutes.spread == amounts["fairness.minutes"] == 240


def test_costs_by_rule_agent_and_week_add_up(
    default_tradeoffs: Tradeoffs, default: tuple[Problem, Result]
) -> None:
    _, result = default
    assert sum(rule.cost for rule in default_tradeoffs.by_rule) == result.objective
    assert default_tradeoffs.total == result.objective
    # Only the six-day weeks have an agent and a date; fairness belongs to the team.
    assert sum(default_tradeoffs.by_agent.values()) == 300
    assert sorted(default_tradeoffs.by_agent.values()) == [0, 100, 100, 100]
    assert default_tradeoffs.by_week == {1: 100, 2: 100, 3: 100}


def test_json_is_plain_data(default_tradeoffs: Tradeoffs) -> None:
    for language in ("en", "zh"):
        data = default_tradeoffs.to_json(language)
        assert {"penalties", "by_rule", "by_agent", "by_week", "fairness"} <= data.keys()
        assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    data = default_tradeoffs.to_json("en")
    first = data["penalties"][0]
    assert first["rule"] == "days_off_per_week.preferred"
    assert first["week"] == 1 and first["cost"] == 100 and "six-day week" in first["text"]
    assert sum(rule["cost"] for rule in data["by_rule"]) == 600
    assert data["fairness"]["measures"]["minutes"]["spread"] == 240
    assert sum(agent["total_duties"] for agent in data["fairness"]["agents"]) == 63


# --- Every rule, in both languages, on a tiny problem -----------------------------------

SOFT = {"hard": False, "weight": 3}
TINY_RULES = {
    "min_rest": {"hours": 11, **SOFT},
    "forbidden_successions": [{"first": "N", "then": "E", **SOFT}],
    "days_off_per_week": {"min": 1, "preferred": 2, "preferred_weight": 10, **SOFT},
    "consecutive_working_days": {"min": 2, "max": 5, **SOFT},
    "consecutive_days_off": {"min": 2, "max": 3, **SOFT},
    "max_weekends": {"max": 0, **SOFT},
    "minutes_per_week": {"min": 960, "max": 2400, **SOFT},
    "minutes_per_horizon": {"min": 960, "max": 2400, **SOFT},
    "max_shifts_per_type": {"max": {"N": 2}, **SOFT},
    "fairness": [
        {"measure": "on_call", "weight": 2},
        {"measure": "weekend_duties", "method": "deviation", "weight": 2},
        {"measure": "minutes", "weight": 1},
    ],
}


@pytest.fixture(scope="module")
def tiny() -> Problem:
    instance = build_instance(
        TINY_RULES,
        agents=[{"id": "a1", "name": "Ann"}, "a2"],
        coverage=[{"shift": "E", "preferred": 1, "under_weight": 4, "over_weight": 5}],
        interval_coverage=[
            {"dates": ["2026-12-01"], "start": "12:00", "end": "13:00", "preferred": 2}
        ],
    )
    return compile_problem(instance)


def tiny_penalty(rule: str, *, shift: str | None = None) -> Penalty:
    """One penalty of ``rule`` at a place of the kind docs/rules.md gives it."""
    tuesday = MONDAY + dt.timedelta(days=1)
    if rule.startswith("coverage."):
        return Penalty(rule, 1, 4, date=tuesday, shift="E")
    if rule.startswith("interval_coverage."):
        return Penalty(rule, 1, 4, date=tuesday, interval="12:30-13:00")
    if rule.startswith("fairness."):
        return Penalty(rule, 2, 2)
    if rule in ("min_rest", "forbidden_succession"):
        return Penalty(rule, 1, 3, "a1", tuesday, "N")
    if rule.startswith(("days_off_per_week.", "minutes_per_week.")):
        return Penalty(rule, 1, 3, "a1", MONDAY)
    if rule.startswith("consecutive_"):
        return Penalty(rule, 1, 3, "a1", tuesday)
    if rule in ("max_weekends", "minutes_per_horizon.min", "minutes_per_horizon.max"):
        return Penalty(rule, 1, 3, "a1")
    if rule == "max_shifts_per_type":
        return Penalty(rule, 1, 3, "a1", shift="N")
    return Penalty(rule, 1, 3, "a1", tuesday, shift)  # requests


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name is not None}


@pytest.mark.parametrize("key", sorted(messages.MESSAGES))
def test_entries_have_en_and_zh_with_the_same_placeholders(key: str) -> None:
    entry = messages.MESSAGES[key]
    assert set(entry) == {"en", "zh"}
    assert placeholders(entry["en"]) == placeholders(entry["zh"])


@pytest.mark.parametrize("rule", PENALTY_RULES)
def test_every_rule_has_a_sentence_in_both_languages(rule: str, tiny: Problem) -> None:
    assert f"tradeoffs.penalty.{rule}" in messages.MESSAGES
    penalty = tiny_penalty(rule)
    summary = fairness_summary(
        tiny, build_roster(tiny.instance, a1="E L N - - E N", a2="- - E L - - -")
    )
    english = describe_penalty(penalty, tiny, "en", fairness=summary)
    chinese = describe_penalty(penalty, tiny, "zh", fairness=summary)
    assert english != chinese
    for sentence in (english, chinese):
        assert sentence.strip() and "{" not in sentence and "None" not in sentence
        assert str(penalty.weight) in sentence
        if penalty.agent:
            assert "Ann (a1)" in sentence


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("coverage.under", "E on 2026-12-01 has 0 agent(s) where 1 are preferred (weight 4)"),
        ("coverage.over", "E on 2026-12-01 has 2 agent(s) where 1 are preferred (weight 4)"),
        (
            "interval_coverage.under",
            "12:30-13:00 on 2026-12-01 has 1 agent(s) where 2 are preferred (weight 4)",
        ),
        (
            "interval_coverage.over",
            "12:30-13:00 on 2026-12-01 has 3 agent(s) where 2 are preferred (weight 4)",
        ),
        ("min_rest", "Ann (a1) has less than 11 hours of rest after N on 2026-12-01"),
        ("forbidden_succession", "Ann (a1) works E the day after N on 2026-12-01"),
        ("days_off_per_week.min", "Ann (a1) works 7 days in week 1 (1 day(s) off required"),
        ("days_off_per_week.preferred", "six-day week in week 1 (2 days off preferred, weight 3)"),
        ("consecutive_working_days.max", "Ann (a1) works 6 days in a row from 2026-12-01"),
        ("consecutive_working_days.min", "works only 1 day(s) in a row from 2026-12-01"),
        ("consecutive_days_off.max", "Ann (a1) is off 4 days in a row from 2026-12-01"),
        ("max_weekends", "Ann (a1) works on 1 weekends (at most 0, weight 3)"),
        ("minutes_per_week.min", "works 15.98 hours in week 1, 1 minutes below the minimum of 16"),
        ("minutes_per_horizon.max", "40.02 hours over the whole roster, 1 minutes above"),
        ("max_shifts_per_type", "Ann (a1) works 3 N shifts (at most 2, weight 3)"),
        ("fairness.weekend_duties", "(deviation 2, weight 2)"),
    ],
)
def test_sentences_read_the_configured_numbers(rule: str, expected: str, tiny: Problem) -> None:
    summary = fairness_summary(tiny, [])
    assert expected in describe_penalty(tiny_penalty(rule), tiny, "en", fairness=summary)


def test_days_off_phrase_the_days_worked(tiny: Problem) -> None:
    # preferred 2: one day short is a six-day week, two short is a seven-day week.
    six = Penalty("days_off_per_week.preferred", 1, 10, "a2", MONDAY)
    seven = Penalty("days_off_per_week.preferred", 2, 10, "a2", MONDAY)
    assert describe_penalty(six, tiny, "en").startswith("a2 works a six-day week in week 1")
    assert describe_penalty(seven, tiny, "en").startswith("a2 works 7 days in week 1")
    assert describe_penalty(seven, tiny, "zh").startswith("a2 在第 1 周上班 7 天")


def test_requests_with_and_without_a_shift(tiny: Problem) -> None:
    day = MONDAY + dt.timedelta(days=1)
    with_shift = Penalty("request.off", 1, 3, "a1", day, "N")
    whole_day = Penalty("request.off", 1, 3, "a1", day)
    assert "asked not to work N on 2026-12-01" in describe_penalty(with_shift, tiny, "en")
    assert "asked for 2026-12-01 off" in describe_penalty(whole_day, tiny, "en")
    assert "asked to work on 2026-12-01" in describe_penalty(
        Penalty("request.on", 1, 3, "a1", day), tiny, "en"
    )


def test_interval_penalties_without_their_interval(tiny: Problem) -> None:
    # A result stored before penalties named their interval reads back without one.
    old = Penalty("interval_coverage.under", 1, 4, date=MONDAY + dt.timedelta(days=1))
    assert describe_penalty(old, tiny, "en") == (
        "1 agent(s) fewer than preferred in a time interval on 2026-12-01 (weight 4)"
    )
    assert describe_penalty(old, tiny, "zh") == "2026-12-01 某时段比期望少 1 人（权重 4）"
    # An interval the problem does not have is an error, as for any other place.
    with pytest.raises(ValueError, match=r"interval_coverage\.under"):
        describe_penalty(dataclasses.replace(old, interval="08:00-08:30"), tiny, "en")


def test_interval_penalties_are_told_apart_in_json(tiny: Problem) -> None:
    day = MONDAY + dt.timedelta(days=1)
    penalties = [
        Penalty("interval_coverage.under", 1, 4, date=day, interval=interval)
        for interval in ("12:30-13:00", "12:00-12:30")
    ]
    result = Result(Status.FEASIBLE, 8, 0.0, 0.0, (), tuple(penalties), tiny.agents, tiny.dates)
    data = tradeoffs(tiny, result).to_json("zh")
    assert [(p["interval"], p["text"]) for p in data["penalties"]] == [
        ("12:00-12:30", "2026-12-01 12:00-12:30 时段只有 1 人，期望 2 人（权重 4）"),
        ("12:30-13:00", "2026-12-01 12:30-13:00 时段只有 1 人，期望 2 人（权重 4）"),
    ]


def test_fairness_needs_the_summary(tiny: Problem) -> None:
    with pytest.raises(ValueError, match=r"fairness\.on_call"):
        describe_penalty(Penalty("fairness.on_call", 1, 2), tiny, "en")


def test_fairness_summary_of_a_hand_built_roster(tiny: Problem) -> None:
    # a1 works Mon-Wed and Sat-Sun: five days, one weekend, two weekend duties.
    roster = build_roster(tiny.instance, a1="E L N - - E N", a2="- - E L - - -")
    summary = fairness_summary(tiny, roster)
    ann, other = summary.agents
    assert ann.duties == {"E": 2, "L": 1, "N": 2} and ann.days_worked == 5 and ann.days_off == 2
    assert (ann.weekend_duties, ann.weekends_worked, ann.minutes) == (2, 1, 5 * 480)
    assert (other.total_duties, other.weekends_worked, other.name) == (2, 0, "a2")
    assert (summary.duties.min, summary.duties.max, summary.duties.spread) == (2, 5, 3)
    assert summary.minutes.spread == 3 * 480
    assert summary.on_call.spread == 0  # no on-call shift type


def test_a_roster_without_penalties(tiny: Problem) -> None:
    result = Result(Status.OPTIMAL, 0, 0.0, 0.0, (), (), tiny.agents, tiny.dates)
    empty = tradeoffs(tiny, result)
    assert empty.by_rule == () and empty.total == 0
    assert empty.by_agent == {"a1": 0, "a2": 0} and empty.by_week == {1: 0}
    assert json.dumps(empty.to_json("zh"))
