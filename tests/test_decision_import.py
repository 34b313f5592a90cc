"""Importing decision letters into the tracker, corrections, review and referral summary."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, row_counts
from wobtrack.models import Decision, Event, ItemOutcome, OutcomeCorrection, RequestItem

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
WOO_LETTER = SAMPLES / "woo-besluit-2026.pdf"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _woo_request(run: Cli, *extra: str) -> None:
    run(
        "request", "add", "-a", "Gemeente Lindeburg", "-s", "Parkeerbeleid",
        "--received", "2026-01-12",
        "--items-file", str(SAMPLES / "woo-verzoek-2026.txt"), *extra,
    )  # fmt: skip


def _counts(db_url: str) -> dict[str, int]:
    return row_counts(db_url, Decision, ItemOutcome, OutcomeCorrection, RequestItem, Event)


def _import(run: Cli, *args: str) -> dict[str, object]:
    result = run("decision", "import", *args, "--json")
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_import_stores_outcomes_per_item(run: Cli) -> None:
    _woo_request(run)
    data = _import(run, "1", str(WOO_LETTER))
    outcomes = {item["number"]: item["outcomes"] for item in data["items"]}  # type: ignore[attr-defined]
    assert outcomes == {
        "1": ["referred"],
        "2": ["partly_granted"],
        "3": ["refused"],
        "4": ["granted"],
        "5": ["forwarded"],
        "6": ["unanswered"],
        "7": ["partly_granted"],
        "8": ["not_held"],
    }
    shown = json.loads(run("request", "show", "1", "--json").stdout)
    assert shown["state"] == "closed"  # on 22 Nov 2026 every remedy term has passed
    ten_days_later = Cli(run.db_url, today=date(2026, 2, 16))
    shown = json.loads(ten_days_later("request", "show", "1", "--json").stdout)
    assert shown["state"] == "decided"
    decision = shown["decisions"][0]
    assert (decision["decision_date"], decision["bekendmaking"]) == ("2026-02-06", "2026-02-06")
    assert decision["reference"] == "Z/26/004512"
    # Awb 6:7/6:8: bekendmaking Fri 6 Feb 2026 + 42 days = Fri 20 Mar 2026.
    keys = {d["key"]: d["due"] for d in shown["deadlines"]}
    assert keys["bezwaar_end"] == "2026-03-20"


def test_sent_date_moves_the_bezwaar_term(run: Cli) -> None:
    _woo_request(run)
    _import(run, "1", str(WOO_LETTER), "--sent", "2026-02-09")
    shown = json.loads(
        Cli(run.db_url, today=date(2026, 2, 16))("request", "show", "1", "--json").stdout
    )
    assert shown["decisions"][0]["bekendmaking"] == "2026-02-09"
    # Mon 9 Feb 2026 + 42 days = Mon 23 Mar 2026 (Awb 6:8 lid 1, 3:41).
    assert {d["key"]: d["due"] for d in shown["deadlines"]}["bezwaar_end"] == "2026-03-23"


def test_importing_the_same_file_twice_changes_nothing(run: Cli, db_url: str) -> None:
    _woo_request(run)
    _import(run, "1", str(WOO_LETTER))
    before = _counts(db_url)
    again = _import(run, "1", str(WOO_LETTER))
    assert again["created"] is False
    assert _counts(db_url) == before
    assert "already imported" in run("decision", "import", "1", str(WOO_LETTER)).stdout


def test_items_missing_on_either_side_are_flagged(run: Cli) -> None:
    # The tracker knows items 1-3 and 9; the letter answers 1-8.
    run("request", "add", "-a", "Gemeente Lindeburg", "-s", "x", "--received", "2026-01-12",
        "--item", "a", "--item", "b", "--item", "c", "--item", "9. extra")  # fmt: skip
    data = _import(run, "1", str(WOO_LETTER))
    assert data["added_items"] == ["4", "5", "6", "7", "8"]
    assert data["unanswered_items"] == ["9"]
    review = json.loads(run("review", "--json").stdout)
    flagged = {row["number"]: row["flags"] for row in review}
    assert flagged["9"] == ["not addressed in the letter"]
    assert flagged["4"] == ["in the letter but not logged with the request"]


def test_correction_wins_over_the_parser(run: Cli, db_url: str) -> None:
    _woo_request(run)
    _import(run, "1", str(WOO_LETTER))
    run("outcome", "set", "1", "3", "partly-granted", "refused", "-g", "5.2",
        "--note", "Deel van de memo's is wel verstrekt")  # fmt: skip
    shown = json.loads(run("decision", "import", "1", str(WOO_LETTER), "--json").stdout)
    item3 = next(i for i in shown["items"] if i["number"] == "3")
    assert item3["outcomes"] == ["partly_granted", "refused"]
    assert item3["grounds"] == ["5.2"]
    assert item3["source"] == "person"
    assert _counts(db_url)["outcome_corrections"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["1", "9", "granted"], "has no item '9'", id="unknown-item"),
        pytest.param(["1", "3", "approved"], "unknown outcome approved", id="unknown-outcome"),
        pytest.param(
            ["1", "3", "refused", "-g", "artikel 99"], "cannot read refusal ground", id="bad-ground"
        ),
        pytest.param(["7", "3", "refused"], "no request with id 7", id="unknown-request"),
    ],
)
def test_outcome_set_bad_input(run: Cli, db_url: str, args: list[str], message: str) -> None:
    _woo_request(run)
    before = _counts(db_url)
    run.fails("outcome", "set", *args, message=message)
    assert _counts(db_url) == before


def test_referral_only_summary(run: Cli) -> None:
    _woo_request(run)
    _import(run, "1", str(WOO_LETTER))
    data = json.loads(run("summary", "--referral-only", "--json").stdout)
    [request] = data["requests"]
    assert [item["number"] for item in request["items"]] == ["1"]
    assert request["items"][0]["references"][0]["kind"] == "url"
    [authority] = data["authorities"]
    assert (authority["referral_only"], authority["items_decided"]) == (1, 8)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"", "empty", id="empty"),
        pytest.param(b"hello, not a pdf", "not a PDF", id="not-pdf"),
        pytest.param(b"%PDF-1.4\n1 0 obj <<", "", id="corrupt"),
    ],
)
def test_bad_letter_writes_nothing(
    run: Cli, db_url: str, tmp_path: Path, content: bytes, message: str
) -> None:
    _woo_request(run)
    before = _counts(db_url)
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(content)
    run.fails("decision", "import", "1", str(letter), message=message)
    assert _counts(db_url) == before


def test_sent_before_letter_date_is_refused(run: Cli, db_url: str) -> None:
    _woo_request(run)
    before = _counts(db_url)
    result = run("decision", "import", "1", str(WOO_LETTER), "--sent", "2026-02-01", ok=False)
    assert "before the letter's date 2026-02-06" in result.stderr
    assert _counts(db_url) == before


def test_letter_without_a_date_needs_sent(run: Cli, tmp_path: Path) -> None:
    from tests.pdfmaker import text_to_pdf

    letter = tmp_path / "undated.pdf"
    text_to_pdf("Geachte heer,\n\nIk maak de gevraagde documenten openbaar.\n", letter)
    run("request", "add", "-a", "A", "-s", "x", "--received", "2026-01-12")
    result = run("decision", "import", "1", str(letter), ok=False)
    assert "--sent" in result.stderr
    data = _import(run, "1", str(letter), "--sent", "2026-02-02")
    assert data["created"] is True


# A `decision import` whose extraction takes as long as the test wants: it signals that it
# has started, then waits for the test to release it (at most two minutes).
_SLOW_IMPORT = """
import sys, time
from pathlib import Path
from wobtrack.parsing import pdftext
db, letter, started, release = sys.argv[1:5]
real = pdftext.extract_pdf
def slow_extract(*args, **kwargs):
    Path(started).touch()
    deadline = time.monotonic() + 120
    while not Path(release).exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    return real(*args, **kwargs)
pdftext.extract_pdf = slow_extract
from wobtrack.cli import cli
cli(["--db", db, "--today", "2026-11-22", "decision", "import", "1", letter, "--json"])
"""


def test_a_slow_import_does_not_block_other_commands_on_sqlite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import subprocess
    import sys
    import time

    from wobtrack import db as database

    db_url = f"sqlite:///{tmp_path / 'shared.db'}"
    run = Cli(db_url)
    _woo_request(run)
    started, release = tmp_path / "started", tmp_path / "release"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    importer = subprocess.Popen(
        [sys.executable, "-c", _SLOW_IMPORT, db_url, str(WOO_LETTER), str(started), str(release)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not started.exists() and importer.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert started.exists(), importer.communicate()
        # A writer that waited for the import would fail after this long ("database is
        # locked"): the import must not hold the write lock while it extracts.
        monkeypatch.setattr(database, "SQLITE_BUSY_TIMEOUT_MS", 500)
        listed = json.loads(run("request", "list", "--json").stdout)
        assert [row["id"] for row in listed] == [1]
        run("event", "add", "1", "acknowledged", "2026-01-13")
        assert importer.poll() is None, "the import was still extracting"
    finally:
        release.touch()
        out, err = importer.communicate(timeout=300)
    assert importer.returncode == 0, err
    assert json.loads(out)["created"] is True
    shown = json.loads(run("request", "show", "1", "--json").stdout)
    assert {"acknowledged", "decision"} <= {step["kind"] for step in shown["timeline"]}


@pytest.mark.parametrize("hostile", ["reference loop", "fifo", "hangs"])
def test_hostile_letter_is_one_error_line_and_writes_nothing(
    run: Cli, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hostile: str
) -> None:
    import os
    import time

    from tests.test_hostile_pdfs import count_loop
    from wobtrack.parsing import pdftext

    _woo_request(run)
    before = _counts(db_url)
    letter = tmp_path / "letter.pdf"
    if hostile == "reference loop":
        letter.write_bytes(count_loop())
        message = "reference loop"
    elif hostile == "fifo":
        os.mkfifo(letter)
        message = "is a FIFO"
    else:
        letter = WOO_LETTER
        monkeypatch.setattr(pdftext, "_extract", lambda *_args, **_kw: time.sleep(600))
        monkeypatch.setenv("WOBTRACK_PDF_TIMEOUT", "1")
        message = "took longer than 1 s and was stopped"
    run.fails("decision", "import", "1", str(letter), "--no-cache", message=message)
    assert _counts(db_url) == before


# --- a decision without a PDF (issue: scanned letters, e-mails, paper) ---------------------


def test_a_letter_as_text_imports_like_the_pdf(run: Cli, tmp_path: Path) -> None:
    _woo_request(run)
    from_pdf = _import(run, "1", str(WOO_LETTER))
    _woo_request(run)
    from_text = _import(run, "2", str(SAMPLES / "woo-besluit-2026.txt"))

    def read(data: dict[str, Any]) -> list[tuple[Any, ...]]:
        return [(i["number"], i["outcomes"], i["grounds"]) for i in data["items"]]

    assert read(from_text) == read(from_pdf)
    assert from_text["kind"] == from_pdf["kind"]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "the file is empty"), (b"\xff\xfe\x00B", "not UTF-8 text")],
)
def test_a_bad_text_letter_is_one_error_line(
    run: Cli, db_url: str, tmp_path: Path, content: bytes, message: str
) -> None:
    _woo_request(run)
    letter = tmp_path / "brief.txt"
    letter.write_bytes(content)
    before = _counts(db_url)
    run.fails("decision", "import", "1", str(letter), message=message)
    assert _counts(db_url) == before


def test_decision_add_counts_like_an_imported_decision(run: Cli, db_url: str) -> None:
    _woo_request(run)
    added = json.loads(
        run("decision", "add", "1", "--date", "2026-02-06", "--sent", "2026-02-09", "--json").stdout
    )
    assert (added["kind"], added["bekendmaking_on"]) == ("besluit", "2026-02-09")
    shown = json.loads(
        Cli(run.db_url, today=date(2026, 2, 16))("request", "show", "1", "--json").stdout
    )
    assert shown["state"] == "decided"
    # Awb 6:7/6:8: bekendmaking Mon 9 Feb 2026 + six weeks = Mon 23 Mar 2026.
    assert {d["key"]: d["due"] for d in shown["deadlines"]}["bezwaar_end"] == "2026-03-23"
    run("outcome", "set", "1", "2", "refused")
    rows = json.loads(run("export", "--flat", "items", "--format", "json").stdout)
    item = next(row for row in rows if row["item_number"] == "2")
    assert (item["outcomes"], item["decision_id"], item["late"]) == (["refused"], 1, False)
    # Received Mon 12 Jan 2026, decided Fri 6 Feb 2026: 25 days (Woo 4.4: four weeks).
    assert item["days_to_decision"] == 25


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["9", "--date", "2026-02-06"], "no request with id 9"),
        (["1", "--date", "2026-02-06", "--sent", "2026-02-01"], "before the decision's date"),
    ],
)
def test_decision_add_bad_input_writes_nothing(
    run: Cli, db_url: str, args: list[str], message: str
) -> None:
    _woo_request(run)
    before = _counts(db_url)
    run.fails("decision", "add", *args, message=message)
    assert _counts(db_url) == before


def test_decision_add_gets_the_plausibility_checks_of_an_import(run: Cli) -> None:
    # Before: a decision typed in by hand was stored without any of these warnings.
    from tests.conftest import TODAY
    from wobtrack.plausibility import RequestDates, date_warnings, kind_warnings

    _woo_request(run, "--sent", "2026-01-10")
    dates = RequestDates(1, date(2026, 1, 10), date(2026, 1, 12))
    # Dated before the request was sent, and a bekendmaking after today.
    before, after = date(2026, 1, 5), date(2026, 12, 1)
    added = run("decision", "add", "1", "--date", before.isoformat(), "--sent", after.isoformat())
    expected = date_warnings(
        dates, kind="besluit", decision_date=before, sent=after, parsed={}, today=TODAY
    )
    assert len(expected) == 2  # the same functions and wording as `decision import`
    assert [line.removeprefix("! ") for line in added.stdout.splitlines()[2:4]] == expected
    assert "`wobtrack review` lists them" in added.stdout
    shown = json.loads(run("decision", "show", "1", "--json").stdout)
    assert shown["warnings"][1:] == expected
    review = json.loads(run("review", "--json").stdout)
    assert [row["flags"][1:] for row in review if row["kind"] == "decision"] == [expected]
    # A beslissing op bezwaar with no besluit before it.
    run("request", "add", "-a", "Gemeente Lindeburg", "-s", "Ander", "--received", "2026-01-12")
    bezwaar = json.loads(
        run("decision", "add", "2", "--kind", "bezwaar", "--date", "2026-03-02", "--json").stdout
    )
    assert bezwaar["warnings"][1:] == kind_warnings("bezwaar", [])
    # A plausible decision gets none of them.
    plain = json.loads(run("decision", "add", "2", "--date", "2026-02-06", "--json").stdout)
    assert len(plain["warnings"]) == 1
