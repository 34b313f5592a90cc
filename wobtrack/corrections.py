"""Correcting what an import or a person logged: decisions, items and outcome corrections.

Each function works inside the caller's transaction (it never commits), so a command that
calls one changes everything it says or nothing. Bad ids raise ``NotFound``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, defer, selectinload

from wobtrack.contracts import DecisionDetailsJSON, DecisionRowJSON, OutcomeProposalJSON
from wobtrack.decisions import FinalOutcome, final_outcome, get_decision
from wobtrack.documents import decision_documents
from wobtrack.errors import InvalidInput, NotFound
from wobtrack.models import Decision, Event, ItemOutcome, OutcomeCorrection, RequestItem
from wobtrack.serialize import decision_json
from wobtrack.tracker import get_request, lock_request


def list_decisions(session: Session, request_id: int | None = None) -> list[Decision]:
    """The decisions of one request (or of all), by request, then date, then id."""
    query = select(Decision).options(selectinload(Decision.outcomes), defer(Decision.parsed))
    if request_id is not None:
        get_request(session, request_id)  # NotFound for an unknown request
        query = query.where(Decision.request_id == request_id)
    return list(
        session.scalars(query.order_by(Decision.request_id, Decision.decision_date, Decision.id))
    )


def decision_row_json(decision: Decision) -> DecisionRowJSON:
    """A row of ``decision list --json``: ``serialize.decision_json`` plus the request's id
    and how many items the letter's outcomes cover."""
    return {
        **decision_json(decision),
        "request_id": decision.request_id,
        "item_count": len(decision.outcomes),
    }


def outcome_json(outcome: ItemOutcome) -> OutcomeProposalJSON:
    """The parser's proposal for one item of one decision (what ``decision show`` lists)."""
    return {
        "number": outcome.item.number,
        "text": outcome.item.text,
        "outcomes": list(outcome.outcomes),
        "grounds": list(outcome.grounds),
        "refers_to": list(outcome.refers_to),
        "references": list(outcome.references),
        "evidence": list(outcome.evidence),
        "needs_review": outcome.needs_review,
        "flags": list(outcome.flags),
    }


def decision_details(session: Session, decision_id: int) -> DecisionDetailsJSON:
    """``decision show --json``: the decision, its request, events, per-item proposals and
    its inventory documents."""
    decision = get_decision(session, decision_id)
    outcomes = sorted(decision.outcomes, key=lambda o: (o.item.position, o.item.id))
    events = session.scalars(
        select(Event).where(Event.decision_id == decision.id).order_by(Event.id)
    )
    return {
        **decision_row_json(decision),
        "events": [
            {"id": e.id, "kind": e.kind, "date": e.event_date.isoformat(), "note": e.note}
            for e in events
        ],
        "items": [outcome_json(outcome) for outcome in outcomes],
        "documents": decision_documents(session, decision),
    }


@dataclass(frozen=True)
class DeletedDecision:
    """What ``delete_decision`` removed."""

    decision_id: int
    request_id: int
    file_name: str | None
    events: int
    items: list[str]


def delete_decision(session: Session, decision_id: int) -> DeletedDecision:
    """Delete an imported decision with what its import added.

    Goes: its per-item outcomes, the events it recorded (the decision, a verdaging it
    stated) and the items it added to the request that nothing else refers to (no outcome
    of another decision, no correction). Stays: people's corrections (they no longer name
    the decision) and every item the request had before.
    """
    decision = get_decision(session, decision_id)
    request_id = decision.request_id
    lock_request(session, request_id)
    request = get_request(session, request_id)
    events = [e for e in request.events if e.decision_id == decision.id]
    added = [item for item in request.items if item.added_from_decision_id == decision.id]
    orphaned = [
        item
        for item in added
        if not item.corrections and all(o.decision_id == decision.id for o in item.outcomes)
    ]
    result = DeletedDecision(
        decision_id=decision_id,
        request_id=request_id,
        file_name=decision.file_name,
        events=len(events),
        items=[item.number for item in orphaned],
    )
    for event in events:
        request.events.remove(event)
    for item in orphaned:
        request.items.remove(item)
    request.decisions.remove(decision)
    session.flush()
    # The database set the decision's id to NULL in corrections and kept items (ON DELETE SET
    # NULL); objects already loaded would still show it.
    session.expire_all()
    return result


def get_item(session: Session, request_id: int, number: str) -> RequestItem:
    """The item numbered ``number`` ("3b", case and spacing ignored) of a request."""
    request = get_request(session, request_id)
    wanted = number.strip().lower()
    item = next((i for i in request.items if i.number == wanted), None)
    if item is None:
        known = ", ".join(i.number for i in request.items) or "none"
        raise NotFound(f"request {request_id} has no item {number!r} (items: {known})")
    return item


def edit_item(session: Session, request_id: int, number: str, text: str) -> RequestItem:
    """Replace an item's text (an empty text clears it)."""
    item = get_item(session, request_id, number)
    item.text = text.strip() or None
    session.flush()
    return item


def delete_item(session: Session, request_id: int, number: str) -> RequestItem:
    """Delete an item with its outcomes and corrections."""
    item = get_item(session, request_id, number)
    item.request.items.remove(item)
    session.flush()
    return item


@dataclass(frozen=True)
class ResetOutcome:
    """What ``reset_outcome`` did: how many corrections it dropped, and what counts now."""

    dropped: int
    final: FinalOutcome


def reset_outcome(session: Session, request_id: int, number: str) -> ResetOutcome:
    """Drop every person's correction of an item: the parser's outcome counts again."""
    item = get_item(session, request_id, number)
    if not item.corrections:
        raise InvalidInput(
            f"item {item.number} of request {request_id} has no correction to drop: its "
            "outcome is the parser's already"
        )
    dropped = len(item.corrections)
    session.execute(delete(OutcomeCorrection).where(OutcomeCorrection.item_id == item.id))
    session.expire(item, ["corrections"])
    session.flush()
    return ResetOutcome(dropped=dropped, final=final_outcome(item))
