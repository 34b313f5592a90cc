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
        check_url(path_or_url)
        return path_or_url
    path = Path(path_or_url).expanduser()
    if path.is_dir():
        raise WobtrackError(f"--db {path_or_url!r} is a directory; give a file name")
    if path.exists() and not path.is_file():
        raise WobtrackError(f"--db {path_or_url!r} is not a regular file; give a database file")
    return f"sqlite:///{path.resolve()}"


#: The database backends wobtrack is built and tested for.
SUPPORTED_BACKENDS = ("sqlite", "postgresql")
EXAMPLE_URLS = "a file path (SQLite) or postgresql+psycopg://USER@HOST/DATABASE"


def check_url(url: str) -> None:
    """Raise WobtrackError (one line, with the fix) for a URL wobtrack cannot use."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        raise WobtrackError(f"invalid database URL {url!r}: use {EXAMPLE_URLS}") from None
    if parsed.drivername.split("+")[0] == "postgres":
        fixed = "postgresql+psycopg" + url[len(parsed.drivername) :]
        raise WobtrackError(
            f"'{parsed.drivername}://' is not a database type SQLAlchemy knows: "
            f"write {make_url(fixed).render_as_string(hide_password=True)}"
        )
    if parsed.get_backend_name() not in SUPPORTED_BACKENDS:
        raise WobtrackError(
            f"unsupported database type {parsed.drivername!r} in "
            f"{parsed.render_as_string(hide_password=True)!r}: use {EXAMPLE_URLS}"
        )
