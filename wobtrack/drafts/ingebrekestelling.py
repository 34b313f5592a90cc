"""The ingebrekestelling (Awb 6:12): refused until the first day one counts, then drafted in
Dutch with the decision term as the deadline engine computed it. Pure: no database, no clock.
"""

from __future__ import annotations

from datetime import date

from wobtrack.dates import human_date
from wobtrack.deadlines.status import RequestStatus, TrackedDeadline, ingebrekestelling_after
from wobtrack.deadlines.terms import Deadline
from wobtrack.drafts.document import Doc, Draft, unique
from wobtrack.drafts.wording import addressee, dutch_date, law_names, sender, signature
from wobtrack.errors import DeadlineNotReached, InvalidInput
from wobtrack.models import Request
from wobtrack.overview import DATES_OUT_OF_RANGE


def render_ingebrekestelling(
    request: Request, status: RequestStatus, today: date, *, fmt: str = "markdown"
) -> Draft:
    """The ingebrekestelling as text, or DeadlineNotReached when it may not be sent (yet).

    An ingebrekestelling received on or before the last day of the decision term is void
    (legal-spec 3.5), so the draft is refused until the first day one counts.
    """
    doc = Doc(fmt)  # an unknown format fails before anything else
    rid = request.id
    if status.state == "withdrawn":
        raise DeadlineNotReached(f"request {rid} was withdrawn: there is no decision to demand")
    if status.state in ("decided", "closed", "bezwaar_filed"):
        raise DeadlineNotReached(
            f"request {rid} has already been decided: an ingebrekestelling is only for a decision "
            f"not taken in time; to object to the decision use `wobtrack draft bezwaar {rid}`"
        )
    if status.state == DATES_OUT_OF_RANGE:
        # Not "unknown": the stored date is there, but no term can be counted from it.
        problem = status.warnings[0].removeprefix("no deadlines computed: ")
        raise InvalidInput(
            f"request {rid}'s stored dates cannot be used, so the decision term cannot be "
            f"computed: {problem}"
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
        earliest = ingebrekestelling_after(due)
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
    warnings = unique([*due.warnings, *earliest.warnings, *status.warnings])
    notes.extend(f"Recorded event {flag.event_id}: {flag.message}" for flag in status.flags)
    return Draft("ingebrekestelling", doc.render(), tuple(notes), warnings)


def _ingebrekestelling_letter(
    doc: Doc, request: Request, status: RequestStatus, due: TrackedDeadline, today: date
) -> None:
    long, short = law_names(status.regime)
    woo = short == "Woo"
    sender(doc)
    addressee(doc, request, None)
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
    signature(doc, "Met vriendelijke groet,")


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


__all__ = ["render_ingebrekestelling"]
