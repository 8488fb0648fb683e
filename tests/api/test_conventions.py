"""The HTTP conventions: ETag and conditional requests, Idempotency-Key, cursor pages, HEAD."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi.testclient import TestClient

from tests.api.conftest import TEAM, auth

PROBLEM = "application/problem+json"
API = "/api/v1"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _swap_requests(client: TestClient, tokens: dict[str, str]) -> Iterator[dict[str, str]]:
    """Form bodies of valid swap requests, each for another duty, with the agent filing it."""
    roster = client.get(f"{API}/teams/{TEAM}/rosters/current", headers=auth(tokens, "a1")).json()
    for duty in roster["duties"]:
        holder = duty["holder"]
        candidates = client.get(
            f"{API}/teams/{TEAM}/duties/{duty['id']}/swap-candidates", headers=auth(tokens, holder)
        ).json()
        for candidate in candidates:
            if candidate["kind"] == "swap":
                yield {
                    "agent": holder,
                    "duty": duty["id"],
                    "counterpart": candidate["counterpart"],
                    "counterpart_duty": candidate["counterpart_duty"],
                    "channel": "chat",
                    "note": "ok with you?",
                }
                break


def _file(
    client: TestClient,
    tokens: dict[str, str],
    form: dict[str, str],
    evidence: bytes | None = None,
    **headers: str,
) -> Any:
    data = {k: v for k, v in form.items() if k != "agent"}
    files = None if evidence is None else {"attachment": ("chat.png", evidence, "image/png")}
    return client.post(
        f"{API}/teams/{TEAM}/swaps",
        data=data,
        files=files,
        headers={**auth(tokens, form["agent"]), **headers},
    )


def test_etag_and_if_none_match_answer_304(client: TestClient, tokens: dict[str, str]) -> None:
    for path in (f"{API}/teams/{TEAM}", f"{API}/teams/{TEAM}/rosters/current"):
        first = client.get(path, headers=auth(tokens, "a1"))
        etag = first.headers["ETag"]
        assert first.status_code == 200 and etag.startswith('"') and etag.endswith('"')
        again = client.get(path, headers=auth(tokens, "a1"))
        assert again.headers["ETag"] == etag  # stable: a hash of the body
        cached = client.get(path, headers={**auth(tokens, "a1"), "If-None-Match": etag})
        assert cached.status_code == 304 and cached.content == b""
        assert cached.headers["ETag"] == etag
        stale = client.get(path, headers={**auth(tokens, "a1"), "If-None-Match": '"other"'})
        assert stale.status_code == 200
    # The CSV of a roster is another representation, with another tag.
    csv = client.get(
        f"{API}/teams/{TEAM}/rosters/current", headers={**auth(tokens, "a1"), "Accept": "text/csv"}
    )
    assert csv.headers["ETag"] != first.headers["ETag"]
    assert csv.headers["Vary"] == "Accept"


def test_patch_team_needs_a_current_if_match(client: TestClient, tokens: dict[str, str]) -> None:
    lead = auth(tokens, "lead")
    team = f"{API}/teams/{TEAM}"
    etag = client.get(team, headers=lead).headers["ETag"]
    missing = client.patch(team, json={"notice_hours": 48}, headers=lead)
    assert missing.status_code == 428
    assert missing.headers["content-type"].startswith(PROBLEM)
    assert missing.json()["type"] == "/problems/precondition-required"
    stale = client.patch(team, json={"notice_hours": 48}, headers={**lead, "If-Match": '"stale"'})
    assert stale.status_code == 412
    assert stale.json()["type"] == "/problems/precondition-failed"
    assert client.get(team, headers=lead).json()["notice_hours"] == 24  # nothing changed
    fresh = client.patch(team, json={"notice_hours": 48}, headers={**lead, "If-Match": etag})
    assert fresh.status_code == 200 and fresh.json()["notice_hours"] == 48
    new_etag = fresh.headers["ETag"]
    assert new_etag != etag and client.get(team, headers=lead).headers["ETag"] == new_etag
    # The old tag is now stale.
    again = client.patch(team, json={"notice_hours": 12}, headers={**lead, "If-Match": etag})
    assert again.status_code == 412


def test_swap_action_with_a_stale_if_match_changes_nothing(
    client: TestClient, tokens: dict[str, str]
) -> None:
    form = next(_swap_requests(client, tokens))
    filed = _file(client, tokens, form)
    assert filed.status_code == 201, filed.text
    swap_url = f"{API}/swaps/{filed.json()['id']}"
    colleague = auth(tokens, form["counterpart"])
    etag = client.get(swap_url, headers=colleague).headers["ETag"]
    assert etag == filed.headers["ETag"]
    # A tag the swap does not have (any earlier state's): no If-Match is 428, a stale one 412.
    stale = '"' + "0" * 64 + '"'
    for headers in ({}, {"If-Match": stale}):
        refused = client.post(
            f"{swap_url}/accept", data={"channel": "phone"}, headers={**colleague, **headers}
        )
        assert refused.status_code == (412 if headers else 428)
        assert refused.headers["content-type"].startswith(PROBLEM)
    after = client.get(swap_url, headers=colleague)
    assert after.json()["state"] == "requested" and len(after.json()["agreements"]) == 1
    assert after.headers["ETag"] == etag
    accepted = client.post(
        f"{swap_url}/accept", data={"channel": "phone"}, headers={**colleague, "If-Match": etag}
    )
    assert accepted.status_code == 200, accepted.text
    assert accepted.headers["ETag"] != etag
    assert accepted.headers["ETag"] == client.get(swap_url, headers=colleague).headers["ETag"]
    # The tag the colleague used is now stale for the supervisor too.
    lead = auth(tokens, "lead")
    approve = client.post(f"{swap_url}/approve", headers={**lead, "If-Match": etag})
    assert approve.status_code == 412
    assert client.get(swap_url, headers=lead).json()["state"] == "accepted"


def test_idempotent_replay_files_one_swap(client: TestClient, tokens: dict[str, str]) -> None:
    form = next(_swap_requests(client, tokens))
    key = {"Idempotency-Key": "file-swap-1"}
    first = _file(client, tokens, form, PNG, **key)
    assert first.status_code == 201, first.text
    assert "Idempotent-Replayed" not in first.headers
    replay = _file(client, tokens, form, PNG, **key)  # a new multipart boundary, same request
    assert replay.status_code == 201
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json() == first.json()
    assert replay.headers["Location"] == first.headers["Location"]
    assert replay.headers["ETag"] == first.headers["ETag"]
    listed = client.get(f"{API}/teams/{TEAM}/swaps", headers=auth(tokens, "lead")).json()
    assert [s["id"] for s in listed["items"]] == [first.json()["id"]]
    # Another request under the same key is refused, and does nothing.
    for other_form, evidence in (({**form, "note": "changed my mind"}, PNG), (form, PNG + b"!")):
        reused = _file(client, tokens, other_form, evidence, **key)
        assert reused.status_code == 422
        assert reused.headers["content-type"].startswith(PROBLEM)
        assert reused.json()["type"] == "/problems/idempotency-key-reused"
    assert (
        len(client.get(f"{API}/teams/{TEAM}/swaps", headers=auth(tokens, "lead")).json()["items"])
        == 1
    )


def test_idempotent_json_post_and_failures_are_not_stored(
    client: TestClient, tokens: dict[str, str]
) -> None:
    lead = {**auth(tokens, "lead"), "Idempotency-Key": "new-team"}
    body = {"slug": "night", "name": "Night desk", "timezone": "Europe/Paris"}
    first = client.post(f"{API}/teams", json=body, headers=lead)
    assert first.status_code == 201
    # The same JSON with its keys in another order is the same request.
    replay = client.post(f"{API}/teams", json=dict(reversed(body.items())), headers=lead)
    assert replay.status_code == 201 and replay.headers["Idempotent-Replayed"] == "true"
    # A refused request keeps nothing: retrying it is tried again (and refused again).
    dup = {**auth(tokens, "lead"), "Idempotency-Key": "dup-team"}
    for _ in range(2):
        conflict = client.post(f"{API}/teams", json=body, headers=dup)
        assert conflict.status_code == 409 and "Idempotent-Replayed" not in conflict.headers


def test_concurrent_duplicate_is_409(client: TestClient, tokens: dict[str, str]) -> None:
    store = client.app.state.store  # type: ignore[attr-defined]
    user = store.user_for_token(tokens["lead"])
    in_flight = client.app.state.idempotency_in_flight  # type: ignore[attr-defined]
    # The first request with this key is still running.
    assert in_flight.claim(user.id, "busy")
    body = {"slug": "late", "name": "Late desk", "timezone": "Europe/Paris"}
    response = client.post(
        f"{API}/teams", json=body, headers={**auth(tokens, "lead"), "Idempotency-Key": "busy"}
    )
    assert response.status_code == 409
    assert response.json()["type"] == "/problems/idempotency-key-in-use"
    in_flight.release(user.id, "busy")
    assert all(
        t["slug"] != "late"
        for t in client.get(f"{API}/teams", headers=auth(tokens, "lead")).json()["items"]
    )


def test_pages_walk_every_swap_once(client: TestClient, tokens: dict[str, str]) -> None:
    filed = []
    for form in _swap_requests(client, tokens):
        response = _file(client, tokens, form)
        if response.status_code == 201:
            filed.append(response.json()["id"])
        if len(filed) == 5:
            break
    assert len(filed) >= 3, "need a few swaps to page through"
    lead = auth(tokens, "lead")
    seen: list[int] = []
    pages = 0
    url = f"{API}/teams/{TEAM}/swaps?limit=2"
    cursor = None
    while True:
        page = client.get(url + (f"&cursor={cursor}" if cursor else ""), headers=lead)
        assert page.status_code == 200, page.text
        body = page.json()
        assert len(body["items"]) <= 2
        seen += [swap["id"] for swap in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted(filed) and len(set(seen)) == len(seen)
    assert pages == (len(filed) + 1) // 2
    bad = client.get(url + "&cursor=not-a-cursor", headers=lead)
    assert bad.status_code == 422 and bad.json()["type"] == "/problems/invalid-cursor"
    assert client.get(f"{API}/teams/{TEAM}/swaps?limit=201", headers=lead).status_code == 422


def test_other_lists_are_pages(client: TestClient, tokens: dict[str, str]) -> None:
    lead = auth(tokens, "lead")
    teams = client.get(f"{API}/teams", headers=lead).json()
    assert [t["slug"] for t in teams["items"]] == [TEAM] and teams["next_cursor"] is None
    rosters = client.get(f"{API}/teams/{TEAM}/rosters?limit=1", headers=lead).json()
    assert [v["version"] for v in rosters["items"]] == [1] and rosters["next_cursor"] is None


def test_head_on_a_roster_is_headers_without_body(
    client: TestClient, tokens: dict[str, str]
) -> None:
    path = f"{API}/teams/{TEAM}/rosters/current"
    got = client.get(path, headers=auth(tokens, "a1"))
    head = client.head(path, headers=auth(tokens, "a1"))
    assert head.status_code == 200 and head.content == b""
    assert head.headers["ETag"] == got.headers["ETag"]
    assert head.headers["content-length"] == got.headers["content-length"]
    assert head.headers["content-type"] == got.headers["content-type"]
    cached = client.head(path, headers={**auth(tokens, "a1"), "If-None-Match": got.headers["ETag"]})
    assert cached.status_code == 304
    assert client.head(path).status_code == 401
    # Every GET of the document has its HEAD.
    paths = client.get("/openapi.json").json()["paths"]
    for item in paths.values():
        if "get" in item:
            assert "head" in item and "content" not in item["head"]["responses"]["200"]
