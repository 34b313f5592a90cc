"""Layout "whole": the letter decides the request as a whole, in its dictum."""

from __future__ import annotations

import re
from typing import Final

from wobtrack.parsing.answers.base import AnswerContext
from wobtrack.parsing.classify import Finding, classify
from wobtrack.parsing.document import _sentences
from wobtrack.parsing.request_items import is_running_header


def whole_letter_finding(ctx: AnswerContext) -> Finding:
    """The decision on the request as a whole: the dictum's outcomes.

    A letter without decision wording ("Ik heb besloten ...") is read from all of its
    considerations instead; the finding says so (``from_considerations``), and the review
    policy flags every item that takes it (R08).
    """
    finding = classify(ctx.dictum_sentences, ctx.regime, ctx.links)
    if finding.outcomes:
        return finding
    upheld = _upheld_primary_decision(ctx)
    if upheld is not None:
        return upheld
    request = ctx.request
    lines = [
        line
        for index, line in enumerate(ctx.lines[: ctx.stop])
        if index >= ctx.layout.body_start
        and not (request.scheme != "single" and request.start <= index < request.end)
        and not is_running_header(line.text)
    ]
    considered = classify(_sentences(lines), ctx.regime, ctx.links)
    considered.from_considerations = True
    return considered if considered.outcomes else finding


#: A decision on objection that leaves the primary decision as it was.
_UPHOLDS: Final = re.compile(
    r"\bhandha(?:af|aft|ven)\b(?:\s+\w+){0,4}?\s+(?:bestreden|primaire|eerdere)?\s*besluit\b"
    r"|\bbezwaar\s+(?:\w+\s+){0,2}ongegrond\b"
    r"|\bgeen aanleiding\b(?:\s+\w+){0,8}?\s+(?:te\s+)?herroep\w*"
    r"|\bherroep\w*\b(?:\s+\w+){0,6}?\s+geen aanleiding\b",
    re.I,
)
#: "Bij besluit van 24 december 2020 (met kenmerk X) heb ik besloten ...": the letter
#: recounting the primary decision it upholds.
_RECOUNTED: Final = re.compile(
    r"\b(?:bij|in)\s+(?:(?:mijn|ons|het)\s+)?(?:primaire\s+)?besluit\s+van\s+\d{1,2}\s+\w+\s+\d{4}"
    r"\b.{0,120}?\b(?:heb\s+ik|hebben\s+(?:wij|we)|heeft\s+\w+)\s+(?:\w+\s+)?besloten\b",
    re.I,
)


def _upheld_primary_decision(ctx: AnswerContext) -> Finding | None:
    """A decision on objection that upholds the primary decision decides what that one did:
    its outcomes, as the letter recounts them ("Bij besluit van X heb ik besloten het
    document niet openbaar te maken"), with the upholding sentence as evidence. None when
    the letter does not uphold, or does not say what the primary decision was (then the
    tracker keeps the primary decision's outcomes)."""
    if ctx.kind != "bezwaar":
        return None
    upholding = [s for s in ctx.dictum_sentences if _UPHOLDS.search(s.text)]
    if not upholding:
        return None
    body = _sentences(ctx.lines[ctx.layout.body_start : ctx.stop])
    for sentence in body:
        if not _RECOUNTED.search(sentence.text):
            continue
        recounted = classify([sentence], ctx.regime, ctx.links)
        if recounted.outcomes:
            for kept in upholding:
                recounted.add_evidence(kept)
            return recounted
    return None
