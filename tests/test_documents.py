"""Inventory documents in the tracker (issue 9): stored by ``decision import --inventory``,
summarised by ``request show`` and ``summary``, listed by ``review`` and the exports, and the
release day of suspended documents in ``deadlines`` and ``remind``.

Every test runs on SQLite and on PostgreSQL (``WOBTRACK_TEST_PG_URL``). The inventory lists
are drawn here with fpdf2 (invented rows); the letter is the sample Woo besluit as text (its
annexed inventory is read from the text lines), dated Fri 6 Feb 2026.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fpdf import FPDF
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import Cli, row_counts
from tests.test_exchange import second_db_url  # noqa: F401 (a fixture)
from wobtrack import db as database
from wobtrack import documents
from wobtrack.deadlines.status import DecisionFact, RequestFacts, derive_status
from wobtrack.models import Decision, DecisionDocument, DecisionFile
from wobtrack.vocab import JUDGEMENTS

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
LETTER = SAMPLES / "woo-besluit-2026.txt"
#: Four days before the suspended documents may be made public.
BEFORE_RELEASE = date(2026, 2, 16)

HEADER = ("Nr.", "Datum", "Omschrijving", "Beoordeling", "Weigeringsgrond")
ROWS = (
    ("1", "04-05-2025", "Notulen overleg parkeren", "Openbaar", ""),
    ("2", "11-05-2025", "E-mail over vergunningen", "Deels openbaar", "5.1.2e"),
    ("3", "12-05-2025", "Memo wethouder", "Niet openbaar", "5.1.2e, 5.1.2f"),
    ("4", "13-05-2025", "Brief van bedrijf", "Opgeschort", ""),
    ("5", "14-05-2025", "Concept nota", "Nader te bepalen", ""),
)


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def inventory_pdf(path: Path, rows: Sequence[Sequence[str]] = ROWS) -> Path:
    """A ruled inventory list: a header row and one boxed row per document."""
    pdf = FPDF()
    pdf.set_font("helvetica", size=9)
    pdf.add_page()
    with pdf.table(col_widths=(10, 25, 70, 35, 30), line_height=5) as table:
        for values in (HEADER, *rows):
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.output(str(path))
    return path


def _request(run: Cli) -> None:
    run(
        "request", "add", "-a", "Gemeente Lindeburg", "-s", "Parkeerbeleid",
        "--received", "2026-01-12", "--items-file", str(SAMPLES / "woo-verzoek-2026.txt"),
    )  # fmt: skip


def _json(run: Cli, *args: str) -> Any:
    return json.loads(run(*args, "--json").stdout)


@pytest.fixture
def imported(db_url: str, tmp_path: Path) -> tuple[Cli, dict[str, Any]]:
    """Request 1 with the sample letter and the inventory above as decision 1."""
    run = Cli(db_url, today=BEFORE_RELEASE)
    _request(run)
    inventory = inventory_pdf(tmp_path / "inventaris.pdf")
    return run, _json(run, "decision", "import", "1", str(LETTER), "--inventory", str(inventory))


def _own_rows(db_url: str) -> list[DecisionDocument]:
    engine = database.make_engine(db_url)
    try:
        with Session(engine) as session:
            query = select(DecisionDocument).where(DecisionDocument.decision_file_id.is_not(None))
            rows = list(session.scalars(query.order_by(DecisionDocument.position)))
            session.expunge_all()
            return rows
    finally:
        engine.dispose()


def test_import_stores_the_inventory_documents(imported: tuple[Cli, dict[str, Any]]) -> None:
    run, data = imported
    assert data["inventory"] == "inventaris.pdf"
    rows = _own_rows(run.db_url)
    assert [(r.number, r.judgement, r.grounds, r.suspended, r.needs_review) for r in rows] == [
        ("1", "public", [], False, False),
        ("2", "partly_public", ["5.1.2e"], False, False),
        ("3", "not_public", ["5.1.2e", "5.1.2f"], False, False),
        ("4", "suspended", [], True, False),
        # A judgement wobtrack does not know: null and to review, never "not public".
        (
            "5",
            None,
            [],
            False,
            True,
        ),
    ]
    assert rows[4].judgement_text == "Nader te bepalen"
    assert (rows[0].document_date, rows[0].title, rows[0].page) == (
        "2025-05-04",
        "Notulen overleg parkeren",
        1,
    )
    # The letter's own annex comes first, the inventory file's rows after it.
    annexed = data["documents"]["total"] - len(rows)
    assert annexed > 0
    assert rows[0].position == annexed + 1


def test_import_output_counts_the_documents(db_url: str, tmp_path: Path) -> None:
    run = Cli(db_url, today=BEFORE_RELEASE)
    _request(run)
    inventory = inventory_pdf(tmp_path / "inventaris.pdf")
    out = run("decision", "import", "1", str(LETTER), "--inventory", str(inventory)).stdout
    line = next(line for line in out.splitlines() if line.startswith("Documents: "))
    assert "suspended 1, unknown 1" in line
    assert line.endswith("; 1 to review.")


def test_importing_again_adds_no_documents_and_can_add_the_inventory_later(
    db_url: str, tmp_path: Path
) -> None:
    run = Cli(db_url, today=BEFORE_RELEASE)
    _request(run)
    first = _json(run, "decision", "import", "1", str(LETTER))
    annexed = first["documents"]["total"]
    assert first["inventory"] is None
    inventory = inventory_pdf(tmp_path / "inventaris.pdf")
    later = _json(run, "decision", "import", "1", str(LETTER), "--inventory", str(inventory))
    assert (later["created"], later["inventory"], later["documents"]["total"]) == (
        False,
        "inventaris.pdf",
        5,
    )
    again = run("decision", "import", "1", str(LETTER), "--inventory", str(inventory)).stdout
    assert again.splitlines()[-1] == "inventaris.pdf was already attached to it."
    counts = row_counts(run.db_url, DecisionDocument, DecisionFile, Decision)
    assert counts == {"decision_documents": annexed + 5, "decision_files": 1, "decisions": 1}


def test_batch_import_stores_the_documents_of_an_inventory_beside_its_letter(
    db_url: str, tmp_path: Path
) -> None:
    import shutil

    folder = tmp_path / "post"
    folder.mkdir()
    shutil.copy(SAMPLES / "woo-besluit-2026.pdf", folder)
    inventory_pdf(folder / "woo-besluit-2026-inventaris.pdf")
    run = Cli(db_url, today=BEFORE_RELEASE)
    out = run("import", str(folder), ok=False).stdout
    assert (
        "woo-besluit-2026-inventaris.pdf: attached to decision 1 of request 1 as its "
        "inventory (5 documents, 1 to review)"
    ) in out
    rows = _own_rows(run.db_url)
    assert [(r.number, r.judgement) for r in rows] == [
        ("1", "public"),
        ("2", "partly_public"),
        ("3", "not_public"),
        ("4", "suspended"),
        ("5", None),
    ]
    keys = [d["key"] for d in _json(run, "deadlines")]
    assert "woo_third_party_disclosure_date" in keys


def test_an_inventory_without_a_table_is_refused_and_nothing_stored(
    db_url: str, tmp_path: Path
) -> None:
    run = Cli(db_url, today=BEFORE_RELEASE)
    _request(run)
    blank = FPDF()
    blank.set_font("helvetica", size=11)
    blank.add_page()
    blank.cell(text="Geachte heer, hierbij de stukken.")
    blank.output(str(tmp_path / "geen-lijst.pdf"))
    run.fails(
        "decision", "import", "1", str(LETTER), "--inventory", str(tmp_path / "geen-lijst.pdf"),
        message="no inventory table could be read from it",
    )  # fmt: skip
    assert row_counts(run.db_url, Decision, DecisionDocument) == {
        "decisions": 0,
        "decision_documents": 0,
    }


def test_request_show_summarises_the_documents(imported: tuple[Cli, dict[str, Any]]) -> None:
    run, data = imported
    shown = _json(run, "request", "show", "1")
    held = shown["documents"]
    assert held["total"] == data["documents"]["total"]
    assert list(held["judgements"]) == [*JUDGEMENTS, "unknown"]
    assert (held["judgements"]["suspended"], held["judgements"]["unknown"]) == (1, 1)
    assert (held["suspended"], held["needs_review"]) == (1, 1)
    grounds = {g["ground"]: g["documents"] for g in held["grounds"]}
    assert grounds["5.1.2f"] >= 1
    assert grounds["5.1.2e"] >= 2
    counts = [g["documents"] for g in held["grounds"]]
    assert counts == sorted(counts, reverse=True)  # the most cited first
    assert [d["decision_id"] for d in held["decisions"]] == [1]
    text = run("request", "show", "1").stdout
    assert f"Documents: {held['total']} (" in text
    assert "grounds cited: 5.1.2e (" in text


def test_decision_show_lists_the_documents(imported: tuple[Cli, dict[str, Any]]) -> None:
    run, data = imported
    shown = _json(run, "decision", "show", "1")
    assert len(shown["documents"]) == data["documents"]["total"]
    own = [d for d in shown["documents"] if d["file"] == "inventaris.pdf"]
    assert own[3] == {
        "number": "4",
        "date": "2025-05-13",
        "title": "Brief van bedrijf",
        "judgement": "suspended",
        "judgement_text": "Opgeschort",
        "grounds": [],
        "link": None,
        "page": 1,
        "needs_review": False,
        "suspended": True,
        "file": "inventaris.pdf",
    }
    lines = run("decision", "show", "1").stdout.splitlines()
    assert lines[-1].split() == ["5", "2025-05-14", "?", "Nader", "te", "bepalen", "-", "Concept",
                                 "nota", "REVIEW"]  # fmt: skip


def test_summary_counts_documents_per_authority(imported: tuple[Cli, dict[str, Any]]) -> None:
    run, data = imported
    summary = _json(run, "summary")
    (authority,) = summary["authorities"]
    held = authority["documents"]
    assert held["total"] == data["documents"]["total"]
    assert held["judgements"]["unknown"] == 1
    assert held["grounds"][0]["ground"] == "5.1.2e"
    text = run("summary").stdout
    assert f"Gemeente Lindeburg: documents {held['total']} (" in text


def test_review_lists_the_unknown_judgement(imported: tuple[Cli, dict[str, Any]]) -> None:
    run, _ = imported
    rows = [row for row in _json(run, "review") if row["kind"] == "document"]
    assert len(rows) == 1
    row = rows[0]
    assert (row["number"], row["judgement"], row["judgement_text"], row["file"]) == (
        "5",
        None,
        "Nader te bepalen",
        "inventaris.pdf",
    )
    assert row["outcomes"] == []
    assert row["needs_review"] is True
    text = run("review").stdout
    assert (
        "Request 1 decision 1 document 5 (inventaris.pdf, p.1) — judgement not known: "
        "'Nader te bepalen' (stored as unknown, not as not public): Concept nota"
    ) in text


def test_suspended_documents_get_their_release_day(imported: tuple[Cli, dict[str, Any]]) -> None:
    run, _ = imported
    # Woo 4.4 lid 5: two weeks after the bekendmaking of Fri 6 Feb 2026 = Fri 20 Feb 2026.
    rows = [d for d in _json(run, "deadlines") if d["key"] == "woo_third_party_disclosure_date"]
    assert [(d["due"], d["decision_id"]) for d in rows] == [("2026-02-20", 1)]
    assert "Woo 4.4 lid 5" in rows[0]["basis"]
    reminders = _json(run, "remind")
    (reminder,) = [r for r in reminders if r["key"] == "woo_third_party_disclosure_date"]
    assert reminder["action"] == (
        "1 document of the decision of Fri 6 Feb 2026 (kenmerk Z/26/004512) held back "
        "(opgeschort) for third parties may be made public from Fri 20 Feb 2026 (Woo 4.4 "
        "lid 5), unless a voorlopige voorziening is requested: check that they are"
    )
    ics = run("remind", "--ics", "-").stdout
    assert "DTSTART;VALUE=DATE:20260220" in ics
    assert "Disclosure date when a third party may object" in ics
    # Once the day has passed it is no longer a reminder.
    after = Cli(run.db_url, today=date(2026, 2, 21))
    assert not [d for d in _json(after, "deadlines") if d["key"].startswith("woo_third")]


def test_export_holds_the_documents(imported: tuple[Cli, dict[str, Any]], tmp_path: Path) -> None:
    run, data = imported
    exported = json.loads(run("export").stdout)
    assert len(exported["documents"]) == data["documents"]["total"]
    assert {d["judgement"] for d in exported["documents"]} >= {"suspended", None}
    assert any(d["key"] == "woo_third_party_disclosure_date" for d in exported["deadlines"])
    run("export", "--format", "csv", "--out", str(tmp_path / "csv"))
    table = list(csv.DictReader((tmp_path / "csv" / "documents.csv").open(encoding="utf-8")))
    assert len(table) == data["documents"]["total"]
    flat = run("export", "--flat", "documents", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(flat)))
    own = [r for r in rows if r["file"] == "inventaris.pdf"]
    assert [(r["document_number"], r["judgement"], r["suspended"]) for r in own] == [
        ("1", "public", "false"),
        ("2", "partly_public", "false"),
        ("3", "not_public", "false"),
        ("4", "suspended", "true"),
        ("5", "", "false"),
    ]
    assert own[2]["grounds"] == "5.1.2e; 5.1.2f"


def test_an_export_made_before_document_rows_imports_them_from_the_parser_output(
    imported: tuple[Cli, dict[str, Any]],
    second_db_url: str,  # noqa: F811 (the fixture imported above)
    tmp_path: Path,
) -> None:
    run, data = imported
    old = json.loads(run("export").stdout)
    del old["documents"]
    path = tmp_path / "old-export.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    other = Cli(second_db_url, today=BEFORE_RELEASE)
    result = other("import-json", str(path))
    assert f"documents {data['documents']['total']}." in result.stdout
    assert _json(other, "request", "show", "1")["documents"]["suspended"] == 1


# --------------------------------------------------------------------------- pure parts


def test_unknown_judgements_are_never_defaulted() -> None:
    values = documents.document_values(
        {"number": "7", "judgement": "deels geweigerd?", "grounds": ["5.1.2e"]}
    )
    assert (values["judgement"], values["judgement_text"], values["needs_review"]) == (
        None,
        "deels geweigerd?",
        True,
    )
    assert documents.document_values({"judgement": None})["needs_review"] is True
    assert documents.document_values({"judgement": "suspended"})["suspended"] is True


def _facts(regime: str, kind: str = "besluit", suspended: int = 1) -> RequestFacts:
    return RequestFacts(
        regime=regime,
        received=date(2026, 1, 12) if regime == "woo" else date(2021, 1, 12),
        decisions=(DecisionFact(1, kind, date(2026, 2, 6), suspended_documents=suspended),),
    )


def test_the_release_day_is_the_third_party_term() -> None:
    status = derive_status(_facts("woo"), date(2026, 2, 16))
    deadline = status.deadline("woo_third_party_disclosure_date")
    assert deadline is not None
    assert deadline.due == date(2026, 2, 20)
    assert deadline.decision_id == 1
    # No suspended documents: no such deadline.
    plain = derive_status(_facts("woo", suspended=0), date(2026, 2, 16))
    assert plain.deadline("woo_third_party_disclosure_date") is None
    # On the day itself it is still shown; the day after it is gone.
    assert derive_status(_facts("woo"), date(2026, 2, 20)).deadline(
        "woo_third_party_disclosure_date"
    )
    assert not derive_status(_facts("woo"), date(2026, 2, 21)).deadline(
        "woo_third_party_disclosure_date"
    )


@pytest.mark.parametrize(
    ("regime", "kind", "warning"),
    [
        ("wob", "besluit", "[U] A Wob request"),
        ("woo", "bezwaar", "[U] A beslissing op bezwaar"),
    ],
)
def test_the_woo_term_outside_its_own_case_is_marked_unverified(
    regime: str, kind: str, warning: str
) -> None:
    status = derive_status(_facts(regime, kind), date(2026, 2, 16))
    deadline = status.deadline("woo_third_party_disclosure_date")
    assert deadline is not None
    assert any(w.startswith(warning) for w in deadline.warnings)


# --------------------------------------------------------------------------- migration


_DOCUMENT = {
    "number": "1",
    "date": "2026-05-04",
    "title": "Notulen",
    "judgement": "suspended",
    "judgement_text": "Opgeschort",
    "grounds": ["5.1.2e"],
    "link": None,
    "page": 3,
    "needs_review": False,
}


def test_migration_moves_documents_out_of_the_parser_output_and_back(db_url: str) -> None:
    from sqlalchemy import JSON, column, insert, table, text, update

    engine = database.make_engine(db_url)
    try:
        database.upgrade(engine, "0006_tags_search_views")
        decisions = table(
            "decisions",
            column("id"),
            column("request_id"),
            column("kind"),
            column("decision_date"),
            column("parsed", JSON),
            column("warnings", JSON),
        )
        files = table(
            "decision_files",
            column("id"),
            column("decision_id"),
            column("role"),
            column("file_name"),
            column("file_sha256"),
            column("parsed", JSON),
        )
        unknown = {**_DOCUMENT, "number": "2", "judgement": "vertrouwelijk"}
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO authorities (id, name, name_key) VALUES (1, 'A', 'a')"))
            conn.execute(
                text(
                    "INSERT INTO requests (id, authority_id, subject, regime, regime_explicit, "
                    "bezwaar_committee) VALUES (1, 1, 'S', 'woo', true, false)"
                )
            )
            conn.execute(
                insert(decisions),
                [
                    {
                        "id": 1,
                        "request_id": 1,
                        "kind": "besluit",
                        "decision_date": date(2026, 2, 6),
                        "parsed": {"documents": [_DOCUMENT, unknown]},
                        "warnings": [],
                    }
                ],
            )
            conn.execute(
                insert(files),
                [
                    {
                        "id": 1,
                        "decision_id": 1,
                        "role": "inventory",
                        "file_name": "inventaris.pdf",
                        "file_sha256": "ab" * 32,
                        "parsed": {
                            "kind": "inventory",
                            "documents": [{**_DOCUMENT, "number": "3"}],
                        },
                    }
                ],
            )
        database.upgrade(engine)
        with Session(engine) as session:
            rows = list(
                session.scalars(select(DecisionDocument).order_by(DecisionDocument.position))
            )
            assert [
                (r.position, r.number, r.judgement, r.suspended, r.needs_review, r.decision_file_id)
                for r in rows
            ] == [
                (1, "1", "suspended", True, False, None),
                # Not a judgement of the contract: kept as text, null, to review.
                (2, "2", None, False, True, None),
                (3, "3", "suspended", True, False, 1),
            ]
            assert rows[1].judgement_text == "Opgeschort"
            assert session.scalar(select(Decision.suspended_documents)) == 2
        # A row whose letter's output lost its documents gets them back on downgrade.
        with engine.begin() as conn:
            conn.execute(update(decisions).values(parsed={"kind": "besluit"}))
        database.downgrade(engine, "0006_tags_search_views")
        with engine.connect() as conn:
            parsed = conn.execute(select(decisions.c.parsed)).scalar_one()
            kept = conn.execute(select(files.c.parsed)).scalar_one()
        assert [d["number"] for d in parsed["documents"]] == ["1", "2"]
        assert parsed["documents"][0] == _DOCUMENT
        assert kept["documents"] == [{**_DOCUMENT, "number": "3"}]
        database.upgrade(engine)
        with Session(engine) as session:
            assert session.scalar(select(func.count()).select_from(DecisionDocument)) == 3
    finally:
        engine.dispose()


def test_document_outputs_have_the_declared_shape(imported: tuple[Cli, dict[str, Any]]) -> None:
    """The documents blocks of every ``--json`` output match wobtrack/contracts.py."""
    from tests.test_contracts import conforms
    from wobtrack import contracts

    run, data = imported
    conforms(data, contracts.ImportJSON)
    assert data["documents"]["total"]
    shown = _json(run, "request", "show", "1")
    conforms(shown, contracts.RequestJSON)
    assert shown["documents"]["decisions"]
    decision = _json(run, "decision", "show", "1")
    conforms(decision, contracts.DecisionDetailsJSON)
    assert decision["documents"]
    review = _json(run, "review")
    conforms(review, list[contracts.ReviewRowJSON])  # type: ignore[valid-type]
    assert "document" in {row["kind"] for row in review}
    summary = _json(run, "summary")
    conforms(summary, contracts.SummaryJSON)
    assert summary["authorities"][0]["documents"]["total"] == data["documents"]["total"]
