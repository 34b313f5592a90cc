"""Alembic migrations: empty → head, models agree with migrations, downgrade/upgrade keeps rows."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import func, inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from tests.conftest import TODAY
from wobtrack import db as database
from wobtrack.items import ItemText
from wobtrack.models import Authority, Base, Event, Request, RequestItem
from wobtrack.tracker import add_event, add_request

ROOT = Path(__file__).resolve().parents[1]


def test_upgrade_empty_database_to_head(db_url: str) -> None:
    engine = database.make_engine(db_url)
    try:
        assert database.current_revision(engine) is None
        database.upgrade(engine)
        assert database.current_revision(engine) == database.head_revision()
        tables = set(inspect(engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
    finally:
        engine.dispose()


def test_models_and_migrations_agree(engine: Engine) -> None:
    # `alembic check` raises if autogenerate finds any difference.
    with engine.connect() as connection:
        command.check(database.alembic_config(engine, connection))


def _populate(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        for n in range(3):
            request = add_request(
                session,
                authority=f"Autoriteit {n}",
                subject=f"onderwerp {n}",
                today=TODAY,
                received=TODAY,
                items=[ItemText(str(i), f"item {i}") for i in range(1, 6)],
            )
            add_event(session, request.id, "acknowledged", TODAY, today=TODAY)


def _row_counts(engine: Engine) -> tuple[int, int, int]:
    with Session(engine) as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(m))
            for m in (Request, RequestItem, Event)
        )


def test_downgrade_and_upgrade_latest_revision_keeps_rows(engine: Engine) -> None:
    _populate(engine)
    before = _row_counts(engine)
    assert before == (3, 15, 3)
    database.downgrade(engine, "-1")
    assert database.current_revision(engine) != database.head_revision()
    database.upgrade(engine)
    assert _row_counts(engine) == before
    with engine.connect() as connection:
        command.check(database.alembic_config(engine, connection))


def test_every_revision_steps_down_and_up(engine: Engine) -> None:
    database.downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    database.upgrade(engine)
    assert database.current_revision(engine) == database.head_revision()


def test_packaging_ships_every_package() -> None:
    # pyproject lists packages explicitly (migrations/ and samples/ are mapped into the
    # package); a new subpackage that is not listed would be missing from a real install.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    listed = set(config["setuptools"]["packages"])
    on_disk = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "wobtrack").rglob("__init__.py")
        if "__pycache__" not in p.parts
    }
    assert on_disk <= listed
    assert (ROOT / "migrations" / "env.py").is_file()
    assert config["setuptools"]["package-dir"]["wobtrack.migrations"] == "migrations"


def test_authority_key_revision_steps_down_and_up_with_rows(engine: Engine) -> None:
    # 0004_authority_key adds a NOT NULL unique column to a populated table (batch mode on
    # SQLite): its key must be filled in for the rows that are there.
    _populate(engine)
    before = _row_counts(engine)
    database.downgrade(engine, "0003")
    assert "name_key" not in {c["name"] for c in inspect(engine).get_columns("authorities")}
    database.upgrade(engine)
    assert _row_counts(engine) == before
    with Session(engine) as session:
        keys = session.execute(select(Authority.name_key).order_by(Authority.id)).scalars()
        assert list(keys) == ["autoriteit 0", "autoriteit 1", "autoriteit 2"]


def test_the_quick_head_is_alembics_head() -> None:
    # ensure_schema compares the database's revision with this before importing Alembic.
    assert database.shipped_head() == database.head_revision()


def test_the_quick_check_leaves_an_old_database_to_the_migrations(db_url: str) -> None:
    engine = database.make_engine(db_url)
    try:
        database.upgrade(engine, "0003")
        assert database._stored_revision(engine) == "0003"
        database.ensure_schema(engine)
        assert database.current_revision(engine) == database.head_revision()
    finally:
        engine.dispose()


def test_a_database_without_a_version_table_has_no_quick_revision(db_url: str) -> None:
    engine = database.make_engine(db_url)
    try:
        assert database._stored_revision(engine) is None
    finally:
        engine.dispose()


def test_migrations_fall_back_to_alembics_commands_without_its_private_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A future Alembic without ``ScriptDirectory._upgrade_revs``/``_downgrade_revs``: the
    migrations run through ``alembic.command.upgrade``/``downgrade`` instead."""
    shipped = database._scripts()

    class WithoutPrivateSteps:
        """The shipped ScriptDirectory as a future Alembic's: no private step methods."""

        def __getattr__(self, name: str) -> Any:
            if name in ("_upgrade_revs", "_downgrade_revs"):
                raise AttributeError(name)
            return getattr(shipped, name)

    monkeypatch.setattr(database, "_scripts", WithoutPrivateSteps)
    called: list[tuple[str, str]] = []
    for name in ("upgrade", "downgrade"):
        real = getattr(command, name)
        monkeypatch.setattr(
            command,
            name,
            lambda config, revision, _n=name, _f=real: (
                called.append((_n, revision)) or _f(config, revision)
            ),
        )
    engine = database.make_engine(f"sqlite:///{tmp_path / 'fallback.db'}")
    try:
        database.upgrade(engine)
        assert database.current_revision(engine) == database.head_revision()
        previous = database.known_revisions()[-2]
        database.downgrade(engine, previous)
        assert database.current_revision(engine) == previous
        database.upgrade(engine)
        assert database.current_revision(engine) == database.head_revision()
    finally:
        engine.dispose()
    assert called == [("upgrade", "head"), ("downgrade", previous), ("upgrade", "head")]
