"""Benchmark ``wobtrack parse`` on a folder of decision letters (not a test; run by hand).

    python bench/bench_parse.py [CORPUS_DIR] [--limit N]

CORPUS_DIR defaults to ../shared/corpus/wob-letters. Everything is measured in one run, on
the same files: pdfplumber's bare ``extract_text`` (the floor), wobtrack's full pipeline
(extract + parse) with a cold cache at --jobs 1 and --jobs 2, the same with a warm cache,
and the parser alone on text already in memory. Prints a table and writes
``bench/results/latest.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout, installed or not

# Imported before any timing, so that no variant pays for the imports of another.
import pdfplumber  # noqa: E402

from wobtrack.errors import UnreadableDocument  # noqa: E402
from wobtrack.parsing.batch import parse_files  # noqa: E402
from wobtrack.parsing.letters import PARSER_VERSION, parse_letter  # noqa: E402
from wobtrack.parsing.pdftext import EXTRACTOR_VERSION, extract_pdf  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "latest.json"


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the pool's workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _timed(step: Callable[[], Any]) -> tuple[float, float, Any]:
    """(wall seconds, CPU seconds, value) of ``step()``. CPU time barely moves when other
    programs share the machine; wall time is what a user waits (and shows the speed-up)."""
    wall, cpu = time.perf_counter(), _cpu()
    value = step()
    return time.perf_counter() - wall, _cpu() - cpu, value


def bare_pdfplumber(files: list[Path]) -> int:
    """Open every file and ``extract_text`` every page, as a plain pdfplumber user would;
    returns the number of pages. Files pdfplumber cannot open are skipped."""
    pages = 0
    for file in files:
        try:
            with pdfplumber.open(file) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    pages += 1
        except Exception:  # the same files wobtrack refuses; the floor skips them too
            continue
    return pages


def parse_only(files: list[Path], cache: Path) -> float:
    """Seconds spent in the parser alone, on text read from the (warm) cache."""
    total = 0.0
    for file in files:
        try:
            text = extract_pdf(file, cache_dir=cache)
        except UnreadableDocument:
            continue
        start = time.perf_counter()
        parse_letter(text.pages, text.links).to_json(str(file))
        total += time.perf_counter() - start
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "corpus", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus" / "wob-letters"
    )
    parser.add_argument("--limit", type=int, help="only the first N files (a quick look)")
    args = parser.parse_args()
    files = sorted(args.corpus.rglob("*.pdf"))[: args.limit]
    if not files:
        parser.error(f"no PDFs under {args.corpus}")
    for file in files:  # read once so that no variant pays for a cold OS file cache
        file.read_bytes()

    print(f"{len(files)} PDFs under {args.corpus}; {os.cpu_count()} cores", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="wobtrack-bench-") as tmp:
        cold1, cold2 = Path(tmp, "cold1"), Path(tmp, "cold2")
        print("pdfplumber bare extract_text ...", file=sys.stderr)
        bare_s, bare_cpu, pages = _timed(lambda: bare_pdfplumber(files))
        print("wobtrack, cold cache, --jobs 1 ...", file=sys.stderr)
        full1_s, full1_cpu, results = _timed(lambda: parse_files(files, 1, cold1))
        print("wobtrack, cold cache, --jobs 2 ...", file=sys.stderr)
        full2_s, full2_cpu, _ = _timed(lambda: parse_files(files, 2, cold2))
        print("wobtrack, warm cache, --jobs 1 and 2 ...", file=sys.stderr)
        warm1_s, warm1_cpu, _ = _timed(lambda: parse_files(files, 1, cold1))
        warm2_s, warm2_cpu, _ = _timed(lambda: parse_files(files, 2, cold2))
        print("parser alone ...", file=sys.stderr)
        parse_s = parse_only(files, cold1)
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None

    parsed = sum(1 for r in results if r.ok)
    report: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "corpus": str(args.corpus),
        "files": len(files),
        "parsed": parsed,
        "unreadable": len(files) - parsed,
        "pages": pages,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "pdfplumber": version("pdfplumber"),
        "parser_version": PARSER_VERSION,
        "extractor_version": EXTRACTOR_VERSION,
        "seconds": {
            "pdfplumber_bare": round(bare_s, 2),
            "wobtrack_cold_jobs1": round(full1_s, 2),
            "wobtrack_cold_jobs2": round(full2_s, 2),
            "wobtrack_warm_jobs1": round(warm1_s, 2),
            "wobtrack_warm_jobs2": round(warm2_s, 2),
            "parse_only": round(parse_s, 2),
        },
        "cpu_seconds": {
            "pdfplumber_bare": round(bare_cpu, 2),
            "wobtrack_cold_jobs1": round(full1_cpu, 2),
            "wobtrack_cold_jobs2": round(full2_cpu, 2),
            "wobtrack_warm_jobs1": round(warm1_cpu, 2),
            "wobtrack_warm_jobs2": round(warm2_cpu, 2),
        },
        #: The 1-minute load average at the end: above the core count, other programs
        #: competed for the CPU and the wall-clock figures (and the speed-up) suffer.
        "load_average_1min": round(load, 2) if load is not None else None,
        "pages_per_second": {
            "pdfplumber_bare": round(pages / bare_s, 1),
            "wobtrack_cold_jobs1": round(pages / full1_s, 1),
            "wobtrack_cold_jobs2": round(pages / full2_s, 1),
            "wobtrack_warm_jobs1": round(pages / warm1_s, 1),
        },
        "ratios": {
            "wobtrack_cold_jobs1_vs_bare": round(full1_s / bare_s, 3),
            "wobtrack_cold_jobs1_vs_bare_cpu": round(full1_cpu / bare_cpu, 3),
            "parse_only_vs_bare": round(parse_s / bare_s, 3),
            "parse_only_vs_bare_cpu": round(parse_s / bare_cpu, 3),
            "jobs2_speedup_cold": round(full1_s / full2_s, 2),
            "warm_vs_cold_jobs1": round(warm1_s / full1_s, 4),
        },
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(render(report))
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")
    return 0


def render(report: dict[str, Any]) -> str:
    """The report as a small Markdown table (paste-able into a README)."""
    s, cpu, r = report["seconds"], report["cpu_seconds"], report["ratios"]
    pages, bare, bare_cpu = report["pages"], s["pdfplumber_bare"], cpu["pdfplumber_bare"]
    rows = [
        ("pdfplumber bare extract_text", "pdfplumber_bare"),
        ("wobtrack extract+parse, cold cache, --jobs 1", "wobtrack_cold_jobs1"),
        ("wobtrack extract+parse, cold cache, --jobs 2", "wobtrack_cold_jobs2"),
        ("wobtrack, warm cache, --jobs 1", "wobtrack_warm_jobs1"),
        ("wobtrack, warm cache, --jobs 2", "wobtrack_warm_jobs2"),
    ]
    lines = [
        f"{report['files']} PDFs ({report['parsed']} parsed, {report['unreadable']} unreadable), "
        f"{pages} pages, {report['cores']} cores, pdfplumber {report['pdfplumber']}, "
        f"load average at the end {report['load_average_1min']}",
        "",
        "| run | wall s | pages/s | wall vs bare | CPU s | CPU vs bare |",
        "|---|---:|---:|---:|---:|---:|",
        *(
            f"| {name} | {s[key]:.2f} | {pages / s[key]:.1f} | {s[key] / bare:.3f} "
            f"| {cpu[key]:.2f} | {cpu[key] / bare_cpu:.3f} |"
            for name, key in rows
        ),
        f"| parser alone (text in memory) | {s['parse_only']:.2f} | | "
        f"{r['parse_only_vs_bare']:.3f} | | {r['parse_only_vs_bare_cpu']:.3f} |",
        "",
        f"speed-up of --jobs 2 over --jobs 1 (cold cache, wall clock): "
        f"{r['jobs2_speedup_cold']:.2f}x",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
