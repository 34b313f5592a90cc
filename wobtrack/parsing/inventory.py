"""Inventory lists (inventarislijsten): one judgement per document, read from the tables.

Pure: works on what ``pdftext.extract_pdf`` returned (page text, pdfplumber tables and,
for tables without column rulings, positioned words). Three readers, tried per page:

* **ruled tables**: the cells pdfplumber found, columns named by a header row (repeated
  on later pages or inherited from the previous table with as many columns);
* **banded tables** (spreadsheet prints with shaded rows and no column rulings): the row
  bands pdfplumber found, words placed in columns by the header's x positions, a row
  number glued to the date ("115-1-2015") split at the column edge;
* **text lines**, for pages without tables: a header line, then one row per numbered line
  (or, without a number column, per line with a judgement or a date), other lines
  continuing the row above.

A judgement the reader does not know stays ``None`` with ``needs_review``: never
"not public" by default.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from wobtrack.parsing.grounds import find_grounds, find_grounds_with_spans
from wobtrack.parsing.model import InventoryDocument, Judgement
from wobtrack.parsing.pdftext import PageWords, PdfTable, Word
from wobtrack.parsing.urls import find_urls

Role = str  # "number", "date", "title", "judgement", "grounds", "note", "suspended", "item"

# --- header ----------------------------------------------------------------------------

#: Header cell (lower case, without punctuation) → column role. Tried in order, first
#: match wins, so "woo beoordeling" is a judgement and "weigeringsgrond wob" a ground.
_HEADER_RULES: Final[tuple[tuple[str, Role], ...]] = (
    (r"^(?:nr|nummer|no|volgnummer|volgnr|docnr|documentnummer|document ?nummer|"
     r"document ?id|id|kenmerk)$", "number"),
    (r"^(?:datum|date|documentdatum)\b", "date"),
    (r"opgeschort", "suspended"),
    # The request item a document answers: "Onderdeel verzoek", "Verzoekonderdeel".
    (r"^(?:(?:verzoek ?)?onderdeel|deelverzoek|deel verzoek)(?: (?:van )?(?:het )?verzoek)?$|"
     r"^(?:vraag|punt|item) (?:van )?(?:het |uw )?verzoek$", "item"),
    (r"beoordeling(?!sgrond)|openbaarmaking|^besluit$|openbaarheid|^openbaar$|oordeel|"
     r"beslissing", "judgement"),
    (r"grond|^(?:art(?:ikel)? )?(?:wob|woo)$|^artikel$|uitzondering", "grounds"),
    (r"opmerking|toelichting|vindplaats|link|^reden$|^url$", "note"),
    (r"omschrijving|documentnaam|naam document|onderwerp|^document\b|bestandsnaam|titel|"
     r"^naam\b|^stuk$", "title"),
)  # fmt: skip


def _clean_header(text: str) -> str:
    text = re.sub(r"\(.*?\)", " ", text.lower())
    text = re.sub(r"-\s*\n\s*", "", text)
    text = re.sub(r"[^\w\s-]", " ", text)
    text = text.replace("-", " ")
    return re.sub(r"\s+", " ", text).strip()


def header_role(text: str) -> Role | None:
    """The column role a header cell names, also when extracted back to front."""
    for candidate in (text, text[::-1]):
        cleaned = _clean_header(candidate)
        if not cleaned or len(cleaned) > 40:
            continue
        for pattern, role in _HEADER_RULES:
            if re.search(pattern, cleaned):
                return role
    return None


def _header_roles(cells: Sequence[str]) -> list[Role | None] | None:
    """Roles of a header row's cells, or None when the row is no inventory header."""
    roles = [header_role(cell.replace("\n", " ")) if cell.strip() else None for cell in cells]
    found = [r for r in roles if r is not None]
    filled = sum(1 for cell in cells if cell.strip())
    if "judgement" not in found and "grounds" not in found:
        return None
    if len(set(found)) < 2 or len(found) * 3 < filled * 2:
        return None
    return roles


# --- judgements ------------------------------------------------------------------------

_JUDGEMENT_RULES: Final[tuple[tuple[str, Judgement | None], ...]] = (
    (r"opgeschort|uitgesteld openbaar", "suspended"),
    (r"reeds (?:\w+ )?(?:openbaar|geopenbaard|gepubliceerd)|al openbaar|eerder openbaar|"
     r"openbaar (?:via|op)\b|^zie:? (?:https?:|www\.|(?:wob-|woo-)?besluit)|"
     r"^publiek beschikbaar", "already_public"),
    (r"deels\s*openbaar|gedeeltelijk\s*openbaar|deels reeds beoordeeld|^deels\b|"
     r"^gedeeltelijk\b|passages|gedeelten|openbaar met uitzondering van", "partly_public"),
    (r"niet\s*openbaar|geweigerd|weigering|niet vrij ?geven|niet verstrekt|^weigeren",
     "not_public"),
    (r"niet aangetroffen|niet aanwezig|bestaat niet|niet gevonden|niet in (?:het )?bezit",
     "not_held"),
    (r"buiten (?:de )?(?:reikwijdte|scope|verzoek|het verzoek)|valt buiten", "out_of_scope"),
    (r"dubbel|duplica|identiek aan|^zie (?:doc(?:ument)?(?:nr)?\.? ?)\d", "duplicate"),
    (r"^(?:volledig |geheel |document )?openbaar\+?$|^ongeredigeerd|^openbaar gemaakt$|"
     r"^maken we openbaar$", "public"),
)  # fmt: skip

#: A redaction reason standing where the verdict should be ("Persoonsgegevens"): the
#: document was disclosed with those passages blacked out.
_REASON_AS_VERDICT: Final = re.compile(
    r"persoonsgegevens|persoonlijke levenssfeer|privacy|belang|benadeling|bevoordeling|"
    r"geredigeerd|gelakt|beleidsopvatting"
)

_URL_START: Final = re.compile(r"(?:https?://|www\.)", re.IGNORECASE)


def classify_judgement(text: str) -> tuple[Judgement | None, bool]:
    """``(judgement, needs_review)`` for a judgement cell; ``(None, True)`` when unknown."""
    norm = re.sub(r"\s+", " ", text.lower()).strip(" .;:,")
    norm = re.sub(r"(\w)- (\w)", r"\1\2", norm)
    if not norm:
        return None, True
    for pattern, judgement in _JUDGEMENT_RULES:
        if re.search(pattern, norm):
            return judgement, False
    if re.match(r"(?:volledig |geheel )?openbaar\b", norm):
        # "openbaar" qualified by words no rule knows ("openbaar in definitieve versie":
        # this draft is not disclosed, its final version is): a person must read it.
        return None, True
    if _REASON_AS_VERDICT.search(norm):
        return "partly_public", False
    # Not in the vocabulary, so never stretched to fit it: "Reeds in bezit" (the
    # requester has it: not public), a bare "Vindplaats: <url>" (a place, no verdict).
    return None, True


# --- rows ------------------------------------------------------------------------------


@dataclass
class _Row:
    page: int
    cells: dict[Role, list[str]] = field(default_factory=dict)

    def add(self, role: Role, text: str) -> None:
        if text.strip():
            self.cells.setdefault(role, []).append(text.strip())

    def get(self, role: Role) -> str:
        return "\n".join(self.cells.get(role, []))


_NUMBER: Final = re.compile(r"^\s*[_.]?(\d{1,4}(?:[.\-]?[a-z])?(?:\.\d{1,2})?)[.\s]*$", re.I)
_DATE_ISO: Final = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _number(text: str) -> str | None:
    match = _NUMBER.match(text.replace("\n", " "))
    return match.group(1).rstrip(".") if match else None


def _date(text: str) -> str | None:
    value = _one_line(text)
    if not value:
        return None
    match = _DATE_ISO.match(value)
    if match:
        day, month, year = (int(g) for g in match.groups())
        if 1 <= day <= 31 and 1 <= month <= 12:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return value


def _link(*texts: str) -> str | None:
    """The first URL in ``texts``, joined again where the cell wrapped it (and a gap a
    link underline hid read as ``_`` where the URL finder's rules allow it)."""
    for text in texts:
        if not _URL_START.search(text):
            continue
        found = find_urls([line.strip() for line in text.split("\n")])
        if found:
            return found[0].value
    return None


def _document(row: _Row, regime: str | None) -> InventoryDocument:
    verdict = _one_line(row.get("judgement"))
    note = row.get("note")
    judgement, review = classify_judgement(verdict)
    if judgement is None and not verdict and note:
        judgement, review = classify_judgement(note)
        if judgement is not None:
            verdict = _one_line(note)
    if row.get("suspended").strip().lower() in {"ja", "x", "yes", "opgeschort"}:
        judgement, review = "suspended", False
    grounds = find_grounds(_one_line(row.get("grounds")), regime)
    if not grounds and verdict:
        grounds = find_grounds(verdict, regime)
    number = row.get("number")
    return InventoryDocument(
        number=_number(number) or (_one_line(number) or None),
        date=_date(row.get("date")),
        title=_one_line(row.get("title")) or None,
        judgement=judgement,
        judgement_text=verdict or None,
        grounds=tuple(grounds),
        link=_link(row.get("judgement"), note, row.get("title")),
        page=row.page,
        needs_review=review,
        item=_one_line(row.get("item")) or None,
    )


def _is_start(row: _Row, has_number: bool) -> bool:
    """Whether a raw table row starts a document (else it continues the one above)."""
    if has_number:
        return _number(row.get("number")) is not None
    verdict = row.get("judgement")
    return bool(row.get("date").strip()) or classify_judgement(verdict)[0] is not None


# --- ruled tables ----------------------------------------------------------------------


def _read_ruled(tables: Sequence[PdfTable], regime: str | None) -> tuple[list[_Row], set[int]]:
    rows: list[_Row] = []
    pages: set[int] = set()
    roles: list[Role | None] | None = None
    for table in tables:
        body = list(table.rows)
        found = None
        for i, cells in enumerate(body[:3]):
            found = _header_roles(cells)
            if found is not None:
                body = body[i + 1 :]
                break
        if found is not None:
            roles = found
            current: _Row | None = None
        elif roles is None or len(roles) != len(table.rows[0]):
            roles = None
            continue
        else:
            current = rows[-1] if rows else None
        has_number = "number" in roles
        for cells in body:
            raw = _Row(table.page)
            for role, cell in zip(roles, cells, strict=False):
                if role is not None:
                    raw.add(role, cell)
            if not raw.cells or set(raw.cells) == {"number"}:
                continue  # an empty row, or a numbered row of an unused template
            if current is None or _is_start(raw, has_number):
                rows.append(raw)
                current = raw
            else:
                for role, texts in raw.cells.items():
                    current.cells.setdefault(role, []).extend(texts)
        pages.add(table.page)
    return rows, pages


# --- banded tables ---------------------------------------------------------------------


def _word_role(columns: Sequence[tuple[float, Role]], x: float) -> Role | None:
    role: Role | None = None
    for start, name in columns:
        if x + 2 >= start:
            role = name
    return role


def _header_columns(words: Sequence[Word], top: float, bottom: float) -> list[tuple[float, Role]]:
    columns: list[tuple[float, Role]] = []
    for x0, w_top, _x1, w_bottom, text in words:
        if top - 1 <= (w_top + w_bottom) / 2 <= bottom + 1:
            role = header_role(text)
            if role is not None and all(r != role for _, r in columns):
                columns.append((x0, role))
    return sorted(columns)


def _split_glued(word: Word, next_start: float) -> tuple[str, str] | None:
    """A row number glued to the date ("115-1-2015"), split where the next column starts,
    by the share of the word's width left of it (Helvetica digits share one width)."""
    x0, _top, x1, _bottom, text = word
    match = re.fullmatch(r"(\d+)(\d{1,2}-[\w.]+-\d{2,4})", text)
    if match is None or x1 <= next_start or x1 - x0 <= 0:
        return None
    digits_and_hyphens = sum(0.556 if c != "-" else 0.333 for c in text)
    unit = (x1 - x0) / digits_and_hyphens
    cut = round((next_start - x0) / (0.556 * unit))
    whole = match.group(1) + match.group(2)
    for n in sorted({cut, cut - 1, cut + 1}, key=lambda k: abs(k - cut)):
        if 1 <= n < len(whole):
            number, date = whole[:n], whole[n:]
            if _date(date) != date and not number.startswith("0"):
                return number, date
    return None


def _read_banded(
    tables: Sequence[PdfTable], words: Sequence[PageWords]
) -> tuple[list[_Row], set[int]]:
    by_page = {w.page: w.words for w in words}
    rows: list[_Row] = []
    pages: set[int] = set()
    columns: list[tuple[float, Role]] = []
    for table in tables:
        page_words = by_page.get(table.page)
        if page_words is None:
            continue
        spans = list(table.row_spans)
        if spans:
            header = _header_columns(page_words, *spans[0])
            if len({r for _, r in header}) >= 3 and any(r == "judgement" for _, r in header):
                columns = header
                spans = spans[1:]
        if not columns:
            continue
        has_number = any(r == "number" for _, r in columns)
        starts = [start for start, _ in columns]
        bands: list[list[Word]] = [[] for _ in spans]
        for word in page_words:
            middle = (word[1] + word[3]) / 2
            for i, (top, bottom) in enumerate(spans):
                if top <= middle <= bottom:
                    bands[i].append(word)
                    break
        for band in bands:
            raw = _Row(table.page)
            for word in sorted(band, key=lambda w: (round(w[1]), w[0])):
                role = _word_role(columns, word[0])
                if role == "number" and len(starts) > 1:
                    split = _split_glued(word, starts[1])
                    if split is not None:
                        raw.add("number", split[0])
                        raw.add(columns[1][1], split[1])
                        continue
                if role is not None:
                    raw.add(role, word[4])
            if not raw.cells:
                continue
            for role in list(raw.cells):
                joiner = "\n" if role in {"judgement", "note"} else " "
                raw.cells[role] = [joiner.join(raw.cells[role])]
            if rows and not _is_start(raw, has_number) and not has_number:
                for role, texts in raw.cells.items():
                    rows[-1].cells.setdefault(role, []).extend(texts)
            else:
                rows.append(raw)
        pages.add(table.page)
    return rows, pages


# --- text lines ------------------------------------------------------------------------

_ROW_START: Final = re.compile(r"^[_.]?(\d{1,4}[a-z]?)\.?(?:\s+|$)(.*)$", re.I)
_PAGE_FURNITURE: Final = re.compile(r"\bpagina \S+ van \d+\b|^kenmerk\b", re.I)
_JUDGEMENT_ANYWHERE: Final = re.compile(
    r"(?:document |volledig |geheel )?(?:reeds\s+)?(?:deels ?|gedeeltelijk |niet )?openbaar\b\+?"
    # A qualification belongs to the verdict, not to the next column.
    r"(?:\s+(?:in (?:de |zijn |haar )?definitieve (?:versie|vorm)|met uitzondering van"
    r"(?: de)? \w+))?|"
    r"geweigerd|opgeschort|niet aangetroffen|buiten\s+(?:de\s+)?(?:reikwijdte|verzoek)|"
    r"ongeredigeerd|niet bijgevoegd|zie document",
    re.I,
)
_TEXT_DATE: Final = re.compile(r"\b\d{1,2}-(?:\d{1,2}|[a-z]{3})-\d{2,4}\b", re.I)


def _text_header(line: str) -> list[Role] | None:
    words = line.replace("|", " ").split()
    if not 2 <= len(words) <= 10:
        return None
    roles: list[Role] = []
    known = 0
    for word in words:
        role = header_role(word)
        if role is not None:
            known += 1
            if role not in roles:
                roles.append(role)
    judged = "judgement" in roles or ("grounds" in roles and len(roles) >= 3)
    if not judged or len(roles) < 2 or known * 2 < len(words):
        return None
    return roles


#: OCR's letters for digits in a row number ("_6o." = 60, "oog" = 009, "ao8" = 008).
_OCR_DIGITS: Final = str.maketrans("oOgGlIa", "0099110")
_OCR_ROW_START: Final = re.compile(r"^[_.]?([0-9oOgGlIa]{2,4})\.?\s+(\S.*)$")

#: A line naming a file: an extension, or words joined by underscores.
_FILE_NAME: Final = re.compile(
    r"\.(?:pdf|docx?|xlsx?|msg|eml|pptx?|txt)\b|\w_\w|_geredigeerd\b|\bgeredigeerd$", re.I
)


def _row_start(line: str, last_number: int) -> tuple[str, str] | None:
    """``(number, rest)`` when ``line`` starts with a row number; a number whose digits
    OCR read as letters counts only where it is the table's next number."""
    plain = _ROW_START.match(line)
    ocr = _OCR_ROW_START.match(line)
    if ocr is not None:
        token = ocr.group(1)
        digits = token.translate(_OCR_DIGITS)
        fits = digits.isdigit() and last_number < int(digits) <= last_number + 60
        # Only zeros and nines stand alone ("oog"); other letters need a real digit.
        alone = not re.search(r"\d", token) and re.search(r"[lIa]", token)
        if fits and re.search(r"[oOgG]", token) and not alone:
            return digits, ocr.group(2)
    return (plain.group(1), plain.group(2)) if plain is not None else None


def _read_text(pages: Sequence[str], skip: set[int]) -> list[_Row]:
    rows: list[_Row] = []
    roles: list[Role] | None = None
    last_number = 0
    rows_since_header = 0
    #: Rows since the header that took a continuation line (a row of one line each
    #: otherwise: then an unnumbered line naming a file is a row whose number was lost).
    continued = 0
    for index, text in enumerate(pages, start=1):
        if index in skip:
            roles = None
            continue
        page_starts = 0
        for line in text.split("\n"):
            stripped = line.strip()
            if not stripped or _PAGE_FURNITURE.search(stripped):
                continue
            header = _text_header(stripped)
            if header is not None:
                roles = header
                last_number = 0
                rows_since_header = 0
                continued = 0
                continue
            if roles is None:
                continue
            match = _row_start(stripped, last_number)
            # The number column's header was lost or sits on its own line ("Nr").
            if (
                "number" not in roles
                and not rows_since_header
                and match is not None
                and int(re.sub(r"\D", "", match[0]) or 0) <= 10
            ):
                roles = ["number", *roles]
            if rows_since_header and _is_prose(stripped):
                roles = None  # the letter goes on after the table
                continue
            has_number = "number" in roles
            start = lost_number = False
            if match is not None and has_number:
                digits = int(re.sub(r"\D", "", match[0]) or 0)
                start = last_number < digits <= last_number + 60 or (
                    digits == last_number and bool(re.search(r"[a-z]$", match[0], re.I))
                )
                if start:
                    last_number = digits
            elif not has_number:
                start = bool(_JUDGEMENT_ANYWHERE.search(stripped) or _TEXT_DATE.search(stripped))
            if not start and has_number and rows_since_header >= 3 and not continued:
                # Every row so far took one line: a line naming a file, with no verdict
                # or ground that could finish the row above, is a row of its own.
                start = lost_number = bool(
                    _FILE_NAME.search(stripped)
                    and not _JUDGEMENT_ANYWHERE.search(stripped)
                    and not find_grounds(stripped, None)
                )
            if start:
                row = _Row(index)
                if match is not None and has_number and not lost_number:
                    row.add("number", match[0])
                    row.add("text", match[1])
                else:
                    row.add("text", stripped)
                rows.append(row)
                page_starts += 1
                rows_since_header += 1
            elif rows and rows[-1].page >= index - 1 and rows[-1].cells:
                if re.search(r"\w{3}", stripped) and len(rows[-1].cells.get("text", [])) == 1:
                    continued += 1  # (a line of OCR noise, "a ej", continues nothing)
                rows[-1].add("text", stripped)
        if page_starts == 0 and roles is not None and rows and rows[-1].page < index:
            roles = None
    for row in rows:
        _split_text_row(row)
    return [row for row in rows if _keep_text_row(row)]


def _is_prose(line: str) -> bool:
    """A sentence of the letter rather than a table line: many lower-case words and a
    full stop or colon at the end."""
    words = line.split()
    lower = sum(1 for w in words if re.fullmatch(r"[a-zà-ÿ]+[,;]?", w))
    return len(words) >= 6 and lower * 2 >= len(words) and line.rstrip()[-1:] in ".:"


def _split_text_row(row: _Row) -> None:
    """Split a text row's words into title, judgement and grounds at the first judgement."""
    lines = row.cells.pop("text", [])
    tail: list[str] = []
    if lines and _JUDGEMENT_ANYWHERE.search(lines[0]):
        # The verdict stands on the first line: a file name wrapped onto the next lines
        # ("... - Deels openbaar 5.1.2d" / "gelakt.pdf 5.1.2e") ends the title.
        for i in range(1, len(lines)):
            line = lines[i]
            cuts = [m.start() for m in (_JUDGEMENT_ANYWHERE.search(line),) if m]
            cuts += [start for _, start, _ in find_grounds_with_spans(line, None)[:1]]
            head = line[: min(cuts, default=len(line))]
            if _FILE_NAME.search(head):
                tail.append(head.strip())
                lines[i] = line[len(head) :]
    text = " ".join(lines)
    if tail:
        first = _JUDGEMENT_ANYWHERE.search(text)
        if first is not None:
            text = f"{text[: first.start()].rstrip()} {' '.join(tail)} {text[first.start() :]}"
    match = _JUDGEMENT_ANYWHERE.search(text)
    date = _TEXT_DATE.search(text)
    if date is not None and (match is None or date.start() < match.start()):
        row.add("date", date.group(0))
        text = text[: date.start()] + text[date.end() :]
        match = _JUDGEMENT_ANYWHERE.search(text)
    if match is None:
        row.add("title", text)
        return
    verdict = match.group(0)
    if re.fullmatch(r"(?:document )?openbaar", verdict, re.I):
        # Interleaved cells split "Document / reeds / openbaar" over lines, with other
        # columns' words in between: a lone qualifier word in the row belongs to it.
        # Not a qualifier of a phrase of its own in the next column ("reeds geopenbaard").
        qualifier = re.search(
            r"(?<![\w-])(reeds|deels|gedeeltelijk)(?![\w-])(?!\s+(?:ge|ver|be|ont)\w)", text, re.I
        )
        if qualifier is not None:
            verdict = f"{qualifier.group(1)} openbaar"
    title, after = text[: match.start()], text[match.end() :]
    if re.search(r"deels|gedeeltelijk|niet", verdict, re.I) and not find_grounds(after, None):
        # Interleaved cells put a withheld row's cited grounds before its verdict
        # ("015 deels 51,2,e Centrum Noord.pdf openbaar"): only cited codes move.
        cited = [
            (start, end)
            for _, start, end in find_grounds_with_spans(title, None)
            if re.search(r"\d", title[start:end])
        ]
        if cited:
            after = " ".join(title[start:end] for start, end in cited)
            for start, end in reversed(cited):
                title = title[:start] + title[end:]
    row.add("title", title)
    row.add("judgement", verdict)
    row.add("grounds", after)


def _keep_text_row(row: _Row) -> bool:
    """A row names a document: by number, title or date. A verdict alone is a fragment
    (a column printed on a sheet of its own, "Openbaar op: <url>")."""
    if not row.get("number"):
        return bool(row.get("title").strip() or row.get("date"))
    return bool(row.get("judgement") or row.get("title") or row.get("date"))


# --- entry point -----------------------------------------------------------------------


def read_inventory(
    pages: Sequence[str],
    tables: Sequence[PdfTable] = (),
    words: Sequence[PageWords] = (),
    regime: str | None = None,
) -> list[InventoryDocument]:
    """Every inventory row in the document, in page order."""
    banded_pages = {w.page for w in words}
    ruled = [t for t in tables if t.page not in banded_pages]
    banded = [t for t in tables if t.page in banded_pages]
    ruled_rows, ruled_pages = _read_ruled(ruled, regime)
    banded_rows, band_pages = _read_banded(banded, words)
    done = {r.page for r in ruled_rows} | {r.page for r in banded_rows}
    text_rows = _read_text(pages, done | (ruled_pages & done) | (band_pages & done))
    rows = sorted(ruled_rows + banded_rows + text_rows, key=lambda r: r.page)
    if regime is None:
        joined = " ".join(" ".join(r.get("grounds").split()) for r in rows[:50]).lower()
        regime = "woo" if "5.1" in joined else ("wob" if "10.2" in joined else None)
    return [_document(row, regime) for row in rows]


#: The item outcome each document judgement stands for (None: says nothing about items).
JUDGEMENT_OUTCOMES: Final[dict[str, str | None]] = {
    "public": "granted",
    "partly_public": "partly_granted",
    "not_public": "refused",
    "already_public": "referred",
    "suspended": "deferred",
    "not_held": "not_held",
    "out_of_scope": None,
    "duplicate": None,
}


#: Verdicts outside the documents' vocabulary that an item's outcome still has a word
#: for: the requester already has the document ("Reeds in bezit") is ``referred``
#: (already public or already provided), the document itself stays unjudged.
_ALREADY_PROVIDED: Final = re.compile(
    r"\b(?:reeds|al|eerder)\s+(?:in (?:uw |uw eigen )?bezit|verstrekt|toegezonden|ontvangen)\b",
    re.I,
)

_UNKNOWN: Final = "?"


def _item_outcome(document: InventoryDocument) -> str | None:
    """The item outcome a document's judgement stands for; ``_UNKNOWN`` when it has none."""
    if document.judgement is not None:
        return JUDGEMENT_OUTCOMES.get(document.judgement)
    if _ALREADY_PROVIDED.search(document.judgement_text or ""):
        return "referred"
    return _UNKNOWN


_ITEM_LABEL: Final = re.compile(r"(?<![\w.])(\d{1,2}[a-z]?|[A-Z](?:\.?\d{1,2})?)(?![\w])")


def document_items(document: InventoryDocument) -> list[str]:
    """The item numbers of a document's "Onderdeel verzoek" cell ("2", "1 en 3", "B.2")."""
    text = re.sub(
        r"(?i)\b(?:onderdeel|onderdelen|punt|vraag|deel|en|t/m)\b", " ", document.item or ""
    )
    return list(dict.fromkeys(m.group(1).lower() for m in _ITEM_LABEL.finditer(text)))


def decides_items(document: InventoryDocument) -> bool:
    """Whether the document's verdict says something an item's outcome can follow."""
    return _item_outcome(document) != _UNKNOWN


def document_outcomes(documents: Sequence[InventoryDocument]) -> list[str]:
    """What an inventory's judgements add up to for the request as a whole: documents
    disclosed and withheld together are a partial disclosure; documents already public
    (or already provided) add ``referred``. Empty when a judgement is unknown (a person
    must read the table)."""
    found: list[str] = []
    for document in documents:
        outcome = _item_outcome(document)
        if outcome == _UNKNOWN:
            return []
        if outcome is not None and outcome not in found:
            found.append(outcome)
    disclosed = {"granted", "partly_granted"} & set(found)
    if "partly_granted" in found or (disclosed and "refused" in found):
        found = [o for o in found if o not in ("granted", "refused")]
        if "partly_granted" not in found:
            found.insert(0, "partly_granted")
    return found
