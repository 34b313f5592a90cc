"""Use cases for logging requests, items and events. Each takes the session explicitly.

These functions never commit and never create sessions: the caller (the CLI, or a
Python user) owns the transaction. They raise WobtrackError subclasses for bad input.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from wobtrack.authorities import get_or_create_authority
from wobtrack.deadlines.law import derive_regime
from wobtrack.errors import InvalidInput, NotFound
from wobtrack.files import read_utf8_file
from wobtrack.items import ItemText, leading_number, split_numbered_items
from wobtrack.models import Decision, Event, Request, RequestItem, RequestTag
from wobtrack.safetext import check_text
from wobtrack.vocab import EVENT_KINDS, REGIMES, normalise_event_kind

#: Events that set a date of the request itself instead of adding a timeline row.
_REQUEST_DATE_EVENTS = {"sent": "sent_on", "received": "received_on"}


def read_items_file(path: Path) -> list[ItemText]:
    """Read a request text and return its numbered items; refuse non-text files."""
    text, _ = read_utf8_file(
        path,
        cannot_read="cannot read items file {path}: {reason}",
        binary="items file {path} is not a text file (it contains binary data)",
        not_utf8="items file {path} is not UTF-8 text; save it as UTF-8",
    )
    # Text copied from a PDF may hold page breaks; any other control character is refused.
    text = check_text(text.replace("\f", "\n").replace("\v", "\n"), f"items file {path}")
    items = split_numbered_items(text)
    if not items:
        raise InvalidInput(
            f"no numbered items found in {path}: start each item with 1., 2), a. or (b)"
        )
    return items


def _check_subject(subject: str) -> str:
    clean = subject.strip()
    if not clean:
        raise InvalidInput("the subject is empty: say in a few words what the request is about")
    return clean


def _check_regime(regime: str | None) -> str | None:
    if regime is None:
        return None
    if regime not in REGIMES:
        raise InvalidInput(f"unknown regime {regime!r}: use wob or woo")
    return regime


def _check_dates(sent: date | None, received: date | None) -> None:
    if sent and received and received < sent:
        raise InvalidInput(
            f"the request was received ({received}) before it was sent ({sent}); check the dates"
        )


class RequestFields(TypedDict):
    """A new request's fields as ``request add`` takes them (``add_request``'s keywords)."""

    authority: str
    subject: str
    regime: str | None
    sent: date | None
    received: date | None
    reference: str | None
    notes: str | None
    bezwaar_committee: bool
    tags: Sequence[str]


class RequestChanges(TypedDict):
    """The fields ``request edit`` may change (``edit_request``'s keywords; None: kept)."""

    authority: str | None
    subject: str | None
    regime: str | None
    sent: date | None
    received: date | None
    reference: str | None
    notes: str | None
    bezwaar_committee: bool | None


def add_request(
    session: Session,
    *,
    authority: str,
    subject: str,
    today: date,
    regime: str | None = None,
    sent: date | None = None,
    received: date | None = None,
    reference: str | None = None,
    notes: str | None = None,
    items: list[ItemText] | None = None,
    bezwaar_committee: bool = False,
    tags: Sequence[str] = (),
) -> Request:
    """Log a new request with its numbered items (and tags, see ``organise.clean_tag``)."""
    from wobtrack.organise import clean_tag  # organise builds on this module

    subject = _check_subject(subject)
    clean_tags = list(dict.fromkeys(clean_tag(tag) for tag in tags))
    _check_regime(regime)
    _check_dates(sent, received)
    request = Request(
        authority=get_or_create_authority(session, authority),
        subject=subject,
        regime=regime or derive_regime(received, sent, today),
        regime_explicit=regime is not None,
        sent_on=sent,
        received_on=received,
        reference=reference.strip() if reference else None,
        notes=notes,
        bezwaar_committee=bezwaar_committee,
        tags=[RequestTag(tag=tag) for tag in clean_tags],
    )
    session.add(request)
    session.flush()
    # All items in one flush: one add_item per item reloads and rescans the request's items
    # each time, which made a 10,000-item request take many minutes.
    numbers: set[str] = set()
    for position, item in enumerate(items or [], start=1):
        number = _check_item_number(item.number, request.id, numbers)
        numbers.add(number)
        request.items.append(
            RequestItem(number=number, text=_item_text(item.text), position=position)
        )
    session.flush()
    return request


def number_items(texts: list[str], start: int = 1) -> list[ItemText]:
    """Items typed one by one: "3b. text" keeps its number, plain text gets the next one."""
    result: list[ItemText] = []
    next_number = start
    for text in texts:
        given = leading_number(text)
        if given is not None:
            result.append(given)
            if given.number.isdigit():
                next_number = int(given.number) + 1
        else:
            result.append(ItemText(str(next_number), text.strip()))
            next_number += 1
    return result


def get_request(session: Session, request_id: int) -> Request:
    """The request with this id, with its items, events and decisions loaded."""
    request = session.get(
        Request,
        request_id,
        options=[
            selectinload(Request.items),
            selectinload(Request.events),
            selectinload(Request.decisions),
            selectinload(Request.authority),
            selectinload(Request.tags),
        ],
    )
    if request is None:
        raise NotFound(f"no request with id {request_id}: see `wobtrack request list`")
    return request


def lock_request(session: Session, request_id: int) -> None:
    """Make writers to one request take turns until this transaction ends.

    On PostgreSQL a row lock (``SELECT ... FOR UPDATE``): what a writer reads after it (the
    next item number, whether a letter is already imported) stays true until it commits.
    SQLite needs nothing: a writing transaction holds the database's write lock throughout.
    """
    session.execute(select(Request.id).where(Request.id == request_id).with_for_update())


def list_requests(session: Session, *, items: bool = True) -> list[Request]:
    """All requests, oldest first, with everything overviews read loaded up front
    (authority, items with their outcomes and corrections, events, decisions).

    A decision's stored parser output (``Decision.parsed``, the largest column by far) is
    left in the database until it is read. Listings that need only a request's state and
    deadlines use ``wobtrack.overview.load_overviews`` instead. ``items=False`` leaves the
    items out (for callers that read them as rows, ``decisions.final_outcomes_of``).
    """
    options = [
        selectinload(Request.authority),
        selectinload(Request.events),
        selectinload(Request.decisions).defer(Decision.parsed),
    ]
    if items:
        options += [
            selectinload(Request.items).selectinload(RequestItem.outcomes),
            selectinload(Request.items).selectinload(RequestItem.corrections),
        ]
    return list(session.scalars(select(Request).options(*options).order_by(Request.id)))


def add_item(
    session: Session, request_id: int, text: str | None, *, number: str | None = None
) -> RequestItem:
    """Add a numbered item; without a number it gets the next free integer."""
    lock_request(session, request_id)
    request = get_request(session, request_id)
    # Read after the lock, not from ``request.items``: that list may have been loaded before
    # it, and another process may have added an item since.
    taken = session.execute(
        select(RequestItem.number, RequestItem.position).where(RequestItem.request_id == request_id)
    ).all()
    existing = {number for number, _ in taken}
    if number is None:
        numeric = [int(n) for n in existing if n.isdigit()]
        number = str(max(numeric, default=0) + 1)
    item = RequestItem(
        number=_check_item_number(number, request_id, existing),
        text=_item_text(text),
        position=max((position for _, position in taken), default=0) + 1,
    )
    request.items.append(item)
    session.flush()
    return item


def _check_item_number(number: str, request_id: int, existing: set[str]) -> str:
    number = number.strip().lower()
    if not number:
        raise InvalidInput("the item number is empty")
    if len(number) > 20:
        raise InvalidInput(f"item number {number!r} is too long (at most 20 characters)")
    if number in existing:
        raise InvalidInput(f"request {request_id} already has an item {number}")
    return number


def _item_text(text: str | None) -> str | None:
    return text.strip() if text and text.strip() else None


@dataclass(frozen=True)
class EventResult:
    """What ``add_event`` did: added a timeline row, or set one of the request's dates."""

    request: Request
    event: Event | None
    field: str | None = None


def add_event(
    session: Session,
    request_id: int,
    kind: str,
    on: date,
    *,
    note: str | None = None,
    today: date,
) -> EventResult:
    """Record a dated event; ``sent``/``received`` set the request's own dates."""
    kind = normalise_event_kind(kind)
    if kind not in EVENT_KINDS:
        raise InvalidInput(f"unknown event kind {kind!r}: use one of {', '.join(EVENT_KINDS)}")
    request = get_request(session, request_id)
    if kind in _REQUEST_DATE_EVENTS:
        field = _REQUEST_DATE_EVENTS[kind]
        sent = on if kind == "sent" else request.sent_on
        received = on if kind == "received" else request.received_on
        _check_dates(sent, received)
        setattr(request, field, on)
        if not request.regime_explicit:
            request.regime = derive_regime(request.received_on, request.sent_on, today)
        if note:
            request.notes = f"{request.notes}\n{note}" if request.notes else note
        session.flush()
        return EventResult(request, None, field)
    event = Event(kind=kind, event_date=on, note=note)
    request.events.append(event)
    session.flush()
    return EventResult(request, event)


def delete_event(session: Session, event_id: int) -> Event:
    """Remove a timeline event (e.g. one logged by mistake)."""
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound(f"no event with id {event_id}: see `wobtrack request show ID`")
    session.delete(event)
    session.flush()
    return event


def edit_request(
    session: Session,
    request_id: int,
    *,
    today: date,
    authority: str | None = None,
    subject: str | None = None,
    regime: str | None = None,
    sent: date | None = None,
    received: date | None = None,
    reference: str | None = None,
    notes: str | None = None,
    bezwaar_committee: bool | None = None,
) -> Request:
    """Change the given fields of a request; fields left as None are kept."""
    request = get_request(session, request_id)
    if authority is not None:
        request.authority = get_or_create_authority(session, authority)
    if subject is not None:
        request.subject = _check_subject(subject)
    if sent is not None:
        request.sent_on = sent
    if received is not None:
        request.received_on = received
    _check_dates(request.sent_on, request.received_on)
    if reference is not None:
        request.reference = reference.strip() or None
    if notes is not None:
        request.notes = notes or None
    if bezwaar_committee is not None:
        request.bezwaar_committee = bezwaar_committee
    if _check_regime(regime) is not None:
        request.regime = regime  # type: ignore[assignment]
        request.regime_explicit = True
    elif not request.regime_explicit:
        request.regime = derive_regime(request.received_on, request.sent_on, today)
    session.flush()
    return request


def delete_request(session: Session, request_id: int) -> Request:
    """Delete a request with its items, events and decisions."""
    request = get_request(session, request_id)
    session.delete(request)
    session.flush()
    return request
