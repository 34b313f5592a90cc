"""Alembic environment for wobtrack.

Used both programmatically (``wobtrack.db.upgrade`` passes a connection in
``config.attributes``) and from the command line with the top-level ``alembic.ini``
(the database then comes from ``-x db=...``, ``WOBTRACK_DB`` or the default location).
"""

from __future__ import annotations

import os
from contextlib import nullcontext

from alembic import context

from wobtrack.db import database_url, make_engine
from wobtrack.models import Base

config = context.config
target_metadata = Base.metadata

#: First key of the PostgreSQL advisory lock that migrations hold (the second is the
#: schema's): "wob" in ASCII. Any 32-bit number no other program uses would do.
MIGRATION_LOCK = 0x776F62


def _include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Leave the full-text index (an FTS5 virtual table and its shadow tables, made by
    revision 0005 with raw SQL) out of autogenerate's comparison with the models."""
    return not (type_ == "table" and name is not None and name.startswith("search_index"))


def _run(connection: object) -> None:
    is_sqlite = connection.dialect.name == "sqlite"  # type: ignore[attr-defined]
    raw = None
    if is_sqlite:
        # Batch mode rebuilds SQLite tables (copy, drop, rename); with foreign keys on, the drop
        # would cascade. Alembic's documented recipe: switch them off for the migration.
        # The pragma is a no-op inside a transaction, so it is set on the raw connection first.
        raw = connection.connection.driver_connection  # type: ignore[attr-defined]
        raw.execute("PRAGMA foreign_keys=OFF")
        # The rename at the end of a batch rebuild would otherwise fail while a view
        # (revision 0005) names the table, which is dropped for a moment.
        raw.execute("PRAGMA legacy_alter_table=ON")
    # Alembic gives each SQLite migration a transaction of its own and reads the current
    # revision before the first, so a second process starting on a new database could read
    # it while the first is half-way and run a migration again ("duplicate column"). One
    # transaction begun here (BEGIN IMMEDIATE: the write lock) makes the second wait, then
    # find the schema at head.
    in_transaction = connection.in_transaction()  # type: ignore[attr-defined]
    outer = connection.begin() if is_sqlite and not in_transaction else nullcontext()  # type: ignore[attr-defined]
    try:
        with outer:
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=is_sqlite,
                compare_type=True,
                include_name=_include_name,
            )
            with context.begin_transaction():
                if connection.dialect.name == "postgresql":  # type: ignore[attr-defined]
                    _wait_for_other_migrations(connection)
                context.run_migrations()
    finally:
        if raw is not None:
            raw.execute("PRAGMA legacy_alter_table=OFF")
            raw.execute("PRAGMA foreign_keys=ON")


def _wait_for_other_migrations(connection: object) -> None:
    """Two processes starting on a new database at once must not both create the schema.

    The lock is held until this transaction ends; Alembic reads the current revision after
    it, so the second process finds the first one's work committed and has nothing to do.
    (On SQLite, ``_run`` holds the file lock instead: its one transaction begins with BEGIN
    IMMEDIATE.)
    """
    from sqlalchemy import text

    connection.execute(  # type: ignore[attr-defined]
        text("SELECT pg_advisory_xact_lock(:lock, hashtext(current_schema()))"),
        {"lock": MIGRATION_LOCK},
    )


def _url_from_command_line() -> str:
    given = context.get_x_argument(as_dictionary=True).get("db") or os.environ.get("WOBTRACK_DB")
    return database_url(given)


def run_migrations_offline() -> None:
    """Emit SQL to stdout instead of running it."""
    url = config.get_main_option("sqlalchemy.url") or _url_from_command_line()
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run against the connection given by wobtrack, or one made from the configuration."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or _url_from_command_line()
    engine = make_engine(url)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
