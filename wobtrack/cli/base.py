"""The click group, the per-invocation App object and shared option types.

Commands are thin: parse arguments, open one transaction with ``app.transaction()``
(``write=False`` when they only read), call one library function, render. Every
WobtrackError becomes a one-line message on stderr and a non-zero exit status.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from wobtrack.cli.commands import COMMANDS
from wobtrack.cli.lazy import LazyGroup
from wobtrack.dates import parse_iso_date
from wobtrack.dburl import database_url
from wobtrack.errors import WobtrackError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session


class DateType(click.ParamType[date]):
    """A strict YYYY-MM-DD date."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return parse_iso_date(str(value))
        except WobtrackError as exc:
            self.fail(str(exc), param, ctx)


DATE = DateType()


class WobtrackGroup(LazyGroup):
    """A click group whose errors are always one line on stderr, never a traceback."""

    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
            click.echo(f"Error: {exc.format_message()}{hint}", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"Error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except WobtrackError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Aborted.", err=True)
            sys.exit(1)
        except BrokenPipeError:  # e.g. `wobtrack request list | head`
            sys.exit(0)
        sys.exit(result if isinstance(result, int) else 0)


@dataclass
class App:
    """What every command needs: where the database is and what day it is."""

    db_url: str
    today: date
    _engine: Engine | None = field(default=None, repr=False)

    def engine(self) -> Engine:
        """The engine, created and migrated to the latest schema on first use."""
        if self._engine is None:
            from wobtrack.db import ensure_schema, make_engine

            self._engine = make_engine(self.db_url)
            ensure_schema(self._engine)
        return self._engine

    @contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back on any error.

        ``write=False`` for commands that only read: on SQLite they take no write lock, so
        they run while another process writes (and fail if they try to write).
        """
        from sqlalchemy.orm import Session

        from wobtrack.db import reading

        bind = self.engine() if write else reading(self.engine())
        with Session(bind, expire_on_commit=False) as session, session.begin():
            yield session

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


def echo_json(data: Any) -> None:
    """Print machine-readable output: stable key order, UTF-8, two-space indent."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON (a stable shape).")


@click.group(
    cls=WobtrackGroup,
    lazy_commands=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    "db",
    envvar="WOBTRACK_DB",
    metavar="PATH_OR_URL",
    help="SQLite file or SQLAlchemy URL (postgresql+psycopg://...). Env: WOBTRACK_DB. "
    "Default: wobtrack.db in your user data directory.",
)
@click.option("--today", type=DATE, hidden=True, help="Pretend today is this date (tests, demos).")
@click.version_option(package_name="wobtrack")
@click.pass_context
def cli(ctx: click.Context, db: str | None, today: date | None) -> None:
    """Track Dutch Wob/Woo requests, their decisions and every legal deadline."""
    app = App(db_url=database_url(db), today=today or date.today())
    ctx.obj = app
    ctx.call_on_close(app.close)


pass_app = click.make_pass_decorator(App)
