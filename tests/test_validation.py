"""Validation at the edge (issue 11): ids, typed text, dates; old rows with absurd dates.

Every case here was a traceback (or a whole-database failure) before: each test names it.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from tests.conftest import Cli, row_counts
from tests.pdfmaker import pdf_bytes
from wobtrack import db as database
from wobtrack.dates import check_plausible, far_from_today
from wobtrack.errors import InvalidInput
from wobtrack.items import MAX_ITEMS, split_numbered_items
from wobtrack.models import Authority, Event, Request, RequestItem
from wobtrack.safetext import check_text, strip_pdf_controls, strip_pdf_controls_deep

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

#: Just past the largest id of each backend: SQLite INTEGER (2^63) and PostgreSQL (2^31).
HUGE_IDS = ["9223372036854775808", "99999999999999999999", "2147483648"]


def _request(run: Cli, *extra: str) -> None:
    run("request", "add", "-a", "Gemeente Lindeburg", "-s", "Parkeren",
        "--received", "2026-10-01", "--item", "de nota", *extra)  # fmt: skip


# --------------------------------------------------------------------------- ids


@pytest.mark.parametrize("huge", HUGE_IDS)
@pytest.mark.parametrize(
    "command",
    [
        ["request", "show", "{id}"],
        ["request", "edit", "{id}", "--subject", "x"],
        ["request", "delete", "{id}", "--yes"],
        ["item", "add", "{id}", "tekst"],
        ["event", "add", "{id}", "suspended", "2026-10-05"],
        ["event", "delete", "{id}"],
        ["decision", "import", "{id}", "{letter}"],
        ["outcome", "set", "{id}", "1", "granted"],
        ["draft", "ingebrekestelling", "{id}"],
        ["draft", "bezwaar", "{id}"],
        ["draft", "bezwaar", "1", "--decision", "{id}"],
        ["decision", "add", "{id}", "--date", "2026-11-01"],
        ["decision", "list", "{id}"],
        ["decision", "show", "{id}"],
        ["decision", "delete", "{id}", "--yes"],
        ["item", "edit", "{id}", "1", "--text", "x"],
        ["item", "delete", "{id}", "1", "--yes"],
        ["outcome", "reset", "{id}", "1"],
        ["authority", "rename", "{id}", "X"],
        ["authority", "merge", "{id}", "1"],
        ["authority", "merge", "1", "{id}"],
    ],
)
def test_an_id_beyond_the_integer_range_is_one_line(
    run: Cli, command: list[str], huge: str
) -> None:
    # Before: OverflowError (SQLite) or NumericValueOutOfRange (PostgreSQL) tracebacks.
    _request(run)
    letter = str(SAMPLES / "woo-besluit-2026.pdf")
    args = [part.format(id=huge, letter=letter) for part in command]
    run.fails(*args, message="is not an id: ids run from 1 to 2147483647")
    assert row_counts(run.db_url, Request, RequestItem, Event) == {
        "requests": 1,
        "request_items": 1,
        "events": 0,
    }


def test_the_largest_id_is_a_plain_not_found(run: Cli) -> None:
    _request(run)
    run.fails("request", "show", "2147483647", message="no request with id 2147483647")
    run.fails("event", "delete", "2147483647", message="no event with id 2147483647")


@pytest.mark.parametrize("bad", ["-1", "0", "1.5", "één", "0x10"])
def test_an_id_must_be_a_positive_whole_number(run: Cli, bad: str) -> None:
    run.fails("request", "show", "--", bad, message="REQUEST_ID")


# --------------------------------------------------------------------------- typed text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-a", "A" * 301, "-s", "x"], "301 characters long; at most 300 fit"),
        (["-a", "P", "-s", "x", "--reference", "K" * 201], "at most 200 fit"),
        (["-a", "P", "-s", "x\x00y"], "control character U+0000 at position 2"),
        (["-a", "P\x1b[2J", "-s", "x"], "control character U+001B"),
        (["-a", "P", "-s", "x", "--notes", "a\nb\x07"], "U+0007 at line 2, column 2"),
        (["-a", "P", "-s", "x", "--item", "\x9b31m"], "U+009B"),
    ],
)
def test_typed_text_is_checked_before_anything_is_written(
    run: Cli, args: list[str], message: str
) -> None:
    # Before: an over-long name was a DataError traceback on PostgreSQL; control characters
    # were stored (NUL: a traceback on PostgreSQL) and later printed to the terminal.
    run("request", "list")  # creates the database
    run.fails("request", "add", *args, message=message)
    assert row_counts(run.db_url, Authority, Request) == {"authorities": 0, "requests": 0}


def test_item_and_event_text_is_checked(run: Cli) -> None:
    _request(run)
    run.fails("item", "add", "1", "tekst", "-n", "n" * 21, message="at most 20 fit")
    run.fails("item", "add", "1", "a\x00b", message="U+0000")
    run.fails("event", "add", "1", "note", "2026-10-02", "--note", "\x1b]0;x\x07", message="U+001B")
    run.fails("request", "edit", "1", "--authority", "B" * 400, message="at most 300 fit")
    run.fails("outcome", "set", "1", "1", "granted", "--note", "\x00", message="U+0000")
    run.fails("item", "edit", "1", "1", "--text", "a\x1b[2Jb", message="U+001B")
    run.fails("authority", "rename", "1", "C" * 301, message="at most 300 fit")
    run.fails("decision", "add", "1", "--date", "2026-11-01", "--reference", "K" * 201,
              message="at most 200 fit")  # fmt: skip
    assert row_counts(run.db_url, RequestItem, Event) == {"request_items": 1, "events": 0}


def test_longest_names_that_fit_are_stored(run: Cli) -> None:
    run("request", "add", "-a", "A" * 300, "-s", "x\ttab", "--reference", "K" * 200,
        "--notes", "line one\nline two", "--item", "99. " + "t" * 5000)  # fmt: skip
    shown = json.loads(run("request", "show", "1", "--json").stdout)
    assert (len(shown["authority"]), len(shown["reference"])) == (300, 200)
    assert shown["items"][0]["number"] == "99"


def test_items_file_with_control_characters(run: Cli, tmp_path: Path) -> None:
    folder = tmp_path
    bad = folder / "bad.txt"
    bad.write_text("1. de nota\n2. de \x1b[31mbrief\n", encoding="utf-8")
    run.fails("request", "add", "-a", "P", "-s", "x", "--items-file", str(bad),
              message="U+001B at line 2, column 7")  # fmt: skip
    # A page break copied from a PDF separates lines; it is not refused.
    paged = folder / "paged.txt"
    paged.write_text("1. de nota\f2. de brief\n", encoding="utf-8")
    run("request", "add", "-a", "P", "-s", "x", "--items-file", str(paged))
    shown = json.loads(run("request", "show", "1", "--json").stdout)
    assert [item["text"] for item in shown["items"]] == ["de nota", "de brief"]


def test_the_database_refusing_a_value_is_one_line(db_url: str) -> None:
    """The safety net behind the checks: a DataError from a library call is one line."""
    from wobtrack.cli.base import App
    from wobtrack.errors import WobtrackError

    app = App(db_url=db_url, today=date(2026, 11, 22))
    try:
        if database.make_engine(db_url).dialect.name != "postgresql":
            pytest.skip("SQLite stores over-long text; PostgreSQL refuses it")

        def add_long_name() -> None:
            with app.transaction() as session:
                session.add(Authority(name="A" * 400))
                session.flush()

        with pytest.raises(WobtrackError, match="the database refused a value"):
            add_long_name()
        with Session(app.engine()) as session:
            assert session.query(Authority).count() == 0
    finally:
        app.close()


def test_check_text_and_pdf_controls() -> None:
    assert check_text("a\tb\nc\r\n", "x") == "a\tb\nc\r\n"
    with pytest.raises(InvalidInput, match=r"x contains the control character U\+007F"):
        check_text("a\x7f", "x")
    assert strip_pdf_controls("no\x00tulen\x1b[31m\f") == "notulen[31m\f"
    assert strip_pdf_controls_deep({"a\x00": ["b\x00", 1, None, ("c\x01",)]}) == {
        "a": ["b", 1, None, ("c",)]
    }


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize("day", ["0001-01-01", "1979-12-31", "2100-01-01", "9999-12-31"])
def test_absurd_dates_are_refused_at_input(run: Cli, day: str) -> None:
    message = "is not plausible: wobtrack accepts dates from 1980-01-01 to 2099-12-31"
    run("request", "list")  # creates the database
    run.fails("request", "add", "-a", "P", "-s", "x", "--sent", day, message=message)
    _request(run)
    run.fails("event", "add", "1", "suspended", day, message=message)
    run.fails("request", "edit", "1", "--received", day, message=message)
    assert row_counts(run.db_url, Request, Event) == {"requests": 1, "events": 0}


def test_a_date_far_from_today_is_accepted_with_a_warning(run: Cli) -> None:
    result = run("request", "add", "-a", "P", "-s", "x", "--received", "2028-01-05")
    assert "Warning: --received 2028-01-05 is more than a year after today" in result.stderr
    result = run("event", "add", "1", "suspended", "2001-03-01")
    assert "Warning: DATE 2001-03-01 is more than 15 years before today" in result.stderr
    quiet = run("request", "add", "-a", "P", "-s", "x", "--received", "2026-11-01")
    assert quiet.stderr == ""


@pytest.mark.parametrize(
    ("day", "warned"),
    [
        (date(2027, 11, 23), False),  # 366 days ahead
        (date(2027, 11, 24), True),
        (date(2011, 11, 22), False),  # exactly 15 years back
        (date(2011, 11, 21), True),
    ],
)
def test_far_from_today_boundaries(day: date, warned: bool) -> None:
    assert (far_from_today(day, date(2026, 11, 22)) is not None) is warned
    assert far_from_today(date(2000, 1, 1), date(2024, 2, 29)) is not None  # leap day today


def test_check_plausible_boundaries() -> None:
    check_plausible(date(1980, 1, 1))
    check_plausible(date(2099, 12, 31))
    with pytest.raises(InvalidInput, match="received 1979-12-31 is not plausible"):
        check_plausible(date(1979, 12, 31), "received")


def _store_dates(db_url: str, received: date, event_date: date) -> None:
    engine = database.make_engine(db_url)
    try:
        with Session(engine) as session, session.begin():
            session.execute(update(Request).where(Request.id == 2).values(received_on=received))
            session.execute(
                update(Event).where(Event.request_id == 3).values(event_date=event_date)
            )
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("received", "event_date"),
    [(date(1, 1, 1), date(9999, 12, 31)), (date(1979, 1, 5), date(1, 1, 1))],
)
def test_rows_with_absurd_dates_are_reported_not_fatal(
    run: Cli, received: date, event_date: date, tmp_path: Path
) -> None:
    # Before: one such row (stored by an older wobtrack, or by hand) made request list,
    # remind, deadlines, summary, drafts and export fail for the whole database.
    for subject in ("goed", "oud", "verdaagd"):
        run("request", "add", "-a", "P", "-s", subject, "--received", "2026-10-01")
    run("event", "add", "3", "extended", "2026-10-20")
    _store_dates(run.db_url, received, event_date)
    listed = json.loads(run("request", "list", "--json").stdout)
    assert [row["state"] for row in listed][:2] == ["overdue", "dates_out_of_range"]
    assert "dates_out_of_range" in run("request", "list").stdout
    shown = run("request", "show", "2").stdout
    assert "State: dates_out_of_range" in shown
    assert "correct the date with `wobtrack request edit 2`" in shown
    reminded = run("remind").stdout
    assert "#1 goed" in reminded
    assert "#2" not in reminded
    run("deadlines")
    run("summary")
    run("review")
    run("remind", "--ics", str(tmp_path / "w.ics"))
    exported = json.loads(run("export").stdout)
    assert len(exported["requests"]) == 3
    run("draft", "ingebrekestelling", "1")
    # The request can be put right.
    run("request", "edit", "2", "--received", "2026-10-01")
    fixed = json.loads(run("request", "show", "2", "--json").stdout)
    assert fixed["state"] == "overdue"


def test_ingebrekestelling_names_the_stored_date_it_cannot_use(run: Cli) -> None:
    # Before: "the date request 2 was received is unknown", while it is stored (1979).
    for subject in ("goed", "oud", "verdaagd"):
        run("request", "add", "-a", "P", "-s", subject, "--received", "2026-10-01")
    run("event", "add", "3", "extended", "2026-10-20")
    _store_dates(run.db_url, date(1979, 1, 5), date(2026, 10, 20))
    result = run.fails(
        "draft", "ingebrekestelling", "2", message="receipt date 1979-01-05 is outside"
    )
    assert "unknown" not in result.stderr
    assert "stored dates cannot be used" in result.stderr
    assert "correct the date with `wobtrack request edit 2`" in result.stderr
    run("draft", "ingebrekestelling", "1")  # the others are drafted as before


# --------------------------------------------------------------------------- PDF text


def control_text_pdf(lines: list[str], path: Path) -> Path:
    """A PDF whose text layer holds ``lines`` byte for byte, control characters included.

    fpdf drops control characters, so this writes the PDF itself: Helvetica with a ToUnicode
    map that sends every code to the same code point, so NUL extracts as U+0000.
    """

    def literal(line: str) -> str:
        return "".join(
            f"\\{byte:03o}" if byte < 32 or byte > 126 or chr(byte) in "()\\" else chr(byte)
            for byte in line.encode("latin-1", "replace")
        )

    pages = [lines[i : i + 50] for i in range(0, len(lines), 50)]
    font = 4 + 2 * len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding "
        b"/ToUnicode %d 0 R >>" % font,
    ]
    for i, page in enumerate(pages):
        body = "\n".join(["BT /F1 10 Tf 12 TL 50 800 Td", *(f"({literal(x)}) Tj T*" for x in page)])
        stream = (body + "\nET").encode("latin-1")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Id def "
        b"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfrange <00> <7F> <0000> "
        b"endbfrange endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap))
    path.write_bytes(pdf_bytes(*objects))
    return path


def _hostile_letter(tmp_path: Path) -> Path:
    """The Woo sample letter with NUL and terminal escapes in its kenmerk, an extra item
    and the bezwaar address."""
    text = (SAMPLES / "woo-besluit-2026.txt").read_text(encoding="utf-8").replace("\f", "")
    text = (
        text.replace("Z/26/004512", "Z/26/00\x004512")
        .replace(
            "8. een overzicht",
            "8. een overzicht\n9. de no\x00tulen \x1b]0;pwned\x07van het overleg",
        )
        .replace(
            "Postbus 300, 6660 AH Lindeburg. Vermeld", "Postbus\x00 300, 6660 AH Lindeburg. Vermeld"
        )
        .replace("openbaar", "open\x1b[2Jbaar")
    )
    return control_text_pdf(text.splitlines(), tmp_path / "hostile.pdf")


def test_nul_and_escapes_in_pdf_text_are_not_stored(
    run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: PostgreSQL refused the NUL ("A string literal cannot contain NUL") with a
    # traceback; SQLite stored it, and `request show` sent the escapes to the terminal.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    letter = _hostile_letter(tmp_path)
    items = str(SAMPLES / "woo-verzoek-2026.txt")
    run("request", "add", "-a", "Gemeente Lindeburg", "-s", "Parkeren",
        "--received", "2026-01-12", "--items-file", items)  # fmt: skip
    imported = run("decision", "import", "1", str(letter))
    assert "\x1b" not in imported.stdout
    assert "Item 9 is in the letter but was not logged" in imported.stdout
    shown = json.loads(run("request", "show", "1", "--json").stdout)
    assert shown["decisions"][0]["reference"] == "Z/26/004512"
    assert shown["items"][8]["text"].startswith("de notulen ")
    exported = run("export").stdout
    assert "\\u0000" not in exported
    assert "\\u001b" not in exported
    for command in (["request", "show", "1"], ["review"], ["summary"]):
        assert "\x1b" not in run(*command).stdout


def test_parse_output_carries_no_escape_sequences(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from wobtrack.cli import cli

    letter = _hostile_letter(tmp_path)
    result = CliRunner().invoke(cli, ["parse", "--no-cache", str(letter)])
    assert result.exit_code == 0, result.output
    assert "Z/26/004512" in result.stdout
    assert not any(ch in result.stdout for ch in "\x00\x07\x1b")


# --------------------------------------------------------------------------- --db


def _db_fails(db: str, *args: str, message: str) -> None:
    from click.testing import CliRunner

    from wobtrack.cli import cli

    result = CliRunner().invoke(cli, ["--db", db, "--today", "2026-11-22", *args])
    assert result.exit_code != 0
    assert result.stderr.startswith("Error: "), result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("boodschappen: melk, brood\n" * 200, encoding="utf-8")
    _db_fails(str(text), "request", "list", message="is not a usable wobtrack database")
    assert text.read_text(encoding="utf-8").startswith("boodschappen")  # left alone


def test_a_truncated_database(tmp_path: Path) -> None:
    whole = tmp_path / "whole.db"
    run = Cli(str(whole))
    items = tmp_path / "items.txt"
    items.write_text("".join(f"{n}. stuk {n} met wat tekst\n" for n in range(1, 400)))
    run("request", "add", "-a", "P", "-s", "x", "--items-file", str(items))
    import sqlite3

    connection = sqlite3.connect(whole, isolation_level=None)
    connection.execute("PRAGMA journal_mode=DELETE")  # everything into the one file
    connection.close()
    data = whole.read_bytes()
    for size in (100, 4096, len(data) // 2):
        cut = tmp_path / f"cut{size}.db"
        cut.write_bytes(data[:size])
        _db_fails(str(cut), "request", "show", "1", message="database")


@pytest.mark.parametrize(
    ("db", "message"),
    [
        (
            "postgres://wob:geheim@localhost/wobtrack",
            "write postgresql+psycopg://wob:***@localhost/wobtrack",
        ),
        ("postgres+psycopg2://localhost/w", "write postgresql+psycopg://localhost/w"),
        ("foo://bar", "unsupported database type 'foo'"),
        ("mysql://u@h/db", "unsupported database type 'mysql'"),
        ("postgresql+nodriver://u@h/db", "cannot use postgresql+nodriver: no such driver"),
        ("/dev/null", "is not a regular file"),
    ],
)
def test_urls_and_paths_wobtrack_cannot_use(db: str, message: str) -> None:
    _db_fails(db, "request", "list", message=message)


def test_a_fifo_is_not_a_database(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "fifo.db"
    os.mkfifo(fifo)
    _db_fails(str(fifo), "request", "list", message="is not a regular file")


def test_a_database_made_by_a_newer_wobtrack(run: Cli, db_url: str) -> None:
    from sqlalchemy import text

    run("request", "add", "-a", "P", "-s", "x")
    engine = database.make_engine(db_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = 'f00d0099'"))
    finally:
        engine.dispose()
    message = "has schema revision 'f00d0099', which this wobtrack does not know"
    _db_fails(db_url, "request", "list", message=message)
    _db_fails(db_url, "db", "upgrade", message=message)
    current = run("db", "current")
    assert "made by a newer wobtrack" in current.stdout


def test_db_upgrade_to_a_revision_that_does_not_exist(run: Cli) -> None:
    run("request", "list")
    _db_fails(run.db_url, "db", "upgrade", "--revision", "bogus",
              message="cannot upgrade to revision 'bogus'")  # fmt: skip
    assert database.head_revision() in run("db", "current").stdout


# --------------------------------------------------------------------------- import-json


#: The export ``_export_of_one_decision`` made, per backend: made once (it imports a PDF),
#: then copied for each case.
_EXPORTS: dict[str, dict[str, Any]] = {}


def _export_of_one_decision(run: Cli, tmp_path: Path) -> dict[str, Any]:
    backend = run.db_url.split(":", 1)[0]
    if backend not in _EXPORTS:
        _EXPORTS[backend] = _make_export_of_one_decision(run, tmp_path)
    return copy.deepcopy(_EXPORTS[backend])


def _make_export_of_one_decision(run: Cli, tmp_path: Path) -> dict[str, Any]:
    monkey = tmp_path / "cache"
    monkey.mkdir()
    items = str(SAMPLES / "woo-verzoek-2026.txt")
    run("request", "add", "-a", "Gemeente Lindeburg", "-s", "Parkeren",
        "--received", "2026-01-12", "--items-file", items)  # fmt: skip
    run("decision", "import", "1", str(SAMPLES / "woo-besluit-2026.pdf"), "--no-cache")
    run("outcome", "set", "1", "3", "partly_granted", "-g", "5.1.2e")
    document: dict[str, Any] = json.loads(run("export").stdout)
    return document


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("item_outcomes", 2, "outcomes"), 5, "item_outcomes[2].outcomes: expected a list, got 5"),
        (("item_outcomes", 0, "outcomes"), ["granted", 7], "item_outcomes[0].outcomes[1]: "),
        (
            ("item_outcomes", 0, "outcomes"),
            ["bogus"],
            "item_outcomes[0].outcomes[0]: 'bogus' is not one of",
        ),
        (("item_outcomes", 1, "grounds"), "5.1.2e", "item_outcomes[1].grounds: expected a list"),
        (
            ("item_outcomes", 0, "references"),
            [{"kind": "url"}],
            "item_outcomes[0].references[0]: no 'value'",
        ),
        (
            ("item_outcomes", 0, "evidence"),
            [{"page": "1", "text": "x"}],
            "item_outcomes[0].evidence[0].page: expected a whole number",
        ),
        (("item_outcomes", 0, "flags"), {"a": 1}, "item_outcomes[0].flags: expected a list"),
        (("decisions", 0, "parsed"), [1, 2], "decisions[0].parsed: expected an object"),
        (
            ("outcome_corrections", 0, "references"),
            [{"kind": "url", "value": 5}],
            "outcome_corrections[0].references[0].value: expected text, got 5",
        ),
        (("decisions", 0, "warnings"), [None], "decisions[0].warnings[0]: expected text"),
        (("outcome_corrections", 0, "outcomes"), "granted", "outcome_corrections[0].outcomes"),
        (("events", 0, "kind"), "party", "events[0].kind: 'party' is not one of sent"),
        (("requests", 0, "received_on"), "1979-05-01", "requests[0].received_on: the date"),
        (
            ("requests", 0, "sent_on"),
            "9999-12-31",
            "requests[0].sent_on: the date 9999-12-31 is not plausible",
        ),
        (("requests", 0, "id"), 2**31, "requests[0].id: 2147483648 is out of range"),
        (("items", 0, "position"), -(2**40), "items[0].position: -1099511627776 is out of"),
        (("requests", 0, "subject"), "a\x00b", "requests[0].subject: contains a NUL"),
    ],
)
def test_import_json_checks_every_value_before_writing(
    run: Cli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    path: tuple[str, int, str],
    value: Any,
    message: str,
) -> None:
    # Before: `outcomes: 5` (and the others) were stored, and then review, summary and
    # request show failed with tracebacks.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    pristine = _export_of_one_decision(run, tmp_path)
    document = copy.deepcopy(pristine)
    table, index, column = path
    document[table][index][column] = value
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    fresh = Cli(f"sqlite:///{tmp_path / 'fresh.db'}")
    fresh.fails("import-json", str(bad), message=f"invalid export: {message}")
    assert not (tmp_path / "fresh.db").exists()  # nothing written, not even a database
    # The same document unchanged imports, and reads back (on this test's backend too).
    document[table][index][column] = pristine[table][index][column]
    good = tmp_path / "good.json"
    good.write_text(json.dumps(document), encoding="utf-8")
    fresh("import-json", str(good))
    fresh("review")


# --------------------------------------------------------------------------- long requests


def test_items_beyond_999_continue_the_numbering() -> None:
    text = "\n".join(f"{n}. stuk {n}" for n in range(1, 1003))
    items = split_numbered_items(text)
    assert [item.number for item in items[-4:]] == ["999", "1000", "1001", "1002"]
    assert items[998].text == "stuk 999"  # nothing folded into item 999


def test_a_year_at_a_line_start_is_still_no_item() -> None:
    items = split_numbered_items("1. de nota's over\n2020. en later\n2. de brief\n1001. x")
    assert [(item.number, item.text) for item in items] == [
        ("1", "de nota's over 2020. en later"),
        ("2", "de brief 1001. x"),
    ]


def test_more_items_than_the_limit_are_refused() -> None:
    text = "\n".join(f"- stuk {n}" for n in range(1, MAX_ITEMS + 2))
    with pytest.raises(InvalidInput, match=f"has {MAX_ITEMS + 1} items; wobtrack takes at most"):
        split_numbered_items(text)


def test_a_request_of_ten_thousand_items_logs_them_all(run: Cli, tmp_path: Path) -> None:
    # Before: 999 items, items 1000-10000 folded into the text of item 999 (and, once
    # fixed, one flush per item took minutes).
    request_text = tmp_path / "verzoek.txt"
    request_text.write_text(
        "Geacht college,\n\n" + "".join(f"{n}. document {n}\n" for n in range(1, 10_001)),
        encoding="utf-8",
    )
    result = run("request", "add", "-a", "P", "-s", "x", "--items-file", str(request_text))
    assert "10000 items" in result.stdout
    shown = json.loads(run("request", "show", "1", "--json").stdout)
    assert [item["number"] for item in shown["items"]] == [str(n) for n in range(1, 10_001)]
    assert max(len(item["text"]) for item in shown["items"]) == len("document 10000")
    too_many = tmp_path / "te-veel.txt"
    too_many.write_text("".join(f"{n}. document {n}\n" for n in range(1, 10_002)))
    run.fails("request", "add", "-a", "P", "-s", "x", "--items-file", str(too_many),
              message="has 10001 items; wobtrack takes at most 10000")  # fmt: skip
    assert row_counts(run.db_url, Request) == {"requests": 1}
