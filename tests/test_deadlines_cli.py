"""The tracker's deadlines: derived from logged events, shown by `deadlines` and `request show`."""

from __future__ import annotations

import json

from tests.conftest import Cli


def _deadlines(run: Cli, *args: str) -> list[dict[str, object]]:
    return json.loads(run("deadlines", "--json", *args).stdout)  # type: ignore[no-any-return]


def test_awaiting_decision_shows_due_date_with_steps(run: Cli) -> None:
    # Woo 4.4 lid 1: received Mon 9 Nov 2026 + 28 days = Mon 7 Dec 2026.
    run("request", "add", "-a", "Gemeente", "-s", "camera's", "--received", "2026-11-09")
    rows = _deadlines(run)
    assert [(r["key"], r["due"], r["days_left"]) for r in rows] == [
        ("decision_due", "2026-12-07", 15),
        ("ingebrekestelling_from", "2026-12-08", 16),  # Awb 6:12: the day after the term
    ]
    assert rows[0]["request_id"] == 1
    assert rows[0]["authority"] == "Gemeente"
    shown = json.loads(run("request", "show", "1", "--json").stdout)
    assert shown["state"] == "awaiting_decision"
    assert shown["deadlines"][0]["basis"][0].startswith("Woo 4.4 lid 1")
    assert "Woo" in run("request", "show", "1").stdout.split("Deadlines:")[1]


def test_late_verdaging_is_stored_but_flagged_and_ignored(run: Cli) -> None:
    # Received Fri 2 Oct 2026; first term ends Fri 30 Oct; a verdaging notified Mon 2 Nov
    # is too late (Woo 4.4 lid 2) and must not move the due date.
    run("request", "add", "-a", "Gemeente", "-s", "x", "--received", "2026-10-02")
    run("event", "add", "1", "extended", "2026-11-02")
    shown = json.loads(run("request", "show", "1", "--json").stdout)
    assert [row["kind"] for row in shown["timeline"]] == ["received", "extended"]
    assert shown["flags"]
    assert shown["flags"][0]["event_id"] == 1
    assert shown["state"] == "overdue"
    rows = _deadlines(run)
    assert ("ingebrekestelling_from", "2026-10-31") in [(r["key"], r["due"]) for r in rows]


def test_within_filters_and_sorts_soonest_first(run: Cli) -> None:
    run("request", "add", "-a", "A", "-s", "later", "--received", "2026-11-20")
    run("request", "add", "-a", "B", "-s", "sooner", "--received", "2026-11-02")
    rows = _deadlines(run)
    assert [(r["request_id"], r["due"]) for r in rows] == [
        (2, "2026-11-30"),
        (2, "2026-12-01"),
        (1, "2026-12-18"),
        (1, "2026-12-19"),
    ]
    assert {r["request_id"] for r in _deadlines(run, "--within", "10")} == {2}


def test_withdrawn_request_has_no_deadlines(run: Cli) -> None:
    run("request", "add", "-a", "A", "-s", "x", "--received", "2026-11-20")
    run("event", "add", "1", "withdrawn", "2026-11-21")
    assert _deadlines(run) == []
    assert "No open deadlines." in run("deadlines").stdout
