"""Refusal grounds to normalised codes (legal spec section 6), on text only.

Each row names the article; the code format follows the law the article belongs to:
Woo ``5.1.2e``, Wob ``10.2.e``.
"""

from __future__ import annotations

import pytest

from wobtrack.parsing.grounds import (
    explicit_grounds,
    find_grounds,
    find_grounds_with_spans,
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
        ("artikel 11, tweede lid", "11.1"),  # lid 2 is the same ground
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


@pytest.mark.parametrize(
    ("reference", "code"),
    [
        # Wob 10.2.e: code spellings in inventories and footnotes
        ("10.2e", "10.2.e"),
        ("10.2.e.", "10.2.e"),
        ("Art. 10.2.e.", "10.2.e"),
        ("Art.10.2.e", "10.2.e"),
        ("[10.2.a]", "10.2.a"),  # Wob 10.2.a between brackets
        ("(11.1)", "11.1"),  # Wob 11.1 between parentheses
        ("op grond van 11,1", "11.1"),  # Wob 11.1 with a comma
        ("(10)(1c)", "10.1.c"),  # Wob 10.1.c, BuZa style
        ("(10)(2e)", "10.2.e"),  # Wob 10.2.e, BuZa style
        # Wob prose variants
        ("artikel 10,lid 1, sub c", "10.1.c"),
        ("art. 10, lid 2, sub e Wob", "10.2.e"),
        ("artikel 10 lid 2 sub g Wob", "10.2.g"),
        ("artikel 10.2 lid g", "10.2.g"),
        ("artikel 11, eerste lid", "11.1"),
        ("artikel 10, eerste lid, aanhef en onder d", "10.1.d"),
        # Wob OCR: "ao" for 10, "aanhefen onderg" glued
        ("artikel ao, tweede lid, onder e", "10.2.e"),
        ("artikel 10, tweede lid, aanhefen onderg, van de Wob", "10.2.g"),
        # Woo 5.1.2 in every spelling
        ("artikel 5.1 lid 2 sub e Woo", "5.1.2e"),
        ("art. 5-1-2-e Woo", "5.1.2e"),
        ("5.1 lid 2 onder e", "5.1.2e"),
        ("5.1,2,e", "5.1.2e"),
        ("deels 512e", "5.1.2e"),  # compact inventory cell
        ("deels 51,2,e", "5.1.2e"),
        ("artikel 5 lid 2 sub d", "5.1.2d"),  # Woo 5.1.2d without the ".1"
        ("artikel 5.1., tweede lid onder c", "5.1.2c"),  # stray dot after 5.1
        # Woo 5.2 and 5.1.5
        ("artikel 5.2, eerste lid", "5.2"),
        ("artikel 5.2, tweede lid, van de Woo", "5.2"),  # lid 2 is the same ground
        ("artikel 5.1, vijfde lid", "5.1.5"),
        # Woo OCR: 5.2 / 5.4 cannot carry these, so they are 5.1
        ("artikel 5.2, tweede lid, onder e", "5.1.2e"),
        ("artikel 5.2, vijfde lid", "5.1.5"),
        ("artikel 5.4, lid 2 sub e", "5.1.2e"),
    ],
)
def test_normalise_more_spellings(reference: str, code: str) -> None:
    assert normalise_ground(reference) == code


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # Wob lists of 10.2 and 11.1
        ("10.2.e; 11.1; 10.2.b", ["10.2.e", "11.1", "10.2.b"]),
        ("10.2 e en 10.2 g", ["10.2.e", "10.2.g"]),
        ("10.2.e, 10.2 b en 10.2.g", ["10.2.e", "10.2.b", "10.2.g"]),
        ("10.1 onder c en 10.2 onder b en g", ["10.1.c", "10.2.b", "10.2.g"]),  # "en" is no e
        ("Deels openbaar\n10.2.e\n10.2.g\n11.1", ["10.2.e", "10.2.g", "11.1"]),  # stacked
        # Woo 5.1.2 list in an inventory cell
        ("5.1,2,b; 5.1,2,e", ["5.1.2b", "5.1.2e"]),
    ],
)
def test_lists_of_codes(text: str, codes: list[str]) -> None:
    assert explicit_grounds(text) == codes


@pytest.mark.parametrize(
    "text",
    [
        # Wob 10.2.e codes standing where a name was
        "Geachte heer 10.2.e ,",
        "Geachte 10.2.e ,",
        "een telefoontje van10.2.e van de afdeling",
        "een telefoontje van 10.2.e van de afdeling",
        "Cc: 10.2e (ABC); 10.2e",
        "Aan: 10.2.e",
        # Woo 5.1.2e where the contact person's name was
        "Contactpersoon\n5.1 lid 2 onder e",
        "Behandeld door 5.1 lid 2 onder e",
        # Awb 6 and Wob 7 are no grounds; Wob 10.1 has no e
        "art. 6, 5e lid",
        "zie 6.5",
        "7.2. b",
        "10.1 e",
        # Wob 11 in numbers and page footers
        "een stijging van 11,1 procent",
        "Pagina 4 van 11\nWob-verzoek",
        "11. 1 e-mail over de planning",  # row 11, one e-mail
        "de artikelen 10 en 11 van de Wob",  # the articles, no specific ground
        "anders dan artikel 5.1, eerste lid, onder c, van de Woo",  # Woo 5.1.1c ruled out
    ],
)
def test_not_a_ground(text: str) -> None:
    assert explicit_grounds(text) == []


def test_citation_keeps_code_after_op_grond_van() -> None:
    assert explicit_grounds("gelakt op grond van 10.2.e van de Wob") == ["10.2.e"]


def test_quoted_law_is_no_ground() -> None:
    # Wob 10 and 11 as an annex quotes them: the law text names every interest.
    text = (
        "Ik maak de namen niet openbaar (artikel 10, tweede lid, onder e, van de Wob).\n"
        "Bijlage 1 - Relevante artikelen uit de Wob\n"
        "Artikel 10\n"
        "1. Het verstrekken van informatie ingevolge deze wet blijft achterwege voor zover\n"
        "a. de eenheid van de Kroon in gevaar zou kunnen brengen;\n"
        "b. de veiligheid van de Staat zou kunnen schaden;\n"
        "2. ... g. het voorkomen van onevenredige bevoordeling of benadeling.\n"
        "Artikel 11\n"
        "1. ... persoonlijke beleidsopvattingen ...\n"
        "Bijlage 2 - Inventarislijst\n"
        "3 notitie deels 10.2.g\n"
    )
    assert find_grounds(text, "wob") == ["10.2.e", "10.2.g"]


def test_statute_text_without_annex_heading_is_no_ground() -> None:
    # Woo 5.1 quoted under a bare heading.
    text = (
        "Bijlage A\n5.1 Uitzonderingen\n"
        "1. Het openbaar maken van informatie ingevolge deze wet blijft achterwege voor zover\n"
        "b. de veiligheid van de Staat zou kunnen schaden;\n"
    )
    assert find_grounds(text, "woo") == []


def test_annex_list_in_letter_body_is_not_the_annex() -> None:
    # Woo 5.1.2e cited after a list of annexes that mentions the law annex.
    text = (
        "Bijlagen:\nBijlage 1 - Inventaris\nBijlage 2 - Relevante artikelen uit de Woo\n"
        "Artikel 5.1\nNamen lak ik op grond van artikel 5.1, tweede lid, onder e, van de Woo.\n"
    )
    assert explicit_grounds(text) == ["5.1.2e"]


@pytest.mark.parametrize(
    ("regime", "codes"),
    [
        ("woo", ["5.1.2b"]),  # Woo letter: the former Wob article is history
        ("wob", ["10.2.b"]),
        (None, ["10.2.b", "5.1.2b"]),
    ],
)
def test_regime_keeps_its_own_law(regime: str | None, codes: list[str]) -> None:
    text = "(voorheen artikel 10, tweede lid, onder b, van de Wob) artikel 5.1, lid 2, sub b Woo"
    assert sorted(find_grounds(text, regime)) == codes


@pytest.mark.parametrize(
    ("text", "wob", "woo"),
    [
        ("uit het oogpunt van privacy gelakt", "10.2.e", "5.1.2e"),  # Wob 10.2.e / Woo 5.1.2e
        ("om onevenredige bevoordeling of benadeling te voorkomen", "10.2.g", "5.1.5"),
        ("omdat de melder anders onevenredig wordt benadeeld", "10.2.g", "5.1.5"),
        ("economische en/of financiële belangen van derden", "10.2.b", "5.1.2b"),
        ("de financiële belangen van de gemeente", "10.2.b", "5.1.2b"),
        ("inspectie, controle en toezicht door bestuursorganen", "10.2.d", "5.1.2d"),
        ("het controlebelang van de dienst", "10.2.d", "5.1.2d"),
        ("een wettelijk identificatienummer", None, "5.1.1e"),  # Woo 5.1.1e only
        ("beleidsopvattingen: persoonlijke beleidsopvattingen", "11.1", "5.2"),
    ],
)
def test_more_interests_named_in_words(text: str, wob: str | None, woo: str | None) -> None:
    assert keyword_grounds(text, "wob") == ([wob] if wob else [])
    assert keyword_grounds(text, "woo") == ([woo] if woo else [])


@pytest.mark.parametrize(
    "text",
    [
        "feitelijke informatie, niet-zijnde persoonlijke beleidsopvattingen",  # Woo 5.2 denied
        "dit zijn geen persoonlijke beleidsopvattingen",  # Wob 11.1 denied
        "wij hebben uw BSN nodig",  # Woo 5.1.1e: a BSN mentioned is no ground
        "lees onze privacyverklaring",  # Woo 5.1.2e: a footer link
    ],
)
def test_words_that_name_no_ground(text: str) -> None:
    assert keyword_grounds(text, "woo") == []
    assert keyword_grounds(text, "wob") == []


def test_interest_described_by_the_following_citation() -> None:
    # Woo 5.1.2c cited right after the interest in words: the citation wins.
    text = "de financiële belangen van de overheid (artikel 5.1, tweede lid, onder c)."
    assert find_grounds(text, "woo") == ["5.1.2c"]


def test_personal_data_under_special_categories() -> None:
    # Wob 10.1.d cited for personal data: the words do not add 10.2.e.
    text = (
        "De bescherming van de persoonlijke levenssfeer\n"
        "Op grond van artikel 10, eerste lid, aanhef en onder d, van de Wob lak ik de namen. "
        "Het gaat om persoonsgegevens van medewerkers."
    )
    assert find_grounds(text, "wob") == ["10.1.d"]


def test_spans_point_at_each_occurrence() -> None:
    # Wob 10.2.e twice and 11.1 in words, each with its offsets.
    text = (
        "Punt 1: deels, 10.2.e.\n"
        "Punt 2: geweigerd, persoonlijke beleidsopvattingen.\n"
        "Punt 3: 10.2.e"
    )
    spans = find_grounds_with_spans(text, "wob")
    assert [code for code, _, _ in spans] == ["10.2.e", "11.1", "10.2.e"]
    assert [text[start:end] for _, start, end in spans] == [
        "10.2.e",
        "persoonlijke beleidsopvatting",
        "10.2.e",
    ]
    starts = [start for _, start, _ in spans]
    assert starts == sorted(starts)


def test_spans_keep_offsets_after_ocr_repair() -> None:
    # Wob 10.2.e written "l0.2.e": the span still covers the original characters.
    text = "weggelakt: l0.2.e"
    assert find_grounds_with_spans(text, "wob") == [("10.2.e", 11, 17)]
