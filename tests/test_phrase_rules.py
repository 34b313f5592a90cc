"""The phrase rules in wobtrack/parsing/rules/*.toml match their own examples.

Every outcome rule and every heading table carries example sentences it must match and
counter-examples it must not; a rule edit that breaks one of them fails here, by id.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from wobtrack.parsing import phrases
from wobtrack.vocab import OUTCOMES

RULES = phrases.OUTCOME_RULES
HEADING_TABLES = sorted(phrases.HEADING_WORDS)
TERM_TABLES = sorted(phrases.TERMS)


def _ids() -> list[str]:
    return [rule.id for rule in RULES]


def test_rule_ids_are_unique_and_named_after_their_outcome() -> None:
    ids = _ids()
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for rule in RULES:
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", rule.id), rule.id
        assert rule.id.split(".")[0] == rule.outcome, rule.id


def test_rules_are_complete() -> None:
    assert len(RULES) >= 30
    for rule in RULES:
        assert rule.outcome in OUTCOMES, rule.id
        assert rule.note, rule.id
        assert rule.examples, f"{rule.id}: no examples"
        assert rule.counter_examples, f"{rule.id}: no counter-examples"
        assert rule.when, rule.id
        assert all(w == w.lower() for w in rule.when), rule.id
        assert set(rule.unless_section) <= set(OUTCOMES), rule.id


@pytest.mark.parametrize("rule", RULES, ids=_ids())
def test_rule_matches_its_examples(rule: phrases.OutcomeRule) -> None:
    missed = [s for s in rule.examples if not rule.matches(s)]
    assert not missed, f"{rule.id} does not match: {missed}"


@pytest.mark.parametrize("rule", RULES, ids=_ids())
def test_rule_rejects_its_counter_examples(rule: phrases.OutcomeRule) -> None:
    matched = [s for s in rule.counter_examples if rule.matches(s)]
    assert not matched, f"{rule.id} matches: {matched}"


def test_when_fragments_are_needed_by_the_pattern() -> None:
    """Each example contains a ``when`` fragment (else the rule could never fire on it)."""
    for rule in RULES:
        for sentence in rule.examples:
            assert any(w in sentence.lower() for w in rule.when), (rule.id, sentence)


def _table_cases(tables: dict[str, Any]) -> list[tuple[str, re.Pattern[str], dict[str, Any]]]:
    return [(name, getattr(phrases, name.upper()), table) for name, table in tables.items()]


@pytest.mark.parametrize(
    ("name", "regex", "table"),
    _table_cases(phrases.HEADING_WORDS) + _table_cases(phrases.TERMS),
    ids=HEADING_TABLES + TERM_TABLES,
)
def test_word_tables_match_their_examples(
    name: str, regex: re.Pattern[str], table: dict[str, Any]
) -> None:
    assert table.get("note"), name
    assert table.get("examples"), f"{name}: no examples"
    assert table.get("counter_examples"), f"{name}: no counter-examples"
    missed = [s for s in table["examples"] if not regex.search(s)]
    assert not missed, f"{name} does not match: {missed}"
    matched = [s for s in table["counter_examples"] if regex.search(s)]
    assert not matched, f"{name} matches: {matched}"


def test_unknown_fragment_is_an_error() -> None:
    data = {
        "rule": [
            {"id": "x.y", "outcome": "granted", "when": ["a"], "pattern": "{{nope}}"},
        ]
    }
    with pytest.raises(ValueError, match="unknown fragment"):
        phrases._outcome_rules(data)


def test_unknown_key_is_an_error() -> None:
    data = {
        "rule": [
            {"id": "x.y", "outcome": "granted", "when": ["a"], "pattern": "a", "unles": "b"},
        ]
    }
    with pytest.raises(ValueError, match="unknown keys"):
        phrases._outcome_rules(data)
