"""Authorities get a comparison key: names that differ only in case, accents or spacing
are one authority (``authorities.name_key``, unique).

Existing rows get their key here. Two existing authorities whose names share a key (e.g.
"Gemeente Één" and "gemeente een", which the old ASCII-only comparison kept apart) are
merged, deterministically: the oldest (lowest id) stays with its spelling, the requests of
the others move to it and the others are deleted. Each merge is logged as a warning (on
stderr unless logging is configured), naming both ids and spellings. The downgrade drops
the key; merged authorities stay merged.

The key function is copied here, not imported: a later change to ``wobtrack.names`` must not
change what this revision did.

Revision ID: 0004_authority_key
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_authority_key"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("wobtrack.migrations")

_authorities = sa.table(
    "authorities", sa.column("id", sa.Integer), sa.column("name"), sa.column("name_key")
)
_requests = sa.table("requests", sa.column("authority_id", sa.Integer))


def _name_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def _fill_keys() -> None:
    connection = op.get_bind()
    keepers: dict[str, tuple[int, str]] = {}
    rows = connection.execute(
        sa.select(_authorities.c.id, _authorities.c.name).order_by(_authorities.c.id)
    ).all()
    for authority_id, name in rows:
        key = _name_key(name)
        keeper = keepers.get(key)
        if keeper is None:
            keepers[key] = (authority_id, name)
            connection.execute(
                _authorities.update().where(_authorities.c.id == authority_id).values(name_key=key)
            )
            continue
        connection.execute(
            _requests.update()
            .where(_requests.c.authority_id == authority_id)
            .values(authority_id=keeper[0])
        )
        connection.execute(_authorities.delete().where(_authorities.c.id == authority_id))
        log.warning(
            "merged authority %d %r into authority %d %r: their names differ only in case, "
            "accents or spacing",
            authority_id,
            name,
            keeper[0],
            keeper[1],
        )


def upgrade() -> None:
    with op.batch_alter_table("authorities") as batch:
        batch.add_column(sa.Column("name_key", sa.Text(), nullable=True))
    _fill_keys()
    with op.batch_alter_table("authorities") as batch:
        batch.alter_column("name_key", existing_type=sa.Text(), nullable=False)
        batch.create_unique_constraint(op.f("uq_authorities_name_key"), ["name_key"])


def downgrade() -> None:
    with op.batch_alter_table("authorities") as batch:
        batch.drop_constraint(op.f("uq_authorities_name_key"), type_="unique")
        batch.drop_column("name_key")
