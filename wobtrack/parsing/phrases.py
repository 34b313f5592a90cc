"""Phrase tables: the Dutch wording that maps to each outcome, heading and cross-reference.

Everything here is data. The outcome rules, heading words, section titles and week words
live as TOML in ``wobtrack/parsing/rules/`` (each rule or table with example and
counter-example sentences, checked by ``tests/test_phrase_rules.py``) and are loaded once,
at import; the remaining regexes are below. ``letters.py`` applies the tables sentence by
sentence; each rule names the outcome it proves, and the sentence that matched becomes the
item's evidence.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Final

_I = re.IGNORECASE

#: The package that holds the TOML rule files.
RULES_PACKAGE: Final = "wobtrack.parsing.rules"


def load_rules(name: str) -> dict[str, Any]:
    """One TOML file of ``wobtrack/parsing/rules`` (e.g. ``"outcomes.toml"``), parsed."""
    text = resources.files(RULES_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    return tomllib.loads(text)


#: An item-number list: "2", "2 en 3", "6, 7, 8, 12 en 14", "1 t/m 3", "3b", "1-3".
NUMBER_LIST: Final = (
    # "3b" is a sub-item, but in "7en9" (OCR dropped the spaces) the "e" starts "en"
    r"\d{1,2}(?:[a-z](?![a-z\d]))?(?![\d])"
    r"(?:\s*(?:,|en|t/m|t\.m\.|tot en met|tot|-|–|&)\s*(?:ad\.?\s*)?"
    r"\d{1,2}(?:[a-z](?![a-z\d]))?(?![\d/]))*"
)


@dataclass(frozen=True)
class OutcomeRule:
    """One way of saying an outcome (one ``[[rule]]`` of ``rules/outcomes.toml``).

    ``when`` lists lower-case fragments of which the sentence must contain one before the
    (slower) pattern is tried. ``weak`` rules ("uw verzoek af te wijzen") only count when
    no other outcome is named in the same sentence, so "afwijzen omdat er geen documenten
    zijn" is ``not_held``. ``unless`` vetoes the match for the sentence; ``unless_section``
    drops the outcome when the section also proves one of those outcomes. ``id``, ``note``
    and the example sentences document the rule and do not take part in comparisons.
    """

    outcome: str
    when: tuple[str, ...]
    pattern: re.Pattern[str]
    weak: bool = False
    unless: re.Pattern[str] | None = None
    unless_section: tuple[str, ...] = ()
    id: str = field(default="", compare=False)
    note: str = field(default="", compare=False)
    examples: tuple[str, ...] = field(default=(), compare=False, repr=False)
    counter_examples: tuple[str, ...] = field(default=(), compare=False, repr=False)

    def matches(self, text: str) -> bool:
        """Whether this rule names its outcome in ``text`` (``weak`` aside)."""
        if not any(fragment in text.lower() for fragment in self.when):
            return False
        if not self.pattern.search(text):
            return False
        return self.unless is None or not self.unless.search(text)


_RULE_KEYS: Final = frozenset(
    {
        "id",
        "outcome",
        "when",
        "pattern",
        "weak",
        "unless",
        "unless_section",
        "note",
        "examples",
        "counter_examples",
    }
)
_FRAGMENT: Final = re.compile(r"\{\{(\w+)\}\}")


def _regex_text(value: str | list[str], fragments: dict[str, str], where: str) -> str:
    """A regex from TOML: a string or a list of pieces, with ``{{name}}`` fragments."""
    text = value if isinstance(value, str) else "".join(value)

    def fragment(match: re.Match[str]) -> str:
        if match[1] not in fragments:
            raise ValueError(f"{where}: unknown fragment {{{{{match[1]}}}}}")
        return fragments[match[1]]

    return _FRAGMENT.sub(fragment, text)


def _outcome_rules(data: dict[str, Any]) -> tuple[OutcomeRule, ...]:
    fragments: dict[str, str] = data.get("fragments", {})
    rules: list[OutcomeRule] = []
    for entry in data["rule"]:
        where = f"rules/outcomes.toml rule {entry.get('id', '?')!r}"
        unknown = set(entry) - _RULE_KEYS
        if unknown:
            raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
        unless = entry.get("unless")
        rules.append(
            OutcomeRule(
                outcome=entry["outcome"],
                when=tuple(entry["when"]),
                pattern=re.compile(_regex_text(entry["pattern"], fragments, where), _I),
                weak=bool(entry.get("weak", False)),
                unless=re.compile(_regex_text(unless, fragments, where), _I) if unless else None,
                unless_section=tuple(entry.get("unless_section", ())),
                id=entry["id"],
                note=entry.get("note", ""),
                examples=tuple(entry.get("examples", ())),
                counter_examples=tuple(entry.get("counter_examples", ())),
            )
        )
    return tuple(rules)


OUTCOME_RULES: Final[tuple[OutcomeRule, ...]] = _outcome_rules(load_rules("outcomes.toml"))

#: Heading words and section titles (``rules/headings.toml``), one table per regex below.
HEADING_WORDS: Final[dict[str, Any]] = load_rules("headings.toml")


def _words(table: str, key: str = "words") -> str:
    """The alternatives of one ``headings.toml`` table as a regex alternation."""
    return "|".join(HEADING_WORDS[table][key])


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
        # "... treft u aan in de documenten die voor onderdeel 4 zijn geïnventariseerd"
        r"\b(?:treft u aan|vindt u|kunt u vinden)\b(?:\s+\S+){0,8}?\s+(?:voor|bij|onder)\s+"
        r"(?:punt|vraag|(?:verzoek)?onderdeel)\s+(?P<numbers>" + NUMBER_LIST + r")",
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
    # "Ad6,7en9": OCR drops the spaces after "Ad"
    r"^(?P<word>ad(?:\b|(?=\d))\.?|(?:verzoek)?onderdeel|deelverzoek|vraag|punt|verzoekpunt|item)\s*"
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
    r"^(?:\d{1,2}\.?\s*)?(?:" + _words("dictum_heading") + r")\s*:?$",
    _I,
)
#: The rechtsmiddelenclausule heading; some words start it even with a letterhead column
#: on the same line.
BEZWAAR_HEADING: Final = re.compile(
    r"^(?:\d{1,2}\.?\s*)?(?:"
    + _words("bezwaar_heading")
    + r")\s*:?$|^(?:"
    + _words("bezwaar_heading", "line_start_words")
    + r")\b",
    _I,
)
#: Signature lines: the letter's body ends here.
CLOSING: Final = re.compile(r"^(?:" + _words("closing") + r")\b", _I)
#: Headings that end an answer section without being an answer themselves.
OTHER_HEADINGS: Final = re.compile(
    r"^(?:\d{1,2}\.?\s*)?(?:" + _words("other_headings") + r")\s*:?$",
    _I,
)
#: Sections that introduce the quoted request.
REQUEST_HEADING: Final = re.compile(r"^(?:" + _words("request_heading") + r")\s*:?$", _I)
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
SECTION_TITLE: Final = re.compile(r"^(?:" + _words("section_title") + r")", _I)

#: A sentence that states the decision (letter-level outcome without numbered items).
DECISION_SENTENCE: Final = re.compile(
    r"\b(?:heb ik besloten|ik heb besloten|besluit ik|ik besluit|(?:wij|we) besluiten|"
    r"besluiten (?:wij|we)|(?:wij|we) hebben besloten|hebben (?:wij|we) besloten|"
    r"(?:ik |wij |we )?verklaar (?:ik |wij |we )?(?:uw |het )?bezwaar|(?:ik )?handhaaf (?:ik )?|"
    r"besloten (?:om )?(?:uw|het|de|"
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
#: The nouns that make a sentence about some documents, pages or passages ("Document 53
#: valt buiten de reikwijdte", "Wanneer pagina's buiten het verzoek vallen, ..."): what it
#: says of them is not an outcome of the request, as a sentence about the request is.
_SOME_DOCUMENTS: Final = re.compile(
    r"\b(?:documenten|document|pagina['’]?s|pagina|passages?|e-?mails?|bijlagen?|stukken|"
    r"informatie\s+die)\b",
    _I,
)
_REQUEST_WORD: Final = re.compile(
    r"\b(?:\w+-)?verzoek\b|\bonderde(?:el|len)\b|\bvra(?:ag|gen)\b", _I
)
_OUTSIDE: Final = re.compile(r"\bbuiten\b|\bniet onder\b", _I)


def about_some_documents(text: str) -> bool:
    """Whether what a sentence puts outside the request is some documents or pages (their
    noun comes first), not (a part of) the request itself."""
    outside = _OUTSIDE.search(text)
    if outside is None:
        return False
    subject = text[: outside.start()]
    documents = _SOME_DOCUMENTS.search(subject)
    if documents is None:
        return False
    request = _REQUEST_WORD.search(subject)
    return request is None or documents.start() < request.start()


#: "(mijn) besluit van 8 december 2020 (met kenmerk X)": an earlier decision.
EARLIER_DECISION: Final = re.compile(
    r"\b(?:wob-|woo-)?besluit(?:en)?\s+(?:van\s+(?:de\s+\w+(?:\s+\w+){0,4}\s+)?(?:van\s+)?|d\.d\.\s*)"
    r"(?P<date>\d{1,2}[ -]\w+[ -]\d{4})(?:,?\s+(?:met\s+)?(?:ons\s+)?(?:kenmerk|referentie)\s+"
    r"(?P<kenmerk>[\w/.-]*\d[\w/.-]*))?"
    r"|\b(?:wob-|woo-)?besluit\s+(?:met\s+)?(?:kenmerk|referentie)\s+(?P<kenmerk_only>[\w/.-]*\d[\w/.-]*)",
    _I,
)

# -- the bezwaar clause ------------------------------------------------------------------

#: Terms of the bezwaar clause (``rules/terms.toml``).
TERMS: Final[dict[str, Any]] = load_rules("terms.toml")
#: "zes" -> 6: the written-out numbers of weeks.
WEEK_WORDS: Final[dict[str, int]] = dict(TERMS["bezwaar_weeks"]["numbers"])
#: "binnen zes weken", "binnen een termijn van 6 weken".
BEZWAAR_WEEKS: Final = re.compile(
    r"\b(?:binnen\s+(?:een\s+termijn\s+van\s+)?|bedraagt\s+)"
    r"(?P<weeks>\d{1,2}|" + "|".join(WEEK_WORDS) + r")\s+weken\b",
    _I,
)
#: A term of weeks that is not the bezwaar term: a third party's voorlopige voorziening,
#: delayed disclosure, the decision term.
OTHER_TERM: Final = re.compile(
    r"voorlopige voorziening|voorzieningenrechter|schors|niet eerder|verdaag|verdagen|"
    r"beslistermijn|beslist op",
    _I,
)
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
