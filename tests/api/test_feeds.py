"""Calendar feeds over HTTP: fetching, conditional requests, 404s that tell nothing,
rotation, a swap reaching the feed, managing tokens, and the caller's profile."""

from __future__ import annotations

import datetime as dt
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from scheduler.ical import duty_uid
from scheduler.store import Store
from scheduler.swaps import DutyKey
from tests.api.conftest import NOW, TEAM, auth

PROBLEM = "application/problem+json"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _feed_path(secret: str) -> str:
    return f"/feeds/{secret}.ics"


def _events(body: bytes) -> dict[str, Any]:
    """The feed's events by UID."""
    calendar = Calendar.from_ical(body)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def _make(client: TestClient, tokens: dict[str, str], who: str, **body: Any) -> dict[str, Any]:
    response = client.post(
        f"/api/v1/teams/{TEAM}/feed-tokens", json=body, headers=auth(tokens, who)
    )
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def test_an_agent_fetches_their_feed(client: TestClient, tokens: dict[str, str]) -> None:
    created = _make(client, tokens, "a1")
    assert created["agent"] == "a1" and created["secret"].startswith("rsf_")
    assert created["https_url"] == f"https://testserver/feeds/{created['secret']}.ics"
    assert created["webcal_url"] == f"webcal://testserver/feeds/{created['secret']}.ics"
    response = client.get(_feed_path(created["secret"]))  # no bearer token
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.headers["etag"].startswith('"') and len(response.headers["etag"]) == 66
    assert response.headers["cache-control"] == "private, max-age=300"
    # The published version was made at NOW: the feed last changed then.
    assert parsedate_to_datetime(response.headers["last-modified"]) == NOW
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")
    roster = client.get(f"/api/v1/teams/{TEAM}/rosters/current", headers=auth(tokens, "a1")).json()
    mine = {duty_uid(TEAM, DutyKey.parse(d["id"])) for d in roster["duties"] if d["holder"] == "a1"}
    assert set(_events(response.content)) == mine
    # Same history, same bytes.
    assert client.get(_feed_path(created["secret"])).content == response.content


def test_if_none_match_is_304_and_head_has_the_headers(
    client: TestClient, tokens: dict[str, str]
) -> None:
    path = _feed_path(_make(client, tokens, "a2")["secret"])
    got = client.get(path)
    etag = got.headers["ETag"]
    cached = client.get(path, headers={"If-None-Match": etag})
    assert cached.status_code == 304 and cached.content == b""
    assert cached.headers["ETag"] == etag
    assert cached.headers["Last-Modified"] == got.headers["Last-Modified"]
    assert client.get(path, headers={"If-None-Match": '"stale"'}).status_code == 200
    assert client.get(path, headers={"If-None-Match": f'"x", W/{etag}'}).status_code == 304
    # Without If-None-Match, If-Modified-Since answers by the date.
    since = {"If-Modified-Since": got.headers["Last-Modified"]}
    assert client.get(path, headers=since).status_code == 304
    earlier = format_datetime(NOW - dt.timedelta(days=1), usegmt=True)
    assert client.get(path, headers={"If-Modified-Since": earlier}).status_code == 200
    # If-None-Match decides alone when both are sent.
    both = {**since, "If-None-Match": '"stale"'}
    assert client.get(path, headers=both).status_code == 200
    head = client.head(path)
    assert head.status_code == 200 and head.content == b""
    for name in ("ETag", "Last-Modified", "Content-Type", "Content-Length", "Cache-Control"):
        assert head.headers[name] == got.headers[name], name
    assert client.head(path, headers={"If-None-Match": etag}).status_code == 304


def test_unknown_and_revoked_tokens_get_the_same_404(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    secret, token = store.create_feed_token(TEAM, "a3")
    store.revoke_feed_token(token.id)
    answers = [
        client.get(_feed_path(secret)),
        client.get(_feed_path("rsf_" + "A" * 43)),
        client.get(_feed_path("not-even-a-feed-token")),
        client.get(_feed_path(tokens["a3"])),  # an API token opens no feed
    ]
    for answer in answers:
        assert answer.status_code == 404
        assert answer.headers["content-type"].startswith(PROBLEM)
        assert secret not in answer.text
    assert len({answer.content for answer in answers}) == 1
    assert answers[0].json()["type"] == "/problems/not-found"
    head = client.head(_feed_path(secret))
    assert head.status_code == 404 and head.content == b""


def test_rotation_retires_the_old_address(client: TestClient, tokens: dict[str, str]) -> None:
    old = _make(client, tokens, "a1")
    before = client.get(_feed_path(old["secret"]))
    rotated = client.post(f"/api/v1/feed-tokens/{old['id']}/rotate", headers=auth(tokens, "a1"))
    assert rotated.status_code == 201, rotated.text
    new = rotated.json()
    assert new["rotated_from"] == old["id"] and new["agent"] == "a1"
    assert new["secret"] != old["secret"]
    assert new["webcal_url"] == f"webcal://testserver/feeds/{new['secret']}.ics"
    assert client.get(_feed_path(old["secret"])).status_code == 404
    after = client.get(_feed_path(new["secret"]))
    assert after.status_code == 200 and after.content == before.content
    # The old one cannot be rotated again.
    again = client.post(f"/api/v1/feed-tokens/{old['id']}/rotate", headers=auth(tokens, "a1"))
    assert again.status_code == 409


def test_revoking_over_the_api(client: TestClient, tokens: dict[str, str]) -> None:
    created = _make(client, tokens, "a4")
    revoked = client.delete(f"/api/v1/feed-tokens/{created['id']}", headers=auth(tokens, "a4"))
    assert revoked.status_code == 200 and revoked.json()["revoked_at"] is not None
    assert "secret" not in revoked.json()
    assert client.get(_feed_path(created["secret"])).status_code == 404


def _approved_swap(client: TestClient, tokens: dict[str, str]) -> tuple[str, str]:
    """a1 swaps a duty with a colleague, who accepts; the supervisor approves.
    The duty of a1 and the colleague."""
    roster = client.get(f"/api/v1/teams/{TEAM}/rosters/current", headers=auth(tokens, "a1")).json()
    for duty in (d["id"] for d in roster["duties"] if d["holder"] == "a1"):
        candidates = client.get(
            f"/api/v1/teams/{TEAM}/duties/{duty}/swap-candidates", headers=auth(tokens, "a1")
        ).json()
        if candidates and candidates[0]["kind"] == "swap":
            break
    else:
        raise AssertionError("no swap candidate for a1")
    colleague = candidates[0]["counterpart"]
    form = {
        "duty": duty,
        "counterpart": colleague,
        "counterpart_duty": candidates[0]["counterpart_duty"],
        "channel": "chat",
    }
    filed = client.post(
        f"/api/v1/teams/{TEAM}/swaps",
        data=form,
        files={"attachment": ("chat.png", PNG, "image/png")},
        headers=auth(tokens, "a1"),
    )
    assert filed.status_code == 201, filed.text
    swap = f"/api/v1/swaps/{filed.json()['id']}"
    accepted = client.post(
        f"{swap}/accept",
        data={"channel": "phone"},
        headers={**auth(tokens, colleague), "If-Match": filed.headers["ETag"]},
    )
    assert accepted.status_code == 200, accepted.text
    approved = client.post(
        f"{swap}/approve", headers={**auth(tokens, "lead"), "If-Match": accepted.headers["ETag"]}
    )
    assert approved.status_code == 200, approved.text
    return duty, colleague


def test_an_approved_swap_reaches_the_feeds(
    client: TestClient, tokens: dict[str, str], store: Store
) -> None:
    mine = _make(client, tokens, "a1")["secret"]
    team = _make(client, tokens, "lead")["secret"]
    before = {secret: client.get(_feed_path(secret)) for secret in (mine, team)}
    duty, colleague = _approved_swap(client, tokens)
    theirs, _ = store.create_feed_token(TEAM, colleague)
    uid = duty_uid(TEAM, DutyKey.parse(duty))
    assert uid in _events(before[mine].content)
    stale = {"If-None-Match": before[mine].headers["ETag"]}
    after = client.get(_feed_path(mine), headers=stale)
    assert after.status_code == 200 and after.headers["ETag"] != before[mine].headers["ETag"]
    assert uid not in _events(after.content)  # moved away from a1
    moved = _events(client.get(_feed_path(theirs)).content)[uid]
    assert moved["SEQUENCE"] > _events(before[mine].content)[uid].get("SEQUENCE", 0)
    team_after = client.get(_feed_path(team))
    assert team_after.headers["ETag"] != before[team].headers["ETag"]
    agents = client.get(f"/api/v1/teams/{TEAM}", headers=auth(tokens, "lead")).json()["agents"]
    name = next(agent["name"] for agent in agents if agent["code"] == colleague)
    assert name in str(_events(team_after.content)[uid]["DESCRIPTION"])
    # Versions only grow: Last-Modified never goes backwards.
    assert parsedate_to_datetime(after.headers["Last-Modified"]) >= parsedate_to_datetime(
        before[mine].headers["Last-Modified"]
    )


def test_supervisors_make_any_feed_and_agents_only_their_own(
    client: TestClient, tokens: dict[str, str]
) -> None:
    team_feed = _make(client, tokens, "lead")
    assert team_feed["agent"] is None
    assert _make(client, tokens, "lead", agent="a2")["agent"] == "a2"
    url = f"/api/v1/teams/{TEAM}/feed-tokens"
    for body in ({"agent": "a2"}, {"agent": None, "x": 1} | {"agent": "a3"}):
        response = client.post(url, json=body, headers=auth(tokens, "a1"))
        assert response.status_code == 403 and response.json()["type"] == "/problems/forbidden"
    unknown = client.post(url, json={"agent": "zz"}, headers=auth(tokens, "lead"))
    assert unknown.status_code == 404


def test_an_agent_never_sees_or_touches_another_agents_tokens(
    client: TestClient, tokens: dict[str, str]
) -> None:
    a1 = _make(client, tokens, "a1")
    a2 = _make(client, tokens, "a2")
    team = _make(client, tokens, "lead")
    url = f"/api/v1/teams/{TEAM}/feed-tokens"
    listed = client.get(url, headers=auth(tokens, "a1")).json()["items"]
    assert [token["id"] for token in listed] == [a1["id"]]
    assert all("secret" not in token for token in listed)
    everything = client.get(url, headers=auth(tokens, "lead")).json()["items"]
    assert [token["id"] for token in everything] == [a1["id"], a2["id"], team["id"]]
    for token in (a2, team):
        for method, path in (
            ("POST", f"/api/v1/feed-tokens/{token['id']}/rotate"),
            ("DELETE", f"/api/v1/feed-tokens/{token['id']}"),
        ):
            response = client.request(method, path, headers=auth(tokens, "a1"))
            assert response.status_code == 403, (method, path)
    # The supervisor manages anyone's.
    response = client.delete(f"/api/v1/feed-tokens/{a2['id']}", headers=auth(tokens, "lead"))
    assert response.status_code == 200
    assert client.get(_feed_path(a1["secret"])).status_code == 200


def test_me_shows_the_caller_and_their_feeds_by_prefix(
    client: TestClient, tokens: dict[str, str]
) -> None:
    kept = _make(client, tokens, "a1")
    dropped = _make(client, tokens, "a1")
    client.delete(f"/api/v1/feed-tokens/{dropped['id']}", headers=auth(tokens, "a1"))
    _make(client, tokens, "a2")
    me = client.get("/api/v1/me", headers=auth(tokens, "a1")).json()
    assert (me["name"], me["role"], me["team"], me["agent"]) == ("user-a1", "agent", TEAM, "a1")
    assert [feed["id"] for feed in me["feeds"]] == [kept["id"]]
    feed = me["feeds"][0]
    assert kept["secret"].startswith(feed["prefix"]) and kept["secret"] not in str(me)
    assert kept["https_url"].startswith(feed["https_url_prefix"])
    assert kept["webcal_url"].startswith(feed["webcal_url_prefix"])
    team = _make(client, tokens, "lead")
    lead = client.get("/api/v1/me", headers=auth(tokens, "lead")).json()
    assert lead["role"] == "supervisor" and lead["agent"] is None
    assert [feed["id"] for feed in lead["feeds"]] == [team["id"]]


@pytest.mark.parametrize("who", ["a1", "lead"])
def test_feeds_need_no_bearer_and_ignore_one(
    client: TestClient, tokens: dict[str, str], who: str
) -> None:
    secret = _make(client, tokens, who)["secret"]
    plain = client.get(_feed_path(secret))
    with_bearer = client.get(_feed_path(secret), headers={"Authorization": "Bearer rst_wrong"})
    assert plain.status_code == with_bearer.status_code == 200
    assert plain.content == with_bearer.content
