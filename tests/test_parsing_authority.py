"""Who decided and about what: ``header.authority`` and ``header.letter_subject``.

Every letter here is written for this test; the names are fictional.
"""

from __future__ import annotations

import pytest

from wobtrack.parsing.header import authority, letter_subject

HEAD = "Datum 3 april 2024\nOns kenmerk ZK-77\nBetreft {subject}\nGeachte heer Dekker,\n"
BODY = "Hierbij besluit ik op uw verzoek van 1 maart 2024. Ik wijs het verzoek toe.\n"


SUBJECT = "Besluit op uw Woo-verzoek over de dijkversterking"


def letter(closing: str, subject: str = SUBJECT) -> list[str]:
    return [HEAD.format(subject=subject) + BODY + closing]


@pytest.mark.parametrize(
    ("closing", "expected"),
    [
        # "X, namens deze": X is the bestuursorgaan, the signer acts under mandate (Awb 10:1).
        (
            "Hoogachtend,\nDe Minister van Waterbeheer,\nnamens deze,\nJ. de Boer\n",
            "Minister van Waterbeheer",
        ),
        # On one line, in capitals, as ministries print it.
        (
            "Hoogachtend,\nDE MINISTER VAN WATERBEHEER EN DIJKEN, namens deze,\nJ. de Boer\n",
            "Minister van Waterbeheer en Dijken",
        ),
        # A second column's kenmerk glued to the signature is not part of the name.
        (
            "Met vriendelijke groet,\nDe Minister van Polders, Dijken en Duinen, ZK/2024/77\n"
            "namens deze:\nteamleider\n",
            "Minister van Polders, Dijken en Duinen",
        ),
        # A ministry does not decide, its minister does (Awb 1:1).
        (
            "Hoogachtend,\nMinisterie van Waterbeheer,\nnamens deze:\nteamleider\n",
            "Minister van Waterbeheer",
        ),
        # A college signs without a mandate line.
        (
            "Met vriendelijke groet,\nburgemeester en wethouders van Zeedorp,\n\nA. Visser\n",
            "Burgemeester en wethouders van Zeedorp",
        ),
        (
            "Hoogachtend,\nhet college van gedeputeerde staten van Westerland,\nnamens dezen,\n",
            "College van gedeputeerde staten van Westerland",
        ),
    ],
)
def test_authority_from_the_signature(closing: str, expected: str) -> None:
    assert authority(letter(closing)) == (expected, [])


def test_the_same_organ_signing_twice_in_two_spellings_is_one_authority() -> None:
    closing = (
        "Hoogachtend,\nDE MINISTER VAN FINANCIËN,\nnamens deze,\nJ. de Boer\n"
        "Bijlage: kopie van het eerdere besluit\nDe Minister van Financien,\nnamens deze,\n"
    )
    assert authority(letter(closing)) == ("Minister van Financiën", [])


def test_different_organs_signing_give_none_and_a_warning() -> None:
    closing = (
        "Hoogachtend,\nDe Minister van Waterbeheer,\nnamens deze,\nJ. de Boer\n"
        "De Staatssecretaris van Dijken,\nnamens deze,\nK. Smit\n"
    )
    name, warnings = authority(letter(closing))
    assert name is None
    assert "different authorities" in warnings[0]


def test_without_signature_the_bezwaar_addressee_is_taken_with_a_warning() -> None:
    # Bezwaar is made with the organ that took the decision (Awb 6:4 lid 1).
    closing = (
        "Hoogachtend,\n\nJ. de Boer\n"
        "Bezwaar\nHet bezwaarschrift moet worden gericht aan de Minister van Waterbeheer, "
        "ter attentie van de afdeling Juridische Zaken, Postbus 1, 1000 AA Zeedorp.\n"
    )
    name, warnings = authority(letter(closing))
    assert name == "Minister van Waterbeheer"
    assert "Awb 6:4" in warnings[0]


def test_an_official_alone_is_not_an_authority() -> None:
    closing = "Met vriendelijke groet,\nDe directeur,\n\nJ. de Boer\n"
    name, warnings = authority(letter(closing))
    assert name is None
    assert "not named" in warnings[0]


def test_a_logo_only_letterhead_gives_none() -> None:
    name, warnings = authority(letter("Met vriendelijke groet,\n\nJ. de Boer\n"))
    assert name is None
    assert warnings


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        (
            "Besluit op uw Woo-verzoek over de dijkversterking",
            "Besluit op uw Woo-verzoek over de dijkversterking",
        ),
        # A letterhead in two columns glues the next label to the subject.
        ("Besluit Woo-verzoek dijken Ons kenmerk", "Besluit Woo-verzoek dijken"),
    ],
)
def test_subject(subject: str, expected: str) -> None:
    assert letter_subject(letter("Hoogachtend,\n", subject=subject)) == expected


def test_no_subject_line() -> None:
    assert letter_subject(["Geachte heer,\nIk besluit.\n"]) is None
