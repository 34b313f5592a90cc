"""``request tag``/``request untag`` (a researcher's own labels) and ``search``."""

from __future__ import annotations

import click

from wobtrack import organise, search
from wobtrack.cli.base import ID, TEXT, App, cli, echo_json, json_option, pass_app
from wobtrack.cli.render import echo, render_hits
from wobtrack.cli.tracker import request_group


def _say_tags(request_id: int, tags: list[str]) -> None:
    echo(f"Request {request_id} tags: {', '.join(tags) if tags else '(none)'}.")


@request_group.command("tag")
@click.argument("request_id", type=ID)
@click.argument("tags", type=TEXT, nargs=-1, required=True)
@pass_app
def request_tag(app: App, request_id: int, tags: tuple[str, ...]) -> None:
    """Add TAGS to a request (stored in lower case; one it has already is kept once)."""
    with app.transaction() as session:
        now = organise.tag_request(session, request_id, tags)
    _say_tags(request_id, now)


@request_group.command("untag")
@click.argument("request_id", type=ID)
@click.argument("tags", type=TEXT, nargs=-1, required=True)
@pass_app
def request_untag(app: App, request_id: int, tags: tuple[str, ...]) -> None:
    """Remove TAGS from a request."""
    with app.transaction() as session:
        now = organise.untag_request(session, request_id, tags)
    _say_tags(request_id, now)


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
