"""Who may do what: every operation of the API against every kind of caller.

The rows are keyed by ``operationId`` and checked against the app's own
OpenAPI document, so a new route without a row fails the suite. Each case
starts from a fresh store (the published ``four-agents`` roster) and builds
what it needs: a swap filed by a1 to a2 with a screenshot, an accepted one, a
solve job. The callers:

- ``none``, ``wrong``: no token, an unknown one: always 401;
- ``owner``: the agent the thing belongs to (the requester a1, or a2 for
  what is addressed to a2), ``other``: a colleague of the same team (a3);
- ``supervisor``: the team's supervisor;
- ``foreign_agent``, ``foreign_supervisor``: users bound to another team,
  who get 403 on everything of this one.

The calendar feed (``/feeds/{token}.ics``) is the one public operation: the
secret in its address is the credential and any bearer token is ignored, so
its row names ``none`` and ``wrong`` too (see :func:`_feed`).

An expected status is exact: a 2xx where the caller may act, 403 where they
may not, and the business answer (404, 409, 422) where the request reaches
the rules. Never a 5xx, and every error is a problem document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from scheduler.jobs import JobState, SolveJobs
from scheduler.store import Role, Store
from tests.api.conftest import INSTANCE_PATH, TEAM

PROBLEM = "application/problem+json"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
FOREIGN_TEAM = "night-shift"
CALLERS = (
    "none",
    "wrong",
    "owner",
    "other",
    "supervisor",
    "foreign_agent",
    "foreign_supervisor",
)


# The published roster is the same in every case: look for a swap pair once.
_SWAP_PAIRS: dict[tuple[tuple[str, str], ...], tuple[str, str]] = {}


@dataclass
class World:
    """The app with two teams, and the objects a case acts on, built on first use."""

    client: TestClient
    tokens: dict[str, str]
    headers: dict[str, str] = field(default_factory=dict)
    head: bool = False  # the HEAD twin of a GET row

    def as_(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}

    def request(
        self,
        method: str,
        url: str,
        *,
        if_match: str | None = None,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        """The case's request, made with the headers of the caller under test.

        ``if_match`` names a resource whose current ETag (read by the
        supervisor) goes into ``If-Match``, so that the precondition holds
        and what is tested is who may act.
        """
        headers = {**self.headers, **(headers or {})}
        if if_match is not None:
            etag = self.client.get(f"/api/v1{if_match}", headers=self.as_("lead"))
            headers["If-Match"] = etag.headers["ETag"]
        if self.head and method == "GET":
            method = "HEAD"
        return self.client.request(method, f"/api/v1{url}", headers=headers, **kwargs)

    @cached_property
    def roster(self) -> dict[str, Any]:
        response = self.client.get(
            f"/api/v1/teams/{TEAM}/rosters/current", headers=self.as_("lead")
        )
        assert response.status_code == 200, response.text
        roster: dict[str, Any] = response.json()
        return roster

    @cached_property
    def swap_pair(self) -> tuple[str, str]:
        """A duty of a1 and one of a2 that the two may swap without breaking a hard rule."""
        holders = tuple((d["id"], d["holder"]) for d in self.roster["duties"])
        if holders not in _SWAP_PAIRS:
            _SWAP_PAIRS[holders] = self._find_swap_pair()
        return _SWAP_PAIRS[holders]

    def _find_swap_pair(self) -> tuple[str, str]:
        mine = [d["id"] for d in self.roster["duties"] if d["holder"] == "a1"]
        for duty in mine:
            url = f"/api/v1/teams/{TEAM}/duties/{duty}/swap-candidates"
            for candidate in self.client.get(url, headers=self.as_("a1")).json():
                if candidate["counterpart"] == "a2" and candidate["kind"] == "swap":
                    return duty, candidate["counterpart_duty"]
        raise AssertionError("a1 and a2 have no duties they could swap")

    def swap_form(self) -> dict[str, str]:
        duty, their_duty = self.swap_pair
        return {
            "duty": duty,
            "counterpart": "a2",
            "counterpart_duty": their_duty,
            "channel": "chat",
        }

    @cached_property
    def swap(self) -> dict[str, Any]:
        """A swap filed by a1 to a2, with a chat screenshot as evidence."""
        response = self.client.post(
            f"/api/v1/teams/{TEAM}/swaps",
            data=self.swap_form(),
            files={"attachment": ("chat.png", PNG, "image/png")},
            headers=self.as_("a1"),
        )
        assert response.status_code == 201, response.text
        swap: dict[str, Any] = response.json()
        return swap

    @cached_property
    def accepted_swap(self) -> dict[str, Any]:
        url = f"/api/v1/swaps/{self.swap['id']}"
        etag = self.client.get(url, headers=self.as_("a2")).headers["ETag"]
        response = self.client.post(
            f"{url}/accept", data={"channel": "phone"}, headers={**self.as_("a2"), "If-Match": etag}
        )
        assert response.status_code == 200, response.text
        swap: dict[str, Any] = response.json()
        return swap

    @property
    def jobs(self) -> SolveJobs:
        jobs: SolveJobs = self.client.app.state.jobs  # type: ignore[attr-defined]
        return jobs

    @cached_property
    def job(self) -> str:
        """A solve job of the published instance, kept to a second of one worker."""
        body = {"instance_id": self.roster["instance_id"], "time_limit": 1, "workers": 1}
        response = self.client.post("/api/v1/solve-jobs", json=body, headers=self.as_("lead"))
        assert response.status_code == 202, response.text
        job_id: str = response.json()["id"]
        return job_id

    @cached_property
    def finished_job(self) -> str:
        record = self.jobs.wait(self.job, timeout=60)
        assert record.state is JobState.DONE, record
        return self.job


@dataclass(frozen=True)
class Row:
    """One operation: how to call it, who the owner is, and what each caller gets."""

    call: Callable[[World], httpx.Response]
    expect: dict[str, int]
    owner: str = "a1"
    head: bool = False


def supervisors_only(ok: int, *, foreign_supervisor: int = 403) -> dict[str, int]:
    return {"owner": 403, "other": 403, "supervisor": ok, "foreign_agent": 403,
            "foreign_supervisor": foreign_supervisor}  # fmt: skip


def team_reads(ok: int = 200) -> dict[str, int]:
    return {"owner": ok, "other": ok, "supervisor": ok, "foreign_agent": 403,
            "foreign_supervisor": 403}  # fmt: skip


def agent_acts(*, other: int = 403) -> dict[str, int]:
    """Only the agent the request belongs to (or is addressed to) may act on it."""
    return {"owner": 200, "other": other, "supervisor": 403, "foreign_agent": 403,
            "foreign_supervisor": 403}  # fmt: skip


def _swap_url(world: World, action: str = "", swap: str = "swap") -> str:
    return f"/swaps/{getattr(world, swap)['id']}{action}"


def _file_swap(world: World) -> httpx.Response:
    form = world.swap_form()
    # The colleague and the supervisor file for a1; a1 files for themselves.
    if world.headers.get("Authorization") in (
        world.as_("a3")["Authorization"],
        world.as_("lead")["Authorization"],
        world.as_("boss2")["Authorization"],
    ):
        form["requester"] = "a1"
    return world.request("POST", f"/teams/{TEAM}/swaps", data=form)


def _attachment(world: World) -> httpx.Response:
    sha = world.swap["agreements"][0]["attachment_sha256"]
    return world.request("GET", _swap_url(world, f"/attachments/{sha}"))


def _upload(world: World) -> httpx.Response:
    source = Path(INSTANCE_PATH).read_text(encoding="utf-8")
    return world.request("POST", f"/teams/{TEAM}/instances", content=source,
                         headers={"Content-Type": "application/yaml"})  # fmt: skip


def _validate(world: World) -> httpx.Response:
    source = Path(INSTANCE_PATH).read_text(encoding="utf-8")
    return world.request("POST", "/instances/validate", content=source,
                         headers={"Content-Type": "application/yaml"})  # fmt: skip


def _create_team(world: World) -> httpx.Response:
    body = {"slug": "new-team", "name": "New team", "timezone": "Europe/Berlin"}
    return world.request("POST", "/teams", json=body)


def _candidates(world: World) -> httpx.Response:
    duty, _ = world.swap_pair
    return world.request("GET", f"/teams/{TEAM}/duties/{duty}/swap-candidates")


def _day(world: World) -> str:
    return str(world.roster["duties"][0]["date"])


def _feed(world: World) -> httpx.Response:
    """a1's feed, fetched with the caller's bearer header, which the route ignores: a live
    feed token gives 200 to everyone; the ``wrong`` caller presents a revoked one, 404."""
    store: Store = world.client.app.state.store  # type: ignore[attr-defined]
    secret, token = store.create_feed_token(TEAM, "a1")
    if world.headers == {"Authorization": "Bearer rst_not-a-token"}:
        store.revoke_feed_token(token.id)
    method = "HEAD" if world.head else "GET"
    return world.client.request(method, f"/feeds/{secret}.ics", headers=world.headers)


def _feed_token(world: World, agent: str = "a1") -> int:
    store: Store = world.client.app.state.store  # type: ignore[attr-defined]
    return store.create_feed_token(TEAM, agent)[1].id


def _swap_action(action: str, swap: str = "swap", **kwargs: Any) -> Row:
    """A POST on a swap, conditional on its current ETag."""

    def call(world: World) -> httpx.Response:
        url = _swap_url(world, "", swap)
        return world.request("POST", f"{url}/{action}", if_match=url, **kwargs)

    return Row(call, {})


READS: dict[str, Row] = {
    "listTeams": Row(
        lambda w: w.request("GET", "/teams"),
        team_reads() | {"foreign_agent": 200, "foreign_supervisor": 200},
    ),
    "getTeam": Row(lambda w: w.request("GET", f"/teams/{TEAM}"), team_reads()),
    "getInstance": Row(
        lambda w: w.request("GET", f"/instances/{w.roster['instance_id']}"), team_reads()
    ),
    "getRoster": Row(lambda w: w.request("GET", f"/teams/{TEAM}/rosters/current"), team_reads()),
    "listRosters": Row(lambda w: w.request("GET", f"/teams/{TEAM}/rosters"), team_reads()),
    "getResponsibility": Row(
        lambda w: w.request("GET", f"/teams/{TEAM}/responsibility/{_day(w)}"), team_reads()
    ),
    # The audit chain is the whole store's: any supervisor may verify it.
    "verifyAudit": Row(
        lambda w: w.request("GET", "/audit/verify"), supervisors_only(200, foreign_supervisor=200)
    ),
    "listSwaps": Row(lambda w: w.request("GET", f"/teams/{TEAM}/swaps"), team_reads()),
    "getSwap": Row(lambda w: w.request("GET", _swap_url(w)), team_reads()),
    # The evidence: the two agents of the swap and supervisors, not a3.
    "getSwapAttachment": Row(_attachment, agent_acts() | {"supervisor": 200}),
    # Agents ask only about their own duties.
    "listSwapCandidates": Row(_candidates, agent_acts() | {"supervisor": 200}),
    "getSolveJob": Row(lambda w: w.request("GET", f"/solve-jobs/{w.job}"), team_reads()),
    "explainRoster": Row(
        lambda w: w.request("GET", f"/teams/{TEAM}/rosters/current/explanation"), team_reads()
    ),
    # Public: the token in the address decides, never the bearer header.
    "getFeed": Row(
        _feed,
        {"none": 200, "wrong": 404}
        | team_reads()
        | {"foreign_agent": 200, "foreign_supervisor": 200},
    ),
    "getMe": Row(
        lambda w: w.request("GET", "/me"),
        team_reads() | {"foreign_agent": 200, "foreign_supervisor": 200},
    ),
    # An agent lists only their own feed tokens; a supervisor all of the team's.
    "listFeedTokens": Row(lambda w: w.request("GET", f"/teams/{TEAM}/feed-tokens"), team_reads()),
    # An instance's explanation runs several solves: supervisors only.
    "explainInstance": Row(
        lambda w: w.request("GET", f"/instances/{w.roster['instance_id']}/explanation"),
        supervisors_only(200),
    ),
}

WRITES: dict[str, Row] = {
    "createTeam": Row(_create_team, supervisors_only(201, foreign_supervisor=201)),
    "updateTeam": Row(
        lambda w: w.request(
            "PATCH", f"/teams/{TEAM}", json={"notice_hours": 48}, if_match=f"/teams/{TEAM}"
        ),
        supervisors_only(200),
    ),
    # Validation stores nothing: anyone signed in may check a file.
    "validateInstance": Row(
        _validate, team_reads() | {"foreign_agent": 200, "foreign_supervisor": 200}
    ),
    "uploadInstance": Row(_upload, supervisors_only(201)),
    # a3 and the foreign users try to file for a1; the supervisor may.
    "fileSwap": Row(_file_swap, agent_acts() | {"owner": 201, "supervisor": 201}),
    # Only the agent a request is addressed to accepts or declines it.
    "acceptSwap": replace(
        _swap_action("accept", data={"channel": "chat"}), expect=agent_acts(), owner="a2"
    ),
    "declineSwap": replace(
        _swap_action("decline", data={"note": "no"}), expect=agent_acts(), owner="a2"
    ),
    "withdrawSwap": replace(_swap_action("withdraw"), expect=agent_acts()),
    "approveSwap": replace(_swap_action("approve", "accepted_swap"), expect=supervisors_only(200)),
    "rejectSwap": replace(
        _swap_action("reject", data={"note": "no"}), expect=supervisors_only(200)
    ),
    "startSolveJob": Row(
        lambda w: w.request(
            "POST", "/solve-jobs", json={"instance_id": w.roster["instance_id"], "time_limit": 1}
        ),
        supervisors_only(202),
    ),
    "cancelSolveJob": Row(
        lambda w: w.request("DELETE", f"/solve-jobs/{w.job}"), supervisors_only(200)
    ),
    # Only the supervisor's case waits for the solve to finish.
    "publishSolveJob": Row(
        lambda w: w.request(
            "POST",
            f"/solve-jobs/{w.finished_job if w.headers == w.as_('lead') else w.job}/publish",
        ),
        supervisors_only(201),
    ),
    # Every caller asks for a1's feed: a1 and the supervisor may, nobody else.
    "createFeedToken": Row(
        lambda w: w.request("POST", f"/teams/{TEAM}/feed-tokens", json={"agent": "a1"}),
        agent_acts() | {"owner": 201, "supervisor": 201},
    ),
    "rotateFeedToken": Row(
        lambda w: w.request("POST", f"/feed-tokens/{_feed_token(w)}/rotate"),
        agent_acts() | {"owner": 201, "supervisor": 201},
    ),
    "revokeFeedToken": Row(
        lambda w: w.request("DELETE", f"/feed-tokens/{_feed_token(w)}"),
        agent_acts() | {"supervisor": 200},
    ),
}


def _head_id(operation_id: str) -> str:
    """The operationId of the HEAD twin of a GET (api.conventions.add_head_routes)."""
    if operation_id.startswith("get"):
        return "head" + operation_id.removeprefix("get")
    return "head" + operation_id[:1].upper() + operation_id[1:]


# Every GET has a HEAD twin that must answer the same status to the same caller.
HEADS = {_head_id(operation): replace(row, head=True) for operation, row in READS.items()}
ROWS: dict[str, Row] = READS | WRITES | HEADS


@pytest.fixture
def world(client: TestClient, store: Store, tokens: dict[str, str]) -> World:
    """The fixture app, plus a second team with its own supervisor and agent."""
    store.create_team(FOREIGN_TEAM, "Night shift", "Europe/Berlin", "en", [("b1", "Bea")])
    store.create_user("boss2", Role.SUPERVISOR, team=FOREIGN_TEAM)
    store.create_user("user-b1", Role.AGENT, team=FOREIGN_TEAM, agent="b1")
    secrets = dict(tokens)
    secrets["boss2"] = store.create_token("boss2")[0]
    secrets["b1"] = store.create_token("user-b1")[0]
    return World(client, secrets)


def _headers(world: World, row: Row, caller: str) -> dict[str, str]:
    who = {
        "owner": row.owner,
        "other": "a3",
        "supervisor": "lead",
        "foreign_agent": "b1",
        "foreign_supervisor": "boss2",
    }
    if caller == "none":
        return {}
    if caller == "wrong":
        return {"Authorization": "Bearer rst_not-a-token"}
    return world.as_(who[caller])


def _operation_ids(client: TestClient) -> set[str]:
    paths: dict[str, dict[str, Any]] = client.app.openapi()["paths"]  # type: ignore[attr-defined]
    return {
        operation["operationId"]
        for item in paths.values()
        for method, operation in item.items()
        if method in {"get", "put", "post", "patch", "delete", "head", "options"}
    }


def test_every_operation_has_a_row_for_every_caller(client: TestClient) -> None:
    assert _operation_ids(client) == set(ROWS), "add a row for each new operation"
    for operation, row in ROWS.items():
        assert set(row.expect) | {"none", "wrong"} == set(CALLERS), operation
    public = {operation for operation, row in ROWS.items() if "none" in row.expect}
    assert public == {"getFeed", "headFeed"}, "only the feed is open without a bearer token"


@pytest.mark.parametrize(
    ("operation", "caller"), [(op, caller) for op in ROWS for caller in CALLERS]
)
def test_access(world: World, operation: str, caller: str) -> None:
    row = ROWS[operation]
    expected = row.expect.get(caller, 401)  # only a public row names "none" and "wrong"
    world.headers, world.head = _headers(world, row, caller), row.head
    response = row.call(world)
    assert response.status_code == expected, f"{operation} as {caller}: {response.text}"
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith(PROBLEM)
        if row.head:
            return
        kind = response.json()["type"]
        if expected == 401:
            assert kind == "/problems/unauthorized"
        elif expected == 403:
            assert kind in ("/problems/forbidden", "/problems/not-allowed")


def test_a_foreign_agent_lists_only_their_own_team(world: World) -> None:
    teams = world.client.get("/api/v1/teams", headers=world.as_("b1")).json()["items"]
    assert [team["slug"] for team in teams] == [FOREIGN_TEAM]


def test_an_agent_files_only_for_duties_they_hold(world: World) -> None:
    # a3 names themselves but a1's duty: the swap rules refuse it.
    world.headers = world.as_("a3")
    form = world.swap_form() | {"counterpart": "a2"}
    response = world.request("POST", f"/teams/{TEAM}/swaps", data=form)
    assert response.status_code == 422
    assert "a3 does not hold" in response.json()["detail"]


def test_a_revoked_token_is_401(world: World, store: Store) -> None:
    secret, token = store.create_token("user-a1")
    store.revoke_token(token.id)
    response = world.client.get(
        f"/api/v1/teams/{TEAM}", headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.status_code == 401
