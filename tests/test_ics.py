"""`wobtrack remind --ics`: an RFC 5545 calendar, checked by parsing it back and by golden files.

The data is the eight requests of ``tests/test_remind.py`` (today = Sun 22 Nov 2026).
Regenerate the goldens with ``WOBTRACK_UPDATE_GOLDENS=force python -m pytest tests/test_ics.py``.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from tests.conftest import TODAY, Cli
from tests.goldens import assert_golden
from tests.test_remind import populate
from wobtrack.deadlines.status import EventFact, RequestFacts, derive_status
from wobtrack.errors import InvalidInput
from wobtrack.reminders import Reminder, RequestInfo
from wobtrack.reminders.ics import (
    DEFAULT_ALARM_DAYS,
    MAX_ALARM_DAYS,
    calendar_bytes,
    event_uid,
    parse_alarm_days,
)

GOLDENS = Path(__file__).parent / "data" / "ics"

#: Every open event of the world's calendar: (request id, key, due date). Not exported: request
#: 2's ingebrekestelling day (passed), request 4 (withdrawn), request 3's decision term (decided).
EXPECTED_EVENTS = [
    (5, "decision_extended_due", date(2026, 11, 30)),  # Woo 4.4 lid 2: 4 + 2 weeks
    (3, "bezwaar_end", date(2026, 12, 1)),  # Awb 6:7: bekendmaking Tue 20 Oct + 6 weeks
    (5, "ingebrekestelling_from", date(2026, 12, 1)),  # Awb 6:12 lid 2 a: the day after
    (6, "beroep_niet_tijdig_from", date(2026, 12, 1)),  # Awb 6:12 lid 2 b: Mon 16 Nov + 2 weeks + 1
    (1, "decision_due", date(2026, 12, 7)),  # Woo 4.4 lid 1: Mon 9 Nov + 4 weeks
    (1, "ingebrekestelling_from", date(2026, 12, 8)),
    (3, "bezwaar_post_receipt", date(2026, 12, 8)),  # Awb 6:9 lid 2: + 1 week
    (8, "beroep_end", date(2026, 12, 14)),  # Awb 6:7: beslissing op bezwaar Mon 2 Nov + 6 weeks
    (7, "bezwaar_decision_due", date(2026, 12, 24)),  # Awb 7:10 lid 1: Thu 12 Nov + 6 weeks
    (7, "ingebrekestelling_from", date(2026, 12, 25)),  # no Atw: may be Christmas Day
]

#: Deadlines closed by a recorded fact before their day, in the last 60 days: cancelled events
#: (request id, key, the day it was due, the day it closed).
EXPECTED_CANCELLED = [
    # Decided Tue 20 Oct, the first day an ingebrekestelling was possible (Awb 6:12 lid 2 a).
    (3, "ingebrekestelling_from", date(2026, 10, 20), date(2026, 10, 20)),
    # Bezwaar filed Thu 5 Nov, before the term ended Thu 12 Nov (Awb 6:7) and its postal week.
    (7, "bezwaar_end", date(2026, 11, 12), date(2026, 11, 5)),
    (7, "bezwaar_post_receipt", date(2026, 11, 19), date(2026, 11, 5)),
    # Withdrawn Sat 21 Nov: received Fri 20 Nov, decision due Fri 18 Dec (Woo 4.4 lid 1).
    (4, "decision_due", date(2026, 12, 18), date(2026, 11, 21)),
    (4, "ingebrekestelling_from", date(2026, 12, 19), date(2026, 11, 21)),
]

SUBJECTS = {
    1: "Camerabeelden Stationsplein (Gemeente Utrecht)",
    3: "Parkeervergunningen binnenstad (Gemeente Utrecht)",
    5: "Windmolens Nijmegen-Noord (Provincie Gelderland)",
    6: "Stikstofvergunningen Veluwe (Ministerie van Landbouw, Natuur en Voedselkwaliteit)",
    4: "Subsidies natuurbeheer (Provincie Utrecht)",
    7: "Jeugdzorgcontracten (Gemeente Amersfoort)",
    8: "Sportvelden (Gemeente Zeist)",
}


@pytest.fixture
def world(engine: Engine, run: Cli) -> Cli:
    """The CLI on a database holding the eight requests of ``tests/test_remind.py``."""
    with Session(engine) as session, session.begin():
        populate(session)
    return run


def _export(run: Cli, *args: str) -> bytes:
    result = run("remind", "--ics", "-", *args)
    assert result.stderr == ""
    return result.stdout_bytes


def _all_events(data: bytes) -> list[Any]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def _events(data: bytes) -> list[Any]:
    """The open (not cancelled) events."""
    return [e for e in _all_events(data) if str(e.get("status", "")) != "CANCELLED"]


def _cancelled(data: bytes) -> list[Any]:
    return [e for e in _all_events(data) if str(e.get("status", "")) == "CANCELLED"]


def _request_id(event: Any) -> int:
    return int(str(event["summary"]).split(" — #", 1)[1].split()[0])


def _uids(data: bytes) -> dict[tuple[int, str], str]:
    """UID per (request id, deadline key), read back from the summaries."""
    return {(_request_id(e), _key_hint(e)): str(e["uid"]) for e in _events(data)}


def _key_hint(event: Any) -> str:
    """The deadline key, recovered from the event's title (the summary's first part)."""
    titles = {
        "Decision due (verdaging)": "decision_extended_due",
        "Decision due": "decision_due",
        "Ingebrekestelling possible": "ingebrekestelling_from",
        "Beroep niet tijdig beslissen possible": "beroep_niet_tijdig_from",
        "Bezwaar term ends": "bezwaar_end",
        "Latest receipt of a posted bezwaar": "bezwaar_post_receipt",
        "Decision on bezwaar due": "bezwaar_decision_due",
        "Beroep term ends": "beroep_end",
    }
    return titles[str(event["summary"]).removeprefix("Cancelled: ").split(" — ", 1)[0]]


# --------------------------------------------------------------------------- parsed back


def test_every_open_deadline_is_one_all_day_event(world: Cli) -> None:
    data = _export(world)
    calendar = Calendar.from_ical(data)
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["prodid"]) == "-//wobtrack//wobtrack reminders//EN"
    assert str(calendar["method"]) == "PUBLISH"  # RFC 5546: a published schedule
    events = _events(data)
    found = []
    for event in events:
        start = event["dtstart"].dt
        assert type(start) is date  # VALUE=DATE, not a date-time
        assert event["dtstart"].params.get("VALUE") == "DATE"
        assert event["dtend"].dt == start + timedelta(days=1)
        assert event["dtstamp"].dt == datetime(2026, 11, 22, tzinfo=UTC)
        assert str(event["transp"]) == "TRANSPARENT"
        request_id = _request_id(event)
        assert str(event["summary"]).endswith(SUBJECTS[request_id])
        found.append((request_id, _key_hint(event), start))
    assert found == EXPECTED_EVENTS
    everything = _all_events(data)
    assert len({str(e["uid"]) for e in everything}) == len(everything)
    assert all(str(e["uid"]).endswith("@wobtrack") for e in everything)


def test_closed_deadlines_are_cancelled_for_sixty_days(world: Cli) -> None:
    cancelled = _cancelled(_export(world))
    found = [
        (_request_id(e), _key_hint(e), e["dtstart"].dt, e["last-modified"].dt.date())
        for e in cancelled
    ]
    assert found == EXPECTED_CANCELLED
    for event in cancelled:
        assert str(event["summary"]).startswith("Cancelled: ")
        assert str(event["summary"]).endswith(SUBJECTS[_request_id(event)])
        assert event.walk("VALARM") == []  # a cancelled deadline must not ring
        assert event["sequence"] >= 1  # the cancellation is a revision
        assert str(event["description"]).startswith("No longer applies: closed by what was")
    # 60 days after Sat 21 Nov (the withdrawal) request 4's events are still cancelled;
    # a day later they are gone from the file.
    later = _cancelled(_export(Cli(world.db_url, date(2027, 1, 20))))
    assert {_request_id(e) for e in later} == {4}
    gone = _cancelled(_export(Cli(world.db_url, date(2027, 1, 21))))
    assert gone == []


def test_description_has_action_basis_steps_and_warnings(world: Cli) -> None:
    events = {(_key_hint(e), e["dtstart"].dt): e for e in _events(_export(world))}
    bezwaar = str(events[("bezwaar_end", date(2026, 12, 1))]["description"])
    assert bezwaar.splitlines()[0].startswith(
        "Bezwaar against the decision of Tue 20 Oct 2026 (kenmerk UTR-2026-0457) must be "
        "received by Tue 1 Dec 2026; electronic filing is not open"
    )
    assert "Authority's reference: Z-2026-118" in bezwaar
    assert "Legal basis: Awb 6:7; Awb 6:8 lid 1" in bezwaar
    assert "- bekendmaking Tue 20 Oct 2026 + 6 weeks" in bezwaar
    post = str(events[("bezwaar_post_receipt", date(2026, 12, 8))]["description"])
    assert "Warnings:\n- [U] The Atw is applied to the one-week postal window" in post
    # Worded for its own day: on Tue 8 Dec the ingebrekestelling can be sent, unless the
    # decision has come by then (the calendar was made in advance).
    ingebrekestelling = str(events[("ingebrekestelling_from", date(2026, 12, 8))]["description"])
    assert ingebrekestelling.startswith(
        "If no decision has come, send the ingebrekestelling: the decision was due Mon 7 Dec 2026\n"
    )


def test_one_display_alarm_per_alarm_day(world: Cli) -> None:
    for event in _events(_export(world)):
        alarms = event.walk("VALARM")
        assert [a["trigger"].dt for a in alarms] == [timedelta(days=-d) for d in (7, 2, 0)]
        assert {str(a["action"]) for a in alarms} == {"DISPLAY"}
        assert str(alarms[0]["description"]) == f"in 7 days: {event['summary']}"
        assert str(alarms[2]["description"]) == f"today: {event['summary']}"
    custom = _events(_export(world, "--alarm-days", "1,14,1"))
    assert [a["trigger"].dt for a in custom[0].walk("VALARM")] == [
        timedelta(days=-14),
        timedelta(days=-1),
    ]


def test_lines_end_in_crlf_and_are_folded(world: Cli) -> None:
    data = _export(world)
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75  # RFC 5545 3.1: octets, not characters
    assert any(line.startswith(b" ") for line in lines)  # long descriptions are folded


# --------------------------------------------------------------------------- UIDs


def test_uids_are_stable_across_exports_and_days(world: Cli) -> None:
    first = _uids(_export(world))
    assert _uids(_export(world)) == first
    tomorrow = _uids(_export(Cli(world.db_url, TODAY + timedelta(days=1))))
    assert tomorrow == first


def test_a_moved_deadline_keeps_its_uid_with_a_higher_sequence(world: Cli) -> None:
    before = {(_request_id(e), _key_hint(e)): e for e in _events(_export(world))}
    # A verdaging notified Fri 20 Nov (Woo 4.4 lid 2): the decision moves 2 weeks, from Mon 7
    # Dec to Mon 21 Dec, and the ingebrekestelling day with it.
    world("event", "add", "1", "extended", "2026-11-20")
    after = {(_request_id(e), _key_hint(e)): e for e in _events(_export(world))}
    old, new = before[(1, "decision_due")], after[(1, "decision_extended_due")]
    assert str(new["uid"]) == str(old["uid"])
    assert (old["dtstart"].dt, new["dtstart"].dt) == (date(2026, 12, 7), date(2026, 12, 21))
    assert (old["sequence"], new["sequence"]) == (0, 14)  # the days the date travelled
    assert old["last-modified"].dt == datetime(2026, 11, 9, tzinfo=UTC)  # received
    assert new["last-modified"].dt == datetime(2026, 11, 20, tzinfo=UTC)  # moved
    old, new = before[(1, "ingebrekestelling_from")], after[(1, "ingebrekestelling_from")]
    assert str(new["uid"]) == str(old["uid"])
    assert new["dtstart"].dt == date(2026, 12, 22)
    assert new["sequence"] > old["sequence"]
    # Nothing else changed: the other requests' events are the same, revision and all.
    others = {k: v.to_ical() for k, v in before.items() if k[0] != 1}
    assert {k: v.to_ical() for k, v in after.items() if k[0] != 1} == others


def test_a_corrected_receipt_date_moves_the_event_without_a_second_one(world: Cli) -> None:
    before = _uids(_export(world))
    # Received a day later: Woo 4.4 lid 1 moves the decision to Tue 8 Dec 2026. A correction
    # is not a dated fact, so the replay cannot see it as a move (SEQUENCE stays): the UID
    # is what keeps the calendar from showing both days.
    world("request", "edit", "1", "--received", "2026-11-10")
    data = _export(world)
    assert _uids(data) == before
    assert date(2026, 12, 8) in [e["dtstart"].dt for e in _events(data) if "#1 " in e["summary"]]


def test_a_decision_replaces_the_decision_term_by_the_bezwaar_term(world: Cli) -> None:
    before = _uids(_export(world))
    world("event", "add", "1", "decision", "2026-11-20")
    data = _export(world)
    after = _uids(data)
    open_keys = sorted(_key_hint(e) for e in _events(data) if _request_id(e) == 1)
    assert open_keys == ["bezwaar_end", "bezwaar_post_receipt"]
    # The decision term and the ingebrekestelling day are cancelled under their own UIDs.
    cancelled = {_key_hint(e): str(e["uid"]) for e in _cancelled(data) if _request_id(e) == 1}
    assert cancelled == {
        "decision_due": before[(1, "decision_due")],
        "ingebrekestelling_from": before[(1, "ingebrekestelling_from")],
    }
    assert {k: v for k, v in after.items() if k[0] != 1} == {
        k: v for k, v in before.items() if k[0] != 1
    }


def test_event_uid_depends_on_the_deadline_not_its_date() -> None:
    base = event_uid(1, "bezwaar_end", 4)
    assert base == event_uid(1, "bezwaar_end", 4, 0)
    # A verdaging continues the decision term's event.
    assert event_uid(1, "decision_extended_due", None) == event_uid(1, "decision_due", None)
    others = {
        event_uid(2, "bezwaar_end", 4),
        event_uid(1, "bezwaar_post_receipt", 4),
        event_uid(1, "bezwaar_end", None),
        event_uid(1, "bezwaar_end", 4, 1),
    }
    assert len(others) == 4
    assert base not in others


# --------------------------------------------------------------------------- goldens


def _assert_golden(name: str, data: bytes) -> None:
    assert_golden(GOLDENS / name, data, produced_by="generated")


def test_golden_calendar_with_default_alarms(world: Cli) -> None:
    _assert_golden("remind-2026-11-22.ics", _export(world))


def test_golden_calendar_written_to_a_file_with_one_alarm(world: Cli, tmp_path: Path) -> None:
    out = tmp_path / "cal.ics"
    world("remind", "--ics", str(out), "--alarm-days", "3")
    _assert_golden("remind-2026-11-22-alarm-3.ics", out.read_bytes())


def test_golden_empty_calendar(run: Cli) -> None:
    data = _export(run)
    assert _events(data) == []
    _assert_golden("empty-2026-11-22.ics", data)


# --------------------------------------------------------------------------- pure parts


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("7,2,0", (7, 2, 0)),
        ("0", (0,)),
        (" 2 , 7 ", (7, 2)),
        ("1,1,3", (3, 1)),
        (str(MAX_ALARM_DAYS), (MAX_ALARM_DAYS,)),
    ],
)
def test_parse_alarm_days(text: str, days: tuple[int, ...]) -> None:
    assert parse_alarm_days(text) == days


@pytest.mark.parametrize(
    "text", ["", ",", "7,", "-2", "+2", "2.0", "x", "²", str(MAX_ALARM_DAYS + 1)]
)
def test_parse_alarm_days_refuses(text: str) -> None:
    with pytest.raises(InvalidInput, match="for example 7,2,0"):
        parse_alarm_days(text)


def test_calendar_bytes_is_pure_and_skips_passed_deadlines() -> None:
    # Woo 4.4 lid 1: received Mon 5 Jan 2026, due Mon 2 Feb, ingebrekestelling from Tue 3 Feb.
    facts = RequestFacts(regime="woo", received=date(2026, 1, 5))

    def reminders(today: date) -> list[Reminder]:
        status = derive_status(facts, today)
        info = RequestInfo(7, "Gemeente", "x", None, status.deadlines, facts)
        return [Reminder(info, d) for d in status.deadlines]

    on_due_day = calendar_bytes(reminders(date(2026, 2, 2)), today=date(2026, 2, 2))
    assert on_due_day == calendar_bytes(reminders(date(2026, 2, 2)), today=date(2026, 2, 2))
    assert [e["dtstart"].dt for e in _events(on_due_day)] == [date(2026, 2, 2), date(2026, 2, 3)]
    later = calendar_bytes(reminders(date(2026, 2, 4)), today=date(2026, 2, 4))
    assert _events(later) == []  # overdue: the days have passed, nothing left to remind of
    assert DEFAULT_ALARM_DAYS == (7, 2, 0)


# --------------------------------------------------------------------------- following changes

_NOV_22 = date(2026, 11, 22)


def _calendar(facts: RequestFacts, today: date = _NOV_22) -> bytes:
    """The pure calendar of one request (#9) as ``remind --ics`` would write it."""
    status = derive_status(facts, today)
    info = RequestInfo(9, "Gemeente Delft", "Verkeersbesluiten", "D-17", status.deadlines, facts)
    return calendar_bytes(
        [Reminder(info, d) for d in status.deadlines], today=today, requests=[info]
    )


def test_golden_moved_deadline() -> None:
    # Woo 4.4 lid 1: received Mon 2 Nov 2026, due Mon 30 Nov; a verdaging notified Fri 20 Nov
    # (Woo 4.4 lid 2) moves it 2 weeks to Mon 14 Dec: same UID, SEQUENCE 14, LAST-MODIFIED
    # Fri 20 Nov; the ingebrekestelling day (Awb 6:12 lid 2 a) moves with it.
    received = RequestFacts(regime="woo", received=date(2026, 11, 2))
    moved = replace(received, events=(EventFact("extended", date(2026, 11, 20)),))
    before, after = _events(_calendar(received)), _events(_calendar(moved))
    assert [str(e["uid"]) for e in after] == [str(e["uid"]) for e in before]
    assert [e["dtstart"].dt for e in after] == [date(2026, 12, 14), date(2026, 12, 15)]
    assert [e["sequence"] for e in after] == [14, 14]
    assert [e["sequence"] for e in before] == [0, 0]
    _assert_golden("moved-deadline-2026-11-22.ics", _calendar(moved))


def test_golden_closed_deadline() -> None:
    # The decision came Fri 20 Nov, before the decision term ended Mon 30 Nov: the decision
    # term and the ingebrekestelling day are cancelled (same UIDs, SEQUENCE 1), the bezwaar
    # term (Awb 6:7) and its postal week (Awb 6:9 lid 2) are new events.
    received = RequestFacts(regime="woo", received=date(2026, 11, 2))
    decided = replace(received, events=(EventFact("decision", date(2026, 11, 20)),))
    before = {str(e["uid"]) for e in _events(_calendar(received))}
    data = _calendar(decided)
    cancelled = _cancelled(data)
    assert {str(e["uid"]) for e in cancelled} == before
    assert [e["dtstart"].dt for e in cancelled] == [date(2026, 11, 30), date(2026, 12, 1)]
    assert [e["sequence"] for e in cancelled] == [1, 1]
    assert [_key_hint(e) for e in _events(data)] == ["bezwaar_end", "bezwaar_post_receipt"]
    _assert_golden("closed-deadline-2026-11-22.ics", data)
    # 60 days after it closed the cancellation is still there; after that it is dropped.
    assert len(_cancelled(_calendar(decided, date(2027, 1, 19)))) == 2
    assert _cancelled(_calendar(decided, date(2027, 1, 20))) == []


def test_a_running_suspension_raises_the_sequence_each_day() -> None:
    # Awb 4:15: an opschorting from Mon 16 Nov still running; the provisional decision date
    # moves one day per day and SEQUENCE with it, so every day's file is a newer revision.
    # (A day on which the date does not move, e.g. onto the same Monday after a weekend,
    # leaves SEQUENCE as it was.)
    facts = RequestFacts(
        regime="woo",
        received=date(2026, 11, 2),
        events=(EventFact("suspended", date(2026, 11, 16)),),
    )
    found = []
    for day in (date(2026, 11, 17), date(2026, 11, 18), date(2026, 11, 19)):
        decision = _events(_calendar(facts, day))[0]
        found.append((decision["dtstart"].dt, int(decision["sequence"])))
    # Mon 30 Nov + 1, 2, 3 suspended days ('tot': the day after the notice up to today).
    assert found == [(date(2026, 12, 1), 1), (date(2026, 12, 2), 2), (date(2026, 12, 3), 3)]


def test_reminders_are_pure() -> None:
    # reminders/ renders; the database and file work is wobtrack.remind's (the service).
    code = (
        "import sys, wobtrack.reminders, wobtrack.reminders.ics, wobtrack.reminders.history;"
        "print(any(m.startswith('sqlalchemy') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
