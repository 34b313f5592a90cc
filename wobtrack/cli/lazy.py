"""A click group that imports a command's module only when that command runs.

The pattern of click's documentation ("Lazily Loading Subcommands"): the group knows its
commands from a static table (:data:`wobtrack.cli.commands.COMMANDS`), imports a command's
module the first time the command is looked up, and shows ``--help`` from the short help
kept in the table, so that ``wobtrack --help`` imports no command module at all and a
command imports only what it uses (``calc`` no SQLAlchemy, ``request list`` no PDF library).
``tests/test_startup.py`` keeps the table equal to the real commands.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from gettext import gettext as _
from typing import Any, NamedTuple

import click
from click.formatting import HelpFormatter


class LazyCommand(NamedTuple):
    """Where a top-level command is defined, and what ``wobtrack --help`` says of it."""

    #: The module that defines the command (and registers it on ``cli`` when imported).
    module: str
    #: The name of the click command (or group) object in that module.
    attribute: str
    #: Its help up to the end of the first sentence, as click would shorten it.
    short_help: str
    #: Modules that add subcommands to this group (imported with it).
    extensions: tuple[str, ...] = ()


class LazyGroup(click.Group):
    """A group whose commands are imported on first use from a table of :class:`LazyCommand`."""

    def __init__(
        self, *args: Any, lazy_commands: Mapping[str, LazyCommand] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands: dict[str, LazyCommand] = dict(lazy_commands or {})
        # Names whose module and extensions have been imported. A command can be in
        # self.commands before that: importing one command module may import another
        # (corrections imports tracker), which registers its commands but not the
        # extensions of its groups.
        self._loaded: set[str] = set()

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_commands and cmd_name not in self._loaded:
            self.load(cmd_name)
        return super().get_command(ctx, cmd_name)

    def load(self, name: str) -> click.Command:
        """Import the command ``name`` (and the modules extending it) and register it."""
        entry = self.lazy_commands[name]
        module = importlib.import_module(entry.module)
        for extension in entry.extensions:
            importlib.import_module(extension)
        command = getattr(module, entry.attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{entry.module}.{entry.attribute} is not a click command")
        if self.commands.get(name) is not command:
            self.add_command(command, name)
        self._loaded.add(name)
        return command

    def format_commands(self, ctx: click.Context, formatter: HelpFormatter) -> None:
        """Click's command list, with the short help of commands not imported yet taken
        from the table (the same text: click shortens the table's sentence the same way)."""
        rows: list[tuple[str, str | click.Command]] = []
        for name in self.list_commands(ctx):
            command = self.commands.get(name)
            if command is None:
                rows.append((name, self.lazy_commands[name].short_help))
            elif not command.hidden:
                rows.append((name, command))
        if not rows:
            return
        # As click does: allow for 3 times the default spacing.
        limit = formatter.width - 6 - max(len(row[0]) for row in rows)
        with formatter.section(_("Commands")):
            formatter.write_dl(
                [
                    # A throwaway command shortens the help exactly as click does (its
                    # helper make_default_short_help is deprecated from click 8.5).
                    (name, click.Command(name, help=what).get_short_help_str(limit))
                    if isinstance(what, str)
                    else (name, what.get_short_help_str(limit))
                    for name, what in rows
                ]
            )
