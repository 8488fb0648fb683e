"""The tables of the store as a typed SQLAlchemy ORM.

The migrations in ``scheduler/store/migrations`` create these tables; a test
checks that the migrated schema and this metadata agree. Nothing outside
:mod:`scheduler.store` sees these classes: the store converts rows into frozen
dataclasses before its transaction ends.

A roster version is never edited: each change adds a version naming its
parent. ``parent_id`` is unique, and a partial unique index allows only one
root per team, so the history of a team is a single line and two writers that
start from the same version cannot both succeed.

API tokens and calendar feed tokens are kept as the SHA-256 of their secret,
never the secret itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An aware timestamp stored as UTC and read back as aware UTC.

    SQLite keeps no zone, so a value comes back naive there; PostgreSQL hands
    back the session's zone. Both are turned into UTC. Naive values are
    refused on the way in: a wall-clock time without a zone is ambiguous.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"timestamps must be timezone-aware, not {value!r}")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dt.datetime: UTCDateTime()}


class TeamRow(Base):
    __tablename__ = "team"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))
    notice_hours: Mapped[int] = mapped_column(Integer, server_default=text("24"))
    auto_approve: Mapped[bool] = mapped_column(Boolean, server_default=false())

    agents: Mapped[list[AgentRow]] = relationship(
        back_populates="team", order_by="AgentRow.code", lazy="raise"
    )


class AgentRow(Base):
    __tablename__ = "agent"
    __table_args__ = (UniqueConstraint("team_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"))
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))

    team: Mapped[TeamRow] = relationship(back_populates="agents", lazy="raise")


class InstanceRow(Base):
    __tablename__ = "instance"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(Text)  # the YAML as uploaded
    data: Mapped[Any] = mapped_column(JSON)  # the validated model, model_dump(mode="json")
    sha256: Mapped[str] = mapped_column(String(64))  # of ``source``
    created_at: Mapped[dt.datetime]


class SolveResultRow(Base):
    __tablename__ = "solve_result"

    id: Mapped[int] = mapped_column(primary_key=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("instance.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    objective: Mapped[int | None] = mapped_column(Integer)
    best_bound: Mapped[float | None] = mapped_column(Float)
    wall_time_s: Mapped[float] = mapped_column(Float)
    penalties: Mapped[Any] = mapped_column(JSON)
    created_at: Mapped[dt.datetime]


class VersionRow(Base):
    __tablename__ = "roster_version"
    __table_args__ = (
        UniqueConstraint("team_id", "number"),
        # One parent, one child: history stays linear. NULL parents are distinct
        # in a unique constraint, hence the partial index for the root.
        UniqueConstraint("parent_id"),
        Index(
            "uq_roster_version_root",
            "team_id",
            unique=True,
            sqlite_where=text("parent_id IS NULL"),
            postgresql_where=text("parent_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"))
    number: Mapped[int] = mapped_column(Integer)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("roster_version.id"))
    instance_id: Mapped[int] = mapped_column(ForeignKey("instance.id"))
    solve_result_id: Mapped[int | None] = mapped_column(ForeignKey("solve_result.id"))
    reason: Mapped[str] = mapped_column(Text)
    published: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[dt.datetime]


class DutyRow(Base):
    __tablename__ = "duty"
    __table_args__ = (UniqueConstraint("version_id", "date", "shift", "slot"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("roster_version.id"))
    date: Mapped[dt.date] = mapped_column(Date)
    shift: Mapped[str] = mapped_column(String(64))
    slot: Mapped[int] = mapped_column(Integer)
    holder: Mapped[str] = mapped_column(String(64))  # agent code
    responsible: Mapped[str] = mapped_column(String(64))  # agent code
    reason: Mapped[str] = mapped_column(String(200))


class SwapRow(Base):
    __tablename__ = "swap_request"
    __table_args__ = (Index("ix_swap_request_team_state", "team_id", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"))
    base_version_id: Mapped[int] = mapped_column(ForeignKey("roster_version.id"))
    kind: Mapped[str] = mapped_column(String(16))
    requester_id: Mapped[int] = mapped_column(ForeignKey("agent.id"))
    requester_duty: Mapped[str] = mapped_column(String(100))  # DutyKey as text
    counterpart_id: Mapped[int] = mapped_column(ForeignKey("agent.id"))
    counterpart_duty: Mapped[str | None] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(16))
    filed_by_supervisor: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    decided_by: Mapped[str | None] = mapped_column(String(64))
    applied_version_id: Mapped[int | None] = mapped_column(ForeignKey("roster_version.id"))

    agreements: Mapped[list[AgreementRow]] = relationship(order_by="AgreementRow.id", lazy="raise")


class AgreementRow(Base):
    __tablename__ = "agreement"
    __table_args__ = (UniqueConstraint("swap_id", "agent_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    swap_id: Mapped[int] = mapped_column(ForeignKey("swap_request.id"))
    agent_id: Mapped[int] = mapped_column(ForeignKey("agent.id"))
    at: Mapped[dt.datetime]
    channel: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text)
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachment.id"))

    agent: Mapped[AgentRow] = relationship(lazy="raise")
    attachment: Mapped[AttachmentRow | None] = relationship(lazy="raise")


class AttachmentRow(Base):
    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(255))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class AuditRow(Base):
    """One link of the hash chain. ``team`` is the slug as text, not a foreign
    key: the log stands on its own and nothing cascades into it."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[dt.datetime]
    event: Mapped[str] = mapped_column(String(64))
    team: Mapped[str | None] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(100))
    payload: Mapped[str] = mapped_column(Text)  # canonical JSON, exactly as hashed
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class UserRow(Base):
    """Someone who may call the API: a supervisor (of one team, or of all when
    ``team_id`` is NULL) or an agent, bound to one agent of one team.

    The checks keep the binding consistent with the role; that the agent
    belongs to the team is checked by the store when the user is made.
    """

    __tablename__ = "app_user"
    __table_args__ = (
        UniqueConstraint("agent_id"),  # one user per agent
        CheckConstraint("role IN ('supervisor', 'agent')", name="role"),
        CheckConstraint(
            "(role = 'agent' AND team_id IS NOT NULL AND agent_id IS NOT NULL)"
            " OR (role = 'supervisor' AND agent_id IS NULL)",
            name="binding",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agent.id"))
    created_at: Mapped[dt.datetime]


class ApiTokenRow(Base):
    """A bearer token of a user. Only the SHA-256 of the secret is kept; ``prefix``
    (its first characters) lets people tell their tokens apart in a listing."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    label: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[dt.datetime]
    revoked_at: Mapped[dt.datetime | None]
    last_used_at: Mapped[dt.datetime | None]


class FeedTokenRow(Base):
    """The secret in the address of a calendar feed: an agent's duties, or the whole
    team's when ``agent_id`` is NULL. It grants reading that feed and nothing else.

    Only the SHA-256 of the secret is kept. A rotated token is revoked and names
    the token that replaced it through the new one's ``rotated_from``.
    """

    __tablename__ = "feed_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"), index=True)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agent.id"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[dt.datetime]
    revoked_at: Mapped[dt.datetime | None]
    rotated_from: Mapped[int | None] = mapped_column(ForeignKey("feed_token.id"))


class IdempotencyRow(Base):
    """The response given to a creating request with an ``Idempotency-Key``, kept so
    that a retry with the same key gets the same answer instead of a second write."""

    __tablename__ = "idempotency_record"
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    key: Mapped[str] = mapped_column(String(255))
    method: Mapped[str] = mapped_column(String(16))
    path: Mapped[str] = mapped_column(Text)
    request_hash: Mapped[str] = mapped_column(String(64))  # SHA-256 of method, path and body
    status: Mapped[int] = mapped_column(Integer)
    content_type: Mapped[str] = mapped_column(String(255))
    body: Mapped[bytes] = mapped_column(LargeBinary)
    headers: Mapped[str] = mapped_column(Text)  # JSON object, name -> value
    created_at: Mapped[dt.datetime]
