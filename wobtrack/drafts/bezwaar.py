"""The bezwaarschrift (Awb 6:5): the letter with its grounds per item, and the notes on its
term as the deadline engine computes it. Pure: no database, no clock.

wobtrack never judges whether the grounds of a bezwaar are legally sufficient.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Final

from wobtrack.dates import human_date
from wobtrack.deadlines.law import decided_under_woo
from wobtrack.deadlines.status import (
    DecisionFact,
    RequestStatus,
    TrackedDeadline,
    bezwaar_terms,
)
from wobtrack.deadlines.terms import Deadline
from wobtrack.decisions import FinalOutcome
from wobtrack.drafts.document import Doc, Draft
from wobtrack.drafts.sections import Grounds, sort_items
from wobtrack.drafts.wording import addressee, dutch_date, request_sentence, sender, signature
from wobtrack.models import Decision, Request
from wobtrack.overview import request_facts

#: Decisions a bezwaar can be aimed at; against a beslissing op bezwaar lies beroep instead.
OBJECTABLE: Final = ("besluit", "deelbesluit")


def decision_order(decision: Decision) -> tuple[date, int]:
    """Sort key of decisions: by date (dagtekening, else bekendmaking), then by id."""
    return (decision.decision_date or decision.bekendmaking_on or date.min, decision.id)


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
    doc = Doc(fmt)
    latest = (
        decision.id
        == max((d for d in request.decisions if d.kind in OBJECTABLE), key=decision_order).id
    )
    grounds = sort_items(finals, decision, latest)
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

    # The engine tracks the dates while they are open; once they have passed or a bezwaar is
    # recorded it is asked for them (with an ACOI complaint's suspension, as it tracks them).
    term: Deadline | None = tracked("bezwaar_end")
    post: Deadline | None = tracked("bezwaar_post_receipt")
    if term is None or post is None:
        fact = DecisionFact(
            decision_id=decision.id,
            kind=decision.kind,
            decision_date=decision.decision_date,
            bekendmaking=decision.bekendmaking_on,
        )
        terms = bezwaar_terms(request_facts(request), fact, today)
        assert terms is not None  # the decision has a date (checked above)
        term, post = terms
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
    doc: Doc,
    request: Request,
    decision: Decision,
    grounds: Grounds,
    today: date,
    passed: bool,
) -> None:
    kind = "deelbesluit" if decision.kind == "deelbesluit" else "besluit"
    day = decision.decision_date or decision.bekendmaking_on
    woo = decided_under_woo(request.regime, day)
    day_text = dutch_date(day) if day else "[datum van het besluit]"
    reference = doc.user(decision.reference) if decision.reference else "[kenmerk van het besluit]"

    sender(doc)
    addressee(doc, request, decision.bezwaar_address)
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
        f"op {request_sentence(doc, request)}. Een kopie van het {kind} is bijgevoegd."
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
    grounds.render(doc, woo)
    doc.heading("Verzoek", 2)
    doc.para(
        f"Ik verzoek u het {kind} te herroepen voor zover ik daartegen hierboven bezwaar maak, "
        "en een nieuw besluit te nemen met inachtneming van dit bezwaar. Ik wil graag worden "
        "gehoord over mijn bezwaar."
    )
    signature(doc, "Hoogachtend,")
    doc.para(f"Bijlage: kopie van het {kind} van {day_text} (kenmerk {reference})")


__all__ = ["OBJECTABLE", "decision_order", "render_bezwaar"]
