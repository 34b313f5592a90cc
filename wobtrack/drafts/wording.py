"""Dutch legal wording of the drafts: dates, citations of articles and refusal grounds, the
prompts to contest a ground, and the fixed parts of a letter (sender, addressee, signature).

The letters go to Dutch authorities, so this text is Dutch; wobtrack's own placeholders are
in square brackets.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from wobtrack.drafts.document import Doc
    from wobtrack.models import Request

_MONTHS: Final = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
_WEEKDAYS: Final = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_LID: Final = {"1": "eerste", "2": "tweede", "3": "derde", "4": "vierde", "5": "vijfde",
               "6": "zesde", "7": "zevende"}  # fmt: skip

#: Short Dutch names of the interests behind each refusal ground (legal-spec section 6).
GROUND_LABELS: Final[dict[str, str]] = {
    "5.1.1a": "eenheid van de Kroon",
    "5.1.1b": "veiligheid van de Staat",
    "5.1.1c": "vertrouwelijk aan de overheid meegedeelde bedrijfs- en fabricagegegevens",
    "5.1.1d": "bijzondere persoonsgegevens",
    "5.1.1e": "wettelijke identificatienummers",
    "5.1.2a": "betrekkingen van Nederland met andere staten en internationale organisaties",
    "5.1.2b": "economische of financiële belangen van de Staat of andere publieke lichamen",
    "5.1.2c": "opsporing en vervolging van strafbare feiten",
    "5.1.2d": "inspectie, controle en toezicht door bestuursorganen",
    "5.1.2e": "eerbiediging van de persoonlijke levenssfeer",
    "5.1.2f": "concurrentiegevoelige bedrijfs- en fabricagegegevens",
    "5.1.2g": "bescherming van het milieu",
    "5.1.2h": "beveiliging van personen en bedrijven en het voorkomen van sabotage",
    "5.1.2i": "goed functioneren van de Staat, andere publieke lichamen of bestuursorganen",
    "5.1.4": "eerst kennisnemen door de geadresseerde",
    "5.1.5": "onevenredige benadeling van een ander belang",
    "5.2": "persoonlijke beleidsopvattingen in documenten voor intern beraad",
    "5.2.1": "persoonlijke beleidsopvattingen in documenten voor intern beraad",
    "10.1.a": "eenheid van de Kroon",
    "10.1.b": "veiligheid van de Staat",
    "10.1.c": "vertrouwelijk aan de overheid meegedeelde bedrijfs- en fabricagegegevens",
    "10.1.d": "bijzondere persoonsgegevens",
    "10.2.a": "betrekkingen van Nederland met andere staten en internationale organisaties",
    "10.2.b": "economische of financiële belangen van de Staat of andere publieke lichamen",
    "10.2.c": "opsporing en vervolging van strafbare feiten",
    "10.2.d": "inspectie, controle en toezicht door bestuursorganen",
    "10.2.e": "eerbiediging van de persoonlijke levenssfeer",
    "10.2.f": "het belang dat de geadresseerde als eerste kennis kan nemen van de informatie",
    "10.2.g": "voorkomen van onevenredige bevoordeling of benadeling",
    "10.7.a": "bescherming van het milieu",
    "10.7.b": "beveiliging van bedrijven en het voorkomen van sabotage",
    "11.1": "persoonlijke beleidsopvattingen in documenten voor intern beraad",
}

_PROMPT_ABSOLUTE: Final = (
    "[Absolute weigeringsgrond: hierbij weegt het bestuursorgaan geen belangen af. Ga na of de "
    "informatie echt onder deze grond valt en of niet meer is weggelakt dan nodig. Licht toe "
    "waarom u dat betwist.]"
)
_PROMPT_RELATIVE: Final = (
    "[Relatieve weigeringsgrond: het bestuursorgaan moet het belang van openbaarheid afwegen "
    "tegen dit belang. Betwist de afweging en de motivering: is per document of passage concreet "
    "uitgelegd waarom openbaarmaking dit belang schaadt en waarom dat zwaarder weegt? Is "
    "overwogen de informatie gedeeltelijk openbaar te maken?]"
)
_PROMPT_OPINIONS: Final = (
    "[Persoonlijke beleidsopvattingen: ga na of feiten, prognoses, beleidsalternatieven en "
    "andere objectieve gegevens uit deze documenten wel openbaar zijn gemaakt, of de documenten "
    "echt voor intern beraad zijn opgesteld, en of is overwogen de opvattingen in een niet tot "
    "personen herleidbare vorm openbaar te maken. Licht toe wat u betwist.]"
)
_PROMPT_EXCEPTIONAL: Final = (
    "[Deze grond is bedoeld voor uitzonderlijke gevallen en vraagt een specifieke motivering "
    "van de onevenredige benadeling; hij mag niet voor dezelfde informatie naast de gronden "
    "van het eerste of tweede lid worden gebruikt. Betwist de motivering.]"
)
_PROMPT_OTHER_GROUND: Final = (
    "[Ga na welk belang deze bepaling beschermt en of de weigering daarop concreet is "
    "gemotiveerd. Licht toe wat u betwist.]"
)
PROMPT_NO_GROUND: Final = (
    "[Het besluit noemt voor dit onderdeel geen weigeringsgrond. Voer aan dat de weigering "
    "niet is gemotiveerd, of vul de grond in als die elders in het besluit staat.]"
)


def dutch_date(day: date, *, weekday: bool = False) -> str:
    """A date as written in a Dutch letter: '13 november 2026' or 'vrijdag 13 november 2026'."""
    text = f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    return f"{_WEEKDAYS[day.weekday()]} {text}" if weekday else text


def cite_ground(code: str) -> str:
    """Dutch citation of a ground: '5.1.2e' → 'artikel 5.1, tweede lid, aanhef en onder e, Woo'."""
    woo = re.fullmatch(r"5\.(\d)(?:\.(\d)([a-i])?)?", code)
    if woo:
        article, lid, letter = woo.groups()
        return _citation(f"5.{article}", lid, letter, "Woo")
    wob = re.fullmatch(r"(10|11)(?:\.(\d)(?:\.([a-g]))?)?", code)
    if wob:
        article, lid, letter = wob.groups()
        return _citation(article, lid, letter, "Wob")
    return f"artikel {code}"


def _citation(article: str, lid: str | None, letter: str | None, law: str) -> str:
    if lid is None:
        return f"artikel {article} {law}"
    parts = [f"artikel {article}", f"{_LID.get(lid, lid + 'e')} lid"]
    if letter is not None:
        parts.append(f"aanhef en onder {letter}")
    return ", ".join([*parts, law])


def ground_prompt(code: str) -> str:
    """The prompt to contest one ground; absolute grounds have no balancing to contest."""
    if code.startswith(("5.1.1", "10.1.")):
        return _PROMPT_ABSOLUTE
    if code in ("5.1.5",):
        return _PROMPT_EXCEPTIONAL
    if code.startswith(("5.2", "11.")):
        return _PROMPT_OPINIONS
    if code.startswith(("5.1.2", "10.2.", "10.7.")):
        return _PROMPT_RELATIVE
    return _PROMPT_OTHER_GROUND


def law_names(regime: str | None) -> tuple[str, str]:
    """The law's full name and abbreviation."""
    if regime == "wob":
        return "Wet openbaarheid van bestuur", "Wob"
    return "Wet open overheid", "Woo"


def sender(doc: Doc) -> None:
    doc.lines(["[uw naam]", "[uw adres]", "[postcode en woonplaats]", "[uw e-mailadres]"])


def addressee(doc: Doc, request: Request, address: str | None) -> None:
    lines = [doc.user(request.authority.name)]
    if address:
        lines.extend(doc.user(part.strip()) for part in address.split(",") if part.strip())
    else:
        lines.extend(["[postadres van het bestuursorgaan]", "[postcode en plaats]"])
    doc.lines(lines)


def signature(doc: Doc, closing: str) -> None:
    doc.para(closing)
    doc.lines(["[handtekening]", "[uw naam]"])


def request_sentence(doc: Doc, request: Request) -> str:
    """'mijn verzoek van 1 oktober 2026 om openbaarmaking van informatie over "…"'."""
    _, short = law_names(request.regime)
    when = f" van {dutch_date(request.sent_on)}" if request.sent_on else ""
    text = (
        f"mijn verzoek{when} op grond van de {short} om openbaarmaking van informatie over "
        f'"{doc.user(request.subject)}"'
    )
    if request.received_on and request.sent_on != request.received_on:
        text += f", door u ontvangen op {dutch_date(request.received_on)}"
    elif request.received_on and not request.sent_on:
        text = text.replace("mijn verzoek", f"mijn verzoek van {dutch_date(request.received_on)}")
    return text
