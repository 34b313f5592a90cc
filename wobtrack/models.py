"""The database schema as SQLAlchemy 2.x typed mappings.

Schema changes happen only through Alembic revisions in ``migrations/``; a test checks that
these models and the migrations agree (``alembic check``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
    select,
)
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    column_property,
    mapped_column,
    relationship,
    validates,
)

from wobtrack.names import name_key
from wobtrack.vocab import JUDGEMENTS

#: Constraint names are explicit so that migrations can refer to them on every backend
#: (SQLite batch mode needs named constraints to alter them).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with the naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _name_key_default(context: DefaultExecutionContext) -> str:
    # Core inserts (the JSON import) give only the name; the key follows from it.
    parameters = context.get_current_parameters()  # type: ignore[no-untyped-call]
    return name_key(parameters["name"])


class Authority(Base):
    """A bestuursorgaan that receives requests, e.g. "Politie, Landelijke Eenheid"."""

    __tablename__ = "authorities"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    #: ``names.name_key(name)``: names that differ only in case, accents or spacing share it,
    #: so they cannot become two authorities. Filled from ``name`` on every insert.
    name_key: Mapped[str] = mapped_column(Text, unique=True, default=_name_key_default)

    requests: Mapped[list[Request]] = relationship(back_populates="authority")

    @validates("name")
    def _keep_key(self, _field: str, name: str) -> str:
        # A rename through the ORM keeps the key in step with the name.
        self.name_key = name_key(name)
        return name


class Request(Base):
    """One Wob/Woo request to one authority."""

    __tablename__ = "requests"
    __table_args__ = (
        CheckConstraint("regime IN ('wob', 'woo')", name="regime"),
        CheckConstraint("length(subject) > 0", name="subject_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    authority_id: Mapped[int] = mapped_column(
        ForeignKey("authorities.id", ondelete="RESTRICT"), index=True
    )
    subject: Mapped[str] = mapped_column(Text)
    #: "wob" or "woo"; derived from the receipt date when the user does not give it.
    regime: Mapped[str] = mapped_column(String(3))
    #: Whether the regime was given by the user (True) or derived from the dates (False).
    regime_explicit: Mapped[bool] = mapped_column(Boolean, default=False)
    reference: Mapped[str | None] = mapped_column(String(200))  # the authority's kenmerk
    sent_on: Mapped[date | None] = mapped_column(Date)
    received_on: Mapped[date | None] = mapped_column(Date)
    #: Whether the authority has an advisory committee for bezwaar (Awb 7:13: 12 weeks).
    bezwaar_committee: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    authority: Mapped[Authority] = relationship(back_populates="requests")
    items: Mapped[list[RequestItem]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="RequestItem.position"
    )
    events: Mapped[list[Event]] = relationship(
        back_populates="request",
        cascade="all, delete-orphan",
        order_by="(Event.event_date, Event.id)",
    )
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="request",
        cascade="all, delete-orphan",
        order_by="(Decision.decision_date, Decision.id)",
    )
    tags: Mapped[list[RequestTag]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="RequestTag.tag"
    )


class RequestTag(Base):
    """A researcher's label on a request ("stikstof", "follow-up"), stored in lower case."""

    __tablename__ = "request_tags"
    __table_args__ = (
        UniqueConstraint("request_id", "tag"),
        CheckConstraint("length(tag) > 0", name="tag_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"))
    tag: Mapped[str] = mapped_column(String(60), index=True)

    request: Mapped[Request] = relationship(back_populates="tags")


class RequestItem(Base):
    """A numbered part of a request (verzoekonderdeel). Numbers are strings: "1", "3b"."""

    __tablename__ = "request_items"
    __table_args__ = (UniqueConstraint("request_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(20))
    text: Mapped[str | None] = mapped_column(Text)
    #: Order of the items as the request lists them.
    position: Mapped[int] = mapped_column(Integer)
    #: Set when the item was found in a decision letter but was not logged with the request.
    added_from_decision_id: Mapped[int | None] = mapped_column(
        ForeignKey("decisions.id", ondelete="SET NULL"), index=True
    )

    request: Mapped[Request] = relationship(back_populates="items")
    outcomes: Mapped[list[ItemOutcome]] = relationship(
        back_populates="item", cascade="all, delete-orphan"
    )
    corrections: Mapped[list[OutcomeCorrection]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="OutcomeCorrection.id"
    )


class Event(Base):
    """A dated step in a request's timeline; ``kind`` is one of ``vocab.EVENT_KINDS``."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(40))
    event_date: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    decision_id: Mapped[int | None] = mapped_column(
        ForeignKey("decisions.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    request: Mapped[Request] = relationship(back_populates="events")
    decision: Mapped[Decision | None] = relationship()


class DecisionDocument(Base):
    """One document of a decision's inventory list (inventarislijst), as the parser read it:
    from an inventory annexed to the letter (``decision_file_id`` null) or from an inventory
    sent as a file of its own (``decision_files``).

    The decision's stored parser output keeps the rows as read too (``parsed["documents"]``);
    these rows are what the tracker counts, lists and exports.
    """

    __tablename__ = "decision_documents"
    __table_args__ = (
        UniqueConstraint("decision_id", "position"),
        CheckConstraint(
            "judgement IS NULL OR judgement IN ("
            + ", ".join(f"'{judgement}'" for judgement in JUDGEMENTS)
            + ")",
            name="judgement",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id", ondelete="CASCADE"))
    #: The inventory file the row comes from; null for an inventory annexed to the letter.
    decision_file_id: Mapped[int | None] = mapped_column(
        ForeignKey("decision_files.id", ondelete="CASCADE"), index=True
    )
    #: Order within the decision: the letter's annex first, then each inventory file.
    position: Mapped[int] = mapped_column(Integer)
    #: The document's number as the list prints it ("12", "12.a", "NL-0042").
    number: Mapped[str | None] = mapped_column(Text)
    #: Its date: ISO (YYYY-MM-DD) when the list gives a full date, else as printed ("mei 2015").
    document_date: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    #: One of ``vocab.JUDGEMENTS``; null when the list's wording is not known (needs_review).
    judgement: Mapped[str | None] = mapped_column(String(20))
    #: The judgement cell as the list prints it.
    judgement_text: Mapped[str | None] = mapped_column(Text)
    grounds: Mapped[list[Any]] = mapped_column(JSON, default=list)
    link: Mapped[str | None] = mapped_column(Text)
    #: The 1-based page of the PDF the row is on.
    page: Mapped[int | None] = mapped_column(Integer)
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Disclosure opgeschort: held back for third parties (Woo 4.4 lid 5); the tracker reminds
    #: of the day it may be made public.
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)

    decision: Mapped[Decision] = relationship(back_populates="documents")


class Decision(Base):
    """A decision letter on a request: besluit, deelbesluit or beslissing op bezwaar."""

    __tablename__ = "decisions"
    __table_args__ = (
        UniqueConstraint("request_id", "file_sha256"),
        CheckConstraint("kind IN ('besluit', 'deelbesluit', 'bezwaar')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    decision_date: Mapped[date | None] = mapped_column(Date)
    #: Awb 3:41: the dispatch date; the letter's date unless the user says otherwise.
    bekendmaking_on: Mapped[date | None] = mapped_column(Date)
    reference: Mapped[str | None] = mapped_column(String(200))
    file_name: Mapped[str | None] = mapped_column(String(500))
    #: Indexed: ``wobtrack import`` looks every file up by its hash, whatever its request.
    file_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    pages: Mapped[int | None] = mapped_column(Integer)
    parser_version: Mapped[str | None] = mapped_column(String(40))
    bezwaar_weeks: Mapped[int | None] = mapped_column(Integer)
    electronic_filing: Mapped[bool | None] = mapped_column(Boolean)
    bezwaar_address: Mapped[str | None] = mapped_column(Text)
    #: The parser's full output for this letter (the ``wobtrack parse --json`` object).
    parsed: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    imported_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )

    request: Mapped[Request] = relationship(back_populates="decisions")
    outcomes: Mapped[list[ItemOutcome]] = relationship(
        back_populates="decision", cascade="all, delete-orphan"
    )
    files: Mapped[list[DecisionFile]] = relationship(
        back_populates="decision", cascade="all, delete-orphan", order_by="DecisionFile.id"
    )
    documents: Mapped[list[DecisionDocument]] = relationship(
        back_populates="decision",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="DecisionDocument.position",
    )
    #: How many of its documents are suspended (read with the decision, one subquery).
    suspended_documents: Mapped[int] = column_property(
        select(func.count(DecisionDocument.id))
        .where(DecisionDocument.decision_id == id, DecisionDocument.suspended.is_(True))
        .correlate_except(DecisionDocument)
        .scalar_subquery()
    )


class DecisionFile(Base):
    """A file that belongs to a decision besides its letter: an inventory list (inventaris)
    sent as a separate PDF, with the parser's output for it."""

    __tablename__ = "decision_files"
    __table_args__ = (
        UniqueConstraint("decision_id", "file_sha256"),
        CheckConstraint("role IN ('inventory')", name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))
    file_name: Mapped[str] = mapped_column(String(500))
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    pages: Mapped[int | None] = mapped_column(Integer)
    parser_version: Mapped[str | None] = mapped_column(String(40))
    #: The parser's output for the file (its ``documents`` are the inventory rows).
    parsed: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    imported_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )

    decision: Mapped[Decision] = relationship(back_populates="files")


class ItemOutcome(Base):
    """The parser's proposal for one item in one decision (a person's correction wins)."""

    __tablename__ = "item_outcomes"
    __table_args__ = (UniqueConstraint("decision_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(
        ForeignKey("request_items.id", ondelete="CASCADE"), index=True
    )
    outcomes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    grounds: Mapped[list[Any]] = mapped_column(JSON, default=list)
    refers_to: Mapped[list[Any]] = mapped_column(JSON, default=list)
    references: Mapped[list[Any]] = mapped_column(JSON, default=list)
    evidence: Mapped[list[Any]] = mapped_column(JSON, default=list)
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Why the item needs attention beyond the parser's own doubt (e.g. "not in the letter").
    flags: Mapped[list[Any]] = mapped_column(JSON, default=list)

    decision: Mapped[Decision] = relationship(back_populates="outcomes")
    item: Mapped[RequestItem] = relationship(back_populates="outcomes")


class OutcomeCorrection(Base):
    """A person's correction of an item's outcome; the newest one wins over the parser."""

    __tablename__ = "outcome_corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("request_items.id", ondelete="CASCADE"), index=True
    )
    decision_id: Mapped[int | None] = mapped_column(
        ForeignKey("decisions.id", ondelete="SET NULL"), index=True
    )
    outcomes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    grounds: Mapped[list[Any]] = mapped_column(JSON, default=list)
    #: Where the answer points (``[{"kind": "url", "value": ...}]``); None keeps the parser's.
    references: Mapped[list[Any] | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    item: Mapped[RequestItem] = relationship(back_populates="corrections")
