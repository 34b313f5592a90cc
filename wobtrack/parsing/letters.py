"""The decision-letter parser: page texts in, per-item outcomes with evidence out.

``parse_letter`` reads the letter the way a requester would:

1. the quoted request items ("1. Alle velden ...", "2) ...", "(a) ...");
2. the answers: "Ad N" sections (also "Ad 5 en 10", "Ad 1 t/m 3"), "Verzoekonderdeel N",
   "Vraag N", or a second numbered list; a letter without numbered items is one item "1"
   decided by its dictum;
3. per answer, the sentences that name an outcome (phrase tables in ``phrases.py``), the
   cross-references to other answers (resolved transitively, cycles reported), the
   already-public material pointed to (URLs made whole, document numbers, decisions);
4. the dictum ("Besluit"), the bezwaar clause, the dagtekening and the receipt date.

Nothing is guessed silently: wording that fits no rule gives ``needs_review`` with the
evidence found, a quoted item that is never answered is ``unanswered`` with a warning.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final, Literal, Protocol
from urllib.parse import unquote

from wobtrack.parsing import phrases
from wobtrack.parsing.dutch_dates import find_dates, find_decision_date
from wobtrack.parsing.grounds import find_grounds
from wobtrack.parsing.model import (
    Bezwaar,
    Dictum,
    Evidence,
    ParsedItem,
    ParsedLetter,
    Reference,
)
from wobtrack.vocab import OUTCOMES

#: Bump when a rule changes: stored decisions record which parser proposed their outcomes.
PARSER_VERSION: Final = "1.2.0"

#: The Woo replaced the Wob on this day (legal spec 5.2).
WOO_IN_FORCE: Final = date(2022, 5, 1)

Regime = Literal["wob", "woo"]

# --- lines and text ----------------------------------------------------------------------

_SPACES: Final = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_LIGATURES: Final = str.maketrans({"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "\u00ad": ""})
_LIGATURE_CHARS: Final = "ﬁﬂﬀ\u00ad"
#: Page furniture repeated on every page; it would break sentences across a page break.
_FURNITURE: Final = re.compile(
    r"^(?:pagina \d+ (?:van|/) \d+|\d{1,3}|- ?\d{1,3} ?-|\d+ ?/ ?\d+|page \d+ of \d+)$", re.I
)
_GREETING: Final = re.compile(r"^(?:Geachte|GEACHTE|Beste|L\.S\.)(?:\s|,|$)")
_DIGIT: Final = re.compile(r"\d")
_LAW_ARTICLE: Final = re.compile(r"^Artikel\s+\d+[a-z]?(?:\.\d+)?\s*$")
_SENTENCE_END: Final = re.compile(r"[.:;!?][\"”’')]*$")
_URL_START: Final = re.compile(r"^[(\[<\"“‘]*(?:https?://|www\.)", re.I)
_URL: Final = re.compile(r"(?:https?://|www\.)[^\s<>\"“”‘’]+", re.I)
_URL_TOKEN: Final = re.compile(r"^[\w%\-./~?=&#:+@!$,;()]+$")
_FILE_EXTENSION: Final = re.compile(r"\.(?:html?|pdf|aspx?|php|docx?|xlsx?|odt)$", re.I)
_ROMAN_PART: Final = re.compile(r"^(?P<num>X{0,3}(?:IX|IV|V?I{1,3}|V))[.):]?\s+(?=\S)")
_ARABIC_PART: Final = re.compile(r"^(?P<num>\d{1,2})[.)]\s+(?=\S)")
#: Words whose final "." does not end a sentence ("onder ad. 2", "d.d. 8 april").
_ABBREVIATIONS: Final = frozenset((
    "ad", "nr", "nrs", "d.d", "o.a", "art", "t.a.v", "m.b.t", "e.d", "bijv", "i.v.m", "jo",
    "blz", "p", "z.g", "mr", "dhr", "mw", "drs", "ir", "dr", "prof", "ca", "etc", "resp",
    "incl", "excl", "evt", "c.q", "e.a", "vgl", "zgn", "nl", "t/m", "a.s", "j.l", "jl", "sub",
    "lid", "zie",
))  # fmt: skip
#: Words that make "1 t/m 3", "1 tot en met 3", "1-3" a range.
_RANGE_WORDS: Final = frozenset({"t/m", "t.m.", "tot en met", "tot", "-", "–"})


@dataclass(frozen=True)
class Line:
    """One non-empty line of the letter, with its 1-based page."""

    page: int
    text: str


@dataclass(frozen=True)
class Sentence:
    """One sentence of a section, with the page it starts on."""

    page: int
    text: str


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text.translate(_LIGATURES)).strip()


def split_lines(pages: Sequence[str]) -> list[Line]:
    """The letter's non-empty lines, whitespace normalised, page furniture dropped."""
    lines: list[Line] = []
    for page_no, page in enumerate(pages, start=1):
        if any(ch in page for ch in _LIGATURE_CHARS):
            page = page.translate(_LIGATURES)
        for raw in _SPACES.sub(" ", page).splitlines():
            text = raw.strip()
            if text and not _FURNITURE.match(text):
                lines.append(Line(page_no, text))
    return lines


def _url_continues(url: str, following: str) -> bool:
    """Whether ``following`` (the next line's first word) continues a wrapped URL."""
    if not _URL_TOKEN.match(following):
        return False
    last = url[-1]
    if last in "-_%=&?#~":
        return True
    if last == "/":
        return bool(re.search(r"[./\-_%=?&#]|^\d", following))
    if last == ".":
        return "/" in following and following[0].islower()
    if last.isalnum() and not _FILE_EXTENSION.search(url) and "/" in url.split("//", 1)[-1]:
        return following[0].islower() and (
            "/" in following or bool(_FILE_EXTENSION.search(following.rstrip(".,;:)")))
        )
    return False


class Text:
    """Lines joined into running text, with the page of every character kept.

    Lines are joined with a space, except where a URL or a hyphenated word was wrapped:
    "https://www.politie.nl/wob/landelijke-" + "eenheid/overige-documenten/..." becomes
    one URL again.
    """

    def __init__(self, lines: Sequence[Line]) -> None:
        parts: list[str] = []
        self._starts: list[int] = []
        self._pages: list[int] = []
        length = 0
        tail = ""  # the last word of the text so far
        for line in lines:
            joiner = " " if parts else ""
            first = line.text.split(" ", 1)[0]
            if (parts and _URL_START.match(tail) and _url_continues(tail, first)) or (
                parts
                and tail.endswith("-")
                and len(tail) > 1
                and tail[-2].isalpha()
                and first[:1].islower()
            ):
                joiner = ""
            parts.append(joiner + line.text)
            length += len(joiner)
            self._starts.append(length)
            self._pages.append(line.page)
            length += len(line.text)
            single_word = " " not in line.text
            tail = (
                tail + line.text if joiner == "" and single_word else line.text.rsplit(" ", 1)[-1]
            )
        self.text = "".join(parts)

    def line_at(self, offset: int) -> int:
        """The index (into the lines given) of the line holding ``offset``."""
        return max(bisect.bisect_right(self._starts, offset) - 1, 0)

    def page_at(self, offset: int) -> int:
        """The page the character at ``offset`` is on."""
        if not self._pages:
            return 1
        index = bisect.bisect_right(self._starts, offset) - 1
        return self._pages[max(index, 0)]

    def sentences(self) -> list[Sentence]:
        """The text cut into sentences (abbreviations such as "ad." and "d.d." kept whole)."""
        text = self.text
        found: list[Sentence] = []
        start = 0
        for match in re.finditer(r"(?<=[.!?])[\"”’')]*\s+(?=[A-Z“\"‘(•–-])", text):
            before = text[max(start, match.start() - 12) : match.start()].rsplit(" ", 1)[-1]
            before = before.lower().rstrip(".")
            if before in _ABBREVIATIONS or (
                len(before) == 1 and before.isalpha() and before != "u"
            ):
                continue
            piece = text[start : match.start() + len(match.group(0).rstrip())].strip()
            if piece:
                found.append(Sentence(self.page_at(start), piece))
            start = match.end()
        tail = text[start:].strip()
        if tail:
            found.append(Sentence(self.page_at(start), tail))
        return found


def _sentences(lines: Sequence[Line]) -> list[Sentence]:
    return Text(lines).sentences() if lines else []


# --- URLs and references -----------------------------------------------------------------


def _strip_url(url: str) -> str:
    url = url.rstrip(".,;:!?'\"”’")
    while url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1].rstrip(".,;:")
    return url


def _url_key(url: str) -> str:
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", url.lower()).rstrip("/").rstrip(".")


def complete_url(url: str, links: Sequence[str]) -> str:
    """The URL from the PDF's link annotations when it completes a truncated text URL."""
    key = _url_key(url.rstrip("…").removesuffix("..."))
    best = url
    for link in links:
        link_key = _url_key(link)
        if link_key != key and link_key.startswith(key) and len(link) > len(best):
            best = link
    return best


def urls_in(text: str, links: Sequence[str] = ()) -> list[str]:
    """The URLs in ``text``, whole, completed from ``links`` where the text cut them off."""
    urls: list[str] = []
    for match in _URL.finditer(text):
        url = complete_url(_strip_url(match.group(0)), links)
        if len(url) > len("www.") + 3 and url not in urls:
            urls.append(url)
    return urls


def expand_numbers(numbers: str) -> list[str]:
    """ "6, 7, 8, 12 en 14" -> 6 7 8 12 14; "1 t/m 3" and "1-3" are ranges; "3b" stays."""
    labels: list[str] = []
    tokens = re.findall(r"\d{1,4}[a-z]?|t/m|t\.m\.|tot en met|tot|-|–", numbers.lower())
    index = 0
    while index < len(tokens):
        token = tokens[index]
        is_range = index + 2 < len(tokens) and tokens[index + 1] in _RANGE_WORDS
        if is_range and token.isdigit() and tokens[index + 2].isdigit():
            low, high = int(token), int(tokens[index + 2])
            if low < high <= low + 100:
                labels.extend(str(n) for n in range(low, high + 1))
                index += 3
                continue
        if token[0].isdigit():
            labels.append(token)
        index += 1
    return list(dict.fromkeys(labels))


def _document_numbers(text: str) -> list[str]:
    """Document numbers a sentence points to: "documenten 036, 050, 103", "2 tot en met 4"."""
    values: list[str] = []
    for match in phrases.DOCUMENT_NUMBERS.finditer(text):
        tokens = re.findall(r"[A-Z]?\.?\d{1,4}[a-z]?|t/m|tot en met|tot|-|–", match["numbers"])
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if index + 2 < len(tokens) and tokens[index + 1] in _RANGE_WORDS:
                low, high = tokens[index], tokens[index + 2]
                if low.isdigit() and high.isdigit() and int(low) < int(high) <= int(low) + 50:
                    width = len(low) if low.startswith("0") else 0
                    values.extend(str(n).zfill(width) for n in range(int(low), int(high) + 1))
                else:
                    values.append(f"{low}-{high}")
                index += 3
                continue
            if token not in _RANGE_WORDS:
                values.append(token)
            index += 1
    return list(dict.fromkeys(values))


def _decisions(text: str) -> list[str]:
    values: list[str] = []
    for match in phrases.EARLIER_DECISION.finditer(text):
        values.append(_clean(match.group(0)).rstrip(".,;"))
    return values


# --- outcomes of one section ---------------------------------------------------------------


@dataclass
class Finding:
    """What one answer section says: outcomes with evidence, references, cross-references."""

    outcomes: dict[str, list[Evidence]] = field(default_factory=dict)
    grounds: list[str] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    refers_to: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    def add_evidence(self, sentence: Sentence) -> None:
        evidence = Evidence(sentence.page, sentence.text)
        if evidence not in self.evidence:
            self.evidence.append(evidence)

    def add_reference(self, kind: Literal["url", "decision", "document"], value: str) -> None:
        reference = Reference(kind, value)
        if reference not in self.references:
            self.references.append(reference)


def sentence_outcomes(text: str) -> list[str]:
    """The outcomes one sentence names, weak rules yielding to strong ones."""
    strong: list[str] = []
    weak: list[str] = []
    lower = text.lower()
    for rule in phrases.OUTCOME_RULES:
        if not any(fragment in lower for fragment in rule.when) or not rule.pattern.search(text):
            continue
        if rule.unless is not None and rule.unless.search(text):
            continue
        target = weak if rule.weak else strong
        if rule.outcome not in target:
            target.append(rule.outcome)
    if "partly_granted" in strong and "granted" in strong:
        strong.remove("granted")
    return strong or weak


def _weak_section_outcomes(found: set[str]) -> set[str]:
    """Outcomes to drop because the section proves something that explains them."""
    dropped: set[str] = set()
    for rule in phrases.OUTCOME_RULES:
        if rule.unless_section and rule.outcome in found and found & set(rule.unless_section):
            dropped.add(rule.outcome)
    return dropped


_PART_OF_DOCUMENT: Final = re.compile(r"\b(?:een deel|gedeelte|passages?|delen)\b", re.I)


def _fold_redactions(outcomes: dict[str, list[Evidence]]) -> None:
    """In a partly disclosed answer, withheld passages are the redactions, not refusals.

    "Ik maak deze documenten gedeeltelijk openbaar. De namen ... maak ik niet openbaar"
    is ``partly_granted`` (with its grounds); a refusal stays only when it withholds
    whole documents. Disclosed parts ("de feiten maken wij wel openbaar") are part of
    ``partly_granted`` as well.
    """
    if "partly_granted" not in outcomes:
        return
    outcomes.pop("granted", None)
    refusals = outcomes.get("refused", [])
    if not any(
        phrases.WHOLE_DOCUMENT_REFUSAL.search(e.text) and not _PART_OF_DOCUMENT.search(e.text)
        for e in refusals
    ):
        outcomes.pop("refused", None)


def cross_references(text: str) -> list[str]:
    """Item numbers a sentence points to ("zie het antwoord onder ad. 2 en 3")."""
    numbers: list[str] = []
    if not _DIGIT.search(text):
        return numbers
    for pattern in phrases.CROSS_REFERENCES:
        for match in pattern.finditer(text):
            if phrases.CROSS_REFERENCE_ELSEWHERE.match(text, match.end()):
                continue
            if phrases.CROSS_REFERENCE_OTHER.search(
                text[max(0, match.start() - 40) : match.start()]
            ):
                continue
            numbers.extend(n for n in expand_numbers(match["numbers"]) if n not in numbers)
    return numbers


def classify(
    sentences: Sequence[Sentence],
    regime: Regime | None,
    links: Sequence[str],
    own: Iterable[str] = (),
) -> Finding:
    """Read one answer section: outcomes, grounds, references and cross-references."""
    own_numbers = set(own)
    finding = Finding(sentences=list(sentences))
    ground_sentences: list[tuple[Sentence, list[str]]] = []
    for sentence in sentences:
        text = sentence.text
        outcomes = sentence_outcomes(text)
        urls = urls_in(text, links)
        pointing = bool(phrases.REFERRAL_VERBS.search(text))
        decisions = _decisions(text) if pointing or "referred" in outcomes else []
        if (urls or decisions) and pointing and "referred" not in outcomes:
            outcomes.append("referred")
        for outcome in outcomes:
            finding.outcomes.setdefault(outcome, []).append(Evidence(sentence.page, text))
        if outcomes:
            finding.add_evidence(sentence)
        if "referred" in outcomes or pointing:
            for url in urls:
                finding.add_reference("url", url)
            for value in decisions:
                finding.add_reference("decision", value)
            for number in _document_numbers(text):
                finding.add_reference("document", number)
        refs = [n for n in cross_references(text) if n not in own_numbers]
        if refs:
            finding.add_evidence(sentence)
            finding.refers_to.extend(n for n in refs if n not in finding.refers_to)
        codes = find_grounds(text, regime)
        if codes:
            ground_sentences.append((sentence, codes))
    for outcome in _weak_section_outcomes(set(finding.outcomes)):
        del finding.outcomes[outcome]
    _fold_redactions(finding.outcomes)
    if {"refused", "partly_granted"} & set(finding.outcomes):
        for sentence, codes in ground_sentences:
            finding.grounds.extend(c for c in codes if c not in finding.grounds)
            finding.add_evidence(sentence)
    return finding


# --- the letter's structure ----------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """An answer heading ("Ad 5 en 10") at line ``index`` covering item ``numbers``."""

    index: int
    numbers: tuple[str, ...]
    rest: str


@dataclass
class ListEntry:
    """One entry of a numbered list: its label ("3", "3b", "a"), line index and lines."""

    label: str
    index: int
    lines: list[Line] = field(default_factory=list)
    children: list[ListEntry] = field(default_factory=list)
    last: int = -1  # index of the last line that belongs to the entry

    @property
    def end(self) -> int:
        """Index of the line after the entry's last line (children included)."""
        last = max(self.index, self.last)
        for child in self.children:
            last = max(last, child.end - 1)
        return last + 1


def _ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def _is_heading_line(text: str) -> bool:
    return bool(
        phrases.DICTUM_HEADING.match(text)
        or phrases.BEZWAAR_HEADING.match(text)
        or phrases.OTHER_HEADINGS.match(text)
        or phrases.REQUEST_HEADING.match(text)
        or phrases.CLOSING.match(text)
    )


def _looks_like_title(text: str) -> bool:
    """A short line without final punctuation: a section title of the letter."""
    words = text.split()
    return (
        0 < len(words) <= 6
        and text[:1].isupper()
        and not _ends_sentence(text)
        and not text.endswith(",")
        and not _URL.search(text)
    )


def _is_question_heading(text: str) -> bool:
    """ "Wanneer worden de documenten openbaar?": a short question on a line of its own."""
    return text.endswith("?") and len(text.split()) <= 8 and text[:1].isupper()


def _starts_block(lines: Sequence[Line], index: int, floor: int) -> bool:
    """Whether line ``index`` can start a block (the previous line closed a sentence)."""
    if index <= floor:
        return True
    previous = lines[index - 1].text
    if _ends_sentence(previous) or lines[index - 1].page != lines[index].page:
        return True
    # A title of its own ("Uw verzoek") also closes a block, but a short first line of
    # a wrapped sentence ("Ik verwijs naar het antwoord onder") does not.
    return _looks_like_title(previous) and (
        index - 1 <= floor or _ends_sentence(lines[index - 2].text)
    )


def find_answer_headings(lines: Sequence[Line], start: int, stop: int) -> list[Heading]:
    """ "Ad N", "Verzoekonderdeel N", "Vraag N" ... headings between ``start`` and ``stop``.

    A heading begins a block (the previous line closed its sentence), so the wrapped
    "... het antwoord onder / ad. 11." is not one; only "ad" may be in lower case. Words other
    than "Ad" need a separator or nothing after the number: "Vraag 3: ..." is a heading,
    "Vraag 3 gaat over ..." is prose.
    """
    headings: list[Heading] = []
    for index in range(start, stop):
        text = lines[index].text
        match = phrases.ANSWER_HEADING.match(text)
        if match is None or not _starts_block(lines, index, start):
            continue
        is_ad = match["word"].lower().rstrip(".") == "ad"
        if not text[:1].isupper() and not (is_ad and _ends_sentence(lines[index - 1].text)):
            continue  # "ad 2" in lower case only right after a closed sentence
        if not is_ad and match["rest"]:
            separator = text[match.end("numbers") :].lstrip()[:1]
            if separator not in {":", ".", ")", "-", "–"}:
                continue
        numbers = tuple(expand_numbers(match["numbers"]))
        if numbers:
            headings.append(Heading(index, numbers, match["rest"].strip()))
    return headings


def _is_title_rest(rest: str, following: Sequence[Line]) -> bool:
    """Whether the text after "Onderdeel 1:" is the answer's title ("eindrapport evaluatie"),
    not the first words of the answer."""
    if _ends_sentence(rest) or len(rest.split()) > 8:
        return False
    return not following or not following[0].text[:1].islower()


def _label_of(match: re.Match[str]) -> str:
    return (match["paren"] or match["plain"] or "").lower()


def _next_label(label: str) -> str:
    """The label that follows ``label``: "3" -> "4", "b" -> "c", "3b" -> "3c"."""
    if label.isdigit():
        return str(int(label) + 1)
    return label[:-1] + chr(ord(label[-1]) + 1)


def find_lists(lines: Sequence[Line], start: int, stop: int) -> list[list[ListEntry]]:
    """Numbered lists ("1." ... "N.", sub-items "a." or "(b)") between ``start`` and ``stop``.

    A list starts at label 1 (or a) and goes on with the next label; the lines between two
    labels belong to the entry above them. An entry stops taking lines after a line that
    closes a sentence (".", ";", "?") when a new paragraph starts, so the sentence after the
    last item is not part of it. A heading ends the list.
    """
    lists: list[list[ListEntry]] = []
    current: list[ListEntry] = []
    entry: ListEntry | None = None  # the entry that takes continuation lines
    parent: ListEntry | None = None  # the numbered entry that lettered sub-items attach to
    open_for_text = False

    def finish() -> None:
        nonlocal current, entry, parent
        if len(current) >= 2:
            lists.append(current)
        current, entry, parent = [], None, None

    for index in range(start, stop):
        line = lines[index]
        match = phrases.LIST_LABEL.match(line.text)
        label = _label_of(match) if match else ""
        if match is not None and label:
            text = match["text"].strip()
            new = ListEntry(label, index, [Line(line.page, text)] if text else [])
            expected = _next_label(current[-1].label) if current else None
            children = parent.children if parent is not None else None
            next_child = _next_label(children[-1].label) if children else "a"
            placed = True
            if label == expected:
                current.append(new)
                parent = new if label[0].isdigit() else None
            elif children is not None and label.isalpha() and label == next_child:
                children.append(new)
            elif parent is not None and children is not None and label == parent.label + next_child:
                new.label = next_child  # "3b." under "3.": sub-item b of item 3
                children.append(new)
            elif label in ("1", "a"):
                finish()
                current = [new]
                parent = new if label == "1" else None
            else:
                placed = False  # "5." out of sequence: a line of the current entry
            if placed:
                entry = new
                open_for_text = not _closes(text)
                continue
        if entry is None:
            continue
        if _is_heading_line(line.text) or (
            phrases.ANSWER_HEADING.match(line.text) and line.text[:1].isupper()
        ):
            finish()
            continue
        if not open_for_text and _looks_like_new_paragraph(line.text):
            continue
        entry.lines.append(line)
        entry.last = index
        open_for_text = not _closes(line.text)
    finish()
    return lists


def _closes(text: str) -> bool:
    """Whether a list line closes its entry's sentence (";" and "." do, ":" does not)."""
    return bool(re.search(r"[.;!?][\"”’')]*$", text))


def _looks_like_new_paragraph(text: str) -> bool:
    return text[:1].isupper() or text[:1] in '“"‘'


def _entry_text(entry: ListEntry) -> str | None:
    text = Text(entry.lines).text if entry.lines else ""
    text = text.strip().strip("“”\"‘’'").strip()
    text = re.sub(r"[;,.]\s*(?:en|of)?$", "", text).strip()
    return text or None


def _is_section_list(entries: Sequence[ListEntry]) -> bool:
    """A numbered list of the letter's own section titles ("1. Wettelijk kader")."""
    titles = sum(1 for e in entries if e.lines and phrases.SECTION_TITLE.match(e.lines[0].text))
    return titles * 2 >= len(entries)


def _introduces_request(lines: Sequence[Line], index: int, floor: int) -> bool:
    """Whether the lines before a list introduce the request's items ("U vraagt om:"),
    not documents found ("Deze documenten heb ik als volgt genummerd:") or anything else."""
    if index > floor and phrases.DOCUMENT_LIST_INTRO.search(lines[index - 1].text):
        return False
    if any(_LAW_ARTICLE.match(line.text) for line in lines[max(floor, index - 2) : index]):
        return False  # the numbered leden of a quoted law article
    intro = " ".join(line.text for line in lines[max(floor, index - 4) : index])
    if phrases.REQUEST_INTRO.search(intro):
        return True
    return any(
        phrases.REQUEST_HEADING.match(line.text) for line in lines[max(floor, index - 8) : index]
    )


# --- the letter ------------------------------------------------------------------------------


@dataclass
class _Layout:
    """Where things are: line indexes of the body, the dictum, the closing, the bezwaar."""

    body_start: int
    closing: int
    dictum: int | None
    bezwaar: int | None


def _layout(lines: Sequence[Line]) -> _Layout:
    body_start = next(
        (
            i + 1
            for i, line in enumerate(lines)
            if _GREETING.match(line.text) and len(line.text) < 80
        ),
        0,
    )
    closing = next(
        (
            i
            for i in range(body_start, len(lines))
            if phrases.CLOSING.match(lines[i].text)
            or (i > body_start + 5 and phrases.ANNEX.match(lines[i].text))
        ),
        len(lines),
    )
    bezwaar = next(
        (i for i in range(body_start, len(lines)) if phrases.BEZWAAR_HEADING.match(lines[i].text)),
        None,
    )
    if bezwaar is not None and bezwaar < closing:
        closing = bezwaar  # the rechtsmiddelenclausule is not part of the decision
    dictum_candidates = [
        i for i in range(body_start, closing) if phrases.DICTUM_HEADING.match(lines[i].text)
    ]
    dictum = dictum_candidates[0] if dictum_candidates else None
    return _Layout(body_start, closing, dictum, bezwaar)


def _section_end(lines: Sequence[Line], start: int, stop: int, *, generic: bool) -> int:
    """The line where a section starting after ``start`` ends (a heading or ``stop``)."""
    for index in range(start + 1, stop):
        text = lines[index].text
        if _is_heading_line(text):
            return index
        if (
            phrases.ANSWER_HEADING.match(text)
            and text[:1].isupper()
            and _starts_block(lines, index, 0)
        ):
            return index
        if (
            generic
            and _looks_like_title(text)
            and _ends_sentence(lines[index - 1].text)
            and index + 1 < stop
            and lines[index + 1].text[:1].isupper()
            and not _ROMAN_PART.match(text)
        ):
            return index
        if _is_question_heading(text) and _ends_sentence(lines[index - 1].text):
            return index
    return stop


def _dictum(
    lines: Sequence[Line], layout: _Layout, body: Sequence[Sentence]
) -> tuple[Dictum | None, list[Sentence]]:
    """The "Besluit" section's parts (I, II, ... or its decision sentences) and sentences."""
    if layout.dictum is None:
        chosen = [s for s in body if phrases.DECISION_SENTENCE.search(s.text)][:3]
        if not chosen:
            return None, []
        return Dictum(
            tuple(s.text for s in chosen), tuple(Evidence(s.page, s.text) for s in chosen)
        ), chosen
    first = layout.dictum
    if first + 1 < layout.closing and _is_subheading(lines[first + 1].text):
        first += 1  # "Besluit" / "Openbaarmaking": a subheading opens the dictum
    end = _section_end(lines, first, min(layout.closing, first + 40), generic=True)
    section = list(lines[first + 1 : end])
    sentences = _sentences(section)
    parts = _numbered_parts(section)
    if parts:
        return Dictum(
            tuple(Text(p).text for p in parts),
            tuple(Evidence(p[0].page, Text(p).text) for p in parts),
        ), sentences
    chosen = [s for s in sentences if phrases.DECISION_SENTENCE.search(s.text)]
    chosen = chosen or [s for s in sentences if sentence_outcomes(s.text)] or sentences[:1]
    if not chosen:
        return None, sentences
    return Dictum(
        tuple(s.text for s in chosen), tuple(Evidence(s.page, s.text) for s in chosen)
    ), sentences


def _is_subheading(text: str) -> bool:
    return bool(phrases.OTHER_HEADINGS.match(text)) or (
        _looks_like_title(text) and len(text.split()) <= 2
    )


def _numbered_parts(section: Sequence[Line]) -> list[list[Line]]:
    """Lines of a dictum grouped by their Roman (I, II) or Arabic (1., 2.) part numbers."""
    for pattern in (_ROMAN_PART, _ARABIC_PART):
        parts: list[list[Line]] = []
        for line in section:
            if pattern.match(line.text):
                parts.append([line])
            elif parts:
                parts[-1].append(line)
        if len(parts) >= 2:
            return parts
    return []


def _bezwaar(lines: Sequence[Line], layout: _Layout) -> tuple[Bezwaar | None, list[str]]:
    """The rechtsmiddelenclausule: weeks, electronic filing, address."""
    start = layout.bezwaar
    if start is None:
        start = _bezwaar_sentence_line(lines, layout.body_start)
        if start is None:
            return None, []
    window = Text(lines[start : start + 30]).text
    weeks_match = _bezwaar_term(window)
    if weeks_match is None:
        return None, ["bezwaar clause found but its term (weeks) could not be read"]
    weeks_text = weeks_match["weeks"].lower()
    weeks = int(weeks_text) if weeks_text.isdigit() else phrases.WEEK_WORDS[weeks_text]
    electronic: bool | None = None
    if phrases.ELECTRONIC_CLOSED.search(window):
        electronic = False
    elif phrases.ELECTRONIC_OPEN.search(window):
        electronic = True
    address_match = phrases.BEZWAAR_ADDRESS.search(window)
    address: str | None
    if address_match is not None:
        address = _clean(address_match["address"]).strip(" ,")
    else:
        postal = phrases.POSTAL_ADDRESS.search(window)
        address = _clean(postal.group(0)) if postal else None
    return Bezwaar(weeks, electronic, address), []


def _bezwaar_sentence_line(lines: Sequence[Line], first: int) -> int | None:
    """The line where a bezwaar sentence without a heading starts ("binnen zes weken ...")."""
    text = Text(lines[first:])
    match = _bezwaar_term(text.text)
    if match is None:
        return None
    return first + text.line_at(max(0, match.start() - 120))


def _bezwaar_term(text: str) -> re.Match[str] | None:
    """The first "binnen zes weken" whose sentence is about bezwaar, not about a third
    party's voorlopige voorziening or the decision term."""
    for match in phrases.BEZWAAR_WEEKS.finditer(text):
        sentence_start = text.rfind(". ", 0, match.start()) + 1
        sentence_end = text.find(". ", match.end())
        sentence = text[sentence_start : sentence_end if sentence_end >= 0 else len(text)]
        if re.search(r"\bbezwaar", sentence, re.I) and not phrases.OTHER_TERM.search(sentence):
            return match
    return None


def _reference(lines: Sequence[Line], layout: _Layout) -> str | None:
    """The authority's kenmerk from the letterhead."""
    head = range(0, min(max(layout.body_start, 1) + 2, len(lines)))
    for index in head:
        value = _reference_at(lines, index)
        if value:
            return value
    return None


def _reference_at(lines: Sequence[Line], index: int) -> str | None:
    match = phrases.REFERENCE_LABEL.search(lines[index].text)
    if match is None:
        return None
    rest = lines[index].text[match.end() :].strip()
    candidates = [rest] if rest else []
    candidates += [line.text for line in lines[index + 1 : index + 4]]
    for candidate in candidates:
        value = _reference_value(candidate)
        if value:
            return value
        if candidate == rest:
            return None
    return None


_REFERENCE_TOKEN: Final = re.compile(r"^[\w/.-]*\d[\w/.-]*$")


def _reference_value(text: str) -> str | None:
    """A kenmerk such as "CE20-07907", "Wob/2020/171", "DGA-SKI / 21165506", else None."""
    text = re.sub(r"^[^\d:]*:\s*(?=\S*\d)", "", text)  # "PER EMAIL: TRCNVWA/2021/1833"
    words = text.split()
    if not words or not re.search(r"\d", text) or find_dates(text):
        return None
    if re.match(
        r"(?i)^(?:datum|betreft|onderwerp|uw|bijlage|pagina|t|e|f|tel|telefoon|postbus)\b"
        r"|^\d{1,2}[.)]",  # a numbered list line, not a kenmerk
        text,
    ):
        return None
    if (len(words) <= 4 and re.search(r"\d", words[0])) or len(words) <= 3:
        value = " ".join(words).strip(" ,;:")
    else:
        tokens = [w for w in words if _REFERENCE_TOKEN.match(w) and len(w) >= 4]
        if not tokens:
            return None
        value = tokens[0]
    return value if 2 <= len(value) <= 60 else None


def _regime(lines: Sequence[Line], decision_date: date | None) -> tuple[Regime | None, list[str]]:
    text = "\n".join(line.text for line in lines)
    woo = len(phrases.WOO_NAMES.findall(text))
    wob = len(phrases.WOB_NAMES.findall(text))
    if woo and not wob:
        return "woo", []
    if wob and not woo:
        return "wob", []
    if not woo and not wob:
        return None, ["the letter names neither the Wob nor the Woo; regime unknown"]
    if decision_date is not None:
        regime: Regime = "woo" if decision_date >= WOO_IN_FORCE else "wob"
        return regime, [f"the letter names both the Wob and the Woo; {regime} chosen by its date"]
    regime = "woo" if woo > wob else "wob"
    return regime, [f"the letter names both the Wob and the Woo; {regime} chosen (named most)"]


_OTHER_RECEIPTS: Final = re.compile(
    r"\b(?:zienswijze|bezwaarschrift|reactie|ingebrekestelling|uitspraak|beroepschrift|"
    r"verweerschrift|machtiging)\w*\b",
    re.I,
)
_ABOUT_REQUEST: Final = re.compile(
    r"\b(?:uw|het|dit|een|deze)\s+(?:\(?[\w-]+\)?\s+)?(?:wob-|woo-)?(?:verzoek\w*|brief|e-?mail\w*|"
    r"aanvraag|bericht|mail|formulier)\b",
    re.I,
)


def _request_received(body: Sequence[Sentence]) -> tuple[date | None, list[str]]:
    """When the authority received the request, per the letter's own account."""
    receipts: list[tuple[date, bool, str]] = []  # (date, re-submission, sentence)
    for sentence in body:
        text = phrases.LETTERHEAD_DATE.sub(" ", sentence.text)
        if not phrases.RECEIPT.search(text) or _OTHER_RECEIPTS.search(text):
            continue
        if not _ABOUT_REQUEST.search(text):
            continue
        on = phrases.RECEIVED_ON.search(text)
        dates = find_dates(on["date"]) if on else []
        if not dates and not phrases.RECEIPT_CONFIRMED.search(text):
            dates = find_dates(text)
            if len(dates) > 1:
                # "Op 23 april 2021 heb ik ... ontvangen": the date nearest the verb.
                verb = phrases.RECEIPT.search(text)
                assert verb is not None
                dates = [min(dates, key=lambda m: abs(m.start - verb.start()))]
        if dates:
            again = bool(phrases.RESUBMITTED.search(text))
            receipts.append((dates[0].value, again, text))
        if len(receipts) >= 4:
            break
    if not receipts:
        for sentence in body[:15]:
            match = phrases.REQUEST_OF.search(sentence.text)
            dates = find_dates(match["date"] or match["on"]) if match else []
            if dates and re.search(r"\bverzo(?:ek|cht)\w*\b", sentence.text, re.I):
                return dates[0].value, [
                    f"request_received {dates[0].value.isoformat()}: the letter gives only the "
                    "date of the request itself, not when it was received"
                ]
        return None, ["no request receipt date found"]
    distinct = sorted({r[0] for r in receipts})
    resubmitted = [r for r in receipts if r[1]]
    chosen = max(r[0] for r in resubmitted) if resubmitted else receipts[0][0]
    warnings: list[str] = []
    if len(distinct) > 1:
        others = ", ".join(d.isoformat() for d in distinct if d != chosen)
        why = (
            "the request was submitted again and the new request counts"
            if resubmitted
            else "the first receipt the letter mentions"
        )
        warnings.append(
            f"request_received ambiguous: {chosen.isoformat()} chosen ({why}); the letter also "
            f"mentions receipt on {others}"
        )
    return chosen, warnings


# --- items -------------------------------------------------------------------------------------


def _natural_key(label: str) -> tuple[int, str]:
    match = re.match(r"(\d+)(.*)", label)
    return (int(match[1]), match[2]) if match else (10_000, label)


@dataclass
class _ItemDraft:
    number: str
    text: str | None = None
    finding: Finding | None = None
    answered: bool = False
    shared: bool = False  # decided together with the other items, not on its own


def _quoted_items(entries: Sequence[ListEntry], answered: set[str]) -> dict[str, _ItemDraft]:
    """Items from the quoted list; sub-items become items when the letter answers them."""
    drafts: dict[str, _ItemDraft] = {}
    for entry in entries:
        label = entry.label
        sub_answered = [c for c in entry.children if f"{label}{c.label}" in answered]
        if sub_answered:
            if label in answered:
                drafts[label] = _ItemDraft(label, _entry_text(entry))
            for child in entry.children:
                number = f"{label}{child.label}"
                drafts[number] = _ItemDraft(number, _entry_text(child))
        else:
            text = _entry_text(entry)
            for child in entry.children:
                child_text = _entry_text(child)
                if child_text:
                    text = (
                        f"{text} {child.label}. {child_text}"
                        if text
                        else f"{child.label}. {child_text}"
                    )
            drafts[label] = _ItemDraft(label, text)
    return drafts


def _split_interleaved(entry: ListEntry) -> tuple[list[Sentence], list[Sentence]]:
    """An entry that quotes the item and then answers it: (quote, answer) sentences."""
    sentences = _sentences(entry.lines)
    for index, sentence in enumerate(sentences[1:], start=1):
        if (
            sentence_outcomes(sentence.text)
            or cross_references(sentence.text)
            or re.match(
                r"(?i)^(?:antwoord|reactie|besluit|beslissing|beoordeling)\b", sentence.text
            )
        ):
            return sentences[:index], sentences[index:]
    return sentences, []


class LinkAnchorLike(Protocol):
    """A link annotation as ``pdftext.LinkAnchor`` gives it: 1-based page, the words under
    it, its URI."""

    @property
    def page(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def uri(self) -> str: ...


_WEB_URI: Final = re.compile(r"^(?:https?://|www\.)\S", re.I)
_PLACED_URL: Final = re.compile(r"^ <(?:https?://|www\.)", re.I)


def place_link_anchors(
    pages: Sequence[str], anchors: Sequence[LinkAnchorLike]
) -> tuple[list[str], list[str]]:
    """Write the URLs that a PDF holds only as link annotations into its page texts.

    Each web URI whose URL (or host and path) the page's text does not already show, also
    wrapped over lines, goes in as " <URI>" right after the first occurrence of the
    annotation's words ("via deze link <https://...>."), so the URL rules read it in the
    sentence it belongs to. An anchor that is itself a piece of the shown URL (one
    annotation per line of a wrapped URL) adds nothing. Words that cannot be found on
    the page give a warning instead of a guess. Returns (pages, warnings).
    """
    texts = list(pages)
    warnings: list[str] = []
    for anchor in anchors:
        uri = re.sub(r"\s", "%20", anchor.uri.strip())
        if not _WEB_URI.match(uri):  # mailto: and the like are no references
            continue
        index = anchor.page - 1
        page = texts[index] if 0 <= index < len(texts) else None
        if page is not None and _shows_url(page, anchor.text, uri):
            continue
        at = _anchor_end(page, anchor.text) if page is not None else None
        if page is None or at is None:
            warning = (
                f"link annotation on page {anchor.page} ({uri}) could not be placed in the text"
            )
            if warning not in warnings:
                warnings.append(warning)
            continue
        texts[index] = f"{page[:at]} <{uri}>{page[at:]}"
    return texts, warnings


def _shows_url(page: str, anchor: str, uri: str) -> bool:
    """Whether the page text already shows ``uri``: whole (perhaps wrapped over lines),
    or the annotation's own words are a piece of it that the URL rules read, i.e. its
    start with scheme or "www." (completed from the links) or a continuation from the
    previous page."""
    uri = unquote(uri)  # the text shows "I&W" where the link has "I%26W"
    key = _url_key(uri)
    compact = unquote(re.sub(r"\s+", "", page.translate(_LIGATURES)).lower())
    if key and key in compact:
        return True
    shown = re.sub(r"\s+", "", unquote(anchor)).lower().rstrip(".,;:!?)…").removesuffix("...")
    if len(shown) < 4 or shown not in uri.lower():
        return False
    return bool(_URL_START.match(shown)) or not key.startswith(_url_key(shown))


def _anchor_end(page: str, anchor: str) -> int | None:
    """Where to insert after the first occurrence of ``anchor``'s words in ``page`` (before
    its closing punctuation) that has no URL inserted after it yet; None if not found."""
    words = anchor.split()
    if not words:
        return None
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)"
    for match in re.finditer(pattern, page):
        end = match.start() + len(match.group(0).rstrip(".,;:!?)\"”’'"))
        if end > match.start() and not _PLACED_URL.match(page[end:]):
            return end
    return None


def parse_letter(
    pages: Sequence[str], links: Sequence[str] = (), anchors: Sequence[LinkAnchorLike] = ()
) -> ParsedLetter:
    """Parse the text of a decision letter (one string per PDF page) into a ParsedLetter.

    ``links`` are the URIs of the PDF's link annotations, used to complete URLs that the
    text wraps or truncates. ``anchors`` are those annotations with their page and the
    words under them: a URL held only in an annotation ("via deze link") is written into
    the text after those words (``place_link_anchors``).
    """
    warnings: list[str] = []
    pages, anchor_warnings = place_link_anchors(pages, anchors)
    # A partly scanned letter: say which pages were not read instead of parsing silently
    # around them (a dagtekening or an answer may be on exactly such a page).
    blank = [str(n) for n, text in enumerate(pages, start=1) if not text.strip()]
    if blank and len(blank) < len(pages):
        which = f"pages {', '.join(blank)} have" if len(blank) > 1 else f"page {blank[0]} has"
        warnings.append(
            f"{which} no text layer (scanned?): run OCR (e.g. ocrmypdf) and parse again, "
            "or check them by hand"
        )
    warnings.extend(anchor_warnings)
    lines = split_lines(pages)
    layout = _layout(lines)

    body = _sentences(lines[layout.body_start : layout.closing])
    received, received_warnings = _request_received(body)
    date_finding = find_decision_date(pages, not_before=received)
    warnings.extend(date_finding.warnings)
    warnings.extend(received_warnings)
    regime, regime_warnings = _regime(lines, date_finding.value)
    warnings.extend(regime_warnings)
    dictum, dictum_sentences = _dictum(lines, layout, body)
    bezwaar, bezwaar_warnings = _bezwaar(lines, layout)
    warnings.extend(bezwaar_warnings)
    if bezwaar is None and not bezwaar_warnings:
        warnings.append("no bezwaar clause (rechtsmiddelenclausule) found")

    items = _items(lines, layout, regime, links, dictum_sentences, warnings)
    if dictum is None and not any(_GREETING.match(line.text) for line in lines):
        warnings.append(
            "no letter structure found (no salutation, no decision): an inventory list?"
        )

    return ParsedLetter(
        pages=len(pages),
        regime=regime,
        decision_date=date_finding.value,
        reference=_reference(lines, layout),
        request_received=received,
        items=tuple(items),
        decision=dictum,
        bezwaar=bezwaar,
        warnings=tuple(warnings),
    )


def _items(
    lines: Sequence[Line],
    layout: _Layout,
    regime: Regime | None,
    links: Sequence[str],
    dictum_sentences: Sequence[Sentence],
    warnings: list[str],
) -> list[ParsedItem]:
    """Find the items, read each answer, resolve cross-references."""
    start, stop = layout.body_start, layout.closing
    headings = find_answer_headings(lines, start, stop)
    if headings and not any(n in ("1", "1a") for h in headings for n in h.numbers):
        # "Punt 12." in a list of council agenda items is no answer; without an answer
        # to item 1, headings only count when they answer quoted items.
        labels = {
            e.label for entries in find_lists(lines, start, layout.dictum or stop) for e in entries
        }
        if not {n for h in headings for n in h.numbers} <= labels:
            headings = []
    # The request is quoted before it is answered and before the decision.
    quote_stop = headings[0].index if headings else stop
    if layout.dictum is not None and layout.dictum > start:
        quote_stop = min(quote_stop, layout.dictum)
    lists = [
        entries
        for entries in find_lists(lines, start, quote_stop)
        if not _is_section_list(entries) and _introduces_request(lines, entries[0].index, start)
    ]
    quoted = lists[0] if lists else []

    answered = {n for h in headings for n in h.numbers}
    drafts = _quoted_items(quoted, answered)

    if headings:
        boundary = stop
        for position, heading in enumerate(headings):
            end = headings[position + 1].index if position + 1 < len(headings) else boundary
            end = min(end, _section_end(lines, heading.index, end, generic=False))
            section = list(lines[heading.index + 1 : end])
            if heading.rest and not _is_title_rest(heading.rest, section):
                section.insert(0, Line(lines[heading.index].page, heading.rest))
            finding = classify(_sentences(section), regime, links, heading.numbers)
            for number in heading.numbers:
                draft = drafts.get(number)
                if draft is None:
                    if drafts and quoted:
                        warnings.append(
                            f"item {number} is answered but the letter does not quote it"
                        )
                    draft = drafts[number] = _ItemDraft(number)
                draft.finding = _merge(draft.finding, finding)
                draft.answered = True
    elif quoted:
        _answer_from_lists(lines, layout, quoted, drafts, regime, links, dictum_sentences, warnings)
    else:
        finding = classify(dictum_sentences, regime, links)
        drafts["1"] = _ItemDraft("1", None, finding, answered=True)
        if not dictum_sentences:
            warnings.append("no decision wording found: item 1 needs review")

    return _resolve(drafts, warnings)


def _answer_from_lists(
    lines: Sequence[Line],
    layout: _Layout,
    quoted: list[ListEntry],
    drafts: dict[str, _ItemDraft],
    regime: Regime | None,
    links: Sequence[str],
    dictum_sentences: Sequence[Sentence],
    warnings: list[str],
) -> None:
    """Answers without headings: a second numbered list, answers inside the quoted list,
    or one decision for all items."""
    quote_end = max(entry.end for entry in quoted)
    labels = {entry.label for entry in quoted}
    later = [
        entries
        for entries in find_lists(lines, quote_end, layout.closing)
        if {e.label for e in entries} <= labels and not _is_section_list(entries)
    ]
    answers = [
        {
            entry.label: classify(_sentences(entry.lines), regime, links, [entry.label])
            for entry in entries
        }
        for entries in later
    ]
    # A second list answers the first only if its entries read as answers.
    answers = [
        a for a in answers if 2 * sum(bool(f.outcomes or f.refers_to) for f in a.values()) >= len(a)
    ]
    if answers:
        for label, finding in answers[0].items():
            draft = drafts.setdefault(label, _ItemDraft(label))
            draft.finding = finding
            draft.answered = True
        return
    interleaved = {entry.label: _split_interleaved(entry) for entry in quoted}
    if any(answer for _, answer in interleaved.values()):
        for label, (quote, answer) in interleaved.items():
            draft = drafts[label]
            draft.text = " ".join(s.text for s in quote).strip("“”\"' ;") or draft.text
            if answer:
                draft.finding = classify(answer, regime, links, [label])
                draft.answered = True
        return
    # One decision for the whole request: every item gets it, flagged for review.
    finding = classify(dictum_sentences, regime, links)
    for draft in drafts.values():
        draft.finding = finding
        draft.answered = True
        draft.shared = True
    warnings.append(
        f"the letter quotes {len(drafts)} items but decides on them together; each item gets "
        "the letter's decision and needs review"
    )


def _merge(old: Finding | None, new: Finding) -> Finding:
    if old is None:
        return new
    merged = Finding()
    for source in (old, new):
        for outcome, evidence in source.outcomes.items():
            merged.outcomes.setdefault(outcome, []).extend(evidence)
        merged.grounds.extend(g for g in source.grounds if g not in merged.grounds)
        merged.references.extend(r for r in source.references if r not in merged.references)
        merged.refers_to.extend(n for n in source.refers_to if n not in merged.refers_to)
        merged.evidence.extend(e for e in source.evidence if e not in merged.evidence)
        merged.sentences.extend(source.sentences)
    return merged


def _resolve(drafts: dict[str, _ItemDraft], warnings: list[str]) -> list[ParsedItem]:
    """Cross-references resolved transitively (cycles reported), unanswered items flagged."""
    graph = {
        number: [n for n in draft.finding.refers_to if n != number] if draft.finding else []
        for number, draft in drafts.items()
    }
    cycles = _find_cycles(graph)
    for cycle in cycles:
        warnings.append("cross-references form a cycle: " + " -> ".join(cycle + cycle[:1]))
    in_cycle = {n for cycle in cycles for n in cycle}
    items: list[ParsedItem] = []
    for number in sorted(drafts, key=_natural_key):
        draft = drafts[number]
        finding = draft.finding
        if not draft.answered or finding is None:
            warnings.append(
                f"item {number} is quoted but never answered (unanswered: a ground for bezwaar)"
            )
            items.append(ParsedItem(number, draft.text, ("unanswered",)))
            continue
        reachable = _reachable(graph, number)
        missing = [n for n in reachable if n not in drafts]
        for n in missing:
            warnings.append(f"item {number} refers to item {n}, which the letter does not have")
        outcomes = list(finding.outcomes)
        grounds = list(finding.grounds)
        references = list(finding.references)
        evidence = list(finding.evidence)
        for other in reachable:
            source = drafts.get(other)
            if source is None or source.finding is None:
                continue
            outcomes.extend(o for o in source.finding.outcomes if o not in outcomes)
            grounds.extend(g for g in source.finding.grounds if g not in grounds)
            references.extend(r for r in source.finding.references if r not in references)
            evidence.extend(e for e in source.finding.evidence if e not in evidence)
        needs_review = not outcomes or bool(missing) or number in in_cycle or draft.shared
        if not outcomes:
            evidence = evidence or [Evidence(s.page, s.text) for s in finding.sentences[:3]]
            warnings.append(f"item {number}: no rule matches the answer's wording; needs review")
        items.append(
            ParsedItem(
                number=number,
                text=draft.text,
                outcomes=tuple(sorted(outcomes, key=OUTCOMES.index)),
                grounds=tuple(grounds),
                refers_to=tuple(finding.refers_to),
                references=tuple(references),
                evidence=tuple(evidence),
                needs_review=needs_review,
            )
        )
    return items


def _reachable(graph: dict[str, list[str]], start: str) -> list[str]:
    """Items reachable from ``start`` over cross-references (not ``start`` itself)."""
    seen: list[str] = []
    stack = list(reversed(graph.get(start, [])))
    while stack:
        node = stack.pop()
        if node == start or node in seen:
            continue
        seen.append(node)
        stack.extend(reversed(graph.get(node, [])))
    return seen


def _find_cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """One cycle per group of items that refer to each other in a circle (linear time).

    The groups are the strongly connected components of the cross-reference graph
    (Tarjan); each is reported by one cycle through its lowest-numbered item.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for root in sorted(graph, key=_natural_key):
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = [t for t in graph.get(node, []) if t in graph]
            if child < len(targets):
                work.append((node, child + 1))
                target = targets[child]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return [_cycle_through(graph, set(c)) for c in components]


def _cycle_through(graph: dict[str, list[str]], members: set[str]) -> list[str]:
    """A shortest cycle through the lowest-numbered member, inside ``members``."""
    start = min(members, key=_natural_key)
    previous: dict[str, str] = {}
    queue = [start]
    for node in queue:
        for target in graph.get(node, []):
            if target == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return list(reversed(path))
            if target in members and target not in previous and target != start:
                previous[target] = node
                queue.append(target)
    return sorted(members, key=_natural_key)  # unreachable for a strongly connected group
