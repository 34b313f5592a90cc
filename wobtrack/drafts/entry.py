"""The drafts' entry points: load a request from the database, derive its status, render.

These are the library functions behind ``wobtrack draft``; the rendering itself is pure
(:mod:`wobtrack.drafts.ingebrekestelling`, :mod:`wobtrack.drafts.bezwaar`).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from wobtrack.decisions import final_outcome, get_decision
from wobtrack.drafts.bezwaar import OBJECTABLE, decision_order, render_bezwaar
from wobtrack.drafts.document import Draft
from wobtrack.drafts.ingebrekestelling import render_ingebrekestelling
from wobtrack.errors import InvalidInput, NotFound
from wobtrack.models import Decision, Request
from wobtrack.overview import request_status
from wobtrack.tracker import get_request


def draft_ingebrekestelling(
    session: Session, request_id: int, today: date, *, fmt: str = "markdown"
) -> Draft:
    """Draft the ingebrekestelling (Awb 6:12) for a request whose decision term has passed."""
    request = get_request(session, request_id)
    return render_ingebrekestelling(request, request_status(request, today), today, fmt=fmt)


def draft_bezwaar(
    session: Session,
    request_id: int,
    today: date,
    *,
    decision_id: int | None = None,
    fmt: str = "markdown",
) -> Draft:
    """Draft a bezwaarschrift against a decision on the request (default: the latest one)."""
    request = get_request(session, request_id)
    decision = choose_decision(session, request, decision_id)
    status = request_status(request, today)
    finals = [final_outcome(item) for item in request.items]
    return render_bezwaar(request, decision, status, finals, today, fmt=fmt)


def choose_decision(session: Session, request: Request, decision_id: int | None) -> Decision:
    """The decision to object to: the one given (it must be the request's), else the latest."""
    if decision_id is not None:
        decision = get_decision(session, decision_id)
        if decision.request_id != request.id:
            raise InvalidInput(
                f"decision {decision_id} belongs to request {decision.request_id}, not to "
                f"request {request.id}"
            )
        if decision.kind not in OBJECTABLE:
            raise InvalidInput(
                f"decision {decision_id} is a beslissing op bezwaar: against it lies beroep at "
                "the court, not bezwaar"
            )
        return decision
    candidates = [d for d in request.decisions if d.kind in OBJECTABLE]
    if not candidates and any(d.kind == "bezwaar" for d in request.decisions):
        raise InvalidInput(
            f"request {request.id} has only a beslissing op bezwaar: against it lies beroep at "
            "the rechtbank within six weeks (Awb 6:7), not bezwaar"
        )
    if not candidates:
        raise NotFound(
            f"request {request.id} has no decision to object to: import the decision letter "
            f"first with `wobtrack decision import {request.id} LETTER.pdf`"
        )
    return max(candidates, key=decision_order)


__all__ = ["choose_decision", "draft_bezwaar", "draft_ingebrekestelling"]
