"""One of several wobtrack users writing to one database at once (run by test_concurrency).

``python -m tests.concurrency_worker DB NAME AUTHORITY START BARRIER_DIR WORKERS LETTER``

Every operation is one CLI invocation, as separate cron jobs or team members would run them.
Phase 1 starts at the wall-clock time START on a database that may not exist yet (so the
workers also race to create the schema) and logs requests to one authority spelled in
different ways. After a file barrier, phase 2 adds unnumbered items to the oldest request
(numbering race), imports the same letter into the second-oldest (the "already imported?"
race) and one into the worker's own last request. The worker never stops at a failure: it
prints one JSON object with every failed operation, so a test can count them.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from wobtrack.cli import cli

REQUESTS_PER_WORKER = 4
ITEMS_PER_WORKER = 4


def main(argv: list[str]) -> None:
    db, name, authority, start, barrier, workers, letter = argv
    failures: list[dict[str, Any]] = []
    operations = 0
    outputs: list[Any] = []

    def run(*args: str, as_json: bool = True) -> Any:
        nonlocal operations
        operations += 1
        extra = ["--json"] if as_json else []
        result = CliRunner().invoke(cli, ["--db", db, "--today", "2026-11-22", *args, *extra])
        error = None
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            exc = result.exception
            error = f"traceback: {type(exc).__name__}: {(str(exc).splitlines() or [''])[0]}"
        elif result.exit_code != 0:
            error = result.stderr.strip()
        if error is not None:
            failures.append({"args": list(args), "error": error})
            return None
        return json.loads(result.stdout) if as_json else result.stdout

    while time.time() < float(start):
        time.sleep(0.001)
    own: list[int] = []
    for n in range(REQUESTS_PER_WORKER):
        added = run("request", "add", "-a", authority, "-s", f"{name} {n}", "--received",
                    "2026-01-12", "--item", "een", "--item", "twee")  # fmt: skip
        if added is not None:
            own.append(added["id"])
    Path(barrier, name).touch()
    deadline = time.time() + 120
    while len(list(Path(barrier).iterdir())) < int(workers) and time.time() < deadline:
        time.sleep(0.01)
    listed = run("request", "list")
    ids = sorted(row["id"] for row in listed or [])
    if len(ids) >= 2:
        for n in range(ITEMS_PER_WORKER):
            run("item", "add", str(ids[0]), f"{name} item {n}", as_json=False)
        shared = run("decision", "import", str(ids[1]), letter)
        if shared is not None:
            outputs.append({"shared_import_created": shared["created"]})
    if own:
        mine = run("decision", "import", str(own[-1]), letter)
        if mine is not None:
            outputs.append({"own_import": own[-1], "created": mine["created"]})
    print(json.dumps({"operations": operations, "failures": failures, "outputs": outputs}))


if __name__ == "__main__":
    main(sys.argv[1:])
