"""A tracked request's state and deadlines: database rows in, ``derive_status`` out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from wobtrack.deadlines.status import (
    DecisionFact,
    EventFact,
    RequestFacts,
    RequestStatus,
    TrackedDeadline,
    derive_status,
)
from wobtrack.models import Request
from wobtrack.tracker import list_requests

#: Decisions that (also) answer the request; a decision on bezwaar is an event of its own.
_DECISION_EVENT_KINDS = {"decision", "bezwaar_decided"}


def request_facts(request: Request) -> RequestFacts:
    """The legal facts of a request, as the pure deadline engine needs them."""
    imported_events = {d.id for d in request.decisions}
    events = tuple(
        EventFact(kind=event.kind, on=event.event_date, event_id=event.id)
        for event in request.events
        # An imported decision is passed as a DecisionFact below; its "decision" event
        # would count it twice.
        if not (event.kind in _DECISION_EVENT_KINDS and event.decision_id in imported_events)
    )
    decisions = tuple(
        DecisionFact(
            decision_id=decision.id,
            kind=decision.kind,
            decision_date=decision.decision_date,
            bekendmaking=decision.bekendmaking_on,
            reference=decision.reference,
            electronic_filing=decision.electronic_filing,
            bezwaar_address=decision.bezwaar_address,
        )
        for decision in request.decisions
    )
    return RequestFacts(
        regime=request.regime,
        received=request.received_on,
        events=events,
        decisions=decisions,
        bezwaar_committee=request.bezwaar_committee,
    )


def request_status(request: Request, today: date) -> RequestStatus:
    """The request's state and the deadlines that apply on ``today``."""
    return derive_status(request_facts(request), today)


@dataclass(frozen=True)
class OpenDeadline:
    """One open deadline of one request, for ``deadlines``, ``remind`` and calendars."""

    request: Request
    deadline: TrackedDeadline


def open_deadlines(
    session: Session, today: date, within_days: int | None = None
) -> list[OpenDeadline]:
    """Every deadline that has not passed, across all requests, soonest first.

    Deadlines the authority has let pass while it is in default (an overdue decision) are
    kept: they are why the requester may act now.
    """
    found: list[OpenDeadline] = []
    for request in list_requests(session):
        for deadline in request_status(request, today).deadlines:
            if deadline.passed and not deadline.key.endswith("_from"):
                continue
            if within_days is not None and deadline.days_left > within_days:
                continue
            found.append(OpenDeadline(request, deadline))
    found.sort(key=lambda o: (o.deadline.due, o.request.id, o.deadline.key))
    return found


def decision_term(request: Request, as_of: date) -> TrackedDeadline | None:
    """The decision term as it stood on ``as_of`` (e.g. the day the decision came).

    The status engine applies everything logged up to that day — verdaging, zienswijze and
    opschorting suspensions, late or second verdagingen ignored — so the summary's
    "decided late" agrees with ``request show``.
    """
    facts = request_facts(request)
    before = RequestFacts(
        regime=facts.regime,
        received=facts.received,
        events=tuple(
            e for e in facts.events if e.on <= as_of and e.kind not in _DECISION_EVENT_KINDS
        ),
        decisions=(),
        bezwaar_committee=facts.bezwaar_committee,
    )
    status = derive_status(before, as_of)
    return status.deadline("decision_extended_due") or status.deadline("decision_due")
