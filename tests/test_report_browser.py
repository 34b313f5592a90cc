"""The HTML report as a person sees it: opened in headless Chromium at desktop and phone
width, over the DevTools protocol (tests/browser.py).

Checked: the page loads without console errors or failed loads, fetches nothing but itself
(it works offline), every section's title is visible and in the DOM, each chart section
draws one SVG with bars, the request details open to show evidence sentences, the phone
layout has no sideways scrolling, and a full-page PNG screenshot is taken at each width.
Set WOBTRACK_SCREENSHOT_DIR to keep the screenshots (report-desktop.png, report-phone.png).
"""

from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import Any

import pytest

from tests import report_tracker
from tests.browser import Chromium, find_chromium
from tests.conftest import Cli
from wobtrack.htmlreport import CHART_SECTIONS, SECTIONS

CHROMIUM = find_chromium()

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="headless Chromium is not installed (Debian: apt-get install chromium; "
        ".ci/run installs it; or set WOBTRACK_CHROMIUM to the executable)",
    ),
]

#: Run in the page after it loaded: open every request's details (as a reader tapping them
#: would), then report what is visible where.
PROBE = """(() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden'
      && style.display !== 'none' && parseFloat(style.opacity) > 0;
  };
  const sections = [...document.querySelectorAll('main > section')].map(section => {
    const heading = section.querySelector('h2');
    return {
      id: section.id,
      title: heading ? heading.textContent.trim() : null,
      titleVisible: heading ? visible(heading) : false,
      charts: [...section.querySelectorAll('svg')].map(svg => {
        const box = svg.getBoundingClientRect();
        const plot = svg.querySelector('.plot > .background');
        return {width: box.width, height: box.height,
                plotShare: plot ? plot.getBoundingClientRect().width / box.width : 0,
                bars: [...svg.querySelectorAll('.series rect')].filter(visible).length};
      }),
    };
  });
  const evidence = [...document.querySelectorAll('blockquote.evidence')];
  return {
    sections,
    evidence: evidence.length,
    evidenceVisible: evidence.filter(visible).length,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    dom: document.documentElement.outerHTML,
  };
})()"""


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{folder / 'wobtrack.db'}"
    report_tracker.populate_url(url)
    target = folder / "report.html"
    Cli(url, report_tracker.TODAY)("report", "--html", str(target))
    return target


def _keep(name: str, png: bytes, tmp_path: Path) -> None:
    folder = Path(os.environ.get("WOBTRACK_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(png)


def _check_page(probe: dict[str, Any]) -> None:
    assert [(s["id"], s["title"]) for s in probe["sections"]] == list(SECTIONS)
    for section in probe["sections"]:
        assert section["titleVisible"], section["id"]
        # The dumped DOM carries every title.
        assert f">{section['title']}</h2>" in probe["dom"]
        if section["id"] in CHART_SECTIONS:
            assert len(section["charts"]) == 1, section["id"]
            chart = section["charts"][0]
            assert chart["width"] > 100
            assert chart["height"] > 50
            assert chart["bars"] >= 2, section["id"]
            # Long authority names are shortened: the bars keep a good part of the width.
            assert chart["plotShare"] > 0.4, section["id"]
        else:
            assert section["charts"] == []
    assert probe["evidence"] > 20
    assert probe["evidenceVisible"] == probe["evidence"]


def test_report_in_chromium_at_desktop_and_phone_width(report_file: Path, tmp_path: Path) -> None:
    assert CHROMIUM is not None
    url = report_file.as_uri()
    with Chromium(CHROMIUM) as browser:
        desktop = browser.visit(url, width=1280, height=900, probe=PROBE)
        phone = browser.visit(url, width=390, height=844, mobile=True, probe=PROBE)

    for visit in (desktop, phone):
        assert visit.console_errors == []
        # Offline: the page loads nothing but itself (no scripts, fonts, images, styles).
        assert visit.requests == [url]
        _check_page(visit.probe)

    # At phone width nothing makes the page scroll sideways (wide tables scroll inside
    # their own box) and the charts shrink to the column.
    assert phone.probe["scrollWidth"] <= phone.probe["innerWidth"] == 390
    for section in phone.probe["sections"]:
        for chart in section["charts"]:
            assert chart["width"] <= 390

    desktop_size = _png_size(desktop.screenshot)
    phone_size = _png_size(phone.screenshot)
    assert desktop_size[0] == 1280
    assert desktop_size[1] > 900
    assert phone_size[0] == 390
    # One column on a phone: the same page is much taller than on a desktop.
    assert phone_size[1] > desktop_size[1]
    _keep("report-desktop.png", desktop.screenshot, tmp_path)
    _keep("report-phone.png", phone.screenshot, tmp_path)
