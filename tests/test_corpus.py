"""Acceptance over ../shared/corpus/wob-letters: 187 real Wob decisions and inventories.

No file may crash the parser: each is parsed, or refused with a clean UnreadableDocument
(the image-only scans). The decision date must equal the annotated one of
``ground-truth.csv`` for at least 90% of the letters that have one. Extraction of the
whole corpus takes a few minutes of CPU, on all cores; the extracted text is cached in
wobtrack's user cache directory (by content hash), so later runs only parse.
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import SHARED
from wobtrack.errors import UnreadableDocument
from wobtrack.parsing.batch import FileResult, parse_files
from wobtrack.parsing.pdftext import default_cache_dir

CORPUS = SHARED / "corpus" / "wob-letters"
GROUND_TRUTH = CORPUS / "ground-truth.csv"
MIN_DATE_ACCURACY = 0.90

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.slow,
    pytest.mark.skipif(
        not GROUND_TRUTH.is_file(), reason=f"{CORPUS} is absent (../shared is not available)"
    ),
]


@pytest.fixture(scope="session")
def pdftext_cache() -> Path:
    """wobtrack's own text-extraction cache (``<user cache dir>/wobtrack/pdftext``, the one
    ``wobtrack parse`` and the scorer behind tests/test_scoreboard.py use), so the corpus is
    extracted once per machine, not once per checkout: CI's fresh clone finds the text of
    the previous run. Entries are keyed by content hash and extractor version: a changed
    file or extractor misses, never goes stale."""
    return default_cache_dir()


@pytest.fixture(scope="module")
def results(pdftext_cache: Path) -> dict[str, FileResult]:
    """Every corpus PDF's result, keyed by its path relative to the corpus folder. The text
    comes from the persistent cache; the parser always runs."""
    files = sorted(CORPUS.rglob("*.pdf"))
    parsed = parse_files(files, os.cpu_count() or 1, pdftext_cache)
    return {Path(r.file).relative_to(CORPUS).as_posix(): r for r in parsed}


def _ground_truth_dates() -> dict[str, date]:
    """file -> decision date, for the rows that have one (written d-m-yyyy)."""
    with GROUND_TRUTH.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    dates = {}
    for row in rows:
        if row["decision_date"].strip():
            day, month, year = (int(part) for part in row["decision_date"].split("-"))
            dates[row["file"]] = date(year, month, day)
    return dates


def test_no_file_crashes_the_parser(results: dict[str, FileResult]) -> None:
    assert len(results) == 187
    unclean = {
        f: r.error
        for f, r in results.items()
        if not r.ok and r.exit_code != UnreadableDocument.exit_code
    }
    assert not unclean, f"not a clean UnreadableDocument: {unclean}"
    # The reason of each refusal, without the file name: "has no text layer", ...
    reasons = Counter(
        "parsed" if r.ok else (r.error or "").removeprefix(f"{CORPUS / f}: ").split(" (")[0]
        for f, r in results.items()
    )
    print(f"\ncorpus: {dict(reasons)}")
    for file, result in results.items():
        if result.data is None:
            continue
        if result.data["kind"] == "inventory":
            # An inventory on its own: its documents, no items (issue 9).
            assert result.data["documents"], f"{file}: an inventory without documents"
        else:
            assert result.data["items"], f"{file}: no items (a letter is at least item 1)"


def test_decision_dates_match_the_ground_truth(results: dict[str, FileResult]) -> None:
    truth = _ground_truth_dates()
    assert len(truth) >= 60, "ground-truth.csv lost its decision dates"
    misses = []
    for file, expected in sorted(truth.items()):
        result = results[file]
        found = result.data["decision_date"] if result.data is not None else result.error
        if found != expected.isoformat():
            misses.append(f"  {file}: expected {expected.isoformat()}, got {found}")
    accuracy = 1 - len(misses) / len(truth)
    print(f"\ndecision date: {len(truth) - len(misses)}/{len(truth)} = {accuracy:.1%}")
    print("\n".join(misses))
    assert accuracy >= MIN_DATE_ACCURACY, "\n".join(misses)
