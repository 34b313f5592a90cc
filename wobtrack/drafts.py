"""Letter drafts: the ingebrekestelling and the bezwaarschrift, in Dutch, as Markdown or text.

The letters go to Dutch authorities, so they are in Dutch; what wobtrack tells the user
about them (deadlines, [U] warnings, how to send) is English and kept apart in
``Draft.notes`` and ``Draft.warnings``. Rendering is pure: the loaded request, its derived
status (the deadline engine) and the final outcome per item (a person's correction wins) go
in, text comes out; "today" is a parameter. What the records do not say is left as a
placeholder in square brackets. wobtrack never judges whether the grounds of a bezwaar are
legally sufficient, and it never offers a dwangsom: Awb par. 4.1.3.2 does not apply to
Wob/Woo decisions (Wob 15, Woo 8.2).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from sqlalchemy.orm import Session

from wobtrack.dates import human_date
from wobtrack.deadlines.law import decided_under_woo
from wobtrack.deadlines.status import RequestStatus, TrackedDeadline
from wobtrack.deadlines.terms import (
    Deadline,
    bezwaar_end,
    bezwaar_post_latest_receipt,
    ingebrekestelling_earliest,
)
from wobtrack.decisions import (
    FLAG_WHOLE_REQUEST,
    FinalOutcome,
    final_outcome,
    get_decision,
)
from wobtrack.errors import DeadlineNotReached, InvalidInput, NotFound
from wobtrack.models import Decision, Request
from wobtrack.status import request_status
from wobtrack.tracker import get_request

#: Output formats of every draft.
FORMATS: Final = ("markdown", "text")

#: Decisions a bezwaar can be aimed at; against a beslissing op bezwaar lies beroep instead.
_OBJECTABLE: Final = ("besluit", "deelbesluit")

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
_PROMPT_NO_GROUND: Final = (
    "[Het besluit noemt voor dit onderdeel geen weigeringsgrond. Voer aan dat de weigering "
    "niet is gemotiveerd, of vul de grond in als die elders in het besluit staat.]"
)


# --------------------------------------------------------------------------- result


@dataclass(frozen=True)
class Draft:
    """A drafted letter and what the user should know about it (English, not in the letter).

    ``notes`` are information (how the date was computed, how to send); ``warnings`` need
    attention (a [U] convention, a term that has passed).
    """

    kind: str
    text: str
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


# --------------------------------------------------------------------------- formatting


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


def _ground_prompt(code: str) -> str:
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


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


#: Characters with a meaning in Markdown; text from the records is escaped so it stays literal.
_MD_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>])")


class _Doc:
    """Blocks of a letter, rendered as Markdown or as plain text.

    Text from the records (names, subjects, item texts) goes through :meth:`user` so that
    Markdown does not reinterpret it; wobtrack's own placeholders are written as is.
    """

    def __init__(self, fmt: str) -> None:
        if fmt not in FORMATS:
            raise InvalidInput(f"unknown format {fmt!r}: use {' or '.join(FORMATS)}")
        self.markdown = fmt == "markdown"
        self.blocks: list[str] = []

    def user(self, text: str) -> str:
        return _MD_SPECIAL.sub(r"\\\1", text) if self.markdown else text

    def url(self, value: str) -> str:
        # An autolink keeps a URL whole and clickable without escaping its underscores.
        return f"<{value}>" if self.markdown and re.match(r"https?://\S+$", value) else value

    def strong(self, text: str) -> str:
        return f"**{text}**" if self.markdown else text

    def heading(self, text: str, level: int) -> None:
        if self.markdown:
            self.blocks.append(f"{'#' * level} {text}")
        else:
            self.blocks.append(f"{text}\n{('=' if level <= 2 else '-') * len(text)}")

    def para(self, text: str) -> None:
        self.blocks.append(text)

    def lines(self, lines: Sequence[str]) -> None:
        # A trailing backslash is CommonMark's hard line break: the address stays on its lines.
        self.blocks.append(("\\\n" if self.markdown else "\n").join(lines))

    def bullets(self, items: Sequence[str]) -> None:
        if items:
            self.blocks.append("\n".join(f"- {item}" for item in items))

    def notes_block(self, title: str, notes: Sequence[str]) -> None:
        """Notes for the user inside the draft, marked to be removed before sending."""
        body = [f"- {note}" for note in notes]
        if self.markdown:
            # An HTML comment does not show when the Markdown is rendered; "-->" would end it.
            clean = [line.replace("-->", "-- >") for line in body]
            self.blocks.append("\n".join(["<!--", title, "", *clean, "-->"]))
        else:
            rule = "=" * len(title)
            self.blocks.append("\n".join([rule, title, rule, *body, rule]))

    def render(self) -> str:
        return "\n\n".join(self.blocks) + "\n"


# --------------------------------------------------------------------------- shared parts


def _law(regime: str | None) -> tuple[str, str]:
    """The law's full name and abbreviation."""
    if regime == "wob":
        return "Wet openbaarheid van bestuur", "Wob"
    return "Wet open overheid", "Woo"


def _sender(doc: _Doc) -> None:
    doc.lines(["[uw naam]", "[uw adres]", "[postcode en woonplaats]", "[uw e-mailadres]"])


def _addressee(doc: _Doc, request: Request, address: str | None) -> None:
    lines = [doc.user(request.authority.name)]
    if address:
        lines.extend(doc.user(part.strip()) for part in address.split(",") if part.strip())
    else:
        lines.extend(["[postadres van het bestuursorgaan]", "[postcode en plaats]"])
    doc.lines(lines)


def _signature(doc: _Doc, closing: str) -> None:
    doc.para(closing)
    doc.lines(["[handtekening]", "[uw naam]"])


def _request_sentence(doc: _Doc, request: Request) -> str:
    """'mijn verzoek van 1 oktober 2026 om openbaarmaking van informatie over "…"'."""
    _, short = _law(request.regime)
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


def _unique(items: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


# --------------------------------------------------------------------------- ingebrekestelling


def draft_ingebrekestelling(
    session: Session, request_id: int, today: date, *, fmt: str = "markdown"
) -> Draft:
    """Draft the ingebrekestelling (Awb 6:12) for a request whose decision term has passed."""
    request = get_request(session, request_id)
    return render_ingebrekestelling(request, request_status(request, today), today, fmt=fmt)


def render_ingebrekestelling(
    request: Request, status: RequestStatus, today: date, *, fmt: str = "markdown"
) -> Draft:
    """The ingebrekestelling as text, or DeadlineNotReached when it may not be sent (yet).

    An ingebrekestelling received on or before the last day of the decision term is void
    (legal-spec 3.5), so the draft is refused until the first day one counts.
    """
    doc = _Doc(fmt)  # an unknown format fails before anything else
    rid = request.id
    if status.state == "withdrawn":
        raise DeadlineNotReached(f"request {rid} was withdrawn: there is no decision to demand")
    if status.state in ("decided", "closed", "bezwaar_filed"):
        raise DeadlineNotReached(
            f"request {rid} has already been decided: an ingebrekestelling is only for a decision "
            f"not taken in time; to object to the decision use `wobtrack draft bezwaar {rid}`"
        )
    due = status.deadline("decision_extended_due") or status.deadline("decision_due")
    if request.received_on is None or due is None:
        raise DeadlineNotReached(
            f"the date request {rid} was received is unknown, so the decision term cannot be "
            f"computed: record it with `wobtrack event add {rid} received YYYY-MM-DD`"
        )
    earliest: Deadline | None = status.deadline("ingebrekestelling_from")
    notes: list[str] = []
    if earliest is None:
        # The engine stops tracking the date once a valid ingebrekestelling is recorded.
        earliest = ingebrekestelling_earliest(due.due, later_readings=due.alternatives)
        beroep = status.deadline("beroep_niet_tijdig_from")
        notes.append(
            "An ingebrekestelling for this request is already recorded"
            + (
                f"; beroep for not deciding in time is possible from {human_date(beroep.due)}"
                if beroep is not None
                else ""
            )
            + ". A second one is not needed."
        )
    if today < earliest.due:
        raise DeadlineNotReached(
            f"too early: the decision on request {rid} is due {human_date(due.due)}, and an "
            f"ingebrekestelling received before {human_date(earliest.due)} is void; "
            f"it can be sent from {human_date(earliest.due)}"
        )
    _ingebrekestelling_letter(doc, request, status, due, today)
    notes.extend(_ingebrekestelling_notes(request, due))
    warnings = _unique([*due.warnings, *earliest.warnings, *status.warnings])
    notes.extend(f"Recorded event {flag.event_id}: {flag.message}" for flag in status.flags)
    return Draft("ingebrekestelling", doc.render(), tuple(notes), warnings)


def _ingebrekestelling_letter(
    doc: _Doc, request: Request, status: RequestStatus, due: TrackedDeadline, today: date
) -> None:
    long, short = _law(status.regime)
    woo = short == "Woo"
    _sender(doc)
    _addressee(doc, request, None)
    doc.para(f"[plaats], {dutch_date(today)}")
    header = [f"{doc.strong('Betreft:')} Ingebrekestelling"]
    if request.reference:
        header.append(f"{doc.strong('Uw kenmerk:')} {doc.user(request.reference)}")
    header.append(f"{doc.strong('Mijn verzoek:')} {doc.user(request.subject)}")
    doc.lines(header)
    doc.para("Geachte heer/mevrouw,")

    subject = doc.user(request.subject)
    received = dutch_date(request.received_on) if request.received_on else ""
    if request.sent_on:
        doc.para(
            f"Op {dutch_date(request.sent_on)} heb ik u op grond van de {long} ({short}) "
            f'verzocht om openbaarmaking van informatie over "{subject}". U heeft mijn verzoek '
            f"op {received} ontvangen."
        )
    else:
        doc.para(
            f"Op {received} heeft u mijn verzoek op grond van de {long} ({short}) ontvangen om "
            f'openbaarmaking van informatie over "{subject}".'
        )

    first = "artikel 4.4, eerste lid, Woo" if woo else "artikel 6, eerste lid, Wob"
    term = [
        f"Op grond van {first} moest u binnen vier weken na ontvangst op mijn verzoek beslissen."
    ]
    if due.key == "decision_extended_due":
        second = "artikel 4.4, tweede lid, Woo" if woo else "artikel 6, tweede lid, Wob"
        notice = _valid_verdaging(request, status)
        when = f"op {dutch_date(notice)} " if notice else ""
        term.append(f"U heeft de beslistermijn {when}verdaagd ({second}).")
    suspended = [
        article
        for article, basis in (
            ("artikel 4.4, derde lid, Woo", "Woo 4.4 lid 3"),
            ("artikel 6, derde lid, Wob", "Wob art. 6 lid 3"),
            ("artikel 4:15 Awb", "Awb 4:15"),
        )
        if basis in due.basis
    ]
    if suspended:
        term.append(
            "Rekening houdend met de opschorting van de termijn ("
            + " en ".join(suspended)
            + f") is de beslistermijn verstreken op {dutch_date(due.due, weekday=True)}."
        )
    else:
        term.append(f"De beslistermijn is verstreken op {dutch_date(due.due, weekday=True)}.")
    if due.due != due.raw_end:
        term.append(
            f"Omdat de termijn anders op {dutch_date(due.raw_end, weekday=True)} zou eindigen, "
            "is daarbij de Algemene termijnenwet toegepast."
        )
    doc.para(" ".join(term))

    parts = [
        dutch_date(day) + (f" (kenmerk {doc.user(d.reference)})" if d.reference else "")
        for d in request.decisions
        if d.kind == "deelbesluit" and (day := d.decision_date or d.bekendmaking_on) is not None
    ]
    if parts:
        doc.para(
            f"U heeft op {', '.join(parts)} een deelbesluit genomen. Op het overige deel van mijn "
            "verzoek heeft u tot op heden niet beslist."
        )
    else:
        doc.para("Ik heb tot op heden geen besluit op mijn verzoek ontvangen.")
    doc.para(
        "U bent daarmee in gebreke. Met deze brief stel ik u in gebreke als bedoeld in artikel "
        "6:12, tweede lid, van de Algemene wet bestuursrecht (Awb): u heeft niet binnen de "
        "wettelijke termijn beslist (artikel 4:13 Awb)."
    )
    doc.para(
        "Ik verzoek u binnen twee weken na ontvangst van deze brief alsnog op mijn verzoek te "
        "beslissen. Heeft u na afloop van die twee weken nog niet beslist, dan kan ik zonder "
        "nadere aankondiging beroep instellen bij de rechtbank wegens het niet tijdig nemen van "
        "een besluit (artikel 6:12, tweede lid, en artikel 8:55b Awb)."
    )
    _signature(doc, "Met vriendelijke groet,")


def _valid_verdaging(request: Request, status: RequestStatus) -> date | None:
    """The notice date of the verdaging the engine accepted (flagged ones are ignored)."""
    flagged = {flag.event_id for flag in status.flags}
    return next(
        (e.event_date for e in request.events if e.kind == "extended" and e.id not in flagged),
        None,
    )


def _ingebrekestelling_notes(request: Request, due: TrackedDeadline) -> list[str]:
    return [
        f"Decision due {human_date(due.due)} ({', '.join(due.basis)}): " + "; ".join(due.steps),
        "Send it so that you can prove the authority received it (its digital form, e-mail with "
        "a confirmation of receipt, or registered post), then record the day it was received: "
        f"`wobtrack event add {request.id} ingebrekestelling-sent YYYY-MM-DD`.",
        "Two weeks after the authority received it you may file beroep for not deciding in time "
        "with the court (Awb 6:12 lid 2, 8:55b); `wobtrack deadlines` shows the day.",
    ]


# --------------------------------------------------------------------------- bezwaar


def draft_bezwaar(
    session: Session,
    request_id: int,
    today: date,
    *,
    decision_id: int | None = None,
    fmt: str = "markdown",
) -> Draft:
    """Draft a bezwaarschrift against a decision on the request (default: the latest one)."""
    request = get_request(session, request_id)
    decision = choose_decision(session, request, decision_id)
    status = request_status(request, today)
    finals = [final_outcome(item) for item in request.items]
    return render_bezwaar(request, decision, status, finals, today, fmt=fmt)


def choose_decision(session: Session, request: Request, decision_id: int | None) -> Decision:
    """The decision to object to: the one given (it must be the request's), else the latest."""
    if decision_id is not None:
        decision = get_decision(session, decision_id)
        if decision.request_id != request.id:
            raise InvalidInput(
                f"decision {decision_id} belongs to request {decision.request_id}, not to "
                f"request {request.id}"
            )
        if decision.kind not in _OBJECTABLE:
            raise InvalidInput(
                f"decision {decision_id} is a beslissing op bezwaar: against it lies beroep at "
                "the court, not bezwaar"
            )
        return decision
    candidates = [d for d in request.decisions if d.kind in _OBJECTABLE]
    if not candidates and any(d.kind == "bezwaar" for d in request.decisions):
        raise InvalidInput(
            f"request {request.id} has only a beslissing op bezwaar: against it lies beroep at "
            "the rechtbank within six weeks (Awb 6:7), not bezwaar"
        )
    if not candidates:
        raise NotFound(
            f"request {request.id} has no decision to object to: import the decision letter "
            f"first with `wobtrack decision import {request.id} LETTER.pdf`"
        )
    return max(candidates, key=_decision_order)


def _decision_order(decision: Decision) -> tuple[date, int]:
    return (decision.decision_date or decision.bekendmaking_on or date.min, decision.id)


@dataclass
class _Grounds:
    """The items of the decision sorted into the sections of the grounds."""

    referral: list[FinalOutcome] = field(default_factory=list)
    not_held: list[FinalOutcome] = field(default_factory=list)
    refused: list[FinalOutcome] = field(default_factory=list)
    unanswered: list[FinalOutcome] = field(default_factory=list)
    forwarded: list[FinalOutcome] = field(default_factory=list)
    other: list[FinalOutcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def empty(self) -> bool:
        return not (
            self.referral
            or self.not_held
            or self.refused
            or self.unanswered
            or self.forwarded
            or self.other
        )


def _sort_items(finals: Sequence[FinalOutcome], decision: Decision, latest: bool) -> _Grounds:
    """Put each item's final outcome in the sections it belongs to; note the rest."""
    grounds = _Grounds()
    elsewhere: list[str] = []
    pending: list[str] = []
    left_out: list[str] = []
    unsure: list[str] = []
    for final in finals:
        if not final.outcomes:
            if final.source == "none" and decision.kind == "besluit":
                # A (final) besluit that says nothing about an item has not decided on it.
                grounds.unanswered.append(final)
            elif final.source == "none":
                pending.append(final.number)
            else:
                unsure.append(final.number)
            continue
        ours = final.decision_id == decision.id or (final.decision_id is None and latest)
        if not ours:
            elsewhere.append(f"{final.number} (decision {final.decision_id})")
            continue
        outcomes = set(final.outcomes)
        placed = False
        if outcomes & {"refused", "partly_granted"}:
            grounds.refused.append(final)
            placed = True
        if "not_held" in outcomes:
            grounds.not_held.append(final)
            placed = True
        if "unanswered" in outcomes:
            grounds.unanswered.append(final)
            placed = True
        if "forwarded" in outcomes:
            grounds.forwarded.append(final)
            placed = True
        if outcomes & {"out_of_scope", "not_handled"}:
            grounds.other.append(final)
            placed = True
        if "referred" in outcomes and (final.referral_only or not placed):
            grounds.referral.append(final)
            placed = True
        if not placed:
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
            "Items not in the grounds (no refusal, referral or missing answer recorded): "
            + ", ".join(left_out)
            + "."
        )
    if elsewhere:
        grounds.notes.append(
            "Items answered in another decision, not in this draft: " + ", ".join(elsewhere) + "."
        )
    if pending:
        grounds.notes.append(
            "Items not decided yet (this is a deelbesluit): " + ", ".join(pending) + "."
        )
    if unsure:
        grounds.notes.append(
            "The parser was unsure about items " + ", ".join(unsure) + ": check them with "
            "`wobtrack review` and correct them with `wobtrack outcome set` before relying on "
            "this draft."
        )
    return grounds


def render_bezwaar(
    request: Request,
    decision: Decision,
    status: RequestStatus,
    finals: Sequence[FinalOutcome],
    today: date,
    *,
    fmt: str = "markdown",
) -> Draft:
    """The bezwaarschrift skeleton with every element of Awb 6:5, and the notes on its term."""
    doc = _Doc(fmt)
    latest = (
        decision.id
        == max((d for d in request.decisions if d.kind in _OBJECTABLE), key=_decision_order).id
    )
    grounds = _sort_items(finals, decision, latest)
    term_notes, warnings, passed = _bezwaar_term(request, decision, status, today)
    disclaimer = (
        "wobtrack drafted these grounds from the outcomes recorded per item. It does not judge "
        "whether they are legally sufficient: check each point against the decision, complete "
        "it in your own words, and delete what does not apply and every [bracketed] prompt."
    )
    notes = [
        *term_notes,
        "Sign the letter and enclose a copy of the decision (Awb 6:5). Afterwards record the "
        f"day it was received: `wobtrack event add {request.id} bezwaar-filed YYYY-MM-DD`.",
        "If you cannot complete the grounds in time, file on time anyway: the authority must "
        "give you the chance to complete a bezwaarschrift before declaring it inadmissible "
        "(Awb 6:6).",
        *grounds.notes,
    ]
    doc.notes_block(
        "NOTES FOR YOU - remove this block before sending", [disclaimer, *warnings, *notes]
    )
    _bezwaar_letter(doc, request, decision, grounds, today, passed)
    return Draft("bezwaar", doc.render(), (disclaimer, *notes), tuple(warnings))


def _bezwaar_term(
    request: Request, decision: Decision, status: RequestStatus, today: date
) -> tuple[list[str], list[str], bool]:
    """Notes on the bezwaar term, warnings, and whether the term has passed."""
    bekendmaking = decision.bekendmaking_on or decision.decision_date
    if bekendmaking is None:
        return (
            [
                "The decision has no date: the bezwaar term (six weeks from the day after it was "
                "sent, Awb 6:7, 6:8 lid 1, 3:41) cannot be computed. Check the date on the letter."
            ],
            [],
            False,
        )
    notes: list[str] = []
    warnings: list[str] = []

    def tracked(key: str) -> TrackedDeadline | None:
        return next(
            (d for d in status.deadlines if d.key == key and d.decision_id == decision.id), None
        )

    # The engine's dates account for an ACOI complaint; it drops them once they have passed
    # or once a bezwaar is recorded, and then the plain six weeks are computed here.
    term: Deadline | None = tracked("bezwaar_end")
    post: Deadline | None = tracked("bezwaar_post_receipt")
    if term is None or post is None:
        term = bezwaar_end(bekendmaking)
        post = bezwaar_post_latest_receipt(bekendmaking, bezwaar_term=term)
        if any(e.kind == "acoi_complaint_sent" for e in request.events):
            warnings.append(
                "[U] An ACOI complaint is recorded: the dates below do not include its "
                "suspension of the bezwaar term (Woo 7.3 lid 2)."
            )
    filed = [
        e.event_date
        for e in request.events
        if e.kind == "bezwaar_filed" and e.event_date >= bekendmaking
    ]
    if filed:
        notes.append(
            f"A bezwaar received on {human_date(filed[0])} is already recorded for this "
            "request; send this one only to complete or replace it."
        )
    passed = term.due < today
    if passed:
        warnings.append(
            f"The bezwaar term ended on {human_date(term.due)} (six weeks after the bekendmaking "
            f"on {human_date(bekendmaking)}; Awb 6:7, 6:8 lid 1). A late bezwaar is inadmissible "
            "unless the lateness is excusable (Awb 6:11), which is accepted only in rare cases; "
            "explain in the letter why you could not file in time."
        )
        return notes, warnings, True
    notes.append(
        f"Deadline: the bezwaar must be received by {human_date(term.due)} (six weeks after the "
        f"bekendmaking on {human_date(bekendmaking)}; {', '.join(term.basis)})."
    )
    safe = (
        f" (to be safe: by {human_date(post.earliest_due)})"
        if post.earliest_due != post.due
        else ""
    )
    notes.append(
        f"By post: a bezwaar handed to the post by {human_date(term.due)} is still on time if it "
        f"is received by {human_date(post.due)}{safe} (Awb 6:9 lid 2). Keep proof of posting."
    )
    address = f": {decision.bezwaar_address}" if decision.bezwaar_address else ""
    if decision.electronic_filing is True:
        notes.append(
            "Electronic filing: the decision offers it; it counts when the authority receives "
            f"it (Awb 2:20). Postal address given in the decision{address or ': none recorded'}."
        )
    elif decision.electronic_filing is False:
        notes.append(
            "Electronic filing: not open according to the decision; send the signed letter by "
            f"post{' to' + address if address else ' (no address recorded: see the decision)'}."
        )
    else:
        notes.append(
            "Electronic filing: the decision does not say whether it is open; check its "
            "rechtsmiddelenclausule. Postal address given in the decision"
            f"{address or ': none recorded'}."
        )
    warnings.extend(w for w in post.warnings if w not in warnings)
    return notes, warnings, False


def _bezwaar_letter(
    doc: _Doc,
    request: Request,
    decision: Decision,
    grounds: _Grounds,
    today: date,
    passed: bool,
) -> None:
    kind = "deelbesluit" if decision.kind == "deelbesluit" else "besluit"
    day = decision.decision_date or decision.bekendmaking_on
    woo = decided_under_woo(request.regime, day)
    day_text = dutch_date(day) if day else "[datum van het besluit]"
    reference = doc.user(decision.reference) if decision.reference else "[kenmerk van het besluit]"

    _sender(doc)
    _addressee(doc, request, decision.bezwaar_address)
    doc.para(f"[plaats], {dutch_date(today)}")
    doc.lines(
        [
            f"{doc.strong('Betreft:')} Bezwaarschrift tegen uw {kind} van {day_text}",
            f"{doc.strong('Uw kenmerk:')} {reference}",
        ]
    )
    doc.para("Geachte heer/mevrouw,")
    sent = ""
    if decision.bekendmaking_on and decision.bekendmaking_on != day:
        sent = f", verzonden op {dutch_date(decision.bekendmaking_on)},"
    doc.para(
        f"Hierbij maak ik bezwaar tegen uw {kind} van {day_text} met kenmerk {reference}{sent} "
        f"op {_request_sentence(doc, request)}. Een kopie van het {kind} is bijgevoegd."
    )
    if passed:
        doc.para(
            "[De bezwaartermijn is verstreken. Leg hier uit waarom u niet eerder bezwaar kon maken "
            "(artikel 6:11 Awb); dat wordt alleen in uitzonderlijke gevallen aanvaard.]"
        )

    doc.heading("Gronden van het bezwaar", 2)
    doc.para(
        "[Opzet op basis van de uitkomst per onderdeel zoals vastgelegd in wobtrack. wobtrack "
        "beoordeelt niet of deze gronden juridisch voldoende zijn: vul ze aan met uw eigen "
        "argumenten, schrap wat niet klopt en verwijder de aanwijzingen tussen vierkante haken.]"
    )
    if grounds.empty():
        doc.para("[Geef hier per punt aan waarom u het niet eens bent met het besluit.]")
    _referral_section(doc, grounds.referral, woo)
    _not_held_section(doc, grounds.not_held, woo)
    _refused_section(doc, grounds.refused, woo)
    _unanswered_section(doc, grounds.unanswered)
    _forwarded_section(doc, grounds.forwarded, woo)
    _other_section(doc, grounds.other)
    doc.heading("Verzoek", 2)
    doc.para(
        f"Ik verzoek u het {kind} te herroepen voor zover ik daartegen hierboven bezwaar maak, "
        "en een nieuw besluit te nemen met inachtneming van dit bezwaar. Ik wil graag worden "
        "gehoord over mijn bezwaar."
    )
    _signature(doc, "Hoogachtend,")
    doc.para(f"Bijlage: kopie van het {kind} van {day_text} (kenmerk {reference})")


def _item_label(doc: _Doc, final: FinalOutcome) -> str:
    label = doc.strong(f"Onderdeel {doc.user(final.number)}")
    if final.text:
        # Item texts are list lines of the request ("…;"): their closing mark is dropped.
        text = _short(final.text, 160).rstrip(" ;,:.")
        label += f' ("{doc.user(text)}")'
    return label


def _evidence(doc: _Doc, final: FinalOutcome) -> None:
    """The letter's own words about the item and the user's own note, to weigh, not to send."""
    for ev in final.evidence[:1]:
        text = str(ev.get("text") or "").strip()
        if text:
            page = f", p. {ev['page']}" if ev.get("page") else ""
            doc.para(f'[Uit het besluit{page}: "{doc.user(_short(text, 300))}"]')
            break
    if final.note:
        doc.para(f"[Uw notitie bij de correctie: {doc.user(_short(final.note, 300))}]")


def _references(doc: _Doc, final: FinalOutcome, woo: bool) -> None:
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


def _referral_section(doc: _Doc, items: Sequence[FinalOutcome], woo: bool) -> None:
    if not items:
        return
    article = "artikel 4.5, tweede lid, Woo" if woo else "artikel 7, tweede lid, onder b, Wob"
    doc.heading("Onderdelen beantwoord met een verwijzing naar openbare informatie", 3)
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


def _not_held_section(doc: _Doc, items: Sequence[FinalOutcome], woo: bool) -> None:
    if not items:
        return
    article = "artikel 2.1 Woo" if woo else "artikel 1, onder a, Wob"
    doc.heading("Onderdelen waarvan u stelt dat er geen documenten zijn", 3)
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


def _refused_section(doc: _Doc, items: Sequence[FinalOutcome], woo: bool) -> None:
    if not items:
        return
    doc.heading("Geweigerde of gedeeltelijk geweigerde onderdelen", 3)
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
                    + f". {_ground_prompt(code)}"
                    for code in final.grounds
                ]
            )
        else:
            doc.para(f"{_item_label(doc, final)}: {what}.")
            doc.para(_PROMPT_NO_GROUND)
        if "referred" in final.outcomes:
            _references(doc, final, woo)
        _evidence(doc, final)


def _unanswered_section(doc: _Doc, items: Sequence[FinalOutcome]) -> None:
    if not items:
        return
    doc.heading("Onderdelen waarop niet is beslist", 3)
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


def _forwarded_section(doc: _Doc, items: Sequence[FinalOutcome], woo: bool) -> None:
    if not items:
        return
    article = "artikel 4.2 Woo" if woo else "artikel 4 Wob"
    doc.heading("Doorgezonden onderdelen", 3)
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


def _other_section(doc: _Doc, items: Sequence[FinalOutcome]) -> None:
    if not items:
        return
    doc.heading("Onderdelen die buiten het verzoek zijn geplaatst of niet zijn behandeld", 3)
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


__all__ = [
    "FORMATS",
    "GROUND_LABELS",
    "Draft",
    "choose_decision",
    "cite_ground",
    "draft_bezwaar",
    "draft_ingebrekestelling",
    "dutch_date",
    "render_bezwaar",
    "render_ingebrekestelling",
]
