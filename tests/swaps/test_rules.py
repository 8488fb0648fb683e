"""The swap request state machine and who may take each action."""

from __future__ import annotations

import itertools

import pytest

from scheduler.swaps import (
    TRANSITIONS,
    Action,
    DutyKey,
    IllegalTransition,
    NotAllowed,
    Party,
    SwapKind,
    SwapRequest,
    SwapState,
    allowed_actions,
    check_actor,
    next_state,
    who_may,
)

S, A = SwapState, Action

# Written out independently of the module: the flow, approval only after acceptance.
LEGAL = {
    (S.REQUESTED, A.ACCEPT): S.ACCEPTED,
    (S.REQUESTED, A.DECLINE): S.DECLINED,
    (S.REQUESTED, A.WITHDRAW): S.WITHDRAWN,
    (S.REQUESTED, A.REJECT): S.REJECTED,
    (S.ACCEPTED, A.WITHDRAW): S.WITHDRAWN,
    (S.ACCEPTED, A.APPROVE): S.APPROVED,
    (S.ACCEPTED, A.REJECT): S.REJECTED,
}

GRID = list(itertools.product(SwapState, Action))


def test_the_table_is_the_documented_flow() -> None:
    assert TRANSITIONS == LEGAL


@pytest.mark.parametrize(("state", "action"), GRID, ids=[f"{s}-{a}" for s, a in GRID])
def test_every_state_and_action(state: SwapState, action: Action) -> None:
    if (state, action) in LEGAL:
        assert next_state(state, action) is LEGAL[state, action]
        assert action in allowed_actions(state)
        return
    with pytest.raises(IllegalTransition) as caught:
        next_state(state, action, request_id=7)
    error = caught.value
    assert isinstance(error, ValueError)
    assert (error.state, error.action, error.request_id) == (state, action, 7)
    assert str(error) == error.describe("en")
    assert error.describe("en").startswith("swap request 7 is ")
    assert error.describe("zh").startswith("第 7 号换班申请")
    assert action not in allowed_actions(state)


def test_final_states_allow_nothing() -> None:
    for state in SwapState:
        assert bool(allowed_actions(state)) is not state.final


def test_a_declined_request_can_no_longer_be_accepted() -> None:
    with pytest.raises(IllegalTransition) as caught:
        next_state(S.DECLINED, A.ACCEPT, request_id=7)
    assert caught.value.describe() == "swap request 7 is declined; it can no longer be accepted"
    assert caught.value.describe("zh") == "第 7 号换班申请已被对方拒绝，不能再同意"


def test_approval_waits_for_acceptance() -> None:
    with pytest.raises(IllegalTransition) as caught:
        next_state(S.REQUESTED, A.APPROVE)
    assert caught.value.describe() == (
        "the swap request is waiting for the colleague's answer;"
        " it cannot be approved before the colleague accepts it"
    )


def test_who_may() -> None:
    assert who_may(A.ACCEPT) == {Party.COUNTERPART}
    assert who_may(A.DECLINE) == {Party.COUNTERPART}
    assert who_may(A.WITHDRAW) == {Party.REQUESTER, Party.COUNTERPART}
    assert who_may(A.APPROVE) == {Party.SUPERVISOR}
    assert who_may(A.REJECT) == {Party.SUPERVISOR}


REQUEST = SwapRequest(
    id=7,
    kind=SwapKind.COVER,
    requester="a1",
    requester_duty=DutyKey.parse("2026-12-01/A/0"),
    counterpart="a2",
    counterpart_duty=None,
    state=S.REQUESTED,
)

# (actor agent, is supervisor) -> actions allowed.
ACTORS: dict[tuple[str | None, bool], set[Action]] = {
    ("a1", False): {A.WITHDRAW},
    ("a2", False): {A.ACCEPT, A.DECLINE, A.WITHDRAW},
    ("a3", False): set(),
    (None, False): set(),
    (None, True): {A.APPROVE, A.REJECT},
    ("a3", True): {A.APPROVE, A.REJECT},
    # A supervisor who is also the colleague asked still speaks for themselves as an agent.
    ("a2", True): {A.ACCEPT, A.DECLINE, A.WITHDRAW, A.APPROVE, A.REJECT},
}
ACTOR_GRID = [(actor, supervisor, action) for (actor, supervisor) in ACTORS for action in Action]


@pytest.mark.parametrize(("actor", "supervisor", "action"), ACTOR_GRID)
def test_actor_rules(actor: str | None, supervisor: bool, action: Action) -> None:
    if action in ACTORS[actor, supervisor]:
        check_actor(REQUEST, action, actor, supervisor)
        return
    with pytest.raises(NotAllowed) as caught:
        check_actor(REQUEST, action, actor, supervisor)
    assert isinstance(caught.value, PermissionError)
    assert caught.value.describe("zh")


def test_not_allowed_says_who_may() -> None:
    with pytest.raises(NotAllowed) as caught:
        check_actor(REQUEST, A.ACCEPT, "a3", False)
    assert str(caught.value) == "a3 may not accept swap request 7: only the colleague a2 may"
    with pytest.raises(NotAllowed) as caught:
        check_actor(REQUEST, A.WITHDRAW, "a3", True)
    assert caught.value.describe() == (
        "a3 may not withdraw swap request 7: only the requester a1 or the colleague a2 may"
    )
    with pytest.raises(NotAllowed) as caught:
        check_actor(REQUEST, A.APPROVE, None, False)
    assert caught.value.describe() == (
        "a user who is not an agent may not approve swap request 7: only a supervisor may"
    )
    assert caught.value.describe("zh") == "非客服人员的用户 不能批准第 7 号换班申请：只有主管 可以"
