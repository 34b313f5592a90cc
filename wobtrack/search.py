"""``wobtrack search``: find requests by words in their items, letters and notes.

Searched: each request's subject and notes, its items' texts, the letter sentences stored as
evidence for an item's outcome, and each decision's file name and dictum (the full text of a
letter is not stored). A hit needs every word of the query.

On SQLite with FTS5 the search uses the full-text index that migration 0005 made and its
triggers keep current: words match at the start of a word ("park" finds "parkeerbeleid"),
case and accents ignored, best matches first. Elsewhere (PostgreSQL, or a SQLite without
FTS5) it looks through the tables themselves: words match anywhere in a word, case ignored
(accents must match on PostgreSQL), ordered by request.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import String, and_, cast, func, inspect, select, true
from sqlalchemy.orm import Session

from wobtrack.contracts import SearchHitJSON
from wobtrack.errors import InvalidInput
from wobtrack.models import Authority, Decision, ItemOutcome, Request, RequestItem

#: What a hit is in: a request's subject or notes, an item, a letter sentence, a dictum.
KINDS: Final = ("request", "item", "letter", "decision")
DEFAULT_LIMIT: Final = 50
_SNIPPET_CHARS: Final = 70
_MAX_TERMS: Final = 12


@dataclass(frozen=True)
class Hit:
    """One place the words occur."""

    kind: str
    request_id: int
    subject: str
    authority: str
    snippet: str
    item_number: str | None = None
    decision_id: int | None = None

    def to_json(self) -> SearchHitJSON:
        """The shape of one hit in ``search --json``."""
        return {
            "kind": self.kind,
            "request_id": self.request_id,
            "subject": self.subject,
            "authority": self.authority,
            "item_number": self.item_number,
            "decision_id": self.decision_id,
            "snippet": self.snippet,
        }


def _fold(text: str) -> str:
    """Lower case without accents, one character for one, so positions stay the same."""
    return "".join(unicodedata.normalize("NFKD", c)[:1].lower() or c for c in text)


def query_terms(query: str) -> list[str]:
    """The words of a query; refuses an empty or very long one."""
    terms = [t for t in query.split() if t.strip("\"'*()")]
    if not terms:
        raise InvalidInput("the search is empty: give one or more words")
    if len(terms) > _MAX_TERMS:
        raise InvalidInput(f"too many words ({len(terms)}): at most {_MAX_TERMS}")
    return terms


def snippet(text: str, terms: Sequence[str]) -> str:
    """The part of ``text`` around the first word found, on one line."""
    flat = " ".join(text.split())
    folded = _fold(flat)
    found = [folded.find(_fold(t)) for t in terms]
    start = min((f for f in found if f >= 0), default=0)
    left = max(0, start - _SNIPPET_CHARS)
    right = min(len(flat), start + _SNIPPET_CHARS)
    return ("…" if left else "") + flat[left:right] + ("…" if right < len(flat) else "")


def has_search_index(session: Session) -> bool:
    """Whether the database has the FTS5 index of migration 0005 (SQLite with FTS5)."""
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        return False
    return "search_index" in inspect(session.connection()).get_table_names()


def search(session: Session, query: str, *, limit: int = DEFAULT_LIMIT) -> list[Hit]:
    """Places where every word of ``query`` occurs (see the module docstring)."""
    terms = query_terms(query)
    if limit < 1:
        raise InvalidInput("--limit must be at least 1")
    if has_search_index(session):
        rows = _indexed(session, terms, limit)
    else:
        rows = _scanned(session, terms, limit)
    return _hits(session, rows, terms)


# A row found: (kind, source id, request id, searched text).
_Row = tuple[str, int, int, str]


def _indexed(session: Session, terms: Sequence[str], limit: int) -> list[_Row]:
    # Each word quoted (so that "covid-19" or "AND" are words, not syntax) and matched as
    # a prefix; FTS5 joins them with AND.
    match = " ".join('"' + t.replace('"', '""') + '"*' for t in terms)
    rows = session.connection().exec_driver_sql(
        "SELECT kind, source_id, request_id, body FROM search_index "
        "WHERE search_index MATCH ? ORDER BY rank, rowid LIMIT ?",
        (match, limit),
    )
    return [(str(k), int(s), int(r), str(b)) for k, s, r, b in rows]


def _like_all(column: Any, terms: Sequence[str]) -> Any:
    escaped = [t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for t in terms]
    return and_(true(), *(column.ilike(f"%{t}%", escape="\\") for t in escaped))


def _sql_terms(terms: Sequence[str]) -> list[str]:
    """The words SQL can narrow by: JSON is stored with non-ASCII characters escaped
    ("\\u00eb") and SQLite's lower() knows only ASCII, so other words are checked in
    Python only."""
    return [t for t in terms if t.isascii() and '"' not in t and "\\" not in t]


def _contains_all(text: str, terms: Sequence[str]) -> bool:
    folded = _fold(text)
    return all(_fold(t) in folded for t in terms)


def _evidence_text(evidence: Iterable[Any]) -> str:
    return " ".join(str(e.get("text", "")) for e in evidence if isinstance(e, dict))


def _dictum_text(file_name: str | None, parsed: dict[str, Any] | None) -> str:
    parts = ((parsed or {}).get("decision") or {}).get("parts") or []
    return " ".join([file_name or "", *(str(p) for p in parts)])


def _scanned(session: Session, terms: Sequence[str], limit: int) -> list[_Row]:
    """The plain search: SQL narrows by every word, Python checks the text it shows."""
    rows: list[_Row] = []
    for request_id, subject, notes in session.execute(
        select(Request.id, Request.subject, Request.notes)
        .where(
            _like_all(Request.subject + " " + func.coalesce(Request.notes, ""), _sql_terms(terms))
        )
        .order_by(Request.id)
    ):
        rows.append(("request", request_id, request_id, f"{subject} {notes or ''}"))
    for item_id, request_id, text in session.execute(
        select(RequestItem.id, RequestItem.request_id, RequestItem.text)
        .where(_like_all(func.coalesce(RequestItem.text, ""), _sql_terms(terms)))
        .order_by(RequestItem.request_id, RequestItem.id)
    ):
        rows.append(("item", item_id, request_id, text or ""))
    for outcome_id, request_id, evidence in session.execute(
        select(ItemOutcome.id, Decision.request_id, ItemOutcome.evidence)
        .join(Decision, Decision.id == ItemOutcome.decision_id)
        .where(_like_all(cast(ItemOutcome.evidence, String), _sql_terms(terms)))
        .order_by(Decision.request_id, ItemOutcome.id)
    ):
        rows.append(("letter", outcome_id, request_id, _evidence_text(evidence or [])))
    for decision_id, request_id, file_name, parsed in session.execute(
        select(Decision.id, Decision.request_id, Decision.file_name, Decision.parsed)
        .where(
            _like_all(
                func.coalesce(Decision.file_name, "")
                + " "
                + func.coalesce(cast(Decision.parsed, String), ""),
                _sql_terms(terms),
            )
        )
        .order_by(Decision.request_id, Decision.id)
    ):
        rows.append(("decision", decision_id, request_id, _dictum_text(file_name, parsed)))
    # The SQL test also matched JSON keys and other parsed fields: keep what is shown.
    kept = [row for row in rows if _contains_all(row[3], terms)]
    kept.sort(key=lambda row: (row[2], KINDS.index(row[0]), row[1]))
    return kept[:limit]


def _hits(session: Session, rows: Sequence[_Row], terms: Sequence[str]) -> list[Hit]:
    """Rows with what a person needs to place them: request, authority, item, decision."""
    if not rows:
        return []
    requests = {
        request_id: (subject, authority)
        for request_id, subject, authority in session.execute(
            select(Request.id, Request.subject, Authority.name)
            .join(Authority, Authority.id == Request.authority_id)
            .where(Request.id.in_({row[2] for row in rows}))
        )
    }
    items = {
        item_id: number
        for item_id, number in session.execute(
            select(RequestItem.id, RequestItem.number).where(
                RequestItem.id.in_([row[1] for row in rows if row[0] == "item"])
            )
        )
    }
    outcomes = {
        outcome_id: (decision_id, number)
        for outcome_id, decision_id, number in session.execute(
            select(ItemOutcome.id, ItemOutcome.decision_id, RequestItem.number)
            .join(RequestItem, RequestItem.id == ItemOutcome.item_id)
            .where(ItemOutcome.id.in_([row[1] for row in rows if row[0] == "letter"]))
        )
    }
    hits: list[Hit] = []
    for kind, source_id, request_id, body in rows:
        subject, authority = requests[request_id]
        number: str | None = None
        decision_id: int | None = None
        if kind == "item":
            number = items.get(source_id)
        elif kind == "letter":
            decision_id, number = outcomes.get(source_id, (None, None))
        elif kind == "decision":
            decision_id = source_id
        hits.append(
            Hit(kind, request_id, subject, authority, snippet(body, terms), number, decision_id)
        )
    return hits
