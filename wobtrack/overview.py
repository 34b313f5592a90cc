"""A tracked request's state and deadlines: database rows in, ``derive_status`` out."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wobtrack.deadlines.keys import still_open
from wobtrack.deadlines.status import (
    DecisionFact,
    EventFact,
    RequestFacts,
    RequestStatus,
    TrackedDeadline,
    derive_status,
)
from wobtrack.models import Authority, Decision, Event, Request, RequestItem

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
class RequestOverview:
    """What the listings show of one request, read as plain rows (no ORM objects)."""

    id: int
    authority: str
    subject: str
    regime: str
    reference: str | None
    sent_on: date | None
    received_on: date | None
    item_count: int
    facts: RequestFacts

    def status(self, today: date) -> RequestStatus:
        """The state and deadlines on ``today`` (as ``request_status`` of the same request)."""
        return derive_status(self.facts, today)


def load_overviews(session: Session) -> list[RequestOverview]:
    """Every request, oldest first, with the facts its deadlines depend on.

    Three set-based queries (requests with authority and item count, events, decisions),
    reading only the columns that are shown or that the deadline engine needs: the cost per
    request is a few rows, not its items, outcomes and stored parser output. The facts are
    the same as ``request_facts`` gives for the loaded ``Request`` (same order of events and
    decisions, on every backend: the relationships' own ORDER BY within each request).
    """
    events: defaultdict[int, list[tuple[int, str, date, int | None]]] = defaultdict(list)
    for request_id, event_id, kind, on, decision_id in session.execute(
        select(
            Event.request_id, Event.id, Event.kind, Event.event_date, Event.decision_id
        ).order_by(Event.request_id, Event.event_date, Event.id)
    ):
        events[request_id].append((event_id, kind, on, decision_id))
    decisions: defaultdict[int, list[DecisionFact]] = defaultdict(list)
    for row in session.execute(
        select(
            Decision.request_id,
            Decision.id,
            Decision.kind,
            Decision.decision_date,
            Decision.bekendmaking_on,
            Decision.reference,
            Decision.electronic_filing,
            Decision.bezwaar_address,
        ).order_by(Decision.request_id, Decision.decision_date, Decision.id)
    ):
        decisions[row.request_id].append(
            DecisionFact(
                decision_id=row.id,
                kind=row.kind,
                decision_date=row.decision_date,
                bekendmaking=row.bekendmaking_on,
                reference=row.reference,
                electronic_filing=row.electronic_filing,
                bezwaar_address=row.bezwaar_address,
            )
        )
    counts = (
        select(RequestItem.request_id, func.count().label("items"))
        .group_by(RequestItem.request_id)
        .subquery()
    )
    overviews: list[RequestOverview] = []
    for row in session.execute(
        select(
            Request.id,
            Authority.name,
            Request.subject,
            Request.regime,
            Request.reference,
            Request.sent_on,
            Request.received_on,
            Request.bezwaar_committee,
            func.coalesce(counts.c["items"], 0).label("item_count"),
        )
        .join(Authority, Request.authority_id == Authority.id)
        .outerjoin(counts, counts.c.request_id == Request.id)
        .order_by(Request.id)
    ):
        own = decisions.get(row.id, [])
        imported = {d.decision_id for d in own}
        facts = RequestFacts(
            regime=row.regime,
            received=row.received_on,
            events=tuple(
                EventFact(kind=kind, on=on, event_id=event_id)
                for event_id, kind, on, decision_id in events.get(row.id, ())
                # As in request_facts: an imported decision is a DecisionFact already.
                if not (kind in _DECISION_EVENT_KINDS and decision_id in imported)
            ),
            decisions=tuple(own),
            bezwaar_committee=row.bezwaar_committee,
        )
        overviews.append(
            RequestOverview(
                id=row.id,
                authority=row.name,
                subject=row.subject,
                regime=row.regime,
                reference=row.reference,
                sent_on=row.sent_on,
                received_on=row.received_on,
                item_count=row.item_count,
                facts=facts,
            )
        )
    return overviews


@dataclass(frozen=True)
class OpenDeadline:
    """One open deadline of one request, for ``deadlines``, ``remind`` and calendars.

    ``deadlines`` are all the request's deadlines on the day (also passed ones).
    """

    request: RequestOverview
    deadline: TrackedDeadline
    deadlines: tuple[TrackedDeadline, ...]


def open_deadlines(
    session: Session, today: date, within_days: int | None = None
) -> list[OpenDeadline]:
    """Every deadline that has not passed, across all requests, soonest first.

    Deadlines the authority has let pass while it is in default (an overdue decision) are
    kept: they are why the requester may act now.
    """
    found: list[OpenDeadline] = []
    for request in load_overviews(session):
        every = request.status(today).deadlines
        for deadline in every:
            if not still_open(deadline.key, deadline.passed):
                continue
            if within_days is not None and deadline.days_left > within_days:
                continue
            found.append(OpenDeadline(request, deadline, every))
    found.sort(key=lambda o: (o.deadline.due, o.request.id, o.deadline.key))
    return found


def decision_term_as_of(request: Request, as_of: date) -> TrackedDeadline | None:
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
