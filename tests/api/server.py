"""A real ``roster serve`` process on a free loopback port, for server tests and the load benchmark.

:func:`prepare_store` publishes the default team into a store (its horizon
moved to start on a Monday at least a week ahead, because the server's clock
is the real one and a duty in the past or within the notice cannot be
swapped) and makes a supervisor ``lead`` and one user per agent with a token
each. :class:`Server` starts ``roster serve`` on that store with its own
``ROSTER_HOME`` / ``ROSTER_DATABASE_URL``, waits until ``/openapi.json``
answers, and stops it (or kills it with SIGKILL to simulate a crash). Every
wait is bounded and fails with the tail of the server's log.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Mapping
from pathlib import Path

import httpx

from scheduler.instance import parse_instance_text
from scheduler.service import RosterService
from scheduler.solve import solve
from scheduler.store import Role, Store, open_store
from tests.loopback import LoopbackServer

ROOT = Path(__file__).parents[2]
INSTANCE_PATH = ROOT / "instances" / "four-agents.yaml"
TEAM = "four-agents"
AGENTS = ("a1", "a2", "a3", "a4")
HORIZON_LINE = "start: 2026-11-30"


def future_monday(today: dt.date | None = None) -> dt.date:
    """The first Monday at least eight days after ``today``: every duty is beyond the notice."""
    day = (today or dt.date.today()) + dt.timedelta(days=8)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def instance_source() -> str:
    source = INSTANCE_PATH.read_text(encoding="utf-8")
    if HORIZON_LINE not in source:
        raise AssertionError(f"{INSTANCE_PATH} no longer has {HORIZON_LINE!r}")
    return source.replace(HORIZON_LINE, f"start: {future_monday().isoformat()}")


def prepare_store(database_url: str) -> dict[str, str]:
    """Publish the default team at ``database_url``; the bearer token of ``lead`` and each agent."""
    source = instance_source()
    instance = parse_instance_text(source, str(INSTANCE_PATH))
    result = solve(instance, time_limit=30)
    store = open_store(database_url)
    try:
        RosterService(store).publish(TEAM, instance, source, result, actor="lead")
        return create_users(store)
    finally:
        store.close()


def create_users(store: Store) -> dict[str, str]:
    """The supervisor ``lead`` and a user per agent of the team; the bearer token of each."""
    store.create_user("lead", Role.SUPERVISOR, team=TEAM)
    tokens = {"lead": store.create_token("lead")[0]}
    for agent in AGENTS:
        store.create_user(f"user-{agent}", Role.AGENT, team=TEAM, agent=agent)
        tokens[agent] = store.create_token(f"user-{agent}")[0]
    return tokens


def roster_command() -> list[str]:
    """The ``roster`` script next to this interpreter, else ``python -m cli``."""
    script = Path(sys.executable).with_name("roster")
    return [str(script)] if script.exists() else [sys.executable, "-m", "cli"]


class Server(LoopbackServer):
    """``roster serve`` in a subprocess of its own session, on ``home`` and ``database_url``."""

    label = "roster serve"
    ready_path = "/openapi.json"

    def __init__(self, home: Path, database_url: str | None = None) -> None:
        super().__init__(home, "server.log")
        self.database_url = database_url

    def command(self) -> list[str]:
        return [*roster_command(), "serve", "--host", "127.0.0.1", "--port", str(self.port)]

    def environment(self) -> Mapping[str, str]:
        env = {k: v for k, v in os.environ.items() if k != "ROSTER_DATABASE_URL"}
        env["ROSTER_HOME"] = str(self.home)
        if self.database_url:
            env["ROSTER_DATABASE_URL"] = self.database_url
        return env

    def working_directory(self) -> Path:
        return ROOT

    def is_ready(self, response: httpx.Response) -> bool:
        return response.status_code == 200


def auth(tokens: Mapping[str, str], who: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens[who]}"}


def if_match(client: httpx.Client, swap_id: int, headers: Mapping[str, str]) -> dict[str, str]:
    """``If-Match`` with the swap's current ``ETag`` when the API gives one, else nothing."""
    etag = client.get(f"/api/v1/swaps/{swap_id}", headers=headers).headers.get("ETag")
    return {"If-Match": etag} if etag else {}


def swap_action(
    client: httpx.Client,
    swap_id: int,
    action: str,
    headers: Mapping[str, str],
    precondition: Mapping[str, str] | None = None,
    data: Mapping[str, str] | None = None,
) -> httpx.Response:
    """POST ``/swaps/{id}/{action}``; on 428 (``If-Match`` required) once more with the ETag."""
    url = f"/api/v1/swaps/{swap_id}/{action}"
    response = client.post(url, headers={**headers, **(precondition or {})}, data=data)
    if response.status_code == 428:
        precondition = if_match(client, swap_id, headers)
        response = client.post(url, headers={**headers, **precondition}, data=data)
    return response


def find_swap(client: httpx.Client, tokens: Mapping[str, str]) -> tuple[str, str, str, str]:
    """A swap that keeps every hard rule: (holder, duty, counterpart, counterpart duty)."""
    roster = client.get(f"/api/v1/teams/{TEAM}/rosters/current", headers=auth(tokens, "lead"))
    roster.raise_for_status()
    for duty in roster.json()["duties"]:
        holder = duty["holder"]
        candidates = client.get(
            f"/api/v1/teams/{TEAM}/duties/{duty['id']}/swap-candidates",
            headers=auth(tokens, holder),
        )
        candidates.raise_for_status()
        for candidate in candidates.json():
            if candidate["kind"] == "swap":
                return holder, duty["id"], candidate["counterpart"], candidate["counterpart_duty"]
    raise AssertionError("no duty of the current roster has a swap candidate")


def file_swap(
    client: httpx.Client,
    tokens: Mapping[str, str],
    holder: str,
    duty: str,
    counterpart: str,
    counterpart_duty: str | None,
) -> httpx.Response:
    """``holder`` files a swap (or a cover without ``counterpart_duty``) as multipart."""
    form = {"duty": duty, "counterpart": counterpart, "channel": "chat"}
    if counterpart_duty is not None:
        form["counterpart_duty"] = counterpart_duty
    return client.post(
        f"/api/v1/teams/{TEAM}/swaps",
        data=form,
        files={"attachment": ("agreed.txt", f"{holder}: ok".encode(), "text/plain")},
        headers=auth(tokens, holder),
    )
