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
from typing import Final

from wobtrack.deadlines.law import Regime
from wobtrack.parsing import header
from wobtrack.parsing.answers import AnswerContext, choose_answers
from wobtrack.parsing.document import (
    _GREETING,
    Line,
    LinkAnchorLike,
    Sentence,
    _sentences,
    place_link_anchors,
    split_lines,
)
from wobtrack.parsing.facts import (
    _bezwaar,
    _reference,
    _regime,
    _request_received,
)
from wobtrack.parsing.inventory import document_outcomes, read_inventory
from wobtrack.parsing.model import (
    Bezwaar,
    InventoryDocument,
    ParsedItem,
    ParsedLetter,
)
from wobtrack.parsing.pdftext import PageWords, PdfTable
from wobtrack.parsing.request_items import find_request_items
from wobtrack.parsing.resolve import (
    ItemDraft,
    documents_per_item,
    fold_outcomes,
    letter_level,
    natural_key,
    resolve_items,
    unread_in_body,
)
from wobtrack.parsing.skeleton import (
    ListEntry,
    _dictum,
    _entry_text,
    _Layout,
    _layout,
    find_lists,
)
from wobtrack.parsing.trace import Trace

#: Bump when a rule changes: stored decisions record which parser proposed their outcomes.
PARSER_VERSION: Final = "2.0.0"


# --- items -------------------------------------------------------------------------------------


def _quoted_items(entries: Sequence[ListEntry], answered: set[str]) -> dict[str, ItemDraft]:
    """Items from the quoted list; sub-items become items when the letter answers them."""
    drafts: dict[str, ItemDraft] = {}
    for entry in entries:
        label = entry.label
        sub_answered = [c for c in entry.children if f"{label}{c.label}" in answered]
        if sub_answered:
            if label in answered:
                drafts[label] = ItemDraft(label, _entry_text(entry))
            for child in entry.children:
                number = f"{label}{child.label}"
                drafts[number] = ItemDraft(number, _entry_text(child))
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
            drafts[label] = ItemDraft(label, text)
    return drafts


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
    signed_by, authority_warnings = header.authority(pages)
    subject = header.letter_subject(pages)

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
            subject=subject,
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
        unread_in_body=unread_in_body(blank, lines, layout),
        trace=trace,
        documents=documents,
    )
    if no_letter:
        warnings.append(
            "no letter structure found (no salutation, no decision): an inventory list?"
        )
    else:
        warnings.extend(authority_warnings)

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
        authority=signed_by,
        subject=subject,
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
                f"{what} item(s) " + ", ".join(sorted(choice.fallback, key=natural_key))
            )
    drafts: dict[str, ItemDraft] = {}
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
        numbers.sort(key=natural_key)
    for number in numbers:
        finding = choice.findings.get(number)
        draft = ItemDraft(number, texts.get(number) or None, finding, answered=finding is not None)
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
            + ", ".join(sorted(choice.fallback, key=natural_key))
            + "; they get the letter's overall decision and need review"
        )
    letter = letter_level(lines, layout, regime, links, dictum_sentences, request)
    letter.decided_as_whole = choice.chosen == "whole"
    letter.outcomes = fold_outcomes(list(choice.whole.outcomes))
    if choice.whole.from_considerations:
        letter.has_dictum = False
    letter.layout = choice.chosen
    letter.partial_decision = kind == "deelbesluit"
    letter.separate_requests = request.scheme == "requests"
    letter.unread_pages = unread_pages
    letter.unread_in_body = unread_in_body
    letter.document_outcomes = document_outcomes(documents)
    letter.documents = documents
    if documents:
        letter.item_documents = documents_per_item(
            _sentences(lines[layout.body_start :]), documents
        )
    for url in letter.repaired_urls:
        warnings.append(
            f"URL {url}: a gap in the printed link was read as '_' (a link underline hides "
            "underscores); check the link"
        )
    return resolve_items(drafts, warnings, letter)
