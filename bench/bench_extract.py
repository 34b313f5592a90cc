"""Benchmark cold text extraction: the fast path against bare pdfplumber (not a test).

    python bench/bench_extract.py [CORPUS_DIR] [--limit N]

CORPUS_DIR defaults to ../shared/corpus/wob-letters. Only the letters with a text layer
are measured (the scans are picked out first, untimed, by pypdfium2). In one run, on the
same files, with no cache: ``extract_pdf`` on the fast path, pdfplumber's bare
``extract_text`` of every page (what a plain pdfplumber user pays), ``wobtrack parse``
of all the files with an empty cache on the fast path (``parse_files``, ``--jobs 1``:
hash, extract, parse, write the cache; one bounded worker reads file after file) and,
with ``--with-pdfplumber-path``, the same two with ``WOBTRACK_PDF_EXTRACTOR=pdfplumber``
(every page by pdfplumber, with its tables and link anchors). ``extract_pdf`` starts a
bounded worker process for each file.
Prints a table and writes ``bench/results/extract.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import sys
import tempfile
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout, installed or not

import pdfplumber  # noqa: E402,F401  (imported before any timing)
import pypdfium2  # type: ignore[import-untyped]  # noqa: E402

from bench.bench_parse import _timed, bare_pdfplumber  # noqa: E402
from wobtrack.errors import UnreadableDocument  # noqa: E402
from wobtrack.parsing import pdftext  # noqa: E402
from wobtrack.parsing.batch import parse_files  # noqa: E402
from wobtrack.parsing.pdftext import EXTRACTOR_VERSION, extract_pdf  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "extract.json"


def has_text_layer(file: Path) -> bool:
    """Whether any page of ``file`` has text (pypdfium2; untimed selection)."""
    try:
        pdf = pypdfium2.PdfDocument(file)
    except Exception:  # not readable at all: not measured
        return False
    try:
        for page in pdf:
            text = page.get_textpage().get_text_range()
            if sum(ch.isalnum() for ch in text) >= pdftext.MIN_PAGE_CHARS:
                return True
        return False
    finally:
        pdf.close()


def extract_all(files: list[Path], extractor: str) -> int:
    """``extract_pdf`` of every file without cache; returns the number read."""
    os.environ[pdftext.ENV_EXTRACTOR] = extractor
    done = 0
    for file in files:
        try:
            extract_pdf(file, cache_dir=None)
            done += 1
        except UnreadableDocument:
            continue
    return done


def parse_all(files: list[Path], extractor: str) -> int:
    """``wobtrack parse`` of ``files`` with an empty cache (``--jobs 1``); returns the
    number parsed."""
    os.environ[pdftext.ENV_EXTRACTOR] = extractor
    with tempfile.TemporaryDirectory(prefix="wobtrack-bench-") as cache:
        return sum(1 for result in parse_files(files, 1, Path(cache)) if result.ok)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "corpus", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus" / "wob-letters"
    )
    parser.add_argument("--limit", type=int, help="only the first N files (a quick look)")
    parser.add_argument(
        "--with-pdfplumber-path",
        action="store_true",
        help="also time extract_pdf with WOBTRACK_PDF_EXTRACTOR=pdfplumber (slow)",
    )
    args = parser.parse_args()
    files = [f for f in sorted(args.corpus.rglob("*.pdf")) if has_text_layer(f)][: args.limit]
    if not files:
        parser.error(f"no PDFs with a text layer under {args.corpus}")
    print(f"{len(files)} text-layer PDFs under {args.corpus}", file=sys.stderr)
    saved = os.environ.get(pdftext.ENV_EXTRACTOR)
    try:
        print("wobtrack fast path ...", file=sys.stderr)
        fast_s, fast_cpu, fast_done = _timed(lambda: extract_all(files, "fast"))
        print("pdfplumber bare extract_text ...", file=sys.stderr)
        bare_s, bare_cpu, pages = _timed(lambda: bare_pdfplumber(files))
        print("wobtrack parse, cold cache, fast path ...", file=sys.stderr)
        parse_s, parse_cpu, parse_done = _timed(lambda: parse_all(files, "fast"))
        plumb_s = plumb_cpu = plumb_parse_s = plumb_parse_cpu = float("nan")
        plumb_done = plumb_parse_done = 0
        if args.with_pdfplumber_path:
            print("wobtrack with pdfplumber ...", file=sys.stderr)
            plumb_s, plumb_cpu, plumb_done = _timed(lambda: extract_all(files, "pdfplumber"))
            print("wobtrack parse, cold cache, pdfplumber ...", file=sys.stderr)
            plumb_parse_s, plumb_parse_cpu, plumb_parse_done = _timed(
                lambda: parse_all(files, "pdfplumber")
            )
    finally:
        if saved is None:
            os.environ.pop(pdftext.ENV_EXTRACTOR, None)
        else:
            os.environ[pdftext.ENV_EXTRACTOR] = saved
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    report: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "corpus": str(args.corpus),
        "files": len(files),
        "pages": pages,
        "read": {"fast": fast_done, "pdfplumber": plumb_done},
        "parsed": {"fast": parse_done, "pdfplumber": plumb_parse_done},
        "python": platform.python_version(),
        "pdfplumber": version("pdfplumber"),
        "pypdfium2": version("pypdfium2"),
        "extractor_version": EXTRACTOR_VERSION,
        "seconds": {
            "pdfplumber_bare": round(bare_s, 2),
            "wobtrack_fast": round(fast_s, 2),
            "wobtrack_pdfplumber": _rounded(plumb_s),
            "wobtrack_parse_fast": round(parse_s, 2),
            "wobtrack_parse_pdfplumber": _rounded(plumb_parse_s),
        },
        "cpu_seconds": {
            "pdfplumber_bare": round(bare_cpu, 2),
            "wobtrack_fast": round(fast_cpu, 2),
            "wobtrack_pdfplumber": _rounded(plumb_cpu),
            "wobtrack_parse_fast": round(parse_cpu, 2),
            "wobtrack_parse_pdfplumber": _rounded(plumb_parse_cpu),
        },
        "load_average_1min": round(load, 2) if load is not None else None,
        "ratios": {
            "bare_vs_fast_cpu": round(bare_cpu / fast_cpu, 2),
            "bare_vs_fast_wall": round(bare_s / fast_s, 2),
            "pdfplumber_path_vs_fast_cpu": _rounded(plumb_cpu / fast_cpu),
            "bare_vs_parse_fast_cpu": round(bare_cpu / parse_cpu, 2),
            "bare_vs_parse_fast_wall": round(bare_s / parse_s, 2),
        },
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(render(report))
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")
    return 0


def _rounded(value: float) -> float | None:
    """``value`` to two decimals; None for NaN (a run that was not made)."""
    return None if math.isnan(value) else round(value, 2)


def render(report: dict[str, Any]) -> str:
    """The report as a small Markdown table."""
    s, cpu, r = report["seconds"], report["cpu_seconds"], report["ratios"]
    bare_cpu = cpu["pdfplumber_bare"]
    rows = [
        ("pdfplumber bare extract_text", "pdfplumber_bare"),
        ("wobtrack extract_pdf, fast path", "wobtrack_fast"),
        ("wobtrack extract_pdf, WOBTRACK_PDF_EXTRACTOR=pdfplumber", "wobtrack_pdfplumber"),
        ("wobtrack parse, cold cache, --jobs 1, fast path", "wobtrack_parse_fast"),
        ("wobtrack parse, cold cache, --jobs 1, pdfplumber", "wobtrack_parse_pdfplumber"),
    ]
    rows = [(name, key) for name, key in rows if cpu[key] is not None]  # None: not run
    return "\n".join(
        [
            f"{report['files']} text-layer PDFs, {report['pages']} pages, pdfplumber "
            f"{report['pdfplumber']}, pypdfium2 {report['pypdfium2']}, load average at the "
            f"end {report['load_average_1min']}",
            "",
            "| run | wall s | CPU s | CPU vs bare |",
            "|---|---:|---:|---:|",
            *(
                f"| {name} | {s[key]:.2f} | {cpu[key]:.2f} | {cpu[key] / bare_cpu:.3f} |"
                for name, key in rows
            ),
            "",
            f"fast path: extract_pdf {r['bare_vs_fast_cpu']:.1f}x less CPU than bare "
            f"pdfplumber ({r['bare_vs_fast_wall']:.1f}x wall clock); wobtrack parse, cold, "
            f"{r['bare_vs_parse_fast_cpu']:.1f}x less CPU ({r['bare_vs_parse_fast_wall']:.1f}x "
            f"wall clock)",
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
