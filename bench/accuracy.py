"""Parse accuracy of this checkout over the labelled letters in ../shared (run by hand, or
through tests/test_scoreboard.py).

    python bench/accuracy.py                       # a table per labelled set
    python bench/accuracy.py --json                # the same figures as JSON
    python bench/accuracy.py --update-scoreboard   # write them to tests/data/scoreboard.json
    python bench/accuracy.py --shared DIR          # another copy of ../shared

It runs ``<shared>/eval/score_parse.py`` (read-only, not ours) over each labelled set in
``<shared>/corpus`` (wob-letters and, when present, woo-letters) and reads the counts back
from the scorer's summary lines. One figure the scorer does not print, *flagged right*
(noise: a right item marked ``needs_review``), is counted here from the parse output the
scorer saves (``--out``) and the labels, with the scorer's own rule for "right".

The scorer calls ``wobtrack`` from PATH; a temporary ``wobtrack`` shim that runs
``python -m wobtrack`` on this checkout is put first on PATH, so the figures are always of
this checkout, whatever else is installed. Extracted text comes from wobtrack's usual
content-hash cache, so a second run takes seconds.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

ROOT = Path(__file__).resolve().parents[1]
SCOREBOARD = ROOT / "tests" / "data" / "scoreboard.json"
SETS = ("wob-letters", "woo-letters")

Direction = Literal["up", "down", "info"]


@dataclass(frozen=True)
class Field:
    """One figure of the scorer: ``key`` in JSON, ``label`` in the table, and which way is
    better (``info``: no better direction, recorded but never guarded)."""

    key: str
    label: str
    better: Direction


#: In the order of the table. "flagged" has no better direction: it rises when a silent
#: error becomes flagged and falls when a flagged item becomes right. "flagged_right" (a
#: right item marked needs_review: noise) is out of the items right and recorded, not
#: guarded: it falls when a flag is dropped from a right item, but also when a flagged
#: right item turns wrong. Inventory rows are "got of want"; more is not better.
FIELDS = (
    Field("items_right", "items right", "up"),
    Field("flagged", "flagged", "info"),
    Field("flagged_right", "flagged right (noise)", "info"),
    Field("silent_errors", "silent errors", "down"),
    Field("extra_items", "extra items", "down"),
    Field("grounds", "grounds found", "up"),
    Field("extra_grounds", "grounds not in the labels (per item)", "down"),
    Field("urls", "referral URLs found", "up"),
    Field("decision_dates", "decision dates", "up"),
    Field("request_dates", "request dates", "up"),
    Field("inventory_rows", "inventory rows", "info"),
    Field("inventory_exact", "inventory counts exact", "up"),
    Field("inventory_exact_folded", "inventory exact, other folded", "up"),
)
FIELD_BY_KEY = {f.key: f for f in FIELDS}

#: ``x/n (p%)``, or ``-`` when n is 0 (the scorer's ``pct``).
_FRACTION = r"(?:(\d+)/(\d+) \(\d+%\)|-)"
_SUMMARY = (
    re.compile(
        rf"^items right {_FRACTION}, flagged (\d+), silent errors {_FRACTION}; "
        r"mean per letter (\d+)%; extra items (\d+)$",
        re.M,
    ),
    re.compile(
        rf"^grounds found {_FRACTION}; referral URLs found {_FRACTION}; "
        rf"decision dates {_FRACTION}; request dates {_FRACTION}$",
        re.M,
    ),
)
_INVENTORY = re.compile(
    r"^inventories: rows (\d+) of (\d+) labelled; judgement counts exact in (\d+)/(\d+)$", re.M
)


class ScorerError(RuntimeError):
    """The scorer failed, or printed a summary this module cannot read."""


def shared_dir(option: str | Path | None = None) -> Path:
    """``--shared``, else ``$WOBTRACK_SHARED``, else ``<repo>/../shared``."""
    chosen = option or os.environ.get("WOBTRACK_SHARED") or ROOT.parent / "shared"
    return Path(chosen).resolve()


def available_sets(shared: Path) -> list[str]:
    """The labelled sets present under ``shared/corpus``, in SETS order."""
    return [name for name in SETS if (shared / "corpus" / name / "item-labels.jsonl").is_file()]


def _pair(x: str | None, n: str | None) -> dict[str, int]:
    return {"n": int(x or 0), "of": int(n or 0)}


def parse_summary(output: str) -> dict[str, Any]:
    """The scorer's summary lines as ``{field: {"n": x, "of": total}}`` (``of`` is null for
    plain counts), plus ``mean_per_letter_percent``."""
    first, second = (pattern.search(output) for pattern in _SUMMARY)
    if first is None or second is None:
        tail = "\n".join(output.strip().splitlines()[-4:])
        raise ScorerError(f"the scorer's summary has an unknown format:\n{tail}")
    right, total, flagged, silent, silent_of, mean, extra = first.groups()
    g, g_of, u, u_of, d, d_of, r, r_of = second.groups()
    total_items = int(total or silent_of or 0)
    figures: dict[str, Any] = {
        "items_right": _pair(right, total),
        "flagged": {"n": int(flagged), "of": total_items},
        "silent_errors": _pair(silent, silent_of),
        "extra_items": {"n": int(extra), "of": None},
        "grounds": _pair(g, g_of),
        "urls": _pair(u, u_of),
        "decision_dates": _pair(d, d_of),
        "request_dates": _pair(r, r_of),
    }
    inventory = _INVENTORY.search(output)
    if inventory is not None:
        rows_got, rows_want, exact, lists = inventory.groups()
        figures["inventory_rows"] = _pair(rows_got, rows_want)
        figures["inventory_exact"] = _pair(exact, lists)
    figures["mean_per_letter_percent"] = int(mean)
    return figures


def _shim(directory: Path) -> None:
    """Write ``directory/wobtrack``: ``python -P -m wobtrack`` with this checkout first on
    the import path (``-P``: not the scorer's working directory)."""
    script = directory / "wobtrack"
    script.write_text(
        "#!/bin/sh\n"
        f'PYTHONPATH={shlex.quote(str(ROOT))}"${{PYTHONPATH:+:$PYTHONPATH}}" '
        f'exec {shlex.quote(sys.executable)} -P -m wobtrack "$@"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)


def run_scorer(shared: Path, name: str, jobs: int = 2, timeout: float = 900) -> str:
    """The scorer's full output for one labelled set, parsed by this checkout."""
    return _run_scorer(shared, name, jobs, timeout)[0]


def _run_scorer(shared: Path, name: str, jobs: int, timeout: float) -> tuple[str, Any]:
    """The scorer's full output and the parse JSON it saved (``--out``)."""
    scorer = shared / "eval" / "score_parse.py"
    if not scorer.is_file():
        raise ScorerError(f"{scorer} is missing")
    with tempfile.TemporaryDirectory(prefix="wobtrack-shim-") as tmp:
        _shim(Path(tmp))
        env = {**os.environ, "PATH": f"{tmp}{os.pathsep}{os.environ.get('PATH', '')}"}
        command = [sys.executable, str(scorer), "--corpus", str(shared / "corpus" / name)]
        out = Path(tmp, "out")
        proc = subprocess.run(
            [*command, "--jobs", str(jobs), "--out", str(out)],
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout,
            check=False,
        )
        if proc.returncode != 0:
            raise ScorerError(f"{scorer} {name} exited {proc.returncode}: {proc.stderr.strip()}")
        # The scorer reads empty output as "no letters parsed" and scores zeros: a wobtrack
        # that crashed (say, mid-edit) must be an error here, not a figure.
        raw = (out / "parse.json").read_text(encoding="utf-8") if out.is_dir() else ""
        if not raw.strip() or raw.strip() == "[]":
            err = (out / "parse.err").read_text(encoding="utf-8") if out.is_dir() else ""
            tail = "\n".join(err.strip().splitlines()[-6:])
            raise ScorerError(f"wobtrack parse printed nothing for {name}:\n{tail}")
        try:
            parsed = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ScorerError(f"the parse output the scorer saved for {name}: {exc}") from exc
    return proc.stdout, parsed


class _ItemRight(Protocol):
    def __call__(self, lab: dict[str, Any], got: set[str], /) -> bool: ...


def scorer_item_right(shared: Path) -> _ItemRight:
    """The scorer's own ``item_right(label_item, outcome_set)``, so that "right" here is
    exactly the scorer's (the primary outcome among the parser's, nothing outside
    ``allowed``; the label ``other`` for any of the scorer's other outcomes)."""
    path = shared / "eval" / "score_parse.py"
    spec = importlib.util.spec_from_file_location("_wobtrack_score_parse", path)
    if spec is None or spec.loader is None:
        raise ScorerError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    item_right: _ItemRight | None = getattr(module, "item_right", None)
    if item_right is None:
        raise ScorerError(f"{path} has no item_right(): the noise count cannot follow it")
    return item_right


def _labelled_items(
    corpus: Path, parsed: Any
) -> Iterator[tuple[dict[str, Any], dict[str, Any], bool]]:
    """(label item, parsed item or {}, whether its letter was parsed) for every scored item.

    ``parsed`` is the ``wobtrack parse --json`` output the scorer saved; items are matched
    to ``corpus/item-labels.jsonl`` as the scorer does: by file (real path) and by
    ``number`` lower-cased; letters labelled ``"score_items": false`` are not scored.
    """
    if isinstance(parsed, dict):  # the scorer accepts a wrapped list too
        parsed = parsed.get("files") or parsed.get("results") or [parsed]
    by_file = {os.path.realpath(entry.get("file", "")): entry for entry in parsed}
    labels = corpus / "item-labels.jsonl"
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        label = json.loads(line)
        if label.get("score_items") is False:
            continue
        got = by_file.get(os.path.realpath(corpus / label["file"]))
        items = {str(i.get("number")).lower(): i for i in (got or {}).get("items", [])}
        for want in label["items"]:
            yield want, items.get(str(want["number"]).lower(), {}), got is not None


def flagged_right(corpus: Path, parsed: Any, item_right: _ItemRight) -> tuple[int, int]:
    """(right items marked ``needs_review``, right items) of one labelled set."""
    flagged = right = 0
    for want, item, letter_parsed in _labelled_items(corpus, parsed):
        if letter_parsed and item_right(want, set(item.get("outcomes") or [])):
            right += 1
            flagged += bool(item.get("needs_review"))
    return flagged, right


def extra_grounds(corpus: Path, parsed: Any) -> tuple[int, int]:
    """(grounds an item has that its label does not list, items scored) of one set: the
    scorer counts grounds found, not grounds made up (e.g. from quoted law)."""
    extra = scored = 0
    for want, item, _ in _labelled_items(corpus, parsed):
        scored += 1
        extra += len(set(item.get("grounds") or []) - set(want.get("grounds") or []))
    return extra, scored


#: The scorer's four standard judgement keys of the inventory labels.
STANDARD_JUDGEMENTS = {
    "openbaar": "public",
    "deels openbaar": "partly_public",
    "niet openbaar": "not_public",
    "reeds openbaar": "already_public",
}


def inventory_exact_folded(corpus: Path, parsed: Any) -> tuple[int, int]:
    """(inventories whose judgement counts are exact, inventories labelled), with every
    judgement outside the four standard ones folded into one "other" count on both sides.

    The scorer compares the label's own keys ("Reeds in bezit", "niet bijgevoegd",
    "zie document", ...) with the parser's ``judgement``, which the contract limits to its
    vocabulary or null: those inventories can never be exact there. Folded, a row the
    label keeps apart must be neither of the four judgements in the parse (null, flagged,
    or another value of the vocabulary), and each of the four must match exactly.
    """
    labels = corpus / "inventory-labels.jsonl"
    if not labels.is_file():
        return 0, 0
    if isinstance(parsed, dict):
        parsed = parsed.get("files") or parsed.get("results") or [parsed]
    by_file = {os.path.realpath(entry.get("file", "")): entry for entry in parsed}
    standard = set(STANDARD_JUDGEMENTS.values())
    exact = lists = 0
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        label = json.loads(line)
        lists += 1
        want: dict[str, int] = {}
        for key, count in label["by_judgement"].items():
            folded = STANDARD_JUDGEMENTS.get(key, "other")
            want[folded] = want.get(folded, 0) + count
        documents = (by_file.get(os.path.realpath(corpus / label["file"])) or {}).get("documents")
        if not isinstance(documents, list):
            continue
        have: dict[str, int] = {}
        for document in documents:
            judgement = document.get("judgement")
            folded = judgement if judgement in standard else "other"
            have[folded] = have.get(folded, 0) + 1
        exact += {k: v for k, v in want.items() if v} == have
    return exact, lists


def measure_set(shared: Path, name: str, jobs: int = 2, timeout: float = 900) -> dict[str, Any]:
    """The figures of one labelled set: the scorer's summary plus the noise count."""
    output, parsed = _run_scorer(shared, name, jobs, timeout)
    figures = parse_summary(output)
    noise, right = flagged_right(shared / "corpus" / name, parsed, scorer_item_right(shared))
    if right != figures["items_right"]["n"]:  # the scorer changed its rule or its matching
        raise ScorerError(
            f"{name}: {right} items right by the scorer's rule here, "
            f"{figures['items_right']['n']} in its summary: the noise count is out of step"
        )
    figures["flagged_right"] = {"n": noise, "of": right}
    extra, scored = extra_grounds(shared / "corpus" / name, parsed)
    figures["extra_grounds"] = {"n": extra, "of": scored}
    exact, lists = inventory_exact_folded(shared / "corpus" / name, parsed)
    if lists:
        figures["inventory_exact_folded"] = {"n": exact, "of": lists}
    return figures


def measure(shared: Path, jobs: int = 2) -> dict[str, dict[str, Any]]:
    """``{set: figures}`` for every labelled set present under ``shared``."""
    return {name: measure_set(shared, name, jobs) for name in available_sets(shared)}


def fraction(figure: dict[str, Any]) -> str:
    """``23/102 (23%)``, ``9`` for a plain count, ``-`` for nothing to count."""
    n, of = figure["n"], figure["of"]
    if of is None:
        return str(n)
    return f"{n}/{of} ({n / of:.0%})" if of else "-"


def render(results: dict[str, dict[str, Any]]) -> str:
    """A compact table per set."""
    blocks = []
    for name, figures in results.items():
        lines = [name]
        for f in FIELDS:
            if f.key in figures:
                lines.append(f"  {f.label:<24} {fraction(figures[f.key])}")
        lines.append(f"  {'mean per letter':<24} {figures['mean_per_letter_percent']}%")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


# --- the scoreboard ----------------------------------------------------------------------


def load_scoreboard(path: Path = SCOREBOARD) -> dict[str, dict[str, Any]]:
    """``{set: {field: {"n", "of"}}}`` as checked in."""
    data: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["sets"]
    return data


def compare(
    name: str, old: dict[str, Any], new: dict[str, Any]
) -> tuple[list[str], list[str], list[str]]:
    """(worse, better, changed totals) of one set, each a list of readable lines.

    Guarded fields compare counts, which is only meaningful over the same total: a changed
    total (the labels changed) is reported on its own.
    """
    worse: list[str] = []
    better: list[str] = []
    totals: list[str] = []
    for key, was in old.items():
        field = FIELD_BY_KEY.get(key)
        if field is None or field.better == "info":
            continue
        now = new.get(key)
        if now is None:
            worse.append(f"{name} {field.label}: no longer measured (was {fraction(was)})")
            continue
        if now["of"] != was["of"]:
            totals.append(
                f"{name} {field.label}: total changed {was['of']} -> {now['of']} "
                f"({fraction(was)} -> {fraction(now)}); the labels changed"
            )
            continue
        step = now["n"] - was["n"]
        if step == 0:
            continue
        line = f"{name} {field.label}: {fraction(was)} -> {fraction(now)} ({step:+d})"
        improved = step > 0 if field.better == "up" else step < 0
        (better if improved else worse).append(line)
    return worse, better, totals


def scoreboard_entry(figures: dict[str, Any]) -> dict[str, Any]:
    """The part of a set's figures that the scoreboard keeps: the counts."""
    return {f.key: figures[f.key] for f in FIELDS if f.key in figures}


def update_scoreboard(
    results: dict[str, dict[str, Any]], path: Path = SCOREBOARD, allow_worse: bool = False
) -> tuple[list[str], list[str]]:
    """Write ``results`` into the scoreboard; returns (changes, refusals). Sets not measured
    now (their corpus is absent) keep their entries. A field that got worse is refused
    unless ``allow_worse``: lowering the bar should be a decision, not a side effect."""
    old = load_scoreboard(path) if path.is_file() else {}
    changes, refusals = [], []
    for name, figures in results.items():
        if name not in old:
            changes.append(f"{name}: new set")
            continue
        worse, better, totals = compare(name, old[name], scoreboard_entry(figures))
        changes += better + totals + [f"{line} (lowered)" for line in worse]
        refusals += worse
    if refusals and not allow_worse:
        return changes, refusals
    sets = {**old, **{name: scoreboard_entry(fig) for name, fig in results.items()}}
    document = {
        "about": (
            "Parse accuracy per labelled set in ../shared/corpus, as counts. "
            "tests/test_scoreboard.py fails when a guarded field gets worse; "
            "update with: python bench/accuracy.py --update-scoreboard"
        ),
        "better": {f.key: f.better for f in FIELDS},
        "sets": {name: sets[name] for name in sorted(sets)},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return changes, []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, help="default: $WOBTRACK_SHARED or ../shared")
    parser.add_argument("--jobs", type=int, default=2, help="wobtrack parse --jobs (default 2)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--update-scoreboard", action="store_true", help=f"write {SCOREBOARD.relative_to(ROOT)}"
    )
    parser.add_argument(
        "--allow-worse", action="store_true", help="let --update-scoreboard lower a field"
    )
    args = parser.parse_args(argv)
    shared = shared_dir(args.shared)
    if not available_sets(shared):
        parser.error(f"no labelled set under {shared / 'corpus'}")
    try:
        results = measure(shared, args.jobs)
    except (ScorerError, subprocess.TimeoutExpired) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(results, indent=2) if args.json else render(results))
    if args.update_scoreboard:
        changes, refusals = update_scoreboard(results, allow_worse=args.allow_worse)
        if refusals:
            print("\nscoreboard NOT updated; worse than checked in:", file=sys.stderr)
            print("\n".join(f"  {line}" for line in refusals), file=sys.stderr)
            print("(--allow-worse to lower it anyway)", file=sys.stderr)
            return 1
        print(f"\n{SCOREBOARD.relative_to(ROOT)}: " + ("updated" if changes else "no change"))
        print("\n".join(f"  {line}" for line in changes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
