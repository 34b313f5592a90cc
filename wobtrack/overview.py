"""A tracked request's state and deadlines: database rows in, ``derive_status`` out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import Executable, func, select
from sqlalchemy.orm import Session

from wobtrack.dates import human_date
from wobtrack.deadlines.keys import still_open
from wobtrack.deadlines.status import (
    DecisionFact,
    EventFact,
    RequestFacts,
    RequestStatus,
    TrackedDeadline,
    derive_status,
)
from wobtrack.errors import InvalidInput
from wobtrack.models import Authority, Decision, Event, Request, RequestItem

#: Decisions that (also) answer the request; a decision on bezwaar is an event of its own.
_DECISION_EVENT_KINDS = {"decision", "bezwaar_decided"}

#: How every warning about an assumed receipt date begins (renderers pick it out by this).
RECEIPT_ASSUMED = "[U] Receipt assumed"
#: How every warning about a decision dated after today begins.
FUTURE_DECISION = "Check the dates: a decision"
#: Warnings about the request's data that listings print under the deadline they concern.
DATA_WARNINGS = (RECEIPT_ASSUMED, FUTURE_DECISION)

#: The deadlines that run from the receipt of the request (Woo 4.4, Wob 6, Awb 6:12).
_RECEIPT_DEADLINES = frozenset(
    {"decision_due", "decision_extended_due", "ingebrekestelling_from", "beroep_niet_tijdig_from"}
)


def assumed_receipt(
    received_on: date | None, sent_on: date | None, event_kinds: Iterable[str]
) -> date | None:
    """The receipt date to assume for a request logged with a sent date only, else None.

    The term of Woo 4.4 lid 1 / Wob 6 lid 1 runs from the day after receipt. Without a
    receipt date (on the request or as a 'received' event) the request is assumed received
    the day it was sent: an e-mail or web form is received when it reaches the authority's
    system (Awb 2:20), normally the same day. A letter by post arrives later, so the real
    dates can only be later: the warning (``receipt_warning``) says so wherever the dates
    are shown. [U]: a convention of this tool, not a rule of the legal spec.
    """
    if received_on is not None or sent_on is None:
        return None
    if any(kind == "received" for kind in event_kinds):
        return None  # the 'received' event gives the receipt date
    return sent_on


def receipt_assumption_text(request_id: int, sent_on: date) -> str:
    """The warning that goes with an assumed receipt date."""
    return (
        f"{RECEIPT_ASSUMED}: no receipt date is logged, so the request is taken as received "
        f"the day it was sent, {human_date(sent_on)} (an e-mail or web form arrives when it "
        "reaches the authority's system, Awb 2:20). Sent by post it arrived later and every "
        "date that runs from receipt is later too: ask the authority for its receipt date "
        "before sending an ingebrekestelling (an early one does not count, Awb 6:12) and log "
        f"it with `wobtrack request edit {request_id} --received YYYY-MM-DD`."
    )


def receipt_assumption_short(request_id: int, sent_on: date) -> str:
    """The assumed-receipt warning as each deadline that runs from receipt carries it."""
    return (
        f"{RECEIPT_ASSUMED} on the sent date, {human_date(sent_on)}, as no receipt date is "
        "logged (Awb 2:20): if the request arrived later, this date is later too. Confirm the "
        "receipt date before an ingebrekestelling and log it with "
        f"`wobtrack request edit {request_id} --received YYYY-MM-DD`."
    )


def receipt_warning(warnings: Sequence[str]) -> str | None:
    """The assumed-receipt warning among ``warnings``, if there is one."""
    return next((w for w in warnings if w.startswith(RECEIPT_ASSUMED)), None)


def data_warnings(warnings: Sequence[str]) -> list[str]:
    """The warnings among ``warnings`` about the request's data (``DATA_WARNINGS``)."""
    return [w for w in warnings if w.startswith(DATA_WARNINGS)]


def future_decisions_text(facts: RequestFacts, today: date) -> str | None:
    """A warning when a recorded besluit or deelbesluit is dated after today.

    The status engine ignores it until that day (a decision is bekendgemaakt when sent,
    Awb 3:41), so the decision term shows as running or passed and an ingebrekestelling
    is offered: almost always a wrong date (a typo, or ``--sent`` in the future).
    """
    future = sorted(
        (day, fact.decision_id, fact.kind)
        for fact in facts.decisions
        if fact.kind in ("besluit", "deelbesluit")
        and (day := fact.effective_bekendmaking) is not None
        and day > today
    )
    if not future:
        return None
    day, decision_id, kind = future[0]
    name = kind if decision_id is None else f"{kind} #{decision_id}"
    return (
        f"{FUTURE_DECISION} ({name}) is recorded as sent {human_date(day)}, after today: it "
        "counts only from then (Awb 3:41), so the decision term still shows as open. If that "
        "date is wrong, correct it before sending an ingebrekestelling."
    )


def _with_future_decisions(
    status: RequestStatus, facts: RequestFacts, today: date
) -> RequestStatus:
    text = future_decisions_text(facts, today)
    if text is None:
        return status
    deadlines = tuple(
        replace(d, warnings=(text, *d.warnings)) if d.key in _RECEIPT_DEADLINES else d
        for d in status.deadlines
    )
    return replace(status, deadlines=deadlines, warnings=(text, *status.warnings))


def _derive(
    facts: RequestFacts, today: date, assumption: ReceiptAssumption | None, request_id: int
) -> RequestStatus:
    """``derive_status`` with the warnings about the request's data added (a request whose
    stored dates no deadline can be computed from is reported, see ``status_or_report``)."""
    status = status_or_report(facts, today, request_id)
    if status.state == DATES_OUT_OF_RANGE:
        return status
    status = _with_future_decisions(status, facts, today)
    return _with_assumption(status, assumption)


@dataclass(frozen=True)
class ReceiptAssumption:
    """A receipt date assumed for a request with a sent date only (``assumed_receipt``)."""

    request_id: int
    on: date

    def apply(self, status: RequestStatus) -> RequestStatus:
        """``status`` with the warning on the request and on every deadline that runs from
        the receipt date."""
        short = receipt_assumption_short(self.request_id, self.on)
        deadlines = tuple(
            replace(d, warnings=(short, *d.warnings)) if d.key in _RECEIPT_DEADLINES else d
            for d in status.deadlines
        )
        text = receipt_assumption_text(self.request_id, self.on)
        return replace(status, deadlines=deadlines, warnings=(text, *status.warnings))


def _with_assumption(status: RequestStatus, assumption: ReceiptAssumption | None) -> RequestStatus:
    return status if assumption is None else assumption.apply(status)


@dataclass(frozen=True, slots=True)
class EventRow:
    """The columns of an ``Event`` that the deadlines and the summary read."""

    id: int
    kind: str
    event_date: date
    decision_id: int | None


@dataclass(frozen=True, slots=True)
class DecisionRow:
    """The columns of a ``Decision`` that the deadlines and the summary read."""

    id: int
    kind: str
    decision_date: date | None
    bekendmaking_on: date | None
    reference: str | None
    electronic_filing: bool | None
    bezwaar_address: str | None
    #: How many of its inventory documents are suspended (``Decision.suspended_documents``).
    suspended_documents: int = 0


@dataclass(frozen=True, slots=True)
class AuthorityRow:
    name: str


@dataclass(frozen=True, slots=True)
class RequestRow:
    """A request as plain rows: what ``request_facts``, ``request_status`` and the summary
    read of a ``Request`` (same names), without its items or the decisions' parser output.
    Events and decisions are in the relationships' order (``load_request_rows``)."""

    id: int
    subject: str
    regime: str
    reference: str | None
    sent_on: date | None
    received_on: date | None
    bezwaar_committee: bool
    authority: AuthorityRow
    events: tuple[EventRow, ...]
    decisions: tuple[DecisionRow, ...]


#: A request as the ORM loads it, or as plain rows (``load_request_rows``).
AnyRequest = Request | RequestRow


def _event_rows(session: Session) -> dict[int, list[EventRow]]:
    """Every event as a row, per request, in ``Request.events`` order."""
    events: defaultdict[int, list[EventRow]] = defaultdict(list)
    for request_id, event_id, kind, on, decision_id in session.connection().execute(
        select(
            Event.request_id, Event.id, Event.kind, Event.event_date, Event.decision_id
        ).order_by(Event.request_id, Event.event_date, Event.id)
    ):
        events[request_id].append(EventRow(event_id, kind, on, decision_id))
    return events


def _decision_facts_query() -> Executable:
    """Every decision's listing facts (request first, then its decisions by date): one
    query for the overviews and the status facts."""
    return select(
        Decision.request_id,
        Decision.id,
        Decision.kind,
        Decision.decision_date,
        Decision.bekendmaking_on,
        Decision.reference,
        Decision.electronic_filing,
        Decision.bezwaar_address,
        Decision.suspended_documents.label("suspended_documents"),
    ).order_by(Decision.request_id, Decision.decision_date, Decision.id)


def load_request_rows(session: Session) -> list[RequestRow]:
    """Every request, oldest first, as ``RequestRow``: three set-based queries (requests
    with their authority, events, decisions) instead of ORM objects."""
    events = _event_rows(session)
    decisions: defaultdict[int, list[DecisionRow]] = defaultdict(list)
    connection = session.connection()
    for row in connection.execute(_decision_facts_query()):
        decisions[row[0]].append(DecisionRow(*row[1:]))
    authorities: dict[str, AuthorityRow] = {}
    found: list[RequestRow] = []
    for request in connection.execute(
        select(
            Request.id,
            Request.subject,
            Request.regime,
            Request.reference,
            Request.sent_on,
            Request.received_on,
            Request.bezwaar_committee,
            Authority.name,
        )
        .join(Authority, Request.authority_id == Authority.id)
        .order_by(Request.id)
    ):
        request_id, subject, regime, reference, sent_on, received_on, committee, name = request
        authority = authorities.get(name) or authorities.setdefault(name, AuthorityRow(name))
        found.append(
            RequestRow(
                request_id,
                subject,
                regime,
                reference,
                sent_on,
                received_on,
                committee,
                authority=authority,
                events=tuple(events.get(request_id, ())),
                decisions=tuple(decisions.get(request_id, ())),
            )
        )
    return found


def receipt_assumption(request: AnyRequest) -> ReceiptAssumption | None:
    """The receipt date assumed for ``request``, if it has a sent date only."""
    assumed = assumed_receipt(
        request.received_on, request.sent_on, (event.kind for event in request.events)
    )
    return None if assumed is None else ReceiptAssumption(request.id, assumed)


def _receipt(request: AnyRequest) -> tuple[date | None, ReceiptAssumption | None]:
    """The receipt date the deadlines use, and the assumption when it is one."""
    assumption = receipt_assumption(request)
    return (request.received_on if assumption is None else assumption.on), assumption


def request_facts(request: AnyRequest) -> RequestFacts:
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
            suspended_documents=decision.suspended_documents or 0,
        )
        for decision in request.decisions
    )
    return RequestFacts(
        regime=request.regime,
        received=_receipt(request)[0],
        events=events,
        decisions=decisions,
        bezwaar_committee=request.bezwaar_committee,
    )


#: The state of a request whose stored dates no deadline can be computed from (a date
#: before 1980 or far in the future, stored before wobtrack checked dates at input).
DATES_OUT_OF_RANGE = "dates_out_of_range"


def status_or_report(facts: RequestFacts, today: date, request_id: int) -> RequestStatus:
    """``derive_status``, except that a request with an impossible stored date is reported
    (state ``dates_out_of_range``, no deadlines, a warning saying what to correct) instead
    of failing every listing, reminder, draft and export of the whole database."""
    try:
        return derive_status(facts, today)
    except (InvalidInput, OverflowError) as exc:
        problem = str(exc) if isinstance(exc, InvalidInput) else "a date is out of range"
        return RequestStatus(
            state=DATES_OUT_OF_RANGE,
            regime=facts.regime,
            deadlines=(),
            flags=(),
            warnings=(
                f"no deadlines computed: {problem}; correct the date with `wobtrack request "
                f"edit {request_id}` or `wobtrack event delete`",
            ),
        )


def request_status(request: AnyRequest, today: date) -> RequestStatus:
    """The request's state and the deadlines that apply on ``today``.

    A request with a sent date only is assumed received that day, with a warning
    (``assumed_receipt``).
    """
    return _derive(request_facts(request), today, _receipt(request)[1], request.id)


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
    #: Set when ``facts.received`` is an assumed receipt date (the sent date).
    receipt_assumption: ReceiptAssumption | None = None

    def status(self, today: date) -> RequestStatus:
        """The state and deadlines on ``today`` (as ``request_status`` of the same request)."""
        return _derive(self.facts, today, self.receipt_assumption, self.id)


def load_overviews(session: Session) -> list[RequestOverview]:
    """Every request, oldest first, with the facts its deadlines depend on.

    Three set-based queries (requests with authority and item count, events, decisions),
    reading only the columns that are shown or that the deadline engine needs: the cost per
    request is a few rows, not its items, outcomes and stored parser output. The facts are
    the same as ``request_facts`` gives for the loaded ``Request`` (same order of events and
    decisions, on every backend: the relationships' own ORDER BY within each request).
    """
    # Core rows (not the ORM's): the same rows at a fraction of the cost per row.
    connection = session.connection()
    events = _event_rows(session)
    decisions: defaultdict[int, list[DecisionFact]] = defaultdict(list)
    for row in connection.execute(_decision_facts_query()):
        decisions[row.request_id].append(
            DecisionFact(
                decision_id=row.id,
                kind=row.kind,
                decision_date=row.decision_date,
                bekendmaking=row.bekendmaking_on,
                reference=row.reference,
                electronic_filing=row.electronic_filing,
                bezwaar_address=row.bezwaar_address,
                suspended_documents=row.suspended_documents or 0,
            )
        )
    counts = (
        select(RequestItem.request_id, func.count().label("items"))
        .group_by(RequestItem.request_id)
        .subquery()
    )
    overviews: list[RequestOverview] = []
    for row in connection.execute(
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
        assumed = assumed_receipt(
            row.received_on, row.sent_on, (event.kind for event in events.get(row.id, ()))
        )
        facts = RequestFacts(
            regime=row.regime,
            received=assumed or row.received_on,
            events=tuple(
                EventFact(kind=event.kind, on=event.event_date, event_id=event.id)
                for event in events.get(row.id, ())
                # As in request_facts: an imported decision is a DecisionFact already.
                if not (event.kind in _DECISION_EVENT_KINDS and event.decision_id in imported)
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
                receipt_assumption=None if assumed is None else ReceiptAssumption(row.id, assumed),
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


def decision_term_as_of(request: AnyRequest, as_of: date) -> TrackedDeadline | None:
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
    status = status_or_report(before, as_of, request.id)
    return status.deadline("decision_extended_due") or status.deadline("decision_due")
