"""`wobtrack remind`: what needs action soon, in one line each; silent for cron when nothing does.

The ``world`` fixture logs eight requests through the library (today = Sun 22 Nov 2026):

1. Woo, received Mon 9 Nov 2026: decision due Mon 7 Dec (Woo 4.4 lid 1), ingebrekestelling from
   Tue 8 Dec (Awb 6:12 lid 2 a).
2. Woo, received Fri 2 Oct 2026: decision was due Fri 30 Oct; ingebrekestelling possible since
   Sat 31 Oct (passed, still actionable).
3. Decided: besluit of Tue 20 Oct 2026 (kenmerk UTR-2026-0457, no electronic filing): bezwaar
   term ends Tue 1 Dec (Awb 6:7), a posted bezwaar must arrive by Tue 8 Dec (Awb 6:9 lid 2).
4. Withdrawn: no deadlines at all.
5. Woo, received Mon 19 Oct 2026, verdaging notified Tue 10 Nov: due Mon 30 Nov (Woo 4.4 lid 2).
6. Ingebrekestelling received Mon 16 Nov 2026: beroep niet tijdig from Tue 1 Dec (Awb 6:12 lid 2 b).
7. Bezwaar filed against the decision of Thu 1 Oct 2026: decision on bezwaar due Thu 24 Dec
   (Awb 7:10 lid 1: six weeks after the bezwaar term ended Thu 12 Nov).
8. Beslissing op bezwaar of Mon 2 Nov 2026: beroep term ends Mon 14 Dec (Awb 6:7).
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from tests.conftest import TODAY, Cli
from wobtrack.deadlines.status import DecisionFact, EventFact, RequestFacts, derive_status
from wobtrack.errors import InvalidInput
from wobtrack.models import Decision, Event
from wobtrack.remind import write_atomically
from wobtrack.reminders import Reminder, RequestInfo
from wobtrack.tracker import add_event, add_request, get_request

BEZWAAR_ADDRESS = (
    "Gemeente Utrecht\nt.a.v. de commissie bezwaarschriften\nPostbus 16200\n3500 CE Utrecht"
)
ONE_LINE_ADDRESS = (
    "Gemeente Utrecht, t.a.v. de commissie bezwaarschriften, Postbus 16200, 3500 CE Utrecht"
)


def populate(session: Session) -> None:
    """The eight requests of the module docstring, ids 1..8 in that order."""
    day = date.fromisoformat

    def request(authority: str, subject: str, received: str, **extra: Any) -> int:
        return add_request(
            session,
            authority=authority,
            subject=subject,
            today=TODAY,
            received=day(received),
            **extra,
        ).id

    def event(request_id: int, kind: str, on: str) -> None:
        add_event(session, request_id, kind, day(on), today=TODAY)

    request("Gemeente Utrecht", "Camerabeelden Stationsplein", "2026-11-09")
    request("Politie Eenheid Midden-Nederland", "Inzet bodycams bij demonstraties", "2026-10-02")
    decided = request(
        "Gemeente Utrecht", "Parkeervergunningen binnenstad", "2026-09-21", reference="Z-2026-118"
    )
    # A decision row as `decision import` would store it (PDF import is tested elsewhere).
    letter = Decision(
        kind="besluit",
        decision_date=day("2026-10-20"),
        bekendmaking_on=day("2026-10-20"),
        reference="UTR-2026-0457",
        electronic_filing=False,
        bezwaar_address=BEZWAAR_ADDRESS,
    )
    row = get_request(session, decided)
    row.decisions.append(letter)
    session.flush()
    row.events.append(Event(kind="decision", event_date=day("2026-10-20"), decision_id=letter.id))
    withdrawn = request("Provincie Utrecht", "Subsidies natuurbeheer", "2026-11-20")
    event(withdrawn, "withdrawn", "2026-11-21")
    extended = request("Provincie Gelderland", "Windmolens Nijmegen-Noord", "2026-10-19")
    event(extended, "extended", "2026-11-10")
    default = request(
        "Ministerie van Landbouw, Natuur en Voedselkwaliteit",
        "Stikstofvergunningen Veluwe",
        "2026-09-14",
    )
    event(default, "ingebrekestelling_sent", "2026-11-16")
    objected = request("Gemeente Amersfoort", "Jeugdzorgcontracten", "2026-08-03")
    event(objected, "decision", "2026-10-01")
    event(objected, "bezwaar_filed", "2026-11-05")
    appealable = request("Gemeente Zeist", "Sportvelden", "2026-05-04")
    event(appealable, "decision", "2026-06-01")
    event(appealable, "bezwaar_filed", "2026-06-20")
    event(appealable, "bezwaar_decided", "2026-11-02")
    session.flush()


@pytest.fixture
def world(engine: Engine, run: Cli) -> Cli:
    """The CLI on a database holding the eight requests of the module docstring."""
    with Session(engine) as session, session.begin():
        populate(session)
    return run


def _json(run: Cli, *args: str) -> list[dict[str, Any]]:
    return json.loads(run("remind", "--json", *args).stdout)  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- text output


EXPECTED_DEFAULT = [
    "now        #2 Inzet bodycams bij demonstraties (Politie Eenheid Midden-Nederland): "
    "Send the ingebrekestelling: the decision was due Fri 30 Oct 2026",
    "in 8 days  #5 Windmolens Nijmegen-Noord (Provincie Gelderland): "
    "The authority must decide by Mon 30 Nov 2026 (extended by verdaging)",
    "in 9 days  #3 Parkeervergunningen binnenstad (Gemeente Utrecht): "
    "Bezwaar against the decision of Tue 20 Oct 2026 (kenmerk UTR-2026-0457) must be received "
    "by Tue 1 Dec 2026; electronic filing is not open: send a signed letter by post to "
    f"{ONE_LINE_ADDRESS}, posted by then and received by Tue 8 Dec 2026",
    "in 9 days  #5 Windmolens Nijmegen-Noord (Provincie Gelderland): "
    "If no decision has come, send the ingebrekestelling from Tue 1 Dec 2026 (not earlier: an "
    "early one does not count); the decision is due Mon 30 Nov 2026",
    "in 9 days  #6 Stikstofvergunningen Veluwe (Ministerie van Landbouw, Natuur en "
    "Voedselkwaliteit): Beroep for not deciding in time can be lodged with the rechtbank from "
    "Tue 1 Dec 2026 if no decision has come",
]


def test_remind_gives_one_line_per_deadline_due_within_two_weeks(world: Cli) -> None:
    result = world("remind")
    assert result.stdout.splitlines() == EXPECTED_DEFAULT
    assert result.stderr == ""


def test_within_widens_the_window_and_words_each_kind(world: Cli) -> None:
    lines = world("remind", "--within", "40").stdout.splitlines()
    assert len(lines) == 11
    tail = [line.split("): ", 1)[1] for line in lines[5:]]
    assert tail == [
        "The authority must decide by Mon 7 Dec 2026",
        "If no decision has come, send the ingebrekestelling from Tue 8 Dec 2026 (not earlier: "
        "an early one does not count); the decision is due Mon 7 Dec 2026",
        "A bezwaar against the decision of Tue 20 Oct 2026 (kenmerk UTR-2026-0457) posted by "
        "Tue 1 Dec 2026 must be received by Tue 8 Dec 2026",
        # Known only as events: the dates come from the 'bezwaar_decided' and 'decision' events.
        "Beroep against the beslissing op bezwaar of Mon 2 Nov 2026 must be received by the "
        "rechtbank by Mon 14 Dec 2026",
        "The authority must decide on the bezwaar against the decision of Thu 1 Oct 2026 by "
        "Thu 24 Dec 2026",
        "If no decision on bezwaar has come, send the ingebrekestelling from Fri 25 Dec 2026 "
        "(not earlier: an early one does not count); the decision on bezwaar is due "
        "Thu 24 Dec 2026",
    ]
    # The withdrawn request (4) never shows; the decided one (3) has no decision term.
    assert not any(" #4 " in line for line in lines)
    assert not any(" #3 " in line and "must decide" in line for line in lines)


def test_a_passed_ingebrekestelling_day_stays_until_acted_on(world: Cli) -> None:
    # Awb 6:12: possible since Sat 31 Oct; it is what the requester can do now, in any window.
    rows = _json(world, "--within", "0")
    assert [(r["request_id"], r["key"], r["days_left"]) for r in rows] == [
        (2, "ingebrekestelling_from", -22)
    ]
    world("event", "add", "2", "ingebrekestelling-sent", "2026-11-20")
    assert world("remind", "--within", "0").stdout == ""


# --------------------------------------------------------------------------- cron


def test_nothing_due_prints_nothing_and_exits_zero(run: Cli) -> None:
    result = run("remind")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert run("remind", "--verbose").stdout == "Nothing due within 14 days.\n"
    assert run("remind", "--json").stdout == "[]\n"


def test_deadlines_beyond_the_window_keep_cron_silent(run: Cli) -> None:
    # Woo 4.4 lid 1: received Mon 9 Nov + 4 weeks = Mon 7 Dec, 15 days away.
    run("request", "add", "-a", "Gemeente", "-s", "camera's", "--received", "2026-11-09")
    assert run("remind").stdout == ""
    assert run("remind", "-v", "--within", "1").stdout == "Nothing due within 1 day.\n"
    assert "Mon 7 Dec 2026" in run("remind", "--within", "15").stdout


def test_withdrawn_and_decided_requests_need_no_action(run: Cli) -> None:
    run("request", "add", "-a", "A", "-s", "x", "--received", "2026-11-09")
    run("event", "add", "1", "withdrawn", "2026-11-10")
    run("request", "add", "-a", "B", "-s", "y", "--received", "2026-06-01")
    run("event", "add", "2", "decision", "2026-06-15")  # bezwaar term ended Mon 27 Jul
    assert run("remind", "--within", "365").stdout == ""


# --------------------------------------------------------------------------- JSON


def test_json_has_the_documented_shape(world: Cli) -> None:
    rows = _json(world)
    assert [(r["request_id"], r["key"], r["due"], r["days_left"]) for r in rows] == [
        (2, "ingebrekestelling_from", "2026-10-31", -22),
        (5, "decision_extended_due", "2026-11-30", 8),
        (3, "bezwaar_end", "2026-12-01", 9),
        (5, "ingebrekestelling_from", "2026-12-01", 9),
        (6, "beroep_niet_tijdig_from", "2026-12-01", 9),
    ]
    bezwaar = rows[2]
    assert bezwaar == {
        "request_id": 3,
        "authority": "Gemeente Utrecht",
        "subject": "Parkeervergunningen binnenstad",
        "reference": "Z-2026-118",
        "key": "bezwaar_end",
        "title": "Bezwaar term ends",
        "due": "2026-12-01",
        "days_left": 9,
        "decision_id": 1,
        "action": EXPECTED_DEFAULT[2].split("): ", 1)[1],
        "warnings": [],
    }
    assert all(list(row) == list(bezwaar) for row in rows)  # same keys, same order
    assert rows[0]["decision_id"] is None


# --------------------------------------------------------------------------- option errors


@pytest.mark.parametrize(
    "value", ["7,x", "-1", "", "7,,2", "1.5", "367", "٣", "7;2", " "], ids=repr
)
def test_bad_alarm_days_is_a_one_line_error(run: Cli, tmp_path: Path, value: str) -> None:
    out = tmp_path / "cal.ics"
    result = run("remind", "--ics", str(out), "--alarm-days", value, ok=False)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: Invalid value for '--alarm-days': invalid alarm days")
    assert "7,2,0" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--alarm-days", "7"], "--alarm-days only applies with --ics"),
        (["--ics", "-", "--json"], "--ics exports every open deadline"),
        (["--ics", "-", "--within", "3"], "--ics exports every open deadline"),
        (["--within", "-1"], "Invalid value for '--within'"),
    ],
)
def test_conflicting_options_are_refused(run: Cli, args: list[str], message: str) -> None:
    result = run("remind", *args, ok=False)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


# --------------------------------------------------------------------------- writing the file


def test_writes_the_file_and_reports_only_when_verbose(world: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "calendar"
    folder.mkdir()
    out = folder / "wobtrack.ics"
    assert world("remind", "--ics", str(out)).stdout == ""
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    result = world("remind", "--ics", str(out), "-v")
    assert result.stdout == f"Wrote 10 events to {out}.\n"
    assert [p.name for p in folder.iterdir()] == ["wobtrack.ics"]  # no temp file left


def test_unwritable_target_is_a_one_line_error(world: Cli, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "wobtrack.ics"
    result = world("remind", "--ics", str(out), ok=False)
    assert result.exit_code == 2
    assert result.stderr == f"Error: cannot write {out}: No such file or directory\n"


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "cal.ics"
    target.write_bytes(b"old")

    def broken_replace(src: str, dst: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(InvalidInput, match="No space left on device"):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["cal.ics"]


def test_an_existing_file_keeps_its_permissions_and_links_are_followed(tmp_path: Path) -> None:
    real = tmp_path / "real.ics"
    real.write_bytes(b"old")
    real.chmod(0o640)
    link = tmp_path / "link.ics"
    link.symlink_to(real)
    write_atomically(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    fresh = tmp_path / "fresh.ics"
    write_atomically(fresh, b"x")
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask


# --------------------------------------------------------------------------- actions (pure)


@dataclass
class _Letter:
    """A decision as facts, for the pure action tests."""

    electronic: bool | None
    address: str | None
    reference: str | None = "B-7"


def _reminders(facts: RequestFacts, today: date) -> Iterator[Reminder]:
    status = derive_status(facts, today)
    info = RequestInfo(1, "Gemeente", "x", None, status.deadlines, facts)
    return (Reminder(info, deadline) for deadline in status.deadlines)


def _bezwaar_action(letter: _Letter) -> str:
    fact = DecisionFact(
        decision_id=9,
        kind="besluit",
        decision_date=date(2026, 2, 3),
        reference=letter.reference,
        electronic_filing=letter.electronic,
        bezwaar_address=letter.address,
    )
    facts = RequestFacts(regime="woo", received=date(2026, 1, 5), decisions=(fact,))
    found = [r for r in _reminders(facts, date(2026, 2, 10)) if r.deadline.key == "bezwaar_end"]
    return found[0].action


@pytest.mark.parametrize(
    ("letter", "expected"),
    [
        (
            _Letter(False, "Postbus 1\n1000 AA Stad"),
            "Bezwaar against the decision of Tue 3 Feb 2026 (kenmerk B-7) must be received by "
            "Tue 17 Mar 2026; electronic filing is not open: send a signed letter by post to "
            "Postbus 1, 1000 AA Stad, posted by then and received by Tue 24 Mar 2026",
        ),
        (
            _Letter(True, None, None),
            "Bezwaar against the decision of Tue 3 Feb 2026 must be received by Tue 17 Mar 2026; "
            "electronic filing is open (it counts when received), or send a signed letter by "
            "post to the address in the decision, posted by then and received by Tue 24 Mar 2026",
        ),
        (
            _Letter(None, "Postbus 1"),
            "Bezwaar against the decision of Tue 3 Feb 2026 (kenmerk B-7) must be received by "
            "Tue 17 Mar 2026; see the decision for whether electronic filing is open, or send a "
            "signed letter by post to Postbus 1, posted by then and received by Tue 24 Mar 2026",
        ),
    ],
    ids=["post-only", "electronic", "unknown"],
)
def test_bezwaar_action_says_how_to_file(letter: _Letter, expected: str) -> None:
    # Awb 6:7/6:8: bekendmaking Tue 3 Feb 2026 + 6 weeks = Tue 17 Mar; Awb 6:9 lid 2: + 1 week.
    assert _bezwaar_action(letter) == expected


def test_calendar_action_is_worded_for_the_deadlines_own_day() -> None:
    # Woo 4.4 lid 1: received Mon 5 Jan 2026, due Mon 2 Feb; ingebrekestelling from Tue 3 Feb.
    facts = RequestFacts(regime="woo", received=date(2026, 1, 5))
    by_key = {r.deadline.key: r for r in _reminders(facts, date(2026, 1, 20))}
    ingebrekestelling = by_key["ingebrekestelling_from"]
    assert ingebrekestelling.action.startswith("If no decision has come, send the ingebre")
    assert ingebrekestelling.calendar_action == (
        "If no decision has come, send the ingebrekestelling: the decision was due Mon 2 Feb 2026"
    )


def test_overdue_decision_on_bezwaar_is_named_as_such() -> None:
    # Decision (event) Thu 1 Jan 2026 → bezwaar term ends Thu 12 Feb; decision on bezwaar due
    # six weeks later, Thu 26 Mar (Awb 7:10 lid 1); ingebrekestelling possible from Fri 27 Mar.
    facts = RequestFacts(
        regime="woo",
        received=date(2025, 12, 1),
        events=(
            EventFact("decision", date(2026, 1, 1)),
            EventFact("bezwaar_filed", date(2026, 1, 20)),
        ),
    )
    by_key = {r.deadline.key: r for r in _reminders(facts, date(2026, 4, 1))}
    assert by_key["ingebrekestelling_from"].action == (
        "Send the ingebrekestelling: the decision on bezwaar was due Thu 26 Mar 2026"
    )
    assert by_key["bezwaar_decision_due"].action == (
        "The decision on the bezwaar against the decision of Thu 1 Jan 2026 was due "
        "Thu 26 Mar 2026: the authority is in default"
    )
