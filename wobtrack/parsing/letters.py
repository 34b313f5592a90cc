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

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from wobtrack.parsing import header
from wobtrack.parsing.answers import AnswerContext, choose_answers
from wobtrack.parsing.answers.mentions import content_words
from wobtrack.parsing.classify import (
    Finding,
    cross_references,
    sentence_outcomes,
)
from wobtrack.parsing.document import (
    _GREETING,
    Line,
    LinkAnchorLike,
    Regime,
    Sentence,
    _sentences,
    named_document_numbers,
    place_link_anchors,
    split_lines,
)
from wobtrack.parsing.facts import (
    _bezwaar,
    _reference,
    _regime,
    _request_received,
)
from wobtrack.parsing.grounds import find_grounds
from wobtrack.parsing.inventory import document_outcomes, read_inventory
from wobtrack.parsing.model import (
    Bezwaar,
    Evidence,
    InventoryDocument,
    ParsedItem,
    ParsedLetter,
    Reference,
)
from wobtrack.parsing.pdftext import PageWords, PdfTable
from wobtrack.parsing.request_items import RequestList, find_request_items, is_running_header
from wobtrack.parsing.review import CONSIDERATION_OUTCOMES, ItemFacts, review
from wobtrack.parsing.skeleton import (
    ListEntry,
    _dictum,
    _entry_text,
    _Layout,
    _layout,
    find_lists,
)
from wobtrack.parsing.trace import Trace
from wobtrack.parsing.urls import find_urls
from wobtrack.vocab import OUTCOMES

#: Bump when a rule changes: stored decisions record which parser proposed their outcomes.
PARSER_VERSION: Final = "2.0.0"


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


def parse_letter(
    pages: Sequence[str],
    links: Sequence[str] = (),
    anchors: Sequence[LinkAnchorLike] = (),
    *,
    tables: Sequence[PdfTable] = (),
    words: Sequence[PageWords] = (),
    trace: Trace | None = None,
) -> ParsedLetter:
    """Parse the text of a decision letter (one string per PDF page) into a ParsedLetter.

    ``links`` are the URIs of the PDF's link annotations, used to complete URLs that the
    text wraps or truncates. ``anchors`` are those annotations with their page and the
    words under them: a URL held only in an annotation ("via deze link") is written into
    the text after those words (``place_link_anchors``). ``tables`` and ``words`` (from
    ``extract_pdf``) hold the inventory list, read into ``documents``; a PDF that is only
    an inventory gets ``kind: "inventory"`` and no items. A ``trace`` is filled with what
    each stage found (``wobtrack parse --explain``).
    """
    warnings: list[str] = []
    trace = trace if trace is not None else Trace()
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
    line_pages = [line.page for line in lines]
    trace.span("letterhead", 0, layout.body_start - 1, line_pages)
    trace.span("body", layout.body_start, layout.closing - 1, line_pages)
    if layout.dictum is not None:
        trace.span("dictum", layout.dictum, layout.dictum, line_pages)
    if layout.bezwaar is not None:
        trace.span("bezwaar clause", layout.bezwaar, len(lines) - 1, line_pages)

    body = _sentences(lines[layout.body_start : layout.closing])
    # Stage "header": dates, kind, verdaging and the remedy clause (header.py).
    dates = header.request_dates(pages)
    received, received_warnings = _request_received(body)
    if received is None or (
        dates.request_received is not None and received < dates.request_received
    ):
        # The receipt sentence reader knows more spellings ("ontvangen op diezelfde dag").
        received, received_warnings = header.request_received_best(dates)
        warnings.extend(dates.warnings)
    decision_date, date_warnings = header.decision_date(pages)
    warnings.extend(date_warnings)
    warnings.extend(received_warnings)
    regime, regime_warnings = _regime(lines, decision_date)
    warnings.extend(regime_warnings)
    kind, kind_warnings = header.letter_kind(pages)
    warnings.extend(kind_warnings)
    extended_on, extended_to = header.verdaging(pages)
    dictum, dictum_sentences = _dictum(lines, layout, body)
    clause, bezwaar_warnings = header.bezwaar_clause(pages)
    old_clause, old_warnings = _bezwaar(lines, layout)
    bezwaar = old_clause
    if clause is not None:
        bezwaar = Bezwaar(
            clause.weeks,
            clause.electronic_filing
            if clause.electronic_filing is not None or old_clause is None
            else old_clause.electronic_filing,
            clause.address or (old_clause.address if old_clause else None),
            clause.remedy,
        )
        if bezwaar.address is not None:
            bezwaar_warnings = [w for w in bezwaar_warnings if "address" not in w]
    else:
        bezwaar_warnings = old_warnings
    warnings.extend(bezwaar_warnings)
    if bezwaar is None and not bezwaar_warnings:
        warnings.append("no bezwaar clause (rechtsmiddelenclausule) found")

    # Stage "identify": a letter, an inventory, or a letter with its inventory annexed.
    documents = tuple(read_inventory(pages, tables, words, regime))
    no_letter = dictum is None and not any(_GREETING.match(line.text) for line in lines)
    if no_letter and documents:
        return ParsedLetter(
            pages=len(pages),
            regime=regime,
            decision_date=decision_date,
            reference=_reference(lines, layout),
            kind="inventory",
            documents=documents,
            warnings=tuple(warnings),
        )
    items = _items(
        lines,
        layout,
        regime,
        links,
        dictum_sentences,
        warnings,
        kind=kind,
        unread_pages=bool(blank and len(blank) < len(pages)),
        unread_in_body=_unread_in_body(blank, lines, layout),
        trace=trace,
        documents=documents,
    )
    if no_letter:
        warnings.append(
            "no letter structure found (no salutation, no decision): an inventory list?"
        )

    return ParsedLetter(
        pages=len(pages),
        regime=regime,
        decision_date=decision_date,
        reference=_reference(lines, layout),
        request_received=received,
        request_date=dates.request_date,
        kind=kind,
        extended_on=extended_on,
        extended_to=extended_to,
        documents=documents,
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
    *,
    kind: str | None = None,
    unread_pages: bool = False,
    unread_in_body: bool = False,
    trace: Trace | None = None,
    documents: Sequence[InventoryDocument] = (),
) -> list[ParsedItem]:
    """Find the request's items, choose the answer layout, resolve and review each item."""
    start, stop = layout.body_start, layout.closing
    quote_stop = layout.dictum if layout.dictum is not None and layout.dictum > start else stop
    request = find_request_items(lines, start, quote_stop)
    if len(request.items) < 2 and quote_stop < stop:
        # The decision may come first and the request after it (UWV letters).
        later = find_request_items(lines, start, stop)
        if len(later.items) >= 2 or request.scheme == "single":
            request = later
    after = request.end if request.scheme != "single" else start
    context = AnswerContext(
        lines, layout, request, regime, links, dictum_sentences, after, stop, kind
    )
    choice = choose_answers(context)
    if trace is not None:
        line_pages = [line.page for line in lines]
        trace.request_scheme = request.scheme
        trace.request_items = list(request.numbers)
        if request.scheme != "single":
            trace.span("request items", request.start, request.end - 1, line_pages)
        trace.layout_scores = dict(choice.scores)
        trace.layout = choice.chosen
        if choice.fallback:
            what = (
                "the letter's overall decision applied to"
                if choice.chosen == "mentions"
                else "no answer found for"
            )
            trace.notes.append(
                f"{what} item(s) " + ", ".join(sorted(choice.fallback, key=_natural_key))
            )
    drafts: dict[str, _ItemDraft] = {}
    numbers = list(request.numbers)
    if request.scheme == "single" and choice.new_items:
        numbers = [n for n in numbers if n in choice.findings and n != "1"] + choice.new_items
        if "1" in choice.findings and "1" not in numbers:
            numbers.insert(0, "1")
    elif choice.new_items:
        # The letter answers in its own numbering ("Onderdeel 1" ... "Onderdeel 7") beyond
        # the items it quotes: the answers' numbering is the item list.
        numbers += [n for n in choice.new_items if n not in numbers and not n[-1:].isalpha()]
    texts = {item.number: item.text for item in request.items}
    answered = set(choice.findings)
    sub_items = [
        n for n in choice.new_items if re.fullmatch(r"\d{1,2}[a-z]", n) and n[:-1] in texts
    ]
    if sub_items:
        # "Ad 2a": sub-items answered on their own become items in place of their parent.
        for entries in find_lists(lines, request.start, request.end):
            for number, sub in _quoted_items(entries, answered).items():
                texts[number] = sub.text or texts.get(number, "")
        for number in sub_items:
            parent = number[:-1]
            if parent in numbers and parent not in answered:
                numbers.remove(parent)
            numbers.append(number)
        numbers.sort(key=_natural_key)
    for number in numbers:
        finding = choice.findings.get(number)
        draft = _ItemDraft(number, texts.get(number) or None, finding, answered=finding is not None)
        draft.shared = number in choice.fallback and finding is not None
        drafts[number] = draft
    if choice.chosen == "whole" and len(numbers) > 1:
        warnings.append(
            f"the letter quotes {len(numbers)} items but decides on them together; each item "
            "gets the letter's decision"
        )
    if choice.fallback and choice.chosen == "mentions":
        warnings.append(
            "no answer found for item(s) "
            + ", ".join(sorted(choice.fallback, key=_natural_key))
            + "; they get the letter's overall decision and need review"
        )
    letter = _letter_level(lines, layout, regime, links, dictum_sentences, request)
    letter.decided_as_whole = choice.chosen == "whole"
    letter.outcomes = _fold(list(choice.whole.outcomes))
    if choice.whole.from_considerations:
        letter.has_dictum = False
    letter.layout = choice.chosen
    letter.partial_decision = kind == "deelbesluit"
    letter.unread_pages = unread_pages
    letter.unread_in_body = unread_in_body
    letter.document_outcomes = document_outcomes(documents)
    letter.documents = documents
    for url in letter.repaired_urls:
        warnings.append(
            f"URL {url}: a gap in the printed link was read as '_' (a link underline hides "
            "underscores); check the link"
        )
    return _resolve(drafts, warnings, letter)


@dataclass
class _LetterLevel:
    """What the letter says as a whole: the facts items fall back on and the review uses."""

    grounds: list[str]
    urls: list[str]
    considerations: frozenset[str]
    has_dictum: bool
    reason_evidence: list[Evidence] = field(default_factory=list)
    #: Sentences of the considerations saying part of the request is decided elsewhere.
    deferred_evidence: list[Evidence] = field(default_factory=list)
    unread_pages: bool = False
    #: A page without text layer lies inside the body: any item's answer may be on it.
    unread_in_body: bool = False
    repaired_urls: list[str] = field(default_factory=list)
    #: What the letter decides for the request as a whole (its dictum).
    outcomes: list[str] = field(default_factory=list)
    #: The answer layout chosen for the items.
    layout: str = ""
    #: Item outcomes the inventory's judgements add up to (all documents together).
    document_outcomes: list[str] = field(default_factory=list)
    documents: Sequence[InventoryDocument] = ()
    decided_as_whole: bool = False
    partial_decision: bool = False


def _letter_level(
    lines: Sequence[Line],
    layout: _Layout,
    regime: Regime | None,
    links: Sequence[str],
    dictum_sentences: Sequence[Sentence],
    request: RequestList,
) -> _LetterLevel:
    """Grounds and referral URLs anywhere in the letter (considerations, annexed
    inventory), and the outcomes its considerations prove."""
    body_end = layout.bezwaar if layout.bezwaar is not None else len(lines)
    keep = [
        line
        for index, line in enumerate(lines)
        if layout.body_start <= index
        and not (request.start <= index < request.end and request.scheme != "single")
        and not is_running_header(line.text)
    ]
    text_lines = [line.text for line in _without_law_annex(keep)]
    grounds = find_grounds("\n".join(text_lines), regime)
    found_urls = [found for found in find_urls(text_lines, links) if found.referral]
    urls = list(dict.fromkeys(found.value for found in found_urls))
    repaired = list(dict.fromkeys(found.value for found in found_urls if found.repaired))
    dictum_texts = {s.text for s in dictum_sentences}
    considerations: set[str] = set()
    reason_evidence: list[Evidence] = []
    deferred_evidence: list[Evidence] = []
    for sentence in _sentences(lines[layout.body_start : min(layout.closing, body_end)]):
        if sentence.text in dictum_texts:
            continue
        found = [o for o in sentence_outcomes(sentence.text) if o in CONSIDERATION_OUTCOMES]
        considerations.update(found)
        if set(found) & _AFWIJZEN_REASONS and len(reason_evidence) < 3:
            reason_evidence.append(Evidence(sentence.page, sentence.text))
        if "deferred" in found and len(deferred_evidence) < 3:
            deferred_evidence.append(Evidence(sentence.page, sentence.text))
    return _LetterLevel(
        grounds,
        urls,
        frozenset(considerations),
        bool(dictum_sentences),
        reason_evidence,
        deferred_evidence,
        repaired_urls=repaired,
    )


_LAW_ANNEX: Final = re.compile(r"^(?:artikel|art\.)\s*\d+(?:\.\d+)?\s*(?:\w+\s*){0,4}$", re.I)


def _without_law_annex(lines: Sequence[Line]) -> list[Line]:
    """Lines without the reproduced law articles ("Artikel 10" + its leden) of an annex."""
    kept: list[Line] = []
    in_law = False
    for line in lines:
        if _LAW_ANNEX.match(line.text):
            in_law = True
            continue
        if in_law and (
            re.match(r"^(?:\d{1,2}\.|[a-i]\.|[a-i]\))\s", line.text) or line.text[:1].islower()
        ):
            continue
        in_law = False
        kept.append(line)
    return kept


def _resolve(
    drafts: dict[str, _ItemDraft], warnings: list[str], letter: _LetterLevel
) -> list[ParsedItem]:
    """Cross-references resolved transitively (cycles reported), letter-level grounds and
    referral URLs added where an item has none of its own, the review policy applied."""
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
            items.append(
                ParsedItem(
                    number,
                    draft.text,
                    ("unanswered",),
                    needs_review=True,
                    review=(
                        ("R02-unanswered", "the item is quoted but no answer to it was found"),
                    ),
                )
            )
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
        outcomes = _fold(outcomes)
        named = _named_documents(finding, letter.documents)
        if named:
            # The answer names its documents ("Documenten 3 tot en met 7 betreffen ..."):
            # the inventory's judgements of those documents decide the item.
            kept = [o for o in outcomes if o in _BESIDE_DOCUMENTS]
            outcomes = _fold(document_outcomes(named) + kept)
            evidence.extend(
                Evidence(d.page or 1, f"inventory: document {d.number}: {d.judgement_text}")
                for d in named[:5]
            )
        if draft.shared and letter.partial_decision and "deferred" in letter.considerations:
            # A deelbesluit that names the items it decides and says the rest is decided
            # in another partial decision: an item it does not name is deferred (flagged).
            outcomes = ["deferred"]
            evidence = letter.deferred_evidence or evidence
        from_inventory = False
        if letter.documents and (letter.decided_as_whole or draft.shared):
            titled = _documents_by_title(draft.text or "", letter.documents)
            if titled:
                # The inventory row titled like the item decides it (documents are not
                # mapped to items by the letter): flagged.
                outcomes = _fold(document_outcomes(titled))
                from_inventory = bool(outcomes)
                evidence.extend(
                    Evidence(d.page or 1, f"inventory: {d.title}: {d.judgement_text}")
                    for d in titled[:5]
                )
        if not outcomes and (letter.decided_as_whole or draft.shared):
            # No decision wording, but the inventory decides per document: the item gets
            # what its documents add up to, flagged (documents are not mapped to items).
            outcomes = list(letter.document_outcomes)
            from_inventory = bool(outcomes)
        answered_in_letter = False
        if (
            not outcomes
            and letter.layout in _OWN_ANSWER_LAYOUTS
            and "?" in (draft.text or "")
            and len(finding.sentences) >= 2
        ):
            # A question answered in prose under its own heading: the answer is in the
            # letter itself, which counts as granted (flagged: no decision wording).
            outcomes = ["granted"]
            answered_in_letter = True
            evidence = [Evidence(s.page, s.text) for s in finding.sentences[:2]]
        if "refused" in finding.weak and _AFWIJZEN_REASONS & set(outcomes):
            # "moet ik uw verzoek afwijzen ... geen documenten aangetroffen": the answer
            # gives the reason for its afwijzing itself.
            outcomes = [o for o in outcomes if o != "refused"]
        reasons = letter.considerations & _AFWIJZEN_REASONS
        if outcomes == ["refused"] and "refused" in finding.weak and not grounds and reasons:
            # "afwijzen" is resolved by its reason: no documents, already public, no Wob
            # request (LABELS §2.2); the considerations give the reason.
            outcomes = sorted(reasons, key=OUTCOMES.index)
            evidence.extend(letter.reason_evidence)
        whole = letter.decided_as_whole or draft.shared
        if {"refused", "partly_granted"} & set(outcomes) and (whole or not grounds):
            grounds.extend(g for g in letter.grounds if g not in grounds)
        references = _whole_urls(references, finding, letter.urls)
        own_urls = [r for r in references if r.kind == "url"]
        if whole or ("referred" in outcomes and not own_urls):
            for url in letter.urls:
                reference = Reference("url", url)
                if reference not in references:
                    references.append(reference)
        facts = ItemFacts(
            number,
            tuple(outcomes),
            tuple(grounds),
            own_outcomes=tuple(_fold(list(finding.outcomes) + document_outcomes(named))),
            letter_outcomes=tuple(letter.outcomes),
            layout=letter.layout,
            matched_by_topic=finding.matched_by_topic,
            fallback=draft.shared,
            decided_as_whole=letter.decided_as_whole,
            has_dictum=letter.has_dictum,
            partial_decision=letter.partial_decision,
            items_in_letter=len(drafts),
            considerations=letter.considerations,
            letter_grounds=tuple(letter.grounds),
            unresolved_reference=bool(missing) or number in in_cycle,
            unread_pages=letter.unread_pages,
            unread_in_body=letter.unread_in_body,
            from_inventory=from_inventory,
            answered_in_letter=answered_in_letter,
        )
        fired = review(facts)
        if not outcomes:
            evidence = evidence or [Evidence(s.page, s.text) for s in finding.sentences[:3]]
        items.append(
            ParsedItem(
                number=number,
                text=draft.text,
                outcomes=tuple(sorted(outcomes, key=OUTCOMES.index)),
                grounds=tuple(grounds),
                refers_to=tuple(finding.refers_to),
                references=tuple(references),
                evidence=tuple(evidence),
                needs_review=bool(fired),
                review=tuple((rule.code, rule.reason) for rule in fired),
            )
        )
    return items


#: Layouts in which an item has an answer section of its own.
_OWN_ANSWER_LAYOUTS: Final = frozenset({"headings", "second_list", "interleaved"})

#: Outcomes an item keeps beside the judgements of the documents its answer names.
_BESIDE_DOCUMENTS: Final = frozenset({"not_held", "deferred", "forwarded", "out_of_scope"})


def _documents_by_title(
    text: str, documents: Sequence[InventoryDocument]
) -> list[InventoryDocument]:
    """The inventory rows whose title shares the most words with the item's text (at
    least two, or the whole title), when every one of them has a judgement."""
    words = content_words(text)
    if not words or len(words) > 6:
        return []  # only an item that names a document ("Handvest maatwerk") is matched
    scored: list[tuple[int, InventoryDocument]] = []
    for document in documents:
        title = content_words(document.title or "")
        shared = len(words & title)
        if shared >= 2 or (shared and shared == len(title)):
            scored.append((shared, document))
    if not scored:
        return []
    best = max(score for score, _ in scored)
    chosen = [d for score, d in scored if score == best]
    if len(chosen) == len(documents) or any(d.judgement is None for d in chosen):
        return []
    return chosen


def _named_documents(
    finding: Finding, documents: Sequence[InventoryDocument]
) -> list[InventoryDocument]:
    """The inventory rows an answer names by number, when all of them have a judgement."""
    if not documents:
        return []
    by_number = {d.number.lstrip("0") or "0": d for d in documents if d.number}
    named: list[InventoryDocument] = []
    for sentence in finding.sentences:
        for number in named_document_numbers(sentence.text):
            document = by_number.get(number.lstrip("0") or "0")
            if document is not None and document not in named:
                named.append(document)
    if any(d.judgement is None for d in named):
        return []
    return named


#: The reasons that turn "uw verzoek af te wijzen" into an outcome other than a refusal.
_AFWIJZEN_REASONS: Final = frozenset({"not_held", "referred", "out_of_scope", "not_handled"})


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def _whole_urls(
    references: list[Reference], finding: Finding, letter_urls: Sequence[str]
) -> list[Reference]:
    """The item's URLs as the URL finder joined them (wrapped, split over table cells),
    for the URLs that start in the item's own answer; a cut-off form is replaced."""
    answer = _squash(" ".join(s.text for s in finding.sentences))
    result = list(references)
    for url in letter_urls:
        squashed = _squash(url)
        head, tail = squashed[:28], squashed[-16:]
        # Both ends must stand in the answer: URLs of one site share their beginning.
        if len(head) < 12 or head not in answer or tail not in answer:
            continue
        result = [
            r
            for r in result
            if not (
                r.kind == "url"
                and len(_squash(r.value)) >= len(head)
                and _squash(url).startswith(_squash(r.value))
            )
        ]
        reference = Reference("url", url)
        if reference not in result:
            result.append(reference)
    return result


def _unread_in_body(blank: Sequence[str], lines: Sequence[Line], layout: _Layout) -> bool:
    """Whether a page without text layer lies between the body's first and last page."""
    if not blank or not lines or layout.closing <= layout.body_start:
        return False
    first = lines[layout.body_start].page
    last = lines[min(layout.closing, len(lines)) - 1].page
    return any(first < int(page) <= last + 1 for page in blank) and any(
        line.page > int(page) for page in blank for line in lines[layout.closing :]
    )


def _fold(outcomes: list[str]) -> list[str]:
    """Disclosed and withheld documents under one item are one partial disclosure."""
    found = list(dict.fromkeys(outcomes))
    if "granted" in found and "refused" in found:
        found = [o for o in found if o not in ("granted", "refused")] + ["partly_granted"]
    if "partly_granted" in found and "refused" in found:
        found.remove("refused")  # documents withheld beside others disclosed: partial
    if "partly_granted" in found and "granted" in found:
        found.remove("granted")
    return list(dict.fromkeys(found))


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
