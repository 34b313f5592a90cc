"""``request tag``/``request untag`` (a researcher's own labels) and ``search``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import click

from wobtrack import organise, search
from wobtrack.cli.base import ID, TEXT, App, cli, echo_json, json_option, pass_app
from wobtrack.cli.render import echo, render_hits
from wobtrack.cli.tracker import request_group

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _tag_command(
    name: str, change: Callable[[Session, int, Sequence[str]], list[str]], help_text: str
) -> None:
    """``request NAME REQUEST_ID TAGS...``: ``change`` the tags, then say the tags it has."""

    @click.argument("request_id", type=ID)
    @click.argument("tags", type=TEXT, nargs=-1, required=True)
    @pass_app
    def command(app: App, request_id: int, tags: tuple[str, ...]) -> None:
        with app.transaction() as session:
            now = change(session, request_id, tags)
        echo(f"Request {request_id} tags: {', '.join(now) if now else '(none)'}.")

    request_group.command(name, help=help_text)(command)


_tag_command(
    "tag",
    organise.tag_request,
    "Add TAGS to a request (stored in lower case; one it has already is kept once).",
)
_tag_command("untag", organise.untag_request, "Remove TAGS from a request.")


@cli.command("search")
@click.argument("words", type=TEXT, nargs=-1, required=True)
@click.option(
    "--limit", type=click.IntRange(min=1), default=search.DEFAULT_LIMIT, show_default=True
)
@json_option
@pass_app
def search_command(app: App, words: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Find WORDS in requests' subjects and notes, item texts, the letter sentences
    behind each outcome and the decisions' dictum (every word must occur)."""
    with app.transaction(write=False) as session:
        hits = search.search(session, " ".join(words), limit=limit)
    if as_json:
        echo_json([hit.to_json() for hit in hits])
    elif not hits:
        echo("Nothing found.")
    else:
        echo(render_hits([hit.to_json() for hit in hits]))
