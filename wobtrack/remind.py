"""Reminders and calendar files from the database: the service behind ``deadlines`` and
``remind``. The pure parts (wording, iCalendar rendering) live in :mod:`wobtrack.reminders`.

Like every service it takes the session explicitly and never commits; it is the only place
reminders touch the database or the file system.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from wobtrack.deadlines.keys import still_open
from wobtrack.errors import InvalidInput
from wobtrack.models import Request
from wobtrack.overview import load_overviews, open_deadlines, request_facts, request_status
from wobtrack.reminders import Reminder, RequestInfo
from wobtrack.reminders.ics import DEFAULT_ALARM_DAYS, calendar_bytes, calendar_events


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
    data = calendar_bytes(reminders, today=today, alarm_days=alarm_days, requests=requests)
    return CalendarFile(data, len(items) - cancelled, cancelled)


def _new_file_mode() -> int:
    # The only way to read the umask is to set it; wobtrack sets it back at once and does not
    # write files from several threads.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A calendar application or web server reading the file sees the old or the new version,
    never half of one; after a failure the old file is left as it was. An existing file keeps
    its permissions; a symbolic link keeps pointing at the file it names, which is replaced.
    """
    target = path.resolve() if path.is_symlink() else path
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = _new_file_mode()
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}: {exc.strerror}") from None
    try:
        # Same directory as the target: a rename is atomic only within one file system.
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):
            raise InvalidInput(f"cannot write {path}: {exc.strerror}") from None
        raise


__all__ = [
    "CalendarFile",
    "all_request_infos",
    "calendar_file",
    "collect_reminders",
    "request_info",
    "write_atomically",
]
