"""`wobtrack demo` runs the whole job on the shipped samples and writes a usable calendar."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from wobtrack.cli import cli


def test_demo_end_to_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("WOBTRACK_DB", raising=False)
    folder = tmp_path / "demo"
    result = CliRunner().invoke(cli, ["demo", "--keep", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = result.stdout
    # Both sample letters are imported with per-item outcomes, and the referral-only
    # overview names the Wob letter's referral-only items.
    # The Woo letter is read first, with the documents of its annexed inventory list.
    assert "Inventory: 15 documents (partly_public 9, not_public 4, public 2)" in out
    assert "Imported woo-besluit-2026.pdf as decision 1 of request 1." in out
    assert "Imported wob-besluit-2021.pdf as decision 2 of request 2." in out
    assert "3 of 12 items answered only by referral: 1, 5, 10" in out
    # Awb 6:7/6:8: bekendmaking Fri 6 Feb 2026 + 42 days = Fri 20 Mar 2026.
    assert "must be received by Fri 20 Mar 2026" in out
    calendar = Calendar.from_ical((folder / "wobtrack.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    open_events = [e for e in events if str(e.get("STATUS", "")) != "CANCELLED"]
    assert sorted(str(e.decoded("DTSTART")) for e in open_events) == ["2026-03-20", "2026-03-27"]
    # Deadlines the demo's decisions closed before their day are cancelled, never reminders.
    cancelled = [e for e in events if str(e.get("STATUS", "")) == "CANCELLED"]
    assert len(cancelled) + len(open_events) == len(events)
    assert all(e.walk("VALARM") == [] for e in cancelled)
    assert all(len(list(e.walk("VALARM"))) == 3 for e in open_events)


def test_demo_refuses_a_folder_with_a_database(tmp_path: Path) -> None:
    (tmp_path / "demo.db").write_bytes(b"")
    result = CliRunner().invoke(cli, ["demo", "--keep", str(tmp_path)])
    assert result.exit_code != 0
    assert "give --keep an empty folder" in result.stderr
