"""The README's examples are real: every ``$ wobtrack ...`` command in a ```console block
is run, in README order, and its output must be the lines printed under it.

How a README transcript reads:

- a block takes part when it has a line starting with ``$ wobtrack``; other commands in it
  (``$ python3 ...``) and blocks without a ``$`` prompt (Quick start, Development) are not
  run;
- a command's expected output is every line after it up to the next ``$`` line, trailing
  blank lines dropped; lines are compared exactly after stripping trailing whitespace;
  stdout and stderr are compared together, in the order printed (as in a terminal);
- a last line ``[exit status N]`` is the expected exit status (otherwise it must be 0);
- a line that is only ``…`` ends the shown part: the real output must *begin* with the
  lines above it (used for long letters and JSON). It is the only escape; nothing in the
  walk-through depends on the clock or the machine.

All commands share one fresh working directory (with a copy of ``samples/``), one database
(``WOBTRACK_DB=readme.db``, as the README says) and the fixed date the README was made
with (the hidden ``--today`` option). To refresh a block after a deliberate change, run the
command the same way and paste its output; the failure message shows the real output.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from wobtrack.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
#: The README's "today" and database, from its Walk-through introduction.
TODAY = "2026-02-16"
DATABASE = "readme.db"
ELIDED = "…"
_EXIT = re.compile(r"^\[exit status (\d+)\]$")
_FENCE = re.compile(r"^```console\s*$")


@dataclass(frozen=True)
class Command:
    """One ``$ wobtrack ...`` line of the README and the output shown under it."""

    line: int  # 1-based line number of the ``$`` line in the README
    argv: tuple[str, ...]  # the arguments after ``wobtrack``
    expected: tuple[str, ...]
    exit_status: int
    elided: bool  # the README shows only the beginning of the output

    @property
    def id(self) -> str:
        return f"L{self.line}-" + " ".join(self.argv)[:60]


def console_blocks(text: str) -> list[tuple[int, list[str]]]:
    """Every ```console block as (line number of its first content line, lines)."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if current is None:
            if _FENCE.match(line):
                current, start = [], number + 1
        elif line.strip() == "```":
            blocks.append((start, current))
            current = None
        else:
            current.append(line)
    assert current is None, "README.md has an unclosed ```console block"
    return blocks


def _command(line: int, prompt: str, output: list[str]) -> Command:
    lines = [o.rstrip() for o in output]
    while lines and not lines[-1]:
        lines.pop()
    exit_status = 0
    if lines and (match := _EXIT.match(lines[-1])):
        exit_status = int(match.group(1))
        lines.pop()
    elided = ELIDED in lines
    if elided:
        lines = lines[: lines.index(ELIDED)]
    argv = shlex.split(prompt[len("$ ") :])
    assert argv[0] == "wobtrack", prompt
    return Command(line, tuple(argv[1:]), tuple(lines), exit_status, elided)


def readme_commands(text: str) -> list[Command]:
    """The ``$ wobtrack`` commands of every console block, in README order."""
    commands: list[Command] = []
    for start, lines in console_blocks(text):
        prompts = [i for i, line in enumerate(lines) if line.startswith("$ ")]
        if not any(lines[i].startswith("$ wobtrack ") for i in prompts):
            continue
        assert prompts[0] == 0 or not "".join(lines[: prompts[0]]).strip(), (
            f"README.md line {start}: output before the first $ command"
        )
        for n, i in enumerate(prompts):
            end = prompts[n + 1] if n + 1 < len(prompts) else len(lines)
            if lines[i].startswith("$ wobtrack "):
                commands.append(_command(start + i, lines[i], lines[i + 1 : end]))
    return commands


COMMANDS = readme_commands(README.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Ran:
    output: tuple[str, ...]
    exit_status: int


@pytest.fixture(scope="session")
def transcript(tmp_path_factory: pytest.TempPathFactory) -> dict[Command, Ran]:
    """Every README command run in order in one fresh folder and database."""
    folder = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "samples", folder / "samples")
    env = {
        "WOBTRACK_DB": DATABASE,
        "XDG_CACHE_HOME": str(folder / ".cache"),
        "XDG_DATA_HOME": str(folder / ".data"),
        "COLUMNS": "80",
    }
    runner = CliRunner(env=env)
    results: dict[Command, Ran] = {}
    previous = Path.cwd()
    os.chdir(folder)
    try:
        for command in COMMANDS:
            result = runner.invoke(
                cli, ["--today", TODAY, *command.argv], prog_name="wobtrack", color=False
            )
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                raise result.exception
            lines = [line.rstrip() for line in result.output.splitlines()]
            while lines and not lines[-1]:
                lines.pop()
            results[command] = Ran(tuple(lines), result.exit_code)
    finally:
        os.chdir(previous)
    return results


def test_the_readme_has_a_walk_through() -> None:
    """The extraction finds the walk-through (a changed fence or prompt would skip it all)."""
    assert len(COMMANDS) >= 20
    first = COMMANDS[0]
    assert first.argv[:2] == ("request", "add"), first
    assert any(c.exit_status != 0 for c in COMMANDS), "the Bad input examples were not found"


def test_a_hand_edited_output_line_is_caught() -> None:
    """The comparison sees one changed character in one output line."""
    text = README.read_text(encoding="utf-8")
    original = "Logged request 1 to Gemeente Lindeburg (woo, 8 items)."
    assert original in text
    edited = readme_commands(text.replace(original, original.replace("8 items", "9 items"), 1))
    assert [c.expected for c in edited] != [c.expected for c in COMMANDS]


@pytest.mark.parametrize("command", COMMANDS, ids=[c.id for c in COMMANDS])
def test_readme_output_is_real(command: Command, transcript: dict[Command, Ran]) -> None:
    ran = transcript[command]
    got = ran.output[: len(command.expected)] if command.elided else ran.output
    shown = "\n".join(ran.output)
    where = f"README.md line {command.line}: $ wobtrack {shlex.join(command.argv)}"
    assert ran.exit_status == command.exit_status, (
        f"{where}\nexit status {ran.exit_status}, README says {command.exit_status}\n{shown}"
    )
    if command.elided:
        assert len(ran.output) > len(command.expected), f"{where}: nothing was elided\n{shown}"
    assert list(got) == list(command.expected), f"{where}\nreal output:\n{shown}"
