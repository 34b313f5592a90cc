"""The SQL views of migration 0005 agree with the library (for Datasette and SQL users)."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from tests.sample_tracker import TODAY, populate
from wobtrack import decisions, organise, reports, tracker


def test_item_current_outcome_is_final_outcome(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        populate(session)
        # A later deelbesluit on request 2 changes item 1's outcome: the newest decision
        # counts (dated, it sorts after the besluit; an undated one would sort first).
        request = tracker.get_request(session, 2)
        decisions.import_parsed_decision(
            session, request.id,
            {"decision_date": "2026-11-02", "kind": "deelbesluit", "items": [
                {"number": "1", "outcomes": ["granted"], "evidence": []}]},
            file_name="deel.pdf", sha256="c" * 64, parser_version="test", kind="deelbesluit",
        )  # fmt: skip
        # A correction that names where the answer points replaces the parser's references.
        decisions.set_outcome(
            session, 1, "3", ["referred"], references=["https://voorbeeldstad.nl/camera"]
        )
    with Session(engine) as session:
        expected = {
            item.id: final for r in tracker.list_requests(session) for item in r.items
            if (final := decisions.final_outcome(item))
        }  # fmt: skip
        rows = session.execute(
            text(
                "SELECT item_id, number, outcomes, grounds, source, decision_id, needs_review, "
                '"references" '
                "FROM item_current_outcome ORDER BY item_id"
            )
        ).all()
    assert [row.item_id for row in rows] == sorted(expected)
    for row in rows:
        final = expected[row.item_id]

        def values(raw: object) -> list[str]:
            loaded = json.loads(raw) if isinstance(raw, str) else raw
            return list(loaded or [])

        assert (
            row.number,
            values(row.outcomes),
            values(row.grounds),
            row.source,
            row.decision_id,
            bool(row.needs_review),
            values(row.references),
        ) == (
            final.number,
            list(final.outcomes),
            list(final.grounds),
            final.source,
            final.decision_id,
            final.needs_review,
            list(final.references),
        ), row.item_id
    assert any(row.source == "person" for row in rows)
    assert any(row.source == "none" for row in rows)


def test_request_overview(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        populate(session)
        organise.tag_request(session, 2, ["parkeren"])
    with Session(engine) as session:
        rows = {
            row.request_id: row
            for row in session.execute(text("SELECT * FROM request_overview")).all()
        }
        timing = {r["id"]: r["decision"] for r in reports.summary(session, TODAY)["requests"]}
    assert rows[1].tags == "camera's, follow-up"
    assert rows[2].tags == "parkeren"
    assert rows[3].tags is None
    assert (rows[1].items, rows[1].decisions) == (5, 1)
    # Days from receipt to the first besluit, as `summary` counts them.
    for request_id in (1, 2):
        assert rows[request_id].days_to_first_decision == timing[request_id]["days"]
        first = rows[request_id].first_decision_on
        assert str(first) == timing[request_id]["date"] or first == date.fromisoformat(
            timing[request_id]["date"]
        )
    assert rows[3].days_to_first_decision is None


def test_upgrade_indexes_the_rows_already_there(db_url: str) -> None:
    from wobtrack import db as database
    from wobtrack import search
    from wobtrack.items import ItemText

    engine = database.make_engine(db_url)
    try:
        from alembic.script import ScriptDirectory

        scripts = ScriptDirectory.from_config(database.alembic_config())
        before = scripts.get_revision("0006_tags_search_views").down_revision
        assert isinstance(before, str)
        database.upgrade(engine, before)
        with Session(engine) as session, session.begin():
            tracker.add_request(
                session, authority="Gemeente Zeedorp", subject="Strandhuisjes", today=TODAY,
                items=[ItemText("1", "de vergunningen voor strandpaviljoens")],
            )  # fmt: skip
        database.upgrade(engine)
        with Session(engine) as session:
            hits = search.search(session, "strandpaviljoens")
            assert [(h.kind, h.item_number) for h in hits] == [("item", "1")]
            if engine.dialect.name == "sqlite":
                triggers = session.execute(
                    text("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")
                ).scalar()
                assert triggers == 12  # insert, update, delete on four tables
    finally:
        engine.dispose()


LATER_REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "9999_later"
down_revision = "{head}"
branch_labels = None
depends_on = None


def _recreate() -> str:
    # SQLite rebuilds the table (copy, drop, rename); PostgreSQL alters it in place.
    return "always" if op.get_bind().dialect.name == "sqlite" else "auto"


def upgrade() -> None:
    with op.batch_alter_table("authorities", recreate=_recreate()) as batch:
        batch.add_column(sa.Column("extra", sa.String(10)))


def downgrade() -> None:
    with op.batch_alter_table("authorities", recreate=_recreate()) as batch:
        batch.drop_column("extra")
"""


def test_a_later_batch_rebuild_keeps_the_views_working(db_url: str, tmp_path: Path) -> None:
    # A later revision may rebuild a table the views read (SQLite batch mode: copy, drop,
    # rename); migrations/env.py makes the rename work while the views name the table.
    from alembic import command

    from wobtrack import db as database

    later = tmp_path / "versions"
    later.mkdir()
    (later / "9999_later.py").write_text(
        LATER_REVISION.format(head=database.head_revision()), encoding="utf-8"
    )
    engine = database.make_engine(db_url)
    try:
        with engine.connect() as connection:
            config = database.alembic_config(engine, connection)
            shipped = database.migrations_path() / "versions"
            config.set_main_option("path_separator", "os")
            config.set_main_option("version_locations", f"{shipped}{os.pathsep}{later}")
            command.upgrade(config, "heads")
            connection.commit()
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM request_overview")).scalar() == 0
            assert connection.execute(text("SELECT extra FROM authorities")).all() == []
    finally:
        engine.dispose()
