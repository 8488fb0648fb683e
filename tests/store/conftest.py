"""A store over each backend (see tests/backends.py) with a small team published."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from scheduler.instance import Instance
from scheduler.store import Store, open_store
from scheduler.swaps.model import Duty, DutyKey
from tests.builders import build_instance

START = dt.date(2026, 11, 30)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    store = open_store(database_url)
    yield store
    store.close()


@pytest.fixture
def instance() -> Instance:
    return build_instance(agents=("a1", "a2", "a3"), start=START.isoformat())


def key(day: int, shift: str = "E", slot: int = 0) -> DutyKey:
    return DutyKey(START + dt.timedelta(days=day), shift, slot)


def roster(*holders: str) -> list[Duty]:
    """One early duty a day, held by ``holders[day]``."""
    return [Duty(key(day), holder, holder) for day, holder in enumerate(holders)]


@pytest.fixture
def team(store: Store, instance: Instance) -> str:
    """Team ``t`` with agents a1..a3 and version 1 published: a1, a2, a3 on the first three days."""
    store.create_team(
        "t", "Team T", "Europe/Berlin", "en", [("a1", "Ann"), ("a2", "Bo"), ("a3", "Cy")]
    )
    record = store.save_instance("t", instance, "source: yaml\n")
    store.publish("t", record.id, None, roster("a1", "a2", "a3"), "solved")
    return "t"
