"""OCR of scanned pages with OCRmyPDF and Tesseract's Dutch model, in a subprocess.

``ocr_pdf(path, data, pages, ...)`` returns the PDF with a text layer of recognised words
on the given 1-based pages (``pdftext`` then reads it like any text layer), or raises
``UnreadableDocument`` with a one-line, actionable message (OCR not installed, the Dutch
model missing, OCR failed or took too long). OCRmyPDF runs as a separate process, in a
temporary folder that is removed afterwards, with a time bound; it is found as the
``ocrmypdf`` Python package (``pip install 'wobtrack[ocr]'``) or else as the ``ocrmypdf``
program on PATH (the operating system's package). This module imports no PDF library:
``pdftext.extract_pdf(..., ocr=True)`` decides which pages need OCR.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from wobtrack.errors import UnreadableDocument

#: Bump when the OCR settings or the post-processing of its text change: it is part of the
#: OCR cache key, so old entries are simply no longer found.
OCR_VERSION = "2"

#: Tesseract's language model: Dutch.
LANGUAGE = "nld"

#: The time bound of one OCR run: a fixed start-up allowance plus this much per page.
#: Tesseract needs a few seconds for a page at 300 dpi; a minute per page only stops a
#: run that hangs or a page so big that it would take the machine down for minutes.
BASE_TIMEOUT_S = 60.0
PAGE_TIMEOUT_S = 60.0

INSTALL_HINT = (
    "install OCR with `sudo apt-get install ocrmypdf tesseract-ocr-nld` (Debian/Ubuntu) or "
    "`brew install ocrmypdf tesseract-lang` (macOS); `pip install 'wobtrack[ocr]'` installs "
    "the Python side over an installed Tesseract"
)
_DUTCH_HINT = (
    "install Tesseract's Dutch model with `sudo apt-get install tesseract-ocr-nld` "
    "(Debian/Ubuntu) or `brew install tesseract-lang` (macOS)"
)

#: OCRmyPDF's exit codes that the user can act on (ocrmypdf.ExitCode).
_EXIT_MISSING_DEPENDENCY = 3
_EXIT_ENCRYPTED = 8


def ocr_time_limit(pages: int) -> float:
    """The default time limit of OCR'ing ``pages`` pages."""
    return BASE_TIMEOUT_S + PAGE_TIMEOUT_S * pages


def ocr_warning(pages: Sequence[int]) -> str:
    """The warning a parse result carries when ``pages`` (1-based) were read by OCR."""
    which = ", ".join(map(str, pages))
    noun = "page" if len(pages) == 1 else "pages"
    return (
        f"{noun} {which} read by OCR: the text may contain recognition errors; check dates, "
        f"item numbers and grounds against the letter"
    )


@cache
def ocrmypdf_command() -> tuple[str, ...] | None:
    """How to run OCRmyPDF here: the Python package in this interpreter, else the program
    on PATH; None when neither is installed."""
    if find_spec("ocrmypdf") is not None:
        return (sys.executable, "-m", "ocrmypdf")
    program = shutil.which("ocrmypdf")
    return (program,) if program else None


@cache
def _tesseract_languages() -> frozenset[str] | None:
    """The languages of the installed Tesseract, or None when there is no Tesseract."""
    program = shutil.which("tesseract")
    if program is None:
        return None
    try:
        done = subprocess.run(
            [program, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    # The first line is a heading ('List of available languages in "...":').
    lines = (done.stdout + "\n" + done.stderr).splitlines()
    return frozenset(line.strip() for line in lines if re.fullmatch(r"\s*[\w\-]+\s*", line))


def check_installed(path: Path) -> tuple[str, ...]:
    """The OCRmyPDF command, after checking that Tesseract with Dutch is there too."""
    command = ocrmypdf_command()
    languages = _tesseract_languages()
    if command is None or languages is None:
        missing = "OCRmyPDF" if command is None else "Tesseract"
        raise UnreadableDocument(
            f"{path}: has no text layer on some pages and OCR is not available "
            f"({missing} not found): {INSTALL_HINT}"
        )
    if LANGUAGE not in languages:
        raise UnreadableDocument(
            f"{path}: has no text layer on some pages and Tesseract has no Dutch model "
            f"({LANGUAGE}): {_DUTCH_HINT}"
        )
    return command


def ocr_pdf(
    path: Path, data: bytes, pages: Sequence[int], *, timeout: float | None = None
) -> bytes:
    """The PDF ``data`` (read from ``path``) with an OCR text layer on ``pages`` (1-based).

    Only those pages are rasterised and recognised (``--pages`` with ``--force-ocr``: a
    page chosen for OCR may carry a stray bit of text, such as a stamp). The words are laid
    over the page where Tesseract found them (OCRmyPDF's hOCR renderer), so pdfplumber reads
    them into lines as it reads a text PDF: a table row stays one line, where Tesseract's
    own text output would give it column by column. ``timeout`` defaults to
    ``BASE_TIMEOUT_S + PAGE_TIMEOUT_S`` per page.
    """
    wanted = sorted(set(pages))
    if not wanted:
        return data
    command = check_installed(path)
    limit = timeout if timeout is not None else ocr_time_limit(len(wanted))
    with tempfile.TemporaryDirectory(prefix="wobtrack-ocr-") as folder:
        work = Path(folder)
        source = work / "in.pdf"
        source.write_bytes(data)
        target = work / "out.pdf"
        args = [
            *command,
            "--language", LANGUAGE,
            "--pages", ",".join(map(str, wanted)),
            "--force-ocr",
            "--output-type", "pdf",  # not PDF/A: no Ghostscript pass over the whole file
            "--optimize", "0",
            "--pdf-renderer", "hocr",
            "--quiet",
            str(source),
            str(target),
        ]  # fmt: skip
        env = dict(os.environ)
        env["TMPDIR"] = folder  # OCRmyPDF's own scratch files go into our folder too
        # One thread per Tesseract: OCRmyPDF already runs a Tesseract per core, and with
        # several letters OCR'd at once (parse --jobs) Tesseract's OpenMP threads spin on
        # the shared cores, which made a 7-second page take over two minutes.
        env["OMP_THREAD_LIMIT"] = "1"
        code, stderr = _run(args, env, limit, path)
        if code == _EXIT_MISSING_DEPENDENCY:
            raise UnreadableDocument(
                f"{path}: OCR is not fully installed ({_last_line(stderr)}): {INSTALL_HINT}"
            )
        if code == _EXIT_ENCRYPTED:
            raise UnreadableDocument(
                f"{path}: the PDF is encrypted, so it cannot be OCR'd; decrypt it first, "
                f"e.g. `qpdf --decrypt in.pdf out.pdf`"
            )
        if code != 0:
            raise UnreadableDocument(
                f"{path}: OCR failed (ocrmypdf exit status {code}: {_last_line(stderr)}); "
                f"check the PDF, or OCR it yourself: `ocrmypdf -l nld in.pdf out.pdf`"
            )
        try:
            return target.read_bytes()
        except OSError:
            raise UnreadableDocument(f"{path}: OCR produced no output file") from None


def _run(args: list[str], env: dict[str, str], limit: float, path: Path) -> tuple[int, str]:
    """Run OCRmyPDF in its own process group, killed as a whole when ``limit`` passes."""
    try:
        proc = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,  # its worker processes die with it on a timeout
            # Not the memory limit of the worker that reads the PDF (``bounded``): OCRmyPDF
            # and Tesseract are separate programs, bounded by the time limit.
            preexec_fn=_without_memory_limit,
            text=True,
            errors="replace",
        )
    except OSError as exc:
        raise UnreadableDocument(
            f"{path}: cannot start OCR ({exc.strerror or exc}): {INSTALL_HINT}"
        ) from None
    try:
        _, stderr = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise UnreadableDocument(
            f"{path}: OCR took longer than {limit:.0f} s and was stopped; OCR the letter "
            f"yourself, e.g. `ocrmypdf -l nld in.pdf out.pdf`, and parse the result"
        ) from None
    except BaseException:  # Ctrl-C: leave no OCR processes behind
        _kill_group(proc)
        raise
    return proc.returncode, stderr or ""


def _without_memory_limit() -> None:
    """Raise the address-space limit back to its hard limit (run in the OCR process)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on this platform
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def _kill_group(proc: subprocess.Popen[str]) -> None:
    with contextlib.suppress(OSError):  # already gone
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def _last_line(stderr: str, limit: int = 160) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    line = lines[-1] if lines else "no message"
    return line if len(line) <= limit else line[: limit - 1] + "…"
