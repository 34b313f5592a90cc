"""Outcome phrases (wobtrack/parsing/phrases.py) sentence by sentence, and cross-references.

One row per rule, plus the sentences that look like a rule but are not: those are the
silent guesses the parser must not make.
"""

from __future__ import annotations

import pytest

from wobtrack.parsing.classify import cross_references, sentence_outcomes
from wobtrack.parsing.document import expand_numbers
from wobtrack.vocab import OUTCOMES


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # referred: already public (Woo 4.5 lid 2 / Wob 7 lid 2 b)
        ("Deze informatie is reeds openbaar.", ["referred"]),
        ("Het eindrapport is al openbaar.", ["referred"]),
        ("Ik attendeer u op de reeds openbaar gemaakte besluiten.", ["referred"]),
        ("Zij zijn openbaar gemaakt bij mijn besluit van 12 november 2019.", ["referred"]),
        ("Ik verwijs u naar het openbaar gemaakte rapport.", ["referred"]),
        ("Ik verwijs u naar de vindplaats.", ["referred"]),
        ("Deze zijn te vinden via de website van de politie.", ["referred"]),
        ("Het rapport is gepubliceerd op de website.", ["referred"]),
        ("De notulen zijn publiek toegankelijk.", ["referred"]),
        ("Ik volsta met de hierboven opgenomen verwijzingen.", ["referred"]),
        # not_held: no documents (Woo 2.1)
        ("Het gevraagde document is niet beschikbaar, omdat deze ook niet is opgemaakt.",
         ["not_held"]),
        ("De onder dit punt gevraagde documenten worden niet opgemaakt.", ["not_held"]),
        ("Er is geen verslag opgemaakt.", ["not_held"]),
        ("Deze stukken zijn niet (meer) aanwezig.", ["not_held"]),
        ("Er zijn geen documenten aangetroffen die onder uw verzoek vallen.", ["not_held"]),
        ("Hiervan is geen document beschikbaar.", ["not_held"]),
        ("Documenten als door u bedoeld berusten niet onder mij.", ["not_held"]),
        ("Voor zover documenten niet onder de politie berusten, kan ik niet aan uw verzoek "
         "voldoen.", ["not_held"]),
        ("Er is geen correspondentie gevoerd met de Autoriteit.", ["not_held"]),
        ("Ik heb besloten uw verzoek af te wijzen aangezien er geen documenten bij het "
         "ministerie zijn met de door u gevraagde informatie.", ["not_held"]),
        ("Uw verzoek wordt bij gebrek aan de verzochte documenten niet ingewilligd.",
         ["not_held"]),
        # forwarded (Woo 4.2)
        ("Ik heb dit onderdeel doorgezonden aan de minister van Justitie en Veiligheid.",
         ["forwarded"]),
        ("Uw verzoek is doorgestuurd naar de Vervoerregio.", ["forwarded"]),
        ("Het college heeft dit onderdeel doorgezonden aan de provincie.", ["forwarded"]),
        # partly granted
        ("Ik maak deze documenten gedeeltelijk openbaar.", ["partly_granted"]),
        ("Deze maken wij gedeeltelijk openbaar.", ["partly_granted"]),
        ("Ik heb besloten de documenten openbaar te maken met uitzondering van de daarin "
         "vermelde persoonsgegevens.", ["partly_granted"]),
        ("Ik heb besloten deels aan uw verzoek tegemoet te komen.", ["partly_granted"]),
        ("Wij hebben besloten uw verzoek gedeeltelijk toe te wijzen.", ["partly_granted"]),
        ("De namen zijn zwartgelakt.", ["partly_granted"]),
        ("Sommige documenten worden volledig geopenbaard en sommige grotendeels.",
         ["partly_granted"]),
        # refused
        ("Wij weigeren openbaarmaking van deze documenten.", ["refused"]),
        ("Deze passages maak ik niet openbaar op grond van artikel 10 lid 2 sub e Wob.",
         ["refused"]),
        ("Ik heb besloten de informatie niet openbaar te maken.", ["refused"]),
        ("Ik heb besloten om uw verzoek af te wijzen.", ["refused"]),  # weak, nothing else
        # granted
        ("Ik maak dit document openbaar.", ["granted"]),
        ("Deze documenten maken wij volledig openbaar.", ["granted"]),
        ("Ik heb besloten aan uw verzoek tegemoet te komen.", ["granted"]),
        ("Deze documenten worden hierbij dan ook openbaar.", ["granted"]),
        ("We sturen u hierbij de door u gevraagde documenten.", ["granted"]),
        # out of scope, not handled, deferred, withdrawn
        ("Dit document valt buiten de reikwijdte van uw verzoek.", ["out_of_scope"]),
        ("Uw verzoek valt niet onder de reikwijdte van de Wob.", ["out_of_scope"]),
        ("Ik heb besloten uw verzoek niet in behandeling te nemen.", ["not_handled"]),
        ("Over dit onderdeel ontvangt u een afzonderlijk besluit.", ["deferred"]),
        ("Op dit deel van uw verzoek wordt later beslist.", ["deferred"]),
        ("U heeft dit onderdeel van uw verzoek op 3 maart ingetrokken.", ["withdrawn"]),
    ],
)  # fmt: skip
def test_sentence_outcomes(sentence: str, expected: list[str]) -> None:
    assert sentence_outcomes(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Uw verzoek valt onder de reikwijdte van de Wob en is in behandeling genomen.",
        "Het verzoek is op 17 december 2020 formeel naar mij doorgezonden.",  # forwarded to us
        "Uw verzoek is door het ministerie van EZK doorgezonden aan mijn ministerie.",
        "Op basis van uw verzoek zijn 12 documenten aangetroffen.",
        "Ik voeg daaraan toe dat er geen arrestaties plaatsvonden.",
        "De ontvangst van uw verzoek is bevestigd bij brief van 29 april 2021.",
        "U heeft uw beroep niet ingetrokken.",
        "Het bestuursorgaan beslist zo spoedig mogelijk.",
        "Dit besluit wordt gepubliceerd op de website.",  # publishing this decision
        "Wij verstrekken het daarom niet opnieuw.",
        "",
    ],
)
def test_no_outcome_without_its_wording(sentence: str) -> None:
    assert sentence_outcomes(sentence) == []


def test_weak_refusal_yields_to_the_reason_in_the_same_sentence() -> None:
    assert sentence_outcomes(
        "Omdat de Wob niet van toepassing is op reeds openbare informatie moet ik uw "
        "verzoek afwijzen."
    ) == ["referred"]


def test_not_yet_public_is_not_already_public() -> None:
    outcomes = sentence_outcomes(
        "Daarom maken wij de documenten 13 tot en met 15 niet eerder openbaar dan twee weken "
        "na de bekendmaking."
    )
    assert "referred" not in outcomes


def test_every_rule_names_a_contract_outcome() -> None:
    from wobtrack.parsing.phrases import OUTCOME_RULES

    assert {rule.outcome for rule in OUTCOME_RULES} <= set(OUTCOMES)
    # every outcome a letter can state has a rule ("unanswered" is found by absence)
    assert set(OUTCOMES) - {rule.outcome for rule in OUTCOME_RULES} == {"unanswered"}


# --- cross-references ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "numbers"),
    [
        ("Ik verwijs naar het antwoord onder ad. 2.", ["2"]),
        ("Ik verwijs u naar de antwoorden onder ad. 2 en 3.", ["2", "3"]),
        ("Zie het antwoord onder ad 2.", ["2"]),
        ("Zie ad 4.", ["4"]),
        ("Ik verwijs u naar het gegeven antwoord onder ad 1 (Wpg-verwerking).", ["1"]),
        ("Ik verwijs verder naar de reeds openbare informatie waarnaar ik onder ad. 1 verwijs.",
         ["1"]),
        ("Ik verwijs naar de inhoud van de onder ad. 1 genoemde openbaarmaking.", ["1"]),
        ("Ik verwijs u naar het antwoord onder ad. 6, 7 en 9.", ["6", "7", "9"]),
        ("Zie het antwoord bij vraag 3.", ["3"]),
        ("Zie punt 5.", ["5"]),
        ("Zie de antwoorden onder ad 1 t/m 3.", ["1", "2", "3"]),
        ("Zie onder ad. 4 en ad. 5.", ["4", "5"]),
        # another decision's items are not this letter's items
        ("Verder verwijs ik naar het gegeven antwoord onder het gelijkluidende punt (11) in het "
         "openbaar gemaakte besluit.", []),
        ("Zie punt 3 van het besluit van 12 mei 2020.", []),
        ("Ik verwijs naar artikel 10 van de Wob.", []),
        ("Op 10 mei 2021 heb ik uw verzoek ontvangen.", []),
    ],
)  # fmt: skip
def test_cross_references(sentence: str, numbers: list[str]) -> None:
    assert cross_references(sentence) == numbers


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("5 en 10", ["5", "10"]),
        ("6, 7, 8, 12 en 14", ["6", "7", "8", "12", "14"]),
        ("1 t/m 3", ["1", "2", "3"]),
        ("1 tot en met 3", ["1", "2", "3"]),
        ("1-3", ["1", "2", "3"]),
        ("3b", ["3b"]),
        ("2, 2 en 3", ["2", "3"]),
    ],
)
def test_expand_numbers(text: str, numbers: list[str]) -> None:
    assert expand_numbers(text) == numbers


def test_cross_reference_to_the_documents_of_another_item() -> None:
    sentence = "De notities treft u aan in de stukken die voor onderdeel 3 zijn geïnventariseerd."
    assert cross_references(sentence) == ["3"]
