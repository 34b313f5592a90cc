"""Command-line interface: ``wobtrack``. One module per command group."""

from wobtrack.cli import (  # noqa: F401  (importing registers the commands)
    authorities,
    calc,
    corrections,
    deadlines,
    decisions,
    demo,
    drafts,
    exchange,
    intake,
    organise,
    parse,
    remind,
    tracker,
)
from wobtrack.cli.base import cli


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="wobtrack")


__all__ = ["cli", "main"]
