"""Overviews over the whole tracker (pure over loaded objects; the session is passed in)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from statistics import median
from typing import Any

from sqlalchemy.orm import Session

from wobtrack.dates import iso_or_none
from wobtrack.deadlines.terms import Deadline
from wobtrack.decisions import FinalOutcome, final_outcome
from wobtrack.errors import InvalidInput
from wobtrack.models import Decision, Request
from wobtrack.overview import decision_term_as_of, request_status
from wobtrack.tracker import list_requests
from wobtrack.vocab import OUTCOMES


def referral_only_summary(session: Session) -> dict[str, Any]:
    """Items answered only by referral to material published elsewhere (after resolving
    cross-references), per request and per authority.

    Shape: ``{"requests": [{"id", "authority", "subject", "items_total", "items": [{"number",
    "text", "references", "decision_id", "source"}]}], "authorities": [{"authority",
    "requests", "items_total", "items_decided", "referral_only", "share"}]}``.
    """
    per_request: list[dict[str, Any]] = []
    per_authority: dict[str, dict[str, Any]] = {}
    for request in list_requests(session):
        finals = [final_outcome(item) for item in request.items]
        decided = [f for f in finals if f.outcomes]
        listed = [
            {
                "number": f.number,
                "text": f.text,
                "references": list(f.references),
                "decision_id": f.decision_id,
                "source": f.source,
            }
            for f in decided
            if f.referral_only
        ]
        per_request.append(
            {
                "id": request.id,
                "authority": request.authority.name,
                "subject": request.subject,
                "items_total": len(finals),
                "items": listed,
            }
        )
        stats = per_authority.setdefault(
            request.authority.name,
            {
                "authority": request.authority.name,
                "requests": 0,
                "items_total": 0,
                "items_decided": 0,
                "referral_only": 0,
            },
        )
        stats["requests"] += 1
        stats["items_total"] += len(finals)
        stats["items_decided"] += len(decided)
        stats["referral_only"] += len(listed)
    for stats in per_authority.values():
        decided_count = stats["items_decided"]
        stats["share"] = round(stats["referral_only"] / decided_count, 4) if decided_count else None
    return {
        "requests": per_request,
        "authorities": sorted(per_authority.values(), key=lambda s: s["authority"].lower()),
    }


# --------------------------------------------------------------------------- full summary

#: Decisions that answer the request itself; a beslissing op bezwaar comes later and does not
#: end the decision term.
_ANSWERING_KINDS = ("besluit", "deelbesluit")


def first_decision(request: Request) -> tuple[Decision, date] | None:
    """The request's earliest besluit or deelbesluit and its date, or None.

    The date is the letter's date (dagtekening), else its bekendmaking: a letter whose date
    could not be read was stored with the dispatch date the user gave.
    """
    dated: list[tuple[date, int, Decision]] = []
    for decision in request.decisions:
        day = decision.decision_date or decision.bekendmaking_on
        if decision.kind in _ANSWERING_KINDS and day is not None:
            dated.append((day, decision.id, decision))
    if not dated:
        return None
    day, _, decision = min(dated, key=lambda row: (row[0], row[1]))
    return decision, day


def decision_term_for_lateness(request: Request) -> Deadline | None:
    """The legal decision term of the request (Woo 4.4 / Wob art. 6) as it stood when the
    first decision came (or today's view without one), or None without a receipt date.

    Verdaging, zienswijze and opschorting events logged up to that day count, exactly as in
    ``request show``.
    """
    if request.received_on is None:
        return None
    found = first_decision(request)
    # Without a decision, every logged event counts (events dated after "as of" would be
    # flagged as future events and ignored).
    latest = max((e.event_date for e in request.events), default=request.received_on)
    as_of = found[1] if found is not None else max(latest, request.received_on)
    try:
        return decision_term_as_of(request, as_of)
    except InvalidInput:
        # A receipt date outside the calendar's years (a typo such as 1926) leaves this one
        # request without a term instead of breaking the whole summary.
        return None


def _decision_timing(request: Request) -> dict[str, Any] | None:
    found = first_decision(request)
    if found is None:
        return None
    decision, day = found
    received = request.received_on
    term = decision_term_for_lateness(request)
    return {
        "id": decision.id,
        "kind": decision.kind,
        "date": day.isoformat(),
        "days": (day - received).days if received is not None else None,
        "due": term.due.isoformat() if term is not None else None,
        "term_days": (term.due - received).days
        if term is not None and received is not None
        else None,
        "late": day > term.due if term is not None else None,
    }


def _summary_item(final: FinalOutcome) -> dict[str, Any]:
    data = final.to_json()
    # The evidence is long and is shown by `request show` and the export; a summary lists
    # what was decided.
    del data["evidence"]
    data["referral_only"] = final.referral_only
    return data


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _spread(values: list[int]) -> dict[str, float | int | None]:
    # float() so that the median has one JSON type whether the count is odd or even.
    return {
        "median": float(median(values)) if values else None,
        "max": max(values) if values else None,
    }


@dataclass
class _AuthorityTally:
    """Running totals for one authority while the requests are walked."""

    name: str
    requests: int = 0
    decided: int = 0
    late: int = 0
    items_total: int = 0
    items_decided: int = 0
    referral_only: int = 0

    def __post_init__(self) -> None:
        self.days: list[int] = []
        self.term_days: list[int] = []
        self.outcomes: Counter[str] = Counter()
        self.grounds: Counter[str] = Counter()

    def add(self, timing: dict[str, Any] | None, finals: list[FinalOutcome]) -> None:
        self.requests += 1
        if timing is not None:
            self.decided += 1
            # Only requests with both a duration and a term can be compared with the law.
            if timing["days"] is not None and timing["term_days"] is not None:
                self.days.append(timing["days"])
                self.term_days.append(timing["term_days"])
                self.late += bool(timing["late"])
        self.items_total += len(finals)
        for final in finals:
            if not final.outcomes:
                continue
            self.items_decided += 1
            # Each item counts once per outcome and per ground, however often the letter
            # repeats them.
            self.outcomes.update(dict.fromkeys(final.outcomes, 1))
            self.grounds.update(dict.fromkeys(final.grounds, 1))
            self.referral_only += final.referral_only

    def to_json(self) -> dict[str, Any]:
        known = {outcome: self.outcomes[outcome] for outcome in OUTCOMES}
        # Outcomes outside the vocabulary should not exist; if old data holds one it is
        # still counted, after the vocabulary, so that the counts add up.
        extra = {o: n for o, n in sorted(self.outcomes.items()) if o not in known}
        return {
            "authority": self.name,
            "requests": self.requests,
            "decided": self.decided,
            "timed": len(self.days),
            "days_to_decision": _spread(self.days),
            "legal_term_days": _spread(self.term_days),
            "decided_late": self.late,
            "late_share": _share(self.late, len(self.days)),
            "items_total": self.items_total,
            "items_decided": self.items_decided,
            "outcomes": known | extra,
            "grounds": [
                {"ground": ground, "items": count}
                for ground, count in sorted(self.grounds.items(), key=lambda g: (-g[1], g[0]))
            ],
            "referral_only": self.referral_only,
            "referral_only_share": _share(self.referral_only, self.items_decided),
        }


def summary(session: Session, today: date) -> dict[str, Any]:
    """Per request the items' final outcomes and state; per authority timing and outcomes.

    A person's correction wins over the parser (``final_outcome``). The decision of a
    request is its earliest besluit or deelbesluit (``first_decision``); its timing is
    compared with the legal term (``decision_term_for_lateness``). Shape (a stable contract)::

        {"today": "YYYY-MM-DD",
         "requests": [{
            "id": int, "authority": str, "subject": str, "regime": "wob"|"woo",
            "reference": str|null, "received": date|null,
            "state": str,                      # wobtrack.overview.request_status(...).state
            "decision": null | {
                "id": int, "kind": "besluit"|"deelbesluit", "date": date,
                "days": int|null,              # receipt to decision, calendar days
                "due": date|null,              # end of the legal term
                "term_days": int|null,         # receipt to due, calendar days
                "late": bool|null},            # decided after the due date
            "items_total": int, "items_decided": int,
            "items": [{"number", "text", "outcomes", "grounds", "refers_to", "references",
                       "needs_review", "flags", "source", "decision_id", "note",
                       "referral_only"}]}],
         "authorities": [{                     # sorted by name, case-insensitive
            "authority": str, "requests": int,
            "decided": int,                    # requests with a besluit/deelbesluit
            "timed": int,                      # ... of which receipt date and term are known
            "days_to_decision": {"median": float|null, "max": int|null},
            "legal_term_days": {"median": float|null, "max": int|null},
            "decided_late": int, "late_share": float|null,   # share of "timed"
            "items_total": int, "items_decided": int,        # decided: has an outcome
            "outcomes": {outcome: items, ...},  # every vocab.OUTCOMES key, in that order
            "grounds": [{"ground": str, "items": int}],      # most cited first, then by code
            "referral_only": int,
            "referral_only_share": float|null}]}             # share of items_decided

    Dates are ISO strings; shares are rounded to four decimals; an item with several
    outcomes counts once under each.
    """
    per_request: list[dict[str, Any]] = []
    tallies: dict[str, _AuthorityTally] = {}
    for request in list_requests(session):
        finals = [final_outcome(item) for item in request.items]
        timing = _decision_timing(request)
        per_request.append(
            {
                "id": request.id,
                "authority": request.authority.name,
                "subject": request.subject,
                "regime": request.regime,
                "reference": request.reference,
                "received": iso_or_none(request.received_on),
                "state": request_status(request, today).state,
                "decision": timing,
                "items_total": len(finals),
                "items_decided": sum(1 for f in finals if f.outcomes),
                "items": [_summary_item(f) for f in finals],
            }
        )
        name = request.authority.name
        tallies.setdefault(name, _AuthorityTally(name)).add(timing, finals)
    return {
        "today": today.isoformat(),
        "requests": per_request,
        "authorities": [
            tally.to_json() for tally in sorted(tallies.values(), key=lambda t: t.name.lower())
        ],
    }
