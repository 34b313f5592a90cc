"""``wobtrack parse --explain FILE``: the parser's trace for one letter, as text."""

from __future__ import annotations

from pathlib import Path
from textwrap import shorten

from wobtrack.parsing.batch import with_ocr_pages
from wobtrack.parsing.letters import parse_letter
from wobtrack.parsing.model import ParsedLetter
from wobtrack.parsing.pdftext import DEFAULT_MAX_PAGES, extract_pdf
from wobtrack.parsing.trace import Trace, diagnostic_code


def explain_file(
    path: Path, cache_dir: Path | None, max_pages: int = DEFAULT_MAX_PAGES, ocr: bool = False
) -> str:
    """Parse one PDF (or a .txt letter, pages split by form feeds) and render its trace.

    With ``ocr``, scanned pages are read by OCR first, as ``parse --ocr`` does: the trace
    then shows the OCR'd pages and the items flagged for standing on them."""
    trace = Trace()
    if path.suffix.lower() == ".txt":
        letter = parse_letter(path.read_text(encoding="utf-8").split("\f"), trace=trace)
    else:
        text = extract_pdf(path, cache_dir=cache_dir, max_pages=max_pages, ocr=ocr)
        letter = parse_letter(
            text.pages,
            text.links,
            anchors=text.anchors,
            tables=text.tables,
            words=text.words,
            trace=trace,
        )
        letter = with_ocr_pages(letter, text.ocr_pages)
    return render_trace(str(path), letter, trace)


def render_trace(name: str, letter: ParsedLetter, trace: Trace) -> str:
    """The trace as text: spans, request items, layout scores, items, diagnostics."""
    out = [f"{name}  ({letter.pages} page{'s' if letter.pages != 1 else ''}, kind {letter.kind})"]
    if letter.ocr_pages:
        out.append(f"Read by OCR: pages {', '.join(str(p) for p in letter.ocr_pages)}")
    out.append("Spans (lines are 0-based, pages 1-based):")
    for span in trace.spans:
        pages = (
            f"p.{span.first_page}"
            if span.first_page == span.last_page
            else f"pp.{span.first_page}-{span.last_page}"
        )
        out.append(f"  {span.name:<16} lines {span.first_line}-{span.last_line}  {pages}")
    items = ", ".join(trace.request_items) or "-"
    out.append(f"Request: {trace.request_scheme or '-'}; items {items}")
    scores = ", ".join(f"{name} {score:.2f}" for name, score in trace.layout_scores.items())
    out.append(f"Answer layouts (share of items answered): {scores}")
    out.append(f"  chosen: {trace.layout}")
    out.extend(f"  {note}" for note in trace.notes)
    out.append("Items:")
    for item in letter.items:
        line = f"  {item.number:<6} {', '.join(item.outcomes) or '-'}"
        if item.grounds:
            line += f"  grounds {', '.join(item.grounds)}"
        urls = [r.value for r in item.references if r.kind == "url"]
        if urls:
            line += f"  urls {len(urls)}"
        out.append(line)
        for code, reason in item.review:
            out.append(f"         REVIEW [{code}] {reason}")
        for evidence in item.evidence[:3]:
            out.append(
                f"         p.{evidence.page}: {shorten(evidence.text, 110, placeholder=' …')}"
            )
    out.append("Diagnostics:")
    if not letter.warnings:
        out.append("  none")
    for warning in letter.warnings:
        out.append(f"  [{diagnostic_code(warning)}] {warning}")
    return "\n".join(out)
