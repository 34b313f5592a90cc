"""``wobtrack parse FILE...``: decision letters to per-item outcomes, without the database."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from textwrap import shorten

import click

from wobtrack.cli.base import cli, echo_json, json_option
from wobtrack.cli.render import echo, table
from wobtrack.contracts import (
    BezwaarClauseJSON,
    InventoryDocumentJSON,
    ParsedItemJSON,
    ParsedLetterJSON,
)
from wobtrack.dates import human_date
from wobtrack.errors import WobtrackError
from wobtrack.parsing.batch import FileResult, exit_status, parse_files
from wobtrack.parsing.pdftext import default_cache_dir


@cli.command("parse")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@json_option
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Parse N files at once (default: all cores).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the text cache.")
@click.option(
    "--ocr",
    is_flag=True,
    help="Read scanned pages (no text layer) by OCR, with OCRmyPDF and Tesseract's Dutch "
    "model; the result names them (ocr_pages) and is cached like the text.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Show how each letter was read: spans, request items, answer-layout scores, "
    "the layout chosen, review reasons and coded diagnostics.",
)
@click.pass_context
def parse_cmd(
    ctx: click.Context,
    files: tuple[str, ...],
    as_json: bool,
    jobs: int | None,
    no_cache: bool,
    ocr: bool,
    explain: bool,
) -> None:
    """Read decision letters (PDF) and show what the authority did with each item.

    Prints per file the decision date, reference, a table of the items (outcomes, refusal
    grounds, cross-references, whether a person should check it), the bezwaar clause and
    the parser's warnings. With --json: a list with one object per parsed file. A file
    that cannot be read gets one 'Error: FILE: ...' line on stderr; the other files are
    still parsed, and the exit status is non-zero (4 if all failures are unreadable
    documents). Extracted text is cached by content
    hash in your user cache directory (XDG_CACHE_HOME is honoured). With --ocr, scanned
    pages are read by OCR (OCRmyPDF, Tesseract's Dutch model) and listed as ocr_pages.
    Each file is read in a worker process with a time and a memory limit (environment:
    WOBTRACK_PDF_TIMEOUT seconds, default 60, plus WOBTRACK_PDF_PAGE_TIMEOUT per page,
    default 1; WOBTRACK_PDF_MEMORY_MB, default 1024): a file that exceeds them gets its
    error line and the others are still parsed.
    """
    cache_dir = None if no_cache else default_cache_dir()
    if explain:
        ctx.exit(_explain(list(files), cache_dir, ocr))
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    results = _run(list(files), workers, cache_dir, ocr)
    for i, result in enumerate(results):
        if result.data is None:
            echo(f"Error: {result.error}", err=True)
        elif not as_json:
            echo(("\n" if i else "") + render_letter(result.data))
    if as_json:
        echo_json([r.data for r in results if r.data is not None])
    status = exit_status(results)
    if status:
        ctx.exit(status)


def _explain(files: list[str], cache_dir: Path | None, ocr: bool) -> int:
    """Print the trace of each file; one 'Error:' line for a file that cannot be read."""
    from wobtrack.parsing.explain import explain_file

    status = 0
    for i, file in enumerate(files):
        try:
            echo(("\n" if i else "") + explain_file(Path(file), cache_dir, ocr=ocr))
        except WobtrackError as exc:
            echo(f"Error: {exc}", err=True)
            status = status or exc.exit_code
    return status


def _run(
    files: list[str], jobs: int, cache_dir: Path | None, ocr: bool = False
) -> list[FileResult]:
    """Parse, with a progress bar on stderr only when a person is watching it."""
    if len(files) < 2 or not sys.stderr.isatty():
        return parse_files(files, jobs, cache_dir, ocr=ocr)
    with click.progressbar(length=len(files), label="Parsing", file=sys.stderr) as bar:
        return parse_files(files, jobs, cache_dir, lambda _result: bar.update(1), ocr=ocr)


def render_letter(data: ParsedLetterJSON) -> str:
    """One parsed letter as text: header, per-item table, dictum, bezwaar, warnings."""
    regime = (data.get("regime") or "").capitalize() or "Wob/Woo"
    kind = data.get("kind") or "decision"
    lines = [f"{data['file']}  ({regime} {kind}, {_pages(data.get('pages'))})"]
    lines.append(f"  Decision date:    {_day(data.get('decision_date'))}")
    lines.append(f"  Reference:        {data.get('reference') or '-'}")
    lines.append(f"  Request received: {_day(data.get('request_received'))}")
    items: Sequence[ParsedItemJSON] = data.get("items") or []
    rows = [
        [
            str(item["number"]),
            ", ".join(item.get("outcomes") or []) or "-",
            ", ".join(item.get("grounds") or []) or "-",
            ", ".join(item.get("refers_to") or []) or "-",
            "REVIEW" if item.get("needs_review") else "",
        ]
        for item in items
    ]
    lines.append("")
    lines += [
        "  " + row
        for row in table(["ITEM", "OUTCOMES", "GROUNDS", "REFERS TO", "CHECK"], rows).splitlines()
    ]
    unanswered = [str(i["number"]) for i in items if "unanswered" in (i.get("outcomes") or [])]
    if unanswered:
        lines.append(f"  Unanswered items: {', '.join(unanswered)} (a ground for bezwaar)")
    lines.append("")
    dictum = data.get("decision")
    parts: Sequence[str] = (dictum.get("parts") if dictum else None) or []
    lines.append("  Besluit:" if parts else "  Besluit: no dictum found")
    lines += [f"    {shorten(part, 100, placeholder=' …')}" for part in parts]
    lines.append(f"  Bezwaar: {_bezwaar(data.get('bezwaar'))}")
    documents: Sequence[InventoryDocumentJSON] = data.get("documents") or []
    if documents:
        counts: dict[str, int] = {}
        for document in documents:
            key = document.get("judgement") or "unknown (review)"
            counts[key] = counts.get(key, 0) + 1
        summary = ", ".join(f"{key} {count}" for key, count in counts.items())
        lines.append(f"  Inventory: {len(documents)} documents ({summary})")
    warnings: Sequence[str] = data.get("warnings") or []
    if warnings:
        lines.append("  Warnings:")
        lines += [f"    - {w}" for w in warnings]
    return "\n".join(lines)


def _bezwaar(clause: BezwaarClauseJSON | None) -> str:
    if not clause:
        return "no bezwaar clause found"
    filing = {True: "possible", False: "not possible", None: "not stated"}[
        clause.get("electronic_filing")
    ]
    return (
        f"within {clause.get('weeks')} weeks; electronic filing {filing}; "
        f"address: {clause.get('address') or '-'}"
    )


def _day(iso: str | None) -> str:
    return human_date(date.fromisoformat(iso)) if iso else "-"


def _pages(count: int | None) -> str:
    return "1 page" if count == 1 else f"{count} pages"
