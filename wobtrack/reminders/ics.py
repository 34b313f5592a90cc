"""Reminders as an iCalendar file (RFC 5545). Pure: reminders in, bytes out; no clock.

One all-day event per deadline that has not passed: ``DTSTART;VALUE=DATE`` on the due day,
``DTEND`` the day after (RFC 5545 3.6.1: the end of an all-day event is exclusive). Each has
a ``VALARM`` (ACTION:DISPLAY) per alarm day, triggered that many days before the start.
The calendar says ``METHOD:PUBLISH`` (RFC 5546): a published schedule, not an invitation.

The file follows changes (see :mod:`wobtrack.reminders.history` for the replay):

- The UID is a hash of (request id, deadline series, decision id[, occurrence]), without
  the due date: when a date moves, a calendar application updates the event it has instead
  of keeping the old one beside a new one.
- ``SEQUENCE`` (the days the date has travelled) and ``LAST-MODIFIED`` (the day of the last
  change) rise when the date moves; both are derived from the request's facts, so the same
  data gives the same bytes.
- A deadline closed by a recorded fact before its day (a decision came, a bezwaar was filed,
  the request was withdrawn) is emitted as ``STATUS:CANCELLED``, without alarms, for
  :data:`CANCELLED_KEPT_DAYS` days after it closed, so the calendar removes it.

DTSTAMP is midnight UTC of the ``today`` passed in, so an export is reproducible byte for byte.
The text is written, escaped and folded (CRLF, 75 octets) by the ``icalendar`` library.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from wobtrack.dates import human_date
from wobtrack.deadlines.keys import series_of
from wobtrack.errors import InvalidInput
from wobtrack.reminders.actions import Reminder, RequestInfo
from wobtrack.reminders.history import EventKey, deadline_histories, event_keys

if TYPE_CHECKING:
    # Imported where the file is written: icalendar costs ~60 ms of every command's start-up.
    from icalendar import Alarm, Event

PRODID = "-//wobtrack//wobtrack reminders//EN"
CALENDAR_NAME = "wobtrack deadlines"
#: Alarms 7 days, 2 days and on the morning (00:00) of the due day.
DEFAULT_ALARM_DAYS: tuple[int, ...] = (7, 2, 0)
#: A longer lead time is almost surely a typo (the longest term here is 12 weeks).
MAX_ALARM_DAYS = 366
#: A closed deadline stays in the file as a cancelled event for this many days.
CANCELLED_KEPT_DAYS = 60
_SUBJECT_WIDTH = 60


def parse_alarm_days(text: str) -> tuple[int, ...]:
    """Parse "7,2,0" into (7, 2, 0): distinct whole days before a deadline, most first."""
    days: set[int] = set()
    for part in text.split(","):
        part = part.strip()
        if not part.isascii() or not part.isdigit() or int(part) > MAX_ALARM_DAYS:
            raise InvalidInput(
                f"invalid alarm days {text!r}: give whole days before the deadline "
                f"(0 to {MAX_ALARM_DAYS}) separated by commas, for example 7,2,0"
            )
        days.add(int(part))
    return tuple(sorted(days, reverse=True))


def event_uid(request_id: int, key: str, decision_id: int | None, occurrence: int = 0) -> str:
    """The UID of a deadline's event: the same in every export, whatever its due date.

    ``key`` is taken by its series (a verdaging continues the decision term's event);
    ``occurrence`` numbers two deadlines of one series without a decision id (0 for the first).
    """
    ident = f"{request_id}|{series_of(key)}|{'' if decision_id is None else decision_id}"
    if occurrence:
        ident += f"|{occurrence}"
    return f"{hashlib.sha256(ident.encode()).hexdigest()[:32]}@wobtrack"


@dataclass(frozen=True)
class CalendarEvent:
    """One VEVENT: a reminder with its history (SEQUENCE, LAST-MODIFIED) and whether it is
    cancelled."""

    reminder: Reminder
    uid: str
    sequence: int
    last_modified: date
    cancelled_on: date | None = None


def _order(reminder: Reminder) -> tuple[date, int, str, int]:
    deadline = reminder.deadline
    return (deadline.due, reminder.request.request_id, deadline.key, deadline.decision_id or 0)


def _event_key(reminder: Reminder) -> EventKey | None:
    """The reminder's event key among its request's deadlines of the day."""
    deadline = reminder.deadline
    for key, sibling in event_keys(reminder.request.deadlines).items():
        if (
            key[0] == series_of(deadline.key)
            and key[1] == deadline.decision_id
            and sibling.due == deadline.due
        ):
            return key
    return None


def _may_have_events(info: RequestInfo, today: date) -> bool:
    """Whether a request can give an event: an open deadline, or a fact recent enough to have
    closed one within :data:`CANCELLED_KEPT_DAYS` (deadlines close only on days with a fact).

    Skipping the others spares the replay of every old, settled request.
    """
    if any(not deadline.passed for deadline in info.deadlines):
        return True
    facts = info.facts
    days = [event.on for event in facts.events]
    days += [d.effective_bekendmaking for d in facts.decisions if d.effective_bekendmaking]
    return any((today - day).days <= CANCELLED_KEPT_DAYS for day in days)


def calendar_events(
    reminders: Iterable[Reminder],
    today: date,
    requests: Iterable[RequestInfo] = (),
) -> list[CalendarEvent]:
    """The events of the file: every reminder that has not passed, one per UID, then every
    deadline of ``requests`` (and of the reminders' requests) closed in the last
    :data:`CANCELLED_KEPT_DAYS` days, cancelled; open ones first, each group soonest first.
    """
    reminders = list(reminders)
    infos: dict[int, RequestInfo] = {info.request_id: info for info in requests}
    for reminder in reminders:
        infos.setdefault(reminder.request.request_id, reminder.request)
    histories = {
        request_id: deadline_histories(info.facts, today, info.deadlines)
        for request_id, info in infos.items()
        if _may_have_events(info, today)
    }
    found: list[CalendarEvent] = []
    for reminder in exported(reminders):
        key = _event_key(reminder)
        history = None if key is None else histories.get(reminder.request.request_id, {}).get(key)
        found.append(
            CalendarEvent(
                reminder,
                uid_of(reminder),
                history.sequence if history else 0,
                history.last_modified if history else today,
            )
        )
    seen = {event.uid for event in found}
    cancelled: list[CalendarEvent] = []
    for request_id in sorted(histories):
        info = infos[request_id]
        for key, history in histories[request_id].items():
            closed = history.closed_on
            if history.current or closed is None or (today - closed).days > CANCELLED_KEPT_DAYS:
                continue
            uid = event_uid(request_id, *key)
            if uid in seen:
                continue
            seen.add(uid)
            cancelled.append(
                CalendarEvent(
                    Reminder(info, history.last),
                    uid,
                    history.sequence,
                    history.last_modified,
                    cancelled_on=closed,
                )
            )
    return found + sorted(cancelled, key=lambda event: _order(event.reminder))


def exported(reminders: Iterable[Reminder]) -> list[Reminder]:
    """The reminders that become open events: not passed, one per UID, in a stable order.

    A deadline the requester may act on since an earlier day ("ingebrekestelling possible
    from") is left out once its day has passed: an event in the past reminds nobody.
    """
    seen: set[str] = set()
    found: list[Reminder] = []
    for reminder in sorted(reminders, key=_order):
        if reminder.deadline.passed:
            continue
        uid = uid_of(reminder)
        # Two decisions known only as events on the same day give the same deadline twice.
        if uid in seen:
            continue
        seen.add(uid)
        found.append(reminder)
    return found


def uid_of(reminder: Reminder) -> str:
    """The event UID of a reminder (see :func:`event_uid`)."""
    key = _event_key(reminder)
    if key is None:
        deadline = reminder.deadline
        return event_uid(reminder.request.request_id, deadline.key, deadline.decision_id)
    return event_uid(reminder.request.request_id, *key)


def summary(reminder: Reminder) -> str:
    """E.g. "Bezwaar term ends — #3 Camerabeelden Stationsplein (Gemeente Utrecht)"."""
    subject = " ".join(reminder.request.subject.split())
    if len(subject) > _SUBJECT_WIDTH:
        subject = subject[: _SUBJECT_WIDTH - 1] + "…"
    return (
        f"{reminder.title} — #{reminder.request.request_id} {subject} "
        f"({reminder.request.authority})"
    )


def description(reminder: Reminder, cancelled_on: date | None = None) -> str:
    """What to do, the request, then how the date was computed: basis, steps, warnings.

    A cancelled event says instead since when, and why, it no longer applies.
    """
    info = reminder.request
    deadline = reminder.deadline
    first = reminder.calendar_action
    if cancelled_on is not None:
        first = (
            f"No longer applies: closed by what was recorded for {human_date(cancelled_on)} "
            "(a decision, a bezwaar, an ingebrekestelling or a withdrawal)."
        )
    lines = [first, "", f"Request #{info.request_id}: {info.subject}"]
    lines.append(f"Authority: {info.authority}")
    if info.reference:
        lines.append(f"Authority's reference: {info.reference}")
    lines += ["", f"{deadline.title}: {human_date(deadline.due)}"]
    lines.append(f"Legal basis: {'; '.join(deadline.basis)}")
    lines.append("Computation:")
    lines += [f"- {step}" for step in deadline.steps]
    if deadline.warnings:
        lines.append("Warnings:")
        lines += [f"- {warning}" for warning in deadline.warnings]
    if deadline.alternatives:
        lines.append("Other readings:")
        lines += [f"- {human_date(alt.due)}: {alt.reason}" for alt in deadline.alternatives]
    lines += ["", f"Exported by wobtrack; `wobtrack request show {info.request_id}` has more."]
    return "\n".join(lines)


def _alarm(reminder: Reminder, days: int) -> Alarm:
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    # RFC 5545 3.6.6: a DISPLAY alarm must have a DESCRIPTION; it is the text shown.
    when = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
    alarm.add("description", f"{when}: {summary(reminder)}")
    # Relative to DTSTART (the default RELATED=START): midnight of the due day minus N days.
    alarm.add("trigger", timedelta(days=-days))
    return alarm


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def _event(item: CalendarEvent, stamp: datetime, alarm_days: Sequence[int]) -> Event:
    from icalendar import Event

    reminder = item.reminder
    deadline = reminder.deadline
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    # A date (not a datetime) makes icalendar write VALUE=DATE: an all-day event.
    event.add("dtstart", deadline.due)
    event.add("dtend", deadline.due + timedelta(days=1))
    event.add("sequence", item.sequence)
    event.add("last-modified", _midnight(item.last_modified))
    title = summary(reminder)
    if item.cancelled_on is not None:
        event.add("status", "CANCELLED")
        title = f"Cancelled: {title}"
    event.add("summary", title)
    event.add("description", description(reminder, item.cancelled_on))
    # A deadline does not make the requester busy that day.
    event.add("transp", "TRANSPARENT")
    if item.cancelled_on is None:
        for days in alarm_days:
            event.add_component(_alarm(reminder, days))
    return event


def calendar_bytes(
    reminders: Iterable[Reminder],
    *,
    today: date,
    alarm_days: Sequence[int] = DEFAULT_ALARM_DAYS,
    requests: Iterable[RequestInfo] = (),
) -> bytes:
    """The iCalendar file of every reminder that has not passed on ``today``, and of every
    deadline closed in the last :data:`CANCELLED_KEPT_DAYS` days (cancelled).

    ``requests`` adds requests without open deadlines (a withdrawn one) whose closed
    deadlines must be cancelled. ``today`` fixes DTSTAMP (midnight UTC) so that the same
    data gives the same bytes.
    """
    return calendar_bytes_of(
        calendar_events(reminders, today, requests), today=today, alarm_days=alarm_days
    )


def calendar_bytes_of(
    items: Iterable[CalendarEvent],
    *,
    today: date,
    alarm_days: Sequence[int] = DEFAULT_ALARM_DAYS,
) -> bytes:
    """``calendar_bytes`` of events already chosen by ``calendar_events`` (for a caller that
    also counts them: their histories are derived once)."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # The RFC 7986 name and the older extension most applications read instead.
    calendar.add("name", CALENDAR_NAME)
    calendar.add("x-wr-calname", CALENDAR_NAME)
    stamp = _midnight(today)
    for item in items:
        calendar.add_component(_event(item, stamp, alarm_days))
    data: bytes = calendar.to_ical()
    return data


__all__ = [
    "CANCELLED_KEPT_DAYS",
    "DEFAULT_ALARM_DAYS",
    "PRODID",
    "CalendarEvent",
    "calendar_bytes",
    "calendar_bytes_of",
    "calendar_events",
    "description",
    "event_uid",
    "exported",
    "parse_alarm_days",
    "summary",
    "uid_of",
]
