"""``wobtrack export --flat``: one row per item (or per inventory document) for analysis.

Where ``export`` dumps the tables as stored, the flat export joins them into the rows a
researcher puts in a spreadsheet, R or pandas: the request's authority, dates and regime
beside each item's outcome that counts (``decisions.final_outcome``), its grounds and
references, and how long the decision took against the legal term (``reports``).

CSV cells that start with ``=``, ``+``, ``-`` or ``@`` get a leading ``'`` so a spreadsheet
does not run them as formulas; JSON values are written as they are.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any, Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wobtrack.dates import iso_or_none
from wobtrack.decisions import final_outcome
from wobtrack.errors import InvalidInput
from wobtrack.models import Authority, Decision, DecisionDocument, DecisionFile, Request
from wobtrack.organise import tags_by_request
from wobtrack.reports import decision_term_for_lateness
from wobtrack.safetext import (
    escape_json_controls,
    neutralise_csv_text,
    strip_terminal_controls,
)
from wobtrack.tracker import list_requests

#: What a flat export has one row of.
ROW_KINDS: Final = ("items", "documents")
FORMATS: Final = ("csv", "json")

#: Columns of ``--flat items`` (a contract: columns are only added).
ITEM_COLUMNS: Final = (
    "request_id",
    "authority",
    "subject",
    "regime",
    "tags",
    "reference",
    "sent",
    "received",
    "item_number",
    "item_text",
    "outcomes",
    "referral_only",
    "grounds",
    "references",
    "refers_to",
    "outcome_source",
    "needs_review",
    "decision_id",
    "decision_kind",
    "decision_date",
    "days_to_decision",
    "decision_due",
    "legal_term_days",
    "late",
)

#: Columns of ``--flat documents``: one row per document of an inventory list.
DOCUMENT_COLUMNS: Final = (
    "request_id",
    "authority",
    "decision_id",
    "decision_kind",
    "decision_date",
    "file",
    "document_number",
    "document_date",
    "title",
    "judgement",
    "judgement_text",
    "grounds",
    "link",
    "page",
    "needs_review",
    "suspended",
)

#: Characters that make a spreadsheet read a cell as a formula (CSV injection).


def _decision_day(decision: Decision) -> date | None:
    return decision.decision_date or decision.bekendmaking_on


def item_rows(session: Session) -> list[dict[str, Any]]:
    """One row per item of every request, in request and item order."""
    tags = tags_by_request(session)
    rows: list[dict[str, Any]] = []
    for request in list_requests(session):
        decisions = {d.id: d for d in request.decisions}
        term = decision_term_for_lateness(request)
        received = request.received_on
        for item in request.items:
            final = final_outcome(item)
            decision = decisions.get(final.decision_id) if final.decision_id else None
            day = _decision_day(decision) if decision is not None else None
            rows.append(
                {
                    **_request_columns(request, tags),
                    "item_number": final.number,
                    "item_text": final.text,
                    "outcomes": list(final.outcomes),
                    "referral_only": final.referral_only if final.outcomes else None,
                    "grounds": list(final.grounds),
                    "references": [
                        f"{ref.get('kind')}:{ref.get('value')}" for ref in final.references
                    ],
                    "refers_to": list(final.refers_to),
                    "outcome_source": final.source,
                    "needs_review": final.needs_review,
                    "decision_id": decision.id if decision is not None else None,
                    "decision_kind": decision.kind if decision is not None else None,
                    "decision_date": iso_or_none(day),
                    "days_to_decision": (day - received).days if day and received else None,
                    "decision_due": iso_or_none(term.due) if term is not None else None,
                    "legal_term_days": (term.due - received).days
                    if term is not None and received is not None
                    else None,
                    # Only a decision on the request itself can be late against its term;
                    # one dated before receipt is a data problem, neither late nor on time.
                    "late": day > term.due
                    if day is not None
                    and term is not None
                    and decision is not None
                    and decision.kind != "bezwaar"
                    and (received is None or day >= received)
                    else None,
                }
            )
    return rows


def _request_columns(request: Request, tags: dict[int, list[str]]) -> dict[str, Any]:
    return {
        "request_id": request.id,
        "authority": request.authority.name,
        "subject": request.subject,
        "regime": request.regime,
        "tags": tags.get(request.id, []),
        "reference": request.reference,
        "sent": iso_or_none(request.sent_on),
        "received": iso_or_none(request.received_on),
    }


def document_rows(session: Session) -> list[dict[str, Any]]:
    """One row per inventory document (``decision_documents``): per request and decision in
    id order, the letter's annex first, then each inventory sent as a file of its own. One
    query over the documents joined with their decisions, requests and files."""
    rows: list[dict[str, Any]] = []
    for row in session.execute(
        select(
            Request.id,
            Authority.name,
            Decision.id,
            Decision.kind,
            Decision.decision_date,
            Decision.bekendmaking_on,
            func.coalesce(DecisionFile.file_name, Decision.file_name),
            DecisionDocument.number,
            DecisionDocument.document_date,
            DecisionDocument.title,
            DecisionDocument.judgement,
            DecisionDocument.judgement_text,
            DecisionDocument.grounds,
            DecisionDocument.link,
            DecisionDocument.page,
            DecisionDocument.needs_review,
            DecisionDocument.suspended,
        )
        .join(Decision, Decision.id == DecisionDocument.decision_id)
        .join(Request, Request.id == Decision.request_id)
        .join(Authority, Authority.id == Request.authority_id)
        .outerjoin(DecisionFile, DecisionFile.id == DecisionDocument.decision_file_id)
        .order_by(Request.id, Decision.id, DecisionDocument.position)
    ):
        rows.append(
            {
                "request_id": row[0],
                "authority": row[1],
                "decision_id": row[2],
                "decision_kind": row[3],
                "decision_date": iso_or_none(row[4] or row[5]),
                "file": row[6],
                "document_number": row[7],
                "document_date": row[8],
                "title": row[9],
                "judgement": row[10],
                "judgement_text": row[11],
                "grounds": list(row[12] or []),
                "link": row[13],
                "page": row[14],
                "needs_review": bool(row[15]),
                "suspended": bool(row[16]),
            }
        )
    return rows


def flat_rows(session: Session, kind: str) -> list[dict[str, Any]]:
    """The rows of ``--flat KIND``."""
    if kind == "items":
        return item_rows(session)
    if kind == "documents":
        return document_rows(session)
    raise InvalidInput(f"unknown row kind {kind!r}: use {' or '.join(ROW_KINDS)}")


def safe_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text (a formula-like start, also after spaces,
    tabs or line breaks, gets a leading '), without terminal escape sequences: the flat
    export is often printed to a terminal."""
    return neutralise_csv_text(strip_terminal_controls(text))


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        # Several values in one cell, separated by "; " (a ground or URL has no "; ").
        return safe_cell("; ".join(str(v) for v in value))
    return safe_cell(str(value))


def render(rows: list[dict[str, Any]], kind: str, fmt: str, *, bom: bool = False) -> str:
    """The flat export as CSV (RFC 4180, CRLF; ``bom``: a UTF-8 byte-order mark first, for
    spreadsheets) or JSON (a list of objects)."""
    columns = ITEM_COLUMNS if kind == "items" else DOCUMENT_COLUMNS
    if fmt == "json":
        if bom:
            raise InvalidInput("--bom is for CSV: JSON is read as UTF-8 without it")
        return escape_json_controls(json.dumps(rows, indent=2, ensure_ascii=False)) + "\n"
    if fmt != "csv":
        raise InvalidInput(f"unknown format {fmt!r}: use csv or json")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(row[column]) for column in columns])
    return ("\ufeff" if bom else "") + buffer.getvalue()
