"""Commands that correct an import or a mistake: decisions, items and outcome corrections."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

import click

from wobtrack import corrections
from wobtrack.cli.base import (
    ID,
    TEXT,
    App,
    confirm_deletion,
    echo_json,
    echo_rows,
    json_option,
    pass_app,
    yes_option,
)
from wobtrack.cli.decisions import decision_group, outcome_group
from wobtrack.cli.render import echo, render_documents, render_outcomes, table
from wobtrack.cli.tracker import item_group
from wobtrack.contracts import DecisionRowJSON

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

FC = TypeVar("FC", bound=Callable[..., object])


def request_item_arguments(name: str) -> Callable[[FC], FC]:
    """The arguments REQUEST_ID and an item's number (NAME) of the item commands."""

    def add(command: FC) -> FC:
        return click.argument("request_id", type=ID)(click.argument(name, type=TEXT)(command))

    return add


def _render_decision_rows(rows: Sequence[DecisionRowJSON]) -> str:
    return table(
        ["ID", "REQUEST", "KIND", "DATE", "ITEMS", "WARNINGS", "FILE"],
        [
            [
                str(r["id"]),
                str(r["request_id"]),
                r["kind"],
                r["decision_date"] or "-",
                str(r["item_count"]),
                str(len(r["warnings"])),
                r["file"] or "-",
            ]
            for r in rows
        ],
    )


@decision_group.command("list")
@click.argument("request_id", type=ID, required=False)
@json_option
@pass_app
def decision_list(app: App, request_id: int | None, as_json: bool) -> None:
    """List the imported decisions (of REQUEST_ID, or of every request)."""
    with app.transaction(write=False) as session:
        rows = [
            corrections.decision_row_json(d)
            for d in corrections.list_decisions(session, request_id)
        ]
    empty = "No decisions yet. Import one with `wobtrack decision import REQUEST LETTER`."
    echo_rows(rows, as_json, _render_decision_rows, empty)


@decision_group.command("show")
@click.argument("decision_id", type=ID)
@json_option
@pass_app
def decision_show(app: App, decision_id: int, as_json: bool) -> None:
    """Show a decision: its dates, warnings, events, the parser's outcome per item and the
    documents of its inventory list."""
    with app.transaction(write=False) as session:
        data = corrections.decision_details(session, decision_id)
    if as_json:
        echo_json(data)
        return
    lines = [
        f"Decision {data['id']} of request {data['request_id']}: {data['kind']} "
        f"{data['file'] or ''}".rstrip(),
        f"  Date:         {data['decision_date'] or '-'}",
        f"  Bekendmaking: {data['bekendmaking'] or '-'}",
        f"  Reference:    {data['reference'] or '-'}",
    ]
    lines += [f"  Event {e['id']}: {e['kind']} {e['date']}" for e in data["events"]]
    lines += [f"  ! {warning}" for warning in data["warnings"]]
    echo("\n".join(lines))
    if data["items"]:
        echo(render_outcomes(data["items"]))
    if data["documents"]:
        echo(render_documents(data["documents"]))


def _question(
    session: Session, *, decision_id: int | None = None, item: tuple[int, str] = (0, "")
) -> str:
    """What ``decision delete`` (``decision_id``) or ``item delete`` (``item``) asks."""
    if decision_id is not None:
        data = corrections.decision_details(session, decision_id)
        return (
            f"Delete decision {decision_id} ({data['file'] or data['kind']}) of request "
            f"{data['request_id']}, with {len(data['items'])} item outcomes?"
        )
    found = corrections.get_item(session, *item)
    return (
        f"Delete item {found.number} of request {item[0]} ({len(found.outcomes)} "
        f"outcomes, {len(found.corrections)} corrections)?"
    )


@decision_group.command("delete")
@click.argument("decision_id", type=ID)
@yes_option
@pass_app
def decision_delete(app: App, decision_id: int, yes: bool) -> None:
    """Delete a decision with its outcomes, its events and the items only it added."""

    with app.transaction() as session:
        confirm_deletion(yes, lambda: _question(session, decision_id=decision_id))
        deleted = corrections.delete_decision(session, decision_id)
    echo(
        f"Deleted decision {decision_id} of request {deleted.request_id} "
        f"and {deleted.events} event(s) it recorded."
    )
    if deleted.items:
        echo(f"Removed the items it had added: {', '.join(deleted.items)}.")


@item_group.command("edit")
@request_item_arguments("number")
@click.option("--text", type=TEXT, required=True, help="The item's new text.")
@pass_app
def item_edit(app: App, request_id: int, number: str, text: str) -> None:
    """Change the text of item NUMBER of a request."""
    with app.transaction() as session:
        item = corrections.edit_item(session, request_id, number, text)
    echo(f"Updated item {item.number} of request {request_id}.")


@item_group.command("delete")
@request_item_arguments("number")
@yes_option
@pass_app
def item_delete(app: App, request_id: int, number: str, yes: bool) -> None:
    """Delete item NUMBER of a request, with its outcomes and corrections."""
    with app.transaction() as session:
        confirm_deletion(yes, lambda: _question(session, item=(request_id, number)))
        item = corrections.delete_item(session, request_id, number)
    echo(f"Deleted item {item.number} of request {request_id}.")


@outcome_group.command("reset")
@request_item_arguments("item")
@json_option
@pass_app
def outcome_reset(app: App, request_id: int, item: str, as_json: bool) -> None:
    """Drop your corrections of ITEM: the parser's outcome counts again."""
    with app.transaction() as session:
        result = corrections.reset_outcome(session, request_id, item)
        data = result.final.to_json()
    if as_json:
        echo_json(data)
        return
    outcomes = ", ".join(data["outcomes"]) or "no outcome yet"
    echo(
        f"Dropped {result.dropped} correction(s) of item {data['number']} of request "
        f"{request_id}; it is {outcomes} again ({data['source']})."
    )
