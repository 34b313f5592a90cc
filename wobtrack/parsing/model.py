"""The parser's output: frozen dataclasses and their ``wobtrack parse --json`` form."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from wobtrack.contracts import (
    BezwaarClauseJSON,
    DictumJSON,
    EvidenceJSON,
    InventoryDocumentJSON,
    ParsedItemJSON,
    ParsedLetterJSON,
    ReferenceJSON,
)
from wobtrack.dates import iso_or_none

ReferenceKind = Literal["url", "decision", "document"]


@dataclass(frozen=True)
class Evidence:
    """A sentence of the letter that justifies an outcome, with its 1-based page."""

    page: int
    text: str

    def to_json(self) -> EvidenceJSON:
        """The contract form: ``{"page": N, "text": ...}``."""
        return {"page": self.page, "text": self.text}


@dataclass(frozen=True)
class Reference:
    """Already-public material an answer points to: a URL, an earlier decision, documents."""

    kind: ReferenceKind
    value: str

    def to_json(self) -> ReferenceJSON:
        """The contract form: ``{"kind": ..., "value": ...}``."""
        return {"kind": self.kind, "value": self.value}


@dataclass(frozen=True)
class ParsedItem:
    """One numbered item of the request and what the letter did with it."""

    number: str
    text: str | None = None
    outcomes: tuple[str, ...] = ()
    grounds: tuple[str, ...] = ()
    refers_to: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    needs_review: bool = False
    #: Why it needs review: (rule code, reason) pairs of the review policy.
    review: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> ParsedItemJSON:
        """The contract form of one item."""
        return {
            "number": self.number,
            "text": self.text,
            "outcomes": list(self.outcomes),
            "grounds": list(self.grounds),
            "refers_to": list(self.refers_to),
            "references": [ref.to_json() for ref in self.references],
            "evidence": [ev.to_json() for ev in self.evidence],
            "needs_review": self.needs_review,
            "review": [{"code": code, "reason": reason} for code, reason in self.review],
        }


@dataclass(frozen=True)
class Dictum:
    """The letter's "Besluit" section: its numbered parts (I, II, ...) or its one sentence."""

    parts: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()

    def to_json(self) -> DictumJSON:
        """The contract form: ``{"parts": [...], "evidence": [...]}``."""
        return {
            "parts": list(self.parts),
            "evidence": [ev.to_json() for ev in self.evidence],
        }


@dataclass(frozen=True)
class Bezwaar:
    """The rechtsmiddelenclausule: term in weeks, electronic filing, postal address."""

    weeks: int
    electronic_filing: bool | None = None
    address: str | None = None
    #: "bezwaar" for a first decision; "beroep" (at the rechtbank) for a beslissing op bezwaar.
    remedy: str = "bezwaar"

    def to_json(self) -> BezwaarClauseJSON:
        """The contract form of the bezwaar clause."""
        return {
            "weeks": self.weeks,
            "electronic_filing": self.electronic_filing,
            "address": self.address,
            "remedy": self.remedy,
        }


#: The judgements an inventory row can carry; ``None`` (with ``needs_review``) otherwise.
Judgement = Literal[
    "public",
    "partly_public",
    "not_public",
    "already_public",
    "suspended",
    "not_held",
    "out_of_scope",
    "duplicate",
]


@dataclass(frozen=True)
class InventoryDocument:
    """One row of an inventory list (inventarislijst): a document and its judgement."""

    number: str | None = None
    date: str | None = None
    title: str | None = None
    #: None when the table's wording is not known: never guessed, always ``needs_review``.
    judgement: Judgement | None = None
    #: The judgement cell as the table prints it (whitespace normalised).
    judgement_text: str | None = None
    grounds: tuple[str, ...] = ()
    link: str | None = None
    page: int | None = None
    needs_review: bool = False
    #: The request item(s) the table ties the document to (a column "Onderdeel verzoek"),
    #: as printed ("2", "1, 3"); None without such a column.
    item: str | None = None

    def to_json(self) -> InventoryDocumentJSON:
        """The contract form of one inventory row; ``item`` is added beside the contract's
        names only for a table with an item column (older outputs stay as they were)."""
        data: InventoryDocumentJSON = {
            "number": self.number,
            "date": self.date,
            "title": self.title,
            "judgement": self.judgement,
            "judgement_text": self.judgement_text,
            "grounds": list(self.grounds),
            "link": self.link,
            "page": self.page,
            "needs_review": self.needs_review,
        }
        if self.item is not None:
            data["item"] = self.item
        return data


@dataclass(frozen=True)
class ParsedLetter:
    """Everything the parser read from one decision letter."""

    pages: int
    regime: Literal["wob", "woo"] | None = None
    decision_date: date | None = None
    reference: str | None = None
    request_received: date | None = None
    items: tuple[ParsedItem, ...] = ()
    #: The date the request itself bears ("uw brief van ..."), when the letter gives it.
    request_date: date | None = None
    #: ``besluit``, ``deelbesluit`` or ``bezwaar`` (a beslissing op bezwaar).
    kind: str | None = None
    #: A verdaging the letter states: when it was sent, and the new last day.
    extended_on: date | None = None
    extended_to: date | None = None
    decision: Dictum | None = None
    bezwaar: Bezwaar | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    #: The rows of the inventory list(s) in the PDF, in order.
    documents: tuple[InventoryDocument, ...] = ()
    #: The 1-based pages whose text was read by OCR (``parse --ocr``).
    ocr_pages: tuple[int, ...] = ()
    #: The bestuursorgaan that decided, as the signature names it; None when unsure.
    authority: str | None = None
    #: The letter's "Betreft"/"Onderwerp" line.
    subject: str | None = None

    def item(self, number: str) -> ParsedItem:
        """The item with this number; KeyError if the letter has none."""
        for item in self.items:
            if item.number == number:
                return item
        raise KeyError(number)

    def to_json(self, file: str) -> ParsedLetterJSON:
        """The object ``wobtrack parse --json`` prints for ``file``; ``ocr_pages`` only when
        pages were read by OCR, so the output for letters with a text layer is unchanged."""
        data: ParsedLetterJSON = {
            "file": file,
            "pages": self.pages,
            "regime": self.regime,
            "decision_date": iso_or_none(self.decision_date),
            "reference": self.reference,
            "request_received": iso_or_none(self.request_received),
            "request_date": iso_or_none(self.request_date),
            "kind": self.kind,
            "extended_on": iso_or_none(self.extended_on),
            "extended_to": iso_or_none(self.extended_to),
            "items": [item.to_json() for item in self.items],
            "decision": self.decision.to_json() if self.decision is not None else None,
            "bezwaar": self.bezwaar.to_json() if self.bezwaar is not None else None,
            "warnings": list(self.warnings),
            "documents": [doc.to_json() for doc in self.documents],
            "authority": self.authority,
            "subject": self.subject,
        }
        if self.ocr_pages:
            data["ocr_pages"] = list(self.ocr_pages)
        return data
