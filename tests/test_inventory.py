"""Inventory lists (``wobtrack.parsing.inventory``): tables written for these tests.

Every table here is invented; the PDFs are drawn with fpdf2 (ruled tables with its
``table()`` helper, unruled ones as plain text lines).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner
from fpdf import FPDF

from wobtrack.cli import cli
from wobtrack.parsing.inventory import (
    classify_judgement,
    document_outcomes,
    header_role,
    read_inventory,
)
from wobtrack.parsing.model import InventoryDocument, ParsedLetter
from wobtrack.parsing.pdftext import extract_pdf

DOC_KEYS = {
    "number", "date", "title", "judgement", "judgement_text", "grounds", "link", "page",
    "needs_review",
}  # fmt: skip


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


def _pdf() -> FPDF:
    pdf = FPDF()
    pdf.set_font("helvetica", size=9)
    pdf.set_auto_page_break(True, margin=15)
    return pdf


def ruled_pdf(path: Path, rows: Sequence[Sequence[str]], *, widths: Sequence[int]) -> Path:
    """A ruled table (every cell boxed); the header row repeats on every page."""
    pdf = _pdf()
    pdf.add_page()
    with pdf.table(col_widths=tuple(widths), line_height=5, repeat_headings=1) as table:
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.output(str(path))
    return path


def text_pdf(path: Path, pages: Sequence[Sequence[str]]) -> Path:
    """Unruled text, one string per line, a list of lines per page."""
    pdf = _pdf()
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT", h=5)
    pdf.output(str(path))
    return path


def documents(path: Path, regime: str | None = None) -> list[InventoryDocument]:
    text = extract_pdf(path, cache_dir=None)
    return read_inventory(text.pages, text.tables, text.words, regime)


# --- the pure parts ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Nr.", "number"),
        ("remmuN", "number"),  # a rotated header, extracted back to front
        ("Volgnummer", "number"),
        ("Document-id", "number"),
        ("Datum", "date"),
        ("Omschrijving", "title"),
        ("Documentnaam", "title"),
        ("Beoordeling", "judgement"),
        ("Woo Beoordeling", "judgement"),
        ("Openbaarmaking", "judgement"),
        ("Weigeringsgronden\nWOB", "grounds"),
        ("Art. Wob", "grounds"),
        ("Publieke link", "note"),
        ("Opgeschort", "suspended"),
        ("Geachte heer", None),
    ],
)
def test_header_synonyms(text: str, role: str | None) -> None:
    assert header_role(text) == role


@pytest.mark.parametrize(
    ("text", "judgement", "review"),
    [
        ("Openbaar", "public", False),
        ("Volledig\nopenbaar", "public", False),
        ("Gedeeltelijk\nopenbaar", "partly_public", False),
        ("deelsopenbaar", "partly_public", False),
        ("Niet Openbaar", "not_public", False),
        ("Geweigerd", "not_public", False),
        ("Reeds openbaar, zie https://example.org/x", "already_public", False),
        ("Reeds openbaar\nVindplaats: https://example.org/x", "already_public", False),
        # A place without a verdict, and a verdict outside the vocabulary: never stretched.
        ("Vindplaats: https://example.org/x", None, True),
        ("Reeds in bezit", None, True),
        ("openbaar in definitieve versie", None, True),
        ("Openbaar met uitzondering van persoonsgegevens", "partly_public", False),
        ("Opgeschort", "suspended", False),
        ("Niet aangetroffen", "not_held", False),
        ("Buiten reikwijdte", "out_of_scope", False),
        ("Identiek aan docnr. 4", "duplicate", False),
        ("Persoonsgegevens", "partly_public", False),  # a reason used as the verdict
        ("Beoordeling bij een ander ministerie", None, True),
        ("zie document", None, True),
        ("", None, True),
    ],
)
def test_judgement_spellings(text: str, judgement: str | None, review: bool) -> None:
    assert classify_judgement(text) == (judgement, review)


def test_unknown_judgement_is_never_not_public() -> None:
    for text in ("Wordt later beslist", "Overgedragen aan archief", "?"):
        assert classify_judgement(text) == (None, True)


# --- ruled tables --------------------------------------------------------------------------


def test_ruled_table_with_stacked_grounds(tmp_path: Path) -> None:
    rows = [
        ["Nr.", "Document", "Beoordeling", "Wob"],
        ["1.", "Notitie over de kade", "Deels openbaar", "10.2.d\n10.2.e\n10.2.g"],
        ["2.", "Brief aan bewoners", "Openbaar", ""],
        ["3.", "Verslag overleg", "Geweigerd", "10.2.e"],
        ["4.", "Planning", "Wordt later beslist", ""],
    ]
    docs = documents(ruled_pdf(tmp_path / "r.pdf", rows, widths=(15, 80, 45, 40)))
    assert [(d.number, d.judgement, d.grounds) for d in docs] == [
        ("1", "partly_public", ("10.2.d", "10.2.e", "10.2.g")),
        ("2", "public", ()),
        ("3", "not_public", ("10.2.e",)),
        ("4", None, ()),
    ]
    assert docs[0].title == "Notitie over de kade"
    assert docs[3].needs_review
    assert docs[3].judgement_text == "Wordt later beslist"
    assert not any(d.needs_review for d in docs[:3])


def test_ruled_table_continues_on_the_next_page(tmp_path: Path) -> None:
    long_title = "\n".join(f"regel {i} van een lang document" for i in range(30))
    rows = [["Nr.", "Omschrijving", "Beoordeling", "Woo"]]
    rows += [[f"{n}.", f"Document {n}", "Gedeeltelijk openbaar", "5.1.2e"] for n in range(1, 40)]
    rows.insert(38, ["38a.", long_title, "Reeds openbaar", ""])
    docs = documents(ruled_pdf(tmp_path / "c.pdf", rows, widths=(15, 90, 45, 30)))
    assert len(docs) == 40
    assert docs[-1].number == "39"
    row = next(d for d in docs if d.number == "38a")
    assert row.judgement == "already_public"
    assert len({d.page for d in docs}) >= 2
    assert all(d.grounds == ("5.1.2e",) for d in docs if d.judgement == "partly_public")


def test_wrapped_url_is_joined(tmp_path: Path) -> None:
    rows = [
        ["Nr.", "Document", "Beoordeling"],
        ["1.", "Raadsbesluit", "Reeds openbaar, zie\nhttps://raad.example.nl/verga\ndering/12345"],
    ]
    (doc,) = documents(ruled_pdf(tmp_path / "u.pdf", rows, widths=(15, 60, 100)))
    assert doc.judgement == "already_public"
    assert doc.link == "https://raad.example.nl/vergadering/12345"


def test_wrapped_url_with_a_hidden_underscore(tmp_path: Path) -> None:
    """A link underline hides the "_" of "#ai_4411223": the text shows a space, read as
    "_" by the URL finder's rule (a long number after the gap); the joined parts stay."""
    cell = "Reeds openbaar, zie\nhttps://raad.example.nl/vergadering\n/55120#ai 4411223"
    rows = [["Nr.", "Document", "Beoordeling"], ["1.", "Raadsbesluit", cell]]
    (doc,) = documents(ruled_pdf(tmp_path / "h.pdf", rows, widths=(15, 60, 100)))
    assert doc.link == "https://raad.example.nl/vergadering/55120#ai_4411223"


# --- unruled text tables -------------------------------------------------------------------


def test_unruled_numbered_table_with_split_verdict_and_stacked_grounds(tmp_path: Path) -> None:
    page1 = [
        "Bijlage 2 Inventarislijst",
        "Nr. Document Beoordeling Woo",
        "1 Verslag stuurgroep.pdf Deels openbaar 5.1.2d",
        "5.1.2e",
        "2 Presentatie.pdf Volledig",
        "openbaar",
        "3 Memo wethouder.pdf Niet openbaar 5.1.2i",
    ]
    page2 = [
        "4 Nota van uitgangspunten Reeds openbaar",
        "5 Lijst met kosten Opgeschort",
        "Het college heeft de documenten beoordeeld en besluit als volgt over uw verzoek.",
        "1 Dit is geen rij van de tabel maar een genummerde alinea.",
    ]
    docs = documents(text_pdf(tmp_path / "t.pdf", [page1, page2]), "woo")
    assert [(d.number, d.judgement, d.grounds, d.page) for d in docs] == [
        ("1", "partly_public", ("5.1.2d", "5.1.2e"), 1),
        ("2", "public", (), 1),
        ("3", "not_public", ("5.1.2i",), 1),
        ("4", "already_public", (), 2),
        ("5", "suspended", (), 2),
    ]


def test_unruled_table_without_numbers(tmp_path: Path) -> None:
    lines = [
        "Document Datum Beoordeling Wob",
        "Agenda overleg 12-3-2018 deels openbaar 10.2.e",
        "Verslag overleg 12-3-2018 openbaar",
        "Werkgroep communicatie",
        "Bijlage planning 19-3-2018 niet openbaar 10.2.b",
    ]
    docs = documents(text_pdf(tmp_path / "n.pdf", [lines]), "wob")
    assert [(d.date, d.judgement, d.grounds) for d in docs] == [
        ("2018-03-12", "partly_public", ("10.2.e",)),
        ("2018-03-12", "public", ()),
        ("2018-03-19", "not_public", ("10.2.b",)),
    ]


def test_reversed_header_is_recognised(tmp_path: Path) -> None:
    header = " ".join(word[::-1] for word in ("Nummer", "Document", "Beoordeling"))
    assert header.startswith("remmuN")
    lines = [header, "1 Besluit Openbaar", "2 Advies Deels openbaar"]
    docs = documents(text_pdf(tmp_path / "rev.pdf", [lines]))
    assert [(d.number, d.judgement) for d in docs] == [("1", "public"), ("2", "partly_public")]


def test_letter_without_table_has_no_documents(tmp_path: Path) -> None:
    lines = ["Geachte heer,", "Bij besluit van 1 maart 2024 heb ik beslist.", "1. Openbaar"]
    assert documents(text_pdf(tmp_path / "l.pdf", [lines])) == []


# --- model and command line ----------------------------------------------------------------


def test_documents_in_the_letter_json() -> None:
    doc = InventoryDocument(number="1", judgement="public", judgement_text="Openbaar", page=3)
    data = ParsedLetter(pages=3, documents=(doc,)).to_json("x.pdf")
    assert set(data["documents"][0]) == DOC_KEYS
    assert data["documents"][0]["judgement"] == "public"
    assert ParsedLetter(pages=1).to_json("y.pdf")["documents"] == []


def test_parse_json_of_an_inventory_only_pdf(tmp_path: Path) -> None:
    rows = [
        ["Nr.", "Datum", "Documentnaam", "Beoordeling", "Woo"],
        ["1", "3-4-2024", "Verslag", "Deels openbaar", "5.1.2e"],
        ["2", "5-4-2024", "Memo", "Openbaar", ""],
        ["3", "6-4-2024", "Presentatie", "Nog te beoordelen", ""],
    ]
    pdf = ruled_pdf(tmp_path / "inventaris.pdf", rows, widths=(12, 25, 70, 45, 25))
    result = CliRunner().invoke(
        cli, ["--db", str(tmp_path / "never.db"), "parse", "--json", str(pdf)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    entry = data[0] if isinstance(data, list) else data
    assert entry["kind"] == "inventory"
    assert entry["items"] == []
    assert [d["judgement"] for d in entry["documents"]] == ["partly_public", "public", None]
    assert entry["documents"][0]["date"] == "2024-04-03"
    assert entry["documents"][0]["grounds"] == ["5.1.2e"]
    assert entry["documents"][2]["needs_review"] is True
    assert entry["documents"][2]["judgement_text"] == "Nog te beoordelen"


def test_verdict_qualification_stays_with_the_verdict(tmp_path: Path) -> None:
    lines = [
        "Document Datum Beoordeling Wob",
        "Notulen overleg 4-9-2019 openbaar in definitieve versie Concept van de notulen",
        "Verslag werksessie 5-9-2019 openbaar reeds geopenbaard",
        "Bijlage planning 6-9-2019 deels openbaar 10.2.e",
    ]
    docs = documents(text_pdf(tmp_path / "q.pdf", [lines]), "wob")
    assert [(d.judgement, d.judgement_text, d.needs_review) for d in docs] == [
        (None, "openbaar in definitieve versie", True),
        ("public", "openbaar", False),  # "reeds geopenbaard" is the next column's phrase
        ("partly_public", "deels openbaar", False),
    ]


def test_row_numbers_read_by_ocr_as_letters(tmp_path: Path) -> None:
    lines = [
        "Nr. Document Beoordeling Woo",
        "007 Verslag kwartaaloverleg.pdf deels openbaar 5.1.2e",
        "ao8 Memo over de planning.pdf deels openbaar 5.1.2e",
        "oog Offerte drukwerk.pdf deels openbaar 5.1.2e",
        "_6o. Rapport over de kade.pdf deels openbaar 5.1.2e",
        "go Vergunning terras.pdf deels openbaar 5.1.2e",
        "al deze stukken zijn gelakt",
    ]
    docs = documents(text_pdf(tmp_path / "o.pdf", [lines]), "woo")
    # "al" is no number (letters other than o and g need a real digit): it continues.
    assert [d.number for d in docs] == ["007", "008", "009", "60", "90"]


def test_one_line_rows_then_file_names_without_number(tmp_path: Path) -> None:
    lines = [
        "Nr. | Document | Beoordeling | Woo",
        "1. | Melding-1001 Geredigeerd | deels openbaar | 5.1.2e",
        "2. | Melding-1002 Geredigeerd | deels openbaar | 5.1.2e",
        "3. | Melding-1003 Geredigeerd | deels openbaar | 5.1.2e",
        "x ij",
        "Klacht_Geredigeerd",
        "Overlast buren Geredigeerd",
        "Bijlage bij de klacht.pdf",
    ]
    docs = documents(text_pdf(tmp_path / "f.pdf", [lines]), "woo")
    assert [(d.number, d.judgement, d.needs_review) for d in docs] == [
        ("1", "partly_public", False),
        ("2", "partly_public", False),
        ("3", "partly_public", False),
        (None, None, True),
        (None, None, True),
        (None, None, True),
    ]
    assert docs[3].title == "Klacht_Geredigeerd"


def test_wrapped_file_names_stay_in_their_row(tmp_path: Path) -> None:
    lines = [
        "Nr. Document Beoordeling Woo",
        "1 Verslag stuurgroep over de Deels openbaar 5.1.2e",
        "begroting_def.pdf",
        "2 Notitie.pdf Openbaar",
        "3 Memo.pdf Openbaar",
        "4 Besluit van de directie over Deels openbaar 5.1.2d",
        "de planning_v2.pdf",
    ]
    docs = documents(text_pdf(tmp_path / "w.pdf", [lines]), "woo")
    assert [d.number for d in docs] == ["1", "2", "3", "4"]
    assert docs[3].title == "Besluit van de directie over de planning_v2.pdf"


def test_a_column_printed_on_a_sheet_of_its_own_is_no_row(tmp_path: Path) -> None:
    page1 = [
        "Document Datum Weigeringsgrond Wob Reden",
        "Brief aan de raad 3-5-2018 Openbaar",
        "Brief aan bewoners 4-5-2018 Openbaar",
    ]
    page2 = ["Openbaar op: https://example.org/brief-aan-bewoners"]
    docs = documents(text_pdf(tmp_path / "s.pdf", [page1, page2]), "wob")
    assert [(d.title, d.judgement) for d in docs] == [
        ("Brief aan de raad", "public"),
        ("Brief aan bewoners", "public"),
    ]


def test_already_provided_documents_refer_the_item_but_stay_unjudged() -> None:
    """A document "Reeds in bezit" has no judgement (it is not public), but an item whose
    documents the requester already has is answered by a referral."""
    held = InventoryDocument(number="2", judgement_text="Reeds in bezit", needs_review=True)
    partly = InventoryDocument(number="1", judgement="partly_public", judgement_text="Deels")
    unknown = InventoryDocument(number="3", judgement_text="Nog te beoordelen")
    assert classify_judgement("Reeds in bezit") == (None, True)
    assert document_outcomes([held]) == ["referred"]
    assert document_outcomes([partly, held]) == ["partly_granted", "referred"]
    assert document_outcomes([partly, unknown]) == []


def test_grounds_printed_before_the_verdict(tmp_path: Path) -> None:
    """Interleaved cells: a withheld row's cited grounds stand before its verdict; a
    public row's number in the title stays in the title."""
    lines = [
        "Nr. Document Beoordeling Woo",
        "1 Notulen deels 5.1,2,e Overleg.pdf openbaar",
        "2 Begroting 2024 versie 5.1.2 Openbaar",
    ]
    docs = documents(text_pdf(tmp_path / "g.pdf", [lines]), "woo")
    assert [(d.judgement, d.grounds) for d in docs] == [
        ("partly_public", ("5.1.2e",)),
        ("public", ()),
    ]
    assert "5.1" not in (docs[0].title or "")
