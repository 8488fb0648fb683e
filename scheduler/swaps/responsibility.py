"""Who answers for each duty after approved changes, following the rota policy.

The policy: if something goes wrong, the party that cannot produce proof of
the agreement bears full responsibility; with the proof, the agent due on duty
under the agreed change bears it. So a change moves the holder of a duty
always, but moves responsibility to the new holder only when both agreements
are on record (:attr:`SwapRequest.evidence_complete`); otherwise whoever was
responsible stays so. :attr:`Duty.reason` records why: ``roster``,
``swap:<id>`` or ``swap:<id>:no-evidence``.
"""

from __future__ import annotations

from collections.abc import Mapping

from scheduler.messages import DEFAULT_LANGUAGE, text
from scheduler.swaps.change import InvalidChange, apply_request
from scheduler.swaps.model import Duty, DutyKey, Phrase, SwapRequest, SwapState

ROSTER_REASON = "roster"
NO_EVIDENCE = "no-evidence"


def original_duties(holders: Mapping[DutyKey, str]) -> dict[DutyKey, Duty]:
    """The duties of a freshly published roster: each holder answers for their own duty."""
    return {key: Duty(key, agent, agent, ROSTER_REASON) for key, agent in holders.items()}


def swap_reason(request_id: int, evidence_complete: bool) -> str:
    return f"swap:{request_id}" if evidence_complete else f"swap:{request_id}:{NO_EVIDENCE}"


REROSTER = "reroster"  # reason "reroster:<parent version>", written by the roster service


def parse_reason(reason: str) -> tuple[int | None, bool]:
    """``(request id, evidence complete)`` of a reason; ``(None, True)`` for the roster.

    ValueError on a reason of none of the three forms.
    """
    if reason == ROSTER_REASON:
        return None, True
    parts = reason.split(":")
    if parts[0] == "swap" and len(parts) in (2, 3) and parts[1].isdigit():
        if len(parts) == 2:
            return int(parts[1]), True
        if parts[2] == NO_EVIDENCE:
            return int(parts[1]), False
    raise ValueError(f"unknown responsibility reason {reason!r}")


def after_change(
    duties_before: Mapping[DutyKey, Duty], request: SwapRequest
) -> dict[DutyKey, Duty]:
    """The duties once the APPROVED ``request`` is applied; ``duties_before`` is left alone.

    Holders move as :func:`~scheduler.swaps.change.apply_change` says (with
    its :class:`InvalidChange` when they cannot). A moved duty becomes the new
    holder's responsibility only with complete evidence; otherwise its
    previous responsible agent keeps it.
    """
    if request.state is not SwapState.APPROVED:
        raise InvalidChange(
            "swaps.change.not_approved",
            id=request.id,
            state=Phrase.of(f"swaps.state.{request.state.value}"),
        )
    holders = {key: duty.holder for key, duty in duties_before.items()}
    moved = apply_request(holders, request)
    complete = request.evidence_complete
    reason = swap_reason(request.id, complete)
    after = dict(duties_before)
    for key, holder in moved.items():
        if holder == holders[key]:
            continue
        previous = duties_before[key]
        responsible = holder if complete else previous.responsible
        after[key] = Duty(key, holder, responsible, reason)
    return after


def explain_responsibility(duty: Duty, language: str = DEFAULT_LANGUAGE) -> str:
    """Who answers for ``duty`` and why, in one plain sentence."""
    kind, _, version = duty.reason.partition(":")
    if kind == REROSTER and version.isdigit():
        # A re-roster after an absence gives the duty to its new holder outright.
        return text("swaps.responsible.reroster", language, agent=duty.responsible, version=version)
    request_id, complete = parse_reason(duty.reason)
    if request_id is None:
        sentence = text("swaps.responsible.roster", language, agent=duty.responsible)
    elif complete:
        sentence = text("swaps.responsible.swap", language, agent=duty.responsible, id=request_id)
    else:
        sentence = text(
            "swaps.responsible.no_evidence", language, agent=duty.responsible, id=request_id
        )
    if duty.holder != duty.responsible:
        sentence += text("swaps.responsible.holder", language, holder=duty.holder)
    return sentence
