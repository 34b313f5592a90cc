"""The statutory terms of a Wob/Woo request, as pure functions of dates.

Every function returns a :class:`Deadline`: the due date, the unextended raw end, the
articles it rests on, the steps in words (so a lawyer can redo the sum by hand) and the
warnings for every rule the specification marks [U] (unverified). Core arithmetic
(legal-spec 1): "N weeks counted from the day after E" ends on E + 7·N days; suspended days
are added; the Atw is applied to the last day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from wobtrack.contracts import DeadlineJSON
from wobtrack.dates import human_date
from wobtrack.deadlines.calendar import (
    ONE_DAY,
    AlternativeDue,
    check_year,
    describe_day,
    extend,
    is_working_day,
)

# Re-exported (the headings of Deadline.title); their one home is the key table.
from wobtrack.deadlines.keys import KIND_TITLES as KIND_TITLES
from wobtrack.deadlines.law import WOO_IN_FORCE, wob_terms_unverified
from wobtrack.errors import InvalidInput

SuspensionWording = Literal["tot", "tot en met"]

#: How many results each term function keeps. A listing of 10,000 requests asks for the same
#: few thousand receipt and bekendmaking dates over and over; every argument is an immutable
#: date, number or frozen value and every result a frozen ``Deadline``, so a cached result is
#: the one a fresh computation gives (errors are raised again, never cached).
_CACHED = 16384


@dataclass(frozen=True)
class Deadline:
    """One computed date with its explanation.

    ``alternatives`` holds the date under other readings of [U] rules (each also explained
    in ``warnings``); ``due`` always follows the specification's convention.
    """

    kind: str
    due: date
    raw_end: date
    basis: tuple[str, ...]
    steps: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    alternatives: tuple[AlternativeDue, ...] = ()

    @property
    def title(self) -> str:
        """A one-line heading for this kind."""
        return KIND_TITLES.get(self.kind, self.kind)

    @property
    def latest_due(self) -> date:
        """The latest date any reading gives: wait past it before acting on a default."""
        return max([self.due, *(alt.due for alt in self.alternatives)])

    @property
    def earliest_due(self) -> date:
        """The earliest date any reading gives: the safe date for the requester's own acts."""
        return min([self.due, *(alt.due for alt in self.alternatives)])

    def to_json(self) -> DeadlineJSON:
        """A JSON-ready dict with ISO dates and a stable key order."""
        return {
            "kind": self.kind,
            "due": self.due.isoformat(),
            "due_weekday": human_date(self.due)[:3],
            "raw_end": self.raw_end.isoformat(),
            "basis": list(self.basis),
            "steps": list(self.steps),
            "warnings": list(self.warnings),
            "alternatives": [alt.to_json() for alt in self.alternatives],
        }


# --------------------------------------------------------------------------- suspension


def suspended_dates(notice: date, end: date, wording: SuspensionWording) -> tuple[date, ...]:
    """The suspended calendar days of a period starting the day after ``notice``.

    "tot" (Awb 4:15, Awb 7:10 lid 2, Woo 7.3 lid 2, Wob 6 lid 3): days notice+1 .. end-1.
    "tot en met" (Woo 4.4 lid 3): days notice+1 .. end.
    """
    if end < notice:
        raise InvalidInput(
            f"a suspension cannot end ({end.isoformat()}) before it starts ({notice.isoformat()})"
        )
    last = end if wording == "tot en met" else end - ONE_DAY
    count = (last - notice).days
    return tuple(notice + timedelta(days=offset) for offset in range(1, count + 1))


def count_suspended_days(notice: date, end: date, wording: SuspensionWording) -> int:
    """How many days a period suspends: "tot" counts end-notice-1, "tot en met" end-notice."""
    return len(suspended_dates(notice, end, wording))


@dataclass(frozen=True)
class Suspension:
    """A period in which a term stands still, with the wording of its article."""

    notice: date
    end: date
    wording: SuspensionWording
    label: str
    basis: str
    #: Still running: ``end`` is a provisional end (e.g. today) and the date will move.
    ongoing: bool = False

    def days(self) -> tuple[date, ...]:
        """The suspended calendar days."""
        return suspended_dates(self.notice, self.end, self.wording)

    def describe(self) -> str:
        """One step in words, e.g. for a zienswijze under Woo 4.4 lid 3."""
        days = self.days()
        head = (
            f"{self.label} ({self.basis}, '{self.wording}'): "
            f"from the day after {human_date(self.notice)}"
        )
        if self.ongoing:
            head += f", still running; counted through {human_date(days[-1]) if days else 'today'}"
        else:
            head += f" {self.wording} {human_date(self.end)}"
        if not days:
            return f"{head} → no day suspended"
        span = f"{human_date(days[0])} – {human_date(days[-1])}"
        return f"{head} → suspended {span} = {_days(len(days))}"


# --------------------------------------------------------------------------- helpers


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def _weeks(days: int) -> str:
    weeks = days // 7
    return f"{weeks} week{'s' if weeks != 1 else ''} ({days} days)"


def _run(start: date, days: int, suspended: frozenset[date]) -> tuple[date, int]:
    """Count ``days`` term days from the day after ``start``, skipping suspended days.

    Returns the last day and the number of suspended days skipped. Suspended days before
    the term starts or after it has ended are never reached, so they do not count.
    """
    day, counted, skipped = start, 0, 0
    while counted < days:
        day += ONE_DAY
        if day in suspended:
            skipped += 1
        else:
            counted += 1
    return day, skipped


@dataclass
class _Explainer:
    """Collects steps, basis, warnings and alternatives while a term is computed."""

    steps: list[str] = field(default_factory=list)
    basis: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    alternatives: list[AlternativeDue] = field(default_factory=list)

    def cite(self, *items: str) -> None:
        for item in items:
            if item not in self.basis:
                self.basis.append(item)

    def warn(self, text: str, alternative: AlternativeDue | None = None) -> None:
        if text not in self.warnings:
            self.warnings.append(text)
        if alternative is not None and alternative not in self.alternatives:
            self.alternatives.append(alternative)

    def atw(self, raw_end: date, *, term_start: date, label: str = "raw end") -> date:
        """Apply the Atw to a term's last day and record why."""
        ext = extend(raw_end, term_start=term_start, label=label)
        self.steps.extend(ext.steps)
        self.cite(*ext.basis)
        for text in ext.warnings:
            self.warn(text)
        for alt in ext.alternatives:
            if alt not in self.alternatives:
                self.alternatives.append(alt)
        return ext.end

    def term(
        self,
        label: str,
        start: date,
        days: int,
        *,
        suspensions: Sequence[Suspension] = (),
        suspended_days: int = 0,
        raw_label: str = "raw end",
    ) -> date:
        """Record "start + N weeks (+ suspended days) = raw end" and return the raw end."""
        suspended = frozenset(day for period in suspensions for day in period.days())
        for period in suspensions:
            self.steps.append(period.describe())
            self.cite(period.basis)
            if period.ongoing:
                self.warn(
                    f"The {period.label} ({period.basis}) has not ended yet: this date is "
                    "provisional and moves one day later for every further day it lasts."
                )
        end, skipped = _run(start, days, suspended)
        listed = sum(len(period.days()) for period in suspensions)
        if listed != len(suspended):
            self.steps.append(
                f"{_days(listed - len(suspended))} lie in more than one period and count once"
            )
        if len(suspended) != skipped:
            self.steps.append(
                f"{_days(len(suspended) - skipped)} of the suspended days fall outside the running "
                "term (before it started or after it ended) and do not count"
            )
        total = skipped + suspended_days
        end += timedelta(days=suspended_days)
        extra = f" + {_days(total)} suspended" if total else ""
        if suspended_days:
            extra += (
                " (as given)"
                if not skipped
                else f" ({skipped} counted + {suspended_days} as given)"
            )
        self.steps.append(
            f"{label} {human_date(start)} + {_weeks(days)}{extra} = {raw_label} {human_date(end)}"
        )
        return end

    def build(self, kind: str, due: date, raw_end: date) -> Deadline:
        return Deadline(
            kind=kind,
            due=due,
            raw_end=raw_end,
            basis=tuple(self.basis),
            steps=tuple(self.steps),
            warnings=tuple(self.warnings),
            alternatives=tuple(
                sorted(set(self.alternatives), key=lambda alt: (alt.due, alt.reason))
            ),
        )


# --------------------------------------------------------------------------- bezwaar, beroep

_BEZWAAR_BASIS = ("Awb 6:7", "Awb 6:8 lid 1", "Awb 3:41 lid 1")


def _six_weeks(kind: str, label: str, bekendmaking: date, ex: _Explainer) -> Deadline:
    check_year(bekendmaking, label)
    ex.cite(*_BEZWAAR_BASIS)
    raw = ex.term(label, bekendmaking, 42)
    due = ex.atw(raw, term_start=bekendmaking + ONE_DAY)
    return ex.build(kind, due, raw)


@lru_cache(maxsize=_CACHED)
def bezwaar_end(bekendmaking: date) -> Deadline:
    """Last day to file a bezwaar: Atw(bekendmaking + 6 weeks) (Awb 6:7, 6:8, 3:41).

    ``bekendmaking`` is the day the decision was sent (dispatch date; default the date on
    the letter), not the day it was received.
    """
    return _six_weeks("bezwaar_end", "bekendmaking", bekendmaking, _Explainer())


@lru_cache(maxsize=_CACHED)
def beroep_end(bekendmaking: date) -> Deadline:
    """Last day for beroep against the beslissing op bezwaar: Atw(bekendmaking + 6 weeks)."""
    return _six_weeks(
        "beroep_end", "bekendmaking of the beslissing op bezwaar", bekendmaking, _Explainer()
    )


@lru_cache(maxsize=_CACHED)
def bezwaar_post_latest_receipt(
    bekendmaking: date, *, bezwaar_term: Deadline | None = None
) -> Deadline:
    """Latest receipt of a bezwaar posted by the end of the term (Awb 6:9 lid 2; Atw [U]).

    ``bezwaar_term`` overrides the plain bezwaar term (e.g. one suspended by an ACOI complaint).
    """
    ex = _Explainer()
    term = bezwaar_term if bezwaar_term is not None else bezwaar_end(bekendmaking)
    ex.steps.extend(term.steps)
    ex.cite(*term.basis, "Awb 6:9 lid 2")
    for text in term.warnings:
        ex.warn(text)
    ex.steps.append(
        f"condition: the bezwaar was handed to the post (ter post bezorgd) on or before "
        f"{human_date(term.due)}; a bezwaar filed electronically counts when received (Awb 2:20)"
    )
    raw = ex.term("bezwaar term ends", term.due, 7, raw_label="end of the postal week")
    due = ex.atw(raw, term_start=term.due + ONE_DAY, label="end of the postal week")
    text = (
        "[U] The Atw is applied to the one-week postal window of Awb 6:9 lid 2 "
        "(specification convention, unverified)."
    )
    if due != raw:
        ex.warn(
            f"{text} Without it a posted bezwaar must arrive by {human_date(raw)}: "
            "to be safe, make sure it arrives by then.",
            AlternativeDue(raw, "without the Atw on the postal week of Awb 6:9 lid 2"),
        )
    else:
        ex.warn(text)
    return ex.build("bezwaar_post_latest_receipt", due, raw)


def bezwaar_end_acoi(
    bekendmaking: date,
    complaint_sent: date,
    advice: date | None,
    *,
    as_of: date | None = None,
) -> Deadline:
    """Bezwaar term suspended by a complaint to the ACOI (Woo 7.3 lid 2; day count [U]).

    Suspended from the day after the complaint was sent "tot" the advice (or the notice that
    no advice will be given): days complaint+1 .. advice-1, the earlier and safer reading.
    With ``advice`` None the suspension is still running and is counted through ``as_of``
    (a provisional date that moves every day).
    """
    check_year(bekendmaking, "bekendmaking")
    ex = _Explainer()
    ex.cite(*_BEZWAAR_BASIS, "Woo 7.3 lid 2")
    ex.steps.append(
        "condition: a complaint to the ACOI (Woo 7.2 lid 4: journalists, researchers and similar "
        "professional users) about this decision, sent while the bezwaar term ran"
    )
    plain = bezwaar_end(bekendmaking)
    if complaint_sent > plain.due:
        ex.warn(
            f"The complaint was sent on {human_date(complaint_sent)}, after the bezwaar term ended "
            f"on {human_date(plain.due)}: there was nothing left to suspend (Woo 7.3 lid 2)."
        )
    if advice is None:
        if as_of is None:
            raise InvalidInput("the date of the ACOI advice is needed")
        period = Suspension(
            complaint_sent,
            max(as_of, complaint_sent) + ONE_DAY,
            "tot",
            "ACOI complaint",
            "Woo 7.3 lid 2",
            ongoing=True,
        )
    else:
        if advice < complaint_sent:
            raise InvalidInput(
                f"the ACOI advice ({advice.isoformat()}) cannot be earlier than the complaint "
                f"({complaint_sent.isoformat()})"
            )
        period = Suspension(complaint_sent, advice, "tot", "ACOI complaint", "Woo 7.3 lid 2")
    ex.steps.append(
        "the suspension ends when the ACOI gives its advice or tells the complainant and the "
        "authority that it will give none"
    )
    raw = ex.term("bekendmaking", bekendmaking, 42, suspensions=[period])
    due = ex.atw(raw, term_start=bekendmaking + ONE_DAY)
    text = (
        "[U] Woo 7.3 lid 2 day count: the day of the ACOI advice is treated as not suspended "
        "(days after the complaint up to the day before the advice: the earlier, safer date)."
    )
    if advice is not None:
        # The other reading: the advice day itself is suspended too ("tot en met").
        wide = Suspension(complaint_sent, advice, "tot en met", "ACOI complaint", "Woo 7.3 lid 2")
        alt_raw, _ = _run(bekendmaking, 42, frozenset(wide.days()))
        alt = extend(alt_raw, term_start=bekendmaking + ONE_DAY).end
        if alt != due:
            text += f" If the advice day is suspended too, the term ends {human_date(alt)}."
            ex.warn(text, AlternativeDue(alt, "if the day of the ACOI advice is suspended too"))
    ex.warn(text)
    return ex.build("bezwaar_end_acoi_suspended", due, raw)


# --------------------------------------------------------------------------- decision terms


@lru_cache(maxsize=_CACHED)
def _decision(
    *,
    regime: Literal["woo", "wob"],
    received: date,
    extended: bool,
    extension_notice: date | None,
    suspended_days: int,
    suspensions: tuple[Suspension, ...],
) -> Deadline:
    check_year(received, "receipt date")
    if suspended_days < 0:
        raise InvalidInput("suspended days cannot be negative")
    ex = _Explainer()
    first_article = "Woo 4.4 lid 1" if regime == "woo" else "Wob art. 6 lid 1"
    ext_article = "Woo 4.4 lid 2" if regime == "woo" else "Wob art. 6 lid 2"
    ext_days = 14 if regime == "woo" else 28
    ex.cite(first_article)
    if suspended_days:
        ex.cite("Woo 4.4 lid 3" if regime == "woo" else "Wob art. 6 lid 3", "Awb 4:15")
        ex.steps.append(
            f"{_days(suspended_days)} suspended as given (count a zienswijze period "
            + (
                "'tot en met' (Woo 4.4 lid 3): notice+1 .. end; "
                if regime == "woo"
                else "'tot' (Wob art. 6 lid 3): notice+1 .. end-1; "
            )
            + "an Awb 4:15 opschorting 'tot': notice+1 .. end-1)"
        )

    first_raw = ex.term(
        "received", received, 28, suspensions=suspensions, suspended_days=suspended_days
    )
    first_due = ex.atw(first_raw, term_start=received + ONE_DAY)
    prefix = f"{regime}_decision"

    def done(kind: str, due: date, raw: date) -> Deadline:
        if regime == "wob" and received < WOO_IN_FORCE <= due:
            ex.warn(
                "[U] The term runs past 1 May 2022: if the request was still undecided then, the "
                "Woo applied from that day and which decision term governed is unsettled "
                "(legal-spec 5.2); compare the Woo term."
            )
        return ex.build(kind, due, raw)

    if regime == "wob":
        _wob_warnings(ex, received)
    elif received < WOO_IN_FORCE:
        ex.warn(
            f"[U] Received {human_date(received)}, before the Woo took effect on 1 May 2022: the "
            "Woo had immediate effect for pending requests, but which decision term governed a "
            "request pending on that day is unsettled (legal-spec 5.2)."
        )

    if extension_notice is not None:
        extended = True
        if extension_notice > first_due or extension_notice < received:
            why = (
                f"after the first term ended on {human_date(first_due)}"
                if extension_notice > first_due
                else f"before the request was received on {human_date(received)}"
            )
            ex.cite(ext_article)
            ex.steps.append(
                f"verdaging notified {human_date(extension_notice)}, {why}: it does not extend "
                f"the term ({ext_article}: notice before the first term ends)"
            )
            ex.warn(
                f"The verdaging notified on {human_date(extension_notice)} came {why}; it is "
                "ignored and the decision was due at the end of the first term."
            )
            return done(f"{prefix}_due", first_due, first_raw)

    if not extended:
        return done(f"{prefix}_due", first_due, first_raw)

    ex.cite(ext_article)
    if extension_notice is not None:
        ex.steps.append(
            f"verdaging notified {human_date(extension_notice)}, on or before "
            f"{human_date(first_due)}, the last day of the first term: valid ({ext_article})"
        )
    else:
        ex.steps.append(
            "verdaging assumed notified in writing, with reasons, on or before "
            f"{human_date(first_due)}, the last day of the first term ({ext_article})"
        )
    pending_woo = (
        regime == "wob" and extension_notice is not None and extension_notice >= WOO_IN_FORCE
    )
    if pending_woo:
        # legal-spec 5.2 / vector V45: a verdaging notified under the Woo adds only 2 weeks.
        ext_days = 14
    weeks_text = f"4 weeks + {ext_days // 7} weeks verdaging"
    suspended = frozenset(day for period in suspensions for day in period.days())
    raw, skipped = _run(received, 28 + ext_days, suspended)
    raw += timedelta(days=suspended_days)
    total = skipped + suspended_days
    suspended_text = f" + {_days(total)} suspended" if total else ""
    ex.steps.append(
        f"convention (A): received {human_date(received)} + {_weeks(28 + ext_days)}"
        f"{suspended_text} ({weeks_text}) = raw end {human_date(raw)}"
    )
    due = ex.atw(raw, term_start=received + ONE_DAY)
    # Reading (B): the verdaging runs on from the Atw-extended end of the first term.
    b_raw, _ = _run(first_due, ext_days, suspended)
    b_due = extend(b_raw, term_start=received + ONE_DAY).end
    if b_due != due:
        ex.warn(
            f"[U] Verdaging on top of an Atw-extended first term (legal-spec 1.5): the due date "
            f"uses convention (A) = Atw(received + {28 + ext_days} days); reading (B) = "
            f"Atw(Atw(first term end) + {ext_days} days) gives {human_date(b_due)}. Do not "
            f"send an ingebrekestelling before {human_date(max(due, b_due) + ONE_DAY)}.",
            AlternativeDue(
                b_due, "reading (B): the verdaging added to the Atw-extended first term"
            ),
        )
    if pending_woo:
        alt_raw, _ = _run(received, 56, suspended)
        alt = extend(alt_raw + timedelta(days=suspended_days), term_start=received + ONE_DAY).end
        ex.warn(
            "[U] Wob request with a verdaging notified on or after 1 May 2022: following the "
            "specification (legal-spec 5.2, V45) the verdaging adds only the Woo's 2 weeks; under "
            f"the Wob's 4 weeks the decision would be due {human_date(alt)}.",
            AlternativeDue(alt, "Wob art. 6 lid 2: 4 weeks verdaging"),
        )
    return done(f"{prefix}_extended_due", due, raw)


def _wob_warnings(ex: _Explainer, received: date) -> None:
    unverified = wob_terms_unverified(received)
    if unverified is not None:
        alt = extend(received + timedelta(days=14), term_start=received + ONE_DAY).end
        ex.warn(
            f"{unverified} Under 2 weeks the first term would end {human_date(alt)}.",
            AlternativeDue(alt, "Wob before 1 October 2009: probably 2 weeks"),
        )
    if received >= WOO_IN_FORCE:
        ex.warn(
            f"Received {human_date(received)}: the Wob was repealed on 1 May 2022 (Woo 10.1), so "
            "this request falls under the Woo; use the Woo decision term."
        )


def woo_decision(
    received: date,
    *,
    extended: bool = False,
    extension_notice: date | None = None,
    suspended_days: int = 0,
    suspensions: Sequence[Suspension] = (),
) -> Deadline:
    """Woo decision term: 4 weeks after receipt (4.4 lid 1), + at most 2 weeks verdaging (lid 2).

    A verdaging counts only when notified on or before the last day of the first term (a
    later notice is ignored with a warning); with ``extended`` and no ``extension_notice``
    a timely notice is assumed. ``suspended_days`` is a plain count; ``suspensions`` are
    periods whose days are counted by their wording (and never twice).
    """
    return _decision(
        regime="woo",
        received=received,
        extended=extended,
        extension_notice=extension_notice,
        suspended_days=suspended_days,
        suspensions=tuple(suspensions),
    )


def wob_decision(
    received: date,
    *,
    extended: bool = False,
    extension_notice: date | None = None,
    suspended_days: int = 0,
    suspensions: Sequence[Suspension] = (),
) -> Deadline:
    """Wob decision term (requests before 1 May 2022): 4 weeks + at most 4 weeks (Wob art. 6)."""
    return _decision(
        regime="wob",
        received=received,
        extended=extended,
        extension_notice=extension_notice,
        suspended_days=suspended_days,
        suspensions=tuple(suspensions),
    )


def ingebrekestelling_earliest(
    decision_due: date, *, later_readings: Iterable[AlternativeDue] = ()
) -> Deadline:
    """First day an ingebrekestelling counts: the day after the decision term (Awb 6:12 lid 2 a).

    One received on or before the last day of the term is premature. No Atw: this is not the
    end of a term. ``later_readings`` (e.g. reading (B)) push the date past their latest day.
    """
    return _ingebrekestelling_earliest(decision_due, tuple(later_readings))


@lru_cache(maxsize=_CACHED)
def _ingebrekestelling_earliest(
    decision_due: date, later_readings: tuple[AlternativeDue, ...]
) -> Deadline:
    check_year(decision_due, "decision due date")
    ex = _Explainer()
    ex.cite("Awb 6:12 lid 2 a", "recht.nl 'Bestuursorgaan heeft recht op zondagsrust' [C]")
    end = decision_due
    if not is_working_day(decision_due):
        end = ex.atw(decision_due, term_start=decision_due, label="given decision due")
        ex.warn(
            f"{describe_day(decision_due)} cannot be the last day of a statutory decision term "
            f"(Atw art. 1 lid 1): the term runs to {human_date(end)}."
        )
    ex.steps.append(
        f"the decision term ends at the end of {human_date(end)}: the authority is in gebreke "
        f"from {human_date(end + ONE_DAY)}"
    )
    latest = end
    for reading in later_readings:
        if reading.due > latest:
            latest = reading.due
            ex.steps.append(
                f"under another reading ({reading.reason}) the term ends "
                f"{human_date(reading.due)}: to be safe, "
                f"not before {human_date(reading.due + ONE_DAY)}"
            )
            ex.warn(
                f"[U] The decision term may end as late as {human_date(reading.due)} "
                f"({reading.reason}); an ingebrekestelling received before "
                f"{human_date(reading.due + ONE_DAY)} could be premature."
            )
    due = latest + ONE_DAY
    ex.steps.append(
        f"an ingebrekestelling received by the authority on or before {human_date(latest)} is "
        "premature and does not count"
    )
    ex.steps.append(
        "no Atw extension: this is not the end of a term, so the day may be a Saturday, Sunday "
        f"or holiday; earliest {describe_day(due)}"
    )
    return ex.build("ingebrekestelling_earliest", due, due)


def beroep_niet_tijdig_earliest(ingebrekestelling_received: date) -> Deadline:
    """First day for beroep against not deciding in time: Atw(ingebrekestelling + 2 weeks) + 1.

    Awb 6:12 lid 2 b; both the Atw on the two weeks and counting from receipt are [U]
    conservative conventions.
    """
    check_year(ingebrekestelling_received, "ingebrekestelling date")
    ex = _Explainer()
    ex.cite("Awb 6:12 lid 2")
    ex.steps.append(
        "condition: the ingebrekestelling was received after the decision term ended "
        "(an earlier one is premature and does not count)"
    )
    raw = ex.term(
        "ingebrekestelling received",
        ingebrekestelling_received,
        14,
        raw_label="end of the two weeks",
    )
    end = ex.atw(raw, term_start=ingebrekestelling_received + ONE_DAY, label="end of the two weeks")
    due = end + ONE_DAY
    ex.steps.append(
        f"two weeks have passed after {human_date(end)}: beroep possible from {human_date(due)}"
    )
    text = (
        "[U] The Atw is applied to the two weeks of Awb 6:12 lid 2 b (conservative convention, "
        "unverified)."
    )
    if end != raw:
        ex.warn(
            f"{text} Without it beroep would be possible from {human_date(raw + ONE_DAY)}.",
            AlternativeDue(raw + ONE_DAY, "without the Atw on the two weeks of Awb 6:12 lid 2 b"),
        )
    else:
        ex.warn(text)
    ex.warn(
        "[U] The two weeks are counted from the day the authority received the "
        "ingebrekestelling, not the day it was sent (conservative convention, unverified)."
    )
    return ex.build("beroep_niet_tijdig_earliest", due, raw)


def bezwaar_decision(
    bekendmaking: date,
    *,
    committee: bool = False,
    extended: bool = False,
    extension_notice: date | None = None,
    suspended_days: int = 0,
    suspensions: Sequence[Suspension] = (),
    bezwaar_term: Deadline | None = None,
) -> Deadline:
    """Decision on bezwaar (Awb 7:10): 6 weeks, 12 with an advisory committee, + at most 6.

    Counted from the day after the (Atw-extended) bezwaar term ended, not from the filing.
    ``bezwaar_term`` overrides the plain bezwaar term (e.g. one suspended by an ACOI complaint).
    """
    ex = _Explainer()
    term = bezwaar_term if bezwaar_term is not None else bezwaar_end(bekendmaking)
    ex.steps.extend(term.steps)
    ex.cite(*term.basis)
    for text in term.warnings:
        ex.warn(text)
    ex.cite("Awb 7:10 lid 1")
    weeks = 12 if committee else 6
    if committee:
        ex.cite("Awb 7:13")
        ex.steps.append("advisory committee (Awb 7:13): 12 weeks instead of 6")
    if suspended_days or suspensions:
        ex.cite("Awb 7:10 lid 2")
    label = "bezwaar term ended"
    first_raw = ex.term(
        label, term.due, weeks * 7, suspensions=suspensions, suspended_days=suspended_days
    )
    first_due = ex.atw(first_raw, term_start=term.due + ONE_DAY)
    if extension_notice is not None:
        extended = True
        if extension_notice > first_due:
            ex.cite("Awb 7:10 lid 3")
            ex.steps.append(
                f"verdaging notified {human_date(extension_notice)}, after the term ended on "
                f"{human_date(first_due)}: it does not extend the term (Awb 7:10 lid 3)"
            )
            ex.warn(
                f"The verdaging notified on {human_date(extension_notice)} came after the decision "
                "term on bezwaar ended; it is ignored."
            )
            return ex.build("bezwaar_decision_due", first_due, first_raw)
    if not extended:
        return ex.build("bezwaar_decision_due", first_due, first_raw)

    ex.cite("Awb 7:10 lid 3")
    ex.steps.append(
        "verdaging by at most 6 weeks, notified in writing (Awb 7:10 lid 3, 5) "
        + (
            f"on {human_date(extension_notice)}"
            if extension_notice is not None
            else f"(assumed on or before {human_date(first_due)})"
        )
    )
    suspended = frozenset(day for period in suspensions for day in period.days())
    total_days = (weeks + 6) * 7
    raw, _ = _run(term.due, total_days, suspended)
    raw += timedelta(days=suspended_days)
    ex.steps.append(
        f"convention (A): bezwaar term ended {human_date(term.due)} + {_weeks(total_days)} "
        f"({weeks} weeks + 6 weeks verdaging) = raw end {human_date(raw)}"
    )
    due = ex.atw(raw, term_start=term.due + ONE_DAY)
    b_raw, _ = _run(first_due, 42, suspended)
    b_due = extend(b_raw, term_start=term.due + ONE_DAY).end
    if b_due != due:
        ex.warn(
            f"[U] Verdaging on top of an Atw-extended first term (legal-spec 1.5): convention (A) "
            f"gives {human_date(due)}, reading (B) gives {human_date(b_due)}. Do not send an "
            f"ingebrekestelling before {human_date(max(due, b_due) + ONE_DAY)}.",
            AlternativeDue(
                b_due, "reading (B): the verdaging added to the Atw-extended first term"
            ),
        )
    if committee and due != raw:
        ex.warn(
            "With verdaging the term totals 18 weeks, and Atw art. 4 sub a excludes terms of more "
            "than twelve weeks; the specification applies the Atw because the statutory term "
            f"itself is 12 weeks. Without the Atw the decision would be due {human_date(raw)}."
        )
    return ex.build("bezwaar_decision_due", due, raw)


def bezwaar_decision_acoi(advice: date) -> Deadline:
    """Decision on bezwaar after an ACOI complaint: 2 weeks after the advice (Woo 7.3 lid 3)."""
    check_year(advice, "ACOI advice date")
    ex = _Explainer()
    ex.cite("Woo 7.3 lid 3")
    ex.steps.append(
        "Woo 7.3 lid 3 replaces Awb 7:10 lid 1 when the complainant objects to the decision the "
        "complaint concerns"
    )
    raw = ex.term("ACOI advice (or notice that no advice will be given)", advice, 14)
    due = ex.atw(raw, term_start=advice + ONE_DAY)
    return ex.build("bezwaar_decision_due_acoi", due, raw)


def precisering_request_due(received: date) -> Deadline:
    """Last day for the authority to ask for precisering: Atw(received + 2 weeks), Woo 4.1 lid 5."""
    check_year(received, "receipt date")
    ex = _Explainer()
    ex.cite("Woo 4.1 lid 5")
    raw = ex.term("received", received, 14)
    due = ex.atw(raw, term_start=received + ONE_DAY)
    ex.steps.append(
        "the same two weeks apply to a decision not to handle the request under Woo 4.6"
    )
    ex.warn(
        "[U] Whether a precisering request suspends the four-week decision term (through Awb 4:15 "
        "lid 1 a) is unsettled (legal-spec 9.3); wobtrack does not suspend it."
    )
    return ex.build("woo_precisering_request_due", due, raw)


def third_party_disclosure(bekendmaking: date) -> Deadline:
    """Disclosure date when a third party is expected to object: 2 weeks after bekendmaking.

    Woo 4.4 lid 5; whether the Atw applies is [U].
    """
    check_year(bekendmaking, "bekendmaking")
    ex = _Explainer()
    ex.cite("Woo 4.4 lid 5")
    raw = ex.term("bekendmaking", bekendmaking, 14)
    due = ex.atw(raw, term_start=bekendmaking + ONE_DAY)
    ex.steps.append(
        "if a voorlopige voorziening (Awb 8:81) is requested, disclosure waits until the judge "
        "rules or the request is withdrawn"
    )
    text = "[U] The Atw is applied to the two weeks of Woo 4.4 lid 5 (unverified)."
    if due != raw:
        ex.warn(
            f"{text} Without it the information would be given on {human_date(raw)}.",
            AlternativeDue(raw, "without the Atw on the two weeks of Woo 4.4 lid 5"),
        )
    else:
        ex.warn(text)
    return ex.build("woo_third_party_disclosure_date", due, raw)
