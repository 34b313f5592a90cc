"""Refusal grounds: any spelling of a Wob/Woo exception article to one normalised code.

Codes follow the law the article belongs to (legal spec section 6): Woo ``5.1.2e``,
``5.1.1c``, ``5.1.4``, ``5.2``; Wob ``10.2.e``, ``10.1.c``, ``11.1``. "artikel 10, tweede lid,
aanhef en onder e", "10 lid 2 sub e", "5.1, lid 2, sub e", "5.1.2.e", OCR "io lid 2 sub e"
and "l0.2.e" all normalise; "10.2.e,10.2.f" gives two codes.
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
#: article: (pattern, Wob code, Woo code). None means the law has no such ground.
KEYWORD_GROUNDS: Final[tuple[tuple[str, str | None, str | None], ...]] = (
    (r"(?<!bijzondere )persoonsgegevens|persoonlijke levenssfeer", "10.2.e", "5.1.2e"),
    (r"bijzondere (?:categorie(?:ën)? )?(?:van )?persoonsgegevens", "10.1.d", "5.1.1d"),
    (r"persoonlijke beleidsopvatting", "11.1", "5.2"),
    (
        r"vertrouwelijk (?:aan de overheid )?(?:zijn )?meegedeelde bedrijfs"
        r"|bedrijfs\S* (?:en fabricagegegevens )?(?:\S+ ){0,10}?vertrouwelijk (?:aan \S+ \S+ )?"
        r"(?:zijn |is |worden )?(?:meegedeeld|verstrekt)",
        "10.1.c",
        "5.1.1c",
    ),
    (r"concurrentiegevoelige bedrijfs", "10.2.g", "5.1.2f"),
    (r"onevenredige (?:bevoordeling|benadeling)", "10.2.g", "5.1.5"),
    (r"economische of financiële belangen", "10.2.b", "5.1.2b"),
    (r"opsporing en vervolging van strafbare feiten", "10.2.c", "5.1.2c"),
    (r"inspectie, controle en toezicht", "10.2.d", "5.1.2d"),
    (r"betrekkingen van nederland met andere staten", "10.2.a", "5.1.2a"),
    (r"veiligheid van de staat", "10.1.b", "5.1.1b"),
    (r"eenheid van de kroon", "10.1.a", "5.1.1a"),
    (r"goed functioneren van de staat", None, "5.1.2i"),
    (r"identificatienummer|burgerservicenummer|\bbsn\b", None, "5.1.1e"),
    (r"voorkomen van sabotage|beveiliging van (?:personen en )?bedrijven", "10.7.b", "5.1.2h"),
)

# OCR puts letters where digits belong: "io lid 2", "l0.2.e", "1O.2.e", "5.l.2e".
_OCR_TEN: Final = re.compile(
    r"(?<![\w.])(?:io|lo|l0|1o|I0|1O|lO|IO)(?=\s*(?:[.,]\s*\d|,?\s*lid\b|,\s*\w+\s+lid\b))"
)
_OCR_ELEVEN: Final = re.compile(
    r"(?<![\w.])(?:ll|l1|1l|I1|1I|II)(?=\s*(?:[.,]\s*\d|,?\s*lid\b|,\s*\w+\s+lid\b))"
)
_OCR_DOTTED_ONE: Final = re.compile(r"(?<=\d\.)[lI](?=\.?\d|\.?[a-i]\b)|(?<=\d\.\d\.)[lI](?=\b)")

_LETTER_LIST: Final = r"[a-i](?:\s*(?:,|en|of|&|/)\s*[a-i])*"
_LID: Final = (
    r"(?:\s*\.\s*(?P<lid_dot>[1-7])(?!\d)"
    r"|\s*,?\s*(?P<lid_word>eerste|tweede|derde|vierde|vijfde|zesde|zevende)\s+lid"
    r"|\s*,?\s*lid\s*(?P<lid_num>[1-7])(?!\d))"
)
_LETTERS: Final = (
    r"(?:\s*,?\s*(?:aanhef\s*(?:en|,)?\s*)?(?:onder(?:deel)?|sub|letter)\s*"
    r"(?P<letters_word>" + _LETTER_LIST + r")(?![a-z])"
    r"|\s*\.?\s*(?P<letter_code>[a-i])(?![a-z\d]))"
)
_GROUND: Final = re.compile(
    r"(?<![\w.])(?P<artikel>art(?:ikel(?:en)?)?\.?\s*)?"
    r"(?P<law>5\s?\.\s?4a|5\s?\.\s?[1-7]|10|11)(?![\d])"
    r"(?:" + _LID + r")?"
    r"(?:" + _LETTERS + r")?",
    re.IGNORECASE,
)
#: "..., en tweede lid, aanhef en onder e" continuing the previous article.
_MORE_LID: Final = re.compile(
    r"\s*,?\s*(?:en|alsmede)\s+(?:het\s+)?"
    r"(?:(?P<lid_word>eerste|tweede|derde|vierde|vijfde|zesde|zevende)\s+lid|lid\s*(?P<lid_num>[1-7]))"
    r"(?:" + _LETTERS + r")?",
    re.IGNORECASE,
)
_LIST_SEPARATOR: Final = re.compile(r"\s*(?:,|;|/|en|of|&)\s*", re.IGNORECASE)
_NAMES_LAW: Final = re.compile(r"\s*(?:,\s*)?(?:van de |uit de )?(?:Woo|Wob)\b", re.IGNORECASE)
#: Cheap pre-checks: an article needs a 5, 10 or 11 (or its OCR twin); one combined
#: pattern finds whether any interest is named at all.
_MAYBE_ARTICLE: Final = re.compile(
    r"(?<![\w.])(?:5|10|11|io|lo|l0|1o|I0|1O|lO|IO|ll|l1|1l|I1|1I|II)(?![\d])"
)
_ANY_KEYWORD: Final = re.compile("|".join(f"(?:{p})" for p, _, _ in KEYWORD_GROUNDS), re.IGNORECASE)
_KEYWORDS: Final = tuple(
    (re.compile(pattern, re.IGNORECASE), wob, woo) for pattern, wob, woo in KEYWORD_GROUNDS
)


def _fix_ocr(text: str) -> str:
    text = _OCR_TEN.sub("10", text)
    text = _OCR_ELEVEN.sub("11", text)
    return _OCR_DOTTED_ONE.sub("1", text)


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
        return re.findall(r"[a-i]", groups["letters_word"].lower())
    if groups.get("letter_code"):
        return [groups["letter_code"].lower()]
    return []


def _codes(law: str, lid: int | None, letters: list[str], cited: bool) -> list[str]:
    """Codes for one article reference; empty when it names no specific ground."""
    law = re.sub(r"\s", "", law).lower()
    if law == "10":
        if lid is None or (lid in _WOB_LETTERS and not letters):
            return []
        if lid not in _WOB_LETTERS:
            return [f"10.{lid}"] if lid in (4, 5, 6) and cited else []
        return [f"10.{lid}.{x}" for x in letters if x in _WOB_LETTERS[lid]]
    if law == "11":
        if lid is None:
            return ["11.1"] if cited else []
        return [f"11.{lid}"] if lid in (1, 2) else []
    if law == "5.1":
        if lid in _WOO_LETTERS:
            return [f"5.1.{lid}{x}" for x in letters if x in _WOO_LETTERS[lid]]
        return [f"5.1.{lid}"] if lid in (4, 5, 6, 7) and (cited or not letters) else []
    # 5.2 and the ungraded grounds (5.4, 5.4a, 5.5-5.7) look like section numbers unless
    # the letter says "artikel" or gives a lid.
    if not cited and lid is None:
        return []
    if law == "5.2":
        return ["5.2"] if lid in (None, 1) else [f"5.2.{lid}"]
    if law in ("5.4", "5.4a", "5.5", "5.6", "5.7"):
        return [law]
    return []


def explicit_grounds(text: str) -> list[str]:
    """Codes of the exception articles ``text`` cites, in order, without duplicates."""
    if not _MAYBE_ARTICLE.search(text):
        return []
    text = _fix_ocr(text)
    codes: list[str] = []
    previous_end: int | None = None  # where the last ground ended
    for match in _GROUND.finditer(text):
        law = match["law"]
        # "5.2 Woo" names the law and "5.1.2e, 5.2" lists grounds; a bare "5.2" may be a
        # section number.
        cited = (
            bool(match["artikel"])
            or bool(_NAMES_LAW.match(text, match.end()))
            or (
                previous_end is not None
                and bool(_LIST_SEPARATOR.fullmatch(text, previous_end, match.start()))
            )
        )
        found = _codes(law, _lid_of(match), _letters_of(match), cited)
        more = _MORE_LID.match(text, match.end())
        if found and more is not None:
            found += _codes(law, _lid_of(more), _letters_of(more), cited=True)
        if found:
            previous_end = (more or match).end()
        codes.extend(code for code in found if code not in codes)
    return codes


def keyword_grounds(text: str, regime: str | None) -> list[str]:
    """Codes of the grounds ``text`` names by their protected interest ("persoonsgegevens")."""
    if regime not in ("wob", "woo") or not _ANY_KEYWORD.search(text):
        return []
    codes: list[str] = []
    for pattern, wob, woo in _KEYWORDS:
        code = wob if regime == "wob" else woo
        if code is not None and code not in codes and pattern.search(text):
            codes.append(code)
    return codes


def find_grounds(text: str, regime: str | None) -> list[str]:
    """All grounds in ``text``: cited articles first, then interests named in words."""
    codes = explicit_grounds(text)
    codes.extend(code for code in keyword_grounds(text, regime) if code not in codes)
    return codes


def normalise_ground(reference: str) -> str | None:
    """The one code for a single reference such as "10 lid 2 sub e", or None."""
    codes = explicit_grounds(reference)
    return codes[0] if len(codes) == 1 else None
