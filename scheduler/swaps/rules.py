"""The life of a swap request: which action leads from which state, and who may take it.

A request is filed as REQUESTED; the counterpart accepts or declines it; a
supervisor approves or rejects it, and may reject early, before the
counterpart answered; either agent may withdraw it until it is approved or
refused. Approval needs the counterpart's acceptance first, whoever filed the
request. Every other (state, action) pair is an :class:`IllegalTransition`;
an actor who is not entitled to an action gets :class:`NotAllowed`.
"""

from __future__ import annotations

from enum import StrEnum

from scheduler.swaps.model import Action, Phrase, SwapError, SwapRequest, SwapState


class Party(StrEnum):
    """Who acts on a request, by role."""

    REQUESTER = "requester"
    COUNTERPART = "counterpart"
    SUPERVISOR = "supervisor"


TRANSITIONS: dict[tuple[SwapState, Action], SwapState] = {
    (SwapState.REQUESTED, Action.ACCEPT): SwapState.ACCEPTED,
    (SwapState.REQUESTED, Action.DECLINE): SwapState.DECLINED,
    (SwapState.REQUESTED, Action.WITHDRAW): SwapState.WITHDRAWN,
    (SwapState.REQUESTED, Action.REJECT): SwapState.REJECTED,
    (SwapState.ACCEPTED, Action.WITHDRAW): SwapState.WITHDRAWN,
    (SwapState.ACCEPTED, Action.APPROVE): SwapState.APPROVED,
    (SwapState.ACCEPTED, Action.REJECT): SwapState.REJECTED,
}
"""Every legal move; a pair not listed here is refused."""

WHO_MAY: dict[Action, frozenset[Party]] = {
    Action.ACCEPT: frozenset({Party.COUNTERPART}),
    Action.DECLINE: frozenset({Party.COUNTERPART}),
    Action.WITHDRAW: frozenset({Party.REQUESTER, Party.COUNTERPART}),
    Action.APPROVE: frozenset({Party.SUPERVISOR}),
    Action.REJECT: frozenset({Party.SUPERVISOR}),
}


def _subject(request_id: int | None) -> Phrase:
    if request_id is None:
        return Phrase.of("swaps.subject.plain")
    return Phrase.of("swaps.subject.numbered", id=request_id)


class IllegalTransition(SwapError, ValueError):
    """``action`` cannot be taken on a request in ``state``."""

    def __init__(self, state: SwapState, action: Action, request_id: int | None = None) -> None:
        self.state = state
        self.action = action
        self.request_id = request_id
        # A request still waiting for the counterpart can be approved later; others never.
        key = (
            "swaps.transition.not_yet"
            if state is SwapState.REQUESTED and action is Action.APPROVE
            else "swaps.transition.no_longer"
        )
        super().__init__(
            key,
            subject=_subject(request_id),
            state=Phrase.of(f"swaps.state.{state.value}"),
            action=Phrase.of(f"swaps.action_done.{action.value}"),
        )


class NotAllowed(SwapError, PermissionError):
    """The actor is not entitled to take this action on this request."""


def next_state(state: SwapState, action: Action, *, request_id: int | None = None) -> SwapState:
    """The state ``action`` leads to from ``state``; :class:`IllegalTransition` when none."""
    try:
        return TRANSITIONS[state, action]
    except KeyError:
        raise IllegalTransition(state, action, request_id) from None


def allowed_actions(state: SwapState) -> tuple[Action, ...]:
    """The actions that are legal in ``state``, in the order of :class:`Action`."""
    return tuple(action for action in Action if (state, action) in TRANSITIONS)


def who_may(action: Action) -> frozenset[Party]:
    """The parties entitled to ``action``."""
    return WHO_MAY[action]


def check_actor(
    request: SwapRequest, action: Action, actor_agent: str | None, is_supervisor: bool
) -> None:
    """Raise :class:`NotAllowed` unless the actor may take ``action`` on ``request``.

    ``actor_agent`` is the acting agent's id (None for a supervisor without an
    agent of the team). A supervisor acting for the team does not thereby
    speak for the two agents: accepting and withdrawing stay theirs.
    """
    parties = who_may(action)
    if Party.SUPERVISOR in parties and is_supervisor:
        return
    if actor_agent is not None:
        if Party.REQUESTER in parties and actor_agent == request.requester:
            return
        if Party.COUNTERPART in parties and actor_agent == request.counterpart:
            return
    names = {
        Party.REQUESTER: Phrase.of("swaps.party.requester", agent=request.requester),
        Party.COUNTERPART: Phrase.of("swaps.party.counterpart", agent=request.counterpart),
        Party.SUPERVISOR: Phrase.of("swaps.party.supervisor"),
    }
    entitled = [names[party] for party in Party if party in parties]
    who = entitled[0]
    for other in entitled[1:]:
        who = Phrase.of("swaps.either", first=who, second=other)
    actor: object = actor_agent if actor_agent is not None else Phrase.of("swaps.actor.unnamed")
    raise NotAllowed(
        "swaps.not_allowed",
        actor=actor,
        action=Phrase.of(f"swaps.action.{action.value}"),
        subject=_subject(request.id),
        who=who,
    )
