"""Stage "answers": where the letter answers each request item, chosen among layouts by score.

Every layout is a function ``(AnswerContext) -> Answers`` that claims answers for some items:

- ``headings``: "Ad 3", "Onderdeel 2", "Vraag 1:", "Punt 3." section headings;
- ``second_list``: a numbered list after the request that answers it point by point (also
  the request repeated item by item with the answer under each);
- ``interleaved``: each quoted item followed by its answer ("Reactie: ...");
- ``mentions``: per-item paragraphs found by how the letter names an item ("onder punt 1",
  "de punten 3 en 4", "uw tweede vraag", "het derde streepje", "deel B9", "de eerste 3
  punten");
- ``whole``: the letter decides the request as a whole (its dictum).

The layout that answers most items wins; items it leaves open take the answers of the
other layouts, and only then the letter-level decision, marked as a fallback so that the
review policy flags it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from wobtrack.parsing.answers.base import AnswerContext, Answers, merge_findings
from wobtrack.parsing.answers.headings import headings_layout
from wobtrack.parsing.answers.interleaved import interleaved_layout
from wobtrack.parsing.answers.mentions import item_mentions, mentions_layout
from wobtrack.parsing.answers.second_list import second_list_layout
from wobtrack.parsing.answers.whole import whole_letter_finding
from wobtrack.parsing.classify import Finding

__all__ = [
    "LAYOUTS",
    "AnswerChoice",
    "AnswerContext",
    "Answers",
    "choose_answers",
    "item_mentions",
    "merge_findings",
]

LAYOUTS: Final[tuple[Callable[[AnswerContext], Answers], ...]] = (
    headings_layout,
    second_list_layout,
    interleaved_layout,
    mentions_layout,
)


@dataclass
class AnswerChoice:
    """The layout chosen, the scores of all, and the answers per item."""

    chosen: str
    scores: dict[str, float]
    findings: dict[str, Finding]
    #: Items answered only by the letter-level decision although others have answers.
    fallback: set[str]
    new_items: list[str]
    whole: Finding


def choose_answers(ctx: AnswerContext) -> AnswerChoice:
    """Run every layout, keep the best, fill the gaps from the others and the dictum."""
    results = [layout(ctx) for layout in LAYOUTS]
    numbers = list(ctx.request.numbers)
    scores: dict[str, float] = {}
    for result in results:
        scores[result.layout] = result.coverage(numbers + result.new_items)
    # The layout that answers most of the quoted items wins; between equals, the one that
    # answers more items in all (a letter answering in its own, finer numbering), then
    # the order of LAYOUTS.
    ranked = sorted(
        results,
        key=lambda r: (-r.coverage(numbers), -len(r.findings)),
    )
    if not numbers or ctx.request.scheme == "single":
        ranked = sorted(results, key=lambda r: -scores[r.layout])
    best = ranked[0]
    whole = whole_letter_finding(ctx)
    if scores[best.layout] == 0:
        findings = {n: whole for n in numbers}
        return AnswerChoice("whole", scores, findings, set(), [], whole)
    findings = dict(best.findings)
    new_items = list(best.new_items)
    if new_items:
        numbers = [n for n in numbers if n in findings or ctx.request.scheme != "single"]
        numbers += new_items
    for other in ranked[1:]:
        for number in numbers:
            if number not in findings and number in other.findings:
                findings[number] = other.findings[number]
    fallback = {n for n in numbers if n not in findings}
    if best.layout == "mentions":
        # Paragraphs name some items; the others fall under the letter's overall decision.
        for number in fallback:
            findings[number] = whole
    # Under explicit per-item sections an item without one is unanswered (no finding).
    return AnswerChoice(best.layout, scores, findings, fallback, new_items, whole)
