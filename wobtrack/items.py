"""Splitting a request's text into its numbered items (pure)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from wobtrack.errors import InvalidInput

# "1." "2)" "3b." "a." "(b)" "(12)" at the start of a line, followed by the item's text.
# At most three digits, so that a year such as "2020." at a line start is not an item.
_NUMBERED = re.compile(r"^\s*(?:\((\d{1,3}[a-z]?|[a-z])\)|(\d{1,3}[a-z]?|[a-z])[.)])\s+(\S.*)$")
# "1000." and up: an item only when it continues the numbering (999, then 1000), so a long
# request is not folded into its item 999 and a year at a line start is still no item.
_LONG_NUMBERED = re.compile(r"^\s*(?:\((\d{4,5})\)|(\d{4,5})[.)])\s+(\S.*)$")

#: The most items one request text may hold; a longer one is refused, never cut short.
MAX_ITEMS = 10_000


@dataclass(frozen=True)
class ItemText:
    """One numbered item: its number as written ("1", "3b", "a") and its text."""

    number: str
    text: str


def split_numbered_items(text: str) -> list[ItemText]:
    """Numbered lines become items; continuation lines join the item above.

    Lines before the first numbered line (a salutation, an introduction) are ignored.
    A blank line ends an item: text after it that is not numbered is not part of it.
    A request without numbers but with bullets or dashes gets items "1", "2", ... by
    position, the way decision letters count them ("het derde streepje"); the parser of
    decision letters numbers bullets the same way.
    """
    numbered = _split(text, _numbered_marker)
    items = numbered if numbered else _split(text, _bullet_marker)
    if len(items) > MAX_ITEMS:
        raise InvalidInput(
            f"the request text has {len(items)} items; wobtrack takes at most {MAX_ITEMS} "
            "per request: split it over several requests"
        )
    return items


def _numbered_marker(line: str, position: int, previous: str | None) -> tuple[str, str] | None:
    match = _NUMBERED.match(line)
    if match:
        return (match[1] or match[2]).lower(), match[3].strip()
    long = _LONG_NUMBERED.match(line)
    if long and previous is not None and previous.isdigit():
        number = long[1] or long[2]
        if int(number) == int(previous) + 1:
            return number, long[3].strip()
    return None


def _bullet_marker(line: str, position: int, previous: str | None) -> tuple[str, str] | None:
    # Imported here: the parser (and its phrase rules) is needed only for request texts
    # without numbers, not by every command that reads requests.
    from wobtrack.parsing.request_items import BULLET, OWN_NUMBER

    match = BULLET.match(line.strip())
    if match is None or not match["text"].strip():
        return None
    rest = match["text"].strip()
    own = OWN_NUMBER.match(rest)
    if own is not None:
        return own["n"], rest[own.end() :].strip()
    return str(position), rest


def _split(
    text: str, marker: Callable[[str, int, str | None], tuple[str, str] | None]
) -> list[ItemText]:
    items: list[tuple[str, list[str]]] = []
    open_item = False
    for line in text.splitlines():
        found = marker(line, len(items) + 1, items[-1][0] if items else None)
        if found:
            items.append((found[0], [found[1]]))
            open_item = True
        elif not line.strip():
            open_item = False
        elif open_item and items:
            items[-1][1].append(line.strip())
    return [ItemText(number, " ".join(parts)) for number, parts in items]


def leading_number(text: str) -> ItemText | None:
    """If ``text`` starts with a numbering marker ("3b. ..."), split it off."""
    match = _NUMBERED.match(text)
    if not match:
        return None
    return ItemText((match[1] or match[2]).lower(), match[3].strip())
