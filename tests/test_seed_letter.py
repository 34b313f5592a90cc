"""The canonical case, on text (no PDF): the police decision of ../shared/seeds on 17 items.

Issue 4's acceptance criterion: items 1, 5-8, 10-12 and 14-17 are only ``referred`` (with
their URLs), items 9 and 13 are ``not_held`` and ``referred``, items 2-4 are ``not_held``
(3 refers to 2, 4 to 2 and 3); the "Besluit" has two parts; the bezwaar clause gives six
weeks, no electronic filing and the Driebergen address. The PDF round trip of the same
letter is tested in test_seed_pdf.py.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from wobtrack.parsing.letters import parse_letter
from wobtrack.parsing.model import ParsedLetter

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "sensing-wob-besluit-2021.txt"

pytestmark = pytest.mark.skipif(
    not SEED.is_file(), reason=f"the seed letter {SEED} is absent (no ../shared beside the repo)"
)

ONLY_REFERRED = ["1", "5", "6", "7", "8", "10", "11", "12", "14", "15", "16", "17"]


@pytest.fixture(scope="module")
def seed() -> ParsedLetter:
    return parse_letter(SEED.read_text(encoding="utf-8").split("\f"))


def test_all_seventeen_items_with_their_quoted_text(seed: ParsedLetter) -> None:
    assert [item.number for item in seed.items] == [str(n) for n in range(1, 18)]
    assert seed.item("5").text == (
        "Vijf voorbeelden van foto- en videobewakingsbeelden die mogelijk zijn gemaakt door het "
        "misdaad anticipatiesysteem"
    )
    assert all(item.text for item in seed.items)


@pytest.mark.parametrize("number", ONLY_REFERRED)
def test_items_answered_only_by_referral(seed: ParsedLetter, number: str) -> None:
    item = seed.item(number)
    assert item.outcomes == ("referred",), item.evidence
    assert any(r.kind == "url" for r in item.references)
    assert item.evidence
    assert not item.needs_review


@pytest.mark.parametrize("number", ["9", "13"])
def test_items_not_made_and_referred(seed: ParsedLetter, number: str) -> None:
    assert set(seed.item(number).outcomes) == {"not_held", "referred"}


@pytest.mark.parametrize(("number", "refers_to"), [("2", ()), ("3", ("2",)), ("4", ("2", "3"))])
def test_items_not_held(seed: ParsedLetter, number: str, refers_to: tuple[str, ...]) -> None:
    item = seed.item(number)
    assert item.outcomes == ("not_held",)
    assert item.refers_to == refers_to


@pytest.mark.parametrize(
    ("number", "refers_to"),
    [("6", ("1",)), ("9", ("1",)), ("13", ("11",)), ("15", ("1",)), ("16", ("1",))],
)
def test_cross_references_kept(seed: ParsedLetter, number: str, refers_to: tuple[str, ...]) -> None:
    assert seed.item(number).refers_to == refers_to


def test_the_same_point_of_another_decision_is_no_cross_reference(seed: ParsedLetter) -> None:
    # Ad 11: "het gelijkluidende punt (11) in het openbaar gemaakte besluit"
    assert seed.item("11").refers_to == ("1",)


def test_urls_are_whole(seed: ParsedLetter) -> None:
    urls = {r.value for item in seed.items for r in item.references if r.kind == "url"}
    assert urls == {
        "https://www.politie.nl/wob/korpsstaf/2019-programma-mobiel-banditisme-%E2%80%93-"
        "proeftuin-roermond.html",
        "https://www.politie.nl/wob/korpsstaf/besluit-wob-verzoek-automatische-"
        "nummerplaatherkenning-anpr.html",
        "https://www.politie.nl/wob/korpsstaf/2021-criminaliteits-anticipatie-systeem.html",
        "www.politie.nl/wob/landelijke-eenheid/overige-documenten/2021/"
        "crime-anticipation-system.html",
        "https://wetten.overheid.nl/BWBR0022463/2020-01-01",
        "https://www.politie.nl/wob/korpsstaf/2019-nulmetingen.html",
    }


def test_document_numbers_are_references(seed: ParsedLetter) -> None:
    documents = [r.value for r in seed.item("1").references if r.kind == "document"]
    assert documents == ["036", "050", "103"]


def test_the_besluit_has_two_parts(seed: ParsedLetter) -> None:
    assert seed.decision is not None
    first, second = seed.decision.parts
    assert first.startswith("I Ik volsta met de hierboven opgenomen verwijzingen naar reeds")
    assert second.startswith("II Voor zover documenten worden gevraagd die niet onder de politie")


def test_the_bezwaar_clause(seed: ParsedLetter) -> None:
    assert seed.bezwaar is not None
    assert seed.bezwaar.weeks == 6
    assert seed.bezwaar.electronic_filing is False
    assert seed.bezwaar.address is not None
    assert "postbus 100, 3970 AC Driebergen" in seed.bezwaar.address


def test_regime_and_dates(seed: ParsedLetter) -> None:
    assert seed.regime == "wob"
    # The Dutch re-submission of 7 May, received 10 May, is the request decided on; the
    # English first version of 23 April is mentioned and explained in a warning.
    assert seed.request_received == date(2021, 5, 10)
    assert any("2021-04-23" in w and "request_received" in w for w in seed.warnings)
    # The extracted text has no dagtekening: never invent one.
    assert seed.decision_date is None
    assert any("dagtekening" in w for w in seed.warnings)


def test_no_item_is_unanswered_or_needs_review(seed: ParsedLetter) -> None:
    assert not [i.number for i in seed.items if i.needs_review or "unanswered" in i.outcomes]
