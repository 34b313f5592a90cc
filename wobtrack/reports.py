"""Overviews over the whole tracker (pure over loaded objects; the session is passed in)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from statistics import median
from typing import Any

from sqlalchemy.orm import Session

from wobtrack.contracts import (
    AuthorityTallyJSON,
    AuthorityTimingJSON,
    DecisionTimingJSON,
    ReferralAuthorityJSON,
    ReferralItemJSON,
    ReferralRequestJSON,
    ReferralSummaryJSON,
    SpreadJSON,
    SummaryHeadJSON,
    SummaryItemJSON,
    SummaryJSON,
    SummaryRequestJSON,
    TimelinessJSON,
)
from wobtrack.dates import human_date, iso_or_none
from wobtrack.deadlines.terms import Deadline
from wobtrack.decisions import FinalOutcome, final_outcomes_of
from wobtrack.documents import DocumentCounts, authority_documents
from wobtrack.errors import InvalidInput
from wobtrack.models import Decision
from wobtrack.overview import (
    AnyRequest,
    DecisionRow,
    decision_term_as_of,
    load_request_rows,
    receipt_assumption,
    request_facts,
    request_status,
)
from wobtrack.vocab import OUTCOMES


def referral_only_summary(session: Session) -> ReferralSummaryJSON:
    """Items answered only by referral to material published elsewhere (after resolving
    cross-references), per request and per authority.

    Shape: ``{"requests": [{"id", "authority", "subject", "items_total", "items": [{"number",
    "text", "references", "decision_id", "source"}]}], "authorities": [{"authority",
    "requests", "items_total", "items_decided", "referral_only", "share"}]}``.
    """
    per_request: list[ReferralRequestJSON] = []
    per_authority: dict[str, ReferralAuthorityJSON] = {}
    requests = load_request_rows(session)
    outcomes = final_outcomes_of(session, (r.id for r in requests), evidence=False)
    for request, finals in zip(requests, outcomes, strict=True):
        decided = [f for f in finals if f.outcomes]
        listed: list[ReferralItemJSON] = [
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
                "share": None,
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

#: A decision as the ORM loads it, or as a plain row.
AnyDecision = Decision | DecisionRow

#: Decisions that answer the request itself; a beslissing op bezwaar comes later and does not
#: end the decision term.
_ANSWERING_KINDS = ("besluit", "deelbesluit")


def first_decision(request: AnyRequest) -> tuple[AnyDecision, date] | None:
    """The request's earliest besluit or deelbesluit and its date, or None.

    The date is the letter's date (dagtekening), else its bekendmaking: a letter whose date
    could not be read was stored with the dispatch date the user gave.
    """
    dated = _answering(request)
    return (dated[0][2], dated[0][0]) if dated else None


def _answering(request: AnyRequest, kinds: tuple[str, ...] = _ANSWERING_KINDS) -> list[Dated]:
    """The request's decisions of ``kinds`` with a date, oldest first (same day: lowest id)."""
    dated: list[Dated] = []
    for decision in request.decisions:
        day = decision.decision_date or decision.bekendmaking_on
        if decision.kind in kinds and day is not None:
            dated.append((day, decision.id, decision))
    return sorted(dated, key=lambda row: (row[0], row[1]))


#: A dated decision: (its date, its id, the decision).
Dated = tuple[date, int, AnyDecision]


def final_decision(request: AnyRequest) -> tuple[AnyDecision | None, date] | None:
    """The decision that decides the request as a whole, and its date, or None.

    That is its first besluit. A deelbesluit decides only part of the request: the term
    keeps running for the rest (Woo 4.4 lid 1, Wob art. 6 lid 1 concern the whole request),
    as ``request show`` has it. Without imported decision letters a logged 'decision'
    event stands for the besluit (decision ``None``), as in the status engine.
    """
    besluiten = _answering(request, ("besluit",))
    if besluiten:
        day, _, decision = besluiten[0]
        return decision, day
    if not _answering(request):
        events = sorted(e.event_date for e in request.events if e.kind == "decision")
        if events:
            return None, events[0]
    return None


def decision_term_for_lateness(request: AnyRequest, today: date | None = None) -> Deadline | None:
    """The legal decision term of the request (Woo 4.4 / Wob art. 6) as it stood when the
    request was decided as a whole (``final_decision``), else on ``today`` (without
    ``today``: as of its latest event), or None without a receipt date.

    Verdaging, zienswijze and opschorting events logged up to that day count, exactly as in
    ``request show``; a request with a sent date only is taken as received that day
    (``overview.assumed_receipt``).
    """
    received = request_facts(request).received
    if received is None:
        return None
    found = final_decision(request)
    if found is not None:
        as_of = found[1]
    elif today is not None:
        as_of = today
    else:
        # Every logged event counts (events dated after "as of" would be flagged as future
        # events and ignored).
        as_of = max(max((e.event_date for e in request.events), default=received), received)
    try:
        return decision_term_as_of(request, as_of)
    except InvalidInput:
        # A receipt date outside the calendar's years (a typo such as 1926) leaves this one
        # request without a term instead of breaking the whole summary.
        return None


#: Verdicts of ``Timeliness``: counted as on time, late, or not judged (the rest).
VERDICTS = ("on_time", "late", "overdue", "pending", "unknown", "data_problem", "withdrawn")


@dataclass(frozen=True)
class Timeliness:
    """Whether a request was decided within its legal term, as far as the data tell.

    ``verdict``: ``on_time`` / ``late`` (decided as a whole on or before / after the last
    day), ``overdue`` (undecided, the term ended before today: counted as late),
    ``pending`` (undecided, the term still runs), ``unknown`` (no receipt or sent date, or
    no computable term), ``data_problem`` (a decision dated before the request was sent or
    received, or after today: reported, never timed) or ``withdrawn``.
    """

    verdict: str
    receipt: date | None
    receipt_assumed: bool
    due: date | None
    decided_on: date | None
    decision_id: int | None
    #: Receipt to the decision (or to today when overdue), calendar days.
    days: int | None
    #: Days after the due date (late or overdue), else None.
    days_late: int | None
    partial_decisions: tuple[int, ...]
    problem: str | None = None

    @property
    def term_days(self) -> int | None:
        """Receipt to the due date, calendar days."""
        if self.due is None or self.receipt is None:
            return None
        return (self.due - self.receipt).days

    @property
    def counted_late(self) -> bool:
        """Late for the statistics: decided late, or still undecided after the term."""
        return self.verdict in ("late", "overdue")

    def to_json(self) -> TimelinessJSON:
        """The ``timeliness`` object of a request in ``summary --json``."""
        return {
            "verdict": self.verdict,
            "receipt": iso_or_none(self.receipt),
            "receipt_assumed": self.receipt_assumed,
            "due": iso_or_none(self.due),
            "term_days": self.term_days,
            "decided_on": iso_or_none(self.decided_on),
            "decision_id": self.decision_id,
            "days": self.days,
            "days_late": self.days_late,
            "partial_decisions": list(self.partial_decisions),
            "problem": self.problem,
        }


def _data_problem(request: AnyRequest, receipt: date | None, today: date) -> str | None:
    """A decision dated before the request was sent or received, or after today."""
    days = [day for day, _, _ in _answering(request)]
    days += [e.event_date for e in request.events if e.kind == "decision"]
    if not days:
        return None
    earliest, latest = min(days), max(days)
    for what, day in (("sent", request.sent_on), ("received", request.received_on or receipt)):
        if day is not None and earliest < day:
            return (
                f"a decision is dated {human_date(earliest)}, {(day - earliest).days} days "
                f"before the request was {what} ({human_date(day)}): check the dates"
            )
    if latest > today:
        return f"a decision is dated {human_date(latest)}, after today: check the date"
    return None


def timeliness(request: AnyRequest, today: date, state: str) -> Timeliness:
    """The request's ``Timeliness`` on ``today`` (``state`` as ``request_status`` gives it)."""
    receipt = request_facts(request).received
    assumed = receipt_assumption(request) is not None
    partial = _answering(request, ("deelbesluit",))
    found = final_decision(request)
    decided_on = found[1] if found is not None else None
    decision_id = found[0].id if found is not None and found[0] is not None else None
    partial_ids = tuple(d.id for day, _, d in partial if decided_on is None or day <= decided_on)

    def verdict(name: str, **values: Any) -> Timeliness:
        base: dict[str, Any] = {
            "receipt": receipt,
            "receipt_assumed": assumed,
            "due": None,
            "decided_on": decided_on,
            "decision_id": decision_id,
            "days": None,
            "days_late": None,
            "partial_decisions": partial_ids,
        }
        return Timeliness(verdict=name, **(base | values))

    if state == "withdrawn":
        return verdict("withdrawn")
    problem = _data_problem(request, receipt, today)
    if problem is not None:
        return verdict("data_problem", problem=problem)
    if receipt is None:
        return verdict("unknown", problem="no receipt or sent date: the term cannot be computed")
    term = decision_term_for_lateness(request, today)
    if term is None:
        return verdict("unknown", problem="the legal term cannot be computed for this receipt date")
    if decided_on is not None:
        late = decided_on > term.due
        return verdict(
            "late" if late else "on_time",
            due=term.due,
            days=(decided_on - receipt).days,
            days_late=(decided_on - term.due).days if late else None,
        )
    if today > term.due:
        return verdict(
            "overdue",
            due=term.due,
            days=(today - receipt).days,
            days_late=(today - term.due).days,
        )
    return verdict("pending", due=term.due)


def _decision_timing(request: AnyRequest, timing: Timeliness) -> DecisionTimingJSON | None:
    """The ``decision`` object of ``summary --json``: the besluit that decides the request,
    else its first deelbesluit; ``late`` is the whole request's (never "on time" for a
    deelbesluit alone, null when not judged)."""
    found = final_decision(request)
    shown: tuple[AnyDecision, date] | None = None
    if found is not None and found[0] is not None:
        shown = (found[0], found[1])
    else:
        shown = first_decision(request)
    if shown is None:
        return None
    decision, day = shown
    receipt = timing.receipt
    due = timing.due
    late: bool | None = None
    if timing.verdict in ("on_time", "late", "overdue"):
        late = timing.counted_late
    return {
        "id": decision.id,
        "kind": decision.kind,
        "date": day.isoformat(),
        "days": (day - receipt).days if receipt is not None else None,
        "due": iso_or_none(due),
        "term_days": (due - receipt).days if due is not None and receipt is not None else None,
        "late": late,
    }


#: What ``summary`` assumes, shown under its output and in ``--json`` "assumptions".
ASSUMPTIONS: tuple[tuple[str, str], ...] = (
    (
        "term",
        "The legal term is the decision term of Woo 4.4 lid 1 / Wob art. 6 lid 1 (four weeks "
        "from the day after receipt, extended by the Atw), extended by one verdaging notified "
        "in time (Woo 4.4 lid 2: two weeks; Wob art. 6 lid 2: four) and by the logged "
        "suspensions (zienswijze: Woo 4.4 lid 3 / Wob art. 6 lid 3; opschorting: Awb 4:15). "
        "A new date the authority names on its own does not extend it (Awb 4:14 lid 1). "
        "Events count as logged up to the decision, or up to today for an undecided request.",
    ),
    (
        "decided",
        "A request is decided by its first besluit, dated by the letter (dagtekening; else the "
        "dispatch date given); it is on time when dated on or before the last day of the term "
        "(Awb 4:13). A beslissing op bezwaar does not end the decision term.",
    ),
    (
        "deelbesluit",
        "A deelbesluit decides part of the request: the term keeps running for the rest, so a "
        "request with only deelbesluiten is pending or overdue, never on time; it is timed by "
        "the besluit that completes it.",
    ),
    (
        "overdue",
        "An undecided request whose term ended before today counts as late (overdue); one "
        "whose term still runs is pending and not counted either way.",
    ),
    (
        "receipt",
        "[U] Without a receipt date a request is taken as received the day it was sent (an "
        "e-mail arrives when it reaches the authority's system, Awb 2:20); sent by post it "
        "arrived later, so its term may end later. Requests with neither date are not timed.",
    ),
    (
        "data",
        "A decision dated before the request was sent or received, or after today, is a data "
        "problem: it is reported, and counted neither on time nor late.",
    ),
    ("withdrawn", "Withdrawn requests are not judged."),
)


def _summary_item(final: FinalOutcome) -> SummaryItemJSON:
    # The evidence is long and is shown by `request show` and the export; a summary lists
    # what was decided.
    data = final.to_json()
    return {
        "number": data["number"],
        "text": data["text"],
        "outcomes": data["outcomes"],
        "grounds": data["grounds"],
        "refers_to": data["refers_to"],
        "references": data["references"],
        "needs_review": data["needs_review"],
        "flags": data["flags"],
        "source": data["source"],
        "decision_id": data["decision_id"],
        "note": data["note"],
        "referral_only": final.referral_only,
    }


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _spread(values: list[int]) -> SpreadJSON:
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
        self.verdicts: Counter[str] = Counter()
        self.days_overdue: list[int] = []
        self.partial_only = 0
        self.receipt_assumed = 0

    def add(
        self, timing: Timeliness, decision: DecisionTimingJSON | None, finals: list[FinalOutcome]
    ) -> None:
        self.requests += 1
        self.decided += decision is not None
        self.verdicts[timing.verdict] += 1
        self.receipt_assumed += timing.receipt_assumed and timing.verdict != "withdrawn"
        if timing.decided_on is None and timing.partial_decisions:
            self.partial_only += 1
        term_days = timing.term_days
        if (
            timing.verdict in ("on_time", "late")
            and timing.days is not None
            and term_days is not None
        ):
            # Decided as a whole with a known receipt date and term: comparable with the law.
            self.days.append(timing.days)
            self.term_days.append(term_days)
            self.late += timing.verdict == "late"
        elif timing.verdict == "overdue" and timing.days_late is not None:
            self.days_overdue.append(timing.days_late)
        self.items_total += len(finals)
        for final in finals:
            if not final.outcomes:
                continue
            self.items_decided += 1
            # Each item counts once per outcome and per ground, however often the letter
            # repeats them.
            for outcome in dict.fromkeys(final.outcomes):
                self.outcomes[outcome] += 1
            for ground in dict.fromkeys(final.grounds):
                self.grounds[ground] += 1
            self.referral_only += final.referral_only

    def to_json(self) -> AuthorityTimingJSON:
        known = {outcome: self.outcomes[outcome] for outcome in OUTCOMES}
        # Outcomes outside the vocabulary should not exist; if old data holds one it is
        # still counted, after the vocabulary, so that the counts add up.
        extra = {o: n for o, n in sorted(self.outcomes.items()) if o not in known}
        overdue = self.verdicts["overdue"]
        late_all = self.late + overdue
        judged = len(self.days) + overdue
        return {
            "authority": self.name,
            "requests": self.requests,
            "decided": self.decided,
            "timed": len(self.days),
            "days_to_decision": _spread(self.days),
            "legal_term_days": _spread(self.term_days),
            "decided_late": self.late,
            "late_share": _share(self.late, len(self.days)),
            "on_time": self.verdicts["on_time"],
            "overdue": overdue,
            "days_overdue": _spread(self.days_overdue),
            "late": late_all,
            "judged": judged,
            "late_judged_share": _share(late_all, judged),
            "pending": self.verdicts["pending"],
            "untimed": self.verdicts["unknown"],
            "data_problems": self.verdicts["data_problem"],
            "withdrawn": self.verdicts["withdrawn"],
            "partial_only": self.partial_only,
            "receipt_assumed": self.receipt_assumed,
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


def summary(session: Session, today: date) -> SummaryJSON:
    """Per request the items' final outcomes and state; per authority timing and outcomes.

    A person's correction wins over the parser (``final_outcome``). A request is decided by
    its first besluit (``final_decision``); its ``timeliness`` compares that with the legal
    term (``decision_term_for_lateness``), and an undecided request with today. ``ASSUMPTIONS`` says
    what the figures assume. Shape (a stable contract: fields are added, never renamed)::

        {"today": "YYYY-MM-DD",
         "assumptions": [{"key": str, "text": str}],         # ASSUMPTIONS
         "requests": [{
            "id": int, "authority": str, "subject": str, "regime": "wob"|"woo",
            "reference": str|null, "received": date|null,
            "state": str,                      # wobtrack.overview.request_status(...).state
            "decision": null | {               # the first besluit, else the first deelbesluit
                "id": int, "kind": "besluit"|"deelbesluit", "date": date,
                "days": int|null,              # receipt to decision, calendar days
                "due": date|null,              # end of the legal term
                "term_days": int|null,         # receipt to due, calendar days
                "late": bool|null},            # the request's: besluit after the due date,
                                               # or deelbesluiten only and overdue; null
                                               # when not judged (pending, data problem)
            "timeliness": Timeliness.to_json(),  # verdict: see VERDICTS
            "items_total": int, "items_decided": int,
            "items": [{"number", "text", "outcomes", "grounds", "refers_to", "references",
                       "needs_review", "flags", "source", "decision_id", "note",
                       "referral_only"}]}],
         "authorities": [{                     # sorted by name, case-insensitive
            "authority": str, "requests": int,
            "decided": int,                    # requests with a besluit/deelbesluit
            "timed": int,                      # decided as a whole with a known term
            "days_to_decision": {"median": float|null, "max": int|null},
            "legal_term_days": {"median": float|null, "max": int|null},
            "decided_late": int, "late_share": float|null,   # share of "timed"
            "on_time": int, "overdue": int,    # verdicts; overdue: undecided after the term
            "days_overdue": {"median": float|null, "max": int|null},
            "late": int,                       # decided_late + overdue
            "judged": int,                     # timed + overdue
            "late_judged_share": float|null,   # late / judged
            "pending": int, "untimed": int, "data_problems": int, "withdrawn": int,
            "partial_only": int,               # deelbesluiten but no besluit
            "receipt_assumed": int,            # timed from the sent date
            "items_total": int, "items_decided": int,        # decided: has an outcome
            "outcomes": {outcome: items, ...},  # every vocab.OUTCOMES key, in that order
            "grounds": [{"ground": str, "items": int}],      # most cited first, then by code
            "referral_only": int,
            "referral_only_share": float|null,               # share of items_decided
            "documents": {                     # its decisions' inventory documents
                "total": int,
                "judgements": {judgement: int, ...},  # every vocab.JUDGEMENTS key and
                                                      # "unknown", in that order
                "grounds": [{"ground": str, "documents": int}],  # most cited first
                "needs_review": int, "suspended": int}}]}

    Dates are ISO strings; shares are rounded to four decimals; an item with several
    outcomes counts once under each.
    """
    walk = SummaryWalk(session, today)
    requests = list(walk.requests())
    return {**walk.head(), "requests": requests, "authorities": walk.authorities()}


class SummaryWalk:
    """``summary`` one request at a time (for output that is written as it is made: memory
    stays flat as the tracker grows), then its authorities.

    ``head()`` is the document's first keys; ``requests()`` yields the "requests" one by one
    and tallies them; ``authorities()``, once they are all walked, is the "authorities".
    """

    def __init__(self, session: Session, today: date) -> None:
        self.session = session
        self.today = today
        self.tallies: dict[str, _AuthorityTally] = {}
        self.walked = False

    def head(self) -> SummaryHeadJSON:
        """The "today" and "assumptions" of the document."""
        return {
            "today": self.today.isoformat(),
            "assumptions": [{"key": key, "text": text} for key, text in ASSUMPTIONS],
        }

    def requests(self) -> Iterator[SummaryRequestJSON]:
        """The "requests" of the document, oldest first."""
        today = self.today
        requests = load_request_rows(self.session)
        outcomes = final_outcomes_of(self.session, (r.id for r in requests), evidence=False)
        for request, finals in zip(requests, outcomes, strict=True):
            state = request_status(request, today).state
            timing = timeliness(request, today, state)
            decision = _decision_timing(request, timing)
            yield {
                "id": request.id,
                "authority": request.authority.name,
                "subject": request.subject,
                "regime": request.regime,
                "reference": request.reference,
                "received": iso_or_none(request.received_on),
                "state": state,
                "decision": decision,
                "timeliness": timing.to_json(),
                "items_total": len(finals),
                "items_decided": sum(1 for f in finals if f.outcomes),
                "items": [_summary_item(f) for f in finals],
            }
            name = request.authority.name
            self.tallies.setdefault(name, _AuthorityTally(name)).add(timing, decision, finals)
        self.walked = True

    def authorities(self) -> list[AuthorityTallyJSON]:
        """The "authorities" of the document, by name (case-insensitive)."""
        if not self.walked:
            raise RuntimeError("the authorities are counted while the requests are walked")
        documents = authority_documents(self.session)
        return [
            {**tally.to_json(), "documents": documents.get(tally.name, DocumentCounts()).to_json()}
            for tally in sorted(self.tallies.values(), key=lambda t: t.name.lower())
        ]
