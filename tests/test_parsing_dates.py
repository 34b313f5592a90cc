"""Dutch dates and the dagtekening (wobtrack/parsing/dutch_dates.py), on text only."""

from __future__ import annotations

from datetime import date

import pytest

from wobtrack.parsing.dutch_dates import find_dates, find_decision_date, parse_dutch_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23 april 2021", date(2021, 4, 23)),
        ("4 augustus 2020", date(2020, 8, 4)),
        ("4-8-2020", date(2020, 8, 4)),
        ("06-09-2021", date(2021, 9, 6)),
        ("4.8.2020", date(2020, 8, 4)),
        ("1 JANUARI 2015", date(2015, 1, 1)),
        ("3 febr. 2026", date(2026, 2, 3)),
        ("12 mrt 2021", date(2021, 3, 12)),
        ("1e mei 2021", date(2021, 5, 1)),
        # OCR and extraction noise
        ("4 december2020", date(2020, 12, 4)),  # missing space
        ("12maart2021", date(2021, 3, 12)),
        ("19 novembe r 2020", date(2020, 11, 19)),  # stray space inside the month
        ("l0 mei 2021", date(2021, 5, 10)),  # l for 1
        ("io mei 2021", date(2021, 5, 10)),  # "io" for 10
        ("1O juni 2O21", date(2021, 6, 10)),  # O for 0
        ("3 december 202l", date(2021, 12, 3)),  # l for 1 in the year
        # glyphs without a Unicode map, read in the Macintosh glyph order ("8" is glyph 27)
        ("(cid:27) december 2020", date(2020, 12, 8)),
    ],
)
def test_parse_dutch_date(text: str, expected: date) -> None:
    assert parse_dutch_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31 februari 2021",  # no such day
        "13-13-2020",  # no such month
        "ik heb 4 augustus gebeld",  # no year
        "artikel 10 lid 2",
        "Postbus 20301, 2500 EH Den Haag",
        "(cid:90) december 2020",  # a glyph that is no digit in the Macintosh order
        "",
    ],
)
def test_not_a_date(text: str) -> None:
    assert parse_dutch_date(text) is None


def test_find_dates_in_order_with_spans() -> None:
    text = "Bij brief van 7 mei 2021, door mij ontvangen op 10-5-2021, heeft u"
    found = find_dates(text)
    assert [m.value for m in found] == [date(2021, 5, 7), date(2021, 5, 10)]
    assert text[found[0].start : found[0].end] == "7 mei 2021"
    assert text[found[1].start : found[1].end] == "10-5-2021"


# --- the dagtekening ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        pytest.param(["Retouradres: Postbus 1\nDatum 4 augustus 2020\nOns kenmerk X1"],
                     date(2020, 8, 4), id="Datum on the same line"),
        pytest.param(["Datum\n26 november 2020\nOnze referentie"], date(2020, 11, 26),
                     id="Datum, date on the next line"),
        pytest.param(["Contact\nDatum\nOnze referentie 2020/1\n3 december 2020"],
                     date(2020, 12, 3), id="Datum, date two lines below"),
        pytest.param(["Datum: verzonden per email op 6 april 2021\nBetreft: Besluit"],
                     date(2021, 4, 6), id="Datum with words before the date"),
        pytest.param(["D atum 12 februari 2021 Onze referentie"], date(2021, 2, 12),
                     id="letter-spaced label"),
        pytest.param(["Datum 06-09-2021"], date(2021, 9, 6), id="numeric"),
        pytest.param(["Ministerie\nDen Haag, 3 februari 2026\nGeachte heer,"],
                     date(2026, 2, 3), id="place and date"),
        pytest.param(["Gemeente\nAmsterdam, 4 augustus 2020\nGeachte mevrouw,"],
                     date(2020, 8, 4), id="Amsterdam, date"),
        pytest.param(["Gemeente\n's-Gravenhage, 1 mei 2021\nGeachte heer,"], date(2021, 5, 1),
                     id="'s-Gravenhage"),
    ],
)  # fmt: skip
def test_decision_date_is_the_dagtekening(pages: list[str], expected: date) -> None:
    finding = find_decision_date(pages)
    assert finding.value == expected
    assert finding.page == 1
    assert finding.evidence


def test_a_date_merely_mentioned_is_not_the_decision_date() -> None:
    pages = [
        "Geachte heer,\nOp 23 april 2021 heb ik uw verzoek ontvangen. Bij brief van 29 april\n"
        "2021 is de ontvangst bevestigd. Op 10 mei 2021 is het opnieuw ingediend."
    ]
    finding = find_decision_date(pages)
    assert finding.value is None
    assert any("no dagtekening" in w for w in finding.warnings)


def test_the_letterhead_repeated_on_every_page_outvotes_a_dated_table() -> None:
    letter = "Datum 1 juli 2021\nGeachte heer,\nZie de tabel."
    follow = "Datum\n1 juli 2021\nOnze referentie 4212632\ntekst"
    table = "Nr. Omschrijving Datum\n1 E-mail over de pilot 12-03-2020"
    finding = find_decision_date([letter, follow, follow, table])
    assert finding.value == date(2021, 7, 1)


def test_date_in_the_right_column_of_a_two_column_letterhead() -> None:
    # pdfplumber puts the right-hand column at the end of the running-text lines.
    pages = [
        "",  # a scanned first page without text
        "Zienswijzen\nOnze referentie\nPer brief van 25 augustus 2020 is een derde\nDatum\n"
        "Hierop is op 16 september 2020 gereageerd met\n26 november 2020\neen zienswijze.",
        "tekst\nDatum\nhet belang van openbaarheid.\n26 november 2020\nverder",
    ]
    assert find_decision_date(pages).value == date(2020, 11, 26)


def test_a_digit_read_from_an_unmapped_glyph_is_flagged() -> None:
    finding = find_decision_date(["D atum (cid:27) december 2020\nOnze referentie"])
    assert finding.value == date(2020, 12, 8)
    assert any("unmapped font glyph" in w for w in finding.warnings)


def test_a_letterhead_entirely_in_unmapped_glyphs() -> None:
    # "Datum 15 oktober 2021" in a subset font whose glyphs follow character order:
    # D=26, a=47, t=65, u=66, m=59; "0" is glyph 9; o=61 k=57 t=65 o=61 b=48 e=51 r=63.
    datum = "(cid:26)(cid:47)(cid:65)(cid:66)(cid:59)"
    day = "(cid:10)(cid:14)"
    month = "(cid:61)(cid:57)(cid:65)(cid:61)(cid:48)(cid:51)(cid:63)"
    year = "(cid:11)(cid:9)(cid:11)(cid:10)"
    finding = find_decision_date([f"{datum} {day} {month} {year}"])
    assert finding.value == date(2021, 10, 15)
    assert finding.warnings


def test_two_competing_letterhead_dates_give_a_warning() -> None:
    finding = find_decision_date(["Datum 1 juli 2021", "Datum 2 juli 2021"])
    assert finding.value == date(2021, 7, 1)  # the first page weighs most
    finding = find_decision_date(["tekst", "Datum 1 juli 2021", "Datum 2 juli 2021"])
    assert finding.value is not None
    assert any("ambiguous" in w for w in finding.warnings)


def test_no_pages_and_empty_pages() -> None:
    assert find_decision_date([]).value is None
    assert find_decision_date(["", "   \n  "]).value is None


def test_a_letterhead_date_before_the_receipt_is_a_typo_the_letter_contradicts() -> None:
    pages = ["Datum 25 januari 2020\nGeachte heer,", "Gemeente Amsterdam Datum 25 januari 2021"]
    assert find_decision_date(pages).value == date(2020, 1, 25)
    finding = find_decision_date(pages, not_before=date(2020, 12, 16))
    assert finding.value == date(2021, 1, 25)
    assert any("before the request was received" in w for w in finding.warnings)
    # with nothing better to choose, the letterhead stands
    assert find_decision_date(pages[:1], not_before=date(2020, 12, 16)).value == date(2020, 1, 25)
