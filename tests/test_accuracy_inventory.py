"""bench/accuracy.py's inventory figure with other judgements folded, on labels and a parse
output written here (no corpus needed)."""

from __future__ import annotations

import json
from pathlib import Path

from bench.accuracy import inventory_exact_folded


def _doc(judgement: str | None) -> dict[str, object]:
    return {"number": "1", "judgement": judgement, "needs_review": judgement is None}


def test_other_judgements_fold_into_one_count(tmp_path: Path) -> None:
    labels = [
        # Exact once "Reeds in bezit" and "niet bijgevoegd" are both "other".
        {
            "file": "a.pdf",
            "by_judgement": {"openbaar": 1, "Reeds in bezit": 1, "niet bijgevoegd": 1},
        },
        # A label's own word read as a standard judgement is not exact.
        {"file": "b.pdf", "by_judgement": {"openbaar": 1, "Reeds in bezit": 1}},
        # Not parsed at all: counted, never exact.
        {"file": "c.pdf", "by_judgement": {"openbaar": 0, "deels openbaar": 2}},
    ]
    (tmp_path / "inventory-labels.jsonl").write_text(
        "\n".join(json.dumps(label) for label in labels) + "\n", encoding="utf-8"
    )
    parsed = [
        {
            "file": str(tmp_path / "a.pdf"),
            "documents": [_doc("public"), _doc(None), _doc("duplicate")],
        },
        {"file": str(tmp_path / "b.pdf"), "documents": [_doc("public"), _doc("already_public")]},
    ]
    assert inventory_exact_folded(tmp_path, parsed) == (1, 3)
    assert inventory_exact_folded(tmp_path / "absent", parsed) == (0, 0)
