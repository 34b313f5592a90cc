"""Organising many requests: tags, and the filters of ``request list``.

Tags are a researcher's own labels ("stikstof", "follow-up"); they are stored in lower case
with their spacing normalised, so "Stikstof" and "stikstof " are one tag.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from wobtrack.deadlines.status import STATES
from wobtrack.errors import InvalidInput
from wobtrack.models import RequestTag
from wobtrack.names import name_key
from wobtrack.overview import RequestOverview, load_overviews
from wobtrack.tracker import get_request
from wobtrack.vocab import REGIMES

#: Longest tag (the column's width).
MAX_TAG_LENGTH = 60


def clean_tag(tag: str) -> str:
    """A tag as stored: lower case, single spaces; refuses empty, long or comma'd tags."""
    clean = " ".join(tag.split()).lower()
    if not clean:
        raise InvalidInput("a tag is empty")
    if len(clean) > MAX_TAG_LENGTH:
        raise InvalidInput(f"tag {clean[:20]!r}... is too long (at most {MAX_TAG_LENGTH})")
    if "," in clean:
        # Views and CSV cells list tags separated by commas.
        raise InvalidInput(f"tag {clean!r} contains a comma: give each tag separately")
    return clean


def tag_request(session: Session, request_id: int, tags: Iterable[str]) -> list[str]:
    """Add tags to a request (ones it has already are kept once); return all its tags."""
    request = get_request(session, request_id)
    have = {t.tag for t in request.tags}
    for tag in dict.fromkeys(clean_tag(t) for t in tags):
        if tag not in have:
            request.tags.append(RequestTag(tag=tag))
            have.add(tag)
    session.flush()
    return sorted(have)


def untag_request(session: Session, request_id: int, tags: Iterable[str]) -> list[str]:
    """Remove tags from a request; a tag it does not have is an error. Return its tags."""
    request = get_request(session, request_id)
    wanted = [clean_tag(t) for t in tags]
    have = {t.tag: t for t in request.tags}
    missing = [t for t in wanted if t not in have]
    if missing:
        listed = ", ".join(sorted(have)) or "none"
        raise InvalidInput(f"request {request_id} has no tag {missing[0]!r} (its tags: {listed})")
    for tag in wanted:
        request.tags.remove(have[tag])
    session.flush()
    return sorted(t.tag for t in request.tags)


def tags_by_request(session: Session) -> dict[int, list[str]]:
    """Every request's tags, sorted (requests without tags are absent)."""
    found: dict[int, list[str]] = {}
    rows = select(RequestTag.request_id, RequestTag.tag).order_by(
        RequestTag.request_id, RequestTag.tag
    )
    for request_id, tag in session.execute(rows):
        found.setdefault(request_id, []).append(tag)
    return found


@dataclass(frozen=True)
class RequestFilter:
    """What ``request list`` narrows to; empty fields do not filter."""

    tags: tuple[str, ...] = ()
    #: Part of the authority's name, compared case- and accent-insensitively.
    authority: str | None = None
    state: str | None = None
    regime: str | None = None

    def check(self) -> RequestFilter:
        """The filter with its tags cleaned; refuses unknown states and regimes."""
        if self.state is not None and self.state not in STATES:
            raise InvalidInput(f"unknown state {self.state!r}: use one of {', '.join(STATES)}")
        if self.regime is not None and self.regime not in REGIMES:
            raise InvalidInput(f"unknown regime {self.regime!r}: use wob or woo")
        return RequestFilter(
            tuple(clean_tag(t) for t in self.tags), self.authority, self.state, self.regime
        )


@dataclass(frozen=True)
class ListedRequest:
    """One request of a filtered listing, with its tags."""

    overview: RequestOverview
    tags: tuple[str, ...]


def list_requests(session: Session, wanted: RequestFilter, today: date) -> list[ListedRequest]:
    """The requests that match every part of ``wanted`` (all its tags), oldest first.

    The state is the one ``request list`` shows on ``today``.
    """
    wanted = wanted.check()
    tags = tags_by_request(session)
    authority = name_key(wanted.authority) if wanted.authority else None
    found: list[ListedRequest] = []
    for overview in load_overviews(session):
        own: Sequence[str] = tags.get(overview.id, ())
        if any(tag not in own for tag in wanted.tags):
            continue
        if authority is not None and authority not in name_key(overview.authority):
            continue
        if wanted.regime is not None and overview.regime != wanted.regime:
            continue
        if wanted.state is not None and overview.status(today).state != wanted.state:
            continue
        found.append(ListedRequest(overview, tuple(own)))
    return found
