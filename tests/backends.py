"""Database backends for tests: a SQLite file always, PostgreSQL when ``ROSTER_TEST_DATABASE_URL`` is set.

The PostgreSQL database is made fresh for the test session (a random name on
the server the variable points at), migrated once, emptied between tests and
dropped at the end. Loaded for every test by ``tests/conftest.py``.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from scheduler.store import make_engine, upgrade
from scheduler.store.database import normalise_url
from scheduler.store.schema import Base

PG_SERVER = os.environ.get("ROSTER_TEST_DATABASE_URL")
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(not PG_SERVER, reason="ROSTER_TEST_DATABASE_URL is not set"),
    ),
]


def _server_engine() -> Engine:
    assert PG_SERVER
    return create_engine(normalise_url(PG_SERVER), isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test session (or this xdist worker)."""
    if not PG_SERVER:
        pytest.skip("ROSTER_TEST_DATABASE_URL is not set")
    name = f"roster_test_{secrets.token_hex(6)}"
    server = _server_engine()
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(normalise_url(PG_SERVER)).set(database=name).render_as_string(False)
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    try:
        yield url
    finally:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty, migrated database of each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'roster.db'}"
        return
    url: str = request.getfixturevalue("postgres_url")
    engine = make_engine(url)
    tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()
    yield url
