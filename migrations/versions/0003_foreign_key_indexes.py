"""Indexes on the foreign keys that no other index covers.

Listings load items, events, decisions, outcomes and corrections per batch of requests
(``WHERE request_id IN (...)`` / ``WHERE item_id IN (...)``); without these indexes each batch
scans the whole child table, on SQLite and on PostgreSQL (EXPLAIN). Deleting a request or a
decision also looks up its children through these columns (ON DELETE CASCADE / SET NULL).
Foreign keys that lead a unique constraint (``request_items.request_id``,
``decisions.request_id``, ``item_outcomes.decision_id``) are covered already.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: (table, column): each gets the index ``ix_<table>_<column>`` (the naming convention).
INDEXED = (
    ("requests", "authority_id"),
    ("request_items", "added_from_decision_id"),
    ("events", "request_id"),
    ("events", "decision_id"),
    ("item_outcomes", "item_id"),
    ("outcome_corrections", "item_id"),
    ("outcome_corrections", "decision_id"),
)


def upgrade() -> None:
    for table, column in INDEXED:
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column])


def downgrade() -> None:
    for table, column in reversed(INDEXED):
        op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
