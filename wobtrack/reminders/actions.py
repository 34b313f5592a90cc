"""What to do about one deadline, in one line. Pure: plain data in, text out; no clock.

The status engine words a short ``action`` per deadline. A reminder has to stand on its own
(in a cron mail or a calendar entry, weeks later), so the lines here also say which decision
a remedy is against (its date and kenmerk), how a bezwaar may be filed and until when a posted
one may arrive. ``days_left`` is passed in rather than read from the deadline so that a
calendar entry, written in advance, can be worded for its own day instead (``None``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wobtrack.contracts import OpenDeadlineJSON, ReminderJSON
from wobtrack.dates import human_date
from wobtrack.deadlines.keys import KEY_TITLES, is_decision_term
from wobtrack.deadlines.status import DecisionFact, RequestFacts, TrackedDeadline


@dataclass(frozen=True)
class RequestInfo:
    """What reminders need to know about one request, read from the database by the caller.

    ``deadlines`` are all the request's deadlines on the day (also passed ones), so that a
    reminder can refer to its siblings: the posted-bezwaar date next to the bezwaar term, the
    decision term an ingebrekestelling follows.
    """

    request_id: int
    authority: str
    subject: str
    reference: str | None
    deadlines: tuple[TrackedDeadline, ...]
    facts: RequestFacts


@dataclass(frozen=True)
class Reminder:
    """One deadline of one request, with the words to act on it."""

    request: RequestInfo
    deadline: TrackedDeadline

    @property
    def title(self) -> str:
        """A short heading, e.g. "Bezwaar term ends"."""
        return KEY_TITLES.get(self.deadline.key, self.deadline.title)

    @property
    def action(self) -> str:
        """What to do, worded as of the day the status was derived."""
        return action_text(self.request, self.deadline, self.deadline.days_left)

    @property
    def calendar_action(self) -> str:
        """What to do, worded for the deadline's own day in a calendar made in advance."""
        return action_text(self.request, self.deadline, None)

    def deadline_json(self) -> OpenDeadlineJSON:
        """One element of ``wobtrack deadlines --json``: the request, the whole deadline
        (basis, steps, warnings) and what to do."""
        return {
            "request_id": self.request.request_id,
            "authority": self.request.authority,
            "subject": self.request.subject,
            "reference": self.request.reference,
            **self.deadline.to_json(),
            "action": self.action,
        }

    def to_json(self) -> ReminderJSON:
        """One element of ``wobtrack remind --json`` (see :mod:`wobtrack.cli.remind`)."""
        return {
            "request_id": self.request.request_id,
            "authority": self.request.authority,
            "subject": self.request.subject,
            "reference": self.request.reference,
            "key": self.deadline.key,
            "title": self.title,
            "due": self.deadline.due.isoformat(),
            "days_left": self.deadline.days_left,
            "decision_id": self.deadline.decision_id,
            "action": self.action,
            "warnings": list(self.deadline.warnings),
        }


# --------------------------------------------------------------------------- helpers


def _one_line(text: str) -> str:
    """An address as one line: the parser keeps the letter's line breaks."""
    return ", ".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def _decision_fact(info: RequestInfo, decision_id: int | None) -> DecisionFact | None:
    if decision_id is None:
        return None
    return next((d for d in info.facts.decisions if d.decision_id == decision_id), None)


def _describe_decision(info: RequestInfo, decision_id: int | None, *, kind: str) -> str:
    """Words such as "the decision of Tue 3 Feb 2026 (kenmerk ABC-123)", as far as known.

    ``kind`` is "decision" (a besluit) or "bezwaar_decided" (a beslissing op bezwaar).
    """
    noun = "the beslissing op bezwaar" if kind == "bezwaar_decided" else "the decision"
    fact = _decision_fact(info, decision_id)
    day: date | None
    reference: str | None = None
    if fact is not None:
        # The letter's own date (dagtekening) is what the requester sees on it.
        day = fact.decision_date or fact.bekendmaking
        reference = fact.reference
    else:
        # Known only as events: name the date only when it cannot be the wrong one.
        days = {event.on for event in info.facts.events if event.kind == kind}
        day = days.pop() if len(days) == 1 else None
    text = noun
    if day is not None:
        text += f" of {human_date(day)}"
    if reference:
        text += f" (kenmerk {reference})"
    return text


def _safe(deadline: TrackedDeadline) -> str:
    """A " (to be safe: by …)" when another reading of an unsettled rule gives an earlier day."""
    if deadline.earliest_due < deadline.due:
        return f" (to be safe: by {human_date(deadline.earliest_due)})"
    return ""


def _sibling(info: RequestInfo, key: str, of: TrackedDeadline) -> TrackedDeadline | None:
    """The request's ``key`` deadline that belongs to the same decision as ``of``."""
    candidates = [d for d in info.deadlines if d.key == key and d.decision_id == of.decision_id]
    if len(candidates) > 1:
        # Decisions known only as events all have decision_id None: the postal window is
        # computed from its bezwaar term and repeats that term's steps first.
        candidates = [d for d in candidates if d.steps[: len(of.steps)] == of.steps] or candidates
    return candidates[0] if candidates else None


def _term_before(info: RequestInfo, deadline: TrackedDeadline) -> TrackedDeadline | None:
    """The decision term an ingebrekestelling or beroep follows: the latest one ending before."""
    terms = [d for d in info.deadlines if is_decision_term(d.key) and d.due < deadline.due]
    return max(terms, key=lambda d: d.due, default=None)


def _filing(fact: DecisionFact | None, post: TrackedDeadline | None) -> str:
    """How to file a bezwaar: electronically if the decision opens that, else by post."""
    address = _one_line(fact.bezwaar_address) if fact and fact.bezwaar_address else ""
    letter = f"send a signed letter by post to {address or 'the address in the decision'}"
    if post is not None:
        # Awb 6:9 lid 2: posted within the term and received within a week after it.
        letter += f", posted by then and received by {human_date(post.due)}{_safe(post)}"
    else:
        letter += ", posted by then"
    electronic = fact.electronic_filing if fact is not None else None
    if electronic is False:
        return f"electronic filing is not open: {letter}"
    if electronic:
        return f"electronic filing is open (it counts when received), or {letter}"
    return f"see the decision for whether electronic filing is open, or {letter}"


# --------------------------------------------------------------------------- per key


def _decision_due(info: RequestInfo, deadline: TrackedDeadline, days_left: int | None) -> str:
    due = human_date(deadline.due)
    extended = " (extended by verdaging)" if deadline.key == "decision_extended_due" else ""
    if days_left is not None and days_left < 0:
        return f"The decision was due {due}{extended}: the authority is in default"
    return f"The authority must decide by {due}{extended}"


def _ingebrekestelling(info: RequestInfo, deadline: TrackedDeadline, days_left: int | None) -> str:
    term = _term_before(info, deadline)
    if term is None:
        return deadline.action
    what = "decision on bezwaar" if term.key == "bezwaar_decision_due" else "decision"
    due = human_date(term.due)
    if days_left is None:
        # A calendar cannot know whether the decision will have come by then.
        return f"If no {what} has come, send the ingebrekestelling: the {what} was due {due}"
    if days_left <= 0:
        return f"Send the ingebrekestelling: the {what} was due {due}"
    return (
        f"If no {what} has come, send the ingebrekestelling from {human_date(deadline.due)} "
        f"(not earlier: an early one does not count); the {what} is due {due}"
    )


def _beroep_niet_tijdig(info: RequestInfo, deadline: TrackedDeadline, days_left: int | None) -> str:
    keys = {d.key for d in info.deadlines}
    on_bezwaar = "bezwaar_decision_due" in keys and not keys & {
        "decision_due",
        "decision_extended_due",
    }
    what = "on the bezwaar " if on_bezwaar else ""
    since = human_date(deadline.due)
    if days_left is not None and days_left <= 0:
        return (
            f"Beroep for not deciding {what}in time can be lodged with the rechtbank "
            f"(possible since {since})"
        )
    return (
        f"Beroep for not deciding {what}in time can be lodged with the rechtbank from {since} "
        "if no decision has come"
    )


def _bezwaar_end(info: RequestInfo, deadline: TrackedDeadline, days_left: int | None) -> str:
    decision = _describe_decision(info, deadline.decision_id, kind="decision")
    post = _sibling(info, "bezwaar_post_receipt", deadline)
    fact = _decision_fact(info, deadline.decision_id)
    return (
        f"Bezwaar against {decision} must be received by {human_date(deadline.due)}"
        f"{_safe(deadline)}; {_filing(fact, post)}"
    )


def _bezwaar_post(info: RequestInfo, deadline: TrackedDeadline, days_left: int | None) -> str:
    decision = _describe_decision(info, deadline.decision_id, kind="decision")
    term = _sibling(info, "bezwaar_end", deadline)
    posted = f"posted by {human_date(term.due)}" if term else "posted before its term ended"
    return (
        f"A bezwaar against {decision} {posted} must be received by "
        f"{human_date(deadline.due)}{_safe(deadline)}"
    )


def _bezwaar_decision(info: RequestInfo, deadline: TrackedDeadline, days_left: int | None) -> str:
    decision = _describe_decision(info, deadline.decision_id, kind="decision")
    due = human_date(deadline.due)
    if days_left is not None and days_left < 0:
        return (
            f"The decision on the bezwaar against {decision} was due {due}: "
            "the authority is in default"
        )
    return f"The authority must decide on the bezwaar against {decision} by {due}"


def _beroep_end(info: RequestInfo, deadline: TrackedDeadline, days_left: int | None) -> str:
    decision = _describe_decision(info, deadline.decision_id, kind="bezwaar_decided")
    return (
        f"Beroep against {decision} must be received by the rechtbank by "
        f"{human_date(deadline.due)}{_safe(deadline)}"
    )


def _disclosure(info: RequestInfo, deadline: TrackedDeadline, days_left: int | None) -> str:
    decision = _describe_decision(info, deadline.decision_id, kind="decision")
    fact = _decision_fact(info, deadline.decision_id)
    count = fact.suspended_documents if fact is not None else 0
    what = f"{count} document{'s' if count != 1 else ''}" if count else "The documents"
    held = f"{what} of {decision} held back (opgeschort) for third parties"
    day = human_date(deadline.due)
    if days_left is not None and days_left < 0:
        return f"{held} could be made public from {day}: check that they were"
    return (
        f"{held} may be made public from {day} (Woo 4.4 lid 5), unless a voorlopige "
        "voorziening is requested: check that they are"
    )


_ACTIONS = {
    "decision_due": _decision_due,
    "decision_extended_due": _decision_due,
    "ingebrekestelling_from": _ingebrekestelling,
    "beroep_niet_tijdig_from": _beroep_niet_tijdig,
    "bezwaar_end": _bezwaar_end,
    "bezwaar_post_receipt": _bezwaar_post,
    "bezwaar_decision_due": _bezwaar_decision,
    "beroep_end": _beroep_end,
    "woo_third_party_disclosure_date": _disclosure,
}


def action_text(info: RequestInfo, deadline: TrackedDeadline, days_left: int | None) -> str:
    """What to do about ``deadline`` in one line, worded as if ``days_left`` days remain.

    ``None`` words it for a calendar entry on the deadline's own day, made in advance: what
    to do then, on the condition that the authority has not acted by then.

    A key without wording of its own falls back to the status engine's action.
    """
    words = _ACTIONS.get(deadline.key)
    return deadline.action if words is None else words(info, deadline, days_left)


__all__ = ["KEY_TITLES", "Reminder", "RequestInfo", "action_text"]
