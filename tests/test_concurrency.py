"""Two real wobtrack processes writing to one SQLite database at the same moment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

WRITES_PER_PROCESS = 15

# Each process logs requests one command at a time, as two cron jobs or two team members
# would; a start barrier makes them begin together.
_WORKER = textwrap.dedent(
    """
    import sys, time
    from click.testing import CliRunner
    from wobtrack.cli import cli
    db, name, start = sys.argv[1], sys.argv[2], float(sys.argv[3])
    while time.time() < start:
        time.sleep(0.001)
    for n in range({n}):
        result = CliRunner().invoke(
            cli, ["--db", db, "request", "add", "-a", name, "-s", f"{{name}} {{n}}",
                  "--item", "een", "--item", "twee"])
        if result.exit_code != 0:
            print(result.output, file=sys.stderr)
            sys.exit(1)
    """
).format(n=WRITES_PER_PROCESS)


def test_two_processes_write_at_once_and_both_succeed(tmp_path: Path) -> None:
    import time

    db = str(tmp_path / "shared.db")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    start = time.time() + 1.5
    # The database does not exist yet: both processes also race to create and migrate it.
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, db, name, str(start)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("alpha", "beta")
    ]
    errors = [w.communicate(timeout=120)[1] for w in workers]
    assert [w.returncode for w in workers] == [0, 0], errors
    listed = subprocess.run(
        [sys.executable, "-m", "wobtrack", "--db", db, "request", "list", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = json.loads(listed.stdout)
    assert len(rows) == 2 * WRITES_PER_PROCESS
    assert {row["authority"] for row in rows} == {"alpha", "beta"}
    assert all(row["item_count"] == 2 for row in rows)


def test_readers_run_while_another_process_holds_the_write_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from tests.conftest import Cli
    from wobtrack import db as database

    db_url = f"sqlite:///{tmp_path / 'shared.db'}"
    run = Cli(db_url)
    run(
        "request",
        "add",
        "-a",
        "Politie",
        "-s",
        "bodycams",
        "--received",
        "2026-10-01",
        "--item",
        "x",
    )
    # A writer that would wait the full 30 s would make a reader look hung, not failed.
    monkeypatch.setattr(database, "SQLITE_BUSY_TIMEOUT_MS", 300)
    other = sqlite3.connect(tmp_path / "shared.db", isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE requests SET subject = 'uncommitted' WHERE id = 1")
        readers = [
            ["request", "list", "--json"],
            ["request", "show", "1", "--json"],
            ["deadlines", "--json"],
            ["remind", "--json", "--within", "400"],
            ["remind", "--ics", str(tmp_path / "deadlines.ics")],
            ["summary", "--json"],
            ["review", "--json"],
            ["export", "--format", "json"],
        ]
        for args in readers:
            result = run(*args)
            # Readers see the last committed state, not the other process's open write.
            assert "uncommitted" not in result.output, args
        assert json.loads(run("request", "list", "--json").output)[0]["subject"] == "bodycams"
        # Writers still take the lock first: this one waits, then gives up.
        with pytest.raises(OperationalError, match="locked"):
            run("event", "add", "1", "acknowledged", "2026-10-02")
        other.execute("COMMIT")
    finally:
        other.close()
    run("event", "add", "1", "acknowledged", "2026-10-02")
    assert json.loads(run("request", "show", "1", "--json").output)["subject"] == "uncommitted"


#: One new authority as four people type it: case and spacing differ, the key is the same.
SPELLINGS = (
    "Gemeente Noordveen",
    "gemeente noordveen",
    "GEMEENTE NOORDVEEN",
    "Gemeente  Noordveen",
)


def test_four_writers_on_a_new_database_lose_nothing(db_url: str, tmp_path: Path) -> None:
    """Four processes start on an empty database (SQLite file or PostgreSQL schema) at once:
    schema creation, one new authority, unnumbered items on one request and the same letter
    imported into one request race; no operation may fail and every write must be kept."""
    import time

    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from tests.concurrency_worker import ITEMS_PER_WORKER, REQUESTS_PER_WORKER
    from wobtrack import db as database
    from wobtrack.models import Authority, Decision, Request, RequestItem
    from wobtrack.parsing.pdftext import extract_pdf

    letter = Path(__file__).resolve().parents[1] / "samples" / "woo-besluit-2026.pdf"
    cache = tmp_path / "cache"
    extract_pdf(letter, cache_dir=cache / "wobtrack" / "pdftext")  # the race is not about PDFs
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root), "XDG_CACHE_HOME": str(cache)}
    start = time.time() + 3
    arguments = [str(start), str(barrier), str(len(SPELLINGS)), str(letter)]
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.concurrency_worker", db_url, f"w{n}", name, *arguments],
            env=env,
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n, name in enumerate(SPELLINGS)
    ]
    finished = [w.communicate(timeout=600) for w in workers]
    assert [w.returncode for w in workers] == [0] * len(workers), [err for _, err in finished]
    reports = [json.loads(out) for out, _ in finished]
    failures = [failure for report in reports for failure in report["failures"]]
    operations = sum(report["operations"] for report in reports)
    kinds = sorted({f"{f['args'][0]} {f['args'][1]}: {f['error'][-160:]}" for f in failures})
    assert failures == [], f"{len(failures)} of {operations} operations failed: {kinds}"

    outputs = [output for report in reports for output in report["outputs"]]
    engine = database.make_engine(db_url)
    try:
        with Session(engine) as session:
            assert session.scalar(select(func.count()).select_from(Authority)) == 1
            requests = list(session.scalars(select(Request).order_by(Request.id)))
            assert len(requests) == REQUESTS_PER_WORKER * len(SPELLINGS)
            first, second = requests[0], requests[1]
            numbers = [item.number for item in first.items]
            expected_items = 2 + ITEMS_PER_WORKER * len(SPELLINGS)
            assert sorted(numbers, key=int) == [str(n) for n in range(1, expected_items + 1)]
            assert [d.file_name for d in second.decisions] == [letter.name]
            shared = [o["shared_import_created"] for o in outputs if "shared_import_created" in o]
            assert sorted(shared) == [False, False, False, True]
            own = {o["own_import"] for o in outputs if "own_import" in o}
            assert len(own) == len(SPELLINGS)
            decisions = session.scalar(select(func.count()).select_from(Decision))
            assert decisions == len(own | {second.id})
            # The letter answers items 1-8: the imports add items 3-8 to requests with two.
            imported = session.scalar(
                select(func.count())
                .select_from(RequestItem)
                .where(RequestItem.request_id.in_(own | {second.id}))
            )
            assert imported == 8 * len(own | {second.id})
    finally:
        engine.dispose()


def test_four_processes_creating_a_new_sqlite_database_at_once(tmp_path: Path) -> None:
    # cron's `remind` and a user's command may both be the first to open a new database:
    # one creates and migrates it (under a lock on its folder), the others find it made.
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    for round_ in range(3):
        db = str(tmp_path / f"new-{round_}.db")
        workers = [
            subprocess.Popen(
                [sys.executable, "-m", "wobtrack", "--db", db, "request", "list", "--json"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(4)
        ]
        results = [w.communicate(timeout=120) for w in workers]
        assert [w.returncode for w in workers] == [0, 0, 0, 0], [err for _, err in results]
        assert all(json.loads(out) == [] for out, _ in results)
    assert not list(tmp_path.glob("*.lock"))
