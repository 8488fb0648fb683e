"""Random sequences of swap operations on the default roster, checked against a model.

A hypothesis state machine drives :class:`RosterService` on a fresh SQLite
store with the default four-agent roster published, at a fixed clock ten days
before the roster starts (so the notice always holds). Each rule files,
accepts, declines, withdraws, rejects or approves a request, with the right
actor or a wrong one, in the right state or a wrong one, or switches the
team's auto-approval; one files what :meth:`RosterService.suggest` offers, so
that valid changes are accepted and approved often enough to matter.

The machine keeps its own model: who holds and who answers for every duty,
each request's state and whether the requester's agreement is on record, the
audit events written so far. Every operation's outcome is predicted from the
model (which refusal, or which new state) and compared with the service's;
the model's change check is written here from the rules, not borrowed from
:func:`scheduler.swaps.apply_change`. A refusal must be a ``SwapError``,
``StoreError`` or ``ValueError``; anything else fails the test.

After every step the invariants hold: the current roster keeps every hard
rule; the 63 published duties are all there, each (date, shift) with one
holder and nobody twice on a day; the audit chain verifies and lists exactly
the expected events; versions are numbered 1, 2, ... with each one's parent
the previous, one per approval; a duty's responsible agent is its holder, or
(``:no-evidence``) whoever answered for it before; request states in the store
equal the model's and only ever moved along legal transitions.

``derandomize=True`` keeps CI stable. Run with
``--hypothesis-show-statistics`` to see how often each operation succeeds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

from hypothesis import HealthCheck, event, note, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    rule,
)

from scheduler.check import check
from scheduler.instance import Instance, load_instance
from scheduler.result import Result
from scheduler.service import ChangeRefused, Evidence, RosterService
from scheduler.solve import solve
from scheduler.store import Conflict, Store, StoreError, VersionRecord, make_engine, upgrade
from scheduler.swaps import (
    TRANSITIONS,
    Channel,
    DutyKey,
    EvidenceError,
    IllegalTransition,
    InvalidChange,
    NotAllowed,
    SwapError,
    SwapKind,
    SwapRequest,
    SwapState,
)
from scheduler.swaps.change import assignments_of
from tests.service.conftest import INSTANCE_PATH, NOW, TEAM, Clock

AGENTS = ("a1", "a2", "a3", "a4")
SUPERVISOR = "lead"
LATEST = dt.datetime(2026, 11, 28, 0, 0, tzinfo=dt.UTC)  # the clock never passes this
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
FAKE_PNG = Evidence(Channel.CHAT, "not really a picture", b"hello", "image/png", "fake.png")

REFUSALS = (SwapError, StoreError, ValueError)
"""What the service may raise to refuse an operation; anything else is a bug."""

GOOD_EVIDENCE = st.one_of(
    st.none(),
    st.builds(Evidence, channel=st.sampled_from(Channel), note=st.sampled_from(["", "agreed"])),
    st.just(Evidence(Channel.CHAT, "screenshot", PNG, "image/png", "chat.png")),
)
EVIDENCE = st.one_of(GOOD_EVIDENCE, st.just(FAKE_PNG))

# A request may move from a state to any state reachable by legal actions; with
# auto-approval one accept moves it two steps at once (requested -> approved).
_STEPS = {(before, after) for (before, _action), after in TRANSITIONS.items()}
LEGAL_MOVES = _STEPS | {(a, c) for a, b in _STEPS for b2, c in _STEPS if b == b2}

STEP_OUTCOMES: Counter[tuple[str, str]] = Counter()
"""(operation, outcome) over every step of every run; read by hand for statistics."""

T = TypeVar("T")

MOSTLY = st.sampled_from([True, True, True, False])
"""Aim at a request in the right state, or act as the right agent: three times in four."""

FOLLOW_UP = st.sampled_from(["file", "accept", "approve"])
"""After filing a suggested change: stop, or the counterpart accepts, and a supervisor approves."""


@cache
def _published() -> tuple[Instance, Result, str]:
    instance = load_instance(INSTANCE_PATH)
    result = solve(instance, time_limit=30)
    return instance, result, INSTANCE_PATH.read_text(encoding="utf-8")


@dataclasses.dataclass
class Filed:
    """The model of one request: what was asked, its state, the requester's agreement."""

    id: int
    kind: SwapKind
    requester: str
    duty: DutyKey
    counterpart: str
    counterpart_duty: DutyKey | None
    requester_agreed: bool
    state: SwapState = SwapState.REQUESTED


class SwapMachine(RuleBasedStateMachine):
    requests = Bundle("requests")

    def __init__(self) -> None:
        super().__init__()
        self.instance, result, source = _published()
        self.directory = Path(tempfile.mkdtemp(prefix="roster-machine-"))
        engine = make_engine(f"sqlite:///{self.directory / 'roster.db'}")
        upgrade(engine)
        self.clock = Clock(NOW)
        self.store = Store(engine, clock=self.clock)
        self.service = RosterService(self.store, clock=self.clock)
        version = self.service.publish(TEAM, self.instance, source, result, actor=SUPERVISOR)
        self.published_keys = frozenset(duty.key for duty in version.duties)
        # The model.
        self.holders = {duty.key: duty.holder for duty in version.duties}
        self.responsible = dict(self.holders)
        self.reasons = dict.fromkeys(self.holders, "roster")
        self.filed: dict[int, Filed] = {}
        self.auto_approve = False
        self.version = 1
        self.events: list[tuple[str, str]] = [("published", "version:1")]
        self.checked_versions = 1  # versions whose duties were checked against their parent
        self.seen_states: dict[int, SwapState] = {}

    def teardown(self) -> None:
        approved = sum(f.state is SwapState.APPROVED for f in self.filed.values())
        event(f"run: {'some' if approved else 'no'} request approved")
        event(f"run: {min(approved, 3)}{'+' if approved >= 3 else ''} approvals")
        self.store.close()
        shutil.rmtree(self.directory, ignore_errors=True)

    # -- the model's oracle ---------------------------------------------------------------

    def _change(self, filed: Filed) -> type[Exception] | dict[DutyKey, str]:
        """The holders after ``filed``'s change on the current roster, or the refusal it gets."""
        holders = self.holders
        if filed.requester == filed.counterpart or holders.get(filed.duty) != filed.requester:
            return InvalidChange
        after = dict(holders)
        after[filed.duty] = filed.counterpart
        if filed.counterpart_duty is not None:
            theirs = filed.counterpart_duty
            if theirs == filed.duty or holders.get(theirs) != filed.counterpart:
                return InvalidChange
            if (theirs.date, theirs.shift) == (filed.duty.date, filed.duty.shift):
                return InvalidChange
            after[theirs] = filed.requester
        cells = Counter((key.date, key.shift, holder) for key, holder in after.items())
        if max(cells.values()) > 1:
            return InvalidChange  # somebody on the same shift twice on one day
        if check(self.instance, assignments_of(after)).violations:
            return ChangeRefused
        return after

    def _apply(self, filed: Filed, after: dict[DutyKey, str]) -> None:
        for key, holder in after.items():
            if holder != self.holders[key]:
                if filed.requester_agreed:  # the counterpart agreed by accepting
                    self.responsible[key] = holder
                    self.reasons[key] = f"swap:{filed.id}"
                else:
                    self.reasons[key] = f"swap:{filed.id}:no-evidence"
        self.holders = after
        self.version += 1
        filed.state = SwapState.APPROVED
        self.events += [("approved", f"swap:{filed.id}"), ("applied", f"swap:{filed.id}")]

    # -- running an operation -------------------------------------------------------------

    def _attempt(
        self, operation: str, expected: type[Exception] | None, call: Callable[[], T]
    ) -> T | None:
        """Run ``call``; a refusal must be one of REFUSALS and the one the model expects."""
        try:
            outcome = call()
        except REFUSALS as error:
            kind = type(error).__name__
            STEP_OUTCOMES[operation, kind] += 1
            event(f"{operation}: refused ({kind})")
            note(f"{operation} refused: {kind}: {error}")
            assert expected is not None and isinstance(error, expected), (
                f"{operation} refused with {kind} ({error}); the model expected "
                f"{'success' if expected is None else expected.__name__}"
            )
            return None
        STEP_OUTCOMES[operation, "ok"] += 1
        event(f"{operation}: ok")
        assert expected is None, f"{operation} succeeded; the model expected {expected.__name__}"
        return outcome

    def _aim(self, swap_id: int, aim: bool, data: st.DataObject, states: set[SwapState]) -> int:
        """``swap_id``, or with ``aim`` one of the requests in ``states`` if there is one."""
        candidates = sorted(i for i, f in self.filed.items() if f.state in states)
        if aim and candidates:
            return data.draw(st.sampled_from(candidates), label="aimed request")
        return swap_id

    def _file(
        self,
        operation: str,
        requester: str,
        duty: DutyKey,
        counterpart: str,
        counterpart_duty: DutyKey | None,
        evidence: Evidence | None,
        supervisor: bool,
    ) -> int | None:
        """File a request; its id, or None when refused (as the model must expect)."""
        kind = SwapKind.COVER if counterpart_duty is None else SwapKind.SWAP
        agreed = not (supervisor and evidence is None)
        filed = Filed(0, kind, requester, duty, counterpart, counterpart_duty, agreed)
        change = self._change(filed)
        expected: type[Exception] | None = None
        if isinstance(change, type):
            expected = change
        elif evidence is FAKE_PNG:
            expected = EvidenceError
        request: SwapRequest | None = self._attempt(
            operation,
            expected,
            lambda: self.service.request(
                TEAM,
                requester=requester,
                duty=duty,
                counterpart=counterpart,
                counterpart_duty=counterpart_duty,
                evidence=evidence,
                supervisor=SUPERVISOR if supervisor else None,
            ),
        )
        if request is None:
            return None
        assert request.id not in self.filed
        assert (request.kind, request.state) == (kind, SwapState.REQUESTED)
        assert request.filed_by_supervisor == supervisor and not request.evidence_complete
        filed.id = request.id
        self.filed[request.id] = filed
        self.events.append(("filed", f"swap:{request.id}"))
        return request.id

    # -- rules ------------------------------------------------------------------------------

    @rule(
        target=requests,
        data=st.data(),
        requester=st.sampled_from(AGENTS),
        counterpart=st.sampled_from(AGENTS),
        swap=st.booleans(),
        supervisor=st.booleans(),
        evidence=EVIDENCE,
    )
    def request(
        self,
        data: st.DataObject,
        requester: str,
        counterpart: str,
        swap: bool,
        supervisor: bool,
        evidence: Evidence | None,
    ) -> object:
        every = sorted(self.holders)
        own = [key for key in every if self.holders[key] == requester] or every
        duty = data.draw(st.sampled_from(own) | st.sampled_from(every), label="duty")
        counterpart_duty = None
        if swap:
            near = [
                key
                for key in every
                if self.holders[key] == counterpart and abs(key.date - duty.date).days <= 3
            ] or every
            counterpart_duty = data.draw(
                st.sampled_from(near) | st.sampled_from(every), label="counterpart duty"
            )
        filed = self._file(
            "request", requester, duty, counterpart, counterpart_duty, evidence, supervisor
        )
        return multiple() if filed is None else filed

    @initialize(
        target=requests,
        data=st.data(),
        requester=st.sampled_from(AGENTS),
        supervisor=st.booleans(),
        evidence=GOOD_EVIDENCE,
        then=FOLLOW_UP,
    )
    def first_request(
        self,
        data: st.DataObject,
        requester: str,
        supervisor: bool,
        evidence: Evidence | None,
        then: str,
    ) -> object:
        # Every run starts with one valid request, so the rules on requests have work at once.
        return self.request_suggested(data, requester, supervisor, evidence, then)

    @rule(
        target=requests,
        data=st.data(),
        requester=st.sampled_from(AGENTS),
        supervisor=st.booleans(),
        evidence=GOOD_EVIDENCE,
        then=FOLLOW_UP,
        compete=st.booleans(),
    )
    def request_suggested(
        self,
        data: st.DataObject,
        requester: str,
        supervisor: bool,
        evidence: Evidence | None,
        then: str,
        compete: bool = False,
    ) -> object:
        """File one of the changes ``suggest`` offers; then maybe accept it, and approve it.

        With ``compete``, for a duty that a live request already asks to change, so
        that two requests race for one duty and the later approval meets a moved duty.
        """
        live = sorted(
            (f.requester, f.duty)
            for f in self.filed.values()
            if not f.state.final and self.holders[f.duty] == f.requester
        )
        if compete and live:
            requester, duty = data.draw(st.sampled_from(live), label="contested duty")
        else:
            own = sorted(key for key, holder in self.holders.items() if holder == requester)
            if not own:
                return multiple()
            duty = data.draw(st.sampled_from(own), label="duty")
        found = self.service.suggest(TEAM, duty, requester)
        if not found:
            STEP_OUTCOMES["suggest", "none"] += 1
            event("suggest: nothing to suggest")
            return multiple()
        pick = data.draw(st.sampled_from(found), label="suggestion")
        # A suggestion is a change that keeps every hard rule: filing it must succeed.
        swap_id = self._file(
            "request_suggested",
            requester,
            duty,
            pick.counterpart,
            pick.counterpart_duty,
            evidence,
            supervisor,
        )
        assert swap_id is not None, f"the suggested {pick} was refused"
        filed = self.filed[swap_id]
        if then in ("accept", "approve"):
            self._accept("accept", filed, filed.counterpart, Evidence(Channel.PHONE))
        if then == "approve" and filed.state is SwapState.ACCEPTED:
            self._approve("approve", filed)
        return swap_id

    @rule(
        swap_id=requests,
        aim=MOSTLY,
        right=MOSTLY,
        data=st.data(),
        evidence=EVIDENCE,
    )
    def accept(
        self, swap_id: int, aim: bool, right: bool, data: st.DataObject, evidence: Evidence | None
    ) -> None:
        filed = self.filed[self._aim(swap_id, aim, data, {SwapState.REQUESTED})]
        actor = filed.counterpart
        if not right:
            others = [agent for agent in AGENTS if agent != filed.counterpart]
            actor = data.draw(st.sampled_from(others), label="wrong actor")
        self._accept("accept", filed, actor, evidence)

    def _accept(self, operation: str, filed: Filed, actor: str, evidence: Evidence | None) -> None:
        expected: type[Exception] | None = None
        after: type[Exception] | dict[DutyKey, str] | None = None
        if actor != filed.counterpart:
            expected = NotAllowed
        elif filed.state is not SwapState.REQUESTED:
            expected = IllegalTransition
        elif evidence is FAKE_PNG:
            expected = EvidenceError
        elif self.auto_approve:
            # A change that breaks a rule or whose duty moved since filing is not
            # applied; either way the acceptance stands and waits for a supervisor.
            after = self._change(filed)
        request = self._attempt(
            operation,
            expected,
            lambda: self.service.accept(filed.id, actor=actor, evidence=evidence),
        )
        if request is None:
            return
        filed.state = SwapState.ACCEPTED
        self.events.append(("accepted", f"swap:{filed.id}"))
        if isinstance(after, dict):
            self._apply(filed, after)
            STEP_OUTCOMES["auto-approval", "ok"] += 1
            event("accept: approved at once")
        elif after in (ChangeRefused, InvalidChange):
            STEP_OUTCOMES["auto-approval", "not applied"] += 1
            event("accept: auto-approval not applied, left for a supervisor")
        assert request.state is filed.state
        assert request.evidence_complete == filed.requester_agreed

    @rule(swap_id=requests, aim=MOSTLY, right=MOSTLY, data=st.data())
    def decline(self, swap_id: int, aim: bool, right: bool, data: st.DataObject) -> None:
        filed = self.filed[self._aim(swap_id, aim, data, {SwapState.REQUESTED})]
        actor = filed.counterpart if right else data.draw(st.sampled_from(AGENTS), label="actor")
        expected: type[Exception] | None = None
        if actor != filed.counterpart:
            expected = NotAllowed
        elif filed.state is not SwapState.REQUESTED:
            expected = IllegalTransition
        request = self._attempt(
            "decline", expected, lambda: self.service.decline(filed.id, actor=actor)
        )
        if request is not None:
            filed.state = SwapState.DECLINED
            self.events.append(("declined", f"swap:{filed.id}"))
            assert request.state is filed.state

    @rule(swap_id=requests, aim=MOSTLY, actor=st.sampled_from(AGENTS), data=st.data())
    def withdraw(self, swap_id: int, aim: bool, actor: str, data: st.DataObject) -> None:
        live = {SwapState.REQUESTED, SwapState.ACCEPTED}
        filed = self.filed[self._aim(swap_id, aim, data, live)]
        expected: type[Exception] | None = None
        if actor not in (filed.requester, filed.counterpart):
            expected = NotAllowed
        elif filed.state not in live:
            expected = IllegalTransition
        request = self._attempt(
            "withdraw", expected, lambda: self.service.withdraw(filed.id, actor=actor, note="x")
        )
        if request is not None:
            filed.state = SwapState.WITHDRAWN
            self.events.append(("withdrawn", f"swap:{filed.id}"))
            assert request.state is filed.state

    @rule(swap_id=requests, aim=MOSTLY, data=st.data())
    def reject(self, swap_id: int, aim: bool, data: st.DataObject) -> None:
        live = {SwapState.REQUESTED, SwapState.ACCEPTED}
        filed = self.filed[self._aim(swap_id, aim, data, live)]
        expected = None if filed.state in live else IllegalTransition
        request = self._attempt(
            "reject", expected, lambda: self.service.reject(filed.id, supervisor=SUPERVISOR)
        )
        if request is not None:
            filed.state = SwapState.REJECTED
            self.events.append(("rejected", f"swap:{filed.id}"))
            assert request.state is filed.state

    @rule(swap_id=requests, aim=MOSTLY, data=st.data())
    def approve(self, swap_id: int, aim: bool, data: st.DataObject) -> None:
        self._approve("approve", self.filed[self._aim(swap_id, aim, data, {SwapState.ACCEPTED})])

    def _approve(self, operation: str, filed: Filed) -> None:
        expected: type[Exception] | None = None
        after: type[Exception] | dict[DutyKey, str] = {}
        if filed.state is not SwapState.ACCEPTED:
            expected = IllegalTransition
        else:
            after = self._change(filed)
            if after is InvalidChange:
                expected = Conflict  # the duty moved since filing
            elif after is ChangeRefused:
                expected = ChangeRefused
        version = self._attempt(
            operation, expected, lambda: self.service.approve(filed.id, supervisor=SUPERVISOR)
        )
        if version is not None:
            assert isinstance(after, dict)
            self._apply(filed, after)
            assert (version.number, version.parent) == (self.version, self.version - 1)

    @rule(on=st.booleans())
    def auto_approval(self, on: bool) -> None:
        team = self.store.update_team_settings(TEAM, auto_approve=on)
        assert team.auto_approve is on
        self.auto_approve = on

    @rule(hours=st.integers(min_value=1, max_value=72))
    def advance_clock(self, hours: int) -> None:
        self.clock.now = min(self.clock.now + dt.timedelta(hours=hours), LATEST)

    # -- invariants ---------------------------------------------------------------------------

    def _current(self) -> VersionRecord:
        version = self.store.current_version(TEAM)
        assert version is not None
        return version

    @invariant()
    def roster_keeps_every_hard_rule(self) -> None:
        version = self._current()
        holders = {duty.key: duty.holder for duty in version.duties}
        assert check(self.instance, assignments_of(holders)).violations == ()

    @invariant()
    def no_duty_lost_or_duplicated(self) -> None:
        version = self._current()
        keys = [duty.key for duty in version.duties]
        assert len(keys) == len(set(keys)) == 63
        assert set(keys) == self.published_keys
        cells = Counter((key.date, key.shift) for key in keys)
        assert set(cells.values()) == {1}, "a (date, shift) with other than one holder"
        days = Counter((duty.key.date, duty.holder) for duty in version.duties)
        assert max(days.values()) == 1, "an agent twice on one day"
        assert {duty.key: duty.holder for duty in version.duties} == self.holders

    @invariant()
    def audit_chain_verifies(self) -> None:
        verification = self.store.verify_audit()
        assert verification.ok, verification.describe()
        events = [(entry.event, entry.subject) for entry in self.store.audit_log(TEAM)]
        assert events == self.events

    @invariant()
    def versions_follow_approvals(self) -> None:
        versions = self.store.versions(TEAM)
        approved = sum(f.state is SwapState.APPROVED for f in self.filed.values())
        assert [v.number for v in versions] == list(range(1, approved + 2))
        assert [v.parent for v in versions] == [None, *range(1, approved + 1)]
        assert self.version == approved + 1

    @invariant()
    def responsibility_follows_evidence(self) -> None:
        head = self.version
        while self.checked_versions < head:
            number = self.checked_versions + 1
            parent = {d.key: d for d in self.store.version(TEAM, number - 1).duties}
            for duty in self.store.version(TEAM, number).duties:
                before = parent[duty.key]
                if duty == before:
                    continue
                assert duty.holder != before.holder, f"{duty} changed but kept its holder"
                if duty.reason.endswith(":no-evidence"):
                    assert duty.responsible == before.responsible, (duty, before)
                else:
                    assert duty.responsible == duty.holder, (duty, before)
            self.checked_versions = number
        version = self._current()
        assert {d.key: d.responsible for d in version.duties} == self.responsible
        assert {d.key: d.reason for d in version.duties} == self.reasons

    @invariant()
    def states_move_only_along_legal_transitions(self) -> None:
        records = self.service.swaps(TEAM)
        assert {r.request.id: r.request.state for r in records} == {
            i: f.state for i, f in self.filed.items()
        }
        for record in records:
            request = record.request
            before = self.seen_states.get(request.id, SwapState.REQUESTED)
            assert before == request.state or (before, request.state) in LEGAL_MOVES
            self.seen_states[request.id] = request.state
            filed = self.filed[request.id]
            expected_applied = None
            if request.state is SwapState.APPROVED:
                assert record.applied_version is not None
                expected_applied = record.applied_version
            assert record.applied_version == expected_applied
            assert (request.requester, request.counterpart) == (filed.requester, filed.counterpart)
            assert (request.requester_duty, request.counterpart_duty) == (
                filed.duty,
                filed.counterpart_duty,
            )
        applied = [r.applied_version for r in records if r.applied_version is not None]
        assert sorted(applied) == list(range(2, len(applied) + 2))


SwapMachine.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)
TestSwaps = SwapMachine.TestCase
