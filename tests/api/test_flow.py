"""The main story over HTTP: upload, solve in the background, publish, swap with evidence."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient

from tests.api.conftest import INSTANCE_PATH, TEAM, auth

PROBLEM = "application/problem+json"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_no_token_or_a_wrong_one_is_401_problem(client: TestClient) -> None:
    for headers in ({}, {"Authorization": "Bearer rst_nonsense"}):
        response = client.get(f"/api/v1/teams/{TEAM}", headers=headers)
        assert response.status_code == 401
        assert response.headers["content-type"].startswith(PROBLEM)
        assert response.json()["type"] == "/problems/unauthorized"


def test_invalid_instance_is_a_problem_with_field_paths(
    client: TestClient, tokens: dict[str, str]
) -> None:
    source = INSTANCE_PATH.read_text(encoding="utf-8").replace(
        "{shift: A, min: 1", "{shift: X, min: 1"
    )
    response = client.post(f"/api/v1/teams/{TEAM}/instances", content=source,
                           headers={**auth(tokens, "lead"), "Content-Type": "application/yaml"})  # fmt: skip
    assert response.status_code == 422
    problem = response.json()
    assert problem["type"] == "/problems/invalid-instance"
    assert problem["errors"][0]["path"] == "coverage[0].shift"


def test_upload_solve_in_background_and_publish(client: TestClient, tokens: dict[str, str]) -> None:
    lead = auth(tokens, "lead")
    source = Path(INSTANCE_PATH).read_text(encoding="utf-8")
    uploaded = client.post(f"/api/v1/teams/{TEAM}/instances", content=source,
                           headers={**lead, "Content-Type": "application/yaml"})  # fmt: skip
    assert uploaded.status_code == 201
    started = client.post(
        "/api/v1/solve-jobs", json={"instance_id": uploaded.json()["id"]}, headers=lead
    )
    assert started.status_code == 202
    location = started.headers["Location"]
    deadline = time.monotonic() + 60
    job = started.json()
    while job["state"] not in ("done", "failed", "cancelled") and time.monotonic() < deadline:
        time.sleep(0.1)
        job = client.get(location.removeprefix("http://testserver"), headers=lead).json()
    assert job["state"] == "done" and job["result"]["objective"] == 600
    # Every penalty says where, the interval included (none here: no interval coverage).
    assert all(penalty["interval"] is None for penalty in job["result"]["penalties"])
    published = client.post(f"{location}/publish", headers=lead)
    assert published.status_code == 201 and published.json()["version"] == 2
    csv = client.get(f"/api/v1/teams/{TEAM}/rosters/current",
                     headers={**lead, "Accept": "text/csv"})  # fmt: skip
    assert csv.text.startswith("agent,date,shift\n") and csv.text.count("\n") == 64


def test_swap_with_evidence_over_http(client: TestClient, tokens: dict[str, str]) -> None:
    roster = client.get(f"/api/v1/teams/{TEAM}/rosters/current", headers=auth(tokens, "a1")).json()
    mine = [d["id"] for d in roster["duties"] if d["holder"] == "a1"]
    for duty in mine:
        candidates = client.get(f"/api/v1/teams/{TEAM}/duties/{duty}/swap-candidates",
                                headers=auth(tokens, "a1")).json()  # fmt: skip
        if candidates and candidates[0]["kind"] == "swap":
            break
    else:
        raise AssertionError("no swap candidate for a1")
    colleague, their_duty = candidates[0]["counterpart"], candidates[0]["counterpart_duty"]
    filed = client.post(
        f"/api/v1/teams/{TEAM}/swaps",
        data={
            "duty": duty,
            "counterpart": colleague,
            "counterpart_duty": their_duty,
            "channel": "chat",
        },
        # A name typed by a user, with a quote and Chinese: it must not break the header.
        files={"attachment": ('聊天 "ok".png', PNG, "image/png")},
        headers=auth(tokens, "a1"),
    )
    assert filed.status_code == 201, filed.text
    swap = filed.json()
    sha = swap["agreements"][0]["attachment_sha256"]
    stranger = next(a for a in ("a2", "a3", "a4") if a != colleague)
    # Swap actions are conditional: If-Match carries the swap's ETag.
    if_match = {"If-Match": filed.headers["ETag"]}
    assert (
        client.post(
            f"/api/v1/swaps/{swap['id']}/accept", headers={**auth(tokens, stranger), **if_match}
        ).status_code
        == 403
    )
    evidence = f"/api/v1/swaps/{swap['id']}/attachments/{sha}"
    assert client.get(evidence, headers=auth(tokens, stranger)).status_code == 403
    download = client.get(evidence, headers=auth(tokens, colleague))
    assert download.content == PNG
    assert download.headers["x-content-type-options"] == "nosniff"
    disposition = download.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="__ ')
    assert disposition.count('"') == 2  # the user's quote cannot end the header's
    assert "filename*=UTF-8''%E8%81%8A%E5%A4%A9%20" in disposition  # the name itself, exactly
    accepted = client.post(f"/api/v1/swaps/{swap['id']}/accept", data={"channel": "phone"},
                           headers={**auth(tokens, colleague), **if_match})  # fmt: skip
    assert accepted.json()["evidence_complete"] is True
    assert (
        client.post(f"/api/v1/swaps/{swap['id']}/approve", headers=auth(tokens, "a1")).status_code
        == 403
    )
    approved = client.post(f"/api/v1/swaps/{swap['id']}/approve",
                           headers={**auth(tokens, "lead"), "If-Match": accepted.headers["ETag"]})  # fmt: skip
    assert approved.status_code == 200 and approved.json()["version"] == 2
    day = duty.split("/")[0]
    duties = client.get(
        f"/api/v1/teams/{TEAM}/responsibility/{day}", headers=auth(tokens, "a1")
    ).json()
    moved = next(d for d in duties if d["id"] == duty)
    assert moved["holder"] == colleague and moved["responsible"] == colleague
    audit = client.get("/api/v1/audit/verify", headers=auth(tokens, "lead")).json()
    assert audit["ok"] is True


def test_refused_swap_is_a_problem_naming_the_reason(
    client: TestClient, tokens: dict[str, str]
) -> None:
    roster = client.get(f"/api/v1/teams/{TEAM}/rosters/current", headers=auth(tokens, "a1")).json()
    not_mine = next(d["id"] for d in roster["duties"] if d["holder"] != "a1")
    response = client.post(f"/api/v1/teams/{TEAM}/swaps", data={"duty": not_mine, "counterpart": "a2"},
                           headers=auth(tokens, "a1"))  # fmt: skip
    assert response.status_code == 422
    assert response.json()["type"].startswith("/problems/refused/")
    assert "a1 does not hold" in response.json()["detail"]


def test_explanations_over_http(client: TestClient, tokens: dict[str, str]) -> None:
    lead = auth(tokens, "lead")
    source = (INSTANCE_PATH.parent / "four-agents-two-days-off.yaml").read_text(encoding="utf-8")
    uploaded = client.post(f"/api/v1/teams/{TEAM}/instances", content=source,
                           headers={**lead, "Content-Type": "application/yaml"})  # fmt: skip
    explained = client.get(f"/api/v1/instances/{uploaded.json()['id']}/explanation", headers=lead)
    assert explained.status_code == 200
    body = explained.json()
    assert body["feasible"] is False
    assert "at least 2 days off in every week (all agents)" in [c["text"] for c in body["conflict"]]
    assert any(
        r["change"] == "team.agents: + extra1 (like a1)" and r["verified"]
        for r in body["relaxations"]
    )
    roster = client.get(
        f"/api/v1/teams/{TEAM}/rosters/current/explanation", headers=auth(tokens, "a1")
    )
    assert roster.status_code == 200
    assert roster.json()["feasible"] is True and roster.json()["objective"] == 600
    assert all(p["interval"] is None for p in roster.json()["tradeoffs"]["penalties"])


def test_the_api_answers_while_a_long_solve_runs(
    client: TestClient, tokens: dict[str, str]
) -> None:
    lead = auth(tokens, "lead")
    source = (INSTANCE_PATH.parent / "four-agents-policy-literal.yaml").read_text(encoding="utf-8")
    uploaded = client.post(f"/api/v1/teams/{TEAM}/instances", content=source,
                           headers={**lead, "Content-Type": "application/yaml"})  # fmt: skip
    job = client.post("/api/v1/solve-jobs", json={"instance_id": uploaded.json()["id"],
                                                  "time_limit": 60}, headers=lead).json()  # fmt: skip
    location = f"/api/v1/solve-jobs/{job['id']}"
    deadline = time.monotonic() + 20
    while client.get(location, headers=lead).json()["state"] != "running":
        assert time.monotonic() < deadline, "the solve never started"
        time.sleep(0.05)
    started = time.monotonic()
    for _ in range(20):
        assert client.get(f"/api/v1/teams/{TEAM}/rosters/current", headers=lead).status_code == 200
    assert time.monotonic() - started < 5  # the solve runs in its own process
    cancelled = client.delete(location, headers=lead)
    assert cancelled.status_code == 200 and cancelled.json()["state"] == "cancelled"
