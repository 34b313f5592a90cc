"""The golden-update switch writes missing goldens only, unless forced."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.goldens import assert_golden


def test_without_the_switch_a_missing_golden_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WOBTRACK_UPDATE_GOLDENS", raising=False)
    golden = tmp_path / "new.txt"
    with pytest.raises(pytest.fail.Exception, match="missing golden"):
        assert_golden(golden, "text\n")
    assert not golden.exists()


def test_update_writes_a_missing_golden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WOBTRACK_UPDATE_GOLDENS", "1")
    golden = tmp_path / "sub" / "new.ics"
    assert_golden(golden, b"BEGIN:VCALENDAR\r\n")
    assert golden.read_bytes() == b"BEGIN:VCALENDAR\r\n"


def test_update_does_not_overwrite_a_differing_golden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WOBTRACK_UPDATE_GOLDENS", "1")
    golden = tmp_path / "old.txt"
    golden.write_text("old\n", encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match="WOBTRACK_UPDATE_GOLDENS=force"):
        assert_golden(golden, "new\n")
    assert golden.read_text(encoding="utf-8") == "old\n"


def test_force_overwrites_a_differing_golden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WOBTRACK_UPDATE_GOLDENS", "force")
    golden = tmp_path / "old.txt"
    golden.write_text("old\n", encoding="utf-8")
    assert_golden(golden, "new\n")
    assert golden.read_text(encoding="utf-8") == "new\n"
