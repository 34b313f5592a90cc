"""The fast text path (pypdfium2) against pdfplumber, its cache keys, and cached refusals.

The fast path must read our own PDFs exactly as pdfplumber does (text, line order, links
and the words under them, tables), so that the parser gives the same result; on the
labelled corpus the same is measured by ``bench/accuracy.py`` with
``WOBTRACK_PDF_EXTRACTOR=pdfplumber`` and without.
"""

from __future__ import annotations

import time
from pathlib import Path

import pdfplumber
import pypdfium2  # type: ignore[import-untyped]
import pytest

from tests.pdfmaker import SAMPLES, image_only_pdf, text_to_pdf, whitespace_only_pdf
from tests.test_link_annotations import _letter_pdf
from wobtrack.errors import InvalidInput, UnreadableDocument
from wobtrack.parsing import pdftext
from wobtrack.parsing.bounded import Limits
from wobtrack.parsing.letters import parse_letter
from wobtrack.parsing.pdftext import PdfText, extract_pdf, extractor_choice

SAMPLE_PDFS = sorted(SAMPLES.glob("*.pdf"))


def _extract(path: Path, extractor: str, monkeypatch: pytest.MonkeyPatch) -> PdfText:
    monkeypatch.setenv(pdftext.ENV_EXTRACTOR, extractor)
    return extract_pdf(path, cache_dir=None)


def _parsed(text: PdfText) -> object:
    letter = parse_letter(
        text.pages, text.links, anchors=text.anchors, tables=text.tables, words=text.words
    )
    return letter.to_json("letter.pdf")


def _fixtures(tmp_path: Path) -> list[Path]:
    wrapped = (
        "https://www.lindeburg.nl/besluiten/2026/een-heel-lang-adres-dat-niet-op-een-regel-past"
    )
    return [
        *SAMPLE_PDFS,
        _letter_pdf(tmp_path / "anchor.pdf"),
        text_to_pdf(
            f"Besluit\nUw verzoek van 3 maart 2026.\nZie ook de bijlage op {wrapped}.\n",
            tmp_path / "links.pdf",
            links=[wrapped],
        ),
    ]


def test_our_pdfs_read_the_same_by_both_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for path in _fixtures(tmp_path):
        fast = _extract(path, "fast", monkeypatch)
        plumber = _extract(path, "pdfplumber", monkeypatch)
        assert fast.pages == plumber.pages, path.name
        assert fast.links == plumber.links, path.name
        assert fast.anchors == plumber.anchors, path.name
        assert fast.tables == plumber.tables, path.name
        assert fast.words == plumber.words, path.name
        assert _parsed(fast) == _parsed(plumber), path.name


def test_link_anchors_come_from_pdfium(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The anchor letter has no tables: pdfplumber reads none of its pages.
    def no_pages(*args: object, **kwargs: object) -> None:
        raise AssertionError("pdfplumber read a page")

    monkeypatch.setattr(pdftext, "_page_tables", no_pages)
    monkeypatch.setattr(pdfplumber.page.Page, "extract_text", no_pages)
    text = _extract(_letter_pdf(tmp_path / "anchor.pdf"), "fast", monkeypatch)
    assert [(a.page, a.text) for a in text.anchors] == [(1, "deze link.")]


def _refuse(*args: object, **kwargs: object) -> None:
    raise AssertionError("a PDF library was called")


def test_the_extractors_have_cache_entries_of_their_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    letter = SAMPLES / "wob-besluit-2021.pdf"
    monkeypatch.setenv(pdftext.ENV_EXTRACTOR, "fast")
    extract_pdf(letter, cache_dir=tmp_path)
    monkeypatch.setenv(pdftext.ENV_EXTRACTOR, "pdfplumber")
    extract_pdf(letter, cache_dir=tmp_path)
    names = sorted(entry.name for entry in tmp_path.iterdir())
    assert len(names) == 2
    fast = [n for n in names if "-fast-pdfium" in n]
    assert len(fast) == 1
    assert f"x{pdftext.EXTRACTOR_VERSION}-pdfplumber" in next(n for n in names if n not in fast)


def test_an_extractor_that_does_not_exist_is_one_error_line() -> None:
    with pytest.raises(InvalidInput, match="WOBTRACK_PDF_EXTRACTOR='pdfminer' is not valid"):
        extractor_choice({pdftext.ENV_EXTRACTOR: "pdfminer"})
    assert extractor_choice({}) == "pdfplumber"
    assert extractor_choice({pdftext.ENV_EXTRACTOR: " Fast "}) == "fast"


@pytest.mark.parametrize("make", [image_only_pdf, whitespace_only_pdf])
def test_a_refused_scan_is_refused_again_from_the_cache(
    make: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan = make(tmp_path / "scan.pdf")  # type: ignore[operator]
    cache = tmp_path / "cache"
    with pytest.raises(UnreadableDocument) as first:
        extract_pdf(scan, cache_dir=cache)
    assert "has no text layer" in str(first.value)
    assert len(list(cache.iterdir())) == 1
    # Warm: no PDF library is called, and the refusal is the same (with this path).
    monkeypatch.setattr(pdfplumber, "open", _refuse)
    monkeypatch.setattr(pypdfium2, "PdfDocument", _refuse)
    copy = tmp_path / "renamed.pdf"
    copy.write_bytes(scan.read_bytes())
    with pytest.raises(UnreadableDocument) as second:
        extract_pdf(copy, cache_dir=cache)
    assert str(second.value) == str(first.value).replace(str(scan), str(copy))


def _slow_job(job: object) -> PdfText:
    time.sleep(30)
    raise AssertionError("the time limit should have stopped this")


def test_a_refusal_by_a_limit_is_not_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The worker is forked: it runs the patched job, and the parent stops it in time.
    monkeypatch.setattr(pdftext, "_run_job", _slow_job)
    cache = tmp_path / "cache"
    limits = Limits(seconds=1.0, seconds_per_page=0.0, memory_mb=256)
    with pytest.raises(UnreadableDocument, match="took longer than"):
        extract_pdf(SAMPLES / "wob-besluit-2021.pdf", cache_dir=cache, limits=limits)
    assert not cache.exists() or not any(cache.iterdir())
