"""A roster service over each store backend, with the default team published once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from scheduler.instance import Instance, load_instance
from scheduler.result import Result
from scheduler.service import RosterService
from scheduler.solve import solve
from scheduler.store import Store, make_engine, upgrade

INSTANCE_PATH = Path(__file__).parents[2] / "instances" / "four-agents.yaml"
TEAM = "four-agents"
NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)  # ten days before the roster starts


class Clock:
    """A settable clock, so notice rules can be tested at chosen moments."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture(scope="session")
def default_instance() -> Instance:
    return load_instance(INSTANCE_PATH)


@pytest.fixture(scope="session")
def default_result(default_instance: Instance) -> Result:
    return solve(default_instance, time_limit=30)


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def store(database_url: str, clock: Clock) -> Iterator[Store]:
    engine = make_engine(database_url)
    upgrade(engine)
    opened = Store(engine, clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def service(
    store: Store, clock: Clock, default_instance: Instance, default_result: Result
) -> RosterService:
    service = RosterService(store, clock=clock)
    source = INSTANCE_PATH.read_text(encoding="utf-8")
    service.publish(TEAM, default_instance, source, default_result, actor="supervisor")
    return service
