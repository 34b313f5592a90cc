"""Benchmark: ``wobtrack report --html`` at a researcher's scale, and the page in Chromium.

Not a test: run it by hand, on a quiet machine.

    python bench/bench_report.py                 # 30, 300 and 1,000 requests
    python bench/bench_report.py --sizes 100     # a quick look

Fills a fresh SQLite database with bench_tracker's generator (N requests x 20 items, half
of them decided), then runs the command as ``python -m wobtrack`` in a child process and
reports its CPU seconds, peak memory (``os.wait4``) and the page's size. When Chromium is
installed, the page is opened headless (tests/browser.py) and the browser's own navigation
timing gives the time to the load event.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from bench_tracker import generate  # noqa: E402

from tests.browser import Chromium, find_chromium  # noqa: E402
from wobtrack import db  # noqa: E402

TODAY = "2026-11-22"
_NAVIGATION = "JSON.stringify(performance.getEntriesByType('navigation')[0].toJSON())"


def run_report(url: str, page: Path) -> tuple[float, float, float]:
    """CPU seconds, wall seconds and peak MB of one ``report --html`` in a child process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "wobtrack", "--db", url, "--today", TODAY]
    start = time.perf_counter()
    child = subprocess.Popen(
        [*command, "report", "--html", str(page)], env=env, stdout=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    assert os.waitstatus_to_exitcode(status) == 0
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024


def load_time_ms(browser: Chromium, page: Path) -> float:
    """Milliseconds from navigation start to the end of the load event, as Chromium saw it."""
    target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
        "sessionId"
    ]
    browser.call("Page.enable", session=session)
    browser.call("Page.navigate", {"url": page.as_uri()}, session=session)
    browser.wait_for("Page.loadEventFired", session)
    result = browser.call(
        "Runtime.evaluate", {"expression": _NAVIGATION, "returnByValue": True}, session=session
    )
    browser.call("Target.closeTarget", {"targetId": target})
    return float(json.loads(result["result"]["value"])["loadEventEnd"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[30, 300, 1000])
    args = parser.parse_args()
    chromium = find_chromium()
    print("| requests | CPU s | wall s | peak MB | page KiB | Chromium load ms |")
    print("|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="wobtrack-bench-report-") as tmp:
        for n in args.sizes:
            url = f"sqlite:///{Path(tmp) / f'{n}.db'}"
            engine = db.make_engine(url)
            db.upgrade(engine)
            generate(engine, n)
            engine.dispose()
            page = Path(tmp) / f"{n}.html"
            cpu, wall, peak = run_report(url, page)
            load = "-"
            if chromium is not None:
                with Chromium(chromium, timeout=120) as browser:
                    load = f"{load_time_ms(browser, page):.0f}"
            size = page.stat().st_size / 1024
            print(f"| {n:,} | {cpu:.2f} | {wall:.2f} | {peak:.0f} | {size:,.0f} | {load} |")


if __name__ == "__main__":
    main()
