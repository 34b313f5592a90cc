"""``wobtrack demo``: the main job end to end on the shipped samples, in a throwaway database."""

from __future__ import annotations

import shlex
import tempfile
from datetime import date
from pathlib import Path

import click

from wobtrack.cli.base import DATE, cli
from wobtrack.cli.render import echo
from wobtrack.resources import samples_path

#: The demo's "today": ten days after the sample Woo decision, so its deadlines are open.
DEMO_TODAY = date(2026, 2, 16)


def demo_steps(samples: Path, ics_file: Path) -> list[list[str]]:
    """The commands the demo runs, as a user would type them."""
    return [
        [
            "request", "add",
            "--authority", "Gemeente Lindeburg",
            "--subject", "Parkeerbeleid binnenstad",
            "--sent", "2026-01-10",
            "--received", "2026-01-12",
            "--items-file", str(samples / "woo-verzoek-2026.txt"),
        ],
        ["event", "add", "1", "acknowledged", "2026-01-14"],
        # The letter as the parser reads it, with its annexed inventory's documents.
        ["parse", str(samples / "woo-besluit-2026.pdf")],
        ["decision", "import", "1", str(samples / "woo-besluit-2026.pdf")],
        ["request", "show", "1"],
        [
            "request", "add",
            "--authority", "Burgemeester van Veenhoven",
            "--subject", "Pilot geluidssensoren",
            "--sent", "2021-03-08",
            "--received", "2021-03-09",
            "--items-file", str(samples / "wob-verzoek-2021.txt"),
        ],
        ["decision", "import", "2", str(samples / "wob-besluit-2021.pdf")],
        ["summary", "--referral-only"],
        ["deadlines"],
        ["remind", "--within", "60"],
        ["remind", "--ics", str(ics_file), "--verbose"],
    ]  # fmt: skip


@cli.command("demo")
@click.option(
    "--keep",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep the demo database and calendar in this folder.",
)
@click.option(
    "--demo-today",
    type=DATE,
    default=DEMO_TODAY.isoformat(),
    show_default=True,
    help="The day the demo pretends it is.",
)
def demo(keep: Path | None, demo_today: date) -> None:
    """Run the main job on the samples: log requests, import letters, show deadlines."""
    folder = keep or Path(tempfile.mkdtemp(prefix="wobtrack-demo-"))
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / "demo.db"
    if database.exists():
        raise click.ClickException(f"{database} exists; give --keep an empty folder")
    samples = samples_path()
    echo(f"wobtrack demo — a throwaway database in {folder}, today = {demo_today}\n")
    for args in demo_steps(samples, folder / "wobtrack.ics"):
        shown = [a.replace(str(samples) + "/", "samples/") for a in args]
        click.secho(f"$ wobtrack {shlex.join(shown)}", bold=True)
        full = ["--db", str(database), "--today", demo_today.isoformat(), *args]
        # Run the real command through click, as typed, minus the sys.exit of main().
        click.Group.main(cli, full, prog_name="wobtrack", standalone_mode=False)
        echo()
    echo(f"The calendar file is {folder / 'wobtrack.ics'}; import it into your calendar.")
