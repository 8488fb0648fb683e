"""The hash chain of the audit trail: canonical JSON, entry hashes, verification.

Each entry's hash is ``sha256(prev_hash + canonical_json(entry without its hash))``
where the entry is its sequence number, time, event, team, actor, subject,
payload and the previous entry's hash; the first entry's predecessor hash is 64
zeros. Changing, removing or inserting an entry breaks the chain at that
point. The chain protects against edits that do not recompute every later
hash; anchoring the last hash somewhere else (a printout, a second system)
would be needed against an attacker who does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from scheduler.store.records import AuditEntry, AuditVerification

GENESIS = "0" * 64


def canonical_json(value: object) -> str:
    """The one JSON spelling of ``value``: sorted keys, no spaces, UTF-8 text kept as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def normalise_payload(payload: object) -> Any:
    """``payload`` as it reads back from its canonical JSON (dates become ISO strings)."""
    return json.loads(
        json.dumps(payload, sort_keys=True, default=_json_default, ensure_ascii=False)
    )


def _json_default(value: object) -> object:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def entry_hash(
    *,
    seq: int,
    at: dt.datetime,
    event: str,
    team: str | None,
    actor: str,
    subject: str,
    payload: object,
    prev_hash: str,
) -> str:
    body = {
        "seq": seq,
        "at": at.astimezone(dt.UTC).isoformat(),
        "event": event,
        "team": team,
        "actor": actor,
        "subject": subject,
        "payload": payload,
        "prev_hash": prev_hash,
    }
    return hashlib.sha256((prev_hash + canonical_json(body)).encode("utf-8")).hexdigest()


def recompute(entry: AuditEntry) -> str:
    return entry_hash(
        seq=entry.seq,
        at=entry.at,
        event=entry.event,
        team=entry.team,
        actor=entry.actor,
        subject=entry.subject,
        payload=entry.payload,
        prev_hash=entry.prev_hash,
    )


def verify_chain(entries: Iterable[AuditEntry]) -> AuditVerification:
    """Walk the entries in sequence order and name the first that breaks the chain."""
    ordered = sorted(entries, key=lambda entry: entry.seq)
    total = len(ordered)
    expected_seq, prev_hash = 1, GENESIS
    for entry in ordered:
        if entry.seq > expected_seq:
            return AuditVerification(False, total, expected_seq, "removed", entry.seq)
        if entry.seq < expected_seq or entry.prev_hash != prev_hash:
            return AuditVerification(False, total, entry.seq, "unlinked")
        if recompute(entry) != entry.hash:
            return AuditVerification(False, total, entry.seq, "altered")
        expected_seq, prev_hash = entry.seq + 1, entry.hash
    return AuditVerification(True, total)
