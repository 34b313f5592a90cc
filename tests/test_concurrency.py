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
