"""The API as a real server process: parallel requests over one duty, and a SIGKILL mid-burst.

Each test publishes the default team into a fresh store (SQLite in a temporary
``ROSTER_HOME``; a fresh PostgreSQL database too when
``ROSTER_TEST_DATABASE_URL`` is set), starts ``roster serve`` on a free
loopback port (:mod:`tests.api.server`) and talks to it with httpx. The store
is then checked directly, not only through the API that is under test.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from scheduler.store import Store, open_store
from scheduler.store.database import normalise_url
from tests.api.server import (
    TEAM,
    Server,
    auth,
    file_swap,
    find_swap,
    if_match,
    prepare_store,
    swap_action,
)
from tests.backends import BACKENDS, PG_SERVER

PARALLEL = 50
REFUSED = {409, 412, 422}  # conflict, stale If-Match, or a state refusal


@dataclass
class Served:
    server: Server
    database_url: str
    tokens: dict[str, str]
    client: httpx.Client

    def store(self) -> Store:
        return open_store(self.database_url)


@pytest.fixture(params=BACKENDS)
def backend_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | None]:
    """None for the SQLite default in ``ROSTER_HOME``, else a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield None
        return
    assert PG_SERVER
    name = f"roster_server_{secrets.token_hex(6)}"
    admin = create_engine(normalise_url(PG_SERVER), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(normalise_url(PG_SERVER)).set(database=name).render_as_string(False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def served(tmp_path: Path, backend_url: str | None) -> Iterator[Served]:
    database_url = backend_url or f"sqlite:///{tmp_path / 'roster.db'}"
    tokens = prepare_store(database_url)
    with Server(tmp_path, backend_url) as server:
        limits = httpx.Limits(max_connections=PARALLEL + 10, max_keepalive_connections=PARALLEL)
        with httpx.Client(base_url=server.base_url, timeout=30, limits=limits) as client:
            yield Served(server, database_url, tokens, client)


def fire(calls: list[Callable[[], httpx.Response]]) -> list[httpx.Response]:
    """Run the calls in as many threads, released together by a barrier."""
    barrier = threading.Barrier(len(calls), timeout=30)

    def run(call: Callable[[], httpx.Response]) -> httpx.Response:
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        futures = [pool.submit(run, call) for call in calls]
        return [future.result(timeout=90) for future in futures]


def statuses(responses: list[httpx.Response]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for response in responses:
        counts[response.status_code] = counts.get(response.status_code, 0) + 1
    return counts


def assert_consistent(store: Store) -> None:
    """Versions form one chain 1..N, each duty of the current one has one holder, audit verifies."""
    versions = store.versions(TEAM)
    assert [v.number for v in versions] == list(range(1, len(versions) + 1))
    assert [v.parent for v in versions] == [None, *range(1, len(versions))]
    current = store.current_version(TEAM)
    assert current is not None and current.number == len(versions)
    keys = [duty.key for duty in current.duties]
    assert len(keys) == len(set(keys)) == len(store.version(TEAM, 1).duties)
    applied = [r for r in store.swap_records(TEAM) if r.applied_version is not None]
    assert sorted(r.applied_version for r in applied) == list(range(2, len(versions) + 1))
    verification = store.verify_audit()
    assert verification.ok, verification


def assert_audit_verifies_over_http(served: Served) -> None:
    response = served.client.get("/api/v1/audit/verify", headers=auth(served.tokens, "lead"))
    assert response.status_code == 200 and response.json()["ok"] is True, response.text


def test_fifty_parallel_approvals_over_one_duty_apply_exactly_one(served: Served) -> None:
    client, tokens = served.client, served.tokens
    holder, duty, counterpart, counterpart_duty = find_swap(client, tokens)
    # 50 requests for the same duty, filed and accepted in parallel: none of that
    # changes the roster, so every one succeeds and stays applicable.
    filed = fire(
        [lambda: file_swap(client, tokens, holder, duty, counterpart, counterpart_duty)] * PARALLEL
    )
    assert statuses(filed) == {201: PARALLEL}, filed[0].text
    ids = sorted({response.json()["id"] for response in filed})
    assert len(ids) == PARALLEL
    mate = auth(tokens, counterpart)
    accepted = fire([lambda i=i: swap_action(client, i, "accept", mate) for i in ids])
    assert statuses(accepted) == {200: PARALLEL}, accepted[0].text

    lead = auth(tokens, "lead")
    preconditions = {i: if_match(client, i, lead) for i in ids}
    approved = fire(
        [lambda i=i: swap_action(client, i, "approve", lead, preconditions[i]) for i in ids]
    )

    counts = statuses(approved)
    assert counts.get(200) == 1 and set(counts) <= {200} | REFUSED, counts
    winner = next(r for r in approved if r.status_code == 200).json()
    assert (winner["version"], winner["parent"]) == (2, 1)
    for response in approved:
        if response.status_code != 200:
            assert response.headers["content-type"].startswith("application/problem+json")
    store = served.store()
    try:
        assert_consistent(store)
        current = store.current_version(TEAM)
        assert current is not None and current.number == 2
        holders = {str(d.key): d.holder for d in current.duties}
        assert (holders[duty], holders[counterpart_duty]) == (counterpart, holder)
        states = [store.swap_record(i) for i in ids]
        assert [r.request.state.value for r in states].count("approved") == 1
        assert [r.applied_version for r in states if r.applied_version] == [2]
        assert [e.event for e in store.audit_log(TEAM)].count("applied") == 1
    finally:
        store.close()
    assert_audit_verifies_over_http(served)


def test_fifty_parallel_accepts_of_one_swap_record_exactly_one(served: Served) -> None:
    client, tokens = served.client, served.tokens
    holder, duty, counterpart, counterpart_duty = find_swap(client, tokens)
    filed = file_swap(client, tokens, holder, duty, counterpart, counterpart_duty)
    assert filed.status_code == 201, filed.text
    swap_id = filed.json()["id"]
    mate = auth(tokens, counterpart)
    precondition = if_match(client, swap_id, mate)
    accepted = fire([lambda: swap_action(client, swap_id, "accept", mate, precondition)] * PARALLEL)
    counts = statuses(accepted)
    assert counts.get(200) == 1 and set(counts) <= {200} | REFUSED, counts
    store = served.store()
    try:
        record = store.swap_record(swap_id)
        assert record.request.state.value == "accepted"
        assert [a.agent for a in record.request.agreements] == [holder, counterpart]
        assert [e.event for e in store.audit_log(TEAM)].count("accepted") == 1
        assert_consistent(store)
    finally:
        store.close()


@dataclass
class Burst:
    """What a writer thread was told succeeded (2xx), and anything it did not expect."""

    filed: list[int] = field(default_factory=list)
    accepted: list[int] = field(default_factory=list)
    approved: dict[int, int] = field(default_factory=dict)  # swap id -> version
    unexpected: list[str] = field(default_factory=list)

    @property
    def writes(self) -> int:
        return len(self.filed) + len(self.accepted) + len(self.approved)


def write_burst(
    base_url: str, tokens: dict[str, str], pair: tuple[str, str, str, str], burst: Burst
) -> None:
    """Swap two duties back and forth (file, accept, approve) until the server goes away."""
    holder, duty, counterpart, counterpart_duty = pair
    lead = auth(tokens, "lead")
    deadline = time.monotonic() + 30
    with httpx.Client(base_url=base_url, timeout=10) as client:
        for round_ in range(300):
            if time.monotonic() > deadline:
                burst.unexpected.append("the burst ran 30 s without being interrupted")
                return
            # After each approval the two agents hold each other's duty.
            requester, partner = (holder, counterpart) if round_ % 2 == 0 else (counterpart, holder)
            try:
                filed = file_swap(client, tokens, requester, duty, partner, counterpart_duty)
                if filed.status_code != 201:
                    burst.unexpected.append(f"file: {filed.status_code} {filed.text}")
                    return
                swap_id = filed.json()["id"]
                burst.filed.append(swap_id)
                accepted = swap_action(client, swap_id, "accept", auth(tokens, partner))
                if accepted.status_code != 200:
                    burst.unexpected.append(f"accept: {accepted.status_code} {accepted.text}")
                    return
                burst.accepted.append(swap_id)
                approved = swap_action(client, swap_id, "approve", lead)
                if approved.status_code != 200:
                    burst.unexpected.append(f"approve: {approved.status_code} {approved.text}")
                    return
                burst.approved[swap_id] = approved.json()["version"]
            except httpx.TransportError:
                return  # the server was killed: this request's fate is unknown


def test_sigkill_mid_burst_loses_no_acknowledged_write(served: Served, tmp_path: Path) -> None:
    pair = find_swap(served.client, served.tokens)
    burst = Burst()
    writer = threading.Thread(
        target=write_burst, args=(served.server.base_url, served.tokens, pair, burst), daemon=True
    )
    writer.start()
    deadline = time.monotonic() + 20
    while burst.writes < 25 and writer.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert writer.is_alive(), f"the writer stopped before the kill: {burst.unexpected}"
    assert burst.writes >= 25, f"only {burst.writes} writes in 20 s\n{served.server.log_tail()}"
    served.server.kill()
    writer.join(timeout=20)
    assert not writer.is_alive(), "the writer did not notice the killed server"
    assert burst.unexpected == []

    served.server.start()
    served.client.base_url = httpx.URL(served.server.base_url)
    assert_audit_verifies_over_http(served)
    store = served.store()
    try:
        for swap_id in burst.filed:
            store.swap_record(swap_id)  # NotFound fails the test
        for swap_id in burst.accepted:
            record = store.swap_record(swap_id)
            assert record.request.state.value in ("accepted", "approved")
            assert len(record.request.agreements) == 2
        for swap_id, version in burst.approved.items():
            record = store.swap_record(swap_id)
            assert (record.request.state.value, record.applied_version) == ("approved", version)
            assert store.version(TEAM, version).reason == f"swap {swap_id}"
        subjects = {(e.event, e.subject) for e in store.audit_log(TEAM)}
        for event, swap_ids in (("filed", burst.filed), ("accepted", burst.accepted),
                                ("applied", burst.approved)):  # fmt: skip
            assert all((event, f"swap:{i}") in subjects for i in swap_ids), event
        assert_consistent(store)
        current = store.current_version(TEAM)
        assert current is not None
    finally:
        store.close()

    # The restarted server takes writes again, from the roster as the crash left it.
    holder, duty, counterpart, counterpart_duty = pair
    now_holder = next(d.holder for d in current.duties if str(d.key) == duty)
    partner = counterpart if now_holder == holder else holder
    again = file_swap(served.client, served.tokens, now_holder, duty, partner, counterpart_duty)
    assert again.status_code == 201, again.text
