"""Reminders: the deadlines that need action soon, in words and as an iCalendar file.

- :mod:`wobtrack.reminders.actions` (pure): one line per deadline saying what to do.
- :mod:`wobtrack.reminders.ics` (pure): reminders in, RFC 5545 bytes out.
- This module: :func:`collect_reminders` reads them from the database (through
  :func:`wobtrack.status.open_deadlines`) and :func:`write_atomically` writes a file.

The database modules are imported inside the functions, so importing the pure submodules
never pulls in SQLAlchemy.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from wobtrack.errors import InvalidInput
from wobtrack.reminders.actions import KEY_TITLES, Reminder, RequestInfo, action_text

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from wobtrack.models import Request

#: ``wobtrack remind`` looks this many days ahead unless told otherwise.
DEFAULT_WITHIN_DAYS = 14


def request_info(request: Request, today: date) -> RequestInfo:
    """The plain data reminders need about one request (all its deadlines on ``today``)."""
    from wobtrack.status import request_facts, request_status

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
    from wobtrack.status import open_deadlines

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
    "DEFAULT_WITHIN_DAYS",
    "KEY_TITLES",
    "Reminder",
    "RequestInfo",
    "action_text",
    "collect_reminders",
    "request_info",
    "write_atomically",
]
