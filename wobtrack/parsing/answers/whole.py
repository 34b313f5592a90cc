"""Layout "whole": the letter decides the request as a whole, in its dictum."""

from __future__ import annotations

from wobtrack.parsing.answers.base import AnswerContext
from wobtrack.parsing.classify import Finding, classify


def whole_letter_finding(ctx: AnswerContext) -> Finding:
    """The decision on the request as a whole: the dictum's outcomes."""
    return classify(ctx.dictum_sentences, ctx.regime, ctx.links)
