"""Derive a request's state and its open deadlines from recorded facts. Pure: no database, no clock.

The database layer turns a request's rows into :class:`RequestFacts` and calls
:func:`derive_status` with "today". Events that make no legal sense (a verdaging notified
after the first term, a second verdaging, a premature ingebrekestelling) are kept by the
caller but flagged here and ignored for the dates.

States: ``not_received``, ``awaiting_decision``, ``overdue``, ``decided`` (a decision or a
beslissing op bezwaar whose remedy term is still open), ``bezwaar_filed``, ``closed``
(every remedy term has passed) and ``withdrawn``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import NamedTuple

from wobtrack.contracts import RequestStatusJSON, TrackedDeadlineJSON
from wobtrack.dates import human_date
from wobtrack.deadlines.calendar import AlternativeDue
from wobtrack.deadlines.keys import DEADLINE_KEYS, KEYS, ActionFacts
from wobtrack.deadlines.law import WOO_IN_FORCE, regime_on, wob_terms_unverified
from wobtrack.deadlines.terms import (
    Deadline,
    Suspension,
    SuspensionWording,
    beroep_end,
    beroep_niet_tijdig_earliest,
    bezwaar_decision,
    bezwaar_decision_acoi,
    bezwaar_end,
    bezwaar_end_acoi,
    bezwaar_post_latest_receipt,
    ingebrekestelling_earliest,
    precisering_request_due,
    third_party_disclosure,
    wob_decision,
    woo_decision,
)
from wobtrack.vocab import EVENT_KINDS, normalise_event_kind

ONE_DAY = timedelta(days=1)

STATES = (
    "not_received",
    "awaiting_decision",
    "overdue",
    "decided",
    "bezwaar_filed",
    "closed",
    "withdrawn",
)

# --------------------------------------------------------------------------- facts in


@dataclass(frozen=True)
class EventFact:
    """One timeline event; ``kind`` is one of :data:`wobtrack.vocab.EVENT_KINDS`."""

    kind: str
    on: date
    event_id: int | None = None


@dataclass(frozen=True)
class DecisionFact:
    """One decision letter. ``kind``: 'besluit', 'deelbesluit' or 'bezwaar' (beslissing op bezwaar).

    ``bekendmaking`` is the dispatch date (Awb 3:41); when unknown the letter's date is used.
    """

    decision_id: int | None
    kind: str
    decision_date: date | None
    bekendmaking: date | None = None
    reference: str | None = None
    electronic_filing: bool | None = None
    bezwaar_address: str | None = None
    #: Documents of its inventory whose disclosure is suspended (opgeschort) for third
    #: parties: they may be made public two weeks after the bekendmaking (Woo 4.4 lid 5).
    suspended_documents: int = 0

    @property
    def effective_bekendmaking(self) -> date | None:
        """The bekendmaking, defaulting to the date on the letter (dagtekening)."""
        return self.bekendmaking or self.decision_date


@dataclass(frozen=True)
class RequestFacts:
    """Everything :func:`derive_status` needs about one request."""

    regime: str | None
    received: date | None
    events: tuple[EventFact, ...] = ()
    decisions: tuple[DecisionFact, ...] = ()
    bezwaar_committee: bool = False


# --------------------------------------------------------------------------- status out


class Flag(NamedTuple):
    """An event that is stored but makes no legal sense, with the reason."""

    event_id: int | None
    message: str


@dataclass(frozen=True)
class TrackedDeadline(Deadline):
    """A :class:`Deadline` as it applies to one request on one day."""

    key: str = field(kw_only=True)
    action: str = field(kw_only=True)
    days_left: int = field(kw_only=True)
    passed: bool = field(kw_only=True)
    decision_id: int | None = field(default=None, kw_only=True)

    def to_json(self) -> TrackedDeadlineJSON:
        """The deadline's JSON plus key, action, days_left, passed and decision_id."""
        return TrackedDeadlineJSON(
            key=self.key,
            **super().to_json(),
            action=self.action,
            days_left=self.days_left,
            passed=self.passed,
            decision_id=self.decision_id,
        )


@dataclass(frozen=True)
class RequestStatus:
    """A request's derived state, its applicable deadlines (soonest first), flags and warnings."""

    state: str
    regime: str | None
    deadlines: tuple[TrackedDeadline, ...]
    flags: tuple[Flag, ...]
    warnings: tuple[str, ...]

    def deadline(self, key: str) -> TrackedDeadline | None:
        """The first deadline with ``key``, if any."""
        return next((item for item in self.deadlines if item.key == key), None)

    def to_json(self) -> RequestStatusJSON:
        """A JSON-ready dict."""
        return {
            "state": self.state,
            "regime": self.regime,
            "deadlines": [item.to_json() for item in self.deadlines],
            "flags": [{"event_id": flag.event_id, "message": flag.message} for flag in self.flags],
            "warnings": list(self.warnings),
        }


# --------------------------------------------------------------------------- derivation


@dataclass
class _Decision:
    """A (partial) decision open to bezwaar, from a DecisionFact or a bare 'decision' event."""

    bekendmaking: date
    decision_id: int | None
    final: bool
    fact: DecisionFact | None


@dataclass
class _Deriver:
    facts: RequestFacts
    today: date
    flags: list[Flag] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    deadlines: list[TrackedDeadline] = field(default_factory=list)
    events: list[EventFact] = field(default_factory=list)

    # ---------------------------------------------------------------- small helpers

    def flag(self, event: EventFact, message: str) -> None:
        flag = Flag(event.event_id, message)
        if flag not in self.flags:  # a period can be paired in more than one phase
            self.flags.append(flag)

    def warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)

    def of(
        self, *kinds: str, after: date | None = None, until: date | None = None
    ) -> list[EventFact]:
        """Events of ``kinds`` with after < on <= until, in date order."""
        return [
            event
            for event in self.events
            if event.kind in kinds
            and (after is None or event.on > after)
            and (until is None or event.on <= until)
        ]

    def track(
        self,
        deadline: Deadline,
        key: str,
        decision_id: int | None = None,
        *,
        related_due: date | None = None,
        where: str = "",
    ) -> None:
        """Add ``deadline`` under ``key``, worded by the key's row in the deadline table."""
        days_left = (deadline.due - self.today).days
        action = KEYS[key].action(
            ActionFacts(
                due=deadline.due,
                earliest_due=deadline.earliest_due,
                days_left=days_left,
                related_due=related_due,
                where=where,
            )
        )
        self.deadlines.append(
            TrackedDeadline(
                kind=deadline.kind,
                due=deadline.due,
                raw_end=deadline.raw_end,
                basis=deadline.basis,
                steps=deadline.steps,
                warnings=deadline.warnings,
                alternatives=deadline.alternatives,
                key=key,
                action=action,
                days_left=days_left,
                passed=days_left < 0,
                decision_id=decision_id,
            )
        )

    # ---------------------------------------------------------------- events

    def load_events(self) -> None:
        """Normalise kinds, drop unknown and future events (flagged), sort by date."""
        indexed = []
        for index, event in enumerate(self.facts.events):
            kind = normalise_event_kind(event.kind)
            if kind not in EVENT_KINDS:
                self.flag(event, f"unknown event kind {event.kind!r}; ignored")
                continue
            if event.on > self.today:
                self.flag(
                    event,
                    f"dated {human_date(event.on)}, after today ({human_date(self.today)}); "
                    "ignored until then",
                )
                continue
            indexed.append(
                (event.on, index, event if kind == event.kind else replace(event, kind=kind))
            )
        self.events = [event for _, _, event in sorted(indexed, key=lambda item: item[:2])]

    def periods(
        self,
        start_kind: str,
        end_kind: str,
        *,
        wording: SuspensionWording,
        label: str,
        basis: str,
        after: date | None = None,
        until: date | None = None,
    ) -> list[Suspension]:
        """Pair start/end events into suspension periods; an unpaired start is still running."""
        periods: list[Suspension] = []
        open_start: EventFact | None = None
        for event in self.of(start_kind, end_kind, after=after, until=until):
            if event.kind == start_kind:
                if open_start is not None:
                    self.flag(event, f"{start_kind} while one is already running; ignored")
                    continue
                open_start = event
            elif open_start is None:
                self.flag(event, f"{end_kind} without a preceding {start_kind}; ignored")
            else:
                periods.append(Suspension(open_start.on, event.on, wording, label, basis))
                open_start = None
        if open_start is not None:
            # Still running: count the days through today ("tot" stops the day before its end).
            end = self.today if wording == "tot en met" else self.today + ONE_DAY
            periods.append(
                Suspension(
                    open_start.on, max(end, open_start.on), wording, label, basis, ongoing=True
                )
            )
        return periods

    # ---------------------------------------------------------------- decisions

    def decisions(self) -> list[_Decision]:
        """Decisions open to bezwaar (besluit, deelbesluit), from facts or else from events."""
        found: list[_Decision] = []
        facts = [fact for fact in self.facts.decisions if fact.kind in ("besluit", "deelbesluit")]
        for fact in facts:
            bekendmaking = fact.effective_bekendmaking
            if bekendmaking is None:
                name = fact.reference or (
                    f"#{fact.decision_id}" if fact.decision_id else "(unnamed)"
                )
                self.warn(f"Decision {name} has no date: its bezwaar term cannot be computed.")
                continue
            if bekendmaking > self.today:
                continue
            found.append(_Decision(bekendmaking, fact.decision_id, fact.kind == "besluit", fact))
        if not facts:
            # A 'decision' event without an imported letter: its date stands in for bekendmaking.
            for event in self.of("decision"):
                found.append(_Decision(event.on, None, True, None))
                self.warn(
                    f"The decision of {human_date(event.on)} is known only as an event: its date "
                    "is used as the bekendmaking (Awb 3:41: the day it was sent counts)."
                )
        elif self.of("decision") and not any(item.final for item in found):
            self.warn(
                "Only partial decisions (deelbesluiten) are recorded: the decision term for the "
                "rest of the request keeps running."
            )
        return sorted(found, key=lambda item: item.bekendmaking)

    # ---------------------------------------------------------------- regime

    def regime(self, received: date | None) -> str | None:
        given = self.facts.regime
        if given is not None and given not in ("wob", "woo"):
            self.warn(f"Unknown regime {given!r}; derived from the receipt date instead.")
            given = None
        if received is None:
            return given
        derived = regime_on(received)
        if given is not None and given != derived:
            self.warn(
                f"Regime {given} was recorded, but a request received {human_date(received)} falls "
                f"under the {derived.capitalize()} by its receipt date (Woo in force 1 May 2022)."
            )
        return given or derived

    # ---------------------------------------------------------------- decision phase

    def decision_phase(self, received: date, regime: str, pending_on_woo_day: bool) -> None:
        """Decision due, verdaging, suspensions, ingebrekestelling and beroep niet tijdig."""
        woo = regime == "woo"
        compute = woo_decision if woo else wob_decision
        suspensions = self.periods(
            "zienswijze_started",
            "zienswijze_ended",
            wording="tot en met" if woo else "tot",
            label="zienswijze",
            basis="Woo 4.4 lid 3" if woo else "Wob art. 6 lid 3",
        ) + self.periods(
            "suspended",
            "resumed",
            wording="tot",
            label="opschorting",
            basis="Awb 4:15",
        )
        first = compute(received, suspensions=suspensions)
        notice = self.verdaging(received, first.due, woo)
        deadline = compute(received, extension_notice=notice, suspensions=suspensions)
        deadline = self.precisering(received, woo, deadline, compute, notice, suspensions)
        if pending_on_woo_day and not woo:
            other = woo_decision(received, extension_notice=notice, suspensions=suspensions)
            if other.due != deadline.due:
                deadline = _with(
                    deadline,
                    "[U] Wob request pending on 1 May 2022 (legal-spec 5.2): under the Woo's "
                    f"terms the decision would be due {human_date(other.due)}.",
                    AlternativeDue(other.due, "the Woo's decision term (legal-spec 5.2)"),
                )
        key = "decision_extended_due" if deadline.kind.endswith("extended_due") else "decision_due"
        self.track(deadline, key)
        self.default_remedies(deadline, after=received, until=None)

    def verdaging(self, received: date, first_due: date, woo: bool) -> date | None:
        """The notice date of the one valid verdaging; flag the others."""
        article = "Woo 4.4 lid 2" if woo else "Wob art. 6 lid 2"
        valid: date | None = None
        for event in self.of("extended"):
            if valid is not None:
                self.flag(
                    event,
                    f"second verdaging: {article} allows one verdaging; ignored "
                    f"(the first was notified {human_date(valid)})",
                )
            elif event.on < received:
                self.flag(event, "verdaging notified before the request was received; ignored")
            elif event.on > first_due:
                self.flag(
                    event,
                    f"verdaging notified {human_date(event.on)}, after the first term ended on "
                    f"{human_date(first_due)}: it does not extend the term ({article}); ignored",
                )
            else:
                valid = event.on
        return valid

    def precisering(
        self,
        received: date,
        woo: bool,
        deadline: Deadline,
        compute: Callable[..., Deadline],
        notice: date | None,
        suspensions: list[Suspension],
    ) -> Deadline:
        """Spec open point 3: a precisering request does not suspend by default; show what if."""
        periods = self.periods(
            "precisering_requested",
            "precisering_given",
            wording="tot",
            label="precisering",
            basis="Awb 4:15 lid 1 a",
        )
        if not periods:
            return deadline
        if woo:
            limit = precisering_request_due(received)
            for event in self.of("precisering_requested"):
                if event.on > limit.due:
                    self.flag(
                        event,
                        f"precisering requested {human_date(event.on)}, after the two weeks of "
                        f"Woo 4.1 lid 5 ended on {human_date(limit.due)}",
                    )
        # Under that reading the first term is longer, so a verdaging that came "late" may be
        # timely: re-judge it before computing the other date.
        wider = [*suspensions, *periods]
        first = compute(received, suspensions=wider)
        timely = [e.on for e in self.of("extended") if received <= e.on <= first.due]
        other = compute(
            received, extension_notice=timely[0] if timely else notice, suspensions=wider
        )
        text = (
            "[U] A precisering request (Woo 4.1 lid 5) is not treated as suspending the decision "
            "term (legal-spec 9.3)."
        )
        if other.due == deadline.due:
            return _with(deadline, text)
        return _with(
            deadline,
            f"{text} If it suspends it (Awb 4:15 lid 1 a), the decision is due "
            f"{human_date(other.due)}.",
            AlternativeDue(other.due, "if the precisering request suspended the term (Awb 4:15)"),
        )

    def default_remedies(self, deadline: Deadline, *, after: date, until: date | None) -> None:
        """ingebrekestelling_from or beroep_niet_tijdig_from for a decision term (Awb 6:12)."""
        sent = self.of("ingebrekestelling_sent", after=after, until=until)
        earliest = ingebrekestelling_after(deadline)
        valid: EventFact | None = None
        risky: EventFact | None = None
        for event in sent:
            if event.on <= deadline.due:
                self.flag(
                    event,
                    f"premature: received {human_date(event.on)}, on or before the last day of the "
                    f"term ({human_date(deadline.due)}); it does not count. Send a new one from "
                    f"{human_date(earliest.due)}",
                )
            elif event.on < earliest.due:
                self.flag(
                    event,
                    f"[U] possibly premature: under another reading the term ran until "
                    f"{human_date(earliest.due - ONE_DAY)}; to be safe send a new one from "
                    f"{human_date(earliest.due)}",
                )
                risky = risky or event
            else:
                valid = event
                break
        used = valid or risky
        if used is None or valid is None:
            self.track(earliest, "ingebrekestelling_from", related_due=deadline.due)
        if used is not None:
            beroep = beroep_niet_tijdig_earliest(used.on)
            if valid is None:
                beroep = _with(
                    beroep,
                    f"[U] Based on the ingebrekestelling of {human_date(used.on)}, which may be "
                    "premature under another reading of the decision term.",
                )
            self.track(beroep, "beroep_niet_tijdig_from")

    # ---------------------------------------------------------------- bezwaar phase

    def bezwaar_term(self, decision: _Decision, regime: str | None) -> Deadline:
        """The bezwaar term of a decision, suspended by an ACOI complaint if one was sent."""
        plain = bezwaar_end(decision.bekendmaking)
        complaints = self.of(
            "acoi_complaint_sent", after=decision.bekendmaking - ONE_DAY, until=plain.due
        )
        if not complaints:
            return plain
        complaint = complaints[0]
        if regime == "wob":
            self.flag(
                complaint, "an ACOI complaint suspends the bezwaar term only under the Woo (7.3)"
            )
            return plain
        advice = next(iter(self.of("acoi_advice", after=complaint.on - ONE_DAY)), None)
        return bezwaar_end_acoi(
            decision.bekendmaking,
            complaint.on,
            advice.on if advice else None,
            as_of=self.today,
        )

    def remedies_for(self, decision: _Decision, regime: str | None) -> None:
        """bezwaar_end and bezwaar_post_receipt of a decision not yet objected to."""
        term = self.bezwaar_term(decision, regime)
        post = bezwaar_post_latest_receipt(decision.bekendmaking, bezwaar_term=term)
        fact = decision.fact
        where = ""
        if fact is not None and fact.bezwaar_address:
            where = f" at {' '.join(fact.bezwaar_address.split())}"  # addresses span lines
        if fact is not None and fact.electronic_filing:
            where += "; electronic filing is open"
        if term.due >= self.today:
            self.track(term, "bezwaar_end", decision.decision_id, where=where)
        if post.due >= self.today:
            self.track(post, "bezwaar_post_receipt", decision.decision_id, related_due=term.due)

    def bezwaar_decision_phase(
        self, filing: EventFact, target: _Decision | None, regime: str | None
    ) -> None:
        """Deadlines while a bezwaar waits for its decision (Awb 7:10, Woo 7.3 lid 3, Awb 6:12)."""
        if target is None:
            self.flag(
                filing,
                "bezwaar filed before any recorded decision (Awb 6:10); the decision term on "
                "bezwaar cannot be computed",
            )
            return
        term = self.bezwaar_term(target, regime)
        if filing.on > term.due:
            post = bezwaar_post_latest_receipt(target.bekendmaking, bezwaar_term=term)
            if filing.on <= post.due:
                self.flag(
                    filing,
                    f"filed {human_date(filing.on)}, after the bezwaar term ended on "
                    f"{human_date(term.due)}: on time only if it was posted by then "
                    "(Awb 6:9 lid 2)",
                )
            else:
                self.flag(
                    filing,
                    f"filed {human_date(filing.on)}, after the bezwaar term ended on "
                    f"{human_date(term.due)}: late unless the lateness is excusable (Awb 6:11)",
                )
        until = None  # only open bezwaren get here: every later event still counts
        if term.kind == "bezwaar_end_acoi_suspended":
            advice = self.of("acoi_advice", after=target.bekendmaking, until=until)
            if not advice:
                self.warn(
                    "Bezwaar after an ACOI complaint: the decision is due two weeks after the "
                    "ACOI's advice (Woo 7.3 lid 3), which has not been recorded yet."
                )
                return
            deadline = bezwaar_decision_acoi(advice[0].on)
        else:
            suspensions = self.periods(
                "suspended",
                "resumed",
                wording="tot",
                label="opschorting",
                basis="Awb 7:10 lid 2",
                after=filing.on - ONE_DAY,
                until=until,
            )
            committee = self.facts.bezwaar_committee
            first = bezwaar_decision(
                target.bekendmaking, committee=committee, suspensions=suspensions, bezwaar_term=term
            )
            notice: date | None = None
            for event in self.of("bezwaar_extended", after=filing.on - ONE_DAY, until=until):
                if notice is not None:
                    self.flag(
                        event,
                        "second verdaging of the decision on bezwaar: further delay needs consent "
                        "(Awb 7:10 lid 4) and is not computed; ignored",
                    )
                elif event.on > first.due:
                    self.flag(
                        event,
                        f"verdaging notified {human_date(event.on)}, after the term ended on "
                        f"{human_date(first.due)} (Awb 7:10 lid 3); ignored",
                    )
                else:
                    notice = event.on
            deadline = bezwaar_decision(
                target.bekendmaking,
                committee=committee,
                extension_notice=notice,
                suspensions=suspensions,
                bezwaar_term=term,
            )
        self.track(deadline, "bezwaar_decision_due", target.decision_id)
        self.default_remedies(deadline, after=filing.on, until=until)

    # ---------------------------------------------------------------- disclosure

    def disclosures(self, regime: str | None) -> None:
        """The day documents held back for third parties may be made public (Woo 4.4 lid 5),
        per decision with suspended documents, until that day has passed."""
        for fact in self.facts.decisions:
            if fact.suspended_documents <= 0:
                continue
            bekendmaking = fact.effective_bekendmaking
            if bekendmaking is None:
                self.warn(
                    f"Decision #{fact.decision_id} has {fact.suspended_documents} suspended "
                    "document(s) but no date: the day they may be made public cannot be computed."
                )
                continue
            if bekendmaking > self.today:
                continue
            deadline = third_party_disclosure(bekendmaking)
            if regime == "wob":
                deadline = _with(
                    deadline,
                    "[U] A Wob request: the two weeks of Woo 4.4 lid 5 are applied; the Wob's "
                    "own rule is not in wobtrack's legal spec (unverified).",
                )
            if fact.kind == "bezwaar":
                deadline = _with(
                    deadline,
                    "[U] A beslissing op bezwaar: the two weeks of Woo 4.4 lid 5 are applied to "
                    "it as to a besluit (unverified).",
                )
            if deadline.due >= self.today:
                self.track(deadline, "woo_third_party_disclosure_date", fact.decision_id)

    # ---------------------------------------------------------------- main

    def derive(self) -> RequestStatus:
        self.load_events()
        if self.of("forwarded"):
            self.warn(
                "[U] (Part of) the request was forwarded (Woo 4.2): when the term starts for the "
                "forwarded part is unsettled (legal-spec 9.8); the dates here concern the part "
                "this authority kept."
            )
        received = self.received()
        decisions = self.decisions()
        final = [item for item in decisions if item.final]
        decided_on = final[0].bekendmaking if final else None
        regime = self.regime(received)

        withdrawn = self.of("withdrawn")
        if withdrawn:
            return self.result("withdrawn", regime, deadlines=False)

        pending_on_woo_day = (
            received is not None
            and received < WOO_IN_FORCE
            and (decided_on is None or decided_on >= WOO_IN_FORCE)
        )
        if pending_on_woo_day and regime == "wob":
            self.warn(
                "[U] This Wob request was still undecided on 1 May 2022, when the Woo took effect "
                "without transitional law: which decision term governed is unsettled "
                "(legal-spec 5.2). The Woo's term is shown as another reading where it differs."
            )
        unverified = wob_terms_unverified(received) if received is not None else None
        if regime == "wob" and unverified is not None:
            self.warn(unverified)

        # Bezwaar filings, each closed by the next beslissing op bezwaar.
        answers = self.bezwaar_answers()
        open_filings: list[tuple[EventFact, _Decision | None]] = []
        closed: list[tuple[date, int | None]] = []
        objected: set[int] = set()
        for filing in self.of("bezwaar_filed"):
            targets = [item for item in decisions if item.bekendmaking <= filing.on]
            target = targets[-1] if targets else None
            if target is not None:
                objected.add(id(target))
            answer = next((item for item in answers if item[0] >= filing.on), None)
            if answer is not None:
                answers.remove(answer)
                closed.append(answer)
            else:
                open_filings.append((filing, target))
        # A beslissing op bezwaar whose bezwaar was not logged still proves one: the decision
        # before it is no longer open to bezwaar, and beroep lies against it (Awb 6:7, 8:1).
        for answer in answers:
            targets = [item for item in decisions if item.bekendmaking <= answer[0]]
            if targets:
                objected.add(id(targets[-1]))
            closed.append(answer)

        if closed and not decisions:
            self.warn(
                "A beslissing op bezwaar is recorded but not the decision it concerns: the "
                "decision term is not tracked."
            )
        elif received is not None and not final and regime is not None:
            self.decision_phase(received, regime, pending_on_woo_day)
        for decision in decisions:
            if id(decision) not in objected:
                self.remedies_for(decision, regime)
        for filing, target in open_filings:
            self.bezwaar_decision_phase(filing, target, regime)
        for bekendmaking, decision_id in closed:
            end = beroep_end(bekendmaking)
            if end.due >= self.today:
                self.track(end, "beroep_end", decision_id)
        self.disclosures(regime)

        if open_filings:
            state = "bezwaar_filed"
        elif final or closed:
            remedies = {"bezwaar_end", "bezwaar_post_receipt", "beroep_end"}
            state = "decided" if any(item.key in remedies for item in self.deadlines) else "closed"
        elif received is None:
            state = "not_received"
        else:
            due = next(
                item
                for item in self.deadlines
                if item.key in ("decision_due", "decision_extended_due")
            )
            state = "overdue" if self.today > due.due else "awaiting_decision"
        return self.result(state, regime, deadlines=True)

    def bezwaar_answers(self) -> list[tuple[date, int | None]]:
        """Bekendmaking and id of each beslissing op bezwaar (facts, else the events)."""
        answers: list[tuple[date, int | None]] = []
        for fact in self.facts.decisions:
            day = fact.effective_bekendmaking
            if fact.kind == "bezwaar" and day is not None and day <= self.today:
                answers.append((day, fact.decision_id))
        if not answers:
            answers = [(event.on, None) for event in self.of("bezwaar_decided")]
        return sorted(answers, key=lambda item: item[0])

    def received(self) -> date | None:
        events = self.of("received")
        if self.facts.received is not None:
            if events and events[0].on != self.facts.received:
                self.flag(
                    events[0],
                    f"'received' event on {human_date(events[0].on)} differs from the request's "
                    f"receipt date {human_date(self.facts.received)}; the receipt date is used",
                )
            return self.facts.received
        return events[0].on if events else None

    def result(self, state: str, regime: str | None, *, deadlines: bool) -> RequestStatus:
        order = {key: index for index, key in enumerate(DEADLINE_KEYS)}
        items = (
            sorted(self.deadlines, key=lambda item: (item.due, order.get(item.key, 99)))
            if deadlines
            else []
        )
        return RequestStatus(
            state=state,
            regime=regime,
            deadlines=tuple(items),
            flags=tuple(self.flags),
            warnings=tuple(self.warnings),
        )


def _with(deadline: Deadline, warning: str, alternative: AlternativeDue | None = None) -> Deadline:
    """A copy of ``deadline`` with one more warning (and alternative date)."""
    alternatives = deadline.alternatives
    if alternative is not None and alternative not in alternatives:
        alternatives = tuple(sorted((*alternatives, alternative), key=lambda alt: alt.due))
    warnings = deadline.warnings if warning in deadline.warnings else (*deadline.warnings, warning)
    return replace(deadline, warnings=warnings, alternatives=alternatives)


def ingebrekestelling_after(decision_term: Deadline) -> Deadline:
    """The first day an ingebrekestelling counts after ``decision_term`` (Awb 6:12 lid 2 a),
    past every later reading of that term (as the engine tracks ``ingebrekestelling_from``)."""
    return ingebrekestelling_earliest(decision_term.due, later_readings=decision_term.alternatives)


def bezwaar_terms(
    facts: RequestFacts, decision: DecisionFact, today: date
) -> tuple[Deadline, Deadline] | None:
    """The bezwaar term of ``decision`` and the latest receipt of a bezwaar posted in it.

    As the engine computes them for ``bezwaar_end`` and ``bezwaar_post_receipt`` (with the
    suspension by an ACOI complaint under the Woo), also once they have passed or a bezwaar
    has been filed and the engine no longer tracks them. ``None`` when the decision has no date.
    """
    bekendmaking = decision.effective_bekendmaking
    if bekendmaking is None:
        return None
    deriver = _Deriver(facts, today)
    deriver.load_events()
    regime = deriver.regime(deriver.received())
    target = _Decision(bekendmaking, decision.decision_id, decision.kind == "besluit", decision)
    term = deriver.bezwaar_term(target, regime)
    return term, bezwaar_post_latest_receipt(bekendmaking, bezwaar_term=term)


def derive_status(facts: RequestFacts, today: date) -> RequestStatus:
    """Derive the state and the deadlines that apply on ``today`` from a request's facts.

    Deadlines that no longer apply are left out (no decision due once decided, no bezwaar
    term once a bezwaar is filed or the term has passed). Deadlines of the authority that
    have passed stay while the authority is in default.
    """
    return _Deriver(facts, today).derive()


__all__ = [
    "DEADLINE_KEYS",
    "STATES",
    "DecisionFact",
    "EventFact",
    "Flag",
    "RequestFacts",
    "RequestStatus",
    "TrackedDeadline",
    "bezwaar_terms",
    "derive_status",
    "ingebrekestelling_after",
]
