"""``wobtrack import``: many decision letters in one go."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from wobtrack import intake
from wobtrack.cli.base import ID, App, cli, echo_json, json_option, pass_app
from wobtrack.cli.render import echo


def render_report(report: intake.IntakeReport) -> str:
    """One line per file (outcome, file name, what happened), then the counts; an outcome
    whose letters have items to check says how many ("created 2 (1 item needs review)")."""
    width = max(len(outcome) for outcome in intake.OUTCOMES)
    lines = [f"{f.outcome:<{width}}  {Path(f.file).name}: {f.message}" for f in report.files]
    counts, to_review = report.counts(), report.items_to_review()
    lines.append(
        ", ".join(
            f"{outcome} {counts[outcome]}"
            + (f" ({intake.items_need_review(to_review[outcome])})" if to_review[outcome] else "")
            for outcome in intake.OUTCOMES
        )
        + "."
    )
    return "\n".join(lines)


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--request", "request_id", type=ID, help="Attach the letters to this request.")
@click.option(
    "--authority",
    help="The authority of letters that do not name theirs (their own name wins).",
)
@click.option("--tag", "tags", multiple=True, help="Tag the requests the letters go to.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Parallel parsers (default: CPUs).")
@click.option("--no-cache", is_flag=True, help="Do not use the text-extraction cache.")
@click.option("--ocr", is_flag=True, help="Read scanned pages by OCR (see `parse --ocr`).")
@json_option
@pass_app
def import_letters(
    app: App,
    paths: tuple[Path, ...],
    request_id: int | None,
    authority: str | None,
    tags: tuple[str, ...],
    jobs: int | None,
    no_cache: bool,
    ocr: bool,
    as_json: bool,
) -> None:
    """Import decision letters (PDFs, or folders of them): each letter becomes a request
    with its decision, or joins the request its kenmerk (or --request) names; an inventory
    list beside its letter (file name starting with the letter's) is attached to it.

    Importing a file again changes nothing, so an interrupted run is resumed by running it
    again. Each file is stored in a transaction of its own. Exit status 1 if a file was
    refused."""
    options = intake.IntakeOptions(
        request_id=request_id,
        authority=authority,
        tags=tags,
        jobs=jobs or intake.default_jobs(),
        use_cache=not no_cache,
        ocr=ocr,
    )
    files = intake.collect_files(list(paths))
    if len(files) < 2 or not sys.stderr.isatty():
        # A progress bar only when a person is watching it (as `parse` does).
        report = intake.import_letters(files, app.transaction, options, today=app.today)
    else:
        with click.progressbar(length=len(files), label="Importing", file=sys.stderr) as bar:
            tick: Callable[[], None] = lambda: bar.update(1)  # noqa: E731
            report = intake.import_letters(
                files, app.transaction, options, today=app.today, progress=tick
            )
    if as_json:
        echo_json(report.to_json())
    else:
        echo(render_report(report))
    sys.exit(report.exit_status)
