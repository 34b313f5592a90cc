"""Tags on requests, files beside a decision (inventories), a search index and views.

* ``request_tags``: a researcher's labels on requests (``request tag``, ``request list --tag``).
* ``decision_files``: an inventory list sent as its own PDF, attached to its decision by
  ``wobtrack import``; ``decisions.file_sha256`` is indexed so that an import finds a file
  it has seen before, whatever request it went to.
* ``search_index`` (SQLite with FTS5 only): a full-text index over request subjects and
  notes, item texts, the letter sentences stored as evidence and the decisions' dictum,
  kept in step by triggers, so every way of writing (CLI, library, ``import-json``) keeps it
  current. PostgreSQL (and a SQLite without FTS5) searches the tables themselves.
* Views for Datasette and other SQL tools (documented in docs/datasette.md):
  ``item_current_outcome`` (the outcome that counts per item, as ``decisions.final_outcome``
  decides it) and ``request_overview`` (one row per request with its authority, tags and the
  days from receipt to the first decision). Deadlines are not a view: they need the holiday
  calendar and the Awb's rules, which live in Python (``wobtrack deadlines``).

Revision ID: 0006_tags_search_views
Revises: 0005_correction_references
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_tags_search_views"
down_revision: str | None = "0005_correction_references"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Rows of the search index: rowid = source id * 4 + the kind's code, so that a trigger
#: finds its row by rowid (FTS5 has no index on its other columns).
_KINDS = {"request": 0, "item": 1, "letter": 2, "decision": 3}

_REQUEST_BODY = "NEW.subject || ' ' || coalesce(NEW.notes, '')"
_EVIDENCE_BODY = (
    "(SELECT group_concat(json_extract(e.value, '$.text'), ' ') FROM json_each(NEW.evidence) AS e)"
)
_DICTUM_BODY = (
    "coalesce(NEW.file_name, '') || ' ' || coalesce((SELECT group_concat(p.value, ' ') "
    "FROM json_each(NEW.parsed, '$.decision.parts') AS p), '')"
)

#: (table, kind, columns whose change re-indexes the row, body, request id).
_INDEXED = (
    ("requests", "request", "subject, notes", _REQUEST_BODY, "NEW.id"),
    ("request_items", "item", "text", "coalesce(NEW.text, '')", "NEW.request_id"),
    (
        "item_outcomes",
        "letter",
        "evidence",
        _EVIDENCE_BODY,
        "(SELECT d.request_id FROM decisions AS d WHERE d.id = NEW.decision_id)",
    ),
    ("decisions", "decision", "parsed, file_name", _DICTUM_BODY, "NEW.request_id"),
)


def _insert(kind: str, body: str, request_id: str) -> str:
    code = _KINDS[kind]
    return (
        "INSERT INTO search_index (rowid, body, kind, request_id, source_id) "
        f"SELECT NEW.id * 4 + {code}, {body}, '{kind}', {request_id}, NEW.id "
        f"WHERE nullif(trim({body}), '') IS NOT NULL"
    )


def _search_index_statements() -> list[str]:
    statements = [
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "body, kind UNINDEXED, request_id UNINDEXED, source_id UNINDEXED, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    ]
    for table, kind, columns, body, request_id in _INDEXED:
        code = _KINDS[kind]
        delete_old = f"DELETE FROM search_index WHERE rowid = OLD.id * 4 + {code};"
        insert_new = _insert(kind, body, request_id) + ";"
        statements += [
            f"CREATE TRIGGER search_{table}_insert AFTER INSERT ON {table} BEGIN {insert_new} END",
            f"CREATE TRIGGER search_{table}_update AFTER UPDATE OF {columns} ON {table} "
            f"BEGIN {delete_old} {insert_new} END",
            f"CREATE TRIGGER search_{table}_delete AFTER DELETE ON {table} BEGIN {delete_old} END",
        ]
        # Rows written before this revision: the same statement, NEW being the row itself.
        fill = _insert(kind, body, request_id).replace("NEW.", "src.")
        fill = fill.replace(" WHERE nullif", f" FROM {table} AS src WHERE nullif", 1)
        statements.append(fill)
    return statements


def _has_fts5() -> bool:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return False
    return bool(bind.exec_driver_sql("SELECT sqlite_compileoption_used('ENABLE_FTS5')").scalar())


_NEWEST_OUTCOME = """(
    SELECT io.id FROM item_outcomes AS io JOIN decisions AS d ON d.id = io.decision_id
    WHERE io.item_id = ri.id
    ORDER BY CASE WHEN coalesce(d.decision_date, d.bekendmaking_on) IS NULL THEN 0 ELSE 1 END
        DESC, coalesce(d.decision_date, d.bekendmaking_on) DESC, d.id DESC
    LIMIT 1)"""

#: The outcome that counts per item: the newest correction, else the newest decision's
#: proposal (``wobtrack.decisions.final_outcome``; a test keeps the two in step).
ITEM_CURRENT_OUTCOME = f"""
CREATE VIEW item_current_outcome AS
SELECT ri.id AS item_id, ri.request_id, a.name AS authority, r.regime, ri.number, ri.text,
    CASE WHEN c.id IS NOT NULL THEN c.outcomes ELSE o.outcomes END AS outcomes,
    CASE WHEN c.id IS NOT NULL THEN c.grounds ELSE o.grounds END AS grounds,
    CASE WHEN c.id IS NOT NULL AND c."references" IS NOT NULL THEN c."references"
        ELSE o."references" END AS "references",
    CASE WHEN c.id IS NOT NULL THEN 'person' WHEN o.id IS NOT NULL THEN 'parser' ELSE 'none'
        END AS source,
    CASE WHEN c.id IS NOT NULL THEN coalesce(c.decision_id, o.decision_id) ELSE o.decision_id
        END AS decision_id,
    CASE WHEN c.id IS NOT NULL THEN {{false}} ELSE coalesce(o.needs_review, {{false}})
        END AS needs_review,
    c.note AS correction_note
FROM request_items AS ri
JOIN requests AS r ON r.id = ri.request_id
JOIN authorities AS a ON a.id = r.authority_id
LEFT JOIN outcome_corrections AS c
    ON c.id = (SELECT max(oc.id) FROM outcome_corrections AS oc WHERE oc.item_id = ri.id)
LEFT JOIN item_outcomes AS o ON o.id = {_NEWEST_OUTCOME}
"""

REQUEST_OVERVIEW = """
CREATE VIEW request_overview AS
SELECT r.id AS request_id, a.name AS authority, r.subject, r.regime, r.reference,
    r.sent_on, r.received_on,
    (SELECT {tags} FROM request_tags AS t WHERE t.request_id = r.id) AS tags,
    (SELECT count(*) FROM request_items AS i WHERE i.request_id = r.id) AS items,
    (SELECT count(*) FROM decisions AS d WHERE d.request_id = r.id) AS decisions,
    f.first_decision_on,
    CASE WHEN f.first_decision_on IS NOT NULL AND r.received_on IS NOT NULL
        THEN {days} END AS days_to_first_decision
FROM requests AS r
JOIN authorities AS a ON a.id = r.authority_id
LEFT JOIN (
    SELECT d.request_id, min(coalesce(d.decision_date, d.bekendmaking_on)) AS first_decision_on
    FROM decisions AS d WHERE d.kind IN ('besluit', 'deelbesluit') GROUP BY d.request_id
) AS f ON f.request_id = r.id
"""


def _views() -> list[str]:
    if op.get_bind().dialect.name == "sqlite":
        false, tags = "0", "group_concat(t.tag, ', ')"
        days = "CAST(julianday(f.first_decision_on) - julianday(r.received_on) AS INTEGER)"
    else:
        false, tags = "false", "string_agg(t.tag, ', ' ORDER BY t.tag)"
        days = "(f.first_decision_on - r.received_on)"
    return [
        ITEM_CURRENT_OUTCOME.format(false=false),
        REQUEST_OVERVIEW.format(tags=tags, days=days),
    ]


def upgrade() -> None:
    op.create_table(
        "request_tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=60), nullable=False),
        sa.CheckConstraint("length(tag) > 0", name=op.f("ck_request_tags_tag_not_empty")),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["requests.id"],
            name=op.f("fk_request_tags_request_id_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_tags")),
        sa.UniqueConstraint("request_id", "tag", name=op.f("uq_request_tags_request_id_tag")),
    )
    op.create_index(op.f("ix_request_tags_tag"), "request_tags", ["tag"])
    op.create_table(
        "decision_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("parser_version", sa.String(length=40), nullable=True),
        sa.Column("parsed", sa.JSON(), nullable=True),
        sa.Column(
            "imported_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint("role IN ('inventory')", name=op.f("ck_decision_files_role")),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decisions.id"],
            name=op.f("fk_decision_files_decision_id_decisions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision_files")),
        sa.UniqueConstraint(
            "decision_id", "file_sha256", name=op.f("uq_decision_files_decision_id_file_sha256")
        ),
    )
    op.create_index(op.f("ix_decision_files_file_sha256"), "decision_files", ["file_sha256"])
    op.create_index(op.f("ix_decisions_file_sha256"), "decisions", ["file_sha256"])
    for statement in _views():
        op.execute(statement)
    if _has_fts5():
        for statement in _search_index_statements():
            op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for table, *_ in _INDEXED:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS search_{table}_{event}")
        op.execute("DROP TABLE IF EXISTS search_index")
    op.execute("DROP VIEW IF EXISTS request_overview")
    op.execute("DROP VIEW IF EXISTS item_current_outcome")
    op.drop_index(op.f("ix_decisions_file_sha256"), table_name="decisions")
    op.drop_index(op.f("ix_decision_files_file_sha256"), table_name="decision_files")
    op.drop_table("decision_files")
    op.drop_index(op.f("ix_request_tags_tag"), table_name="request_tags")
    op.drop_table("request_tags")
