"""Applying covers and swaps to a roster, checking them against the rules, suggesting them."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from scheduler.check import Violation, check
from scheduler.check.report import CheckReport
from scheduler.instance import Instance, load_instance
from scheduler.messages import text
from scheduler.result import Assignment
from scheduler.solve import solve
from scheduler.swaps import (
    DutyKey,
    InvalidChange,
    RuleCheck,
    Scorer,
    SwapKind,
    apply_change,
    assignments_of,
    duty_keys,
    rule_check,
    suggestions,
)
from tests.builders import build_instance, build_roster

MON, TUE = dt.date(2026, 11, 30), dt.date(2026, 12, 1)
COVER, SWAP = SwapKind.COVER, SwapKind.SWAP


def key(value: str) -> DutyKey:
    return DutyKey.parse(value)


@pytest.fixture(scope="module")
def default() -> tuple[Instance, dict[DutyKey, str]]:
    instance = load_instance("instances/four-agents.yaml")
    result = solve(instance, time_limit=30)
    assert result.status.has_roster
    return instance, duty_keys(result.assignments)


# Duty keys.


def test_duty_keys_number_slots_by_agent_id() -> None:
    assignments = [
        Assignment("a2", MON, "E"),
        Assignment("a1", MON, "E"),
        Assignment("a1", MON, "E"),  # repeated: counts once
        Assignment("a3", TUE, "L"),
    ]
    duties = duty_keys(assignments)
    assert duties == {
        key("2026-11-30/E/0"): "a1",
        key("2026-11-30/E/1"): "a2",
        key("2026-12-01/L/0"): "a3",
    }
    assert list(duties) == sorted(duties)
    assert assignments_of(duties) == sorted(set(assignments))


def test_duty_keys_round_trip_the_default_roster(
    default: tuple[Instance, dict[DutyKey, str]],
) -> None:
    duties = default[1]
    assert len(duties) == 63
    assert duty_keys(assignments_of(duties)) == duties


# apply_change.

TINY = build_instance(agents=("a1", "a2", "a3"))
# Monday: a1 E, a2 E, a3 L. Tuesday: a1 L, a2 E.
TINY_DUTIES = duty_keys(build_roster(TINY, a1="E L", a2="E E", a3="L"))


def test_cover_hands_the_duty_over_and_leaves_the_input_alone() -> None:
    before = dict(TINY_DUTIES)
    after = apply_change(TINY_DUTIES, COVER, "a1", key("2026-12-01/L/0"), "a3", None)
    assert after == {**before, key("2026-12-01/L/0"): "a3"}
    assert before == TINY_DUTIES


def test_swap_exchanges_the_holders() -> None:
    after = apply_change(
        TINY_DUTIES, SWAP, "a1", key("2026-12-01/L/0"), "a2", key("2026-12-01/E/0")
    )
    assert after[key("2026-12-01/L/0")] == "a2"
    assert after[key("2026-12-01/E/0")] == "a1"
    assert sum(1 for k in after if after[k] != TINY_DUTIES[k]) == 2


@pytest.mark.parametrize(
    ("kind", "requester", "requester_duty", "counterpart", "counterpart_duty", "message"),
    [
        (COVER, "a1", "2026-12-01/L/0", "a1", None, "a1 cannot swap with themselves"),
        (
            COVER,
            "a1",
            "2026-12-05/E/0",
            "a2",
            None,
            "there is no duty 2026-12-05/E/0 in this roster",
        ),
        (COVER, "a3", "2026-12-01/L/0", "a2", None, "a3 does not hold 2026-12-01/L/0 (a1 does)"),
        (
            SWAP,
            "a1",
            "2026-12-01/L/0",
            "a3",
            "2026-12-01/E/0",
            "a3 does not hold 2026-12-01/E/0 (a2 does)",
        ),
        (
            SWAP,
            "a1",
            "2026-12-01/L/0",
            "a2",
            "2026-12-09/E/0",
            "there is no duty 2026-12-09/E/0 in this roster",
        ),
        (
            SWAP,
            "a1",
            "2026-12-01/L/0",
            "a2",
            "2026-12-01/L/0",
            "a swap needs two different duties, but both are 2026-12-01/L/0",
        ),
        (SWAP, "a1", "2026-12-01/L/0", "a2", None, "a swap needs the duty that a2 gives in return"),
        (
            COVER,
            "a1",
            "2026-12-01/L/0",
            "a2",
            "2026-12-01/E/0",
            "a cover takes nothing in return, but 2026-12-01/E/0 was given",
        ),
        (
            SWAP,
            "a1",
            "2026-11-30/E/0",
            "a2",
            "2026-11-30/E/1",
            "both duties are E on 2026-11-30: exchanging them changes nothing",
        ),
        (
            COVER,
            "a1",
            "2026-11-30/E/0",
            "a2",
            None,
            "a2 already works E on 2026-11-30 (2026-11-30/E/1)",
        ),
    ],
)
def test_invalid_changes(
    kind: SwapKind,
    requester: str,
    requester_duty: str,
    counterpart: str,
    counterpart_duty: str | None,
    message: str,
) -> None:
    other = None if counterpart_duty is None else key(counterpart_duty)
    with pytest.raises(InvalidChange) as caught:
        apply_change(TINY_DUTIES, kind, requester, key(requester_duty), counterpart, other)
    assert isinstance(caught.value, ValueError)
    assert caught.value.describe() == message
    assert caught.value.describe("zh") != message


# rule_check.

REST = build_instance({"min_rest": {"hours": 11}})


def test_a_cover_that_breaks_rest_is_refused_in_plain_words() -> None:
    # a1 works L on Monday until 22:00; covering a2's E at 06:00 on Tuesday leaves 8 hours.
    before = duty_keys(build_roster(REST, a1="L", a2="- E"))
    after = apply_change(before, COVER, "a2", key("2026-12-01/E/0"), "a1", None)
    verdict = rule_check(REST, before, after)
    assert not verdict.ok
    [violation] = verdict.new_violations
    assert (violation.rule, violation.agent, violation.date, violation.shift) == (
        "min_rest",
        "a1",
        MON,
        "L",
    )
    assert verdict.describe() == (
        "the change would break 1 rule(s):\n"
        "  - a1 rests only 8 hours between L on 2026-11-30 and E on 2026-12-01"
        " (at least 11 hours required)\n"
        "the penalty score stays at 0"
    )
    assert "至少需要 11 小时" in verdict.describe("zh")


def test_a_break_already_in_the_roster_does_not_block_a_change() -> None:
    # The published roster already gives a1 too little rest (L then E); a cover elsewhere
    # neither causes nor mends it.
    before = duty_keys(build_roster(REST, a1="L E", a2="- - N"))
    assert not check(REST, assignments_of(before)).feasible
    after = apply_change(before, COVER, "a2", key("2026-12-02/N/0"), "a1", None)
    verdict = rule_check(REST, before, after)
    assert verdict.ok
    assert verdict.describe().startswith("the change keeps every hard rule")


def test_a_break_made_worse_counts_as_new() -> None:
    short = Violation(
        "coverage.min", 1, None, MON, "E", "check.coverage.min", (("count", 0), ("min", 1))
    )
    shorter = Violation(
        "coverage.min", 2, None, MON, "E", "check.coverage.min", (("count", 0), ("min", 2))
    )
    assert RuleCheck.between(CheckReport((short,), ()), CheckReport((short,), ())).ok
    assert RuleCheck.between(CheckReport((shorter,), ()), CheckReport((short,), ())).ok
    assert RuleCheck.between(
        CheckReport((short,), ()), CheckReport((shorter,), ())
    ).new_violations == (shorter,)


def test_a_break_in_another_interval_of_the_same_day_counts_as_new() -> None:
    def short_at(interval: str, amount: int) -> Violation:
        values = (("interval", interval), ("count", 0), ("min", amount))
        return Violation("interval_coverage.min", amount, None, MON, None, "check.x", values)

    lunch, evening = short_at("12:00-12:30", 2), short_at("20:00-20:30", 1)
    before = CheckReport((lunch,), ())
    after = CheckReport((lunch, evening), ())
    assert RuleCheck.between(before, after).new_violations == (evening,)


def test_the_penalty_change_is_shown_by_rule() -> None:
    # Soft rest at weight 20: the same cover now costs 20 instead of being refused.
    instance = build_instance({"min_rest": {"hours": 11, "hard": False, "weight": 20}})
    before = duty_keys(build_roster(instance, a1="L", a2="- E"))
    after = apply_change(before, COVER, "a2", key("2026-12-01/E/0"), "a1", None)
    verdict = rule_check(instance, before, after)
    assert verdict.ok
    assert (verdict.penalty_before, verdict.penalty_after, verdict.delta) == (0, 20, 20)
    assert verdict.cost_changes() == {"min_rest": 20}
    assert verdict.describe() == (
        "the change keeps every hard rule\n"
        "the penalty score rises by 20 (from 0 to 20)\n"
        f"  - {text('rule.min_rest')}: +20"
    )
    # And back again: the reverse change lowers it.
    assert "falls by 20 (from 20 to 0)" in rule_check(instance, after, before).describe()


def test_unknown_agents_are_refused() -> None:
    before = duty_keys(build_roster(REST, a1="L"))
    after = apply_change(before, COVER, "a1", key("2026-11-30/L/0"), "zz", None)
    with pytest.raises(InvalidChange, match="unknown agent"):
        rule_check(REST, before, after)


def test_giving_a1_an_a_the_morning_after_their_c_breaks_rest(
    default: tuple[Instance, dict[DutyKey, str]],
) -> None:
    instance, duties = default
    days = sorted({k.date for k in duties})
    works = {(holder, k.date) for k, holder in duties.items()}
    # A day on which a1 has the evening C and is off the next day.
    day = next(
        d
        for d in days[:-1]
        if duties[DutyKey(d, "C")] == "a1" and ("a1", d + dt.timedelta(days=1)) not in works
    )
    morning = DutyKey(day + dt.timedelta(days=1), "A")
    after = apply_change(duties, COVER, duties[morning], morning, "a1", None)
    verdict = rule_check(instance, duties, after)
    assert not verdict.ok
    rest = [v for v in verdict.new_violations if v.rule == "min_rest"]
    assert [(v.agent, v.date, v.shift) for v in rest] == [("a1", day, "C")]
    assert (
        f"a1 rests only 9 hours between C on {day} and A on {morning.date}"
        " (at least 11 hours required)"
    ) in verdict.describe()


def test_scorer_agrees_with_the_checker(default: tuple[Instance, dict[DutyKey, str]]) -> None:
    instance, duties = default
    assert Scorer(instance).report(duties) == check(instance, assignments_of(duties))


# Suggestions.


def test_suggestions_on_a_tiny_team() -> None:
    instance = build_instance(agents=("a1", "a2", "a3"))
    # Monday: a1 E, a2 L. Tuesday: a3 E. Nothing costs anything, so all deltas are 0.
    duties = duty_keys(build_roster(instance, a1="E", a2="L", a3="- E"))
    found = suggestions(instance, duties, key("2026-11-30/E/0"), "a1")
    # a2 cannot cover: E and L on the same Monday is not allowed.
    assert [(s.kind, s.counterpart, s.counterpart_duty, s.delta) for s in found] == [
        (SWAP, "a2", key("2026-11-30/L/0"), 0),
        (COVER, "a3", None, 0),
        (SWAP, "a3", key("2026-12-01/E/0"), 0),
    ]
    assert found[1].describe() == "a3 covers it (penalty +0, then 0)"
    assert found[0].describe() == "swap with a2's duty 2026-11-30/L/0 (penalty +0, then 0)"
    assert found[0].describe("zh") == "与 a2 的班次 2026-11-30/L/0 交换（扣分 +0，变为 0）"
    nearby = suggestions(instance, duties, key("2026-11-30/E/0"), "a1", window_days=0)
    assert [s.counterpart_duty for s in nearby] == [key("2026-11-30/L/0"), None]
    assert len(suggestions(instance, duties, key("2026-11-30/E/0"), "a1", limit=1)) == 1


def test_suggestions_need_the_requester_to_hold_the_duty() -> None:
    duties = duty_keys(build_roster(TINY, a1="E"))
    with pytest.raises(InvalidChange, match="a2 does not hold"):
        suggestions(TINY, duties, key("2026-11-30/E/0"), "a2")


def test_default_suggestions_keep_every_rule_and_are_ranked(
    default: tuple[Instance, dict[DutyKey, str]],
) -> None:
    instance, duties = default
    base = check(instance, assignments_of(duties))
    assert base.feasible
    scorer = Scorer(instance)
    seen = 0
    for duty, holder in list(duties.items())[::4]:
        found = suggestions(instance, duties, duty, holder, limit=None, scorer=scorer)
        ranks = [(s.delta, s.counterpart, s.counterpart_duty is not None) for s in found]
        assert ranks == sorted(ranks)
        for suggestion in found:
            after = apply_change(
                duties,
                suggestion.kind,
                holder,
                duty,
                suggestion.counterpart,
                suggestion.counterpart_duty,
            )
            report = check(instance, assignments_of(after))
            assert report.feasible, (duty, suggestion)
            assert report.objective == suggestion.penalty_after
            assert suggestion.delta == report.objective - base.objective
            if suggestion.counterpart_duty is not None:
                assert abs(suggestion.counterpart_duty.date - duty.date) <= dt.timedelta(days=7)
            seen += 1
    assert seen > 0


def test_default_suggestions_are_fast(default: tuple[Instance, dict[DutyKey, str]]) -> None:
    instance, duties = default
    duty, holder = next(iter(duties.items()))
    started = time.perf_counter()
    suggestions(instance, duties, duty, holder)
    # Typically ~20 ms; the bound only catches an accidental blow-up.
    assert time.perf_counter() - started < 1.0
