"""Layout "interleaved": each quoted item followed by its answer ("Reactie: ...")."""

from __future__ import annotations

import re

from wobtrack.parsing.answers.base import AnswerContext, Answers
from wobtrack.parsing.classify import classify, sentence_outcomes
from wobtrack.parsing.document import _sentences
from wobtrack.parsing.request_items import is_running_header


def interleaved_layout(ctx: AnswerContext) -> Answers:
    """Each quoted item followed by its answer, inside the request list."""
    answers = Answers("interleaved")
    if ctx.request.scheme == "single":
        return answers
    for item in ctx.request.items:
        lines = [ln for ln in ctx.lines[item.line : item.end] if not is_running_header(ln.text)]
        sentences = _sentences(lines)
        for index, sentence in enumerate(sentences[1:], start=1):
            if sentence_outcomes(sentence.text) or re.match(
                r"(?i)^(?:antwoord|reactie|besluit|beslissing|beoordeling)\b", sentence.text
            ):
                answer = sentences[index:]
                answers.findings[item.number] = classify(
                    answer, ctx.regime, ctx.links, [item.number]
                )
                break
    return answers
