"""Reminders: the deadlines that need action soon, in words and as an iCalendar file. Pure.

- :mod:`wobtrack.reminders.actions`: one line per deadline saying what to do.
- :mod:`wobtrack.reminders.history`: how each deadline moved or closed, replayed from facts.
- :mod:`wobtrack.reminders.ics`: reminders in, RFC 5545 bytes out.

Nothing here reads the database, the clock or files: :mod:`wobtrack.remind` (the service)
collects the reminders from the database and writes calendar files.
"""

from __future__ import annotations

from wobtrack.deadlines.keys import KEY_TITLES
from wobtrack.reminders.actions import Reminder, RequestInfo, action_text

#: ``wobtrack remind`` looks this many days ahead unless told otherwise.
DEFAULT_WITHIN_DAYS = 14

__all__ = [
    "DEFAULT_WITHIN_DAYS",
    "KEY_TITLES",
    "Reminder",
    "RequestInfo",
    "action_text",
]
