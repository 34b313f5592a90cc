"""Golden files: compare output with a checked-in file, write it only on request.

- ``WOBTRACK_UPDATE_GOLDENS=1`` writes goldens that are *missing*; an existing golden that
  differs still fails with its diff (so a run meant to add one golden cannot silently
  rewrite the others).
- ``WOBTRACK_UPDATE_GOLDENS=force`` rewrites every golden the run touches. Read the diff
  before committing: a golden that records a wrong result is a defect, not a fixture.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Literal

import pytest

UpdateMode = Literal["off", "missing", "force"]


def update_mode() -> UpdateMode:
    """The golden-update mode from ``WOBTRACK_UPDATE_GOLDENS`` (read at each call)."""
    value = os.environ.get("WOBTRACK_UPDATE_GOLDENS", "").strip().lower()
    if value == "force":
        return "force"
    if value == "1":
        return "missing"
    return "off"


#: Set by the person regenerating goldens; never in CI.
UPDATE = update_mode() != "off"


def _lines(data: str | bytes) -> list[str]:
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    # Show CR explicitly: a checkout that rewrote line endings is a mismatch too.
    return [line.replace("\r", "\\r") for line in text.splitlines(keepends=True)]


def _write(path: Path, actual: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(actual, bytes):
        path.write_bytes(actual)
    else:
        path.write_text(actual, encoding="utf-8")


def assert_golden(path: Path, actual: str | bytes, *, produced_by: str = "actual") -> None:
    """Fail with a unified diff unless ``actual`` equals the golden file at ``path``."""
    mode = update_mode()
    if mode == "force" or (mode == "missing" and not path.exists()):
        _write(path, actual)
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
        hint = (
            "\n(WOBTRACK_UPDATE_GOLDENS=1 writes only missing goldens; "
            "rewrite this one with WOBTRACK_UPDATE_GOLDENS=force)"
            if mode == "missing"
            else ""
        )
        pytest.fail(f"{path.name} differs from its golden file:\n{diff}{hint}", pytrace=False)
