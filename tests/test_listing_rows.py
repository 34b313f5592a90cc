"""The row-based, streamed loaders of the listings give what the ORM-object paths give."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from tests.conftest import Cli
from tests.sample_tracker import TODAY, populate
from wobtrack import decisions, exchange, overview, reports, tracker
from wobtrack.cli import decisions as cli_decisions
from wobtrack.cli.render import render_summary
from wobtrack.items import ItemText
from wobtrack.models import ItemOutcome, RequestItem
from wobtrack.safetext import escape_json_controls


def _populated(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        populate(session)
        # A later deelbesluit on request 2: the newest decision's proposal counts.
        decisions.import_parsed_decision(
            session, 2,
            {"decision_date": "2026-11-02", "kind": "deelbesluit", "items": [
                {"number": "1", "outcomes": ["granted"], "evidence": []}]},
            file_name="deel.pdf", sha256="c" * 64, parser_version="test", kind="deelbesluit",
        )  # fmt: skip
        # Two corrections of one item: the newest wins; one naming references.
        decisions.set_outcome(session, 1, "3", ["refused"], grounds=["5.1.2e"])
        decisions.set_outcome(
            session, 1, "3", ["referred"], references=["https://voorbeeldstad.nl/camera"]
        )


def test_final_outcomes_from_rows_equal_final_outcome_per_item(engine: Engine) -> None:
    _populated(engine)
    with Session(engine) as session:
        requests = tracker.list_requests(session)
        expected = [[decisions.final_outcome(item) for item in r.items] for r in requests]
        ids = [r.id for r in requests]
        from_rows = list(decisions.final_outcomes_of(session, ids))
        without_evidence = list(decisions.final_outcomes_of(session, ids, evidence=False))
    assert any(len(finals) > 1 for finals in expected)
    assert any(f.source == "person" for finals in expected for f in finals)
    assert from_rows == expected
    assert without_evidence == [[replace(f, evidence=()) for f in fs] for fs in expected]


def test_final_outcomes_of_requests_without_items_are_empty(engine: Engine) -> None:
    _populated(engine)
    with Session(engine) as session:
        # Ids the tracker does not hold (0, 999) and gaps get no items.
        got = list(decisions.final_outcomes_of(session, [0, 1, 999]))
        first = [decisions.final_outcome(item) for item in tracker.get_request(session, 1).items]
    assert got == [[], first, []]


def test_streamed_json_export_is_the_document_byte_for_byte(engine: Engine) -> None:
    _populated(engine)
    with Session(engine) as session:
        pieces = list(exchange.export_json_pieces(session, TODAY))
        document = exchange.export_document(session, TODAY)
    assert document["deadlines"]
    assert document["item_outcomes"]
    assert "".join(pieces) == exchange.dumps_json(document)


def test_streamed_json_export_of_an_empty_database(engine: Engine) -> None:
    with Session(engine) as session:
        streamed = "".join(exchange.export_json_pieces(session, TODAY))
        document = exchange.export_document(session, TODAY)
    assert document["requests"] == []
    assert streamed == exchange.dumps_json(document)


def test_review_items_are_the_final_outcomes_that_need_review(engine: Engine) -> None:
    # review judges only the items its raw-column check lets through: none may be lost.
    _populated(engine)
    with Session(engine) as session:
        # A flag alone, and "unanswered" alone, each call for review.
        outcomes = session.scalars(select(ItemOutcome).order_by(ItemOutcome.id)).all()
        outcomes[0].needs_review, outcomes[0].flags = False, ["a flag"]
        outcomes[1].needs_review, outcomes[1].outcomes = False, ["refused", "unanswered"]
        # Only an older decision's proposal is in doubt: the newest one counts, no review.
        item = session.scalars(
            select(RequestItem).where(RequestItem.request_id == 2, RequestItem.number == "1")
        ).one()
        older, newer = sorted(item.outcomes, key=lambda o: o.decision.decision_date or TODAY)
        older.needs_review, older.flags = True, ["older doubt"]
        newer.needs_review, newer.flags = False, []
        session.commit()
        expected = [
            (r.id, final)
            for r in tracker.list_requests(session)
            for final in (decisions.final_outcome(item) for item in r.items)
            if final.source == "parser"
            and (final.needs_review or final.flags or "unanswered" in final.outcomes)
        ]
        got = [(found.request_id, found.final) for found in decisions.items_needing_review(session)]
    assert any(final.flags and not final.needs_review for _, final in expected)
    assert any("unanswered" in final.outcomes and not final.needs_review for _, final in expected)
    assert got == expected
    assert all(final.flags != ("older doubt",) for _, final in got)


def _listed(engine: Engine) -> tuple[str, list[tuple[str, str]], list[Any]]:
    """Request 5's state and open deadlines as the listings show them, and its summary items."""
    with Session(engine) as session:
        (found,) = [o for o in overview.load_overviews(session) if o.id == 5]
        status = found.status(TODAY)
        deadlines = [
            (d.deadline.key, d.deadline.due.isoformat())
            for d in overview.open_deadlines(session, TODAY)
            if d.request.id == 5
        ]
        (summarised,) = [r for r in reports.summary(session, TODAY)["requests"] if r["id"] == 5]
    return status.state, deadlines, [(i["outcomes"], i["source"]) for i in summarised["items"]]


def test_listings_follow_every_change_of_events_decisions_and_corrections(engine: Engine) -> None:
    # Nothing the listings derive outlives a change: the engine's caches are keyed by the
    # dates and facts they are computed from, within one process as across processes.
    _populated(engine)
    with Session(engine) as session, session.begin():
        tracker.add_request(
            session,
            authority="Gemeente Elders",
            subject="Verkeersbesluiten",
            today=TODAY,
            received=date(2026, 11, 2),
            items=[ItemText("1", "onderdeel 1")],
        )
    state, first, items = _listed(engine)
    assert state == "awaiting_decision"
    assert ("decision_due", "2026-11-30") in first
    assert items == [([], "none")]

    with Session(engine) as session, session.begin():
        event = tracker.add_event(session, 5, "extended", date(2026, 11, 10), today=TODAY).event
        assert event is not None
        event_id = event.id
    state, deadlines, _ = _listed(engine)
    assert ("decision_extended_due", "2026-12-14") in deadlines
    assert ("decision_due", "2026-11-30") not in deadlines

    with Session(engine) as session, session.begin():
        tracker.delete_event(session, event_id)
    assert _listed(engine)[1] == first

    with Session(engine) as session, session.begin():
        decisions.import_parsed_decision(
            session, 5,
            {"decision_date": "2026-11-16", "kind": "besluit", "items": [
                {"number": "1", "outcomes": ["refused"], "grounds": ["5.1.2e"], "evidence": []}]},
            file_name="besluit-5.pdf", sha256="d" * 64, parser_version="test", kind="besluit",
        )  # fmt: skip
    state, deadlines, items = _listed(engine)
    assert state == "decided"
    assert [key for key, _ in deadlines] == ["bezwaar_end", "bezwaar_post_receipt"]
    assert items == [(["refused"], "parser")]

    with Session(engine) as session, session.begin():
        decisions.set_outcome(session, 5, "1", ["granted"])
    assert _listed(engine)[2] == [(["granted"], "person")]


def test_streamed_summary_is_the_document_byte_for_byte(
    engine: Engine, run: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    _populated(engine)
    monkeypatch.setattr(cli_decisions, "_SUMMARY_CHUNK", 2)  # pieces of 2, 2 and 0 requests
    with Session(engine) as session:
        data = reports.summary(session, TODAY)
    assert len(data["requests"]) == 4
    text = run("summary").stdout
    assert text == render_summary(data) + "\n"
    as_json = run("summary", "--json").stdout
    assert as_json == escape_json_controls(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


def test_streamed_csv_export_is_the_tables_byte_for_byte(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _populated(engine)
    monkeypatch.setattr(exchange, "CHUNK_ROWS", 2)
    with Session(engine) as session:
        expected = exchange.csv_tables(exchange.export_document(session, TODAY))
        written = exchange.write_csv_export(session, TODAY, tmp_path)
    assert [path.name for path in written] == [f"{key}.csv" for key in expected]
    for path in written:
        assert path.read_bytes().decode("utf-8") == expected[path.stem]
    assert expected["items"].count("\n") > 3  # more than one piece
