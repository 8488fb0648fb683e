"""Swap requests, their agreements and attachments, and state changes that cannot race."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from zoneinfo import ZoneInfo

import pytest

from scheduler.store import AttachmentInfo, Conflict, NotFound, Store
from scheduler.swaps.model import Agreement, Channel, SwapKind, SwapRequest, SwapState
from tests.store.conftest import key

AT = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)
SCREENSHOT = b"\x89PNG\r\n\x1a\n fake chat screenshot"


def _file(store: Store, team: str, *, attachment: bool = False) -> SwapRequest:
    """a1 offers day 0 to a2 for a2's day 1."""
    return store.create_swap(
        team,
        1,
        SwapKind.SWAP,
        "a1",
        key(0),
        "a2",
        key(1),
        agreement=Agreement("a1", AT, Channel.CHAT, "ok with Bo"),
        attachment=(SCREENSHOT, AttachmentInfo("image/png", "chat.png")) if attachment else None,
    )


def test_a_request_is_filed_with_the_requester_agreement(store: Store, team: str) -> None:
    filed = _file(store, team, attachment=True)
    assert filed.state is SwapState.REQUESTED
    assert (filed.requester, filed.requester_duty, filed.counterpart, filed.counterpart_duty) == (
        "a1",
        key(0),
        "a2",
        key(1),
    )
    (agreement,) = filed.agreements
    assert agreement == Agreement(
        "a1", AT, Channel.CHAT, "ok with Bo", hashlib.sha256(SCREENSHOT).hexdigest()
    )
    assert not filed.evidence_complete
    assert store.swap(filed.id) == filed
    record = store.swap_record(filed.id)
    assert (record.team, record.base_version, record.decided_by, record.applied_version) == (
        team,
        1,
        None,
        None,
    )
    assert record.created_at.tzinfo == dt.UTC


def test_a_cover_has_no_counterpart_duty(store: Store, team: str) -> None:
    cover = store.create_swap(
        team,
        1,
        SwapKind.COVER,
        "a1",
        key(0),
        "a3",
        None,
        agreement=Agreement("a1", AT, Channel.PHONE),
        filed_by_supervisor=True,
    )
    assert (cover.kind, cover.counterpart_duty, cover.filed_by_supervisor) == (
        SwapKind.COVER,
        None,
        True,
    )


def test_acceptance_completes_the_evidence_and_approval_records_the_version(
    store: Store, team: str
) -> None:
    filed = _file(store, team)
    # Agreement times keep their instant and come back in UTC.
    shanghai = dt.datetime(2026, 11, 21, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    accepted = store.transition(
        filed.id,
        SwapState.REQUESTED,
        SwapState.ACCEPTED,
        "a2",
        agreement=Agreement("a2", shanghai, Channel.IN_PERSON),
    )
    assert accepted.state is SwapState.ACCEPTED and accepted.evidence_complete
    assert accepted.agreements[1].at == shanghai
    assert accepted.agreements[1].at.tzinfo == dt.UTC
    store.new_version(team, 1, [], "swap 1")
    approved = store.transition(
        filed.id, SwapState.ACCEPTED, SwapState.APPROVED, "boss", applied_version=2
    )
    assert approved.state is SwapState.APPROVED
    record = store.swap_record(filed.id)
    assert (record.decided_by, record.applied_version) == ("boss", 2)
    assert record.updated_at >= record.created_at
    assert store.swaps(team, SwapState.APPROVED) == (approved,)
    assert store.swaps(team, SwapState.REQUESTED) == ()


def test_a_transition_from_a_stale_state_conflicts(store: Store, team: str) -> None:
    filed = _file(store, team)
    store.transition(filed.id, SwapState.REQUESTED, SwapState.ACCEPTED, "a2")
    with pytest.raises(Conflict) as stale:
        store.transition(filed.id, SwapState.REQUESTED, SwapState.WITHDRAWN, "a1")
    assert str(stale.value) == f"swap {filed.id} changed meanwhile: it is now accepted"
    assert store.swap(filed.id).state is SwapState.ACCEPTED


def test_the_same_agent_agrees_once(store: Store, team: str) -> None:
    filed = _file(store, team)
    with pytest.raises(Conflict, match="already agreed"):
        store.transition(
            filed.id,
            SwapState.REQUESTED,
            SwapState.ACCEPTED,
            "a1",
            agreement=Agreement("a1", AT, Channel.CHAT),
        )
    # The state change went with it.
    assert store.swap(filed.id).state is SwapState.REQUESTED


def test_unknown_agents_and_versions_are_refused(store: Store, team: str) -> None:
    with pytest.raises(NotFound, match="agent zz is not a member"):
        store.create_swap(
            team, 1, SwapKind.COVER, "a1", key(0), "zz", None, agreement=Agreement("a1", AT, "chat")
        )
    with pytest.raises(NotFound, match="no roster version 5"):
        _ = store.create_swap(
            team, 5, SwapKind.COVER, "a1", key(0), "a2", None, agreement=Agreement("a1", AT, "chat")
        )
    assert store.swaps(team) == ()


def test_two_acceptances_racing_one_wins(store: Store, team: str) -> None:
    filed = _file(store, team)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def act(new_state: SwapState, actor: str) -> None:
        barrier.wait(timeout=10)
        try:
            store.transition(filed.id, SwapState.REQUESTED, new_state, actor)
            outcomes.append(new_state.value)
        except Conflict:
            outcomes.append("conflict")

    threads = [
        threading.Thread(target=act, args=(SwapState.ACCEPTED, "a2")),
        threading.Thread(target=act, args=(SwapState.WITHDRAWN, "a1")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(outcomes) == 2 and outcomes.count("conflict") == 1
    (winner,) = set(outcomes) - {"conflict"}
    assert store.swap(filed.id).state.value == winner


def test_attachments_round_trip_under_their_sha256(store: Store) -> None:
    info = AttachmentInfo("image/png", "chat.png")
    first = store.add_attachment(SCREENSHOT, info)
    assert store.add_attachment(SCREENSHOT, info) == first  # the same bytes are kept once
    digest = hashlib.sha256(SCREENSHOT).hexdigest()
    stored = store.attachment(digest)
    assert (stored.data, stored.size, stored.content_type, stored.filename) == (
        SCREENSHOT,
        len(SCREENSHOT),
        "image/png",
        "chat.png",
    )
    with pytest.raises(NotFound) as missing:
        store.attachment("0" * 64)
    assert "0" * 64 in missing.value.describe("zh")


def test_two_approvals_racing_apply_once_and_log_once(store: Store, team: str) -> None:
    """The service's shape: check, new version, swap state, audit, in one transaction."""
    filed = _file(store, team)
    store.transition(filed.id, SwapState.REQUESTED, SwapState.ACCEPTED, "a2")
    head = store.current_version(team)
    assert head is not None
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def approve(supervisor: str) -> None:
        barrier.wait(timeout=10)
        try:
            with store.transaction(team) as tx:
                version = tx.new_version(team, head.number, head.duties, f"swap {filed.id}")
                tx.transition(
                    filed.id,
                    SwapState.ACCEPTED,
                    SwapState.APPROVED,
                    supervisor,
                    applied_version=version.number,
                )
                tx.append_audit("approved", team, supervisor, f"swap:{filed.id}", {})
            outcomes.append(supervisor)
        except Conflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=approve, args=(name,)) for name in ("boss", "deputy")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(outcomes) == 2 and outcomes.count("conflict") == 1
    record = store.swap_record(filed.id)
    assert (record.request.state, record.applied_version) == (SwapState.APPROVED, 2)
    assert [info.number for info in store.versions(team)] == [1, 2]
    (entry,) = store.audit_log()
    assert entry.actor == record.decided_by
    assert store.verify_audit().ok
