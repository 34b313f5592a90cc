"""Letter-level facts: kind, request dates, verdaging, bezwaar clause, decision date."""

from __future__ import annotations

from datetime import date

import pytest

from wobtrack.parsing.header import (
    RequestDates,
    bezwaar_clause,
    decision_date,
    letter_kind,
    request_dates,
    request_received_best,
    verdaging,
)

HEAD = "Gemeente Voorbeeld\nDatum 12 maart 2021\nOns kenmerk AB-123\nOnderwerp {subject}\n"
CLAUSE = (
    "Bezwaar\nBent u het niet eens met dit besluit? Dan kunt u binnen zes weken na de\n"
    "bekendmaking van dit besluit bezwaar maken. Stuur uw bezwaarschrift naar:\n"
    "Gemeente Voorbeeld\nPostbus 12\n1234 AB Voorbeeld\n"
)


def letter(
    body: str, subject: str = "Besluit op uw Woo-verzoek", clause: str = CLAUSE
) -> list[str]:
    return [HEAD.format(subject=subject) + "Geachte heer,\n" + body, clause]


# --- letter_kind ----------------------------------------------------------------------------


def test_ordinary_besluit_mentions_bezwaar_only_in_clause() -> None:
    assert letter_kind(letter("Ik besluit uw verzoek toe te wijzen.\n"))[0] == "besluit"


@pytest.mark.parametrize(
    "subject",
    ["Eerste deelbesluit op uw Wob-verzoek", "Deel Besluit 1 op uw verzoek", "Deelbesluit 2"],
)
def test_deelbesluit_from_subject(subject: str) -> None:
    assert letter_kind(letter("Ik besluit als volgt.\n", subject=subject))[0] == "deelbesluit"


def test_last_deelbesluit_is_still_a_deelbesluit() -> None:
    body = "Bijgaand ontvangt u het tweede en tevens laatste deelbesluit op uw verzoek.\n"
    assert letter_kind(letter(body))[0] == "deelbesluit"


@pytest.mark.parametrize(
    "remedy",
    [
        "Het besluit waartegen u bezwaar maakt blijft geldig totdat op uw bezwaar is beslist.",
        "Tot op uw bezwaar is beslist, kunt u de voorzieningenrechter om een voorlopige "
        "voorziening vragen.",
    ],
)
def test_remedy_wording_whose_heading_is_unread_is_no_decision_on_objection(
    remedy: str,
) -> None:
    # The clause's heading may stand on an image page; its sentences then read as body.
    body = f"Ik besluit uw verzoek toe te wijzen.\n{remedy}\n"
    assert letter_kind(letter(body, clause=""))[0] == "besluit"


def test_decision_on_objection() -> None:
    body = "Met deze brief wordt op uw bezwaar beslist. Ik verklaar het bezwaar ongegrond.\n"
    assert letter_kind(letter(body, subject="Beslissing op bezwaar"))[0] == "bezwaar"


def test_objection_declared_unfounded_without_heading() -> None:
    body = "Naar aanleiding van het bestreden besluit verklaar ik uw bezwaar gegrond.\n"
    assert letter_kind(letter(body))[0] == "bezwaar"


def test_herzien_besluit_is_a_besluit() -> None:
    body = "Naar aanleiding van uw bezwaarschrift neem ik een nieuw besluit.\n"
    assert letter_kind(letter(body, subject="Herzien besluit op uw Wob-verzoek"))[0] == "besluit"


# --- request dates -------------------------------------------------------------------------


def dates_of(body: str, subject: str = "Besluit op uw Woo-verzoek") -> RequestDates:
    return request_dates(letter(body, subject=subject))


def test_request_and_receipt() -> None:
    found = dates_of(
        "In uw brief van 2 februari 2021, ontvangen op 4 februari 2021, heeft u met een "
        "beroep op de Wet open overheid verzocht om documenten.\n"
    )
    assert (found.request_date, found.request_received) == (date(2021, 2, 2), date(2021, 2, 4))


def test_receipt_same_day() -> None:
    found = dates_of(
        "In uw e-mail van 9 januari 2021, ontvangen op diezelfde dag, heeft u verzocht om "
        "informatie.\n"
    )
    assert found.request_received == date(2021, 1, 9)


def test_receipt_without_year_follows_request() -> None:
    found = dates_of(
        "In uw brief van 28 december 2020, ontvangen op 5 januari, heeft u verzocht om stukken.\n"
    )
    assert found.request_received == date(2021, 1, 5)
    assert any("no year" in w for w in found.warnings)


def test_authority_received_on_date() -> None:
    found = dates_of(
        "Op 3 februari 2021 heeft de gemeente uw verzoek om informatie op grond van de Woo "
        "ontvangen en op 8 februari 2021 heeft u dit verzoek nader gepreciseerd.\n"
    )
    assert found.request_received == date(2021, 2, 3)


def test_receipt_of_other_things_is_not_the_request() -> None:
    found = dates_of(
        "In uw brief van 2 februari 2021 heeft u verzocht om documenten. Op 1 maart 2021 heb "
        "ik uw ingebrekestelling ontvangen.\n"
    )
    assert found.request_date == date(2021, 2, 2)
    assert found.request_received is None


def test_confirmation_letter_is_not_the_request() -> None:
    found = dates_of(
        "Op 2 februari 2021 heeft u een verzoek ingediend. Per e-mail van 5 februari 2021 is "
        "de ontvangst van uw verzoek bevestigd.\n"
    )
    assert found.request_date == date(2021, 2, 2)
    assert found.request_received is None


def test_objection_letter_finds_the_request() -> None:
    found = dates_of(
        "Bij brief van 10 februari 2021 heeft u bezwaar gemaakt tegen mijn besluit. "
        "Bij brief van 6 december 2020 heeft u op grond van de Wob verzocht om stukken.\n",
        subject="Beslissing op bezwaar",
    )
    assert found.request_date == date(2020, 12, 6)


def test_two_requests_in_one_date() -> None:
    found = dates_of(
        "Aan de hand van twee brieven gedateerd op 7 en 8 juli 2020 heeft u verzocht om "
        "informatie.\n"
    )
    assert found.request_date == date(2020, 7, 7)
    assert any("several requests" in w for w in found.warnings)


def test_jongstleden_takes_year_from_letter() -> None:
    found = dates_of(
        "In mijn brief van 20 februari 2021 heb ik u de ontvangst bevestigd van uw verzoek "
        "om informatie op 9 februari jongstleden.\n"
    )
    assert found.request_date == date(2021, 2, 9)


def test_subject_line_request_date() -> None:
    found = dates_of(
        "Wij hebben alles bekeken.\n",
        subject="Beslissing op uw verzoek om informatie d.d. 1-2-2021",
    )
    assert found.request_date == date(2021, 2, 1)


def test_short_year_with_footnote_marker() -> None:
    found = dates_of("In uw e-mail van 25-1-211 heeft u verzocht om stukken.\n")
    assert found.request_date == date(2021, 1, 25)


def test_received_best_falls_back_to_request_date() -> None:
    value, warnings = request_received_best(RequestDates(date(2021, 2, 2), None))
    assert value == date(2021, 2, 2)
    assert warnings
    assert request_received_best(RequestDates(date(2021, 2, 2), date(2021, 2, 3)))[0] == date(
        2021, 2, 3
    )


# --- verdaging -----------------------------------------------------------------------------


def test_verdaging_by_letter() -> None:
    pages = letter(
        "In uw brief van 2 februari 2021 heeft u verzocht om stukken. Bij brief van 1 maart "
        "2021 heb ik de beslistermijn met vier weken verdaagd.\n"
    )
    assert verdaging(pages) == (date(2021, 3, 1), None)


def test_verdaging_until_yearless_date() -> None:
    pages = letter(
        "In uw brief van 2 januari 2021 heeft u verzocht om stukken. De ontvangst van uw "
        "verzoek is door mij bevestigd en verdaagd tot 3 maart.\n"
    )
    assert verdaging(pages)[1] == date(2021, 3, 3)


def test_verdaging_on_date_and_new_deadline() -> None:
    pages = letter(
        "In uw brief van 2 januari 2021 heeft u verzocht om stukken. Dit verzoek is op "
        "25 januari 2021 verdaagd. De uiterlijke beslisdatum is daarmee 12 februari 2021 "
        "geworden.\n"
    )
    assert verdaging(pages) == (date(2021, 1, 25), date(2021, 2, 12))


def test_law_text_is_not_a_verdaging() -> None:
    pages = letter(
        "2. Het bestuursorgaan kan de beslissing voor ten hoogste vier weken verdagen.\n"
    )
    assert verdaging(pages) == (None, None)


# --- bezwaar clause ------------------------------------------------------------------------


def test_bezwaar_clause_address_block() -> None:
    info, _ = bezwaar_clause(letter("Ik besluit uw verzoek toe te wijzen.\n"))
    assert info is not None
    assert (info.weeks, info.remedy, info.electronic_filing) == (6, "bezwaar", None)
    assert info.address is not None
    assert "Postbus 12" in info.address
    assert info.address.endswith("1234 AB Voorbeeld")


def test_bezwaar_address_not_from_voorlopige_voorziening() -> None:
    clause = (
        "Binnen zes weken na bekendmaking kunt u bezwaar maken. Richt uw bezwaarschrift aan "
        "het college, Postbus 12, 1234 AB Voorbeeld. U kunt de voorzieningenrechter van de "
        "rechtbank, Postbus 99, 9999 ZZ Elders, om een voorlopige voorziening vragen.\n"
    )
    info, _ = bezwaar_clause(letter("Ik besluit.\n", clause=clause))
    assert info is not None
    assert info.address is not None
    assert "1234 AB" in info.address


def test_post_only() -> None:
    clause = (
        "Binnen zes weken kunt u bezwaar maken. Een bezwaarschrift kan uitsluitend per gewone "
        "post en niet per e-mail worden ingediend.\n"
    )
    info, _ = bezwaar_clause(letter("Ik besluit.\n", clause=clause))
    assert info is not None
    assert info.electronic_filing is False


def test_electronic_form() -> None:
    clause = (
        "Binnen zes weken kunt u bezwaar maken via het formulier op www.voorbeeld.nl/bezwaar.\n"
    )
    info, _ = bezwaar_clause(letter("Ik besluit.\n", clause=clause))
    assert info is not None
    assert info.electronic_filing is True


def test_uiterlijk_weeks_after_date() -> None:
    clause = (
        "Niet eens met deze beslissing?\nDan kunt u tot uiterlijk zes weken na de datum op "
        "deze brief een bezwaarschrift indienen.\n"
    )
    info, _ = bezwaar_clause(letter("Ik besluit.\n", clause=clause))
    assert info is not None
    assert info.weeks == 6


def test_decision_on_objection_gives_beroep() -> None:
    body = (
        "Met deze brief wordt op uw bezwaar beslist. Uw bezwaarschrift is binnen zes weken "
        "ingediend en dus ontvankelijk. Ik verklaar het bezwaar ongegrond.\n"
    )
    clause = (
        "U kunt tegen dit besluit beroep instellen bij de rechtbank. Het beroepschrift moet "
        "binnen zes weken na de dag van verzending door de rechtbank zijn ontvangen.\n"
    )
    info, _ = bezwaar_clause(letter(body, subject="Beslissing op bezwaar", clause=clause))
    assert info is not None
    assert (info.remedy, info.weeks) == ("beroep", 6)


def test_margin_word_inside_term() -> None:
    clause = "U kunt binnen zes Directie weken na bekendmaking een bezwaarschrift indienen.\n"
    info, _ = bezwaar_clause(letter("Ik besluit.\n", clause=clause))
    assert info is not None
    assert info.weeks == 6


# --- decision date -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Datum 06-09-2021",
        "Datum: Uitsluitend verzonden per mail op 6 september 2021",
        "D atum 6 september 2021",
    ],
)
def test_decision_date_variants(line: str) -> None:
    pages = [f"Gemeente Voorbeeld\n{line}\nGeachte heer,\nIk besluit.\n"]
    assert decision_date(pages)[0] == date(2021, 9, 6)


def test_decision_date_letterhead_typo_before_receipt() -> None:
    first = (
        "Datum 25 januari 2020\nGeachte heer,\nOp 16 december 2020 hebben wij uw e-mail "
        "ontvangen waarin u een verzoek doet.\n"
    )
    pages = [first, "Datum 25 januari 2021\nBezwaar\n"]
    value, warnings = decision_date(pages)
    assert value == date(2021, 1, 25)
    assert warnings


@pytest.mark.parametrize(
    ("dated", "warned"), [("20 december 2028", True), ("20 december 2018", False)]
)
def test_a_decision_years_after_the_request_is_a_misread_year(dated: str, warned: bool) -> None:
    # An OCR'd dagtekening "20 decernber 203_8" read as 2028, for a request of August 2018.
    pages = [
        "Gemeente Voorbeeld\nDatum " + dated + "\nOns kenmerk 2018-1590\nOnderwerp Besluit\n"
        "Geachte heer,\nOp 25 augustus 2018 ontving ik uw verzoek om openbaarmaking van "
        "stukken over het terrein.\n",
        CLAUSE,
    ]
    found, warnings = decision_date(pages)
    assert found is not None
    assert found.isoformat() == ("2028-12-20" if warned else "2018-12-20")
    assert any("more than five years after the request" in w for w in warnings) is warned


@pytest.mark.parametrize(
    "sentence",
    [
        "Op 25 augustus 2020 ontving ik uw verzoek om openbaarmaking van stukken.",
        "Op 25 augustus 2020 ontvingen wij uw Wob-verzoek.",
        "Op 25 augustus 2020 heb ik uw verzoek ontvangen.",
    ],
)
def test_receipt_told_in_the_first_person(sentence: str) -> None:
    assert dates_of(sentence + "\n").request_received == date(2020, 8, 25)
