"""Roster versions: published, changed only by new versions on top of the current one."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from scheduler.store import Conflict, NotFound, Store
from scheduler.store.schema import DutyRow, VersionRow
from scheduler.swaps.model import Duty
from tests.store.conftest import key, roster


def _count(store: Store, table: type[DutyRow] | type[VersionRow]) -> int:
    with store.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def test_versions_form_a_chain_of_parents(store: Store, team: str) -> None:
    first = store.current_version(team)
    assert first is not None
    assert (first.number, first.parent, first.reason, first.published) == (1, None, "solved", True)
    assert first.duties == tuple(roster("a1", "a2", "a3"))
    assert first.created_at.tzinfo == dt.UTC

    swapped = [
        Duty(key(0), "a2", "a2", "swap:1"),
        Duty(key(1), "a1", "a1", "swap:1"),
        Duty(key(2), "a3", "a3"),
    ]
    second = store.new_version(team, 1, swapped, "swap 1")
    assert (second.number, second.parent, second.instance_id) == (2, 1, first.instance_id)
    assert store.current_version(team) == second
    assert store.version(team, 1) == first
    third = store.publish(team, first.instance_id, None, roster("a3", "a3", "a3"), "re-solved")
    assert (third.number, third.parent) == (3, 2)
    assert [(info.number, info.parent) for info in store.versions(team)] == [
        (1, None),
        (2, 1),
        (3, 2),
    ]
    assert store.versions(team)[1] == second.info


def test_a_team_without_versions_has_no_current_one(store: Store) -> None:
    store.create_team("empty", "Empty", "UTC", "en")
    assert store.current_version("empty") is None
    assert store.versions("empty") == ()


def test_a_change_on_a_stale_parent_conflicts_and_writes_nothing(store: Store, team: str) -> None:
    store.new_version(team, 1, roster("a2", "a2", "a3"), "first change")
    versions, duties = _count(store, VersionRow), _count(store, DutyRow)
    with pytest.raises(Conflict) as stale:
        store.new_version(team, 1, roster("a3", "a2", "a3"), "second change")
    assert "someone changed the roster first" in str(stale.value)
    assert "有人先修改了排班表" in stale.value.describe("zh")
    assert (_count(store, VersionRow), _count(store, DutyRow)) == (versions, duties)
    current = store.current_version(team)
    assert current is not None and current.reason == "first change"


def test_a_conflict_inside_a_transaction_rolls_back_all_of_it(store: Store, team: str) -> None:
    store.new_version(team, 1, roster("a2", "a2", "a3"), "first change")
    with pytest.raises(Conflict), store.transaction(team) as tx:
        tx.append_audit("applied", team, "boss", "version:3", {})
        tx.new_version(team, 1, roster("a3", "a2", "a3"), "late")
    assert store.audit_log() == ()


def test_duties_name_known_agents_once_each(store: Store, team: str) -> None:
    with pytest.raises(NotFound, match="agent zz is not a member of team t"):
        store.new_version(team, 1, roster("zz"), "typo")
    with pytest.raises(ValueError, match="listed twice"):
        store.new_version(team, 1, [*roster("a1"), *roster("a2")], "twice")
    assert [info.number for info in store.versions(team)] == [1]


def test_the_schema_refuses_a_second_child_and_a_second_root(store: Store, team: str) -> None:
    store.new_version(team, 1, roster("a2"), "child")
    insert = text(
        "INSERT INTO roster_version (team_id, number, parent_id, instance_id, reason, published,"
        " created_at) VALUES (1, :number, :parent, 1, 'rogue', :true, :at)"
    )
    values = {"true": True, "at": "2026-11-01 00:00:00"}
    for number, parent in ((7, 1), (8, None)):
        with pytest.raises(IntegrityError), store.engine.begin() as connection:
            connection.execute(insert, {**values, "number": number, "parent": parent})


def test_two_changes_racing_on_the_same_parent_one_wins(store: Store, team: str) -> None:
    head = store.current_version(team)
    assert head is not None
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def change(holder: str) -> None:
        barrier.wait(timeout=10)
        try:
            store.new_version(team, head.number, roster(holder, "a2", "a3"), f"by {holder}")
            outcomes.append("ok")
        except Conflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=change, args=(agent,)) for agent in ("a2", "a3")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["conflict", "ok"]
    assert [(info.number, info.parent) for info in store.versions(team)] == [(1, None), (2, 1)]
    assert _count(store, DutyRow) == 6
