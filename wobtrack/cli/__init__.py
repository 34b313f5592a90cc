"""Command-line interface: ``wobtrack``. One module per command group."""

from wobtrack.cli import (  # noqa: F401  (importing registers the commands)
    calc,
    deadlines,
    decisions,
    parse,
    tracker,
)
from wobtrack.cli.base import cli


def main() -> None:
    """Console-script entry point."""
    cli()


__all__ = ["cli", "main"]
