"""Correcting imports and mistakes: decision list/show/delete, item edit/delete, outcome
reset and ``outcome set --reference``; each on SQLite and PostgreSQL, each atomic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import TODAY, Cli, row_counts
from wobtrack import corrections
from wobtrack.decisions import final_outcome, import_decision, set_outcome
from wobtrack.errors import InvalidInput, NotFound
from wobtrack.items import ItemText
from wobtrack.models import Decision, Event, ItemOutcome, OutcomeCorrection, RequestItem
from wobtrack.tracker import add_request, get_request

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
WOO_LETTER = SAMPLES / "woo-besluit-2026.pdf"
EVALUATION_URL = "https://open.lindeburg.nl/woo/2025/evaluatie-parkeerbeleid-binnenstad-eindrapport"
MODELS = (Decision, Event, ItemOutcome, OutcomeCorrection, RequestItem)


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _count(session: Session, model: type[object]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0  # type: ignore[arg-type]


def _request_with_letter(session: Session) -> int:
    """Items 1-3 and 9 logged; the letter answers 1-8, so its import adds 4-8."""
    texts = [ItemText("1", "a"), ItemText("2", "b"), ItemText("3", "c"), ItemText("9", "extra")]
    request = add_request(
        session, authority="Gemeente Lindeburg", subject="x", today=TODAY,
        received=TODAY.replace(month=1, day=12), items=texts,
    )  # fmt: skip
    import_decision(session, request.id, WOO_LETTER)
    return request.id


def test_delete_decision_removes_what_its_import_added(session: Session) -> None:
    request_id = _request_with_letter(session)
    decision = get_request(session, request_id).decisions[0]
    set_outcome(session, request_id, "5", ["granted"], note="checked by hand")
    assert [d.id for d in corrections.list_decisions(session, request_id)] == [decision.id]
    assert _count(session, Event) == 1  # the decision event

    deleted = corrections.delete_decision(session, decision.id)

    assert (deleted.events, deleted.items) == (1, ["4", "6", "7", "8"])
    request = get_request(session, request_id)
    # Item 5 stays: a person corrected it. The correction stays, no longer naming the letter.
    assert [item.number for item in request.items] == ["1", "2", "3", "9", "5"]
    assert [(c.note, c.decision_id) for c in request.items[-1].corrections] == [
        ("checked by hand", None)
    ]
    assert [_count(session, m) for m in (Decision, ItemOutcome, Event)] == [0, 0, 0]
    assert request.items[-1].added_from_decision_id is None
    with pytest.raises(NotFound, match=f"no decision with id {decision.id}"):
        corrections.delete_decision(session, decision.id)


def test_decision_details(session: Session) -> None:
    request_id = _request_with_letter(session)
    decision_id = get_request(session, request_id).decisions[0].id
    data = corrections.decision_details(session, decision_id)
    assert (data["request_id"], data["item_count"], data["file"]) == (
        request_id,
        9,
        "woo-besluit-2026.pdf",
    )
    assert [e["kind"] for e in data["events"]] == ["decision"]
    assert [(i["number"], i["outcomes"]) for i in data["items"][:3]] == [
        ("1", ["referred"]),
        ("2", ["partly_granted"]),
        ("3", ["refused"]),
    ]
    with pytest.raises(NotFound, match="no request with id 99"):
        corrections.list_decisions(session, 99)


def test_edit_and_delete_item(session: Session) -> None:
    request_id = _request_with_letter(session)
    assert corrections.edit_item(session, request_id, " 3 ", "  de memo's  ").text == "de memo's"
    assert corrections.edit_item(session, request_id, "3", " ").text is None
    outcomes = _count(session, ItemOutcome)
    corrections.delete_item(session, request_id, "2")
    assert "2" not in [item.number for item in get_request(session, request_id).items]
    assert _count(session, ItemOutcome) == outcomes - 1
    with pytest.raises(NotFound, match=r"has no item '2' \(items: 1, 3, 9, 4, 5, 6, 7, 8\)"):
        corrections.edit_item(session, request_id, "2", "x")


def test_reset_outcome_gives_the_parser_its_say_again(session: Session) -> None:
    request_id = _request_with_letter(session)
    with pytest.raises(InvalidInput, match="has no correction to drop"):
        corrections.reset_outcome(session, request_id, "3")
    set_outcome(session, request_id, "3", ["granted"])
    set_outcome(session, request_id, "3", ["partly_granted"], grounds=["5.1.2e"])
    result = corrections.reset_outcome(session, request_id, "3")
    assert result.dropped == 2
    assert (result.final.outcomes, result.final.source) == (("refused",), "parser")
    assert _count(session, OutcomeCorrection) == 0


def test_outcome_reference_replaces_the_parsers(session: Session) -> None:
    request_id = _request_with_letter(session)
    item = next(i for i in get_request(session, request_id).items if i.number == "1")
    assert final_outcome(item).references == ({"kind": "url", "value": EVALUATION_URL},)
    set_outcome(session, request_id, "1", ["referred"], grounds=["5.2"])
    assert final_outcome(item).references == ({"kind": "url", "value": EVALUATION_URL},)
    url = "https://open.lindeburg.nl/woo/2025/other"
    set_outcome(session, request_id, "1", ["referred"], references=[url, url])
    assert final_outcome(item).references == ({"kind": "url", "value": url},)
    for bad in ("open.lindeburg.nl/x", "ftp://x/y", "https://", "https://a b"):
        with pytest.raises(InvalidInput, match="is not a web address"):
            set_outcome(session, request_id, "1", ["referred"], references=[bad])


def _cli_request(run: Cli) -> None:
    run("request", "add", "-a", "Gemeente Lindeburg", "-s", "x", "--received", "2026-01-12",
        "--item", "a", "--item", "b", "--item", "c", "--item", "9. extra")  # fmt: skip
    run("decision", "import", "1", str(WOO_LETTER))


def test_decision_commands(run: Cli, db_url: str) -> None:
    assert "No decisions yet" in run("decision", "list").stdout
    _cli_request(run)
    rows = json.loads(run("decision", "list", "--json").stdout)
    assert [(r["id"], r["request_id"], r["kind"], r["item_count"]) for r in rows] == [
        (1, 1, "besluit", 9)
    ]
    assert rows == json.loads(run("decision", "list", "1", "--json").stdout)
    # The rows keep the shape of `request show --json` decisions, with fields added.
    shown = json.loads(run("request", "show", "1", "--json").stdout)["decisions"][0]
    assert {k: rows[0][k] for k in shown} == shown
    assert run("decision", "list").stdout.splitlines()[1].split()[:5] == [
        "1", "1", "besluit", "2026-02-06", "9"
    ]  # fmt: skip
    details = json.loads(run("decision", "show", "1", "--json").stdout)
    assert [i["number"] for i in details["items"]] == ["1", "2", "3", "9", *"45678"]
    assert (
        "Decision 1 of request 1: besluit woo-besluit-2026.pdf"
        in run("decision", "show", "1").stdout
    )
    before = row_counts(db_url, *MODELS)
    run.fails("decision", "show", "2", message="no decision with id 2")
    run.fails("decision", "list", "7", message="no request with id 7")
    run.fails("decision", "delete", "2", "--yes", message="no decision with id 2")
    refused = run("decision", "delete", "1", input="n\n", ok=False)
    assert refused.exit_code != 0
    assert row_counts(db_url, *MODELS) == before
    deleted = run("decision", "delete", "1", "--yes").stdout
    assert deleted == (
        "Deleted decision 1 of request 1 and 1 event(s) it recorded.\n"
        "Removed the items it had added: 4, 5, 6, 7, 8.\n"
    )
    assert row_counts(db_url, *MODELS) == {
        "decisions": 0, "events": 0, "item_outcomes": 0, "outcome_corrections": 0,
        "request_items": 4,
    }  # fmt: skip
    assert json.loads(run("request", "show", "1", "--json").stdout)["state"] != "closed"


def test_item_and_outcome_commands(run: Cli, db_url: str) -> None:
    _cli_request(run)
    run("item", "edit", "1", "3", "--text", "de memo's")
    items = json.loads(run("request", "show", "1", "--json").stdout)["items"]
    assert items[2] == {"number": "3", "text": "de memo's", "added_from_decision": None}
    url = "https://open.lindeburg.nl/woo/2025/memo"
    out = run("outcome", "set", "1", "3", "referred", "--reference", url).stdout
    assert out == f"Item 3 of request 1: referred (see {url}).\n"
    review = json.loads(run("decision", "import", "1", str(WOO_LETTER), "--json").stdout)
    item3 = next(i for i in review["items"] if i["number"] == "3")
    assert (item3["source"], item3["references"]) == ("person", [{"kind": "url", "value": url}])
    reset = json.loads(run("outcome", "reset", "1", "3", "--json").stdout)
    assert (reset["outcomes"], reset["source"], reset["references"]) == (["refused"], "parser", [])
    before = row_counts(db_url, *MODELS)
    run.fails("outcome", "reset", "1", "3", message="has no correction to drop")
    run.fails("outcome", "set", "1", "3", "referred", "--reference", "x", message="web address")
    run.fails("item", "edit", "1", "77", "--text", "x", message="has no item '77'")
    run.fails("item", "delete", "1", "77", "--yes", message="has no item '77'")
    run.fails("item", "delete", "5", "1", "--yes", message="no request with id 5")
    assert row_counts(db_url, *MODELS) == before
    assert run("item", "delete", "1", "3", "--yes").stdout == "Deleted item 3 of request 1.\n"
    after = row_counts(db_url, *MODELS)
    assert (after["request_items"], after["item_outcomes"]) == (
        before["request_items"] - 1,
        before["item_outcomes"] - 1,
    )
    run("outcome", "set", "1", "2", "granted")
    assert "Dropped 1 correction(s) of item 2 of request 1; it is partly_granted again" in (
        run("outcome", "reset", "1", "2").stdout
    )
