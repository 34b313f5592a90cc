"""Layout "headings": "Ad 3", "Onderdeel 2", "Vraag 1:" sections, one per item."""

from __future__ import annotations

from wobtrack.parsing.answers.base import AnswerContext, Answers, merge_into
from wobtrack.parsing.classify import classify
from wobtrack.parsing.document import Line, _sentences
from wobtrack.parsing.skeleton import (
    _is_title_rest,
    _section_end,
    find_answer_headings,
)


def headings_layout(ctx: AnswerContext) -> Answers:
    """ "Ad 3", "Onderdeel 2", "Vraag 1:" headings, each opening its item's answer."""
    lines = ctx.lines
    answers = Answers("headings")
    if ctx.kind == "bezwaar":
        # In a decision on objection "Ad 1" ... answer the objection's grounds, not items.
        return answers
    headings = find_answer_headings(lines, ctx.after, ctx.stop)
    numbers = set(ctx.request.numbers)
    if ctx.request.scheme == "single":
        # Without a quoted list the headings number the items, from 1 on.
        if not any(n in ("1", "1a") for h in headings for n in h.numbers):
            return answers
    elif not {n for h in headings for n in h.numbers} & numbers:
        return answers
    for position, heading in enumerate(headings):
        end = headings[position + 1].index if position + 1 < len(headings) else ctx.stop
        end = min(end, _section_end(lines, heading.index, end, generic=False))
        section = list(lines[heading.index + 1 : end])
        if heading.rest and not _is_title_rest(heading.rest, section):
            section.insert(0, Line(lines[heading.index].page, heading.rest))
        finding = classify(_sentences(section), ctx.regime, ctx.links, heading.numbers)
        for number in heading.numbers:
            merge_into(answers.findings, number, finding)
            if number not in numbers and number not in answers.new_items:
                answers.new_items.append(number)
    return answers
