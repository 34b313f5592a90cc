"""The code base stays ruff- and mypy-clean (configuration in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import platformdirs

ROOT = Path(__file__).resolve().parents[1]


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_is_clean() -> None:
    folders = ("wobtrack", "tests", "migrations", "bench", "samples")
    result = _run(sys.executable, "-m", "ruff", "check", *folders)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_is_clean() -> None:
    # mypy's incremental cache outside the checkout, so a fresh clone (CI) does not check
    # every module and the stubs from scratch: entries whose source changed (by content
    # hash) are checked again, so the verdict is the same as without a cache.
    cache = Path(platformdirs.user_cache_dir("wobtrack")) / "mypy-tests"
    result = _run(sys.executable, "-m", "mypy", "--cache-dir", str(cache))
    assert result.returncode == 0, result.stdout + result.stderr
