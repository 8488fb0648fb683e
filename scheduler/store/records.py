"""What the store hands out: frozen plain data, never ORM objects.

Swap requests, agreements and duties use the shared vocabulary of
:mod:`scheduler.swaps.model`; the records here add what only the store knows
(ids, numbers, timestamps).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from scheduler.messages import text
from scheduler.result import Penalty, Status
from scheduler.swaps.model import Duty, SwapRequest


@dataclass(frozen=True)
class AgentRecord:
    code: str  # the agent id used in instances and duties, e.g. "a1"
    name: str


@dataclass(frozen=True)
class TeamRecord:
    slug: str
    name: str
    timezone: str
    language: str
    notice_hours: int
    auto_approve: bool
    agents: tuple[AgentRecord, ...]

    @property
    def agent_codes(self) -> frozenset[str]:
        return frozenset(agent.code for agent in self.agents)


@dataclass(frozen=True)
class InstanceRecord:
    id: int
    team: str
    name: str
    sha256: str  # of the source text as uploaded
    created_at: dt.datetime


@dataclass(frozen=True)
class ResultRecord:
    id: int
    instance_id: int
    status: Status
    objective: int | None
    best_bound: float | None
    wall_time_s: float
    penalties: tuple[Penalty, ...]
    created_at: dt.datetime


@dataclass(frozen=True)
class VersionInfo:
    """A roster version without its duties."""

    team: str
    number: int  # 1, 2, ... per team
    parent: int | None  # the parent's number; None for the first version
    reason: str
    published: bool
    created_at: dt.datetime
    instance_id: int
    result_id: int | None


@dataclass(frozen=True)
class VersionRecord(VersionInfo):
    """A roster version with its duties, sorted by key."""

    duties: tuple[Duty, ...]

    @property
    def info(self) -> VersionInfo:
        return VersionInfo(
            self.team,
            self.number,
            self.parent,
            self.reason,
            self.published,
            self.created_at,
            self.instance_id,
            self.result_id,
        )


@dataclass(frozen=True)
class SwapRecord:
    """A swap request with what the store keeps about it besides the request itself."""

    request: SwapRequest
    team: str
    base_version: int  # number of the roster version the request was filed against
    created_at: dt.datetime
    updated_at: dt.datetime
    decided_by: str | None  # who moved it into its final state
    applied_version: int | None  # the version that applied it, once approved


@dataclass(frozen=True)
class AttachmentInfo:
    content_type: str
    filename: str


@dataclass(frozen=True)
class Attachment:
    sha256: str
    content_type: str
    size: int
    filename: str
    data: bytes


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: dt.datetime
    event: str
    team: str | None
    actor: str
    subject: str
    payload: object  # the parsed canonical JSON
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class AuditVerification:
    """The outcome of recomputing the audit chain.

    ``reason`` is ``None`` when the chain is intact, else ``"altered"`` (an
    entry's hash does not match its content), ``"removed"`` (the sequence has
    a gap) or ``"unlinked"`` (an entry does not name its predecessor's hash: an
    entry was inserted, or one removed and the rest renumbered).
    ``first_bad_seq`` is the sequence number of the first entry concerned.
    """

    ok: bool
    entries: int
    first_bad_seq: int | None = None
    reason: str | None = None
    found_seq: int | None = None  # for "removed": the sequence number found instead

    def describe(self, language: str = "en") -> str:
        if self.ok or self.reason is None:
            return text("store.audit.ok", language, entries=self.entries)
        seq = self.first_bad_seq
        if self.reason == "removed":
            previous = (seq or 1) - 1
            return text(
                "store.audit.removed", language, seq=seq, previous=previous, found=self.found_seq
            )
        return text(f"store.audit.{self.reason}", language, seq=seq)


class Role(StrEnum):
    """What a user may do: a supervisor manages a team (or all teams), an agent acts for themselves."""

    SUPERVISOR = "supervisor"
    AGENT = "agent"


@dataclass(frozen=True)
class UserRecord:
    """A user of the API. An agent user is bound to one agent (``agent``, its code)
    of one team; a supervisor to one team, or to none, meaning all teams."""

    id: int
    name: str
    role: Role
    team: str | None  # team slug
    agent: str | None  # agent code, for an agent user


@dataclass(frozen=True)
class TokenRecord:
    """An API token without its secret, which the store does not keep."""

    id: int
    user: str  # user name
    label: str
    prefix: str  # the first characters of the secret, to tell tokens apart
    created_at: dt.datetime
    revoked_at: dt.datetime | None
    last_used_at: dt.datetime | None  # to the minute: see Store.user_for_token

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


@dataclass(frozen=True)
class FeedTokenRecord:
    """A calendar feed token without its secret: whose feed it opens, and its state."""

    id: int
    team: str  # team slug
    agent: str | None  # agent code; None for the team's feed
    prefix: str  # the first characters of the secret, to tell tokens apart
    created_at: dt.datetime
    revoked_at: dt.datetime | None
    rotated_from: int | None  # the token this one replaced by rotation

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


@dataclass(frozen=True)
class IdempotentResponse:
    """The response stored for a request with an ``Idempotency-Key``, replayed on a retry."""

    key: str
    method: str
    path: str
    request_hash: str  # SHA-256 of method, path and body: a retry must match it
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str]
    created_at: dt.datetime
