"""Stage "answers": where the letter answers each request item, chosen among layouts by score.

Every layout is a function ``(AnswerContext) -> Answers`` that claims answers for some items:

- ``headings``: "Ad 3", "Onderdeel 2", "Vraag 1:", "Punt 3." section headings;
- ``second_list``: a numbered list after the request that answers it point by point (also
  the request repeated item by item with the answer under each);
- ``interleaved``: each quoted item followed by its answer ("Reactie: ...");
- ``mentions``: per-item paragraphs found by how the letter names an item ("onder punt 1",
  "de punten 3 en 4", "uw tweede vraag", "het derde streepje", "deel B9", "de eerste 3
  punten");
- ``whole``: the letter decides the request as a whole (its dictum).

The layout that answers most items wins; items it leaves open take the answers of the
other layouts, and only then the letter-level decision, marked as a fallback so that the
review policy flags it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Final

from wobtrack.parsing import phrases
from wobtrack.parsing.classify import Finding, classify, cross_references, sentence_outcomes
from wobtrack.parsing.document import Line, Regime, Sentence, Text, _sentences, expand_numbers
from wobtrack.parsing.request_items import RequestList, is_running_header
from wobtrack.parsing.skeleton import (
    _is_section_list,
    _is_title_rest,
    _Layout,
    _section_end,
    find_answer_headings,
    find_lists,
)

_ORDINALS: Final = (
    "eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste", "negende",
    "tiende", "elfde", "twaalfde",
)  # fmt: skip
_ORDINAL: Final = "|".join(_ORDINALS)
_ITEM_NOUN: Final = (
    r"(?:verzoek)?onderde(?:el|len)|deelverzoek(?:en)?|punt(?:en)?|vra(?:ag|gen)|verzoekpunt(?:en)?|"
    r"streepje(?:s)?|item(?:s)?|deel|delen|aandachtspunt(?:en)?"
)
#: "onder punt 1", "de punten 3 en 4", "onderdeel 2", "vraag 3", "deel B9", "punt A4".
_NUMBERED_MENTION: Final = re.compile(
    r"\b(?P<noun>" + _ITEM_NOUN + r")\s+(?:[A-H](?=\d))?(?P<numbers>"
    r"\d{1,2}[a-z]?(?![\d.,]\d)(?:\s*(?:,|en|t/m|tot en met|-|–)\s*(?:[A-H](?=\d))?\d{1,2}[a-z]?"
    r"(?![\d.,]\d))*)",
    re.I,
)
#: "uw tweede vraag", "het derde en vierde onderdeel", "het derde streepje".
_ORDINAL_MENTION: Final = re.compile(
    r"\b(?:uw|het|de|dit|deze)\s+(?P<ordinals>(?:"
    + _ORDINAL
    + r")(?:\s*(?:,|en|t/m)\s*(?:"
    + _ORDINAL
    + r"))*)\s+(?P<noun>"
    + _ITEM_NOUN
    + r"|verzoek)\b",
    re.I,
)
#: "de eerste 3 punten", "de eerste drie vragen".
_FIRST_N: Final = re.compile(
    r"\bde eerste (?P<n>\d|twee|drie|vier|vijf|zes)\s+(?:" + _ITEM_NOUN + r")\b", re.I
)
_WORD_NUMBERS: Final = {"twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6}
#: "vragen c t/m f", "onderdeel B": lettered items.
_LETTER_MENTION: Final = re.compile(
    r"\b(?:" + _ITEM_NOUN + r")\s+(?P<letters>[a-hA-H](?:\s*(?:,|en|t/m|-)\s*[a-hA-H])*)\b(?!\.\d)"
)
#: A mention that points into another document, not to an item of this request.
_ELSEWHERE: Final = re.compile(
    r"^\s*(?:van|uit|in)\s+(?:het|de|dit|uw)\s+(?:besluit|bezwaarschrift|brief|inventarislijst|"
    r"wet|artikel|rapport|document|beleidsregel)|^\s*(?:van\s+)?(?:de|het)\s+(?:wob|woo|awb)\b|"
    r"^\s*(?:genoemde|bedoelde)\b",
    re.I,
)


@dataclass
class AnswerContext:
    """What the layouts read: the lines, the skeleton and the request's items."""

    lines: Sequence[Line]
    layout: _Layout
    request: RequestList
    regime: Regime | None
    links: Sequence[str]
    dictum_sentences: Sequence[Sentence]
    after: int  # the first line after the quoted request
    stop: int  # where the answers end (the closing or the bezwaar clause)


@dataclass
class Answers:
    """The answers one layout found: a finding per item number, and how sure it is."""

    layout: str
    findings: dict[str, Finding] = field(default_factory=dict)
    #: Items numbered by the answers themselves where the letter quotes no list.
    new_items: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def coverage(self, numbers: Sequence[str]) -> float:
        if not numbers:
            return 0.0
        answered = [n for n in numbers if n in self.findings]
        return len(answered) / len(numbers)


def _merge_into(findings: dict[str, Finding], number: str, finding: Finding) -> None:
    old = findings.get(number)
    findings[number] = finding if old is None else merge_findings(old, finding)


def merge_findings(old: Finding, new: Finding) -> Finding:
    """One finding holding the outcomes, grounds and references of both."""
    merged = Finding()
    for source in (old, new):
        for outcome, evidence in source.outcomes.items():
            merged.outcomes.setdefault(outcome, []).extend(evidence)
        merged.grounds.extend(g for g in source.grounds if g not in merged.grounds)
        merged.references.extend(r for r in source.references if r not in merged.references)
        merged.refers_to.extend(n for n in source.refers_to if n not in merged.refers_to)
        merged.evidence.extend(e for e in source.evidence if e not in merged.evidence)
        merged.sentences.extend(source.sentences)
    merged.weak = (
        (old.weak | new.weak) - (set(old.outcomes) - old.weak) - (set(new.outcomes) - new.weak)
    )
    return merged


# --- layouts -----------------------------------------------------------------------------


def headings_layout(ctx: AnswerContext) -> Answers:
    """ "Ad 3", "Onderdeel 2", "Vraag 1:" headings, each opening its item's answer."""
    lines = ctx.lines
    answers = Answers("headings")
    headings = find_answer_headings(lines, ctx.after, ctx.stop)
    numbers = set(ctx.request.numbers)
    if ctx.request.scheme == "single":
        # Without a quoted list the headings number the items, from 1 on.
        if not any(n in ("1", "1a") for h in headings for n in h.numbers):
            return answers
    elif not {n for h in headings for n in h.numbers} & numbers:
        return answers
    for position, heading in enumerate(headings):
        end = headings[position + 1].index if position + 1 < len(headings) else ctx.stop
        end = min(end, _section_end(lines, heading.index, end, generic=False))
        section = list(lines[heading.index + 1 : end])
        if heading.rest and not _is_title_rest(heading.rest, section):
            section.insert(0, Line(lines[heading.index].page, heading.rest))
        finding = classify(_sentences(section), ctx.regime, ctx.links, heading.numbers)
        for number in heading.numbers:
            _merge_into(answers.findings, number, finding)
            if number not in numbers and number not in answers.new_items:
                answers.new_items.append(number)
    return answers


def second_list_layout(ctx: AnswerContext) -> Answers:
    """A numbered list after the request that answers it point by point."""
    answers = Answers("second_list")
    labels = {n.lower() for n in ctx.request.numbers}
    if ctx.request.scheme in ("single", "bullets", "ordinal"):
        return answers
    for entries in find_lists(ctx.lines, ctx.after, ctx.stop):
        if not {e.label for e in entries} <= labels or _is_section_list(entries):
            continue
        found = {
            entry.label: classify(_sentences(entry.lines), ctx.regime, ctx.links, [entry.label])
            for entry in entries
        }
        # The list answers only if most of its entries read as answers.
        if 2 * sum(bool(f.outcomes or f.refers_to) for f in found.values()) < len(found):
            continue
        by_label = {n.lower(): n for n in ctx.request.numbers}
        for label, finding in found.items():
            _merge_into(answers.findings, by_label[label], finding)
        break
    return answers


def interleaved_layout(ctx: AnswerContext) -> Answers:
    """Each quoted item followed by its answer, inside the request list."""
    answers = Answers("interleaved")
    if ctx.request.scheme == "single":
        return answers
    for item in ctx.request.items:
        lines = [ln for ln in ctx.lines[item.line : item.end] if not is_running_header(ln.text)]
        sentences = _sentences(lines)
        for index, sentence in enumerate(sentences[1:], start=1):
            if sentence_outcomes(sentence.text) or re.match(
                r"(?i)^(?:antwoord|reactie|besluit|beslissing|beoordeling)\b", sentence.text
            ):
                answer = sentences[index:]
                answers.findings[item.number] = classify(
                    answer, ctx.regime, ctx.links, [item.number]
                )
                break
    return answers


def item_mentions(text: str, numbers: Sequence[str]) -> list[str]:
    """The request items a sentence names ("onder punt 1", "uw tweede vraag", "deel B9")."""
    wanted = {n.lower(): n for n in numbers}
    found: list[str] = []

    def add(label: str) -> None:
        number = wanted.get(label.lower())
        if number is not None and number not in found:
            found.append(number)

    for match in _NUMBERED_MENTION.finditer(text):
        if _ELSEWHERE.match(text, match.end()) or re.match(
            r"\s*\.\s*genoemde", text[match.end() :]
        ):
            continue
        if match["noun"].lower().startswith("deel") and not re.search(r"[A-H]\d", match.group(0)):
            continue  # "deel 2" of a report; "deel B9" is an item
        for label in expand_numbers(re.sub(r"[A-H](?=\d)", "", match["numbers"])):
            add(label)
    for match in _ORDINAL_MENTION.finditer(text):
        for word in re.findall(_ORDINAL, match["ordinals"], re.I):
            add(str(_ORDINALS.index(word.lower()) + 1))
    for match in _FIRST_N.finditer(text):
        count = match["n"]
        upto = int(count) if count.isdigit() else _WORD_NUMBERS[count.lower()]
        for n in range(1, upto + 1):
            add(str(n))
    if any(n.isalpha() for n in numbers):
        for match in _LETTER_MENTION.finditer(text):
            letters = match["letters"]
            span = re.match(r"([a-hA-H])\s*(?:t/m|-)\s*([a-hA-H])$", letters)
            if span:
                low, high = span[1].lower(), span[2].lower()
                for code in range(ord(low), ord(high) + 1):
                    add(chr(code))
            else:
                for letter in re.findall(r"[a-hA-H]", letters):
                    add(letter)
    return found


def mentions_layout(ctx: AnswerContext) -> Answers:
    """Per-item paragraphs, found by the sentences that name an item."""
    answers = Answers("mentions")
    if ctx.request.scheme == "single" or len(ctx.request.items) < 2:
        return answers
    lines = [ln for ln in ctx.lines[ctx.after : ctx.stop] if not is_running_header(ln.text)]
    sentences = Text(lines).sentences() if lines else []
    numbers = ctx.request.numbers
    current: list[str] = []
    block: list[Sentence] = []

    def flush() -> None:
        if current and block:
            finding = classify(block, ctx.regime, ctx.links, current)
            if finding.outcomes or finding.refers_to:
                for number in current:
                    _merge_into(answers.findings, number, finding)

    for sentence in sentences:
        named = item_mentions(sentence.text, numbers)
        refs = cross_references(sentence.text)
        if named and not (refs and set(named) <= set(refs)):
            flush()
            current, block = named, [sentence]
            continue
        if current and (
            _starts_section(sentence.text) or phrases.DICTUM_HEADING.match(sentence.text)
        ):
            flush()
            current, block = [], []
            continue
        if current:
            block.append(sentence)
            if len(block) > 6:  # a paragraph, not the rest of the letter
                flush()
                current, block = [], []
    flush()
    return answers


def _starts_section(text: str) -> bool:
    return bool(phrases.OTHER_HEADINGS.match(text) or phrases.BEZWAAR_HEADING.match(text))


def whole_letter_finding(ctx: AnswerContext) -> Finding:
    """The decision on the request as a whole: the dictum's outcomes."""
    return classify(ctx.dictum_sentences, ctx.regime, ctx.links)


#: The layouts in order of preference when two answer equally many items.
LAYOUTS: Final[tuple[Callable[[AnswerContext], Answers], ...]] = (
    headings_layout,
    second_list_layout,
    interleaved_layout,
    mentions_layout,
)


@dataclass
class AnswerChoice:
    """The layout chosen, the scores of all, and the answers per item."""

    chosen: str
    scores: dict[str, float]
    findings: dict[str, Finding]
    #: Items answered only by the letter-level decision although others have answers.
    fallback: set[str]
    new_items: list[str]
    whole: Finding


def choose_answers(ctx: AnswerContext) -> AnswerChoice:
    """Run every layout, keep the best, fill the gaps from the others and the dictum."""
    results = [layout(ctx) for layout in LAYOUTS]
    numbers = list(ctx.request.numbers)
    scores: dict[str, float] = {}
    for result in results:
        scores[result.layout] = result.coverage(numbers + result.new_items)
    ranked = sorted(results, key=lambda r: -scores[r.layout])
    best = ranked[0]
    whole = whole_letter_finding(ctx)
    if scores[best.layout] == 0:
        findings = {n: whole for n in numbers}
        return AnswerChoice("whole", scores, findings, set(), [], whole)
    findings = dict(best.findings)
    new_items = list(best.new_items)
    if new_items:
        numbers = [n for n in numbers if n in findings or ctx.request.scheme != "single"]
        numbers += new_items
    for other in ranked[1:]:
        for number in numbers:
            if number not in findings and number in other.findings:
                findings[number] = other.findings[number]
    fallback = {n for n in numbers if n not in findings}
    if best.layout == "mentions":
        # Paragraphs name some items; the others fall under the letter's overall decision.
        for number in fallback:
            findings[number] = whole
    # Under explicit per-item sections an item without one is unanswered (no finding).
    return AnswerChoice(best.layout, scores, findings, fallback, new_items, whole)
