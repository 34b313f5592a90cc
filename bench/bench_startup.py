"""Benchmark: how long ``wobtrack`` takes to start.

Not a test: run it by hand, on a quiet machine.

    python bench/bench_startup.py               # 15 runs of each command
    python bench/bench_startup.py --repeat 40

Each command runs as ``python -m wobtrack ...`` in a child process of its own; the child's
CPU seconds (user + system) come from ``os.wait4`` and its wall time from the clock around
it. The baseline, measured in the same run and the same way, is ``python -c pass``: the
ratios say how many bare interpreter start-ups a command costs, which holds across
machines better than seconds do. The median of the runs is reported (the minimum as well),
and the SHA-256 of each command's output, so that two runs (before and after a change) show
that the output stayed byte for byte the same.

The last column counts the modules of SQLAlchemy, pdfplumber, pdfminer and icalendar the
command imported (from ``-X importtime``, one extra run each): 0 is the goal for
``--help``, ``--version`` and ``calc``.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: (label, argv after the interpreter).
BASELINE = ("python -c pass (baseline)", ["-c", "pass"])
COMMANDS: list[tuple[str, list[str]]] = [
    ("wobtrack --help", ["-m", "wobtrack", "--help"]),
    ("wobtrack --version", ["-m", "wobtrack", "--version"]),
    (
        "wobtrack calc bezwaar-end ...",
        ["-m", "wobtrack", "calc", "bezwaar-end", "--bekendmaking", "2026-02-03"],
    ),
    ("wobtrack calc --help", ["-m", "wobtrack", "calc", "--help"]),
    ("wobtrack request --help", ["-m", "wobtrack", "request", "--help"]),
]
HEAVY = ("sqlalchemy", "pdfplumber", "pdfminer", "icalendar")


@dataclass
class Runs:
    cpu: list[float]
    wall: list[float]
    sha256: str


def _environment(workdir: Path) -> dict[str, str]:
    # A throwaway database location: the default one would be created in the user's folder.
    return {**os.environ, "PYTHONPATH": str(ROOT), "WOBTRACK_DB": str(workdir / "bench.db")}


def run_once(argv: list[str], workdir: Path) -> tuple[float, float, bytes]:
    """One child process: (CPU seconds, wall seconds, its stdout)."""
    out_path = workdir / "stdout"
    started = time.perf_counter()
    with out_path.open("wb") as out:
        child = subprocess.Popen(
            [sys.executable, *argv], stdout=out, stderr=subprocess.DEVNULL,
            env=_environment(workdir), cwd=workdir,
        )  # fmt: skip
        _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed")
    return usage.ru_utime + usage.ru_stime, wall, out_path.read_bytes()


def heavy_modules(argv: list[str], workdir: Path) -> int:
    """How many modules of the heavy libraries the command imports."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *argv],
        capture_output=True, text=True, env=_environment(workdir), cwd=workdir, check=True,
    )  # fmt: skip
    names = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()]
    return sum(1 for name in names if name.split(".")[0] in HEAVY)


def measure(commands: list[tuple[str, list[str]]], repeat: int, workdir: Path) -> dict[str, Runs]:
    """Every command ``repeat`` times, interleaved so that a busy moment hits all alike."""
    runs = {label: Runs([], [], "") for label, _ in commands}
    for _ in range(repeat):
        for label, argv in commands:
            cpu, wall, output = run_once(argv, workdir)
            runs[label].cpu.append(cpu)
            runs[label].wall.append(wall)
            runs[label].sha256 = hashlib.sha256(output).hexdigest()
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs of each command")
    args = parser.parse_args()
    commands = [BASELINE, *COMMANDS]
    with tempfile.TemporaryDirectory(prefix="wobtrack-bench-") as folder:
        workdir = Path(folder)
        for _, argv in commands:  # warm the file cache and the .pyc files
            run_once(argv, workdir)
        runs = measure(commands, args.repeat, workdir)
        heavy = {label: heavy_modules(argv, workdir) for label, argv in COMMANDS}
    base_cpu = statistics.median(runs[BASELINE[0]].cpu)
    base_wall = statistics.median(runs[BASELINE[0]].wall)
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f}, median of {args.repeat} runs (min in brackets)\n"
    )
    print(
        "| command | CPU s | CPU × baseline | wall s | wall × baseline "
        "| heavy modules | output sha256 |"
    )
    print("|---|---:|---:|---:|---:|---:|---|")
    for label, _ in commands:
        r = runs[label]
        cpu, wall = statistics.median(r.cpu), statistics.median(r.wall)
        print(
            f"| {label} | {cpu:.3f} ({min(r.cpu):.3f}) | {cpu / base_cpu:.1f} "
            f"| {wall:.3f} ({min(r.wall):.3f}) | {wall / base_wall:.1f} "
            f"| {heavy.get(label, '')} | {r.sha256[:12]} |"
        )


if __name__ == "__main__":
    main()
