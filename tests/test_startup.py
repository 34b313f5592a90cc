"""Start-up: ``wobtrack`` imports a command's module only when that command runs.

The table :data:`wobtrack.cli.commands.COMMANDS` says where each command is and what
``wobtrack --help`` shows for it; these tests keep it equal to the real commands (a command
added without a row fails here) and check, in fresh interpreters, that ``--help``,
``--version`` and ``calc`` import none of the heavy libraries. How long start-up takes is
measured by ``bench/bench_startup.py``, not here.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import wobtrack.cli
from wobtrack.cli import cli
from wobtrack.cli.commands import COMMANDS
from wobtrack.cli.lazy import LazyCommand, LazyGroup

ROOT = Path(__file__).resolve().parents[1]
#: Libraries no start-up below may import (the database, PDF and calendar stacks).
HEAVY = ("sqlalchemy", "alembic", "pdfplumber", "pdfminer", "pypdfium2", "icalendar")


def _all_commands() -> dict[str, click.Command]:
    """Every top-level command, found by importing every module of ``wobtrack.cli``."""
    for module in pkgutil.walk_packages(wobtrack.cli.__path__, "wobtrack.cli."):
        importlib.import_module(module.name)
    return dict(cli.commands)


def _tree(command: click.Command, path: str) -> Iterator[tuple[str, click.Command]]:
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _tree(sub, f"{path} {name}")


def test_the_table_has_a_row_for_every_command() -> None:
    real = _all_commands()
    assert sorted(real) == sorted(COMMANDS), (
        "wobtrack.cli.commands.COMMANDS and the commands the modules define differ: "
        f"missing rows {sorted(set(real) - set(COMMANDS))}, "
        f"rows without a command {sorted(set(COMMANDS) - set(real))}"
    )


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_row_names_its_command_and_its_short_help(name: str) -> None:
    real = _all_commands()
    entry = COMMANDS[name]
    command = getattr(importlib.import_module(entry.module), entry.attribute)
    assert command is real[name], f"{entry.module}.{entry.attribute} is not `{name}`"
    assert not command.hidden, "the table has no column for hidden commands"
    for limit in (20, 45, 60, 80, 200, 10_000):
        shown = click.Command(name, help=entry.short_help).get_short_help_str(limit)
        assert shown == command.get_short_help_str(limit), (
            f"the short help of `{name}` in COMMANDS is not its help's first sentence: "
            f"{command.get_short_help_str(10_000)!r}"
        )


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_groups_subcommands_come_from_the_modules_its_row_names(name: str) -> None:
    # A module that adds subcommands to another module's group must be in the row's
    # extensions, or the subcommands are missing when the group is imported on its own.
    entry = COMMANDS[name]
    modules = {entry.module, *entry.extensions}
    for path, command in _tree(_all_commands()[name], name):
        defined_in = getattr(command.callback, "__module__", entry.module)
        assert defined_in in modules, (
            f"`{path}` is defined in {defined_in}: add it to the extensions of `{name}`"
        )


def _fresh_group() -> LazyGroup:
    """The root group as ``wobtrack`` starts it: nothing imported yet."""
    return LazyGroup(name="wobtrack", lazy_commands=COMMANDS, callback=cli.callback)


@pytest.mark.parametrize("width", [40, 80, 120])
def test_help_from_the_table_is_what_click_shows_for_the_commands(width: int) -> None:
    eager = click.Group(name="wobtrack", commands=_all_commands())
    lazy = _fresh_group()

    def command_list(group: click.Group) -> str:
        formatter = click.HelpFormatter(width=width)
        group.format_commands(click.Context(group), formatter)
        return formatter.getvalue()

    assert command_list(lazy) == command_list(eager)
    assert lazy.commands == {}, "listing the commands imported one"


def test_a_group_is_loaded_with_its_extensions_even_if_it_is_already_there(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Importing one command module can register another's group (corrections imports
    # tracker); the group's extensions must still be imported when it is asked for.
    imported: list[str] = []
    real_import = importlib.import_module
    monkeypatch.setattr(
        "wobtrack.cli.lazy.importlib.import_module",
        lambda name: imported.append(name) or real_import(name),
    )
    group = _fresh_group()
    item = real_import("wobtrack.cli.tracker").item_group
    group.add_command(item, "item")
    assert group.get_command(click.Context(group), "item") is item
    assert imported == ["wobtrack.cli.tracker", "wobtrack.cli.corrections"]


def test_a_row_that_does_not_name_a_command_is_an_error() -> None:
    group = LazyGroup(lazy_commands={"x": LazyCommand("wobtrack.cli.render", "table", "X.")})
    with pytest.raises(TypeError, match=r"wobtrack\.cli\.render\.table is not a click command"):
        group.get_command(click.Context(group), "x")


#: Runs wobtrack as ``python -m wobtrack ARGS`` does, then lists the modules it imported.
_PROBE = """
import runpy, sys
try:
    runpy.run_module("wobtrack", run_name="__main__", alter_sys=True)
finally:
    print("\\n".join(sorted(sys.modules)), file=sys.stderr)
"""


def _run_fresh(tmp_path: Path, *args: str) -> tuple[str, set[str]]:
    """``wobtrack ARGS`` in a new interpreter: its stdout and the modules it imported."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "WOBTRACK_DB": str(tmp_path / "w.db"),
        "COLUMNS": "80",  # click's help is then 78 wide
    }
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=False, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout, set(done.stderr.split())


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


@pytest.mark.parametrize(
    ("args", "command_module"),
    [
        (["--help"], None),
        (["--version"], None),
        (["calc", "bezwaar-end", "--bekendmaking", "2026-02-03"], "wobtrack.cli.calc"),
        (["calc", "--help"], "wobtrack.cli.calc"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_start_up_imports_no_heavy_library(
    tmp_path: Path, args: list[str], command_module: str | None
) -> None:
    _, modules = _run_fresh(tmp_path, *args)
    assert _heavy(modules) == []
    # Only the command's own module: `--help` takes the list from the table.
    command_modules = {m for e in COMMANDS.values() for m in (e.module, *e.extensions)}
    assert sorted(command_modules & modules) == ([command_module] if command_module else [])


def test_help_in_a_fresh_process_is_the_help_of_every_command_loaded(tmp_path: Path) -> None:
    shown, _ = _run_fresh(tmp_path, "--help")
    _all_commands()
    loaded = CliRunner().invoke(cli, ["--help"], prog_name="wobtrack", terminal_width=78)
    assert shown == loaded.output


def test_a_group_run_on_its_own_has_the_subcommands_of_its_extensions(tmp_path: Path) -> None:
    shown, modules = _run_fresh(tmp_path, "item", "--help")
    assert "wobtrack.cli.corrections" in modules
    assert {"add", "edit", "delete"} <= {line.split()[0] for line in _listed(shown)}


def _listed(help_text: str) -> list[str]:
    lines = help_text.split("Commands:\n", 1)[1].splitlines()
    return [line for line in lines if line.startswith("  ") and line.strip()]
