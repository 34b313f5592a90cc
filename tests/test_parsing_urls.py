"""URLs come out whole: wrapped across lines by the PDF, or completed from link annotations."""

from __future__ import annotations

import pytest

from wobtrack.parsing.letters import Line, Text, complete_url, urls_in


def _joined(*lines: str) -> str:
    return Text([Line(1, line) for line in lines]).text


@pytest.mark.parametrize(
    ("lines", "url"),
    [
        pytest.param(
            ["zijnde https://www.politie.nl/wob/korpsstaf/2019-programma-mobiel-banditisme-%E2%80%93-",
             "proeftuin-roermond.html (zie ook documenten 036, 050, 103, e.d.) en naar"],
            "https://www.politie.nl/wob/korpsstaf/2019-programma-mobiel-banditisme-%E2%80%93-"
            "proeftuin-roermond.html",
            id="wrapped after a hyphen, text follows",
        ),
        pytest.param(
            ["te vinden via https://www.politie.nl/wob/korpsstaf/2021-criminaliteits-anticipatie-",
             "systeem.html en www.politie.nl/wob/landelijke-eenheid/overige-"],
            "https://www.politie.nl/wob/korpsstaf/2021-criminaliteits-anticipatie-systeem.html",
            id="two URLs on one line",
        ),
        pytest.param(
            ["en www.politie.nl/wob/landelijke-", "eenheid/overige-",
             "documenten/2021/crime-anticipation-system.html."],
            "www.politie.nl/wob/landelijke-eenheid/overige-documenten/2021/"
            "crime-anticipation-system.html",
            id="wrapped over three lines, no scheme",
        ),
        pytest.param(
            ["De Wpg is te vinden via https://wetten.overheid.nl/BWBR0022463/", "2020-01-01."],
            "https://wetten.overheid.nl/BWBR0022463/2020-01-01",
            id="wrapped after a slash",
        ),
        pytest.param(
            ["te vinden op https://open.lindeburg.nl/woo/2025/",
             "evaluatie-parkeerbeleid-binnenstad-eindrapport. Wij verstrekken"],
            "https://open.lindeburg.nl/woo/2025/evaluatie-parkeerbeleid-binnenstad-eindrapport",
            id="slash, then a path and a sentence",
        ),
    ],
)  # fmt: skip
def test_wrapped_urls_are_joined(lines: list[str], url: str) -> None:
    assert url in urls_in(_joined(*lines))


@pytest.mark.parametrize(
    ("lines", "url"),
    [
        (["Zie www.rijksoverheid.nl/", "en verder de bijlage."], "www.rijksoverheid.nl/"),
        (["te vinden op https://www.example.nl/besluit.html", "Daarnaast verwijs ik"],
         "https://www.example.nl/besluit.html"),
        (["(zie https://www.example.nl/a).", "Verder"], "https://www.example.nl/a"),
        (["via https://www.example.nl/b.", "Ik verwijs"], "https://www.example.nl/b"),
    ],
)  # fmt: skip
def test_a_url_is_not_glued_to_the_next_sentence(lines: list[str], url: str) -> None:
    assert urls_in(_joined(*lines)) == [url]


def test_hyphenated_words_are_joined_but_line_breaks_are_spaces() -> None:
    assert _joined("de gehandicapten-", "parkeerkaart is", "Groot") == (
        "de gehandicapten-parkeerkaart is Groot"
    )


def test_link_annotation_completes_a_truncated_url() -> None:
    links = ["https://www.example.nl/wob/2021/een-heel-lang-besluit-over-sensoren.html"]
    assert urls_in("zie https://www.example.nl/wob/2021/een-heel-", links) == links
    assert complete_url("www.example.nl/wob/2021/een...", links) == links[0]


def test_a_link_that_merely_adds_the_scheme_leaves_the_text_alone() -> None:
    links = ["https://www.example.nl/besluit.html"]
    assert urls_in("zie www.example.nl/besluit.html.", links) == ["www.example.nl/besluit.html"]


def test_unrelated_links_are_ignored() -> None:
    assert urls_in("zie www.example.nl/a.html", ["https://elders.nl/b"]) == [
        "www.example.nl/a.html"
    ]


def test_text_keeps_the_page_of_each_line() -> None:
    text = Text([Line(1, "Eerste zin."), Line(2, "Tweede zin op pagina twee.")])
    assert [(s.page, s.text) for s in text.sentences()] == [
        (1, "Eerste zin."),
        (2, "Tweede zin op pagina twee."),
    ]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Ik verwijs naar het antwoord onder ad. 2. Ik voeg daaraan toe.",
         ["Ik verwijs naar het antwoord onder ad. 2.", "Ik voeg daaraan toe."]),
        ("In uw brief d.d. 8 april 2021 vraagt u. Dat is zo.",
         ["In uw brief d.d. 8 april 2021 vraagt u.", "Dat is zo."]),
        ("Mr. J. Jansen tekende. Daarna niet.", ["Mr. J. Jansen tekende.", "Daarna niet."]),
        ("Zie www.politie.nl/wob/a.html. Daarnaast x.",
         ["Zie www.politie.nl/wob/a.html.", "Daarnaast x."]),
    ],
)  # fmt: skip
def test_sentences(text: str, sentences: list[str]) -> None:
    assert [s.text for s in Text([Line(1, text)]).sentences()] == sentences
