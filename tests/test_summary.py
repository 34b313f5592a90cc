"""``wobtrack summary``: final outcomes per request, timing and outcomes per authority (issue 5).

The data (tests/sample_tracker.py) has hand-checked legal terms; the JSON shape is pinned
by a golden file (regenerate with WOBTRACK_UPDATE_GOLDENS=force).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.conftest import TODAY, Cli
from tests.goldens import assert_golden
from tests.sample_tracker import GEMEENTE, MINISTERIE, decide, populate_url
from wobtrack import db as database
from wobtrack import tracker
from wobtrack.models import Decision, Event, Request
from wobtrack.reports import ASSUMPTIONS, decision_term_for_lateness, first_decision

DATA = Path(__file__).parent / "data"


@pytest.fixture
def filled(run: Cli, db_url: str) -> Cli:
    populate_url(db_url)
    return run


def _summary(run: Cli) -> dict[str, Any]:
    return json.loads(run("summary", "--json").stdout)  # type: ignore[no-any-return]


def test_summary_json_is_the_golden_shape(filled: Cli) -> None:
    assert_golden(DATA / "summary.json", filled("summary", "--json").stdout)


def test_per_request_final_outcomes_state_and_timing(filled: Cli) -> None:
    data = _summary(filled)
    assert data["today"] == TODAY.isoformat()
    r1, r2, r3, r4 = data["requests"]
    # Item 2: the person's correction wins over the parser's "refused on 5.1.2e".
    assert [(i["number"], i["outcomes"], i["grounds"], i["source"]) for i in r1["items"]] == [
        ("1", ["granted"], [], "parser"),
        ("2", ["partly_granted"], ["5.1.2e", "5.2"], "person"),
        ("3", ["referred"], [], "parser"),
        ("4", ["referred", "not_held"], [], "parser"),
        ("5", ["unanswered"], [], "parser"),
    ]
    assert [i["referral_only"] for i in r1["items"]] == [False, False, True, False, False]
    assert "evidence" not in r1["items"][0]
    # Woo 4.4 lid 1-2: Tue 1 Sep + 6 weeks (verdaging notified in time) = Tue 13 Oct.
    assert r1["decision"] == {
        "id": 1,
        "kind": "besluit",
        "date": "2026-10-06",
        "days": 35,
        "due": "2026-10-13",
        "term_days": 42,
        "late": False,
    }
    # Woo 4.4 lid 1: Mon 7 Sep + 4 weeks = Mon 5 Oct; decided Mon 19 Oct.
    assert (r2["decision"]["due"], r2["decision"]["days"], r2["decision"]["late"]) == (
        "2026-10-05",
        42,
        True,
    )
    assert (r3["regime"], r3["state"], r3["decision"]) == ("wob", "overdue", None)
    # No receipt date: the decision (dated by its bekendmaking) cannot be timed.
    assert r4["decision"] == {
        "id": 3,
        "kind": "besluit",
        "date": "2026-06-02",
        "days": None,
        "due": None,
        "term_days": None,
        "late": None,
    }
    assert [r["items_decided"] for r in data["requests"]] == [5, 2, 0, 1]


def test_per_authority_timing_outcomes_grounds_and_referrals(filled: Cli) -> None:
    gemeente, ministerie = _summary(filled)["authorities"]
    assert gemeente["authority"] == GEMEENTE
    assert (gemeente["requests"], gemeente["decided"], gemeente["timed"]) == (2, 2, 2)
    assert gemeente["days_to_decision"] == {"median": 38.5, "max": 42}  # 35 and 42 days
    assert gemeente["legal_term_days"] == {"median": 35.0, "max": 42}  # 42 and 28 days
    assert (gemeente["decided_late"], gemeente["late_share"]) == (1, 0.5)
    assert (gemeente["items_total"], gemeente["items_decided"]) == (7, 7)
    assert {k: v for k, v in gemeente["outcomes"].items() if v} == {
        "granted": 1,
        "partly_granted": 1,
        "refused": 1,
        "referred": 3,
        "not_held": 1,
        "unanswered": 1,
    }
    assert gemeente["grounds"] == [
        {"ground": "5.1.2e", "items": 2},
        {"ground": "5.1.1c", "items": 1},
        {"ground": "5.2", "items": 1},
    ]
    assert (gemeente["referral_only"], gemeente["referral_only_share"]) == (2, 0.2857)

    assert ministerie["authority"] == MINISTERIE
    assert (ministerie["requests"], ministerie["decided"], ministerie["timed"]) == (2, 1, 0)
    assert ministerie["days_to_decision"] == {"median": None, "max": None}
    assert (ministerie["decided_late"], ministerie["late_share"]) == (0, None)
    assert (ministerie["items_total"], ministerie["items_decided"]) == (2, 1)
    assert ministerie["grounds"] == []
    assert (ministerie["referral_only"], ministerie["referral_only_share"]) == (0, 0.0)


def test_human_output_is_compact_tables(filled: Cli) -> None:
    out = filled("summary").stdout
    assert (
        "Request 1: Slimme camera's — Gemeente Voorbeeldstad (woo, decided)\n"
        "  Decided Tue 6 Oct 2026 (besluit #1), 35 days after receipt; "
        "due Tue 13 Oct 2026 (42 days): on time.\n"
        "  ITEM  OUTCOMES                    GROUNDS      REFERS TO\n"
        "  1     granted                     -            -\n"
        "  2     partly_granted (corrected)  5.1.2e, 5.2  -\n"
    ) in out
    assert "due Mon 5 Oct 2026 (28 days): LATE by 14 days." in out
    # Wob art. 6 lid 1: received Mon 1 Mar 2021 + 4 weeks = Mon 29 Mar 2021, never decided.
    assert (
        "Request 3: Toeslagen — Ministerie van Financiën (wob, overdue)\n"
        "  No decision yet; due Mon 29 Mar 2021 (28 days): OVERDUE by 2064 days, counted as "
        "late.\n" in out
    )
    assert "Decided Tue 2 Jun 2026 (besluit #3); no receipt or sent date" in out
    table = out.split("\n\n")[-3].splitlines()
    assert table == [
        "AUTHORITY                 REQUESTS  DECIDED  DAYS MEDIAN/MAX  TERM MEDIAN/MAX  LATE"
        "        OF WHICH OVERDUE  REFERRAL ONLY",
        "Gemeente Voorbeeldstad    2         2        38.5/42          35/42            1/2 (50%)"
        "   0                 2/7 (29%)",
        "Ministerie van Financiën  2         1        -/-              -/-              1/1 (100%)"
        "  1                 0/1 (0%)",
    ]
    assert (
        "Gemeente Voorbeeldstad: granted 1, partly_granted 1, refused 1, referred 3, not_held 1, "
        "unanswered 1; grounds 5.1.2e (2), 5.1.1c (1), 5.2 (1)\n"
        "Gemeente Voorbeeldstad: documents 1 (partly_public 1); grounds cited: 5.1.2e (1)\n"
        "Ministerie van Financiën: not_held 1\n"
        "Ministerie van Financiën: requests 1 without a receipt date or term\n"
        "\nAssumptions:\n- The legal term is the decision term of Woo 4.4 lid 1"
    ) in out
    assert out.endswith("- Withdrawn requests are not judged.\n")


@pytest.mark.parametrize(
    ("decided", "late"),
    [("2026-10-05", False), ("2026-10-06", True)],
    ids=["decided-on-the-last-day-is-on-time", "decided-the-day-after-is-late"],
)
def test_late_means_after_the_due_date(run: Cli, db_url: str, decided: str, late: bool) -> None:
    # Woo 4.4 lid 1: received Mon 7 Sep 2026 + 4 weeks = Mon 5 Oct 2026, the last day.
    engine = database.make_engine(db_url)
    database.upgrade(engine)
    with Session(engine) as session, session.begin():
        request = tracker.add_request(
            session, authority="A", subject="s", today=TODAY, received=date(2026, 9, 7)
        )
        decide(session, request, "b.pdf", decided, [])
    engine.dispose()
    data = _summary(run)
    assert data["requests"][0]["decision"]["late"] is late
    assert data["authorities"][0]["decided_late"] == int(late)


def test_referral_only_keeps_its_contract(filled: Cli) -> None:
    data = json.loads(filled("summary", "--referral-only", "--json").stdout)
    assert set(data) == {"requests", "authorities"}
    assert [[i["number"] for i in r["items"]] for r in data["requests"]] == [["3"], ["1"], [], []]
    assert data["authorities"][0] == {
        "authority": GEMEENTE,
        "requests": 2,
        "items_total": 7,
        "items_decided": 7,
        "referral_only": 2,
        "share": 0.2857,
    }
    assert "answered only by referral: 3" in filled("summary", "--referral-only").stdout


def test_empty_database(run: Cli) -> None:
    data = _summary(run)
    assert [a["key"] for a in data.pop("assumptions")] == [key for key, _ in ASSUMPTIONS]
    assert data == {"today": "2026-11-22", "requests": [], "authorities": []}
    assert run("summary").stdout == "No requests yet.\n"


# --------------------------------------------------------------------------- library


def _decision(kind: str, on: date | None, ident: int, sent: date | None = None) -> Decision:
    return Decision(id=ident, kind=kind, decision_date=on, bekendmaking_on=sent or on)


def test_first_decision_is_the_earliest_besluit_or_deelbesluit() -> None:
    request = Request(
        decisions=[
            _decision("besluit", date(2026, 10, 6), 1),
            # A beslissing op bezwaar never answers the request itself, whatever its date.
            _decision("bezwaar", date(2026, 9, 1), 2),
            _decision("deelbesluit", date(2026, 9, 20), 3),
            _decision("deelbesluit", date(2026, 9, 20), 4),
        ]
    )
    found = first_decision(request)
    assert found is not None
    assert (found[0].id, found[1]) == (3, date(2026, 9, 20))  # same day: the lower id


def test_first_decision_falls_back_to_bekendmaking() -> None:
    undated = _decision("besluit", None, 5, sent=date(2026, 6, 2))
    assert first_decision(Request(decisions=[undated])) == (undated, date(2026, 6, 2))
    assert first_decision(Request(decisions=[_decision("bezwaar", date(2026, 1, 5), 6)])) is None


def _request(regime: str, received: date | None, *extended: date) -> Request:
    return Request(
        regime=regime,
        received_on=received,
        events=[Event(kind="extended", event_date=day) for day in extended],
    )


@pytest.mark.parametrize(
    ("request_", "due"),
    [
        pytest.param(_request("woo", date(2026, 9, 7)), date(2026, 10, 5), id="woo-4.4-lid-1"),
        pytest.param(
            _request("woo", date(2026, 9, 1), date(2026, 9, 20)),
            date(2026, 10, 13),
            id="woo-4.4-lid-2-verdaging-2-weeks",
        ),
        pytest.param(
            _request("woo", date(2026, 10, 2), date(2026, 11, 2)),
            date(2026, 10, 30),
            id="woo-4.4-lid-2-late-verdaging-ignored",
        ),
        pytest.param(
            _request("woo", date(2026, 9, 1), date(2026, 9, 20), date(2026, 10, 10)),
            date(2026, 10, 13),
            id="woo-4.4-lid-2-only-the-first-verdaging",
        ),
        pytest.param(_request("wob", date(2021, 3, 1)), date(2021, 3, 29), id="wob-6-lid-1"),
        pytest.param(
            _request("wob", date(2021, 3, 1), date(2021, 3, 10)),
            date(2021, 4, 26),
            id="wob-6-lid-2-verdaging-4-weeks",
        ),
    ],
)
def test_decision_term(request_: Request, due: date) -> None:
    term = decision_term_for_lateness(request_)
    assert term is not None
    assert term.due == due


def test_no_term_without_a_usable_receipt_date() -> None:
    assert decision_term_for_lateness(_request("woo", None)) is None
    # A receipt date outside the Atw calendar gives no term.
    assert decision_term_for_lateness(_request("wob", date(1926, 3, 1))) is None
