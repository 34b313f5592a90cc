"""Commands for authorities: list them, fix a spelling, merge two that are one."""

from __future__ import annotations

import click

from wobtrack import authorities
from wobtrack.cli.base import ID, App, cli, echo_json, echo_rows, json_option, pass_app
from wobtrack.cli.render import echo, table
from wobtrack.cli.tracker import AUTHORITY_NAME
from wobtrack.contracts import AuthorityJSON, AuthorityMergeJSON


@cli.group("authority")
def authority_group() -> None:
    """List, rename and merge authorities (names match whatever their case or accents)."""


@authority_group.command("list")
@json_option
@pass_app
def authority_list(app: App, as_json: bool) -> None:
    """List the authorities with the number of requests each received."""
    with app.transaction(write=False) as session:
        rows = [row.to_json() for row in authorities.list_authorities(session)]
    echo_rows(
        rows,
        as_json,
        lambda rows: table(
            ["ID", "REQUESTS", "NAME"],
            [[str(r["id"]), str(r["requests"]), r["name"]] for r in rows],
        ),
        "No authorities yet: `wobtrack request add --authority NAME` adds one.",
    )


@authority_group.command("rename")
@click.argument("authority_id", type=ID)
@click.argument("new_name", type=AUTHORITY_NAME)
@json_option
@pass_app
def authority_rename(app: App, authority_id: int, new_name: str, as_json: bool) -> None:
    """Change the spelling of an authority's name."""
    with app.transaction() as session:
        authority = authorities.rename_authority(session, authority_id, new_name)
        data: AuthorityJSON = {"id": authority.id, "name": authority.name}
    if as_json:
        echo_json(data)
    else:
        echo(f"Authority {data['id']} is now called {data['name']!r}.")


@authority_group.command("merge")
@click.argument("from_id", type=ID)
@click.argument("into_id", type=ID)
@json_option
@pass_app
def authority_merge(app: App, from_id: int, into_id: int, as_json: bool) -> None:
    """Move every request of authority FROM_ID to INTO_ID and delete FROM_ID."""
    with app.transaction() as session:
        result = authorities.merge_authorities(session, from_id, into_id)
        data: AuthorityMergeJSON = {
            "id": result.into.id,
            "name": result.into.name,
            "removed": {"id": result.removed_id, "name": result.removed_name},
            "moved_requests": result.moved_requests,
        }
    if as_json:
        echo_json(data)
    else:
        echo(
            f"Merged authority {from_id} ({data['removed']['name']!r}) into {into_id} "
            f"({data['name']!r}): {data['moved_requests']} request(s) moved."
        )
