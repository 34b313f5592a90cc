"""Stage "request items": the request's own items, numbered as the letter numbers them.

A request is quoted as a numbered list ("1.", "2)", "(3)", "4 /", "1.Merenweg", a number
alone on its line), a lettered list ("A.", "b)"), an unnumbered bullet or dash list (items
"1", "2", ... by position, the way letters say "het derde streepje"), numbered questions, or
ordinal words ("Het eerste onderdeel ..."). Two requests in one letter, each with its own
list ("In verzoek A vraagt u ..."), give "A.1", "A.2", "B.1", ... A request without a list is
one item "1".

Only a list that the letter introduces as the request counts ("U vraagt om:", "verzocht
om:", a heading "Uw verzoek"); lists of documents found, quoted law, decision bullets,
objection grounds and the bezwaar clause never become items.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from wobtrack.parsing.document import Line, Text

#: "1.", "1)", "(1)", "1 /", "1.Merenweg" (no space before a capital), "1." alone; OCR
#: reads the full stop as ":" or "," ("5: alle evaluaties"), before a lower-case word.
_NUMBERED: Final = re.compile(
    r"^[“\"‘']?(?:\((?P<paren>\d{1,2})\)|(?P<plain>\d{1,2})(?:\s*[.)]|\s+/|[:,](?=\s+[a-z])))"
    r"(?:\s+|(?=[A-Z“\"‘(])|$)(?P<text>.*)$"
)
#: "A.", "b)", "(c)": a lettered item.
_LETTERED: Final = re.compile(
    r"^[“\"‘']?(?:\((?P<paren>[a-hA-H])\)|(?P<plain>[a-hA-H])[.)])(?:\s+|$)(?P<text>.*)$"
)
#: A bullet or dash, with or without text after it on the same line.
BULLET: Final = re.compile(
    r"^(?P<glyph>[-–—•●▪◦·*\uf0b7\uf02d\uf0a7\uf076\uf0d8\u2022\u2043])_*(?:\s+|(?=[A-Z(“\"‘])|$)"
    r"(?P<text>.*)$"
)
#: "o alle correspondentie ...": a word processor's second-level bullet printed as a letter
#: "o" (Dutch has no word "o" that starts a line); only a list of two or more counts.
_O_BULLET: Final = re.compile(r"^(?P<glyph>o)\s+(?P<text>[\w(“\"‘].*)$")
#: The end of a line that opens sub-asks of the entry above ("Waaronder in ieder geval
#: begrepen:", "... zoals:"): the bullets after it belong to that entry.
_SUB_LIST_LEAD: Final = re.compile(
    r"\b(?:waaronder|zoals|onder meer|onder andere|met name|in het bijzonder|inclusief|"
    r"te weten|namelijk|bijvoorbeeld|met inbegrip van)\b[^:]{0,60}:$",
    re.I,
)
#: A line that cannot end an entry: it stops mid-phrase ("... tussen de gemeente en").
_OPEN_END: Final = re.compile(
    r"(?:[,(–-]|\b(?:en|of|de|het|een|van|in|op|met|tot|voor|over|die|dat))$", re.I
)
#: "(1)" after a bullet: the bullet keeps that number.
OWN_NUMBER: Final = re.compile(r"^\((?P<n>\d{1,2})\)\s*")
_ORDINALS: Final = (
    "eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste", "negende",
    "tiende", "elfde", "twaalfde",
)  # fmt: skip
#: "Het eerste onderdeel (van mijn verzoek) betreft ...": items named by ordinal words.
_ORDINAL_ITEM: Final = re.compile(
    r"^[“\"‘']?(?:het|de|mijn|ten)\s+(?P<ordinal>" + "|".join(_ORDINALS) + r")\s+"
    r"(?:onderdeel|deel|punt|verzoek|vraag|verzoekonderdeel)\b",
    re.I,
)
#: Words before a list that introduce the request's items.
_INTRO: Final = re.compile(
    r"\bverzo(?:ek|cht|ekt|eken)\w*|\bvraagt\b|\bgevraagd\b|\bvragen\b|\bvroeg\b|\bu wilt\b|"
    r"\bwil(?:t)? graag\b|\bwenst\b|\bverlangt\b|\bvolgende (?:stukken|documenten|vragen|"
    r"informatie|gegevens)\b|\bluidt\b|\bformuleerde\b|\bgeformuleerd\b|\bom inzage\b",
    re.I,
)
#: Words before a list that make it something other than the request.
_NOT_REQUEST_INTRO: Final = re.compile(
    r"\b(?:aangetroffen|gevonden|genummerd|ingewilligd|toegewezen|afgewezen|weggelakt|waarbij:|"
    r"inventaris\w*|heb(?:ben)? (?:ik|wij|we) besloten|"
    r"besluit(?: ik)?\b(?! op)|bezwaar(?:schrift)?|beroepsgronden|gronden van (?:uw|het) bezwaar|"
    r"artikel \d+\w*\s*$|als volgt genummerd|zienswijze|betreft het de volgende documenten|"
    r"zijn de volgende documenten|de volgende documenten (?:aangetroffen|gevonden|openbaar))",
    re.I,
)
#: A heading that opens the quoted request ("Uw verzoek", "Omvang uw Wob-verzoek").
_REQUEST_HEADING: Final = re.compile(
    r"^(?:uw verzoek|het verzoek|inhoud (?:van )?(?:uw|het) verzoek|uw (?:wob|woo)[- ]verzoek|"
    r"(?:wob|woo)[- ]verzoek|omvang (?:van )?uw (?:wob|woo)?-?verzoek|"
    r"reikwijdte (?:van )?(?:uw|het) verzoek|verzoek|"
    r"de bewoordingen van uw (?:wob|woo)-verzoeken?)\s*:?$",
    re.I,
)
#: Letterhead and running-header lines that interrupt a list across a page break.
_RUNNING_HEADER: Final = re.compile(
    r"^(?:(?:gemeente \w+ )?datum\b.{0,40}\d{2,4}$|kenmerk\b|ons kenmerk\b|onze referentie\b|"
    r"pagina\s*\d+|paginanummer|een routebeschrijving\b|\*[A-Z0-9]{6,}\*$|datum$)",
    re.I,
)
#: A section title that ends a list ("Wettelijk kader", "Besluit", "Procesverloop").
_SECTION_TITLE: Final = re.compile(
    r"^(?:wettelijk kader|inventari(?:s|satie)\w*(?: documenten)?|zienswijzen?|besluit|"
    r"(?:wob|woo)[- ]?besluit|"
    r"overwegingen|procedure|procesverloop|verloop\b.*|ontvangst\w*|termijn\w*|beoordeling|"
    r"motivering|conclusie|bezwaar\w*|rechtsbescherming|openbaarmaking|wijze van \w+|"
    r"reeds openbare documenten|antwoord\w*(?: op .*)?|reactie:?|toelichting|contact|kosten)"
    r"\s*:?$",
    re.I,
)
#: "In verzoek A vraagt u", "Verzoek B:": the letter of one of several requests.
_REQUEST_LETTER: Final = re.compile(r"\bverzoek\s+(?P<letter>[A-H])\b")


@dataclass
class RequestItem:
    """One item of the request: its number, its quoted text and where it stands."""

    number: str
    text: str
    line: int
    end: int  # index after its last line


@dataclass
class RequestList:
    """The request's items and how they were quoted (the ``item_scheme``)."""

    scheme: str  # numbered, lettered, bullets, questions, ordinal, single
    items: list[RequestItem] = field(default_factory=list)
    start: int = 0
    end: int = 0

    @property
    def numbers(self) -> list[str]:
        return [item.number for item in self.items]


@dataclass
class _Entry:
    label: str
    index: int
    lines: list[str]
    last: int


def is_running_header(text: str) -> bool:
    """Whether a line is letterhead furniture repeated on every page."""
    return bool(_RUNNING_HEADER.match(text))


def _marker(kind: str, text: str) -> tuple[str, str] | None:
    """(label, rest of the line) when ``text`` starts an entry of a list of ``kind``."""
    if kind == "numbered":
        match = _NUMBERED.match(text)
        if match is None:
            return None
        rest = match["text"]
        # "2.57 Aanbestedingswet", "1.1.7b": a number, not a list label
        if rest[:1].isdigit():
            return None
        return (match["paren"] or match["plain"]), rest
    if kind == "lettered":
        match = _LETTERED.match(text)
        if match is None:
            return None
        return (match["paren"] or match["plain"]).upper(), match["text"]
    match = BULLET.match(text) or _O_BULLET.match(text)
    if match is None:
        return None
    return match["glyph"], match["text"]


def list_marker(text: str) -> str | None:
    """The lower-case label when ``text`` starts a numbered or lettered list entry."""
    for kind in ("numbered", "lettered"):
        marker = _marker(kind, text)
        if marker is not None:
            return marker[0].lower()
    return None


def is_section_title(text: str) -> bool:
    """Whether a line is one of the letter's section titles ("Besluit", "Overwegingen")."""
    return bool(_SECTION_TITLE.match(text))


def _next_label(label: str) -> str:
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)


def _continues_a_quoted_list(label: str, lines: Sequence[Line], index: int, start: int) -> bool:
    """A numbered list quoted from the middle ("17. Evenementenbranche" after "waarvan 5
    sectoren relevant zijn voor OCW:"): it starts above 1 right after a line ending in ":"."""
    if not label.isdigit() or int(label) < 2 or index <= start:
        return False
    previous = next(
        (
            lines[i].text
            for i in range(index - 1, start - 1, -1)
            if not is_running_header(lines[i].text)
        ),
        "",
    )
    return previous.rstrip().endswith(":")


def _closes(text: str) -> bool:
    return bool(re.search(r"[.;!?][\"”’')]*$", text))


def _lists_of(kind: str, lines: Sequence[Line], start: int, stop: int) -> list[list[_Entry]]:
    """Every list of ``kind`` between ``start`` and ``stop``: sequences 1, 2, 3 ... (or
    A, B, C ...), or runs of the same bullet glyph."""
    found: list[list[_Entry]] = []
    current: list[_Entry] = []
    open_entry = False  # the last entry still takes continuation lines
    # Sub-asks under the last entry ("Waaronder:" + bullets): None outside such a sub-list,
    # else whether its bullets start in upper case (None until the first one is seen).
    sub_list: list[bool | None] = []

    def finish() -> None:
        nonlocal current, open_entry
        if current:
            found.append(current)
        current, open_entry = [], False
        sub_list.clear()

    for index in range(start, stop):
        text = lines[index].text
        if is_running_header(text):
            continue
        marker = _marker(kind, text)
        if marker is not None and kind == "bullets" and current and sub_list:
            label, rest = marker
            upper = rest[:1].isupper()
            top_upper = (current[0].lines[:1] or [""])[0][:1].isupper()
            if sub_list[0] is None:
                sub_list[0] = upper
            if label != current[0].label or upper == sub_list[0] or upper != top_upper:
                # Still a sub-ask: the entry above takes it as part of its text.
                current[-1].lines.append(f"{label} {rest}".strip())
                current[-1].last = index
                open_entry = True
                continue
            sub_list.clear()  # the top-level list goes on, in its own capitalisation
        if marker is not None:
            label, rest = marker
            if kind == "bullets":
                fits = not current or current[0].label == label
            else:
                fits = bool(current) and label == _next_label(current[-1].label)
            first = kind != "bullets" and (
                label in ("1", "A") or _continues_a_quoted_list(label, lines, index, start)
            )
            if fits or (kind == "bullets" and not current):
                entry_lines = [rest] if rest else []
                first_line = index
                carried = _glyph_after_first_line(kind, rest, lines, index, start, stop)
                if carried is not None:
                    first_line = index - 1
                    # The glyph stands alone between the two halves of its entry: the
                    # line above it is the entry's first line, not the previous entry's.
                    entry_lines = [carried]
                    if current and current[-1].lines and current[-1].lines[-1] == carried:
                        current[-1].lines.pop()
                current.append(_Entry(label, first_line, entry_lines, index))
                open_entry = True
                if kind == "bullets" and _SUB_LIST_LEAD.search(rest):
                    sub_list[:] = [None]
                continue
            if first:
                finish()
                current.append(_Entry(label, index, [rest] if rest else [], index))
                open_entry = True
                continue
        if not current:
            continue
        if _SECTION_TITLE.match(text) or _REQUEST_HEADING.match(text):
            finish()
            continue
        entry = current[-1]
        if not open_entry:
            if kind == "bullets":
                finish()
            continue
        previous = entry.lines[-1] if entry.lines else ""
        # A sentence after a closed bullet: the list may go on with another bullet, but
        # this line belongs to the bullet only when a bullet follows it.
        if (
            entry.lines
            and _closes(previous)
            and (text[:1].isupper() or text[:1] in '“"‘')
            and not previous.endswith(";")
            and kind == "bullets"
            and not _bullet_follows(lines, index, stop, entry.label, 4)
        ):
            open_entry = False
            continue
        if (
            kind == "bullets"
            and entry.lines
            and _ends_list(text)
            and not _OPEN_END.search(previous)
            and not _bullet_follows(lines, index, stop, entry.label, 4)
        ):
            # "- Alle andere stukken" then "Op 8 december heb ik ...": the letter's own
            # prose starts again after the last entry, even without a full stop.
            open_entry = False
            continue
        if (
            entry.lines
            and _closes(previous)
            and kind != "bullets"
            and (text[:1].isupper() or text[:1] in '“"‘' or _ends_list(text))
        ):
            open_entry = False
            continue
        entry.lines.append(text)
        entry.last = index
        if kind == "bullets" and _SUB_LIST_LEAD.search(text):
            sub_list[:] = [None]
    finish()
    return found


def _glyph_after_first_line(
    kind: str, rest: str, lines: Sequence[Line], index: int, start: int, stop: int
) -> str | None:
    """The line above a lone bullet glyph when that line belongs to the glyph's entry (OCR
    and text extracts put "•" after the first line of its entry): the line above does not
    introduce the list (no ":"), and either the line below continues it in lower case or
    the line above is a whole entry and another bullet follows."""
    if kind != "bullets" or rest or index <= start or index + 1 >= stop:
        return None
    above, below = lines[index - 1].text, lines[index + 1].text
    if above.endswith(":") or BULLET.match(above) or is_running_header(above):
        return None
    if below[:1].islower() or (_closes(above) and BULLET.match(below) is not None):
        return above
    return None


def _ends_list(text: str) -> bool:
    """After a closed entry, a line that starts the letter's own prose again."""
    return bool(
        re.match(
            r"^(?:De ontvangst|Op \d|Bij (?:brief|e-?mail)|In (?:uw|deze|de) |Naar aanleiding|"
            r"Uw verzoek|Het verzoek|Ik |Wij |We |U heeft|Hierbij|Daarnaast|Tevens|Verder|"
            r"Voorts|Deze|Dit |Er )",
            text,
        )
    )


def _bullet_follows(lines: Sequence[Line], index: int, stop: int, glyph: str, span: int) -> bool:
    """Whether another bullet with ``glyph`` comes within ``span`` lines after ``index``."""
    for ahead in range(index + 1, min(stop, index + 1 + span)):
        text = lines[ahead].text
        if is_running_header(text):
            continue
        match = BULLET.match(text)
        if match is not None and match["glyph"] == glyph:
            return True
        if _SECTION_TITLE.match(text):
            return False
    return False


def _intro(lines: Sequence[Line], index: int, floor: int) -> tuple[bool, str]:
    """Whether the lines before ``index`` introduce the request, and the intro text."""
    before: list[str] = []
    for back in range(index - 1, max(floor, index - 10) - 1, -1):
        text = lines[back].text
        if is_running_header(text):
            continue
        before.insert(0, text)
        if len(before) >= 6:
            break
    intro = " ".join(before[-3:])
    last = before[-1] if before else ""
    if re.match(r"^Artikel\s+\d+", last) or _NOT_REQUEST_INTRO.search(last):
        return False, intro
    if any(_REQUEST_HEADING.match(t) for t in before):
        return True, intro
    # The sentence that leads into the list, back to the previous full stop.
    sentence: list[str] = []
    for text in reversed(before):
        if sentence and _closes(text) and not text.endswith(";"):
            break
        sentence.insert(0, text)
    near = " ".join(sentence) or last
    if not _INTRO.search(near) and near.endswith(":") and len(near.split()) <= 5:
        # "... om informatie verzocht over de bouw. In het bijzonder:": a short lead-in
        # continues the sentence before it.
        earlier = before[: len(before) - len(sentence)]
        previous: list[str] = []
        for text in reversed(earlier):
            if previous and _closes(text) and not text.endswith(";"):
                break
            previous.insert(0, text)
        near = " ".join([*previous, near])
    return bool(_INTRO.search(near)) and not _NOT_REQUEST_INTRO.search(near), intro


def _entry_text(entry: _Entry) -> str:
    text = Text([Line(1, t) for t in entry.lines if t]).text if entry.lines else ""
    text = text.strip().strip("“”\"‘’'").strip()
    return re.sub(r"[;,.]\s*(?:en|of)?$", "", text).strip()


def _to_items(entries: Sequence[_Entry], kind: str, prefix: str = "") -> list[RequestItem]:
    items: list[RequestItem] = []
    for position, entry in enumerate(entries, start=1):
        text = _entry_text(entry)
        number = entry.label if kind != "bullets" else str(position)
        own = OWN_NUMBER.match(text)
        if kind == "bullets" and own is not None:
            number = own["n"]  # "• (1) het funderingsonderzoek": the bullet keeps its number
            text = text[own.end() :]
        items.append(RequestItem(prefix + number, text, entry.index, entry.last + 1))
    return items


def find_request_items(lines: Sequence[Line], start: int, stop: int) -> RequestList:
    """The request's items between ``start`` (the body) and ``stop`` (the decision)."""
    candidates: list[tuple[int, str, list[_Entry], str]] = []  # (first line, kind, entries, intro)
    for kind in ("numbered", "lettered", "bullets"):
        for entries in _lists_of(kind, lines, start, stop):
            if kind == "bullets" and len(entries) == 1 and not entries[0].lines:
                continue
            if kind != "bullets" and len(entries) < 2:
                continue
            introduced, intro = _intro(lines, entries[0].index, start)
            if introduced:
                candidates.append((entries[0].index, kind, entries, intro))
    ordinal = _ordinal_items(lines, start, stop)
    if not candidates and ordinal is not None:
        return ordinal
    if not candidates:
        several = _several_requests(lines, start, stop)
        if several is not None:
            return several
    if not candidates:
        return RequestList("single", [RequestItem("1", "", start, start)], start, start)
    # A list of two or more entries before a lone bullet; then the earliest.
    candidates.sort(key=lambda c: (len(c[2]) < 2, c[0]))
    first_index, kind, entries, intro = candidates[0]
    # Bullets inside a numbered entry are its sub-asks, not items.
    numbered = [c for c in candidates if c[1] in ("numbered", "lettered")]
    if kind == "bullets" and numbered:
        inner = numbered[0][2]
        if inner[0].index < first_index <= inner[-1].last + 1:
            first_index, kind, entries, intro = numbered[0]
    # Several requests, each with its own list ("In verzoek A vraagt u ...: 1. ... 2. ...").
    lettered_requests = [
        c for c in candidates if c[1] == "numbered" and _REQUEST_LETTER.search(c[3])
    ]
    if len(lettered_requests) >= 2:
        items: list[RequestItem] = []
        for _, _, group, group_intro in lettered_requests:
            match = _REQUEST_LETTER.search(group_intro)
            assert match is not None
            items.extend(_to_items(group, "numbered", match["letter"] + "."))
        return RequestList("numbered", items, lettered_requests[0][0], items[-1].end)
    # Lettered headings ("A. Geld") over one numbered list: the numbered list holds the items.
    if kind == "lettered" and numbered:
        inside = [c for c in numbered if c[1] == "numbered" and c[0] > first_index]
        if inside and inside[0][0] <= entries[-1].last + 1:
            first_index, kind, entries, intro = inside[0]
    if kind == "bullets":
        headed = _headed_parts(lines, entries)
        if headed is not None:
            return headed
    items = _to_items(entries, kind)
    scheme = kind
    if kind == "numbered" and sum(item.text.endswith("?") for item in items) * 2 > len(items):
        scheme = "questions"
    return RequestList(scheme, items, first_index, items[-1].end)


def _is_part_title(text: str) -> bool:
    """A short title line heading a part of the request ("Asfalteringswerkzaamheden")."""
    words = text.split()
    return (
        0 < len(words) <= 5
        and (text[:1].isupper() or text[:1].isdigit())
        and not re.search(r"[.:;,?!]$", text)
        and BULLET.match(text) is None
        and not is_running_header(text)
    )


def _headed_parts(lines: Sequence[Line], entries: Sequence[_Entry]) -> RequestList | None:
    """Bullets grouped under unnumbered part titles: the parts are the items, numbered by
    position, and their bullets are not split (a title right before the first bullet and
    at least one more title between the bullets)."""
    first, last = entries[0].index, max(e.last for e in entries)
    if first == 0 or not _is_part_title(lines[first - 1].text):
        return None
    titles = [first - 1]
    for index in range(first + 1, last + 1):
        text = lines[index].text
        previous = lines[index - 1].text
        if _is_part_title(text) and (_closes(previous) or BULLET.match(previous) is not None):
            titles.append(index)
    if len(titles) < 2:
        return None
    items: list[RequestItem] = []
    for position, start in enumerate(titles, start=1):
        end = titles[position] if position < len(titles) else last + 1
        text = Text(list(lines[start:end])).text
        items.append(RequestItem(str(position), text, start, end))
    return RequestList("bullets", items, titles[0], last + 1)


#: "In deze brief beslis ik op beide verzoeken": one letter deciding two requests.
_BOTH_REQUESTS: Final = re.compile(
    r"\b(?:op|over) (?:beide|allebei de|uw twee|de twee|deze twee) (?:wob-|woo-)?verzoeken\b", re.I
)


def _several_requests(lines: Sequence[Line], start: int, stop: int) -> RequestList | None:
    """Two requests decided in one letter without a list: items "1" and "2", as the
    letter calls them ("het eerste verzoek", "het tweede verzoek")."""
    for index in range(start, stop):
        window = " ".join(line.text for line in lines[index : index + 2])
        if _BOTH_REQUESTS.search(window):
            items = [RequestItem("1", "", index, index + 1), RequestItem("2", "", index, index + 1)]
            return RequestList("requests", items, index, index + 1)
    return None


def _ordinal_items(lines: Sequence[Line], start: int, stop: int) -> RequestList | None:
    """ "Het eerste onderdeel ... Het tweede onderdeel ...": items 1, 2, ... by ordinal."""
    found: list[tuple[int, int]] = []  # (ordinal, line index)
    for index in range(start, stop):
        match = _ORDINAL_ITEM.match(lines[index].text)
        if match is not None:
            ordinal = _ORDINALS.index(match["ordinal"].lower()) + 1
            if ordinal == len(found) + 1:
                found.append((ordinal, index))
    if len(found) < 2:
        return None
    items: list[RequestItem] = []
    for position, (ordinal, index) in enumerate(found):
        end = found[position + 1][1] if position + 1 < len(found) else index + 1
        text = Text(lines[index:end]).text
        items.append(RequestItem(str(ordinal), text, index, end))
    return RequestList("ordinal", items, found[0][1], items[-1].end)
