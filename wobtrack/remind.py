"""Reminders and calendar files from the database: the service behind ``deadlines`` and
``remind``. The pure parts (wording, iCalendar rendering) live in :mod:`wobtrack.reminders`.

Like every service it takes the session explicitly and never commits; it is the only place
reminders touch the database or the file system.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from wobtrack.deadlines.keys import still_open
from wobtrack.files import write_file_atomically
from wobtrack.models import Request
from wobtrack.overview import load_overviews, open_deadlines, request_facts, request_status
from wobtrack.reminders import Reminder, RequestInfo
from wobtrack.reminders.ics import DEFAULT_ALARM_DAYS, calendar_bytes_of, calendar_events


def request_info(request: Request, today: date) -> RequestInfo:
    """The plain data reminders need about one request (all its deadlines on ``today``)."""
    return RequestInfo(
        request_id=request.id,
        authority=request.authority.name,
        subject=request.subject,
        reference=request.reference,
        deadlines=request_status(request, today).deadlines,
        facts=request_facts(request),
    )


def collect_reminders(
    session: Session, today: date, within_days: int | None = None
) -> list[Reminder]:
    """Every open deadline of every request, soonest first, as reminders.

    With ``within_days``, only those at most that many days away. Deadlines from which the
    requester may act and that have passed (an ingebrekestelling possible since last month)
    are always included: they are why the requester may act now. Decided, withdrawn and
    closed requests contribute only the deadlines the status engine still tracks for them.
    """
    infos: dict[int, RequestInfo] = {}
    reminders: list[Reminder] = []
    for row in open_deadlines(session, today, within_days):
        info = infos.get(row.request.id)
        if info is None:
            info = infos[row.request.id] = RequestInfo(
                request_id=row.request.id,
                authority=row.request.authority,
                subject=row.request.subject,
                reference=row.request.reference,
                deadlines=row.deadlines,
                facts=row.request.facts,
            )
        reminders.append(Reminder(info, row.deadline))
    return reminders


def all_request_infos(session: Session, today: date) -> list[RequestInfo]:
    """Every request as reminders see it, also those without an open deadline (a withdrawn
    request's deadlines are cancelled in the calendar)."""
    return [
        RequestInfo(
            request_id=overview.id,
            authority=overview.authority,
            subject=overview.subject,
            reference=overview.reference,
            deadlines=overview.status(today).deadlines,
            facts=overview.facts,
        )
        for overview in load_overviews(session)
    ]


@dataclass(frozen=True)
class CalendarFile:
    """An iCalendar file and how many open and cancelled events it holds."""

    data: bytes
    events: int
    cancelled: int


def calendar_file(
    session: Session, today: date, alarm_days: Sequence[int] = DEFAULT_ALARM_DAYS
) -> CalendarFile:
    """The iCalendar file of every open deadline, and of every recently closed one
    (cancelled), of every request (see :mod:`wobtrack.reminders.ics`)."""
    requests = all_request_infos(session, today)
    # As collect_reminders, from the same rows (one read of the database).
    reminders = [
        Reminder(info, deadline)
        for info in requests
        for deadline in info.deadlines
        if still_open(deadline.key, deadline.passed)
    ]
    items = calendar_events(reminders, today, requests)
    cancelled = sum(1 for item in items if item.cancelled_on is not None)
    data = calendar_bytes_of(items, today=today, alarm_days=alarm_days)
    return CalendarFile(data, len(items) - cancelled, cancelled)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; only a regular file is replaced (a device,
    FIFO or folder is refused): see :func:`wobtrack.files.write_file_atomically`."""
    write_file_atomically(path, data)


__all__ = [
    "CalendarFile",
    "all_request_infos",
    "calendar_file",
    "collect_reminders",
    "request_info",
    "write_atomically",
]
