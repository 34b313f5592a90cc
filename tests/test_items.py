"""Splitting a request's text into numbered items."""

from __future__ import annotations

import pytest

from wobtrack.items import ItemText, leading_number, split_numbered_items


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("1. een\n2. twee", [("1", "een"), ("2", "twee")], id="dot"),
        pytest.param("1) een\n2) twee", [("1", "een"), ("2", "twee")], id="parenthesis"),
        pytest.param("a. een\nb. twee", [("a", "een"), ("b", "twee")], id="letters"),
        pytest.param("(a) een\n(b) twee", [("a", "een"), ("b", "twee")], id="letters-in-parens"),
        pytest.param("3b. een\n3c. twee", [("3b", "een"), ("3c", "twee")], id="number-letter"),
        pytest.param(
            "1. de contracten\n   met bijlagen\n2. twee",
            [("1", "de contracten met bijlagen"), ("2", "twee")],
            id="continuation-joins",
        ),
        pytest.param(
            "Geachte heer,\nIk verzoek om:\n1. een\n\nMet vriendelijke groet",
            [("1", "een")],
            id="preamble-and-closing-ignored",
        ),
        pytest.param("Sinds 2020. Daarom\n1. een", [("1", "een")], id="year-is-not-an-item"),
        pytest.param("geen nummers hier", [], id="no-items"),
        pytest.param(
            "1. een\n\nA. Verzoeker", [("1", "een")], id="initial-in-signature-is-not-item"
        ),
        # Bullets are numbered by position, as decision letters count them ("het derde
        # streepje"), the same way the letter parser numbers a quoted bullet list.
        pytest.param(
            "Ik vraag om:\n- de notulen\n  van 2024\n- de agenda\n\nGroet",
            [("1", "de notulen van 2024"), ("2", "de agenda")],
            id="dashes-by-position",
        ),
        pytest.param(
            "• een\n• twee\n• drie",
            [("1", "een"), ("2", "twee"), ("3", "drie")],
            id="bullets-by-position",
        ),
        pytest.param(
            "• (3) een\n• (4) twee", [("3", "een"), ("4", "twee")], id="bullet-own-number"
        ),
        pytest.param(
            "1. een\n- sub\n2. twee",
            [("1", "een - sub"), ("2", "twee")],
            id="dashes-under-numbers-are-not-items",
        ),
    ],
)
def test_split_numbered_items(text: str, expected: list[tuple[str, str]]) -> None:
    assert split_numbered_items(text) == [ItemText(n, t) for n, t in expected]


def test_leading_number() -> None:
    assert leading_number("3b. de notulen") == ItemText("3b", "de notulen")
    assert leading_number("de notulen") is None
