"""Where the files shipped beside the code are: in an installed package or a checkout.

``migrations/`` and ``samples/`` are top-level folders of the repository (a fixed layout);
pyproject maps them into the package as ``wobtrack.migrations`` and ``wobtrack.samples``.
"""

from __future__ import annotations

from pathlib import Path

from wobtrack.errors import WobtrackError

_PACKAGE = Path(__file__).resolve().parent


def shipped_folder(name: str, marker: str) -> Path:
    """The folder ``name`` (holding ``marker``) inside the package, else in the checkout."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if (candidate / marker).is_file():
            return candidate
    raise WobtrackError(f"wobtrack is installed without its {name}/ folder; reinstall it")


def migrations_path() -> Path:
    """The Alembic script folder."""
    return shipped_folder("migrations", "env.py")


def samples_path() -> Path:
    """The sample requests and decision letters used by ``wobtrack demo``."""
    return shipped_folder("samples", "woo-besluit-2026.pdf")
