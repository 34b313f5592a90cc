"""Command-line interface: ``wobtrack``. One module per command group."""

from wobtrack.cli import calc, parse, tracker  # noqa: F401  (registers the commands)
from wobtrack.cli.base import cli


def main() -> None:
    """Console-script entry point."""
    cli()


__all__ = ["cli", "main"]
