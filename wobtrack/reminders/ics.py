"""Reminders as an iCalendar file (RFC 5545). Pure: reminders in, bytes out; no clock.

One all-day event per deadline that has not passed: ``DTSTART;VALUE=DATE`` on the due day,
``DTEND`` the day after (RFC 5545 3.6.1: the end of an all-day event is exclusive). Each has
a ``VALARM`` (ACTION:DISPLAY) per alarm day, triggered that many days before the start.

The UID is a hash of (request id, deadline key, decision id, due date): an export made on
another day gives the same UID for the same deadline, so a calendar application updates the
event instead of adding a second one; when the due date moves, the UID changes with it.
DTSTAMP is midnight UTC of the ``today`` passed in, so an export is reproducible byte for byte.
The text is written, escaped and folded (CRLF, 75 octets) by the ``icalendar`` library.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from wobtrack.dates import human_date
from wobtrack.errors import InvalidInput
from wobtrack.reminders.actions import Reminder

if TYPE_CHECKING:
    # Imported where the file is written: icalendar costs ~60 ms of every command's start-up.
    from icalendar import Alarm, Event

PRODID = "-//wobtrack//wobtrack reminders//EN"
CALENDAR_NAME = "wobtrack deadlines"
#: Alarms 7 days, 2 days and on the morning (00:00) of the due day.
DEFAULT_ALARM_DAYS: tuple[int, ...] = (7, 2, 0)
#: A longer lead time is almost surely a typo (the longest term here is 12 weeks).
MAX_ALARM_DAYS = 366
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


def event_uid(request_id: int, key: str, decision_id: int | None, due: date) -> str:
    """A UID that is the same for the same deadline on the same day, in every export."""
    ident = f"{request_id}|{key}|{'' if decision_id is None else decision_id}|{due.isoformat()}"
    return f"{hashlib.sha256(ident.encode()).hexdigest()[:32]}@wobtrack"


def exported(reminders: Iterable[Reminder]) -> list[Reminder]:
    """The reminders that become events: not passed, one per UID, in a stable order.

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


def _order(reminder: Reminder) -> tuple[date, int, str, int]:
    deadline = reminder.deadline
    return (deadline.due, reminder.request.request_id, deadline.key, deadline.decision_id or 0)


def uid_of(reminder: Reminder) -> str:
    """The event UID of a reminder (see :func:`event_uid`)."""
    deadline = reminder.deadline
    return event_uid(reminder.request.request_id, deadline.key, deadline.decision_id, deadline.due)


def summary(reminder: Reminder) -> str:
    """E.g. "Bezwaar term ends — #3 Camerabeelden Stationsplein (Gemeente Utrecht)"."""
    subject = " ".join(reminder.request.subject.split())
    if len(subject) > _SUBJECT_WIDTH:
        subject = subject[: _SUBJECT_WIDTH - 1] + "…"
    return (
        f"{reminder.title} — #{reminder.request.request_id} {subject} "
        f"({reminder.request.authority})"
    )


def description(reminder: Reminder) -> str:
    """What to do, the request, then how the date was computed: basis, steps, warnings."""
    info = reminder.request
    deadline = reminder.deadline
    lines = [reminder.calendar_action, "", f"Request #{info.request_id}: {info.subject}"]
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


def _event(reminder: Reminder, stamp: datetime, alarm_days: Sequence[int]) -> Event:
    from icalendar import Event

    deadline = reminder.deadline
    event = Event()
    event.add("uid", uid_of(reminder))
    event.add("dtstamp", stamp)
    # A date (not a datetime) makes icalendar write VALUE=DATE: an all-day event.
    event.add("dtstart", deadline.due)
    event.add("dtend", deadline.due + timedelta(days=1))
    event.add("summary", summary(reminder))
    event.add("description", description(reminder))
    # A deadline does not make the requester busy that day.
    event.add("transp", "TRANSPARENT")
    for days in alarm_days:
        event.add_component(_alarm(reminder, days))
    return event


def calendar_bytes(
    reminders: Iterable[Reminder],
    *,
    today: date,
    alarm_days: Sequence[int] = DEFAULT_ALARM_DAYS,
) -> bytes:
    """The iCalendar file of every reminder that has not passed on ``today``.

    ``today`` fixes DTSTAMP (midnight UTC) so that the same data gives the same bytes.
    """
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # The RFC 7986 name and the older extension most applications read instead.
    calendar.add("name", CALENDAR_NAME)
    calendar.add("x-wr-calname", CALENDAR_NAME)
    stamp = datetime.combine(today, time(0), tzinfo=UTC)
    for reminder in exported(reminders):
        calendar.add_component(_event(reminder, stamp, alarm_days))
    data: bytes = calendar.to_ical()
    return data


__all__ = [
    "DEFAULT_ALARM_DAYS",
    "PRODID",
    "calendar_bytes",
    "description",
    "event_uid",
    "exported",
    "parse_alarm_days",
    "summary",
    "uid_of",
]
