"""``request tag`` and ``request untag``: a researcher's own labels on requests."""

from __future__ import annotations

import click

from wobtrack import organise
from wobtrack.cli.base import App, pass_app
from wobtrack.cli.tracker import request_group


def _say_tags(request_id: int, tags: list[str]) -> None:
    click.echo(f"Request {request_id} tags: {', '.join(tags) if tags else '(none)'}.")


@request_group.command("tag")
@click.argument("request_id", type=int)
@click.argument("tags", nargs=-1, required=True)
@pass_app
def request_tag(app: App, request_id: int, tags: tuple[str, ...]) -> None:
    """Add TAGS to a request (stored in lower case; one it has already is kept once)."""
    with app.transaction() as session:
        now = organise.tag_request(session, request_id, tags)
    _say_tags(request_id, now)


@request_group.command("untag")
@click.argument("request_id", type=int)
@click.argument("tags", nargs=-1, required=True)
@pass_app
def request_untag(app: App, request_id: int, tags: tuple[str, ...]) -> None:
    """Remove TAGS from a request."""
    with app.transaction() as session:
        now = organise.untag_request(session, request_id, tags)
    _say_tags(request_id, now)
