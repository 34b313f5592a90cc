"""Two real wobtrack processes writing to one SQLite database at the same moment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

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
