"""Who answers for a duty after a change: the new holder only with both agreements on record."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from scheduler.swaps import (
    Agreement,
    Channel,
    Duty,
    DutyKey,
    InvalidChange,
    SwapKind,
    SwapRequest,
    SwapState,
    after_change,
    explain_responsibility,
    original_duties,
    parse_reason,
    swap_reason,
)

A_MON, C_MON, A_TUE = (
    DutyKey.parse(v) for v in ("2026-11-30/A/0", "2026-11-30/C/0", "2026-12-01/A/0")
)
AT = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)
BEFORE = original_duties({A_MON: "a1", C_MON: "a2", A_TUE: "a3"})


def agreed(*agents: str) -> tuple[Agreement, ...]:
    return tuple(Agreement(agent, AT, Channel.CHAT) for agent in agents)


SWAP_7 = SwapRequest(
    id=7,
    kind=SwapKind.SWAP,
    requester="a1",
    requester_duty=A_MON,
    counterpart="a2",
    counterpart_duty=C_MON,
    state=SwapState.APPROVED,
    agreements=agreed("a1", "a2"),
)


def test_original_roster() -> None:
    assert BEFORE[A_MON] == Duty(A_MON, "a1", "a1", "roster")
    assert explain_responsibility(BEFORE[A_MON]) == "a1 is responsible: original roster"
    assert explain_responsibility(BEFORE[A_MON], "zh") == "a1 负责：原始排班"


def test_complete_evidence_moves_responsibility_with_the_duty() -> None:
    after = after_change(BEFORE, SWAP_7)
    assert after[A_MON] == Duty(A_MON, "a2", "a2", "swap:7")
    assert after[C_MON] == Duty(C_MON, "a1", "a1", "swap:7")
    assert after[A_TUE] == BEFORE[A_TUE]
    assert explain_responsibility(after[A_MON]) == (
        "a2 is responsible: swap 7 with both agreements on record"
    )
    assert BEFORE[A_MON].holder == "a1"  # the input is left alone


def test_without_complete_evidence_the_previous_responsible_stays() -> None:
    # Only the requester's agreement is on record: the holders change, the responsibility does not.
    request = dataclasses.replace(SWAP_7, agreements=agreed("a1"))
    assert not request.evidence_complete
    after = after_change(BEFORE, request)
    assert after[A_MON] == Duty(A_MON, "a2", "a1", "swap:7:no-evidence")
    assert after[C_MON] == Duty(C_MON, "a1", "a2", "swap:7:no-evidence")
    assert explain_responsibility(after[A_MON]) == (
        "a1 remains responsible: swap 7 has no complete evidence (a2 works the duty)"
    )
    assert explain_responsibility(after[A_MON], "zh") == (
        "a1 仍然负责：换班申请 7 缺少完整的双方同意证明（由 a2 上班）"
    )


def test_cover_and_a_chain_of_changes() -> None:
    # Swap 7 without evidence leaves a1 responsible for A on Monday, worked by a2. Cover 8,
    # also without evidence, hands it on to a4: a1 still answers. Cover 9 with both
    # agreements hands it to a3, who now answers for it.
    first = after_change(BEFORE, dataclasses.replace(SWAP_7, agreements=()))
    cover = SwapRequest(8, SwapKind.COVER, "a2", A_MON, "a4", None, SwapState.APPROVED)
    second = after_change(first, cover)
    assert second[A_MON] == Duty(A_MON, "a4", "a1", "swap:8:no-evidence")
    assert second[C_MON] == first[C_MON]
    third = after_change(
        second,
        SwapRequest(
            9, SwapKind.COVER, "a4", A_MON, "a3", None, SwapState.APPROVED, agreed("a3", "a4")
        ),
    )
    assert third[A_MON] == Duty(A_MON, "a3", "a3", "swap:9")


@pytest.mark.parametrize("state", [s for s in SwapState if s is not SwapState.APPROVED])
def test_only_approved_requests_change_duties(state: SwapState) -> None:
    with pytest.raises(InvalidChange, match="only an approved request changes the roster"):
        after_change(BEFORE, dataclasses.replace(SWAP_7, state=state))


def test_a_change_the_roster_does_not_allow_is_refused() -> None:
    with pytest.raises(InvalidChange, match="a1 does not hold 2026-12-01/A/0"):
        after_change(BEFORE, dataclasses.replace(SWAP_7, requester_duty=A_TUE))


def test_reasons_round_trip() -> None:
    assert parse_reason("roster") == (None, True)
    assert parse_reason(swap_reason(7, True)) == (7, True)
    assert parse_reason(swap_reason(7, False)) == (7, False)
    for bad in ("swap", "swap:x", "swap:7:other", "manual"):
        with pytest.raises(ValueError, match="unknown responsibility reason"):
            parse_reason(bad)


def test_rerostered_duty_names_its_new_holder() -> None:
    import datetime as dt

    from scheduler.swaps import Duty, DutyKey, explain_responsibility

    duty = Duty(DutyKey(dt.date(2026, 12, 9), "A", 0), "a2", "a2", "reroster:1")
    assert explain_responsibility(duty, "en") == (
        "a2 is responsible: the duty was re-rostered after version 1 because of an absence"
    )
