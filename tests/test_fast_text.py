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

from tests.pdfmaker import SAMPLES, image_only_pdf, pdf_bytes, text_to_pdf, whitespace_only_pdf
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


# --- spaces in kerning gaps ------------------------------------------------------------------

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def _kerned_pdf(path: Path, lines: list[bytes]) -> Path:
    """One page of 10 pt Helvetica, one TJ array per line (``[(beslu) -150 (t-op)]``)."""
    content = b"BT /F1 10 Tf 14 TL 72 760 Td " + b" T* ".join(b"%s TJ" % line for line in lines)
    content += b" ET"
    path.write_bytes(
        pdf_bytes(
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
            HELVETICA,
        )
    )
    return path


def test_a_kerning_gap_is_no_space_unless_pdfplumber_sees_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pdfium writes a space of its own in a TJ kerning gap of half a space (1.4 pt here)
    # or more; pdfplumber joins the letters up to a gap of 3 pt, and splits at a wider gap
    # or at a real space (which pdfium drops right after its own).
    path = _kerned_pdf(
        tmp_path / "kerned.pdf",
        [
            b"[(zie https://example.org/beslu) -150 (t-op-verzoek)]",  # 1.5 pt: one word
            b"[(Pagina) -290 (1 van 2)]",  # 2.9 pt: one word for pdfplumber
            b"[(twee) -400 (woorden)]",  # 4 pt: two words
            b"[(een) -200 ( spatie)]",  # kerning, then a real space: two words
        ],
    )
    fast = _extract(path, "fast", monkeypatch)
    plumber = _extract(path, "pdfplumber", monkeypatch)
    assert fast.pages == plumber.pages
    assert "https://example.org/beslut-op-verzoek" in fast.pages[0]
    assert "twee woorden" in fast.pages[0]
    assert "een spatie" in fast.pages[0]


# --- reference loops inside an object stream ----------------------------------------------


def _object_stream_pdf(members: dict[int, bytes]) -> bytes:
    """A PDF 1.5 letter whose objects ``members`` (number -> body) sit in an object
    stream (object 6), with a cross-reference stream (the only way to point into one)."""
    header = b""
    body = b""
    for number, member in members.items():
        header += b"%d %d " % (number, len(body))
        body += member + b" "
    objstm = header + body
    text = b"BT /F1 12 Tf 72 720 Td (Besluit op uw Woo-verzoek) Tj ET"
    direct = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        HELVETICA,
        b"<< /Type /ObjStm /N %d /First %d /Length %d >>\nstream\n%s\nendstream"
        % (len(members), len(header), len(objstm), objstm),
    ]
    out = bytearray(b"%PDF-1.5\n")
    offsets = []
    for number, obj in enumerate(direct, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    size = max(members) + 2
    xref_number = size - 1
    rows = [b"\x00" + b"\x00" * 4 + b"\xff\xff"]
    rows += [b"\x01" + offset.to_bytes(4, "big") + b"\x00\x00" for offset in offsets]
    index = {number: i for i, number in enumerate(members)}
    for number in range(len(direct) + 1, xref_number):
        rows.append(b"\x02" + (6).to_bytes(4, "big") + index[number].to_bytes(2, "big"))
    rows.append(b"\x01" + len(out).to_bytes(4, "big") + b"\x00\x00")
    table = b"".join(rows)
    start = len(out)
    out += b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\n" % (
        xref_number,
        size,
        len(table),
    )
    out += b"stream\n%s\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % (table, start)
    return bytes(out)


@pytest.mark.parametrize("extractor", pdftext.EXTRACTORS)
def test_bare_references_inside_an_object_stream_are_checked_by_pdfminer(
    extractor: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Objects 7 and 8 refer to each other from inside the object stream; 9 is a plain
    # dictionary beside them. Only 7 and 8 are suspects that pdfminer parses (it cannot
    # parse a bare reference inside an object stream at all, so they never loop there);
    # the letter, which does not use them, reads as before.
    path = tmp_path / "objstm.pdf"
    path.write_bytes(_object_stream_pdf({7: b"8 0 R", 8: b"7 0 R", 9: b"<< /A 7 0 R >>"}))
    with pdfplumber.open(path) as pdf:
        assert pdftext._bare_references(pdf, path.read_bytes()) == [7, 8]
    text = _extract(path, extractor, monkeypatch)
    assert text.pages == ("Besluit op uw Woo-verzoek",)


def test_a_reference_loop_is_found_among_direct_objects(tmp_path: Path) -> None:
    # A loop between objects written directly in the file: only the two are suspects.
    path = tmp_path / "loop.pdf"
    path.write_bytes(
        pdf_bytes(
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            b"5 0 R",
            b"% a comment\n 4 0 R",
            b"<< /A 4 0 R >>",
        )
    )
    with pdfplumber.open(path) as pdf:
        assert pdftext._bare_references(pdf, path.read_bytes()) == [4, 5]
    with pytest.raises(UnreadableDocument, match="object 4 is a reference loop"):
        extract_pdf(path, cache_dir=None)


def test_an_object_stream_without_loops_reads_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "objstm.pdf"
    path.write_bytes(_object_stream_pdf({7: b"<< /A 1 >>", 8: b"(text)", 9: b"7 0 R"}))
    fast = _extract(path, "fast", monkeypatch)
    assert fast.pages == ("Besluit op uw Woo-verzoek",)
    assert fast.pages == _extract(path, "pdfplumber", monkeypatch).pages


def test_a_glyph_without_a_unicode_mapping_reads_as_pdfplumber_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # /Differences names two glyphs nobody knows: pdfium has no Unicode for them, while
    # pdfplumber keeps the base encoding's letters. The page is left to pdfplumber.
    content = b"BT /F1 12 Tf 72 720 Td (Datum AB maart) Tj ET"
    font = (
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
        b"/Differences [65 /glyphx1 /glyphx2] >> >>"
    )
    path = tmp_path / "unmapped.pdf"
    path.write_bytes(
        pdf_bytes(
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
            font,
        )
    )
    fast = _extract(path, "fast", monkeypatch)
    assert fast.pages == _extract(path, "pdfplumber", monkeypatch).pages
    assert fast.pages == ("Datum AB maart",)
