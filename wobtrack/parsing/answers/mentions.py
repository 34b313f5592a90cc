"""Layout "mentions": per-item paragraphs found by how the letter names an item.

"onder punt 1", "de punten 3 en 4", "uw tweede vraag", "het derde streepje", "deel B9",
"de eerste 3 punten"; each mention opens a block of sentences that answers those items.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from wobtrack.parsing import phrases
from wobtrack.parsing.answers.base import AnswerContext, Answers, merge_into
from wobtrack.parsing.answers.whole import whole_letter_finding
from wobtrack.parsing.classify import Finding, classify, cross_references, sentence_outcomes
from wobtrack.parsing.document import Line, Sentence, Text, expand_numbers
from wobtrack.parsing.request_items import RequestItem, is_running_header
from wobtrack.parsing.skeleton import _ends_sentence, _looks_like_title

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
#: "het gevraagde onder 2", "onder punt 3": an item named by its number alone.
_ASKED_UNDER: Final = re.compile(
    r"\b(?:het )?gevraagde onder (?P<numbers>\d{1,2}(?:\s*(?:,|en)\s*\d{1,2})*)\b(?!\.\d)", re.I
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
    for match in _ASKED_UNDER.finditer(text):
        for label in expand_numbers(match["numbers"]):
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
    numbers = ctx.request.numbers
    whole: Finding | None = None
    current: list[str] = []
    block: list[Sentence] = []

    by_topic = False

    def flush() -> None:
        if current and block:
            finding = classify(block, ctx.regime, ctx.links, current)
            finding.matched_by_topic = by_topic
            if finding.outcomes or finding.refers_to:
                for number in current:
                    merge_into(answers.findings, number, finding)

    for paragraph in _paragraphs(lines):
        # A section title ends the paragraph answering an item.
        flush()
        current, block = [], []
        for sentence in Text(paragraph).sentences():
            named = item_mentions(sentence.text, numbers)
            opener = None if named else _TOPIC_OPENER.search(sentence.text)
            topic = opener is not None
            if opener is not None:
                named = topic_items(sentence.text[opener.end() :], ctx.request.items)
                if named and opener.start() > 0:
                    # "... 2021: https://... Ten aanzien van de kosten ...": the words before
                    # the opener end the previous answer.
                    if current:
                        block.append(Sentence(sentence.page, sentence.text[: opener.start()]))
                    sentence = Sentence(sentence.page, sentence.text[opener.start() :])
            refs = cross_references(sentence.text)
            if named and not (refs and set(named) <= set(refs)):
                flush()
                current, block, by_topic = named, [sentence], topic
                if _SCOPE.search(sentence.text) and not sentence_outcomes(sentence.text):
                    # "Het betreft documenten die betrekking hebben op het derde en vierde
                    # streepje": these items are what the decision is about.
                    whole = whole if whole is not None else whole_letter_finding(ctx)
                    if whole.outcomes:
                        for number in named:
                            merge_into(answers.findings, number, whole)
                    current, block = [], []
                continue
            if current and phrases.DICTUM_HEADING.match(sentence.text):
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


#: A sentence that opens an answer by its subject ("Ten aanzien van uw verzoek om de kosten").
_TOPIC_OPENER: Final = re.compile(
    r"(?:^|(?<=\s))(?:Ten aanzien van|Met betrekking tot|Wat betreft|Voor wat betreft|"
    r"Voor zover (?:het|uw) (?:Wob|Woo|wob|woo)?-?verzoek (?:ziet op|betrekking heeft op))\b"
)
#: Words too common in requests to tell items apart.
_COMMON: Final = frozenset(
    {
        "documenten",
        "document",
        "informatie",
        "gegevens",
        "verzoek",
        "verzocht",
        "welke",
        "hoeveel",
        "waarin",
        "waaruit",
        "betreffende",
        "betrekking",
        "hebben",
        "heeft",
        "worden",
        "wordt",
        "zijn",
        "geweest",
        "alle",
        "eventuele",
        "tussen",
        "binnen",
        "tijdens",
        "periode",
        "sinds",
        "daarbij",
        "daarvan",
        "hierover",
        "waarover",
        "gevraagde",
        "verzochte",
        "openbaarmaking",
        "overzicht",
        "afgelopen",
        "jaren",
        "gemeente",
        "ministerie",
    }
)


def content_words(text: str) -> set[str]:
    """The words of a text that can tell request items apart (5+ letters, not common)."""
    return {w for w in re.findall(r"[a-zà-ÿ]{5,}", text.lower()) if w not in _COMMON}


def topic_items(sentence: str, items: Sequence[RequestItem]) -> list[str]:
    """The items whose quoted text shares the most subject words with ``sentence`` (at
    least one), when that is not every item: an answer introduced by its subject."""
    words = content_words(sentence)
    scores = {item.number: len(words & content_words(item.text)) for item in items}
    best = max(scores.values(), default=0)
    if best == 0:
        return []
    chosen = [number for number, score in scores.items() if score == best]
    return chosen if len(chosen) < len(items) else []


#: A sentence that says which items the decided documents concern (a scope statement).
_SCOPE: Final = re.compile(
    r"\b(?:betrekking (?:hebben|heeft) op|(?:zien|ziet) op|betreffen|gaat over|gaan over)\b", re.I
)


def _paragraphs(lines: Sequence[Line]) -> list[list[Line]]:
    """Lines cut at the letter's section titles (a short line without final punctuation
    after a closed sentence, or a known heading): the titles themselves are dropped."""
    paragraphs: list[list[Line]] = [[]]
    for index, line in enumerate(lines):
        previous = lines[index - 1].text if index else ""
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        # A title stands between a closed sentence and prose; a table header ("Nr. Document
        # Beoordeling") is followed by numbered rows and belongs to the answer.
        title = _starts_section(line.text) or (
            (_looks_like_title(line.text) or _long_title(line.text))
            and (not previous or _ends_sentence(previous))
            and following[:1].isupper()
        )
        if title:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        paragraphs[-1].append(line)
    return [p for p in paragraphs if p]


def _long_title(text: str) -> bool:
    """A heading of up to ten words ("Informatie die valt buiten de reikwijdte van uw
    verzoek"): much shorter than a line of running text, no final punctuation."""
    words = text.split()
    return (
        len(words) <= 10
        and len(text) < 65
        and text[:1].isupper()
        and not re.search(r"[.,:;!?)]$", text)
        and "://" not in text
    )


def _starts_section(text: str) -> bool:
    return bool(phrases.OTHER_HEADINGS.match(text) or phrases.BEZWAAR_HEADING.match(text))
