"""Stage 1, the document: lines with pages, running text and sentences, URLs made whole,
link annotations placed beside their anchor text."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Protocol
from urllib.parse import unquote

from wobtrack.parsing import phrases

# --- lines and text ----------------------------------------------------------------------

_SPACES: Final = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_LIGATURES: Final = str.maketrans({"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "\u00ad": ""})
_LIGATURE_CHARS: Final = "ﬁﬂﬀ\u00ad"
#: Page furniture repeated on every page; it would break sentences across a page break.
_FURNITURE: Final = re.compile(
    r"^(?:pagina \d+ (?:van|/) \d+|\d{1,3}|- ?\d{1,3} ?-|\d+ ?/ ?\d+|page \d+ of \d+)$", re.I
)
_GREETING: Final = re.compile(r"^(?:Geachte|GEACHTE|Beste|L\.S\.)(?:\s|,|$)")
_DIGIT: Final = re.compile(r"\d")
_LAW_ARTICLE: Final = re.compile(r"^Artikel\s+\d+[a-z]?(?:\.\d+)?\s*$")
_SENTENCE_END: Final = re.compile(r"[.:;!?][\"”’')]*$")
_URL_START: Final = re.compile(r"^[(\[<\"“‘]*(?:https?://|www\.)", re.I)
_URL: Final = re.compile(r"(?:https?://|www\.)[^\s<>\"“”‘’]+", re.I)
_URL_TOKEN: Final = re.compile(r"^[\w%\-./~?=&#:+@!$,;()]+$")
_FILE_EXTENSION: Final = re.compile(r"\.(?:html?|pdf|aspx?|php|docx?|xlsx?|odt)$", re.I)
_ROMAN_PART: Final = re.compile(r"^(?P<num>X{0,3}(?:IX|IV|V?I{1,3}|V))[.):]?\s+(?=\S)")
_ARABIC_PART: Final = re.compile(r"^(?P<num>\d{1,2})[.)]\s+(?=\S)")
#: Words whose final "." does not end a sentence ("onder ad. 2", "d.d. 8 april").
_ABBREVIATIONS: Final = frozenset((
    "ad", "nr", "nrs", "d.d", "o.a", "art", "t.a.v", "m.b.t", "e.d", "bijv", "i.v.m", "jo",
    "blz", "p", "z.g", "mr", "dhr", "mw", "drs", "ir", "dr", "prof", "ca", "etc", "resp",
    "incl", "excl", "evt", "c.q", "e.a", "vgl", "zgn", "nl", "t/m", "a.s", "j.l", "jl", "sub",
    "lid", "zie",
))  # fmt: skip
#: Words that make "1 t/m 3", "1 tot en met 3", "1-3" a range.
_RANGE_WORDS: Final = frozenset({"t/m", "t.m.", "tot en met", "tot", "-", "–"})


@dataclass(frozen=True)
class Line:
    """One non-empty line of the letter, with its 1-based page."""

    page: int
    text: str


@dataclass(frozen=True)
class Sentence:
    """One sentence of a section, with the page it starts on."""

    page: int
    text: str


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text.translate(_LIGATURES)).strip()


def split_lines(pages: Sequence[str]) -> list[Line]:
    """The letter's non-empty lines, whitespace normalised, page furniture dropped."""
    lines: list[Line] = []
    for page_no, page in enumerate(pages, start=1):
        if any(ch in page for ch in _LIGATURE_CHARS):
            page = page.translate(_LIGATURES)
        for raw in _SPACES.sub(" ", page).splitlines():
            text = raw.strip()
            if text and not _FURNITURE.match(text):
                lines.append(Line(page_no, text))
    return lines


def _url_continues(url: str, following: str) -> bool:
    """Whether ``following`` (the next line's first word) continues a wrapped URL."""
    if not _URL_TOKEN.match(following):
        return False
    last = url[-1]
    if last in "-_%=&?#~":
        return True
    if last == "/":
        return bool(re.search(r"[./\-_%=?&#]|^\d", following))
    if last == ".":
        return "/" in following and following[0].islower()
    if last.isalnum() and not _FILE_EXTENSION.search(url) and "/" in url.split("//", 1)[-1]:
        return following[0].islower() and (
            "/" in following or bool(_FILE_EXTENSION.search(following.rstrip(".,;:)")))
        )
    return False


class Text:
    """Lines joined into running text, with the page of every character kept.

    Lines are joined with a space, except where a URL or a hyphenated word was wrapped:
    "https://www.politie.nl/wob/landelijke-" + "eenheid/overige-documenten/..." becomes
    one URL again.
    """

    def __init__(self, lines: Sequence[Line]) -> None:
        parts: list[str] = []
        self._starts: list[int] = []
        self._pages: list[int] = []
        length = 0
        tail = ""  # the last word of the text so far
        for line in lines:
            joiner = " " if parts else ""
            first = line.text.split(" ", 1)[0]
            if (parts and _URL_START.match(tail) and _url_continues(tail, first)) or (
                parts
                and tail.endswith("-")
                and len(tail) > 1
                and tail[-2].isalpha()
                and first[:1].islower()
            ):
                joiner = ""
            parts.append(joiner + line.text)
            length += len(joiner)
            self._starts.append(length)
            self._pages.append(line.page)
            length += len(line.text)
            single_word = " " not in line.text
            tail = (
                tail + line.text if joiner == "" and single_word else line.text.rsplit(" ", 1)[-1]
            )
        self.text = "".join(parts)

    def line_at(self, offset: int) -> int:
        """The index (into the lines given) of the line holding ``offset``."""
        return max(bisect.bisect_right(self._starts, offset) - 1, 0)

    def page_at(self, offset: int) -> int:
        """The page the character at ``offset`` is on."""
        if not self._pages:
            return 1
        index = bisect.bisect_right(self._starts, offset) - 1
        return self._pages[max(index, 0)]

    def sentences(self) -> list[Sentence]:
        """The text cut into sentences (abbreviations such as "ad." and "d.d." kept whole)."""
        text = self.text
        found: list[Sentence] = []
        start = 0
        for match in re.finditer(r"(?<=[.!?])[\"”’')]*\s+(?=[A-Z“\"‘(•–-])", text):
            before = text[max(start, match.start() - 12) : match.start()].rsplit(" ", 1)[-1]
            before = before.lower().rstrip(".")
            if before in _ABBREVIATIONS or (
                len(before) == 1 and before.isalpha() and before != "u"
            ):
                continue
            piece = text[start : match.start() + len(match.group(0).rstrip())].strip()
            if piece:
                found.append(Sentence(self.page_at(start), piece))
            start = match.end()
        tail = text[start:].strip()
        if tail:
            found.append(Sentence(self.page_at(start), tail))
        return found


def _sentences(lines: Sequence[Line]) -> list[Sentence]:
    return Text(lines).sentences() if lines else []


# --- URLs and references -----------------------------------------------------------------


def _strip_url(url: str) -> str:
    url = url.rstrip(".,;:!?'\"”’")
    while url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1].rstrip(".,;:")
    return url


def url_key(url: str) -> str:
    """A URL compared without scheme, ``www.`` and a final slash or dot."""
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", url.lower()).rstrip("/").rstrip(".")


def complete_url(url: str, links: Sequence[str]) -> str:
    """The URL from the PDF's link annotations when it completes a truncated text URL."""
    key = url_key(url.rstrip("…").removesuffix("..."))
    best = url
    for link in links:
        link_key = url_key(link)
        if link_key != key and link_key.startswith(key) and len(link) > len(best):
            best = link
    return best


def urls_in(text: str, links: Sequence[str] = ()) -> list[str]:
    """The URLs in ``text``, whole, completed from ``links`` where the text cut them off."""
    urls: list[str] = []
    for match in _URL.finditer(text):
        url = complete_url(_strip_url(match.group(0)), links)
        if len(url) > len("www.") + 3 and url not in urls:
            urls.append(url)
    return urls


def expand_numbers(numbers: str) -> list[str]:
    """ "6, 7, 8, 12 en 14" -> 6 7 8 12 14; "1 t/m 3" and "1-3" are ranges; "3b" stays."""
    labels: list[str] = []
    tokens = re.findall(
        r"\d{1,4}(?:[a-z](?![a-z\d]))?|t/m|t\.m\.|tot en met|tot|-|–", numbers.lower()
    )
    index = 0
    while index < len(tokens):
        token = tokens[index]
        is_range = index + 2 < len(tokens) and tokens[index + 1] in _RANGE_WORDS
        if is_range and token.isdigit() and tokens[index + 2].isdigit():
            low, high = int(token), int(tokens[index + 2])
            if low < high <= low + 100:
                labels.extend(str(n) for n in range(low, high + 1))
                index += 3
                continue
        if token[0].isdigit():
            labels.append(token)
        index += 1
    return list(dict.fromkeys(labels))


def named_document_numbers(text: str) -> list[str]:
    """Document numbers a sentence names, also at its start ("Documenten 3 tot en met 7")."""
    return _document_numbers(
        re.sub(r"\b(Documenten|Document|Stukken|Stuk)\b", lambda m: m.group(1).lower(), text)
    )


def _document_numbers(text: str) -> list[str]:
    """Document numbers a sentence points to: "documenten 036, 050, 103", "2 tot en met 4"."""
    values: list[str] = []
    for match in phrases.DOCUMENT_NUMBERS.finditer(text):
        tokens = re.findall(r"[A-Z]?\.?\d{1,4}[a-z]?|t/m|tot en met|tot|-|–", match["numbers"])
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if index + 2 < len(tokens) and tokens[index + 1] in _RANGE_WORDS:
                low, high = tokens[index], tokens[index + 2]
                if low.isdigit() and high.isdigit() and int(low) < int(high) <= int(low) + 50:
                    width = len(low) if low.startswith("0") else 0
                    values.extend(str(n).zfill(width) for n in range(int(low), int(high) + 1))
                else:
                    values.append(f"{low}-{high}")
                index += 3
                continue
            if token not in _RANGE_WORDS:
                values.append(token)
            index += 1
    return list(dict.fromkeys(values))


def _decisions(text: str) -> list[str]:
    values: list[str] = []
    for match in phrases.EARLIER_DECISION.finditer(text):
        values.append(_clean(match.group(0)).rstrip(".,;"))
    return values


class LinkAnchorLike(Protocol):
    """A link annotation as ``pdftext.LinkAnchor`` gives it: 1-based page, the words under
    it, its URI."""

    @property
    def page(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def uri(self) -> str: ...


_WEB_URI: Final = re.compile(r"^(?:https?://|www\.)\S", re.I)
_PLACED_URL: Final = re.compile(r"^ <(?:https?://|www\.)", re.I)


def place_link_anchors(
    pages: Sequence[str], anchors: Sequence[LinkAnchorLike]
) -> tuple[list[str], list[str]]:
    """Write the URLs that a PDF holds only as link annotations into its page texts.

    Each web URI whose URL (or host and path) the page's text does not already show, also
    wrapped over lines, goes in as " <URI>" right after the first occurrence of the
    annotation's words ("via deze link <https://...>."), so the URL rules read it in the
    sentence it belongs to. An anchor that is itself a piece of the shown URL (one
    annotation per line of a wrapped URL) adds nothing. Words that cannot be found on
    the page give a warning instead of a guess. Returns (pages, warnings).
    """
    texts = list(pages)
    warnings: list[str] = []
    for anchor in anchors:
        uri = re.sub(r"\s", "%20", anchor.uri.strip())
        if not _WEB_URI.match(uri):  # mailto: and the like are no references
            continue
        index = anchor.page - 1
        page = texts[index] if 0 <= index < len(texts) else None
        if page is not None and _shows_url(page, anchor.text, uri):
            continue
        at = _anchor_end(page, anchor.text) if page is not None else None
        if page is None or at is None:
            warning = (
                f"link annotation on page {anchor.page} ({uri}) could not be placed in the text"
            )
            if warning not in warnings:
                warnings.append(warning)
            continue
        texts[index] = f"{page[:at]} <{uri}>{page[at:]}"
    return texts, warnings


def _shows_url(page: str, anchor: str, uri: str) -> bool:
    """Whether the page text already shows ``uri``: whole (perhaps wrapped over lines),
    or the annotation's own words are a piece of it that the URL rules read, i.e. its
    start with scheme or "www." (completed from the links) or a continuation from the
    previous page."""
    uri = unquote(uri)  # the text shows "I&W" where the link has "I%26W"
    key = url_key(uri)
    compact = unquote(re.sub(r"\s+", "", page.translate(_LIGATURES)).lower())
    if key and key in compact:
        return True
    shown = re.sub(r"\s+", "", unquote(anchor)).lower().rstrip(".,;:!?)…").removesuffix("...")
    if len(shown) < 4 or shown not in uri.lower():
        return False
    return bool(_URL_START.match(shown)) or not key.startswith(url_key(shown))


def _anchor_end(page: str, anchor: str) -> int | None:
    """Where to insert after the first occurrence of ``anchor``'s words in ``page`` (before
    its closing punctuation) that has no URL inserted after it yet; None if not found."""
    words = anchor.split()
    if not words:
        return None
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)"
    for match in re.finditer(pattern, page):
        end = match.start() + len(match.group(0).rstrip(".,;:!?)\"”’'"))
        if end > match.start() and not _PLACED_URL.match(page[end:]):
            return end
    return None
