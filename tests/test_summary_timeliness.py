"""``summary``: lateness that says what it assumes (issue 11).

Each row is one request on Sun 22 Nov 2026 with its legal term computed by hand; no date
below falls on an Atw holiday unless said. Before issue 11 an overdue request was left out
of the lateness figures, a first deelbesluit made a request "on time", a decision dated
before receipt was "-297 days ... on time" and a request with a sent date only had no term.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.conftest import TODAY, Cli
from wobtrack import decisions, reports, tracker
from wobtrack.models import Request

D = date.fromisoformat


def _store(session: Session, request: Request, kind: str, day: str) -> int:
    """A decision letter of ``kind`` dated ``day`` with no items, as ``decision import``
    stores it."""
    name = f"{kind}-{day}.pdf"
    parsed = {
        "file": name,
        "pages": 1,
        "regime": "woo",
        "decision_date": day,
        "reference": None,
        "request_received": None,
        "items": [],
        "bezwaar": None,
        "warnings": [],
    }
    result = decisions._store(
        session, request, parsed, Path(name), name.encode().hex().ljust(64, "0")[:64], kind,
        None, "test-1",
    )  # fmt: skip
    return result.decision.id


@dataclass(frozen=True)
class Case:
    """A request (received or only sent), its events and decisions, and what to expect."""

    received: str | None
    events: tuple[tuple[str, str], ...] = ()
    decided: tuple[tuple[str, str], ...] = ()  # (kind, date)
    sent: str | None = None
    regime: str | None = None
    # expected
    verdict: str = ""
    due: str | None = None
    days_late: int | None = None
    decision_late: bool | None = None


CASES = [
    # Woo 4.4 lid 1 (Awb 4:13): received Mon 7 Sep 2026 + 4 weeks = Mon 5 Oct 2026.
    pytest.param(
        Case("2026-09-07", decided=(("besluit", "2026-10-05"),), verdict="on_time",
             due="2026-10-05", decision_late=False),
        id="woo-4.4-lid-1-decided-on-the-last-day-on-time",
    ),
    pytest.param(
        Case("2026-09-07", decided=(("besluit", "2026-10-12"),), verdict="late",
             due="2026-10-05", days_late=7, decision_late=True),
        id="woo-4.4-lid-1-decided-a-week-late",
    ),
    # Awb 4:13 / 6:12: undecided after the term: overdue, counted as late (was left out).
    pytest.param(
        Case("2026-09-07", verdict="overdue", due="2026-10-05", days_late=48),
        id="awb-4.13-undecided-after-the-term-is-late",
    ),
    # Woo 4.4 lid 1: received Mon 2 Nov 2026, due Mon 30 Nov 2026: still running.
    pytest.param(
        Case("2026-11-02", verdict="pending", due="2026-11-30"),
        id="woo-4.4-lid-1-term-still-running-is-pending",
    ),
    # Woo 4.4 lid 1 concerns the whole request: a deelbesluit leaves the rest undecided.
    pytest.param(
        Case("2026-09-07", decided=(("deelbesluit", "2026-10-01"),), verdict="overdue",
             due="2026-10-05", days_late=48, decision_late=True),
        id="woo-4.4-lid-1-deelbesluit-only-after-the-term-is-overdue",
    ),
    pytest.param(
        Case("2026-11-02", decided=(("deelbesluit", "2026-11-13"),), verdict="pending",
             due="2026-11-30", decision_late=None),
        id="woo-4.4-lid-1-deelbesluit-only-within-the-term-is-pending-not-on-time",
    ),
    pytest.param(
        Case("2026-09-07", decided=(("deelbesluit", "2026-10-01"), ("besluit", "2026-10-12")),
             verdict="late", due="2026-10-05", days_late=7, decision_late=True),
        id="woo-4.4-lid-1-timed-by-the-besluit-after-an-early-deelbesluit",
    ),
    # Woo 4.4 lid 2: verdaging notified Mon 28 Sep (in time): + 6 weeks = Mon 19 Oct 2026.
    pytest.param(
        Case("2026-09-07", events=(("extended", "2026-09-28"),),
             decided=(("besluit", "2026-10-16"),), verdict="on_time", due="2026-10-19",
             decision_late=False),
        id="woo-4.4-lid-2-verdaging-extends-the-term",
    ),
    # Awb 4:14 lid 1: whatever later day the verdaging letter names, the statutory term
    # counts: Woo 4.4 lid 2 gives Mon 19 Oct, so a besluit of Mon 26 Oct is late.
    pytest.param(
        Case("2026-09-07", events=(("extended", "2026-09-28"),),
             decided=(("besluit", "2026-10-26"),), verdict="late", due="2026-10-19",
             days_late=7, decision_late=True),
        id="awb-4.14-lid-1-a-later-date-named-by-the-authority-does-not-count",
    ),
    # Woo 4.4 lid 2: notified Tue 6 Oct, after the first term ended: no extension.
    pytest.param(
        Case("2026-09-07", events=(("extended", "2026-10-06"),),
             decided=(("besluit", "2026-10-16"),), verdict="late", due="2026-10-05",
             days_late=11, decision_late=True),
        id="woo-4.4-lid-2-late-verdaging-does-not-extend",
    ),
    # Awb 4:15: opschorting from the day after Mon 14 Sep "tot" Mon 21 Sep: 15-20 Sep, 6 days;
    # 7 Sep + 28 + 6 days = Sun 11 Oct, Atw art. 1 -> Mon 12 Oct 2026.
    pytest.param(
        Case("2026-09-07", events=(("suspended", "2026-09-14"), ("resumed", "2026-09-21")),
             decided=(("besluit", "2026-10-12"),), verdict="on_time", due="2026-10-12",
             decision_late=False),
        id="awb-4.15-opschorting-moves-the-term",
    ),
    # Woo 4.4 lid 3: zienswijze "tot en met" Mon 21 Sep: 15-21 Sep, 7 days = Mon 12 Oct.
    pytest.param(
        Case("2026-09-07",
             events=(("zienswijze_started", "2026-09-14"), ("zienswijze_ended", "2026-09-21")),
             decided=(("besluit", "2026-10-13"),), verdict="late", due="2026-10-12",
             days_late=1, decision_late=True),
        id="woo-4.4-lid-3-zienswijze-suspends-tot-en-met",
    ),
    # Woo 4.4 lid 2 with Awb 4:15: 6 days suspended make the first term end Mon 12 Oct, so
    # a verdaging notified Fri 9 Oct is in time; 7 Sep + 42 + 6 = Sun 25 Oct -> Mon 26 Oct.
    pytest.param(
        Case("2026-09-07",
             events=(("suspended", "2026-09-14"), ("resumed", "2026-09-21"),
                     ("extended", "2026-10-09")),
             decided=(("besluit", "2026-10-26"),), verdict="on_time", due="2026-10-26",
             decision_late=False),
        id="woo-4.4-lid-2-verdaging-after-suspension-with-suspended-days",
    ),
    pytest.param(
        Case("2026-09-07",
             events=(("suspended", "2026-09-14"), ("resumed", "2026-09-21"),
                     ("extended", "2026-10-09")),
             verdict="overdue", due="2026-10-26", days_late=27),
        id="woo-4.4-lid-2-verdaging-and-suspension-undecided-overdue",
    ),
    # Wob art. 6 lid 1-2: received Mon 1 Mar 2021, verdaging Wed 10 Mar: + 8 weeks = 26 Apr.
    pytest.param(
        Case("2021-03-01", events=(("extended", "2021-03-10"),),
             decided=(("besluit", "2021-04-20"),), verdict="on_time", due="2021-04-26",
             decision_late=False),
        id="wob-6-lid-2-verdaging-four-weeks",
    ),
    # A decision before receipt is a data problem, never "on time" (was "-309 days").
    pytest.param(
        Case("2026-09-07", decided=(("besluit", "2025-11-02"),), verdict="data_problem",
             decision_late=None),
        id="decision-before-receipt-is-a-data-problem",
    ),
    # Awb 2:20 [U]: sent Mon 7 Sep 2026 only: taken as received that day.
    pytest.param(
        Case(None, sent="2026-09-07", decided=(("besluit", "2026-10-12"),), verdict="late",
             due="2026-10-05", days_late=7, decision_late=True),
        id="awb-2.20-sent-only-receipt-assumed-on-the-sent-date",
    ),
    pytest.param(Case(None, verdict="unknown"), id="no-receipt-nor-sent-date-is-not-timed"),
    pytest.param(
        Case("2026-09-07", events=(("withdrawn", "2026-09-14"),), verdict="withdrawn"),
        id="withdrawn-is-not-judged",
    ),
    # A decision known only as an event (no letter) stands for the besluit.
    pytest.param(
        Case("2026-09-07", events=(("decision", "2026-10-02"),), verdict="on_time",
             due="2026-10-05"),
        id="woo-4.4-lid-1-decision-event-without-a-letter",
    ),
]  # fmt: skip


def _add(session: Session, case: Case) -> Request:
    request = tracker.add_request(
        session,
        authority="Gemeente Brugwijk",
        subject="s",
        today=TODAY,
        regime=case.regime,
        received=D(case.received) if case.received else None,
        sent=D(case.sent) if case.sent else None,
    )
    for kind, day in case.events:
        tracker.add_event(session, request.id, kind, D(day), today=TODAY)
    for kind, day in case.decided:
        _store(session, request, kind, day)
    session.flush()
    session.expire_all()
    return request


@pytest.mark.parametrize("case", CASES)
def test_timeliness(session: Session, case: Case) -> None:
    _add(session, case)
    data = reports.summary(session, TODAY)
    [request] = data["requests"]
    timing = request["timeliness"]
    assert timing["verdict"] == case.verdict, timing
    assert timing["due"] == case.due
    assert timing["days_late"] == case.days_late
    decision = request["decision"]
    if case.decided:
        assert decision is not None
        assert decision["late"] is case.decision_late
    [authority] = data["authorities"]
    late = case.verdict in ("late", "overdue")
    assert authority["late"] == int(late)
    assert authority["judged"] == int(case.verdict in ("on_time", "late", "overdue"))
    assert authority["overdue"] == int(case.verdict == "overdue")
    assert authority["decided_late"] == int(case.verdict == "late")
    assert authority["timed"] == int(case.verdict in ("on_time", "late"))
    assert authority["data_problems"] == int(case.verdict == "data_problem")
    assert authority["receipt_assumed"] == int(case.sent is not None and case.received is None)


def test_a_first_deelbesluit_is_never_on_time_for_the_request(session: Session) -> None:
    """Before: ``decision.late`` was False for an early deelbesluit of an overdue request."""
    request = _add(session, Case("2026-09-07", decided=(("deelbesluit", "2026-09-20"),)))
    [row] = reports.summary(session, TODAY)["requests"]
    assert row["decision"]["kind"] == "deelbesluit"
    assert row["decision"]["late"] is True
    assert row["timeliness"]["partial_decisions"] == [request.decisions[0].id]
    [authority] = reports.summary(session, TODAY)["authorities"]
    assert (authority["decided"], authority["timed"], authority["partial_only"]) == (1, 0, 1)


def test_shares_count_overdue_requests(session: Session) -> None:
    """One on time, one late, one overdue, one pending: late 2 of 3 judged."""
    for case in (
        Case("2026-09-07", decided=(("besluit", "2026-10-01"),)),
        Case("2026-09-07", decided=(("besluit", "2026-10-12"),)),
        Case("2026-09-07"),
        Case("2026-11-02"),
    ):
        _add(session, case)
    [authority] = reports.summary(session, TODAY)["authorities"]
    assert (authority["decided_late"], authority["timed"], authority["late_share"]) == (1, 2, 0.5)
    assert (authority["late"], authority["judged"], authority["late_judged_share"]) == (
        2,
        3,
        0.6667,
    )
    assert (authority["on_time"], authority["overdue"], authority["pending"]) == (1, 1, 1)
    assert authority["days_overdue"] == {"median": 48.0, "max": 48}


def _filled(db_url: str, *cases: Case) -> None:
    from wobtrack import db as database

    engine = database.make_engine(db_url)
    database.upgrade(engine)
    with Session(engine) as session, session.begin():
        for case in cases:
            _add(session, case)
    engine.dispose()


def test_cli_never_shows_a_negative_duration_as_on_time(run: Cli, db_url: str) -> None:
    _filled(db_url, Case("2026-09-07", decided=(("besluit", "2025-11-02"),)))
    out = run("summary").stdout
    assert "on time" not in out.split("\nAssumptions:\n")[0]
    assert (
        "  Decided Sun 2 Nov 2025 (besluit #1): DATA PROBLEM, a decision is dated Sun 2 Nov "
        "2025, 309 days before the request was received (Mon 7 Sep 2026): check the dates; "
        "not timed.\n"
    ) in out
    assert "Gemeente Brugwijk: requests 1 with a data problem\n" in out
    data = json.loads(run("summary", "--json").stdout)
    assert data["requests"][0]["decision"]["late"] is None
    assert data["requests"][0]["timeliness"]["verdict"] == "data_problem"


def test_cli_shows_overdue_deelbesluit_and_assumptions(run: Cli, db_url: str) -> None:
    _filled(
        db_url,
        Case("2026-09-07", decided=(("deelbesluit", "2026-10-01"),)),
        Case(None, sent="2026-11-02"),
    )
    out = run("summary").stdout
    assert (
        "  Deelbesluit Thu 1 Oct 2026 (#1) decides part of the request; due Mon 5 Oct 2026 "
        "(28 days): OVERDUE by 48 days, counted as late.\n"
    ) in out
    # Awb 2:20 [U]: sent Mon 2 Nov 2026, taken as received: due Mon 30 Nov 2026.
    assert (
        "  No decision yet; due Mon 30 Nov 2026 (28 days) (receipt assumed on the sent date): "
        "the term still runs.\n"
    ) in out
    assert (
        "Gemeente Brugwijk: requests 1 pending (term still running), 1 with deelbesluiten " in out
    )
    footer = out.split("\nAssumptions:\n")[1].splitlines()
    assert footer == [f"- {text}" for _, text in reports.ASSUMPTIONS]
    data: dict[str, Any] = json.loads(run("summary", "--json").stdout)
    assert data["assumptions"] == [{"key": k, "text": t} for k, t in reports.ASSUMPTIONS]
    assert data["requests"][1]["timeliness"]["receipt_assumed"] is True
    assert data["requests"][1]["received"] is None  # the stored date is not invented


def test_assumptions_name_their_articles() -> None:
    text = " ".join(t for _, t in reports.ASSUMPTIONS)
    for article in ("Woo 4.4 lid 1", "Woo 4.4 lid 2", "Woo 4.4 lid 3", "Wob art. 6 lid 1",
                    "Awb 4:15", "Awb 4:14 lid 1", "Awb 4:13", "Awb 2:20"):  # fmt: skip
        assert article in text
