"""The store: teams, instances, results, roster versions, swap requests, the audit trail,
the users of the API with their tokens and idempotent responses, and calendar feed tokens.

:class:`Transaction` holds the operations; each runs inside the transaction it
belongs to. :class:`Store` offers the same operations, each in a transaction
of its own, and :meth:`Store.transaction` for several operations that must
succeed or fail together ("check the state, write a new version, update the
swap, append to the audit trail").

Writers are serialised per team: on PostgreSQL the first write of a
transaction locks the team's row (``SELECT ... FOR UPDATE``), on SQLite every
write transaction starts with ``BEGIN IMMEDIATE`` and holds the database's
write lock. Appending to the audit trail also takes a lock on the whole chain
(an advisory lock on PostgreSQL), so the chain never forks. On top of the
locks, the schema itself refuses a second child of a roster version, and a
swap changes state only with a conditional ``UPDATE ... WHERE state = ?``:
whoever comes second gets :class:`Conflict` and their transaction writes
nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar, cast

from sqlalchemy import (
    CursorResult,
    Engine,
    Select,
    delete,
    exists,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased, sessionmaker

from scheduler.instance import Instance, parse_instance
from scheduler.result import Penalty, Result, Status
from scheduler.store.audit import (
    GENESIS,
    canonical_json,
    entry_hash,
    normalise_payload,
    verify_chain,
)
from scheduler.store.database import writer
from scheduler.store.errors import Conflict, NotFound, StoreError
from scheduler.store.records import (
    AgentRecord,
    Attachment,
    AttachmentInfo,
    AuditEntry,
    AuditVerification,
    FeedTokenRecord,
    IdempotentResponse,
    InstanceRecord,
    ResultRecord,
    Role,
    SwapRecord,
    TeamRecord,
    TokenRecord,
    UserRecord,
    VersionInfo,
    VersionRecord,
)
from scheduler.store.schema import (
    AgentRow,
    AgreementRow,
    ApiTokenRow,
    AttachmentRow,
    AuditRow,
    DutyRow,
    FeedTokenRow,
    IdempotencyRow,
    InstanceRow,
    SolveResultRow,
    SwapRow,
    TeamRow,
    UserRow,
    VersionRow,
)
from scheduler.store.tokens import display_prefix, hash_secret, new_secret
from scheduler.swaps.model import (
    Agreement,
    Channel,
    Duty,
    DutyKey,
    SwapKind,
    SwapRequest,
    SwapState,
)

Clock = Callable[[], dt.datetime]
Upload = tuple[bytes, AttachmentInfo]
"""An attachment to store with an agreement: its bytes and what they are."""

_V = TypeVar("_V")
_AUDIT_LOCK = 7_305_002  # pg_advisory_xact_lock key of the audit chain
_NAME_LENGTH = 64  # of a user name (app_user.name)
TOKEN_USE_RESOLUTION = dt.timedelta(minutes=1)
"""``last_used_at`` of a token is written at most this often: not a write per request."""


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Transaction:
    """The store's operations inside one open transaction.

    Obtained from :meth:`Store.transaction` (writes allowed) or used by the
    read-only methods of :class:`Store`; do not keep it after its ``with``
    block. An exception leaving the block rolls everything back.
    """

    def __init__(self, session: Session, *, write: bool, clock: Clock) -> None:
        self._session = session
        self._write = write
        self._clock = clock
        self._postgres = session.get_bind().dialect.name == "postgresql"
        self._locked: set[int] = set()

    # -- locking -------------------------------------------------------------

    def lock(self, team: str) -> None:
        """Take the team's write lock now (it is taken on the first write anyway)."""
        self._team_row(team, lock=True)

    def _require_write(self) -> None:
        if not self._write:
            raise RuntimeError("a read-only transaction cannot write; use Store.transaction()")

    def _lock_id(self, team_id: int) -> None:
        self._require_write()
        if team_id in self._locked:
            return
        if self._postgres:
            self._session.execute(select(TeamRow.id).where(TeamRow.id == team_id).with_for_update())
        # SQLite: BEGIN IMMEDIATE already holds the database's write lock.
        self._locked.add(team_id)

    def _team_row(self, slug: str, *, lock: bool = False) -> TeamRow:
        row = self._session.scalars(select(TeamRow).where(TeamRow.slug == slug)).one_or_none()
        if row is None:
            raise NotFound("store.not_found.team", team=slug)
        if lock:
            self._lock_id(row.id)
        return row

    def _team_slug(self, team_id: int) -> str:
        return self._session.scalars(select(TeamRow.slug).where(TeamRow.id == team_id)).one()

    # -- teams and agents ----------------------------------------------------

    def create_team(
        self,
        slug: str,
        name: str,
        timezone: str,
        language: str,
        agents: Iterable[tuple[str, str]] = (),
        notice_hours: int = 24,
        auto_approve: bool = False,
    ) -> TeamRecord:
        """A new team with its agents, given as ``(code, name)`` pairs."""
        self._require_write()
        if self._session.scalars(select(TeamRow.id).where(TeamRow.slug == slug)).first():
            raise Conflict("store.conflict.team_exists", team=slug)
        row = TeamRow(
            slug=slug,
            name=name,
            timezone=timezone,
            language=language,
            notice_hours=notice_hours,
            auto_approve=auto_approve,
        )
        self._session.add(row)
        self._flush(Conflict("store.conflict.team_exists", team=slug))
        self._locked.add(row.id)
        self._insert_agents(row, agents)
        return self.team(slug)

    def add_agents(self, team: str, agents: Iterable[tuple[str, str]]) -> TeamRecord:
        """Add agents, given as ``(code, name)`` pairs, to a team."""
        self._insert_agents(self._team_row(team, lock=True), agents)
        return self.team(team)

    def _insert_agents(self, team: TeamRow, agents: Iterable[tuple[str, str]]) -> None:
        existing = set(self._agent_ids(team.id))
        for code, name in agents:
            if code in existing:
                raise Conflict("store.conflict.agent_exists", agent=code, team=team.slug)
            existing.add(code)
            self._session.add(AgentRow(team_id=team.id, code=code, name=name))
        self._session.flush()

    def team(self, slug: str) -> TeamRecord:
        row = self._team_row(slug)
        agents = self._session.execute(
            select(AgentRow.code, AgentRow.name)
            .where(AgentRow.team_id == row.id)
            .order_by(AgentRow.code)
        )
        return TeamRecord(
            slug=row.slug,
            name=row.name,
            timezone=row.timezone,
            language=row.language,
            notice_hours=row.notice_hours,
            auto_approve=row.auto_approve,
            agents=tuple(AgentRecord(code, name) for code, name in agents),
        )

    def teams(self) -> tuple[TeamRecord, ...]:
        slugs = self._session.scalars(select(TeamRow.slug).order_by(TeamRow.slug)).all()
        return tuple(self.team(slug) for slug in slugs)

    def update_team_settings(
        self,
        slug: str,
        *,
        name: str | None = None,
        timezone: str | None = None,
        language: str | None = None,
        notice_hours: int | None = None,
        auto_approve: bool | None = None,
    ) -> TeamRecord:
        """Change the given settings, leave the others."""
        row = self._team_row(slug, lock=True)
        if name is not None:
            row.name = name
        if timezone is not None:
            row.timezone = timezone
        if language is not None:
            row.language = language
        if notice_hours is not None:
            row.notice_hours = notice_hours
        if auto_approve is not None:
            row.auto_approve = auto_approve
        self._session.flush()
        return self.team(slug)

    def _agent_ids(self, team_id: int) -> dict[str, int]:
        rows = self._session.execute(
            select(AgentRow.code, AgentRow.id).where(AgentRow.team_id == team_id)
        )
        return {code: agent_id for code, agent_id in rows}

    def _agent_id(self, team: TeamRow, code: str) -> int:
        agent_id = self._session.scalars(
            select(AgentRow.id).where(AgentRow.team_id == team.id, AgentRow.code == code)
        ).one_or_none()
        if agent_id is None:
            raise NotFound("store.not_found.agent", agent=code, team=team.slug)
        return agent_id

    # -- instances and solve results -----------------------------------------

    def save_instance(self, team: str, instance: Instance, source: str) -> InstanceRecord:
        """Keep the instance as uploaded (``source``) and as validated."""
        team_row = self._team_row(team, lock=True)
        row = InstanceRow(
            team_id=team_row.id,
            name=instance.name,
            source=source,
            data=instance.model_dump(mode="json"),
            sha256=hashlib.sha256(source.encode("utf-8")).hexdigest(),
            created_at=self._clock(),
        )
        self._session.add(row)
        self._session.flush()
        return InstanceRecord(row.id, team, row.name, row.sha256, row.created_at)

    def _instance_row(self, instance_id: int) -> InstanceRow:
        row = self._session.get(InstanceRow, instance_id)
        if row is None:
            raise NotFound("store.not_found.instance", id=instance_id)
        return row

    def instance_record(self, instance_id: int) -> InstanceRecord:
        row = self._instance_row(instance_id)
        return InstanceRecord(
            row.id, self._team_slug(row.team_id), row.name, row.sha256, row.created_at
        )

    def instance_source(self, instance_id: int) -> str:
        """The instance text exactly as it was uploaded."""
        return self._instance_row(instance_id).source

    def instance_with_source(self, team: str, source: str) -> InstanceRecord | None:
        """The team's newest instance uploaded with exactly this text, if any."""
        sha256 = hashlib.sha256(source.encode("utf-8")).hexdigest()
        return next((r for r in self.instances(team) if r.sha256 == sha256), None)

    def instances(self, team: str) -> tuple[InstanceRecord, ...]:
        """The team's uploaded instances, newest first."""
        team_row = self._team_row(team)
        rows = self._session.scalars(
            select(InstanceRow)
            .where(InstanceRow.team_id == team_row.id)
            .order_by(InstanceRow.id.desc())
        )
        return tuple(InstanceRecord(r.id, team, r.name, r.sha256, r.created_at) for r in rows)

    def load_instance_record(self, instance_id: int) -> Instance:
        """The stored instance, validated again."""
        row = self._instance_row(instance_id)
        return parse_instance(row.data, source=f"instance {instance_id}")

    def save_result(self, instance_id: int, result: Result) -> int:
        instance = self._instance_row(instance_id)
        self._lock_id(instance.team_id)
        row = SolveResultRow(
            instance_id=instance_id,
            status=result.status.value,
            objective=result.objective,
            best_bound=result.best_bound,
            wall_time_s=result.wall_time_s,
            penalties=[_penalty_json(penalty) for penalty in result.penalties],
            created_at=self._clock(),
        )
        self._session.add(row)
        self._session.flush()
        return row.id

    def result_record(self, result_id: int) -> ResultRecord:
        row = self._session.get(SolveResultRow, result_id)
        if row is None:
            raise NotFound("store.not_found.result", id=result_id)
        return ResultRecord(
            id=row.id,
            instance_id=row.instance_id,
            status=Status(row.status),
            objective=row.objective,
            best_bound=row.best_bound,
            wall_time_s=row.wall_time_s,
            penalties=tuple(_penalty_from_json(item) for item in row.penalties),
            created_at=row.created_at,
        )

    # -- roster versions ------------------------------------------------------

    def publish(
        self,
        team: str,
        instance_id: int,
        result_id: int | None,
        duties: Sequence[Duty],
        reason: str,
    ) -> VersionRecord:
        """A new published version on top of the current one (the first if there is none)."""
        team_row = self._team_row(team, lock=True)
        head = self._head_row(team_row.id)
        return self._add_version(team_row, head, instance_id, result_id, duties, reason, True)

    def new_version(
        self,
        team: str,
        parent_number: int,
        duties: Sequence[Duty],
        reason: str,
        *,
        instance_id: int | None = None,
        result_id: int | None = None,
        published: bool = True,
    ) -> VersionRecord:
        """A version replacing ``parent_number``, which must still be the current one.

        The instance is the parent's unless given. Raises :class:`Conflict` when
        another version was added on top of the parent meanwhile.
        """
        team_row = self._team_row(team, lock=True)
        parent = self._version_row(team_row, parent_number)
        head = self._head_row(team_row.id)
        if head is None or head.id != parent.id:
            raise self._stale(team, parent_number, head)
        return self._add_version(
            team_row,
            parent,
            parent.instance_id if instance_id is None else instance_id,
            result_id,
            duties,
            reason,
            published,
        )

    def _stale(self, team: str, parent_number: int, head: VersionRow | None) -> Conflict:
        return Conflict(
            "store.conflict.stale_version",
            team=team,
            parent=parent_number,
            head=head.number if head else "-",
        )

    def _add_version(
        self,
        team: TeamRow,
        parent: VersionRow | None,
        instance_id: int,
        result_id: int | None,
        duties: Sequence[Duty],
        reason: str,
        published: bool,
    ) -> VersionRecord:
        keys = [duty.key for duty in duties]
        if len(set(keys)) != len(keys):
            duplicates = sorted({str(key) for key in keys if keys.count(key) > 1})
            raise ValueError(f"duties listed twice: {', '.join(duplicates)}")
        known = self._agent_ids(team.id)
        for duty in duties:
            for code in (duty.holder, duty.responsible):
                if code not in known:
                    raise NotFound("store.not_found.agent", agent=code, team=team.slug)
        if self._instance_row(instance_id).team_id != team.id:
            raise NotFound("store.not_found.instance", id=instance_id)
        if result_id is not None and self._session.get(SolveResultRow, result_id) is None:
            raise NotFound("store.not_found.result", id=result_id)
        row = VersionRow(
            team_id=team.id,
            number=parent.number + 1 if parent else 1,
            parent_id=parent.id if parent else None,
            instance_id=instance_id,
            solve_result_id=result_id,
            reason=reason,
            published=published,
            created_at=self._clock(),
        )
        self._session.add(row)
        # The locks make this a formality; the unique parent is what guarantees it.
        self._flush(self._stale(team.slug, parent.number if parent else 0, None))
        if duties:
            self._session.execute(
                insert(DutyRow),
                [
                    {
                        "version_id": row.id,
                        "date": duty.key.date,
                        "shift": duty.key.shift,
                        "slot": duty.key.slot,
                        "holder": duty.holder,
                        "responsible": duty.responsible,
                        "reason": duty.reason,
                    }
                    for duty in duties
                ],
            )
        return self._version_record(row, team.slug)

    def _head_row(self, team_id: int) -> VersionRow | None:
        child = aliased(VersionRow)
        return self._session.scalars(
            select(VersionRow).where(
                VersionRow.team_id == team_id,
                ~exists().where(child.parent_id == VersionRow.id),
            )
        ).one_or_none()

    def _version_row(self, team: TeamRow, number: int) -> VersionRow:
        row = self._session.scalars(
            select(VersionRow).where(VersionRow.team_id == team.id, VersionRow.number == number)
        ).one_or_none()
        if row is None:
            raise NotFound("store.not_found.version", team=team.slug, number=number)
        return row

    def _version_info(self, row: VersionRow, team: str) -> VersionInfo:
        parent = None
        if row.parent_id is not None:
            parent = self._session.scalars(
                select(VersionRow.number).where(VersionRow.id == row.parent_id)
            ).one()
        return VersionInfo(
            team=team,
            number=row.number,
            parent=parent,
            reason=row.reason,
            published=row.published,
            created_at=row.created_at,
            instance_id=row.instance_id,
            result_id=row.solve_result_id,
        )

    def _version_record(self, row: VersionRow, team: str) -> VersionRecord:
        info = self._version_info(row, team)
        duties = self._session.execute(
            select(
                DutyRow.date,
                DutyRow.shift,
                DutyRow.slot,
                DutyRow.holder,
                DutyRow.responsible,
                DutyRow.reason,
            )
            .where(DutyRow.version_id == row.id)
            .order_by(DutyRow.date, DutyRow.shift, DutyRow.slot)
        )
        return VersionRecord(
            **vars(info),
            duties=tuple(
                Duty(DutyKey(day, shift, slot), holder, responsible, reason)
                for day, shift, slot, holder, responsible, reason in duties
            ),
        )

    def current_version(self, team: str) -> VersionRecord | None:
        """The head of the team's history: the version no other version names as parent."""
        head = self._head_row(self._team_row(team).id)
        return None if head is None else self._version_record(head, team)

    def version(self, team: str, number: int) -> VersionRecord:
        return self._version_record(self._version_row(self._team_row(team), number), team)

    def versions(self, team: str) -> tuple[VersionInfo, ...]:
        """Every version of the team, oldest first, without duties."""
        team_row = self._team_row(team)
        rows = self._session.scalars(
            select(VersionRow).where(VersionRow.team_id == team_row.id).order_by(VersionRow.number)
        ).all()
        return tuple(self._version_info(row, team) for row in rows)

    def version_chain(self, team: str) -> tuple[VersionRecord, ...]:
        """Every version of the team with its duties, oldest first: the history up to the
        current version (what a calendar feed needs to tell how often a duty moved)."""
        team_row = self._team_row(team)
        rows = self._session.scalars(
            select(VersionRow).where(VersionRow.team_id == team_row.id).order_by(VersionRow.number)
        ).all()
        return tuple(self._version_record(row, team) for row in rows)

    # -- swap requests --------------------------------------------------------

    def create_swap(
        self,
        team: str,
        base_version: int,
        kind: SwapKind,
        requester: str,
        requester_duty: DutyKey,
        counterpart: str,
        counterpart_duty: DutyKey | None,
        *,
        agreement: Agreement | None,
        filed_by_supervisor: bool = False,
        attachment: Upload | None = None,
    ) -> SwapRequest:
        """File a request in state ``requested`` with the requester's agreement on record.

        ``agreement`` is None only when a supervisor files for an agent whose
        agreement is not evidenced: the request then never becomes complete.
        """
        team_row = self._team_row(team, lock=True)
        version = self._version_row(team_row, base_version)
        now = self._clock()
        row = SwapRow(
            team_id=team_row.id,
            base_version_id=version.id,
            kind=SwapKind(kind).value,
            requester_id=self._agent_id(team_row, requester),
            requester_duty=str(requester_duty),
            counterpart_id=self._agent_id(team_row, counterpart),
            counterpart_duty=None if counterpart_duty is None else str(counterpart_duty),
            state=SwapState.REQUESTED.value,
            filed_by_supervisor=filed_by_supervisor,
            created_at=now,
            updated_at=now,
        )
        self._session.add(row)
        self._session.flush()
        if agreement is not None:
            self._add_agreement(team_row, row.id, agreement, attachment)
        return self.swap(row.id)

    def transition(
        self,
        swap_id: int,
        expected_state: SwapState,
        new_state: SwapState,
        actor: str,
        *,
        agreement: Agreement | None = None,
        attachment: Upload | None = None,
        applied_version: int | None = None,
    ) -> SwapRequest:
        """Move a swap from ``expected_state`` to ``new_state``, or raise :class:`Conflict`.

        The change is a conditional update, so of two transactions that start
        from the same state only the first succeeds. ``agreement`` is recorded
        with it (the counterpart's, on acceptance); ``actor`` is kept as
        ``decided_by`` when the new state is final; ``applied_version`` is the
        number of the version that applied the swap.
        """
        team_id = self._session.scalars(
            select(SwapRow.team_id).where(SwapRow.id == swap_id)
        ).one_or_none()
        if team_id is None:
            raise NotFound("store.not_found.swap", id=swap_id)
        self._lock_id(team_id)
        team_row = self._session.get_one(TeamRow, team_id)
        values: dict[str, Any] = {"state": SwapState(new_state).value, "updated_at": self._clock()}
        if SwapState(new_state).final:
            values["decided_by"] = actor
        if applied_version is not None:
            values["applied_version_id"] = self._version_row(team_row, applied_version).id
        changed = cast(
            "CursorResult[Any]",
            self._session.execute(
                update(SwapRow)
                .where(SwapRow.id == swap_id, SwapRow.state == SwapState(expected_state).value)
                .values(**values)
                .execution_options(synchronize_session="fetch")
            ),
        )
        if changed.rowcount != 1:
            now_state = self._session.scalars(
                select(SwapRow.state).where(SwapRow.id == swap_id)
            ).one()
            raise Conflict("store.conflict.swap_state", id=swap_id, state=now_state)
        if agreement is not None:
            self._add_agreement(team_row, swap_id, agreement, attachment)
        return self.swap(swap_id)

    def _add_agreement(
        self, team: TeamRow, swap_id: int, agreement: Agreement, attachment: Upload | None
    ) -> None:
        sha256 = agreement.attachment_sha256
        attachment_id = None
        if attachment is not None:
            data, info = attachment
            stored = hashlib.sha256(data).hexdigest()
            if sha256 is not None and sha256 != stored:
                raise ValueError("the agreement names a different attachment than the one given")
            attachment_id = self.add_attachment(data, info)
        elif sha256 is not None:
            attachment_id = self._attachment_row(sha256).id
        agent_id = self._agent_id(team, agreement.agent)
        already = self._session.scalars(
            select(AgreementRow.id).where(
                AgreementRow.swap_id == swap_id, AgreementRow.agent_id == agent_id
            )
        ).first()
        if already is not None:
            raise Conflict("store.conflict.already_agreed", agent=agreement.agent, id=swap_id)
        self._session.add(
            AgreementRow(
                swap_id=swap_id,
                agent_id=agent_id,
                at=agreement.at,
                channel=Channel(agreement.channel).value,
                note=agreement.note,
                attachment_id=attachment_id,
            )
        )
        self._flush(Conflict("store.conflict.already_agreed", agent=agreement.agent, id=swap_id))

    def swap(self, swap_id: int) -> SwapRequest:
        return self.swap_record(swap_id).request

    def swap_record(self, swap_id: int) -> SwapRecord:
        row = self._session.get(SwapRow, swap_id, populate_existing=True)
        if row is None:
            raise NotFound("store.not_found.swap", id=swap_id)
        return self._swap_records([row])[0]

    def swaps(self, team: str, state: SwapState | None = None) -> tuple[SwapRequest, ...]:
        """The team's requests, oldest first, optionally only those in ``state``."""
        return tuple(record.request for record in self.swap_records(team, state))

    def swap_records(self, team: str, state: SwapState | None = None) -> tuple[SwapRecord, ...]:
        team_row = self._team_row(team)
        query = select(SwapRow).where(SwapRow.team_id == team_row.id)
        if state is not None:
            query = query.where(SwapRow.state == SwapState(state).value)
        rows = self._session.scalars(
            query.order_by(SwapRow.id).execution_options(populate_existing=True)
        ).all()
        return self._swap_records(rows)

    def _swap_records(self, rows: Sequence[SwapRow]) -> tuple[SwapRecord, ...]:
        if not rows:
            return ()
        ids = [row.id for row in rows]
        agreements: dict[int, list[Agreement]] = {swap_id: [] for swap_id in ids}
        listed = self._session.execute(
            select(
                AgreementRow.swap_id,
                AgentRow.code,
                AgreementRow.at,
                AgreementRow.channel,
                AgreementRow.note,
                AttachmentRow.sha256,
            )
            .join(AgentRow, AgentRow.id == AgreementRow.agent_id)
            .outerjoin(AttachmentRow, AttachmentRow.id == AgreementRow.attachment_id)
            .where(AgreementRow.swap_id.in_(ids))
            .order_by(AgreementRow.id)
        )
        for swap_id, code, at, channel, note, sha256 in listed:
            agreements[swap_id].append(Agreement(code, at, Channel(channel), note, sha256))
        team_ids = {row.team_id for row in rows}
        slugs = self._pairs(select(TeamRow.id, TeamRow.slug).where(TeamRow.id.in_(team_ids)))
        codes = self._pairs(
            select(AgentRow.id, AgentRow.code).where(AgentRow.team_id.in_(team_ids))
        )
        version_ids = {row.base_version_id for row in rows} | {
            row.applied_version_id for row in rows if row.applied_version_id is not None
        }
        numbers = self._pairs(
            select(VersionRow.id, VersionRow.number).where(VersionRow.id.in_(version_ids))
        )
        return tuple(
            SwapRecord(
                request=SwapRequest(
                    id=row.id,
                    kind=SwapKind(row.kind),
                    requester=codes[row.requester_id],
                    requester_duty=DutyKey.parse(row.requester_duty),
                    counterpart=codes[row.counterpart_id],
                    counterpart_duty=(
                        None
                        if row.counterpart_duty is None
                        else DutyKey.parse(row.counterpart_duty)
                    ),
                    state=SwapState(row.state),
                    agreements=tuple(agreements[row.id]),
                    filed_by_supervisor=row.filed_by_supervisor,
                ),
                team=slugs[row.team_id],
                base_version=numbers[row.base_version_id],
                created_at=row.created_at,
                updated_at=row.updated_at,
                decided_by=row.decided_by,
                applied_version=(
                    None if row.applied_version_id is None else numbers[row.applied_version_id]
                ),
            )
            for row in rows
        )

    # -- attachments ------------------------------------------------------------

    def add_attachment(self, data: bytes, info: AttachmentInfo) -> int:
        """Store ``data`` under its SHA-256 (once: the same bytes get the same row) and return its id."""
        self._require_write()
        sha256 = hashlib.sha256(data).hexdigest()
        values = {
            "sha256": sha256,
            "content_type": info.content_type,
            "size": len(data),
            "filename": info.filename,
            "data": data,
        }
        dialect_insert = postgresql.insert if self._postgres else sqlite.insert
        self._session.execute(
            dialect_insert(AttachmentRow).values(**values).on_conflict_do_nothing()
        )
        return self._attachment_row(sha256).id

    def _attachment_row(self, sha256: str) -> AttachmentRow:
        row = self._session.scalars(
            select(AttachmentRow).where(AttachmentRow.sha256 == sha256)
        ).one_or_none()
        if row is None:
            raise NotFound("store.not_found.attachment", sha256=sha256)
        return row

    def attachment(self, sha256: str) -> Attachment:
        row = self._attachment_row(sha256)
        return Attachment(row.sha256, row.content_type, row.size, row.filename, bytes(row.data))

    # -- audit trail --------------------------------------------------------------

    def append_audit(
        self,
        event: str,
        team: str | None,
        actor: str,
        subject: str,
        payload: Mapping[str, object] | None = None,
    ) -> AuditEntry:
        """Append one entry to the hash chain, in this transaction.

        Call it in the same transaction as the change it records, so that
        both are written or neither. ``payload`` must be JSON-like (dates are
        written as ISO text); ``subject`` names what the event is about, e.g.
        ``swap:7`` or ``version:3``.
        """
        self._require_write()
        if team is not None:
            # The team's lock before the chain's, the order every writer uses.
            team_id = self._session.scalars(select(TeamRow.id).where(TeamRow.slug == team)).first()
            if team_id is not None:
                self._lock_id(team_id)
        if self._postgres:
            self._session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _AUDIT_LOCK})
        last = self._session.execute(
            select(AuditRow.seq, AuditRow.hash).order_by(AuditRow.seq.desc()).limit(1)
        ).first()
        seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS)
        normalised = normalise_payload(dict(payload or {}))
        at = self._clock().astimezone(dt.UTC)
        digest = entry_hash(
            seq=seq,
            at=at,
            event=event,
            team=team,
            actor=actor,
            subject=subject,
            payload=normalised,
            prev_hash=prev_hash,
        )
        self._session.add(
            AuditRow(
                seq=seq,
                at=at,
                event=event,
                team=team,
                actor=actor,
                subject=subject,
                payload=canonical_json(normalised),
                prev_hash=prev_hash,
                hash=digest,
            )
        )
        self._session.flush()
        return AuditEntry(seq, at, event, team, actor, subject, normalised, prev_hash, digest)

    def audit_log(self, team: str | None = None) -> tuple[AuditEntry, ...]:
        """The audit entries in sequence order, all or one team's."""
        query = select(AuditRow).order_by(AuditRow.seq)
        if team is not None:
            query = query.where(AuditRow.team == team)
        return tuple(_audit_entry(row) for row in self._session.scalars(query))

    def verify_audit(self) -> AuditVerification:
        """Recompute the whole chain and name the first entry altered, removed or inserted."""
        return verify_chain(self.audit_log())

    # -- users, API tokens and idempotent responses -------------------------------

    def create_user(
        self, name: str, role: Role | str, *, team: str | None = None, agent: str | None = None
    ) -> UserRecord:
        """A new user: a supervisor of ``team`` (or of every team without one), or an
        agent user bound to the agent with code ``agent`` of ``team``."""
        self._require_write()
        role = _role(role)
        if not name or len(name) > _NAME_LENGTH or name != name.strip() or " " in name:
            raise StoreError("store.invalid.user_name", name=name)
        if role is Role.AGENT and (team is None or agent is None):
            raise StoreError("store.invalid.agent_user")
        if role is Role.SUPERVISOR and agent is not None:
            raise StoreError("store.invalid.supervisor_agent")
        team_row = None if team is None else self._team_row(team)
        agent_id = None
        if team_row is not None and agent is not None:
            agent_id = self._agent_id(team_row, agent)
        if self._session.scalars(select(UserRow.id).where(UserRow.name == name)).first():
            raise Conflict("store.conflict.user_exists", user=name)
        if agent_id is not None:
            holder = self._session.scalars(
                select(UserRow.name).where(UserRow.agent_id == agent_id)
            ).first()
            if holder is not None:
                raise Conflict("store.conflict.agent_has_user", agent=agent, team=team, user=holder)
        self._session.add(
            UserRow(
                name=name,
                role=role.value,
                team_id=None if team_row is None else team_row.id,
                agent_id=agent_id,
                created_at=self._clock(),
            )
        )
        # Only a concurrent twin gets here: the checks above saw no duplicate.
        self._flush(Conflict("store.conflict.user_exists", user=name))
        return self.user(name)

    def _user_query(self) -> Select[UserRow, str | None, str | None]:
        return (
            select(UserRow, TeamRow.slug.label("team"), AgentRow.code.label("agent"))
            .outerjoin(TeamRow, TeamRow.id == UserRow.team_id)
            .outerjoin(AgentRow, AgentRow.id == UserRow.agent_id)
        )

    def user(self, name: str) -> UserRecord:
        found = self._session.execute(self._user_query().where(UserRow.name == name)).first()
        if found is None:
            raise NotFound("store.not_found.user", user=name)
        return _user_record(*found)

    def users(self, team: str | None = None) -> tuple[UserRecord, ...]:
        """Every user by name, or those bound to ``team`` (not the supervisors of all teams)."""
        query = self._user_query().order_by(UserRow.name)
        if team is not None:
            query = query.where(UserRow.team_id == self._team_row(team).id)
        return tuple(_user_record(*found) for found in self._session.execute(query))

    def _user_id(self, name: str) -> int:
        user_id = self._session.scalars(select(UserRow.id).where(UserRow.name == name)).first()
        if user_id is None:
            raise NotFound("store.not_found.user", user=name)
        return user_id

    def create_token(self, user_name: str, label: str = "") -> tuple[str, TokenRecord]:
        """A new API token of the user: its secret, returned here only, and its record.

        The store keeps the secret's SHA-256 and its first characters, never the
        secret itself: whoever loses it makes a new token.
        """
        self._require_write()
        user_id = self._user_id(user_name)
        secret = new_secret("api")
        row = ApiTokenRow(
            user_id=user_id,
            label=label,
            token_hash=hash_secret(secret),
            prefix=display_prefix(secret),
            created_at=self._clock(),
            revoked_at=None,
            last_used_at=None,
        )
        self._session.add(row)
        self._session.flush()
        return secret, self.token(row.id)

    def _token_query(self) -> Select[ApiTokenRow, str]:
        return select(ApiTokenRow, UserRow.name).join(UserRow, UserRow.id == ApiTokenRow.user_id)

    def token(self, token_id: int) -> TokenRecord:
        found = self._session.execute(self._token_query().where(ApiTokenRow.id == token_id)).first()
        if found is None:
            raise NotFound("store.not_found.token", id=token_id)
        return _token_record(*found)

    def tokens(self, user_name: str | None = None) -> tuple[TokenRecord, ...]:
        """Every token, revoked ones included, in the order they were made; or one user's."""
        query = self._token_query().order_by(ApiTokenRow.id)
        if user_name is not None:
            query = query.where(ApiTokenRow.user_id == self._user_id(user_name))
        return tuple(_token_record(*found) for found in self._session.execute(query))

    def revoke_token(self, token_id: int) -> TokenRecord:
        """Revoke a token for good; revoking it again changes nothing (it keeps its first date)."""
        self._require_write()
        self.token(token_id)  # NotFound first
        self._session.execute(
            update(ApiTokenRow)
            .where(ApiTokenRow.id == token_id, ApiTokenRow.revoked_at.is_(None))
            .values(revoked_at=self._clock())
            .execution_options(synchronize_session="fetch")
        )
        return self.token(token_id)

    def authenticate(self, secret: str) -> tuple[UserRecord, TokenRecord] | None:
        """The user and the token that ``secret`` belongs to; ``None`` when unknown or revoked.

        Looked up by the secret's hash, so no stored value is compared with it.
        Does not record the use: see :meth:`user_for_token`.
        """
        token = self._session.execute(
            self._token_query().where(
                ApiTokenRow.token_hash == hash_secret(secret), ApiTokenRow.revoked_at.is_(None)
            )
        ).first()
        if token is None:
            return None
        user = self._session.execute(self._user_query().where(UserRow.id == token[0].user_id)).one()
        return _user_record(*user), _token_record(*token)

    def touch_token(self, token_id: int) -> bool:
        """Set the token's ``last_used_at`` to now, unless it was set less than a minute ago
        or the token is revoked. Whether it was set."""
        self._require_write()
        now = self._clock()
        changed = cast(
            "CursorResult[Any]",
            self._session.execute(
                update(ApiTokenRow)
                .where(
                    ApiTokenRow.id == token_id,
                    ApiTokenRow.revoked_at.is_(None),
                    or_(
                        ApiTokenRow.last_used_at.is_(None),
                        ApiTokenRow.last_used_at <= now - TOKEN_USE_RESOLUTION,
                    ),
                )
                .values(last_used_at=now)
                .execution_options(synchronize_session="fetch")
            ),
        )
        return changed.rowcount == 1

    def user_for_token(self, secret: str) -> UserRecord | None:
        """The user that ``secret`` authenticates; ``None`` when unknown or revoked.

        In a write transaction the token's ``last_used_at`` is brought up to date
        when it is a minute old or more; a read-only transaction leaves it.
        """
        found = self.authenticate(secret)
        if found is None:
            return None
        user, token = found
        if self._write and _use_is_news(token.last_used_at, self._clock()):
            self.touch_token(token.id)
        return user

    def idempotent_response(self, user_id: int, key: str) -> IdempotentResponse | None:
        """The response stored for the user's ``Idempotency-Key``, if any."""
        row = self._session.scalars(
            select(IdempotencyRow).where(
                IdempotencyRow.user_id == user_id, IdempotencyRow.key == key
            )
        ).one_or_none()
        return None if row is None else _idempotent_response(row)

    def save_idempotent_response(
        self,
        user_id: int,
        key: str,
        method: str,
        path: str,
        request_hash: str,
        status: int,
        content_type: str,
        body: bytes,
        headers: Mapping[str, str],
    ) -> IdempotentResponse:
        """Keep the response to the user's request with ``Idempotency-Key: key``.

        Save it in the transaction of the change it answers: then a concurrent
        request with the same key gets :class:`Conflict` and its whole
        transaction, change included, is rolled back.
        """
        self._require_write()
        if self._session.get(UserRow, user_id) is None:
            raise NotFound("store.not_found.user", user=user_id)
        conflict = Conflict("store.conflict.idempotency_key", idempotency_key=key)
        if self.idempotent_response(user_id, key) is not None:
            raise conflict
        row = IdempotencyRow(
            user_id=user_id,
            key=key,
            method=method,
            path=path,
            request_hash=request_hash,
            status=status,
            content_type=content_type,
            body=body,
            headers=json.dumps(dict(headers), sort_keys=True, ensure_ascii=False),
            created_at=self._clock(),
        )
        self._session.add(row)
        self._flush(conflict)
        return _idempotent_response(row)

    def purge_idempotent_responses(self, before: dt.datetime) -> int:
        """Delete the responses stored before ``before``; how many were deleted."""
        self._require_write()
        deleted = cast(
            "CursorResult[Any]",
            self._session.execute(
                delete(IdempotencyRow)
                .where(IdempotencyRow.created_at < before)
                .execution_options(synchronize_session=False)
            ),
        )
        return deleted.rowcount

    # -- calendar feed tokens ------------------------------------------------------

    def create_feed_token(self, team: str, agent: str | None = None) -> tuple[str, FeedTokenRecord]:
        """A new token for the calendar feed of ``agent`` (of ``team``), or of the whole
        team without one: its secret, returned here only, and its record."""
        team_row = self._team_row(team, lock=True)
        agent_id = None if agent is None else self._agent_id(team_row, agent)
        return self._insert_feed_token(team_row.id, agent_id, rotated_from=None)

    def _insert_feed_token(
        self, team_id: int, agent_id: int | None, *, rotated_from: int | None
    ) -> tuple[str, FeedTokenRecord]:
        secret = new_secret("feed")
        row = FeedTokenRow(
            team_id=team_id,
            agent_id=agent_id,
            token_hash=hash_secret(secret),
            prefix=display_prefix(secret),
            created_at=self._clock(),
            revoked_at=None,
            rotated_from=rotated_from,
        )
        self._session.add(row)
        self._session.flush()
        return secret, self.feed_token(row.id)

    def _feed_token_query(self) -> Select[FeedTokenRow, str, str | None]:
        return (
            select(FeedTokenRow, TeamRow.slug, AgentRow.code)
            .join(TeamRow, TeamRow.id == FeedTokenRow.team_id)
            .outerjoin(AgentRow, AgentRow.id == FeedTokenRow.agent_id)
        )

    def feed_token(self, token_id: int) -> FeedTokenRecord:
        found = self._session.execute(
            self._feed_token_query().where(FeedTokenRow.id == token_id)
        ).first()
        if found is None:
            raise NotFound("store.not_found.feed_token", id=token_id)
        return _feed_token_record(*found)

    def feed_tokens(
        self, team: str | None = None, agent: str | None = None
    ) -> tuple[FeedTokenRecord, ...]:
        """Feed tokens, revoked ones included, in the order they were made: every one, a
        team's, or (with ``team`` and ``agent``) those of one agent's feed."""
        query = self._feed_token_query().order_by(FeedTokenRow.id)
        if agent is not None and team is None:
            raise ValueError("an agent is named within a team: give team as well")
        if team is not None:
            team_row = self._team_row(team)
            query = query.where(FeedTokenRow.team_id == team_row.id)
            if agent is not None:
                query = query.where(FeedTokenRow.agent_id == self._agent_id(team_row, agent))
        return tuple(_feed_token_record(*found) for found in self._session.execute(query))

    def rotate_feed_token(self, token_id: int) -> tuple[str, FeedTokenRecord]:
        """Revoke the token and make a new one for the same feed: the new secret and record.

        A token already revoked (or rotated by someone else meanwhile) is not
        rotated again: :class:`Conflict`, so one rotation yields one new secret.
        """
        old = self.feed_token(token_id)  # NotFound first
        team_row = self._team_row(old.team, lock=True)
        revoked = cast(
            "CursorResult[Any]",
            self._session.execute(
                update(FeedTokenRow)
                .where(FeedTokenRow.id == token_id, FeedTokenRow.revoked_at.is_(None))
                .values(revoked_at=self._clock())
                .execution_options(synchronize_session="fetch")
            ),
        )
        if revoked.rowcount != 1:
            raise Conflict("store.conflict.feed_token_revoked", id=token_id)
        agent_id = None if old.agent is None else self._agent_id(team_row, old.agent)
        return self._insert_feed_token(team_row.id, agent_id, rotated_from=token_id)

    def revoke_feed_token(self, token_id: int) -> FeedTokenRecord:
        """Revoke a feed token for good: its address answers 404 from now on. Revoking it
        again changes nothing (it keeps its first date)."""
        self._require_write()
        self.feed_token(token_id)  # NotFound first
        self._session.execute(
            update(FeedTokenRow)
            .where(FeedTokenRow.id == token_id, FeedTokenRow.revoked_at.is_(None))
            .values(revoked_at=self._clock())
            .execution_options(synchronize_session="fetch")
        )
        return self.feed_token(token_id)

    def feed_for_token(self, secret: str) -> FeedTokenRecord | None:
        """The feed token ``secret`` belongs to; ``None`` when unknown or revoked.

        Looked up by the secret's hash, like an API token; the two kinds live in
        different tables, so neither ever opens what the other does.
        """
        found = self._session.execute(
            self._feed_token_query().where(
                FeedTokenRow.token_hash == hash_secret(secret), FeedTokenRow.revoked_at.is_(None)
            )
        ).first()
        return None if found is None else _feed_token_record(*found)

    # -- helpers ----------------------------------------------------------------

    def _pairs(self, query: Select[int, _V]) -> dict[int, _V]:
        return {first: second for first, second in self._session.execute(query)}

    def _flush(self, conflict: Conflict) -> None:
        """Flush; a unique constraint refusing the rows means someone was first."""
        try:
            self._session.flush()
        except IntegrityError as error:
            raise conflict from error


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise StoreError("store.invalid.role", role=role) from None


def _use_is_news(last_used_at: dt.datetime | None, now: dt.datetime) -> bool:
    """Whether a use at ``now`` is worth a write: ``last_used_at`` is kept to the minute."""
    return last_used_at is None or now - last_used_at >= TOKEN_USE_RESOLUTION


def _user_record(row: UserRow, team: str | None, agent: str | None) -> UserRecord:
    return UserRecord(row.id, row.name, Role(row.role), team, agent)


def _token_record(row: ApiTokenRow, user: str) -> TokenRecord:
    return TokenRecord(
        id=row.id,
        user=user,
        label=row.label,
        prefix=row.prefix,
        created_at=row.created_at,
        revoked_at=row.revoked_at,
        last_used_at=row.last_used_at,
    )


def _feed_token_record(row: FeedTokenRow, team: str, agent: str | None) -> FeedTokenRecord:
    return FeedTokenRecord(
        id=row.id,
        team=team,
        agent=agent,
        prefix=row.prefix,
        created_at=row.created_at,
        revoked_at=row.revoked_at,
        rotated_from=row.rotated_from,
    )


def _idempotent_response(row: IdempotencyRow) -> IdempotentResponse:
    return IdempotentResponse(
        key=row.key,
        method=row.method,
        path=row.path,
        request_hash=row.request_hash,
        status=row.status,
        content_type=row.content_type,
        body=bytes(row.body),
        headers=json.loads(row.headers),
        created_at=row.created_at,
    )


def _audit_entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        seq=row.seq,
        at=row.at,
        event=row.event,
        team=row.team,
        actor=row.actor,
        subject=row.subject,
        payload=json.loads(row.payload),
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


def _penalty_json(penalty: Penalty) -> dict[str, Any]:
    return {
        "rule": penalty.rule,
        "amount": penalty.amount,
        "weight": penalty.weight,
        "agent": penalty.agent,
        "date": None if penalty.date is None else penalty.date.isoformat(),
        "shift": penalty.shift,
        "interval": penalty.interval,
    }


def _penalty_from_json(item: Mapping[str, Any]) -> Penalty:
    day = item.get("date")
    return Penalty(
        rule=item["rule"],
        amount=item["amount"],
        weight=item["weight"],
        agent=item.get("agent"),
        date=None if day is None else dt.date.fromisoformat(day),
        shift=item.get("shift"),
        interval=item.get("interval"),  # absent in rows stored before intervals were named
    )


class Store:
    """The store over one engine: each method in a transaction of its own.

    Use :meth:`transaction` to run several operations atomically; the
    :class:`Transaction` it yields has every method of the store.
    """

    def __init__(self, engine: Engine, *, clock: Clock = utc_now) -> None:
        self.engine = engine
        self._clock = clock
        self._writes = sessionmaker(writer(engine), expire_on_commit=False)
        self._reads = sessionmaker(engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def transaction(self, team: str | None = None) -> Iterator[Transaction]:
        """One write transaction: committed when the block ends, rolled back on an exception.

        With ``team``, the team's write lock is taken at once, so what the block
        reads is what it later writes over.
        """
        with self._writes() as session, session.begin():
            session.connection()  # start now: BEGIN IMMEDIATE on SQLite
            tx = Transaction(session, write=True, clock=self._clock)
            if team is not None:
                tx.lock(team)
            yield tx

    @contextmanager
    def reading(self) -> Iterator[Transaction]:
        """One read-only transaction (plain ``BEGIN``: it does not wait for writers)."""
        with self._reads() as session, session.begin():
            yield Transaction(session, write=False, clock=self._clock)

    # -- teams and agents
    def create_team(
        self,
        slug: str,
        name: str,
        timezone: str,
        language: str,
        agents: Iterable[tuple[str, str]] = (),
        notice_hours: int = 24,
        auto_approve: bool = False,
    ) -> TeamRecord:
        with self.transaction() as tx:
            return tx.create_team(
                slug, name, timezone, language, agents, notice_hours, auto_approve
            )

    def add_agents(self, team: str, agents: Iterable[tuple[str, str]]) -> TeamRecord:
        with self.transaction(team) as tx:
            return tx.add_agents(team, agents)

    def team(self, slug: str) -> TeamRecord:
        with self.reading() as tx:
            return tx.team(slug)

    def teams(self) -> tuple[TeamRecord, ...]:
        with self.reading() as tx:
            return tx.teams()

    def update_team_settings(
        self,
        slug: str,
        *,
        name: str | None = None,
        timezone: str | None = None,
        language: str | None = None,
        notice_hours: int | None = None,
        auto_approve: bool | None = None,
    ) -> TeamRecord:
        with self.transaction(slug) as tx:
            return tx.update_team_settings(
                slug,
                name=name,
                timezone=timezone,
                language=language,
                notice_hours=notice_hours,
                auto_approve=auto_approve,
            )

    # -- instances and results
    def save_instance(self, team: str, instance: Instance, source: str) -> InstanceRecord:
        with self.transaction(team) as tx:
            return tx.save_instance(team, instance, source)

    def instance_record(self, instance_id: int) -> InstanceRecord:
        with self.reading() as tx:
            return tx.instance_record(instance_id)

    def instance_source(self, instance_id: int) -> str:
        with self.reading() as tx:
            return tx.instance_source(instance_id)

    def instances(self, team: str) -> tuple[InstanceRecord, ...]:
        with self.reading() as tx:
            return tx.instances(team)

    def load_instance_record(self, instance_id: int) -> Instance:
        with self.reading() as tx:
            return tx.load_instance_record(instance_id)

    def save_result(self, instance_id: int, result: Result) -> int:
        with self.transaction() as tx:
            return tx.save_result(instance_id, result)

    def result_record(self, result_id: int) -> ResultRecord:
        with self.reading() as tx:
            return tx.result_record(result_id)

    # -- versions
    def publish(
        self,
        team: str,
        instance_id: int,
        result_id: int | None,
        duties: Sequence[Duty],
        reason: str,
    ) -> VersionRecord:
        with self.transaction(team) as tx:
            return tx.publish(team, instance_id, result_id, duties, reason)

    def new_version(
        self,
        team: str,
        parent_number: int,
        duties: Sequence[Duty],
        reason: str,
        *,
        instance_id: int | None = None,
        result_id: int | None = None,
        published: bool = True,
    ) -> VersionRecord:
        with self.transaction(team) as tx:
            return tx.new_version(
                team,
                parent_number,
                duties,
                reason,
                instance_id=instance_id,
                result_id=result_id,
                published=published,
            )

    def current_version(self, team: str) -> VersionRecord | None:
        with self.reading() as tx:
            return tx.current_version(team)

    def version(self, team: str, number: int) -> VersionRecord:
        with self.reading() as tx:
            return tx.version(team, number)

    def versions(self, team: str) -> tuple[VersionInfo, ...]:
        with self.reading() as tx:
            return tx.versions(team)

    def version_chain(self, team: str) -> tuple[VersionRecord, ...]:
        with self.reading() as tx:
            return tx.version_chain(team)

    # -- swaps
    def create_swap(
        self,
        team: str,
        base_version: int,
        kind: SwapKind,
        requester: str,
        requester_duty: DutyKey,
        counterpart: str,
        counterpart_duty: DutyKey | None,
        *,
        agreement: Agreement | None,
        filed_by_supervisor: bool = False,
        attachment: Upload | None = None,
    ) -> SwapRequest:
        with self.transaction(team) as tx:
            return tx.create_swap(
                team,
                base_version,
                kind,
                requester,
                requester_duty,
                counterpart,
                counterpart_duty,
                agreement=agreement,
                filed_by_supervisor=filed_by_supervisor,
                attachment=attachment,
            )

    def transition(
        self,
        swap_id: int,
        expected_state: SwapState,
        new_state: SwapState,
        actor: str,
        *,
        agreement: Agreement | None = None,
        attachment: Upload | None = None,
        applied_version: int | None = None,
    ) -> SwapRequest:
        with self.transaction() as tx:
            return tx.transition(
                swap_id,
                expected_state,
                new_state,
                actor,
                agreement=agreement,
                attachment=attachment,
                applied_version=applied_version,
            )

    def swap(self, swap_id: int) -> SwapRequest:
        with self.reading() as tx:
            return tx.swap(swap_id)

    def swap_record(self, swap_id: int) -> SwapRecord:
        with self.reading() as tx:
            return tx.swap_record(swap_id)

    def swaps(self, team: str, state: SwapState | None = None) -> tuple[SwapRequest, ...]:
        with self.reading() as tx:
            return tx.swaps(team, state)

    def swap_records(self, team: str, state: SwapState | None = None) -> tuple[SwapRecord, ...]:
        with self.reading() as tx:
            return tx.swap_records(team, state)

    # -- attachments
    def add_attachment(self, data: bytes, info: AttachmentInfo) -> int:
        with self.transaction() as tx:
            return tx.add_attachment(data, info)

    def attachment(self, sha256: str) -> Attachment:
        with self.reading() as tx:
            return tx.attachment(sha256)

    # -- audit
    def append_audit(
        self,
        event: str,
        team: str | None,
        actor: str,
        subject: str,
        payload: Mapping[str, object] | None = None,
    ) -> AuditEntry:
        with self.transaction() as tx:
            return tx.append_audit(event, team, actor, subject, payload)

    def audit_log(self, team: str | None = None) -> tuple[AuditEntry, ...]:
        with self.reading() as tx:
            return tx.audit_log(team)

    def verify_audit(self) -> AuditVerification:
        with self.reading() as tx:
            return tx.verify_audit()

    # -- users, API tokens and idempotent responses
    def create_user(
        self, name: str, role: Role | str, *, team: str | None = None, agent: str | None = None
    ) -> UserRecord:
        with self.transaction() as tx:
            return tx.create_user(name, role, team=team, agent=agent)

    def user(self, name: str) -> UserRecord:
        with self.reading() as tx:
            return tx.user(name)

    def users(self, team: str | None = None) -> tuple[UserRecord, ...]:
        with self.reading() as tx:
            return tx.users(team)

    def create_token(self, user_name: str, label: str = "") -> tuple[str, TokenRecord]:
        with self.transaction() as tx:
            return tx.create_token(user_name, label)

    def token(self, token_id: int) -> TokenRecord:
        with self.reading() as tx:
            return tx.token(token_id)

    def tokens(self, user_name: str | None = None) -> tuple[TokenRecord, ...]:
        with self.reading() as tx:
            return tx.tokens(user_name)

    def revoke_token(self, token_id: int) -> TokenRecord:
        with self.transaction() as tx:
            return tx.revoke_token(token_id)

    def authenticate(self, secret: str) -> tuple[UserRecord, TokenRecord] | None:
        with self.reading() as tx:
            return tx.authenticate(secret)

    def touch_token(self, token_id: int) -> bool:
        with self.transaction() as tx:
            return tx.touch_token(token_id)

    def user_for_token(self, secret: str) -> UserRecord | None:
        """The user that ``secret`` authenticates; ``None`` when unknown or revoked.

        A read-only lookup; only when the token's ``last_used_at`` is a minute
        old or more does a short write transaction follow to update it, so a
        burst of requests costs one write a minute per token, not one each.
        """
        with self.reading() as tx:
            found = tx.authenticate(secret)
        if found is None:
            return None
        user, token = found
        if _use_is_news(token.last_used_at, self._clock()):
            with self.transaction() as tx:
                tx.touch_token(token.id)
        return user

    def idempotent_response(self, user_id: int, key: str) -> IdempotentResponse | None:
        with self.reading() as tx:
            return tx.idempotent_response(user_id, key)

    def save_idempotent_response(
        self,
        user_id: int,
        key: str,
        method: str,
        path: str,
        request_hash: str,
        status: int,
        content_type: str,
        body: bytes,
        headers: Mapping[str, str],
    ) -> IdempotentResponse:
        with self.transaction() as tx:
            return tx.save_idempotent_response(
                user_id, key, method, path, request_hash, status, content_type, body, headers
            )

    def purge_idempotent_responses(self, before: dt.datetime) -> int:
        with self.transaction() as tx:
            return tx.purge_idempotent_responses(before)

    # -- calendar feed tokens
    def create_feed_token(self, team: str, agent: str | None = None) -> tuple[str, FeedTokenRecord]:
        with self.transaction(team) as tx:
            return tx.create_feed_token(team, agent)

    def feed_token(self, token_id: int) -> FeedTokenRecord:
        with self.reading() as tx:
            return tx.feed_token(token_id)

    def feed_tokens(
        self, team: str | None = None, agent: str | None = None
    ) -> tuple[FeedTokenRecord, ...]:
        with self.reading() as tx:
            return tx.feed_tokens(team, agent)

    def rotate_feed_token(self, token_id: int) -> tuple[str, FeedTokenRecord]:
        with self.transaction() as tx:
            return tx.rotate_feed_token(token_id)

    def revoke_feed_token(self, token_id: int) -> FeedTokenRecord:
        with self.transaction() as tx:
            return tx.revoke_feed_token(token_id)

    def feed_for_token(self, secret: str) -> FeedTokenRecord | None:
        with self.reading() as tx:
            return tx.feed_for_token(secret)
