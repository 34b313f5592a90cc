"""What the parser did, stage by stage, for ``wobtrack parse --explain``.

Every stage may note what it found (spans of lines, the request's items, the layout
scores and the layout chosen); every warning gets a stable diagnostic code from
``DIAGNOSTICS`` so that scripts and bug reports can refer to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

#: (code, pattern over the warning text). The first pattern that matches gives the code;
#: codes are stable: add new ones, never renumber.
DIAGNOSTICS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = tuple(
    (code, re.compile(pattern, re.I))
    for code, pattern in (
        ("D01-unread-pages", r"no text layer"),
        ("D02-link-anchor", r"link annotation|anchor"),
        ("D03-decision-date", r"decision date|letterhead shows|dagtekening"),
        ("D04-request-date", r"request date|request_received|receipt|requests, dated"),
        ("D05-regime", r"names (?:both|neither) the Wob"),
        ("D06-kind", r"kind '|herzien besluit|objection"),
        ("D07-bezwaar-clause", r"bezwaar clause|beroep term|bezwaar term|postal address"),
        ("D08-decided-together", r"decides on them together"),
        ("D09-fallback", r"no answer found for item"),
        ("D10-unanswered", r"never answered"),
        ("D11-cross-reference", r"cross-references|refers to item"),
        ("D12-no-decision", r"no decision wording|no rule matches"),
        ("D13-no-letter", r"no letter structure"),
        ("D14-inventory", r"inventor"),
        ("D15-url-repaired", r"printed link was read as"),
    )
)
UNCLASSIFIED: Final = "D99-other"


def diagnostic_code(warning: str) -> str:
    """The stable code of a warning (``D99-other`` when no pattern knows it)."""
    for code, pattern in DIAGNOSTICS:
        if pattern.search(warning):
            return code
    return UNCLASSIFIED


@dataclass(frozen=True)
class Span:
    """A part of the letter: its name and first/last line (0-based) and pages."""

    name: str
    first_line: int
    last_line: int
    first_page: int
    last_page: int


@dataclass
class Trace:
    """Filled by ``parse_letter(..., trace=Trace())``."""

    spans: list[Span] = field(default_factory=list)
    request_scheme: str = ""
    request_items: list[str] = field(default_factory=list)
    layout_scores: dict[str, float] = field(default_factory=dict)
    layout: str = ""
    notes: list[str] = field(default_factory=list)

    def span(self, name: str, first: int, last: int, pages: list[int]) -> None:
        """Record lines ``first``..``last`` (inclusive) as the span ``name``."""
        if not pages or first > last:
            return
        first = max(0, min(first, len(pages) - 1))
        last = max(first, min(last, len(pages) - 1))
        self.spans.append(Span(name, first, last, pages[first], pages[last]))
