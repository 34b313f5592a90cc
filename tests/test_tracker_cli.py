"""End-to-end CLI tests of request, item and event logging (issue 2), on every backend."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli, row_counts
from wobtrack.models import Authority, Event, Request, RequestItem

DATA = Path(__file__).parent / "data"


def _add_17(run: Cli) -> None:
    run(
        "request", "add",
        "--authority", "Gemeente Voorbeeldstad",
        "--subject", "Slimme camera's",
        "--sent", "2026-10-01",
        "--received", "2026-10-02",
        "--reference", "WOO-2026-0042",
        "--items-file", str(DATA / "request-17-items.txt"),
    )  # fmt: skip


def _counts(db_url: str) -> dict[str, int]:
    return row_counts(db_url, Authority, Request, RequestItem, Event)


def test_log_request_with_17_items_and_events(run: Cli) -> None:
    _add_17(run)
    run("event", "add", "1", "acknowledged", "2026-10-05")
    run("event", "add", "1", "extended", "2026-10-27", "--note", "verdaging met twee weken")
    shown = json.loads(run("request", "show", "1", "--json").stdout)
    assert shown["regime"] == "woo"
    assert shown["regime_derived"] is True
    assert [item["number"] for item in shown["items"]] == [str(n) for n in range(1, 18)]
    assert shown["items"][1]["text"] == (
        "de contracten met leveranciers van de camera's en de software, "
        "inclusief bijlagen en wijzigingen;"
    )
    assert [(row["kind"], row["date"]) for row in shown["timeline"]] == [
        ("sent", "2026-10-01"),
        ("received", "2026-10-02"),
        ("acknowledged", "2026-10-05"),
        ("extended", "2026-10-27"),
    ]
    listed = json.loads(run("request", "list", "--json").stdout)
    assert listed == [
        {
            "id": 1,
            "authority": "Gemeente Voorbeeldstad",
            "subject": "Slimme camera's",
            "regime": "woo",
            "reference": "WOO-2026-0042",
            "sent": "2026-10-01",
            "received": "2026-10-02",
            "item_count": 17,
            # Received 2 Oct, verdaging notified 27 Oct (in time): due Fri 13 Nov 2026;
            # on Sun 22 Nov the authority is in default since Sat 14 Nov.
            "state": "overdue",
            "next_deadline": {"key": "ingebrekestelling_from", "due": "2026-11-14"},
            "tags": [],
        }
    ]
    human = run("request", "list").stdout
    assert "Gemeente Voorbeeldstad" in human
    assert "17" in human.splitlines()[1]


def test_show_human_output(run: Cli) -> None:
    _add_17(run)
    out = run("request", "show", "1").stdout
    assert "Request 1: Slimme camera's" in out
    assert "Received:  Fri 2 Oct 2026" in out
    assert "  17. de correspondentie met de Autoriteit Persoonsgegevens." in out


@pytest.mark.parametrize(
    ("received", "regime"),
    [("2022-04-30", "wob"), ("2022-05-01", "woo")],
    ids=["received-before-woo-start-is-wob", "received-on-woo-start-is-woo"],
)
def test_regime_derived_from_receipt_date(run: Cli, received: str, regime: str) -> None:
    run("request", "add", "-a", "Ministerie", "-s", "x", "--received", received)
    assert json.loads(run("request", "show", "1", "--json").stdout)["regime"] == regime


def test_explicit_regime_wins_and_edit_rederives(run: Cli) -> None:
    run("request", "add", "-a", "M", "-s", "x", "--received", "2022-04-01")
    run("request", "edit", "1", "--received", "2023-01-10")
    assert json.loads(run("request", "show", "1", "--json").stdout)["regime"] == "woo"
    run("request", "edit", "1", "--regime", "wob")
    run("request", "edit", "1", "--received", "2024-01-10")
    shown = json.loads(run("request", "show", "1", "--json").stdout)
    assert (shown["regime"], shown["regime_derived"]) == ("wob", False)


def test_item_add_and_numbering(run: Cli) -> None:
    run("request", "add", "-a", "M", "-s", "x", "--item", "een", "--item", "3b. drie b")
    run("item", "add", "1", "vier")
    run("item", "add", "1", "extra", "--number", "a")
    shown = json.loads(run("request", "show", "1", "--json").stdout)
    assert [(i["number"], i["text"]) for i in shown["items"]] == [
        ("1", "een"),
        ("3b", "drie b"),
        ("2", "vier"),
        ("a", "extra"),
    ]


def test_sent_and_received_events_set_request_dates(run: Cli) -> None:
    run("request", "add", "-a", "M", "-s", "x")
    run("event", "add", "1", "sent", "2021-03-01")
    run("event", "add", "1", "received", "2021-03-02")
    shown = json.loads(run("request", "show", "1", "--json").stdout)
    assert (shown["sent"], shown["received"], shown["regime"]) == (
        "2021-03-01",
        "2021-03-02",
        "wob",
    )


def test_event_kind_accepts_hyphens(run: Cli) -> None:
    run("request", "add", "-a", "M", "-s", "x")
    run("event", "add", "1", "zienswijze-started", "2026-10-10")
    timeline = json.loads(run("request", "show", "1", "--json").stdout)["timeline"]
    assert timeline[0]["kind"] == "zienswijze_started"


def test_delete_asks_for_confirmation(run: Cli, db_url: str) -> None:
    _add_17(run)
    refused = run("request", "delete", "1", input="n\n", ok=False)
    assert refused.exit_code != 0
    assert _counts(db_url)["requests"] == 1
    run("request", "delete", "1", input="y\n")
    assert _counts(db_url) == {"authorities": 1, "requests": 0, "request_items": 0, "events": 0}


def test_edit_and_delete_event(run: Cli) -> None:
    run("request", "add", "-a", "M", "-s", "x")
    run("event", "add", "1", "note", "2026-10-10", "--note", "gebeld")
    run("event", "delete", "1")
    assert json.loads(run("request", "show", "1", "--json").stdout)["timeline"] == []


BAD_INPUT = [
    pytest.param(["request", "show", "99"], "no request with id 99", id="unknown-request"),
    pytest.param(["item", "add", "99", "x"], "no request with id 99", id="unknown-request-item"),
    pytest.param(["event", "add", "1", "extended", "31-02-2026"], "YYYY-MM-DD", id="dmy-date"),
    pytest.param(["event", "add", "1", "extended", "2026-02-31"], "out of range", id="feb-31"),
    pytest.param(["event", "add", "1", "extended", "tomorrow"], "YYYY-MM-DD", id="word-date"),
    pytest.param(["event", "add", "1", "party", "2026-01-05"], "unknown event kind", id="kind"),
    pytest.param(["request", "add", "-a", "M", "-s", "  "], "subject is empty", id="subject"),
    pytest.param(
        ["item", "add", "1", "dubbel", "--number", "1"], "already has an item 1", id="dup"
    ),
    pytest.param(
        ["request", "add", "-a", "M", "-s", "x", "--item", "1. a", "--item", "1. b"],
        "already has an item 1",
        id="duplicate-in-add",
    ),
    pytest.param(
        [
            "request",
            "add",
            "-a",
            "M",
            "-s",
            "x",
            "--sent",
            "2026-02-01",
            "--received",
            "2026-01-01",
        ],
        "received (2026-01-01) before it was sent",
        id="received-before-sent",
    ),
    pytest.param(["event", "delete", "42"], "no event with id 42", id="unknown-event"),
]


@pytest.mark.parametrize(("args", "message"), BAD_INPUT)
def test_bad_input_is_one_line_nonzero_and_writes_nothing(
    run: Cli, db_url: str, args: list[str], message: str
) -> None:
    run("request", "add", "-a", "Bestaand", "-s", "bestaand", "--item", "een")
    before = _counts(db_url)
    run.fails(*args, message=message)
    assert _counts(db_url) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00", "not a text file", id="binary"),
        pytest.param(b"caf\xe9 1. een", "not UTF-8", id="latin-1"),
        pytest.param(b"Geachte heer,\ngeen nummers", "no numbered items", id="no-items"),
    ],
)
def test_items_file_that_is_not_text(
    run: Cli, db_url: str, tmp_path: Path, content: bytes, message: str
) -> None:
    run("db", "upgrade")
    path = tmp_path / "request.txt"
    path.write_bytes(content)
    run.fails(
        "request", "add", "-a", "Nieuw", "-s", "x", "--items-file", str(path), message=message
    )
    assert _counts(db_url)["authorities"] == 0


def test_failure_after_partial_work_rolls_back(run: Cli, db_url: str, tmp_path: Path) -> None:
    # The authority and the request are written before the duplicate item is found:
    # the whole command must leave no trace.
    path = tmp_path / "request.txt"
    path.write_text("1. een\n2. twee\n2. nog eens twee\n", encoding="utf-8")
    result = run("request", "add", "-a", "Nieuw", "-s", "x", "--items-file", str(path), ok=False)
    assert "already has an item 2" in result.stderr
    assert _counts(db_url) == {"authorities": 0, "requests": 0, "request_items": 0, "events": 0}


@pytest.mark.empty_database
def test_db_commands(run: Cli) -> None:
    assert "empty" in run("db", "current").stdout
    run("db", "upgrade")
    assert "up to date" in run("db", "current").stdout


def test_help_for_every_command_has_a_description() -> None:
    from wobtrack.cli import cli

    def walk(group: object, path: str) -> list[tuple[str, str | None]]:
        found = []
        for name, command in getattr(group, "commands", {}).items():
            found.append((f"{path} {name}", command.help))
            found += walk(command, f"{path} {name}")
        return found

    missing = [path for path, text in walk(cli, "wobtrack") if not (text or "").strip()]
    assert missing == []
