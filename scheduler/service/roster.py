"""The roster service: published versions, swap requests, responsibility, re-rostering.

It joins the pure swap rules (:mod:`scheduler.swaps`) to the store
(:mod:`scheduler.store`): every operation reads the current state, checks it
with the rules, and writes the change together with its audit entry in one
transaction under the team's write lock, so two people acting on the same
duty at the same moment cannot both succeed. Every refusal is a
:class:`~scheduler.swaps.model.SwapError` or a
:class:`~scheduler.store.errors.StoreError`; both describe themselves in
plain words in any catalogue language.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from scheduler.instance.models import Instance
from scheduler.reroster import Absence, Reroster, reroster
from scheduler.result import Result
from scheduler.store import (
    AttachmentInfo as StoredAttachmentInfo,
)
from scheduler.store import (
    Store,
    SwapRecord,
    TeamRecord,
    Transaction,
    Upload,
    VersionRecord,
)
from scheduler.store.errors import Conflict, NotFound
from scheduler.swaps import (
    Action,
    Agreement,
    Channel,
    Duty,
    DutyKey,
    Suggestion,
    SwapError,
    SwapKind,
    SwapRequest,
    SwapState,
    after_change,
    apply_change,
    apply_request,
    check_notice,
    duty_keys,
    inspect_attachment,
    original_duties,
    rule_check,
    start_of_duty,
    suggestions,
)
from scheduler.swaps.change import InvalidChange, RuleCheck, assignments_of
from scheduler.swaps.rules import check_actor, next_state

Clock = Callable[[], dt.datetime]
SYSTEM = "system"  # the actor of automatic approvals


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Evidence:
    """One side's agreement as given to the service: how, a note, and optional proof."""

    channel: Channel = Channel.OTHER
    note: str = ""
    attachment: bytes | None = None
    content_type: str = ""
    filename: str = ""


class ChangeRefused(SwapError, ValueError):
    """Applying the change would break a hard rule of the roster."""

    def __init__(self, check: RuleCheck) -> None:
        self.check = check
        super().__init__("service.refused")

    def describe(self, language: str = "en") -> str:
        return self.check.describe(language)


class RosterService:
    def __init__(self, store: Store, *, clock: Clock = utc_now) -> None:
        self.store = store
        self.clock = clock

    # -- publishing ---------------------------------------------------------------------------

    def ensure_team(self, slug: str, instance: Instance) -> TeamRecord:
        """The team ``slug``, created from the instance's team if it does not exist yet."""
        team = instance.team
        agents = [(agent.id, agent.name) for agent in team.agents]
        try:
            record = self.store.team(slug)
        except NotFound:
            return self.store.create_team(
                slug, team.name or slug, team.timezone, team.language.value, agents
            )
        known = {agent.code for agent in record.agents}
        missing = [(code, name) for code, name in agents if code not in known]
        return self.store.add_agents(slug, missing) if missing else record

    def publish(
        self,
        slug: str,
        instance: Instance,
        source: str,
        result: Result,
        *,
        actor: str,
        reason: str = "published",
    ) -> VersionRecord:
        """Store the instance and the solve, and publish its roster as the new current version."""
        self.ensure_team(slug, instance)
        duties = original_duties(duty_keys(result.assignments))
        with self.store.transaction(slug) as tx:
            # A roster solved from an instance the team already has refers to it, so that
            # publishing does not add a copy to the team's instances each time.
            record = tx.instance_with_source(slug, source) or tx.save_instance(
                slug, instance, source
            )
            result_id = tx.save_result(record.id, result)
            version = tx.publish(slug, record.id, result_id, list(duties.values()), reason)
            tx.append_audit(
                "published",
                slug,
                actor,
                f"version:{version.number}",
                {"instance": record.id, "objective": result.objective, "duties": len(duties)},
            )
        return version

    def current(self, slug: str) -> tuple[VersionRecord, Instance]:
        with self.store.reading() as tx:
            return self._current(tx, slug)

    def _current(self, tx: Transaction, slug: str) -> tuple[VersionRecord, Instance]:
        version = tx.current_version(slug)
        if version is None:
            raise NotFound("store.not_found.version", team=slug, number="-")
        return version, tx.load_instance_record(version.instance_id)

    # -- swap requests ------------------------------------------------------------------------

    def request(
        self,
        slug: str,
        *,
        requester: str,
        duty: DutyKey,
        counterpart: str,
        counterpart_duty: DutyKey | None = None,
        evidence: Evidence | None = None,
        supervisor: str | None = None,
    ) -> SwapRequest:
        """File a swap (with ``counterpart_duty``) or a cover, with the requester's agreement.

        Refused when the requester does not hold the duty, the change would
        break a hard rule, or the duty starts within the team's notice (unless
        a ``supervisor`` files it). A supervisor filing without the
        requester's evidence records no agreement for them: the request can
        still be approved, but it never moves responsibility.
        """
        evidence_given = evidence
        evidence = evidence or Evidence()
        kind = SwapKind.COVER if counterpart_duty is None else SwapKind.SWAP
        now = self.clock()
        with self.store.transaction(slug) as tx:
            team = tx.team(slug)
            version, instance = self._current(tx, slug)
            holders = _holders(version)
            after = apply_change(holders, kind, requester, duty, counterpart, counterpart_duty)
            self._refuse_broken_rules(instance, holders, after)
            self._check_notice(
                instance, team, (duty, counterpart_duty), now, supervisor is not None
            )
            upload, sha256 = _upload(evidence)
            request = tx.create_swap(
                slug,
                version.number,
                kind,
                requester,
                duty,
                counterpart,
                counterpart_duty,
                agreement=None
                if supervisor is not None and evidence_given is None
                else Agreement(requester, now, evidence.channel, evidence.note, sha256),
                filed_by_supervisor=supervisor is not None,
                attachment=upload,
            )
            payload = _request_payload(request) | {"version": version.number}
            tx.append_audit("filed", slug, supervisor or requester, f"swap:{request.id}", payload)
        return request

    def accept(self, swap_id: int, *, actor: str, evidence: Evidence | None = None) -> SwapRequest:
        """The counterpart agrees; with the team's auto-approval the change is applied at once."""
        evidence = evidence or Evidence()
        now = self.clock()
        record = self.store.swap_record(swap_id)
        with self.store.transaction(record.team) as tx:
            record = tx.swap_record(swap_id)
            request = record.request
            check_actor(request, Action.ACCEPT, actor, False)
            new_state = next_state(request.state, Action.ACCEPT, request_id=swap_id)
            team = tx.team(record.team)
            _, instance = self._current(tx, record.team)
            duties = (request.requester_duty, request.counterpart_duty)
            self._check_notice(instance, team, duties, now, request.filed_by_supervisor)
            upload, sha256 = _upload(evidence)
            agreement = Agreement(actor, now, evidence.channel, evidence.note, sha256)
            accepted = tx.transition(
                swap_id, request.state, new_state, actor, agreement=agreement, attachment=upload
            )
            tx.append_audit("accepted", record.team, actor, f"swap:{swap_id}", {})
            if team.auto_approve:
                try:
                    self._approve(tx, record.team, accepted, SYSTEM)
                    return tx.swap(swap_id)
                except (ChangeRefused, Conflict):
                    # The change breaks a rule, or its duty moved since filing: both
                    # are found before anything is written, so the acceptance stands
                    # and a supervisor will see why it was not applied.
                    pass
        return accepted

    def decline(self, swap_id: int, *, actor: str, note: str = "") -> SwapRequest:
        return self._simple(swap_id, Action.DECLINE, actor, False, "declined", note)

    def withdraw(self, swap_id: int, *, actor: str, note: str = "") -> SwapRequest:
        return self._simple(swap_id, Action.WITHDRAW, actor, False, "withdrawn", note)

    def reject(self, swap_id: int, *, supervisor: str, note: str = "") -> SwapRequest:
        return self._simple(swap_id, Action.REJECT, supervisor, True, "rejected", note)

    def approve(self, swap_id: int, *, supervisor: str) -> VersionRecord:
        """Apply an accepted request: a new roster version, checked against every hard rule."""
        record = self.store.swap_record(swap_id)
        with self.store.transaction(record.team) as tx:
            request = tx.swap(swap_id)
            check_actor(request, Action.APPROVE, None, True)
            return self._approve(tx, record.team, request, supervisor)

    def _approve(
        self, tx: Transaction, slug: str, request: SwapRequest, supervisor: str
    ) -> VersionRecord:
        new_state = next_state(request.state, Action.APPROVE, request_id=request.id)
        version, instance = self._current(tx, slug)
        duties = {duty.key: duty for duty in version.duties}
        holders = _holders(version)
        # The roster may have changed since filing: check against the current version.
        try:
            after = apply_request(holders, request)
        except InvalidChange as error:
            reason = error.phrase
            raise Conflict("service.duty_changed", id=request.id, reason=reason) from None
        self._refuse_broken_rules(instance, holders, after)
        approved = dataclasses.replace(request, state=new_state)
        changed = after_change(duties, approved)
        new_version = tx.new_version(
            slug, version.number, list(changed.values()), f"swap {request.id}"
        )
        tx.transition(
            request.id, request.state, new_state, supervisor, applied_version=new_version.number
        )
        subject = f"swap:{request.id}"
        tx.append_audit("approved", slug, supervisor, subject, {})
        moved = [
            {"duty": str(key), "from": duties[key].holder, "to": duty.holder,
             "responsible": duty.responsible}
            for key, duty in changed.items()
            if duty != duties[key]
        ]  # fmt: skip
        payload = {"version": new_version.number, "parent": version.number, "changes": moved}
        tx.append_audit("applied", slug, supervisor, subject, payload)
        return new_version

    def _simple(
        self, swap_id: int, action: Action, actor: str, supervisor: bool, event: str, note: str
    ) -> SwapRequest:
        record = self.store.swap_record(swap_id)
        with self.store.transaction(record.team) as tx:
            request = tx.swap(swap_id)
            check_actor(request, action, None if supervisor else actor, supervisor)
            new_state = next_state(request.state, action, request_id=swap_id)
            changed = tx.transition(swap_id, request.state, new_state, actor)
            payload = {"note": note} if note else {}
            tx.append_audit(event, record.team, actor, f"swap:{swap_id}", payload)
        return changed

    def swaps(self, slug: str, state: SwapState | None = None) -> tuple[SwapRecord, ...]:
        return self.store.swap_records(slug, state)

    def suggest(self, slug: str, duty: DutyKey, requester: str) -> list[Suggestion]:
        version, instance = self.current(slug)
        return suggestions(instance, _holders(version), duty, requester)

    # -- who answers for a day, and re-rostering ---------------------------------------------------

    def responsibility(self, slug: str, day: dt.date) -> list[Duty]:
        version, _ = self.current(slug)
        return sorted((d for d in version.duties if d.key.date == day), key=lambda d: d.key)

    def reroster(
        self, slug: str, absence: Absence, *, actor: str, time_limit: float = 20.0
    ) -> tuple[Reroster, VersionRecord | None]:
        """Re-solve after an absence; a new version when a roster exists, listing what changed."""
        version, instance = self.current(slug)
        outcome = reroster(
            instance, assignments_of(_holders(version)), absence, time_limit=time_limit
        )
        if not outcome.status.has_roster:
            return outcome, None
        duties = _rekey(version.duties, duty_keys(outcome.assignments), version.number)
        reason = f"reroster: {absence.agent} absent {absence.first}..{absence.last}"
        with self.store.transaction(slug) as tx:
            new_version = tx.new_version(slug, version.number, duties, reason)
            changes = [
                {"date": c.date.isoformat(), "shift": c.shift, "from": c.before, "to": c.after}
                for c in outcome.changes
            ]
            payload = {"version": new_version.number, "parent": version.number, "changes": changes}
            tx.append_audit("rerostered", slug, actor, f"version:{new_version.number}", payload)
        return outcome, new_version

    # -- checks shared by the operations ---------------------------------------------------------

    def _refuse_broken_rules(
        self, instance: Instance, before: Mapping[DutyKey, str], after: Mapping[DutyKey, str]
    ) -> None:
        check = rule_check(instance, before, after)
        if not check.ok:
            raise ChangeRefused(check)

    def _check_notice(
        self,
        instance: Instance,
        team: TeamRecord,
        duties: Sequence[DutyKey | None],
        agreed_at: dt.datetime,
        by_supervisor: bool,
    ) -> None:
        notice = dt.timedelta(hours=team.notice_hours)
        for duty in duties:
            if duty is not None:
                start = start_of_duty(instance, duty)
                check_notice(start, agreed_at, notice, filed_by_supervisor=by_supervisor, duty=duty)


def _holders(version: VersionRecord) -> dict[DutyKey, str]:
    return {duty.key: duty.holder for duty in version.duties}


def _upload(evidence: Evidence) -> tuple[Upload | None, str | None]:
    if evidence.attachment is None:
        return None, None
    info = inspect_attachment(evidence.attachment, evidence.content_type, evidence.filename)
    stored = StoredAttachmentInfo(content_type=info.content_type, filename=info.filename)
    return (evidence.attachment, stored), info.sha256


def _request_payload(request: SwapRequest) -> dict[str, object]:
    return {
        "kind": request.kind.value,
        "requester": request.requester,
        "duty": str(request.requester_duty),
        "counterpart": request.counterpart,
        "counterpart_duty": None
        if request.counterpart_duty is None
        else str(request.counterpart_duty),
    }


def _rekey(old: Sequence[Duty], new_holders: Mapping[DutyKey, str], parent: int) -> list[Duty]:
    """New duties that keep each unchanged holder on the same key as before.

    A re-solved roster numbers slots afresh; here an agent who still works a
    (date, shift) keeps their old key and responsibility, and the freed keys
    go to the newcomers, who answer for them (reason ``reroster:<parent>``).
    """
    old_by_cell: dict[tuple[dt.date, str], list[Duty]] = defaultdict(list)
    for duty in old:
        old_by_cell[duty.key.date, duty.key.shift].append(duty)
    new_by_cell: dict[tuple[dt.date, str], list[str]] = defaultdict(list)
    for key, holder in new_holders.items():
        new_by_cell[key.date, key.shift].append(holder)
    duties: list[Duty] = []
    for cell in sorted(old_by_cell.keys() | new_by_cell.keys()):
        kept = [d for d in old_by_cell.get(cell, []) if d.holder in new_by_cell.get(cell, [])]
        duties += kept
        staying = {d.holder for d in kept}
        newcomers = sorted(h for h in new_by_cell.get(cell, []) if h not in staying)
        used = {d.key.slot for d in kept}
        free = (
            slot for slot in range(len(kept) + len(newcomers) + len(used) + 1) if slot not in used
        )
        for holder in newcomers:
            key = DutyKey(cell[0], cell[1], next(free))
            duties.append(Duty(key, holder, holder, f"reroster:{parent}"))
    return duties
