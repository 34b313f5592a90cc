"""Letter-level facts of a decision letter: its kind, dates, verdaging and remedy clause.

Pure functions over the letter's page texts (one string per PDF page):

* ``letter_kind``: "besluit", "deelbesluit" or "bezwaar" (a beslissing op bezwaar);
* ``request_dates``: the request's own date and its receipt date, and
  ``request_received_best``: the value a tracker's ``request_received`` field carries;
* ``verdaging``: when the decision term was extended, and until when;
* ``bezwaar_clause``: the remedy term (bezwaar, or beroep after an objection), whether it
  may be filed electronically, and the address;
* ``decision_date``: the dagtekening (``find_decision_date``), checked against the receipt.

Every function returns warnings instead of guessing silently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final, Literal, NamedTuple

from wobtrack.names import name_key
from wobtrack.parsing import phrases
from wobtrack.parsing.dutch_dates import MONTHS, find_dates, find_decision_date

Kind = Literal["besluit", "deelbesluit", "bezwaar"]
Remedy = Literal["bezwaar", "beroep"]

__all__ = [
    "AUTHORITY_FROM_CLAUSE",
    "BezwaarInfo",
    "Kind",
    "Remedy",
    "RequestDates",
    "authority",
    "bezwaar_clause",
    "decision_date",
    "letter_kind",
    "letter_subject",
    "request_dates",
    "request_received_best",
    "verdaging",
]


@dataclass(frozen=True)
class RequestDates:
    """The request's own date ("uw brief van X") and its receipt ("ontvangen op Y")."""

    request_date: date | None
    request_received: date | None
    warnings: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class BezwaarInfo:
    """The rechtsmiddelenclausule: term in weeks, remedy, electronic filing, address."""

    weeks: int
    remedy: Remedy = "bezwaar"
    electronic_filing: bool | None = None
    address: str | None = None


# --- text --------------------------------------------------------------------------------

_SPACES: Final = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_LIGATURES: Final = str.maketrans({"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "\u00ad": ""})
_FURNITURE: Final = re.compile(
    r"^(?:pagina \d+ (?:van|/) \d+|\d{1,3}|- ?\d{1,3} ?-|page \d+ of \d+)$", re.I
)
#: OCR confusions that hide a word the rules look for ("vw" for "uw", "janvari").
_OCR_WORDS: Final = (
    (re.compile(r"\bvw\b"), "uw"),
    (re.compile(r"\bv\b(?= (?:heeft|hebt|met|een|de|het|kunt|zult|aangegeven|verzocht)\b)"), "u"),
    (re.compile(r"\b(?:heeft|hebt|kunt|dat|zult|wilt) v\b"), lambda m: m[0][:-1] + "u"),
    (re.compile(r"\bjanvari\b", re.I), "januari"),
    (re.compile(r"\baugvstus\b", re.I), "augustus"),
    # "g oktober 2023": OCR reads a 9 as "g" before a month name.
    (re.compile(r"(?<![\w(])g(?= (?:" + "|".join(MONTHS) + r")\b)", re.I), "9"),
)


def _clean_line(line: str) -> str:
    return _SPACES.sub(" ", line.translate(_LIGATURES)).strip()


def _fix_ocr(text: str) -> str:
    for pattern, repl in _OCR_WORDS:
        text = pattern.sub(repl, text)
    return text


def _lines(pages: Sequence[str]) -> list[str]:
    """The letter's non-empty lines, whitespace normalised, page numbers dropped."""
    out: list[str] = []
    for page in pages:
        for raw in page.splitlines():
            line = _clean_line(raw)
            if line and not _FURNITURE.match(line):
                out.append(_fix_ocr(line))
    return out


def _flat(lines: Sequence[str]) -> str:
    """Lines joined into running text; a hyphen at a line end joins the word halves."""
    text = ""
    for line in lines:
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].islower():
            text = text[:-1] + line
        else:
            text = f"{text} {line}" if text else line
    return text


_ABBREVIATED: Final = re.compile(
    r"(?:\b(?:d\.d|jl|j\.l|nr|art|o\.a|i\.v\.m|t\.a\.v|m\.b\.t|bijv|mr|dhr|mw|ca|resp|"
    r"nl|a\.s|e\.d|c\.q|z\.g|zgn|vgl)|\b[A-Z])\.$"
)


def _sentences(text: str) -> list[str]:
    """Split running text into sentences at ". X" (not after "d.d.", "jl.", initials)."""
    out: list[str] = []
    start = 0
    for match in re.finditer(r"[.!?][\"”’')]*\s+(?=[A-Z“\"‘(])", text):
        head = text[start : match.start() + 1]
        if _ABBREVIATED.search(head):
            continue
        out.append(head.strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


_GREETING: Final = re.compile(r"^(?:Geachte|GEACHTE|Beste|L\.S\.)(?:\s|,|$)")
_SUBJECT: Final = re.compile(r"(?:^|\s)(?:B\s?etreft|O\s?nderwerp)\b\s*:?\s*(?P<rest>.*)$")


class _Letter(NamedTuple):
    lines: list[str]
    head: list[str]  # the letterhead: lines before the salutation
    subject: str  # the "Betreft"/"Onderwerp" line with its continuation
    body: list[str]  # sentences from the salutation on


def _read(pages: Sequence[str]) -> _Letter:
    lines = _lines(pages)
    greeting = next((i for i, line in enumerate(lines) if _GREETING.match(line)), None)
    head_end = greeting if greeting is not None and greeting < 80 else min(len(lines), 40)
    head = lines[:head_end]
    subject = ""
    for index, line in enumerate(head):
        match = _SUBJECT.search(line)
        if match is not None:
            subject = " ".join([match["rest"], *head[index + 1 : index + 2]])
            break
    body_start = greeting + 1 if greeting is not None else 0
    return _Letter(lines, head, subject, _sentences(_flat(lines[body_start:])))


# --- dates -------------------------------------------------------------------------------

_MONTH_NAMES: Final = "|".join(sorted(MONTHS, key=len, reverse=True))
#: "6 februari", "8 december jl.": a date without a year.
_DAY_MONTH: Final = re.compile(
    r"(?<![\w(-])(?P<day>\d{1,2})\s+(?P<month>" + _MONTH_NAMES + r")\b\.?"
    r"(?!\s*[12]\d{3})(?P<recent>\s+(?:jl\.?|j\.l\.?|jongstleden|(?:van )?dit jaar))?",
    re.I,
)
#: "25-8-21", "25-8-211" (footnote marker glued on): a numeric date with a two-digit year.
_SHORT_NUMERIC: Final = re.compile(
    r"(?<![\d./-])(?P<day>\d{1,2})-(?P<month>\d{1,2})-(?P<year>\d{2})(?P<mark>\d)?(?![\d-])"
)
#: "15 en 16 juli 2020", "15, 16 en 17 juli 2020": one month, several days.
_DAY_LIST: Final = re.compile(
    r"(?<![\w(-])(?P<days>\d{1,2}(?:\s*(?:,|en)\s*\d{1,2})+)\s+(?P<month>"
    + _MONTH_NAMES
    + r")\b\.?\s*(?P<year>[12]\d{3})",
    re.I,
)


class _Found(NamedTuple):
    value: date
    start: int
    end: int
    guessed_year: bool = False
    more: tuple[date, ...] = ()  # further days of "15 en 16 juli"


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_for(month: int, day: int, context: date | None, *, past: bool) -> date | None:
    """A yearless date placed by ``context``: the latest not after it (``past``), else the
    first not before it."""
    if context is None:
        return None
    for year in (context.year, context.year - 1) if past else (context.year, context.year + 1):
        value = _safe_date(year, month, day)
        if value is not None and (value <= context if past else value >= context):
            return value
    return None


def _dates(text: str, context: date | None = None, *, past: bool = True) -> list[_Found]:
    """All dates in ``text`` in order, also "15 en 16 juli 2020", "25-8-21" and, given a
    ``context`` date, yearless "6 februari jongstleden"."""
    found = [_Found(m.value, m.start, m.end) for m in find_dates(text)]

    def free(start: int, end: int) -> bool:
        return not any(f.start < end and start < f.end for f in found)

    for match in _DAY_LIST.finditer(text):
        days = [int(d) for d in re.findall(r"\d+", match["days"])]
        month = MONTHS[match["month"].lower()]
        values = [_safe_date(int(match["year"]), month, d) for d in days]
        valid = [v for v in values if v is not None]
        if len(valid) == len(values):
            found = [f for f in found if not match.start() <= f.start < match.end()]
            found.append(_Found(valid[0], match.start(), match.end(), more=tuple(valid[1:])))
    for match in _SHORT_NUMERIC.finditer(text):
        value = _safe_date(2000 + int(match["year"]), int(match["month"]), int(match["day"]))
        if value is not None and free(match.start(), match.end()):
            found.append(_Found(value, match.start(), match.end()))
    for match in _DAY_MONTH.finditer(text):
        if not free(match.start(), match.end()):
            continue
        month = MONTHS[match["month"].lower()]
        value = _year_for(month, int(match["day"]), context, past=past or bool(match["recent"]))
        if value is not None:
            found.append(_Found(value, match.start(), match.end(), guessed_year=True))
    found.sort(key=lambda f: f.start)
    return found


def _letter_date(pages: Sequence[str]) -> date | None:
    return find_decision_date(pages).value


# --- letter kind -------------------------------------------------------------------------

#: A decision on objection names itself so: "Beslissing op (uw) bezwaar", "op uw bezwaar
#: beslist", "verklaar ik het bezwaar (on)gegrond".
_ON_OBJECTION: Final = re.compile(
    r"\bbeslissing\s+op\s+(?:uw\s+|het\s+)?(?:\(?pro forma\)?\s+)?bezwaar(?:schrift)?\b"
    r"|\bop\s+(?:uw|het)\s+bezwaar(?:schrift)?\s+(?:\w+\s+){0,2}beslist\b"
    r"|\bverklaar\w*\s+(?:ik|wij|het college)?\s*(?:uw|het|dit|de)\s+bezwaar\w*\s+"
    r"(?:\w+\s+){0,2}(?:on)?gegrond\b"
    r"|\bbezwaar\w*\s+(?:\w+\s+){0,2}(?:on)?gegrond\s+verkla\w+"
    r"|\b(?:uw|het)\s+bezwaar(?:schrift)?\s+is\s+(?:\w+\s+){0,2}(?:niet-?\s?)?ontvankelijk\b",
    re.I,
)
#: Support for an objection decision, not proof: "uw bezwaarschrift" outside the
#: rechtsmiddelenclausule, "het bestreden besluit", "hoorzitting", "heroverweging".
_OBJECTION_HINT: Final = re.compile(
    r"\b(?:bestreden|primaire)\s+besluit\b|\bhoorzitting\b|\bheroverweging\b"
    r"|\bbezwaar\s+gemaakt\s+tegen\b",
    re.I,
)
#: The remedy clause's own wording about a future objection ("Het besluit waartegen u
#: bezwaar maakt blijft geldig totdat op uw bezwaar is beslist"): no decision on objection.
_REMEDY_BOILERPLATE: Final = re.compile(
    r"\b(?:totdat|voordat|zolang|tot)\s+(?:\w+\s+){0,3}bezwaar\w*\b"
    r"|\bwaartegen\s+u\s+bezwaar\b|\bvoorlopige\s+voorziening\b",
    re.I,
)
_PARTIAL: Final = re.compile(r"\bdeel\s?besluit(?:en)?\b", re.I)
#: The letter calls itself a deelbesluit: "dit eerste deelbesluit", "Deelbesluit 2",
#: "het tweede en tevens laatste deelbesluit", "Deel Besluit 1".
_SELF_PARTIAL: Final = re.compile(
    r"\b(?:dit|deze|hierbij|bijgaand|met dit|onderhavige)\s+(?:[\w,]+\s+){0,7}?"
    r"deel\s?besluit\b|\bdit\s+(?:besluit\s+)?is\s+(?:het|een)\s+(?:\w+\s+){0,4}?deel\s?besluit\b",
    re.I,
)
_REVISED: Final = re.compile(r"\bherzien(?:e)?\s+besluit\b|\bherziening\b", re.I)


def letter_kind(pages: Sequence[str]) -> tuple[Kind, list[str]]:
    """ "bezwaar" (a beslissing op bezwaar), "deelbesluit" or "besluit".

    The heading decides first; an ordinary besluit names "bezwaar" only in its remedy
    clause, so a body mention counts only in wording that decides an objection.
    """
    letter = _read(pages)
    head = " ".join(letter.head)
    top = " ".join(
        [letter.subject, *(s for s in letter.body[:6] if not _REMEDY_BOILERPLATE.search(s))]
    )
    warnings: list[str] = []
    objection_head = _ON_OBJECTION.search(head) or _ON_OBJECTION.search(top)
    objection_body = [
        s for s in letter.body if _ON_OBJECTION.search(s) and not _REMEDY_BOILERPLATE.search(s)
    ]
    hints = sum(1 for s in letter.body if _OBJECTION_HINT.search(s))
    if _REVISED.search(letter.subject or head) and not objection_head:
        if objection_body:
            warnings.append("a herzien besluit that also decides an objection; kind 'besluit'")
        return ("deelbesluit" if _PARTIAL.search(head) else "besluit"), warnings
    if objection_head or (objection_body and hints):
        return "bezwaar", warnings
    if objection_body:
        warnings.append(
            "the letter declares an objection (un)founded but does not call itself a "
            "beslissing op bezwaar; kind 'bezwaar'"
        )
        return "bezwaar", warnings
    if _PARTIAL.search(letter.subject or head) or any(_SELF_PARTIAL.search(s) for s in letter.body):
        return "deelbesluit", warnings
    return "besluit", warnings


# --- request dates -----------------------------------------------------------------------

_POSSESSIVE: Final = r"(?:uw|een|haar|zijn|het|dit|de)"
_CARRIER: Final = (
    r"(?:(?:wob|woo)-?)?(?:brie(?:f|ven)|e-?mail(?:bericht)?s?|verzoek(?:en)?|bericht(?:en)?|"
    r"mails?|schrijven|formulier|aanvraag|webformulier)"
)
_REQUEST_WORD: Final = re.compile(
    r"\bverzo(?:ek|cht|eken|ekt)\w*|\bberoep op de wet\b|\b(?:wob|woo)-?verzoek", re.I
)
#: The request's own date: "In uw brief van X", "uw verzoek d.d. X", "gedateerd op X".
_REQUEST_OF: Final = re.compile(
    r"\b(?:in|bij|per|met|via|aan de hand van)\s+(?:"
    + _POSSESSIVE
    + r"\s+)?(?:\(?\w+\)?\s+)?"
    + _CARRIER
    + r"\s+(?:\w+\s+){0,2}?(?:van|d\.\s?d\.?|gedateerd(?:\s+op)?|op)\s+(?P<date>.{4,40})",
    re.I,
)
#: "Op 11 mei 2021 heeft u (...) een verzoek ingediend": date, then the request.
_ON_DATE_REQUESTED: Final = re.compile(
    r"(?-i:\b(?:Op|Bij\s+\w+\s+van))\s+(?P<date>[^,]{4,30}?),?\s+(?:heeft|hebt)\s+u\b"
    r"(?!.{0,120}\bontvangen\b).{0,200}?\b(?:verzoek\w*\s+(?:\w+\s+){0,3}(?:ingediend|gedaan|"
    r"verzonden|gestuurd|ingestuurd)|verzocht|gevraagd)\b",
    re.I,
)
#: "Beslissing op uw verzoek om informatie d.d. 17-4-2025", "Besluit op uw Woo-verzoek van X".
_SUBJECT_REQUEST: Final = re.compile(
    r"\b(?:beslissing|besluit)\s+op\s+uw\s+(?:\w+-)?verzoek\w*\s+(?:[\w\s]{0,60}?)"
    r"(?:van|d\.\s?d\.?)\s+(?P<date>.{4,30})",
    re.I,
)
#: A date tied to receipt: "ontvangen op Y", "door ons ontvangen op Y".
_RECEIVED_ON: Final = re.compile(
    r"\b(?:ontvangen|binnengekomen|ingekomen|ontvingen)\s+(?:(?!en\b|maar\b)\w+\s+){0,3}?op\s+"
    r"(?P<date>.{4,40})",
    re.I,
)
_SAME_DAY: Final = re.compile(
    r"\b(?:ontvangen|binnengekomen|ingekomen)\s+(?:\w+\s+){0,2}?op\s+(?:die|de)?zelfde\s+"
    r"(?:dag|datum)\b|\bdezelfde\s+dag\s+(?:\w+\s+){0,2}ontvangen\b",
    re.I,
)
#: "Op Y heeft UWV uw verzoek ... ontvangen", "Uw Wob-verzoek is op Y ontvangen",
#: "De gemeente heeft uw verzoek op Y ontvangen".
_ON_DATE_RECEIVED: Final = re.compile(
    r"(?-i:\bOp)\s+(?P<date>[^,]{4,30}?),?\s+(?:heeft|hebben|is|zijn|hebt|heb)\b"
    r"(?P<between>.{0,220}?)\b(?:ontvangen|binnengekomen|ingekomen)\b"
    r"|\b(?:uw|het|dit)\s+(?:\w+\s+)?" + _CARRIER + r"\s+(?:is\s+|werd\s+)?(?:door\s+\w+\s+)?"
    r"op\s+(?P<date2>.{4,30}?)\s+(?:\w+\s+){0,4}?(?:ontvangen|binnengekomen|ingekomen)\b",
    re.I,
)
#: "Op 25 augustus 2018 ontving ik uw verzoek", "Op X ontvingen wij uw Woo-verzoek".
_ON_DATE_WE_RECEIVED: Final = re.compile(
    r"(?-i:\bOp)\s+(?P<date>[^,]{4,30}?),?\s+(?:ontving|ontvingen)\s+(?:ik|wij|we|de|het)\b"
    r"(?:\s+\w+){0,3}?\s+(?:uw|het|dit)\s+(?:\w+\s+)?(?:\w+-)?(?:verzoek|" + _CARRIER + r")\b",
    re.I,
)
_NOT_THE_REQUEST: Final = re.compile(
    r"\b(?:zienswijze|bezwaar|ingebrekestelling|in gebreke|uitspraak|beroepschrift|beroep "
    r"ingesteld|verweerschrift|machtiging|gemachtigd|specificatie|aanvulling|reactie|"
    r"herinnering|beslist)\w*",
    re.I,
)
_CONFIRMATION: Final = re.compile(
    r"\bontvangst\b.{0,160}\bbevestig\w*|\bbevestig\w*\b.{0,60}\bontvangst\b"
    r"|\bontvangstbevestiging\b",
    re.I,
)
_OWN_LETTER: Final = re.compile(r"\b(?:mijn|onze|ons)\s+(?:\w+\s+)?" + _CARRIER + r"\b", re.I)


def _first_date(text: str, context: date | None, *, past: bool = True) -> _Found | None:
    found = _dates(text, context, past=past)
    return found[0] if found and found[0].start <= 12 else None


def _date_at(
    sentence: str, match: re.Match[str], group: str, context: date | None, *, past: bool = True
) -> _Found | None:
    """The date that starts where ``group`` matched, read from the rest of the sentence."""
    start = match.start(group)
    if start < 0:
        return None
    return _first_date(sentence[start : start + 60], context, past=past)


def _request_date_in(sentence: str, letter_date: date | None, confirmation: bool) -> _Found | None:
    """The request's own date in a sentence about the request, if it gives one."""
    for match in _REQUEST_OF.finditer(sentence):
        if _OWN_LETTER.search(sentence[max(0, match.start() - 10) : match.start("date")]):
            continue  # "In mijn brief van X": the authority's letter
        if confirmation and "verzoek" not in match[0][: match.start("date") - match.start()]:
            continue  # "Per e-mail van X is de ontvangst bevestigd": the confirmation's date
        found = _date_at(sentence, match, "date", letter_date)
        if found is not None:
            return found
    if not confirmation:
        on = _ON_DATE_REQUESTED.search(sentence)
        return _date_at(sentence, on, "date", letter_date) if on else None
    # "heb ik u de ontvangst bevestigd van uw verzoek ... op 6 februari jongstleden"
    yours = re.search(r"\buw\s+(?:\w+-)?verzoek", sentence)
    if yours is None:
        return None
    for match in re.finditer(r"\b(?:van|d\.d\.|op)\s+(?P<date>)", sentence[yours.end() :]):
        found = _first_date(sentence[yours.end() + match.end() :][:60], letter_date)
        if found is not None:
            return found
    return None


def _receipt_in(sentence: str, requested: _Found | None, letter_date: date | None) -> _Found | None:
    """The receipt date in a sentence about the request: "ontvangen op Y", "Op Y heeft
    UWV uw verzoek ontvangen"; a yearless date falls on or after the request date."""
    context, past = (requested.value, False) if requested else (letter_date, True)
    on = _RECEIVED_ON.search(sentence)
    if on is not None:
        found = _date_at(sentence, on, "date", context, past=past)
        if found is not None:
            return found
    we_received = _ON_DATE_WE_RECEIVED.search(sentence)
    if we_received is not None:
        return _date_at(sentence, we_received, "date", context, past=past)
    on_date = _ON_DATE_RECEIVED.search(sentence)
    if on_date is None:
        return None
    if re.search(r"\b(?:heeft|hebt)\s+u\b|\bu\s+(?:heeft|hebt)\b", on_date["between"] or ""):
        return None  # "Op X heeft u het deelbesluit ontvangen": the requester received
    group = "date" if on_date.start("date") >= 0 else "date2"
    return _date_at(sentence, on_date, group, context, past=past)


def request_dates(pages: Sequence[str]) -> RequestDates:
    """The request's date and when it was received, per the letter's own account."""
    letter = _read(pages)
    letter_date = _letter_date(pages)
    warnings: list[str] = []
    requested: _Found | None = None
    received: _Found | None = None
    same_day = False
    # A decision on objection recounts the objection too; only sentences about the request
    # count, and the first such sentence is the original request.
    for sentence in letter.body[:40]:
        about_request = _REQUEST_WORD.search(sentence)
        other = _NOT_THE_REQUEST.search(sentence)
        # "Bij brief van X heeft u beroep ingesteld ... op uw Wob-verzoek": about something
        # else, unless the request is named before that other thing.
        off_topic = other is not None and not (
            about_request is not None and about_request.start() < other.start()
        )
        confirmation = _CONFIRMATION.search(sentence)
        if requested is None and about_request and not off_topic:
            requested = _request_date_in(sentence, letter_date, confirmation is not None)
        if received is None and not confirmation and (about_request or requested is not None):
            if off_topic:
                continue
            if _SAME_DAY.search(sentence) and requested is not None:
                same_day = True
                received = requested
                continue
            received = _receipt_in(sentence, requested, letter_date)
        if requested is not None and received is not None:
            break
    if requested is None:
        match = _SUBJECT_REQUEST.search(letter.subject or " ".join(letter.head))
        found = _first_date(match["date"], letter_date) if match else None
        if found is not None:
            requested = found
            warnings.append(
                f"request date {found.value.isoformat()} taken from the letter's subject line"
            )
    for what, finding in (("request date", requested), ("receipt date", received)):
        if finding is not None and finding.guessed_year and not (same_day and what[1] == "e"):
            warnings.append(
                f"{what} {finding.value.isoformat()}: the letter gives no year; the year "
                "was taken from the letter's context"
            )
    if requested is not None and requested.more:
        others = ", ".join(d.isoformat() for d in requested.more)
        warnings.append(
            f"the letter names several requests, dated {requested.value.isoformat()} and "
            f"{others}; the first is used"
        )
    request_value = requested.value if requested else None
    received_value = received.value if received else None
    if request_value and received_value and received_value < request_value:
        warnings.append(
            f"receipt {received_value.isoformat()} precedes the request date "
            f"{request_value.isoformat()}; check both"
        )
    if request_value is None and received_value is None:
        warnings.append("neither the request date nor its receipt found")
    return RequestDates(request_value, received_value, tuple(warnings))


def request_received_best(dates: RequestDates) -> tuple[date | None, list[str]]:
    """What a ``request_received`` field carries: the receipt date, else the request date."""
    if dates.request_received is not None:
        return dates.request_received, []
    if dates.request_date is not None:
        return dates.request_date, [
            f"request_received {dates.request_date.isoformat()}: the letter gives only the "
            "date of the request itself, not when it was received"
        ]
    return None, ["no request receipt date found"]


# --- decision date -----------------------------------------------------------------------


def decision_date(pages: Sequence[str]) -> tuple[date | None, list[str]]:
    """The dagtekening, with the request's receipt as a floor against letterhead typos."""
    best, _ = request_received_best(request_dates(pages))
    finding = find_decision_date(pages, not_before=best)
    warnings = list(finding.warnings)
    if finding.value and best and (finding.value - best).days > _IMPLAUSIBLE_WAIT_DAYS:
        # No decision term comes near this (Wob art. 6, Woo art. 4.4: weeks; even after a
        # court order, months): a misread year ("203_8" read as 2028) is far likelier.
        warnings.append(
            f"decision date {finding.value.isoformat()} is more than five years after the "
            f"request ({best.isoformat()}): a misread year? check the dagtekening"
        )
    return finding.value, warnings


#: Longer than any decision takes, so a decision date this far after the request is suspect.
_IMPLAUSIBLE_WAIT_DAYS: Final = 5 * 366


# --- verdaging ---------------------------------------------------------------------------

_EXTENDED: Final = re.compile(
    r"\b(?:verdaag\w*|verdagen|verdaging\w*|verlengd|verlenging|verlengen)\b", re.I
)
_TERM_WORD: Final = re.compile(
    r"\bbeslis(?:termijn|datum|sing)|\btermijn\b|\bverdaag|\bverzoek|\bafhandeling", re.I
)
_EXTENDED_TO: Final = re.compile(
    r"\b(?:verdaagd|verlengd|opgeschort|verdaging|verlenging)\s+(?:\w+\s+){0,8}?"
    r"tot\s+(?:en\s+met\s+|uiterlijk\s+)?(?P<date>.{4,40})",
    re.I,
)
_NEW_DEADLINE: Final = re.compile(
    r"\b(?:uiterlijke\s+beslisdatum|beslistermijn|beslisdatum)\s+(?:\w+\s+){0,4}?"
    r"(?:is|wordt|werd|eindigt|loopt)\s+(?:\w+\s+){0,3}?(?:op|tot|af op)?\s*(?P<date>.{4,40})",
    re.I,
)
_LETTER_OF: Final = re.compile(
    r"\b(?:brief|e-?mail(?:bericht)?|mail|bericht|schrijven)\s+(?:\w+\s+)?(?:van|d\.d\.)\s+"
    r"(?P<date>.{4,40})",
    re.I,
)
_THIS_LETTER: Final = re.compile(
    r"\b(?:in|bij|met)\s+(?:deze|dezelfde|die)\s+(?:brief|e-?mail|mail|bericht)\b", re.I
)


def verdaging(pages: Sequence[str]) -> tuple[date | None, date | None]:
    """(the day the decision term was extended, the day it was extended to), or None each.

    Only sentences with a date count: the quoted law text ("kan de beslissing ... verdagen")
    has none. A yearless "verdaagd tot 1 maart" takes its year from the request date or the
    letter's date. Suspension ("opgeschort", Awb 4:15) is not reported here.
    """
    letter = _read(pages)
    letter_date = _letter_date(pages)
    dates = request_dates(pages)
    floor = dates.request_received or dates.request_date or letter_date
    on: date | None = None
    to: date | None = None
    previous = ""
    for sentence in letter.body:
        extended = _EXTENDED.search(sentence)
        deadline = _NEW_DEADLINE.search(sentence)
        if extended is None or not _TERM_WORD.search(sentence) or "opgeschort" in sentence:
            if deadline is not None and on is not None and to is None:
                found = _first_date(deadline["date"], floor)
                to = found.value if found else None
            previous = sentence
            continue
        if on is None and to is None:
            target = _EXTENDED_TO.search(sentence)
            if target is not None:
                until = _date_at(sentence, target, "date", floor, past=False)
                to = until.value if until else None
            before = sentence[: target.start()] if target else sentence
            letter_of = _LETTER_OF.search(before)
            if letter_of is not None:
                found = _first_date(letter_of["date"], floor)
                on = found.value if found else None
            elif _THIS_LETTER.search(before):
                earlier = _dates(previous, floor)
                on = earlier[-1].value if earlier else None
            else:
                plain = _dates(before, letter_date)
                on = plain[0].value if plain else None
            if on is None and to is None:
                previous = sentence
                continue
            if to is None and deadline is not None:
                found = _first_date(deadline["date"], floor)
                to = found.value if found else None
            if to is not None and on is not None and to <= on:
                to = None
        previous = sentence
        if on is not None and to is not None:
            break
    return on, to


# --- the bezwaar clause ------------------------------------------------------------------

_WEEKS: Final = re.compile(
    r"\b(?:binnen\s+(?:een\s+(?:termijn|periode)\s+van\s+)?|bedraagt\s+|(?:tot\s+)?uiterlijk\s+)"
    r"(?P<weeks>\d{1,2}|twee|vier|zes|acht|twaalf)\s+(?:(?-i:[A-Z][a-z]+)\s+)?weken\b",
    re.I,
)
_BEZWAAR_WORD: Final = re.compile(r"\bbezwaar", re.I)
_BEROEP_WORD: Final = re.compile(r"\bberoep(?:schrift)?\b(?!\s+op\b)", re.I)
#: Not the remedy: the objection's own timeliness ("is binnen 6 weken ingediend").
_PAST_FILING: Final = re.compile(
    r"\b(?:is|werd|was)\s+(?:\w+\s+){0,3}?(?:ingediend|ontvangen)\b.{0,40}\bbinnen\b"
    r"|\bbinnen\b.{0,60}\b(?:is|werd)\s+(?:\w+\s+)?ingediend\b|\btijdig\b|\bontvankelijk\b",
    re.I,
)
_ELECTRONIC_OPEN_MORE: Final = re.compile(
    r"\bdigitaal\b|\bvia\s+(?:het|een)\s+(?:\w+\s+)?formulier\b|\bper\s+e-?mail\b"
    r"|\bmijn\s?overheid\b|\b(?:https?://|www\.)?[\w.-]+\.nl/\S*bezwaar\S*|\be-?bezwaar\b"
    r"|\bloket\.rechtspraak\.nl\b",
    re.I,
)
_ELECTRONIC_CLOSED_MORE: Final = re.compile(
    r"\bniet\s+(?:\w+\s+)?(?:per|via)\s+e-?mail\b|\b(?:uitsluitend|alleen)\s+(?:\w+\s+)?"
    r"(?:per|via|met)\s+(?:de\s+)?(?:gewone\s+)?post\b|\bniet\s+(?:digitaal|elektronisch)\b",
    re.I,
)
_ADDRESS_INTRO: Final = re.compile(
    r"\b(?:naar|aan|bij|adres)\s*:\s*$|^(?:Stuur|Richt|Zend)\b.*\b(?:naar|aan)\s*:?\s*$", re.I
)
_POSTCODE_LINE: Final = re.compile(r"^\d{4}\s?[A-Z]{2}\b")
_STOP_AT: Final = re.compile(
    r"voorlopige voorziening|voorzieningenrechter|^Hoogachtend|^Met vriendelijke groet", re.I
)


def _term_sentences(sentences: Sequence[str]) -> list[tuple[int, Remedy, int]]:
    """(sentence index, remedy, weeks) for each sentence that sets the remedy term."""
    out: list[tuple[int, Remedy, int]] = []
    for index, sentence in enumerate(sentences):
        match = _WEEKS.search(sentence)
        if match is None or phrases.OTHER_TERM.search(sentence) or _PAST_FILING.search(sentence):
            continue
        weeks_text = match["weeks"].lower()
        weeks = int(weeks_text) if weeks_text.isdigit() else phrases.WEEK_WORDS[weeks_text]
        if _BEZWAAR_WORD.search(sentence):
            out.append((index, "bezwaar", weeks))
        elif _BEROEP_WORD.search(sentence) or (
            index > 0 and _BEROEP_WORD.search(sentences[index - 1])
        ):
            out.append((index, "beroep", weeks))
    return out


def _address_block(lines: Sequence[str], anchor: str) -> str | None:
    """The address lines after "Stuur uw bezwaarschrift naar:" up to the postcode line."""
    for index, line in enumerate(lines):
        if anchor[:40] not in line and not (index and anchor[:40] in lines[index - 1]):
            continue
        for start in range(index, min(index + 8, len(lines))):
            if _ADDRESS_INTRO.search(lines[start]):
                block: list[str] = []
                for follow in lines[start + 1 : start + 6]:
                    block.append(follow.strip(" ,"))
                    if _POSTCODE_LINE.match(follow):
                        return ", ".join(block)
                return None
        return None
    return None


def bezwaar_clause(pages: Sequence[str]) -> tuple[BezwaarInfo | None, list[str]]:
    """The remedy clause: bezwaar within N weeks, or beroep after a decision on objection.

    Electronic filing and the address are read from the clause's own paragraph, never from
    the voorlopige-voorziening sentence (which names the rechtbank).
    """
    letter = _read(pages)
    kind, _ = letter_kind(pages)
    warnings: list[str] = []
    terms = _term_sentences(letter.body)
    if not terms:
        mentions = any(_BEZWAAR_WORD.search(s) or _BEROEP_WORD.search(s) for s in letter.body)
        if mentions:
            return None, ["a remedy is mentioned but its term (weeks) could not be read"]
        return None, ["no bezwaar clause (rechtsmiddelenclausule) found"]
    wanted: Remedy = "beroep" if kind == "bezwaar" else "bezwaar"
    chosen = next((t for t in terms if t[1] == wanted), None)
    if chosen is None:
        # A besluit's "beroep" term is a court's order or a third party's remedy.
        if wanted == "beroep":
            chosen = terms[0]
            warnings.append("a decision on objection whose remedy clause speaks of bezwaar")
        else:
            return None, ["no bezwaar term found; only a beroep term (a court's order?)"]
    index, remedy, weeks = chosen
    paragraph: list[str] = []
    for sentence in letter.body[max(0, index - 2) : index + 8]:
        if _STOP_AT.search(sentence) and paragraph:
            if letter.body.index(sentence) > index:
                break
            continue
        paragraph.append(sentence)
    window = " ".join(paragraph)
    electronic: bool | None = None
    if phrases.ELECTRONIC_CLOSED.search(window) or _ELECTRONIC_CLOSED_MORE.search(window):
        electronic = False
    elif phrases.ELECTRONIC_OPEN.search(window) or _ELECTRONIC_OPEN_MORE.search(window):
        electronic = True
    address_match = phrases.BEZWAAR_ADDRESS.search(window)
    address: str | None = None
    if address_match is not None:
        address = _clean_line(address_match["address"]).strip(" ,")
    else:
        postal = phrases.POSTAL_ADDRESS.search(window)
        if postal is not None:
            address = _clean_line(postal.group(0))
        else:
            address = _address_block(letter.lines, letter.body[index][:60])
    if address is None:
        warnings.append(f"{remedy} clause found but no postal address in it")
    return BezwaarInfo(weeks, remedy, electronic, address), warnings


# --- who decided, and about what ------------------------------------------------------------

#: How a bestuursorgaan that signs a decision starts its name ("De Minister van ...",
#: "burgemeester en wethouders van ...", "Het college van ..."). The name of a ministry in a
#: signature stands for its minister: a ministry is not a bestuursorgaan (Awb 1:1), the
#: minister is.
_ORGAN: Final = re.compile(
    r"^(?:(?:de|het)\s+)?(?P<organ>"
    r"minister(?:-president)?|ministerie|staatssecretaris|"
    r"college\s+van\s+(?:burgemeester\s+en\s+wethouders|gedeputeerde\s+staten)|"
    r"burgemeester\s+en\s+wethouders|burgemeester|gedeputeerde\s+staten|"
    r"dagelijks\s+bestuur|algemeen\s+bestuur|raad\s+van\s+bestuur|"
    r"bestuur|directeur|directie|voorzitter|inspecteur-generaal|commissaris"
    r")\b(?P<rest>.*)$",
    re.I,
)
#: "namens deze", "namens dezen", "namens het college", "namens hem/haar": a mandate.
_ON_BEHALF: Final = re.compile(
    r"\bnamens\s+(?:deze|dezen|hem|haar|het\s+college|de\s+minister|de\s+burgemeester)\b", re.I
)
_GREETING_LINE: Final = re.compile(
    r"^(?:hoogachtend|met\s+vriendelijke\s+groet(?:en)?|met\s+de\s+meeste\s+hoogachting)\b", re.I
)
#: Where a bezwaarschrift must be sent: the bestuursorgaan that decided (Awb 6:4 lid 1).
_OBJECTION_TO: Final = re.compile(
    r"\b(?:gericht|richten|sturen|zenden|indienen)\s+(?:aan|bij|naar|tot)\s+(?P<name>"
    r"(?:(?:de|het)\s+)?(?:minister|staatssecretaris|college|burgemeester|"
    r"gedeputeerde\s+staten|dagelijks\s+bestuur)\b[^,.;:()]*)",
    re.I,
)
#: How the warning of an authority read from the bezwaar clause starts (``wobtrack import``
#: asks a person to check such a request).
AUTHORITY_FROM_CLAUSE: Final = "no signature names the authority"
_NAME_PARTICLES: Final = frozenset(
    {"van", "voor", "en", "de", "der", "den", "het", "op", "in", "ter", "te", "'t", "aan"}
)


def _display_name(name: str) -> str:
    """A signature as a name: capitals of an all-caps line undone, "Ministerie" as its
    minister, stray punctuation and a reference glued on by a second column removed."""
    name = _SPACES.sub(" ", name).strip(" ,;:>.")
    # "De Minister van Landbouw, Natuur en Voedselkwaliteit, Wob/2020/160": the second
    # column's kenmerk is not part of the name.
    parts = [part.strip() for part in name.split(",")]
    while len(parts) > 1 and (re.search(r"\d|/", parts[-1]) or not parts[-1]):
        parts.pop()
    name = ", ".join(parts).strip(" ,;:>.")
    name = re.sub(r"^(?:de|het)\s+", "", name, flags=re.I)
    if name.upper() == name:
        words = name.lower().split(" ")
        name = " ".join(
            word if index and word in _NAME_PARTICLES else word[:1].upper() + word[1:]
            for index, word in enumerate(words)
        )
    name = name[:1].upper() + name[1:]
    return re.sub(r"^Ministerie\b", "Minister", name)


def _organ_name(text: str) -> str | None:
    """The bestuursorgaan at the start of ``text``, cleaned, or None."""
    text = _ON_BEHALF.split(text)[0]
    match = _ORGAN.match(text.strip())
    if match is None:
        return None
    name = _display_name(text)
    # "De directeur," alone names an official, not who decided.
    return name if len(name.split()) >= 2 and len(name) <= 150 else None


def _signatures(lines: Sequence[str]) -> list[str]:
    """Names of the bestuursorganen that sign: the text before "namens deze" (on its line
    or the line above), or the line after "Hoogachtend" when it names an organ."""
    found: list[str] = []
    for index, line in enumerate(lines):
        mandate = _ON_BEHALF.search(line)
        if mandate is not None:
            before = line[: mandate.start()].strip(" ,")
            candidate = before or (lines[index - 1] if index else "")
            if not _GREETING_LINE.match(candidate):
                name = _organ_name(candidate)
                if name is not None:
                    found.append(name)
                    continue
        if _GREETING_LINE.match(line) and index + 1 < len(lines):
            rest = _GREETING_LINE.sub("", line).strip(" ,")
            name = _organ_name(rest) if rest else None
            name = name or _organ_name(lines[index + 1])
            if name is not None:
                found.append(name)
    return found


def authority(pages: Sequence[str]) -> tuple[str | None, list[str]]:
    """The bestuursorgaan that decided, as its signature names it ("Minister van
    Financiën", "Burgemeester en wethouders van Lindeburg"), with warnings.

    The signature wins ("X, namens deze": X decided, whoever signs). Without one, the
    addressee of a bezwaarschrift is used, since bezwaar goes to the organ that decided
    (Awb 6:4 lid 1), with a warning. Signatures naming different organs, or none at all,
    give None and a warning: a letterhead logo is not text, and no name is guessed.
    """
    lines = _lines(pages)
    names: dict[str, str] = {}
    for name in _signatures(lines):
        names.setdefault(name_key(name), name)
    if len(names) == 1:
        return next(iter(names.values())), []
    if len(names) > 1:
        listed = "; ".join(names.values())
        return None, [f"the letter is signed for different authorities ({listed}): none taken"]
    flat = _flat(lines)
    for match in _OBJECTION_TO.finditer(flat):
        addressee = re.split(r"\s+(?:ter attentie|t\.a\.v\.|postbus)\b", match["name"], flags=re.I)
        addressed = _organ_name(addressee[0])
        if addressed is not None:
            return addressed, [
                f"{AUTHORITY_FROM_CLAUSE}; read '{addressed}' from the bezwaar clause "
                "(bezwaar goes to the authority that decided, Awb 6:4): check it"
            ]
    return None, ["the authority that decided is not named in the letter's text (a logo?)"]


#: Labels of the letterhead's second column that a two-column layout glues to a subject.
_HEAD_LABEL: Final = re.compile(
    r"\b(?:ons kenmerk|uw kenmerk|onze referentie|uw referentie|kenmerk|bijlage\(?n?\)?|"
    r"datum|contactpersoon|behandeld door|inlichtingen|doorkiesnummer)\b.*$",
    re.I,
)


def letter_subject(pages: Sequence[str]) -> str | None:
    """The letter's "Betreft"/"Onderwerp" line (with its continuation), or None."""
    subject = _read(pages).subject
    subject = _HEAD_LABEL.sub("", _SPACES.sub(" ", subject)).strip(" :,-")
    return subject[:300] or None
