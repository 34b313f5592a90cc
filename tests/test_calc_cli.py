"""``wobtrack calc``: exact JSON output against goldens in tests/data/calc/.

Regenerate the goldens only with ``WOBTRACK_UPDATE_GOLDENS=force python -m pytest
tests/test_calc_cli.py`` and review the diff: the dates themselves are checked by hand in
tests/test_deadline_terms.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from tests.goldens import assert_golden
from wobtrack.cli import cli

GOLDEN_DIR = Path(__file__).parent / "data" / "calc"

#: The subcommands and options of the contract (issue 3); names must never change.
CONTRACT = {
    "bezwaar-end": {"--bekendmaking"},
    "bezwaar-post-receipt": {"--bekendmaking"},
    "woo-decision": {"--received", "--extended", "--suspended-days"},
    "wob-decision": {"--received", "--extended"},
    "ingebrekestelling": {"--decision-due"},
    "beroep-niet-tijdig": {"--ingebrekestelling"},
    "bezwaar-decision": {"--bekendmaking", "--committee", "--extended"},
    "beroep-end": {"--bekendmaking"},
    "precisering": {"--received"},
    "third-party-disclosure": {"--bekendmaking"},
    "bezwaar-end-acoi": {"--bekendmaking", "--complaint-sent", "--advice"},
}

# golden name -> (arguments after "calc", expected due date): the article is in the name.
CASES: dict[str, tuple[list[str], str]] = {
    "bezwaar-end-Awb6_7": (["bezwaar-end", "--bekendmaking", "2026-02-03"], "2026-03-17"),
    "bezwaar-post-receipt-Awb6_9-koningsdag": (
        ["bezwaar-post-receipt", "--bekendmaking", "2026-03-09"],
        "2026-04-28",
    ),
    "woo-decision-Woo4_4-extended-A-B": (
        ["woo-decision", "--received", "2026-03-07", "--extended"],
        "2026-04-20",
    ),
    "woo-decision-Woo4_4_3-suspended": (
        ["woo-decision", "--received", "2026-09-01", "--suspended-days", "14"],
        "2026-10-13",
    ),
    "woo-decision-Woo4_4_2-late-verdaging": (
        ["woo-decision", "--received", "2023-04-19", "--extension-notice", "2023-05-18"],
        "2023-05-17",
    ),
    "wob-decision-Wob6-extended": (
        ["wob-decision", "--received", "2018-03-05", "--extended"],
        "2018-04-30",
    ),
    "ingebrekestelling-Awb6_12_2a": (
        ["ingebrekestelling", "--decision-due", "2023-05-31"],
        "2023-06-01",
    ),
    "beroep-niet-tijdig-Awb6_12_2b": (
        ["beroep-niet-tijdig", "--ingebrekestelling", "2023-06-01"],
        "2023-06-16",
    ),
    "bezwaar-decision-Awb7_10-committee": (
        ["bezwaar-decision", "--bekendmaking", "2026-02-03", "--committee"],
        "2026-06-09",
    ),
    "beroep-end-Awb6_7-hemelvaart": (["beroep-end", "--bekendmaking", "2027-03-25"], "2027-05-10"),
    "precisering-Woo4_1_5": (["precisering", "--received", "2026-04-21"], "2026-05-06"),
    "third-party-disclosure-Woo4_4_5": (
        ["third-party-disclosure", "--bekendmaking", "2026-04-13"],
        "2026-04-28",
    ),
    "bezwaar-end-acoi-Woo7_3_2": (
        [
            "bezwaar-end-acoi",
            "--bekendmaking",
            "2026-02-03",
            "--complaint-sent",
            "2026-02-10",
            "--advice",
            "2026-03-10",
        ],
        "2026-04-13",
    ),
}


def run(tmp_path: Path, *args: str) -> Result:
    # --db points at a file that must never be created: calc needs no database.
    return CliRunner().invoke(cli, ["--db", str(tmp_path / "unused.db"), "calc", *args])


@pytest.mark.parametrize(("args", "due"), CASES.values(), ids=CASES.keys())
def test_json_matches_golden(tmp_path: Path, args: list[str], due: str) -> None:
    name = next(key for key, value in CASES.items() if value == (args, due))
    result = run(tmp_path, *args, "--json")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "unused.db").exists()
    data = json.loads(result.stdout)
    assert data["kind"] == args[0]
    assert data["due"] == due
    for key in ("raw_end", "basis", "steps", "warnings"):
        assert key in data
    assert_golden(
        GOLDEN_DIR / f"{name}.json",
        result.stdout,
        produced_by="wobtrack calc " + " ".join(args),
    )


def test_every_golden_belongs_to_a_case() -> None:
    # A golden left behind after a case is renamed would never be checked.
    assert {path.stem for path in GOLDEN_DIR.glob("*.json")} == set(CASES)


def test_json_shape_is_stable(tmp_path: Path) -> None:
    data = json.loads(run(tmp_path, "bezwaar-end", "--bekendmaking", "2025-03-15", "--json").stdout)
    assert list(data) == [
        "kind",
        "term",
        "due",
        "due_weekday",
        "raw_end",
        "basis",
        "steps",
        "warnings",
        "alternatives",
        "inputs",
    ]
    assert data["kind"] == "bezwaar-end"
    assert data["term"] == "bezwaar_end"
    assert (data["due"], data["due_weekday"], data["raw_end"]) == (
        "2025-04-28",
        "Mon",
        "2025-04-26",
    )
    assert isinstance(data["basis"], list)
    assert data["inputs"] == {"bekendmaking": "2025-03-15"}


def test_contract_subcommands_and_options_exist() -> None:
    group = cli.get_command(click.Context(cli), "calc")  # imported on first use
    assert isinstance(group, click.Group)
    commands = group.commands
    assert set(CONTRACT) <= set(commands)
    for name, options in CONTRACT.items():
        declared = {opt for param in commands[name].params for opt in param.opts}
        assert options | {"--json"} <= declared, name


def test_human_output(tmp_path: Path) -> None:
    result = run(tmp_path, "bezwaar-end", "--bekendmaking", "2026-02-03")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:4] == [
        "Bezwaar term ends",
        "Due: Tue 17 Mar 2026",
        "Raw end: Tue 17 Mar 2026",
        "Basis: Awb 6:7; Awb 6:8 lid 1; Awb 3:41 lid 1; Atw art. 1 lid 1",
    ]
    assert "  1. bekendmaking Tue 3 Feb 2026 + 6 weeks (42 days) = raw end Tue 17 Mar 2026" in (
        result.stdout
    )
    assert "Warnings:" not in result.stdout


def test_human_output_shows_steps_and_warnings(tmp_path: Path) -> None:
    result = run(tmp_path, "woo-decision", "--received", "2026-03-07", "--extended")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Due: Mon 20 Apr 2026" in out
    assert (
        "raw end Sat 4 Apr 2026 (Saturday) → Sun 5 Apr 2026 (Sunday) → "
        "Mon 6 Apr 2026 (Tweede Paasdag) → Tue 7 Apr 2026"
    ) in out
    assert "Other readings:\n  - Tue 21 Apr 2026: reading (B)" in out
    assert "Warnings:\n  - [U] Verdaging on top of an Atw-extended first term" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["bezwaar-end", "--bekendmaking", "2026-02-30"], "day is out of range for month"),
        (["bezwaar-end", "--bekendmaking", "17-03-2026"], "use YYYY-MM-DD"),
        (["bezwaar-end"], "Missing option '--bekendmaking'"),
        (["bezwaar-end", "--bekendmaking", "1975-01-01"], "is not plausible"),
        (["woo-decision", "--received", "2026-03-07", "--suspended-days", "-1"], "-1"),
        (
            [
                "bezwaar-end-acoi",
                "--bekendmaking",
                "2026-02-03",
                "--complaint-sent",
                "2026-03-01",
                "--advice",
                "2026-02-01",
            ],
            "cannot be earlier than the complaint",
        ),
    ],
    ids=["impossible-date", "wrong-format", "missing", "before-1980", "negative", "acoi-order"],
)
def test_bad_input_is_one_line_on_stderr(tmp_path: Path, args: list[str], message: str) -> None:
    result = run(tmp_path, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_calc_never_mentions_a_dwangsom(tmp_path: Path) -> None:
    # Awb 4:17 is excluded for Wob (art. 15) and Woo (8.2) requests: never show one.
    for args, _ in CASES.values():
        result = run(tmp_path, *args)
        assert "dwangsom" not in result.stdout.lower()
