"""``wobtrack report --html FILE``: the whole tracker as one page to look at."""

from __future__ import annotations

from pathlib import Path

import click

from wobtrack.cli.base import App, cli, pass_app
from wobtrack.files import write_file_atomically


@cli.command("report")
@click.option(
    "--html",
    "html_file",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the report to this HTML file (self-contained: opens offline, mails as one file).",
)
@click.option("--title", default="wobtrack report", show_default=True, help="The page's heading.")
@pass_app
def report(app: App, html_file: Path, title: str) -> None:
    """Write an HTML report: states, deadlines calendar, timeliness, outcomes, grounds."""
    # Imported here: the report's libraries are an optional extra.
    from wobtrack.htmlreport import render_report, report_data

    with app.transaction(write=False) as session:
        data = report_data(session, app.today)
    page = render_report(data, app.today, title=title)
    # Only a regular file, replaced atomically: a FIFO or device path is refused.
    write_file_atomically(html_file, page.encode("utf-8"))
    requests = len(data["requests"])
    authorities = len(data["summary"]["authorities"])
    deadlines = len(data["deadlines"])
    click.echo(
        f"Wrote {html_file}: {requests} request{'' if requests == 1 else 's'}, "
        f"{authorities} authorit{'y' if authorities == 1 else 'ies'}, "
        f"{deadlines} open deadline{'' if deadlines == 1 else 's'}."
    )
