"""Stage "review policy": when an item's outcome must be checked by a person.

The policy is a table: each rule has a stable code, the reason shown to the user, and a
predicate over the facts the resolver collected for one item. An item is flagged
(``needs_review``) when any rule fires; ``wobtrack parse --explain`` lists the codes.
The aim: every wrong item flagged, right items left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Final

from wobtrack.parsing.model import ParsedItem

#: Outcome pairs that one answer cannot both be without saying more.
CONFLICTS: Final[tuple[frozenset[str], ...]] = tuple(
    frozenset(pair)
    for pair in (
        ("granted", "refused"),
        ("granted", "not_held"),
        ("partly_granted", "not_held"),
        ("refused", "not_held"),
        ("refused", "referred"),
        ("partly_granted", "refused"),
        ("granted", "deferred"),
        ("partly_granted", "deferred"),
        ("not_handled", "refused"),
        ("forwarded", "granted"),
        ("forwarded", "partly_granted"),
    )
)
#: Outcomes that considerations can prove for the whole request and a dictum may leave out.
CONSIDERATION_OUTCOMES: Final = frozenset(
    {"not_held", "referred", "deferred", "forwarded", "out_of_scope", "withdrawn", "not_handled"}
)
#: Of those, the ones that change an item's outcome when the dictum leaves them out.
#: "Already public" and "out of scope" are mostly the considerations' standard paragraphs
#: (measured: flagging on them marked 32 right items for each wrong one caught).
DISAGREEING_OUTCOMES: Final = frozenset(
    {"not_held", "deferred", "forwarded", "withdrawn", "not_handled", "out_of_scope"}
)
#: Marks considerations that point to something already public (a URL, documents, an
#: earlier decision): unlike the standard paragraph on public documents, it disagrees with
#: a dictum that does not refer.
POINTED_REFERRAL: Final = "referred:pointed"


@dataclass
class ItemFacts:
    """What the resolver knows about one item, for the review rules."""

    number: str
    outcomes: tuple[str, ...]
    grounds: tuple[str, ...]
    #: The outcomes of the item's own answer, before cross-references added others.
    own_outcomes: tuple[str, ...] = ()
    #: The item's answer is the letter's overall decision because no answer of its own was found.
    fallback: bool = False
    #: The letter decides the request as a whole (no per-item answers anywhere).
    decided_as_whole: bool = False
    #: The letter's overall decision came from decision wording (a dictum or decision sentence).
    has_dictum: bool = True
    #: The letter is a deelbesluit (another partial decision may cover some items).
    partial_decision: bool = False
    items_in_letter: int = 1
    #: Outcomes the considerations prove that the dictum does not state.
    considerations: frozenset[str] = field(default_factory=frozenset)
    #: Refusal grounds cited anywhere in the letter.
    letter_grounds: tuple[str, ...] = ()
    unresolved_reference: bool = False
    unanswered: bool = False
    #: Some pages have no text layer: an answer may stand on them unread.
    unread_pages: bool = False
    #: Such a page lies inside the letter's body, between its answers.
    unread_in_body: bool = False
    #: The outcome was added up from the inventory's judgements, not read from wording.
    from_inventory: bool = False
    #: What the letter decides for the request as a whole (its dictum), if anything.
    letter_outcomes: tuple[str, ...] = ()
    #: The answer layout the item's answer came from (headings, second_list, mentions ...).
    layout: str = ""
    #: The answer was matched to the item by subject words, not by number.
    matched_by_topic: bool = False
    #: The inventory rows the answer names add up to another outcome than its words.
    inventory_disagrees: bool = False
    #: A question answered in prose, read as granted without decision wording.
    answered_in_letter: bool = False
    #: The items are separate requests decided in one letter ("beide verzoeken").
    separate_requests: bool = False


@dataclass(frozen=True)
class ReviewRule:
    """One reason to flag an item."""

    code: str
    reason: str
    fires: Callable[[ItemFacts], bool]


def _conflicting(facts: ItemFacts) -> bool:
    # Outcomes inherited through "zie het antwoord onder 2" add up; the item's own answer
    # must not contradict itself.
    found = set(facts.own_outcomes or facts.outcomes)
    return len(found) >= 3 or any(pair <= found for pair in CONFLICTS)


REVIEW_RULES: Final[tuple[ReviewRule, ...]] = (
    ReviewRule("R01-no-outcome", "no rule matches the answer's wording", lambda f: not f.outcomes),
    ReviewRule(
        "R02-unanswered",
        "the item is quoted but no answer to it was found",
        lambda f: f.unanswered,
    ),
    ReviewRule(
        "R03-contradictory",
        "the answer names outcomes that contradict each other",
        _conflicting,
    ),
    ReviewRule(
        "R04-fallback",
        "no answer of its own: the letter's overall decision was applied",
        lambda f: f.fallback,
    ),
    ReviewRule(
        "R05-refusal-without-ground",
        "a refusal, but the letter cites no refusal ground (afwijzen may mean 'not held')",
        lambda f: "refused" in f.outcomes and not f.grounds and not f.letter_grounds,
    ),
    ReviewRule(
        "R06-considerations-disagree",
        "the considerations say more than the decision (e.g. not held, already public)",
        lambda f: (
            (f.decided_as_whole or f.fallback)
            and bool(
                (f.considerations & DISAGREEING_OUTCOMES) - set(f.outcomes)
                or (POINTED_REFERRAL in f.considerations and "referred" not in f.outcomes)
            )
        ),
    ),
    ReviewRule(
        "R07-partial-decision",
        "a deelbesluit decided as a whole: some items may belong to another partial decision",
        # Whether or not the letter says which part waits ("In dit deelbesluit ontvangt u
        # de communicatie van X" names the part it decides, not the items it leaves).
        lambda f: f.partial_decision and f.decided_as_whole and f.items_in_letter > 1,
    ),
    ReviewRule(
        "R08-no-decision-wording",
        "the letter has no decision section or decision sentence; outcome read from the text",
        lambda f: (f.decided_as_whole or f.fallback) and not f.has_dictum,
    ),
    ReviewRule(
        "R09-unresolved-reference",
        "the answer refers to another item that is missing or refers back in a cycle",
        lambda f: f.unresolved_reference,
    ),
    ReviewRule(
        "R10-unread-pages",
        "some pages have no text layer; an answer on them was not read (run OCR)",
        lambda f: (
            f.unread_in_body
            or (f.unread_pages and (f.decided_as_whole or f.fallback or not f.outcomes))
        ),
    ),
    ReviewRule(
        "R12-differs-from-decision",
        "the item's own answer discloses nothing, but the letter decides to disclose: check "
        "whether part of the item was disclosed",
        # Only for answers found by how the letter names an item: such a paragraph may
        # cover part of an item. Headings and numbered answers are the item's whole answer.
        lambda f: (
            f.layout == "mentions"
            and not f.fallback
            and bool({"granted", "partly_granted"} & set(f.letter_outcomes))
            and bool(f.outcomes)
            and not {"granted", "partly_granted"} & set(f.outcomes)
            and not {"forwarded", "deferred"} & set(f.outcomes)
            # A referral alone answers the item; "not held, see there" may be part of it.
            and set(f.outcomes) != {"referred"}
            # A refusal on cited grounds is a whole answer of its own.
            and not (set(f.outcomes) == {"refused"} and f.grounds)
        ),
    ),
    ReviewRule(
        "R16-requests-decided-together",
        "two separate requests get one decision: check what each request got",
        # Items of one list often share a decision; separate requests (other dates,
        # other subjects) seldom do, and the letter's dictum then mixes both answers.
        lambda f: f.separate_requests and f.decided_as_whole,
    ),
    ReviewRule(
        "R13-matched-by-topic",
        "the answer names no item number; it was matched to this item by its subject words",
        lambda f: f.matched_by_topic,
    ),
    ReviewRule(
        "R14-answered-in-letter",
        "a question answered in the letter's own words, read as granted: check the answer",
        lambda f: f.answered_in_letter,
    ),
    ReviewRule(
        "R17-inventory-disagrees",
        "the inventory's judgements of the documents the answer names add up to another "
        "outcome than the answer's words: check which is right",
        lambda f: f.inventory_disagrees,
    ),
    ReviewRule(
        "R11-from-inventory",
        "no decision wording: the outcome adds up the inventory's judgements per document",
        lambda f: f.from_inventory,
    ),
)


def review(facts: ItemFacts) -> list[ReviewRule]:
    """The rules that fire for one item (empty: no review needed)."""
    return [rule for rule in REVIEW_RULES if rule.fires(facts)]


#: Added to an item whose answer was read (partly) from OCR text (``parse --ocr``).
OCR_RULE: Final = ReviewRule(
    "R15-read-by-ocr",
    "the answer was read from OCR text, which may contain errors: check it against the scan",
    lambda f: f.unread_pages,
)


def flag_ocr_items(items: Sequence[ParsedItem], ocr_pages: Sequence[int]) -> tuple[ParsedItem, ...]:
    """Items whose evidence stands on an OCR'd page (or that have no evidence at all while
    pages were OCR'd) get ``needs_review`` with R15: OCR removes the "unread page" flag, so
    without this a misread page would give a silent outcome."""
    pages = set(ocr_pages)
    if not pages:
        return tuple(items)
    flagged: list[ParsedItem] = []
    for item in items:
        on_ocr = not item.evidence or any(e.page in pages for e in item.evidence)
        if on_ocr and OCR_RULE.code not in {code for code, _ in item.review}:
            item = replace(
                item,
                needs_review=True,
                review=(*item.review, (OCR_RULE.code, OCR_RULE.reason)),
            )
        flagged.append(item)
    return tuple(flagged)
