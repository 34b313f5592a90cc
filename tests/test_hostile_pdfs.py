"""Hostile and odd input files: each ends in one error line, in bounded time and memory.

The PDFs are written byte by byte here (no fixture files): reference loops of under 1 KB,
a compression bomb that inflates to 512 MB, a page tree with far more pages than its
/Count says, a page of millions of operators, a truncated file; and the paths that are
not files at all (a FIFO, a directory, a device). Small limits keep the set fast; each
case must end well within ``BOUND_S``.
"""

from __future__ import annotations

import json
import os
import signal
import struct
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.pdfmaker import SAMPLES, pdf_bytes, text_to_pdf, truncated_pdf
from wobtrack.cli import cli
from wobtrack.errors import InvalidInput, UnreadableDocument, WobtrackError
from wobtrack.parsing import bounded, pdftext
from wobtrack.parsing.batch import parse_files
from wobtrack.parsing.bounded import Limits
from wobtrack.parsing.pdftext import extract_pdf

#: The limits of these tests: 256 MB instead of 1 GB, and seconds instead of a minute.
#: The time is generous where another limit must speak first (counting 3,000 pages or
#: inflating the bomb takes a second or two, more on a loaded machine) and short where
#: the time limit itself is tested (``TIME_LIMITED``).
LIMITS = Limits(seconds=20.0, seconds_per_page=0.5, memory_mb=256)
SHORT = Limits(seconds=3.0, seconds_per_page=0.0, memory_mb=256)
TIME_LIMITED = {"operator flood"}
#: The limits of the parse batches: one for every file, so in between.
BATCH = Limits(seconds=8.0, seconds_per_page=0.5, memory_mb=256)
#: What every case must stay under (generous: the machine is shared and may be slow).
BOUND_S = 45.0

WOB = SAMPLES / "wob-besluit-2021.pdf"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files and limits")


# --- building PDFs by hand ---------------------------------------------------------------


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def page(contents: int = 4, font: int = 5) -> bytes:
    return (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (contents, font)
    )


def stream(data: bytes, *, flate: bool = False) -> bytes:
    flt = b" /Filter /FlateDecode" if flate else b""
    return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), flt, data)


TEXT = stream(b"BT /F1 12 Tf 72 720 Td (Besluit op uw Woo-verzoek) Tj ET")


def repeated_deflate(chunk: bytes, times: int) -> bytes:
    """A zlib stream of ``chunk`` repeated ``times`` times, built without ever holding the
    inflated data: the compressed block of one chunk is repeated (a full flush makes each
    block independent), and the checksum is computed chunk by chunk."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    adler = 1
    for _ in range(times):
        adler = zlib.adler32(chunk, adler)
    return b"\x78\xda" + block * times + compressor.flush() + struct.pack(">I", adler)


def count_loop() -> bytes:
    """/Count is object 6, and object 6 is a reference to itself: wobtrack's own page
    counting (pdfminer's resolve1) spun on it for ever."""
    return pdf_bytes(
        CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 6 0 R >>", page(), TEXT, FONT, b"6 0 R"
    )


def reference_chain() -> bytes:
    """The only page is object 6, which refers to 7, which refers to 6."""
    return pdf_bytes(
        CATALOG, b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>", page(), TEXT, FONT,
        b"7 0 R", b"6 0 R",
    )  # fmt: skip


def pages_is_itself() -> bytes:
    """The catalog's page tree (object 2) is a reference to itself."""
    return pdf_bytes(CATALOG, b"2 0 R")


def compression_bomb() -> bytes:
    """A page whose content stream (about 0.5 MB in the file) inflates to 512 MB."""
    bomb = repeated_deflate(b" " * (1 << 20), 512)
    return pdf_bytes(
        CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page(), stream(bomb, flate=True),
        FONT,
    )  # fmt: skip


def understated_page_count(pages: int = 3000) -> bytes:
    """``pages`` pages (one shared content stream) under a page tree whose /Count says 1."""
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + n) for n in range(pages))
    return pdf_bytes(
        CATALOG, b"<< /Type /Pages /Kids [%s] /Count 1 >>" % kids, TEXT, FONT,
        *[page(contents=3, font=4)] * pages,
    )  # fmt: skip


def operator_flood() -> bytes:
    """One page of ten million drawing operators (``q Q``) in 40 KB: pdfminer needs
    minutes for it, a heavy page that only the time limit stops."""
    flood = repeated_deflate(b"q Q\n" * (1 << 18), 10)
    return pdf_bytes(
        CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page(), stream(flood, flate=True),
        FONT,
    )  # fmt: skip


# --- the cases -------------------------------------------------------------------------------


def _write(name: str, build: Callable[[], bytes]) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(build())
        return path

    return make


def _fifo(tmp: Path) -> Path:
    path = tmp / "pipe.pdf"
    os.mkfifo(path)  # nobody ever writes to it: opening it for reading used to block
    return path


def _directory(tmp: Path) -> Path:
    path = tmp / "folder.pdf"
    path.mkdir()
    return path


#: name -> (how to make the input, a phrase its one-line error must contain)
HOSTILE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "reference loop in /Count": (_write("count.pdf", count_loop), "reference loop"),
    "reference chain": (_write("chain.pdf", reference_chain), "reference loop"),
    "page tree is itself": (_write("tree.pdf", pages_is_itself), "reference loop"),
    "compression bomb": (_write("bomb.pdf", compression_bomb), "more than 256 MB of memory"),
    "understated page count": (
        _write("many.pdf", understated_page_count),
        "has more than 500 pages (the limit)",
    ),
    "operator flood": (_write("flood.pdf", operator_flood), "took longer than"),
    "truncated file": (lambda tmp: truncated_pdf(WOB, tmp / "half.pdf"), "damaged"),
    "FIFO": (_fifo, "is a FIFO (named pipe), not a PDF file"),
    "directory": (_directory, "is a directory"),
    "device": (lambda _tmp: Path("/dev/zero"), "is a device, not a PDF file"),
}


def test_the_hand_made_pdfs_are_small() -> None:
    # "Hostile" means cheap to send: every file is tiny next to what it costs to read.
    assert len(count_loop()) < 1024
    assert len(reference_chain()) < 1024
    assert len(pages_is_itself()) < 1024
    assert len(operator_flood()) < 100_000
    assert len(compression_bomb()) < 1_000_000


@pytest.mark.parametrize("extractor", pdftext.EXTRACTORS)
@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_input_is_one_error_line_in_bounded_time(
    name: str, extractor: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same on both text paths: the fast path runs in the same bounded worker, after
    # the same structural checks.
    monkeypatch.setenv(pdftext.ENV_EXTRACTOR, extractor)
    if name == "device" and not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    make, phrase = HOSTILE[name]
    path = make(tmp_path)
    cache = tmp_path / "cache"
    started = time.monotonic()
    with pytest.raises(UnreadableDocument) as info:
        extract_pdf(path, cache_dir=cache, limits=SHORT if name in TIME_LIMITED else LIMITS)
    assert time.monotonic() - started < BOUND_S
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert phrase in message
    assert "\n" not in message
    assert not cache.exists() or not any(cache.iterdir()), "a failure must not be cached"


def test_a_real_letter_passes_the_small_limits(tmp_path: Path) -> None:
    # The limits stop hostile files, not letters: the sample extracts as before.
    assert len(extract_pdf(WOB, cache_dir=None, limits=LIMITS).pages) == 4


def test_pages_raise_the_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 4 s of work after counting 3 pages, with 3 s base: only the per-page allowance
    # (3 x 2 s) lets it finish.
    letter = text_to_pdf("Besluit\fpagina 2\fpagina 3", tmp_path / "three.pdf")
    real = pdftext._extract

    def slow(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        time.sleep(4.0)
        return result

    monkeypatch.setattr(pdftext, "_extract", slow)
    limits = Limits(seconds=3.0, seconds_per_page=2.0, memory_mb=256)
    assert len(extract_pdf(letter, cache_dir=None, limits=limits).pages) == 3
    with pytest.raises(UnreadableDocument, match="took longer than 3 s and was stopped"):
        extract_pdf(letter, cache_dir=None, limits=Limits(3.0, 0.0, 256))


# --- the worker: time, memory, crashes ------------------------------------------------------


def _hang(*_args: Any, **_kwargs: Any) -> Any:
    time.sleep(600)


def _kill_myself(*_args: Any, **_kwargs: Any) -> Any:
    os.kill(os.getpid(), signal.SIGKILL)


def _crash(*_args: Any, **_kwargs: Any) -> Any:
    raise RuntimeError("pdfminer\nbug")


@pytest.mark.parametrize(
    ("behaviour", "error", "phrase"),
    [
        (_hang, UnreadableDocument, "took longer than 1 s and was stopped"),
        (_kill_myself, WobtrackError, "was killed by SIGKILL (out of memory?"),
        (_crash, WobtrackError, "internal error while reading the PDF (RuntimeError: pdfminer"),
    ],
    ids=["hangs", "killed", "crashes"],
)  # fmt: skip
def test_a_worker_that_hangs_dies_or_crashes_is_one_error_line(
    behaviour: Callable[..., Any],
    error: type[Exception],
    phrase: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pdftext, "_extract", behaviour)
    started = time.monotonic()
    with pytest.raises(error) as info:
        extract_pdf(WOB, cache_dir=None, limits=Limits(1.0, 0.0, 256))
    assert time.monotonic() - started < BOUND_S
    assert str(info.value).startswith(f"{WOB}: ")
    assert phrase in str(info.value)
    assert "\n" not in str(info.value)


def test_run_each_keeps_input_order_and_reports_each_file() -> None:
    seen: list[int] = []
    outcomes = bounded.run_each(
        _square_or_fail, [3, -1, 2], ["three", "minus one", "two"], jobs=2, limits=LIMITS,
        on_done=lambda index, _outcome: seen.append(index),
    )  # fmt: skip
    assert outcomes[0] == 9
    assert outcomes[2] == 4
    assert isinstance(outcomes[1], InvalidInput)
    assert str(outcomes[1]) == "minus one: negative"
    assert sorted(seen) == [0, 1, 2]


def _square_or_fail(n: int) -> int:
    if n < 0:
        raise InvalidInput("minus one: negative")
    return n * n


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, Limits(60.0, 1.0, 1024)),
        ({"WOBTRACK_PDF_TIMEOUT": "5", "WOBTRACK_PDF_PAGE_TIMEOUT": "0",
          "WOBTRACK_PDF_MEMORY_MB": "300"}, Limits(5.0, 0.0, 300)),
        ({"WOBTRACK_PDF_TIMEOUT": " 2.5 "}, Limits(2.5, 1.0, 1024)),
    ],
)  # fmt: skip
def test_limits_from_the_environment(env: dict[str, str], expected: Limits) -> None:
    assert Limits.from_env(env) == expected


@pytest.mark.parametrize(
    "env",
    [{"WOBTRACK_PDF_TIMEOUT": "soon"}, {"WOBTRACK_PDF_TIMEOUT": "0"},
     {"WOBTRACK_PDF_TIMEOUT": "inf"}, {"WOBTRACK_PDF_PAGE_TIMEOUT": "-1"},
     {"WOBTRACK_PDF_MEMORY_MB": "1.5"}, {"WOBTRACK_PDF_MEMORY_MB": "0"}],
)  # fmt: skip
def test_bad_limits_are_one_error_line(env: dict[str, str]) -> None:
    with pytest.raises(InvalidInput) as info:
        Limits.from_env(env)
    (name,) = env
    assert str(info.value).startswith(f"{name}=")
    assert "\n" not in str(info.value)


# --- parse: a batch where some files are hostile ------------------------------------------------


@pytest.fixture
def small_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("WOBTRACK_PDF_TIMEOUT", str(BATCH.seconds))
    monkeypatch.setenv("WOBTRACK_PDF_PAGE_TIMEOUT", str(BATCH.seconds_per_page))
    monkeypatch.setenv("WOBTRACK_PDF_MEMORY_MB", str(BATCH.memory_mb))


def _parse(tmp_path: Path, *args: str) -> Any:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "never.db"), "parse", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


@pytest.mark.usefixtures("small_limits")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_parse_reports_every_file_whatever_the_hostile_ones_do(jobs: str, tmp_path: Path) -> None:
    good = [
        text_to_pdf(f"Besluit op uw Woo-verzoek {n}", tmp_path / f"goed-{n}.pdf") for n in (1, 2)
    ]
    bad = {name: make(tmp_path) for name, (make, _phrase) in HOSTILE.items() if name != "directory"}
    files = [str(good[0]), *map(str, bad.values()), str(good[1])]
    started = time.monotonic()
    result = _parse(tmp_path, "--json", "--no-cache", "--jobs", jobs, *files)
    assert time.monotonic() - started < 2 * BOUND_S
    assert [d["file"] for d in json.loads(result.stdout)] == [str(good[0]), str(good[1])]
    errors = result.stderr.splitlines()
    assert len(errors) == len(bad)
    for (name, path), line in zip(bad.items(), errors, strict=True):
        assert line.startswith(f"Error: {path}: "), name
        assert HOSTILE[name][1] in line, name
    assert result.exit_code == 4  # all unreadable documents
    assert "Traceback" not in result.output


def _letters(tmp_path: Path, count: int) -> list[str]:
    return [str(text_to_pdf(f"Besluit nummer {n}", tmp_path / f"{n}.pdf")) for n in range(count)]


@pytest.mark.usefixtures("small_limits")
@pytest.mark.parametrize(
    ("behaviour", "phrase", "status"),
    [(_hang, "took longer than", 4), (_kill_myself, "was killed by SIGKILL", 1)],
    ids=["hangs", "killed"],
)
def test_one_hanging_or_killed_worker_costs_one_file(
    behaviour: Callable[..., Any],
    phrase: str,
    status: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from wobtrack.parsing import letters

    real = letters.parse_letter

    def fragile(pages: Any, *args: Any, **kwargs: Any) -> Any:
        if any("nummer 3" in text for text in pages):
            behaviour()
        return real(pages, *args, **kwargs)

    monkeypatch.setattr(letters, "parse_letter", fragile)
    files = _letters(tmp_path, 6)
    result = _parse(tmp_path, "--json", "--jobs", "2", *files)
    assert [d["file"] for d in json.loads(result.stdout)] == [f for f in files if "3.pdf" not in f]
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: {files[3]}: ")
    assert phrase in line
    assert result.exit_code == status


@pytest.mark.usefixtures("small_limits")
def test_a_worker_killed_from_outside_costs_its_file_only(tmp_path: Path) -> None:
    # As in the issue: kill -9 one worker while the batch runs; every other file is kept.
    marker = tmp_path / "worker.pid"
    files = _letters(tmp_path, 5)
    slow = files[2]

    import threading

    from wobtrack.parsing import letters

    real = letters.parse_letter

    def waits_to_be_killed(pages: Any, *args: Any, **kwargs: Any) -> Any:
        if any("nummer 2" in text for text in pages):
            marker.write_text(str(os.getpid()), encoding="ascii")
            time.sleep(600)
        return real(pages, *args, **kwargs)

    def killer() -> None:
        deadline = time.monotonic() + BOUND_S
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.1)
        os.kill(int(marker.read_text(encoding="ascii")), signal.SIGKILL)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(letters, "parse_letter", waits_to_be_killed)
        thread = threading.Thread(target=killer)
        thread.start()
        results = parse_files(files, 2, None, limits=Limits(BOUND_S, 0.0, 256))
        thread.join()
    assert [r.file for r in results] == files
    assert [r.ok for r in results] == [True, True, False, True, True]
    assert results[2].error is not None
    assert results[2].error.startswith(f"{slow}: ")
    assert "killed by SIGKILL" in results[2].error


@pytest.mark.usefixtures("small_limits")
def test_bad_limit_in_the_environment_is_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WOBTRACK_PDF_TIMEOUT", "soon")
    result = _parse(tmp_path, str(WOB))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: WOBTRACK_PDF_TIMEOUT='soon' is not valid")
    assert len(result.stderr.splitlines()) == 1
