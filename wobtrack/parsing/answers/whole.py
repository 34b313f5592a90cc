"""Layout "whole": the letter decides the request as a whole, in its dictum."""

from __future__ import annotations

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
