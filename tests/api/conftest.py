"""An API over a fresh store with the default team published, and a token per role.

The team ``four-agents`` has a supervisor ``lead`` and one user per agent
(``a1`` .. ``a4``); :func:`auth` gives the header for each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from scheduler.instance import Instance, load_instance
from scheduler.jobs import SolveJobs
from scheduler.result import Result
from scheduler.service import RosterService
from scheduler.solve import solve
from scheduler.store import Role, Store, make_engine, upgrade

INSTANCE_PATH = Path(__file__).parents[2] / "instances" / "four-agents.yaml"
TEAM = "four-agents"
NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="session")
def default_instance() -> Instance:
    return load_instance(INSTANCE_PATH)


@pytest.fixture(scope="session")
def default_result(default_instance: Instance) -> Result:
    return solve(default_instance, time_limit=30)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    engine = make_engine(database_url)
    upgrade(engine)
    opened = Store(engine, clock=lambda: NOW)
    yield opened
    opened.close()


@pytest.fixture
def tokens(store: Store, default_instance: Instance, default_result: Result) -> dict[str, str]:
    """Publish the default roster; a token for the supervisor and each agent, plus a stranger."""
    service = RosterService(store, clock=lambda: NOW)
    source = INSTANCE_PATH.read_text(encoding="utf-8")
    service.publish(TEAM, default_instance, source, default_result, actor="lead")
    secrets = {}
    store.create_user("lead", Role.SUPERVISOR, team=TEAM)
    secrets["lead"] = store.create_token("lead")[0]
    for agent in ("a1", "a2", "a3", "a4"):
        store.create_user(f"user-{agent}", Role.AGENT, team=TEAM, agent=agent)
        secrets[agent] = store.create_token(f"user-{agent}")[0]
    return secrets


@pytest.fixture
def client(store: Store, tokens: dict[str, str]) -> Iterator[TestClient]:
    jobs = SolveJobs(max_running=1)
    app = create_app(store, jobs)
    app.state.service = RosterService(store, clock=lambda: NOW)
    with TestClient(app) as test_client:
        yield test_client


def auth(tokens: dict[str, str], who: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens[who]}"}
