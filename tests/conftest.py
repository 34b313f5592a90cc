"""Shared fixtures: a migrated database on SQLite and (when configured) PostgreSQL, and a
CLI runner bound to it with a fixed "today".

Every database test runs on SQLite and, when ``WOBTRACK_TEST_PG_URL`` is set, again on
PostgreSQL, each test in a schema of its own. If that variable is set and the server cannot
be reached, the PostgreSQL tests fail instead of being skipped.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from wobtrack import db as database
from wobtrack.cli import cli

#: The fixed "today" of every CLI test (a Sunday, to catch weekday mistakes).
TODAY = date(2026, 11, 22)
PG_URL = os.environ.get("WOBTRACK_TEST_PG_URL")
SHARED = Path(__file__).resolve().parents[2] / "shared"


def _backends() -> list[Any]:
    backends: list[Any] = ["sqlite"]
    if PG_URL:
        backends.append(pytest.param("postgresql", marks=pytest.mark.postgresql))
    return backends


def _wants_schema(request: pytest.FixtureRequest) -> bool:
    """Whether the test's database starts at the newest schema: so it does for a test that
    runs the CLI (``run``: its first command would migrate the database) or takes ``engine``
    (which migrates it), unless it is marked ``empty_database``; a test that takes only
    ``db_url`` gets an empty database, as before."""
    uses = {"run", "engine"} & set(request.fixturenames)
    return bool(uses) and request.node.get_closest_marker("empty_database") is None


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database migrated to head once per session: tests get a copy of the file
    (the migrations take far longer than copying their result)."""
    path = tmp_path_factory.mktemp("template") / "wobtrack.db"
    engine = database.make_engine(f"sqlite:///{path}")
    database.upgrade(engine)
    engine.dispose()  # the last connection closing checkpoints the WAL into the file
    assert not path.with_name(path.name + "-wal").exists()
    return path


Statement = tuple[str, Any, bool]


def _pg_url(schema: str) -> str:
    assert PG_URL is not None
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pg_migration_sql() -> list[Statement]:
    """The SQL the migrations send to an empty PostgreSQL schema, recorded once per session
    by running them; replayed in each test's fresh schema (statement for statement the
    same, in one transaction; the models-agree test checks the result)."""
    schema = f"wt_{uuid.uuid4().hex[:12]}"
    assert PG_URL is not None
    admin = database.make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    recorded: list[Statement] = []
    engine = database.make_engine(_pg_url(schema))

    def record(_c: Any, _cur: Any, statement: str, params: Any, _ctx: Any, many: bool) -> None:
        recorded.append((statement, params, many))

    event.listen(engine, "before_cursor_execute", record)
    try:
        database.upgrade(engine)
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    return recorded


def _replay(url: str, statements: list[Statement]) -> None:
    engine = database.make_engine(url)
    try:
        with engine.begin() as conn:
            cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            for statement, params, many in statements:
                if many:
                    cursor.executemany(statement, params)
                else:
                    cursor.execute(statement, params)
            cursor.close()
    finally:
        engine.dispose()


@pytest.fixture(params=_backends())
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of a database: a SQLite file, or a fresh PostgreSQL schema; empty, or at the
    newest schema for a test that uses the CLI or ``engine`` (see ``_wants_schema``)."""
    migrated = _wants_schema(request)
    if request.param == "sqlite":
        path = tmp_path / "wobtrack.db"
        if migrated:
            shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    assert PG_URL is not None
    schema = f"wt_{uuid.uuid4().hex[:12]}"
    admin = database.make_engine(PG_URL)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # the variable is set: an unreachable server is a failure
        pytest.fail(f"WOBTRACK_TEST_PG_URL is set but PostgreSQL is unreachable: {exc}")
    url = _pg_url(schema)
    try:
        if migrated:
            _replay(url, request.getfixturevalue("pg_migration_sql"))
        yield url
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on a database migrated to the newest schema."""
    eng = database.make_engine(db_url)
    database.upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session in one transaction, committed at the end of the test."""
    with Session(engine, expire_on_commit=False) as sess, sess.begin():
        yield sess


@dataclass
class Cli:
    """Runs ``wobtrack --db URL --today 2026-11-22 ...`` in-process."""

    db_url: str
    today: date = TODAY

    def fails(self, *args: str, message: str, input: str | None = None) -> Result:
        """Run a command that must fail: non-zero exit and one ``Error:`` line naming it."""
        result = self(*args, input=input, ok=False)
        assert result.exit_code != 0
        assert message in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert result.stderr.startswith("Error: ")
        assert "Traceback" not in result.output
        return result

    def __call__(self, *args: str, input: str | None = None, ok: bool = True) -> Result:
        runner = CliRunner()
        result = runner.invoke(
            cli, ["--db", self.db_url, "--today", self.today.isoformat(), *args], input=input
        )
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        if ok:
            assert result.exit_code == 0, result.output
        return result


def row_counts(db_url: str, *models: type[Any]) -> dict[str, int]:
    """Rows per table, to show that a failed command wrote nothing."""
    from sqlalchemy import func, select

    engine = database.make_engine(db_url)
    try:
        with Session(engine) as session:
            return {
                m.__tablename__: session.scalar(select(func.count()).select_from(m)) or 0
                for m in models
            }
    finally:
        engine.dispose()


@pytest.fixture
def run(db_url: str) -> Cli:
    """A CLI runner on a fresh database."""
    return Cli(db_url)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgresql: the PostgreSQL run of a database test")
    config.addinivalue_line(
        "markers", "empty_database: the CLI runner starts on an empty database (not migrated)"
    )
