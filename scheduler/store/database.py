"""Where the store lives and how connections to it behave.

The embedded default is a SQLite file; ``ROSTER_DATABASE_URL`` points the same
code at PostgreSQL. SQLite connections get a WAL journal (readers never block
the writer), foreign keys, and a busy timeout; every write transaction starts
with ``BEGIN IMMEDIATE`` so that two writers queue for the database lock at the
start instead of one failing when it tries to commit. The schema is created and
brought up to date by the Alembic migrations of this package, which
:func:`open_store` runs on first use.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection, make_url

from scheduler.store.errors import StoreError

if TYPE_CHECKING:
    from scheduler.store.store import Store

MIGRATIONS = Path(__file__).parent / "migrations"
BUSY_TIMEOUT_MS = 5000
WRITE_OPTION = "roster_write"
"""Execution option marking a connection whose transaction writes."""

_MIGRATION_LOCK = 7_305_001  # pg_advisory_xact_lock key: one migrator at a time


def database_url() -> str:
    """``ROSTER_DATABASE_URL``, else ``roster.db`` in ``ROSTER_HOME`` or the current directory."""
    url = os.environ.get("ROSTER_DATABASE_URL")
    if url:
        return url
    home = Path(os.environ.get("ROSTER_HOME") or Path.cwd())
    return f"sqlite:///{(home / 'roster.db').resolve()}"


def normalise_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL whatever driver the URL names (or none)."""
    if url.startswith("postgres:"):  # the short scheme some hosts hand out
        url = "postgresql:" + url.removeprefix("postgres:")
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql" and parsed.drivername != "postgresql+psycopg":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (default :func:`database_url`) with the store's connection settings."""
    engine = create_engine(normalise_url(url or database_url()))
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    _refuse_nul_characters(engine)
    return engine


def _refuse_nul_characters(engine: Engine) -> None:
    """Refuse text with a NUL character before it reaches the database.

    PostgreSQL cannot store it in text columns and answers with a driver error
    (schemathesis found a 500 that way); SQLite would store it. One check on
    every statement's parameters treats both backends alike, whatever the
    input came through (a request body, a path, a form, the command line).
    """

    @event.listens_for(engine, "before_cursor_execute")
    def _check(
        _connection: Any, _cursor: Any, _statement: str, parameters: Any, _context: Any,
        _executemany: bool,
    ) -> None:  # fmt: skip
        if _contains_nul(parameters):
            raise StoreError("store.invalid.nul_character")


def _contains_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_contains_nul(item) for item in value.values())
    if isinstance(value, (list, tuple)):
        return any(_contains_nul(item) for item in value)
    return False


def _configure_sqlite(engine: Engine) -> None:
    # The SQLAlchemy recipe for pysqlite: switch off the driver's own (lazy,
    # DML-only) BEGIN and emit BEGIN ourselves when SQLAlchemy starts a transaction.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        writes = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def writer(engine: Engine) -> Engine:
    """The same engine (and pool), its transactions marked as writes (``BEGIN IMMEDIATE`` on SQLite)."""
    return engine.execution_options(**{WRITE_OPTION: True})


def alembic_config() -> Config:
    """Alembic settings built in code: no alembic.ini is needed at runtime."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` in one transaction.

    Two processes starting at once queue: SQLite's ``BEGIN IMMEDIATE`` and an
    advisory lock on PostgreSQL, so the second finds the schema already current.
    """
    config = alembic_config()
    with writer(engine).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def open_store(url: str | None = None) -> Store:
    """The store at ``url`` (default :func:`database_url`), its schema brought up to date."""
    from scheduler.store.store import Store

    engine = make_engine(url)
    upgrade(engine)
    return Store(engine)
