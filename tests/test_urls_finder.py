"""The URL finder: referral URLs come out whole, whatever the text layer did to them."""

from __future__ import annotations

import pytest

from wobtrack.parsing.urls import FoundUrl, find_urls, is_referral


def _values(lines: list[str], links: tuple[str, ...] = ()) -> list[str]:
    return [found.value for found in find_urls(lines, links)]


def test_wrapped_url_is_joined_without_inserting_anything() -> None:
    lines = [
        "Het verslag staat op https://www.gemeente.example/nieuws/2021/verslag-",
        "raadsvergadering-maart.html en is openbaar.",
    ]
    assert find_urls(lines) == [
        FoundUrl(
            "https://www.gemeente.example/nieuws/2021/verslag-raadsvergadering-maart.html",
            0,
            1,
            True,
        )
    ]


def test_real_hyphen_at_line_end_stays() -> None:
    lines = ["zie https://www.gemeente.example/wonen-", "leefomgeving/parkeren/ voor meer."]
    assert _values(lines) == ["https://www.gemeente.example/wonen-leefomgeving/parkeren/"]


def test_prose_after_url_is_not_joined() -> None:
    lines = ["Zie https://www.gemeente.example/nieuws/parkeren", "en de bijlage bij dit besluit."]
    assert _values(lines) == ["https://www.gemeente.example/nieuws/parkeren"]


def test_capitalised_sentence_after_url_is_not_joined() -> None:
    lines = ["meer informatie: https://www.gemeente.example/afval/", "Het besluit volgt later."]
    assert _values(lines) == ["https://www.gemeente.example/afval/"]


def test_table_cell_broken_every_few_characters_is_joined() -> None:
    lines = [
        "1. Nota Reeds openbaar",
        "Vindplaats:",
        "https://raad.gemeente.example.",
        "nl/zoeken?trefwoord=%22park",
        "eerbeleid%22&filter=12&sort=",
        "datum",
        "2. Brief Reeds openbaar",
    ]
    assert _values(lines) == [
        "https://raad.gemeente.example.nl/zoeken?trefwoord=%22parkeerbeleid%22&filter=12&sort=datum"
    ]


def test_fixed_width_cell_reads_spaces_as_underscores() -> None:
    lines = [
        "Pagina 9 van 9",
        "https://raad.gemeen",
        "te.example/stuk/77/",
        "03 Nota Parkeren 20",
        "21 def",
    ]
    assert _values(lines) == ["https://raad.gemeente.example/stuk/77/03_Nota_Parkeren_2021_def"]


def test_url_in_right_column_takes_the_words_at_the_line_end() -> None:
    lines = [
        "4. Antwoord op Reeds openbaar",
        "vragen over https://raad.gemeente.example/mo",
        "Kerkbrug dules/4/vragen%20raad/12",
        "5. Besluit",
    ]
    assert _values(lines) == ["https://raad.gemeente.example/modules/4/vragen%20raad/12"]


def test_host_wrapped_in_a_table_cell() -> None:
    lines = [
        "Besluit over https://zoek.bekendmaking",
        "de brug en.example/gmb-2020-1234.html",
    ]
    assert _values(lines) == ["https://zoek.bekendmakingen.example/gmb-2020-1234.html"]


def test_page_break_furniture_between_the_halves_is_skipped() -> None:
    lines = [
        "Archief, https://archief.gemeente.example/inventaris/details/123/project",
        "Datum 3 maart 2021",
        "Kenmerk AB21-00012/345",
        "Pagina 4 van 5",
        "Centrum %20noord/pad/2.1",
    ]
    assert _values(lines) == [
        "https://archief.gemeente.example/inventaris/details/123/project%20noord/pad/2.1"
    ]


def test_interleaved_document_label_is_skipped() -> None:
    lines = [
        "https://www.dienst.example/bestanden/3f2a-9c1d/handboek-",
        "Document 12:",
        "controle-2022.pdf",
    ]
    assert _values(lines) == [
        "https://www.dienst.example/bestanden/3f2a-9c1d/handboek-controle-2022.pdf"
    ]


def test_interleaved_table_cell_words_are_skipped_when_a_strong_piece_follows() -> None:
    lines = [
        "https://www.kamer.example/commissies-en-",
        "tijdelijke commissie",
        "rapporten/tijdelijke-commissie-",
        "wonen",
        "wonen/eindrapport",
    ]
    assert _values(lines) == [
        "https://www.kamer.example/commissies-en-rapporten/tijdelijke-commissie-wonen/eindrapport"
    ]


@pytest.mark.parametrize(
    ("lines", "url"),
    [
        pytest.param(
            ["zie https://raad.gemeente.example/vergadering/1234#ai 567890 (stream)"],
            "https://raad.gemeente.example/vergadering/1234#ai_567890",
            id="fragment-number",
        ),
        pytest.param(
            ["via https://archief.gemeente.example/callback/callback json7/pad/1 ."],
            "https://archief.gemeente.example/callback/callback_json7/pad/1",
            id="letters-and-digits",
        ),
        pytest.param(
            ["https://www.gemeente.example/vraag/?id=%7bAB12%7d#case %7BCD34%7D"],
            "https://www.gemeente.example/vraag/?id=%7bAB12%7d#case_%7BCD34%7D",
            id="percent-escape",
        ),
    ],
)
def test_hidden_underscore_before_an_identifier_is_repaired_and_marked(
    lines: list[str], url: str
) -> None:
    found = find_urls(lines)
    assert [f.value for f in found] == [url]
    assert found[0].repaired  # no link annotation confirmed it: the caller warns


def test_gap_before_a_path_segment_number_is_kept_as_printed() -> None:
    # "pub 1000/" could hide "_", "-" or "%20": nothing is guessed, the URL stays whole.
    lines = ["https://jaarverslag.example/FbContent.ashx/pub 1000/downloads/cijfers-2024.pdf"]
    found = find_urls(lines)
    assert [f.value for f in found] == [
        "https://jaarverslag.example/FbContent.ashx/pub 1000/downloads/cijfers-2024.pdf"
    ]
    assert not found[0].repaired


def test_dutch_word_after_a_gap_is_not_joined() -> None:
    lines = ["zie https://www.gemeente.example/nieuws/parkeren meer over dit onderwerp."]
    assert _values(lines) == ["https://www.gemeente.example/nieuws/parkeren"]


def test_hidden_underscore_confirmed_by_a_link_annotation() -> None:
    lines = ["Zie https://www.gemeente.example/docs/nota parkeren voor de nota."]
    links = ("https://www.gemeente.example/docs/nota_parkeren",)
    assert _values(lines, links) == ["https://www.gemeente.example/docs/nota_parkeren"]


def test_truncated_url_is_completed_from_a_link_annotation() -> None:
    lines = ["Lees het op https://www.gemeente.example/nieuws/…"]
    links = ("https://www.gemeente.example/nieuws/2021/03/besluit-parkeren",)
    assert _values(lines, links) == ["https://www.gemeente.example/nieuws/2021/03/besluit-parkeren"]


def test_url_without_scheme_and_bare_domain_with_path() -> None:
    lines = ["Zie www.gemeente.example/afval en rijksoverheid.nl/documenten/rapport-2020."]
    assert _values(lines) == [
        "www.gemeente.example/afval",
        "rijksoverheid.nl/documenten/rapport-2020",
    ]


def test_trailing_punctuation_is_stripped() -> None:
    lines = ["(zie https://www.gemeente.example/nota-2020/), en verder."]
    assert _values(lines) == ["https://www.gemeente.example/nota-2020/"]


def test_ocr_damage_is_kept_as_printed() -> None:
    lines = ["vindplaats: https://www.dienst.nI/over/rapport-2020.pdf"]
    assert _values(lines) == ["https://www.dienst.nI/over/rapport-2020.pdf"]


@pytest.mark.parametrize(
    ("url", "context", "referral"),
    [
        ("https://wetten.overheid.nl/BWBR0005252", "", False),
        ("https://www.gemeente.example/bestuur/wob-besluiten/", "", False),
        ("https://www.gemeente.example/bestuur/woo-besluiten", "", False),
        ("https://www.gemeente.example/bestuur/wob-besluiten/2021/parkeren", "", True),
        ("http://loket.rechtspraak.nl/bestuursrecht", "", False),
        ("www.gemeente.example/bezwaar/jb", "", False),
        ("http://www.dienst.example/bezwaarenberoep", "", False),
        ("www.dienst.example\\bezwaar-maken", "", False),  # a backslash typed for a slash
        ("https://www.gemeente.example/in-beroep-gaan", "", False),
        ("https://www.overheid.example/rapporten/beroepsonderwijs-evaluatie", "", True),
        ("https://twitter.com/gemeente", "", False),
        ("info@gemeente.example", "", False),
        ("www.gemeente.nl", "Een routebeschrijving vindt u op www.gemeente.nl.", False),
        ("www.gemeente.nl", "Hierbij verwijs ik u naar www.gemeente.nl.", True),
    ],
)
def test_referral_classification(url: str, context: str, referral: bool) -> None:
    assert is_referral(url, context) is referral


def test_contact_address_in_letter_is_no_referral() -> None:
    found = find_urls(["Heeft u vragen? Mail naar wob@gemeente.example of bel 14 020."])
    assert [url for url in found if url.referral] == []
