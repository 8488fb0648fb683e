"""Users, API tokens and idempotent responses, on both backends; and migration 0002 over old data."""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.engine import make_url

from scheduler.store import (
    Conflict,
    NotFound,
    Role,
    Store,
    StoreError,
    hash_secret,
    make_engine,
    new_secret,
    open_store,
    upgrade,
)
from scheduler.store.database import normalise_url
from scheduler.store.schema import ApiTokenRow
from tests.backends import PG_SERVER


@pytest.fixture
def teams(store: Store) -> Store:
    """Teams ``t`` (agents a1, a2) and ``u`` (agent b1)."""
    store.create_team("t", "Team T", "Europe/Berlin", "en", [("a1", "Ann"), ("a2", "Bo")])
    store.create_team("u", "Team U", "Asia/Shanghai", "zh", [("b1", "Bai")])
    return store


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


# -- secrets ------------------------------------------------------------------------------------


def test_secrets_are_long_random_and_hashed_with_sha256() -> None:
    first, second = new_secret(), new_secret()
    assert first.startswith("rst_") and len(first) >= 4 + 43  # 32 bytes of URL-safe base64
    assert first != second
    assert hash_secret(first) == hash_secret(first)
    assert len(hash_secret(first)) == 64 and hash_secret(first) != hash_secret(second)
    with pytest.raises(ValueError, match="unknown secret kind"):
        new_secret("feed-of-nothing")


# -- users --------------------------------------------------------------------------------------


def test_users_round_trip(teams: Store) -> None:
    boss = teams.create_user("boss", Role.SUPERVISOR)
    lead = teams.create_user("lead-t", "supervisor", team="t")
    ann = teams.create_user("ann", Role.AGENT, team="t", agent="a1")
    assert (boss.role, boss.team, boss.agent) == (Role.SUPERVISOR, None, None)
    assert (lead.role, lead.team, lead.agent) == (Role.SUPERVISOR, "t", None)
    assert (ann.role, ann.team, ann.agent) == (Role.AGENT, "t", "a1")
    assert teams.user("ann") == ann
    assert [user.name for user in teams.users()] == ["ann", "boss", "lead-t"]
    assert [user.name for user in teams.users("t")] == ["ann", "lead-t"]
    assert teams.users("u") == ()
    with pytest.raises(NotFound):
        teams.user("nobody")
    with pytest.raises(NotFound):
        teams.users("no-such-team")


def test_agent_users_are_bound_to_one_agent_of_their_team(teams: Store) -> None:
    # An agent user needs both a team and an agent; a supervisor never has an agent.
    for team, agent in ((None, None), ("t", None), (None, "a1")):
        with pytest.raises(StoreError) as refused:
            teams.create_user("x", Role.AGENT, team=team, agent=agent)
        assert refused.value.key == "store.invalid.agent_user"
    with pytest.raises(StoreError) as refused:
        teams.create_user("x", Role.SUPERVISOR, team="t", agent="a1")
    assert refused.value.key == "store.invalid.supervisor_agent"
    # The agent must be a member of that team: b1 is in u, not t.
    with pytest.raises(NotFound) as missing:
        teams.create_user("x", Role.AGENT, team="t", agent="b1")
    assert missing.value.key == "store.not_found.agent"
    with pytest.raises(NotFound):
        teams.create_user("x", Role.SUPERVISOR, team="nowhere")
    with pytest.raises(StoreError) as refused:
        teams.create_user("x", "admin")
    assert refused.value.key == "store.invalid.role"
    for bad_name in ("", "two words", "x" * 65):
        with pytest.raises(StoreError):
            teams.create_user(bad_name, Role.SUPERVISOR)
    assert teams.users() == ()


def test_duplicates_conflict(teams: Store) -> None:
    teams.create_user("ann", Role.AGENT, team="t", agent="a1")
    with pytest.raises(Conflict) as same_name:
        teams.create_user("ann", Role.SUPERVISOR)
    assert same_name.value.key == "store.conflict.user_exists"
    with pytest.raises(Conflict) as same_agent:
        teams.create_user("ann2", Role.AGENT, team="t", agent="a1")
    assert same_agent.value.key == "store.conflict.agent_has_user"
    assert [user.name for user in teams.users()] == ["ann"]


# -- tokens -------------------------------------------------------------------------------------


def test_tokens_round_trip_and_authenticate(teams: Store) -> None:
    ann = teams.create_user("ann", Role.AGENT, team="t", agent="a1")
    teams.create_user("boss", Role.SUPERVISOR)
    secret, token = teams.create_token("ann", "laptop")
    _, other = teams.create_token("boss")
    assert (token.user, token.label, token.prefix) == ("ann", "laptop", secret[:8])
    assert token.revoked_at is None and not token.revoked
    assert teams.tokens() == (token, other)
    assert teams.tokens("ann") == (token,)
    assert teams.token(token.id) == token
    assert teams.user_for_token(secret) == ann
    found = teams.authenticate(secret)
    assert found is not None and found[0] == ann and found[1].id == token.id
    assert teams.user_for_token(secret + "x") is None
    assert teams.user_for_token("") is None
    with pytest.raises(NotFound):
        teams.create_token("nobody")
    with pytest.raises(NotFound):
        teams.tokens("nobody")


def test_the_secret_is_never_stored(teams: Store) -> None:
    teams.create_user("boss", Role.SUPERVISOR)
    secret, _ = teams.create_token("boss", "ci")
    columns = [column["name"] for column in inspect(teams.engine).get_columns("api_token")]
    with teams.engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM api_token")).mappings().all()
    assert len(rows) == 1
    for name in columns:
        value = rows[0][name]
        assert value != secret, name
        assert not (isinstance(value, str) and len(value) > 8 and value in secret), name
    assert rows[0]["token_hash"] == hash_secret(secret)


def test_revoked_tokens_no_longer_authenticate(teams: Store) -> None:
    teams.create_user("boss", Role.SUPERVISOR)
    secret, token = teams.create_token("boss")
    kept, _ = teams.create_token("boss")
    revoked = teams.revoke_token(token.id)
    assert revoked.revoked and revoked.revoked_at is not None
    assert teams.user_for_token(secret) is None
    assert teams.authenticate(secret) is None
    assert teams.user_for_token(kept) is not None  # only that token
    assert teams.revoke_token(token.id) == revoked  # again: unchanged, first date kept
    with pytest.raises(NotFound):
        teams.revoke_token(999)


def test_last_used_is_written_at_most_once_a_minute(database_url: str) -> None:
    clock = Clock()
    store = Store(open_store(database_url).engine, clock=clock)
    try:
        store.create_user("boss", Role.SUPERVISOR)
        secret, token = store.create_token("boss")
        assert token.last_used_at is None
        store.user_for_token(secret)
        assert store.token(token.id).last_used_at == clock.now
        first = clock.now
        clock.now += dt.timedelta(seconds=59)
        store.user_for_token(secret)
        assert store.token(token.id).last_used_at == first  # no write within the minute
        clock.now += dt.timedelta(seconds=1)
        store.user_for_token(secret)
        assert store.token(token.id).last_used_at == clock.now
        with store.reading() as tx:  # a read-only transaction authenticates but never writes
            clock.now += dt.timedelta(minutes=5)
            assert tx.user_for_token(secret) is not None
        assert store.token(token.id).last_used_at == first + dt.timedelta(seconds=60)
    finally:
        store.close()


# -- idempotent responses -------------------------------------------------------------------------


def _save(store: Store, user_id: int, key: str, body: bytes = b'{"id": 1}') -> object:
    return store.save_idempotent_response(
        user_id, key, "POST", "/api/v1/swaps", "ab" * 32, 201, "application/json", body,
        {"Location": "/api/v1/swaps/1", "ETag": '"v1"'},
    )  # fmt: skip


def test_idempotent_responses_round_trip_unique_per_user_and_key(teams: Store) -> None:
    ann = teams.create_user("ann", Role.AGENT, team="t", agent="a1")
    bo = teams.create_user("bo", Role.AGENT, team="t", agent="a2")
    assert teams.idempotent_response(ann.id, "k1") is None
    body = bytes(range(256))  # any bytes, not only text
    saved = _save(teams, ann.id, "k1", body)
    found = teams.idempotent_response(ann.id, "k1")
    assert found == saved and found is not None
    assert (found.method, found.path, found.status, found.body) == (
        "POST",
        "/api/v1/swaps",
        201,
        body,
    )
    assert found.headers == {"ETag": '"v1"', "Location": "/api/v1/swaps/1"}
    with pytest.raises(Conflict) as again:
        _save(teams, ann.id, "k1")
    assert again.value.key == "store.conflict.idempotency_key"
    _save(teams, bo.id, "k1")  # another user's key space
    _save(teams, ann.id, "k2")
    assert teams.idempotent_response(bo.id, "k2") is None
    with pytest.raises(NotFound):
        _save(teams, 999, "k1")


def test_a_duplicate_key_rolls_back_the_change_it_came_with(teams: Store) -> None:
    ann = teams.create_user("ann", Role.AGENT, team="t", agent="a1")
    _save(teams, ann.id, "k1")
    with pytest.raises(Conflict), teams.transaction() as tx:
        tx.append_audit("swap.requested", "t", "ann", "swap:1")
        tx.save_idempotent_response(
            ann.id, "k1", "POST", "/x", "0" * 64, 201, "text/plain", b"", {}
        )
    assert teams.audit_log() == ()


def test_concurrent_saves_of_one_key_one_wins(teams: Store) -> None:
    ann = teams.create_user("ann", Role.AGENT, team="t", agent="a1")
    outcomes: list[str] = []
    barrier = threading.Barrier(4)

    def save(n: int) -> None:
        barrier.wait()
        try:
            _save(teams, ann.id, "same", f"{n}".encode())
            outcomes.append("saved")
        except Conflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=save, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict"] * 3 + ["saved"]


def test_old_idempotent_responses_can_be_purged(database_url: str) -> None:
    clock = Clock()
    store = Store(open_store(database_url).engine, clock=clock)
    try:
        store.create_user("boss", Role.SUPERVISOR)
        boss = store.user("boss")
        _save(store, boss.id, "old")
        clock.now += dt.timedelta(days=2)
        _save(store, boss.id, "new")
        assert store.purge_idempotent_responses(clock.now - dt.timedelta(days=1)) == 1
        assert store.idempotent_response(boss.id, "old") is None
        assert store.idempotent_response(boss.id, "new") is not None
    finally:
        store.close()


# -- migration ------------------------------------------------------------------------------------


@pytest.fixture
def empty_url(database_url: str, tmp_path: Path) -> Iterator[str]:
    """A database with no tables at all, of the backend ``database_url`` is on: a new
    SQLite file, or a new PostgreSQL database on the test server, dropped afterwards."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    assert PG_SERVER
    name = f"roster_test_{secrets.token_hex(6)}"
    server = create_engine(normalise_url(PG_SERVER), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(normalise_url(PG_SERVER)).set(database=name).render_as_string(False)
    finally:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


def test_upgrade_from_0001_keeps_the_data(empty_url: str) -> None:
    engine = make_engine(empty_url)
    try:
        upgrade(engine, "0001")
        assert "app_user" not in inspect(engine).get_table_names()
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO team (slug, name, timezone, language)"
                    " VALUES ('t', 'Team T', 'Europe/Berlin', 'en')"
                )
            )
            team_id = connection.execute(text("SELECT id FROM team")).scalar_one()
            connection.execute(
                text("INSERT INTO agent (team_id, code, name) VALUES (:team, 'a1', 'Ann')"),
                {"team": team_id},
            )
        upgrade(engine, "0002")
        with engine.connect() as connection:
            assert (
                connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
                == "0002"
            )
        store = Store(engine)
        assert [agent.code for agent in store.team("t").agents] == ["a1"]
        ann = store.create_user("ann", Role.AGENT, team="t", agent="a1")
        secret, _ = store.create_token("ann")
        assert store.user_for_token(secret) == ann
    finally:
        engine.dispose()


def test_the_check_constraints_hold_without_the_store(teams: Store) -> None:
    """The schema itself refuses an agent user without an agent, even if code skips the store."""
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), teams.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO app_user (name, role, created_at) VALUES ('x', 'agent', :at)"),
            {"at": dt.datetime(2026, 1, 1)},
        )
    with teams.engine.connect() as connection:
        assert connection.execute(select(ApiTokenRow.id)).all() == []
