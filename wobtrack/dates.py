"""Parsing and formatting of dates at the edges (CLI input, human output)."""

from __future__ import annotations

import re
from datetime import date

from wobtrack.errors import InvalidInput

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def parse_iso_date(text: str, what: str = "date") -> date:
    """Parse a strict ``YYYY-MM-DD`` date, or raise InvalidInput naming the problem."""
    match = _ISO.match(text.strip())
    if not match:
        raise InvalidInput(f"invalid {what} {text!r}: use YYYY-MM-DD, for example 2026-03-17")
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as exc:
        raise InvalidInput(f"invalid {what} {text!r}: {exc}") from None


def human_date(day: date) -> str:
    """Format as 'Tue 17 Mar 2026' (locale-independent, for explanations and reminders)."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def iso_or_none(day: date | None) -> str | None:
    """ISO string for JSON output; None stays None."""
    return day.isoformat() if day is not None else None
