"""Where the database is: ``--db`` / ``WOBTRACK_DB`` turned into an SQLAlchemy URL.

Kept apart from :mod:`wobtrack.db` because every command resolves ``--db`` when it starts,
including those that never open the database (``calc``, ``parse``): SQLAlchemy is imported
only to check a URL that was given as one.
"""

from __future__ import annotations

from pathlib import Path

from wobtrack.errors import WobtrackError


def default_database_path() -> Path:
    """``wobtrack.db`` in the user's data directory (platformdirs)."""
    from platformdirs import user_data_path

    return user_data_path("wobtrack", appauthor=False) / "wobtrack.db"


def database_url(path_or_url: str | None) -> str:
    """Turn ``--db`` (a file path or an SQLAlchemy URL) into a URL; None gives the default."""
    if not path_or_url:
        path = default_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    if "://" in path_or_url:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            make_url(path_or_url)
        except ArgumentError:
            raise WobtrackError(f"invalid database URL {path_or_url!r}") from None
        return path_or_url
    path = Path(path_or_url).expanduser()
    if path.is_dir():
        raise WobtrackError(f"--db {path_or_url!r} is a directory; give a file name")
    return f"sqlite:///{path.resolve()}"
