"""OCR of scanned pages: ``extract_pdf(..., ocr=True)``, ``parse --ocr``, ``decision import --ocr``.

The tests marked ``ocr`` run OCRmyPDF and Tesseract for real (``.ci/run`` installs them) on
a sample letter rendered to page images; they are skipped, with the install command as the
reason, where OCR is not installed. The other tests stand in for OCRmyPDF and run anywhere.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from click.testing import CliRunner

from tests.conftest import Cli
from tests.pdfmaker import SAMPLES, image_only_pdf, text_to_pdf
from wobtrack.cli import cli
from wobtrack.errors import UnreadableDocument
from wobtrack.parsing import ocr
from wobtrack.parsing.model import ParsedLetter
from wobtrack.parsing.pdftext import extract_pdf

WOO = SAMPLES / "woo-besluit-2026.pdf"
#: Scans are rendered at this resolution: enough for Tesseract on 10 pt text, and a page
#: takes about three seconds to OCR.
SCAN_DPI = 200

F = TypeVar("F", bound=Callable[..., Any])


def _ocr_missing() -> str | None:
    """Why the real-OCR tests cannot run here, or None."""
    if ocr.ocrmypdf_command() is None:
        return "OCRmyPDF is not installed (sudo apt-get install ocrmypdf tesseract-ocr-nld)"
    languages = ocr._tesseract_languages()
    if languages is None:
        return "Tesseract is not installed (sudo apt-get install tesseract-ocr tesseract-ocr-nld)"
    if ocr.LANGUAGE not in languages:
        return "Tesseract has no Dutch model (sudo apt-get install tesseract-ocr-nld)"
    return None


_MISSING = _ocr_missing()


def real_ocr(test: F) -> F:
    """Mark a test that runs OCRmyPDF and Tesseract; skip it where they are missing."""
    marked: F = pytest.mark.ocr(
        pytest.mark.skipif(_MISSING is not None, reason=_MISSING or "")(test)
    )
    return marked


def _render_scan(
    source: Path,
    target: Path,
    pages: list[int] | None = None,
    dpi: int = SCAN_DPI,
    blur: float = 0.0,
) -> Path:
    """``source``'s pages (all, or the 0-based ``pages``) as page images in an image-only
    PDF, as a scanner would deliver the printed letter (``blur``: a poor scan)."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]
    from PIL import ImageFilter

    document = pdfium.PdfDocument(str(source))
    wanted = pages if pages is not None else list(range(len(document)))
    images = [
        document[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in wanted
    ]
    document.close()
    if blur:
        images = [image.filter(ImageFilter.GaussianBlur(blur)) for image in images]
    images[0].save(target, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return target


@pytest.fixture(scope="module")
def ocr_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One user cache directory for the module: a scan is OCR'd once, then served cached."""
    return tmp_path_factory.mktemp("xdg-cache")


@pytest.fixture(scope="module")
def scanned_woo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Woo sample letter (4 pages, 8 items) as an image-only PDF."""
    return _render_scan(WOO, tmp_path_factory.mktemp("scan") / "woo-scan.pdf")


def _parse_json(cache: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Any:
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    result = CliRunner().invoke(cli, ["parse", "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _outcomes(letter: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(i["number"], i["outcomes"], i["grounds"], i["refers_to"]) for i in letter["items"]]


# --- real OCR ----------------------------------------------------------------------------


@real_ocr
def test_a_scanned_letter_parses_like_its_text_version(
    scanned_woo: Path, ocr_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    [text] = _parse_json(ocr_cache, monkeypatch, str(WOO))
    [scan] = _parse_json(ocr_cache, monkeypatch, "--ocr", str(scanned_woo))
    assert "ocr_pages" not in text
    assert scan["ocr_pages"] == [1, 2, 3, 4]
    assert _outcomes(scan) == _outcomes(text)
    # Every answer stands on an OCR'd page: each item asks to be checked against the scan.
    assert all("R15-read-by-ocr" in [r["code"] for r in item["review"]] for item in scan["items"])
    for key in ("decision_date", "request_received", "request_date", "regime", "kind"):
        assert scan[key] == text[key], key
    assert scan["bezwaar"]["weeks"] == text["bezwaar"]["weeks"] == 6
    # Tesseract reads the letterhead's "Ons kenmerk Z/26/004512" as "Ons kenmerk _
    # Z/26/004512"; the header reader drops the speck.
    assert scan["reference"] == text["reference"]
    assert any("read by OCR" in w and "recognition errors" in w for w in scan["warnings"])
    assert not any("read by OCR" in w for w in text["warnings"])


@real_ocr
def test_explain_with_ocr_shows_the_ocrd_pages_and_their_flags(
    scanned_woo: Path, ocr_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(ocr_cache))
    result = CliRunner().invoke(cli, ["parse", "--explain", "--ocr", str(scanned_woo)])
    assert result.exit_code == 0, result.output
    assert "Read by OCR: pages 1, 2, 3, 4" in result.stdout
    assert "REVIEW [R15-read-by-ocr]" in result.stdout
    # The same items as `parse --ocr --json` reads from the scan.
    [scan] = _parse_json(ocr_cache, monkeypatch, "--ocr", str(scanned_woo))
    for item in scan["items"]:
        assert f"  {item['number']:<6} {', '.join(item['outcomes'])}" in result.stdout


@real_ocr
def test_a_poor_scan_still_finds_every_item(
    tmp_path: Path, ocr_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # At 150 dpi with some blur Tesseract reads "5." as "5:", "10." as "10," and "Ad 6, 7
    # en 9" as "Ad6,7en9": every quoted item must still be found, and flagged.
    wob = SAMPLES / "wob-besluit-2021.pdf"
    poor = _render_scan(wob, tmp_path / "poor.pdf", dpi=150, blur=0.8)
    [text] = _parse_json(ocr_cache, monkeypatch, str(wob))
    [scan] = _parse_json(ocr_cache, monkeypatch, "--ocr", str(poor))
    assert [i["number"] for i in scan["items"]] == [i["number"] for i in text["items"]]
    assert all(item["needs_review"] for item in scan["items"])
    assert scan["reference"] == text["reference"]


@real_ocr
def test_only_the_scanned_pages_are_ocrd_and_the_result_is_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A letter whose first page (letterhead, date) is a scan and the rest text, as when a
    # signed first page was scanned back in.
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    first = _render_scan(WOO, tmp_path / "first.pdf", pages=[0])
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(pdfium.PdfDocument(str(first)))
    mixed.import_pages(pdfium.PdfDocument(str(WOO)), [1, 2, 3])
    path = tmp_path / "mixed.pdf"
    mixed.save(str(path))
    mixed.close()

    cache = tmp_path / "cache"
    result = extract_pdf(path, cache_dir=cache, ocr=True)
    plain = extract_pdf(WOO, cache_dir=None)
    assert result.ocr_pages == (1,)
    assert "Gemeente Lindeburg" in result.pages[0]
    assert "6 februari 2026" in result.pages[0]
    assert result.pages[1:] == plain.pages[1:]
    assert result.links == plain.links  # the text pages keep their link annotations

    def no_ocr(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("OCR ran again")

    monkeypatch.setattr(ocr, "ocr_pdf", no_ocr)
    assert extract_pdf(path, cache_dir=cache, ocr=True) == result
    assert any(".ocr" in entry.name for entry in cache.iterdir())
    # Without --ocr the same file still reads only its text layer.
    assert extract_pdf(path, cache_dir=cache).ocr_pages == ()


@real_ocr
def test_decision_import_ocr(
    run: Cli, scanned_woo: Path, ocr_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(ocr_cache))
    run(
        "request", "add", "-a", "Gemeente Lindeburg", "-s", "Parkeerbeleid",
        "--received", "2026-01-12",
        "--items-file", str(SAMPLES / "woo-verzoek-2026.txt"),
    )  # fmt: skip
    run.fails("decision", "import", "1", str(scanned_woo), message="has no text layer")
    data = json.loads(run("decision", "import", "1", str(scanned_woo), "--ocr", "--json").stdout)
    assert {item["number"]: item["outcomes"] for item in data["items"]} == {
        "1": ["referred"],
        "2": ["partly_granted"],
        "3": ["refused"],
        "4": ["granted"],
        "5": ["forwarded"],
        "6": ["unanswered"],
        "7": ["partly_granted"],
        "8": ["not_held"],
    }
    assert any("read by OCR" in w for w in data["warnings"])


# --- without OCR installed, and OCRmyPDF stood in for -----------------------------------


@pytest.fixture
def no_ocrmypdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "ocrmypdf_command", lambda: None)


@pytest.fixture
def fake_ocrmypdf(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Make ``ocrmypdf`` a Python one-liner, with a Tesseract that has Dutch."""

    def install(code: str) -> None:
        monkeypatch.setattr(ocr, "ocrmypdf_command", lambda: (sys.executable, "-c", code))
        monkeypatch.setattr(ocr, "_tesseract_languages", lambda: frozenset({"eng", "nld"}))

    return install


def test_without_ocr_the_error_names_the_install_commands(
    tmp_path: Path, no_ocrmypdf: None
) -> None:
    scan = image_only_pdf(tmp_path / "scan.pdf")
    with pytest.raises(UnreadableDocument) as caught:
        extract_pdf(scan, cache_dir=None, ocr=True)
    message = str(caught.value)
    assert message.startswith(f"{scan}: ")
    assert "\n" not in message
    assert "`sudo apt-get install ocrmypdf tesseract-ocr-nld` (Debian/Ubuntu)" in message
    assert "`brew install ocrmypdf tesseract-lang` (macOS)" in message
    assert "`pip install 'wobtrack[ocr]'`" in message


def test_parse_ocr_without_ocr_is_one_error_line(
    tmp_path: Path, no_ocrmypdf: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    scan = image_only_pdf(tmp_path / "scan.pdf")
    result = CliRunner().invoke(cli, ["parse", "--ocr", "--jobs", "1", str(scan), str(WOO)])
    assert result.exit_code == UnreadableDocument.exit_code
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Error: {scan}: has no text layer on some pages and OCR is not")
    assert "sudo apt-get install ocrmypdf tesseract-ocr-nld" in line
    assert str(WOO) in result.stdout  # the letter with a text layer needs no OCR
    assert "Traceback" not in result.output


def test_a_missing_dutch_model_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "ocrmypdf_command", lambda: ("ocrmypdf",))
    monkeypatch.setattr(ocr, "_tesseract_languages", lambda: frozenset({"eng", "osd"}))
    with pytest.raises(UnreadableDocument, match=r"no Dutch model \(nld\).*tesseract-ocr-nld"):
        extract_pdf(image_only_pdf(tmp_path / "scan.pdf"), cache_dir=None, ocr=True)


def test_a_letter_with_text_runs_no_ocr(no_ocrmypdf: None, tmp_path: Path) -> None:
    # Every page has text: --ocr changes nothing and needs no OCR installed.
    assert extract_pdf(WOO, cache_dir=tmp_path, ocr=True) == extract_pdf(WOO, cache_dir=None)


def test_ocr_text_is_used_and_cached_beside_the_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan = image_only_pdf(tmp_path / "scan.pdf")
    # Stands in for OCRmyPDF: the same one-page letter, now with a text layer.
    recognised = text_to_pdf("Datum 6 februari 2026\nOns kenmerk Z/26/1", tmp_path / "ocr.pdf")
    calls: list[list[int]] = []

    def fake(path: Path, data: bytes, pages: list[int], *, timeout: float | None) -> bytes:
        calls.append(list(pages))
        return recognised.read_bytes()

    monkeypatch.setattr(ocr, "ocr_pdf", fake)
    cache = tmp_path / "cache"
    first = extract_pdf(scan, cache_dir=cache, ocr=True)
    assert first.ocr_pages == (1,)
    assert first.pages == ("Datum 6 februari 2026\nOns kenmerk Z/26/1",)
    assert extract_pdf(scan, cache_dir=cache, ocr=True) == first
    assert calls == [[1]]
    # The OCR'd text, and beside it the scan's own (empty) text, cached like any result
    # so that a parse without --ocr refuses it from the cache (issue 14).
    names = sorted(entry.name for entry in cache.iterdir())
    assert len(names) == 2
    assert sum(name.endswith(f".ocr{ocr.OCR_VERSION}-nld.json") for name in names) == 1
    with pytest.raises(UnreadableDocument, match="no text layer"):
        extract_pdf(scan, cache_dir=cache)  # without --ocr: refused, as before


def test_ocr_that_finds_no_text_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scan = image_only_pdf(tmp_path / "scan.pdf")
    monkeypatch.setattr(ocr, "ocr_pdf", lambda path, data, pages, timeout: data)
    with pytest.raises(UnreadableDocument, match="OCR found no text"):
        extract_pdf(scan, cache_dir=None, ocr=True)


def test_ocr_is_stopped_after_its_time_bound(
    tmp_path: Path, fake_ocrmypdf: Callable[[str], None]
) -> None:
    fake_ocrmypdf("import time; time.sleep(60)")
    started = time.monotonic()
    with pytest.raises(UnreadableDocument, match=r"OCR took longer than 1 s and was stopped"):
        ocr.ocr_pdf(tmp_path / "scan.pdf", b"%PDF-1.4", [1], timeout=1)
    assert time.monotonic() - started < 15


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("import sys; print('boom', file=sys.stderr); sys.exit(7)", "OCR failed (ocrmypdf exit "
         "status 7: boom)"),
        ("import sys; print('no gs', file=sys.stderr); sys.exit(3)", "OCR is not fully "
         "installed (no gs): install OCR with `sudo apt-get install ocrmypdf"),
        ("import sys; sys.exit(8)", "the PDF is encrypted"),
        ("pass", "OCR produced no output file"),
    ],
)  # fmt: skip
def test_ocrmypdf_failures_are_one_line(
    tmp_path: Path, fake_ocrmypdf: Callable[[str], None], code: str, message: str
) -> None:
    fake_ocrmypdf(code)
    with pytest.raises(UnreadableDocument) as caught:
        ocr.ocr_pdf(tmp_path / "scan.pdf", b"%PDF-1.4", [2, 1, 2], timeout=30)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_ocr_warning_and_json() -> None:
    assert ocr.ocr_warning([2]).startswith("page 2 read by OCR: the text may contain")
    assert ocr.ocr_warning([1, 3]).startswith("pages 1, 3 read by OCR")
    assert "ocr_pages" not in ParsedLetter(pages=2).to_json("a.pdf")
    assert ParsedLetter(pages=2, ocr_pages=(2,)).to_json("a.pdf")["ocr_pages"] == [2]
