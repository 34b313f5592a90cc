"""A URL that the PDF holds only as a link annotation ("via deze link") still reaches the
item it belongs to (issue 4: "URLs come out whole, also when the PDF ... holds them only as
link annotations")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fpdf import FPDF

from tests.pdfmaker import make_pdfs
from wobtrack.cli import cli
from wobtrack.parsing.letters import parse_letter
from wobtrack.parsing.pdftext import LinkAnchor, extract_pdf

URI = "https://open.lindeburg.nl/woo/2024/besluit-parkeervergunningen-binnenstad"
LINK_LINE = "Deze documenten vindt u via deze link."

LETTER = f"""Gemeente Lindeburg
Datum 3 juni 2026
Ons kenmerk WOO-2026-0042
Onderwerp Besluit op uw Woo-verzoek

Geachte mevrouw De Vries,

Op 2 mei 2026 heb ik uw verzoek op grond van de Wet open overheid (Woo) ontvangen.
U vraagt om:
1. het parkeerbeleidsplan 2025;
2. de besluiten over de parkeervergunningen in de binnenstad.

Ad 1
Ik maak het parkeerbeleidsplan 2025 geheel openbaar.

Ad 2
De besluiten over de parkeervergunningen zijn al openbaar.
{LINK_LINE}

Besluit
Ik besluit uw verzoek gedeeltelijk toe te wijzen.

Bezwaar
Tegen dit besluit kunt u binnen zes weken na de dag van bekendmaking bezwaar maken bij
het college van burgemeester en wethouders, Postbus 100, 1000 AA Lindeburg.

Met vriendelijke groet,
De burgemeester van Lindeburg
"""


def _letter_pdf(path: Path, anchor_words: str = "deze link", uri: str = URI) -> Path:
    """The letter above, one source line per PDF line, with ``uri`` only as a link
    annotation over ``anchor_words`` in the line ``LINK_LINE`` (fpdf2's own link)."""
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creation_date(make_pdfs.CREATION_DATE)
    pdf.set_auto_page_break(False)
    pdf.set_margins(20, 20, 20)
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    line_height = 5.0
    for row, line in enumerate(LETTER.split("\n")):
        y = 20 + row * line_height
        pdf.set_xy(20, y)
        pdf.cell(w=170, h=line_height, text=line)
        if line == LINK_LINE:
            # cell() puts the text one cell margin in from x.
            start = 20 + pdf.c_margin + pdf.get_string_width(line[: line.index(anchor_words)])
            width = pdf.get_string_width(anchor_words)
            pdf.link(x=start, y=y, w=width, h=line_height, link=uri)
    pdf.output(str(path))
    return path


def _item(data: dict[str, Any], number: str) -> dict[str, Any]:
    return next(item for item in data["items"] if item["number"] == number)


def test_extraction_records_the_words_under_the_annotation(tmp_path: Path) -> None:
    result = extract_pdf(_letter_pdf(tmp_path / "letter.pdf"), cache_dir=None)
    assert result.links == (URI,)
    assert result.anchors == (LinkAnchor(page=1, text="deze link.", uri=URI),)
    assert URI not in "".join(result.pages)  # the text really does not show it


def test_parse_json_refers_item_2_to_the_annotated_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    pdf = _letter_pdf(tmp_path / "letter.pdf")
    args = ["--db", str(tmp_path / "never.db"), "parse", "--json", str(pdf)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    (data,) = json.loads(result.stdout)
    item = _item(data, "2")
    assert "referred" in item["outcomes"]
    assert {"kind": "url", "value": URI} in item["references"]
    assert any(URI in e["text"] and "deze link" in e["text"] for e in item["evidence"])
    assert _item(data, "1")["references"] == []
    assert not any("link annotation" in w for w in data["warnings"])
    # The second run comes from the cache and gives the same answer.
    again = CliRunner().invoke(cli, args)
    assert again.output == result.output


def test_without_anchors_the_url_is_lost(tmp_path: Path) -> None:
    # What the anchors fix: the URL is in the PDF's links, but nowhere in its text.
    text = extract_pdf(_letter_pdf(tmp_path / "letter.pdf"), cache_dir=None)
    item = next(i for i in parse_letter(text.pages, text.links).items if i.number == "2")
    assert item.references == ()


def test_anchor_words_missing_from_the_text_give_a_warning(tmp_path: Path) -> None:
    text = extract_pdf(_letter_pdf(tmp_path / "letter.pdf"), cache_dir=None)
    stray = LinkAnchor(page=1, text="nergens te vinden", uri=URI)
    letter = parse_letter(text.pages, text.links, anchors=[stray])
    item = next(i for i in letter.items if i.number == "2")
    assert item.references == ()  # no guess at where the URL belongs
    warning = f"link annotation on page 1 ({URI}) could not be placed in the text"
    assert letter.warnings.count(warning) == 1
