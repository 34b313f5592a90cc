"""Deadlines for a request logged with a sent date only (issue 11).

Before issue 11 such a request had state ``not_received``, no deadline, no reminder and no
hint. Now it is taken as received the day it was sent (an e-mail or web form arrives when
it reaches the authority's system, Awb 2:20; [U], a convention of this tool), and every
place that shows the dates says so and asks for the real receipt date.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.conftest import Cli
from wobtrack.overview import RECEIPT_ASSUMED, assumed_receipt

D = date.fromisoformat


@pytest.mark.parametrize(
    ("received", "sent", "events", "expected"),
    [
        pytest.param(None, D("2026-11-02"), [], D("2026-11-02"), id="awb-2.20-sent-only"),
        pytest.param(D("2026-11-03"), D("2026-11-02"), [], None, id="receipt-date-known"),
        pytest.param(None, D("2026-11-02"), ["received"], None, id="received-event-known"),
        pytest.param(None, None, [], None, id="no-date-at-all"),
    ],
)
def test_assumed_receipt(
    received: date | None, sent: date | None, events: list[str], expected: date | None
) -> None:
    assert assumed_receipt(received, sent, events) == expected


@pytest.fixture
def sent_only(run: Cli) -> Cli:
    # Sent Mon 2 Nov 2026; Woo 4.4 lid 1 from the assumed receipt: + 4 weeks = Mon 30 Nov 2026.
    run("request", "add", "-a", "Gemeente Brugwijk", "-s", "Marktplein", "--sent", "2026-11-02")
    return run


def test_request_show_gives_the_term_and_says_what_it_assumes(sent_only: Cli) -> None:
    shown = json.loads(sent_only("request", "show", "1", "--json").stdout)
    assert shown["received"] is None  # nothing is written to the database
    assert shown["state"] == "awaiting_decision"  # was "not_received"
    due = {d["key"]: d for d in shown["deadlines"]}
    assert due["decision_due"]["due"] == "2026-11-30"
    # Awb 6:12 lid 2 a: the ingebrekestelling from the day after the term.
    assert due["ingebrekestelling_from"]["due"] == "2026-12-01"
    for key in ("decision_due", "ingebrekestelling_from"):
        assert due[key]["warnings"][0].startswith(f"{RECEIPT_ASSUMED} on the sent date, Mon 2 Nov")
    [warning] = [w for w in shown["warnings"] if w.startswith(RECEIPT_ASSUMED)]
    assert "Awb 2:20" in warning
    assert "wobtrack request edit 1 --received YYYY-MM-DD" in warning
    out = sent_only("request", "show", "1").stdout
    assert f"! {RECEIPT_ASSUMED}: no receipt date is logged" in out


def test_deadlines_and_remind_ask_for_the_receipt_date(sent_only: Cli) -> None:
    rows = json.loads(sent_only("deadlines", "--json").stdout)
    assert [(r["key"], r["due"]) for r in rows] == [
        ("decision_due", "2026-11-30"),
        ("ingebrekestelling_from", "2026-12-01"),
    ]
    out = sent_only("deadlines").stdout
    assert out.count(f"  ! {RECEIPT_ASSUMED} on the sent date, Mon 2 Nov 2026") == 2
    reminders = json.loads(sent_only("remind", "--json").stdout)
    assert [r["key"] for r in reminders] == ["decision_due", "ingebrekestelling_from"]
    assert all(r["warnings"][0].startswith(RECEIPT_ASSUMED) for r in reminders)
    out = sent_only("remind").stdout
    assert "#1 Marktplein (Gemeente Brugwijk): The authority must decide by Mon 30 Nov 2026" in out
    assert "Confirm the receipt date before an ingebrekestelling" in out


def test_the_real_receipt_date_replaces_the_assumption(sent_only: Cli) -> None:
    sent_only("request", "edit", "1", "--received", "2026-11-04")
    shown = json.loads(sent_only("request", "show", "1", "--json").stdout)
    # Woo 4.4 lid 1: Wed 4 Nov 2026 + 4 weeks = Wed 2 Dec 2026.
    assert {d["key"]: d["due"] for d in shown["deadlines"]}["decision_due"] == "2026-12-02"
    assert not any(w.startswith(RECEIPT_ASSUMED) for w in shown["warnings"])


def test_no_ingebrekestelling_is_drafted_on_an_assumed_date(sent_only: Cli) -> None:
    late = Cli(sent_only.db_url, today=D("2026-12-10"))
    late.fails("draft", "ingebrekestelling", "1", message="was received is unknown")


def test_request_list_agrees_with_request_show(sent_only: Cli) -> None:
    [row] = json.loads(sent_only("request", "list", "--json").stdout)
    assert (row["received"], row["state"]) == (None, "awaiting_decision")
    assert row["next_deadline"] == {"key": "decision_due", "due": "2026-11-30"}
