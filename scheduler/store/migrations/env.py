"""Alembic environment of the store.

The store runs migrations itself (:func:`scheduler.store.database.upgrade`)
and hands over its open connection in ``config.attributes["connection"]``,
so the migration joins the caller's transaction and no alembic.ini is needed.
Without one (the ``alembic`` command line with a ``sqlalchemy.url`` option),
an engine is made with the store's own settings.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from scheduler.store.schema import Base


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        compare_type=True,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def _run_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from scheduler.store.database import database_url, make_engine

    url = context.config.get_main_option("sqlalchemy.url") or database_url()
    engine = make_engine(url)
    try:
        with engine.connect() as fresh:
            _run(fresh)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("the roster store has no offline (SQL script) migrations")
_run_online()
