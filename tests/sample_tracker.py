"""A small tracker filled through the library, shared by the summary and export tests.

Two authorities, four requests, decisions with per-item proposals and one correction by a
person. The dates are chosen so that the legal terms are easy to check by hand (no Atw
shifts: every due date is a working day):

- Request 1 (Woo, tagged "camera's" and "follow-up"; its besluit has an inventory list as a
  PDF of its own, whose one document title starts with "=", as a formula would), received
  Tue 1 Sep 2026; verdaging notified Sun 20 Sep 2026, within the
  first term (Tue 29 Sep): due received + 6 weeks = Tue 13 Oct 2026 (Woo 4.4 lid 1-2),
  42 days. Besluit dated Tue 6 Oct 2026: 35 days, on time. Items: 1 granted; 2 refused on
  5.1.2e, corrected by a person to partly_granted on 5.1.2e and 5.2; 3 referral only;
  4 referred and not_held; 5 not in the letter (unanswered).
- Request 2 (Woo), received Mon 7 Sep 2026: due + 4 weeks = Mon 5 Oct 2026 (Woo 4.4 lid 1),
  28 days. Besluit dated Mon 19 Oct 2026: 42 days, late. Items: 1 referral only;
  2 refused on 5.1.2e and 5.1.1c.
- Request 3 (Wob), received Mon 1 Mar 2021, never decided.
- Request 4 (Woo) without a receipt date; its besluit's date could not be read and was sent
  Tue 2 Jun 2026 (the bekendmaking stands in). Item 1 not_held.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from wobtrack import db as database
from wobtrack import decisions, documents, organise, tracker
from wobtrack.items import ItemText
from wobtrack.models import DecisionFile, Request

TODAY = date(2026, 11, 22)
GEMEENTE = "Gemeente Voorbeeldstad"
MINISTERIE = "Ministerie van Financiën"


def _item(
    number: str,
    outcomes: list[str],
    *,
    grounds: list[str] | None = None,
    references: list[dict[str, Any]] | None = None,
    refers_to: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "number": number,
        "text": None,
        "outcomes": outcomes,
        "grounds": grounds or [],
        "refers_to": refers_to or [],
        "references": references or [],
        "evidence": [{"page": 1, "text": f"Ad {number}: {', '.join(outcomes)}."}],
        "needs_review": False,
    }


def _parsed(name: str, decision_date: str | None, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "file": name,
        "pages": 2,
        "regime": "woo",
        "decision_date": decision_date,
        "reference": f"KENMERK-{name}",
        "request_received": None,
        "items": items,
        "bezwaar": {"weeks": 6, "electronic_filing": False, "address": "Postbus 1, 1000 AA"},
        "warnings": ["a warning kept verbatim"],
    }


def decide(
    session: Session,
    request: Request,
    name: str,
    decision_date: str | None,
    items: list[dict[str, Any]],
    *,
    sent: date | None = None,
) -> None:
    """Store a besluit with these per-item proposals, as ``decision import`` would."""
    decisions._store(
        session,
        request,
        _parsed(name, decision_date, items),
        Path(name),
        name.encode().hex().ljust(64, "0")[:64],
        "besluit",
        sent,
        "test-1",
    )


def populate(session: Session) -> None:
    """Fill an empty database with the four requests described above."""
    items = [ItemText(str(n), f"onderdeel {n}") for n in range(1, 6)]
    r1 = tracker.add_request(
        session,
        authority=GEMEENTE,
        subject="Slimme camera's",
        today=TODAY,
        received=date(2026, 9, 1),
        sent=date(2026, 8, 31),
        reference="WOO-2026-0042",
        notes="via e-mail\nmet bijlagen",
        items=items,
    )
    tracker.add_event(session, r1.id, "acknowledged", date(2026, 9, 3), today=TODAY)
    tracker.add_event(session, r1.id, "extended", date(2026, 9, 20), note="verdaging", today=TODAY)
    decide(
        session,
        r1,
        "besluit-1.pdf",
        "2026-10-06",
        [
            _item("1", ["granted"]),
            _item("2", ["refused"], grounds=["5.1.2e"]),
            _item("3", ["referred"], references=[{"kind": "url", "value": "https://x.nl/a"}]),
            _item(
                "4",
                ["referred", "not_held"],
                references=[{"kind": "document", "value": "12"}],
                refers_to=["3"],
            ),
        ],
    )
    organise.tag_request(session, r1.id, ["Camera's", "follow-up"])
    # The besluit's inventory list came as a PDF of its own (``wobtrack import``).
    inventory = DecisionFile(
        role="inventory",
        file_name="inventaris-1.pdf",
        file_sha256="ab" * 32,
        pages=1,
        parser_version="test-1",
        parsed={
            "kind": "inventory",
            "documents": [
                {
                    "number": "1",
                    "date": "2026-05-04",
                    "title": "=Notulen overleg",
                    "judgement": "partly_public",
                    "judgement_text": "Deels openbaar",
                    "grounds": ["5.1.2e"],
                    "link": None,
                    "page": 1,
                    "needs_review": False,
                },
            ],
        },
    )
    r1.decisions[0].files.append(inventory)
    session.flush()
    assert inventory.parsed is not None
    documents.store_documents(
        session, r1.decisions[0], inventory.parsed["documents"], source=inventory
    )
    decisions.set_outcome(
        session,
        r1.id,
        "2",
        ["partly_granted"],
        grounds=["5.1.2e", "artikel 5.2"],
        note="zie bijlage",
    )

    r2 = tracker.add_request(
        session,
        authority=GEMEENTE,
        subject="Parkeerbeleid",
        today=TODAY,
        received=date(2026, 9, 7),
        items=[ItemText("1", "de notities"), ItemText("2", "de e-mails")],
    )
    decide(
        session,
        r2,
        "besluit-2.pdf",
        "2026-10-19",
        [
            _item("1", ["referred"], references=[{"kind": "url", "value": "https://x.nl/b"}]),
            _item("2", ["refused"], grounds=["5.1.2e", "5.1.1c"]),
        ],
    )

    tracker.add_request(
        session,
        authority=MINISTERIE,
        subject="Toeslagen",
        today=TODAY,
        received=date(2021, 3, 1),
        items=[ItemText("1", "de nota's")],
    )

    r4 = tracker.add_request(
        session,
        authority=MINISTERIE,
        subject="Subsidies",
        today=TODAY,
        regime="woo",
        items=[ItemText("1", "de beschikkingen")],
    )
    decide(session, r4, "besluit-4.pdf", None, [_item("1", ["not_held"])], sent=date(2026, 6, 2))


def populate_url(url: str) -> None:
    """Migrate the database at ``url`` and fill it in one committed transaction."""
    engine = database.make_engine(url)
    try:
        database.upgrade(engine)
        with Session(engine) as session, session.begin():
            populate(session)
    finally:
        engine.dispose()
