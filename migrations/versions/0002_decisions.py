"""Decisions, the parser's per-item outcomes and a person's corrections.

One request can get several decisions (deelbesluiten, a beslissing op bezwaar); events
and items found only in a letter point back to the decision.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("bekendmaking_on", sa.Date(), nullable=True),
        sa.Column("reference", sa.String(length=200), nullable=True),
        sa.Column("file_name", sa.String(length=500), nullable=True),
        sa.Column("file_sha256", sa.String(length=64), nullable=True),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("parser_version", sa.String(length=40), nullable=True),
        sa.Column("bezwaar_weeks", sa.Integer(), nullable=True),
        sa.Column("electronic_filing", sa.Boolean(), nullable=True),
        sa.Column("bezwaar_address", sa.Text(), nullable=True),
        sa.Column("parsed", sa.JSON(), nullable=True),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column(
            "imported_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint(
            "kind IN ('besluit', 'deelbesluit', 'bezwaar')", name=op.f("ck_decisions_kind")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["requests.id"],
            name=op.f("fk_decisions_request_id_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions")),
        sa.UniqueConstraint(
            "request_id", "file_sha256", name=op.f("uq_decisions_request_id_file_sha256")
        ),
    )
    op.create_table(
        "item_outcomes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("outcomes", sa.JSON(), nullable=False),
        sa.Column("grounds", sa.JSON(), nullable=False),
        sa.Column("refers_to", sa.JSON(), nullable=False),
        sa.Column("references", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("needs_review", sa.Boolean(), nullable=False),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decisions.id"],
            name=op.f("fk_item_outcomes_decision_id_decisions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["request_items.id"],
            name=op.f("fk_item_outcomes_item_id_request_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_outcomes")),
        sa.UniqueConstraint(
            "decision_id", "item_id", name=op.f("uq_item_outcomes_decision_id_item_id")
        ),
    )
    op.create_table(
        "outcome_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.Column("outcomes", sa.JSON(), nullable=False),
        sa.Column("grounds", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decisions.id"],
            name=op.f("fk_outcome_corrections_decision_id_decisions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["request_items.id"],
            name=op.f("fk_outcome_corrections_item_id_request_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcome_corrections")),
    )
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("decision_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_events_decision_id_decisions"),
            "decisions",
            ["decision_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("request_items") as batch:
        batch.add_column(sa.Column("added_from_decision_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_request_items_added_from_decision_id_decisions"),
            "decisions",
            ["added_from_decision_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("request_items") as batch:
        batch.drop_constraint(
            op.f("fk_request_items_added_from_decision_id_decisions"), type_="foreignkey"
        )
        batch.drop_column("added_from_decision_id")
    with op.batch_alter_table("events") as batch:
        batch.drop_constraint(op.f("fk_events_decision_id_decisions"), type_="foreignkey")
        batch.drop_column("decision_id")
    op.drop_table("outcome_corrections")
    op.drop_table("item_outcomes")
    op.drop_table("decisions")
