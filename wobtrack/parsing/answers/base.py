"""The interface every answer layout implements, and what layouts share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from wobtrack.deadlines.law import Regime
from wobtrack.parsing.classify import Finding
from wobtrack.parsing.document import Line, Sentence
from wobtrack.parsing.request_items import RequestList
from wobtrack.parsing.skeleton import (
    _Layout,
)


@dataclass
class AnswerContext:
    """What the layouts read: the lines, the skeleton and the request's items."""

    lines: Sequence[Line]
    layout: _Layout
    request: RequestList
    regime: Regime | None
    links: Sequence[str]
    dictum_sentences: Sequence[Sentence]
    after: int  # the first line after the quoted request
    stop: int  # where the answers end (the closing or the bezwaar clause)
    #: besluit, deelbesluit or bezwaar (a beslissing op bezwaar)
    kind: str | None = None


@dataclass
class Answers:
    """The answers one layout found: a finding per item number, and how sure it is."""

    layout: str
    findings: dict[str, Finding] = field(default_factory=dict)
    #: Items numbered by the answers themselves where the letter quotes no list.
    new_items: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def coverage(self, numbers: Sequence[str]) -> float:
        if not numbers:
            return 0.0
        answered = [n for n in numbers if n in self.findings]
        return len(answered) / len(numbers)


def merge_into(findings: dict[str, Finding], number: str, finding: Finding) -> None:
    old = findings.get(number)
    findings[number] = finding if old is None else merge_findings(old, finding)


def merge_findings(old: Finding, new: Finding) -> Finding:
    """One finding holding the outcomes, grounds and references of both."""
    merged = Finding()
    for source in (old, new):
        for outcome, evidence in source.outcomes.items():
            merged.outcomes.setdefault(outcome, []).extend(evidence)
        merged.grounds.extend(g for g in source.grounds if g not in merged.grounds)
        merged.references.extend(r for r in source.references if r not in merged.references)
        merged.refers_to.extend(n for n in source.refers_to if n not in merged.refers_to)
        merged.evidence.extend(e for e in source.evidence if e not in merged.evidence)
        merged.sentences.extend(source.sentences)
    merged.weak = (
        (old.weak | new.weak) - (set(old.outcomes) - old.weak) - (set(new.outcomes) - new.weak)
    )
    return merged
