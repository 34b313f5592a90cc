"""Parse many decision letters at once, in parallel, where one bad file never stops the rest.

Each file goes through ``extract_pdf`` (cached text) and ``parse_letter``; the result is the
letter's JSON object (the ``wobtrack parse --json`` contract) or a one-line error message.
Each file runs in its own worker process with a time and a memory limit
(``wobtrack.parsing.bounded``): a file that hangs, exhausts its memory or whose worker is
killed costs that file only, with one error line; every other file keeps its result.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from wobtrack.contracts import ParsedLetterJSON
from wobtrack.errors import WobtrackError
from wobtrack.parsing import bounded
from wobtrack.parsing.bounded import Limits
from wobtrack.parsing.pdftext import DEFAULT_MAX_PAGES, extract_pdf, preload

if TYPE_CHECKING:
    from wobtrack.parsing.model import ParsedLetter

#: Exit status for a file that failed in an unexpected way (a parser bug, a dead worker).
INTERNAL_ERROR_EXIT = 1


@dataclass(frozen=True)
class FileResult:
    """The outcome for one input file: ``data`` (the parsed letter) or ``error``."""

    file: str
    data: ParsedLetterJSON | None = None
    #: One line, starting with the file name, ready to print after "Error: ".
    error: str | None = None
    #: The exit status this failure asks for (``WobtrackError.exit_code``), 0 on success.
    exit_code: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None


def parse_file(
    file: str, cache_dir: Path | None, max_pages: int = DEFAULT_MAX_PAGES, ocr: bool = False
) -> FileResult:
    """Extract and parse one file; never raises for a bad or unparseable file.

    With ``ocr``, scanned pages are OCR'd; the result names them (``ocr_pages``) and warns
    that their text may contain recognition errors.
    """
    # Imported here so that a worker process starts without the parser until it needs it,
    # and so that this module can be imported while the parser core is being built.
    from wobtrack.parsing.letters import parse_letter

    try:
        text = extract_pdf(Path(file), cache_dir=cache_dir, max_pages=max_pages, ocr=ocr)
        letter = with_ocr_pages(
            parse_letter(
                text.pages, text.links, anchors=text.anchors, tables=text.tables, words=text.words
            ),
            text.ocr_pages,
        )
        data = letter.to_json(file)
    except WobtrackError as exc:
        return FileResult(file, error=_one_line(str(exc)), exit_code=exc.exit_code)
    except MemoryError:  # the worker's memory limit: it reports that itself
        raise
    except Exception as exc:  # a parser bug must cost one file, not the whole batch
        return FileResult(
            file,
            error=_one_line(
                f"{file}: internal error while parsing ({type(exc).__name__}: {exc}); "
                f"please report this with the PDF"
            ),
            exit_code=INTERNAL_ERROR_EXIT,
        )
    return FileResult(file, data=data)


def parse_files(
    paths: Sequence[str | Path],
    jobs: int,
    cache_dir: Path | None,
    progress: Callable[[FileResult], None] | None = None,
    *,
    max_pages: int = DEFAULT_MAX_PAGES,
    ocr: bool = False,
    limits: Limits | None = None,
) -> list[FileResult]:
    """Parse ``paths`` with up to ``jobs`` worker processes; results in input order.

    Every file gets its result or one error line, whatever another file does: each runs in
    a worker bounded by ``limits`` (default: ``Limits.from_env()``), and a worker that runs
    out of time or memory, crashes or is killed fails only its own file. ``progress`` is
    called once per finished file, in the order files finish. ``ocr``: OCR the scanned
    pages (see ``parse_file``).
    """
    files = [str(p) for p in paths]
    limits = limits if limits is not None else Limits.from_env()
    if len(files) > 1:
        # Import the parser and pdfplumber once here, so that the workers (forked from
        # this process) start with them instead of importing them per file.
        import wobtrack.parsing.letters  # noqa: F401

        preload()
    work = partial(parse_file, cache_dir=cache_dir, max_pages=max_pages, ocr=ocr)

    # Largest files first: the workers then end with small ones instead of one worker
    # still busy on a big inventory while the others are idle.
    order = sorted(range(len(files)), key=lambda i: -_size(files[i]))
    started = [files[i] for i in order]

    def done(position: int, outcome: FileResult | WobtrackError) -> None:
        if progress is not None:
            progress(_as_result(started[position], outcome))

    outcomes = bounded.run_each(work, started, started, jobs=jobs, limits=limits, on_done=done)
    results: list[FileResult | None] = [None] * len(files)
    for position, outcome in enumerate(outcomes):
        results[order[position]] = _as_result(started[position], outcome)
    return [r for r in results if r is not None]


def _as_result(file: str, outcome: FileResult | WobtrackError) -> FileResult:
    """A worker's outcome as a ``FileResult``; a limit that stopped it is its error line."""
    if isinstance(outcome, FileResult):
        return outcome
    return FileResult(file, error=_one_line(str(outcome)), exit_code=outcome.exit_code)


def with_ocr_pages(letter: ParsedLetter, ocr_pages: Sequence[int]) -> ParsedLetter:
    """``letter`` marked as (partly) read by OCR: its ``ocr_pages`` and a warning."""
    if not ocr_pages:
        return letter
    from wobtrack.parsing.ocr import ocr_warning
    from wobtrack.parsing.review import flag_ocr_items

    return replace(
        letter,
        items=flag_ocr_items(letter.items, ocr_pages),
        ocr_pages=tuple(ocr_pages),
        warnings=(*letter.warnings, ocr_warning(ocr_pages)),
    )


def exit_status(results: Sequence[FileResult]) -> int:
    """The exit status of a batch: 0 if every file parsed, the failures' exit code if they
    all share one (e.g. 4 for unreadable documents), else the internal-error code."""
    codes = {r.exit_code for r in results if not r.ok}
    if not codes:
        return 0
    return codes.pop() if len(codes) == 1 else INTERNAL_ERROR_EXIT


def _size(file: str) -> int:
    try:
        return os.stat(file).st_size
    except OSError:
        return 0


def _one_line(message: str) -> str:
    return re.sub(r"\s+", " ", message).strip()
