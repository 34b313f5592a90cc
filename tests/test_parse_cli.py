"""``wobtrack parse FILE... [--json] [--jobs N] [--no-cache]`` and the batch behind it."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from click.testing import CliRunner, Result

from tests.pdfmaker import (
    SAMPLES,
    encrypted_pdf,
    image_only_pdf,
    pages_pdf,
    text_to_pdf,
    truncated_pdf,
)
from wobtrack.cli import cli
from wobtrack.cli import parse as parse_module
from wobtrack.errors import UnreadableDocument
from wobtrack.parsing import batch
from wobtrack.parsing.batch import FileResult, exit_status, parse_files

WOB = SAMPLES / "wob-besluit-2021.pdf"
WOO = SAMPLES / "woo-besluit-2026.pdf"
#: Keys every parsed file has in --json (the contract of issue 4).
CONTRACT_KEYS = {
    "file", "pages", "regime", "decision_date", "reference", "request_received", "items",
    "bezwaar", "warnings",
}  # fmt: skip
ITEM_KEYS = {
    "number", "text", "outcomes", "grounds", "refers_to", "references", "evidence",
    "needs_review",
}  # fmt: skip


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own user cache directory (platformdirs reads XDG_CACHE_HOME)."""
    home = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


def parse(tmp_path: Path, *args: str) -> Result:
    """Run ``wobtrack parse`` in-process with a database path that must stay untouched."""
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "never.db"), "parse", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert not (tmp_path / "never.db").exists(), "parse must not touch the database"
    return result


@pytest.fixture
def bad_files(tmp_path: Path) -> dict[str, Path]:
    """One of each kind of file that parse must refuse."""
    renamed = tmp_path / "verzoek.pdf"
    renamed.write_text("Geachte heer,\nDit is een tekstbestand.\n", encoding="utf-8")
    empty = tmp_path / "leeg.pdf"
    empty.write_bytes(b"")
    return {
        "scan": image_only_pdf(tmp_path / "scan.pdf"),
        "encrypted": encrypted_pdf(tmp_path / "beveiligd.pdf"),
        "corrupt": truncated_pdf(WOB, tmp_path / "afgebroken.pdf"),
        "not a pdf": renamed,
        "empty": empty,
        "too long": pages_pdf(tmp_path / "bundel.pdf", 501),
        "missing": tmp_path / "bestaat-niet.pdf",
    }


# --- the contract --------------------------------------------------------------------


def test_json_is_a_list_with_one_contract_object_per_file(tmp_path: Path) -> None:
    result = parse(tmp_path, "--json", str(WOB), str(WOO))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert [d["file"] for d in data] == [str(WOB), str(WOO)]
    for letter in data:
        assert set(letter) >= CONTRACT_KEYS
        assert letter["pages"] == 4
        assert letter["items"]
        for item in letter["items"]:
            assert set(item) >= ITEM_KEYS
            assert isinstance(item["number"], str)


def test_human_output_shows_items_dictum_and_bezwaar(tmp_path: Path) -> None:
    result = parse(tmp_path, str(WOB))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(f"{WOB}  (")
    for label in ("Decision date:", "Reference:", "ITEM", "OUTCOMES", "GROUNDS", "REFERS TO"):
        assert label in out
    assert "Besluit:" in out
    assert "Bezwaar: within 6 weeks" in out


# --- bad input -------------------------------------------------------------------------


def test_each_bad_file_is_one_error_line_and_the_rest_is_parsed(
    tmp_path: Path, bad_files: dict[str, Path]
) -> None:
    files = [WOB, *bad_files.values(), WOO]
    result = parse(tmp_path, "--json", "--jobs", "2", *map(str, files))
    assert result.exit_code != 0
    errors = result.stderr.splitlines()
    assert len(errors) == len(bad_files)
    for line, path in zip(errors, bad_files.values(), strict=True):
        assert line.startswith(f"Error: {path}: "), line
    assert "read it again with --ocr" in errors[0]
    assert "password-protected" in errors[1]
    assert "501 pages is more than the limit of 500" in errors[5]
    assert [d["file"] for d in json.loads(result.stdout)] == [str(WOB), str(WOO)]


def test_human_output_with_a_bad_file(tmp_path: Path, bad_files: dict[str, Path]) -> None:
    result = parse(tmp_path, str(bad_files["scan"]), str(WOB))
    assert result.exit_code == UnreadableDocument.exit_code
    assert result.stderr.strip() == (
        f"Error: {bad_files['scan']}: has no text layer (a scan?): read it again with --ocr "
        "(OCRmyPDF reads the scanned pages)"
    )
    assert str(WOB) in result.stdout
    assert "Traceback" not in result.output


def test_a_parser_crash_costs_one_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wobtrack.parsing import letters

    real = letters.parse_letter

    def fragile(pages: Any, links: Any = (), anchors: Any = (), **stages: Any) -> Any:
        if any("Lindeburg" in page for page in pages):
            raise RuntimeError("unexpected\nlayout")
        return real(pages, links, anchors, **stages)

    monkeypatch.setattr(letters, "parse_letter", fragile)
    result = parse(tmp_path, "--json", "--jobs", "1", str(WOO), str(WOB))
    assert result.exit_code == batch.INTERNAL_ERROR_EXIT
    assert result.stderr == (
        f"Error: {WOO}: internal error while parsing (RuntimeError: unexpected layout); "
        "please report this with the PDF\n"
    )
    assert [d["file"] for d in json.loads(result.stdout)] == [str(WOB)]


def test_no_files_is_a_usage_error(tmp_path: Path) -> None:
    result = parse(tmp_path)
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr


@pytest.mark.parametrize(("codes", "status"), [((), 0), ((4, 4), 4), ((4, 1), 1), ((1,), 1)])
def test_exit_status(codes: tuple[int, ...], status: int) -> None:
    results = [FileResult("ok.pdf", data={})] + [
        FileResult(f"{n}.pdf", error="x", exit_code=code) for n, code in enumerate(codes)
    ]
    assert exit_status(results) == status


# --- parallelism and cache ---------------------------------------------------------------


def test_jobs_2_gives_the_same_output_as_jobs_1(tmp_path: Path) -> None:
    extra = text_to_pdf("Besluit\nIk wijs uw verzoek af.", tmp_path / "kort.pdf")
    files = [str(WOO), str(extra), str(WOB), str(WOO)]
    one = parse(tmp_path, "--json", "--no-cache", "--jobs", "1", *files)
    two = parse(tmp_path, "--json", "--no-cache", "--jobs", "2", *files)
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout
    human_one = parse(tmp_path, "--jobs", "1", *files)
    human_two = parse(tmp_path, "--jobs", "2", *files)
    assert human_one.stdout == human_two.stdout


def test_results_keep_input_order_whatever_finishes_first(tmp_path: Path) -> None:
    # The big file is submitted first and finishes last; the order must not follow that.
    small = [text_to_pdf(f"Besluit {n}", tmp_path / f"{n}.pdf") for n in range(3)]
    files = [*small, WOB]
    seen: list[str] = []
    results = parse_files(files, 2, None, lambda r: seen.append(r.file))
    assert [r.file for r in results] == [str(f) for f in files]
    assert sorted(seen) == sorted(str(f) for f in files)


def test_second_parse_uses_the_cache_in_xdg_cache_home(
    tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = parse(tmp_path, "--json", "--jobs", "1", str(WOB))
    entries = list((cache_home / "wobtrack" / "pdftext").iterdir())
    assert len(entries) == 1

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("pdfplumber.open was called on a cache hit")

    monkeypatch.setattr(pdfplumber, "open", refuse)
    second = parse(tmp_path, "--json", "--jobs", "1", str(WOB))
    assert second.exit_code == 0, second.output
    assert second.stdout == first.stdout


def test_no_cache_neither_reads_nor_writes_it(tmp_path: Path, cache_home: Path) -> None:
    result = parse(tmp_path, "--json", "--no-cache", str(WOB))
    assert result.exit_code == 0
    assert not cache_home.exists()


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    result = parse(tmp_path, "--json", str(WOB), str(WOO))
    assert result.stderr == ""


def test_progress_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    results = parse_module._run([str(WOB), str(WOO)], 1, None)
    assert [r.ok for r in results] == [True, True]
    assert "Parsing" in terminal.getvalue()
    assert "100%" in terminal.getvalue()


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    result = parse(tmp_path, "--jobs", "0", str(WOB))
    assert result.exit_code == 2
    assert "--jobs" in result.stderr


def test_explain_shows_layout_scores_spans_and_coded_diagnostics(tmp_path: Path) -> None:
    letter = tmp_path / "brief.txt"
    letter.write_text(
        "Geachte heer,\nU vraagt om:\n1. het rapport;\n2. de notulen.\n"
        "Ad 1\nHet rapport maak ik openbaar.\nHoogachtend,",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["parse", "--explain", str(letter)])
    assert result.exit_code == 0, result.output
    assert "Request: numbered; items 1, 2" in result.output
    assert "chosen: headings" in result.output
    assert "headings 0.50" in result.output
    assert "REVIEW [R02-unanswered]" in result.output
    assert "[D10-unanswered] item 2 is quoted but never answered" in result.output


def test_explain_of_an_unreadable_file_is_one_error_line(tmp_path: Path) -> None:
    bad = tmp_path / "kapot.pdf"
    bad.write_bytes(b"not a pdf")
    result = CliRunner().invoke(cli, ["parse", "--explain", str(bad)])
    assert result.exit_code != 0
    assert result.output.count("Error:") == 1
