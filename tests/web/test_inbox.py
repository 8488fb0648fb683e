"""The supervisor's swap inbox: pending requests explained, approved or rejected, evidence files.

Requests are set up through the same service the pages use (its clock fixed
at the tests' NOW, ten days before the horizon, so no notice runs out). The
default roster comes from a solve, so the swaps are picked among the
service's own suggestions: those keep every hard rule whatever roster the
solve found.
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from api.web.inbox import Block, build_inbox, done_notice, outline, verdict_of
from scheduler.result import Result
from scheduler.service import Evidence, RosterService
from scheduler.store import Store
from scheduler.swaps import Agreement, Channel, DutyKey, Scorer, SwapKind, SwapRequest, SwapState
from tests.api.conftest import INSTANCE_PATH, NOW
from tests.web.pages import post_form, sign_in, text_of

TEAM = "four-agents"
INBOX = f"/teams/{TEAM}/swaps"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
OTHER_PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 64


def service_of(client: TestClient) -> RosterService:
    service: RosterService = client.app.state.service  # type: ignore[attr-defined]
    return service


def swap_choices(
    service: RosterService, requester: str, avoid: frozenset[DutyKey] = frozenset()
) -> tuple[DutyKey, list[tuple[str, DutyKey | None]]]:
    """A duty of ``requester`` and the changes for it that keep every hard rule (a swap first)."""
    version, _ = service.current(TEAM)
    for duty in sorted(d.key for d in version.duties if d.holder == requester):
        if duty in avoid:
            continue
        found = [
            (s.counterpart, s.counterpart_duty)
            for s in service.suggest(TEAM, duty, requester)
            if s.counterpart_duty not in avoid
        ]
        found.sort(key=lambda choice: choice[1] is None)  # swaps before covers
        if len(found) >= 2 and found[0][1] is not None:
            return duty, found
    raise AssertionError(f"no two changes keep the rules for {requester}")


def file(
    service: RosterService,
    requester: str,
    duty: DutyKey,
    counterpart: str,
    counterpart_duty: DutyKey | None,
    proof: bytes = PNG,
) -> SwapRequest:
    evidence = Evidence(Channel.CHAT, "agreed in the team chat", proof, "image/png", "chat.png")
    return service.request(
        TEAM,
        requester=requester,
        duty=duty,
        counterpart=counterpart,
        counterpart_duty=counterpart_duty,
        evidence=evidence,
    )


@pytest.fixture
def two_requests(client: TestClient) -> tuple[SwapRequest, SwapRequest]:
    """Request 1: a1's swap, accepted by phone. Request 2: a change of another agent, still
    waiting for the colleague. They share no duty."""
    service = service_of(client)
    duty, choices = swap_choices(service, "a1")
    counterpart, their_duty = choices[0]
    accepted = file(service, "a1", duty, counterpart, their_duty)
    accepted = service.accept(
        accepted.id, actor=counterpart, evidence=Evidence(Channel.PHONE, "fine by me")
    )
    taken = frozenset({duty, their_duty} if their_duty else {duty})
    other = next(a for a in ("a2", "a3", "a4") if a != counterpart)
    duty2, choices2 = swap_choices(service, other, avoid=taken)
    waiting = file(service, other, duty2, *choices2[0], proof=OTHER_PNG)
    return accepted, waiting


def article(html: str, swap_id: int) -> str:
    match = re.search(
        rf'<article class="swap[^"]*"[^>]*data-swap-id="{swap_id}".*?</article>', html, re.S
    )
    assert match, f"no article for request {swap_id}"
    return match.group(0)


def test_the_inbox_lists_both_requests_with_agreements_evidence_and_rule_check(
    client: TestClient, tokens: dict[str, str], two_requests: tuple[SwapRequest, SwapRequest]
) -> None:
    accepted, waiting = two_requests
    sign_in(client, tokens, "lead")
    html = client.get(f"{INBOX}?lang=en").text
    assert f'data-swap-id="{accepted.id}" data-state="accepted"' in html
    assert f'data-swap-id="{waiting.id}" data-state="requested"' in html

    ready = article(html, accepted.id)
    ready_text = text_of(ready)
    # Both agreements: who, how, the note, and a link to the requester's evidence file.
    sha = accepted.agreements[0].attachment_sha256
    assert f'href="{INBOX}/{accepted.id}/evidence/{sha}"' in ready
    assert "in a chat" in ready_text and "agreed in the team chat" in ready_text
    assert "by phone" in ready_text and "fine by me" in ready_text
    assert "2026-11-20 17:00 UTC+08:00" in ready_text  # NOW on the team's clock
    assert "Evidence complete" in ready_text
    # The rule check of the change against the current roster, and who answers afterwards.
    assert "the change keeps every hard rule" in ready_text
    assert "penalty score" in ready_text
    assert f"is responsible: swap {accepted.id} with both agreements on record" in ready_text
    assert re.search(r'<button type="submit" class="approve">', ready)
    assert 'class="reject' in ready

    pending = article(html, waiting.id)
    pending_text = text_of(pending)
    assert "No agreement on record yet" in pending_text
    assert "Evidence incomplete" in pending_text and "responsibility" in pending_text
    assert "the change keeps every hard rule" in pending_text
    # Not accepted yet: no approve button, but it may be rejected early.
    assert 'class="approve"' not in pending
    assert "can be approved once" in pending_text
    assert 'class="reject' in pending


def test_the_inbox_speaks_the_team_language_by_default(
    client: TestClient, tokens: dict[str, str], two_requests: tuple[SwapRequest, SwapRequest]
) -> None:
    sign_in(client, tokens, "lead")
    page = text_of(client.get(INBOX).text)
    assert "换班审批" in page and "此变更符合所有硬性规则" in page and "批准" in page


def test_approving_an_accepted_request_makes_a_new_version_with_the_duties_exchanged(
    client: TestClient,
    tokens: dict[str, str],
    store: Store,
    two_requests: tuple[SwapRequest, SwapRequest],
) -> None:
    accepted, waiting = two_requests
    before = store.current_version(TEAM)
    assert before is not None
    sign_in(client, tokens, "lead")
    answer = post_form(client, f"{INBOX}/{accepted.id}/approve")
    assert answer.status_code == 303
    assert answer.headers["location"] == (
        f"{INBOX}?done=approved&swap={accepted.id}&version={before.number + 1}"
    )
    after = store.current_version(TEAM)
    assert after is not None and after.number == before.number + 1
    holders = {duty.key: duty.holder for duty in after.duties}
    assert accepted.counterpart_duty is not None
    assert holders[accepted.requester_duty] == accepted.counterpart
    assert holders[accepted.counterpart_duty] == accepted.requester
    # The page after the redirect: the notice, the request gone from pending, in the history.
    html = client.get(f"{answer.headers['location']}&lang=en").text
    assert f"Request {accepted.id} approved: version {after.number}" in text_of(html)
    assert f'data-swap-id="{accepted.id}" data-state="accepted"' not in html
    assert f'<article class="swap card" id="swap-{waiting.id}"' in html
    row = re.search(
        rf'<tr class="decided" data-swap-id="{accepted.id}" data-state="approved">.*?</tr>',
        html,
        re.S,
    )
    assert row and "lead" in row.group(0)
    assert f"?version={after.number}" in row.group(0)


def test_approving_a_request_not_yet_accepted_is_refused_and_changes_nothing(
    client: TestClient,
    tokens: dict[str, str],
    store: Store,
    two_requests: tuple[SwapRequest, SwapRequest],
) -> None:
    _, waiting = two_requests
    before = store.current_version(TEAM)
    sign_in(client, tokens, "lead")
    client.get(f"{INBOX}?lang=en")
    answer = post_form(client, f"{INBOX}/{waiting.id}/approve")
    assert answer.status_code == 422
    page = text_of(answer.text)
    assert f"Request {waiting.id} was not approved and nothing changed" in page
    assert "cannot be approved before the colleague accepts it" in page
    assert store.current_version(TEAM) == before
    assert store.swap_record(waiting.id).request.state is SwapState.REQUESTED
    # The inbox is shown again around the reason.
    assert f'data-swap-id="{waiting.id}" data-state="requested"' in answer.text


def test_a_request_whose_duty_moved_since_filing_says_so_and_is_refused(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    service = service_of(client)
    duty, choices = swap_choices(service, "a1")
    first = file(service, "a1", duty, *choices[0])
    second = file(service, "a1", duty, *choices[1])  # the same duty of a1, another colleague
    for request in (first, second):
        service.accept(request.id, actor=request.counterpart)
    service.approve(first.id, supervisor="lead")
    moved_on = store.current_version(TEAM)
    sign_in(client, tokens, "lead")
    html = client.get(f"{INBOX}?lang=en").text
    assert "no longer fits the roster" in text_of(article(html, second.id))
    answer = post_form(client, f"{INBOX}/{second.id}/approve")
    assert answer.status_code == 409
    assert f"a1 does not hold {duty}" in text_of(answer.text)
    assert store.current_version(TEAM) == moved_on
    assert store.swap_record(second.id).request.state is SwapState.ACCEPTED


def test_approving_a_change_that_breaks_a_hard_rule_is_refused_with_the_broken_rule(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    service = service_of(client)
    version, _ = service.current(TEAM)
    duties = {duty.key: duty.holder for duty in version.duties}
    day = min(key.date for key in duties)
    morning = next(key for key in duties if key.date == day and key.shift == "A")
    requester = duties[morning]
    other = next(a for k, a in duties.items() if k.date == day and k.shift == "B")
    # Written straight into the store, as if the roster had changed under a filed request:
    # the service would refuse to file a cover that gives ``other`` two shifts on one day.
    agreement = Agreement(requester, NOW, Channel.IN_PERSON)
    with store.transaction(TEAM) as tx:
        cover = tx.create_swap(
            TEAM, version.number, SwapKind.COVER, requester, morning, other, None,
            agreement=agreement,
        )  # fmt: skip
    service.accept(cover.id, actor=other)
    sign_in(client, tokens, "lead")
    html = client.get(f"{INBOX}?lang=en").text
    assert "the change would break" in text_of(article(html, cover.id))
    answer = post_form(client, f"{INBOX}/{cover.id}/approve")
    assert answer.status_code == 422
    page = text_of(answer.text)
    assert f"Request {cover.id} was not approved and nothing changed" in page
    assert "the change would break" in page
    assert store.current_version(TEAM) == version
    assert store.swap_record(cover.id).request.state is SwapState.ACCEPTED


def test_rejecting_a_request_with_a_note(
    client: TestClient,
    tokens: dict[str, str],
    store: Store,
    two_requests: tuple[SwapRequest, SwapRequest],
) -> None:
    accepted, _ = two_requests
    before = store.current_version(TEAM)
    sign_in(client, tokens, "lead")
    answer = post_form(client, f"{INBOX}/{accepted.id}/reject", {"note": "short-staffed that week"})
    assert answer.status_code == 303
    assert answer.headers["location"] == f"{INBOX}?done=rejected&swap={accepted.id}"
    record = store.swap_record(accepted.id)
    assert record.request.state is SwapState.REJECTED and record.decided_by == "lead"
    assert store.current_version(TEAM) == before
    rejected = [e for e in store.audit_log(TEAM) if e.event == "rejected"]
    assert rejected[-1].payload == {"note": "short-staffed that week"}
    html = client.get(f"{answer.headers['location']}&lang=en").text
    assert f"Request {accepted.id} rejected." in text_of(html)
    assert f'<tr class="decided" data-swap-id="{accepted.id}" data-state="rejected">' in html
    # Rejecting again is refused: the request is decided.
    again = post_form(client, f"{INBOX}/{accepted.id}/reject")
    assert again.status_code == 422
    assert "can no longer be rejected" in text_of(again.text)


def test_the_supervisor_downloads_evidence_only_through_its_request(
    client: TestClient, tokens: dict[str, str], two_requests: tuple[SwapRequest, SwapRequest]
) -> None:
    accepted, waiting = two_requests
    sha = accepted.agreements[0].attachment_sha256
    assert sha is not None
    sign_in(client, tokens, "lead")
    answer = client.get(f"{INBOX}/{accepted.id}/evidence/{sha}")
    assert answer.status_code == 200 and answer.content == PNG
    assert answer.headers["content-type"] == "image/png"
    assert answer.headers["content-disposition"].startswith('attachment; filename="chat.png"')
    assert answer.headers["x-content-type-options"] == "nosniff"
    # Request 2's file exists, but it is not served through request 1; nor is an unknown one.
    other_sha = waiting.agreements[0].attachment_sha256
    assert other_sha is not None and other_sha != sha
    refused = client.get(f"{INBOX}/{accepted.id}/evidence/{other_sha}")
    assert refused.status_code == 404 and refused.content != OTHER_PNG
    assert client.get(f"{INBOX}/{accepted.id}/evidence/{'0' * 64}").status_code == 404
    assert client.get(f"{INBOX}/{waiting.id}/evidence/{other_sha}").content == OTHER_PNG
    assert client.get(f"{INBOX}/999/evidence/{sha}").status_code == 404


def test_a_request_of_another_team_is_not_found_through_this_team(
    client: TestClient,
    tokens: dict[str, str],
    store: Store,
    default_result: Result,
    two_requests: tuple[SwapRequest, SwapRequest],
) -> None:
    accepted, _ = two_requests
    service = service_of(client)
    _, instance = service.current(TEAM)
    service.publish(
        "second", instance, INSTANCE_PATH.read_text("utf-8"), default_result, actor="lead"
    )
    foreign = service.request(
        "second",
        requester=accepted.requester,
        duty=accepted.requester_duty,
        counterpart=accepted.counterpart,
        counterpart_duty=accepted.counterpart_duty,
        evidence=Evidence(Channel.CHAT, "", PNG, "image/png", "chat.png"),
    )
    sha = foreign.agreements[0].attachment_sha256
    sign_in(client, tokens, "lead")
    assert client.get(f"{INBOX}/{foreign.id}/evidence/{sha}").status_code == 404
    assert post_form(client, f"{INBOX}/{foreign.id}/reject").status_code == 404
    assert store.swap_record(foreign.id).request.state is SwapState.REQUESTED
    # "lead" belongs to four-agents: the other team's inbox is not theirs.
    assert client.get("/teams/second/swaps").status_code == 403


def test_agents_may_not_open_the_inbox_or_its_evidence(
    client: TestClient, tokens: dict[str, str], two_requests: tuple[SwapRequest, SwapRequest]
) -> None:
    accepted, _ = two_requests
    sha = accepted.agreements[0].attachment_sha256
    sign_in(client, tokens, accepted.requester)
    assert client.get(INBOX).status_code == 403
    evidence = client.get(f"{INBOX}/{accepted.id}/evidence/{sha}")
    assert evidence.status_code == 403 and evidence.content != PNG
    assert post_form(client, f"{INBOX}/{accepted.id}/approve").status_code == 403


def test_a_decision_without_the_csrf_field_is_refused(
    client: TestClient,
    tokens: dict[str, str],
    store: Store,
    two_requests: tuple[SwapRequest, SwapRequest],
) -> None:
    accepted, _ = two_requests
    before = store.current_version(TEAM)
    sign_in(client, tokens, "lead")
    for action in ("approve", "reject"):
        answer = client.post(f"{INBOX}/{accepted.id}/{action}", data={}, follow_redirects=False)
        assert answer.status_code == 403
        assert "CSRF" in answer.text
    assert store.current_version(TEAM) == before
    assert store.swap_record(accepted.id).request.state is SwapState.ACCEPTED


# -- the pure helpers ------------------------------------------------------------------------------


def test_outline_keeps_each_sentence_with_its_lines() -> None:
    described = "the change would break 1 rule(s):\n  - a2 rests 4 h\nthe penalty stays at 600"
    assert outline(described) == (
        Block("the change would break 1 rule(s):", ("a2 rests 4 h",)),
        Block("the penalty stays at 600"),
    )


def test_a_cover_that_gives_an_agent_two_shifts_on_one_day_is_shown_as_breaking_a_rule(
    client: TestClient,
) -> None:
    version, instance = service_of(client).current(TEAM)
    duties = {duty.key: duty for duty in version.duties}
    day = min(key.date for key in duties)
    morning = next(key for key in duties if key.date == day and key.shift == "A")
    other = next(d.holder for k, d in duties.items() if k.date == day and k.shift == "B")
    # Never filed (the service would refuse it): the verdict alone says why.
    cover = SwapRequest(
        99, SwapKind.COVER, duties[morning].holder, morning, other, None, SwapState.ACCEPTED
    )
    scorer = Scorer(instance)
    before = scorer.report({key: duty.holder for key, duty in duties.items()})
    verdict = verdict_of(cover, duties, scorer, before, "en")
    assert verdict.fits and not verdict.ok
    assert verdict.check[0].heading.startswith("the change would break")
    assert verdict.check[0].items  # the broken rules, one line each


def test_build_inbox_splits_pending_from_decided(
    client: TestClient, store: Store, two_requests: tuple[SwapRequest, SwapRequest]
) -> None:
    accepted, waiting = two_requests
    service_of(client).reject(waiting.id, supervisor="lead")
    team = store.team(TEAM)
    inbox = build_inbox(team, store.swap_records(TEAM), None, "en")
    assert [swap.id for swap in inbox.pending] == [accepted.id]
    assert inbox.pending[0].verdict is None  # no roster given: nothing to check against
    assert [(swap.id, swap.decided_by) for swap in inbox.decided] == [(waiting.id, "lead")]


def test_done_notice_only_for_known_outcomes() -> None:
    assert done_notice("approved", 3, 5, "en") == (
        "Request 3 approved: version 5 is now the current roster."
    )
    assert done_notice("<script>", 3, 5, "en") == ""
    assert done_notice("rejected", None, None, "en") == ""
