"""``wobtrack deadlines``: every open deadline across all requests."""

from __future__ import annotations

import click

from wobtrack.cli.base import App, cli, echo_rows, json_option, pass_app
from wobtrack.cli.render import render_open_deadlines
from wobtrack.remind import collect_reminders


@cli.command("deadlines")
@click.option(
    "--within",
    "within_days",
    type=click.IntRange(min=0),
    metavar="DAYS",
    help="Only deadlines at most this many days away.",
)
@json_option
@pass_app
def deadlines(app: App, within_days: int | None, as_json: bool) -> None:
    """List every open deadline, soonest first, with what to do."""
    with app.transaction(write=False) as session:
        rows = [r.deadline_json() for r in collect_reminders(session, app.today, within_days)]
    echo_rows(rows, as_json, render_open_deadlines, "No open deadlines.")
