"""Plausibility of an imported decision letter against the request it is filed under.

``decision import`` stores what the parser read; this module compares it with what the
tracker knows of the request (dates, items) and with today, and words each mismatch as a
warning. Nothing here refuses an import: a letter may be right and the tracker wrong. The
warnings are printed on import, stored with the decision and listed by ``review``.

Pure over the objects passed in (no queries, no clock): ``today`` is a parameter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from typing import Any

from wobtrack.dates import human_date

#: Below this similarity an item's text in the letter and in the request are "different".
ITEM_TEXT_SIMILARITY = 0.5
#: Words shorter than this carry no meaning for the overlap measure ("de", "van", "over").
_MIN_WORD = 4
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class LoggedItem:
    """An item as the request logged it (before this letter was imported)."""

    number: str
    text: str | None


@dataclass(frozen=True)
class RequestDates:
    """The request's own dates in the tracker."""

    request_id: int
    sent_on: date | None
    received_on: date | None


def _iso(value: Any) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if len(w) >= _MIN_WORD]


def text_similarity(a: str, b: str) -> float:
    """How alike two item texts are, 0 to 1: the better of character and word overlap.

    A letter often restates an item in its own words or shortens it; the word overlap
    (share of the shorter text's meaningful words found in the other) keeps that "alike".
    """
    # Compared on meaningful words only: shared "de", "van", "het" say nothing.
    left, right = " ".join(_words(a)), " ".join(_words(b))
    if not left or not right:
        left, right = " ".join(_WORD.findall(a.lower())), " ".join(_WORD.findall(b.lower()))
    if not left or not right:
        return 1.0  # nothing to compare
    chars = SequenceMatcher(None, left, right).ratio()
    words_a, words_b = set(_words(a)), set(_words(b))
    shorter = min(len(words_a), len(words_b))
    overlap = len(words_a & words_b) / shorter if shorter else chars
    return max(chars, overlap)


def date_warnings(
    request: RequestDates,
    *,
    kind: str,
    decision_date: date | None,
    sent: date | None,
    parsed: dict[str, Any],
    today: date | None,
) -> list[str]:
    """Dates that cannot be right: a decision before the request, a letter or ``--sent``
    date after today, a receipt date or request date that differs from the tracker's."""
    found: list[str] = []
    letter_day = decision_date or sent
    if letter_day is not None:
        before = [
            (what, day)
            for what, day in (("sent", request.sent_on), ("received", request.received_on))
            if day is not None and letter_day < day
        ]
        if before:
            what, day = before[0]
            found.append(
                f"the letter is dated {human_date(letter_day)}, before the request was {what} "
                f"({human_date(day)}): is it the letter for request {request.request_id}, and "
                "are the request's dates right? Lateness cannot be measured until this is fixed"
            )
    if today is not None:
        if decision_date is not None and decision_date > today:
            found.append(
                f"the letter is dated {human_date(decision_date)}, after today "
                f"({human_date(today)}): deadlines ignore it until then; check the date"
            )
        if sent is not None and sent > today:
            found.append(
                f"--sent {human_date(sent)} is after today ({human_date(today)}): the "
                "bezwaar term runs from the day after dispatch (Awb 6:8, 3:41) and the "
                "decision is ignored until then; check the date"
            )
    if kind == "bezwaar":
        # A beslissing op bezwaar names the bezwaarschrift's dates, not the request's.
        return found
    said_received = _iso(parsed.get("request_received"))
    if said_received is not None:
        fix = f"`wobtrack request edit {request.request_id} --received {said_received.isoformat()}`"
        if request.received_on is None:
            found.append(
                f"the letter says the request was received {human_date(said_received)}; the "
                f"tracker has no receipt date: record it with {fix} (the decision term of "
                "Woo 4.4 / Wob 6 runs from it)"
            )
        elif said_received != request.received_on:
            found.append(
                f"the letter says the request was received {human_date(said_received)}, the "
                f"tracker says {human_date(request.received_on)}: deadlines and lateness use "
                f"the tracker's date; if the letter is right, run {fix}"
            )
    said_dated = _iso(parsed.get("request_date"))
    if said_dated is not None and request.sent_on is not None and said_dated != request.sent_on:
        found.append(
            f"the letter refers to a request dated {human_date(said_dated)}; the tracker's "
            f"request was sent {human_date(request.sent_on)}: is it the letter for this request?"
        )
    return found


def item_warnings(
    logged: Sequence[LoggedItem], letter_items: Iterable[dict[str, Any]], *, kind: str
) -> list[str]:
    """Items whose count or texts differ between the letter and the request."""
    entries = [e for e in letter_items if isinstance(e, dict)]
    numbered = [e for e in entries if e.get("text") is not None]
    if not logged or not numbered or kind == "bezwaar":
        # No items on one side (or a letter answering the request as a whole), or a
        # beslissing op bezwaar, which numbers the objection's grounds, not the items.
        return []
    found: list[str] = []
    by_number = {item.number: item for item in logged}
    letter_numbers = {str(e.get("number", "")).strip().lower() for e in entries}
    if kind == "besluit" and len(letter_numbers) != len(by_number):
        found.append(
            f"the letter lists {len(letter_numbers)} items, the request has {len(by_number)}: "
            "check that the letter and the request's items belong together"
        )
    compared: list[str] = []
    different: list[str] = []
    for entry in numbered:
        number = str(entry.get("number", "")).strip().lower()
        item = by_number.get(number)
        if item is None or not item.text:
            continue
        compared.append(number)
        if text_similarity(str(entry["text"]), item.text) < ITEM_TEXT_SIMILARITY:
            different.append(number)
    if compared and len(different) == len(compared) and len(compared) > 1:
        found.append(
            f"none of the {len(compared)} items the letter quotes reads like the request's "
            "item of that number: is it the letter for this request?"
        )
    elif different:
        numbers = ", ".join(different)
        found.append(
            f"item{'s' if len(different) > 1 else ''} {numbers} read"
            f"{'' if len(different) > 1 else 's'} differently in the letter than in the "
            "request: check that the outcomes belong to the right items"
        )
    return found


def kind_warnings(kind: str, earlier_kinds: Sequence[str]) -> list[str]:
    """A beslissing op bezwaar without a decision on the request before it."""
    if kind == "bezwaar" and not any(k in ("besluit", "deelbesluit") for k in earlier_kinds):
        return [
            "a beslissing op bezwaar, but no besluit on this request is recorded: import the "
            "besluit the bezwaar was against, or check that this is the right request"
        ]
    return []


def check_letter(
    request: RequestDates,
    logged: Sequence[LoggedItem],
    earlier_kinds: Sequence[str],
    parsed: dict[str, Any],
    *,
    kind: str,
    decision_date: date | None,
    sent: date | None,
    today: date | None,
) -> list[str]:
    """Every plausibility warning for a letter being imported (see the module docstring)."""
    return [
        *date_warnings(
            request,
            kind=kind,
            decision_date=decision_date,
            sent=sent,
            parsed=parsed,
            today=today,
        ),
        *item_warnings(logged, parsed.get("items") or [], kind=kind),
        *kind_warnings(kind, earlier_kinds),
    ]
