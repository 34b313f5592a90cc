"""Golden files: compare output with a checked-in file, rewrite it only on request.

Run with ``WOBTRACK_UPDATE_GOLDENS=1`` to (re)write the goldens, then read the diff before
committing: a golden that records a wrong result is a defect, not a fixture.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

#: Set by the person regenerating goldens; never in CI.
UPDATE = os.environ.get("WOBTRACK_UPDATE_GOLDENS") == "1"


def _lines(data: str | bytes) -> list[str]:
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    # Show CR explicitly: a checkout that rewrote line endings is a mismatch too.
    return [line.replace("\r", "\\r") for line in text.splitlines(keepends=True)]


def assert_golden(path: Path, actual: str | bytes, *, produced_by: str = "actual") -> None:
    """Fail with a unified diff unless ``actual`` equals the golden file at ``path``."""
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(actual, bytes):
            path.write_bytes(actual)
        else:
            path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"missing golden {path}: create it with WOBTRACK_UPDATE_GOLDENS=1")
    expected: str | bytes = (
        path.read_bytes() if isinstance(actual, bytes) else path.read_text(encoding="utf-8")
    )
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(_lines(expected), _lines(actual), str(path), produced_by)
        )
        pytest.fail(f"{path.name} differs from its golden file:\n{diff}", pytrace=False)
