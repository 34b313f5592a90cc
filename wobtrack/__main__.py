"""Allow ``python -m wobtrack``."""

from wobtrack.cli import main

main()
