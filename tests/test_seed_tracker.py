"""Acceptance (issue 4): the seed letter imported into the tracker and summarised.

`summary --referral-only` must list exactly items 1, 5, 6, 7, 8, 10, 11, 12, 14, 15, 16
and 17 — items 9 and 13 also say documents were not made, items 2, 3 and 4 are not held.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import SHARED, Cli
from tests.pdfmaker import text_to_pdf

SEED = SHARED / "seeds" / "sensing-wob-besluit-2021.txt"

pytestmark = pytest.mark.skipif(
    not SEED.is_file(), reason=f"{SEED} is absent (the ../shared folder is not available)"
)

REFERRAL_ONLY = ["1", "5", "6", "7", "8", "10", "11", "12", "14", "15", "16", "17"]


def test_seed_referral_only_summary(
    run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    letter = tmp_path / "sensing.pdf"
    text_to_pdf(SEED.read_text(encoding="utf-8"), letter)
    run(
        "request", "add", "-a", "Politie, Landelijke Eenheid", "-s", "Sensing-project Roermond",
        "--received", "2021-05-10", *[arg for n in range(1, 18) for arg in ("--item", f"item {n}")],
    )  # fmt: skip
    # The seed's extracted text has no dagtekening: the dispatch date must be given.
    refused = run("decision", "import", "1", str(letter), ok=False)
    assert "--sent" in refused.stderr
    run("decision", "import", "1", str(letter), "--sent", "2021-06-24")
    data = json.loads(run("summary", "--referral-only", "--json").stdout)
    [request] = data["requests"]
    assert [item["number"] for item in request["items"]] == REFERRAL_ONLY
    assert all(item["references"] for item in request["items"])
    [authority] = data["authorities"]
    assert (authority["referral_only"], authority["items_decided"]) == (12, 17)
    # Awb 6:7/6:8: bekendmaking Thu 24 Jun 2021 + 42 days = Thu 5 Aug 2021.
    a_week_later = Cli(run.db_url, today=date(2021, 7, 1))
    shown = json.loads(a_week_later("request", "show", "1", "--json").stdout)
    assert {d["key"]: d["due"] for d in shown["deadlines"]}["bezwaar_end"] == "2021-08-05"
