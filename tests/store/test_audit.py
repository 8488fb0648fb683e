"""The audit trail: a hash chain that names the first entry altered, removed or inserted."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import text

from scheduler.store import Store, canonical_json
from scheduler.store.audit import GENESIS


def _log(store: Store, count: int = 5) -> None:
    for number in range(1, count + 1):
        with store.transaction("t") as tx:
            tx.append_audit(
                "filed", "t", "a1", f"swap:{number}", {"duty": "2026-11-30/E/0", "note": "换班"}
            )


@pytest.fixture
def logged(store: Store) -> Store:
    store.create_team("t", "Team", "UTC", "en")
    _log(store)
    return store


def _sql(store: Store, statement: str) -> None:
    with store.engine.begin() as connection:
        connection.execute(text(statement))


def test_an_untouched_chain_verifies(logged: Store) -> None:
    result = logged.verify_audit()
    assert (result.ok, result.entries, result.first_bad_seq) == (True, 5, None)
    assert result.describe() == "audit trail intact: 5 entries, every hash matches"


def test_entries_link_by_hash_over_canonical_json(logged: Store) -> None:
    first, second, *_ = logged.audit_log()
    assert first.prev_hash == GENESIS and second.prev_hash == first.hash
    assert first.at.tzinfo == dt.UTC
    body = {
        "seq": 1,
        "at": first.at.isoformat(),
        "event": "filed",
        "team": "t",
        "actor": "a1",
        "subject": "swap:1",
        "payload": {"duty": "2026-11-30/E/0", "note": "换班"},
        "prev_hash": GENESIS,
    }
    assert first.hash == hashlib.sha256((GENESIS + canonical_json(body)).encode()).hexdigest()


def test_an_altered_payload_is_named(logged: Store) -> None:
    _sql(
        logged,
        """UPDATE audit_entry SET payload = '{"duty":"2026-11-30/E/0","note":"no"}' WHERE seq = 3""",
    )
    result = logged.verify_audit()
    assert (result.ok, result.first_bad_seq, result.reason) == (False, 3, "altered")
    assert result.describe() == "audit entry 3 was altered: its hash does not match its content"
    assert result.describe("zh") == "审计记录 3 被篡改：哈希与内容不符"


def test_an_altered_hash_is_named(logged: Store) -> None:
    _sql(logged, f"UPDATE audit_entry SET hash = '{'f' * 64}' WHERE seq = 2")
    result = logged.verify_audit()
    assert (result.first_bad_seq, result.reason) == (2, "altered")


def test_a_removed_entry_is_named(logged: Store) -> None:
    _sql(logged, "DELETE FROM audit_entry WHERE seq = 4")
    result = logged.verify_audit()
    assert (result.ok, result.first_bad_seq, result.reason, result.entries) == (
        False,
        4,
        "removed",
        4,
    )
    assert "jumps from 3 to 5" in result.describe()


def test_a_removed_entry_hidden_by_renumbering_is_named(logged: Store) -> None:
    _sql(logged, "DELETE FROM audit_entry WHERE seq = 2")
    for seq in (3, 4, 5):
        _sql(logged, f"UPDATE audit_entry SET seq = {seq - 1} WHERE seq = {seq}")
    result = logged.verify_audit()
    assert (result.first_bad_seq, result.reason) == (2, "unlinked")


def test_appending_after_a_verified_chain_keeps_it_valid(logged: Store) -> None:
    _log(logged, 2)
    assert logged.verify_audit().entries == 7
    assert logged.verify_audit().ok
    assert [entry.seq for entry in logged.audit_log("t")] == list(range(1, 8))


def test_an_audit_entry_is_written_with_its_change_or_not_at_all(logged: Store) -> None:
    with pytest.raises(RuntimeError), logged.transaction("t") as tx:
        tx.append_audit("approved", "t", "boss", "swap:9", {"at": dt.date(2026, 12, 1)})
        raise RuntimeError("the change failed")
    assert len(logged.audit_log()) == 5
