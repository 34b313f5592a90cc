"""The parse-accuracy ratchet: no figure of tests/data/scoreboard.json may get worse.

Runs ../shared/eval/score_parse.py over each labelled set (bench/accuracy.py does the
running and reading) with this checkout's wobtrack. Items right, grounds, URLs, dates and
exact inventory counts may only go up; silent errors and extra items may only go down.
When a figure improved, raise the bar: ``python bench/accuracy.py --update-scoreboard``.
"""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from bench.accuracy import (
    SCOREBOARD,
    available_sets,
    compare,
    fraction,
    load_scoreboard,
    measure_set,
    scoreboard_entry,
    shared_dir,
)

SHARED = shared_dir()
UPDATE = "python bench/accuracy.py --update-scoreboard"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.slow,
    pytest.mark.skipif(
        not (SHARED / "corpus").is_dir(),
        reason=f"{SHARED / 'corpus'} is absent (../shared is not available)",
    ),
]


@pytest.mark.parametrize("name", sorted(load_scoreboard()))
def test_no_figure_got_worse(name: str) -> None:
    if name not in available_sets(SHARED):
        pytest.skip(f"{SHARED / 'corpus' / name} is absent")
    checked_in: dict[str, Any] = load_scoreboard()[name]
    now = scoreboard_entry(measure_set(SHARED, name))
    worse, better, totals = compare(name, checked_in, now)
    message = []
    if worse:
        message += ["worse than tests/data/scoreboard.json:", *(f"  {w}" for w in worse)]
    if totals:
        message += ["the labelled totals changed (check, then run " + UPDATE + "):"]
        message += [f"  {t}" for t in totals]
    if better:
        message += [
            "improved (once nothing is worse, raise the bar with " + UPDATE + "):",
            *(f"  {b}" for b in better),
        ]
    problems = worse + totals
    assert not problems, "\n".join(message)
    if better:
        warnings.warn("\n".join(message), stacklevel=1)
    print(f"\n{name}: " + ", ".join(f"{k} {fraction(v)}" for k, v in now.items()))


def test_scoreboard_is_well_formed() -> None:
    """Every set has the guarded fields, each a count out of a total."""
    board = load_scoreboard()
    assert set(board) >= {"wob-letters"}, f"{SCOREBOARD} lost a set"
    for name, fields in board.items():
        for key in ("items_right", "silent_errors", "grounds", "urls", "decision_dates"):
            figure = fields[key]
            assert 0 <= figure["n"] <= figure["of"], f"{name} {key}: {figure}"
