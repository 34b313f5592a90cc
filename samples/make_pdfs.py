"""Render the sample letters (``samples/*.txt``) to PDF: ``python samples/make_pdfs.py``.

One source line becomes one PDF line, a form feed (``\\f``) starts a new page, and every
URL listed in ``LINKS`` gets a real, clickable link annotation over each line fragment it
spans, also when the text wraps it across lines. The output is byte-for-byte reproducible
(fixed creation date), so regenerating unchanged sources changes no checked-in PDF.

Needs fpdf2 (a test dependency). Keep the sources in Latin-1 (é, ë, §; straight quotes):
they are then set in the PDF core font Helvetica and the PDFs do not depend on the fonts
of the machine. Other text (e.g. the curly quotes of a real letter in a test) is set in a
Unicode TrueType font found on the system, or transliterated to Latin-1 if there is none.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

SAMPLES = Path(__file__).resolve().parent

#: URLs that get a link annotation, per source file. Each must occur in the text (possibly
#: wrapped across lines); a URL that is not found is an error, so this list cannot rot.
LINKS: dict[str, tuple[str, ...]] = {
    "wob-besluit-2021.txt": (
        "https://www.veenhoven.nl/bestuur/wob-besluiten/2020/geluidssensoren-stationsplein-"
        "verlenging-pilot.html",
        "https://www.veenhoven.nl/bestuur/wob-besluiten/2019/besluit-wob-verzoek-pilot-"
        "geluidssensoren-binnenstad.html",
    ),
    "woo-besluit-2026.txt": (
        "https://open.lindeburg.nl/woo/2025/evaluatie-parkeerbeleid-binnenstad-eindrapport",
    ),
}

PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_MM = 20.0
#: The largest font size; a text with a line too wide for it is set smaller, as a whole.
FONT_SIZE_PT = 10.0
#: Line height as a multiple of the font size in points (10 pt -> 5 mm).
LINE_HEIGHT_MM_PER_PT = 0.5
#: A fixed date, so that the same source always gives the same bytes.
CREATION_DATE = datetime(2026, 1, 1, tzinfo=UTC)

# Unicode TrueType fonts tried, in order, for text outside Latin-1.
_TTF_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/arial.ttf",
)
_TO_LATIN1 = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "–": "-", "—": "-",
     "…": "...", "\u00a0": " ", "\u200b": "", "€": "EUR"}
)  # fmt: skip


@dataclass(frozen=True)
class _Span:
    """A piece of a URL on one line: page line index and character columns."""

    line: int
    start: int
    end: int


def text_to_pdf(text: str, path: Path, links: Sequence[str] = ()) -> None:
    """Write ``text`` to ``path`` as a PDF, one source line per PDF line.

    ``\\f`` starts a new page, and so does a full page. The font is made smaller for the
    whole text if its widest line would not fit at 10 pt. Each URL in ``links`` gets a
    link annotation on every line fragment it covers; one that does not occur in the text
    raises ValueError.
    """
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creation_date(CREATION_DATE)
    pdf.set_auto_page_break(False)  # pages are broken here, only ever between lines
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    text = _choose_font(pdf, text)
    usable_width = PAGE_WIDTH_MM - 2 * MARGIN_MM
    widest = max(pdf.get_string_width(line) for line in text.split("\n"))
    if widest > usable_width:
        pdf.set_font_size(FONT_SIZE_PT * usable_width / widest * 0.99)
    line_height = pdf.font_size_pt * LINE_HEIGHT_MM_PER_PT
    per_page = int((PAGE_HEIGHT_MM - 2 * MARGIN_MM) // line_height)
    unplaced = set(links)
    for source_page in text.split("\f"):
        lines = source_page.split("\n")
        # Link rectangles per source line, found before paging: a wrapped URL may start
        # on one PDF page and end on the next.
        rects: dict[int, list[tuple[float, float, str]]] = {}
        for url in links:
            for spans in _find_wrapped(lines, url):
                unplaced.discard(url)
                for span in spans:
                    line = lines[span.line]
                    x = MARGIN_MM + pdf.get_string_width(line[: span.start])
                    w = pdf.get_string_width(line[span.start : span.end])
                    rects.setdefault(span.line, []).append((x, w, url))
        for n, line in enumerate(lines):
            row = n % per_page
            if row == 0:
                pdf.add_page()
            y = MARGIN_MM + row * line_height
            pdf.set_xy(MARGIN_MM, y)
            pdf.cell(w=usable_width, h=line_height, text=line)
            for x, w, url in rects.get(n, []):
                pdf.link(x=x, y=y, w=w, h=line_height, link=url)
    if unplaced:
        raise ValueError(f"URL(s) not found in the text: {', '.join(sorted(unplaced))}")
    pdf.output(str(path))


def _choose_font(pdf: FPDF, text: str) -> str:
    """Select a font able to show ``text``; return the text as it will be set."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        font = next((Path(f) for f in _TTF_CANDIDATES if Path(f).is_file()), None)
        if font is not None:
            pdf.add_font("unicode", fname=str(font))
            pdf.set_font("unicode", size=FONT_SIZE_PT)
            return text
        text = text.translate(_TO_LATIN1)
        text.encode("latin-1")  # still outside Latin-1: fail loudly, naming the character
    pdf.set_font("helvetica", size=FONT_SIZE_PT)
    return text


def _find_wrapped(lines: Sequence[str], url: str) -> list[list[_Span]]:
    """Every occurrence of ``url`` in ``lines``, allowing it to continue on following lines
    (each line read without its leading and trailing spaces), as line fragments."""
    joined = ""
    where: list[tuple[int, int]] = []  # joined index -> (line, column)
    for n, line in enumerate(lines):
        start = len(line) - len(line.lstrip())
        body = line.strip()
        joined += body
        where += [(n, start + k) for k in range(len(body))]
    found: list[list[_Span]] = []
    pos = joined.find(url)
    while pos >= 0:
        spans: list[_Span] = []
        for row, col in where[pos : pos + len(url)]:
            if spans and spans[-1].line == row:
                spans[-1] = _Span(row, spans[-1].start, col + 1)
            else:
                spans.append(_Span(row, col, col + 1))
        found.append(spans)
        pos = joined.find(url, pos + len(url))
    return found


def main(argv: Sequence[str] = ()) -> int:
    """Render every ``*.txt`` in the samples folder (or in the folder given) beside it."""
    folder = Path(argv[0]) if argv else SAMPLES
    for source in sorted(folder.glob("*.txt")):
        target = source.with_suffix(".pdf")
        text_to_pdf(source.read_text(encoding="utf-8"), target, LINKS.get(source.name, ()))
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
