"""Items decided by their documents: where a letter ties inventory documents to request
items (a sentence "documenten 1 tot en met 3 zien op onderdeel 1", or an inventory column
"Onderdeel verzoek"), each item's outcome, grounds and links follow from its documents.

The letters and tables here are invented for these tests.
"""

from __future__ import annotations

from wobtrack.parsing.document import Sentence
from wobtrack.parsing.inventory import document_items
from wobtrack.parsing.letters import parse_letter
from wobtrack.parsing.model import InventoryDocument, ParsedLetter
from wobtrack.parsing.pdftext import PdfTable
from wobtrack.parsing.resolve import documents_per_item

LETTER = """Gemeente Oosterwolde
Datum 3 maart 2026
Ons kenmerk W/26/0101
Onderwerp Besluit op uw Woo-verzoek over de herinrichting van het marktplein

Geachte heer Visser,

Op 5 januari 2026 heeft u met een beroep op de Wet open overheid gevraagd om:
1. de ontwerptekeningen van het nieuwe marktplein;
2. de verslagen van het overleg met de marktkooplieden;
3. het raadsvoorstel over het krediet voor de herinrichting.
Wij hebben uw verzoek ontvangen op 6 januari 2026.

Besluit
Wij hebben besloten uw verzoek gedeeltelijk toe te wijzen.
{ties}
Namen van medewerkers maken wij niet openbaar op grond van artikel 5.1, tweede lid,
aanhef en onder e, van de Woo.

Met vriendelijke groet,
het college van burgemeester en wethouders van Oosterwolde
"""

TIES = (
    "De documenten 1 tot en met 3 zien op onderdeel 1 van uw verzoek, de documenten 4 en 5\n"
    "op onderdeel 2. Document 6 heeft betrekking op onderdeel 3."
)

INVENTORY_PAGE = """Bijlage 1 Inventarislijst
Nr. Document Beoordeling Woo
1 Variant A Openbaar
2 Variant B Openbaar
3 Definitief ontwerp Openbaar
4 Notulen januari Deels openbaar 5.1.2e
5 Notulen maart Niet openbaar 5.1.2e 5.1.2i
6 Voorstel aan de raad Reeds openbaar https://raad.oosterwolde.example/voorstel-12
"""


def items(letter: ParsedLetter) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    return {i.number: (i.outcomes, i.grounds) for i in letter.items}


def test_sentences_tie_documents_to_items() -> None:
    letter = parse_letter([LETTER.format(ties=TIES), INVENTORY_PAGE])
    assert len(letter.documents) == 6
    got = items(letter)
    assert got["1"] == (("granted",), ())  # all its documents public
    assert got["2"] == (("partly_granted",), ("5.1.2e", "5.1.2i"))  # some withheld
    assert got["3"][0] == ("referred",)  # already public, with the link
    item3 = next(i for i in letter.items if i.number == "3")
    assert any(r.value == "https://raad.oosterwolde.example/voorstel-12" for r in item3.references)
    assert not any(i.needs_review for i in letter.items)


def test_without_ties_items_keep_what_the_letter_says() -> None:
    letter = parse_letter([LETTER.format(ties=""), INVENTORY_PAGE])
    assert len(letter.documents) == 6
    assert {i.outcomes for i in letter.items} == {("partly_granted",)}


def test_which_sentences_tie_documents() -> None:
    documents = [InventoryDocument(number=f"{n:03d}", judgement="public") for n in range(1, 9)]

    def ties(text: str) -> dict[str, list[str | None]]:
        found = documents_per_item([Sentence(1, text)], documents)
        return {item: [d.number for d in docs] for item, docs in found.items()}

    assert ties("Documenten 1 t/m 3 zien op onderdeel 2.") == {"2": ["001", "002", "003"]}
    assert ties("Voor verzoekonderdeel 4 zijn de documenten 5 en 6 gevonden.") == {
        "4": ["005", "006"]
    }
    assert ties("De documenten 1 en 2 hebben betrekking op punt 1; document 8 op punt 3.") == {
        "1": ["001", "002"],
        "3": ["008"],
    }
    # Several items at once, this letter's own sections, or no tying word: nothing.
    assert ties("De documenten 1 tot en met 3 zien op onderdelen 1 en 2.") == {}
    assert ties("De documenten 1 tot en met 3 zien op onderdeel 1 en 2.") == {}
    assert ties("Zie voor document 6 ook onderdeel 3 van dit besluit.") == {}
    assert ties("Document 4 maken wij openbaar, zie onderdeel 2.") == {}
    # A document the inventory does not have is not invented.
    assert ties("Document 12 ziet op onderdeel 1.") == {}


def test_an_unjudged_document_leaves_its_item_to_the_letter() -> None:
    page = INVENTORY_PAGE.replace(
        "Voorstel aan de raad Reeds openbaar",
        "Voorstel aan de raad Nog in behandeling",
    )
    letter = parse_letter([LETTER.format(ties=TIES), page])
    got = items(letter)
    assert got["1"][0] == ("granted",)
    assert got["3"][0] != ("referred",)


def test_inventory_column_ties_documents_to_items() -> None:
    rows = (
        ("Nr.", "Document", "Onderdeel verzoek", "Beoordeling", "Woo"),
        ("1", "Variant A", "1", "Openbaar", ""),
        ("2", "Definitief ontwerp", "1", "Openbaar", ""),
        ("3", "Notulen januari", "2", "Niet openbaar", "5.1.2e"),
        ("4", "Notulen maart", "2", "Niet openbaar", "5.1.2i"),
        ("5", "Voorstel aan de raad", "3", "Reeds openbaar", ""),
    )
    table = PdfTable(
        2, rows, tuple((10.0 * n, 10.0 * n + 9) for n in range(len(rows))), (0, 0, 500, 80)
    )
    letter = parse_letter([LETTER.format(ties=""), "Bijlage 1 Inventarislijst\n"], tables=[table])
    assert [d.item for d in letter.documents] == ["1", "1", "2", "2", "3"]
    got = items(letter)
    assert got["1"][0] == ("granted",)
    assert got["2"] == (("refused",), ("5.1.2e", "5.1.2i"))  # all withheld
    assert got["3"][0] == ("referred",)
    assert letter.to_json("x.pdf")["documents"][0]["item"] == "1"


def test_item_cell_spellings() -> None:
    def cell(text: str) -> list[str]:
        return document_items(InventoryDocument(item=text))

    assert cell("2") == ["2"]
    assert cell("Onderdeel 3") == ["3"]
    assert cell("1 en 4") == ["1", "4"]
    assert cell("B.2") == ["b.2"]
    assert cell("") == []
