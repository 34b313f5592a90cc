"""``export --flat``: one row per item or per inventory document, as CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.goldens import assert_golden
from tests.sample_tracker import populate_url
from wobtrack import flat

GOLDENS = Path(__file__).parent / "data" / "flat"


@pytest.mark.parametrize(
    ("kind", "fmt"),
    [("items", "csv"), ("items", "json"), ("documents", "csv"), ("documents", "json")],
)
def test_flat_export_is_golden(run: Cli, kind: str, fmt: str) -> None:
    populate_url(run.db_url)
    result = run("export", "--flat", kind, "--format", fmt)
    assert_golden(GOLDENS / f"{kind}.{fmt}", result.stdout)


def test_flat_items_rows(run: Cli) -> None:
    populate_url(run.db_url)
    rows = json.loads(run("export", "--flat", "--format", "json").stdout)
    assert len(rows) == 9  # every item of every request, decided or not
    assert list(rows[0]) == list(flat.ITEM_COLUMNS)
    by_item = {(r["request_id"], r["item_number"]): r for r in rows}
    # Request 1: received Tue 1 Sep 2026, verdaging in time: due Tue 13 Oct 2026 (Woo 4.4
    # lid 1-2); besluit Tue 6 Oct 2026: 35 days, on time.
    first = by_item[(1, "2")]
    assert (first["days_to_decision"], first["decision_due"], first["late"]) == (
        35,
        "2026-10-13",
        False,
    )
    # The person's correction counts, not the parser's proposal.
    assert (first["outcomes"], first["grounds"], first["outcome_source"]) == (
        ["partly_granted"],
        ["5.1.2e", "5.2"],
        "person",
    )
    assert first["tags"] == ["camera's", "follow-up"]
    # Request 2: due Mon 5 Oct 2026 (Woo 4.4 lid 1); besluit Mon 19 Oct 2026: 42 days, late.
    late = by_item[(2, "1")]
    assert (late["days_to_decision"], late["late"], late["referral_only"]) == (42, True, True)
    assert late["references"] == ["url:https://x.nl/b"]
    # Request 3: never decided.
    undecided = by_item[(3, "1")]
    assert (undecided["outcomes"], undecided["late"], undecided["outcome_source"]) == (
        [],
        None,
        "none",
    )


def test_csv_neutralises_formulas_and_can_start_with_a_bom(run: Cli) -> None:
    populate_url(run.db_url)
    text = run("export", "--flat", "documents", "--format", "csv", "--bom").stdout
    assert text.startswith("\ufeffrequest_id,")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0]["title"] == "'=Notulen overleg"  # not run as a formula


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6", "'+31 6"),
        ("-x", "'-x"),
        ("@SUM", "'@SUM"),
        ("a=b", "a=b"),
        (" \t=1+1", "' \t=1+1"),  # issue 11: a formula after leading whitespace
        ("\n=1+1", "'\n=1+1"),
        ("a\x1b]0;t\x07b", "ab"),  # no escape sequence reaches a terminal
    ],
)
def test_safe_cell(text: str, cell: str) -> None:
    assert flat.safe_cell(text) == cell


def test_flat_export_to_a_folder(run: Cli, tmp_path: Path) -> None:
    populate_url(run.db_url)
    result = run("export", "--flat", "--format", "csv", "--out", str(tmp_path))
    assert result.stdout == f"Wrote 9 rows to {tmp_path / 'flat-items.csv'}.\n"
    assert (tmp_path / "flat-items.csv").read_text(encoding="utf-8") == run(
        "export", "--flat", "--format", "csv"
    ).stdout


def test_bom_is_for_csv_only(run: Cli) -> None:
    run.fails("export", "--flat", "--bom", message="--bom is for CSV")
    run.fails("export", "--bom", message="--bom is for the flat CSV export")


def test_a_decision_before_receipt_is_not_on_time(run: Cli, db_url: str) -> None:
    """Issue 11: a besluit dated 299 days before receipt is a data problem, never "not late"."""
    from datetime import date

    from sqlalchemy.orm import Session

    from tests.sample_tracker import TODAY, _item, decide
    from wobtrack import db as database
    from wobtrack import tracker
    from wobtrack.items import ItemText

    engine = database.make_engine(db_url)
    database.upgrade(engine)
    with Session(engine) as session, session.begin():
        request = tracker.add_request(
            session, authority="A", subject="s", today=TODAY, received=date(2026, 9, 7),
            items=[ItemText("1", "het ontwerp")],
        )  # fmt: skip
        decide(session, request, "b.pdf", "2025-11-12", [_item("1", ["granted"])])
    engine.dispose()
    [row] = json.loads(run("export", "--flat", "items", "--format", "json").stdout)
    assert (row["days_to_decision"], row["decision_due"]) == (-299, "2026-10-05")
    assert row["late"] is None
