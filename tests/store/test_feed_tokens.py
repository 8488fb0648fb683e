"""Calendar feed tokens on both backends: hashes only, rotation, revocation; and migration 0003."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, select

from scheduler.store import Conflict, NotFound, Store, hash_secret, make_engine, upgrade
from scheduler.store.schema import FeedTokenRow
from scheduler.store.tokens import PREFIXES


def test_a_feed_secret_is_kept_only_as_its_hash(store: Store, team: str) -> None:
    secret, token = store.create_feed_token(team, "a1")
    # 32 random bytes (256 bits) after a prefix of its own, never an API token's.
    assert secret.startswith("rsf_") and PREFIXES["api"] != "rsf_"
    assert len(secret) == len("rsf_") + 43
    assert token.team == team and token.agent == "a1" and not token.revoked
    assert token.prefix == secret[:8] and token.rotated_from is None
    with store.engine.connect() as connection:
        stored = connection.execute(select(FeedTokenRow.token_hash, FeedTokenRow.prefix)).one()
        every_value = [str(value) for value in connection.execute(select(FeedTokenRow)).one()]
    assert stored == (hash_secret(secret), secret[:8])
    assert secret not in every_value
    assert store.feed_for_token(secret) == token


def test_a_team_feed_has_no_agent(store: Store, team: str) -> None:
    secret, token = store.create_feed_token(team)
    assert token.agent is None
    found = store.feed_for_token(secret)
    assert found is not None and found.agent is None and found.team == team


def test_two_tokens_of_one_feed_are_distinct(store: Store, team: str) -> None:
    first, _ = store.create_feed_token(team, "a1")
    second, _ = store.create_feed_token(team, "a1")
    assert first != second
    assert len({hash_secret(first), hash_secret(second)}) == 2


def test_unknown_or_revoked_secrets_find_nothing(store: Store, team: str) -> None:
    secret, token = store.create_feed_token(team, "a2")
    assert store.feed_for_token("rsf_" + "x" * 43) is None
    assert store.feed_for_token("") is None
    revoked = store.revoke_feed_token(token.id)
    assert revoked.revoked and revoked.revoked_at is not None
    assert store.feed_for_token(secret) is None
    # Revoking again keeps the first date.
    assert store.revoke_feed_token(token.id).revoked_at == revoked.revoked_at


def test_an_api_token_secret_opens_no_feed(store: Store, team: str) -> None:
    store.create_user("ann", "agent", team=team, agent="a1")
    api_secret, _ = store.create_token("ann")
    assert store.feed_for_token(api_secret) is None
    feed_secret, _ = store.create_feed_token(team, "a1")
    assert store.user_for_token(feed_secret) is None


def test_rotation_revokes_the_old_token_and_issues_one_for_the_same_feed(
    store: Store, team: str
) -> None:
    old_secret, old = store.create_feed_token(team, "a3")
    new_secret, new = store.rotate_feed_token(old.id)
    assert new_secret != old_secret
    assert (new.team, new.agent, new.rotated_from) == (team, "a3", old.id)
    assert store.feed_for_token(old_secret) is None
    assert store.feed_for_token(new_secret) == new
    assert store.feed_token(old.id).revoked
    # A revoked token is not rotated again: one rotation, one new secret.
    with pytest.raises(Conflict):
        store.rotate_feed_token(old.id)
    _, team_feed = store.create_feed_token(team)
    _, rotated = store.rotate_feed_token(team_feed.id)
    assert rotated.agent is None


def test_listing_by_team_and_agent(store: Store, team: str) -> None:
    store.create_team("u", "Team U", "Asia/Shanghai", "zh", [("a1", "Bai")])
    _, mine = store.create_feed_token(team, "a1")
    _, theirs = store.create_feed_token(team, "a2")
    _, whole = store.create_feed_token(team)
    _, elsewhere = store.create_feed_token("u", "a1")
    assert store.feed_tokens() == (mine, theirs, whole, elsewhere)
    assert store.feed_tokens(team) == (mine, theirs, whole)
    assert store.feed_tokens(team, "a1") == (mine,)
    assert store.feed_tokens("u", "a1") == (elsewhere,)
    with pytest.raises(ValueError, match="give team"):
        store.feed_tokens(agent="a1")


def test_unknown_team_agent_or_token_is_not_found(store: Store, team: str) -> None:
    with pytest.raises(NotFound):
        store.create_feed_token("nowhere")
    with pytest.raises(NotFound):
        store.create_feed_token(team, "zz")
    for operation in (store.feed_token, store.revoke_feed_token, store.rotate_feed_token):
        with pytest.raises(NotFound):
            operation(999)
    assert store.feed_tokens() == ()


def test_the_version_chain_is_oldest_first_with_duties(store: Store, team: str) -> None:
    first = store.current_version(team)
    assert first is not None
    second = store.new_version(team, 1, first.duties[:1], "trimmed")
    chain = store.version_chain(team)
    assert [version.number for version in chain] == [1, 2]
    assert chain == (first, second)


def test_upgrade_from_0002_adds_only_the_feed_table(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        upgrade(engine, "0002")
        before = set(inspect(engine).get_table_names())
        assert "feed_token" not in before
        upgrade(engine)
        assert set(inspect(engine).get_table_names()) == before | {"feed_token"}
    finally:
        engine.dispose()
