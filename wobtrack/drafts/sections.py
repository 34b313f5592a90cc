"""The grounds of a bezwaar, section by section: which item outcomes go where (a table, not an
if-chain), and the Dutch wording of each section.

A new outcome that needs its own section is one row in :data:`SECTIONS` and one renderer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from wobtrack.decisions import FLAG_WHOLE_REQUEST, FinalOutcome
from wobtrack.drafts.document import Doc, shorten
from wobtrack.drafts.wording import GROUND_LABELS, PROMPT_NO_GROUND, cite_ground, ground_prompt

if TYPE_CHECKING:
    from wobtrack.models import Decision


def _item_label(doc: Doc, final: FinalOutcome) -> str:
    label = doc.strong(f"Onderdeel {doc.user(final.number)}")
    if final.text:
        # Item texts are list lines of the request ("…;"): their closing mark is dropped.
        text = shorten(final.text, 160).rstrip(" ;,:.")
        label += f' ("{doc.user(text)}")'
    return label


def _evidence(doc: Doc, final: FinalOutcome) -> None:
    """The letter's own words about the item and the user's own note, to weigh, not to send."""
    for ev in final.evidence[:1]:
        text = str(ev.get("text") or "").strip()
        if text:
            page = f", p. {ev['page']}" if ev.get("page") else ""
            doc.para(f'[Uit het besluit{page}: "{doc.user(shorten(text, 300))}"]')
            break
    if final.note:
        doc.para(f"[Uw notitie bij de correctie: {doc.user(shorten(final.note, 300))}]")


def _references(doc: Doc, final: FinalOutcome, woo: bool) -> None:
    article = "artikel 4.5, tweede lid, Woo" if woo else "artikel 7, tweede lid, onder b, Wob"
    refs = [str(ref.get("value") or "").strip() for ref in final.references]
    refs = [ref for ref in refs if ref]
    if not refs:
        doc.para(
            "[Het besluit noemt geen concrete vindplaats. Voer aan dat niet is aangegeven waar de "
            f"informatie openbaar is, zodat niet is voldaan aan {article}.]"
        )
        return
    doc.para("U verwijst naar:")
    doc.bullets(
        [
            f"{doc.url(ref) if doc.url(ref) != ref else doc.user(ref)} [Controleer: leidt deze "
            "verwijzing rechtstreeks naar de gevraagde informatie, of alleen naar een algemene "
            "website, zoekpagina of verzameling? Is de informatie daar voor u gemakkelijk "
            "toegankelijk?]"
            for ref in refs
        ]
    )


def _referral_section(doc: Doc, items: Sequence[FinalOutcome], woo: bool) -> None:
    article = "artikel 4.5, tweede lid, Woo" if woo else "artikel 7, tweede lid, onder b, Wob"
    for final in items:
        how = "alleen " if final.referral_only else ""
        doc.para(
            f"{_item_label(doc, final)}: u verwijst {how}naar informatie die al openbaar zou zijn. "
            f"Een verwijzing volstaat op grond van {article} alleen als de informatie al in een "
            "voor mij gemakkelijk toegankelijke vorm voor het publiek beschikbaar is."
        )
        _references(doc, final, woo)
        _evidence(doc, final)
        doc.para(
            "[Leg uit waarom de verwijzing niet volstaat, bijvoorbeeld omdat zij naar een "
            "algemene website verwijst in plaats van naar de documenten zelf, of omdat niet alle "
            "gevraagde informatie daar te vinden is.]"
        )


def _not_held_section(doc: Doc, items: Sequence[FinalOutcome], woo: bool) -> None:
    article = "artikel 2.1 Woo" if woo else "artikel 1, onder a, Wob"
    for final in items:
        doc.para(
            f"{_item_label(doc, final)}: u stelt dat er over dit onderdeel geen documenten zijn, "
            "of dat die niet onder u berusten."
        )
        if "referred" in final.outcomes:
            _references(doc, final, woo)
        _evidence(doc, final)
        doc.para(
            "[Geef aan waarom u aanneemt dat er wel documenten zijn, bijvoorbeeld omdat ze in "
            "andere stukken worden genoemd, omdat het bestuursorgaan ze had moeten opstellen of "
            f"omdat erover is bericht. Het verzoek gaat over documenten die bij het "
            f"bestuursorgaan berusten ({article}). Vraag toe te lichten waar en hoe is gezocht.]"
        )


def _refused_section(doc: Doc, items: Sequence[FinalOutcome], woo: bool) -> None:
    for final in items:
        what = (
            "u heeft de informatie gedeeltelijk openbaar gemaakt en de rest geweigerd"
            if "partly_granted" in final.outcomes and "refused" not in final.outcomes
            else "u heeft de openbaarmaking geweigerd"
        )
        if final.grounds:
            doc.para(f"{_item_label(doc, final)}: {what} op grond van:")
            doc.bullets(
                [
                    f"{cite_ground(code)}"
                    + (f" ({GROUND_LABELS[code]})" if code in GROUND_LABELS else "")
                    + f". {ground_prompt(code)}"
                    for code in final.grounds
                ]
            )
        else:
            doc.para(f"{_item_label(doc, final)}: {what}.")
            doc.para(PROMPT_NO_GROUND)
        if "referred" in final.outcomes:
            _references(doc, final, woo)
        _evidence(doc, final)


def _unanswered_section(doc: Doc, items: Sequence[FinalOutcome], woo: bool) -> None:
    for final in items:
        doc.para(
            f"{_item_label(doc, final)}: het besluit gaat niet in op dit onderdeel van mijn "
            "verzoek. Het besluit is op dit punt onvolledig; ik verzoek u alsnog op dit onderdeel "
            "te beslissen."
        )
    doc.para(
        "[Controleer of deze onderdelen niet toch elders in het besluit of in een ander "
        "(deel)besluit worden beantwoord.]"
    )


def _forwarded_section(doc: Doc, items: Sequence[FinalOutcome], woo: bool) -> None:
    article = "artikel 4.2 Woo" if woo else "artikel 4 Wob"
    for final in items:
        doc.para(
            f"{_item_label(doc, final)}: u heeft dit onderdeel doorgezonden naar een ander "
            "bestuursorgaan."
        )
        _evidence(doc, final)
        doc.para(
            "[Ga na of ook bij het bestuursorgaan zelf documenten over dit onderdeel berusten. "
            "Zo ja, voer dan aan dat het daarop zelf had moeten beslissen in plaats van alleen "
            f"door te zenden ({article}).]"
        )


def _other_section(doc: Doc, items: Sequence[FinalOutcome], woo: bool) -> None:
    for final in items:
        what = (
            "u stelt dat dit onderdeel buiten de reikwijdte van mijn verzoek valt"
            if "out_of_scope" in final.outcomes
            else "u heeft dit onderdeel niet in behandeling genomen"
        )
        doc.para(f"{_item_label(doc, final)}: {what}.")
        _evidence(doc, final)
        doc.para(
            "[Leg uit waarom dit onderdeel wel onder uw verzoek valt en behandeld moet worden.]"
        )


@dataclass(frozen=True)
class Section:
    """One section of the grounds: the outcomes that put an item in it, its heading, its text.

    A ``fallback`` section takes an item only if no other section did, or if the item has
    nothing but that outcome (a referral next to a refusal is argued under the refusal).
    """

    name: str
    outcomes: frozenset[str]
    heading: str
    render: Callable[[Doc, Sequence[FinalOutcome], bool], None]
    fallback: bool = False


#: The sections in the order of the letter.
SECTIONS: Final[tuple[Section, ...]] = (
    Section(
        "referral",
        frozenset({"referred"}),
        "Onderdelen beantwoord met een verwijzing naar openbare informatie",
        _referral_section,
        fallback=True,
    ),
    Section(
        "not_held",
        frozenset({"not_held"}),
        "Onderdelen waarvan u stelt dat er geen documenten zijn",
        _not_held_section,
    ),
    Section(
        "refused",
        frozenset({"refused", "partly_granted"}),
        "Geweigerde of gedeeltelijk geweigerde onderdelen",
        _refused_section,
    ),
    Section(
        "unanswered",
        frozenset({"unanswered"}),
        "Onderdelen waarop niet is beslist",
        _unanswered_section,
    ),
    Section(
        "forwarded",
        frozenset({"forwarded"}),
        "Doorgezonden onderdelen",
        _forwarded_section,
    ),
    Section(
        "other",
        frozenset({"out_of_scope", "not_handled"}),
        "Onderdelen die buiten het verzoek zijn geplaatst of niet zijn behandeld",
        _other_section,
    ),
)


def _empty_sections() -> dict[str, list[FinalOutcome]]:
    return {section.name: [] for section in SECTIONS}


@dataclass
class Grounds:
    """The items of a decision sorted into the sections of the grounds, and notes for the user."""

    sections: dict[str, list[FinalOutcome]] = field(default_factory=_empty_sections)
    notes: list[str] = field(default_factory=list)

    def empty(self) -> bool:
        """Whether no item is in any section."""
        return not any(self.sections.values())

    def place(self, final: FinalOutcome) -> bool:
        """Put ``final`` in every section its outcomes call for; whether any took it."""
        outcomes = set(final.outcomes)
        placed = False
        for section in SECTIONS:
            if not section.fallback and outcomes & section.outcomes:
                self.sections[section.name].append(final)
                placed = True
        for section in SECTIONS:
            wanted = final.referral_only or not placed
            if section.fallback and outcomes & section.outcomes and wanted:
                self.sections[section.name].append(final)
                placed = True
        return placed

    def render(self, doc: Doc, woo: bool) -> None:
        """Each section that has items, under its heading, in the order of :data:`SECTIONS`."""
        for section in SECTIONS:
            items = self.sections[section.name]
            if items:
                doc.heading(section.heading, 3)
                section.render(doc, items, woo)


def _items(noun: str, numbers: Sequence[str]) -> str:
    """ "Item" for one item, "Items" for more: the noun agrees with the count."""
    return noun if len(numbers) == 1 else f"{noun}s"


def sort_items(finals: Sequence[FinalOutcome], decision: Decision, latest: bool) -> Grounds:
    """Put each item's final outcome in the sections it belongs to; note the rest."""
    grounds = Grounds()
    elsewhere: list[str] = []
    pending: list[str] = []
    left_out: list[str] = []
    unsure: list[str] = []
    for final in finals:
        if not final.outcomes:
            if final.source == "none" and decision.kind == "besluit":
                # A (final) besluit that says nothing about an item has not decided on it.
                grounds.sections["unanswered"].append(final)
            elif final.source == "none":
                pending.append(final.number)
            else:
                unsure.append(final.number)
            continue
        ours = final.decision_id == decision.id or (final.decision_id is None and latest)
        if not ours:
            elsewhere.append(f"{final.number} (decision {final.decision_id})")
            continue
        if not grounds.place(final):
            left_out.append(f"{final.number} ({', '.join(final.outcomes)})")
        if final.needs_review:
            unsure.append(final.number)
        if FLAG_WHOLE_REQUEST in final.flags and not any(
            FLAG_WHOLE_REQUEST in note for note in grounds.notes
        ):
            grounds.notes.append(
                f"The decision answers the request as a whole ({FLAG_WHOLE_REQUEST}): check "
                "per item whether the outcome drafted here is right."
            )
    if left_out:
        grounds.notes.append(
            f"{_items('Item', left_out)} not in the grounds (no refusal, referral or missing "
            "answer recorded): " + ", ".join(left_out) + "."
        )
    if elsewhere:
        grounds.notes.append(
            f"{_items('Item', elsewhere)} answered in another decision, not in this draft: "
            + ", ".join(elsewhere)
            + "."
        )
    if pending:
        grounds.notes.append(
            f"{_items('Item', pending)} not decided yet (this is a deelbesluit): "
            + ", ".join(pending)
            + "."
        )
    if unsure:
        them = "it" if len(unsure) == 1 else "them"
        grounds.notes.append(
            f"The parser was unsure about {_items('item', unsure)} {', '.join(unsure)}: check "
            f"{them} with `wobtrack review` and correct {them} with `wobtrack outcome set` "
            "before relying on this draft."
        )
    return grounds


__all__ = ["SECTIONS", "Grounds", "Section", "sort_items"]
