"""The checked-in sample PDFs are exactly their text sources, rendered by make_pdfs.py.

If a source is edited without running ``python samples/make_pdfs.py``, or the script stops
reproducing the PDFs, these tests fail.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from tests.pdfmaker import SAMPLES, make_pdfs, text_to_pdf
from wobtrack.parsing.pdftext import PdfText, extract_pdf

SOURCES = sorted(SAMPLES.glob("*.txt"))


def _lines(text: str) -> list[str]:
    """The text as pdfplumber gives it back: blank lines and runs of spaces are not kept
    (a PDF has no characters for them), so compare the non-blank lines, spaces collapsed."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _pages_of(source: Path) -> list[list[str]]:
    return [_lines(page) for page in source.read_text(encoding="utf-8").split("\f")]


def _pages_in(pdf: PdfText) -> list[list[str]]:
    return [_lines(page) for page in pdf.pages]


def test_every_source_has_its_pdf_and_back() -> None:
    assert {s.stem for s in SOURCES} == {p.stem for p in SAMPLES.glob("*.pdf")}
    assert {"wob-verzoek-2021", "wob-besluit-2021", "woo-verzoek-2026", "woo-besluit-2026"} <= {
        s.stem for s in SOURCES
    }


@pytest.mark.parametrize("source", SOURCES, ids=[s.stem for s in SOURCES])
def test_checked_in_pdf_matches_its_source(source: Path) -> None:
    pdf = extract_pdf(source.with_suffix(".pdf"), cache_dir=None)
    assert _pages_in(pdf) == _pages_of(source), (
        f"{source.name} changed: run `python samples/make_pdfs.py` and check the PDFs in"
    )
    assert set(pdf.links) == set(make_pdfs.LINKS.get(source.name, ()))


@pytest.mark.parametrize("source", SOURCES, ids=[s.stem for s in SOURCES])
def test_regenerated_pdf_extracts_like_the_checked_in_one(source: Path, tmp_path: Path) -> None:
    fresh = text_to_pdf(
        source.read_text(encoding="utf-8"),
        tmp_path / source.with_suffix(".pdf").name,
        make_pdfs.LINKS.get(source.name, ()),
    )
    regenerated = extract_pdf(fresh, cache_dir=None)
    checked_in = extract_pdf(source.with_suffix(".pdf"), cache_dir=None)
    assert regenerated.pages == checked_in.pages
    assert regenerated.links == checked_in.links


@pytest.mark.parametrize("source", SOURCES, ids=[s.stem for s in SOURCES])
def test_sources_need_no_system_font(source: Path) -> None:
    # Latin-1 text is set in the PDF core font, so the PDFs do not depend on the fonts
    # installed where they are regenerated.
    source.read_text(encoding="utf-8").encode("latin-1")


def test_a_wrapped_url_gets_one_annotation_per_line(tmp_path: Path) -> None:
    url = "https://www.example.org/wob/2021/een-heel-lang-besluit.html"
    text = "Zie https://www.example.org/wob/2021/\neen-heel-lang-besluit.html voor meer."
    pdf = text_to_pdf(text, tmp_path / "wrapped.pdf", [url])
    with pdfplumber.open(pdf) as doc:
        annotations = [(a["uri"], round(a["top"])) for a in doc.hyperlinks]
    assert [uri for uri, _ in annotations] == [url, url]
    assert annotations[0][1] < annotations[1][1]  # one on each line


def test_a_url_missing_from_the_text_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not found"):
        text_to_pdf("Geen link hier.", tmp_path / "x.pdf", ["https://www.example.org/"])


def test_a_long_text_continues_on_new_pages_line_by_line(tmp_path: Path) -> None:
    lines = [f"regel {n}" for n in range(1, 121)]
    pdf = extract_pdf(text_to_pdf("\n".join(lines), tmp_path / "long.pdf"), cache_dir=None)
    assert len(pdf.pages) == 3
    assert [line for page in pdf.pages for line in page.splitlines()] == lines
