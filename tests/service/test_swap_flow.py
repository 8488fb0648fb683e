"""Swap and cover requests end to end: filed with evidence, accepted, approved, applied."""

from __future__ import annotations

import datetime as dt

import pytest

from scheduler.check import check
from scheduler.service import ChangeRefused, Evidence, RosterService
from scheduler.solve import solve
from scheduler.store import Conflict
from scheduler.swaps import Channel, DutyKey, SwapState
from scheduler.swaps.change import assignments_of
from scheduler.swaps.evidence import DutyInPast, EvidenceError, TooLate
from scheduler.swaps.rules import IllegalTransition, NotAllowed
from tests.service.conftest import TEAM, Clock

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _first_safe_change(
    service: RosterService, requester: str
) -> tuple[DutyKey, str, DutyKey | None]:
    """A duty of ``requester`` and a colleague's change that keeps every hard rule."""
    version, _ = service.current(TEAM)
    for duty in sorted(d.key for d in version.duties if d.holder == requester):
        found = service.suggest(TEAM, duty, requester)
        if found:
            return duty, found[0].counterpart, found[0].counterpart_duty
    raise AssertionError(f"no safe change for {requester} in the default roster")


def _holder(service: RosterService, key: DutyKey) -> str:
    version, _ = service.current(TEAM)
    return next(d.holder for d in version.duties if d.key == key)


def test_published_roster_has_every_duty_with_its_holder_responsible(
    service: RosterService,
) -> None:
    version, instance = service.current(TEAM)
    assert version.number == 1 and len(version.duties) == 63
    assert all(d.responsible == d.holder and d.reason == "roster" for d in version.duties)
    assert check(instance, assignments_of({d.key: d.holder for d in version.duties})).feasible


def test_request_accept_approve_moves_the_duty_and_the_responsibility(
    service: RosterService,
) -> None:
    duty, colleague, their_duty = _first_safe_change(service, "a1")
    request = service.request(
        TEAM, requester="a1", duty=duty, counterpart=colleague, counterpart_duty=their_duty,
        evidence=Evidence(Channel.CHAT, "swap agreed on WeChat", PNG, "image/png", "chat.png"),
    )  # fmt: skip
    assert request.state is SwapState.REQUESTED and not request.evidence_complete
    accepted = service.accept(request.id, actor=colleague, evidence=Evidence(Channel.PHONE))
    assert accepted.state is SwapState.ACCEPTED and accepted.evidence_complete
    version = service.approve(request.id, supervisor="supervisor")
    assert version.number == 2 and version.parent == 1
    moved = next(d for d in version.duties if d.key == duty)
    assert moved.holder == colleague and moved.responsible == colleague
    assert moved.reason == f"swap:{request.id}"
    _, instance = service.current(TEAM)
    assert check(instance, assignments_of({d.key: d.holder for d in version.duties})).feasible
    assert len(version.duties) == 63  # no duty lost
    assert service.store.swap(request.id).state is SwapState.APPROVED
    events = [entry.event for entry in service.store.audit_log(TEAM)]
    assert events == ["published", "filed", "accepted", "approved", "applied"]
    assert service.store.verify_audit().ok


def test_a_change_that_breaks_rest_is_refused_in_plain_words(service: RosterService) -> None:
    # Give someone an A the morning after their own C: 9 hours of rest, 11 required.
    version, _ = service.current(TEAM)
    by_key = {d.key: d.holder for d in version.duties}
    for key, holder in sorted(by_key.items()):
        if key.shift != "C":
            continue
        morning = DutyKey(key.date + dt.timedelta(days=1), "A", 0)
        if morning in by_key and by_key[morning] != holder:
            with pytest.raises(ChangeRefused) as refused:
                service.request(TEAM, requester=by_key[morning], duty=morning, counterpart=holder)
            assert "rests only 9 hours" in refused.value.describe("en")
            assert service.swaps(TEAM) == ()
            assert [e.event for e in service.store.audit_log(TEAM)] == ["published"]
            return
    raise AssertionError("no C followed by someone else's A in the default roster")


def test_requester_must_hold_the_duty(service: RosterService) -> None:
    version, _ = service.current(TEAM)
    not_mine = next(d.key for d in version.duties if d.holder != "a1")
    with pytest.raises(ValueError, match="a1"):
        service.request(TEAM, requester="a1", duty=not_mine, counterpart="a2")
    assert service.swaps(TEAM) == ()


def test_late_request_is_refused_unless_a_supervisor_files_it(
    service: RosterService, clock: Clock
) -> None:
    duty, colleague, their_duty = _first_safe_change(service, "a1")
    clock.now = dt.datetime.combine(duty.date, dt.time(0, 0), tzinfo=dt.UTC) - dt.timedelta(hours=2)
    with pytest.raises(TooLate):
        service.request(TEAM, requester="a1", duty=duty, counterpart=colleague,
                        counterpart_duty=their_duty)  # fmt: skip
    filed = service.request(TEAM, requester="a1", duty=duty, counterpart=colleague,
                            counterpart_duty=their_duty, supervisor="lead")  # fmt: skip
    assert filed.filed_by_supervisor


def test_past_duty_is_refused_even_for_a_supervisor(service: RosterService, clock: Clock) -> None:
    duty, colleague, their_duty = _first_safe_change(service, "a1")
    clock.now = dt.datetime.combine(duty.date, dt.time(23, 0), tzinfo=dt.UTC)
    with pytest.raises(DutyInPast):
        service.request(TEAM, requester="a1", duty=duty, counterpart=colleague,
                        counterpart_duty=their_duty, supervisor="lead")  # fmt: skip


def test_oversized_attachment_is_refused_and_nothing_is_stored(service: RosterService) -> None:
    duty, colleague, their_duty = _first_safe_change(service, "a1")
    huge = PNG + b"\x00" * (6 * 1024 * 1024)
    with pytest.raises(EvidenceError):
        service.request(TEAM, requester="a1", duty=duty, counterpart=colleague,
                        counterpart_duty=their_duty,
                        evidence=Evidence(Channel.CHAT, "", huge, "image/png", "big.png"))  # fmt: skip
    assert service.swaps(TEAM) == ()


def test_only_the_counterpart_accepts_and_states_are_enforced(service: RosterService) -> None:
    duty, colleague, their_duty = _first_safe_change(service, "a1")
    request = service.request(TEAM, requester="a1", duty=duty, counterpart=colleague,
                              counterpart_duty=their_duty)  # fmt: skip
    stranger = next(a for a in ("a2", "a3", "a4") if a != colleague)
    with pytest.raises(NotAllowed):
        service.accept(request.id, actor=stranger)
    with pytest.raises(IllegalTransition):
        service.approve(request.id, supervisor="lead")  # not accepted yet
    service.accept(request.id, actor=colleague)
    with pytest.raises(IllegalTransition):
        service.accept(request.id, actor=colleague)
    withdrawn = service.withdraw(request.id, actor="a1")
    assert withdrawn.state is SwapState.WITHDRAWN
    with pytest.raises(IllegalTransition):
        service.approve(request.id, supervisor="lead")
    assert service.current(TEAM)[0].number == 1


def test_second_approval_on_a_moved_duty_is_a_conflict(service: RosterService) -> None:
    # Two colleagues both agree to cover the same duty; the first approval wins.
    version, _ = service.current(TEAM)
    duty, colleague, their_duty = _first_safe_change(service, "a1")
    first = service.request(TEAM, requester="a1", duty=duty, counterpart=colleague,
                            counterpart_duty=their_duty)  # fmt: skip
    second = service.request(TEAM, requester="a1", duty=duty, counterpart=colleague,
                             counterpart_duty=their_duty)  # fmt: skip
    service.accept(first.id, actor=colleague)
    service.accept(second.id, actor=colleague)
    service.approve(first.id, supervisor="lead")
    with pytest.raises(Conflict):
        service.approve(second.id, supervisor="lead")
    assert service.current(TEAM)[0].number == version.number + 1
    assert service.store.swap(second.id).state is SwapState.ACCEPTED


def test_auto_approval_applies_when_both_agreed(service: RosterService) -> None:
    service.store.update_team_settings(TEAM, auto_approve=True)
    duty, colleague, their_duty = _first_safe_change(service, "a1")
    request = service.request(TEAM, requester="a1", duty=duty, counterpart=colleague,
                              counterpart_duty=their_duty)  # fmt: skip
    done = service.accept(request.id, actor=colleague)
    assert done.state is SwapState.APPROVED
    assert _holder(service, duty) == colleague


def test_swap_without_complete_evidence_moves_the_duty_but_not_the_responsibility(
    service: RosterService,
) -> None:
    # A supervisor files for a1 without any proof of a1's agreement: the colleague
    # works the duty, but under the policy a1 still answers for it.
    duty, colleague, their_duty = _first_safe_change(service, "a1")
    request = service.request(TEAM, requester="a1", duty=duty, counterpart=colleague,
                              counterpart_duty=their_duty, supervisor="lead")  # fmt: skip
    accepted = service.accept(request.id, actor=colleague, evidence=Evidence(Channel.IN_PERSON))
    assert not accepted.evidence_complete
    service.approve(request.id, supervisor="lead")
    (moved,) = [d for d in service.responsibility(TEAM, duty.date) if d.key == duty]
    assert (moved.holder, moved.responsible) == (colleague, "a1")
    assert moved.reason == f"swap:{request.id}:no-evidence"


def test_declined_and_rejected_requests_change_nothing(service: RosterService) -> None:
    duty, colleague, their_duty = _first_safe_change(service, "a1")
    declined = service.request(TEAM, requester="a1", duty=duty, counterpart=colleague,
                               counterpart_duty=their_duty)  # fmt: skip
    assert service.decline(declined.id, actor=colleague).state is SwapState.DECLINED
    rejected = service.request(TEAM, requester="a1", duty=duty, counterpart=colleague,
                               counterpart_duty=their_duty)  # fmt: skip
    service.accept(rejected.id, actor=colleague)
    assert service.reject(rejected.id, supervisor="lead").state is SwapState.REJECTED
    assert service.current(TEAM)[0].number == 1
    assert service.store.verify_audit().ok


def test_publishing_from_a_stored_instance_refers_to_it_instead_of_copying_it(
    service: RosterService,
) -> None:
    version, instance = service.current(TEAM)
    source = service.store.instance_source(version.instance_id)
    stored_before = service.store.instances(TEAM)
    solved = solve(instance, time_limit=10)
    again = service.publish(TEAM, instance, source, solved, actor="lead")
    assert again.instance_id == version.instance_id
    assert service.store.instances(TEAM) == stored_before
