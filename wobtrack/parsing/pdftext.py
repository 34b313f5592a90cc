"""PDF to text: the only module of wobtrack that imports pdfplumber.

``extract_pdf`` turns a decision letter into per-page text plus the URIs of its link
annotations (and, per annotation, its page and the words under it), or raises
``UnreadableDocument`` with a one-line, actionable message. The result is cached by the
file's content hash (sha256) as a small JSON file in the user's cache directory, so parsing
an unchanged file again costs one hash and one small read.

With ``ocr=True``, the pages without a usable text layer (scans) are read by OCR
(``wobtrack.parsing.ocr``: OCRmyPDF and Tesseract's Dutch model, only those pages); the
result is cached beside the text, under a key that includes the OCR version.

pdfplumber runs in a worker process with a time and a memory limit
(``wobtrack.parsing.bounded``): a reference loop, a compression bomb or a page tree of
millions of pages ends in an ``UnreadableDocument`` instead of a hang or an exhausted
machine. Only regular files are read (a FIFO or a device would block or never end).
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import logging
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from wobtrack.errors import InvalidInput, UnreadableDocument
from wobtrack.parsing import bounded
from wobtrack.parsing.bounded import Limits

if TYPE_CHECKING:
    import pdfplumber.page
    import pdfplumber.pdf

#: Bump when the extraction itself changes (settings, post-processing, what counts as a
#: link): it is part of every cache key, so old entries are simply no longer found.
EXTRACTOR_VERSION = "4"
#: Bump when only the fast path's reading changes (which pages it leaves to pdfplumber,
#: which tables it reads): part of the fast path's cache keys only.
FAST_PATH_VERSION = "4"

#: Refuse documents longer than this. A decision letter with its inventory is rarely over
#: a few dozen pages; a 2,000-page PDF is an annex bundle, and extracting it would take
#: minutes and a lot of memory before the parser could say anything useful.
DEFAULT_MAX_PAGES = 500

# The PDF spec puts "%PDF-" at the start, but readers (and real files) accept it anywhere
# in the first kilobyte, e.g. after a stray byte-order mark or mail-gateway junk.
_MAGIC = b"%PDF-"
_MAGIC_WINDOW = 1024

_OCR_HINT = "read it again with --ocr (OCRmyPDF reads the scanned pages)"

#: A page with fewer letters and digits than this in its text layer counts as a scan: a
#: real text page has far more, and a scan's stray text (a stamp, a page number added
#: afterwards) far fewer.
MIN_PAGE_CHARS = 20


@dataclass(frozen=True)
class LinkAnchor:
    """One link annotation: its 1-based ``page``, the words under its rectangle
    (whitespace normalised; empty when it covers no text) and its ``uri``."""

    page: int
    text: str
    uri: str


@dataclass(frozen=True)
class PdfText:
    """The text of one PDF: ``pages[i]`` is the text of page i+1; ``links`` are the URIs of
    its link annotations, in order of appearance and without duplicates; ``anchors`` are
    the annotations themselves, in order of appearance (a URL wrapped over two lines has
    two)."""

    sha256: str
    pages: tuple[str, ...]
    links: tuple[str, ...]
    anchors: tuple[LinkAnchor, ...] = ()
    #: Ruled or banded tables (pdfplumber ``find_tables``), for reading inventory lists.
    tables: tuple[PdfTable, ...] = ()
    #: The words with positions of the pages whose tables have no column rulings (banded
    #: spreadsheet prints), so that the inventory reader can place them in columns itself.
    words: tuple[PageWords, ...] = ()
    #: The 1-based pages whose text was read by OCR (``extract_pdf(..., ocr=True)``).
    ocr_pages: tuple[int, ...] = ()


#: One positioned word: ``(x0, top, x1, bottom, text)`` in PDF points, top-down.
Word = tuple[float, float, float, float, str]


@dataclass(frozen=True)
class PdfTable:
    """One table pdfplumber found on a 1-based ``page``: the text of its cells per row
    (an empty string for an empty or merged cell; lines inside a cell joined with "\\n")
    and the vertical extent ``(top, bottom)`` of each row."""

    page: int
    rows: tuple[tuple[str, ...], ...]
    row_spans: tuple[tuple[float, float], ...]
    bbox: tuple[float, float, float, float]


@dataclass(frozen=True)
class PageWords:
    """The words of one 1-based ``page``, in pdfplumber's reading order."""

    page: int
    words: tuple[Word, ...]


def preload() -> None:
    """Import pdfplumber now: worker processes forked afterwards then start with it."""
    import pdfplumber  # noqa: F401


def default_cache_dir() -> Path:
    """Where extracted text is cached: ``<user cache dir>/wobtrack/pdftext``.

    platformdirs honours ``XDG_CACHE_HOME`` on Linux, so tests and users can move it.
    """
    import platformdirs  # imported here: ~50 ms that commands without PDFs need not pay

    return Path(platformdirs.user_cache_dir("wobtrack")) / "pdftext"


def extract_pdf(
    path: Path,
    *,
    cache_dir: Path | None,
    max_pages: int = DEFAULT_MAX_PAGES,
    ocr: bool = False,
    ocr_timeout: float | None = None,
    limits: Limits | None = None,
) -> PdfText:
    """Return the text and link URIs of the PDF at ``path``.

    ``cache_dir=None`` disables the cache (neither read nor written). Raises
    ``UnreadableDocument`` (message starts with the path) for a file that cannot be read,
    is empty, is not a PDF, is encrypted with a password, is damaged, has more than
    ``max_pages`` pages, or has no text layer.

    With ``ocr=True`` the pages with fewer than ``MIN_PAGE_CHARS`` letters and digits are
    OCR'd (``PdfText.ocr_pages`` names them) and a scan is refused only when OCR is not
    installed (the message names the install commands), fails, takes longer than
    ``ocr_timeout`` seconds (default: a minute plus a minute per page), or finds no text.
    A letter whose every page has text is returned as without ``ocr``, without running OCR.

    pdfplumber runs in a worker process bounded by ``limits`` (default:
    ``Limits.from_env()``); a PDF that exceeds them is an ``UnreadableDocument``. So is
    anything but a regular file, and a file larger than the memory limit.
    """
    limits = limits if limits is not None else Limits.from_env()
    extractor = extractor_choice()
    data = _read_pdf_bytes(path, max_bytes=limits.memory_mb * 1024 * 1024)
    digest = hashlib.sha256(data).hexdigest()
    entry = _cache_file(cache_dir, digest, extractor) if cache_dir is not None else None
    ocr_entry = (
        _cache_file(cache_dir, digest, extractor, ocr=True)
        if ocr and cache_dir is not None
        else None
    )
    if ocr_entry is not None:
        cached = _load_cached(ocr_entry, digest)
        if cached is not None:
            _check_page_count(path, len(cached.pages), max_pages)
            return cached
    result = _load_cached(entry, digest) if entry is not None else None
    if result is not None:
        # Re-check the limit: a cache filled with a higher limit must not let a
        # document through that this call would refuse.
        _check_page_count(path, len(result.pages), max_pages)
    else:
        # The worker returns a letter without any text too, so that it is cached like
        # any other: a warm re-parse refuses it from the cache, and with OCR the cached
        # pages say which ones to read. (A refusal by a limit is an error: never cached.)
        result = _extract_bounded(_Job(path, data, digest, max_pages, False, extractor), limits)
        if entry is not None:
            _store_cached(entry, result)
    if not ocr and not any(text.strip() for text in result.pages):
        raise UnreadableDocument(f"{path}: has no text layer (a scan?): {_OCR_HINT}")
    scanned = _scanned_pages(result) if ocr else []
    if not scanned:
        return result
    result = _with_ocr(path, data, result, scanned, ocr_timeout, limits)
    if ocr_entry is not None:
        _store_cached(ocr_entry, result)
    return result


def _scanned_pages(text: PdfText) -> list[int]:
    """The 1-based pages without a usable text layer."""
    return [
        number
        for number, page in enumerate(text.pages, start=1)
        if sum(ch.isalnum() for ch in page) < MIN_PAGE_CHARS
    ]


def _with_ocr(
    path: Path,
    data: bytes,
    text: PdfText,
    scanned: list[int],
    timeout: float | None,
    limits: Limits,
) -> PdfText:
    """``text`` with the OCR text of the ``scanned`` pages in place of their text layer."""
    from dataclasses import replace

    from wobtrack.parsing.ocr import ocr_pdf, ocr_time_limit

    # OCR has its own time limit (it kills OCRmyPDF when it passes); inside a batch
    # worker, the worker's own limit grows by as much, so that OCR's limit decides.
    ocr_limit = timeout if timeout is not None else ocr_time_limit(len(scanned))
    bounded.extend_time(ocr_limit)
    ocred = ocr_pdf(path, data, scanned, timeout=ocr_limit)
    # The OCR'd PDF is read like any other; only its scanned pages are taken from it (the
    # others are copied unchanged, so their text, links and tables are those read already).
    # OCRmyPDF's invisible text font has no FontBBox, which pdfminer logs as a warning for
    # every page; that is noise, not news, for a layer made just now.
    pdfminer_log = logging.getLogger("pdfminer")
    level = pdfminer_log.level
    pdfminer_log.setLevel(logging.ERROR)
    try:
        # The OCR'd layer is read by pdfplumber, as it was when OCR was measured.
        layer = _extract_bounded(
            _Job(path, ocred, text.sha256, len(text.pages), False, "pdfplumber"), limits
        )
    finally:
        pdfminer_log.setLevel(level)
    if len(layer.pages) != len(text.pages):
        raise UnreadableDocument(
            f"{path}: OCR returned {len(layer.pages)} pages for {len(text.pages)}; OCR it "
            f"yourself, e.g. `ocrmypdf -l nld in.pdf out.pdf`"
        )
    found = set(scanned)
    pages = [
        layer.pages[number - 1] if number in found else page
        for number, page in enumerate(text.pages, start=1)
    ]
    if not any(page.strip() for page in pages):
        raise UnreadableDocument(
            f"{path}: has no text layer and OCR found no text in it (a blank or unreadable "
            f"scan?); check the PDF"
        )
    return replace(
        text,
        pages=tuple(pages),
        tables=(
            *(t for t in text.tables if t.page not in found),
            *(t for t in layer.tables if t.page in found),
        ),
        words=(
            *(w for w in text.words if w.page not in found),
            *(w for w in layer.words if w.page in found),
        ),
        ocr_pages=tuple(scanned),
    )


def _read_pdf_bytes(path: Path, *, max_bytes: int) -> bytes:
    """The file's bytes, after the checks that need no PDF library.

    Only a regular file is read: opening a FIFO waits for a writer and a device can be
    read for ever. The type is checked before opening, and again on the open file (opened
    without blocking) in case the path was swapped in between.
    """
    try:
        _check_regular(path, os.stat(path), max_bytes)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with open(fd, "rb") as file:
            info = os.fstat(file.fileno())
            _check_regular(path, info, max_bytes)
            # Read the size the file has (one byte more shows that it grew): read(n)
            # allocates n bytes at once.
            data = file.read(info.st_size + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UnreadableDocument(f"{path}: cannot read the file ({reason})") from None
    _check_size(path, len(data), max_bytes)  # it may have grown since the check
    if not data:
        raise UnreadableDocument(f"{path}: the file is empty (0 bytes); expected a PDF letter")
    if _MAGIC not in data[:_MAGIC_WINDOW]:
        raise UnreadableDocument(
            f"{path}: not a PDF (no %PDF header); save or export the letter as PDF first"
        )
    return data


def _check_regular(path: Path, info: os.stat_result, max_bytes: int) -> None:
    """Refuse anything but a regular file of at most ``max_bytes``."""
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise UnreadableDocument(f"{path}: is a directory, not a PDF file")
    if not stat.S_ISREG(mode):
        kind = (
            "a FIFO (named pipe)" if stat.S_ISFIFO(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket" if stat.S_ISSOCK(mode)
            else "not a regular file"
        )  # fmt: skip
        raise UnreadableDocument(
            f"{path}: is {kind}, not a PDF file; save the letter as a file and give its path"
        )
    _check_size(path, info.st_size, max_bytes)


def _check_size(path: Path, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise UnreadableDocument(
            f"{path}: {size / (1024 * 1024):.0f} MB is more than the memory limit of "
            f"{max_bytes // (1024 * 1024)} MB for one PDF; split it, or allow more with "
            f"{bounded.ENV_MEMORY_MB}=MB"
        )


def _check_page_count(path: Path, count: int, max_pages: int) -> None:
    if count > max_pages:
        raise UnreadableDocument(
            f"{path}: {count} pages is more than the limit of {max_pages}; split off the "
            f"letter itself first, e.g. `qpdf in.pdf --pages . 1-20 -- letter.pdf`"
        )


@dataclass(frozen=True)
class _Job:
    """One extraction, as handed to a worker process."""

    path: Path
    data: bytes
    digest: str
    max_pages: int
    require_text: bool
    #: "fast" or "pdfplumber" (``extractor_choice``).
    extractor: str = "pdfplumber"


def _extract_bounded(job: _Job, limits: Limits) -> PdfText:
    """``_extract`` in a worker process bounded by ``limits``."""
    return bounded.run_bounded(_run_job, job, label=str(job.path), limits=limits)


def _run_job(job: _Job) -> PdfText:
    return _extract(
        job.path,
        job.data,
        job.digest,
        job.max_pages,
        require_text=job.require_text,
        extractor=job.extractor,
    )


def _extract(
    path: Path,
    data: bytes,
    digest: str,
    max_pages: int,
    *,
    require_text: bool = True,
    extractor: str = "pdfplumber",
) -> PdfText:
    """Read ``data``; every failure becomes an ``UnreadableDocument`` (also a PDF without
    any text, unless ``require_text`` is false).

    pdfminer first checks the file's structure (reference loops, the page count), so that
    a hostile file is refused as it always was; then the fast path reads it (``extractor``
    "fast"), or pdfplumber: for the letters the fast path leaves to it, and for those in
    which it finds no text at all (a scan, or a page pdfium could not decode, e.g. a
    compression bomb: pdfplumber then says why).
    """
    pdf, count = _open_checked(path, data, max_pages)
    with pdf:
        if extractor == "fast":
            try:
                result = _extract_fast(path, data, digest, count, pdf)
                if any(text.strip() for text in result.pages):
                    return result
            except _Fallback:
                pass
        return _extract_plumber(path, pdf, digest, require_text=require_text)


def _open_checked(path: Path, data: bytes, max_pages: int) -> tuple[Any, int]:
    """The PDF opened by pdfplumber after the structural checks, and its page count."""
    # Imported here rather than at the top: ~0.3 s of imports that a warm cache avoids.
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data), raise_unicode_errors=False)
    except Exception as exc:  # pdfminer raises anything on bad input
        _reraise_out_of_memory(exc)
        raise _open_error(path, exc) from None
    # The checks run before ``with pdf``: closing a pdfplumber PDF builds every page
    # first (to close them), which on a broken page tree is the very loop to avoid.
    _check_reference_loops(path, pdf, data)
    # The page tree's /Count refuses an overlong PDF before pdfplumber builds an
    # object for every page (about a second per 2,000 pages); the real count below
    # still decides when /Count is missing or understated. (A PDF that overstates
    # it is broken enough that refusing it is no loss.)
    declared = _declared_page_count(pdf)
    _check_page_count(path, declared, max_pages)
    # The time limit grows with the pages: first by the declared count, then by the
    # real one (a page tree can hold far more pages than /Count says).
    bounded.report_pages(declared)
    try:
        count = _count_pages(pdf, max_pages)
    except Exception as exc:  # a broken page tree
        _reraise_out_of_memory(exc)
        raise _damaged(path, exc) from None
    if count > max_pages:  # counting stopped at max_pages + 1: the real count is unknown
        raise UnreadableDocument(
            f"{path}: has more than {max_pages} pages (the limit), although its page tree "
            f"declares {declared}; split off the letter itself first, e.g. "
            f"`qpdf in.pdf --pages . 1-20 -- letter.pdf`"
        )
    bounded.report_pages(count)
    return pdf, count


def _extract_plumber(path: Path, pdf: Any, digest: str, *, require_text: bool) -> PdfText:
    """Every page of the opened ``pdf`` by pdfplumber."""
    pages: list[str] = []
    links: dict[str, None] = {}  # an ordered set
    anchors: dict[LinkAnchor, None] = {}
    tables: list[PdfTable] = []
    words: list[PageWords] = []
    for page in pdf.pages:
        try:
            pages.append(page.extract_text() or "")
        except Exception as exc:  # a broken content stream
            _reraise_out_of_memory(exc)
            raise _damaged(path, exc, page.page_number) from None
        page_anchors = _page_anchors(page)
        links.update(dict.fromkeys(a.uri for a in page_anchors))
        anchors.update(dict.fromkeys(page_anchors))
        page_tables, page_words = _page_tables(page)
        tables.extend(page_tables)
        if page_words is not None:
            words.append(page_words)
        # Drop the page's parsed objects now: a long letter would otherwise keep
        # every character of every page in memory until the end.
        page.close()
    if require_text and not any(text.strip() for text in pages):
        raise UnreadableDocument(f"{path}: has no text layer (a scan?): {_OCR_HINT}")
    return PdfText(
        sha256=digest,
        pages=tuple(pages),
        links=tuple(links),
        anchors=tuple(anchors),
        tables=tuple(tables),
        words=tuple(words),
    )


def _declared_page_count(pdf: pdfplumber.pdf.PDF) -> int:
    """The /Count of the page tree's root, or 0 when it cannot be read."""
    try:
        pages = _resolve(pdf.doc.catalog["Pages"])
        count = _resolve(pages["Count"]) if isinstance(pages, dict) else None
    except Exception:  # a missing or broken page tree: leave it to the real count
        return 0
    return count if isinstance(count, int) and not isinstance(count, bool) else 0


#: References followed in a row before giving up: real files chain one or two.
_MAX_REFERENCE_CHAIN = 32


#: What ``_resolve`` returns for a reference loop when asked to (``default=_LOOP``).
_LOOP = object()


def _resolve(value: Any, default: Any = None) -> Any:
    """``value`` with indirect references followed, like pdfminer's ``resolve1`` but with a
    bound: an object that refers to itself (``5 0 obj 5 0 R``) made ``resolve1`` spin.
    A loop gives ``default``; a reference that cannot be resolved raises."""
    from pdfminer.pdftypes import PDFObjRef

    for _ in range(_MAX_REFERENCE_CHAIN):
        if not isinstance(value, PDFObjRef):
            return value
        value = value.resolve()
    return default


def _check_reference_loops(path: Path, pdf: pdfplumber.pdf.PDF, data: bytes) -> None:
    """Refuse a PDF with an object that is a reference to itself, directly or through a
    chain (``5 0 obj 6 0 R``, ``6 0 obj 5 0 R``): pdfminer follows such a chain for ever
    wherever the object is used. The worker's time limit would stop it too, but only after
    a minute, and without saying why.

    Only the objects whose bytes are a bare reference (``_bare_references``) are parsed
    by pdfminer and followed: parsing every object cost more than reading the letter's
    text with pdfium."""
    from pdfminer.pdftypes import PDFObjRef

    for objid in _bare_references(pdf, data):
        try:
            obj = pdf.doc.getobj(objid)
        except Exception:  # a broken object: pdfplumber will say so if it matters
            continue
        if isinstance(obj, PDFObjRef) and _resolve(obj, default=_LOOP) is _LOOP:
            raise UnreadableDocument(
                f"{path}: the PDF is damaged and cannot be read (object {objid} is a "
                f"reference loop); download it again or repair it, e.g. `qpdf in.pdf out.pdf`"
            )


# PDF whitespace and comments (possessive: a hostile run of "%" cannot make the regex
# backtrack), and an object that is just a reference ("5 0 R").
_WS = rb"(?:[\x00\t\n\x0c\r ]++|%[^\r\n]*+)*+"
_REFERENCE = rb"\d+" + _WS + rb"\d+" + _WS + rb"R(?![^\x00\t\n\x0c\r ()<>\[\]{}/%])"
_DIRECT_HEADER = re.compile(_WS + rb"\d+" + _WS + rb"\d+" + _WS + rb"obj")
_BARE_DIRECT = re.compile(_WS + rb"\d+" + _WS + rb"\d+" + _WS + rb"obj" + _WS + _REFERENCE)
_BARE_IN_STREAM = re.compile(_WS + _REFERENCE)


def _bare_references(pdf: pdfplumber.pdf.PDF, data: bytes) -> list[int]:
    """The objects that may be a bare reference, found in the bytes without parsing: an
    object at a file offset that reads ``N G obj M H R``, an object in an object stream
    whose part of the stream starts with ``M H R``; and every object whose bytes cannot
    be placed that way (an odd offset or object stream), so that pdfminer checks it."""
    doc = pdf.doc
    found: list[int] = []
    seen: set[int] = set()
    streams: dict[int, set[int] | None] = {}  # object stream -> its bare indexes
    for xref in doc.xrefs:
        for objid in xref.get_objids():
            if objid in seen:
                continue
            seen.add(objid)
            try:
                strmid, index, _generation = _first_position(doc, objid)
            except Exception:  # not placeable: pdfminer decides
                found.append(objid)
                continue
            if strmid is None:
                if _BARE_DIRECT.match(data, index) or not _DIRECT_HEADER.match(data, index):
                    found.append(objid)
                continue
            if strmid not in streams:
                streams[strmid] = _bare_in_object_stream(doc, strmid)
            bare = streams[strmid]
            if bare is None or index in bare:
                found.append(objid)
    return found


def _first_position(doc: Any, objid: int) -> tuple[int | None, int, int]:
    """Where pdfminer's ``getobj`` looks for ``objid`` first: the first xref with it."""
    for xref in doc.xrefs:
        try:
            position: tuple[int | None, int, int] = xref.get_pos(objid)
        except KeyError:
            continue
        return position
    raise KeyError(objid)


def _bare_in_object_stream(doc: Any, strmid: int) -> set[int] | None:
    """The indexes of the objects in object stream ``strmid`` that start with a
    reference, or None when the stream's header does not place its objects plainly."""
    try:
        stream = doc.getobj(strmid)
        first = _resolve(stream["First"])
        count = _resolve(stream["N"])
        content = stream.get_data()
    except Exception:
        return None
    if not (isinstance(first, int) and isinstance(count, int) and 0 <= first <= len(content)):
        return None
    header = content[:first].split()
    if len(header) != 2 * count or not all(part.isdigit() for part in header):
        return None
    offsets = [int(part) for part in header[1::2]]
    if any(b < a for a, b in itertools.pairwise(offsets)):
        return None
    return {i for i, offset in enumerate(offsets) if _BARE_IN_STREAM.match(content, first + offset)}


def _count_pages(pdf: pdfplumber.pdf.PDF, max_pages: int) -> int:
    """The number of pages, counted up to ``max_pages + 1`` only: a page tree that lists
    one node ten times on each of nine levels (under 2 KB) would otherwise be walked for
    a billion pages. Enough to compare with the limit."""
    import itertools

    from pdfminer.pdfpage import PDFPage

    return sum(1 for _ in itertools.islice(PDFPage.create_pages(pdf.doc), max_pages + 1))


def _page_anchors(page: pdfplumber.page.Page) -> list[LinkAnchor]:
    """The page's link annotations with the words under them; a malformed annotation is
    skipped, because links only add to the text and must not make a readable letter
    unreadable."""
    try:
        found = list(page.hyperlinks)
    except Exception as exc:  # annotations come in every shape
        _reraise_out_of_memory(exc)
        return []
    words: list[dict[str, Any]] | None = None
    anchors: list[LinkAnchor] = []
    for annot in found:
        uri = annot.get("uri") if isinstance(annot, dict) else None
        if not isinstance(uri, str) or not uri.strip():
            continue
        try:
            if words is None:  # only pages with links pay for the words
                words = list(page.extract_words())
            text = _anchor_text(page.bbox, words, annot)
        except Exception as exc:  # odd coordinates: keep the URI, without anchor text
            _reraise_out_of_memory(exc)
            text = ""
        anchors.append(LinkAnchor(page=page.page_number, text=text, uri=uri.strip()))
    return anchors


#: A table needs this many rows (header included) to be worth keeping: an inventory has a
#: header and at least one document; smaller "tables" are boxes and letterhead frames.
_MIN_TABLE_ROWS = 2

#: At most this many drawn objects (rects, lines, curves) per page before table finding
#: is skipped: a vector drawing or a scanned map is no inventory, and the cost of
#: ``find_tables`` grows with the number of edges.
_MAX_PAGE_EDGES = 5000


def _page_tables(page: pdfplumber.page.Page) -> tuple[list[PdfTable], PageWords | None]:
    """The tables on ``page`` and, when they have no column rulings (one cell per row, as
    in a banded spreadsheet print), the page's words. A page without rulings or rectangles
    costs nothing; a failure only loses the tables, never the text."""
    try:
        drawn = len(page.rects) + len(page.lines) + len(page.curves)
        if drawn == 0 or drawn > _MAX_PAGE_EDGES:
            return [], None
        found = page.find_tables()
        tables: list[PdfTable] = []
        for table in found:
            rows = table.extract()
            if len(rows) < _MIN_TABLE_ROWS:
                continue
            spans = tuple(_row_span(row.bbox) for row in table.rows)
            cells = tuple(tuple((cell or "").strip() for cell in row) for row in rows)
            x0, top, x1, bottom = (round(float(v), 1) for v in table.bbox)
            tables.append(PdfTable(page.page_number, cells, spans, (x0, top, x1, bottom)))
        if not tables or any(_has_columns(t) for t in tables):
            return tables, None
        words = tuple(
            (
                round(float(w["x0"]), 1),
                round(float(w["top"]), 1),
                round(float(w["x1"]), 1),
                round(float(w["bottom"]), 1),
                str(w["text"]),
            )
            for w in page.extract_words()
        )
        return tables, PageWords(page.page_number, words)
    except Exception as exc:  # tables only add to the text; odd drawings must not cost the letter
        _reraise_out_of_memory(exc)
        return [], None


def _row_span(bbox: tuple[float, float, float, float]) -> tuple[float, float]:
    return round(float(bbox[1]), 1), round(float(bbox[3]), 1)


def _has_columns(table: PdfTable) -> bool:
    """Whether most rows of ``table`` have text in two or more cells."""
    multi = sum(1 for row in table.rows if sum(1 for cell in row if cell) >= 2)
    return multi * 2 >= len(table.rows)


def _anchor_text(
    page_bbox: tuple[float, float, float, float],
    words: list[dict[str, Any]],
    annot: dict[str, Any],
) -> str:
    """The words under an annotation's rectangle (clipped to the page), in reading order.

    A word counts when its vertical middle lies inside the rectangle and at least half
    of its width does: rectangles are often a little off (fpdf2 shifts them by the cell
    margin), and a word cut in half could not be found in the page text again.
    """
    left, top, right, bottom = page_bbox
    x0, x1 = sorted((float(annot["x0"]), float(annot["x1"])))
    y0, y1 = sorted((float(annot["top"]), float(annot["bottom"])))
    x0, x1 = max(x0, left), min(x1, right)
    y0, y1 = max(y0, top), min(y1, bottom)
    if x0 >= x1 or y0 >= y1:
        return ""
    inside: list[str] = []
    for word in words:  # extract_words gives them in reading order
        width = max(float(word["x1"]) - float(word["x0"]), 1e-6)
        overlap = min(float(word["x1"]), x1) - max(float(word["x0"]), x0)
        middle = (float(word["top"]) + float(word["bottom"])) / 2
        if y0 <= middle <= y1 and overlap >= width / 2:
            inside.append(str(word["text"]))
    return re.sub(r"\s+", " ", " ".join(inside)).strip()


def _reraise_out_of_memory(exc: BaseException) -> None:
    """Raise ``MemoryError`` when ``exc`` is one or wraps one (pdfplumber wraps pdfminer's
    errors): running out of memory is the worker's limit speaking, not a damaged file,
    and the worker reports it as such."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        if isinstance(current, MemoryError):
            raise MemoryError from exc
        seen.add(id(current))
        todo += [current.__cause__, current.__context__]
        todo += [arg for arg in current.args if isinstance(arg, BaseException)]


def _open_error(path: Path, exc: Exception) -> UnreadableDocument:
    """Classify an exception from opening the PDF (pdfplumber wraps pdfminer's)."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    if isinstance(cause, PDFPasswordIncorrect):
        return UnreadableDocument(
            f"{path}: the PDF is password-protected; remove the password first, "
            f"e.g. `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`"
        )
    if isinstance(cause, PDFEncryptionError):
        return UnreadableDocument(
            f"{path}: the PDF is encrypted in a way wobtrack cannot read ({_one_line(cause)}); "
            f"decrypt it first, e.g. `qpdf --decrypt in.pdf out.pdf`"
        )
    return _damaged(path, cause)


def _damaged(path: Path, exc: BaseException, page: int | None = None) -> UnreadableDocument:
    where = f" on page {page}" if page is not None else ""
    return UnreadableDocument(
        f"{path}: the PDF is damaged{where} and cannot be read ({_one_line(exc)}); "
        f"download it again or repair it, e.g. `qpdf in.pdf out.pdf`"
    )


def _one_line(exc: BaseException, limit: int = 100) -> str:
    """A short, single-line description of a library exception for an error message."""
    text = re.sub(r"\s+", " ", str(exc)).strip()
    text = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- the fast path: pypdfium2 ------------------------------------------------------------

#: Which extractor reads the text layer: "pdfplumber" (every page; the default) or "fast"
#: (pypdfium2, with pdfplumber only where it is needed). The fast path is opt-in until it
#: gives the same scores on the labelled letters (``bench/accuracy.py``: one referral URL
#: fewer in wob-letters, from a space PDFium adds inside a URL); the cache keeps the two
#: apart.
ENV_EXTRACTOR = "WOBTRACK_PDF_EXTRACTOR"
EXTRACTORS = ("fast", "pdfplumber")

# pdfplumber's defaults for ``extract_text`` and ``extract_words``: the fast path groups
# pdfium's characters into words and lines by the same rules, so that the parser, whose
# rules depend on line order and line breaks, sees the same text.
_X_TOLERANCE = 3.0
_Y_TOLERANCE = 3.0
_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
_LIGATURE_TABLE = str.maketrans(_LIGATURES)
#: pdfium reports a hyphen at the end of a line as this control character.
_PDFIUM_HYPHEN = "\x02"
#: ... and in the text of the whole page as this non-character.
_PDFIUM_TEXT_HYPHEN = "\ufffe"
_PDFACTION_URI = 3
#: A space pdfium adds (and the real one it sometimes drops) ends a word when the gap it
#: stands in is at least this share of the font size; a smaller gap is kerning, which
#: pdfplumber reads as one word (measured on the corpus: 0.1 keeps most pages equal).
_SPACE_GAP = 0.1
#: The same for pdfium's space in a kerning gap inside one text object (a TJ array): a
#: smaller gap is kerning that pdfplumber reads as one word, never a space that pdfium
#: dropped (measured on the 1,251 pages of the corpus: 20 fewer pages read otherwise
#: than pdfplumber reads them, 11 more left to it; "beslu t-op" in a footnote URL reads
#: "beslut-op", as in pdfplumber).
_KERNING_SPACE_GAP = 0.35
_PAGEOBJ_PATH = 2
_PAGEOBJ_FORM = 5


def extractor_choice(environ: Mapping[str, str] | None = None) -> str:
    """The extractor named by ``WOBTRACK_PDF_EXTRACTOR`` (default "pdfplumber")."""
    env = os.environ if environ is None else environ
    name = env.get(ENV_EXTRACTOR, "").strip().lower() or "pdfplumber"
    if name not in EXTRACTORS:
        raise InvalidInput(
            f"{ENV_EXTRACTOR}={name!r} is not valid: give one of {', '.join(EXTRACTORS)}"
        )
    return name


class _Fallback(Exception):
    """The fast path cannot read this document as pdfplumber would: use pdfplumber."""


class _PageFallback(Exception):
    """The fast path cannot read this page as pdfplumber would: pdfplumber reads it."""


#: One character as the fast path keeps it: ``(text, x0, top, x1, bottom)``.
_Char = tuple[str, float, float, float, float]


def _extract_fast(path: Path, data: bytes, digest: str, count: int, plumber: Any) -> PdfText:
    """Text and links by pypdfium2, tables by pdfplumber (``plumber``, the PDF already
    opened and checked, of ``count`` pages) on the pages that may hold an inventory table.

    Raises ``_Fallback`` for what pdfplumber must read itself: a file pdfium cannot open
    or counts other pages in. The pages ``_fast_page`` leaves to pdfplumber (rotated pages
    or text, glyphs without a Unicode mapping, a space where pdfplumber's rule is in
    doubt) are read by pdfplumber alone: text, links, and tables.
    """
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # damaged, encrypted: pdfplumber says which
        _reraise_out_of_memory(exc)
        raise _Fallback from None
    try:
        if len(pdf) != count:
            raise _Fallback
        pages: list[str] = []
        links: dict[str, None] = {}
        anchors: dict[LinkAnchor, None] = {}
        tables: list[PdfTable] = []
        words: list[PageWords] = []
        table_pages: list[int] = []
        # Per page read by pdfplumber: its tables (and words), in page order at the end.
        page_tables: dict[int, tuple[list[PdfTable], PageWords | None]] = {}
        for index in range(count):
            page = pdf[index]
            try:
                try:
                    text, page_words = _fast_page(page)
                    page_anchors = _fast_anchors(pdf, page, index + 1, page_words)
                    if _may_hold_table(page):
                        table_pages.append(index)
                except _PageFallback:
                    # pdfplumber has parsed the page for its text: its tables come at
                    # little more cost, as on the pdfplumber path.
                    plumber_page = plumber.pages[index]
                    text, page_anchors = _plumber_page_text(path, plumber_page)
                    if _may_hold_table(page):
                        page_tables[index] = _page_tables(plumber_page)
                    plumber_page.close()
                pages.append(text)
                links.update(dict.fromkeys(a.uri for a in page_anchors))
                anchors.update(dict.fromkeys(page_anchors))
            finally:
                page.close()
        # Tables need pdfplumber's edges and cells, and are only read for an inventory
        # (a table with a header row of column names, or after one): only the pages whose
        # drawings could make a table, from the first page with a line that could be such
        # a header on, pay for pdfplumber.
        first = _first_header_page(pages) if table_pages else None
        if first is not None:
            for index in table_pages:
                if index >= first:
                    plumber_page = plumber.pages[index]
                    page_tables[index] = _page_tables(plumber_page)
                    plumber_page.close()
        for index in sorted(page_tables):
            found, table_words = page_tables[index]
            tables.extend(found)
            if table_words is not None:
                words.append(table_words)
    finally:
        pdf.close()
    return PdfText(
        sha256=digest,
        pages=tuple(pages),
        links=tuple(links),
        anchors=tuple(anchors),
        tables=tuple(tables),
        words=tuple(words),
    )


def _plumber_page_text(path: Path, page: Any) -> tuple[str, list[LinkAnchor]]:
    """One page's text and link anchors by pdfplumber, as ``_extract_plumber`` reads them."""
    try:
        text = page.extract_text() or ""
    except Exception as exc:  # a broken content stream
        _reraise_out_of_memory(exc)
        raise _damaged(path, exc, page.page_number) from None
    return text, _page_anchors(page)


def _first_header_page(pages: Sequence[str]) -> int | None:
    """The 0-based index of the first page with a line that could be the header row of
    an inventory table, as ``inventory`` recognises one: column names of two kinds or
    more, one of them the judgement or the grounds, and mostly column names (a sentence
    is not a header). None when no page has one."""
    from wobtrack.parsing.inventory import header_role

    role = cache(header_role)  # a letter repeats its words: each is matched once
    for index, page in enumerate(pages):
        for line in page.splitlines():
            words = line.split()
            if len(words) < 2:
                continue
            named = [role(word) for word in words]
            if sum(r is not None for r in named) * 2 < len(words):
                continue  # mostly other words: a sentence, not a header
            roles = set(named) | {role(f"{a} {b}") for a, b in itertools.pairwise(words)}
            roles.discard(None)
            if len(roles) >= 2 and roles & {"judgement", "grounds"}:
                return index
    return None


def _fast_page(page: Any) -> tuple[str, list[dict[str, Any]]]:
    """The page's text in pdfplumber's line order, and its words (for link anchors).

    Raises ``_PageFallback`` for a page that pdfplumber must read: a rotated page,
    rotated or mirrored text, glyphs without a Unicode mapping, and a space pdfium wrote
    where pdfplumber's rule is in doubt."""
    import ctypes

    import pypdfium2.raw as raw

    if page.get_rotation() != 0:
        raise _PageFallback  # pdfplumber turns the page; its line order is its own
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        count = raw.FPDFText_CountChars(handle)
        text = _page_text(handle, count)
        height = page.get_height()
        calls = _pdfium_calls()
        is_generated, map_error = calls.is_generated, calls.map_error
        text_object, loose_box, char_origin = calls.text_object, calls.loose_box, calls.char_origin
        address = ctypes.addressof
        raw_handle = ctypes.cast(handle, ctypes.c_void_p).value
        rect, origin_x, origin_y = raw.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
        rect_ref, x_ref, y_ref = address(rect), address(origin_x), address(origin_y)
        matrix, font_size = raw.FS_MATRIX(), ctypes.c_float()
        chars: list[_Char] = []
        append = chars.append
        generated_space = False
        generated_in_object = False
        # Per text object: its font size, and whether its loose boxes start at the origin.
        objects: dict[int | None, list[Any]] = {}
        current: list[Any] | None = None
        previous_object: int | None = -1
        for i in range(count):
            char = text[i]
            if char.isspace() and is_generated(raw_handle, i) == 1:
                # pdfium's own line breaks, and its own spaces: at a gap, and in place of
                # a real space that it drops. Such a space ends a word when the gap could
                # hold a space (pdfplumber would see the real one), decided at the next
                # character. One inside a text object stands for a kerning gap of a TJ
                # array (pdfium keeps it, and drops a real space right after it).
                generated_space = char == " "
                generated_in_object = text_object(raw_handle, i) is not None
                continue
            if map_error(raw_handle, i) == 1:
                # A glyph without a Unicode mapping for pdfium: pdfplumber may map it
                # after all (a /Differences name it does not know leaves the base
                # encoding's letter) or write "(cid:N)"; only it can tell. ("(cid:N)"
                # with pdfium's character code matched 14 of the 15 corpus pages with
                # such glyphs, but not a font whose /Differences name unknown glyphs.)
                raise _PageFallback
            key = text_object(raw_handle, i)
            if key != previous_object or key is None:
                current = objects.get(key)
                if current is None or key is None:
                    # The text object's matrix and font size hold for all its characters.
                    raw.FPDFText_GetMatrix(handle, i, matrix)
                    if matrix.b != 0 or matrix.c != 0 or matrix.a * matrix.d <= 0:
                        raise _PageFallback  # rotated or mirrored text: pdfplumber's order
                    obj = ctypes.cast(key, raw.FPDF_PAGEOBJECT)
                    raw.FPDFTextObj_GetFontSize(obj, font_size)
                    size = font_size.value * abs(matrix.d)
                    if current is None:
                        # pdfium's loose box is measured from the origin unless the
                        # font's metrics are unusable (then it is the glyph's box) or the
                        # text runs vertically; checked on the first character.
                        loose_box(raw_handle, i, rect_ref)
                        char_origin(raw_handle, i, x_ref, y_ref)
                        from_origin = (
                            key is not None
                            and font_size.value != 0
                            and origin_x.value == rect.left
                            and _usable_metrics(obj)
                        )
                        current = objects[key] = [size, from_origin]
                    else:
                        current[0] = size
            assert current is not None
            # pdfminer's box: from the origin one advance wide, from the descent one font
            # size high (pdfium's loose box has the same right edge and bottom).
            loose_box(raw_handle, i, rect_ref)
            if current[1]:
                x0 = rect.left
            else:
                char_origin(raw_handle, i, x_ref, y_ref)
                x0 = origin_x.value
            bottom = height - rect.bottom
            size = current[0]
            if char == _PDFIUM_HYPHEN:
                char = "-"
            # pdfium's space between two text objects ends a word: pdfium leaves out a
            # text object of nothing but a space (it has no width), as word processors
            # write them, and puts its own in its place; pdfplumber sees the real one.
            # (Measured on the corpus: the same text as walking each object's own text
            # for its spaces, on all pages but one, which now reads as pdfplumber's.)
            real_space = (
                generated_space
                and not generated_in_object
                and key != previous_object
                and previous_object != -1
            )
            if chars and real_space:
                last = chars[-1]
                append((" ", last[1], last[2], last[3], last[4]))  # a real space: a word ends
            elif generated_space and chars:
                gap = x0 - chars[-1][3]
                # A kerning gap holds a real space that pdfium dropped only when it is
                # at least the kerning that made pdfium's space (half a space) plus the
                # space itself: 0.35 of the font size for a space of 0.23 or more.
                least = _KERNING_SPACE_GAP if generated_in_object else _SPACE_GAP
                if least * size <= gap <= _X_TOLERANCE:
                    # pdfium's space in a gap pdfplumber would not split at: a real space
                    # that pdfium dropped, or letter spacing; only pdfplumber can tell.
                    raise _PageFallback
            generated_space = False
            previous_object = key
            append((char, x0, bottom - size, rect.right, bottom))
    finally:
        textpage.close()
    return _layout(chars)


class _PdfiumCalls(NamedTuple):
    is_generated: Any
    map_error: Any
    text_object: Any
    loose_box: Any
    char_origin: Any


@cache
def _pdfium_calls() -> _PdfiumCalls:
    """The pdfium functions called for every character, typed with plain addresses and
    integers: pypdfium2's own signatures convert each pointer argument and result into
    a ctypes object, which costs more than the call itself (three times, for the text
    object of each character)."""
    import ctypes

    import pypdfium2.raw as raw

    def typed(function: Any, result: Any, *arguments: Any) -> Any:
        address = ctypes.cast(function, ctypes.c_void_p).value
        assert address is not None  # pypdfium2 loaded the function
        return ctypes.CFUNCTYPE(result, *arguments)(address)

    handle, index, pointer = ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p
    return _PdfiumCalls(
        is_generated=typed(raw.FPDFText_IsGenerated, ctypes.c_int, handle, index),
        map_error=typed(raw.FPDFText_HasUnicodeMapError, ctypes.c_int, handle, index),
        text_object=typed(raw.FPDFText_GetTextObject, ctypes.c_void_p, handle, index),
        loose_box=typed(raw.FPDFText_GetLooseCharBox, ctypes.c_int, handle, index, pointer),
        char_origin=typed(
            raw.FPDFText_GetCharOrigin, ctypes.c_int, handle, index, pointer, pointer
        ),
    )


def _usable_metrics(obj: Any) -> bool:
    """Whether the font of text object ``obj`` has an ascent other than its descent, as
    pdfium's loose character box needs to be measured from the origin."""
    import ctypes

    import pypdfium2.raw as raw

    font = raw.FPDFTextObj_GetFont(obj)
    ascent, descent = ctypes.c_float(), ctypes.c_float()
    if not font or not raw.FPDFFont_GetAscent(font, 1000.0, ascent):
        return False
    if not raw.FPDFFont_GetDescent(font, 1000.0, descent):
        return False
    return ascent.value != descent.value


def _page_text(handle: Any, count: int) -> str:
    """The text page's ``count`` characters, one per index (in one call when pdfium's
    text has one UTF-16 unit per character, as it has but for characters beyond the BMP)."""
    import ctypes

    import pypdfium2.raw as raw

    buffer = ctypes.create_string_buffer((count + 1) * 2)
    written = raw.FPDFText_GetText(
        handle, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
    )
    text = buffer.raw[: max(int(written) - 1, 0) * 2].decode("utf-16-le", errors="replace")
    if len(text) != count:
        return "".join(_unicode(handle, i) for i in range(count))
    if _PDFIUM_TEXT_HYPHEN in text:  # a hyphen at a line end, "\x02" per character
        return "".join(
            _unicode(handle, i) if char == _PDFIUM_TEXT_HYPHEN else char
            for i, char in enumerate(text)
        )
    return text


def _unicode(handle: Any, index: int) -> str:
    import pypdfium2.raw as raw

    code = raw.FPDFText_GetUnicode(handle, index)
    return chr(code) if 0 <= code < 0x110000 else "\ufffd"


def _layout(chars: list[_Char]) -> tuple[str, list[dict[str, Any]]]:
    """pdfplumber's non-layout ``extract_text`` over ``chars`` (in content order): lines by
    top within the tolerance (clusters chained through the sorted tops), each line's
    characters by x0, words split at spaces and at gaps over the tolerance, the words
    clustered into lines again and joined by one space."""
    if not chars:
        return "", []
    line_of = _cluster_ids(c[2] for c in chars)
    # Sorted by line, then x0; Python's sort is stable, as pdfplumber relies on.
    ordered = sorted(chars, key=lambda c: (line_of[c[2]], c[1]))
    words: list[dict[str, Any]] = []
    current: list[_Char] = []
    current_line = -1
    for char in ordered:
        line = line_of[char[2]]
        if line != current_line:
            if current:
                words.append(_merge_word(current))
            current = []
            current_line = line
        if char[0].isspace():
            if current:
                words.append(_merge_word(current))
            current = []
            continue
        if current:
            prev = current[-1]
            if (
                char[1] < prev[1]
                or char[1] > prev[3] + _X_TOLERANCE
                or abs(char[2] - prev[2]) > _Y_TOLERANCE
            ):
                words.append(_merge_word(current))
                current = []
        current.append(char)
    if current:
        words.append(_merge_word(current))
    word_line = _cluster_ids(w["top"] for w in words)
    lines: list[list[str]] = []
    previous = None
    for word in words:  # in order: consecutive words of one cluster make a line
        cluster = word_line[word["top"]]
        if cluster != previous:
            lines.append([])
            previous = cluster
        lines[-1].append(word["text"])
    return "\n".join(" ".join(line) for line in lines), words


def _cluster_ids(values: Iterable[float]) -> dict[float, int]:
    """pdfplumber's ``make_cluster_dict``: sorted distinct values, chained within the
    tolerance, numbered from the top."""
    ids: dict[float, int] = {}
    cluster, last = -1, None
    for value in sorted(set(values)):
        if last is None or value > last + _Y_TOLERANCE:
            cluster += 1
        ids[value] = cluster
        last = value
    return ids


def _merge_word(chars: list[_Char]) -> dict[str, Any]:
    texts, x0s, tops, x1s, bottoms = zip(*chars, strict=True)
    return {
        "text": "".join(texts).translate(_LIGATURE_TABLE),
        "x0": min(x0s),
        "top": min(tops),
        "x1": max(x1s),
        "bottom": max(bottoms),
    }


def _fast_anchors(
    pdf: Any, page: Any, number: int, words: list[dict[str, Any]]
) -> list[LinkAnchor]:
    """The page's URI link annotations with the words under them (``_anchor_text``)."""
    import ctypes

    import pypdfium2.raw as raw

    height = page.get_height()
    width = page.get_width()
    anchors: list[LinkAnchor] = []
    position = ctypes.c_int(0)
    link = raw.FPDF_LINK()
    while raw.FPDFLink_Enumerate(page.raw, ctypes.byref(position), ctypes.byref(link)):
        action = raw.FPDFLink_GetAction(link)
        if not action or raw.FPDFAction_GetType(action) != _PDFACTION_URI:
            continue
        size = raw.FPDFAction_GetURIPath(pdf.raw, action, None, 0)
        if size <= 1:
            continue
        buffer = ctypes.create_string_buffer(size)
        raw.FPDFAction_GetURIPath(pdf.raw, action, buffer, size)
        uri = buffer.value.decode("latin-1").strip()
        if not uri:
            continue
        rect = raw.FS_RECTF()
        text = ""
        if raw.FPDFLink_GetAnnotRect(link, ctypes.byref(rect)):
            annot = {
                "x0": rect.left,
                "x1": rect.right,
                "top": height - rect.top,
                "bottom": height - rect.bottom,
            }
            text = _anchor_text((0.0, 0.0, width, height), words, annot)
        anchors.append(LinkAnchor(page=number, text=text, uri=uri))
    return anchors


#: Edges shorter than this do not count (pdfplumber's ``edge_min_length``).
_MIN_EDGE = 3.0
#: A table of two rows is at least three horizontal rulings and two vertical ones.
_TABLE_MIN_HORIZONTAL = 3
_TABLE_MIN_VERTICAL = 2


def _may_hold_table(page: Any) -> bool:
    """Whether the page's drawings could make a table for pdfplumber's ``find_tables``
    (which finds cells between ruling lines): at least three horizontal and two vertical
    straight edges at distinct positions, from lines and rectangles. A page without (a
    letter with a logo, a rule under the letterhead) is not given to pdfplumber at all.
    Drawings inside form XObjects count as "maybe": their coordinates are not followed."""
    import ctypes

    import pypdfium2.raw as raw

    horizontal: set[int] = set()
    vertical: set[int] = set()
    matrix = raw.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()

    def add_edge(p: tuple[float, float], q: tuple[float, float]) -> None:
        dx, dy = abs(p[0] - q[0]), abs(p[1] - q[1])
        if dy < 1 and dx >= _MIN_EDGE:
            horizontal.add(round(p[1] / _MIN_EDGE))
        elif dx < 1 and dy >= _MIN_EDGE:
            vertical.add(round(p[0] / _MIN_EDGE))

    def path_edges(obj: Any) -> None:
        raw.FPDFPageObj_GetMatrix(obj, matrix)
        a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
        start = current = (0.0, 0.0)
        for i in range(raw.FPDFPath_CountSegments(obj)):
            segment = raw.FPDFPath_GetPathSegment(obj, i)
            raw.FPDFPathSegment_GetPoint(segment, x, y)
            point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            kind = raw.FPDFPathSegment_GetType(segment)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                start = point
            elif kind == raw.FPDF_SEGMENT_LINETO:
                add_edge(current, point)
            current = point
            if raw.FPDFPathSegment_GetClose(segment):
                add_edge(current, start)
                current = start

    for i in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = raw.FPDFPage_GetObject(page.raw, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == _PAGEOBJ_PATH:
            path_edges(obj)
        elif kind == _PAGEOBJ_FORM and _form_has_path(obj):
            return True
        if len(horizontal) >= _TABLE_MIN_HORIZONTAL and len(vertical) >= _TABLE_MIN_VERTICAL:
            return True
    return False


def _form_has_path(form: Any) -> bool:
    import pypdfium2.raw as raw

    for i in range(raw.FPDFFormObj_CountObjects(form)):
        obj = raw.FPDFFormObj_GetObject(form, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == _PAGEOBJ_PATH or (kind == _PAGEOBJ_FORM and _form_has_path(obj)):
            return True
    return False


# --- cache -------------------------------------------------------------------------------


@cache
def _cache_key_suffix(extractor: str = "pdfplumber") -> str:
    """Extractor version and choice, and the versions of the libraries it uses: a new
    pdfplumber or pdfium can extract different text, and the fast path's text must never
    be served for pdfplumber's (or the other way round)."""
    from importlib.metadata import PackageNotFoundError, version

    def installed(package: str) -> str:
        try:
            return version(package)
        except PackageNotFoundError:  # e.g. a vendored copy; the extractor version counts
            return "unknown"

    plumber = f"pdfplumber{installed('pdfplumber')}"
    if extractor == "pdfplumber":
        return f"x{EXTRACTOR_VERSION}-{plumber}"
    pdfium = f"pdfium{installed('pypdfium2')}"
    return f"x{EXTRACTOR_VERSION}-{extractor}-{pdfium}-f{FAST_PATH_VERSION}-{plumber}"


def _cache_file(cache_dir: Path, digest: str, extractor: str, *, ocr: bool = False) -> Path:
    """The cache entry of a file: its text, or (``ocr``) its text with the scans OCR'd."""
    suffix = _cache_key_suffix(extractor)
    if not ocr:
        return cache_dir / f"{digest}.{suffix}.json"
    from wobtrack.parsing.ocr import LANGUAGE, OCR_VERSION

    return cache_dir / f"{digest}.{suffix}.ocr{OCR_VERSION}-{LANGUAGE}.json"


def _load_cached(entry: Path, digest: str) -> PdfText | None:
    """The cached text, or None on a miss or an unusable entry (then it is rewritten)."""
    try:
        raw: Any = json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict) or raw.get("sha256") != digest:
        return None
    pages, links = raw.get("pages"), raw.get("links")
    if not (isinstance(pages, list) and all(isinstance(p, str) for p in pages)):
        return None
    if not (isinstance(links, list) and all(isinstance(u, str) for u in links)):
        return None
    anchors = _anchors_from_json(raw.get("anchors"))
    if anchors is None:
        return None
    tables = _tables_from_json(raw.get("tables"))
    words = _words_from_json(raw.get("words"))
    ocr_pages = raw.get("ocr_pages", [])
    if tables is None or words is None:
        return None
    if not (isinstance(ocr_pages, list) and all(map(_is_int, ocr_pages))):
        return None
    return PdfText(
        sha256=digest,
        pages=tuple(pages),
        links=tuple(links),
        anchors=anchors,
        tables=tables,
        words=words,
        ocr_pages=tuple(ocr_pages),
    )


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _tables_from_json(raw: Any) -> tuple[PdfTable, ...] | None:
    """The cached ``[{"page", "rows", "spans", "bbox"}, ...]``, or None if malformed."""
    if not isinstance(raw, list):
        return None
    tables: list[PdfTable] = []
    for item in raw:
        if not isinstance(item, dict):
            return None
        page, rows, spans, bbox = (item.get(k) for k in ("page", "rows", "spans", "bbox"))
        if not (isinstance(page, int) and isinstance(rows, list) and isinstance(spans, list)):
            return None
        if not all(
            isinstance(r, list) and all(isinstance(c, str) for c in r) for r in rows
        ) or not all(
            isinstance(s, list) and len(s) == 2 and all(map(_is_number, s)) for s in spans
        ):
            return None
        if not (isinstance(bbox, list) and len(bbox) == 4 and all(map(_is_number, bbox))):
            return None
        tables.append(
            PdfTable(
                page=page,
                rows=tuple(tuple(r) for r in rows),
                row_spans=tuple((float(s[0]), float(s[1])) for s in spans),
                bbox=(float(bbox[0]), float(bbox[1]), float(bbox[2]), float(bbox[3])),
            )
        )
    return tuple(tables)


def _words_from_json(raw: Any) -> tuple[PageWords, ...] | None:
    """The cached ``[{"page": 1, "words": [[x0, top, x1, bottom, text], ...]}]``."""
    if not isinstance(raw, list):
        return None
    pages: list[PageWords] = []
    for item in raw:
        if not isinstance(item, dict) or not _is_int(item.get("page")):
            return None
        words: list[Word] = []
        for w in item.get("words") or []:
            if not (
                isinstance(w, list)
                and len(w) == 5
                and all(map(_is_number, w[:4]))
                and isinstance(w[4], str)
            ):
                return None
            words.append((float(w[0]), float(w[1]), float(w[2]), float(w[3]), w[4]))
        pages.append(PageWords(page=item["page"], words=tuple(words)))
    return tuple(pages)


def _anchors_from_json(raw: Any) -> tuple[LinkAnchor, ...] | None:
    """The cached ``[{"page": 1, "text": ..., "uri": ...}, ...]``, or None if malformed."""
    if not isinstance(raw, list):
        return None
    anchors: list[LinkAnchor] = []
    for item in raw:
        if not isinstance(item, dict):
            return None
        page, text, uri = item.get("page"), item.get("text"), item.get("uri")
        if not (
            isinstance(page, int)
            and not isinstance(page, bool)
            and isinstance(text, str)
            and isinstance(uri, str)
        ):
            return None
        anchors.append(LinkAnchor(page=page, text=text, uri=uri))
    return tuple(anchors)


def _store_cached(entry: Path, result: PdfText) -> None:
    """Write the entry atomically (temporary file + rename), so a parallel reader never
    sees half a file. A failing write (read-only or full disk) only costs speed, so it
    is ignored rather than failing the parse."""
    payload = {
        "extractor": EXTRACTOR_VERSION,
        "sha256": result.sha256,
        "pages": list(result.pages),
        "links": list(result.links),
        "anchors": [{"page": a.page, "text": a.text, "uri": a.uri} for a in result.anchors],
        "tables": [
            {
                "page": t.page,
                "rows": [list(r) for r in t.rows],
                "spans": [list(s) for s in t.row_spans],
                "bbox": list(t.bbox),
            }
            for t in result.tables
        ],
        "words": [{"page": w.page, "words": [list(x) for x in w.words]} for w in result.words],
        "ocr_pages": list(result.ocr_pages),
    }
    tmp_name: str | None = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=entry.parent, prefix=".tmp-", suffix=".json", delete=False
        ) as tmp:
            tmp_name = tmp.name
            json.dump(payload, tmp, ensure_ascii=False, separators=(",", ":"))
        # No fsync: after a crash an entry may be empty or cut short, which _load_cached
        # treats as a miss; the cache never has to be more durable than that.
        os.replace(tmp_name, entry)
        tmp_name = None
    except OSError:
        pass
    finally:
        if tmp_name is not None:
            Path(tmp_name).unlink(missing_ok=True)
