"""Parsing and formatting of dates at the edges (CLI input, human output)."""

from __future__ import annotations

import re
from datetime import date

from wobtrack.errors import InvalidInput

#: The dates wobtrack accepts as input. Before 1980 no deadline can be computed (the
#: holiday calendar starts then, and the Wob took effect on 1 May 1980); after 2099 a date
#: is a typo, not a request. Dates inside the range but far from today get a warning.
EARLIEST_DATE = date(1980, 1, 1)
LATEST_DATE = date(2099, 12, 31)
#: A date this many days after today, or this many years before it, is probably a typo.
FAR_FUTURE_DAYS = 366
FAR_PAST_YEARS = 15

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def parse_iso_date(text: str, what: str = "date") -> date:
    """Parse a strict ``YYYY-MM-DD`` date, or raise InvalidInput naming the problem."""
    match = _ISO.match(text.strip())
    if not match:
        raise InvalidInput(f"invalid {what} {text!r}: use YYYY-MM-DD, for example 2026-03-17")
    try:
        day = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as exc:
        raise InvalidInput(f"invalid {what} {text!r}: {exc}") from None
    check_plausible(day, what)
    return day


def check_plausible(day: date, what: str = "date") -> None:
    """Raise InvalidInput when ``day`` is outside the dates wobtrack accepts."""
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise InvalidInput(
            f"{what} {day.isoformat()} is not plausible: wobtrack accepts dates from "
            f"{EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}; check the year"
        )


def far_from_today(day: date, today: date, what: str = "date") -> str | None:
    """A warning when ``day`` is far in the future or the past (a likely typo), else None."""
    if (day - today).days > FAR_FUTURE_DAYS:
        return f"{what} {day.isoformat()} is more than a year after today ({today.isoformat()})"
    try:
        long_ago = today.replace(year=today.year - FAR_PAST_YEARS)
    except ValueError:  # 29 February
        long_ago = today.replace(year=today.year - FAR_PAST_YEARS, day=28)
    if day < long_ago:
        return (
            f"{what} {day.isoformat()} is more than {FAR_PAST_YEARS} years before today "
            f"({today.isoformat()})"
        )
    return None


def human_date(day: date) -> str:
    """Format as 'Tue 17 Mar 2026' (locale-independent, for explanations and reminders)."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def iso_or_none(day: date | None) -> str | None:
    """ISO string for JSON output; None stays None."""
    return day.isoformat() if day is not None else None
