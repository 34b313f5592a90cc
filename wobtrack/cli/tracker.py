"""Commands that log requests, items and events, and manage the database."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Unpack

import click

from wobtrack import db as database
from wobtrack import organise, serialize, tracker
from wobtrack.cli.base import (
    DATE,
    ID,
    TEXT,
    App,
    TextType,
    cli,
    column_length,
    confirm_deletion,
    echo_json,
    echo_rows,
    json_option,
    pass_app,
    yes_option,
)
from wobtrack.cli.render import echo, render_request, render_request_table
from wobtrack.contracts import RequestRowJSON
from wobtrack.deadlines.status import STATES
from wobtrack.documents import request_documents
from wobtrack.models import Authority, Request, RequestItem
from wobtrack.vocab import REGIMES

#: Typed text for columns of a limited length: checked before anything is written.
AUTHORITY_NAME = TextType(column_length(Authority.name))
REFERENCE = TextType(column_length(Request.reference))
ITEM_NUMBER = TextType(column_length(RequestItem.number))


@cli.group("request")
def request_group() -> None:
    """Log, list, show, edit and delete requests."""


@request_group.command("add")
@click.option(
    "--authority", "-a", type=AUTHORITY_NAME, required=True, help="The authority, e.g. 'Politie'."
)
@click.option("--subject", "-s", type=TEXT, required=True, help="What the request is about.")
@click.option("--regime", type=click.Choice(REGIMES), help="Default: from the receipt date.")
@click.option("--sent", type=DATE, help="Date you sent the request.")
@click.option("--received", type=DATE, help="Date the authority received it.")
@click.option("--reference", type=REFERENCE, help="The authority's reference (kenmerk).")
@click.option("--notes", type=TEXT, help="Free notes.")
@click.option(
    "--item", "item_texts", type=TEXT, multiple=True, help="An item's text; repeat for more."
)
@click.option(
    "--items-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The request text: numbered lines (1., 2), a., (b)) become items.",
)
@click.option("--bezwaar-committee", is_flag=True, help="Bezwaar goes to an advisory committee.")
@click.option("--tag", "tags", multiple=True, help="A label of your own; repeat for more.")
@json_option
@pass_app
def request_add(
    app: App,
    item_texts: tuple[str, ...],
    items_file: Path | None,
    as_json: bool,
    **fields: Unpack[tracker.RequestFields],
) -> None:
    """Log a new request with its numbered items."""
    items = tracker.read_items_file(items_file) if items_file else []
    items += tracker.number_items(list(item_texts), start=len(items) + 1)
    with app.transaction() as session:
        request = tracker.add_request(session, today=app.today, items=items, **fields)
        data = serialize.request_json(request, app.today)
    if as_json:
        echo_json(data)
    else:
        echo(
            f"Logged request {data['id']} to {data['authority']} "
            f"({data['regime']}, {len(data['items'])} items)."
        )


@request_group.command("list")
@click.option("--tag", "tags", multiple=True, help="Only requests with this tag; repeatable.")
@click.option("--authority", help="Only authorities whose name contains this (any case/accent).")
@click.option("--state", type=click.Choice(STATES), help="Only requests in this state today.")
@click.option("--regime", type=click.Choice(REGIMES), help="Only Wob or only Woo requests.")
@json_option
@pass_app
def request_list(
    app: App,
    tags: tuple[str, ...],
    authority: str | None,
    state: str | None,
    regime: str | None,
    as_json: bool,
) -> None:
    """List requests (all, or those matching every filter given)."""
    wanted = organise.RequestFilter(tags, authority, state, regime)
    with app.transaction(write=False) as session:
        rows: list[RequestRowJSON] = [
            {**serialize.overview_json(r.overview, app.today), "tags": list(r.tags)}
            for r in organise.list_requests(session, wanted, app.today)
        ]
    filtered = tags or authority or state or regime
    empty = (
        "No request matches."
        if filtered
        else "No requests yet. Log one with `wobtrack request add`."
    )
    echo_rows(rows, as_json, render_request_table, empty)


@request_group.command("show")
@click.argument("request_id", type=ID)
@json_option
@pass_app
def request_show(app: App, request_id: int, as_json: bool) -> None:
    """Show a request: items, timeline, decisions and their inventory documents."""
    with app.transaction(write=False) as session:
        data = serialize.request_json(tracker.get_request(session, request_id), app.today)
        data["documents"] = request_documents(session, request_id).to_json()
    if as_json:
        echo_json(data)
    else:
        echo(render_request(data))


@request_group.command("edit")
@click.argument("request_id", type=ID)
@click.option("--authority", "-a", type=AUTHORITY_NAME)
@click.option("--subject", "-s", type=TEXT)
@click.option("--regime", type=click.Choice(REGIMES))
@click.option("--sent", type=DATE)
@click.option("--received", type=DATE)
@click.option("--reference", type=REFERENCE)
@click.option("--notes", type=TEXT)
@click.option("--bezwaar-committee/--no-bezwaar-committee", default=None)
@pass_app
def request_edit(app: App, request_id: int, **changes: Unpack[tracker.RequestChanges]) -> None:
    """Change fields of a request."""
    with app.transaction() as session:
        tracker.edit_request(session, request_id, today=app.today, **changes)
    echo(f"Updated request {request_id}.")


@request_group.command("delete")
@click.argument("request_id", type=ID)
@yes_option
@pass_app
def request_delete(app: App, request_id: int, yes: bool) -> None:
    """Delete a request with its items, events and decisions."""
    with app.transaction() as session:
        request = tracker.get_request(session, request_id)
        confirm_deletion(
            yes,
            lambda: (
                f"Delete request {request_id} ({request.subject!r}, "
                f"{len(request.items)} items, {len(request.events)} events, "
                f"{len(request.decisions)} decisions)?"
            ),
        )
        tracker.delete_request(session, request_id)
    echo(f"Deleted request {request_id}.")


@cli.group("item")
def item_group() -> None:
    """Add, edit and delete the numbered items of a request."""


@item_group.command("add")
@click.argument("request_id", type=ID)
@click.argument("text", type=TEXT)
@click.option(
    "--number", "-n", type=ITEM_NUMBER, help="The item's number ('3b'); default: the next integer."
)
@pass_app
def item_add(app: App, request_id: int, text: str, number: str | None) -> None:
    """Add an item to a request."""
    with app.transaction() as session:
        item = tracker.add_item(session, request_id, text, number=number)
    echo(f"Added item {item.number} to request {request_id}.")


@cli.group("event")
def event_group() -> None:
    """Record the dated steps of a request's timeline."""


@event_group.command("add")
@click.argument("request_id", type=ID)
@click.argument("kind", metavar="KIND")
@click.argument("on", metavar="DATE", type=DATE)
@click.option("--note", type=TEXT, help="What happened, in a few words.")
@pass_app
def event_add(app: App, request_id: int, kind: str, on: date, note: str | None) -> None:
    """Record an event. KIND is one of: sent, received, acknowledged,
    precisering-requested, precisering-given, zienswijze-started, zienswijze-ended,
    suspended, resumed, extended (date = notice of verdaging), decision,
    ingebrekestelling-sent, bezwaar-filed, bezwaar-extended, acoi-complaint-sent,
    acoi-advice, bezwaar-decided, forwarded, withdrawn, note."""
    with app.transaction() as session:
        result = tracker.add_event(session, request_id, kind, on, note=note, today=app.today)
    if result.event is None:
        echo(f"Set the {kind} date of request {request_id} to {on.isoformat()}.")
    else:
        echo(f"Recorded event {result.event.id} ({result.event.kind}) on {on.isoformat()}.")


@event_group.command("delete")
@click.argument("event_id", type=ID)
@pass_app
def event_delete(app: App, event_id: int) -> None:
    """Delete an event recorded by mistake."""
    with app.transaction() as session:
        event = tracker.delete_event(session, event_id)
    echo(f"Deleted event {event_id} ({event.kind}).")


@cli.group("db")
def db_group() -> None:
    """Manage the database schema yourself (wobtrack also migrates on first use)."""


@db_group.command("upgrade")
@click.option("--revision", default="head", show_default=True)
@pass_app
def db_upgrade(app: App, revision: str) -> None:
    """Migrate the database to the newest (or a given) schema revision."""
    engine = database.make_engine(app.db_url)
    try:
        database.upgrade(engine, revision)
        echo(f"Database at revision {database.current_revision(engine)}.")
    finally:
        engine.dispose()


@db_group.command("current")
@pass_app
def db_current(app: App) -> None:
    """Show the database's schema revision and the newest one."""
    engine = database.make_engine(app.db_url)
    try:
        current = database.current_revision(engine)
    finally:
        engine.dispose()
    head = database.head_revision()
    if current is not None and not database.is_known_revision(current):
        state = f"made by a newer wobtrack; this one knows up to {head}"
    else:
        state = "up to date" if current == head else f"newest is {head}"
    echo(f"{current or 'empty'} ({state}) — {app.db_url}")
