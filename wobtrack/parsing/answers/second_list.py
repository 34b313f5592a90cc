"""Layout "second_list": a numbered list after the request that answers it point by point
(also the request repeated item by item with the answer under each)."""

from __future__ import annotations

import re

from wobtrack.parsing.answers.base import AnswerContext, Answers, merge_into
from wobtrack.parsing.classify import Finding, classify
from wobtrack.parsing.document import Line, _sentences, named_document_numbers
from wobtrack.parsing.request_items import is_running_header, is_section_title, list_marker
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
    by_label = {n.lower(): n for n in ctx.request.numbers}
    candidates = [_blocks(ctx)]
    for entries in find_lists(ctx.lines, ctx.after, ctx.stop):
        if not {e.label for e in entries} <= labels or _is_section_list(entries):
            continue
        candidates.append(
            {
                entry.label: classify(_sentences(entry.lines), ctx.regime, ctx.links, [entry.label])
                for entry in entries
            }
        )
    for found in candidates:
        # The list answers only if most of its entries read as answers (an outcome, a
        # cross-reference, or the documents that answer it by number).
        answering = sum(_answers(f) for f in found.values())
        if len(found) < 2 or 2 * answering < len(found):
            continue
        for label, finding in found.items():
            merge_into(answers.findings, by_label[label], finding)
        break
    return answers


def _answers(finding: Finding) -> bool:
    return bool(
        finding.outcomes
        or finding.refers_to
        or any(named_document_numbers(s.text) for s in finding.sentences)
    )


def _blocks(ctx: AnswerContext) -> dict[str, Finding]:
    """The request's labels in order after the request, each taking every line up to the
    next label (the item repeated as a heading, its answer below it)."""
    wanted = [n.lower() for n in ctx.request.numbers]
    texts = {item.number.lower(): item.text for item in ctx.request.items}
    starts: list[tuple[str, int]] = []
    for index in range(ctx.after, ctx.stop):
        marker = list_marker(ctx.lines[index].text)
        if marker is None:
            continue
        position = len(starts)
        if position < len(wanted) and marker == wanted[position]:
            starts.append((marker, index))
    if len(starts) < 2:
        return {}
    found: dict[str, Finding] = {}
    for position, (label, index) in enumerate(starts):
        end = starts[position + 1][1] if position + 1 < len(starts) else ctx.stop
        block: list[Line] = []
        for line in ctx.lines[index:end]:
            if block and is_section_title(line.text):
                break
            if not is_running_header(line.text):
                block.append(line)
        found[label] = classify(
            _sentences(_without_quote(block, texts.get(label, ""))), ctx.regime, ctx.links, [label]
        )
    return found


def _without_quote(block: list[Line], quote: str) -> list[Line]:
    """The block without the item's own words repeated at its top ("1. of er vergunningen
    zijn geweigerd;"): they are the question, not the answer. Lines are dropped only while
    they repeat the quoted item word for word."""
    wanted = _squash(quote)
    if len(wanted) < 12 or not block:
        return block
    seen = ""
    for index, line in enumerate(block):
        text = line.text if index else re.sub(r"^\S+\s*", "", line.text, count=1)  # "1."
        candidate = seen + _squash(text)
        if not wanted.startswith(candidate):
            return block[index:] if len(seen) >= 12 else block
        seen = candidate
    return []


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).lower()
