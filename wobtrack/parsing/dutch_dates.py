"""Dutch dates in decision letters: "23 april 2021", "4-8-2020", OCR noise, the dagtekening.

The decision date is the letter's dagtekening (the "Datum" field of the letterhead, or a
"Den Haag, 3 februari 2026" line), never a date merely mentioned in the text. The request
received date comes from the sentence that says when the authority received the request.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final, NamedTuple

#: Month spellings (full names, abbreviations) to month numbers.
MONTHS: Final[dict[str, int]] = {
    "januari": 1, "jan": 1,
    "februari": 2, "feb": 2, "febr": 2,
    "maart": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "augustus": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

#: Characters OCR puts where a digit belongs.
_OCR_DIGITS: Final = str.maketrans({"l": "1", "I": "1", "i": "1", "|": "1", "O": "0", "o": "0"})

#: First and last year a decision letter can plausibly carry.
_YEARS: Final = range(1980, 2100)

#: A TrueType font without a ToUnicode map shows up as "(cid:N)". Fonts in the standard
#: Macintosh glyph order (Arial, Times New Roman, Verdana...) put "0".."9" at glyph 19..28.
_MAC_GLYPH_ZERO: Final = 19


def _month_alternation() -> str:
    """Month names, longest first, tolerating stray spaces inside ("novembe r")."""
    names = sorted(MONTHS, key=len, reverse=True)
    return "|".join(r"\s?".join(name) if len(name) > 3 else name for name in names)


_DAY: Final = r"(?:(?P<cid>(?:\(cid:\d{1,3}\)){1,2})|(?P<day>[0-9lIiOo]{1,2}))"
_WORD_DATE: Final = re.compile(
    r"(?<![\w(])" + _DAY + r"(?:e|ste|de)?\s*"
    r"(?P<month>" + _month_alternation() + r")(?![a-z])\.?\s*"
    r"(?P<year>[12lI][09Oo][0-9lIOo]{2})(?!\d)",
    re.IGNORECASE,
)
_NUMERIC_DATE: Final = re.compile(
    r"(?<![\d./-])(?P<day>\d{1,2})(?P<sep>[-./])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4})(?!\d)"
)


class DateMention(NamedTuple):
    """A date found in a text, its span, and whether a digit was recovered from a glyph id."""

    value: date
    start: int
    end: int
    recovered: bool = False


def _ocr_number(token: str) -> int | None:
    """The number an OCR'd digit token stands for ("l0" -> 10), or None."""
    if not any(ch.isdigit() for ch in token) and token not in {"l", "I", "io", "lo"}:
        return None
    digits = token.translate(_OCR_DIGITS)
    return int(digits) if digits.isdigit() else None


def _cid_day(token: str) -> int | None:
    """A day written with unmapped glyphs, read in the Macintosh glyph order."""
    digits = ""
    for glyph in re.findall(r"\d+", token):
        offset = int(glyph) - _MAC_GLYPH_ZERO
        if not 0 <= offset <= 9:
            return None
        digits += str(offset)
    return int(digits)


def _month_number(token: str) -> int | None:
    return MONTHS.get(re.sub(r"[\s.]", "", token).lower())


def _make_date(year: int | None, month: int | None, day: int | None) -> date | None:
    if year is None or month is None or day is None or year not in _YEARS:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMention]:
    """All dates in ``text``, in order: "4 augustus 2020", "4-8-2020", "12maart2021"."""
    found: list[DateMention] = []
    for match in _WORD_DATE.finditer(text):
        cid = match["cid"]
        day = _cid_day(cid) if cid else _ocr_number(match["day"])
        value = _make_date(_ocr_number(match["year"]), _month_number(match["month"]), day)
        if value is not None:
            found.append(DateMention(value, match.start(), match.end(), recovered=bool(cid)))
    for match in _NUMERIC_DATE.finditer(text):
        value = _make_date(int(match["year"]), int(match["month"]), int(match["day"]))
        if value is not None and not any(m.start <= match.start() < m.end for m in found):
            found.append(DateMention(value, match.start(), match.end()))
    found.sort(key=lambda m: m.start)
    return found


_CID_RUN: Final = re.compile(r"(?:\(cid:\d{1,4}\))+")
_CID_NUMBER: Final = re.compile(r"\d+")


def _glyph_ids(run: str) -> list[int]:
    return [int(n) for n in _CID_NUMBER.findall(run)]


def _glyphs_spell(glyphs: list[int], word: str) -> bool:
    """Whether unmapped glyph ids can spell ``word``.

    Two font layouts are common: the Macintosh standard order (glyph = code - 29) and a
    subset font whose glyphs are numbered in character order, skipping unused characters
    (so glyph order follows character order and gaps can only shrink).
    """
    if len(glyphs) != len(word):
        return False
    if all(g == ord(ch) - 29 for g, ch in zip(glyphs, word, strict=True)):
        return True
    for i, (gi, ci) in enumerate(zip(glyphs, word, strict=True)):
        for gj, cj in zip(glyphs[i + 1 :], word[i + 1 :], strict=True):
            glyph_gap, char_gap = gj - gi, ord(cj) - ord(ci)
            if (glyph_gap > 0) != (char_gap > 0) or (glyph_gap == 0) != (char_gap == 0):
                return False
            if abs(glyph_gap) > abs(char_gap):
                return False
    return True


def _glyph_numbers(glyphs: list[int], bases: set[int]) -> set[int]:
    """The numbers a run of digit glyphs can stand for, for each candidate digit-zero glyph."""
    numbers: set[int] = set()
    for base in bases:
        digits = [g - base for g in glyphs]
        if all(0 <= d <= 9 for d in digits):
            numbers.add(int("".join(map(str, digits))))
    return numbers


def _cid_date_line(line: str) -> DateMention | None:
    """ "Datum 24 november 2020" written entirely in unmapped glyphs, if it reads unambiguously."""
    runs = list(_CID_RUN.finditer(line))
    if len(runs) < 4 or not _glyphs_spell(_glyph_ids(runs[0][0]), "Datum"):
        return None
    day_glyphs, month_glyphs, year_glyphs = (_glyph_ids(r[0]) for r in runs[1:4])
    months = {n for name, n in MONTHS.items() if _glyphs_spell(month_glyphs, name)}
    # Day and year share the font, so the same digit-zero glyph; a day set in a font of the
    # Macintosh order is tried as well.
    bases = {_MAC_GLYPH_ZERO} | {min(year_glyphs) - d for d in range(10)}
    pairs = {
        (day, year)
        for base in bases
        for year in _glyph_numbers(year_glyphs, {base})
        for day in _glyph_numbers(day_glyphs, {base, _MAC_GLYPH_ZERO})
        if year in _YEARS
    }
    candidates = {
        value
        for value in (_make_date(y, m, d) for d, y in pairs for m in months)
        if value is not None
    }
    if len(candidates) != 1:
        return None
    return DateMention(candidates.pop(), runs[1].start(), runs[3].end(), recovered=True)


def parse_dutch_date(text: str) -> date | None:
    """The first date in ``text`` ("23 april 2021", "4-8-2020"), or None."""
    dates = find_dates(text)
    return dates[0].value if dates else None


# --- The dagtekening -------------------------------------------------------------------

#: "Datum", also OCR'd or letter-spaced: "D atum", "Datum:", "Dagtekening".
_DATUM_LABEL: Final = re.compile(r"(?<![\w])(?:D\s?a\s?t\s?u\s?m|Dagtekening)\b\s*:?\s*")
#: A line that is nothing but the label (the date sits on a following line).
_DATUM_ALONE: Final = re.compile(r"^(?:.*\s)?(?:D\s?a\s?t\s?u\s?m|Dagtekening)\s*:?$")
#: "Den Haag, 3 februari 2026", "Amsterdam, 4 augustus 2020", "'s-Gravenhage, 1 mei 2021".
_PLACE_DATE: Final = re.compile(
    r"^(?:'s-|’s-)?[A-Z][\w’'-]+(?:[ -][A-Za-z][\w’'-]+){0,3},\s+(?:de\s+)?(?P<rest>.+)$"
)
#: How far after "Datum" the date may start on the same line ("verzonden per mail op ...").
_LABEL_REACH: Final = 60
#: Lines after a lone "Datum" label to look at.
_LINES_AFTER_LABEL: Final = 3

# Votes for a letterhead date, by how surely the place shows the letter's own date. The
# first page counts FIRST_PAGE times: later pages repeat the letterhead, but also carry
# annexes and tables.
_FIRST_PAGE: Final = 3.0
_LABEL_THEN_DATE: Final = 3.0  # "Datum 4 augustus 2020" at the start of a line
_LABEL_IN_LINE: Final = 1.0  # "... Gemeente Amsterdam Datum 24 juli 2020" (a page header)
_DATE_BELOW_LABEL: Final = 2.5  # "Datum" / "26 november 2020"
_DATE_ENDS_LINE_BELOW: Final = 1.0  # "Datum" / "tekst tekst 26 november 2020" (a column)
_PLACE_AND_DATE: Final = 2.5  # "Den Haag, 3 februari 2026"
#: A runner-up this close to the winner makes the date ambiguous.
_AMBIGUOUS: Final = 0.75


@dataclass(frozen=True)
class DateFinding:
    """A date the parser settled on, with the line that shows it and any doubts."""

    value: date | None
    page: int | None = None
    evidence: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


def _dates_near_start(text: str, reach: int) -> list[DateMention]:
    return [m for m in find_dates(text) if m.start <= reach]


def _only_date(line: str) -> DateMention | None:
    """The date if ``line`` is essentially just a date (a right-hand column cell)."""
    dates = find_dates(line)
    if len(dates) != 1:
        return None
    mention = dates[0]
    rest = (line[: mention.start] + line[mention.end :]).strip(" ,.:;")
    return mention if len(rest) <= 2 else None


def _trailing_date(line: str) -> DateMention | None:
    """A date that ends the line: the right-hand column of a two-column letterhead."""
    dates = find_dates(line)
    if dates and not line[dates[-1].end :].strip(" .,"):
        return dates[-1]
    return None


#: Records one vote: (date mention, weight, page number, line).
VoteFn = Callable[[DateMention, float, int, str], None]


def find_decision_date(pages: Sequence[str], not_before: date | None = None) -> DateFinding:
    """The letter's dagtekening, voted over every place the letterhead shows it.

    Letterheads repeat "Datum" on each page, so every labelled date gets a vote, the
    first page's weighing most; a date that only occurs in the running text never counts.
    A letterhead date before ``not_before`` (the request's receipt) is a typo the letter
    itself contradicts: another letterhead date wins if there is one, with a warning.
    """
    votes: dict[date, float] = {}
    first_seen: dict[date, tuple[int, str, bool]] = {}

    def vote(mention: DateMention, weight: float, page: int, line: str) -> None:
        votes[mention.value] = votes.get(mention.value, 0.0) + weight
        first_seen.setdefault(mention.value, (page, line.strip(), mention.recovered))

    for page_no, page in enumerate(pages, start=1):
        page_weight = _FIRST_PAGE if page_no == 1 else 1.0
        lines = [line.strip() for line in page.splitlines()]
        for index, line in enumerate(lines):
            if not line or (
                "atum" not in line
                and "agtekening" not in line
                and "," not in line
                and not line.startswith("(cid:")
            ):
                continue
            if line.startswith("(cid:"):
                glyph_date = _cid_date_line(line)
                if glyph_date is not None:
                    vote(glyph_date, _LABEL_THEN_DATE * page_weight, page_no, line)
                continue
            if _DATUM_ALONE.match(line):
                _vote_following(lines, index, page_no, page_weight, vote)
                continue
            label = _DATUM_LABEL.search(line)
            if label is not None:
                after = line[label.end() :]
                near = _dates_near_start(after, _LABEL_REACH)
                if near:
                    weight = _LABEL_THEN_DATE if label.start() == 0 else _LABEL_IN_LINE
                    vote(near[0], weight * page_weight, page_no, line)
                    continue
            place = _PLACE_DATE.match(line)
            if place is not None and index > 0:
                mention = _only_date(place["rest"])
                if mention is not None and not line.lower().startswith(("op ", "in ", "bij ")):
                    vote(mention, _PLACE_AND_DATE * page_weight, page_no, line)
    if not votes:
        return DateFinding(
            None, warnings=("no dagtekening (letter date) found; decision_date left empty",)
        )
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], first_seen[kv[0]][0]))
    warnings: list[str] = []
    if not_before is not None and ranked[0][0] < not_before:
        plausible = [kv for kv in ranked if kv[0] >= not_before]
        if plausible:
            warnings.append(
                f"the letterhead shows {ranked[0][0].isoformat()}, before the request was "
                f"received ({not_before.isoformat()}); {plausible[0][0].isoformat()}, also "
                "shown as the letter's date, is used"
            )
            ranked = plausible + [kv for kv in ranked if kv[0] < not_before]
    best, score = ranked[0]
    page_no, line, recovered = first_seen[best]
    if len(ranked) > 1 and ranked[1][1] >= score * _AMBIGUOUS and not warnings:
        warnings.append(
            f"decision date ambiguous: {best.isoformat()} chosen over "
            f"{ranked[1][0].isoformat()} (both shown as the letter's date)"
        )
    if recovered:
        warnings.append(
            f"decision date {best.isoformat()}: a digit was read from an unmapped font glyph; "
            "check it against the PDF"
        )
    return DateFinding(best, page_no, line, tuple(warnings))


def _vote_following(
    lines: list[str], index: int, page_no: int, weight: float, vote: VoteFn
) -> None:
    """After a lone "Datum", the first following line that is (or ends in) a date."""
    for line in lines[index + 1 : index + 1 + _LINES_AFTER_LABEL]:
        if not line:
            continue
        mention = _only_date(line)
        if mention is not None:
            vote(mention, _DATE_BELOW_LABEL * weight, page_no, line)
            return
        mention = _trailing_date(line)
        if mention is not None:
            vote(mention, _DATE_ENDS_LINE_BELOW * weight, page_no, line)
            return
