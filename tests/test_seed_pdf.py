"""Acceptance (issue 4, "Done when"): the real police decision of ../shared/seeds, rendered to
PDF one source line per PDF line, parsed through ``wobtrack parse --json``.

The letter answers 17 items in grouped "Ad N" sections, by cross-reference ("Ik verwijs
naar het antwoord onder ad. 2") and by URLs that the text wraps across lines; its PDF
here has no link annotations, so the URLs must be rebuilt from the text alone.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from tests.conftest import SHARED
from tests.pdfmaker import text_to_pdf
from wobtrack.cli import cli

SEED = SHARED / "seeds" / "sensing-wob-besluit-2021.txt"

pytestmark = pytest.mark.skipif(
    not SEED.is_file(), reason=f"{SEED} is absent (the ../shared folder is not available)"
)

REFERRED = {"referred"}
NOT_HELD = {"not_held"}
#: The outcome set per item, after resolving cross-references (issue 4).
EXPECTED_OUTCOMES: dict[str, set[str]] = {
    "1": REFERRED,
    "2": NOT_HELD,  # "niet beschikbaar, omdat deze ook niet is opgemaakt"
    "3": NOT_HELD,  # refers to ad 2, adds that no arrests took place
    "4": NOT_HELD,  # refers to ad 2 and 3
    "5": REFERRED,
    "6": REFERRED,
    "7": REFERRED,
    "8": REFERRED,
    "9": NOT_HELD | REFERRED,  # "worden niet opgemaakt" + the public information of ad 1
    "10": REFERRED,
    "11": REFERRED,
    "12": REFERRED,
    "13": NOT_HELD | REFERRED,  # "geen document beschikbaar" + the answer under ad 11
    "14": REFERRED,
    "15": REFERRED,
    "16": REFERRED,
    "17": REFERRED,
}
#: Cross-references that the letter makes in so many words.
EXPECTED_REFERS_TO: dict[str, set[str]] = {
    "3": {"2"},
    "4": {"2", "3"},
    "6": {"1"},
    "7": {"1"},
    "8": {"1"},
    "12": {"1"},
    "14": {"1"},
    "13": {"11"},
}


@pytest.fixture(scope="module")
def letter(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The seed letter's --json object."""
    folder = tmp_path_factory.mktemp("seed")
    pdf = text_to_pdf(SEED.read_text(encoding="utf-8"), folder / "sensing-besluit.pdf")
    result = CliRunner().invoke(
        cli, ["--db", str(folder / "unused.db"), "parse", "--json", "--no-cache", str(pdf)]
    )
    assert result.exit_code == 0, result.output
    letters: list[dict[str, Any]] = json.loads(result.stdout)
    assert len(letters) == 1
    return letters[0]


def _item(letter: dict[str, Any], number: str) -> dict[str, Any]:
    matches: list[dict[str, Any]] = [i for i in letter["items"] if i["number"] == number]
    assert len(matches) == 1, f"item {number}: found {len(matches)} times"
    return matches[0]


def test_all_17_items_and_no_others(letter: dict[str, Any]) -> None:
    assert [item["number"] for item in letter["items"]] == [str(n) for n in range(1, 18)]
    assert letter["regime"] == "wob"


@pytest.mark.parametrize("number", list(EXPECTED_OUTCOMES))
def test_outcomes_per_item(letter: dict[str, Any], number: str) -> None:
    item = _item(letter, number)
    assert set(item["outcomes"]) == EXPECTED_OUTCOMES[number], item["evidence"]
    assert item["evidence"], "an outcome needs the sentences that justify it"


@pytest.mark.parametrize("number", list(EXPECTED_REFERS_TO))
def test_cross_references_are_kept(letter: dict[str, Any], number: str) -> None:
    assert set(_item(letter, number)["refers_to"]) == EXPECTED_REFERS_TO[number]


def test_no_item_refers_to_itself(letter: dict[str, Any]) -> None:
    # Ad 11 mentions "het gelijkluidende punt (11)" of ANOTHER decision: not a self-reference.
    for item in letter["items"]:
        assert item["number"] not in item["refers_to"]


def test_only_referral_items(letter: dict[str, Any]) -> None:
    only = {i["number"] for i in letter["items"] if set(i["outcomes"]) == REFERRED}
    assert only == {"1", "5", "6", "7", "8", "10", "11", "12", "14", "15", "16", "17"}


def test_wrapped_urls_come_out_whole(letter: dict[str, Any]) -> None:
    urls_1 = {r["value"] for r in _item(letter, "1")["references"] if r["kind"] == "url"}
    assert {
        "https://www.politie.nl/wob/korpsstaf/2019-programma-mobiel-banditisme-%E2%80%93-"
        "proeftuin-roermond.html",
        "https://www.politie.nl/wob/korpsstaf/besluit-wob-verzoek-automatische-"
        "nummerplaatherkenning-anpr.html",
    } <= urls_1
    urls_5 = {r["value"] for r in _item(letter, "5")["references"] if r["kind"] == "url"}
    assert "https://www.politie.nl/wob/korpsstaf/2021-criminaliteits-anticipatie-systeem.html" in (
        urls_5
    )
    assert any(
        u.endswith("www.politie.nl/wob/landelijke-eenheid/overige-documenten/2021/"
                   "crime-anticipation-system.html")
        for u in urls_5
    ), urls_5  # fmt: skip


def test_the_besluit_has_two_parts(letter: dict[str, Any]) -> None:
    parts = letter["decision"]["parts"]
    assert len(parts) == 2
    assert "verwijzingen naar reeds openbare documenten" in " ".join(parts[0].split())
    assert "niet onder de politie berusten" in " ".join(parts[1].split())


def test_bezwaar_clause(letter: dict[str, Any]) -> None:
    bezwaar = letter["bezwaar"]
    assert bezwaar["weeks"] == 6
    assert bezwaar["electronic_filing"] is False
    assert "Driebergen" in bezwaar["address"]
