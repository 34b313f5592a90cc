"""Refusal grounds to normalised codes (legal spec section 6), on text only.

Each row names the article; the code format follows the law the article belongs to:
Woo ``5.1.2e``, Wob ``10.2.e``.
"""

from __future__ import annotations

import pytest

from wobtrack.parsing.grounds import (
    explicit_grounds,
    find_grounds,
    keyword_grounds,
    normalise_ground,
)


@pytest.mark.parametrize(
    ("reference", "code"),
    [
        # Wob 10.2.e, persoonlijke levenssfeer, in every spelling seen
        ("artikel 10, tweede lid, aanhef en onder e, van de Wob", "10.2.e"),
        ("artikel 10, tweede lid, onder e", "10.2.e"),
        ("10 lid 2 sub e", "10.2.e"),
        ("art. 10 lid 2 sub e Wob", "10.2.e"),
        ("10.2.e", "10.2.e"),
        ("10.2 e", "10.2.e"),
        ("io lid 2 sub e", "10.2.e"),  # OCR "io" for 10
        ("l0.2.e", "10.2.e"),  # OCR l for 1
        ("1O.2.e", "10.2.e"),  # OCR O for 0
        ("Artikel, 10, tweede lid, onder g", "10.2.g"),
        # Wob 10.1 (absolute grounds) and 11 (persoonlijke beleidsopvattingen)
        ("artikel 10, eerste lid, aanhef en onder c", "10.1.c"),
        ("10 lid 1 sub d", "10.1.d"),
        ("artikel 11, eerste lid, van de Wob", "11.1"),
        ("artikel 11 van de Wob", "11.1"),
        ("11.1", "11.1"),
        ("artikel 11, tweede lid", "11.2"),
        # Woo 5.1 lid 1 and lid 2 (letter without a dot), 5.1.4, 5.2
        ("artikel 5.1, tweede lid, aanhef en onder e, van de Woo", "5.1.2e"),
        ("5.1, lid 2, sub e", "5.1.2e"),
        ("5.1.2.e", "5.1.2e"),
        ("5.1.2 e", "5.1.2e"),
        ("5.1.2e", "5.1.2e"),
        ("5.l.2e", "5.1.2e"),  # OCR l for 1
        ("artikel 5.1, eerste lid, aanhef en onder c", "5.1.1c"),
        ("5.1.2i", "5.1.2i"),
        ("artikel 5.1, vierde lid", "5.1.4"),
        ("5.1.4", "5.1.4"),
        ("artikel 5.1, vijfde lid, van de Woo", "5.1.5"),
        ("artikel 5.2, eerste lid, van de Woo", "5.2"),
        ("artikel 5.2 Woo", "5.2"),
        ("op grond van 5.2 Woo", "5.2"),
    ],
)
def test_normalise_ground(reference: str, code: str) -> None:
    assert normalise_ground(reference) == code


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("10.2.e,10.2.f", ["10.2.e", "10.2.f"]),
        ("10.2.e, 10.2.g en 11.1", ["10.2.e", "10.2.g", "11.1"]),
        ("artikel 10, tweede lid, onder b, e en g", ["10.2.b", "10.2.e", "10.2.g"]),
        ("artikel 10, eerste lid, onder c, en tweede lid, onder e", ["10.1.c", "10.2.e"]),
        ("5.1.2e, 5.2", ["5.1.2e", "5.2"]),
        ("(aangeduid met de afkorting 10.2.e) en nogmaals 10.2.e", ["10.2.e"]),
    ],
)
def test_combinations_give_each_code_once(text: str, codes: list[str]) -> None:
    assert explicit_grounds(text) == codes


@pytest.mark.parametrize(
    "text",
    [
        "met inachtneming van het bepaalde in de artikelen 10 en 11",  # no specific ground
        "artikel 10, tweede lid",  # lid without onderdeel
        "5.2 Overwegingen",  # a section number
        "de documenten met nummers 4.1; 4.3; 5.1; 5.2",
        "artikel 5.1, tweede lid, onder k",  # no such onderdeel
        "artikel 10, tweede lid, onder h",  # Wob 10.2 stops at g
        "op 10 mei 2021 en 11 juni 2021",
        "",
    ],
)
def test_no_ground(text: str) -> None:
    assert explicit_grounds(text) == []


@pytest.mark.parametrize(
    ("text", "wob", "woo"),
    [
        ("met uitzondering van de daarin vermelde persoonsgegevens", "10.2.e", "5.1.2e"),
        ("het belang van de eerbiediging van de persoonlijke levenssfeer", "10.2.e", "5.1.2e"),
        ("bijzondere persoonsgegevens over gezondheid", "10.1.d", "5.1.1d"),
        ("persoonlijke beleidsopvattingen ten behoeve van intern beraad", "11.1", "5.2"),
        ("bedrijfsgegevens die vertrouwelijk aan de overheid zijn meegedeeld", "10.1.c", "5.1.1c"),
        ("vertrouwelijk meegedeelde bedrijfs- en fabricagegegevens", "10.1.c", "5.1.1c"),
        ("concurrentiegevoelige bedrijfsgegevens", "10.2.g", "5.1.2f"),
        ("het voorkomen van onevenredige benadeling", "10.2.g", "5.1.5"),
        ("de economische of financiële belangen van de Staat", "10.2.b", "5.1.2b"),
        ("het goed functioneren van de Staat", None, "5.1.2i"),
    ],
)
def test_grounds_named_by_their_interest(text: str, wob: str | None, woo: str | None) -> None:
    assert keyword_grounds(text, "wob") == ([wob] if wob else [])
    assert keyword_grounds(text, "woo") == ([woo] if woo else [])


def test_no_keyword_grounds_without_a_regime() -> None:
    assert keyword_grounds("persoonsgegevens", None) == []


def test_find_grounds_cites_before_interests_without_duplicates() -> None:
    text = (
        "Namen maak ik niet openbaar op grond van artikel 10, tweede lid, aanhef en onder e, "
        "van de Wob (eerbiediging van de persoonlijke levenssfeer) en artikel 11 Wob."
    )
    assert find_grounds(text, "wob") == ["10.2.e", "11.1"]


def test_normalise_ground_refuses_ambiguity() -> None:
    assert normalise_ground("10.2.e en 10.2.g") is None
    assert normalise_ground("geen artikel") is None
