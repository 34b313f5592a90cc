"""Benchmark: the tracker's listing commands at a researcher's scale.

Not a test: run it by hand, on a quiet machine.

    python bench/bench_tracker.py                       # SQLite, 1k and 3k requests
    python bench/bench_tracker.py --big                 # ... and 10k
    python bench/bench_tracker.py --sizes 200           # a quick look
    python bench/bench_tracker.py --pg postgresql+psycopg://postgres@127.0.0.1:5432/test

A generator fills a fresh database (SQLite file; with ``--pg`` also a fresh PostgreSQL
schema) with N requests x 20 items, sent and received dates and ~2 timeline events each, and
for half of them a decision with an outcome per item (and a person's correction of one
item), in bulk inserts that give the same rows as the library's services. Then every listing
command runs as ``python -m wobtrack`` in a subprocess of its own, with ``--today`` fixed;
the child's CPU seconds (user + system) and peak resident memory come from ``os.wait4`` (the
child's own ``rusage``, which is what ``resource.getrusage(RUSAGE_CHILDREN)`` adds up). The
database is filled by a helper process, so that the measuring process stays small: a child's
peak includes its parent's memory before ``exec``. An empty command (``--version``) in the
same run is the baseline: the ratios say how much of a command is more than start-up.

Each command's output is hashed (SHA-256 of stdout, or of the file for ``remind --ics``), so
two runs on the same generated data (before and after a change) show that the output stayed
byte for byte the same. Results go to ``bench/results/tracker-<label>.json`` (not
committed) and a Markdown table to stdout.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


TODAY = date(2026, 11, 22)
ITEMS_PER_REQUEST = 20
AUTHORITIES = 60
#: Fixed timestamps so that two generations of the same size give identical exports.
STAMP = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
OUTCOME_CHOICES = ("granted", "partly_granted", "refused", "referred", "not_held", "unanswered")
GROUNDS = ("5.1.2e", "5.1.2i", "5.2", "5.1.1c", "11.1")

#: (label, arguments after ``--db URL --today DAY``); "{ics}" is a file and "{out}" a folder in
#: the run's folder.
COMMANDS: list[tuple[str, list[str]]] = [
    ("request list", ["request", "list"]),
    ("deadlines", ["deadlines"]),
    ("remind", ["remind", "--within", "30"]),
    ("remind --ics FILE", ["remind", "--ics", "{ics}"]),
    ("summary", ["summary"]),
    ("review", ["review"]),
    ("export --format json", ["export", "--format", "json"]),
    ("export --format csv --out DIR", ["export", "--format", "csv", "--out", "{out}"]),
    ("request show (one)", ["request", "show", "1"]),
]
BASELINE = ("empty command (--version)", ["--version"])


# --------------------------------------------------------------------------- generator


def _parsed(request_id: int, numbers: list[str], outcomes: list[list[str]]) -> dict[str, Any]:
    """A decision's stored parser output, shaped and sized like a real letter's."""
    return {
        "file": f"besluit-{request_id}.pdf",
        "kind": "besluit",
        "decision_date": None,
        "reference": f"WOO-{request_id:06d}",
        "pages": 6,
        "bezwaar": {"weeks": 6, "electronic_filing": True, "address": "Postbus 1\n2500 AA"},
        "items": [
            {
                "number": number,
                "text": f"Alle documenten over onderwerp {number} van verzoek {request_id}.",
                "outcomes": outcome,
                "grounds": [],
                "evidence": [
                    {"page": 2, "text": "Ten aanzien van onderdeel " + number + " " + "x" * 300}
                ],
            }
            for number, outcome in zip(numbers, outcomes, strict=True)
        ],
        "warnings": [],
    }


def generate(engine: Any, n: int, seed: int = 14) -> dict[str, int]:
    """Fill an empty, migrated database with ``n`` requests; return row counts."""
    from sqlalchemy import insert, text

    from wobtrack.models import (
        Authority,
        Decision,
        Event,
        ItemOutcome,
        OutcomeCorrection,
        Request,
        RequestItem,
    )

    rng = random.Random(seed)
    authorities = [{"id": a, "name": f"Gemeente {a:03d}"} for a in range(1, AUTHORITIES + 1)]
    requests: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    decisions: list[dict[str, Any]] = []
    outcomes: list[dict[str, Any]] = []
    corrections: list[dict[str, Any]] = []
    item_id = event_id = decision_id = outcome_id = 0
    for r in range(1, n + 1):
        received = TODAY - timedelta(days=rng.randint(5, 700))
        regime = "woo" if received >= date(2022, 5, 1) else "wob"
        requests.append(
            {
                "id": r,
                "authority_id": rng.randint(1, AUTHORITIES),
                "subject": f"Documenten over project {r} en de besluitvorming daarover",
                "regime": regime,
                "regime_explicit": False,
                "reference": f"REF-{r}" if r % 3 else None,
                "sent_on": received - timedelta(days=1),
                "received_on": received,
                "bezwaar_committee": r % 7 == 0,
                "notes": None,
                "created_at": STAMP,
            }
        )
        numbers = [str(i) for i in range(1, ITEMS_PER_REQUEST + 1)]
        first_item = item_id + 1
        for position, number in enumerate(numbers, start=1):
            item_id += 1
            items.append(
                {
                    "id": item_id,
                    "request_id": r,
                    "number": number,
                    "text": f"Alle documenten over onderwerp {number} van verzoek {r}.",
                    "position": position,
                    "added_from_decision_id": None,
                }
            )
        timeline = [("acknowledged", received + timedelta(days=2), None)]
        if rng.random() < 0.5:
            timeline.append(("extended", received + timedelta(days=25), None))
        decided = r % 2 == 0
        if decided:
            decision_id += 1
            day = received + timedelta(days=rng.randint(20, 90))
            if day >= TODAY:
                day = TODAY - timedelta(days=1)
            chosen = [[rng.choice(OUTCOME_CHOICES)] for _ in numbers]
            decisions.append(
                {
                    "id": decision_id,
                    "request_id": r,
                    "kind": "besluit",
                    "decision_date": day,
                    "bekendmaking_on": day,
                    "reference": f"WOO-{r:06d}",
                    "file_name": f"besluit-{r}.pdf",
                    "file_sha256": hashlib.sha256(str(r).encode()).hexdigest(),
                    "pages": 6,
                    "parser_version": "2.0.0",
                    "bezwaar_weeks": 6,
                    "electronic_filing": True,
                    "bezwaar_address": "Postbus 1\n2500 AA",
                    "parsed": _parsed(r, numbers, chosen),
                    "warnings": [],
                    "imported_at": STAMP,
                }
            )
            timeline.append(("decision", day, decision_id))
            for offset, outcome in enumerate(chosen):
                outcome_id += 1
                refused = outcome[0] in ("refused", "partly_granted")
                outcomes.append(
                    {
                        "id": outcome_id,
                        "decision_id": decision_id,
                        "item_id": first_item + offset,
                        "outcomes": outcome,
                        "grounds": [rng.choice(GROUNDS)] if refused else [],
                        "refers_to": [],
                        "references": [{"kind": "url", "value": "https://example.org/doc"}]
                        if outcome[0] == "referred"
                        else [],
                        "evidence": [{"page": 2, "text": "Ten aanzien van " + "y" * 200}],
                        "needs_review": offset % 9 == 0,
                        "flags": [],
                    }
                )
            corrections.append(
                {
                    "id": len(corrections) + 1,
                    "item_id": first_item,
                    "decision_id": decision_id,
                    "outcomes": ["granted"],
                    "grounds": [],
                    "note": "checked by hand",
                    "created_at": STAMP,
                }
            )
        for kind, day, linked in timeline:
            event_id += 1
            events.append(
                {
                    "id": event_id,
                    "request_id": r,
                    "kind": kind,
                    "event_date": day,
                    "note": None,
                    "decision_id": linked,
                    "created_at": STAMP,
                }
            )
    with engine.begin() as conn:
        for model, rows in (
            (Authority, authorities),
            (Request, requests),
            (Decision, decisions),
            (RequestItem, items),
            (Event, events),
            (ItemOutcome, outcomes),
            (OutcomeCorrection, corrections),
        ):
            for start in range(0, len(rows), 5000):
                conn.execute(insert(model.__table__), rows[start : start + 5000])
        if engine.dialect.name == "postgresql":
            for model in (
                Authority,
                Request,
                Decision,
                RequestItem,
                Event,
                ItemOutcome,
                OutcomeCorrection,
            ):
                table = model.__tablename__
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
            conn.execute(text("ANALYZE"))
        else:
            conn.execute(text("ANALYZE"))
    return {
        "requests": len(requests),
        "items": len(items),
        "events": len(events),
        "decisions": len(decisions),
        "outcomes": len(outcomes),
    }


# --------------------------------------------------------------------------- measuring


@dataclass
class Measure:
    cpu: float
    wall: float
    peak_mb: float
    sha256: str
    exit_code: int


def run_command(url: str, args: list[str], workdir: Path) -> Measure:
    """One ``python -m wobtrack`` in a child process: its own CPU and peak memory."""
    ics = workdir / "calendar.ics"
    out_dir = workdir / "export"
    argv = [a.replace("{ics}", str(ics)).replace("{out}", str(out_dir)) for a in args]
    full = [sys.executable, "-m", "wobtrack", "--db", url, "--today", TODAY.isoformat(), *argv]
    if args == BASELINE[1]:
        full = [sys.executable, "-m", "wobtrack", "--version"]
    ics.unlink(missing_ok=True)
    if out_dir.exists():
        for old in out_dir.iterdir():
            old.unlink()
    out_path = workdir / "stdout"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    with out_path.open("wb") as out:
        child = subprocess.Popen(full, stdout=out, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    stderr = child.stderr.read().decode() if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({child.returncode}): {stderr}")
    produced = ics if "{ics}" in args else out_path
    if "{out}" in args:
        produced = sorted(out_dir.iterdir())
    return Measure(
        cpu=usage.ru_utime + usage.ru_stime,
        wall=wall,
        peak_mb=usage.ru_maxrss / 1024,  # kB on Linux
        # Hashed in chunks: reading a 190 MB export at once would raise this process's own
        # peak, which every later child inherits in its ``ru_maxrss`` (fork before exec).
        sha256=_sha256_of(produced),
        exit_code=child.returncode,
    )


def _sha256_of(paths: Path | list[Path]) -> str:
    """SHA-256 of a file, or of several files one after the other (with their names)."""
    digest = hashlib.sha256()
    for path in [paths] if isinstance(paths, Path) else paths:
        if not isinstance(paths, Path):
            digest.update(path.name.encode() + b"\0")
        with path.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def best_of(url: str, args: list[str], workdir: Path, repeat: int) -> Measure:
    runs = [run_command(url, args, workdir) for _ in range(repeat)]
    return min(runs, key=lambda m: m.cpu)


def helper(action: str, base_url: str, *rest: str) -> None:
    """Create or drop a schema, or fill a database, in a process of its own.

    The measuring process stays small: a child's peak memory (``ru_maxrss``) includes what it
    inherited from its parent before ``exec``, so the parent must not hold the generated rows.
    """
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from wobtrack import db as database

    if action == "create-schema":
        admin = database.make_engine(base_url)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{rest[0]}"'))
        admin.dispose()
        url = make_url(base_url).update_query_dict({"options": f"-csearch_path={rest[0]}"})
        print(url.render_as_string(hide_password=False))
    elif action == "drop-schema":
        admin = database.make_engine(base_url)
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{rest[0]}" CASCADE'))
        admin.dispose()
    elif action == "generate":
        engine = database.make_engine(base_url)
        database.upgrade(engine)
        started = time.perf_counter()
        counts = generate(engine, int(rest[0]))
        engine.dispose()
        print(f"generated {counts} in {time.perf_counter() - started:.1f} s")


def _helper(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, __file__, "--helper", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return done.stdout.strip()


@dataclass
class Backend:
    name: str
    base_url: str | None  # None: a SQLite file per size

    def fresh(self, workdir: Path, n: int) -> tuple[str, str | None]:
        if self.base_url is None:
            path = workdir / f"tracker-{n}.db"
            path.unlink(missing_ok=True)
            return f"sqlite:///{path}", None
        schema = f"bench_{n}_{uuid.uuid4().hex[:8]}"
        return _helper("create-schema", self.base_url, schema), schema

    def drop(self, schema: str | None) -> None:
        if schema is not None and self.base_url is not None:
            _helper("drop-schema", self.base_url, schema)


def main() -> None:
    if sys.argv[1:2] == ["--helper"]:
        helper(*sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--big", action="store_true", help="also 10,000 requests")
    parser.add_argument("--pg", metavar="URL", help="also PostgreSQL (a fresh schema per size)")
    parser.add_argument("--no-sqlite", action="store_true", help="only the --pg database")
    parser.add_argument("--repeat", type=int, default=1, help="runs per command; best CPU kept")
    parser.add_argument("--only", nargs="+", metavar="LABEL", help="only these commands")
    parser.add_argument("--label", default="latest", help="name of the results file")
    args = parser.parse_args()
    sizes = sorted({*args.sizes, *([10_000] if args.big else [])})
    backends = [] if args.no_sqlite else [Backend("SQLite", None)]
    if args.pg:
        backends.append(Backend("PostgreSQL", args.pg))
    commands = [c for c in COMMANDS if not args.only or c[0] in args.only]

    results: dict[str, Any] = {
        "label": args.label,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "runs": [],
    }
    with tempfile.TemporaryDirectory(prefix="wobtrack-bench-") as tmp:
        workdir = Path(tmp)
        for backend in backends:
            for n in sizes:
                url, schema = backend.fresh(workdir, n)
                try:
                    made = _helper("generate", url, str(n))
                    print(f"# {backend.name} {n}: {made}", file=sys.stderr)
                    base = best_of(url, BASELINE[1], workdir, max(args.repeat, 3))
                    rows = [(BASELINE[0], base)]
                    for label, cmd in commands:
                        measure = best_of(url, cmd, workdir, args.repeat)
                        print(
                            f"  {label}: {measure.cpu:.2f} s CPU, {measure.peak_mb:.0f} MB",
                            file=sys.stderr,
                        )
                        rows.append((label, measure))
                finally:
                    backend.drop(schema)
                for label, m in rows:
                    results["runs"].append(
                        {
                            "backend": backend.name,
                            "requests": n,
                            "command": label,
                            "cpu_s": round(m.cpu, 3),
                            "wall_s": round(m.wall, 3),
                            "peak_mb": round(m.peak_mb, 1),
                            "cpu_ratio": round(m.cpu / base.cpu, 2),
                            "mem_ratio": round(m.peak_mb / base.peak_mb, 2),
                            "sha256": m.sha256,
                        }
                    )
    out = ROOT / "bench" / "results" / f"tracker-{args.label}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    print(f"\n(written to {out.relative_to(ROOT)})")


def table(results: dict[str, Any]) -> str:
    """Markdown: one row per backend and command, one column per size."""
    runs = results["runs"]
    sizes = sorted({r["requests"] for r in runs})
    head = "| backend | command | " + " | ".join(f"{n:,} requests" for n in sizes) + " |"
    lines = [head, "|---|---|" + "---|" * len(sizes)]
    seen: list[tuple[str, str]] = []
    for r in runs:
        if (r["backend"], r["command"]) not in seen:
            seen.append((r["backend"], r["command"]))
    for backend, command in seen:
        cells = []
        for n in sizes:
            found = [
                r
                for r in runs
                if (r["backend"], r["command"], r["requests"]) == (backend, command, n)
            ]
            if not found:
                cells.append("")
                continue
            r = found[0]
            cells.append(
                f"{r['cpu_s']:.2f} s ({r['cpu_ratio']:.1f}×), {r['peak_mb']:.0f} MB "
                f"({r['mem_ratio']:.1f}×)"
            )
        lines.append(f"| {backend} | `{command}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
