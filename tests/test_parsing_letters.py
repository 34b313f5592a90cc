"""Whole letters through ``parse_letter``: items, answers, cross-references, the dictum, the
bezwaar clause and the letterhead. The letters are written for these tests (no third-party
text); "\\f" starts a new PDF page.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wobtrack.parsing.letters import PARSER_VERSION, parse_letter
from wobtrack.parsing.model import ParsedItem, ParsedLetter
from wobtrack.vocab import OUTCOMES


def parse(text: str, links: tuple[str, ...] = ()) -> ParsedLetter:
    return parse_letter(text.split("\f"), links)


def outcomes(letter: ParsedLetter) -> dict[str, list[str]]:
    return {item.number: list(item.outcomes) for item in letter.items}


WOO_LETTER = """\
Provincie Noordhaven
Retouradres: Postbus 400, 8900 AA Noordhaven
Datum 12 maart 2026
Ons kenmerk PNH/2026/0042
Onderwerp Besluit op uw Woo-verzoek over windpark Zeewind

Geachte heer De Boer,

Op 2 februari 2026 hebben wij uw verzoek op grond van de Wet open overheid (Woo)
ontvangen.

Uw verzoek
U vraagt om:
1. de vergunning voor windpark Zeewind;
2. de e-mails tussen de gedeputeerde en de exploitant;
3. de adviezen van de omgevingsdienst over de vergunning;
4. de geluidsmetingen van 2025;
5. de verslagen van het bewonersoverleg.

Besluit
Wij hebben besloten uw verzoek gedeeltelijk toe te wijzen.

Verzoekonderdeel 1
De vergunning is al openbaar en te vinden op https://www.noordhaven.nl/vergunningen/
windpark-zeewind-2024.pdf.

Verzoekonderdeel 2
Wij hebben veertien e-mails gevonden. Deze maken wij gedeeltelijk openbaar. Namen van
medewerkers maken wij niet openbaar op grond van artikel 5.1, tweede lid, aanhef en onder
e, van de Woo.
\f
Verzoekonderdeel 3
De adviezen bevatten uitsluitend persoonlijke beleidsopvattingen. Wij weigeren
openbaarmaking van deze documenten op grond van artikel 5.2 van de Woo.

Verzoekonderdeel 4
De geluidsmetingen berusten bij de omgevingsdienst. Wij hebben dit onderdeel daarom
doorgezonden aan het algemeen bestuur van de Omgevingsdienst Noordhaven.

Hoogachtend,
Gedeputeerde Staten van Noordhaven

Bezwaar
Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken na de dag van
bekendmaking bezwaar maken. U kunt uw bezwaarschrift digitaal indienen via
www.noordhaven.nl/bezwaar of per post sturen aan Gedeputeerde Staten van Noordhaven,
Postbus 400, 8900 AA Noordhaven.
"""


@pytest.fixture(scope="module")
def woo() -> ParsedLetter:
    return parse(WOO_LETTER)


def test_woo_letterhead(woo: ParsedLetter) -> None:
    assert woo.regime == "woo"
    assert woo.decision_date == date(2026, 3, 12)
    assert woo.reference == "PNH/2026/0042"
    assert woo.request_received == date(2026, 2, 2)
    assert woo.pages == 2


def test_woo_items_and_their_quoted_text(woo: ParsedLetter) -> None:
    assert [i.number for i in woo.items] == ["1", "2", "3", "4", "5"]
    assert woo.item("4").text == "de geluidsmetingen van 2025"


@pytest.mark.parametrize(
    ("number", "expected", "grounds"),
    [
        ("1", ["referred"], []),
        ("2", ["partly_granted"], ["5.1.2e"]),  # names withheld: the redaction, with its ground
        ("3", ["refused"], ["5.2"]),
        ("4", ["forwarded"], []),
        ("5", ["unanswered"], []),
    ],
)
def test_woo_outcomes(
    woo: ParsedLetter, number: str, expected: list[str], grounds: list[str]
) -> None:
    item = woo.item(number)
    assert list(item.outcomes) == expected
    assert list(item.grounds) == grounds


def test_woo_referral_has_the_whole_url(woo: ParsedLetter) -> None:
    assert [(r.kind, r.value) for r in woo.item("1").references] == [
        ("url", "https://www.noordhaven.nl/vergunningen/windpark-zeewind-2024.pdf")
    ]


def test_woo_forwarding_names_the_authority_in_its_evidence(woo: ParsedLetter) -> None:
    assert any("Omgevingsdienst Noordhaven" in e.text for e in woo.item("4").evidence)


def test_woo_evidence_carries_its_page(woo: ParsedLetter) -> None:
    assert {e.page for e in woo.item("2").evidence} == {1}
    assert {e.page for e in woo.item("3").evidence} == {2}


def test_woo_unanswered_item_is_flagged_loudly(woo: ParsedLetter) -> None:
    assert any("item 5" in w and "unanswered" in w for w in woo.warnings)


def test_woo_dictum_and_bezwaar(woo: ParsedLetter) -> None:
    assert woo.decision is not None
    assert woo.decision.parts == ("Wij hebben besloten uw verzoek gedeeltelijk toe te wijzen.",)
    assert woo.bezwaar is not None
    assert woo.bezwaar.weeks == 6
    assert woo.bezwaar.electronic_filing is True
    assert woo.bezwaar.address is not None
    assert "Postbus 400, 8900 AA Noordhaven" in woo.bezwaar.address


# --- a letter without numbered items ---------------------------------------------------------

SINGLE = """\
Datum 7 december 2020
Ons kenmerk CE20-00001
Geachte heer,
In uw e-mail van 29 september 2020, ontvangen op 30 september 2020, heeft u met een beroep
op de {law} om informatie verzocht over de terrassen aan het Marktplein.
Besluit
Ik heb besloten de documenten openbaar te maken met uitzondering van de daarin vermelde
persoonsgegevens.
Overwegingen
De namen van medewerkers zijn verwijderd.
Hoogachtend,
"""


@pytest.mark.parametrize(
    ("law", "regime", "ground"),
    [
        ("Wet openbaarheid van bestuur (hierna: Wob)", "wob", "10.2.e"),
        ("Wet open overheid (hierna: Woo)", "woo", "5.1.2e"),
    ],
)
def test_a_letter_without_numbered_items_is_item_1(law: str, regime: str, ground: str) -> None:
    letter = parse(SINGLE.format(law=law))
    assert letter.regime == regime
    (item,) = letter.items
    assert item == ParsedItem(
        number="1",
        text=None,
        outcomes=("partly_granted",),
        grounds=(ground,),
        evidence=item.evidence,
        needs_review=False,
    )
    assert item.evidence[0].text.startswith("Ik heb besloten de documenten openbaar te maken")
    assert letter.request_received == date(2020, 9, 30)
    assert letter.reference == "CE20-00001"


def test_a_letter_that_decides_the_whole_request_gives_each_item_its_decision() -> None:
    letter = parse(
        "Geachte mevrouw,\nU vraagt om:\n1. de notulen van 2024;\n2. de notulen van 2025.\n"
        "Besluit\nIk heb besloten de documenten openbaar te maken.\nHoogachtend,"
    )
    assert outcomes(letter) == {"1": ["granted"], "2": ["granted"]}
    # The letter decides the request as a whole: no fallback, so no review flag.
    assert not any(item.needs_review for item in letter.items)
    assert any("decides on them together" in w for w in letter.warnings)


# --- other layouts -------------------------------------------------------------------------


def test_numbered_answer_paragraphs() -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om:\n1. het inspectierapport van 2025;\n"
        "2. de correspondentie met de eigenaar;\n3. de foto's van de inspectie.\n"
        "Beoordeling per onderdeel\n1. Het inspectierapport maak ik openbaar.\n"
        "2. Er is geen correspondentie met de eigenaar gevoerd.\n"
        "3. Zie het antwoord onder punt 1.\nHoogachtend,"
    )
    assert outcomes(letter) == {"1": ["granted"], "2": ["not_held"], "3": ["granted"]}
    assert letter.item("3").refers_to == ("1",)
    assert letter.item("2").text == "de correspondentie met de eigenaar"


def test_sub_items_ranges_and_a_reference_to_a_missing_item() -> None:
    letter = parse(
        "Geachte heer,\nU verzoekt om:\n1. de notulen van het college:\na. van 2024;\n"
        "b. van 2025;\n2. de agenda's;\n3. de besluitenlijsten;\n4. de presentaties.\n"
        "Ad 1a\nDe notulen van 2024 maak ik openbaar.\n"
        "Ad 1b\nOver de notulen van 2025 ontvangt u een afzonderlijk besluit.\n"
        "Ad 2 t/m 3\nDeze stukken zijn reeds openbaar via https://www.gemeente.nl/raad.\n"
        "Ad 4\nZie het antwoord onder ad 5.\nHoogachtend,"
    )
    assert outcomes(letter) == {
        "1a": ["granted"],
        "1b": ["deferred"],
        "2": ["referred"],
        "3": ["referred"],
        "4": [],
    }
    assert letter.item("1b").text == "van 2025"
    assert letter.item("4").needs_review
    assert any("item 4 refers to item 5" in w for w in letter.warnings)


@pytest.mark.parametrize(
    "quote",
    [
        "1) de notulen;\n2) de agenda's:\n(a) van 2024;\n(b) van 2025;\n3) de presentaties.",
        "(1) de notulen;\n(2) de agenda's:\na. van 2024;\nb. van 2025;\n(3) de presentaties.",
        "1. de notulen;\n2. de agenda's:\n2a. van 2024;\n2b. van 2025;\n3. de presentaties.",
    ],
)
def test_list_label_styles(quote: str) -> None:
    letter = parse(
        f"Geachte heer,\nU vraagt om:\n{quote}\nAd 1\nDeze maak ik openbaar.\n"
        "Ad 2a\nDeze zijn niet opgemaakt.\nAd 2b\nDeze zijn reeds openbaar.\n"
        "Ad 3\nDeze maak ik openbaar.\nHoogachtend,"
    )
    assert outcomes(letter) == {
        "1": ["granted"],
        "2a": ["not_held"],
        "2b": ["referred"],
        "3": ["granted"],
    }
    assert letter.item("2b").text == "van 2025"
    assert letter.item("3").text == "de presentaties"


def test_cross_references_are_transitive_and_add_up() -> None:
    letter = parse(
        "Geachte heer,\nAd 1\nDit document is niet opgemaakt.\n"
        "Ad 2\nIk verwijs naar het antwoord onder ad. 1. Het rapport is verder te vinden via "
        "https://www.example.nl/rapport.html.\n"
        "Ad 3\nZie het antwoord onder ad 2.\nHoogachtend,"
    )
    assert outcomes(letter) == {
        "1": ["not_held"],
        "2": ["referred", "not_held"],
        "3": ["referred", "not_held"],
    }
    assert letter.item("3").refers_to == ("2",)  # only what the letter says in so many words
    assert ("url", "https://www.example.nl/rapport.html") in {
        (r.kind, r.value) for r in letter.item("3").references
    }


def test_a_cycle_of_cross_references_is_reported_not_followed() -> None:
    letter = parse(
        "Geachte heer,\nAd 1\nZie het antwoord onder ad 2.\nAd 2\nZie het antwoord onder ad 1.\n"
        "Ad 3\nDit document maak ik openbaar.\nHoogachtend,"
    )
    assert outcomes(letter) == {"1": [], "2": [], "3": ["granted"]}
    assert letter.item("1").needs_review
    assert letter.item("2").needs_review
    assert any("cycle" in w and "1 -> 2 -> 1" in w for w in letter.warnings)


def test_a_cycle_with_an_outcome_still_terminates_and_shares_it() -> None:
    letter = parse(
        "Geachte heer,\nAd 1\nZie het antwoord onder ad 2. Dit document is niet opgemaakt.\n"
        "Ad 2\nZie het antwoord onder ad 1.\nHoogachtend,"
    )
    assert outcomes(letter) == {"1": ["not_held"], "2": ["not_held"]}


def test_everything_referring_to_everything_is_one_reported_cycle() -> None:
    answers = "".join(f"Ad {n}\nZie de antwoorden onder ad 1 t/m 30.\n" for n in range(1, 31))
    letter = parse(f"Geachte heer,\n{answers}Hoogachtend,")
    assert len(letter.items) == 30
    assert [w for w in letter.warnings if "cycle" in w] == [
        "cross-references form a cycle: 1 -> 2 -> 1"
    ]


def test_an_earlier_decision_is_a_reference() -> None:
    letter = parse(
        "Geachte heer,\nAd 1\nDeze stukken zijn openbaar gemaakt bij mijn besluit van 3 "
        "december 2020 met kenmerk WOB-2020-17.\nHoogachtend,"
    )
    assert letter.item("1").outcomes == ("referred",)
    assert [(r.kind, r.value) for r in letter.item("1").references] == [
        ("decision", "besluit van 3 december 2020 met kenmerk WOB-2020-17")
    ]


def test_wording_that_fits_no_rule_needs_review_with_its_evidence() -> None:
    letter = parse(
        "Geachte heer,\nAd 1\nDe gevraagde stukken liggen ter inzage op het gemeentehuis.\n"
        "Hoogachtend,"
    )
    (item,) = letter.items
    assert item.outcomes == ()
    assert item.needs_review
    assert [e.text for e in item.evidence] == [
        "De gevraagde stukken liggen ter inzage op het gemeentehuis."
    ]


@pytest.mark.parametrize(
    ("heading", "answer", "expected"),
    [
        ("Vraag 1:", "U heeft deze vraag op 3 maart 2026 ingetrokken.", "withdrawn"),
        ("Onderdeel 1", "Dit valt buiten de reikwijdte van uw verzoek.", "out_of_scope"),
        ("Verzoekonderdeel 1:", "Dit onderdeel neem ik niet in behandeling.", "not_handled"),
        ("Punt 1.", "Over dit punt ontvangt u een afzonderlijk besluit.", "deferred"),
        ("Ad. 1:", "Deze documenten zijn niet aanwezig.", "not_held"),
    ],
)
def test_answer_heading_words(heading: str, answer: str, expected: str) -> None:
    letter = parse(f"Geachte heer,\n{heading}\n{answer}\nHoogachtend,")
    assert outcomes(letter) == {"1": [expected]}


def test_a_wrapped_ad_is_not_a_heading() -> None:
    letter = parse(
        "Geachte heer,\nAd 1\nDit document is niet opgemaakt.\nAd 2\n"
        "Ik verwijs verder naar het antwoord onder\nad. 1.\nHoogachtend,"
    )
    assert [i.number for i in letter.items] == ["1", "2"]
    assert letter.item("2").refers_to == ("1",)


def test_lower_case_ad_headings() -> None:
    letter = parse(
        "Geachte heer,\nHieronder ga ik in op uw verzoek.\nad 1.\nDit document is niet opgemaakt."
        "\nad 2.\nIk verwijs naar het antwoord onder\nad. 1.\nHoogachtend,"
    )
    assert outcomes(letter) == {"1": ["not_held"], "2": ["not_held"]}


def test_agenda_points_are_not_answers() -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om informatie over de speelplaats.\nVergadering 27-01-2016\n"
        "Punt 12. Onttrekking parkeerplaatsen\nhttps://example.notubiz.nl/vergadering/1\n"
        "Besluit\nIk heb besloten de documenten openbaar te maken.\nHoogachtend,"
    )
    assert outcomes(letter) == {"1": ["granted"]}


def test_the_dictum_with_roman_parts() -> None:
    letter = parse(
        "Geachte heer,\nAd 1\nDit is reeds openbaar.\nBesluit\n"
        "Gelet op het bovenstaande besluit ik als volgt.\n"
        "I Ik volsta met een verwijzing naar de vindplaats.\n"
        "II Voor zover documenten niet onder mij berusten, wijs ik\nuw verzoek af.\nHoogachtend,"
    )
    assert letter.decision is not None
    assert letter.decision.parts == (
        "I Ik volsta met een verwijzing naar de vindplaats.",
        "II Voor zover documenten niet onder mij berusten, wijs ik uw verzoek af.",
    )


@pytest.mark.parametrize(
    ("clause", "weeks", "electronic", "address"),
    [
        ("Binnen zes weken kunt u bezwaar maken. Het bezwaarschrift richt u aan de burgemeester, "
         "Postbus 12, 1234 AB Dorp. De elektronische weg voor het indienen van een bezwaarschrift "
         "is niet geopend.", 6, False, "de burgemeester, Postbus 12, 1234 AB Dorp"),
        ("U kunt binnen 6 weken bezwaar maken. Een bezwaarschrift kan uitsluitend per gewone "
         "post worden ingediend.", 6, False, None),
        ("Tegen dit besluit kunt u binnen zes weken bezwaar maken, gericht aan de minister, "
         "t.a.v. de directie Juridische Zaken, postbus 20061, 2500 EB Den Haag.", 6, None,
         "de minister, t.a.v. de directie Juridische Zaken, postbus 20061, 2500 EB Den Haag"),
    ],
)  # fmt: skip
def test_bezwaar_clause(
    clause: str, weeks: int, electronic: bool | None, address: str | None
) -> None:
    letter = parse(f"Geachte heer,\nAd 1\nDit is reeds openbaar.\nHoogachtend,\nBezwaar\n{clause}")
    assert letter.bezwaar is not None
    assert letter.bezwaar.weeks == weeks
    assert letter.bezwaar.electronic_filing is electronic
    assert letter.bezwaar.address == address


def test_no_bezwaar_clause_is_a_warning_not_a_guess() -> None:
    letter = parse("Geachte heer,\nAd 1\nDit is reeds openbaar.\nHoogachtend,")
    assert letter.bezwaar is None
    assert any("bezwaar" in w for w in letter.warnings)


@pytest.mark.parametrize(
    ("sentence", "received"),
    [
        ("Op 13 juli 2020 ontvingen wij uw (aangetekende) brief.", date(2020, 7, 13)),
        ("In uw brief van 11 mei 2020, ontvangen op 12 mei 2020, vraagt u om stukken.",
         date(2020, 5, 12)),
        ("Wij hebben uw verzoek ontvangen op 12 januari 2026 en de ontvangst bevestigd bij "
         "brief van 14 januari 2026.", date(2026, 1, 12)),
    ],
)  # fmt: skip
def test_request_received(sentence: str, received: date) -> None:
    letter = parse(f"Geachte heer,\n{sentence}\nAd 1\nDit is reeds openbaar.\nHoogachtend,")
    assert letter.request_received == received


def test_request_received_only_the_request_date_is_a_warned_fallback() -> None:
    letter = parse(
        "Geachte heer,\nIn uw e-mail van 8 april 2021 heeft u met een beroep op de Wob verzocht "
        "om informatie.\nAd 1\nDit is reeds openbaar.\nHoogachtend,"
    )
    assert letter.request_received == date(2021, 4, 8)
    assert any("date of the request itself" in w for w in letter.warnings)


@pytest.mark.parametrize(
    ("letterhead", "reference"),
    [
        ("Ons kenmerk CE20-07907", "CE20-07907"),
        ("Ons kenrmerk Z-20-42738", "Z-20-42738"),  # OCR
        ("Onze referentie\nWob/2020/171", "Wob/2020/171"),
        ("Onze referentie\nBetreft Besluit op uw Wob-verzoek\nWob/2020/177", "Wob/2020/177"),
        ("Ons kenmerk\nDGA-SKI / 21165506", "DGA-SKI / 21165506"),
        ("Onze referentie\nPER EMAIL: TRCNVWA/2021/1833", "TRCNVWA/2021/1833"),
        ("Datum 8 januari 2021 Onze referentie\nWob/2020/172", "Wob/2020/172"),
        ("Onze referentie\nBijlagen\n2)Document", None),
        ("Uw kenmerk 2021-17", None),  # the requester's own reference
    ],
)
def test_reference_from_the_letterhead(letterhead: str, reference: str | None) -> None:
    letter = parse(f"{letterhead}\nGeachte heer,\nAd 1\nDit is reeds openbaar.\nHoogachtend,")
    assert letter.reference == reference


def test_an_inventory_without_a_letter_parses_to_its_documents() -> None:
    letter = parse(
        "Inventarislijst\nNr. Datum Omschrijving Beoordeling Grond\n"
        "1 13-02-2025 Verslag stuurgroep Deels openbaar 5.1.2e\n"
        "2 10-04-2025 Memo tarieven Niet openbaar 5.2\n"
    )
    assert letter.decision_date is None
    assert letter.kind == "inventory"
    assert letter.items == ()
    assert [(d.number, d.judgement) for d in letter.documents] == [
        ("1", "partly_public"),
        ("2", "not_public"),
    ]


def test_a_text_without_letter_or_table_is_flagged_as_no_letter() -> None:
    letter = parse("Losse aantekeningen\nzonder aanhef en zonder besluit\n")
    assert [i.number for i in letter.items] == ["1"]
    assert letter.items[0].needs_review
    assert any("no letter structure" in w for w in letter.warnings)


# --- the JSON contract -------------------------------------------------------------------------


def test_to_json_is_the_parse_contract(woo: ParsedLetter) -> None:
    data = woo.to_json("brief.pdf")
    json.dumps(data)  # plain JSON types only
    assert set(data) == {
        "file", "pages", "regime", "decision_date", "reference", "request_received", "items",
        "decision", "bezwaar", "warnings",
        # added in parser 2.0 (fields are only ever added to the contract)
        "request_date", "kind", "extended_on", "extended_to", "documents",
        # added for batch intake (wobtrack import)
        "authority", "subject",
    }  # fmt: skip
    assert data["file"] == "brief.pdf"
    assert data["decision_date"] == "2026-03-12"
    for item in data["items"]:
        assert set(item) == {
            "number", "text", "outcomes", "grounds", "refers_to", "references", "evidence",
            "needs_review",
            "review",
        }  # fmt: skip
        assert set(item["outcomes"]) <= set(OUTCOMES)
        assert all(set(r) == {"kind", "value"} for r in item["references"])
        assert all(r["kind"] in ("url", "decision", "document") for r in item["references"])
        assert all(set(e) == {"page", "text"} for e in item["evidence"])
    assert set(data["bezwaar"]) == {"weeks", "electronic_filing", "address", "remedy"}
    assert set(data["decision"]) == {"parts", "evidence"}


def test_parser_version_is_a_string() -> None:
    assert isinstance(PARSER_VERSION, str)
    assert PARSER_VERSION


# --- robustness ------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=400), max_size=4), st.lists(st.text(max_size=60), max_size=3))
def test_never_crashes_on_arbitrary_text(pages: list[str], links: list[str]) -> None:
    letter = parse_letter(pages, links)
    assert letter.pages == len(pages)
    for item in letter.items:
        assert set(item.outcomes) <= set(OUTCOMES)


_OCR_NOISE = str.maketrans({"1": "l", "0": "O", "i": "1", "e": "c", "m": "rn"})


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_ocr_noise_does_not_crash(data: st.DataObject) -> None:
    lines = WOO_LETTER.splitlines()
    noisy = [line.translate(_OCR_NOISE) if data.draw(st.booleans()) else line for line in lines]
    parse_letter(["\n".join(noisy)])


def test_pages_without_text_are_named_in_a_warning() -> None:
    from wobtrack.parsing.letters import parse_letter

    letter = parse_letter(["", "Geachte heer,\n\nIk maak de documenten openbaar.\n", "  \n"])
    assert any(
        warning.startswith("pages 1, 3 have no text layer (scanned?)")
        for warning in letter.warnings
    )


RECEIPT_LETTER = """\
Gemeente Westerdijk
Datum 14 oktober 2025
Onderwerp Besluit op uw Wob-verzoek

Geachte heer Smit,

{opening}
Ik besluit uw verzoek in te willigen.
Hoogachtend,
"""


@pytest.mark.parametrize(
    ("opening", "received"),
    [
        # The authority's own acknowledgement letter is dated; that date is not the receipt.
        (
            "In mijn brief van 20 maart 2025 heb ik u de ontvangst bevestigd van uw verzoek "
            "op 11 maart jongstleden.",
            date(2025, 3, 11),
        ),
        # "dat u de stukken nog niet had ontvangen": the requester received nothing; the
        # sentence says nothing about when the authority received the request.
        (
            "In uw brief van 3 februari 2025 heeft u om documenten verzocht.\n"
            "In uw e-mail van 2 juni 2025 hebt u gemeld dat u de stukken nog niet had "
            "ontvangen.",
            date(2025, 2, 3),
        ),
    ],
)
def test_receipt_date_is_not_an_acknowledgement_or_the_requesters_receipt(
    opening: str, received: date
) -> None:
    letter = parse(RECEIPT_LETTER.format(opening=opening))
    assert letter.request_received == received


def test_a_locating_verb_that_points_to_another_item_takes_that_items_outcome() -> None:
    letter = parse(
        "Geachte heer,\nAd 1\nDe notulen treft u aan in de documenten die voor onderdeel 2 "
        "zijn geïnventariseerd.\n"
        "Ad 2\nDe notulen zijn al openbaar en te vinden via "
        "https://www.example.nl/notulen.html.\nHoogachtend,"
    )
    assert outcomes(letter) == {"1": ["referred"], "2": ["referred"]}
    assert letter.item("1").refers_to == ("2",)


def test_the_quoted_law_in_an_annex_adds_no_grounds() -> None:
    letter = parse(
        "Gemeente Westerdijk\nDatum 14 oktober 2025\nOnderwerp Besluit op uw Wob-verzoek\n\n"
        "Geachte heer Smit,\n\nIn uw brief van 3 februari 2025 heeft u om de verslagen "
        "verzocht.\nIk heb besloten de verslagen gedeeltelijk openbaar te maken. De namen van "
        "ambtenaren maak ik niet openbaar op grond van artikel 10, tweede lid, onder e, van de "
        "Wob.\nHoogachtend,\nde burgemeester\n"
        "\fBijlage 1 – Relevante artikelen uit de Wob\nArtikel 1\n"
        "In deze wet wordt verstaan onder:\n"
        "f. persoonlijke beleidsopvatting: een opvatting, voorstel of conclusie van een of\n"
        "meer personen over een bestuurlijke aangelegenheid;\n"
        "Artikel 10\n2. Het verstrekken van informatie blijft eveneens achterwege voor zover\n"
        "het belang daarvan niet opweegt tegen de volgende belangen:\n"
        "c. de opsporing en vervolging van strafbare feiten;\n"
        "Artikel 11\n1. In geval van een verzoek om informatie uit documenten, opgesteld ten\n"
        "behoeve van intern beraad, wordt geen informatie verstrekt over daarin opgenomen\n"
        "persoonlijke beleidsopvattingen.\n"
        "Informatie over persoonlijke beleidsopvattingen kan worden verstrekt in niet tot\n"
        "personen herleidbare vorm.\n"
    )
    assert letter.item("1").outcomes == ("partly_granted",)
    assert letter.item("1").grounds == ("10.2.e",)


def test_outside_the_law_because_already_public_is_a_referral() -> None:
    letter = parse(
        "Gemeente Westerdijk\nDatum 14 oktober 2025\nOnderwerp Besluit op uw Wob-verzoek\n\n"
        "Geachte heer Smit,\n\nIn uw brief van 3 februari 2025 heeft u om de nota over de "
        "haven verzocht.\nDe nota is reeds openbaar. U vindt haar op "
        "https://www.westerdijk.example/nota-haven.\n"
        "Besluit\nUw verzoek valt niet onder de reikwijdte van de Wob.\nHoogachtend,\n"
    )
    item = letter.item("1")
    assert item.outcomes == ("referred",)
    assert ("url", "https://www.westerdijk.example/nota-haven") in {
        (r.kind, r.value) for r in item.references
    }


def test_outside_the_law_without_a_reason_stays_out_of_scope() -> None:
    letter = parse(
        "Gemeente Westerdijk\nDatum 14 oktober 2025\nOnderwerp Besluit op uw Wob-verzoek\n\n"
        "Geachte heer Smit,\n\nIn uw brief van 3 februari 2025 heeft u om uw eigen dossier "
        "verzocht.\nBesluit\nUw verzoek valt niet onder de reikwijdte van de Wob.\nHoogachtend,\n"
    )
    assert letter.item("1").outcomes == ("out_of_scope",)
