"""Stage "header": letter-level facts (bezwaar clause, kenmerk, regime, receipt date)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Final

from wobtrack.deadlines.law import Regime, regime_on
from wobtrack.parsing import phrases
from wobtrack.parsing.document import Line, Sentence, Text, _clean
from wobtrack.parsing.dutch_dates import find_dates
from wobtrack.parsing.model import (
    Bezwaar,
)
from wobtrack.parsing.skeleton import (
    _Layout,
)


def _bezwaar(lines: Sequence[Line], layout: _Layout) -> tuple[Bezwaar | None, list[str]]:
    """The rechtsmiddelenclausule: weeks, electronic filing, address."""
    start = layout.bezwaar
    if start is None:
        start = _bezwaar_sentence_line(lines, layout.body_start)
        if start is None:
            return None, []
    window = Text(lines[start : start + 30]).text
    weeks_match = _bezwaar_term(window)
    if weeks_match is None:
        return None, ["bezwaar clause found but its term (weeks) could not be read"]
    weeks_text = weeks_match["weeks"].lower()
    weeks = int(weeks_text) if weeks_text.isdigit() else phrases.WEEK_WORDS[weeks_text]
    electronic: bool | None = None
    if phrases.ELECTRONIC_CLOSED.search(window):
        electronic = False
    elif phrases.ELECTRONIC_OPEN.search(window):
        electronic = True
    address_match = phrases.BEZWAAR_ADDRESS.search(window)
    address: str | None
    if address_match is not None:
        address = _clean(address_match["address"]).strip(" ,")
    else:
        postal = phrases.POSTAL_ADDRESS.search(window)
        address = _clean(postal.group(0)) if postal else None
    return Bezwaar(weeks, electronic, address), []


def _bezwaar_sentence_line(lines: Sequence[Line], first: int) -> int | None:
    """The line where a bezwaar sentence without a heading starts ("binnen zes weken ...")."""
    text = Text(lines[first:])
    match = _bezwaar_term(text.text)
    if match is None:
        return None
    return first + text.line_at(max(0, match.start() - 120))


def _bezwaar_term(text: str) -> re.Match[str] | None:
    """The first "binnen zes weken" whose sentence is about bezwaar, not about a third
    party's voorlopige voorziening or the decision term."""
    for match in phrases.BEZWAAR_WEEKS.finditer(text):
        sentence_start = text.rfind(". ", 0, match.start()) + 1
        sentence_end = text.find(". ", match.end())
        sentence = text[sentence_start : sentence_end if sentence_end >= 0 else len(text)]
        if re.search(r"\bbezwaar", sentence, re.I) and not phrases.OTHER_TERM.search(sentence):
            return match
    return None


def _reference(lines: Sequence[Line], layout: _Layout) -> str | None:
    """The authority's kenmerk from the letterhead."""
    head = range(0, min(max(layout.body_start, 1) + 2, len(lines)))
    for index in head:
        value = _reference_at(lines, index)
        if value:
            return value
    return None


def _reference_at(lines: Sequence[Line], index: int) -> str | None:
    match = phrases.REFERENCE_LABEL.search(lines[index].text)
    if match is None:
        return None
    rest = lines[index].text[match.end() :].strip()
    candidates = [rest] if rest else []
    candidates += [line.text for line in lines[index + 1 : index + 4]]
    for candidate in candidates:
        value = _reference_value(candidate)
        if value:
            return value
        if candidate == rest:
            return None
    return None


_REFERENCE_TOKEN: Final = re.compile(r"^[\w/.-]*\d[\w/.-]*$")


def _reference_value(text: str) -> str | None:
    """A kenmerk such as "CE20-07907", "Wob/2020/171", "DGA-SKI / 21165506", else None."""
    text = re.sub(r"^[^\d:]*:\s*(?=\S*\d)", "", text)  # "PER EMAIL: TRCNVWA/2021/1833"
    # OCR reads the ruling or a speck before the value as "_" or "-": "_WOB-2021-0188"
    text = re.sub(r"^[_\-–.,·•\s]+(?=\w)", "", text)
    words = text.split()
    if not words or not re.search(r"\d", text) or find_dates(text):
        return None
    if re.match(
        r"(?i)^(?:datum|betreft|onderwerp|uw|bijlage|pagina|t|e|f|tel|telefoon|postbus)\b"
        r"|^\d{1,2}[.)]",  # a numbered list line, not a kenmerk
        text,
    ):
        return None
    if (len(words) <= 4 and re.search(r"\d", words[0])) or len(words) <= 3:
        value = " ".join(words).strip(" ,;:")
    else:
        tokens = [w for w in words if _REFERENCE_TOKEN.match(w) and len(w) >= 4]
        if not tokens:
            return None
        value = tokens[0]
    return value if 2 <= len(value) <= 60 else None


def _regime(lines: Sequence[Line], decision_date: date | None) -> tuple[Regime | None, list[str]]:
    text = "\n".join(line.text for line in lines)
    woo = len(phrases.WOO_NAMES.findall(text))
    wob = len(phrases.WOB_NAMES.findall(text))
    if woo and not wob:
        return "woo", []
    if wob and not woo:
        return "wob", []
    if not woo and not wob:
        return None, ["the letter names neither the Wob nor the Woo; regime unknown"]
    if decision_date is not None:
        regime: Regime = regime_on(decision_date)
        return regime, [f"the letter names both the Wob and the Woo; {regime} chosen by its date"]
    regime = "woo" if woo > wob else "wob"
    return regime, [f"the letter names both the Wob and the Woo; {regime} chosen (named most)"]


_OTHER_RECEIPTS: Final = re.compile(
    r"\b(?:zienswijze|bezwaarschrift|reactie|ingebrekestelling|uitspraak|beroepschrift|"
    r"verweerschrift|machtiging)\w*\b",
    re.I,
)
#: "dat u de stukken nog niet had ontvangen": the requester received (or did not receive)
#: something; that is not the authority's receipt of the request.
_REQUESTER_RECEIVED: Final = re.compile(
    r"\bu\s+(?:\w+\s+){0,5}?(?:(?:niet|nog|geen)\s+)*(?:heeft|hebt|had|zou)\s+"
    r"(?:\w+\s+)?ontvangen\b|\b(?:heeft|hebt|had)\s+u\s+(?:\w+\s+){0,5}?ontvangen\b",
    re.I,
)
_ABOUT_REQUEST: Final = re.compile(
    r"\b(?:uw|het|dit|een|deze)\s+(?:\(?[\w-]+\)?\s+)?(?:wob-|woo-)?(?:verzoek\w*|brief|e-?mail\w*|"
    r"aanvraag|bericht|mail|formulier)\b",
    re.I,
)


def _request_received(body: Sequence[Sentence]) -> tuple[date | None, list[str]]:
    """When the authority received the request, per the letter's own account."""
    receipts: list[tuple[date, bool, str]] = []  # (date, re-submission, sentence)
    for sentence in body:
        text = phrases.LETTERHEAD_DATE.sub(" ", sentence.text)
        if not phrases.RECEIPT.search(text) or _OTHER_RECEIPTS.search(text):
            continue
        if _REQUESTER_RECEIVED.search(text):
            continue
        if not _ABOUT_REQUEST.search(text):
            continue
        on = phrases.RECEIVED_ON.search(text)
        dates = find_dates(on["date"]) if on else []
        if not dates and not phrases.RECEIPT_CONFIRMED.search(text):
            dates = find_dates(text)
            if len(dates) > 1:
                # "Op 23 april 2021 heb ik ... ontvangen": the date nearest the verb.
                verb = phrases.RECEIPT.search(text)
                assert verb is not None
                dates = [min(dates, key=lambda m: abs(m.start - verb.start()))]
        if dates:
            again = bool(phrases.RESUBMITTED.search(text))
            receipts.append((dates[0].value, again, text))
        if len(receipts) >= 4:
            break
    if not receipts:
        # The request's own date is read by header.request_dates, which knows "In mijn brief
        # van X" (the authority's own letter) from "Uw brief van X" (the request).
        return None, ["no request receipt date found"]
    distinct = sorted({r[0] for r in receipts})
    resubmitted = [r for r in receipts if r[1]]
    chosen = max(r[0] for r in resubmitted) if resubmitted else receipts[0][0]
    warnings: list[str] = []
    if len(distinct) > 1:
        others = ", ".join(d.isoformat() for d in distinct if d != chosen)
        why = (
            "the request was submitted again and the new request counts"
            if resubmitted
            else "the first receipt the letter mentions"
        )
        warnings.append(
            f"request_received ambiguous: {chosen.isoformat()} chosen ({why}); the letter also "
            f"mentions receipt on {others}"
        )
    return chosen, warnings
