"""Command-line interface: ``wobtrack``. One module per command group.

The command modules are imported only when their command runs: their table is
:data:`wobtrack.cli.commands.COMMANDS` (see :mod:`wobtrack.cli.lazy`).
"""

import gc

from wobtrack.cli.base import cli


def main() -> None:
    """Console-script entry point."""
    # A listing builds hundreds of thousands of small objects that live until it ends; with
    # the default thresholds the cyclic collector rescans them over and over (half the CPU of
    # `summary` at 10,000 requests). A short-lived command can afford rarer collections.
    gc.set_threshold(100_000, 50, 1000)
    cli(prog_name="wobtrack")


__all__ = ["cli", "main"]
