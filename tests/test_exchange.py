"""``wobtrack export`` / ``import-json``: everything out, and back in without loss (issue 5).

Every test runs on SQLite and PostgreSQL; a round trip imports into a second, empty
database of the same backend.
"""

from __future__ import annotations

import csv
import json
import re
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from tests.conftest import PG_URL, TODAY, Cli
from tests.goldens import assert_golden
from tests.sample_tracker import populate_url
from wobtrack import db as database
from wobtrack import exchange, tracker
from wobtrack.errors import InvalidInput, WobtrackError
from wobtrack.models import Authority, Decision, OutcomeCorrection
from wobtrack.names import name_key
from wobtrack.safetext import neutralise_csv_text

DOCS = Path(__file__).resolve().parents[1] / "docs" / "export-format.md"
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$")
KEYS = [key for key, _ in exchange.TABLE_KEYS]


@pytest.fixture
def second_db_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """Another empty database on the same backend as ``db_url``."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'second.db'}"
        return
    assert PG_URL is not None
    schema = f"wt_{uuid.uuid4().hex[:12]}"
    admin = database.make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _export(url: str) -> dict[str, Any]:
    engine = database.make_engine(url)
    try:
        database.upgrade(engine)
        with Session(engine) as session, session.begin():
            return exchange.export_document(session, TODAY)
    finally:
        engine.dispose()


def _import(url: str, data: exchange.ExportData) -> dict[str, int]:
    engine = database.make_engine(url)
    try:
        database.upgrade(engine)
        with Session(engine) as session, session.begin():
            return exchange.import_export(session, data)
    finally:
        engine.dispose()


def _counts(url: str) -> dict[str, int]:
    engine = database.make_engine(url)
    try:
        with Session(engine) as session:
            return exchange.row_counts(session)
    finally:
        engine.dispose()


def _tables(url: str) -> list[str]:
    engine = database.make_engine(url)
    try:
        return inspect(engine).get_table_names()
    finally:
        engine.dispose()


def _without_timestamps(document: dict[str, Any]) -> dict[str, Any]:
    """The document with database-made timestamps (checked to be UTC) replaced by a marker."""
    copy = json.loads(json.dumps(document))
    for key in KEYS:
        for row in copy[key]:
            for column in ("created_at", "imported_at"):
                if column in row:
                    assert TIMESTAMP.match(row[column]), row[column]
                    row[column] = "<timestamp>"
    return copy  # type: ignore[no-any-return]


def _one_line_error(result: Any) -> str:
    assert result.exit_code != 0
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("Error: ")
    return str(result.stderr)


# --------------------------------------------------------------------------- export


def test_export_json_is_the_golden_document(run: Cli, db_url: str) -> None:
    populate_url(db_url)
    document = json.loads(run("export").stdout)
    golden = Path(__file__).parent / "data" / "export.json"
    assert_golden(golden, exchange.dumps_json(_without_timestamps(document)) + "\n")


def test_export_holds_everything(db_url: str) -> None:
    populate_url(db_url)
    document = _export(db_url)
    assert list(document) == [
        "format",
        "version",
        "exported_at_today",
        *KEYS,
        "deadlines",
    ]
    assert (document["format"], document["version"]) == ("wobtrack-export", 1)
    assert document["exported_at_today"] == "2026-11-22"
    assert {key: len(document[key]) for key in KEYS} == {
        "authorities": 2,
        "requests": 4,
        "items": 9,
        "events": 5,  # acknowledged, extended and one "decision" event per imported letter
        "decisions": 3,
        "item_outcomes": 8,  # 5 + 2 + 1, unanswered item 5 of request 1 included
        "outcome_corrections": 1,
        "tags": 2,
        "decision_files": 1,
        "documents": 1,
    }
    correction = document["outcome_corrections"][0]
    assert (correction["outcomes"], correction["grounds"], correction["note"]) == (
        ["partly_granted"],
        ["5.1.2e", "5.2"],
        "zie bijlage",
    )
    parsed = document["decisions"][0]["parsed"]
    assert parsed["items"][2]["references"] == [{"kind": "url", "value": "https://x.nl/a"}]
    assert document["requests"][0]["notes"] == "via e-mail\nmet bijlagen"
    # Request 2 may still object until Mon 30 Nov 2026 (19 Oct + 6 weeks, Awb 6:7).
    assert {"request_id": 2, "key": "bezwaar_end", "due": "2026-11-30"}.items() <= next(
        row for row in document["deadlines"] if row["key"] == "bezwaar_end"
    ).items()
    assert list(document["deadlines"][0]) == [c for c, _ in exchange.DEADLINE_COLUMNS]


def test_export_of_an_empty_database(run: Cli, tmp_path: Path) -> None:
    document = json.loads(run("export", "--format", "json").stdout)
    assert document == {
        "format": "wobtrack-export",
        "version": 1,
        "exported_at_today": "2026-11-22",
        **{key: [] for key in KEYS},
        "deadlines": [],
    }
    run("export", "--format", "csv", "--out", str(tmp_path / "csv"))
    assert (tmp_path / "csv" / "authorities.csv").read_bytes() == b"id,name\r\n"


def test_export_to_a_folder(run: Cli, tmp_path: Path) -> None:
    out = tmp_path / "new" / "folder"
    result = run("export", "--out", str(out))
    assert result.stdout == f"Wrote 1 file to {out}:\n  wobtrack-export.json\n"
    assert (out / "wobtrack-export.json").read_text(encoding="utf-8") == run("export").stdout
    assert [p.name for p in out.iterdir()] == ["wobtrack-export.json"]  # no temporary left


def test_csv_needs_a_folder_and_a_file_is_not_one(run: Cli, tmp_path: Path) -> None:
    error = _one_line_error(run("export", "--format", "csv", ok=False))
    assert "give a folder with --out" in error
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    _one_line_error(run("export", "--format", "csv", "--out", str(a_file), ok=False))
    assert a_file.read_text() == "x"


def _decode(cell: str, kind: str) -> Any:
    """Read a CSV cell back as docs/export-format.md describes."""
    if cell == "":
        return None
    if kind == "json":
        return json.loads(cell)
    if kind == "bool":
        return {"true": True, "false": False}[cell]
    if kind == "int":
        return int(cell)
    return cell


def test_csv_files_parse_back_to_the_same_rows(run: Cli, db_url: str, tmp_path: Path) -> None:
    populate_url(db_url)
    document = json.loads(run("export").stdout)
    result = run("export", "--format", "csv", "--out", str(tmp_path))
    assert result.stdout.splitlines()[0] == f"Wrote 11 files to {tmp_path}:"
    for key, columns in exchange.table_columns().items():
        with (tmp_path / f"{key}.csv").open(encoding="utf-8", newline="") as stream:
            header, *rows = list(csv.reader(stream))
        assert header == [column for column, _ in columns], key
        decoded = [
            {column: _decode(cell, kind) for (column, kind), cell in zip(columns, row, strict=True)}
            for row in rows
        ]
        # A text cell that a spreadsheet would run as a formula starts with ' (the docs).
        expected = [
            {
                column: neutralise_csv_text(value) if kind == "str" and value else value
                for (column, kind), value in zip(columns, record.values(), strict=True)
            }
            for record in document[key]
        ]
        assert decoded == expected, key
        assert rows, f"{key}.csv has no rows: the data should fill every table"
    raw = (tmp_path / "authorities.csv").read_bytes().decode("utf-8")
    assert raw == "id,name\r\n1,Gemeente Voorbeeldstad\r\n2,Ministerie van Financiën\r\n"
    requests = (tmp_path / "requests.csv").read_bytes().decode("utf-8")
    assert '"via e-mail\r\nmet bijlagen"' not in requests  # the text is kept as written
    assert '"via e-mail\nmet bijlagen"' in requests


# --------------------------------------------------------------------------- import


def test_round_trip_through_the_library_is_lossless(db_url: str, second_db_url: str) -> None:
    populate_url(db_url)
    # A decision without parsed output: it must come back as SQL NULL, not JSON null.
    engine = database.make_engine(db_url)
    with Session(engine) as session, session.begin():
        session.add(Decision(request_id=3, kind="deelbesluit", warnings=[]))
    engine.dispose()
    first = _export(db_url)
    data = exchange.parse_export(exchange.dumps_json(first), "first.json")
    counts = _import(second_db_url, data)
    assert counts == {key: len(first[key]) for key in KEYS}
    second = _export(second_db_url)
    assert exchange.dumps_json(second) == exchange.dumps_json(first)
    engine = database.make_engine(second_db_url)
    with Session(engine) as session:
        nulls = select(func.count()).where(Decision.__table__.c.parsed.is_(None))
        assert session.scalar(nulls) == 1
    engine.dispose()


def test_round_trip_through_the_cli(
    run: Cli, db_url: str, second_db_url: str, tmp_path: Path
) -> None:
    populate_url(db_url)
    run("export", "--out", str(tmp_path))
    exported = tmp_path / "wobtrack-export.json"
    other = Cli(second_db_url)
    result = other("import-json", str(exported))
    assert result.stdout == (
        "Imported wobtrack-export.json (exported 2026-11-22): authorities 2, requests 4, "
        "items 9, events 5, decisions 3, item outcomes 8, outcome corrections 1, tags 2, "
        "decision files 1, documents 1.\n"
    )
    assert other("export").stdout == exported.read_text(encoding="utf-8")
    assert other("summary", "--json").stdout == run("summary", "--json").stdout
    assert other("deadlines", "--json").stdout == run("deadlines", "--json").stdout


def test_new_rows_after_an_import_get_fresh_ids(db_url: str, second_db_url: str) -> None:
    populate_url(db_url)
    _import(second_db_url, exchange.parse_export(exchange.dumps_json(_export(db_url)), "x"))
    engine = database.make_engine(second_db_url)
    with Session(engine) as session, session.begin():
        request = tracker.add_request(
            session, authority="Nieuwe gemeente", subject="nieuw", today=TODAY
        )
        item = tracker.add_item(session, request.id, "een")
        event = tracker.add_event(session, 1, "note", date(2026, 11, 20), today=TODAY).event
        decision = Decision(request_id=request.id, kind="besluit", warnings=[])
        correction = OutcomeCorrection(item_id=item.id, outcomes=["granted"], grounds=[])
        session.add_all([decision, correction])
        session.flush()
        assert (request.authority.id, request.id, item.id) == (3, 5, 10)
        assert event is not None
        assert (event.id, decision.id, correction.id) == (6, 4, 2)
    engine.dispose()


def _valid_document(db_url: str) -> dict[str, Any]:
    populate_url(db_url)
    return _export(db_url)


def _break(document: dict[str, Any], change: str) -> str:
    if change == "dangling-reference":
        document["items"][0]["request_id"] = 99
    elif change == "bad-date":
        document["events"][0]["event_date"] = "3 sep 2026"
    elif change == "unknown-column":
        document["authorities"][0]["colour"] = "red"
    elif change == "missing-table":
        del document["events"]
    elif change == "null-in-required-column":
        document["requests"][0]["subject"] = None
    elif change == "duplicate-id":
        document["authorities"][1]["id"] = 1
    elif change == "no-today":
        del document["exported_at_today"]
    elif change == "version-2":
        document["version"] = 2
    elif change == "other-format":
        document["format"] = "something-else"
    return json.dumps(document)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(
            "dangling-reference",
            "invalid export: items[0].request_id: 99 names no row of requests",
            id="dangling-reference",
        ),
        pytest.param(
            "bad-date",
            "invalid export: events[0].event_date: expected a YYYY-MM-DD date, got '3 sep 2026'",
            id="bad-date",
        ),
        pytest.param(
            "unknown-column",
            "invalid export: authorities[0]: unknown column 'colour'",
            id="unknown-column",
        ),
        pytest.param(
            "missing-table", "invalid export: events: missing or not a list", id="missing-table"
        ),
        pytest.param(
            "null-in-required-column",
            "invalid export: requests[0].subject: must not be null",
            id="null-in-required-column",
        ),
        pytest.param(
            "duplicate-id",
            "invalid export: authorities[1].id: id 1 occurs twice",
            id="duplicate-id",
        ),
        pytest.param(
            "no-today",
            "invalid export: exported_at_today: must not be null",
            id="no-exported-at-today",
        ),
        pytest.param(
            "version-2",
            "export.json is a wobtrack export of version 2; this wobtrack reads version 1: "
            "import it with the wobtrack that wrote it",
            id="unknown-version",
        ),
        pytest.param(
            "other-format",
            'export.json is not a wobtrack export (it has no "format": "wobtrack-export"); '
            "make one with `wobtrack export --format json`",
            id="wrong-format",
        ),
    ],
)
def test_bad_export_is_refused_before_the_database_is_touched(
    db_url: str, second_db_url: str, tmp_path: Path, change: str, message: str
) -> None:
    bad = tmp_path / "export.json"
    bad.write_text(_break(_valid_document(db_url), change), encoding="utf-8")
    result = Cli(second_db_url)("import-json", str(bad), ok=False)
    assert _one_line_error(result) == f"Error: {message}\n"
    assert result.exit_code == InvalidInput.exit_code
    assert _tables(second_db_url) == []  # not even the schema was created


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(
            b"{\n",
            "file.json is not a wobtrack export: not valid JSON (Expecting property name "
            "enclosed in double quotes at line 2, column 1)",
            id="not-json",
        ),
        pytest.param(b"", "file.json is not a wobtrack export: not valid JSON", id="empty"),
        pytest.param(b"%PDF-1.7\xff\xfe", "not UTF-8 JSON", id="binary"),
        pytest.param(b"[1, 2]", "is not a wobtrack export (it has no", id="a-list"),
    ],
)
@pytest.mark.empty_database  # the refused file must not even create the schema
def test_not_an_export(run: Cli, db_url: str, tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "file.json"
    bad.write_bytes(content)
    assert message in _one_line_error(run("import-json", str(bad), ok=False))
    assert _tables(db_url) == []


def test_a_constraint_the_database_checks_rolls_everything_back(
    db_url: str, second_db_url: str, tmp_path: Path
) -> None:
    document = _valid_document(db_url)
    # Two items with one number in one request: only the database's unique constraint
    # sees it, after the authorities, requests and decisions were inserted.
    document["items"][1]["number"] = document["items"][0]["number"]
    bad = tmp_path / "export.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    result = Cli(second_db_url)("import-json", str(bad), ok=False)
    assert "export.json does not fit the database (nothing was imported): " in (
        _one_line_error(result)
    )
    assert set(_counts(second_db_url).values()) == {0}


def test_refuses_a_database_that_is_not_empty(run: Cli, db_url: str, tmp_path: Path) -> None:
    populate_url(db_url)
    run("export", "--out", str(tmp_path))
    before = run("export").stdout
    result = run("import-json", str(tmp_path / "wobtrack-export.json"), ok=False)
    assert _one_line_error(result) == (
        "Error: the database is not empty (it holds authorities (2), requests (4), items (9), "
        "events (5), decisions (3), item outcomes (8), outcome corrections (1), tags (2), "
        "decision files (1), documents (1)); import-json needs an empty database: name a new "
        "one with --db\n"
    )
    assert result.exit_code == WobtrackError.exit_code
    assert run("export").stdout == before


def test_an_authority_alone_makes_a_database_not_empty(db_url: str) -> None:
    engine = database.make_engine(db_url)
    database.upgrade(engine)
    with Session(engine) as session, session.begin():
        tracker.get_or_create_authority(session, "Gemeente")
    data = exchange.parse_export(exchange.dumps_json(_export(db_url)), "x.json")
    with (
        Session(engine) as session,
        session.begin(),
        pytest.raises(WobtrackError, match=r"not empty \(it holds authorities \(1\)\)"),
    ):
        exchange.import_export(session, data)
    engine.dispose()


def test_parse_export_converts_values() -> None:
    document = {
        "format": "wobtrack-export",
        "version": 1,
        "exported_at_today": "2026-11-22",
        **{key: [] for key in KEYS},
    }
    document["authorities"] = [{"id": 7, "name": "A"}]
    document["requests"] = [
        {
            "id": 3,
            "authority_id": 7,
            "subject": "s",
            "regime": "woo",
            "regime_explicit": True,
            "reference": None,
            "sent_on": None,
            "received_on": "2026-02-03",
            "bezwaar_committee": False,
            "notes": None,
            "created_at": "2026-02-03T10:00:00+01:00",
        }
    ]
    data = exchange.parse_export(json.dumps(document), "x.json")
    row = data.tables["requests"][0]
    assert row["received_on"] == date(2026, 2, 3)
    assert row["created_at"].isoformat() == "2026-02-03T09:00:00+00:00"  # kept in UTC
    document["requests"][0]["regime_explicit"] = 1
    with pytest.raises(InvalidInput, match=r"regime_explicit: expected true or false, got 1"):
        exchange.parse_export(json.dumps(document), "x.json")


# --------------------------------------------------------------------------- documentation


def test_docs_describe_every_table_and_column() -> None:
    sections = {
        match[1]: match[2]
        for match in re.finditer(
            r"^### `(\w+)`\n(.*?)(?=^### |\Z)", DOCS.read_text(encoding="utf-8"), re.M | re.S
        )
    }
    columns = exchange.table_columns()
    assert list(sections) == list(columns)
    for key, table_columns in columns.items():
        documented = re.findall(r"^\| `(\w+)` \|", sections[key], re.M)
        assert documented == [column for column, _ in table_columns], key


# --------------------------------------------------------------------------- authority keys


def test_an_import_fills_in_the_authority_key_and_reads_older_exports(
    db_url: str, second_db_url: str
) -> None:
    document = _valid_document(db_url)
    assert all(set(row) == {"id", "name"} for row in document["authorities"])
    # An export written before corrections could carry references has no such key.
    for row in document["outcome_corrections"]:
        del row["references"]
    _import(second_db_url, exchange.parse_export(json.dumps(document), "old.json"))
    engine = database.make_engine(second_db_url)
    try:
        with Session(engine) as session:
            keys = session.execute(select(Authority.name, Authority.name_key)).all()
            assert keys
            assert all(key == name_key(name) for name, key in keys)
            references = session.scalars(select(OutcomeCorrection.references)).all()
            assert references
            assert all(value is None for value in references)
    finally:
        engine.dispose()


def test_an_export_with_one_authority_spelled_twice_is_refused(
    db_url: str, second_db_url: str, tmp_path: Path
) -> None:
    document = _valid_document(db_url)
    first, second = document["authorities"][:2]
    second["name"] = first["name"].upper()
    bad = tmp_path / "export.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    result = Cli(second_db_url)("import-json", str(bad), ok=False)
    assert "export.json does not fit the database (nothing was imported): " in (
        _one_line_error(result)
    )
    assert set(_counts(second_db_url).values()) == {0}
