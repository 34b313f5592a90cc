"""Refusal grounds: any spelling of a Wob/Woo exception article to one normalised code.

Codes follow the law the article belongs to (legal spec section 6): Woo ``5.1.2e``,
``5.1.1c``, ``5.1.4``, ``5.1.5``, ``5.2``; Wob ``10.2.e``, ``10.1.c``, ``11.1``.
"artikel 10, tweede lid, aanhef en onder e", "10 lid 2 sub e", "5.1, lid 2, sub e",
"5.1.2.e", "5-1-2-e", "5.1,2,e", "512e", BuZa "(10)(2e)", OCR "io lid 2 sub e" and
"l0.2.e" all normalise; "10.2.e,10.2.f" gives two codes.

Not grounds: a name anonymised as a code ("Geachte heer 10.2.e ,", "Cc: 10.2e"), the
quoted text of the law in an annex ("Bijlage 1 - Relevante artikelen uit de Wob"), and
onderdelen the law does not have ("10.1 e"). Persoonlijke beleidsopvattingen are one
ground however the letter cites the lid: Wob ``11.1``, Woo ``5.2``.
"""

from __future__ import annotations

import re
from typing import Final

#: Dutch ordinals used for "lid".
ORDINALS: Final[dict[str, int]] = {
    "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6, "zevende": 7,
}  # fmt: skip

#: Letters (onderdelen) each lid may carry; a code outside these is not a ground.
_WOB_LETTERS: Final[dict[int, str]] = {1: "abcd", 2: "abcdefg", 7: "ab"}
_WOO_LETTERS: Final[dict[int, str]] = {1: "abcde", 2: "abcdefghi"}

#: Grounds recognised by the interest they protect, when the letter does not cite the
#: article: (pattern, Wob code, Woo code). None means the law has no such ground. Wob
#: 10.2.g (onevenredige bevoordeling of benadeling) became Woo 5.1.5 (legal spec 6.2).
KEYWORD_GROUNDS: Final[tuple[tuple[str, str | None, str | None], ...]] = (
    (
        r"(?<!bijzondere )persoonsgegevens|persoonlijke levenssfeer"
        r"|\bprivacy(?:belang(?:en)?|gevoelig\w*|redenen)?\b",
        "10.2.e",
        "5.1.2e",
    ),
    (r"bijzondere (?:categorie(?:ën)? )?(?:van )?persoonsgegevens", "10.1.d", "5.1.1d"),
    (r"(?<!zijnde\s)(?<!geen\s)persoonlijke\s+bele\S*idsopvatting", "11.1", "5.2"),
    (
        r"vertrouwelijk (?:aan de overheid )?(?:zijn )?meegedeelde bedrijfs"
        r"|bedrijfs\S* (?:en fabricagegegevens )?(?:\S+ ){0,10}?vertrouwelijk (?:aan \S+ \S+ )?"
        r"(?:zijn |is |worden )?(?:meegedeeld|verstrekt)",
        "10.1.c",
        "5.1.1c",
    ),
    (r"concurrentiegevoelige bedrijfs", "10.2.g", "5.1.2f"),
    (
        r"onevenredige\s+(?:bevoordeling|benadeling|bevoor-\s*of\s+benadeling)"
        r"|onevenredig\s+(?:wordt\s+|worden\s+)?(?:benadeeld|bevoordeeld)",
        "10.2.g",
        "5.1.5",
    ),
    (
        r"economische\s+(?:of|en|en\s*/\s*of)\s+financiële\s+belangen"
        r"|financiële\s+belangen\s+van\s+(?:de\s+)?(?:staat|gemeente|provincie|overheid)",
        "10.2.b",
        "5.1.2b",
    ),
    (r"opsporing en vervolging van strafbare feiten", "10.2.c", "5.1.2c"),
    (r"inspectie,? controle en toezicht|\bcontrolebelang", "10.2.d", "5.1.2d"),
    (r"betrekkingen van nederland met andere staten", "10.2.a", "5.1.2a"),
    (r"veiligheid van de staat", "10.1.b", "5.1.1b"),
    (r"eenheid van de kroon", "10.1.a", "5.1.1a"),
    (r"goed functioneren van de staat", None, "5.1.2i"),
    (r"wettelijke? identificatienummers?|burgerservicenummers?", None, "5.1.1e"),
    (r"voorkomen van sabotage|beveiliging van (?:personen en )?bedrijven", "10.7.b", "5.1.2h"),
)

# OCR puts letters where digits belong: "io lid 2", "l0.2.e", "1O.2.e", "artikel ao",
# "5.l.2e". Every substitution keeps the length, so offsets stay valid.
_OCR_TEN: Final = re.compile(
    r"(?<![\w.])(?:io|lo|l0|1o|I0|1O|lO|IO|ao)"
    r"(?=\s*(?:[.,]\s*\d|,?\s*lid\b|,\s*\w+\s+lid\b))"
)
_OCR_ELEVEN: Final = re.compile(
    r"(?<![\w.])(?:ll|l1|1l|I1|1I|II)(?=\s*(?:[.,]\s*\d|,?\s*lid\b|,\s*\w+\s+lid\b))"
)
_OCR_DOTTED_ONE: Final = re.compile(r"(?<=\d\.)[lI](?=\.?\d|\.?[a-i]\b)|(?<=\d\.\d\.)[lI](?=\b)")

_LETTER_LIST: Final = r"[a-i](?:\s*(?:,|en|of|&|/)\s*[a-i])*"
_LID: Final = (
    r"(?:(?:\s*(?P<lid_sep>[,-])\s*|(?P<lid_dot_sep>\.))(?P<lid_dot>[1-7])(?![\d,]\d)(?!\d)"
    r"|\s*,?\s*(?P<lid_word>eerste|tweede|derde|vierde|vijfde|zesde|zevende)\s+lid"
    r"|\s*,?\s*lid\s*(?P<lid_num>[1-7])(?!\d))"
)
_LETTERS: Final = (
    r"(?:\s*,?\s*(?:aanhef\s*(?:en|,)?\s*)?(?:onder(?:deel)?|sub|letter|lid)\s*"
    r"(?P<letters_word>" + _LETTER_LIST + r")(?![a-z])"
    r"|\s*[.,-]?\s*(?P<letter_code>[a-i])(?![\w-]))"
)
_GROUND: Final = re.compile(
    r"(?<![\w.])(?P<artikel>art(?:ikel(?:en)?)?\.?\s*,?\s*)?"
    r"(?P<law>5\s?[.,-]\s?4a|5\s?[.,-]\s?[1-7]|10|11|5(?=\s*,?\s*lid\b))(?!\d)"
    r"(?:\.(?=\s*,))?"  # "artikel 5.1., tweede lid"
    r"(?:" + _LID + r")?"
    r"(?:" + _LETTERS + r")?",
    re.IGNORECASE,
)
_ENDS_CODE: Final = re.compile(r"[ \t]*(?:$|[;,)\]\n])", re.MULTILINE)
#: BuZa "(10)(1c)", "(10)(2e)".
_BUZA: Final = re.compile(r"\(\s*10\s*\)\s*\(\s*([127])\s*\.?\s*([a-g])\s*\)", re.IGNORECASE)
#: Compact Woo codes in inventories: "512e", "51,2,e".
_COMPACT: Final = re.compile(r"(?<![\w.,])51,?([12]),?([a-i])(?![\w-])", re.IGNORECASE)
#: "..., en tweede lid, aanhef en onder e" continuing the previous article.
_MORE_LID: Final = re.compile(
    r"\s*,?\s*(?:en|alsmede)\s+(?:het\s+)?"
    r"(?:(?P<lid_word>eerste|tweede|derde|vierde|vijfde|zesde|zevende)\s+lid|lid\s*(?P<lid_num>[1-7]))"
    r"(?:" + _LETTERS + r")?",
    re.IGNORECASE,
)
_LIST_SEPARATOR: Final = re.compile(r"\s*(?:,|;|/|en|of|&)\s*", re.IGNORECASE)
_NAMES_LAW: Final = re.compile(
    r"[ \t]*(?:,\s*)?(?:van\s+de\s+|uit\s+de\s+)?(?:Woo|Wob)\b", re.IGNORECASE
)
#: "de artikelen 10 en 11 van de Wob" names the articles, not a ground; "anders dan
#: artikel 5.1, eerste lid, onder c" rules one out.
_NOT_A_GROUND_BEFORE: Final = re.compile(
    r"(?:\b10\s*(?:,|en|of)\s*|\banders\s+dan\s+|\bniet\s+op\s+grond\s+van\s+"
    r"|\bgeen\s+beroep\s+op\s+)(?:art(?:ikel(?:en)?)?\.?\s*)?$",
    re.IGNORECASE,
)
#: Words before a code that make it a citation rather than a name: "op grond van 10.2.e".
_CITES_BEFORE: Final = re.compile(
    r"(?:\bgrond(?:en)?(?:\s+van)?|\b(?:Wob|Woo)|\bartikel(?:en)?|\bart\.?)\s*[:(\[]?\s*$",
    re.IGNORECASE,
)
#: A code standing where a name was: salutation, "de heer 10.2.e", e-mail headers and
#: letterhead labels.
_NAME_BEFORE: Final = re.compile(
    r"(?:\b(?:geachte|beste)\b[^\n]{0,30}|\b(?:heer|mevrouw|mevr\.|dhr\.|mw\.|mr\.|drs\.)\s*)$",
    re.IGNORECASE,
)
_NAME_LINE: Final = re.compile(
    r"^\s*(?:van|aan|cc|bcc|from|to|contactpersoon|behandeld\s+door|naam|ondertekend\s+door"
    r"|t\.a\.v\.?|ter\s+attentie\s+van|afzender|ontvanger)\s*:?(?=\s|$)",
    re.IGNORECASE,
)
_LABEL_ONLY_LINE: Final = re.compile(
    r"^\s*(?:contactpersoon|behandeld\s+door|naam|ondertekend\s+door|t\.a\.v\.?|afzender"
    r"|ontvanger|geachte(?:\s+heer|\s+mevrouw)?)\s*:?\s*$",
    re.IGNORECASE,
)
#: "bericht van 10.2.e van de afdeling": the code sits between two words like a name.
_VAN_BEFORE: Final = re.compile(r"(?<!grond )\bvan\s+$", re.IGNORECASE)
_VAN_AFTER: Final = re.compile(r"\s+van\s+(?!de\s+(?:Wob|Woo|wet)\b)", re.IGNORECASE)

#: The quoted law: an annex heading ("Bijlage 1 - Relevante artikelen uit de Wob") or the
#: statute's own opening ("Het verstrekken van informatie ingevolge deze wet blijft
#: achterwege"), up to the next annex or the inventory.
_ANNEX_HEADING: Final = re.compile(
    r"^[ \t|]*(?:Bijlage\s*(?P<label>[\w.]*)\s*[-–—:.)]?\s*)?"
    r"Relevante\s+(?:wets)?art\s?ikelen\s+(?:uit|vit|van)\s+(?:de\s+)?W[^\n]*$",
    re.IGNORECASE | re.MULTILINE,
)
_STATUTE_OPENING: Final = re.compile(
    r"^[^\n]*\b(?:verstrekken|openbaar\s+maken)\s+van\s+informatie\s+ingevolge\s+deze\s+wet"
    r"\s+blijft\s+achterwege",
    re.IGNORECASE | re.MULTILINE,
)
#: What a quoted law reads like: its opening, or an article heading on a line of its own.
_STATUTE_TEXT: Final = re.compile(
    _STATUTE_OPENING.pattern + r"|^[ \t]*Artikel\s+\d+(?:\.\d+)?[a-z]?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_ANNEX_END: Final = re.compile(
    r"^[ \t|]*(?:Bijlage\s*(?P<label>[\w.]*)|(?:Bijlage\b[^\n]*)?Inventari)",
    re.IGNORECASE | re.MULTILINE,
)

#: Cheap pre-checks: an article needs a 5, 10 or 11 (or its OCR twin); one combined
#: pattern finds whether any interest is named at all.
_MAYBE_ARTICLE: Final = re.compile(r"5|10|11|io|lo|l0|1o|I0|1O|lO|IO|ao|ll|l1|1l|I1|1I|II")
_ANY_KEYWORD: Final = re.compile("|".join(f"(?:{p})" for p, _, _ in KEYWORD_GROUNDS), re.IGNORECASE)
_KEYWORDS: Final = tuple(
    (re.compile(pattern, re.IGNORECASE), wob, woo) for pattern, wob, woo in KEYWORD_GROUNDS
)

Span = tuple[str, int, int]

#: Codes for the same interest: a letter citing one does not also mean the other when it
#: names the interest in words.
_FAMILY: Final[dict[str, frozenset[str]]] = {
    "10.2.e": frozenset({"10.1.d"}),
    "5.1.2e": frozenset({"5.1.1d", "5.1.1e"}),
}
_DESCRIBES_WITHIN: Final = 80
_SENTENCE_END: Final = re.compile(r"[.!?;:][\s\"'’”)]*\s[A-Z]")


def _fix_ocr(text: str) -> str:
    text = _OCR_TEN.sub("10", text)
    text = _OCR_ELEVEN.sub("11", text)
    return _OCR_DOTTED_ONE.sub("1", text)


def mask_quoted_law(text: str) -> str:
    """``text`` with the quoted law blanked out (same length, so offsets stay valid)."""
    if "relevante" not in text.lower() and "achterwege" not in text:
        return text
    regions: list[tuple[int, int]] = []
    for heading in _ANNEX_HEADING.finditer(text):
        previous = text[: heading.start()].rstrip().rsplit("\n", 1)[-1]
        if previous.lstrip(" \t-–•").lower().startswith("bijlage"):
            continue  # a list of the annexes, not the annex itself
        label = (heading["label"] or "").lower()
        end = len(text)
        for stop in _ANNEX_END.finditer(text, heading.end()):
            stop_label = (stop["label"] or "").lower()
            if stop["label"] is None or not label or stop_label not in (label, "nummer"):
                end = stop.start()
                break
        if _STATUTE_TEXT.search(text, heading.end(), end):
            regions.append((heading.start(), end))
    for opening in _STATUTE_OPENING.finditer(text):
        closing = _ANNEX_END.search(text, opening.end())
        regions.append((opening.start(), closing.start() if closing else len(text)))
    if not regions:
        return text
    chars = list(text)
    for start, end in regions:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def _lid_of(match: re.Match[str]) -> int | None:
    groups = match.groupdict()
    if groups.get("lid_dot"):
        return int(groups["lid_dot"])
    if groups.get("lid_num"):
        return int(groups["lid_num"])
    if groups.get("lid_word"):
        return ORDINALS[groups["lid_word"].lower()]
    return None


def _letters_of(match: re.Match[str]) -> list[str]:
    groups = match.groupdict()
    if groups.get("letters_word"):
        return re.findall(r"(?<![a-z])[a-i](?![a-z])", groups["letters_word"].lower())
    if groups.get("letter_code"):
        return [groups["letter_code"].lower()]
    return []


def _codes(law: str, lid: int | None, letters: list[str], cited: bool) -> list[str]:
    """Codes for one article reference; empty when it names no specific ground."""
    law = re.sub(r"\s", "", law).lower()
    if law[:2] in ("5,", "5-"):
        if lid is None:  # "5,1 miljoen"
            return []
        law = "5." + law[2:]
    if law == "10":
        if lid is None or (lid in _WOB_LETTERS and not letters):
            return []
        if lid not in _WOB_LETTERS:
            return [f"10.{lid}"] if lid in (4, 5, 6) and cited and not letters else []
        return [f"10.{lid}.{x}" for x in letters if x in _WOB_LETTERS[lid]]
    if law == "11":
        # Lid 2 (non-traceable form) is the same ground, persoonlijke beleidsopvattingen.
        if lid is None:
            return ["11.1"] if cited else []
        return ["11.1"] if lid in (1, 2) and not letters else []
    if law == "5":  # "artikel 5 lid 2 sub d" leaves out the ".1"
        return _codes("5.1", lid, letters, cited) if cited and letters else []
    if law == "5.1":
        if lid in _WOO_LETTERS:
            return [f"5.1.{lid}{x}" for x in letters if x in _WOO_LETTERS[lid]]
        return [f"5.1.{lid}"] if lid in (4, 5, 6, 7) and (cited or not letters) else []
    # A letter or a lid 5.2 and 5.4 do not have is an OCR misread of 5.1: "artikel 5.2,
    # tweede lid, onder e", "artikel 5.2, vijfde lid", "artikel 5.4, lid 2 sub e".
    if law in ("5.2", "5.4") and (letters or (lid is not None and lid >= 5)):
        return _codes("5.1", lid, letters, cited=True)
    # 5.2 and the ungraded grounds (5.4, 5.4a, 5.5-5.7) look like section numbers unless
    # the letter says "artikel" or gives a lid.
    if not cited and lid is None:
        return []
    if law == "5.2":
        return ["5.2"]
    if law in ("5.4", "5.4a", "5.5", "5.6", "5.7") and not letters:
        return [law]
    return []


def _is_name(text: str, start: int, end: int) -> bool:
    """Whether a bare code at ``text[start:end]`` stands where a name was."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    if _NAME_BEFORE.search(before) or _NAME_LINE.match(before):
        return True
    if _VAN_BEFORE.search(before) and _VAN_AFTER.match(text, end):
        return True
    if not before.strip() and line_start > 0:
        previous_start = text.rfind("\n", 0, line_start - 1) + 1
        if _LABEL_ONLY_LINE.match(text, previous_start, line_start - 1):
            return True
    return False


def _explicit_spans(text: str) -> list[Span]:
    """Every cited article in ``text`` with its offsets, in order, duplicates kept."""
    if not _MAYBE_ARTICLE.search(text):
        return []
    text = _fix_ocr(text)
    spans: list[Span] = []
    previous_end: int | None = None  # where the last ground ended
    for match in _GROUND.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()]
        # "5.2 Woo" names the law and "5.1.2e, 5.2" lists grounds; a bare "5.2" may be a
        # section number.
        listed = previous_end is not None and bool(
            _LIST_SEPARATOR.fullmatch(text, previous_end, match.start())
        )
        cited = (
            bool(match["artikel"])
            or bool(_NAMES_LAW.match(text, match.end()))
            or bool(_CITES_BEFORE.search(before))
            or listed
        )
        found = _codes(match["law"], _lid_of(match), _letters_of(match), cited)
        if not found or _NOT_A_GROUND_BEFORE.search(before):
            continue
        bare_comma = match["lid_sep"] == "," and not cited and not _letters_of(match)
        if bare_comma and not _ENDS_CODE.match(text, match.end()):
            continue  # "11,1" in a list of grounds, not "11,1 procent"
        if not cited and _is_name(text, match.start(), match.end()):
            continue
        end = match.end()
        more = _MORE_LID.match(text, end)
        if more is not None:
            extra = _codes(match["law"], _lid_of(more), _letters_of(more), cited=True)
            if extra:
                found += extra
                end = more.end()
        previous_end = end
        spans.extend((code, match.start(), end) for code in found)
    for match in _BUZA.finditer(text):
        lid, letter = int(match[1]), match[2].lower()
        if letter in _WOB_LETTERS[lid]:
            spans.append((f"10.{lid}.{letter}", match.start(), match.end()))
    for match in _COMPACT.finditer(text):
        lid, letter = int(match[1]), match[2].lower()
        if letter in _WOO_LETTERS[lid] and not _is_name(text, match.start(), match.end()):
            spans.append((f"5.1.{lid}{letter}", match.start(), match.end()))
    spans.sort(key=lambda span: (span[1], span[2]))
    return spans


def _keyword_spans(text: str, regime: str | None) -> list[Span]:
    if regime not in ("wob", "woo") or not _ANY_KEYWORD.search(text):
        return []
    spans: list[Span] = []
    for pattern, wob, woo in _KEYWORDS:
        code = wob if regime == "wob" else woo
        if code is not None:
            spans.extend((code, m.start(), m.end()) for m in pattern.finditer(text))
    return spans


def _unique(codes: list[str]) -> list[str]:
    return list(dict.fromkeys(codes))


def _belongs_to(code: str, regime: str | None) -> bool:
    """Whether ``code`` is a ground of ``regime``'s law ("voorheen artikel 10 Wob" in a
    Woo letter is not)."""
    if regime == "woo":
        return code.startswith("5.")
    if regime == "wob":
        return not code.startswith("5.")
    return True


def explicit_grounds(text: str) -> list[str]:
    """Codes of the exception articles ``text`` cites, in order, without duplicates."""
    return _unique([code for code, _, _ in _explicit_spans(mask_quoted_law(text))])


def keyword_grounds(text: str, regime: str | None) -> list[str]:
    """Codes of the grounds ``text`` names by their protected interest ("persoonsgegevens")."""
    if regime not in ("wob", "woo") or not _ANY_KEYWORD.search(text):
        return []
    text = mask_quoted_law(text)
    codes: list[str] = []
    for pattern, wob, woo in _KEYWORDS:
        code = wob if regime == "wob" else woo
        if code is not None and code not in codes and pattern.search(text):
            codes.append(code)
    return codes


def _described(keyword: Span, cited: list[Span], text: str) -> bool:
    """Whether an interest named in words belongs to a cited article instead: the citation
    follows it ("financiële belangen (artikel 5.1, tweede lid, onder c)", a heading over
    "Op grond van artikel ..."), or the letter cites another code for the same interest
    (personal data under 10.1.d)."""
    family = _FAMILY.get(keyword[0], frozenset())
    if any(code in family for code, _, _ in cited):
        return True
    for _, start, _ in cited:
        if keyword[2] <= start <= keyword[2] + _DESCRIBES_WITHIN:
            return not _SENTENCE_END.search(text, keyword[2], start)
    return False


def find_grounds_with_spans(text: str, regime: str | None) -> list[tuple[str, int, int]]:
    """Every ground in ``text`` as ``(code, start, end)``, ordered by position.

    Cited articles and interests named in words both count (words only where no
    citation claims them); each occurrence is kept so a caller can attach a ground to
    the nearest item. With a regime, codes of the other law are left out.
    """
    masked = mask_quoted_law(text)
    cited = _explicit_spans(masked)
    spans = cited + [
        span for span in _keyword_spans(masked, regime) if not _described(span, cited, masked)
    ]
    spans.sort(key=lambda span: (span[1], span[2]))
    return [span for span in spans if _belongs_to(span[0], regime)]


def find_grounds(text: str, regime: str | None) -> list[str]:
    """All grounds in ``text``: cited articles first, then interests named in words."""
    spans = find_grounds_with_spans(text, regime)
    explicit = {(start, end) for _, start, end in _explicit_spans(mask_quoted_law(text))}
    codes = [code for code, start, end in spans if (start, end) in explicit]
    codes += [code for code, start, end in spans if (start, end) not in explicit]
    return _unique(codes)


def normalise_ground(reference: str) -> str | None:
    """The one code for a single reference such as "10 lid 2 sub e", or None."""
    codes = explicit_grounds(reference)
    return codes[0] if len(codes) == 1 else None
