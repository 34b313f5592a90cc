"""The staged parser, one phenomenon per test, on letters written for these tests."""

from __future__ import annotations

import pytest

from wobtrack.parsing.answers import item_mentions
from wobtrack.parsing.document import Line
from wobtrack.parsing.inventory import document_outcomes
from wobtrack.parsing.letters import parse_letter
from wobtrack.parsing.model import InventoryDocument, ParsedLetter
from wobtrack.parsing.request_items import find_request_items
from wobtrack.parsing.review import ItemFacts, flag_ocr_items, review
from wobtrack.parsing.trace import diagnostic_code


def lines_of(text: str) -> list[Line]:
    return [Line(1, t) for t in text.splitlines() if t.strip()]


def numbers(text: str) -> list[str]:
    lines = lines_of(text)
    return find_request_items(lines, 0, len(lines)).numbers


def parse(text: str) -> ParsedLetter:
    return parse_letter(text.split("\f"))


def outcomes(letter: ParsedLetter) -> dict[str, list[str]]:
    return {item.number: list(item.outcomes) for item in letter.items}


# --- request items ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        # numbers glued to the text
        (
            "U vraagt om gegevens over de volgende adressen:\n1.Dorpsstraat 1\n2.Kerkweg 4",
            ["1", "2"],
        ),
        # the number alone on its line
        ("U wilt graag de volgende documenten:\n1.\nDe notulen;\n2.\nDe agenda's.", ["1", "2"]),
        # "1 /" numbering
        ("U verzoekt om:\n1 / het rapport;\n2 / de bijlagen.", ["1", "2"]),
        # dash bullets numbered by position, one with two sentences
        (
            "U heeft verzocht om:\n- Stukken over de vergunning. Deze ligt bij de afdeling.\n"
            "Zie ook het zaaknummer.\n- Stukken over de handhaving.\n- De kaart van de wijk.",
            ["1", "2", "3"],
        ),
        # a bullet that keeps its own number
        ("U wilt graag ontvangen:\n• (1) het rapport;\n• (2) de brief.", ["1", "2"]),
        # ordinal words
        (
            "In uw verzoek staat:\nHet eerste onderdeel betreft het register.\n"
            "Het tweede onderdeel betreft de besluiten.",
            ["1", "2"],
        ),
    ],
)
def test_request_item_schemes(quote: str, expected: list[str]) -> None:
    assert numbers(quote) == expected


def test_two_requests_with_their_own_lists_get_prefixed_numbers() -> None:
    text = (
        "In verzoek A vraagt u om:\n1. de adviezen;\n2. de aanvragen.\n"
        "In verzoek B vraagt u om:\n1. de e-mails;\n2. de verslagen."
    )
    assert numbers(text) == ["A.1", "A.2", "B.1", "B.2"]


def test_lettered_headings_over_one_numbered_list_keep_the_numbers() -> None:
    text = (
        "U vraagt om de volgende gegevens:\nA. Geld\n1. de budgetten;\n2. de uitgaven;\n"
        "B. Doelgroep\n3. het aantal deelnemers;\n4. de leeftijden."
    )
    assert numbers(text) == ["1", "2", "3", "4"]


def test_running_header_inside_a_list_is_skipped() -> None:
    text = (
        "U vraagt om:\n1. de notulen van de raad en\nGemeente Veenhoven Datum 3 maart 2026\n"
        "Pagina 2 van 4\nde commissie;\n2. de agenda's."
    )
    lines = lines_of(text)
    request = find_request_items(lines, 0, len(lines))
    assert request.numbers == ["1", "2"]
    assert "Pagina" not in request.items[0].text


def test_a_list_of_documents_found_is_not_the_request() -> None:
    text = "Er zijn de volgende documenten aangetroffen:\n1. een memo;\n2. een verslag."
    assert numbers(text) == ["1"]


def test_a_list_in_the_decision_is_not_the_request() -> None:
    text = "Ik heb besloten uw verzoek gedeeltelijk in te willigen, waarbij:\n- a;\n- b."
    assert numbers(text) == ["1"]


# --- how answers name items ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Voor de onder punt 1 gevraagde stukken geldt het volgende.", ["1"]),
        ("Over de punten 3 en 4 zijn geen documenten gevonden.", ["3", "4"]),
        ("Uw tweede vraag beantwoord ik als volgt.", ["2"]),
        ("Het derde streepje van uw verzoek betreft kaarten.", ["3"]),
        ("Ten aanzien van de eerste 3 punten verwijs ik naar de website.", ["1", "2", "3"]),
        ("UWV wijst uw verzoek ten aanzien van deel B4 af.", ["4"]),
        ("De onder 1. genoemde personen hebben een zienswijze gegeven.", []),
        ("Deel 2 van het rapport is openbaar.", []),
    ],
)
def test_item_mentions(sentence: str, expected: list[str]) -> None:
    assert item_mentions(sentence, ["1", "2", "3", "4"]) == expected


def test_per_item_paragraphs_found_by_their_mentions() -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om:\n1. het rapport;\n2. de notulen;\n3. de kaart.\n"
        "Overwegingen\nHet onder punt 1 gevraagde rapport maak ik openbaar.\n"
        "Over de punten 2 en 3 zijn geen documenten aangetroffen.\nHoogachtend,"
    )
    assert outcomes(letter) == {"1": ["granted"], "2": ["not_held"], "3": ["not_held"]}


# --- outcomes -----------------------------------------------------------------------------------


def test_afwijzen_is_resolved_by_its_reason_not_held() -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om de notulen van de stuurgroep.\n"
        "Inventarisatie\nEr zijn geen documenten aangetroffen die onder uw verzoek vallen.\n"
        "Besluit\nIk heb besloten uw verzoek af te wijzen.\nHoogachtend,"
    )
    assert outcomes(letter) == {"1": ["not_held"]}


def test_afwijzen_with_a_ground_stays_a_refusal() -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om de offerte van de leverancier.\n"
        "Besluit\nIk heb besloten uw verzoek af te wijzen op grond van artikel 5.1, eerste lid,"
        " aanhef en onder c, van de Woo.\nHoogachtend,"
    )
    assert outcomes(letter) == {"1": ["refused"]}
    assert letter.item("1").grounds == ("5.1.1c",)


def test_documents_disclosed_and_refused_under_one_item_are_partly_granted() -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om de stukken over de brug.\n"
        "Besluit\nDocument 1 maak ik openbaar. Document 2 wordt geweigerd op grond van "
        "artikel 5.1, tweede lid, aanhef en onder e, van de Woo.\nHoogachtend,"
    )
    assert outcomes(letter) == {"1": ["partly_granted"]}


def test_whole_letter_decision_takes_grounds_from_the_considerations() -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om:\n1. de notulen;\n2. de memo's.\n"
        "Besluit\nIk heb besloten de documenten gedeeltelijk openbaar te maken.\n"
        "Overwegingen\nIn de documenten staan namen van medewerkers. Die maak ik niet "
        "openbaar op grond van artikel 5.1, tweede lid, aanhef en onder e, van de Woo.\n"
        "Hoogachtend,"
    )
    for item in letter.items:
        assert item.outcomes == ("partly_granted",)
        assert "5.1.2e" in item.grounds
        assert not item.needs_review


@pytest.mark.parametrize(
    ("consideration", "flagged"),
    [
        # Some documents or pages outside the request: not the request's outcome.
        ("Document 12 valt buiten de reikwijdte van uw verzoek.", False),
        ("Wanneer pagina's geheel buiten het verzoek vallen, zijn deze weggelaten.", False),
        ("De documenten die ik u stuur vallen buiten de reikwijdte van uw verzoek.", False),
        # The standard paragraph on published information: not out of scope either.
        ("De Woo is niet van toepassing op informatie die al openbaar is.", False),
        # A part of the request outside it: the decision may not cover it.
        ("Het tweede deel van uw verzoek valt buiten de reikwijdte van uw verzoek.", True),
    ],
)
def test_only_a_part_of_the_request_outside_scope_disagrees_with_the_decision(
    consideration: str, flagged: bool
) -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om:\n1. de notulen;\n2. de memo's.\n"
        "Besluit\nIk heb besloten de documenten gedeeltelijk openbaar te maken.\n"
        f"Overwegingen\n{consideration}\nHoogachtend,"
    )
    codes = {code for item in letter.items for code, _ in item.review}
    assert ("R06-considerations-disagree" in codes) is flagged, codes


# --- review policy -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "code"),
    [
        (ItemFacts("1", (), ()), "R01-no-outcome"),
        (ItemFacts("1", ("granted", "refused"), ()), "R03-contradictory"),
        (ItemFacts("1", ("partly_granted",), (), fallback=True), "R04-fallback"),
        (ItemFacts("1", ("refused",), ()), "R05-refusal-without-ground"),
        (
            ItemFacts(
                "1", ("partly_granted",), (), decided_as_whole=True,
                considerations=frozenset({"not_held"}),
            ),
            "R06-considerations-disagree",
        ),
        (
            ItemFacts(
                "1", ("partly_granted",), (), decided_as_whole=True, partial_decision=True,
                items_in_letter=3, considerations=frozenset({"deferred"}),
            ),
            "R07-partial-decision",
        ),
        (
            ItemFacts("1", ("granted",), (), decided_as_whole=True, has_dictum=False),
            "R08-no-decision-wording",
        ),
        (ItemFacts("1", ("granted",), (), unresolved_reference=True), "R09-unresolved-reference"),
        (
            ItemFacts("1", ("granted",), (), decided_as_whole=True, unread_pages=True),
            "R10-unread-pages",
        ),
    ],
)  # fmt: skip
def test_review_rules_fire(facts: ItemFacts, code: str) -> None:
    assert code in [rule.code for rule in review(facts)]


def test_a_plain_answer_needs_no_review() -> None:
    facts = ItemFacts("1", ("refused",), ("5.1.2e",), decided_as_whole=True)
    assert review(facts) == []


def test_inherited_outcomes_are_not_a_contradiction() -> None:
    facts = ItemFacts("1", ("partly_granted", "not_held"), (), own_outcomes=("not_held",))
    assert review(facts) == []


def test_an_unanswered_item_is_flagged_with_its_reason() -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om:\n1. het rapport;\n2. de notulen.\n"
        "Ad 1\nHet rapport maak ik openbaar.\nHoogachtend,"
    )
    item = letter.item("2")
    assert item.outcomes == ("unanswered",)
    assert item.needs_review
    assert item.review[0][0] == "R02-unanswered"


@pytest.mark.parametrize(
    ("warning", "code"),
    [
        ("page 3 has no text layer (scanned?): run OCR", "D01-unread-pages"),
        (
            "item 2 is quoted but never answered (unanswered: a ground for bezwaar)",
            "D10-unanswered",
        ),
        ("no bezwaar clause (rechtsmiddelenclausule) found", "D07-bezwaar-clause"),
        ("something the table does not know", "D99-other"),
    ],
)
def test_diagnostic_codes_are_stable(warning: str, code: str) -> None:
    assert diagnostic_code(warning) == code


def test_ad_headings_in_a_decision_on_objection_are_not_items() -> None:
    letter = parse(
        "Geachte heer,\nBeslissing op bezwaar\nU heeft bezwaar gemaakt tegen mijn besluit op uw "
        "Woo-verzoek om het rapport.\nAd 1\nU stelt dat het rapport openbaar moet.\n"
        "Ad 2\nU stelt dat de termijn is overschreden.\nBesluit\nIk verklaar het bezwaar "
        "ongegrond en handhaaf mijn besluit.\nHoogachtend,"
    )
    assert letter.kind == "bezwaar"
    assert [item.number for item in letter.items] == ["1"]


@pytest.mark.parametrize(
    ("judgements", "expected"),
    [
        (["public", "public"], ["granted"]),
        (["public", "not_public"], ["partly_granted"]),
        (["partly_public", "public", "already_public"], ["partly_granted", "referred"]),
        (["already_public"], ["referred"]),
        (["not_public"], ["refused"]),
        (["partly_public", None], []),  # an unknown judgement: a person reads the table
    ],
)
def test_inventory_judgements_add_up_to_item_outcomes(
    judgements: list[str | None], expected: list[str]
) -> None:
    documents = [
        InventoryDocument(str(n), None, f"doc {n}", j, j or "?", (), None, 1, j is None)
        for n, j in enumerate(judgements, start=1)
    ]
    assert document_outcomes(documents) == expected


def test_a_letter_without_decision_wording_takes_its_inventory_flagged() -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om de stukken over de brug.\nZie de inventarislijst.\n"
        "Hoogachtend,\n\fInventarislijst\nNr. Datum Omschrijving Beoordeling Grond\n"
        "1 13-02-2025 Verslag stuurgroep Deels openbaar 5.1.2e\n"
        "2 10-04-2025 Memo tarieven Openbaar\n"
    )
    item = letter.item("1")
    assert item.outcomes == ("partly_granted",)
    assert item.needs_review
    assert "R11-from-inventory" in [code for code, _ in item.review]


def test_an_answer_naming_its_documents_takes_their_judgements() -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om:\n1. de verslagen;\n2. de memo's.\n"
        "Overwegingen\n1. de verslagen;\nDocumenten 1 en 2 zijn de verslagen van de stuurgroep.\n"
        "2. de memo's;\nDocument 3 is een memo over de tarieven.\nHoogachtend,\n"
        "\fInventarislijst\nNr. Datum Omschrijving Beoordeling Grond\n"
        "1 13-02-2025 Verslag maart Openbaar\n"
        "2 10-04-2025 Verslag april Deels openbaar 5.1.2e\n"
        "3 11-04-2025 Memo tarieven Reeds openbaar\n"
    )
    assert outcomes(letter) == {"1": ["partly_granted"], "2": ["referred"]}


def test_a_lone_bullet_between_the_halves_of_its_entry() -> None:
    text = (
        "U heeft verzocht om het volgende:\nhoeveel klachten er in vijf jaar zijn ingediend\n"
        "•\n(alle afdelingen);\nin hoeveel gevallen een gesprek is gevoerd\n•\nmet de klager;\n"
        "• wat de kosten waren."
    )
    lines = lines_of(text)
    request = find_request_items(lines, 0, len(lines))
    assert request.numbers == ["1", "2", "3"]
    assert request.items[1].text.startswith("in hoeveel gevallen")


def test_r12_flags_a_paragraph_answer_that_discloses_nothing_against_the_decision() -> None:
    base = dict(letter_outcomes=("partly_granted",), own_outcomes=("not_held",))
    paragraph = ItemFacts("1", ("not_held",), (), layout="mentions", **base)  # type: ignore[arg-type]
    heading = ItemFacts("1", ("not_held",), (), layout="headings", **base)  # type: ignore[arg-type]
    assert "R12-differs-from-decision" in [rule.code for rule in review(paragraph)]
    assert review(heading) == []


@pytest.mark.parametrize(
    ("outcomes", "flagged"),
    [
        (("not_held", "referred"), True),  # "not held, and see there" may be part of the item
        (("referred",), False),  # a referral alone answers the item
        (("forwarded",), False),
        (("refused",), True),  # a refusal without grounds may be "not held" (afwijzen)
    ],
)
def test_r12_and_referrals(outcomes: tuple[str, ...], flagged: bool) -> None:
    facts = ItemFacts(
        "2",
        outcomes,
        (),
        layout="mentions",
        letter_outcomes=("partly_granted",),
        own_outcomes=outcomes,
    )
    codes = [rule.code for rule in review(facts)]
    assert ("R12-differs-from-decision" in codes) is flagged


def test_a_scope_statement_gives_the_named_items_the_decision() -> None:
    letter = parse(
        "Geachte heer,\nU heeft verzocht om:\n- stukken over de brug;\n- stukken over de sluis;\n"
        "- stukken over de dijk.\nInventarisatie\nHet betreft documenten die betrekking hebben "
        "op het eerste en derde streepje van uw verzoek.\nBesluit\nIk heb besloten de "
        "documenten gedeeltelijk openbaar te maken.\nHoogachtend,"
    )
    assert letter.item("1").outcomes == ("partly_granted",)
    assert not letter.item("1").needs_review
    assert letter.item("2").needs_review  # not named: the overall decision, flagged


def test_a_section_title_ends_the_paragraph_that_answers_an_item() -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om:\n1. het rapport;\n2. de notulen.\n"
        "Overwegingen\nOver punt 2 zijn geen documenten aangetroffen.\n"
        "Openbare documenten\nHet rapport van punt 1 is reeds openbaar.\n"
        "Besluit\nIk heb besloten uw verzoek af te wijzen.\nHoogachtend,"
    )
    assert letter.item("2").outcomes == ("not_held",)
    assert letter.item("1").outcomes == ("referred",)


def test_an_item_repeated_as_heading_is_not_read_as_its_own_answer() -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om:\n1. of er vergunningen in de wijk zijn geweigerd;\n"
        "2. een kaart van de wijk.\nInventarisatie\n1. of er vergunningen in de wijk zijn "
        "geweigerd;\nEr zijn geen documenten met de door u gevraagde informatie aangetroffen.\n"
        "2. een kaart van de wijk.\nDe kaart is reeds openbaar.\nHoogachtend,"
    )
    assert outcomes(letter) == {"1": ["not_held"], "2": ["referred"]}


def test_bullets_under_part_titles_make_one_item_per_part() -> None:
    text = (
        "Uw verzoek is nader gespecificeerd:\nBrug Noord\n- het voorstel;\n- de notulen.\n"
        "Asfaltwerk\nInformatie over het asfaltwerk.\n- de opdracht;\n- de betaling."
    )
    lines = lines_of(text)
    request = find_request_items(lines, 0, len(lines))
    assert request.numbers == ["1", "2"]
    assert request.items[1].text.startswith("Asfaltwerk")


def test_an_answer_introduced_by_its_subject_is_matched_and_flagged() -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om:\n- het aantal klachten per jaar;\n"
        "- de kosten van de bemiddeling;\n- de bespaarde kosten van de bemiddeling.\n"
        "Overwegingen\nHet aantal klachten per jaar is reeds openbaar in het jaarverslag. "
        "Ten aanzien van de kosten van de bemiddeling zijn geen documenten aangetroffen.\n"
        "Hoogachtend,"
    )
    item = letter.item("2")
    assert item.outcomes == ("not_held",)
    assert "R13-matched-by-topic" in [code for code, _ in item.review]


def test_the_item_named_as_het_gevraagde_onder_n() -> None:
    assert item_mentions(
        "Ten aanzien van het gevraagde onder 2 zijn geen stukken.", ["1", "2"]
    ) == ["2"]


def test_a_letter_without_decision_wording_is_read_from_its_considerations_flagged() -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om de stukken over de sluiting van de speelhallen.\n"
        "Reactie op uw verzoek\nDe stukken zijn reeds openbaar gemaakt op de website van het "
        "ministerie. Andere documenten zijn niet aangetroffen.\nHoogachtend,"
    )
    item = letter.item("1")
    assert set(item.outcomes) == {"referred", "not_held"}
    assert "R08-no-decision-wording" in [code for code, _ in item.review]


def test_a_ministry_named_rechtsbescherming_does_not_start_the_bezwaar_clause() -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om de brief van de minister.\n"
        "Daarbij is verwezen naar de Minister voor\n"
        "Rechtsbescherming en zijn antwoorden van 5 november.\n"
        "Besluit\nIk maak de brief openbaar.\nHoogachtend,"
    )
    assert letter.item("1").outcomes == ("granted",)


def test_a_question_answered_in_prose_is_granted_and_flagged() -> None:
    letter = parse(
        "Geachte heer,\nU stelde de volgende vragen:\n1. Welke stappen heeft de gemeente gezet?\n"
        "2. Wat was het beleid voor 2020?\nAd 1\nDe gemeente heeft de stichting geadviseerd. "
        "Zij heeft ook een accountant ingeschakeld.\nAd 2\nHet beleid staat in de nota van 2018. "
        "Die nota is reeds openbaar.\nHoogachtend,"
    )
    item = letter.item("1")
    assert item.outcomes == ("granted",)
    assert "R14-answered-in-letter" in [code for code, _ in item.review]
    assert letter.item("2").outcomes == ("referred",)


def test_one_letter_deciding_two_requests_has_two_items() -> None:
    letter = parse(
        "Geachte heer,\nOp 2 maart heeft u om de nota gevraagd. Op 9 maart volgde een nieuw "
        "verzoek om de evaluatie. In deze brief beslis ik op beide verzoeken.\n"
        "Overwegingen\nDe nota uit het eerste verzoek maak ik openbaar. Het tweede verzoek "
        "betreft een evaluatie die nog niet bestaat; er zijn geen documenten aangetroffen.\n"
        "Hoogachtend,"
    )
    assert outcomes(letter) == {"1": ["granted"], "2": ["not_held"]}


def test_afwijzen_with_its_reason_in_the_same_answer_is_not_a_refusal() -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om:\n1. het rapport;\n2. de kosten.\n"
        "Ad 1\nHet rapport maak ik openbaar.\nAd 2\nTen aanzien van de kosten moet ik uw "
        "verzoek afwijzen. Er zijn geen documenten over de kosten aangetroffen.\nHoogachtend,"
    )
    assert letter.item("2").outcomes == ("not_held",)


def test_an_item_naming_a_document_takes_that_rows_judgement_flagged() -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om:\n- Handboek brugbediening\n- Protocol gladheid\n"
        "Besluit\nIk heb besloten uw verzoek gedeeltelijk toe te wijzen.\nHoogachtend,\n"
        "\fInventarislijst\nNr. Datum Omschrijving Beoordeling Grond\n"
        "1 13-02-2025 Handboek brugbediening Openbaar\n"
        "2 10-04-2025 Protocol gladheid Deels openbaar 5.1.2e\n"
    )
    assert letter.item("1").outcomes == ("granted",)
    assert letter.item("2").outcomes == ("partly_granted",)
    assert "R11-from-inventory" in [code for code, _ in letter.item("1").review]


def test_items_a_deelbesluit_leaves_to_another_partial_decision_are_deferred() -> None:
    letter = parse(
        "Betreft: tweede deelbesluit op uw Woo-verzoek\nGeachte heer,\nU heeft verzocht om:\n"
        "- stukken over de brug;\n- stukken over de sluis;\n- stukken over de dijk.\n"
        "Inventarisatie\nHet betreft documenten die betrekking hebben op het eerste streepje "
        "van uw verzoek. De resterende onderdelen van uw verzoek zijn meegenomen in het "
        "besluit van 3 maart.\nBesluit\nIk heb besloten de documenten gedeeltelijk openbaar "
        "te maken.\nHoogachtend,"
    )
    assert letter.kind == "deelbesluit"
    assert letter.item("1").outcomes == ("partly_granted",)
    assert letter.item("2").outcomes == ("deferred",)
    assert letter.item("2").needs_review


def test_an_unread_page_between_the_answers_flags_every_item() -> None:
    pages = [
        "Geachte heer,\nU vraagt om:\n1. het rapport;\n2. de notulen.\n"
        "Ad 1\nHet rapport maak ik openbaar.\nAd 2\nDe notulen",
        "",  # a scanned page without text layer
        "Niet mee eens?\nTegen dit besluit kunt u binnen zes weken bezwaar maken.\nHoogachtend,",
    ]
    letter = parse_letter(pages)
    for item in letter.items:
        assert "R10-unread-pages" in [code for code, _ in item.review]
    assert letter.bezwaar is not None


def test_a_longer_heading_ends_the_paragraph_answering_an_item() -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om:\n1. het rapport;\n2. de offertes.\n"
        "Overwegingen\nVoor de onder punt 2 verzochte offertes zijn geen documenten gevonden.\n"
        "Informatie die valt buiten de reikwijdte van uw verzoek\n"
        "Een deel van de mails gaat over iets anders en valt buiten de reikwijdte van uw "
        "verzoek.\nBesluit\nIk maak het rapport openbaar.\nHoogachtend,"
    )
    assert letter.item("2").outcomes == ("not_held",)


def test_items_read_from_ocr_pages_are_flagged_r15() -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om:\n1. het rapport;\n2. de notulen.\n"
        "Ad 1\nHet rapport maak ik openbaar.\n\fAd 2\nDe notulen zijn reeds openbaar.\n"
        "Hoogachtend,"
    )
    items = flag_ocr_items(letter.items, [2])
    assert [item.needs_review for item in items] == [False, True]
    assert items[1].review[-1][0] == "R15-read-by-ocr"


def _request_numbers_and_texts(text: str) -> list[tuple[str, str]]:
    lines = lines_of(text)
    request = find_request_items(lines, 0, len(lines))
    return [(item.number, item.text) for item in request.items]


def test_o_bullets_are_a_list() -> None:
    found = _request_numbers_and_texts(
        "In uw brief verzoekt u om informatie over:\n"
        "o alle verslagen van de stuurgroep over de\nbrug;\n"
        "o alle facturen van de aannemer.\nWettelijk kader\n"
    )
    assert found == [
        ("1", "alle verslagen van de stuurgroep over de brug"),
        ("2", "alle facturen van de aannemer"),
    ]


def test_a_short_lead_in_continues_the_request_sentence() -> None:
    found = _request_numbers_and_texts(
        "U heeft om informatie verzocht over de nieuwe sporthal.\nIn het bijzonder:\n"
        "- Bouw: de planning;\n- Kosten: de begroting\n"
        "Op 3 maart heb ik u gebeld over uw verzoek.\n"
    )
    assert found == [("1", "Bouw: de planning"), ("2", "Kosten: de begroting")]


def test_sub_asks_after_waaronder_belong_to_the_entry_above() -> None:
    found = _request_numbers_and_texts(
        "U vraagt om:\n- Alle verslagen over het project;\n- Alle besluiten over de lening.\n"
        "Waaronder in ieder geval begrepen:\n- Alle adviezen over de lening;\n"
        "- Alle overeenkomsten met de bank.\nBesluit\n"
    )
    assert [number for number, _ in found] == ["1", "2"]
    assert "overeenkomsten met de bank" in found[1][1]


def test_a_sub_list_in_another_case_ends_where_the_top_list_resumes() -> None:
    found = _request_numbers_and_texts(
        "U vraagt om:\n- Planning: alle stukken over de planning;\n"
        "- Geld: alle stukken over geld, zoals:\n- de begroting;\n- de facturen;\n"
        "- Alle e-mails met de aannemer;\n- Alle andere stukken\nBesluit\n"
    )
    assert [number for number, _ in found] == ["1", "2", "3", "4"]
    assert "de facturen" in found[1][1]
    assert found[3] == ("4", "Alle andere stukken")


def test_two_requests_decided_by_one_dictum_are_flagged() -> None:
    letter = parse(
        "Geachte heer,\nIn uw brief van 3 maart 2025 heeft u om de verslagen van de raad "
        "verzocht. Op 20 maart 2025 heeft u een nieuw verzoek ingediend over de begroting. "
        "In deze brief beslis ik op beide verzoeken.\nBesluit\nIk besluit de door u gevraagde "
        "informatie gedeeltelijk openbaar te maken.\nHoogachtend,"
    )
    assert [item.number for item in letter.items] == ["1", "2"]
    for item in letter.items:
        assert item.outcomes == ("partly_granted",)
        assert "R16-requests-decided-together" in [code for code, _ in item.review]


def test_r12_leaves_a_refusal_on_cited_grounds_alone() -> None:
    facts = ItemFacts(
        "3",
        ("refused",),
        ("5.1.2i",),
        layout="mentions",
        letter_outcomes=("granted",),
        own_outcomes=("refused",),
    )
    assert "R12-differs-from-decision" not in [rule.code for rule in review(facts)]


# --- OCR noise (seen when OCR-ing our own samples rendered at 150 dpi with blur) ----------


def test_ocr_reads_a_list_full_stop_as_colon_or_comma() -> None:
    found = _request_numbers_and_texts(
        "U vraagt om:\n1. de verslagen;\n2. de memo's;\n3: de facturen;\n4, de offertes;\n"
        "5. de contracten.\nBesluit\n"
    )
    assert [number for number, _ in found] == ["1", "2", "3", "4", "5"]


def test_ocr_glues_ad_to_its_numbers() -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om:\n1. de verslagen;\n2. de memo's;\n3. de facturen.\n"
        "Ad1\nDe verslagen maak ik openbaar.\nAd2en3\nDeze documenten zijn niet aanwezig.\n"
        "Hoogachtend,"
    )
    assert outcomes(letter) == {"1": ["granted"], "2": ["not_held"], "3": ["not_held"]}


@pytest.mark.parametrize(
    ("printed", "kenmerk"),
    [("_WOB-2025-0042", "WOB-2025-0042"), ("- Z/25/001234", "Z/25/001234")],
)
def test_ocr_speck_before_a_kenmerk_is_dropped(printed: str, kenmerk: str) -> None:
    letter = parse(
        f"Gemeente Westerdijk\nDatum 14 oktober 2025\nOns kenmerk {printed}\n"
        "Onderwerp Besluit op uw Wob-verzoek\n\nGeachte heer,\nIk wijs uw verzoek toe.\n"
        "Hoogachtend,"
    )
    assert letter.reference == kenmerk


def test_inventory_rows_that_disagree_with_the_answers_words_are_flagged() -> None:
    # The words decide a partial disclosure of documents 1 and 2; their rows say "Openbaar"
    # (e.g. a delayed disclosure whose "uitgesteld" was lost): a person must look.
    letter = parse(
        "Geachte heer,\nU vraagt om het overzicht van de subsidies over 2019 en 2020.\n"
        "Besluit\nIk heb besloten de documenten met nummers 1 en 2 gedeeltelijk openbaar te "
        "maken.\nHoogachtend,\nBijlage 2 - Inventarislijst\nNr. Document Beoordeling Wob\n"
        "1. Overzicht 2019 Openbaar\n2. Overzicht 2020 Openbaar\n"
    )
    [item] = letter.items
    assert [code for code, _ in item.review] == ["R17-inventory-disagrees"]


def test_inventory_rows_that_agree_with_the_words_need_no_review() -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om het overzicht van de subsidies over 2019 en 2020.\n"
        "Besluit\nIk heb besloten de documenten met nummers 1 en 2 gedeeltelijk openbaar te "
        "maken.\nHoogachtend,\nBijlage 2 - Inventarislijst\nNr. Document Beoordeling Wob\n"
        "1. Overzicht 2019 Deels openbaar 10.2.e\n2. Overzicht 2020 Deels openbaar 10.2.e\n"
    )
    [item] = letter.items
    assert item.outcomes == ("partly_granted",)
    assert not item.needs_review


def test_a_deelbesluit_deciding_several_items_as_a_whole_is_flagged() -> None:
    # "In dit deelbesluit ontvangt u ..." names the part decided, not the items left for
    # later: every item may belong to another partial decision.
    letter = parse(
        "Geachte heer,\nU vraagt om:\n1. de notulen van de raad;\n2. de brieven van de "
        "wethouder;\n3. de e-mails van de burgemeester.\nDit is het eerste deelbesluit op uw "
        "verzoek. In dit deelbesluit ontvangt u de brieven van de wethouder.\nBesluit\nIk heb "
        "besloten de documenten gedeeltelijk openbaar te maken.\nHoogachtend,\n"
    )
    assert letter.kind == "deelbesluit"
    for item in letter.items:
        assert "R07-partial-decision" in [code for code, _ in item.review]


@pytest.mark.parametrize(
    "decision",
    [
        "Besluit Wobverzoek\nWij besluiten u de beschikbare informatie en documenten te "
        "verstrekken.",
        "Wij hebben besloten u de gevraagde notulen te verstrekken.",
    ],
)
def test_a_decision_in_the_first_person_plural_is_decision_wording(decision: str) -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om de notulen van de raadsvergadering van 3 maart.\n"
        f"{decision}\nMet vriendelijke groet,\n"
    )
    [item] = letter.items
    assert item.outcomes == ("granted",)
    assert "R08-no-decision-wording" not in [code for code, _ in item.review]


def test_a_request_list_quoted_from_its_middle_keeps_its_numbers() -> None:
    # A forwarded request: the receiving body quotes only the entries that concern it.
    text = (
        "U vraagt om documenten over steun aan 24 sectoren, waarvan deze 3 sectoren onder\n"
        "ons ministerie vallen:\n17. Evenementen;\n18. Musea;\n19. Theaters.\n"
        "Op 3 maart heb ik de ontvangst bevestigd.\n"
    )
    assert numbers(text) == ["17", "18", "19"]


def test_numbers_above_one_without_a_lead_in_are_no_list() -> None:
    text = "U vraagt om de notulen.\nHet gaat om 17 documenten.\n18. Dit staat er los van.\n"
    assert numbers(text) == ["1"]


@pytest.mark.parametrize(
    ("primary", "expected"),
    [
        # Upheld: the primary decision the letter recounts is what stands (LABELS: refused).
        (
            "Bij besluit van 3 maart 2021 heb ik besloten het rapport niet openbaar te maken.",
            ("refused",),
        ),
        (
            "Bij besluit van 3 maart 2021 heb ik besloten het rapport gedeeltelijk openbaar te "
            "maken.",
            ("partly_granted",),
        ),
        # Not recounted: the letter itself decides nothing new (the tracker keeps the
        # primary decision's outcomes), so no outcome is made up.
        ("U heeft bezwaar gemaakt tegen mijn besluit van 3 maart 2021.", ()),
    ],
)
def test_a_decision_on_objection_that_upholds_takes_the_primary_decision(
    primary: str, expected: tuple[str, ...]
) -> None:
    letter = parse(
        "Beslissing op uw bezwaar\nGeachte heer,\n"
        f"{primary} Daartegen heeft u bezwaar gemaakt.\nBeslissing\nIk verklaar uw bezwaar "
        "deels gegrond, maar zie voor het herroepen van mijn primaire besluit geen aanleiding.\n"
        "Overwegingen\nHet rapport is eerder gepubliceerd en volgt de gedragscode; die staat op "
        "https://www.example.org/gedragscode.\nIk handhaaf het bestreden besluit onder "
        "aanvulling van de gronden.\nHoogachtend,\n"
    )
    assert letter.kind == "bezwaar"
    [item] = letter.items
    assert item.outcomes == expected
    if expected:
        assert "R08-no-decision-wording" not in [code for code, _ in item.review]


@pytest.mark.parametrize(
    ("aside", "referred"),
    [
        # Some documents already public, said in passing without saying where: part of the
        # per-document decision, not a referral of the request.
        ("Twee documenten zijn reeds openbaar, daarom heb ik die niet beoordeeld.", False),
        # The letter says where: a referral (beside the partial disclosure).
        (
            "De documenten 4 en 5 zijn reeds openbaar. Zie de inventarislijst voor de "
            "vindplaats van deze documenten.",
            True,
        ),
    ],
)
def test_documents_already_public_in_passing_are_no_referral(aside: str, referred: bool) -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om de stukken over de brug.\nBesluit\nIk heb besloten de "
        f"documenten gedeeltelijk openbaar te maken. {aside}\nHoogachtend,\n"
    )
    [item] = letter.items
    assert "partly_granted" in item.outcomes
    assert ("referred" in item.outcomes) is referred


def test_a_no_documents_sentence_about_one_items_subject_answers_that_item_flagged() -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om:\n- de notulen van de vergaderingen van het bestuur;\n"
        "- de jaarrekening van de stichting Buurtzorg over het boekjaar 2019;\n"
        "- de correspondentie met de wethouder.\nOverwegingen\nEr zijn geen documenten met "
        "de gevraagde jaarrekening van de stichting Buurtzorg over het boekjaar aangetroffen.\n"
        "Besluit\nIk heb besloten de documenten gedeeltelijk openbaar te maken.\nHoogachtend,\n"
    )
    got = {item.number: item for item in letter.items}
    assert got["2"].outcomes == ("not_held",)
    assert "R13-matched-by-topic" in [code for code, _ in got["2"].review]
    assert got["1"].outcomes == got["3"].outcomes == ("partly_granted",)


def test_a_no_documents_sentence_shared_by_several_items_answers_none() -> None:
    letter = parse(
        "Geachte heer,\nU vraagt om:\n- de notulen van de stichting Buurtzorg over 2019;\n"
        "- de jaarrekening van de stichting Buurtzorg over 2019.\nOverwegingen\nEr zijn "
        "geen documenten van de stichting Buurtzorg over 2019 aangetroffen buiten de notulen.\n"
        "Besluit\nIk heb besloten de documenten gedeeltelijk openbaar te maken.\nHoogachtend,\n"
    )
    assert [item.outcomes for item in letter.items] == [("partly_granted",)] * 2
