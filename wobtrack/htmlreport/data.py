"""What the HTML report shows, read from the database by the functions behind the JSON commands.

The report adds no figures of its own: the per-authority table is ``summary --json``'s
``authorities`` (``reports.summary``), the calendar is ``deadlines --json`` (open deadlines
from ``remind.collect_reminders``), and each request's detail is ``request show --json``
(``serialize.request_json``) plus its items' final outcomes with their evidence sentences
(``decisions.final_outcome``, which ``summary`` uses without the evidence) and the decision
term as it stood on the day of the first decision (``reports.decision_term_for_lateness``,
by which ``summary`` judges lateness).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from wobtrack import reports, serialize
from wobtrack.contracts import DecisionTermJSON, ReportJSON, ReportOutcomeJSON, ReportRequestJSON
from wobtrack.decisions import final_outcome
from wobtrack.remind import collect_reminders
from wobtrack.tracker import list_requests

#: Timeline events that move the decision term: verdaging, suspensions, precisering.
TERM_EVENT_KINDS = (
    "extended",
    "suspended",
    "resumed",
    "zienswijze_started",
    "zienswijze_ended",
    "precisering_requested",
    "precisering_given",
)


def report_data(session: Session, today: date) -> ReportJSON:
    """Everything the HTML report renders, as JSON-ready data (dates as ISO strings).

    Shape: ``{"today", "summary": <summary --json>, "deadlines": <deadlines --json>,
    "requests": [<request show --json> + {"outcomes": [final outcome with "evidence" and
    "referral_only"], "decision_term": null | {"kind", "due", "basis", "steps",
    "warnings"}, "term_events": [timeline rows of TERM_EVENT_KINDS]}]}``; requests in the
    order of ``summary``.
    """
    requests: list[ReportRequestJSON] = []
    for request in list_requests(session):
        shown = serialize.request_json(request, today)
        outcomes: list[ReportOutcomeJSON] = []
        for item in request.items:
            final = final_outcome(item)
            outcomes.append({**final.to_json(), "referral_only": final.referral_only})
        term = reports.decision_term_for_lateness(request)
        decision_term: DecisionTermJSON | None = None
        if term is not None:
            data = term.to_json()
            decision_term = {
                "kind": data["kind"],
                "due": data["due"],
                "basis": data["basis"],
                "steps": data["steps"],
                "warnings": data["warnings"],
            }
        term_events = [row for row in shown["timeline"] if row["kind"] in TERM_EVENT_KINDS]
        requests.append(
            {
                **shown,
                "outcomes": outcomes,
                "decision_term": decision_term,
                "term_events": term_events,
            }
        )
    return {
        "today": today.isoformat(),
        "summary": reports.summary(session, today),
        "deadlines": [row.deadline_json() for row in collect_reminders(session, today, None)],
        "requests": requests,
    }
