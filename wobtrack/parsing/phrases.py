"""Phrase tables: the Dutch wording that maps to each outcome, heading and cross-reference.

Everything here is data. ``letters.py`` applies the tables sentence by sentence; each rule
names the outcome it proves, and the sentence that matched becomes the item's evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

_I = re.IGNORECASE

#: An item-number list: "2", "2 en 3", "6, 7, 8, 12 en 14", "1 t/m 3", "3b", "1-3".
NUMBER_LIST: Final = (
    r"\d{1,2}[a-z]?(?![\d])"
    r"(?:\s*(?:,|en|t/m|t\.m\.|tot en met|tot|-|–|&)\s*(?:ad\.?\s*)?\d{1,2}[a-z]?(?![\d/]))*"
)


@dataclass(frozen=True)
class OutcomeRule:
    """One way of saying an outcome.

    ``when`` lists lower-case fragments of which the sentence must contain one before the
    (slower) pattern is tried. ``weak`` rules ("uw verzoek af te wijzen") only count when
    no other outcome is named in the same sentence, so "afwijzen omdat er geen documenten
    zijn" is ``not_held``. ``unless`` vetoes the match for the sentence; ``unless_section``
    drops the outcome when the section also proves one of those outcomes.
    """

    outcome: str
    when: tuple[str, ...]
    pattern: re.Pattern[str]
    weak: bool = False
    unless: re.Pattern[str] | None = None
    unless_section: tuple[str, ...] = ()


def _rule(
    outcome: str,
    when: str,
    pattern: str,
    *,
    weak: bool = False,
    unless: str | None = None,
    unless_section: tuple[str, ...] = (),
) -> OutcomeRule:
    return OutcomeRule(
        outcome,
        tuple(when.split("|")),
        re.compile(pattern, _I),
        weak,
        re.compile(unless, _I) if unless else None,
        unless_section,
    )


#: Forwarded *to us* is procedure, not an outcome ("is naar mij doorgezonden").
_TO_THIS_AUTHORITY: Final = (
    r"\b(?:naar|aan) (?:mij|ons|mijn (?:ministerie|organisatie|dienst|college))\b"
    r"|\bdoorgezonden door\b"
)

#: "maak ik", "ik maak", "maken wij", "wij maken" (and "stel(len)"): the disclosure verb.
_WE_MAKE: Final = (
    r"(?:maak ik|ik maak|maken (?:wij|we)|(?:wij|we) maken|stel ik|ik stel|stellen (?:wij|we)|"
    r"(?:wij|we) stellen)"
)
#: "reeds openbaar", "al openbaar": already public, so never a disclosure now.
_ALREADY: Final = r"(?<!niet )\b(?:reeds|eerder|al) (?:\w+ )?openba"

OUTCOME_RULES: Final[tuple[OutcomeRule, ...]] = (
    # -- already public: pointed to a URL, an earlier decision, document numbers
    _rule("referred", "openba", r"(?<!niet )\b(?:reeds|al|eerder) (?:eerder )?openba(?:ar|re)\b"),
    _rule(
        "referred",
        "openba",
        r"\b(?:reeds|al|eerder) (?:\(?(?:deels|gedeeltelijk)\)? )?openbaar gemaakt",
    ),
    _rule(
        "referred",
        "openbaar gemaakt",
        r"\bopenbaar gemaakte (?:\w+ ){0,2}(?:besluit|besluiten|document|documenten|"
        r"informatie|rapport|stukken|verslag)"
        r"|\b(?:zijn|is) (?:\w+ ){0,2}openbaar gemaakt (?:bij|in|op|via|door|met)\b",
    ),
    _rule("referred", "vindplaats", r"\bvindplaats\b"),
    _rule(
        "referred",
        "vinden|raadplegen|downloaden",
        r"\b(?:is|zijn|staat|staan) (?:\w+ ){0,4}te (?:vinden|raadplegen|downloaden)\b"
        r"|\bte vinden (?:via|op|in)\b",
    ),
    _rule(
        "referred",
        "beschikbaar|toegankelijk|raadpleegbaar",
        r"\b(?:publiek|openbaar|vrij) (?:beschikbaar|toegankelijk|raadpleegbaar)\b",
    ),
    _rule(
        "referred",
        "gepubliceerd",
        r"\b(?:is|zijn) (?:\w+ ){0,3}gepubliceerd (?:op|in|via)\b",
        unless=r"\bdit besluit\b",
    ),
    _rule("referred", "volsta", r"\bvolsta (?:\w+ ){0,2}met (?:\w+ ){0,4}verwijzing"),
    _rule(
        "referred",
        "verwijs",
        r"\bverwijs (?:ik )?(?:u )?(?:\w+ ){0,3}naar (?:de |het )?(?:website|link|"
        r"internetpagina|webpagina|vindplaats)",
    ),
    # -- no documents
    _rule(
        "not_held",
        "opgemaakt",
        r"\bniet (?:(?:is|zijn|wordt|worden|meer|ook|nooit|door \w+) )*opgemaakt\b"
        r"|\b(?:nooit|geen (?:\w+ ){1,3}(?:is |zijn |wordt |worden )?)opgemaakt\b",
    ),
    _rule(
        "not_held",
        "aanwezig|voorhanden|beschikbaar",
        r"\bniet (?:\(?(?:meer|langer)\)? )?(?:aanwezig|voorhanden|beschikbaar)\b",
        unless=r"\bniet (?:meer |langer )?beschikbaar (?:voor|gesteld)\b",
    ),
    _rule(
        "not_held",
        "geen",
        r"\bgeen (?:\(?\w+\)? ){0,3}(?:documenten|document|stukken|informatie|gegevens|"
        r"e-mails|verslagen|notulen|correspondentie|afspraken|rapporten)\b(?:\s+\S+){0,8}?\s+"
        r"(?:aangetroffen|gevonden|aanwezig|beschikbaar|berusten|berust|voorhanden|opgemaakt|"
        r"bestaan|bestaat|zijn met|is met)\b"
        r"|\bgeen (?:\w+ ){0,2}(?:document|documenten) beschikbaar\b"
        r"|\bgeen (?:\w+ ){0,2}(?:correspondentie|overleg|contact) (?:\w+ ){0,4}gevoerd\b",
    ),
    _rule(
        "not_held",
        "berust",
        r"\b(?:berust|berusten) (?:\w+ ){0,2}niet (?:\w+ ){0,2}(?:onder|bij)\b"
        r"|\bniet (?:\w+ ){0,4}(?:onder|bij) (?:mij|ons|\w+ \w+|\w+) (?:\w+ )?"
        r"(?:berust|berusten|berustend|berustende)\b",
    ),
    _rule("not_held", "bestaa", r"\b(?:bestaat|bestaan) (?:\w+ )?niet\b"),
    _rule("not_held", "niets", r"\bniets (?:\w+ )?(?:aangetroffen|gevonden)\b"),
    _rule(
        "not_held",
        "gebrek|ontbreken",
        r"\b(?:bij|wegens|door) (?:het )?(?:gebrek|ontbreken) (?:aan|van) (?:\w+ ){0,2}"
        r"(?:documenten|stukken|informatie)\b",
    ),
    # -- handed on to another authority
    _rule(
        "forwarded",
        "door|overgedragen",
        r"\b(?:doorgezonden|doorgestuurd|doorgeleid|overgedragen)\b"
        r"|\bdoor te (?:zenden|sturen|geleiden)\b|\b(?:zend|stuur) ik .{0,80}\bdoor\b",
        unless=_TO_THIS_AUTHORITY,
    ),
    # -- disclosed in part
    _rule(
        "partly_granted",
        "deel|dele",
        r"\b(?:deels|gedeeltelijk|grotendeels|ten dele|voor een (?:groot )?deel)\)?\s+"
        r"(?:\w+\s+){0,3}openbaar\b",
        unless=_ALREADY,
    ),
    _rule(
        "partly_granted",
        "deel|dele",
        r"\b(?:deels|gedeeltelijk|grotendeels|ten dele)\b(?: \w+){0,3} (?:geopenbaard|verstrekt)\b"
        r"|\bgeopenbaard en (?:\w+ ){0,2}(?:deels|gedeeltelijk|grotendeels)\b",
    ),
    _rule(
        "partly_granted",
        "deel|dele",
        r"\(?\b(?:deels|gedeeltelijk|grotendeels|ten dele)\)? (?:\w+ ){0,2}(?:aan uw verzoek "
        r"tegemoet|toe te wijzen|in te willigen|te honoreren|toegewezen|ingewilligd|gehonoreerd)",
    ),
    _rule(
        "partly_granted",
        "uitzondering",
        r"\bopenbaar (?:\w+ ){0,3}met uitzondering van\b"
        r"|\bmet uitzondering van (?:de |het )?(?:\w+ ){0,3}(?:persoonsgegevens|namen|passages)",
    ),
    _rule(
        "partly_granted",
        "gelakt|onleesbaar|geanonimiseerd",
        r"\b(?:weg|zwart)gelakt\b|\bonleesbaar gemaakt\b|\bgeanonimiseerd openbaar\b"
        r"|\b(?:zijn|is|worden|wordt) (?:\w+ ){0,3}(?:gelakt|weggelakt)\b",
    ),
    # -- withheld
    _rule(
        "refused",
        "weiger",
        r"\bweiger(?:en)?\b|\bgeweigerd\b",
        # a rule or a condition, not this decision: "zullen geweigerd worden als ..."
        unless=r"\b(?:zullen|zal|kunnen|kan|konden|mag|mogen)\b(?:\s+\w+){0,6}\s+geweigerd\b"
        r"|\bgeweigerd\s+(?:kan|kunnen|konden|zal|zullen|mag|mogen)\b|\bweigeringsgrond",
    ),
    _rule(
        "refused",
        "niet openbaar|niet verstrekt",
        r"\bniet openbaar (?:te maken|gemaakt|maak|maken|worden|wordt)\b|"
        + _WE_MAKE
        + r" (?:\w+ ){0,6}niet openbaar\b|\bblijft (?:\w+ ){0,3}niet openbaar\b"
        r"|\b(?:wordt|worden) (?:\w+ )?niet verstrekt\b",
        unless=_ALREADY,
    ),
    _rule(
        "refused",
        "afw|afgew|af te wijzen|wijs ik|voldoen|ingewilligd|in te willigen|honor",
        r"\baf te wijzen\b|\bafwijs\b|\bafwijzen\b|\bafgewezen\b|\bwijs ik .{0,60}\baf\b"
        r"|\bkan ik (?:\w+ ){0,3}(?:niet (?:aan )?)?uw verzoek (?:\w+ ){0,3}niet (?:voldoen|"
        r"inwilligen|honoreren)|\bkan ik niet aan uw verzoek voldoen\b"
        r"|\bniet (?:\w+ )?(?:ingewilligd|in te willigen|gehonoreerd|te honoreren)\b",
        weak=True,
    ),
    # -- disclosed
    _rule(
        "granted",
        "openbaar",
        _WE_MAKE + r" (?:\w+ ){0,6}openbaar\b"
        r"|\bbesl(?:uit|oten|oot)\b.{0,160}?(?<!niet )openbaar te maken\b"
        r"|\b(?:wordt|worden) (?:hierbij |bij dezen |daarom |dan ook |volledig |geheel |"
        r"integraal |alsnog )*openbaar(?: gemaakt)?\b(?! gemaakte)"
        r"|\bopenbaar (?:wordt|worden) gemaakt\b",
        unless=r"\bniet\b(?: \w+){0,2} openbaar\b|" + _ALREADY,
    ),
    _rule(
        "granted",
        "verstrek|treft|sturen|ontvangt|stuur|geopenbaard",
        r"\b(?:verstrek ik|ik verstrek|verstrekken (?:wij|we)|(?:wij|we) verstrekken|"
        r"treft u (?:\w+ ){0,3}aan|sturen (?:wij|we) u|(?:wij|we) sturen u|"
        r"ontvangt u (?:hierbij|bijgaand)|stuur ik u|ik stuur u)\b"
        r"|\b(?:word(?:t|en)|zijn) (?:\w+ ){0,2}geopenbaard\b",
        unless=r"\bniet\b",
    ),
    _rule(
        "granted",
        "wijzen|willigen|honoreren|tegemoet|wijs ik|willig ik",
        r"\b(?:uw verzoek|dit (?:onderdeel|deel)(?: van uw verzoek)?) (?:\w+ ){0,2}"
        r"(?:toe te wijzen|in te willigen|te honoreren)\b|\baan uw verzoek tegemoet te komen\b"
        r"|\bwijs ik (?:\w+ ){0,4}toe\b|\bwillig ik (?:\w+ ){0,4}in\b",
    ),
    # -- outside the request or the law
    _rule(
        "out_of_scope",
        "buiten|reikwijdte|werking|bestuurlijke aangelegenheid",
        r"\bbuiten de (?:reikwijdte|strekking|omvang) van (?:uw|het|dit) (?:\w+-)?verzoek\b"
        r"|\bbuiten (?:uw|het) verzoek\b|\b(?:valt|vallen) (?:\w+ ){0,3}niet onder de "
        r"(?:reikwijdte|werking)\b|\bgeen bestuurlijke aangelegenheid\b"
        r"|\bbuiten de reikwijdte van de (?:wob|woo|wet)\b",
    ),
    _rule(
        "out_of_scope",
        "toepassing",
        r"\bde (?:wob|woo|wet) is (?:\w+ ){0,2}niet van toepassing\b",
        weak=True,
        unless_section=("referred",),
    ),
    # -- not dealt with
    _rule(
        "not_handled",
        "behandel",
        r"\bniet (?:verder )?in behandeling\b|\bbuiten "
        r"behandeling\b|\bniet (?:verder )?te behandelen\b|\bniet (?:verder |in )?"
        r"behandel(?:d|en)\b",
    ),
    # -- decided elsewhere or later
    _rule(
        "deferred",
        "besluit",
        r"\b(?:afzonderlijk|apart|separaat|later|nader|volgend|vervolg|nieuw)e? "
        r"(?:deel)?besluit\b",
        unless=r"\b(?:eerder|vorig|genomen)e? (?:deel)?besluit\b",
    ),
    _rule(
        "deferred",
        "beslis|aangehouden",
        r"\b(?:beslis ik|wordt|zal|zullen|worden) (?:\w+ ){0,5}(?:later|nog|separaat|"
        r"afzonderlijk|apart|op een later moment) (?:\w+ ){0,3}beslist\b|\bbeslis ik "
        r"(?:\w+ ){0,3}(?:later|separaat|afzonderlijk|apart)\b|\bnog niet (?:\w+ ){0,2}beslist\b"
        r"|\bwordt aangehouden\b",
    ),
    # -- taken back by the requester
    _rule(
        "withdrawn",
        "ingetrokken|intrekking",
        r"\b(?:verzoek|onderdeel|vraag|punt|deel)\b(?:\s+\S+){0,6}?\s+(?<!niet )ingetrokken\b"
        r"|\bintrekking van (?:\w+ ){0,3}(?:verzoek|onderdeel|vraag|punt)\b",
    ),
)

#: A withheld passage inside a partly disclosed document ("De namen ... maak ik niet
#: openbaar") is the redaction of ``partly_granted``, not a separate refusal; a refusal
#: that names whole documents ("Wij weigeren openbaarmaking van deze documenten") is.
WHOLE_DOCUMENT_REFUSAL: Final = re.compile(
    r"\b(?:de|deze|die|dit|het|alle|twee|drie|vier|vijf|zes)\s+(?:\w+\s+)?(?:documenten|document|"
    r"stukken|memo's|e-mails|verslagen|bijlagen|bijlage)\b(?!\s+(?:in|uit)\b)|\bdocumenten?\s+(?:met\s+)?"
    r"(?:nummers?\s+)?\d",
    _I,
)

#: "Ik verwijs naar het antwoord onder ad. 2", "zie ad 2", "waarnaar ik onder ad. 1 verwijs".
CROSS_REFERENCES: Final[tuple[re.Pattern[str], ...]] = tuple(
    re.compile(p, _I)
    for p in (
        r"\b(?:antwoord|antwoorden|beantwoording|reactie|toelichting|uitleg)\s+(?:\w+\s+)?"
        r"(?:onder|bij|op|van)\s+(?:(?:ad|punt|vraag|onderdeel|verzoekonderdeel|deelverzoek)\.?"
        r"\s*)?(?P<numbers>" + NUMBER_LIST + r")",
        r"\b(?:onder|bij|zie(?: ook)?)\s+ad\.?\s*(?P<numbers>" + NUMBER_LIST + r")",
        r"\bzie(?: ook)?\s+(?:punt|vraag|(?:verzoek)?onderdeel)\s+(?P<numbers>"
        + NUMBER_LIST
        + r")",
    )
)
#: After a cross-reference: it points into another document ("punt 11 in het besluit van").
CROSS_REFERENCE_ELSEWHERE: Final = re.compile(
    r"\)?\s*(?:\([^)]*\)\s*)?(?:in|van|uit|bij) (?:het|mijn|ons|onze|dat|de|een|die) (?:\w+ ){0,3}"
    r"(?:besluit|besluiten|uitspraak|rapport|document|beslissing)\b",
    _I,
)
#: Before a cross-reference: "het gelijkluidende punt" is another decision's item.
CROSS_REFERENCE_OTHER: Final = re.compile(r"gelijkluidend\w*\s*$", _I)

#: Answer headings: "Ad 5 en 10", "Ad. 1:", "Verzoekonderdeel 2", "Vraag 3", "Onderdeel 4".
ANSWER_HEADING: Final = re.compile(
    r"^(?P<word>ad\b\.?|(?:verzoek)?onderdeel|deelverzoek|vraag|punt|verzoekpunt|item)\s*"
    r"(?P<numbers>" + NUMBER_LIST + r")\s*(?:[.:)–-]+\s*|\s+|$)(?P<rest>.*)$",
    _I,
)

#: A numbered line of a list: "1.", "2)", "(3)", "4 /", "3b.", "a.", "(b)".
LIST_LABEL: Final = re.compile(
    r"^[“\"‘']?(?:\((?P<paren>\d{1,2}[a-z]?|[a-z])\)|(?P<plain>\d{1,2}[a-z]?|[a-z])(?:\s*[.)]|\s+/))"
    r"(?:\s+|$)(?P<text>.*)$"
)

#: The dictum heading.
DICTUM_HEADING: Final = re.compile(
    r"^(?:\d{1,2}\.?\s*)?(?:besluit|mijn besluit|ons besluit|het besluit|beslissing|"
    r"onze beslissing|mijn beslissing|dictum|besluit op uw (?:wob|woo)-verzoek)\s*:?$",
    _I,
)
#: The rechtsmiddelenclausule heading.
BEZWAAR_HEADING: Final = re.compile(
    r"^(?:\d{1,2}\.?\s*)?(?:rechtsbescherming|rechtsmiddel(?:en|clausule)?|bezwaar(?:mogelijkheid|"
    r"clausule|procedure)?|bezwaar maken|mogelijkheid (?:van|tot) bezwaar|bezwaar en beroep|"
    r"niet eens met (?:dit|het) besluit\??)\s*:?$"
    # these words start the clause even with a letterhead column on the same line
    r"|^(?:rechtsbescherming|rechtsmiddelen|bezwaarmogelijkheid|bezwaarclausule)\b",
    _I,
)
#: Signature lines: the letter's body ends here.
CLOSING: Final = re.compile(
    r"^(?:hoogachtend|met vriendelijke groet(?:en)?|met de meeste hoogachting|"
    r"namens (?:deze|dezen)|ondertekening)\b",
    _I,
)
#: Headings that end an answer section without being an answer themselves.
OTHER_HEADINGS: Final = re.compile(
    r"^(?:\d{1,2}\.?\s*)?(?:overwegingen|zienswijzen?|wijze van (?:openbaarmaking|bekendmaking|"
    r"verstrekking)|inventari(?:s|satie)(?:lijst)?(?: documenten)?|wettelijk kader|tot slot|"
    r"ten slotte|publicatie|plaatsing (?:op|via) internet|kosten|termijn|procedure|"
    r"verloop van de procedure|contact|vragen\??|bijlagen?|motivering|toelichting(?: op (?:het|"
    r"mijn) besluit)?|openbaarmaking|uw verzoek|het verzoek|behandeling van uw verzoek|"
    r"beoordeling|inhoudelijke beoordeling|verdere procedure|conclusie)\s*:?$",
    _I,
)
#: Sections that introduce the quoted request.
REQUEST_HEADING: Final = re.compile(
    r"^(?:uw verzoek|het verzoek|inhoud (?:van )?(?:uw|het) verzoek|uw (?:wob|woo)-verzoek|"
    r"de bewoordingen van uw (?:wob|woo)-verzoeken?|reikwijdte (?:van )?(?:uw|het) verzoek)\s*:?$",
    _I,
)
#: Annexes after the letter (law text, inventory): the body ends before them.
ANNEX: Final = re.compile(
    r"^(?:bijlage|annex)\s*(?:nummer\s*|nr\.?\s*)?(?:\d{1,2}|[IVX]{1,4}|[A-D])\s*(?:[:–-]|$)|^inventaris(?:lijst)?\s*(?:[:–-]|$)",
    _I,
)
#: Words that introduce the request's own items ("U vraagt om:", "uw verzoek luidt").
REQUEST_INTRO: Final = re.compile(
    r"\bverzo(?:ek|cht|ekt|eken)\w*|\bvraagt\b|\bgevraagd\b|\bvraag(?:en)?\b|\bu wilt\b|"
    r"\bwil(?:t)? graag\b|\bwenst\b|\bverlangt\b",
    _I,
)
#: Words that introduce a list of documents found (an inventory, not request items).
DOCUMENT_LIST_INTRO: Final = re.compile(
    r"\bdocumenten?\b.{0,80}\b(?:genummerd|aangetroffen|gevonden|inventari\w*|betreft|"
    r"het volgende)|\bgenummerd\b|\binventaris",
    _I,
)
#: A list entry that is a numbered section heading of the letter, not a request item.
SECTION_TITLE: Final = re.compile(
    r"^(?:wettelijk kader|inventarisatie|zienswijze|besluit|overwegingen|procedure|verloop|"
    r"wijze van|conclusie|bezwaar|rechtsbescherming|ontvangst|termijn|beoordeling|"
    r"algemene overweging|openbaarmaking|motivering|kader|achtergrond|publicatie|contact)",
    _I,
)

#: A sentence that states the decision (letter-level outcome without numbered items).
DECISION_SENTENCE: Final = re.compile(
    r"\b(?:heb ik besloten|ik heb besloten|besluit ik|ik besluit|besloten (?:om )?(?:uw|het|de|"
    r"dit)|kan ik uw verzoek|moet ik uw verzoek|wijs ik uw verzoek|ik kan uw verzoek|"
    r"sturen (?:wij|we) u hierbij|maak ik (?:\w+ ){0,4}openbaar|ik uw verzoek (?:\w+ ){0,3}afwijs|"
    r"uw verzoek (?:wordt|is) "
    r"(?:\w+ )?(?:afgewezen|toegewezen|ingewilligd))\b",
    _I,
)

#: Verbs that make a URL or document number in a sentence a referral.
REFERRAL_VERBS: Final = re.compile(
    r"\b(?:verwijs|verwijzen|verwezen|zie|te vinden|vindplaats|raadplegen|via|link|attendeer)\b", _I
)
#: "(zie ook documenten 036, 050, 103)": document numbers as references.
DOCUMENT_NUMBERS: Final = re.compile(
    r"\b(?:document|documenten|stuk|stukken|bijlage|bijlagen)\s+(?:met\s+(?:de\s+)?)?"
    r"(?:(?:nummers?|nrs?\.?|nr\.)\s*(?:\(s\)\s*)?)?"
    r"(?P<numbers>[A-Z]?\.?\d{1,4}[a-z]?"
    r"(?:\s*(?:,|en|t/m|tot en met|-|–)\s*[A-Z]?\.?\d{1,4}[a-z]?)*)",
)
#: "(mijn) besluit van 8 december 2020 (met kenmerk X)": an earlier decision.
EARLIER_DECISION: Final = re.compile(
    r"\b(?:wob-|woo-)?besluit(?:en)?\s+(?:van\s+(?:de\s+\w+(?:\s+\w+){0,4}\s+)?(?:van\s+)?|d\.d\.\s*)"
    r"(?P<date>\d{1,2}[ -]\w+[ -]\d{4})(?:,?\s+(?:met\s+)?(?:ons\s+)?(?:kenmerk|referentie)\s+"
    r"(?P<kenmerk>[\w/.-]*\d[\w/.-]*))?"
    r"|\b(?:wob-|woo-)?besluit\s+(?:met\s+)?(?:kenmerk|referentie)\s+(?P<kenmerk_only>[\w/.-]*\d[\w/.-]*)",
    _I,
)

# -- the bezwaar clause ------------------------------------------------------------------

#: "binnen zes weken", "binnen een termijn van 6 weken".
BEZWAAR_WEEKS: Final = re.compile(
    r"\b(?:binnen\s+(?:een\s+termijn\s+van\s+)?|bedraagt\s+)"
    r"(?P<weeks>\d{1,2}|twee|vier|zes|acht|twaalf)\s+weken\b",
    _I,
)
#: A term of weeks that is not the bezwaar term: a third party's voorlopige voorziening,
#: delayed disclosure, the decision term.
OTHER_TERM: Final = re.compile(
    r"voorlopige voorziening|voorzieningenrechter|schors|niet eerder|verdaag|verdagen|"
    r"beslistermijn|beslist op",
    _I,
)
WEEK_WORDS: Final[dict[str, int]] = {"twee": 2, "vier": 4, "zes": 6, "acht": 8, "twaalf": 12}
#: Electronic filing closed: "De elektronische weg ... is niet geopend", "niet per e-mail".
ELECTRONIC_CLOSED: Final = re.compile(
    r"\belektronische weg\b.{0,80}\bniet (?:\w+ )?(?:geopend|open|mogelijk)\b|"
    r"\bniet (?:\w+ ){0,2}(?:per|via) e-?mail\b.{0,40}(?:ingediend|indienen|worden)|"
    r"\b(?:uitsluitend|alleen) (?:per|via) (?:gewone |de )?post\b"
    r"|\bniet (?:digitaal|elektronisch)\b",
    _I | re.DOTALL,
)
#: Electronic filing open: a web form, e-mail or "digitaal bezwaar maken".
ELECTRONIC_OPEN: Final = re.compile(
    r"\belektronische weg\b.{0,60}\b(?<!niet )(?:geopend|open)\b|\b(?:digitaal|online|"
    r"elektronisch|via (?:het )?(?:internet|e-?mail|webformulier|digitaal formulier))\s+"
    r"(?:\w+\s+){0,3}(?:bezwaar|indienen|maken|insturen)|\bbezwaar\w*\s+(?:\w+\s+){0,4}"
    r"(?:digitaal|online|elektronisch|per e-?mail|via (?:de |het |een )?(?:e-?mail|website|"
    r"internet|webformulier|digitaal loket|formulier))\b",
    _I | re.DOTALL,
)
#: "3970 AC Driebergen", "2500 EX Den Haag", "2500 EK 's-Gravenhage" (case-sensitive).
_POSTCODE_CITY: Final = (
    r"(?-i:\d{4}\s?[A-Z]{2},?\s+(?:(?:Den|De|Sint|Nieuw|Oud|DEN)\s+[A-Z][\w'’-]+|"
    r"(?:'s-|’s-)?[A-Z][\w'’-]+))"
)
#: The bezwaar address: "gericht aan ..., postbus 100, 3970 AC Driebergen".
BEZWAAR_ADDRESS: Final = re.compile(
    r"\b(?:gericht|gestuurd|gezonden|richten|richt|sturen|stuurt|stuur|zenden|zendt|verzenden|"
    r"versturen|opsturen|indienen|ingediend)\s+(?:(?:u|worden|het|dit|uw bezwaarschrift|ook|"
    r"per post)\s+){0,3}(?:aan|naar|bij)\s*:?\s+"
    r"(?P<address>(?:(?!\.\s+(?-i:[A-Z]))[^\n]){0,240}?\b(?:postbus|antwoordnummer)\s*\d+\s*,?\s*"
    + _POSTCODE_CITY
    + r")",
    _I,
)
POSTAL_ADDRESS: Final = re.compile(
    r"\b(?:postbus|antwoordnummer)\s*\d+\s*,?\s*" + _POSTCODE_CITY,
    _I,
)

# -- letterhead ----------------------------------------------------------------------------

#: The authority's reference: "Ons kenmerk", "Onze referentie", OCR "Ons kenrmerk".
REFERENCE_LABEL: Final = re.compile(
    r"(?:^|\s)(?:O\s?ns|O\s?nze)\s+(?:ken\w{0,2}merk|referentie|nummer)\s*:?\s*|^(?:Kenmerk|"
    r"Referentie|Zaaknummer)\s*:?\s*",
    _I,
)
#: The laws, for the regime.
WOO_NAMES: Final = re.compile(r"\bWoo\b|\bWet open overheid\b", _I)
WOB_NAMES: Final = re.compile(r"\bWob\b|\bWet openbaarheid (?:van )?bestuur\b", _I)

# -- request received ---------------------------------------------------------------------

#: A sentence that reports receipt of the request.
RECEIPT: Final = re.compile(
    r"\bontvangen\b|\bontvingen\b|\bbinnengekomen\b|\bingekomen\b|\bontvangst\b", _I
)
#: A date directly tied to receipt: "ontvangen op 10 mei 2021", "door mij ontvangen op".
RECEIVED_ON: Final = re.compile(
    r"\b(?:ontvangen|binnengekomen|ingekomen)\s+(?:\w+\s+){0,3}?op\s+(?P<date>[^,;]{4,30})", _I
)
#: "uw verzoek opnieuw ... ingediend": a re-submission supersedes the first receipt.
RESUBMITTED: Final = re.compile(
    r"\b(?:opnieuw|nogmaals|wederom)\b|\b(?:aangepast|gewijzigd|nieuw|tweede)e?\s+"
    r"(?:wob-|woo-)?verzoek",
    _I,
)
#: A receipt confirmation, not a receipt.
RECEIPT_CONFIRMED: Final = re.compile(
    r"\bontvangst\b.{0,120}\bbevestigd\b|\bbevestig\w*\b.{0,40}\bontvangst\b|\bontvangstbevestiging\b",
    _I,
)
#: "In uw brief/e-mail van 8 april 2021 heeft u ... verzocht": the request's own date.
REQUEST_OF: Final = re.compile(
    r"\b(?:in|bij|per|met)\s+(?:(?:uw|een|haar|zijn)\s+)?(?:\w+\s+)?(?:brief|e-?mail(?:bericht)?|"
    r"verzoek|bericht|mail|schrijven|formulier)\s+(?:van|d\.d\.|gedateerd(?: op)?)\s+"
    r"(?P<date>[^,;]{4,30})"
    # "Op 11 mei 2021 heeft u ... een verzoek ingediend"
    r"|\bop\s+(?P<on>\d{1,2}\s+\w+\s+\d{4})\s+heeft u\b.{0,160}?\bverzoek\w*\b.{0,60}?"
    r"\b(?:ingediend|gedaan|verzonden|gestuurd)\b",
    _I,
)
#: A letterhead column in the running text: "Gemeente Amsterdam Datum 20 oktober 2020".
LETTERHEAD_DATE: Final = re.compile(r"\bD\s?atum\s*:?\s*\d{1,2}[ -]\w+[ -]\d{4}")
