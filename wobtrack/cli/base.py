"""The click group, the per-invocation App object and shared option types.

Commands are thin: parse arguments, open one transaction with ``app.transaction()``
(``write=False`` when they only read), call one library function, render. Every
WobtrackError becomes a one-line message on stderr and a non-zero exit status.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import click

from wobtrack.cli.commands import COMMANDS
from wobtrack.cli.lazy import LazyGroup
from wobtrack.dates import far_from_today, parse_iso_date
from wobtrack.dburl import database_url
from wobtrack.errors import WobtrackError
from wobtrack.safetext import check_text, escape_json_controls, strip_terminal_controls

Row = TypeVar("Row")

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session


def _param_name(param: click.Parameter | None) -> str:
    if param is None:
        return "value"
    if isinstance(param, click.Option) and param.opts:
        return max(param.opts, key=len)
    return param.metavar or (param.name or "value").upper()


class DateType(click.ParamType[date]):
    """A strict YYYY-MM-DD date within ``dates.EARLIEST_DATE``..``LATEST_DATE``.

    A date far from today (the ``--today`` of the invocation) is accepted with a warning on
    stderr: it is more likely a typo than a request from long ago or far ahead.
    """

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            day = parse_iso_date(str(value))
        except WobtrackError as exc:
            self.fail(str(exc), param, ctx)
        app = ctx.find_object(App) if ctx is not None else None
        if app is not None:
            warning = far_from_today(day, app.today, _param_name(param))
            if warning is not None:
                click.echo(f"Warning: {warning}; check the year.", err=True)
        return day


DATE = DateType()

#: The largest id a command accepts: ids are INTEGER columns, 32 bits on PostgreSQL (SQLite
#: would take up to 2**63 - 1, but an id beyond this can then never be exported and imported
#: into PostgreSQL, and import-json refuses it).
MAX_ID = 2**31 - 1


class IdType(click.ParamType[int]):
    """The id of a stored row: a whole number from 1 to ``MAX_ID``."""

    name = "ID"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            text = str(value).strip()
            if not text.isascii() or not text.isdigit():
                self.fail(
                    f"{strip_terminal_controls(repr(value))} is not an id (a whole number)",
                    param,
                    ctx,
                )
            number = int(text)
        if not 1 <= number <= MAX_ID:
            self.fail(f"{number} is not an id: ids run from 1 to {MAX_ID}", param, ctx)
        return number


ID = IdType()


class TextType(click.ParamType[str]):
    """Text typed by the user: no control characters, at most ``max_length`` characters
    (the length of the column it is stored in; PostgreSQL refuses longer values)."""

    name = "TEXT"

    def __init__(self, max_length: int | None = None) -> None:
        self.max_length = max_length

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            return check_text(str(value), "the text", self.max_length)
        except WobtrackError as exc:
            self.fail(str(exc), param, ctx)


TEXT = TextType()


def column_length(attribute: Any) -> int | None:
    """The declared length of a model's String column (None for unbounded Text)."""
    return getattr(attribute.property.columns[0].type, "length", None)


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
            click.echo(_one_line(f"Error: {exc.format_message()}{hint}"), err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(_one_line(f"Error: {exc.format_message()}"), err=True)
            sys.exit(exc.exit_code)
        except WobtrackError as exc:
            click.echo(_one_line(f"Error: {exc}"), err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Aborted.", err=True)
            sys.exit(1)
        except BrokenPipeError:  # e.g. `wobtrack request list | head`
            sys.exit(0)
        sys.exit(result if isinstance(result, int) else 0)


def _one_line(message: str) -> str:
    # An error names what the user gave (a file name, a value from a PDF): one line, and
    # nothing in it that a terminal would execute.
    return " ".join(strip_terminal_controls(message).split())


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
        from sqlalchemy.exc import DatabaseError, DataError
        from sqlalchemy.orm import Session

        from wobtrack.db import reading

        bind = self.engine() if write else reading(self.engine())
        try:
            with Session(bind, expire_on_commit=False) as session, session.begin():
                yield session
        except DataError as exc:
            # A value the database refuses (too long, out of range) that the checks at the
            # edge did not catch: still one line, and the transaction is rolled back.
            detail = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
            raise WobtrackError(
                f"the database refused a value (nothing was saved): {detail}"
            ) from None
        except DatabaseError as exc:
            if type(exc) is not DatabaseError:  # integrity, locking: not damage
                raise
            # SQLite finds some damage only when it reads the damaged page.
            raise WobtrackError(
                f"the database is damaged ({exc.orig}): restore it from a backup"
            ) from None

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


def echo_json(data: Any) -> None:
    """Print machine-readable output: stable key order, UTF-8, two-space indent.

    json.dumps escapes C0 controls; DEL and the C1 controls (U+0080-U+009F, which some
    terminals execute) are escaped here too, so the output stays valid and inert JSON.
    """
    click.echo(escape_json_controls(json.dumps(data, indent=2, ensure_ascii=False)))


def echo_rows(
    rows: Sequence[Row], as_json: bool, render: Callable[[Sequence[Row]], str], empty: str
) -> None:
    """A listing: its JSON (``[]`` when empty), else the rendered rows, else ``empty``."""
    from wobtrack.cli.render import echo

    if as_json:
        echo_json(rows)
    elif rows:
        echo(render(rows))
    else:
        echo(empty)


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON (a stable shape).")
#: The ``--yes`` of every command that deletes.
yes_option = click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")


def confirm_deletion(yes: bool, question: Callable[[], str]) -> None:
    """Ask ``question()`` on stderr before deleting, unless ``--yes``; "no" aborts (exit 1).

    ``question`` is only called when it is asked (it may read the database)."""
    if not yes:
        click.confirm(question(), abort=True, err=True)


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
