"""Benchmark OCR (``wobtrack parse --ocr``): pages per second, OCR'd and from the cache.

    python bench/bench_ocr.py [PDF ...] [--jobs N]

Not a test; run it by hand, on a quiet machine, with OCRmyPDF and Tesseract's Dutch model
installed. Without files it OCRs the Woo sample letter rendered to page images at 200 dpi
(4 pages). In one run, on the same files, it measures ``parse_files(..., ocr=True)`` with an
empty cache (every scanned page OCR'd) and again with the cache filled (OCR'd pages served
from the cache), and prints pages per second of each and their ratio.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout, installed or not

from wobtrack.parsing.batch import parse_files  # noqa: E402
from wobtrack.parsing.pdftext import extract_pdf  # noqa: E402

SAMPLE = ROOT / "samples" / "woo-besluit-2026.pdf"
DPI = 200


def render_scan(source: Path, target: Path) -> Path:
    """``source`` as an image-only PDF (grey page images, no text layer)."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    document = pdfium.PdfDocument(str(source))
    images = [
        page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L") for page in document
    ]
    images[0].save(target, "PDF", resolution=DPI, save_all=True, append_images=images[1:])
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as folder:
        files = args.files or [render_scan(SAMPLE, Path(folder) / "woo-scan.pdf")]
        cache = Path(folder) / "cache"
        timings: dict[str, float] = {}
        for label in ("ocr (cold cache)", "cached"):
            started = time.perf_counter()
            results = parse_files(files, args.jobs, cache, ocr=True)
            timings[label] = time.perf_counter() - started
        parsed = [r for r in results if r.ok]
        ocr_pages = sum(len((r.data or {}).get("ocr_pages", [])) for r in parsed)
        pages = sum(len(extract_pdf(Path(r.file), cache_dir=cache, ocr=True).pages) for r in parsed)
    print(
        f"{len(files)} files ({len(parsed)} parsed, {len(files) - len(parsed)} refused), "
        f"{pages} pages of which {ocr_pages} OCR'd; --jobs {args.jobs}"
    )
    print(f"{'run':<18} {'seconds':>8} {'pages/s':>8}")
    for label, seconds in timings.items():
        print(f"{label:<18} {seconds:>8.2f} {pages / seconds:>8.2f}")
    cold, warm = timings.values()
    print(f"cached / ocr speed: {cold / warm:.0f}x")
    for r in results:
        if not r.ok:
            print(f"  refused: {r.error}")


if __name__ == "__main__":
    main()
