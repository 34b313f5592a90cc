"""Command-line interface: ``wobtrack``. One module per command group.

The command modules are imported only when their command runs: their table is
:data:`wobtrack.cli.commands.COMMANDS` (see :mod:`wobtrack.cli.lazy`).
"""

from wobtrack.cli.base import cli


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="wobtrack")


__all__ = ["cli", "main"]
