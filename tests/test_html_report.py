"""``wobtrack report --html``: the page's structure, its figures against the JSON commands,
escaping, offline self-containment and purity (no golden file: the checks are structural).

The browser's view of the same page is tested in tests/test_report_browser.py.
"""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests import report_tracker
from tests.conftest import Cli
from tests.sample_tracker import _item, decide, populate
from wobtrack import db as database
from wobtrack import tracker
from wobtrack.decisions import final_outcome
from wobtrack.htmlreport import CHART_SECTIONS, SECTIONS, render_report, report_data
from wobtrack.htmlreport.charts import _ticks, short_label
from wobtrack.htmlreport.render import CALENDAR_MONTHS, month_grids, reference
from wobtrack.items import ItemText

TODAY = report_tracker.TODAY


class PageOutline(HTMLParser):
    """The parts of the page the tests look at: sections, their titles and SVGs, the
    authority table's cells, ids, and every tag and attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[dict[str, Any]] = []
        self.authority_rows: list[dict[str, Any]] = []
        self.ids: set[str] = set()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str, str]] = []
        self.times: list[str] = []
        self.text: list[str] = []
        self._in_h2 = False
        self._in_table = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        self.tags.add(tag)
        self.attributes.extend((tag, name, value) for name, value in found.items())
        if "id" in found:
            self.ids.add(found["id"])
        if tag == "section":
            self.sections.append({"id": found.get("id"), "title": "", "svgs": 0})
        elif tag == "h2":
            self._in_h2 = True
        elif tag == "svg" and self.sections:
            self.sections[-1]["svgs"] += 1
        elif tag == "table" and found.get("id") == "authority-table":
            self._in_table = True
        elif tag == "tr" and self._in_table and "data-authority" in found:
            self.authority_rows.append({"authority": found["data-authority"]})
        elif tag == "td" and self._in_table and "data-field" in found:
            self.authority_rows[-1][found["data-field"]] = json.loads(found["data-value"])
        elif tag == "time":
            self.times.append(found["datetime"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2":
            self._in_h2 = False
        elif tag == "table":
            self._in_table = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_h2 and self.sections:
            self.sections[-1]["title"] += data


def outline(page: str) -> PageOutline:
    parser = PageOutline()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture
def reported(db_url: str, tmp_path: Path) -> tuple[Cli, str]:
    """The report tracker, and the page ``report --html`` wrote for it."""
    report_tracker.populate_url(db_url)
    run = Cli(db_url, TODAY)
    target = tmp_path / "report.html"
    result = run("report", "--html", str(target))
    assert result.stdout.startswith(f"Wrote {target}: 7 requests, 5 authorities, ")
    return run, target.read_text(encoding="utf-8")


def _flatten(authority: dict[str, Any]) -> dict[str, Any]:
    """``summary --json``'s authority with nested figures as dotted keys."""
    flat: dict[str, Any] = {}
    for key, value in authority.items():
        if isinstance(value, dict) and key != "outcomes":
            flat.update({f"{key}.{inner}": v for inner, v in value.items()})
        else:
            flat[key] = value
    return flat


def test_report_shows_every_section_and_agrees_with_the_json_commands(
    reported: tuple[Cli, str],
) -> None:
    run, page = reported
    found = outline(page)

    # Every section, in order, with its title; one chart in each chart section, none elsewhere.
    assert [(s["id"], s["title"].strip()) for s in found.sections] == list(SECTIONS)
    assert {s["id"]: s["svgs"] for s in found.sections} == {
        name: int(name in CHART_SECTIONS) for name, _ in SECTIONS
    }

    # Axis numbers are whole ("150", not pygal's cut "1…").
    assert re.search(r">\d+…<", page) is None

    # The per-authority table is summary --json's figures, authority by authority.
    summary = json.loads(run("summary", "--json").stdout)
    assert len(summary["authorities"]) == 5
    assert len(found.authority_rows) == len(summary["authorities"])
    for row, authority in zip(found.authority_rows, summary["authorities"], strict=True):
        expected = _flatten(authority)
        assert row["authority"] == expected["authority"]
        assert len(row) > 10
        assert {key: expected[key] for key in row} == row
    # Per request, the verdict is summary --json's decision: late by (days - term) days.
    decided = [r["decision"] for r in summary["requests"] if r["decision"]]
    for decision in decided:
        if decision["late"]:
            over = decision["days"] - decision["term_days"]
            assert f'<span class="late">late by {over} days</span>' in page
    on_time = sum(1 for d in decided if d["late"] is False)
    assert page.count('<td><span class="ontime">on time</span></td>') == on_time
    late = {a["authority"]: a["decided_late"] for a in summary["authorities"]}
    # The data really has late and timely decisions (Woo 4.4 lid 1-2, Wob art. 6).
    assert late["Gemeente Voorbeeldstad"] == 1
    assert late["Burgemeester van Veenhoven"] == 1
    assert late["Gemeente Lindeburg"] == 0

    # The calendar lists every open deadline of deadlines --json that is still to come.
    deadlines = json.loads(run("deadlines", "--json").stdout)
    upcoming = [d for d in deadlines if d["due"] >= TODAY.isoformat()]
    assert len(upcoming) >= 4
    for deadline in upcoming:
        assert deadline["due"] in found.times
        assert f'href="#request-{deadline["request_id"]}"' in page

    # Each request of request list --json has its detail block, showing its state.
    for listed in json.loads(run("request", "list", "--json").stdout):
        assert f"request-{listed['id']}" in found.ids
        shown = json.loads(run("request", "show", str(listed["id"]), "--json").stdout)
        assert f'class="state state-{shown["state"]}">{shown["state"]}</span>' in page


def test_request_detail_quotes_the_evidence_sentences(db_url: str) -> None:
    report_tracker.populate_url(db_url)
    engine = database.make_engine(db_url)
    try:
        with Session(engine) as session:
            page = render_report(report_data(session, TODAY), TODAY)
            evidence = [
                sentence["text"]
                for request in tracker.list_requests(session)
                for item in request.items
                for sentence in final_outcome(item).evidence
            ]
    finally:
        engine.dispose()
    text = " ".join(outline(page).text)
    # The demo's letters are parsed for real: dozens of the letters' own sentences.
    assert len(evidence) > 20
    for sentence in evidence:
        assert sentence in text


def test_report_is_self_contained(reported: tuple[Cli, str]) -> None:
    _, page = reported
    found = outline(page)
    # Nothing is fetched when the page is viewed: no scripts, stylesheets, images or frames,
    # no web fonts, no CSS url(); the only outside addresses are links a reader may follow.
    assert not found.tags & {"script", "link", "img", "iframe", "object", "embed"}
    assert [a for a in found.attributes if a[1] in ("src", "srcset", "xlink:href")] == []
    assert "url(" not in page
    assert "@import" not in page
    assert "@font-face" not in page
    for tag, name, value in found.attributes:
        if name == "href" and not value.startswith("#"):
            assert tag == "a"
            assert value.startswith(("https://", "http://"))


def test_text_from_letters_and_users_is_escaped(session: Session) -> None:
    hostile = "<script>alert(1)</script> & Zn"
    request = tracker.add_request(
        session,
        authority=hostile,
        subject='<img src=x onerror="alert(2)">',
        today=TODAY,
        received=date(2026, 11, 2),
        items=[ItemText("1", "<b>vet</b> & javascript:alert(3)")],
    )
    tracker.add_event(
        session, request.id, "extended", date(2026, 11, 20), note="<i>x</i>", today=TODAY
    )
    references = [{"kind": "url", "value": "javascript:alert(4)"}]
    decide(
        session, request, "b.pdf", "2026-11-21", [_item("1", ["referred"], references=references)]
    )
    page = render_report(report_data(session, TODAY), TODAY)
    found = outline(page)
    assert not found.tags & {"script", "img", "b", "i"}
    # A reference that is not a web address is shown, never made a link.
    assert [a for a in found.attributes if a[1] == "href" and "javascript" in a[2]] == []
    assert "url: javascript:alert(4)" in " ".join(found.text)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Zn" in page
    assert "&lt;b&gt;vet&lt;/b&gt; &amp; javascript:alert(3)" in page
    assert hostile in " ".join(found.text)
    # The chart (pygal through ElementTree) escapes the name in its labels too.
    assert found.sections[0]["svgs"] == 1


def test_rendering_is_pure(session: Session) -> None:
    populate(session)
    data = report_data(session, TODAY)
    first = render_report(data, TODAY)
    # Same data, same page: no clock, no random chart ids, no rendering date inside the SVG.
    assert render_report(data, TODAY) == first
    assert "Sun 22 Nov 2026" in first
    assert "<!--" not in first
    later = date(2026, 12, 1)
    assert "Tue 1 Dec 2026" in render_report(data, later)


def test_empty_tracker_gives_every_section_without_charts(run: Cli, tmp_path: Path) -> None:
    target = tmp_path / "empty.html"
    assert run("report", "--html", str(target)).stdout.startswith(
        f"Wrote {target}: 0 requests, 0 authorities, 0 open deadlines"
    )
    found = outline(target.read_text(encoding="utf-8"))
    assert [(s["id"], s["title"].strip(), s["svgs"]) for s in found.sections] == [
        (name, title, 0) for name, title in SECTIONS
    ]
    assert "No requests yet." in " ".join(found.text)


def test_title_option_is_escaped(run: Cli, tmp_path: Path) -> None:
    target = tmp_path / "titled.html"
    run("report", "--html", str(target), "--title", "Onderzoek <politie> & co")
    page = target.read_text(encoding="utf-8")
    assert "<h1>Onderzoek &lt;politie&gt; &amp; co</h1>" in page
    assert "<title>Onderzoek &lt;politie&gt; &amp; co — Sun 22 Nov 2026</title>" in page


def test_report_to_a_folder_or_missing_folder_is_a_one_line_error(run: Cli, tmp_path: Path) -> None:
    run.fails("report", "--html", str(tmp_path), message="is a directory")
    run.fails(
        "report", "--html", str(tmp_path / "no" / "r.html"), message="No such file or directory"
    )
    run.fails("report", message="Missing option '--html'")


def _deadline(due: str, request_id: int = 1) -> dict[str, Any]:
    return {"due": due, "request_id": request_id, "kind": "bezwaar_end"}


def test_calendar_months_run_from_today_to_the_last_deadline() -> None:
    months = month_grids([_deadline("2026-11-24"), _deadline("2026-12-14", 7)], TODAY)
    assert [m.title for m in months] == ["November 2026", "December 2026"]
    november = months[0]
    # Monday first: 1 Nov 2026 is a Sunday, the last cell of the first week.
    assert [c.day for c in november.weeks[0]][-1] == date(2026, 11, 1)
    assert all(c.day is None for c in november.weeks[0][:-1])
    due = [(c.day, [d["request_id"] for d in c.deadlines]) for w in november.weeks for c in w]
    assert (date(2026, 11, 24), [1]) in due
    assert sum(1 for _, ids in due if ids) == 1
    # Passed deadlines are not drawn; far deadlines stop the grid at CALENDAR_MONTHS.
    assert month_grids([_deadline("2026-11-01")], TODAY) == []
    assert len(month_grids([_deadline("2027-11-01")], TODAY)) == CALENDAR_MONTHS


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        # As the parser stores them: only a web address becomes a link.
        ({"kind": "url", "value": "https://x.nl/a"}, ("url", "https://x.nl/a", "https://x.nl/a")),
        ({"kind": "url", "value": "javascript:alert(1)"}, ("url", "javascript:alert(1)", None)),
        ({"kind": "url", "value": "file:///etc/passwd"}, ("url", "file:///etc/passwd", None)),
        ({"kind": "document", "value": "12"}, ("document", "12", None)),
        # Other shapes (older or hand-made data) are shown as text, never break the page.
        ({"url": "https://x.org/d"}, ("url", "https://x.org/d", "https://x.org/d")),
        ({"note": "<b>"}, ("note", "<b>", None)),
        ("zie de website", ("reference", '"zie de website"', None)),
    ],
)
def test_references_are_shown_safely_whatever_their_shape(
    stored: Any, shown: tuple[str, str, str | None]
) -> None:
    ref = reference(stored)
    assert (ref.kind, ref.value, ref.href) == shown


@pytest.mark.parametrize(
    ("largest", "ticks"),
    [
        (0, [0, 1]),
        (1, [0, 1]),
        (5, [0, 1, 2, 3, 4, 5]),
        (7, [0, 2, 4, 6, 8]),
        (42, [0, 10, 20, 30, 40, 50]),
        (106, [0, 50, 100, 150]),
        (330, [0, 100, 200, 300, 400]),
    ],
)
def test_chart_axes_have_round_ticks_that_cover_the_largest_value(
    largest: int, ticks: list[int]
) -> None:
    assert _ticks([None, largest]) == ticks


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Gemeente Voorbeeldstad", "Gemeente Voorbeeldstad"),
        ("Ministerie van Financiën", "Ministerie van Financiën"),
        # The last words name the place or ministry; the first word stays when it fits.
        ("Minister van Infrastructuur en Waterstaat", "Minister … en Waterstaat"),
        ("College van burgemeester en wethouders van Utrecht", "… wethouders van Utrecht"),
        (
            "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking",
            "…twikkelingssamenwerking",
        ),
    ],
)
def test_chart_labels_of_long_names_keep_their_last_words(name: str, label: str) -> None:
    assert short_label(name) == label
    assert len(short_label(name)) <= 24
