"""Golden tests: each decision letter's ``wobtrack parse --json`` object, compared exactly with
``tests/data/letters/<name>.expected.json``.

The letters are the sample decisions in ``samples/`` and any PDF placed in
``tests/data/letters/`` beside its expected JSON. After an intended change of the parser,
regenerate with ``WOBTRACK_UPDATE_GOLDENS=force python -m pytest tests/test_parse_golden.py``
and read the diff of the JSON before committing it: a golden that records a wrong outcome
is a bug, not a baseline. For the samples, what is right is also written down below
(``SAMPLE_FACTS``, the tables of ``samples/README.md``): those tests say which fact is
wrong, and a golden that contradicts them is not written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.goldens import UPDATE, assert_golden
from tests.pdfmaker import ROOT, SAMPLES
from wobtrack.cli import cli

GOLDEN_DIR = Path(__file__).parent / "data" / "letters"
LETTERS = sorted([*SAMPLES.glob("*-besluit-*.pdf"), *GOLDEN_DIR.glob("*.pdf")])

#: Per item: (outcome set, grounds or None = not checked, refers_to).
Item = tuple[set[str], set[str] | None, set[str]]
NONE: set[str] = set()
#: What the sample decisions say, item by item and as a letter (see samples/README.md).
SAMPLE_FACTS: dict[str, dict[str, Any]] = {
    "wob-besluit-2021": {
        "letter": {
            "regime": "wob",
            "decision_date": "2021-06-14",
            "reference": "WOB-2021-0188",
            "request_received": "2021-03-09",
        },
        "dictum_parts": 2,
        "bezwaar": (6, False, "Postbus 1250"),
        "items": {
            "1": ({"referred"}, NONE, NONE),
            "2": ({"not_held"}, NONE, NONE),
            "3": ({"not_held"}, NONE, {"2"}),
            "4": ({"granted"}, NONE, NONE),
            "5": ({"referred"}, NONE, NONE),
            # Documents with redactions are partly granted; nothing is withheld whole.
            "6": ({"partly_granted"}, {"10.2.e", "10.1.c"}, NONE),
            "7": ({"partly_granted"}, {"10.2.e", "10.1.c"}, NONE),
            "8": ({"partly_granted", "not_held"}, None, {"6", "7", "9"}),
            "9": ({"partly_granted"}, {"10.2.e", "10.1.c"}, NONE),
            "10": ({"referred"}, NONE, NONE),
            "11": ({"partly_granted"}, {"10.2.g", "10.2.e"}, NONE),
            "12": ({"not_held"}, NONE, NONE),
        },
    },
    "woo-besluit-2026": {
        "letter": {
            "regime": "woo",
            "decision_date": "2026-02-06",
            "reference": "Z/26/004512",
            "request_received": "2026-01-12",
        },
        "dictum_parts": 1,
        "bezwaar": (6, True, "Postbus 300"),
        "items": {
            "1": ({"referred"}, NONE, NONE),
            "2": ({"partly_granted"}, {"5.1.2e", "5.2"}, NONE),
            "3": ({"refused"}, {"5.2"}, NONE),
            "4": ({"granted"}, NONE, NONE),
            "5": ({"forwarded"}, NONE, NONE),
            "6": ({"unanswered"}, NONE, NONE),
            "7": ({"partly_granted"}, {"5.1.2e", "5.1.2f"}, NONE),
            "8": ({"not_held"}, NONE, NONE),
        },
    },
}


def _parse(pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """``wobtrack parse --json`` on one letter, run from the repository root with a
    relative path: "file" in the JSON is then the same on every machine."""
    monkeypatch.chdir(ROOT)
    relative = pdf.relative_to(ROOT).as_posix()
    result = CliRunner().invoke(
        cli, ["--db", str(tmp_path / "unused.db"), "parse", "--json", "--no-cache", relative]
    )
    assert result.exit_code == 0, result.output
    letters: list[dict[str, Any]] = json.loads(result.stdout)
    assert len(letters) == 1
    return letters[0]


def _wrong_facts(name: str, data: dict[str, Any]) -> list[str]:
    """How ``data`` contradicts SAMPLE_FACTS[name] (nothing for a letter not listed)."""
    facts = SAMPLE_FACTS.get(name)
    if facts is None:
        return []
    wrong = [
        f"{key}: {data.get(key)!r}, expected {value!r}"
        for key, value in facts["letter"].items()
        if data.get(key) != value
    ]
    parts = len((data.get("decision") or {}).get("parts") or [])
    if parts != facts["dictum_parts"]:
        wrong.append(f"dictum: {parts} parts, expected {facts['dictum_parts']}")
    weeks, electronic, address = facts["bezwaar"]
    bezwaar = data.get("bezwaar") or {}
    if (bezwaar.get("weeks"), bezwaar.get("electronic_filing")) != (weeks, electronic) or (
        address not in (bezwaar.get("address") or "")
    ):
        wrong.append(f"bezwaar: {bezwaar}, expected {weeks} weeks, {electronic}, {address}")
    items = {item["number"]: item for item in data["items"]}
    if set(items) != set(facts["items"]):
        wrong.append(f"items: {sorted(items)}, expected {sorted(facts['items'])}")
    for number, (outcomes, grounds, refers_to) in facts["items"].items():
        item = items.get(number)
        if item is None:
            continue
        if set(item["outcomes"]) != outcomes:
            wrong.append(f"item {number}: outcomes {item['outcomes']}, expected {sorted(outcomes)}")
        if grounds is not None and set(item["grounds"]) != grounds:
            wrong.append(f"item {number}: grounds {item['grounds']}, expected {sorted(grounds)}")
        if set(item["refers_to"]) != refers_to:
            wrong.append(f"item {number}: refers_to {item['refers_to']}, expected {refers_to}")
        # An unanswered item is flagged by the review policy (R02): a person should confirm
        # that the letter really never answers it before building a bezwaar on it.
        if item["needs_review"] and outcomes != {"unanswered"}:
            wrong.append(f"item {number}: needs_review, but the sample's wording is plain")
    return wrong


@pytest.mark.parametrize("name", sorted(SAMPLE_FACTS))
def test_sample_decision_says_what_the_letter_says(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _parse(SAMPLES / f"{name}.pdf", tmp_path, monkeypatch)
    wrong = _wrong_facts(name, data)
    assert not wrong, f"{name}.pdf parsed wrongly:\n  " + "\n  ".join(wrong)


@pytest.mark.parametrize("pdf", LETTERS, ids=[p.stem for p in LETTERS])
def test_letter_matches_its_golden(
    pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _parse(pdf, tmp_path, monkeypatch)
    relative = pdf.relative_to(ROOT).as_posix()
    actual = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    golden = GOLDEN_DIR / f"{pdf.stem}.expected.json"
    if UPDATE:
        # Never bless a wrong result: the facts below are checked before a golden is written.
        wrong = _wrong_facts(pdf.stem, data)
        if wrong:
            pytest.fail(
                f"not writing {golden.name}: the output is wrong:\n  " + "\n  ".join(wrong),
                pytrace=False,
            )
    assert_golden(golden, actual, produced_by=f"wobtrack parse --json {relative}")


def test_every_golden_has_its_letter() -> None:
    stems = {p.stem for p in LETTERS}
    orphans = [
        g.name
        for g in GOLDEN_DIR.glob("*.expected.json")
        if g.name.removesuffix(".expected.json") not in stems
    ]
    assert not orphans, f"goldens without a letter: {orphans}"
