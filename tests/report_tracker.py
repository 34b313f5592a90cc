"""The tracker behind the HTML report tests: several authorities, decided, late and open
requests, referrals and grounds, with real evidence sentences.

- The demo's two requests (``wobtrack demo``'s steps, as typed): the sample Woo and Wob
  letters parsed for real, so the items carry the letters' own evidence sentences.
- ``tests/sample_tracker.py``'s four requests (a correction by a person, a late decision,
  a verdaging, a request never decided, one without a receipt date).
- One open request whose term is suspended for a zienswijze (Woo 4.4 lid 3 / Awb 4:15),
  so the calendar has a decision deadline to come; its note is one long unbreakable word.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy.orm import Session

from tests import sample_tracker
from wobtrack import db as database
from wobtrack import tracker
from wobtrack.cli import cli
from wobtrack.cli.demo import DEMO_TODAY, demo_steps
from wobtrack.items import ItemText
from wobtrack.resources import samples_path

#: The report's "today": the sample tracker's, so its bezwaar terms are still open.
TODAY = sample_tracker.TODAY
#: A long name, as many bestuursorganen have: the charts must still leave room for bars.
PROVINCIE = "College van Gedeputeerde Staten van de Provincie Noordkust"

#: The demo's commands that write to the tracker (the others only show things).
_WRITING = (("request", "add"), ("event", "add"), ("decision", "import"))


def populate_url(url: str) -> None:
    """Migrate the database at ``url`` and fill it as described above."""
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as folder:
        for args in demo_steps(samples_path(), Path(folder) / "demo.ics"):
            if tuple(args[:2]) not in _WRITING:
                continue
            result = runner.invoke(cli, ["--db", url, "--today", DEMO_TODAY.isoformat(), *args])
            assert result.exit_code == 0, result.output
    engine = database.make_engine(url)
    try:
        with Session(engine) as session, session.begin():
            sample_tracker.populate(session)
            request = tracker.add_request(
                session,
                authority=PROVINCIE,
                subject="Windpark Kustlijn",
                today=TODAY,
                received=date(2026, 11, 2),
                items=[ItemText("1", "de vergunningaanvraag"), ItemText("2", "het advies")],
            )
            # Long words without a break, as file names in notes are: the phone layout
            # must wrap them instead of widening the page.
            tracker.add_event(
                session,
                request.id,
                "zienswijze_started",
                date(2026, 11, 9),
                note="zie Bes-Besluit+op+Wob+verzoek+over+het+windpark+Kustlijn+en+de+"
                "vergunning.pdf",
                today=TODAY,
            )
    finally:
        engine.dispose()
