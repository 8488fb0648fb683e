"""An agent's pages: their duties and calendar feed, asking for a swap, answering requests."""

from __future__ import annotations

import datetime as dt
import html as markup
import re
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from api.web.agent_duties import change_of, open_requests_by_duty
from api.web.agent_swaps import actions_for, requests_of
from scheduler.service import Evidence, RosterService
from scheduler.store import Store, SwapRecord
from scheduler.swaps import Action, Channel, DutyKey, SwapKind, SwapRequest, SwapState
from tests.web.pages import post_form, sign_in, text_of

TEAM = "four-agents"
NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
SECRET_NOTE = "a1's private chat log 7f3c"
PROOF = b"a2 said yes on the team chat, 19 Nov"


def open_as(client: TestClient, tokens: dict[str, str], who: str) -> None:
    """Sign in and read the pages in English (the default team's language is Chinese)."""
    sign_in(client, tokens, who)
    client.get("/me?lang=en" if who != "lead" else f"/teams/{TEAM}/roster?lang=en")


def service_of(store: Store) -> RosterService:
    return RosterService(store, clock=lambda: NOW)


def duties_of(store: Store, agent: str) -> list[str]:
    version = store.current_version(TEAM)
    assert version is not None
    return [str(duty.key) for duty in version.duties if duty.holder == agent]


def listed_duties(html: str) -> list[str]:
    table = html.split('<table class="data my-duties">')[1].split("</table>")[0]
    return re.findall(r'<tr data-duty="([^"]+)"', table)


def option_with(store: Store, requester: str, counterpart: str) -> tuple[str, str]:
    """A duty of ``requester`` and a suggested change with ``counterpart`` for it: (duty,
    counterpart's duty or "" for a cover). The suggestions come from the library, so the
    test does not depend on which roster the solver returned."""
    service = service_of(store)
    for key in duties_of(store, requester):
        for option in service.suggest(TEAM, DutyKey.parse(key), requester):
            if option.counterpart == counterpart:
                other = option.counterpart_duty
                return key, "" if other is None else str(other)
    pytest.fail(f"no suggestion of {requester} with {counterpart}")


def file_as_a1(client: TestClient, tokens: dict[str, str], store: Store) -> tuple[int, str]:
    """a1 asks a2 through the page, with a note and a text file as proof: (swap id, duty)."""
    duty, other = option_with(store, "a1", "a2")
    open_as(client, tokens, "a1")
    answer = post_form(
        client,
        f"/me/duties/{duty}/swap",
        {"counterpart": "a2", "counterpart_duty": other, "channel": "chat", "note": SECRET_NOTE},
        files={"attachment": ("chat.txt", PROOF, "text/plain")},
    )
    assert answer.status_code == 303, text_of(answer.text)
    assert answer.headers["location"] == "/me/requests"
    newest = max(r.request.id for r in store.swap_records(TEAM) if r.request.requester == "a1")
    return newest, duty


# -- my duties -------------------------------------------------------------------------------


def test_my_duties_lists_exactly_my_duties_of_the_current_version(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    open_as(client, tokens, "a1")
    html = client.get("/me").text
    assert listed_duties(html) == duties_of(store, "a1")
    # The calendar is the roster grid with a1's row alone.
    body = html.split("<tbody>")[-1].split("</tbody>")[0]
    assert re.findall(r'<tr data-agent="(a\d)">', body) == ["a1"]
    assert sorted(re.findall(r'data-duty="([^"]+)" title=', body)) == duties_of(store, "a1")
    text = text_of(html)
    assert "Responsible" in text and "王芳" in text
    assert "on call" in text  # a1 has C duties in the default roster


def test_my_duties_follow_an_approved_swap_into_the_new_version(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    duty, other = option_with(store, "a1", "a2")
    service = service_of(store)
    filed = service.request(
        TEAM, requester="a1", duty=DutyKey.parse(duty), counterpart="a2",
        counterpart_duty=DutyKey.parse(other) if other else None, evidence=Evidence(Channel.CHAT),
    )  # fmt: skip
    service.accept(filed.id, actor="a2", evidence=Evidence(Channel.CHAT))
    service.approve(filed.id, supervisor="lead")

    open_as(client, tokens, "a1")
    html = client.get("/me").text
    listed = listed_duties(html)
    assert listed == duties_of(store, "a1")  # the new version's
    assert duty not in listed
    if other:
        assert other in listed
        row = html.split(f'<tr data-duty="{other}"')[1].split("</tr>")[0]
        assert f"changed by swap {filed.id}" in text_of(row)


def test_a_duty_handed_over_without_evidence_stays_mine_to_answer_for(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    duty, other = option_with(store, "a1", "a2")
    service = service_of(store)
    # Filed by a supervisor without a1's agreement: approved, but responsibility stays.
    filed = service.request(
        TEAM, requester="a1", duty=DutyKey.parse(duty), counterpart="a2",
        counterpart_duty=DutyKey.parse(other) if other else None, supervisor="lead",
    )  # fmt: skip
    service.accept(filed.id, actor="a2", evidence=Evidence(Channel.PHONE))
    service.approve(filed.id, supervisor="lead")
    open_as(client, tokens, "a1")
    html = client.get("/me").text
    others = html.split('<section id="answered-for-others">')[1].split("</section>")[0]
    assert re.findall(r'<tr data-duty="([^"]+)"', others) == [duty]
    assert "李娜" in text_of(others)  # who works it


def test_my_duties_are_in_chinese_for_the_default_team(
    client: TestClient, tokens: dict[str, str]
) -> None:
    sign_in(client, tokens, "a1")
    text = text_of(client.get("/me").text)
    assert "我的班次" in text and "日历订阅" in text


def test_a_supervisor_cannot_open_my_duties(client: TestClient, tokens: dict[str, str]) -> None:
    open_as(client, tokens, "lead")
    answer = client.get("/me")
    assert answer.status_code == 403
    assert "This page is for agents." in answer.text


# -- the calendar feed -----------------------------------------------------------------------


def feed_paths(html: str) -> set[str]:
    """The whole feed addresses on a page, as paths (each shown as https and webcal)."""
    https = set(re.findall(r"https://testserver(/feeds/rsf_[A-Za-z0-9_\-]+\.ics)", html))
    webcal = set(re.findall(r"webcal://testserver(/feeds/rsf_[A-Za-z0-9_\-]+\.ics)", html))
    assert https == webcal
    return https


def test_making_a_feed_shows_both_links_once_and_they_serve_my_calendar(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    open_as(client, tokens, "a1")
    assert 'action="/me/feed"' in client.get("/me").text  # no token yet: a button makes one
    made = post_form(client, "/me/feed")
    assert made.status_code == 200
    assert made.headers["cache-control"] == "no-store"
    (path,) = feed_paths(made.text)
    # The hooks of the browser test: the whole addresses are links with ids.
    assert f'id="feed-https" class="feed-https" href="https://testserver{path}"' in made.text
    assert f'id="feed-webcal" class="feed-webcal" href="webcal://testserver{path}"' in made.text
    feed = client.get(path)
    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    token = store.feed_tokens(TEAM, "a1")[0]
    assert token.agent == "a1"
    # Afterwards the page shows the address by its first characters only.
    again = client.get("/me").text
    assert feed_paths(again) == set()
    assert 'id="feed-https"' not in again  # a shortened address is no link
    assert f"https://testserver/feeds/{token.prefix}…" in again
    assert "/me/feed/rotate" in again


def test_rotating_the_feed_replaces_the_link_and_the_old_one_stops_working(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    open_as(client, tokens, "a1")
    (old,) = feed_paths(post_form(client, "/me/feed").text)
    token_id = store.feed_tokens(TEAM, "a1")[0].id
    rotated = post_form(client, "/me/feed/rotate", {"token_id": str(token_id)})
    assert rotated.status_code == 200
    (new,) = feed_paths(rotated.text)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_an_agent_cannot_rotate_another_agents_feed(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    secret, record = store.create_feed_token(TEAM, "a2")
    open_as(client, tokens, "a1")
    answer = post_form(client, "/me/feed/rotate", {"token_id": str(record.id)})
    assert answer.status_code == 403
    assert "not one of your own" in answer.text
    assert secret not in answer.text
    assert client.get(f"/feeds/{secret}.ics").status_code == 200  # still a2's working feed
    # a2's token never shows on a1's page, not even by its first characters.
    assert record.prefix not in client.get("/me").text


def test_a_form_without_csrf_is_refused(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    open_as(client, tokens, "a1")
    assert client.post("/me/feed", data={}).status_code == 403
    assert store.feed_tokens(TEAM, "a1") == ()
    duty, other = option_with(store, "a1", "a2")
    answer = client.post(
        f"/me/duties/{duty}/swap",
        data={"counterpart": "a2", "counterpart_duty": other},
        follow_redirects=False,
    )
    assert answer.status_code == 403
    assert "CSRF" in answer.text
    assert store.swap_records(TEAM) == ()


# -- asking for a swap or a cover ------------------------------------------------------------


def test_the_swap_page_lists_the_suggestions_with_what_each_changes(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    duty = duties_of(store, "a1")[3]
    expected = service_of(store).suggest(TEAM, DutyKey.parse(duty), "a1")
    assert expected, "the default roster leaves room for a change"
    open_as(client, tokens, "a1")
    html = client.get(f"/me/duties/{duty}/swap").text
    shown = re.findall(
        r'<form class="swap-option[^"]*"[^>]*data-kind="(\w+)" data-counterpart="(a\d)" '
        r'data-counterpart-duty="([^"]*)"',
        html,
    )
    assert shown == [(s.kind.value, s.counterpart, str(s.counterpart_duty or "")) for s in expected]
    text = markup.unescape(text_of(html))
    for suggestion in expected:
        assert suggestion.describe("en") in text
    assert html.count('name="attachment" type="file"') == len(expected)
    assert html.count('enctype="multipart/form-data"') == len(expected)


def test_filing_a_swap_creates_a_requested_request_with_the_evidence(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    swap_id, duty = file_as_a1(client, tokens, store)
    record = store.swap_record(swap_id)
    request = record.request
    assert request.state is SwapState.REQUESTED
    assert (request.requester, str(request.requester_duty), request.counterpart) == (
        "a1",
        duty,
        "a2",
    )
    (agreement,) = request.agreements
    assert (agreement.agent, agreement.channel, agreement.note) == ("a1", Channel.CHAT, SECRET_NOTE)
    assert agreement.attachment_sha256 is not None
    assert store.attachment(agreement.attachment_sha256).data == PROOF
    # The requests page says it was sent, and my duty shows the open request.
    page = text_of(client.get("/me/requests").text)
    assert f"Request {swap_id} was sent" in page
    assert "was sent" not in text_of(client.get("/me/requests").text)  # said once
    assert f"request {swap_id} open" in text_of(client.get("/me").text)


def test_a_request_only_shows_to_the_agents_it_involves(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    swap_id, _ = file_as_a1(client, tokens, store)
    open_as(client, tokens, "a2")
    html = client.get("/me/requests").text
    waiting = html.split('<section id="waiting">')[1].split("</section>")[0]
    assert f'data-swap-id="{swap_id}"' in waiting
    assert 'name="action" value="accept"' in waiting
    assert 'name="action" value="decline"' in waiting
    assert 'value="withdraw"' not in waiting  # declining is the answer before accepting
    # The requester agreed, and how; but not what a1 wrote or attached.
    assert "王芳 agreed on 2026-11-20 17:00 (by chat)" in text_of(waiting)
    assert "waiting for your answer" in text_of(waiting)
    assert SECRET_NOTE not in html
    assert PROOF.decode() not in html and "chat.txt" not in html
    agreement = store.swap_record(swap_id).request.agreements[0]
    assert agreement.attachment_sha256 not in html

    open_as(client, tokens, "a3")
    assert f'data-swap-id="{swap_id}"' not in client.get("/me/requests").text


def test_the_counterpart_accepts_with_their_own_evidence(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    swap_id, _ = file_as_a1(client, tokens, store)
    open_as(client, tokens, "a2")
    answer = post_form(
        client,
        f"/me/requests/{swap_id}",
        {"action": "accept", "channel": "phone", "note": "fine by me"},
        files={"attachment": ("ok.txt", b"yes", "text/plain")},
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/me/requests"
    request = store.swap_record(swap_id).request
    assert request.state is SwapState.ACCEPTED
    assert [(a.agent, a.channel) for a in request.agreements] == [
        ("a1", Channel.CHAT),
        ("a2", Channel.PHONE),
    ]
    assert request.agreements[1].attachment_sha256 is not None
    page = client.get("/me/requests").text
    assert f"You accepted request {swap_id}." in page
    answered = page.split('<section id="answered">')[1]
    assert f'data-swap-id="{swap_id}" data-state="accepted"' in answered


def test_the_counterpart_may_decline(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    swap_id, _ = file_as_a1(client, tokens, store)
    open_as(client, tokens, "a2")
    answer = post_form(client, f"/me/requests/{swap_id}", {"action": "decline", "note": "busy"})
    assert answer.status_code == 303
    assert store.swap_record(swap_id).request.state is SwapState.DECLINED


def test_only_the_counterpart_may_accept(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    swap_id, _ = file_as_a1(client, tokens, store)
    for who in ("a3", "a1"):
        open_as(client, tokens, who)
        answer = post_form(client, f"/me/requests/{swap_id}", {"action": "accept"})
        assert answer.status_code == 403
        assert "only the colleague a2 may" in text_of(answer.text)
    assert store.swap_record(swap_id).request.state is SwapState.REQUESTED


def test_an_agent_cannot_approve_through_the_page(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    swap_id, _ = file_as_a1(client, tokens, store)
    open_as(client, tokens, "a2")
    post_form(client, f"/me/requests/{swap_id}", {"action": "accept"})
    answer = post_form(client, f"/me/requests/{swap_id}", {"action": "approve"})
    assert answer.status_code == 403
    assert store.swap_record(swap_id).request.state is SwapState.ACCEPTED


def test_the_requester_withdraws_from_the_requests_page(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    swap_id, _ = file_as_a1(client, tokens, store)
    sent = client.get("/me/requests").text.split('<section id="sent">')[1]
    assert f'data-swap-id="{swap_id}" data-state="requested"' in sent
    assert 'name="action" value="withdraw"' in sent
    assert 'value="accept"' not in sent  # a1 cannot accept their own request
    answer = post_form(client, f"/me/requests/{swap_id}", {"action": "withdraw"})
    assert answer.status_code == 303
    assert store.swap_record(swap_id).request.state is SwapState.WITHDRAWN


def test_an_agent_cannot_open_the_swap_page_of_another_agents_duty(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    theirs = duties_of(store, "a2")[0]
    open_as(client, tokens, "a1")
    answer = client.get(f"/me/duties/{theirs}/swap")
    assert answer.status_code == 403
    assert f"Duty {theirs} is not yours" in text_of(answer.text)
    refused = post_form(client, f"/me/duties/{theirs}/swap", {"counterpart": "a3"})
    assert refused.status_code == 403
    assert store.swap_records(TEAM) == ()


def test_an_unknown_duty_is_a_404(client: TestClient, tokens: dict[str, str]) -> None:
    open_as(client, tokens, "a1")
    assert client.get("/me/duties/2030-01-01/A/0/swap").status_code == 404
    assert client.get("/me/duties/not-a-duty/swap").status_code == 404


def test_a_duty_within_the_notice_cannot_be_changed_and_the_page_says_why(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    duty, other = option_with(store, "a1", "a2")
    store.update_team_settings(TEAM, notice_hours=24 * 60)  # every duty is now too close
    open_as(client, tokens, "a1")
    page = client.get(f"/me/duties/{duty}/swap").text
    assert "Ask a supervisor to file the change" in text_of(page)
    assert "swap-option" not in page
    refused = post_form(
        client, f"/me/duties/{duty}/swap", {"counterpart": "a2", "counterpart_duty": other}
    )
    assert refused.status_code == 422
    assert "Ask a supervisor to file the change" in text_of(refused.text)
    assert store.swap_records(TEAM) == ()


def test_a_change_that_breaks_a_hard_rule_is_refused_and_the_form_kept(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    service = service_of(store)
    # A cover by a colleague the library does not suggest breaks a rule (or cannot be made).
    for key in duties_of(store, "a1"):
        suggested = {s.counterpart for s in service.suggest(TEAM, DutyKey.parse(key), "a1")
                     if s.kind is SwapKind.COVER}  # fmt: skip
        refused = sorted({"a2", "a3", "a4"} - suggested)
        if refused:
            duty, counterpart = key, refused[0]
            break
    else:
        pytest.fail("every cover of every duty of a1 is possible")
    open_as(client, tokens, "a1")
    answer = post_form(
        client, f"/me/duties/{duty}/swap", {"counterpart": counterpart, "note": "kept note"}
    )
    assert answer.status_code == 422
    alert = answer.text.split('role="alert">')[1].split("</p>")[0]
    assert "would break" in alert or "already works" in alert, alert
    assert store.swap_records(TEAM) == ()


def test_a_refusal_shows_in_chinese_on_a_chinese_page(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    theirs = duties_of(store, "a2")[0]
    sign_in(client, tokens, "a1")
    answer = client.get(f"/me/duties/{theirs}/swap")
    assert answer.status_code == 403
    assert f"班次 {theirs} 不是您的" in text_of(answer.text)


# -- the plain helpers -----------------------------------------------------------------------


def test_change_of_reads_the_reason_of_a_duty() -> None:
    assert change_of("roster") is None
    assert (change_of("swap:7").kind, change_of("swap:7").number) == ("swap", 7)  # type: ignore[union-attr]
    assert change_of("swap:7:no-evidence").number == 7  # type: ignore[union-attr]
    assert change_of("reroster:3").kind == "reroster"  # type: ignore[union-attr]
    assert change_of("swap:x") is None


def _record(request_id: int, requester: str, counterpart: str, state: SwapState) -> SwapRecord:
    request = SwapRequest(
        request_id, SwapKind.COVER, requester, DutyKey(dt.date(2026, 12, 1), "A"), counterpart,
        None, state,
    )  # fmt: skip
    return SwapRecord(request, TEAM, 1, NOW, NOW, None, None)


def test_actions_follow_the_state_machine_and_the_party() -> None:
    requested = _record(1, "a1", "a2", SwapState.REQUESTED).request
    accepted = _record(1, "a1", "a2", SwapState.ACCEPTED).request
    # The colleague could withdraw too, but declining is their answer until they accepted.
    assert actions_for(requested, "a2") == (Action.ACCEPT, Action.DECLINE)
    assert actions_for(requested, "a1") == (Action.WITHDRAW,)
    assert actions_for(requested, "a3") == ()
    assert actions_for(accepted, "a2") == (Action.WITHDRAW,)
    assert actions_for(_record(1, "a1", "a2", SwapState.APPROVED).request, "a1") == ()


def test_requests_of_keeps_only_the_agents_own_requests() -> None:
    records = [
        _record(1, "a1", "a2", SwapState.REQUESTED),
        _record(2, "a3", "a4", SwapState.REQUESTED),
        _record(3, "a2", "a1", SwapState.REQUESTED),
        _record(4, "a3", "a1", SwapState.DECLINED),
    ]
    lists = requests_of(records, "a1", {}, ZoneInfo("Asia/Shanghai"))
    assert [view.id for view in lists.sent] == [1]
    assert [view.id for view in lists.waiting] == [3]
    assert [view.id for view in lists.answered] == [4]
    assert open_requests_by_duty(records, "a1") == {"2026-12-01/A/0": [1]}
