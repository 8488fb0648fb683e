"""Where the store lives, how SQLite connections behave, and that migrations make the ORM's schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from scheduler.store import Store, database_url, make_engine, upgrade
from scheduler.store.database import alembic_config, normalise_url
from scheduler.store.schema import Base


def test_database_url_prefers_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ROSTER_DATABASE_URL", "postgresql://u@h/db")
    assert database_url() == "postgresql://u@h/db"
    monkeypatch.delenv("ROSTER_DATABASE_URL")
    monkeypatch.setenv("ROSTER_HOME", str(tmp_path))
    assert database_url() == f"sqlite:///{tmp_path / 'roster.db'}"
    monkeypatch.delenv("ROSTER_HOME")
    monkeypatch.chdir(tmp_path)
    assert database_url() == f"sqlite:///{tmp_path / 'roster.db'}"


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgresql://u@h:5432/db", "postgresql+psycopg://u@h:5432/db"),
        ("postgres://u:pw@h/db", "postgresql+psycopg://u:pw@h/db"),
        ("postgresql+psycopg2://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
    ],
)
def test_postgresql_urls_use_psycopg_3(given: str, used: str) -> None:
    assert normalise_url(given) == used


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    engine.dispose()


def test_migrations_create_the_schema_of_the_orm(store: Store) -> None:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with store.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True}
        )
        assert context.get_current_revision() == head
        assert compare_metadata(context, Base.metadata) == []
    tables = set(inspect(store.engine).get_table_names())
    assert {table.name for table in Base.metadata.sorted_tables} <= tables


def test_upgrade_twice_changes_nothing(store: Store) -> None:
    upgrade(store.engine)
    with store.engine.connect() as connection:
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    assert len(versions) == 1


def test_foreign_keys_are_enforced(store: Store) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), store.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO agent (team_id, code, name) VALUES (999, 'a1', 'Nobody')")
        )
