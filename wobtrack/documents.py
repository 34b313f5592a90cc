"""The documents of decisions' inventory lists in the tracker: storing, counting, reviewing.

The parser reads an inventory list (inventarislijst) into ``documents`` (the ``parse
--json`` contract: number, date, title, judgement, judgement_text, grounds, link, page,
needs_review). Each becomes a ``DecisionDocument`` row of its decision: from the letter's
own annex, or from an inventory sent as a PDF of its own (a ``DecisionFile``).

A judgement that is not one of ``vocab.JUDGEMENTS`` is stored as null with
``needs_review`` and its wording kept in ``judgement_text``: never defaulted to "not
public". A document whose disclosure is suspended (opgeschort, for a third party's
remedies) is flagged ``suspended``; the deadline engine gives its decision the day it may
be made public (``deadlines.terms.third_party_disclosure``, Woo 4.4 lid 5).

Every reader here is set-based: one query over the documents (joined with their decisions
and requests), never a lazy load per request.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wobtrack.contracts import (
    DocumentCountsJSON,
    DocumentJSON,
    RequestDocumentsJSON,
    ReviewDocumentJSON,
)
from wobtrack.models import Authority, Decision, DecisionDocument, DecisionFile, Request
from wobtrack.safetext import strip_pdf_controls_deep
from wobtrack.vocab import JUDGEMENTS

if TYPE_CHECKING:
    from wobtrack.decisions import LetterRead

#: The key under which documents without a known judgement are counted.
UNKNOWN: Final = "unknown"
#: Grounds listed per authority in ``summary`` (the most cited first).
TOP_GROUNDS: Final = 5
#: Rows fetched at a time by the streaming readers.
CHUNK_ROWS: Final = 2000


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def document_values(document: dict[str, Any]) -> dict[str, Any]:
    """The stored columns of one parsed document (a ``parse --json`` "documents" element).

    A judgement outside ``JUDGEMENTS`` becomes null with ``needs_review`` (its text kept in
    ``judgement_text``); ``suspended`` is set for the judgement "suspended" (or a parser
    that says ``"suspended": true`` of a document with another judgement).
    """
    raw = document.get("judgement")
    known = raw in JUDGEMENTS
    grounds = document.get("grounds")
    page = document.get("page")
    return {
        "number": _text(document.get("number")),
        "document_date": _text(document.get("date")),
        "title": _text(document.get("title")),
        "judgement": raw if known else None,
        "judgement_text": _text(document.get("judgement_text")) or (_text(raw) if raw else None),
        "grounds": [str(g) for g in grounds] if isinstance(grounds, list) else [],
        "link": _text(document.get("link")),
        "page": page if isinstance(page, int) and not isinstance(page, bool) else None,
        "needs_review": bool(document.get("needs_review")) or not known,
        "suspended": raw == "suspended" or document.get("suspended") is True,
    }


def _next_position(session: Session, decision: Decision) -> int:
    session.flush()
    highest = session.scalar(
        select(func.max(DecisionDocument.position)).where(
            DecisionDocument.decision_id == decision.id
        )
    )
    return (highest or 0) + 1


def store_documents(
    session: Session,
    decision: Decision,
    documents: Iterable[Any],
    *,
    source: DecisionFile | None = None,
) -> list[DecisionDocument]:
    """Store parsed documents as rows of ``decision`` (after the ones it has), from the
    letter's annex or from the inventory file ``source``. Elements that are not objects
    are skipped (a hand-edited export, not the parser)."""
    position = _next_position(session, decision)
    stored: list[DecisionDocument] = []
    for document in documents:
        if not isinstance(document, dict):
            continue
        row = DecisionDocument(position=position, **document_values(document))
        if source is not None:
            row.decision_file_id = source.id
        decision.documents.append(row)
        stored.append(row)
        position += 1
    session.flush()
    # Counted by a subquery when the decision is read: read it again when next needed.
    session.expire(decision, ["suspended_documents"])
    return stored


def attach_inventory(
    session: Session, decision: Decision, inventory: LetterRead
) -> tuple[DecisionFile, list[DecisionDocument]]:
    """Attach an inventory list read from its own PDF to ``decision``, with its documents.

    Idempotent per file: an inventory attached before (same SHA-256) is returned as it is.
    """
    for known in decision.files:
        if known.file_sha256 == inventory.sha256:
            rows = [d for d in decision.documents if d.decision_file_id == known.id]
            return known, rows
    parsed = strip_pdf_controls_deep(inventory.parsed)  # no NUL or escapes stored
    file = DecisionFile(
        role="inventory",
        file_name=inventory.path.name,
        file_sha256=inventory.sha256,
        pages=parsed.get("pages"),
        parser_version=inventory.parser_version,
        parsed=parsed,
    )
    decision.files.append(file)
    session.flush()
    return file, store_documents(session, decision, parsed.get("documents") or [], source=file)


def documents_from_parsed(session: Session) -> int:
    """Store the documents kept in every decision's and inventory file's parser output, for
    decisions that have no document rows yet (an export made before documents were rows).
    Returns the number of rows stored."""
    with_rows = set(session.scalars(select(DecisionDocument.decision_id).distinct()))
    count = 0
    for decision in session.scalars(select(Decision).order_by(Decision.id)):
        if decision.id in with_rows:
            continue
        annexed = (decision.parsed or {}).get("documents") or []
        count += len(store_documents(session, decision, annexed))
        for file in decision.files:
            documents = (file.parsed or {}).get("documents") or []
            count += len(store_documents(session, decision, documents, source=file))
    return count


def document_json(row: DecisionDocument, file: str | None) -> DocumentJSON:
    """One stored document in the ``parse --json`` contract's names, plus ``suspended`` and
    the ``file`` it was read from."""
    return {
        "number": row.number,
        "date": row.document_date,
        "title": row.title,
        "judgement": row.judgement,
        "judgement_text": row.judgement_text,
        "grounds": list(row.grounds or []),
        "link": row.link,
        "page": row.page,
        "needs_review": row.needs_review,
        "suspended": row.suspended,
        "file": file,
    }


def decision_documents(session: Session, decision: Decision) -> list[DocumentJSON]:
    """A decision's documents in order (``document_json``), in one query."""
    names = {file.id: file.file_name for file in decision.files}
    rows = session.scalars(
        select(DecisionDocument)
        .where(DecisionDocument.decision_id == decision.id)
        .order_by(DecisionDocument.position)
    )
    return [
        document_json(
            row,
            names.get(row.decision_file_id) if row.decision_file_id else decision.file_name,
        )
        for row in rows
    ]


# --------------------------------------------------------------------------- counting


@dataclass
class DocumentCounts:
    """Documents counted per judgement, with the grounds they cite."""

    total: int = 0
    judgements: Counter[str] = field(default_factory=Counter)
    grounds: Counter[str] = field(default_factory=Counter)
    needs_review: int = 0
    suspended: int = 0

    def add(self, judgement: str | None, grounds: Sequence[Any], review: bool, held: bool) -> None:
        """Count one document."""
        self.total += 1
        self.judgements[judgement or UNKNOWN] += 1
        self.grounds.update(dict.fromkeys((str(g) for g in grounds or ()), 1))
        self.needs_review += bool(review)
        self.suspended += bool(held)

    def top_grounds(self, limit: int | None = None) -> list[tuple[str, int]]:
        """The grounds cited, most documents first (then by code)."""
        ranked = sorted(self.grounds.items(), key=lambda item: (-item[1], item[0]))
        return ranked if limit is None else ranked[:limit]

    def to_json(self, *, top: int | None = None) -> DocumentCountsJSON:
        """``{"total", "judgements": {every judgement and "unknown": count}, "grounds":
        [{"ground", "documents"}], "needs_review", "suspended"}``."""
        return {
            "total": self.total,
            "judgements": {key: self.judgements.get(key, 0) for key in (*JUDGEMENTS, UNKNOWN)},
            "grounds": [
                {"ground": ground, "documents": count} for ground, count in self.top_grounds(top)
            ],
            "needs_review": self.needs_review,
            "suspended": self.suspended,
        }

    def judgement_text(self) -> str:
        """ "public 2, partly_public 9, not_public 4" (only judgements that occur)."""
        return ", ".join(
            f"{key} {self.judgements[key]}"
            for key in (*JUDGEMENTS, UNKNOWN)
            if self.judgements.get(key)
        )

    def grounds_text(self, limit: int | None = None) -> str:
        """ "5.1.2e (7), 5.2 (3)": the grounds with the number of documents citing each."""
        return ", ".join(f"{ground} ({count})" for ground, count in self.top_grounds(limit))


def count_documents(rows: Iterable[DecisionDocument]) -> DocumentCounts:
    """Stored documents counted (e.g. those one import stored)."""
    counts = DocumentCounts()
    for row in rows:
        counts.add(row.judgement, row.grounds, row.needs_review, row.suspended)
    return counts


def _counted_columns() -> tuple[Any, ...]:
    return (
        DecisionDocument.judgement,
        DecisionDocument.grounds,
        DecisionDocument.needs_review,
        DecisionDocument.suspended,
    )


@dataclass
class RequestDocuments:
    """A request's documents counted, in all and per decision."""

    counts: DocumentCounts
    by_decision: dict[int, DocumentCounts]

    def to_json(self) -> RequestDocumentsJSON:
        """``request show --json`` "documents": the counts, and per decision."""
        return {
            **self.counts.to_json(),
            "decisions": [
                {"decision_id": decision_id, **counts.to_json()}
                for decision_id, counts in self.by_decision.items()
            ],
        }


def request_documents(session: Session, request_id: int) -> RequestDocuments:
    """The documents of every decision of one request, counted (one query)."""
    counts = DocumentCounts()
    by_decision: dict[int, DocumentCounts] = {}
    rows = session.execute(
        select(DecisionDocument.decision_id, *_counted_columns())
        .join(Decision, Decision.id == DecisionDocument.decision_id)
        .where(Decision.request_id == request_id)
        .order_by(DecisionDocument.decision_id, DecisionDocument.position)
    )
    for decision_id, judgement, grounds, review, held in rows:
        counts.add(judgement, grounds, review, held)
        by_decision.setdefault(decision_id, DocumentCounts()).add(judgement, grounds, review, held)
    return RequestDocuments(counts, by_decision)


def authority_documents(session: Session) -> dict[str, DocumentCounts]:
    """Per authority (by name), its requests' documents counted (one streamed query)."""
    found: dict[str, DocumentCounts] = {}
    rows = session.execute(
        select(Authority.name, *_counted_columns())
        .join(Decision, Decision.id == DecisionDocument.decision_id)
        .join(Request, Request.id == Decision.request_id)
        .join(Authority, Authority.id == Request.authority_id),
        execution_options={"yield_per": CHUNK_ROWS},
    )
    for authority, judgement, grounds, review, held in rows:
        found.setdefault(authority, DocumentCounts()).add(judgement, grounds, review, held)
    return found


# --------------------------------------------------------------------------- review


@dataclass(frozen=True)
class DocumentReview:
    """A document whose judgement a person should check (unknown wording, parser doubt)."""

    request_id: int
    authority: str
    decision_id: int
    file: str | None
    number: str | None
    title: str | None
    judgement: str | None
    judgement_text: str | None
    grounds: tuple[str, ...]
    page: int | None

    def to_json(self) -> ReviewDocumentJSON:
        """One ``review --json`` row of kind "document".

        It also carries the keys of an item row (``outcomes`` empty, ``flags`` saying why),
        so that a reader of item rows does not break on it; ``number`` is the document's.
        """
        return {
            "kind": "document",
            "request_id": self.request_id,
            "authority": self.authority,
            "decision_id": self.decision_id,
            "file": self.file,
            "number": self.number,
            "text": self.title,
            "judgement": self.judgement,
            "judgement_text": self.judgement_text,
            "page": self.page,
            "outcomes": [],
            "grounds": list(self.grounds),
            "refers_to": [],
            "references": [],
            "evidence": [],
            "needs_review": True,
            "flags": [self.reason],
            "source": "parser",
            "note": None,
        }

    @property
    def reason(self) -> str:
        """Why the document is listed."""
        if self.judgement is None:
            shown = f"'{self.judgement_text}'" if self.judgement_text else "none"
            return f"judgement not known: {shown} (stored as unknown, not as not public)"
        return f"the parser is unsure of the judgement {self.judgement}"


def documents_to_review(session: Session) -> Iterator[DocumentReview]:
    """Every stored document that needs review, by request, decision and position."""
    rows = session.execute(
        select(
            Decision.request_id,
            Authority.name,
            DecisionDocument.decision_id,
            func.coalesce(DecisionFile.file_name, Decision.file_name),
            DecisionDocument.number,
            DecisionDocument.title,
            DecisionDocument.judgement,
            DecisionDocument.judgement_text,
            DecisionDocument.grounds,
            DecisionDocument.page,
        )
        .join(Decision, Decision.id == DecisionDocument.decision_id)
        .join(Request, Request.id == Decision.request_id)
        .join(Authority, Authority.id == Request.authority_id)
        .outerjoin(DecisionFile, DecisionFile.id == DecisionDocument.decision_file_id)
        .where(DecisionDocument.needs_review.is_(True))
        .order_by(Decision.request_id, DecisionDocument.decision_id, DecisionDocument.position),
        execution_options={"yield_per": CHUNK_ROWS},
    )
    for row in rows:
        (request_id, authority, decision_id, file, number, title, judgement, said) = row[:8]
        yield DocumentReview(
            request_id,
            authority,
            decision_id,
            file,
            number,
            title,
            judgement,
            said,
            tuple(str(g) for g in row[8] or ()),
            row[9],
        )


__all__ = [
    "UNKNOWN",
    "DocumentCounts",
    "DocumentReview",
    "RequestDocuments",
    "attach_inventory",
    "authority_documents",
    "count_documents",
    "decision_documents",
    "document_json",
    "document_values",
    "documents_from_parsed",
    "documents_to_review",
    "request_documents",
    "store_documents",
]
