"""Referral URLs in a letter's lines, written whole.

A decision letter points to documents that are already public ("Reeds openbaar, vindplaats:
https://..."). The PDF text layer breaks those URLs in many ways; :func:`find_urls` puts
them back together and tells referrals from the letter's own furniture (law sites, the
generic publication page, contact and objection addresses, social media).

Joining rules (each has its own test in ``tests/test_urls_finder.py``):

* A URL that reaches the end of its line continues on the next line when the next piece
  clearly belongs to it. Pieces are joined without inserting anything, so a real hyphen at
  the line end stays (``wonen-`` + ``leefomgeving``).
* The piece is the next line's first word, or, in a table whose URL sits in a right-hand
  column, the words at the end of the next line (``Waddenweg dules/4/vragen``).
* A *strong* piece (it starts with or holds ``/ % ? & = # _``, ends in a file extension,
  is a slug such as ``op-het-rapport``, or a host part such as ``en.nl/...``) may be
  taken from a later line: page furniture ("Datum ...", "Pagina 3 van 9") and short
  labels ("Document 48:", a table's left-hand cell) that land between the halves are
  skipped. A *weak* piece (a plain word or number) is taken only from the very next line,
  only at its start, only when the URL asks for more (it ends in ``- _ % = & ? # ~ +``, or
  its host has no known top-level domain yet), and never when a strong piece follows on
  the line after (then the weak line is an interleaved label).
* Ordinary prose never continues a URL: a Dutch function word ("en", "van", "is", ...),
  a capitalised word after a complete URL, or a row number ("3.").
* Table cells broken at a fixed width (two or more whole-line pieces of the same length)
  take the next whole line of that width too.
* Hidden underscores: a link underline can hide ``_`` so the text shows a space. The gap
  is read as ``_`` only when a link annotation confirms it, or when all of these hold:
  the gap follows a word of letters and digits inside the URL's path or fragment, and the
  next word starts with ``%``, or mixes letters and digits (``json7``), or is a number of
  five or more digits (``#ai 2022419``), or is a number followed by ``/`` (``pub 1000/``).
  Unless a link annotation confirms the underscore, the gap is kept as printed (a space),
  so the URL is whole but nothing hidden is guessed.
  A Dutch word after the gap is never joined. Inside a fixed-width table cell (see above)
  every space in a whole-line piece is read as ``_``.
* OCR damage is kept as printed (``.nI``, ``.n1``, ``°/0``); trailing punctuation and
  unbalanced closing brackets are stripped.
* ``links`` (URIs of the PDF's link annotations) complete a URL whose text is cut off or
  ends in an ellipsis, and confirm joins and hidden underscores.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from wobtrack.parsing.document import complete_url, url_key

__all__ = ["FoundUrl", "find_urls", "is_referral"]


@dataclass(frozen=True)
class FoundUrl:
    """One URL found in the lines, written whole."""

    value: str
    line: int
    end_line: int
    referral: bool
    #: A gap in the printed URL was read as a hidden underscore without a link annotation
    #: to confirm it (``#ai 2022419`` -> ``#ai_2022419``): say so to the user.
    repaired: bool = False


_TLDS: Final = frozenset(
    [
        "nl",
        "eu",
        "com",
        "org",
        "net",
        "be",
        "de",
        "nu",
        "info",
        "amsterdam",
        "frl",
        "io",
        "uk",
        "fr",
        "int",
        "gov",
        "edu",
        "biz",
        "tv",
        "app",
        "online",
        "europa",
        "nI",
        "n1",
        "ni",
    ]
)
_URL_START: Final = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|(?<![\w@.])(?:[a-z0-9][a-z0-9-]*\.)+(?:nl|eu|com|org|net|be|nu|info|amsterdam)/\S*",
    re.I,
)
_BAD_CHARS: Final = re.compile(r"[<>\"“”‘’|]")
_TOKEN_OK: Final = re.compile(r"^[^\s<>\"“”‘’|]+$")
_FILE_EXTENSION: Final = re.compile(r"\.(?:html?|pdf|aspx?|php|docx?|xlsx?|odt|jsp)$", re.I)
_SLUG: Final = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+){2,}-?$")
_HOST_PIECE: Final = re.compile(r"^[a-z0-9-]*\.[a-z]{2,}(?:[/?#:]|$)", re.I)
_ROW_NUMBER: Final = re.compile(r"^\(?\d{1,3}[a-z]?[.)]$")
_CONTINUES: Final = "-_%=&?#~+"
_STRONG_START: Final = "/%?&=#_~"
_STRONG_CHARS: Final = "/%?&=#_"
_FURNITURE: Final = re.compile(
    r"^(?:datum\s+\S|ons kenmerk\b|uw kenmerk\b|kenmerk\s+\S|onze referentie\b|pagina \d+ van \d+"
    r"|blad \d+ van \d+|\d+ van \d+$|=+ page)",
    re.I,
)
_LABEL: Final = re.compile(r"^(?:document|bijlage|nr\.?|nummer|item)\s*[\w.-]{0,8}:?$", re.I)
_MAX_LOOKAHEAD: Final = 5
_DUTCH: Final = frozenset(
    [
        "aan",
        "af",
        "al",
        "als",
        "bij",
        "dan",
        "dat",
        "de",
        "deze",
        "die",
        "dit",
        "door",
        "een",
        "en",
        "er",
        "het",
        "hier",
        "hij",
        "hoe",
        "in",
        "is",
        "je",
        "kan",
        "kunt",
        "maar",
        "met",
        "na",
        "naar",
        "niet",
        "noch",
        "nu",
        "of",
        "om",
        "onder",
        "ons",
        "ook",
        "op",
        "over",
        "te",
        "ten",
        "ter",
        "tot",
        "u",
        "uit",
        "uw",
        "van",
        "veel",
        "via",
        "voor",
        "waar",
        "wat",
        "we",
        "wel",
        "werd",
        "wie",
        "wij",
        "word",
        "wordt",
        "zal",
        "ze",
        "zich",
        "zie",
        "zij",
        "zijn",
        "zo",
        "zoals",
        "zonder",
        "link",
        "website",
        "pagina",
        "hier",
        "daar",
        "onderstaande",
    ]
)

# Hosts and pages that are no referral to a public document.
_NON_REFERRAL_HOSTS: Final = (
    "wetten.overheid.nl",
    "wetten.nl",
    "rechtspraak.nl",
    "raadvanstate.nl",
    "twitter.com",
    "x.com",
    "facebook.com",
    "linkedin.com",
    "instagram.com",
    "youtube.com",
    "autoriteitpersoonsgegevens.nl",
    "nationaleombudsman.nl",
    "digid.nl",
    "mijnoverheid.nl",
)
_NON_REFERRAL_PATH: Final = re.compile(
    r"/(?:wob|woo)[-_]?(?:besluiten|verzoeken|publicaties)/?$"
    r"|/(?:wob|woo)/?$"
    r"|/contact(?:formulier)?(?:/|\.\w+)?$"
    r"|/(?:[\w-]*bezwaar[\w-]*|(?:[\w-]+-)?beroep(?:-[\w-]+)?)(?:/|\.\w+)?$"
    r"|/bezwaar(?:/|$)|/klacht(?:en)?(?:/|$)|/privacy(?:/|$)"
    r"|/disclaimer(?:/|$)"
    r"|/(?:wob|woo)[-_]?verzoek(?:-indienen)?/?$",
    re.I,
)


_REFERRAL_CUES: Final = re.compile(
    r"verwijs|vindplaats|zoek|reeds openbaar|gepubliceerd op|in de gaten|archief", re.I
)
_FURNITURE_CUES: Final = re.compile(
    r"routebeschrijving|geplaatst|wordt gepubliceerd|worden gepubliceerd|vragen|contact", re.I
)


def _strip(url: str) -> str:
    url = url.rstrip(".,;:!?'\"”’")
    while (
        url and url[-1] in ")]" and url.count(url[-1]) > url.count("(" if url[-1] == ")" else "[")
    ):
        url = url[:-1].rstrip(".,;:!?")
    return url


def _host_and_path(url: str) -> tuple[str, str]:
    rest = re.sub(r"^https?://", "", url, flags=re.I)
    host, slash, path = rest.partition("/")
    host = re.split(r"[?#]", host, maxsplit=1)[0]
    return host, slash + path


def _host_incomplete(url: str) -> bool:
    """Whether the URL is still inside its host and that host has no known TLD yet."""
    host, path = _host_and_path(url)
    if path or re.search(r"[?#]", url.split("//", 1)[-1]):
        return False
    labels = host.rstrip(".").split(".")
    return host.endswith(".") or len(labels) < 2 or labels[-1] not in _TLDS


def _is_strong(token: str) -> bool:
    bare = token.rstrip(".,;:)")
    return bool(
        bare
        and (
            bare[0] in _STRONG_START
            or any(ch in bare for ch in _STRONG_CHARS)
            or _FILE_EXTENSION.search(bare)
            or (_SLUG.match(bare) and re.search(r"[a-z]{2}", bare))
            or _HOST_PIECE.match(bare)
        )
    )


def _prose(token: str) -> bool:
    return token.lower().rstrip(".,;:") in _DUTCH or token.lower() in ("t/m", "e.d.", "e.v.")


def _plausible(token: str) -> bool:
    return bool(
        _TOKEN_OK.match(token)
        and not re.match(r"(?:https?://|www\.)", token, re.I)
        and token[0] not in "([{"
        and not _prose(token)
        and any(ch.isalnum() for ch in token)
    )


def _confirmed(candidate: str, links: Sequence[str]) -> bool:
    key = url_key(_strip(candidate))
    return len(key) > 8 and any(url_key(link).startswith(key) for link in links)


def _gap_joins(url: str, word: str, links: Sequence[str]) -> bool:
    """Whether the space between ``url`` and ``word`` hides an underscore."""
    if not _plausible(word):
        return False
    if _confirmed(url + "_" + word, links):
        return True
    _, path = _host_and_path(url)
    if not path and "#" not in url:
        return False
    segment = re.split(r"[/#?&=_.-]", url)[-1]
    if not segment or not segment.isalnum():
        return False
    head = re.split(r"[/#?&=]", word, maxsplit=1)[0]
    if word.startswith("%"):
        return True
    if head.isdigit():
        return len(head) >= 5 or word[len(head) : len(head) + 1] == "/"
    return (
        head.isalnum()
        and any(ch.isdigit() for ch in head)
        and any(ch.isalpha() for ch in head)
        and head.lower() not in _DUTCH
    )


def _weak_ok(url: str, token: str, whole_line: bool) -> bool:
    """Whether a plain word at the start of the very next line continues ``url``."""
    last = url[-1]
    if last in _CONTINUES:
        return token[0].islower() or token[0].isdigit() or token[0] in "%"
    if _host_incomplete(url):
        return bool(re.match(r"^[a-z0-9]", token)) and (last == "." or "." in token)
    if last == "/":
        return token[0].isdigit() or (token[0].islower() and "-" in token)
    return last.isdigit() and token.isdigit() and whole_line


#: Written for a gap read as a hidden underscore without a link annotation to confirm it;
#: ``find_urls`` turns it into ``_`` and sets ``FoundUrl.repaired``.
GAP_REPAIRED: Final = "\u2423"


def _gap_chain(url: str, words: Sequence[str], links: Sequence[str]) -> int:
    """How many of ``words`` join ``url`` through hidden underscores."""
    count = 0
    for word in words:
        if not _gap_joins(url, word, links):
            break
        url += _gap_char(url, word, links) + word
        count += 1
    return count


def _gap_char(url: str, word: str, links: Sequence[str]) -> str:
    """The character a gap inside a URL stands for.

    ``_`` where a link annotation confirms it, or where the next word is an identifier
    that web systems join with an underscore (a fragment id ``#ai 2022419``, a
    ``%``-escape, ``json7``): the parser marks such URLs as repaired (``GAP_REPAIRED``
    in the value's FoundUrl) so the caller can say so. Otherwise (``pub 1000/``) the gap
    is kept as printed: a space.
    """
    if _confirmed(url + "_" + word, links):
        return "_"
    head = re.split(r"[/#?&=]", word, maxsplit=1)[0]
    if head.isdigit() and word[len(head) : len(head) + 1] == "/":
        return " "
    return GAP_REPAIRED


def _piece(
    url: str, words: Sequence[str], first_line: bool, links: Sequence[str]
) -> tuple[int, int, bool] | None:
    """The words of a line that continue ``url``: (start, end, strong), or None."""
    wants = url[-1] in _CONTINUES or _host_incomplete(url)
    fallback: tuple[int, int, bool] | None = None
    for start, word in enumerate(words):
        if not _plausible(word) or (not wants and _ROW_NUMBER.match(word)):
            continue
        confirmed = _confirmed(url + word, links)
        strong = confirmed or (
            _is_strong(word) and (wants or url[-1] == "/" or _joins_complete_url(url, word))
        )
        if start == 0 and first_line and not strong:
            if not _weak_ok(url, word, len(words) == 1):
                continue
        elif not strong:
            continue
        end = start + 1 + _gap_chain(url + word, words[start + 1 :], links)
        if end == len(words) or confirmed:
            return start, end, strong
        if start == 0 and (wants or _ends_piece(word, words[end])):
            if wants:
                return start, end, strong
            fallback = (start, end, strong)
    return fallback


def _joins_complete_url(url: str, word: str) -> bool:
    """Whether a strong ``word`` continues a URL that looks complete (ends in a letter)."""
    if word[0] in _STRONG_START or "/" in word:
        return True
    if _FILE_EXTENSION.search(url):
        return False
    return word[0].islower() or word[0].isdigit()


def _ends_piece(piece: str, following: str) -> bool:
    """Whether the word after a piece shows that the URL ends there (prose follows)."""
    return (
        piece[-1] in ".,;:)"
        or following.lower() in _DUTCH
        or following[0] in "(["
        or not any(ch.isalnum() for ch in following)
    )


def _skippable(line: str) -> bool:
    return (
        not line.strip()
        or bool(_FURNITURE.match(line))
        or bool(_LABEL.match(line))
        or (len(line) <= 45 and not _URL_START.search(line))
    )


def _chunk_width(pieces: Sequence[tuple[str, bool]]) -> int | None:
    """The cell width when the URL so far is a fixed-width table cell, else None."""
    whole = [len(text) for text, is_whole in pieces if is_whole]
    if len(whole) < 2 or len(whole) != len(pieces) or max(whole) > 45:
        return None
    if max(whole) - min(whole) > 1:
        return None
    return max(whole)


def _chunk_line(line: str, width: int) -> bool:
    words = line.split(" ")
    return (
        len(line) <= width + 1
        and len(words) > 1
        and all(_TOKEN_OK.match(word) for word in words)
        and not _prose(words[0])
        and not _ROW_NUMBER.match(words[0])
        and not _URL_START.search(line)
        and (words[0][0].islower() or words[0][0].isdigit() or words[0][0] in _STRONG_START)
    )


def _split(line: str) -> list[str]:
    return [word for word in line.split(" ") if word]


def find_urls(lines: Sequence[str], links: Sequence[str] = ()) -> list[FoundUrl]:
    """The URLs written in ``lines``, whole, in reading order.

    ``links`` are the URIs of the PDF's link annotations; they complete a URL the text
    cuts off and confirm joins the text leaves ambiguous. See the module docstring for
    the rules.
    """
    words = [_split(line) for line in lines]
    used: set[tuple[int, int]] = set()
    for index, line_words in enumerate(words):  # later URLs keep their own words
        for position, word in enumerate(line_words):
            match = _URL_START.search(word)
            if match and re.match(r"(?:https?://|www\.)", match.group(0), re.I):
                chain = _gap_chain(match.group(0), line_words[position + 1 :], links)
                for taken in range(position, position + 1 + chain):
                    used.add((index, taken))
    starts = set(used)
    found: list[FoundUrl] = []
    for index, line_words in enumerate(words):
        for position, word in enumerate(line_words):
            if (index, position) in used and (index, position) not in starts:
                continue
            match = _URL_START.search(word)
            if not match or "@" in word[: match.start()]:
                continue
            url = _BAD_CHARS.split(match.group(0), maxsplit=1)[0]
            starts.discard((index, position))
            used.add((index, position))
            end = position + 1 + _gap_chain(url, line_words[position + 1 :], links)
            for extra in range(position + 1, end):
                url += _gap_char(url, line_words[extra], links) + line_words[extra]
                used.add((index, extra))
            end_line = index
            at_end = end == len(line_words) and not _BAD_CHARS.search(word[match.end() :])
            at_end = at_end or (end == position + 1 and url[-1].isalnum() and _host_incomplete(url))
            pieces: list[tuple[str, bool]] = [(url, position == 0 and at_end)]
            while at_end:
                step = _continue(url, words, end_line, pieces, used, links)
                if step is None:
                    break
                url, end_line, at_end = step
            repaired = GAP_REPAIRED in url
            value = complete_url(_strip(url.replace(GAP_REPAIRED, "_")), links)
            if len(url_key(value)) > 3 and "." in value:
                context = " ".join(lines[max(index - 2, 0) : end_line + 2])
                referral = is_referral(value, context)
                found.append(FoundUrl(value, index, end_line, referral, repaired))
    return found


def _continue(
    url: str,
    words: Sequence[Sequence[str]],
    line: int,
    pieces: list[tuple[str, bool]],
    used: set[tuple[int, int]],
    links: Sequence[str],
) -> tuple[str, int, bool] | None:
    """Extend ``url`` (which ends line ``line``) with a piece from a following line."""
    width = _chunk_width(pieces)
    nxt = line + 1
    if width is not None and nxt < len(words) and pieces[-1][1]:
        text = " ".join(words[nxt])
        if len(pieces[-1][0]) >= width - 1 and _chunk_line(text, width):
            for position in range(len(words[nxt])):
                used.add((nxt, position))
            piece = "_".join(words[nxt])
            pieces.append((text, True))
            return url + piece, nxt, True
    for ahead in range(1, _MAX_LOOKAHEAD + 1):
        target = line + ahead
        if target >= len(words):
            return None
        line_words = words[target]
        if not line_words:
            continue
        text = " ".join(line_words)
        if _FURNITURE.match(text):
            continue
        found = _piece(url, line_words, ahead == 1, links)
        if (
            found is not None
            and ahead > 1
            and not _wants_more(url)
            and line_words[found[0]][0] not in _STRONG_START
        ):
            found = None
        if found is not None and any((target, p) in used for p in range(found[0], found[1])):
            found = None
        if found is not None:
            start, end, strong = found
            if not strong and _strong_follows(url, words, target, links):
                found = None
        if found is not None:
            start, end, _ = found
            piece = line_words[start]
            for extra in line_words[start + 1 : end]:
                piece += _gap_char(url + piece, extra, links) + extra
            for position in range(start, end):
                used.add((target, position))
            pieces.append((piece, start == 0 and end == len(line_words)))
            return url + piece, target, end == len(line_words)
        if not _skippable(text):
            return None
    return None


def _wants_more(url: str) -> bool:
    return url[-1] in _CONTINUES or _host_incomplete(url)


def _strong_follows(
    url: str, words: Sequence[Sequence[str]], line: int, links: Sequence[str]
) -> bool:
    """Whether the line after ``line`` starts with a strong piece that continues ``url``."""
    after = line + 1
    while after < len(words) and (not words[after] or _FURNITURE.match(" ".join(words[after]))):
        after += 1
    if after >= len(words) or not words[after]:
        return False
    first = words[after][0]
    return _plausible(first) and (_is_strong(first) or _confirmed(url + first, links))


def is_referral(url: str, line: str = "") -> bool:
    """Whether ``url`` points to a public document rather than to the letter's furniture.

    Not referrals: law and court sites, the authority's generic Wob/Woo publication page
    (``.../wob-besluiten/`` with nothing after it), contact, objection and privacy pages,
    e-mail addresses, social media, and a bare host standing alone on its line (the
    letterhead's "www.gemeente.nl").
    """
    if "@" in url or url.lower().startswith("mailto:"):
        return False
    host, path = _host_and_path(url.replace("\\", "/"))  # "nvwa.nl\bezwaar": a typo'd path
    host = host.lower().removeprefix("www.")
    if any(host == bad or host.endswith("." + bad) for bad in _NON_REFERRAL_HOSTS):
        return False
    if _NON_REFERRAL_PATH.search(path.split("?", 1)[0].split("#", 1)[0]):
        return False
    if path.strip("/") or re.search(r"[?#]", url):
        return True
    if re.match(r"(?:wob|woo|open)\.", host):
        return False
    return bool(_REFERRAL_CUES.search(line)) and not _FURNITURE_CUES.search(line)
