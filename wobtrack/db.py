"""Engines, connection settings and schema migrations. The only place engines are made.

SQLite is the embedded default; PostgreSQL (``postgresql+psycopg://...``) runs the same
code and the same Alembic migrations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import NoSuchModuleError

from wobtrack.dburl import EXAMPLE_URLS, check_url
from wobtrack.dburl import database_url as database_url  # re-exported (migrations/env.py)
from wobtrack.dburl import default_database_path as default_database_path
from wobtrack.errors import WobtrackError
from wobtrack.resources import migrations_path

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlalchemy.engine import CursorResult
    from sqlalchemy.orm import Session

#: How long a SQLite writer waits for another process's write lock before giving up.
SQLITE_BUSY_TIMEOUT_MS = 30_000

#: Execution option of a connection (or engine) whose transactions only read: on SQLite they
#: start with a plain (deferred) BEGIN and take no write lock, so a reader never waits for a
#: writer and never holds one up; ``PRAGMA query_only`` makes an accidental write fail at once.
READ_ONLY = "wobtrack_read_only"


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine; SQLite gets foreign keys, WAL, a busy timeout and BEGIN IMMEDIATE
    for writing transactions (``reading(engine)`` for the others)."""
    check_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        try:
            return create_engine(url, **kwargs)
        except NoSuchModuleError:
            raise WobtrackError(
                f"cannot use {parsed.drivername}: no such driver; use {EXAMPLE_URLS}"
            ) from None
        except ModuleNotFoundError as exc:
            raise WobtrackError(
                f"cannot use {parsed.drivername}: {exc.name} is not installed "
                "(pip install 'wobtrack[postgres]')"
            ) from None
    if parsed.database and parsed.database != ":memory:":
        folder = Path(parsed.database).parent
        if not folder.is_dir():
            raise WobtrackError(f"cannot create the database: folder {folder} does not exist")
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        if parsed.database and parsed.database != ":memory:":
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(READ_ONLY, False):
            # A reader sees the snapshot of its first read (WAL) and never needs the lock.
            connection.exec_driver_sql("PRAGMA query_only=ON")
            connection.exec_driver_sql("BEGIN")
            return
        # Take the write lock at the start of every writing transaction: a deferred
        # transaction that later upgrades to a writer fails at once with "database is locked"
        # when another process wrote meanwhile, whereas BEGIN IMMEDIATE waits (busy_timeout).
        connection.exec_driver_sql("PRAGMA query_only=OFF")
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def reading(engine: Engine) -> Engine:
    """The same engine (and pool) for transactions that only read (see ``READ_ONLY``)."""
    return engine.execution_options(**{READ_ONLY: True})


def alembic_config(engine: Engine | None = None, connection: Any = None) -> Any:
    """An Alembic Config built in code (no alembic.ini needed), bound to a connection."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_path()))
    if engine is not None:
        # configparser interpolates "%": URL-escaped characters must be doubled.
        url = engine.url.render_as_string(hide_password=False)
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    cfg.attributes["connection"] = connection
    return cfg


def _scripts() -> Any:
    """The shipped migrations (an Alembic ScriptDirectory), read once per process and
    folder: reading them executes every revision file, which costs more than a command."""
    return _scripts_in(str(migrations_path()))


@cache
def _scripts_in(location: str) -> Any:
    from alembic.script import ScriptDirectory

    cfg = alembic_config()
    cfg.set_main_option("script_location", location)
    return ScriptDirectory.from_config(cfg)


def head_revision() -> str | None:
    """The newest revision shipped with this version of wobtrack."""
    head: str | None = _scripts().get_current_head()
    return head


_REVISION_LINE = re.compile(
    r"^(down_revision|revision)\s*(?::[^=\n]*)?=\s*(None|\"([^\"]+)\"|'([^']+)')\s*$",
    re.MULTILINE,
)


@cache
def shipped_head() -> str | None:
    """The newest shipped revision, read from the migration files without importing Alembic.

    Every command checks the database's revision first, and Alembic's script machinery costs
    more than a listing's own work at start-up. Only a plain line of history counts: each file
    names one ``revision`` and one ``down_revision`` (a string or None), and exactly one
    revision is nobody's down_revision. Anything else (a merge, a file this cannot read) is
    None, and ``ensure_schema`` asks Alembic (``head_revision``) instead.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted((migrations_path() / "versions").glob("*.py")):
        if path.name == "__init__.py":
            continue
        found = {m[0]: m[2] or m[3] for m in _REVISION_LINE.findall(path.read_text("utf-8"))}
        if "revision" not in found or "down_revision" not in found or not found["revision"]:
            return None
        revisions.add(found["revision"])
        if found["down_revision"]:
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 and parents <= revisions else None


def _stored_revision(engine: Engine) -> str | None:
    """The database's revision read with one query (no Alembic), None when that cannot tell:
    no version table yet, or more than one row."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    try:
        with reading(engine).connect() as connection:
            rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except DBAPIError:
        return None  # no such table (a new database), or cannot open: the full path says why
    return rows[0][0] if len(rows) == 1 else None


def _shown(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _read_revision(engine: Engine) -> str | None:
    """The database's revision; OperationalError (cannot open, locked) is left to the caller,
    a file that is not a (whole) database is a WobtrackError."""
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy.exc import DatabaseError, OperationalError

    try:
        # A reader: every command asks this first, and must not wait for another's write lock.
        with reading(engine).connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except OperationalError:
        raise
    except DatabaseError as exc:  # SQLite: "file is not a database", "...malformed"
        raise WobtrackError(
            f"{_shown(engine)} is not a usable wobtrack database ({exc.orig}): give another "
            "--db, or restore it from a backup"
        ) from None


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database).

    A file that is not a database, a damaged one or a server that cannot be reached is a
    WobtrackError with one line.
    """
    from sqlalchemy.exc import OperationalError

    try:
        return _read_revision(engine)
    except OperationalError as exc:
        detail = " ".join(str(exc.orig).split())
        raise WobtrackError(f"cannot open the database {_shown(engine)}: {detail}") from None


def is_known_revision(revision: str) -> bool:
    """Whether ``revision`` is one of the schema revisions shipped with this wobtrack."""
    from alembic.util import CommandError

    try:
        return _scripts().get_revision(revision) is not None
    except CommandError:
        return False


def known_revisions() -> list[str]:
    """The shipped revisions, oldest first."""
    return [rev.revision for rev in reversed(list(_scripts().walk_revisions()))]


def _check_known(engine: Engine) -> None:
    """Refuse a database whose revision this wobtrack does not know (a newer wobtrack's)."""
    current = current_revision(engine)
    if current is not None and not is_known_revision(current):
        raise WobtrackError(
            f"the database {_shown(engine)} has schema revision {current!r}, which this "
            "wobtrack does not know: it was made by a newer wobtrack; upgrade wobtrack "
            "(pip install -U wobtrack)"
        )


#: The private ScriptDirectory methods ``_run_migrations`` uses, per direction.
_STEP_METHODS: Final = {"upgrade": "_upgrade_revs", "downgrade": "_downgrade_revs"}


def _run_migrations(config: Any, revision: str, direction: str) -> None:
    """``alembic.command.upgrade``/``downgrade`` on the shipped migrations as read once
    (``_scripts``): the same steps, without reading every revision file again.

    The steps come from Alembic's private ``ScriptDirectory._upgrade_revs``/
    ``_downgrade_revs``; an Alembic without them gets the public commands (slower: they
    read the revision files again), so wobtrack keeps migrating."""
    from alembic.runtime.environment import EnvironmentContext

    script = _scripts()
    if not hasattr(script, _STEP_METHODS[direction]):
        from alembic import command

        migrate = command.upgrade if direction == "upgrade" else command.downgrade
        migrate(config, revision)
        return

    def steps(rev: Any, _context: Any) -> Any:
        if direction == "upgrade":
            return script._upgrade_revs(revision, rev)
        return script._downgrade_revs(revision, rev)

    with EnvironmentContext(config, script, fn=steps, destination_rev=revision):
        script.run_env()


def _migrate(engine: Engine, revision: str, direction: str) -> None:
    from alembic.util import CommandError

    _check_known(engine)
    with engine.connect() as connection:
        try:
            _run_migrations(alembic_config(engine, connection), revision, direction)
        except CommandError as exc:  # an unknown or unreachable target revision
            detail = " ".join(str(exc).split())
            raise WobtrackError(
                f"cannot {direction} to revision {revision!r}: {detail}; use head or one of "
                f"{', '.join(known_revisions())}"
            ) from None


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to ``revision`` (default: the newest)."""
    _migrate(engine, revision, "upgrade")


def downgrade(engine: Engine, revision: str) -> None:
    """Migrate the database down to ``revision``."""
    _migrate(engine, revision, "downgrade")


def ensure_schema(engine: Engine) -> None:
    """Create or migrate the database to the newest schema if it is not there yet.

    Two processes may start on a new database at once (cron and a user): on PostgreSQL the
    migrations hold an advisory lock (migrations/env.py); on SQLite the creation is done
    under a lock file beside the database, and the loser of the race finds it made.
    A database made by a newer wobtrack (a revision this one does not know) is refused.
    """
    from sqlalchemy.exc import OperationalError

    quick = shipped_head()
    if quick is not None and _stored_revision(engine) == quick:
        return
    try:
        current = _read_revision(engine)
    except OperationalError as exc:
        if not _sqlite_file(engine):
            detail = " ".join(str(exc.orig).split())
            raise WobtrackError(f"cannot open the database {_shown(engine)}: {detail}") from None
        current = None  # another process may be creating it right now: look again below
    if current == head_revision():
        return
    with _schema_lock(engine):
        current = current_revision(engine)
        if current != head_revision():
            upgrade(engine)


def _sqlite_file(engine: Engine) -> str | None:
    """The file of a SQLite database on disk, else None."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    return database


@contextmanager
def _schema_lock(engine: Engine) -> Iterator[None]:
    """On a SQLite file, an exclusive lock on its folder while the schema is made (SQLite's
    own locks do not cover switching to WAL on a file being created); no file is left."""
    database = _sqlite_file(engine)
    if database is None:
        yield
        return
    try:
        import fcntl
    except ImportError:  # Windows: SQLite's busy timeout is all there is
        yield
        return
    import os

    folder = os.open(Path(database).resolve().parent, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        yield
    finally:
        os.close(folder)  # closing releases the lock


def is_sqlite(engine: Engine) -> bool:
    """True for the embedded SQLite backend."""
    return engine.dialect.name == "sqlite"


def insert_or_ignore(session: Session, table: Table, values: dict[str, Any]) -> bool:
    """Insert one row unless it would break a unique constraint; True if it was inserted.

    The insert half of insert-or-get: two transactions that add the same row at once both
    succeed (``INSERT ... ON CONFLICT DO NOTHING``; on PostgreSQL the second waits for the
    first to commit), where a check-then-insert would give one of them an IntegrityError.
    The caller then reads the row, which exists either way.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        statement: Any = pg_insert(table).values(values).on_conflict_do_nothing()
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        statement = sqlite_insert(table).values(values).on_conflict_do_nothing()
    else:  # pragma: no cover - wobtrack supports SQLite and PostgreSQL only
        raise WobtrackError(f"unsupported database {dialect}")
    result: CursorResult[Any] = session.execute(statement)  # type: ignore[assignment]
    return bool(result.rowcount)
