"""Authorities (bestuursorganen): one per name, whatever its case, accents or spacing.

Names are compared by ``names.name_key``, which the database holds under a unique constraint;
``get_or_create_authority`` is safe when several processes add the same new authority at
once. ``rename_authority`` fixes a spelling, ``merge_authorities`` joins two authorities that
are one. Each function runs inside the caller's transaction and never commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from wobtrack.contracts import AuthorityRowJSON
from wobtrack.db import insert_or_ignore
from wobtrack.errors import InvalidInput, NotFound, WobtrackError
from wobtrack.models import Authority, Base, Request
from wobtrack.names import MAX_NAME_LENGTH, clean_name, name_key


def _checked_name(name: str) -> str:
    clean = clean_name(name)
    if not clean:
        raise InvalidInput("the authority's name is empty")
    if len(clean) > MAX_NAME_LENGTH:
        raise InvalidInput(
            f"the authority's name is {len(clean)} characters long; at most "
            f"{MAX_NAME_LENGTH} are allowed"
        )
    return clean


def find_authority(session: Session, name: str, *, keep: bool = False) -> Authority | None:
    """The authority whose name matches ``name`` apart from case, accents and spacing.

    ``keep``: the caller is about to refer to it (a new request). On PostgreSQL the row is
    then locked against deletion until the transaction ends (``FOR KEY SHARE``): a merge
    or rename running at that moment is waited for, and an authority it removed is not
    returned, where a plain read would return it and the new request would fail on the
    foreign key.
    """
    query = select(Authority).where(Authority.name_key == name_key(name))
    if keep:
        query = query.with_for_update(key_share=True)
    return session.scalar(query)


def get_or_create_authority(session: Session, name: str) -> Authority:
    """The authority with this name (case, accents and spacing ignored), created if new.

    Insert-or-get: the first spelling given is kept. Concurrent callers adding the same new
    authority all get the one row (no IntegrityError on PostgreSQL).
    """
    clean = _checked_name(name)
    row = {"name": clean, "name_key": name_key(clean)}
    # Read, else insert (or find another process's row in the way), then read again. Only a
    # merge or rename deleting that other row in between makes a second round necessary.
    for _attempt in range(3):
        found = find_authority(session, clean, keep=True)
        if found is not None:
            return found
        insert_or_ignore(session, Base.metadata.tables["authorities"], row)
    raise WobtrackError(
        f"could not add the authority {clean!r}: other processes kept changing it; try again"
    )


def get_authority(session: Session, authority_id: int) -> Authority:
    """The authority with this id."""
    authority = session.get(Authority, authority_id)
    if authority is None:
        raise NotFound(f"no authority with id {authority_id}: see `wobtrack authority list`")
    return authority


@dataclass(frozen=True)
class AuthorityRow:
    """One line of ``authority list``."""

    id: int
    name: str
    requests: int

    def to_json(self) -> AuthorityRowJSON:
        """``{"id", "name", "requests"}`` (``requests``: how many requests it received)."""
        return {"id": self.id, "name": self.name, "requests": self.requests}


def list_authorities(session: Session) -> list[AuthorityRow]:
    """Every authority with its number of requests, by name (case and accents ignored)."""
    rows = session.execute(
        select(Authority.id, Authority.name, func.count(Request.id))
        .outerjoin(Request, Request.authority_id == Authority.id)
        .group_by(Authority.id, Authority.name, Authority.name_key)
        .order_by(Authority.name_key, Authority.id)
    )
    return [AuthorityRow(id=id_, name=name, requests=count) for id_, name, count in rows]


def rename_authority(session: Session, authority_id: int, new_name: str) -> Authority:
    """Change an authority's spelling; refused when the name belongs to another authority."""
    authority = get_authority(session, authority_id)
    clean = _checked_name(new_name)
    other = find_authority(session, clean)
    if other is not None and other.id != authority.id:
        raise InvalidInput(
            f"authority {other.id} is already called {other.name!r}: to make them one, use "
            f"`wobtrack authority merge {authority.id} {other.id}`"
        )
    authority.name = clean
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:  # another process took the name in the meantime
        raise InvalidInput(
            f"another authority is called {clean!r} now: see `wobtrack authority list`"
        ) from None
    return authority


@dataclass(frozen=True)
class MergeResult:
    """What ``merge_authorities`` did."""

    into: Authority
    removed_id: int
    removed_name: str
    moved_requests: int


def merge_authorities(session: Session, from_id: int, into_id: int) -> MergeResult:
    """Move every request of authority ``from_id`` to ``into_id`` and delete ``from_id``."""
    if from_id == into_id:
        raise InvalidInput(f"cannot merge authority {from_id} into itself")
    # Lock both rows, in id order, so that two merges of the same pair (either way round)
    # run one after the other instead of deadlocking (PostgreSQL; SQLite has one writer).
    session.scalars(
        select(Authority.id)
        .where(Authority.id.in_(sorted((from_id, into_id))))
        .order_by(Authority.id)
        .with_for_update()
    ).all()
    source, target = get_authority(session, from_id), get_authority(session, into_id)
    moved: CursorResult[Any] = session.execute(  # type: ignore[assignment]
        update(Request)
        .where(Request.authority_id == source.id)
        .values(authority_id=target.id)
        .execution_options(synchronize_session="fetch")
    )
    removed_name = source.name
    # The requests moved in SQL: neither side's loaded list of requests is right any more.
    session.expire(source, ["requests"])
    session.expire(target, ["requests"])
    session.delete(source)
    session.flush()
    return MergeResult(
        into=target, removed_id=from_id, removed_name=removed_name, moved_requests=moved.rowcount
    )
