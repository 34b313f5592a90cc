"""JSON shapes of the tracker's objects (a documented, stable contract; see README)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from wobtrack.contracts import (
    DecisionJSON,
    EventJSON,
    ItemJSON,
    RequestJSON,
    RequestSummaryJSON,
)
from wobtrack.dates import iso_or_none
from wobtrack.deadlines.keys import still_open
from wobtrack.models import Decision, Event, Request, RequestItem

if TYPE_CHECKING:
    from wobtrack.deadlines.status import RequestStatus
    from wobtrack.overview import RequestOverview


def item_json(item: RequestItem) -> ItemJSON:
    """``{"number", "text", "added_from_decision"}``."""
    return {
        "number": item.number,
        "text": item.text,
        "added_from_decision": item.added_from_decision_id,
    }


def timeline_json(request: Request) -> list[EventJSON]:
    """The request's dated steps, oldest first; sent/received come from the request itself."""
    rows: list[EventJSON] = []
    for kind, day in (("sent", request.sent_on), ("received", request.received_on)):
        if day is not None:
            rows.append(
                {
                    "id": None,
                    "kind": kind,
                    "date": day.isoformat(),
                    "note": None,
                    "decision_id": None,
                }
            )
    rows.extend(event_json(event) for event in request.events)
    # Stable sort: on equal dates, sent and received stay before the events of that day.
    rows.sort(key=lambda row: row["date"])
    return rows


def event_json(event: Event) -> EventJSON:
    """``{"id", "kind", "date", "note", "decision_id"}``."""
    return {
        "id": event.id,
        "kind": event.kind,
        "date": event.event_date.isoformat(),
        "note": event.note,
        "decision_id": event.decision_id,
    }


def decision_json(decision: Decision) -> DecisionJSON:
    """A decision without its per-item outcomes."""
    return {
        "id": decision.id,
        "kind": decision.kind,
        "decision_date": iso_or_none(decision.decision_date),
        "bekendmaking": iso_or_none(decision.bekendmaking_on),
        "reference": decision.reference,
        "file": decision.file_name,
        "sha256": decision.file_sha256,
        "pages": decision.pages,
        "parser_version": decision.parser_version,
        "bezwaar": None
        if decision.bezwaar_weeks is None
        else {
            "weeks": decision.bezwaar_weeks,
            "electronic_filing": decision.electronic_filing,
            "address": decision.bezwaar_address,
        },
        "warnings": list(decision.warnings or []),
    }


def request_summary_json(request: Request, today: date) -> RequestSummaryJSON:
    """One row of ``request list --json``, with the state and the next open deadline."""
    from wobtrack.overview import request_status

    return _summary_json(
        request.id,
        request.authority.name,
        request,
        len(request.items),
        request_status(request, today),
    )


def overview_json(overview: RequestOverview, today: date) -> RequestSummaryJSON:
    """``request_summary_json`` of a request read by ``status.load_overviews`` (same shape)."""
    return _summary_json(
        overview.id, overview.authority, overview, overview.item_count, overview.status(today)
    )


def _summary_json(
    request_id: int,
    authority: str,
    request: Request | RequestOverview,
    item_count: int,
    status: RequestStatus,
) -> RequestSummaryJSON:
    upcoming = [d for d in status.deadlines if still_open(d.key, d.passed)]
    return {
        "id": request_id,
        "authority": authority,
        "subject": request.subject,
        "regime": request.regime,
        "reference": request.reference,
        "sent": iso_or_none(request.sent_on),
        "received": iso_or_none(request.received_on),
        "item_count": item_count,
        "state": status.state,
        "next_deadline": None
        if not upcoming
        else {"key": upcoming[0].key, "due": upcoming[0].due.isoformat()},
    }


def request_json(request: Request, today: date) -> RequestJSON:
    """``request show --json``: the request with its items, timeline, decisions, state and
    deadlines (each with its legal basis, steps and warnings)."""
    from wobtrack.overview import request_status

    status = request_status(request, today)
    data = status.to_json()
    return {
        "id": request.id,
        "authority": request.authority.name,
        "subject": request.subject,
        "regime": request.regime,
        "reference": request.reference,
        "sent": iso_or_none(request.sent_on),
        "received": iso_or_none(request.received_on),
        "state": status.state,
        "regime_derived": not request.regime_explicit,
        "bezwaar_committee": request.bezwaar_committee,
        "notes": request.notes,
        "tags": [tag.tag for tag in request.tags],
        "items": [item_json(item) for item in request.items],
        "timeline": timeline_json(request),
        "decisions": [decision_json(d) for d in request.decisions],
        "deadlines": data["deadlines"],
        "flags": data["flags"],
        "warnings": data["warnings"],
    }
