"""URLs come out whole: wrapped across lines by the PDF, or completed from link annotations."""

from __future__ import annotations

import pytest

from wobtrack.parsing.document import Line, Text, complete_url, place_link_anchors, urls_in
from wobtrack.parsing.model import Reference
from wobtrack.parsing.pdftext import LinkAnchor
from wobtrack.parsing.resolve import _without_spliced_urls


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


# --- URLs held only by a link annotation --------------------------------------------------

DOC = "https://open.example.nl/woo/2024/besluit-123"
WRAPPED = "https://www.example.nl/wob/2021/besluit-wob-verzoek-pilot-geluidssensoren.html"


def test_an_annotated_url_is_written_after_its_anchor_words() -> None:
    pages = ["Ad 1\nZie hieronder.", "Ad 2\nDeze documenten vindt u via deze link.\nVerder niets."]
    placed, warnings = place_link_anchors(pages, [LinkAnchor(2, "deze link.", DOC)])
    assert placed == [
        pages[0],
        f"Ad 2\nDeze documenten vindt u via deze link <{DOC}>.\nVerder niets.",
    ]
    assert warnings == []
    # The URL rules read it whole, without the brackets or the full stop.
    assert urls_in(placed[1]) == [DOC]
    assert pages[1].endswith("Verder niets.")  # the input is not changed


def test_anchor_words_are_matched_over_a_line_break_and_as_whole_words() -> None:
    page = "De linkerkolom toont niets; volg deze\nlink voor de stukken."
    placed, _ = place_link_anchors([page], [LinkAnchor(1, "deze link", DOC)])
    assert placed == [f"De linkerkolom toont niets; volg deze\nlink <{DOC}> voor de stukken."]
    placed, _ = place_link_anchors(["Zie de linkerkolom."], [LinkAnchor(1, "link", DOC)])
    assert placed == ["Zie de linkerkolom."]


def test_two_annotations_with_the_same_words_take_successive_occurrences() -> None:
    other = "https://open.example.nl/woo/2024/besluit-456"
    page = "Het eerste besluit staat hier. Het tweede besluit staat hier."
    anchors = [LinkAnchor(1, "hier.", DOC), LinkAnchor(1, "hier.", other)]
    placed, _ = place_link_anchors([page], anchors)
    assert placed == [
        f"Het eerste besluit staat hier <{DOC}>. Het tweede besluit staat hier <{other}>."
    ]


def test_anchor_words_not_on_the_page_give_a_warning_and_no_guess() -> None:
    pages = ["Deze documenten vindt u via deze link."]
    anchors = [
        LinkAnchor(1, "elders", DOC),
        LinkAnchor(1, "", DOC),  # an annotation over an image: no words at all
        LinkAnchor(3, "deze link", DOC),  # a page the text does not have
    ]
    placed, warnings = place_link_anchors(pages, anchors)
    assert placed == pages
    assert warnings == [
        f"link annotation on page 1 ({DOC}) could not be placed in the text",
        f"link annotation on page 3 ({DOC}) could not be placed in the text",
    ]


@pytest.mark.parametrize(
    ("page", "anchor"),
    [
        pytest.param(f"Zie {DOC}.", DOC, id="the URL itself"),
        pytest.param("Zie open.example.nl/woo/2024/besluit-123 hier.", "hier", id="host and path"),
        pytest.param("Zie www.example.nl/wob/2021/besluit-wob-verzoek-pilot-\n"
                     "geluidssensoren.html voor het besluit.",
                     "geluidssensoren.html", id="wrapped over lines"),
        pytest.param("geluidssensoren.html. Ad 3", "geluidssensoren.html.",
                     id="continued from the previous page"),
        pytest.param("Zie https://www.example.nl/wob/2021/besluit-wob-verzoek-pilot-",
                     "https://www.example.nl/wob/2021/besluit-wob-verzoek-pilot-",
                     id="continued on the next page"),
        pytest.param("Zie https://www.example.nl/wob/2021/besluit...",
                     "https://www.example.nl/wob/2021/besluit...", id="shown shortened"),
        pytest.param("Zie https://open.example.nl/woo/I&W/besluit-123 hier.", "hier",
                     id="percent-encoded in the link only"),
    ],
)  # fmt: skip
def test_a_url_the_text_already_shows_is_left_alone(page: str, anchor: str) -> None:
    uri = DOC if "open.example" in page or anchor == DOC else WRAPPED
    if "I&W" in page:
        uri = DOC.replace("2024", "I%26W")
    assert place_link_anchors([page], [LinkAnchor(1, anchor, uri)]) == ([page], [])


def test_only_web_links_are_placed() -> None:
    page = "Mail naar woo@example.nl of bel."
    anchors = [LinkAnchor(1, "woo@example.nl", "mailto:woo@example.nl")]
    assert place_link_anchors([page], anchors) == ([page], [])


def test_a_domain_shown_without_scheme_gets_the_whole_url() -> None:
    # "example.nl/woo" alone is no URL for the rules (no scheme, no www.): the link is.
    uri = "https://example.nl/woo/2024/besluit-123"
    placed, _ = place_link_anchors(["Zie example.nl/woo."], [LinkAnchor(1, "example.nl/woo.", uri)])
    assert placed == [f"Zie example.nl/woo <{uri}>."]


@pytest.mark.parametrize(
    ("urls", "kept"),
    [
        # The letter's kenmerk in the margin read into the wrapped URL: dropped.
        (
            [
                "https://www.example.nl/mest/controle-en-handhaving/intermediairs",
                "https://www.example.nl/mest/controle-en-Wob/2021/039handhaving/intermediairs",
            ],
            ["https://www.example.nl/mest/controle-en-handhaving/intermediairs"],
        ),
        # Two real URLs of one site, one with an extra path segment: both kept.
        (
            [
                "https://www.example.nl/documenten/rapport.pdf",
                "https://www.example.nl/documenten/2020/rapport.pdf",
            ],
            [
                "https://www.example.nl/documenten/rapport.pdf",
                "https://www.example.nl/documenten/2020/rapport.pdf",
            ],
        ),
    ],
)
def test_a_url_with_margin_text_spliced_in_is_dropped(urls: list[str], kept: list[str]) -> None:
    references = [Reference("url", u) for u in urls] + [Reference("document", "4")]
    assert [r.value for r in _without_spliced_urls(references)] == [*kept, "4"]
