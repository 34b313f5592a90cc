"""Stages "resolve" and "review": each item's outcomes from its answer, cross-references,
the letter as a whole and the inventory; then the review policy (``review.py``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from wobtrack.deadlines.law import Regime
from wobtrack.parsing import phrases
from wobtrack.parsing.answers.mentions import content_words
from wobtrack.parsing.classify import (
    Finding,
    sentence_outcomes,
)
from wobtrack.parsing.document import Line, Sentence, _sentences, named_document_numbers, urls_in
from wobtrack.parsing.grounds import find_grounds, mask_quoted_law
from wobtrack.parsing.inventory import decides_items, document_items, document_outcomes
from wobtrack.parsing.model import (
    Evidence,
    InventoryDocument,
    ParsedItem,
    Reference,
)
from wobtrack.parsing.request_items import RequestList, is_running_header
from wobtrack.parsing.review import CONSIDERATION_OUTCOMES, POINTED_REFERRAL, ItemFacts, review
from wobtrack.parsing.skeleton import (
    _Layout,
)
from wobtrack.parsing.urls import find_urls
from wobtrack.vocab import OUTCOMES


def natural_key(label: str) -> tuple[int, str]:
    match = re.match(r"(\d+)(.*)", label)
    return (int(match[1]), match[2]) if match else (10_000, label)


@dataclass
class ItemDraft:
    number: str
    text: str | None = None
    finding: Finding | None = None
    answered: bool = False
    shared: bool = False  # decided together with the other items, not on its own


@dataclass
class LetterLevel:
    """What the letter says as a whole: the facts items fall back on and the review uses."""

    grounds: list[str]
    urls: list[str]
    considerations: frozenset[str]
    has_dictum: bool
    reason_evidence: list[Evidence] = field(default_factory=list)
    #: Sentences of the considerations saying part of the request is decided elsewhere.
    deferred_evidence: list[Evidence] = field(default_factory=list)
    #: Sentences of the considerations saying some documents do not exist ("Er zijn geen
    #: documenten met de gevraagde informatie over X"): they may answer one item.
    not_held_evidence: list[Evidence] = field(default_factory=list)
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
    #: The items are separate requests ("In deze brief beslis ik op beide verzoeken").
    separate_requests: bool = False
    #: Item number (lower case) → the inventory documents the letter ties to it.
    item_documents: dict[str, list[InventoryDocument]] = field(default_factory=dict)


def letter_level(
    lines: Sequence[Line],
    layout: _Layout,
    regime: Regime | None,
    links: Sequence[str],
    dictum_sentences: Sequence[Sentence],
    request: RequestList,
) -> LetterLevel:
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
    # The quoted law ("Bijlage 1 - Relevante artikelen uit de Wob") is blanked out while its
    # article headings are still there to recognise it; it names every ground there is.
    joined = mask_quoted_law("\n".join(line.text.replace("\n", " ") for line in keep))
    masked = joined.split("\n") if keep else []
    without_law = [
        Line(line.page, text) for line, text in zip(keep, masked, strict=True) if text.strip()
    ]
    grounds = find_grounds("\n".join(line.text for line in _without_law_annex(without_law)), regime)
    text_lines = [line.text for line in _without_law_annex(keep)]
    found_urls = [found for found in find_urls(text_lines, links) if found.referral]
    urls = list(dict.fromkeys(found.value for found in found_urls))
    repaired = list(dict.fromkeys(found.value for found in found_urls if found.repaired))
    dictum_texts = {s.text for s in dictum_sentences}
    considerations: set[str] = set()
    reason_evidence: list[Evidence] = []
    deferred_evidence: list[Evidence] = []
    not_held_evidence: list[Evidence] = []
    already_public = False  # the sentence before said "reeds openbaar"
    for sentence in _sentences(lines[layout.body_start : min(layout.closing, body_end)]):
        if sentence.text in dictum_texts:
            continue
        found = [o for o in sentence_outcomes(sentence.text) if o in CONSIDERATION_OUTCOMES]
        if "out_of_scope" in found and phrases.about_some_documents(sentence.text):
            # "Document 53 valt buiten de reikwijdte": some documents, not the request.
            found.remove("out_of_scope")
        considerations.update(found)
        pointed_next = already_public and not _PUBLICATION.search(sentence.text)
        if ("referred" in found or pointed_next) and _points_somewhere(sentence.text):
            # "Is reeds openbaar: https://..." points to something, also when the place
            # follows in the next sentence ("U vindt haar op https://..."); the standard
            # paragraph "De Wob is niet van toepassing op documenten die reeds openbaar
            # zijn" does not.
            considerations.add(POINTED_REFERRAL)
            if "referred" not in found and len(reason_evidence) < 3:
                reason_evidence.append(Evidence(sentence.page, sentence.text))
        already_public = "referred" in found
        if set(found) & _AFWIJZEN_REASONS and len(reason_evidence) < 3:
            reason_evidence.append(Evidence(sentence.page, sentence.text))
        if "deferred" in found and len(deferred_evidence) < 3:
            deferred_evidence.append(Evidence(sentence.page, sentence.text))
        if "not_held" in found and len(not_held_evidence) < 10:
            not_held_evidence.append(Evidence(sentence.page, sentence.text))
    return LetterLevel(
        grounds,
        urls,
        frozenset(considerations),
        bool(dictum_sentences),
        reason_evidence,
        deferred_evidence,
        not_held_evidence=not_held_evidence,
        repaired_urls=repaired,
    )


#: Where this decision's own documents will be published: not a place they already are.
_PUBLICATION: Final = re.compile(
    r"\bmet dit besluit\b|\bbij dit besluit\b|\bgepubliceerd\b|\bgeplaatst\b|\bpublicatie\b",
    re.I,
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


#: An item named after a word that ties documents to it: "(documenten 1 t/m 12 zien) op
#: onderdeel 2", "Voor verzoekonderdeel 3 (zijn documenten 13-20 aangetroffen)".
_TIED_ITEM: Final = re.compile(
    r"\b(?:op|bij|onder|voor|over|betreffen|betreft)\s+(?:het\s+|uw\s+)?"
    r"(?:(?:verzoek)?onderdeel|deelverzoek|punt|vraag)\s+(?P<number>\d{1,2}[a-z]?)\b"
    r"(?!\s*(?:,|en|t/m|tot)\s*\d)"  # one item only: documents of several are not split
    r"(?!\s+(?:van|uit|in)\s+(?:dit|het|deze|mijn|ons)\s+(?:besluit|brief))",
    re.I,
)
#: Clause boundaries inside a sentence that ties several groups of documents to items.
_TIE_CLAUSES: Final = re.compile(
    r";|,\s*(?=(?:en\s+)?(?:de\s+)?(?:documenten?|stukken|stuk)\b)", re.I
)


def documents_per_item(
    sentences: Sequence[Sentence], documents: Sequence[InventoryDocument]
) -> dict[str, list[InventoryDocument]]:
    """Item number (lower case) → the inventory documents the letter ties to it: by an
    inventory column ("Onderdeel verzoek") or by a sentence ("Documenten 1 tot en met 12
    zien op onderdeel 2"). Documents tied to several items count for each."""
    tied: dict[str, list[InventoryDocument]] = {}

    def tie(item: str, document: InventoryDocument) -> None:
        if document not in tied.setdefault(item, []):
            tied[item].append(document)

    for document in documents:
        for item in document_items(document):
            tie(item, document)
    by_number = {d.number.lstrip("0") or "0": d for d in documents if d.number}
    for sentence in sentences:
        for clause in _TIE_CLAUSES.split(sentence.text):
            items = list(_TIED_ITEM.finditer(clause))
            if len(items) != 1:
                continue
            for named in named_document_numbers(clause):
                found = by_number.get(named.lstrip("0") or "0")
                if found is not None:
                    tie(items[0]["number"].lower(), found)
    return tied


def resolve_items(
    drafts: dict[str, ItemDraft], warnings: list[str], letter: LetterLevel
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
    for number in sorted(drafts, key=natural_key):
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
        outcomes = fold_outcomes(outcomes)
        tied = letter.item_documents.get(number.lower(), [])
        if tied and not all(decides_items(d) for d in tied):
            tied = []  # a document without a judgement: the item keeps what it says
        # Documents tied to the item by the letter win over all numbers its answer names
        # (the tying sentence may name other items' documents too).
        named = [] if tied else _named_documents(finding, letter.documents)
        inventory_disagrees = False
        if named:
            strong = [o for o in finding.outcomes if o not in finding.weak]
            worded = _DISCLOSURE & set(fold_outcomes(strong))
            listed = _DISCLOSURE & set(fold_outcomes(document_outcomes(named)))
            # "gedeeltelijk openbaar" in the words, "openbaar" on every row named: which is
            # right is for a person to see (the words are the decision, the rows its detail).
            inventory_disagrees = bool(worded) and bool(listed) and worded != listed
            # The answer names its documents ("Documenten 3 tot en met 7 betreffen ..."):
            # the inventory's judgements of those documents decide the item.
            kept = [o for o in outcomes if o in _BESIDE_DOCUMENTS]
            outcomes = fold_outcomes(document_outcomes(named) + kept)
            evidence.extend(
                Evidence(d.page or 1, f"inventory: document {d.number}: {d.judgement_text}")
                for d in named[:5]
            )
        elif tied:
            # The letter ties documents to this item (an inventory column "Onderdeel
            # verzoek", "documenten 1 t/m 12 zien op onderdeel 2"): their judgements decide
            # it, the grounds of those withheld and the links of those already public.
            kept = [o for o in outcomes if o in _BESIDE_DOCUMENTS]
            outcomes = fold_outcomes(document_outcomes(tied) + kept)
            withheld = [d for d in tied if _withheld(d)]
            cited = list(dict.fromkeys(g for d in withheld for g in d.grounds))
            if cited or not withheld:
                grounds = cited  # else the table has no grounds: the letter's stand
            for d in tied:
                if d.judgement == "already_public" and d.link:
                    reference = Reference("url", d.link)
                    if reference not in references:
                        references.append(reference)
            evidence.extend(
                Evidence(d.page or 1, f"inventory: document {d.number}: {d.judgement_text}")
                for d in tied[:5]
            )
        if draft.shared and letter.partial_decision and "deferred" in letter.considerations:
            # A deelbesluit that names the items it decides and says the rest is decided
            # in another partial decision: an item it does not name is deferred (flagged).
            outcomes = ["deferred"]
            evidence = letter.deferred_evidence or evidence
        matched_not_held = None
        if (letter.decided_as_whole or draft.shared) and len(drafts) > 1 and not tied:
            matched_not_held = _not_held_by_subject(number, drafts, letter.not_held_evidence)
        from_inventory = False
        if matched_not_held is not None:
            # "Er zijn geen documenten met de door u gevraagde informatie over <the item's
            # subject>": that part of a request decided as a whole is not held (flagged R13).
            outcomes = ["not_held"]
            evidence = [matched_not_held]
        elif letter.documents and (letter.decided_as_whole or draft.shared) and not tied:
            titled = _documents_by_title(draft.text or "", letter.documents)
            if titled:
                # The inventory row titled like the item decides it (documents are not
                # mapped to items by the letter): flagged.
                outcomes = fold_outcomes(document_outcomes(titled))
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
        if (
            outcomes == ["out_of_scope"]
            and "out_of_scope" in finding.weak
            and POINTED_REFERRAL in letter.considerations
        ):
            # "Uw verzoek valt niet onder de reikwijdte van de Wob" because, as the letter
            # says elsewhere, the documents are already public there: a referral.
            outcomes = ["referred"]
            evidence.extend(letter.reason_evidence)
        whole = (letter.decided_as_whole or draft.shared) and not tied
        if {"refused", "partly_granted"} & set(outcomes) and (whole or not grounds):
            grounds.extend(g for g in letter.grounds if g not in grounds)
        references = _whole_urls(references, finding, letter.urls)
        own_urls = [r for r in references if r.kind == "url"]
        if whole or ("referred" in outcomes and not own_urls):
            for url in letter.urls:
                reference = Reference("url", url)
                if reference not in references:
                    references.append(reference)
        references = _without_spliced_urls(references)
        facts = ItemFacts(
            number,
            tuple(outcomes),
            tuple(grounds),
            own_outcomes=tuple(
                outcomes
                if tied
                else fold_outcomes(list(finding.outcomes) + document_outcomes(named))
            ),
            letter_outcomes=tuple(letter.outcomes),
            layout=letter.layout,
            matched_by_topic=finding.matched_by_topic or matched_not_held is not None,
            # Documents the letter ties to the item decide it: no fallback, no whole.
            fallback=draft.shared and not tied,
            decided_as_whole=letter.decided_as_whole and not tied,
            separate_requests=letter.separate_requests,
            has_dictum=letter.has_dictum,
            partial_decision=letter.partial_decision,
            items_in_letter=len(drafts),
            considerations=letter.considerations,
            letter_grounds=tuple(letter.grounds),
            unresolved_reference=bool(missing) or number in in_cycle,
            unread_pages=letter.unread_pages,
            unread_in_body=letter.unread_in_body,
            from_inventory=from_inventory,
            inventory_disagrees=inventory_disagrees,
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


def _withheld(document: InventoryDocument) -> bool:
    return document.judgement in ("partly_public", "not_public")


#: Layouts in which an item has an answer section of its own.
_OWN_ANSWER_LAYOUTS: Final = frozenset({"headings", "second_list", "interleaved"})

#: Outcomes an item keeps beside the judgements of the documents its answer names.
_BESIDE_DOCUMENTS: Final = frozenset({"not_held", "deferred", "forwarded", "out_of_scope"})
#: How much of the documents is disclosed: what the words and the inventory rows must agree on.
_DISCLOSURE: Final = frozenset({"granted", "partly_granted", "refused"})


def _not_held_by_subject(
    number: str, drafts: dict[str, ItemDraft], sentences: Sequence[Evidence]
) -> Evidence | None:
    """The considerations' "no documents" sentence about this item's subject: it shares at
    least three subject words with this item's text and fewer than half as many with any
    other item's."""
    own = content_words(drafts[number].text or "")
    if len(own) < 3:
        return None
    for sentence in sentences:
        words = content_words(sentence.text)
        shared = len(words & own)
        if shared < 3:
            continue
        others = max(
            (len(words & content_words(d.text or "")) for n, d in drafts.items() if n != number),
            default=0,
        )
        if others * 2 < shared:
            return sentence
    return None


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
    if len(chosen) == len(documents) or not all(decides_items(d) for d in chosen):
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
    if not all(decides_items(d) for d in named):
        return []
    return named


#: The reasons that turn "uw verzoek af te wijzen" into an outcome other than a refusal.
_AFWIJZEN_REASONS: Final = frozenset({"not_held", "referred", "out_of_scope", "not_handled"})


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def _without_spliced_urls(references: list[Reference]) -> list[Reference]:
    """Drop a URL that is another of the item's URLs with text spliced into it: a margin
    line (the letter's kenmerk, "Pagina 2 van 6") read into a URL wrapped beside it."""
    urls = [r.value for r in references if r.kind == "url"]
    if len(urls) < 2 or len(urls) > 200:
        return references
    spliced = {a for a in urls for b in urls if a != b and _is_spliced(a, b)}
    return [r for r in references if not (r.kind == "url" and r.value in spliced)]


def _is_spliced(longer: str, shorter: str) -> bool:
    """Whether ``longer`` is ``shorter`` with one run of text inserted inside its path."""
    if len(longer) <= len(shorter):
        return False
    prefix = 0
    while prefix < len(shorter) and longer[prefix] == shorter[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < len(shorter) - prefix
        and longer[len(longer) - 1 - suffix] == shorter[len(shorter) - 1 - suffix]
    ):
        suffix += 1
    if prefix + suffix != len(shorter) or prefix < 12 or suffix < 8:
        return False
    # Whole path segments inserted ("/docs/" + "2020/" + "rapport.pdf") make another real
    # URL of the same site; text inside a segment ("controle-en-" + "Wob/2021/039" +
    # "handhaving") is a margin line read into the wrapped URL.
    inserted = longer[prefix : len(longer) - suffix]
    return not (longer[prefix - 1] == "/" and inserted.endswith("/"))


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


def unread_in_body(blank: Sequence[str], lines: Sequence[Line], layout: _Layout) -> bool:
    """Whether a page without text layer lies between the body's first and last page."""
    if not blank or not lines or layout.closing <= layout.body_start:
        return False
    first = lines[layout.body_start].page
    last = lines[min(layout.closing, len(lines)) - 1].page
    return any(first < int(page) <= last + 1 for page in blank) and any(
        line.page > int(page) for page in blank for line in lines[layout.closing :]
    )


def _points_somewhere(text: str) -> bool:
    """Whether a sentence names what is already public: a URL, documents or a decision."""
    return bool(urls_in(text) or phrases.EARLIER_DECISION.search(text))


def fold_outcomes(outcomes: list[str]) -> list[str]:
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
    for root in sorted(graph, key=natural_key):
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
    start = min(members, key=natural_key)
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
    return sorted(members, key=natural_key)  # unreachable for a strongly connected group
