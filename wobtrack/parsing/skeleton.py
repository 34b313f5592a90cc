"""Stage "skeleton": where the body, the quoted request, the answers, the dictum, the
bezwaar clause and the annexes are."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from wobtrack.parsing import phrases
from wobtrack.parsing.classify import (
    sentence_outcomes,
)
from wobtrack.parsing.document import (
    _ARABIC_PART,
    _GREETING,
    _LAW_ARTICLE,
    _ROMAN_PART,
    _SENTENCE_END,
    _URL,
    Line,
    Sentence,
    Text,
    _sentences,
    expand_numbers,
)
from wobtrack.parsing.model import (
    Dictum,
    Evidence,
)

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
        if match is None:
            continue
        # "Onderdeel 2" alone on its line, capitalised, is a heading even when the line
        # before it does not close its sentence (a closing line without a full stop).
        alone = (
            not match["rest"].strip() and text[:1].isupper() and not text.lower().startswith("ad")
        )
        if not alone and not _starts_block(lines, index, start):
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
            if _GREETING.match(line.text) and (len(line.text) < 80 or i < 60)
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
    # A heading alone on its line ("Bezwaar") is the clause; one with more words on the
    # line starts a block: "Rechtsbescherming d.d. 5 november ..." continuing "antwoorden
    # van de Minister voor" is a ministry's name, not the clause.
    bezwaar = next(
        (
            i
            for i in range(body_start, len(lines))
            if phrases.BEZWAAR_HEADING.match(lines[i].text)
            and (len(lines[i].text.split()) <= 4 or _starts_block(lines, i, body_start))
        ),
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
