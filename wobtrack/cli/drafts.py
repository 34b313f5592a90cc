"""``wobtrack draft``: letters to send (ingebrekestelling, bezwaarschrift), in Dutch."""

from __future__ import annotations

from pathlib import Path

import click

from wobtrack import drafts
from wobtrack.cli.base import ID, App, cli, pass_app
from wobtrack.cli.render import echo
from wobtrack.files import write_file_atomically


@cli.group("draft")
def draft_group() -> None:
    """Draft letters to the authority (in Dutch), ready to complete and sign."""


format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(drafts.FORMATS),
    default="markdown",
    show_default=True,
    help="Markdown, or plain text to paste into a letter.",
)
out_option = click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the draft to this file instead of stdout (an existing file is not overwritten).",
)


def _emit(draft: drafts.Draft, out: Path | None) -> None:
    """The letter on stdout or in OUT; notes and warnings on stderr, never in the letter."""
    if out is None:
        echo(draft.text, nl=False)
    else:
        # overwrite=False: a draft the user has already edited is never overwritten; and a
        # device or FIFO given as OUT is refused, not written into.
        write_file_atomically(out, draft.text.encode("utf-8"), overwrite=False)
        echo(f"Wrote the {draft.kind} draft to {out}.", err=True)
    for warning in draft.warnings:
        echo(f"Warning: {warning}", err=True)
    if draft.kind == "ingebrekestelling":
        # The bezwaar draft carries its notes in a block of its own; this letter stays clean.
        for note in draft.notes:
            echo(f"Note: {note}", err=True)


@draft_group.command("ingebrekestelling")
@click.argument("request_id", type=ID)
@format_option
@out_option
@pass_app
def draft_ingebrekestelling(app: App, request_id: int, fmt: str, out: Path | None) -> None:
    """Draft the notice of default for a request whose decision term has passed."""
    with app.transaction(write=False) as session:
        draft = drafts.draft_ingebrekestelling(session, request_id, app.today, fmt=fmt)
    _emit(draft, out)


@draft_group.command("bezwaar")
@click.argument("request_id", type=ID)
@click.option(
    "--decision",
    "decision_id",
    type=ID,
    metavar="ID",
    help="The decision to object to; default: the request's latest besluit or deelbesluit.",
)
@format_option
@out_option
@pass_app
def draft_bezwaar(
    app: App, request_id: int, decision_id: int | None, fmt: str, out: Path | None
) -> None:
    """Draft a bezwaarschrift against a decision, with grounds pre-filled per item."""
    with app.transaction(write=False) as session:
        draft = drafts.draft_bezwaar(
            session, request_id, app.today, decision_id=decision_id, fmt=fmt
        )
    _emit(draft, out)
