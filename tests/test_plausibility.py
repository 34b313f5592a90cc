"""Plausibility of an imported letter against its request (issue 11).

Before issue 11 ``decision import`` accepted, without a word, a letter dated before the
request, a receipt date or item texts that differ from the request's and a ``--sent`` date
after today; the parser's warnings were stored but not shown, and ``review`` did not list
them. The letters are the sample letter and letters written for these tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, row_counts
from tests.pdfmaker import text_to_pdf
from tests.test_decision_facts import besluit_letter, objection_letter
from wobtrack.models import Decision
from wobtrack.plausibility import (
    LoggedItem,
    RequestDates,
    date_warnings,
    item_warnings,
    kind_warnings,
    text_similarity,
)

D = date.fromisoformat
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
WOO_LETTER = SAMPLES / "woo-besluit-2026.pdf"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


# --------------------------------------------------------------------------- pure: dates


@dataclass(frozen=True)
class DateRow:
    why: str
    sent_on: str | None
    received_on: str | None
    kind: str = "besluit"
    decision_date: str | None = "2026-03-20"
    sent: str | None = None
    request_received: str | None = None
    request_date: str | None = None
    today: str = "2026-04-01"
    expected: tuple[str, ...] = ()


DATE_ROWS = [
    DateRow("Woo 4.4 lid 1: all dates agree", "2026-02-07", "2026-02-09",
            request_received="2026-02-09", request_date="2026-02-07"),
    DateRow("Woo 4.4 lid 1: decided before receipt", None, "2026-04-01",
            expected=("before the request was received (Wed 1 Apr 2026)",)),
    DateRow("Woo 4.4 lid 1: decided before the request was sent", "2026-03-25", "2026-03-26",
            expected=("before the request was sent (Wed 25 Mar 2026)",)),
    DateRow("Awb 3:41: letter dated after today", None, "2026-02-09", decision_date="2026-04-02",
            expected=("after today (Wed 1 Apr 2026)",)),
    DateRow("Awb 6:8 + 3:41: --sent after today", None, "2026-02-09", sent="2026-04-03",
            expected=("--sent Fri 3 Apr 2026 is after today",)),
    DateRow("Woo 4.4 lid 1: the letter's receipt date differs", None, "2026-02-09",
            request_received="2026-02-10",
            expected=("received Tue 10 Feb 2026, the tracker says Mon 9 Feb 2026",
                      "--received 2026-02-10")),
    DateRow("Woo 4.4 lid 1: the letter gives the receipt date the tracker lacks",
            "2026-02-07", None, request_received="2026-02-09",
            expected=("the tracker has no receipt date: record it",)),
    DateRow("the request's own date differs from the sent date", "2026-02-07", "2026-02-09",
            request_date="2026-01-15",
            expected=("refers to a request dated Thu 15 Jan 2026",)),
    DateRow("Awb 7:10: a beslissing op bezwaar names the bezwaarschrift's dates", "2026-02-07",
            "2026-02-09", kind="bezwaar", request_received="2026-04-02",
            request_date="2026-03-30"),
]  # fmt: skip


@pytest.mark.parametrize("row", DATE_ROWS, ids=[row.why for row in DATE_ROWS])
def test_date_warnings(row: DateRow) -> None:
    request = RequestDates(
        7,
        D(row.sent_on) if row.sent_on else None,
        D(row.received_on) if row.received_on else None,
    )
    parsed = {"request_received": row.request_received, "request_date": row.request_date}
    found = date_warnings(
        request,
        kind=row.kind,
        decision_date=D(row.decision_date) if row.decision_date else None,
        sent=D(row.sent) if row.sent else None,
        parsed=parsed,
        today=D(row.today),
    )
    assert len(found) == (1 if row.expected else 0), found
    for words in row.expected:
        assert words in found[0]


# --------------------------------------------------------------------------- pure: items


def _entries(*texts: str | None) -> list[dict[str, Any]]:
    return [{"number": str(n), "text": t} for n, t in enumerate(texts, start=1)]


LOGGED = [
    LoggedItem("1", "het ontwerp van de herinrichting van het Marktplein"),
    LoggedItem("2", "de offertes van aannemers"),
]


def test_items_that_match_in_other_words_give_no_warning() -> None:
    letter = _entries("het ontwerp van de herinrichting", "offertes van de aannemers")
    assert item_warnings(LOGGED, letter, kind="besluit") == []


def test_one_item_that_reads_differently() -> None:
    letter = _entries("het ontwerp van de herinrichting", "de notulen van de gemeenteraad")
    assert item_warnings(LOGGED, letter, kind="besluit") == [
        "item 2 reads differently in the letter than in the request: check that the outcomes "
        "belong to the right items"
    ]


def test_no_item_matching_is_probably_another_request() -> None:
    letter = _entries("de notulen van de gemeenteraad", "de subsidies aan sportclubs")
    [warning] = item_warnings(LOGGED, letter, kind="besluit")
    assert warning.startswith("none of the 2 items the letter quotes reads like")


def test_a_besluit_with_another_number_of_items() -> None:
    letter = _entries("het ontwerp", "de offertes", "de planning")
    [warning] = item_warnings(LOGGED, letter, kind="besluit")
    assert warning.startswith("the letter lists 3 items, the request has 2")


@pytest.mark.parametrize(
    "kind",
    ["deelbesluit", "bezwaar"],
    ids=["a-deelbesluit-may-answer-fewer-items", "awb-7.10-bezwaar-numbers-its-grounds"],
)
def test_no_count_warning_for_partial_or_objection_decisions(kind: str) -> None:
    assert item_warnings(LOGGED, _entries("het ontwerp"), kind=kind) == []


def test_a_letter_answering_the_request_as_a_whole_is_not_compared() -> None:
    assert item_warnings(LOGGED, [{"number": "1", "text": None}], kind="besluit") == []


def test_text_similarity() -> None:
    assert text_similarity("de offertes", "De offertes van aannemers.") == 1.0
    assert text_similarity("de offertes van aannemers", "de notulen van de raad") < 0.5


def test_awb_7_1_bezwaar_without_a_besluit_on_the_request() -> None:
    assert kind_warnings("bezwaar", []) != []
    assert kind_warnings("bezwaar", ["besluit"]) == []
    assert kind_warnings("besluit", []) == []


# --------------------------------------------------------------------------- end to end


def _request(run: Cli, received: str, sent: str | None = None) -> None:
    run(
        "request", "add", "-a", "Gemeente Lindeburg", "-s", "Parkeerbeleid",
        "--received", received, *(("--sent", sent) if sent else ()),
        "--items-file", str(SAMPLES / "woo-verzoek-2026.txt"),
    )  # fmt: skip


def test_a_plausible_import_shows_only_the_parsers_warning(run: Cli) -> None:
    # The sample letter: request dated Sat 10 Jan 2026, received Mon 12 Jan 2026.
    _request(run, "2026-01-12", "2026-01-10")
    data = json.loads(run("decision", "import", "1", str(WOO_LETTER), "--json").stdout)
    assert data["import_warnings"] == []
    assert data["parser_warnings"] == [
        "item 6 is quoted but never answered (unanswered: a ground for bezwaar)"
    ]
    assert data["warnings"] == data["parser_warnings"]


def test_implausible_dates_are_printed_stored_and_reviewed(run: Cli, db_url: str) -> None:
    # Logged as received Sun 1 Mar 2026, after the letter of Fri 6 Feb 2026.
    _request(run, "2026-03-01")
    out = run("decision", "import", "1", str(WOO_LETTER)).stdout
    expected = [
        "! the letter is dated Fri 6 Feb 2026, before the request was received (Sun 1 Mar 2026)",
        "! the letter says the request was received Mon 12 Jan 2026, the tracker says Sun 1 Mar "
        "2026",
        "! Parser: item 6 is quoted but never answered",
        "These warnings are kept with the decision; `wobtrack review` lists them.",
    ]
    for line in expected:
        assert line in out
    [decision] = json.loads(run("request", "show", "1", "--json").stdout)["decisions"]
    assert len(decision["warnings"]) == 3  # the parser's and the two above
    review = run("review").stdout
    assert "Request 1 decision 1 (woo-besluit-2026.pdf):\n" in review
    assert "    ! the letter is dated Fri 6 Feb 2026, before the request was received" in review
    rows = json.loads(run("review", "--json").stdout)
    [row] = [r for r in rows if r["kind"] == "decision"]
    assert (row["request_id"], row["decision_id"], row["decision_kind"]) == (1, 1, "besluit")
    assert row["warnings"] == decision["warnings"]
    assert row["number"] is None  # the keys of an item row, for readers of item rows
    assert {r["kind"] for r in rows} == {"item", "decision"}
    assert row_counts(db_url, Decision) == {"decisions": 1}


def test_sent_after_today_is_a_warning(run: Cli) -> None:
    _request(run, "2026-01-12")
    late = Cli(run.db_url, today=D("2026-02-08"))
    data = json.loads(
        late("decision", "import", "1", str(WOO_LETTER), "--sent", "2026-02-10", "--json").stdout
    )
    [warning] = data["import_warnings"]
    assert warning.startswith("--sent Tue 10 Feb 2026 is after today (Sun 8 Feb 2026)")
    assert "Awb 6:8" in warning


def test_items_of_another_request_are_a_warning(run: Cli, tmp_path: Path) -> None:
    run(
        "request", "add", "-a", "Gemeente Brugwijk", "-s", "Sportclubs", "--received",
        "2026-02-09", "--item", "de subsidiebesluiten voor sportclubs",
        "--item", "de evaluatie van de sportnota",
    )  # fmt: skip
    letter = text_to_pdf(besluit_letter(), tmp_path / "besluit.pdf")
    data = json.loads(run("decision", "import", "1", str(letter), "--json").stdout)
    assert any(w.startswith("none of the 2 items") for w in data["import_warnings"])


def test_beslissing_op_bezwaar_is_recognised_and_said(run: Cli, tmp_path: Path) -> None:
    run("request", "add", "-a", "Gemeente Brugwijk", "-s", "Marktplein", "--received", "2026-02-09")
    letter = text_to_pdf(objection_letter(), tmp_path / "beslissing-op-bezwaar.pdf")
    out = run("decision", "import", "1", str(letter)).stdout
    assert "The letter is a beslissing op bezwaar." in out
    assert "Awb 6:7" in out
    assert "! a beslissing op bezwaar, but no besluit on this request is recorded" in out
    # The bezwaarschrift's receipt date (Thu 2 Apr 2026) is not compared with the request's.
    assert "the letter says the request was received" not in out


def test_a_decision_sent_after_today_is_flagged_wherever_deadlines_show(run: Cli) -> None:
    """Awb 3:41: a decision counts from its dispatch; one recorded as sent after today is
    ignored until then, so listings warn instead of only offering an ingebrekestelling."""
    _request(run, "2026-01-12")
    run("decision", "import", "1", str(WOO_LETTER), "--sent", "2026-12-01")
    text = "Check the dates: a decision (besluit #1) is recorded as sent Tue 1 Dec 2026"
    assert f"  ! {text}" in run("deadlines").stdout
    assert f"  ! {text}" in run("remind").stdout
    shown = json.loads(run("request", "show", "1", "--json").stdout)
    assert shown["warnings"][0].startswith(text)
    assert any(
        w.startswith(text) for w in run("draft", "ingebrekestelling", "1").stderr.split("Warning: ")
    )


def test_batch_import_reports_a_letter_that_does_not_fit_its_request(run: Cli) -> None:
    """``wobtrack import --request``: the plausibility warnings make the file 'needs review'."""
    _request(run, "2026-03-01")
    out = run("import", str(WOO_LETTER), "--request", "1").stdout
    assert out.startswith("needs review  woo-besluit-2026.pdf: attached existing request 1")
    assert "before the request was received (Sun 1 Mar 2026)" in out
