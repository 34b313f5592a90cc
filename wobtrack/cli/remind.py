"""``wobtrack remind``: the deadlines that need action soon, or all of them as a calendar.

Made for cron: the exit status is 0 and nothing is printed when nothing is due (``-v`` says
so instead). ``--ics FILE`` writes an iCalendar file of every open deadline of every request,
and of every deadline closed in the last 60 days as a cancelled event (see
:mod:`wobtrack.reminders.ics`); ``--ics -`` writes it to stdout.

``--json`` prints a list, soonest first (empty when nothing is due), of objects with exactly
these keys::

    request_id   int          the request
    authority    str          the authority's name
    subject      str          the request's subject
    reference    str | null   the authority's kenmerk of the request
    key          str          decision_due, decision_extended_due, ingebrekestelling_from,
                              beroep_niet_tijdig_from, bezwaar_end, bezwaar_post_receipt,
                              bezwaar_decision_due or beroep_end
    title        str          a short heading for the key, e.g. "Bezwaar term ends"
    due          str          YYYY-MM-DD
    days_left    int          days from today to due; negative for a step the requester
                              may take since that day (e.g. ingebrekestelling_from)
    decision_id  int | null   the decision a remedy is against, when imported
    action       str          what to do, in one line
    warnings     list[str]    caveats of the computation ([U]: unsettled law)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from wobtrack.cli.base import App, cli, echo_json, json_option, pass_app
from wobtrack.cli.render import echo
from wobtrack.errors import WobtrackError
from wobtrack.overview import data_warnings
from wobtrack.remind import calendar_file, collect_reminders, write_atomically
from wobtrack.reminders import DEFAULT_WITHIN_DAYS, Reminder
from wobtrack.reminders.ics import DEFAULT_ALARM_DAYS, parse_alarm_days

_SUBJECT_WIDTH = 40


class AlarmDays(click.ParamType[tuple[int, ...]]):
    """Comma-separated whole days before a deadline: "7,2,0"."""

    name = "DAYS"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[int, ...]:
        if isinstance(value, tuple):
            return value
        try:
            return parse_alarm_days(str(value))
        except WobtrackError as exc:
            self.fail(str(exc), param, ctx)


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def _when(days_left: int) -> str:
    if days_left < 0:
        return "now"  # a step the requester may take since an earlier day
    if days_left == 0:
        return "today"
    return "tomorrow" if days_left == 1 else f"in {days_left} days"


def _line(reminder: Reminder, width: int) -> str:
    info = reminder.request
    subject = " ".join(info.subject.split())
    if len(subject) > _SUBJECT_WIDTH:
        subject = subject[: _SUBJECT_WIDTH - 1] + "…"
    when = _when(reminder.deadline.days_left).ljust(width)
    return f"{when}  #{info.request_id} {subject} ({info.authority}): {reminder.action}"


def render_reminders(reminders: list[Reminder]) -> str:
    """One line per reminder: when, which request, what to do."""
    width = max(len(_when(r.deadline.days_left)) for r in reminders)
    lines: list[str] = []
    for reminder in reminders:
        lines.append(_line(reminder, width))
        for warning in data_warnings(reminder.deadline.warnings):
            # Dates that rest on doubtful data: ask for the real dates in the reminder itself.
            lines.append(f"  ! {warning}")
    return "\n".join(lines)


@cli.command("remind")
@click.option(
    "--within",
    "within_days",
    type=click.IntRange(min=0),
    metavar="DAYS",
    help=f"Look this many days ahead (default {DEFAULT_WITHIN_DAYS}).",
)
@json_option
@click.option(
    "--verbose", "-v", is_flag=True, help="Say so when nothing is due; report the file written."
)
@click.option(
    "--ics",
    "ics_path",
    metavar="FILE",
    help="Write every open deadline as an iCalendar file ('-': stdout) instead.",
)
@click.option(
    "--alarm-days",
    type=AlarmDays(),
    metavar="DAYS",
    help="With --ics: alarms this many days before each deadline (default "
    f"{','.join(map(str, DEFAULT_ALARM_DAYS))}).",
)
@pass_app
def remind(
    app: App,
    within_days: int | None,
    as_json: bool,
    verbose: bool,
    ics_path: str | None,
    alarm_days: tuple[int, ...] | None,
) -> None:
    """List the deadlines that need action soon, each with what to do (silent if none)."""
    if ics_path is None:
        if alarm_days is not None:
            raise click.UsageError("--alarm-days only applies with --ics FILE")
        within = DEFAULT_WITHIN_DAYS if within_days is None else within_days
        with app.transaction(write=False) as session:
            reminders = collect_reminders(session, app.today, within)
        if as_json:
            echo_json([reminder.to_json() for reminder in reminders])
        elif reminders:
            echo(render_reminders(reminders))
        elif verbose:
            echo(f"Nothing due within {_days(within)}.")
        return

    if within_days is not None or as_json:
        raise click.UsageError("--ics exports every open deadline: drop --within and --json")
    days = DEFAULT_ALARM_DAYS if alarm_days is None else alarm_days
    with app.transaction(write=False) as session:
        calendar = calendar_file(session, app.today, days)
    if ics_path == "-":
        click.echo(calendar.data, nl=False)  # bytes go to the binary stream: CRLF stays CRLF
        return
    write_atomically(Path(ics_path), calendar.data)
    if verbose:
        count = calendar.events  # open deadlines; cancelled events are not counted
        echo(f"Wrote {count} event{'' if count == 1 else 's'} to {ics_path}.")
