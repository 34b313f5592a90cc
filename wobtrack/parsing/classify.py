"""Stage "classify": one answer's sentences to outcomes, grounds, references and
cross-references (phrase rules in ``phrases.py`` / ``rules/*.toml``)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

from wobtrack.deadlines.law import Regime
from wobtrack.parsing import phrases
from wobtrack.parsing.document import (
    _DIGIT,
    Sentence,
    _decisions,
    _document_numbers,
    expand_numbers,
    urls_in,
)
from wobtrack.parsing.grounds import find_grounds
from wobtrack.parsing.model import (
    Evidence,
    Reference,
)

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
    #: Outcomes resting only on weak wording ("uw verzoek af te wijzen" without its reason).
    weak: set[str] = field(default_factory=set)
    #: The answer was matched to its item by subject words, not by the item's number.
    matched_by_topic: bool = False
    #: Read from the letter's considerations because it has no decision wording.
    from_considerations: bool = False

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
    strong, weak = sentence_outcome_strength(text)
    return strong or weak


def sentence_outcome_strength(text: str) -> tuple[list[str], list[str]]:
    """(strong, weak) outcomes of one sentence; weak ones count only without strong ones."""
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
    return strong, weak


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


#: "Twee documenten zijn reeds openbaar", "Document 15 is reeds openbaar": a sentence whose
#: subject is some of the documents found.
_SOME_DOCUMENTS_SUBJECT: Final = re.compile(
    r"^\W*(?:(?:een aantal|enkele|sommige|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|\d{1,3})"
    r"\s+(?:van\s+(?:de|deze)\s+)?(?:documenten|stukken)\b"
    r"|(?:het\s+|de\s+)?(?:document|documenten)\s+(?:met\s+)?(?:(?:nummers?|nrs?\.?)\s*)?\d)",
    re.I,
)


#: "Op de inventarislijst heb ik ... 'reeds openbaar' vermeld": per document, in the list.
_INVENTORY_COLUMN: Final = re.compile(r"\binventari\w*lijst\b", re.I)


def _fold_unpointed_referrals(finding: Finding) -> None:
    """Some of the documents already public, said in passing in a disclosure that names no
    place ("Twee documenten zijn reeds openbaar, vandaar dat ik die niet beoordeeld heb"):
    those documents are part of the per-document decision, not a referral of the item."""
    referrals = finding.outcomes.get("referred")
    if (
        not referrals
        or not {"granted", "partly_granted"} & set(finding.outcomes)
        or any(r.kind in ("url", "decision") for r in finding.references)
    ):
        return
    if all(
        (_SOME_DOCUMENTS_SUBJECT.search(e.text) or _INVENTORY_COLUMN.search(e.text))
        # "Zie de inventarislijst voor de vindplaats": the letter does point somewhere
        and not phrases.REFERRAL_VERBS.search(e.text)
        for e in referrals
    ):
        del finding.outcomes["referred"]
        finding.weak.discard("referred")


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
        if outcomes == ["granted"] and [n for n in cross_references(text) if n not in own_numbers]:
            # "... treft u aan in de documenten die voor onderdeel 4 zijn geïnventariseerd":
            # the finding verb only locates the answer; item 4's outcome is this item's.
            outcomes = []
        urls = urls_in(text, links)
        pointing = bool(phrases.REFERRAL_VERBS.search(text))
        decisions = _decisions(text) if pointing or "referred" in outcomes else []
        if (urls or decisions) and pointing and "referred" not in outcomes:
            outcomes.append("referred")
        strong, _ = sentence_outcome_strength(text)
        for outcome in outcomes:
            if outcome not in strong and outcome not in finding.outcomes:
                finding.weak.add(outcome)
            elif outcome in strong:
                finding.weak.discard(outcome)
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
    _fold_unpointed_referrals(finding)
    if {"refused", "partly_granted"} & set(finding.outcomes):
        for sentence, codes in ground_sentences:
            finding.grounds.extend(c for c in codes if c not in finding.grounds)
            finding.add_evidence(sentence)
    return finding
