"""How each deadline of a request changed over its recorded history. Pure: facts in; no clock.

A calendar file is exported again and again; an application that imported or subscribed to
it must see an *update* of the same event when a date moves, and a *cancellation* when a
deadline no longer applies. wobtrack keeps no record of what it exported, so it derives
both from the request's own facts, the same way every time (stateless and deterministic):

1. **One event per deadline series.** A deadline is identified by its series (its key;
   ``decision_extended_due`` continues ``decision_due``, see :mod:`wobtrack.deadlines.keys`:
   a verdaging moves the decision term, it does not start a new one), the decision it
   belongs to, and an occurrence number for the rare case of two in one series (two
   decisions known only as events).
2. **Replay.** The status engine is run as of each day on which the request has a recorded
   fact (receipt, every event, every decision) up to today, and as of today. Each run is
   what the user's calendar would have shown had it been exported that day.
3. **SEQUENCE** is the number of days the due date has travelled over those runs (a move of
   3 days later and then 1 day earlier counts 4). It rises with every move and never falls
   as facts are added in date order, and a provisional date (a suspension still running)
   that moves one day per day raises it by one per day. A deadline that closed gets one
   more, and so does a series that applies again after its last deadline passed or closed.
4. **LAST-MODIFIED** is midnight UTC of the day of the last change (the day the date last
   moved, the deadline was closed, or it first applied).
5. **Closed** deadlines are those that disappeared while their day had not yet come (a
   decision came before it was due, a bezwaar was filed, the request was withdrawn); ones
   that disappeared after their day simply passed.

Limits, by design of a stateless replay: a *correction* of a past fact (``request edit
--received``, deleting an event) is not itself a dated fact, so the date moves without
SEQUENCE rising (the UID still keeps the calendar from showing both days, and an application
breaks the tie by DTSTAMP, the day of the export: RFC 5546 2.1.4); and an event logged later
with an earlier date rewrites history as if it had been known then.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from wobtrack.deadlines.keys import series_of
from wobtrack.deadlines.status import RequestFacts, TrackedDeadline, derive_status

#: (series, decision id, occurrence): one calendar event.
EventKey = tuple[str, int | None, int]


@dataclass(frozen=True)
class DeadlineHistory:
    """What the replay says about one calendar event."""

    #: The deadline as last known (today's, unless it closed or passed earlier).
    last: TrackedDeadline
    #: Days the due date travelled, + 1 if it closed (RFC 5545 SEQUENCE).
    sequence: int
    #: The day of the last change (RFC 5545 LAST-MODIFIED, at midnight UTC).
    last_modified: date
    #: The day a recorded fact closed it before its day came, else ``None``.
    closed_on: date | None
    #: Whether it still applies today.
    current: bool


def event_keys(deadlines: Iterable[TrackedDeadline]) -> dict[EventKey, TrackedDeadline]:
    """Each deadline under its event key; identical deadlines (same series, decision, day)
    count once."""
    groups: dict[tuple[str, int | None], dict[date, TrackedDeadline]] = {}
    for deadline in deadlines:
        group = groups.setdefault((series_of(deadline.key), deadline.decision_id), {})
        group.setdefault(deadline.due, deadline)
    found: dict[EventKey, TrackedDeadline] = {}
    for (series, decision_id), by_due in groups.items():
        for occurrence, due in enumerate(sorted(by_due)):
            found[(series, decision_id, occurrence)] = by_due[due]
    return found


def _fact_days(facts: RequestFacts, today: date) -> list[date]:
    days = {today}
    if facts.received is not None:
        days.add(facts.received)
    days.update(event.on for event in facts.events)
    for decision in facts.decisions:
        if decision.effective_bekendmaking is not None:
            days.add(decision.effective_bekendmaking)
    return sorted(day for day in days if day <= today)


@dataclass
class _Track:
    last: TrackedDeadline
    sequence: int
    last_modified: date
    closed_on: date | None = None
    passed_away: bool = False


def deadline_histories(
    facts: RequestFacts,
    today: date,
    deadlines_today: Sequence[TrackedDeadline] | None = None,
) -> dict[EventKey, DeadlineHistory]:
    """Every deadline the request has had up to ``today``, with its SEQUENCE and closing day.

    ``deadlines_today`` (the status engine's deadlines of ``facts`` on ``today``, when the
    caller has them) saves deriving them once more.
    """
    tracks: dict[EventKey, _Track] = {}
    current: dict[EventKey, TrackedDeadline] = {}
    for day in _fact_days(facts, today):
        if day == today and deadlines_today is not None:
            current = event_keys(deadlines_today)
        else:
            current = event_keys(derive_status(facts, day).deadlines)
        for key, deadline in current.items():
            track = tracks.get(key)
            if track is None:
                tracks[key] = _Track(deadline, 0, day)
                continue
            if track.closed_on is not None or track.passed_away:
                # The series applies again (an ingebrekestelling after the decision on bezwaar,
                # after the one after the first decision had passed): the event is reused
                # for the new deadline, one revision.
                track.closed_on, track.passed_away = None, False
                track.sequence += 1
                track.last_modified = day
            elif deadline.due != track.last.due:
                track.sequence += abs((deadline.due - track.last.due).days)
                track.last_modified = day
            track.last = deadline
        for key, track in tracks.items():
            if key in current or track.closed_on is not None or track.passed_away:
                continue
            if track.last.due >= day:
                track.closed_on = day
                track.sequence += 1
                track.last_modified = day
            else:
                track.passed_away = True
    return {
        key: DeadlineHistory(
            last=track.last,
            sequence=track.sequence,
            last_modified=track.last_modified,
            closed_on=track.closed_on,
            current=key in current,
        )
        for key, track in tracks.items()
    }


__all__ = ["DeadlineHistory", "EventKey", "deadline_histories", "event_keys"]
