"""``wobtrack export`` and ``wobtrack import-json``: take the data elsewhere and back."""

from __future__ import annotations

from pathlib import Path

import click

from wobtrack import exchange, flat
from wobtrack.cli.base import App, cli, pass_app
from wobtrack.cli.render import echo


@cli.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(exchange.EXPORT_FORMATS),
    default="json",
    show_default=True,
    help="json: one lossless document; csv: one file per table (with --flat: one file).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="Folder to write into (created if missing); JSON goes to stdout without it.",
)
@click.option(
    "--flat",
    "flat_rows",
    type=click.Choice(flat.ROW_KINDS),
    is_flag=False,
    flag_value="items",
    default=None,
    help="One row per item (default) or per inventory document, for analysis.",
)
@click.option("--bom", is_flag=True, help="Start flat CSV with a UTF-8 BOM (for spreadsheets).")
@pass_app
def export(app: App, fmt: str, out_dir: Path | None, flat_rows: str | None, bom: bool) -> None:
    """Export everything: authorities, requests, items, events, decisions, outcomes,
    corrections and the computed deadlines (see docs/export-format.md). With --flat, one
    row per item (or per document) joined with its request, for analysis instead."""
    if flat_rows is not None:
        _export_flat(app, flat_rows, fmt, out_dir, bom)
        return
    if bom:
        raise click.UsageError("--bom is for the flat CSV export (--flat --format csv)")
    if fmt == "csv":
        if out_dir is None:
            raise click.UsageError(
                "--format csv writes one file per table: give a folder with --out"
            )
        # Each table is written while it is read: memory stays flat as the tracker grows.
        with app.transaction(write=False) as session:
            written = exchange.write_csv_export(session, app.today, out_dir)
    else:
        # JSON is written while it is read: memory stays flat however large the tracker grows.
        with app.transaction(write=False) as session:
            pieces = exchange.export_json_pieces(session, app.today)
            if out_dir is None:
                for piece in pieces:
                    echo(piece, nl=False)
                echo()
                return
            written = [exchange.write_json_export(pieces, out_dir)]
    echo(f"Wrote {len(written)} file{'s' if len(written) != 1 else ''} to {out_dir}:")
    for path in written:
        echo(f"  {path.name}")


def _export_flat(app: App, kind: str, fmt: str, out_dir: Path | None, bom: bool) -> None:
    with app.transaction(write=False) as session:
        rows = flat.flat_rows(session, kind)
    text = flat.render(rows, kind, fmt, bom=bom)
    if out_dir is None:
        click.echo(text, nl=False)
        return
    path = exchange.write_file(out_dir, f"flat-{kind}.{fmt}", text)
    echo(f"Wrote {len(rows)} rows to {path}.")


@cli.command("import-json")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_app
def import_json(app: App, file: Path) -> None:
    """Load a JSON export into an empty database, keeping every id and column."""
    # The file is read and checked before the database is opened, so a bad file leaves no
    # trace (not even a newly created database).
    data = exchange.read_export(file)
    with app.transaction() as session:
        counts = exchange.import_export(session, data)
    summary = ", ".join(f"{key.replace('_', ' ')} {count}" for key, count in counts.items())
    echo(f"Imported {file.name} (exported {data.exported_at_today}): {summary}.")
