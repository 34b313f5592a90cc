"""Inventory documents as rows: ``decision_documents``, one per document of a decision's
inventory list (number, date, title, judgement, grounds, link, page, review and suspended
flags), with indexes on its foreign keys.

Until this revision the documents were kept only inside the stored parser output (the
``documents`` list of ``decisions.parsed`` for an inventory annexed to the letter, of
``decision_files.parsed`` for an inventory sent as a file of its own). Upgrading copies
them into the table (the parser output keeps them, as it keeps the items whose outcomes
``item_outcomes`` holds); downgrading writes the rows back into the parser output of their
letter or file before the table is dropped, so no document is lost either way.

The reading of one stored document mirrors ``wobtrack.documents.document_values`` as it
was when this revision was written (a migration does not import the application).

Revision ID: 0007_decision_documents
Revises: 0006_tags_search_views
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0007_decision_documents"
down_revision: str | None = "0006_tags_search_views"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JUDGEMENTS = (
    "public",
    "partly_public",
    "not_public",
    "already_public",
    "suspended",
    "not_held",
    "out_of_scope",
    "duplicate",
)

_decisions = sa.table("decisions", sa.column("id", sa.Integer()), sa.column("parsed", sa.JSON()))
_files = sa.table(
    "decision_files",
    sa.column("id", sa.Integer()),
    sa.column("decision_id", sa.Integer()),
    sa.column("parsed", sa.JSON()),
)
_documents = sa.table(
    "decision_documents",
    sa.column("id", sa.Integer()),
    sa.column("decision_id", sa.Integer()),
    sa.column("decision_file_id", sa.Integer()),
    sa.column("position", sa.Integer()),
    sa.column("number", sa.Text()),
    sa.column("document_date", sa.Text()),
    sa.column("title", sa.Text()),
    sa.column("judgement", sa.String(20)),
    sa.column("judgement_text", sa.Text()),
    sa.column("grounds", sa.JSON()),
    sa.column("link", sa.Text()),
    sa.column("page", sa.Integer()),
    sa.column("needs_review", sa.Boolean()),
    sa.column("suspended", sa.Boolean()),
)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).replace("\x00", "")
    return text or None


def _row(document: Any) -> dict[str, Any] | None:
    if not isinstance(document, dict):
        return None
    raw = document.get("judgement")
    known = raw in JUDGEMENTS
    grounds = document.get("grounds")
    page = document.get("page")
    return {
        "number": _text(document.get("number")),
        "document_date": _text(document.get("date")),
        "title": _text(document.get("title")),
        "judgement": raw if known else None,
        "judgement_text": _text(document.get("judgement_text")) or (_text(raw) if raw else None),
        "grounds": [str(g) for g in grounds] if isinstance(grounds, list) else [],
        "link": _text(document.get("link")),
        "page": page if isinstance(page, int) and not isinstance(page, bool) else None,
        "needs_review": bool(document.get("needs_review")) or not known,
        "suspended": raw == "suspended" or document.get("suspended") is True,
    }


def _copy_documents() -> None:
    bind = op.get_bind()
    positions: dict[int, int] = {}
    rows: list[dict[str, Any]] = []

    def add(decision_id: int, file_id: int | None, parsed: Any) -> None:
        documents = parsed.get("documents") if isinstance(parsed, dict) else None
        for document in documents if isinstance(documents, list) else []:
            row = _row(document)
            if row is None:
                continue
            position = positions.get(decision_id, 0) + 1
            positions[decision_id] = position
            rows.append(
                {
                    "decision_id": decision_id,
                    "decision_file_id": file_id,
                    "position": position,
                    **row,
                }
            )

    for decision_id, parsed in bind.execute(
        sa.select(_decisions.c.id, _decisions.c.parsed).order_by(_decisions.c.id)
    ):
        add(decision_id, None, parsed)
    for file_id, decision_id, parsed in bind.execute(
        sa.select(_files.c.id, _files.c.decision_id, _files.c.parsed).order_by(_files.c.id)
    ):
        add(decision_id, file_id, parsed)
    for start in range(0, len(rows), 1000):
        bind.execute(sa.insert(_documents), rows[start : start + 1000])


def _contract(row: Any) -> dict[str, Any]:
    return {
        "number": row.number,
        "date": row.document_date,
        "title": row.title,
        "judgement": row.judgement,
        "judgement_text": row.judgement_text,
        "grounds": list(row.grounds or []),
        "link": row.link,
        "page": row.page,
        "needs_review": bool(row.needs_review),
    }


def _restore_documents() -> None:
    """Write each letter's and file's rows back into its parser output."""
    bind = op.get_bind()
    by_source: dict[tuple[int, int | None], list[dict[str, Any]]] = {}
    for row in bind.execute(
        sa.select(_documents).order_by(_documents.c.decision_id, _documents.c.position)
    ):
        by_source.setdefault((row.decision_id, row.decision_file_id), []).append(_contract(row))
    for (decision_id, file_id), documents in by_source.items():
        table = _decisions if file_id is None else _files
        key = decision_id if file_id is None else file_id
        parsed = bind.execute(sa.select(table.c.parsed).where(table.c.id == key)).scalar()
        data = dict(parsed) if isinstance(parsed, dict) else {}
        if data.get("documents") == documents:
            continue
        data["documents"] = documents
        bind.execute(sa.update(table).where(table.c.id == key).values(parsed=data))


def upgrade() -> None:
    op.create_table(
        "decision_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("decision_file_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("number", sa.Text(), nullable=True),
        sa.Column("document_date", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("judgement", sa.String(length=20), nullable=True),
        sa.Column("judgement_text", sa.Text(), nullable=True),
        sa.Column("grounds", sa.JSON(), nullable=False),
        sa.Column("link", sa.Text(), nullable=True),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("needs_review", sa.Boolean(), nullable=False),
        sa.Column("suspended", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "judgement IS NULL OR judgement IN ("
            + ", ".join(f"'{judgement}'" for judgement in JUDGEMENTS)
            + ")",
            name=op.f("ck_decision_documents_judgement"),
        ),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decisions.id"],
            name=op.f("fk_decision_documents_decision_id_decisions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decision_file_id"],
            ["decision_files.id"],
            name=op.f("fk_decision_documents_decision_file_id_decision_files"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision_documents")),
        sa.UniqueConstraint(
            "decision_id", "position", name=op.f("uq_decision_documents_decision_id_position")
        ),
    )
    op.create_index(
        op.f("ix_decision_documents_decision_file_id"), "decision_documents", ["decision_file_id"]
    )
    _copy_documents()


def downgrade() -> None:
    _restore_documents()
    op.drop_index(op.f("ix_decision_documents_decision_file_id"), table_name="decision_documents")
    op.drop_table("decision_documents")
