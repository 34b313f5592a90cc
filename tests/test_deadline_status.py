"""Deriving a request's state and open deadlines from its facts (no database).

Each scenario names the rule it exercises; expected dates are worked out by hand.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

import pytest

from wobtrack.deadlines.status import (
    DEADLINE_KEYS,
    DecisionFact,
    EventFact,
    RequestFacts,
    RequestStatus,
    derive_status,
)

D = date.fromisoformat


def ev(kind: str, on: str, event_id: int | None = None) -> EventFact:
    return EventFact(kind, D(on), event_id)


def besluit(on: str, decision_id: int = 1, kind: str = "besluit", **extra: object) -> DecisionFact:
    return DecisionFact(decision_id, kind, D(on), **extra)  # type: ignore[arg-type]


def woo(received: str | None, *events: EventFact, **extra: object) -> RequestFacts:
    return RequestFacts(
        regime=None,
        received=D(received) if received else None,
        events=events,
        **extra,  # type: ignore[arg-type]
    )


@dataclass(frozen=True)
class Scenario:
    facts: RequestFacts
    today: str
    state: str
    #: key -> due date, exactly the deadlines expected (in this order: soonest first)
    deadlines: dict[str, str] = field(default_factory=dict)
    flagged: tuple[int, ...] = ()  # event ids that must be flagged
    warning: str | None = None  # a fragment of a request-level or deadline warning


SCENARIOS = {
    "no-receipt-date": Scenario(woo(None), "2026-03-20", "not_received"),
    "Woo4.4.1-awaiting": Scenario(
        woo("2026-03-10"),
        "2026-03-20",
        "awaiting_decision",
        {"decision_due": "2026-04-07", "ingebrekestelling_from": "2026-04-08"},
    ),
    "Woo4.4.1-due-today-still-awaiting": Scenario(
        woo("2026-03-10"),
        "2026-04-07",
        "awaiting_decision",
        {"decision_due": "2026-04-07", "ingebrekestelling_from": "2026-04-08"},
    ),
    "Awb6:12-overdue": Scenario(
        woo("2026-03-10"),
        "2026-04-08",
        "overdue",
        {"decision_due": "2026-04-07", "ingebrekestelling_from": "2026-04-08"},
    ),
    "receipt-from-received-event": Scenario(
        woo(None, ev("received", "2026-03-10", 1)),
        "2026-03-20",
        "awaiting_decision",
        {"decision_due": "2026-04-07", "ingebrekestelling_from": "2026-04-08"},
    ),
    "Woo4.4.2-valid-verdaging-replaces-decision-due": Scenario(
        woo("2026-03-10", ev("extended", "2026-04-01", 1)),
        "2026-04-10",
        "awaiting_decision",
        {"decision_extended_due": "2026-04-21", "ingebrekestelling_from": "2026-04-22"},
    ),
    "Woo4.4.2-late-verdaging-flagged-ignored": Scenario(
        woo("2026-03-10", ev("extended", "2026-04-08", 7)),
        "2026-04-10",
        "overdue",
        {"decision_due": "2026-04-07", "ingebrekestelling_from": "2026-04-08"},
        flagged=(7,),
    ),
    "Woo4.4.2-second-verdaging-flagged": Scenario(
        woo("2026-03-10", ev("extended", "2026-04-01", 1), ev("extended", "2026-04-06", 2)),
        "2026-04-10",
        "awaiting_decision",
        {"decision_extended_due": "2026-04-21", "ingebrekestelling_from": "2026-04-22"},
        flagged=(2,),
    ),
    "Woo4.4.2-reading-B-delays-ingebrekestelling": Scenario(
        woo("2026-03-07", ev("extended", "2026-04-07", 1)),
        "2026-04-10",
        "awaiting_decision",
        {"decision_extended_due": "2026-04-20", "ingebrekestelling_from": "2026-04-22"},
        warning="reading (B)",
    ),
    "Woo4.4.3-zienswijze-tot-en-met": Scenario(
        woo(
            "2026-09-01",
            ev("zienswijze_started", "2026-09-15"),
            ev("zienswijze_ended", "2026-09-29"),
        ),
        "2026-10-01",
        "awaiting_decision",
        {"decision_due": "2026-10-13", "ingebrekestelling_from": "2026-10-14"},
    ),
    "Awb4:15-opschorting-tot": Scenario(
        woo("2026-09-01", ev("suspended", "2026-09-15"), ev("resumed", "2026-09-29")),
        "2026-10-01",
        "awaiting_decision",
        {"decision_due": "2026-10-12", "ingebrekestelling_from": "2026-10-13"},
    ),
    "Woo4.4.3-zienswijze-still-running": Scenario(
        woo("2026-09-01", ev("zienswijze_started", "2026-09-15")),
        "2026-10-02",
        "awaiting_decision",
        {"decision_due": "2026-10-16", "ingebrekestelling_from": "2026-10-17"},
        warning="provisional",
    ),
    "Wob6.3-zienswijze-tot": Scenario(
        RequestFacts(
            "wob",
            D("2018-03-05"),
            (ev("zienswijze_started", "2018-03-12"), ev("zienswijze_ended", "2018-03-19")),
        ),
        "2018-03-25",
        "awaiting_decision",
        {"decision_due": "2018-04-09", "ingebrekestelling_from": "2018-04-10"},
    ),
    "zienswijze-ended-without-start-flagged": Scenario(
        woo("2026-09-01", ev("zienswijze_ended", "2026-09-10", 4)),
        "2026-09-12",
        "awaiting_decision",
        {"decision_due": "2026-09-29", "ingebrekestelling_from": "2026-09-30"},
        flagged=(4,),
    ),
    "Woo4.1.5-precisering-does-not-suspend-but-warns": Scenario(
        woo(
            "2026-01-01",
            ev("precisering_requested", "2026-01-10"),
            ev("precisering_given", "2026-01-20"),
        ),
        "2026-01-21",
        "awaiting_decision",
        {"decision_due": "2026-01-29", "ingebrekestelling_from": "2026-02-10"},
        warning="legal-spec 9.3",
    ),
    "Woo4.1.5-precisering-reading-revives-a-late-verdaging": Scenario(
        woo(
            "2026-01-01",
            ev("precisering_requested", "2026-01-10"),
            ev("precisering_given", "2026-01-20"),
            ev("extended", "2026-02-02", 4),
        ),
        "2026-02-05",
        "overdue",
        # If the precisering suspended the term, the first term ran to 9 Feb, the verdaging
        # of 2 Feb was timely and the decision was due Mon 23 Feb: wait until after that.
        {"decision_due": "2026-01-29", "ingebrekestelling_from": "2026-02-24"},
        flagged=(4,),
        warning="Mon 23 Feb 2026",
    ),
    "Woo4.1.5-late-precisering-request-flagged": Scenario(
        woo(
            "2026-01-01",
            ev("precisering_requested", "2026-01-16", 3),
            ev("precisering_given", "2026-01-19"),
        ),
        "2026-01-21",
        "awaiting_decision",
        {"decision_due": "2026-01-29", "ingebrekestelling_from": "2026-02-03"},
        flagged=(3,),
    ),
    "Awb6:12-premature-ingebrekestelling-flagged": Scenario(
        woo("2026-01-01", ev("ingebrekestelling_sent", "2026-01-29", 5)),
        "2026-02-02",
        "overdue",
        {"decision_due": "2026-01-29", "ingebrekestelling_from": "2026-01-30"},
        flagged=(5,),
    ),
    "Awb6:12.2b-valid-ingebrekestelling-gives-beroep-date": Scenario(
        woo(
            "2026-01-01",
            ev("ingebrekestelling_sent", "2026-01-29", 5),
            ev("ingebrekestelling_sent", "2026-02-03", 6),
        ),
        "2026-02-10",
        "overdue",
        {"decision_due": "2026-01-29", "beroep_niet_tijdig_from": "2026-02-18"},
        flagged=(5,),
    ),
    "Awb6:7-decided-bezwaar-open": Scenario(
        woo("2026-01-01", decisions=(besluit("2026-02-03"),)),
        "2026-02-10",
        "decided",
        {"bezwaar_end": "2026-03-17", "bezwaar_post_receipt": "2026-03-24"},
    ),
    "Awb3:41-bekendmaking-is-dispatch-date": Scenario(
        woo("2026-01-01", decisions=(besluit("2026-02-03", bekendmaking=D("2026-02-05")),)),
        "2026-02-10",
        "decided",
        {"bezwaar_end": "2026-03-19", "bezwaar_post_receipt": "2026-03-26"},
    ),
    "Awb6:9.2-only-postal-week-left": Scenario(
        woo("2026-01-01", decisions=(besluit("2026-02-03"),)),
        "2026-03-18",
        "decided",
        {"bezwaar_post_receipt": "2026-03-24"},
    ),
    "Awb6:7-closed-after-the-terms": Scenario(
        woo("2026-01-01", decisions=(besluit("2026-02-03"),)),
        "2026-03-25",
        "closed",
    ),
    "decision-event-without-letter": Scenario(
        woo("2026-01-01", ev("decision", "2026-02-03", 9)),
        "2026-02-10",
        "decided",
        {"bezwaar_end": "2026-03-17", "bezwaar_post_receipt": "2026-03-24"},
        warning="known only as an event",
    ),
    "deelbesluit-keeps-the-decision-term-running": Scenario(
        woo("2026-03-10", decisions=(besluit("2026-03-20", kind="deelbesluit"),)),
        "2026-03-25",
        "awaiting_decision",
        {
            "decision_due": "2026-04-07",
            "ingebrekestelling_from": "2026-04-08",
            "bezwaar_end": "2026-05-01",
            "bezwaar_post_receipt": "2026-05-08",
        },
    ),
    "Awb7:10-bezwaar-filed": Scenario(
        woo("2026-01-01", ev("bezwaar_filed", "2026-03-01"), decisions=(besluit("2026-02-03"),)),
        "2026-03-30",
        "bezwaar_filed",
        {"bezwaar_decision_due": "2026-04-28", "ingebrekestelling_from": "2026-04-29"},
    ),
    "Awb7:10-7:13-committee": Scenario(
        woo(
            "2026-01-01",
            ev("bezwaar_filed", "2026-03-01"),
            decisions=(besluit("2026-02-03"),),
            bezwaar_committee=True,
        ),
        "2026-03-30",
        "bezwaar_filed",
        {"bezwaar_decision_due": "2026-06-09", "ingebrekestelling_from": "2026-06-10"},
    ),
    "Awb7:10.3-bezwaar-verdaging": Scenario(
        woo(
            "2026-01-01",
            ev("bezwaar_filed", "2026-03-01"),
            ev("bezwaar_extended", "2026-04-20"),
            decisions=(besluit("2026-02-03"),),
        ),
        "2026-04-22",
        "bezwaar_filed",
        {"bezwaar_decision_due": "2026-06-09", "ingebrekestelling_from": "2026-06-10"},
    ),
    "Awb7:10.4-second-bezwaar-verdaging-flagged": Scenario(
        woo(
            "2026-01-01",
            ev("bezwaar_filed", "2026-03-01"),
            ev("bezwaar_extended", "2026-04-20", 1),
            ev("bezwaar_extended", "2026-05-20", 2),
            decisions=(besluit("2026-02-03"),),
        ),
        "2026-05-22",
        "bezwaar_filed",
        {"bezwaar_decision_due": "2026-06-09", "ingebrekestelling_from": "2026-06-10"},
        flagged=(2,),
    ),
    "Awb6:12-bezwaar-decision-overdue": Scenario(
        woo(
            "2026-01-01",
            ev("bezwaar_filed", "2026-03-01"),
            ev("ingebrekestelling_sent", "2026-05-04", 3),
            decisions=(besluit("2026-02-03"),),
        ),
        "2026-05-06",
        "bezwaar_filed",
        {"bezwaar_decision_due": "2026-04-28", "beroep_niet_tijdig_from": "2026-05-19"},
    ),
    "Awb6:9.2-bezwaar-after-term-flagged": Scenario(
        woo("2026-01-01", ev("bezwaar_filed", "2026-03-20", 8), decisions=(besluit("2026-02-03"),)),
        "2026-03-30",
        "bezwaar_filed",
        {"bezwaar_decision_due": "2026-04-28", "ingebrekestelling_from": "2026-04-29"},
        flagged=(8,),
    ),
    "Awb6:7-beroep-after-beslissing-op-bezwaar": Scenario(
        woo(
            "2026-01-01",
            ev("bezwaar_filed", "2026-03-01"),
            ev("bezwaar_decided", "2026-05-01"),
            decisions=(besluit("2026-02-03"),),
        ),
        "2026-05-03",
        "decided",
        {"beroep_end": "2026-06-12"},
    ),
    "Awb6:7-beroep-from-bezwaar-decision-letter": Scenario(
        woo(
            "2026-01-01",
            ev("bezwaar_filed", "2026-03-01"),
            decisions=(besluit("2026-02-03"), besluit("2026-05-01", 2, kind="bezwaar")),
        ),
        "2026-05-03",
        "decided",
        {"beroep_end": "2026-06-12"},
    ),
    "closed-after-beroep-term": Scenario(
        woo(
            "2026-01-01",
            ev("bezwaar_filed", "2026-03-01"),
            ev("bezwaar_decided", "2026-05-01"),
            decisions=(besluit("2026-02-03"),),
        ),
        "2026-06-13",
        "closed",
    ),
    "Woo7.3-acoi-suspends-bezwaar-term": Scenario(
        woo(
            "2026-01-01",
            ev("acoi_complaint_sent", "2026-02-10"),
            ev("acoi_advice", "2026-03-10"),
            decisions=(besluit("2026-02-03"),),
        ),
        "2026-03-11",
        "decided",
        {"bezwaar_end": "2026-04-13", "bezwaar_post_receipt": "2026-04-20"},
        warning="advice day",
    ),
    "Woo7.3.3-bezwaar-after-acoi-advice": Scenario(
        woo(
            "2026-01-01",
            ev("acoi_complaint_sent", "2026-02-10"),
            ev("acoi_advice", "2026-03-10"),
            ev("bezwaar_filed", "2026-03-12"),
            decisions=(besluit("2026-02-03"),),
        ),
        "2026-03-15",
        "bezwaar_filed",
        {"bezwaar_decision_due": "2026-03-24", "ingebrekestelling_from": "2026-03-25"},
    ),
    "withdrawn-has-no-deadlines": Scenario(
        woo("2026-03-10", ev("withdrawn", "2026-03-15")),
        "2026-03-20",
        "withdrawn",
    ),
    "Woo10.1-pending-wob-request-warns": Scenario(
        woo("2022-04-11"),
        "2022-06-01",
        "overdue",
        {"decision_due": "2022-05-09", "ingebrekestelling_from": "2022-05-10"},
        warning="still undecided on 1 May 2022",
    ),
    "future-event-flagged-and-ignored": Scenario(
        woo("2026-03-10", ev("extended", "2026-04-01", 1)),
        "2026-03-20",
        "awaiting_decision",
        {"decision_due": "2026-04-07", "ingebrekestelling_from": "2026-04-08"},
        flagged=(1,),
    ),
    "unknown-event-kind-flagged": Scenario(
        woo("2026-03-10", ev("dwarsligger", "2026-03-12", 2)),
        "2026-03-20",
        "awaiting_decision",
        {"decision_due": "2026-04-07", "ingebrekestelling_from": "2026-04-08"},
        flagged=(2,),
    ),
    "Woo4.2-forwarded-warns": Scenario(
        woo("2026-03-10", ev("forwarded", "2026-03-12")),
        "2026-03-20",
        "awaiting_decision",
        {"decision_due": "2026-04-07", "ingebrekestelling_from": "2026-04-08"},
        warning="forwarded",
    ),
}


def _all_warnings(status: RequestStatus) -> list[str]:
    return [*status.warnings, *(text for item in status.deadlines for text in item.warnings)]


@pytest.mark.parametrize("scenario", [pytest.param(s, id=k) for k, s in SCENARIOS.items()])
def test_state_table(scenario: Scenario) -> None:
    status = derive_status(scenario.facts, D(scenario.today))
    assert status.state == scenario.state
    assert [(item.key, item.due.isoformat()) for item in status.deadlines] == list(
        scenario.deadlines.items()
    )
    assert {flag.event_id for flag in status.flags} == set(scenario.flagged)
    if scenario.warning is not None:
        assert any(scenario.warning in text for text in _all_warnings(status)), _all_warnings(
            status
        )
    for item in status.deadlines:
        assert item.key in DEADLINE_KEYS
        assert item.days_left == (item.due - D(scenario.today)).days
        assert item.passed == (item.due < D(scenario.today))
        assert item.action
    assert "dwangsom" not in json.dumps(status.to_json()).lower()


def test_regime_is_derived_from_the_receipt_date() -> None:
    assert derive_status(woo("2022-04-30"), D("2022-05-02")).regime == "wob"
    assert derive_status(woo("2022-05-01"), D("2022-05-02")).regime == "woo"


def test_a_recorded_regime_that_contradicts_the_receipt_date_warns() -> None:
    status = derive_status(RequestFacts("wob", D("2026-03-10")), D("2026-03-20"))
    assert status.regime == "wob"
    assert any("Regime wob was recorded" in text for text in status.warnings)


def test_actions_say_what_to_do() -> None:
    overdue = derive_status(woo("2026-03-10"), D("2026-04-20"))
    assert overdue.deadline("ingebrekestelling_from").action == (  # type: ignore[union-attr]
        "Send the ingebrekestelling: the decision was due Tue 7 Apr 2026"
    )
    assert overdue.deadline("decision_due").action == (  # type: ignore[union-attr]
        "The decision was due Tue 7 Apr 2026: the authority is in default"
    )
    decided = derive_status(
        woo("2026-01-01", decisions=(besluit("2026-02-03", bezwaar_address="Postbus 20"),)),
        D("2026-02-10"),
    )
    assert decided.deadline("bezwaar_end").action == (  # type: ignore[union-attr]
        "Bezwaar must be received by Tue 17 Mar 2026 at Postbus 20"
    )
    assert decided.deadline("bezwaar_post_receipt").action == (  # type: ignore[union-attr]
        "A bezwaar posted by Tue 17 Mar 2026 must arrive by Tue 24 Mar 2026"
    )


def test_deadlines_carry_their_explanation_and_decision() -> None:
    status = derive_status(
        woo("2026-01-01", decisions=(besluit("2026-02-03", decision_id=42),)), D("2026-02-10")
    )
    end = status.deadline("bezwaar_end")
    assert end is not None
    assert end.decision_id == 42
    assert end.kind == "bezwaar_end"
    assert "Awb 6:7" in end.basis
    assert end.steps[0].startswith("bekendmaking Tue 3 Feb 2026 + 6 weeks (42 days)")
    data = end.to_json()
    assert data["key"] == "bezwaar_end"
    assert data["due"] == "2026-03-17"
    assert data["days_left"] == 35
    assert data["passed"] is False
    assert data["decision_id"] == 42


def test_ongoing_suspension_moves_with_today() -> None:
    facts = woo("2026-09-01", ev("zienswijze_started", "2026-09-15"))
    first = derive_status(facts, D("2026-10-01")).deadline("decision_due")
    later = derive_status(facts, D("2026-10-05")).deadline("decision_due")
    assert first is not None
    assert later is not None
    assert (later.due - first.due).days == 4


def test_status_json_shape() -> None:
    status = derive_status(woo("2026-03-10", ev("extended", "2026-04-08", 7)), D("2026-04-10"))
    data = status.to_json()
    assert list(data) == ["state", "regime", "deadlines", "flags", "warnings"]
    assert data["flags"][0]["event_id"] == 7
    assert "after the first term ended on Tue 7 Apr 2026" in data["flags"][0]["message"]
