"""A person's correction can say where the answer points: ``outcome set --reference URL``
(``outcome_corrections.references``, JSON; NULL keeps the parser's references).

Revision ID: 0005_correction_references
Revises: 0004_authority_key
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_correction_references"
down_revision: str | None = "0004_authority_key"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outcome_corrections") as batch:
        batch.add_column(sa.Column("references", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outcome_corrections") as batch:
        batch.drop_column("references")
