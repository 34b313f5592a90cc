"""Layout "second_list": a numbered list after the request that answers it point by point
(also the request repeated item by item with the answer under each)."""

from __future__ import annotations

from wobtrack.parsing.answers.base import AnswerContext, Answers, merge_into
from wobtrack.parsing.classify import classify
from wobtrack.parsing.document import _sentences
from wobtrack.parsing.skeleton import (
    _is_section_list,
    find_lists,
)


def second_list_layout(ctx: AnswerContext) -> Answers:
    """A numbered list after the request that answers it point by point."""
    answers = Answers("second_list")
    labels = {n.lower() for n in ctx.request.numbers}
    if ctx.request.scheme in ("single", "bullets", "ordinal"):
        return answers
    for entries in find_lists(ctx.lines, ctx.after, ctx.stop):
        if not {e.label for e in entries} <= labels or _is_section_list(entries):
            continue
        found = {
            entry.label: classify(_sentences(entry.lines), ctx.regime, ctx.links, [entry.label])
            for entry in entries
        }
        # The list answers only if most of its entries read as answers.
        if 2 * sum(bool(f.outcomes or f.refers_to) for f in found.values()) < len(found):
            continue
        by_label = {n.lower(): n for n in ctx.request.numbers}
        for label, finding in found.items():
            merge_into(answers.findings, by_label[label], finding)
        break
    return answers
