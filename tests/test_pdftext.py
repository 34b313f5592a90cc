"""PDF to text (``wobtrack.parsing.pdftext``): text, links, bad input and the cache."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pdfplumber
import pypdfium2  # type: ignore[import-untyped]
import pytest

from tests.pdfmaker import (
    SAMPLES,
    encrypted_pdf,
    image_only_pdf,
    pages_pdf,
    text_to_pdf,
    truncated_pdf,
    whitespace_only_pdf,
)
from wobtrack.errors import UnreadableDocument
from wobtrack.parsing import pdftext
from wobtrack.parsing.pdftext import LinkAnchor, PdfText, default_cache_dir, extract_pdf

WOB_SAMPLE = SAMPLES / "wob-besluit-2021.pdf"
WRAPPED_URL = (
    "https://www.veenhoven.nl/bestuur/wob-besluiten/2019/"
    "besluit-wob-verzoek-pilot-geluidssensoren-binnenstad.html"
)


def _refuse(*args: object, **kwargs: object) -> None:
    """Stands in for pdfplumber.open and pypdfium2.PdfDocument where a result must come
    from the cache."""
    raise AssertionError("a PDF library was called")


# --- text and links ------------------------------------------------------------------


def test_extracts_pages_links_and_hash() -> None:
    result = extract_pdf(WOB_SAMPLE, cache_dir=None)
    source_pages = (SAMPLES / "wob-besluit-2021.txt").read_text(encoding="utf-8").split("\f")
    assert len(result.pages) == len(source_pages) == 4
    assert result.sha256 == hashlib.sha256(WOB_SAMPLE.read_bytes()).hexdigest()
    assert "Ad 6, 7 en 9" in result.pages[1]
    assert "De elektronische weg" in result.pages[3]
    # The link annotations hold the URLs whole, although the text wraps them; each URL
    # is listed once although it has one annotation per line fragment.
    assert result.links == (
        WRAPPED_URL,
        "https://www.veenhoven.nl/bestuur/wob-besluiten/2020/"
        "geluidssensoren-stationsplein-verlenging-pilot.html",
    )


def test_link_annotations_keep_their_page_and_words() -> None:
    # One annotation per line fragment of a wrapped URL, each with the words it covers.
    anchors = extract_pdf(WOB_SAMPLE, cache_dir=None).anchors
    assert anchors[:2] == (
        LinkAnchor(2, "https://www.veenhoven.nl/bestuur/wob-besluiten/2019/besluit-wob-"
                      "verzoek-pilot-", WRAPPED_URL),
        LinkAnchor(2, "geluidssensoren-binnenstad.html.", WRAPPED_URL),
    )  # fmt: skip
    assert len(anchors) == 4


class _OddPage:
    """A page whose link annotations come in odd shapes (as in real PDFs)."""

    page_number = 3
    bbox = (0.0, 0.0, 600.0, 800.0)

    def __init__(self, hyperlinks: object) -> None:
        self._hyperlinks = hyperlinks

    @property
    def hyperlinks(self) -> object:
        if isinstance(self._hyperlinks, Exception):
            raise self._hyperlinks
        return self._hyperlinks

    def extract_words(self) -> list[dict[str, object]]:
        return [{"text": "hier", "x0": 100.0, "x1": 120.0, "top": 50.0, "bottom": 60.0}]


def test_odd_link_annotations_are_skipped_not_fatal() -> None:
    box = {"x0": 95.0, "x1": 125.0, "top": 48.0, "bottom": 62.0}
    page = _OddPage(
        [
            "not a dict",
            {"uri": None, **box},
            {"uri": "   ", **box},
            {"uri": "https://a.nl/x", "x0": "bad", "x1": None, "top": 1, "bottom": 2},
            {"uri": "https://b.nl/y", "x0": 5000.0, "x1": 6000.0, "top": 1.0, "bottom": 2.0},
            {"uri": " https://c.nl/z ", **box},
        ]
    )
    assert pdftext._page_anchors(page) == [  # type: ignore[arg-type]
        LinkAnchor(3, "", "https://a.nl/x"),
        LinkAnchor(3, "", "https://b.nl/y"),
        LinkAnchor(3, "hier", "https://c.nl/z"),
    ]
    assert pdftext._page_anchors(_OddPage(KeyError("Annots"))) == []  # type: ignore[arg-type]


def test_letter_without_links(tmp_path: Path) -> None:
    result = extract_pdf(
        text_to_pdf("Besluit\nIk wijs uw verzoek af.", tmp_path / "a.pdf"), cache_dir=None
    )
    assert result.pages == ("Besluit\nIk wijs uw verzoek af.",)
    assert result.links == ()
    assert result.anchors == ()


def test_open_encrypted_pdf_is_read(tmp_path: Path) -> None:
    # Encrypted with an owner password only (no password needed to open it): many
    # published letters are "protected" this way, and they are perfectly readable.
    pdf = encrypted_pdf(tmp_path / "open.pdf", user_password="")
    assert extract_pdf(pdf, cache_dir=None).pages == ("Besluit op uw Woo-verzoek",)


def test_partly_scanned_letter_is_read(tmp_path: Path) -> None:
    # One page with text is enough: the parser reads what is there.
    pdf = text_to_pdf("Besluit op uw Wob-verzoek\f\fBezwaar", tmp_path / "mixed.pdf")
    assert extract_pdf(pdf, cache_dir=None).pages == ("Besluit op uw Wob-verzoek", "", "Bezwaar")


# --- bad input -------------------------------------------------------------------------


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, a phrase its message must contain)."""
    (tmp / "letter.txt.pdf").write_text("Geachte heer,\nDit is geen PDF.\n", encoding="utf-8")
    (tmp / "empty.pdf").write_bytes(b"")
    (tmp / "garbage.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    return {
        "image-only scan": (image_only_pdf(tmp / "scan.pdf"), "no text layer (a scan?): read it"),
        "whitespace-only text layer": (whitespace_only_pdf(tmp / "blank.pdf"), "has no text layer"),
        "password-protected": (encrypted_pdf(tmp / "locked.pdf"), "password-protected"),
        "truncated download": (truncated_pdf(WOB_SAMPLE, tmp / "half.pdf"), "damaged"),
        "garbage after the header": (tmp / "garbage.pdf", "damaged"),
        "text file renamed .pdf": (tmp / "letter.txt.pdf", "not a PDF (no %PDF header)"),
        "empty file": (tmp / "empty.pdf", "empty (0 bytes)"),
        "missing file": (tmp / "missing.pdf", "cannot read the file"),
        "directory": (tmp, "is a directory"),
        "too many pages": (pages_pdf(tmp / "long.pdf", 6), "6 pages is more than the limit of 5"),
    }  # fmt: skip


BAD_NAMES = [
    "image-only scan", "whitespace-only text layer", "password-protected", "truncated download",
    "garbage after the header", "text file renamed .pdf", "empty file", "missing file",
    "directory", "too many pages",
]  # fmt: skip


#: A letter without text is read (and cached) like any other and refused after: a warm
#: re-parse refuses it from the cache (``test_fast_text.py``).
CACHED_REFUSALS = {"image-only scan", "whitespace-only text layer"}


@pytest.mark.parametrize("name", BAD_NAMES)
def test_bad_input_is_one_clear_line(name: str, tmp_path: Path) -> None:
    path, phrase = _bad_inputs(tmp_path)[name]
    cache = tmp_path / "cache"
    with pytest.raises(UnreadableDocument) as info:
        extract_pdf(path, cache_dir=cache, max_pages=5)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert phrase in message
    assert "\n" not in message
    assert len(message) < 250
    if name in CACHED_REFUSALS:  # refused like a result: cached like one (issue 14)
        assert len(list(cache.iterdir())) == 1
    else:
        assert not cache.exists() or not any(cache.iterdir()), "a failure must not be cached"


def test_a_2000_page_pdf_is_refused_quickly(tmp_path: Path) -> None:
    # The example; the default limit applies, and the page tree's /Count lets
    # extract_pdf refuse without building 2,000 page objects.
    path = pages_pdf(tmp_path / "bundle.pdf", 2000)
    with pytest.raises(UnreadableDocument, match="2000 pages is more than the limit of 500"):
        extract_pdf(path, cache_dir=None)


def test_page_limit_also_applies_to_a_cached_result(tmp_path: Path) -> None:
    pdf = pages_pdf(tmp_path / "six.pdf", 6)
    extract_pdf(pdf, cache_dir=tmp_path, max_pages=10)
    with pytest.raises(UnreadableDocument, match="limit of 5"):
        extract_pdf(pdf, cache_dir=tmp_path, max_pages=5)


# --- cache -------------------------------------------------------------------------------


def test_second_extraction_comes_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = extract_pdf(WOB_SAMPLE, cache_dir=tmp_path)
    entries = list(tmp_path.iterdir())
    assert len(entries) == 1
    assert entries[0].name.startswith(first.sha256)
    assert f"x{pdftext.EXTRACTOR_VERSION}" in entries[0].name

    monkeypatch.setattr(pdfplumber, "open", _refuse)
    monkeypatch.setattr(pypdfium2, "PdfDocument", _refuse)
    assert extract_pdf(WOB_SAMPLE, cache_dir=tmp_path) == first
    # The key is the content, not the name: a renamed copy is a hit too.
    copy = tmp_path / "copy" / "renamed.pdf"
    copy.parent.mkdir()
    copy.write_bytes(WOB_SAMPLE.read_bytes())
    assert extract_pdf(copy, cache_dir=tmp_path) == first


def test_no_cache_reads_the_pdf_every_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extract_pdf(WOB_SAMPLE, cache_dir=tmp_path)
    # The PDF is read in a worker process: the calls are counted in a file, not a list.
    calls = tmp_path / "calls.txt"
    real_open = pdfplumber.open

    def counting_open(*args: object, **kwargs: object) -> object:
        with calls.open("a", encoding="utf-8") as log:
            log.write("open\n")
        return real_open(*args, **kwargs)  # type: ignore[arg-type]

    # pdfplumber opens every PDF (for the structural checks), also on the fast path.
    monkeypatch.setattr(pdfplumber, "open", counting_open)
    extract_pdf(WOB_SAMPLE, cache_dir=None)
    assert calls.read_text(encoding="utf-8").splitlines() == ["open"]


def test_changed_file_is_extracted_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    letter = text_to_pdf("Besluit\nversie 1", tmp_path / "letter.pdf")
    cache = tmp_path / "cache"
    assert extract_pdf(letter, cache_dir=cache).pages == ("Besluit\nversie 1",)
    text_to_pdf("Besluit\nversie 2", letter)
    assert extract_pdf(letter, cache_dir=cache).pages == ("Besluit\nversie 2",)
    assert len(list(cache.iterdir())) == 2


def test_new_extractor_version_misses_old_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extract_pdf(WOB_SAMPLE, cache_dir=tmp_path)
    monkeypatch.setattr(pdftext, "EXTRACTOR_VERSION", "999")
    pdftext._cache_key_suffix.cache_clear()
    try:
        extract_pdf(WOB_SAMPLE, cache_dir=tmp_path)
    finally:
        pdftext._cache_key_suffix.cache_clear()
    assert len(list(tmp_path.iterdir())) == 2


@pytest.mark.parametrize(
    "content",
    [
        "",
        "{not json",
        '{"sha256": "0000", "pages": [], "links": []}',
        '{"pages": [1], "links": []}',
    ],
    ids=["empty", "cut-short", "other-hash", "wrong-types"],
)
def test_damaged_cache_entry_is_a_miss_and_is_rewritten(tmp_path: Path, content: str) -> None:
    good = extract_pdf(WOB_SAMPLE, cache_dir=tmp_path)
    (entry,) = tmp_path.iterdir()
    if content.startswith('{"pages"'):
        content = json.dumps({"sha256": good.sha256, "pages": [1], "links": []})
    entry.write_text(content, encoding="utf-8")
    assert extract_pdf(WOB_SAMPLE, cache_dir=tmp_path) == good
    assert json.loads(entry.read_text(encoding="utf-8"))["pages"] == list(good.pages)


def test_cache_entry_is_small_json_and_no_temp_files_remain(tmp_path: Path) -> None:
    result = extract_pdf(WOB_SAMPLE, cache_dir=tmp_path)
    (entry,) = tmp_path.iterdir()  # nothing else: the temporary file was renamed
    data = json.loads(entry.read_text(encoding="utf-8"))
    anchors = tuple(LinkAnchor(a["page"], a["text"], a["uri"]) for a in data["anchors"])
    assert PdfText(data["sha256"], tuple(data["pages"]), tuple(data["links"]), anchors) == result
    assert entry.stat().st_size < 2 * sum(len(p) for p in result.pages) + 1000


def test_anchors_survive_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = extract_pdf(WOB_SAMPLE, cache_dir=tmp_path)
    assert first.anchors
    monkeypatch.setattr(pdfplumber, "open", _refuse)
    monkeypatch.setattr(pypdfium2, "PdfDocument", _refuse)
    assert extract_pdf(WOB_SAMPLE, cache_dir=tmp_path).anchors == first.anchors


@pytest.mark.parametrize(
    "anchors",
    [None, "x", [["2", "t", "u"]], [{"page": "2", "text": "t", "uri": "u"}],
     [{"page": True, "text": "t", "uri": "u"}], [{"page": 2, "uri": "u"}]],
    ids=["missing", "not-a-list", "not-objects", "page-text", "page-bool", "no-text"],
)  # fmt: skip
def test_entry_with_bad_anchors_is_a_miss(tmp_path: Path, anchors: object) -> None:
    good = extract_pdf(WOB_SAMPLE, cache_dir=tmp_path)
    (entry,) = tmp_path.iterdir()
    data = json.loads(entry.read_text(encoding="utf-8"))
    if anchors is None:
        del data["anchors"]  # an entry written before anchors existed
    else:
        data["anchors"] = anchors
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert extract_pdf(WOB_SAMPLE, cache_dir=tmp_path) == good


def test_unwritable_cache_does_not_fail_the_extraction(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be", encoding="utf-8")
    result = extract_pdf(WOB_SAMPLE, cache_dir=blocker / "pdftext")
    assert len(result.pages) == 4


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG is a Linux convention")
def test_default_cache_dir_honours_xdg_cache_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "wobtrack" / "pdftext"
