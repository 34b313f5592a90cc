"""Importing decision letters into the tracker, people's corrections and the review list.

The parser proposes an outcome per item; a person's correction (``set_outcome``) is kept
apart and wins. ``final_outcome`` is the one place that decides which one counts.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Final, NamedTuple

from sqlalchemy import Text, cast, null, or_, select, true
from sqlalchemy.orm import Session

from wobtrack.contracts import FinalOutcomeJSON, ReviewDecisionJSON, stored_json
from wobtrack.dates import human_date
from wobtrack.errors import InvalidInput, NotFound
from wobtrack.files import read_utf8_file
from wobtrack.models import (
    Authority,
    Decision,
    DecisionDocument,
    DecisionFile,
    Event,
    ItemOutcome,
    OutcomeCorrection,
    Request,
    RequestItem,
)
from wobtrack.safetext import strip_pdf_controls_deep
from wobtrack.tracker import add_item, get_request, lock_request
from wobtrack.vocab import DECISION_KINDS, OUTCOMES

#: Flags stored on an ItemOutcome, shown by ``review`` and the drafts.
FLAG_NOT_IN_LETTER = "not addressed in the letter"
FLAG_NOT_IN_TRACKER = "in the letter but not logged with the request"
FLAG_WHOLE_REQUEST = "the letter answers the request as a whole, not per item"

#: The parser's letter kinds (``wobtrack parse --json`` "kind") as tracker decision kinds.
#: "bezwaar" is a beslissing op bezwaar: against it lies beroep, not bezwaar (Awb 6:7, 8:1).
LETTER_KINDS: dict[str, str] = {
    "besluit": "besluit",
    "deelbesluit": "deelbesluit",
    "bezwaar": "bezwaar",
}


@dataclass
class ImportResult:
    """What ``import_decision`` did."""

    decision: Decision
    created: bool
    added_items: list[str] = field(default_factory=list)
    unanswered_items: list[str] = field(default_factory=list)
    #: The verdaging event this import recorded, if any.
    verdaging: Event | None = None
    #: What the import itself noticed (also kept in the decision's warnings): the letter's
    #: kind, its verdaging and the plausibility checks (``wobtrack.plausibility``).
    warnings: list[str] = field(default_factory=list)
    #: What the parser noticed while reading the letter (kept in the decision's warnings).
    parser_warnings: list[str] = field(default_factory=list)
    #: The plausibility checks' findings alone (also in ``warnings``).
    plausibility_warnings: list[str] = field(default_factory=list)
    #: The documents this import stored: the letter's annexed inventory, then ``--inventory``.
    documents: list[DecisionDocument] = field(default_factory=list)
    #: The inventory file ``--inventory`` attached (or found attached before).
    inventory: DecisionFile | None = None


@dataclass(frozen=True)
class LetterRead:
    """A decision letter extracted and parsed (``read_letter``), ready to be stored."""

    path: Path
    sha256: str
    #: The parser's JSON object of the letter (the ``wobtrack parse --json`` contract).
    parsed: dict[str, Any]
    parser_version: str


def read_letter(letter: Path, *, use_cache: bool = True, ocr: bool = False) -> LetterRead:
    """Extract and parse a decision letter; needs no database.

    This is the slow part of an import (pdfplumber in a bounded worker, OCR with ``ocr``),
    so it runs before the write transaction: on SQLite, other commands never wait for it.
    """
    from wobtrack.parsing.batch import with_ocr_pages
    from wobtrack.parsing.letters import PARSER_VERSION, parse_letter
    from wobtrack.parsing.pdftext import default_cache_dir, extract_pdf

    if letter.suffix.lower() in TEXT_SUFFIXES:
        pages, digest = _read_text_letter(letter)
        parsed = stored_json(parse_letter(pages, ()).to_json(letter.name))
        return LetterRead(letter, digest, parsed, PARSER_VERSION)
    text = extract_pdf(letter, cache_dir=default_cache_dir() if use_cache else None, ocr=ocr)
    # The tables and positioned words hold an inventory list (annexed or on its own), as
    # ``wobtrack parse`` reads them (``parsing.batch``).
    parsed = stored_json(
        with_ocr_pages(
            parse_letter(
                text.pages, text.links, anchors=text.anchors, tables=text.tables, words=text.words
            ),
            text.ocr_pages,
        ).to_json(letter.name)
    )
    return LetterRead(letter, text.sha256, parsed, PARSER_VERSION)


#: A letter as plain text (an e-mail body, a letter typed in): "\f" starts a new page.
TEXT_SUFFIXES: Final = (".txt", ".text", ".md")
#: A decision letter as text is a few pages; a bigger file is not one.
_MAX_TEXT_BYTES: Final = 5_000_000


def _read_text_letter(path: Path) -> tuple[list[str], str]:
    """The pages of a letter given as UTF-8 text, and the file's SHA-256."""

    def check(info: os.stat_result) -> None:
        if not stat.S_ISREG(info.st_mode):
            raise InvalidInput(f"{path}: not a regular file; give the path of the letter's text")
        if info.st_size > _MAX_TEXT_BYTES:
            raise InvalidInput(
                f"{path}: {info.st_size:,} bytes is too large for a letter as text "
                f"(at most {_MAX_TEXT_BYTES:,})"
            )

    text, data = read_utf8_file(
        path,
        cannot_read="{path}: cannot read the file ({reason})",
        not_utf8="{path}: not UTF-8 text; save the letter as UTF-8",
        check=check,
    )
    if not text.strip():
        raise InvalidInput(f"{path}: the file is empty; expected the letter's text")
    text = text.replace("\r\n", "\n").replace("\x00", "")
    return text.split("\f"), hashlib.sha256(data).hexdigest()


def import_decision(
    session: Session,
    request_id: int,
    letter: LetterRead | Path,
    *,
    kind: str | None = None,
    sent: date | None = None,
    use_cache: bool = True,
    ocr: bool = False,
    today: date | None = None,
    inventory: LetterRead | Path | None = None,
) -> ImportResult:
    """Store a decision letter with per-item outcomes and its inventory's documents;
    idempotent per file.

    ``letter`` is a letter read by ``read_letter``, or a ``Path`` that is read here
    (``read_letter(letter, use_cache=, ocr=)``), inside the caller's transaction: callers
    that share the database (the CLI) read the letter first, so that the transaction
    stays short. The decision's kind is the letter's own (besluit, deelbesluit or
    beslissing op bezwaar) unless ``kind`` is given. A verdaging the letter states is
    recorded as an event. With OCR'd pages, the decision's warnings say so.
    ``today``: the day of the import, for the plausibility checks (a letter or ``--sent``
    date after today is reported); the CLI always passes it. ``inventory``: an inventory
    list sent as a PDF of its own (read by ``read_inventory``, or a ``Path`` read here):
    its documents are stored with the decision, also when the letter was imported before.
    """
    if kind is not None and kind not in DECISION_KINDS:
        raise InvalidInput(f"unknown decision kind {kind!r}: use {', '.join(DECISION_KINDS)}")
    if isinstance(letter, Path):
        letter = read_letter(letter, use_cache=use_cache, ocr=ocr)
    if isinstance(inventory, Path):
        inventory = read_inventory(inventory, use_cache=use_cache, ocr=ocr)
    result = import_parsed_decision(
        session,
        request_id,
        letter.parsed,
        file_name=letter.path.name,
        sha256=letter.sha256,
        parser_version=letter.parser_version,
        kind=kind,
        sent=sent,
        today=today,
    )
    if inventory is not None:
        from wobtrack.documents import attach_inventory

        if inventory.sha256 == letter.sha256:
            raise InvalidInput(
                f"{inventory.path.name} is the letter itself: its annexed inventory is read "
                "with it; leave out --inventory"
            )
        known = {f.id for f in result.decision.files}
        file, rows = attach_inventory(session, result.decision, inventory)
        result.inventory = file
        if file.id not in known:
            result.documents.extend(rows)
    return result


def read_inventory(path: Path, *, use_cache: bool = True, ocr: bool = False) -> LetterRead:
    """Extract and parse an inventory list sent as a PDF of its own; needs no database.

    Refused (InvalidInput) when no inventory table could be read from it: nothing is
    invented, and the letter is not imported without the inventory the user named.
    """
    read = read_letter(path, use_cache=use_cache, ocr=ocr)
    if not read.parsed.get("documents"):
        raise InvalidInput(
            f"{path.name}: no inventory table could be read from it (no documents found); "
            "import the letter without --inventory, or check the file"
        )
    return read


def _stored(session: Session, request_id: int, sha256: str) -> Decision | None:
    return session.scalar(
        select(Decision).where(Decision.request_id == request_id, Decision.file_sha256 == sha256)
    )


def import_parsed_decision(
    session: Session,
    request_id: int,
    parsed: dict[str, Any],
    *,
    file_name: str,
    sha256: str,
    parser_version: str,
    kind: str | None = None,
    sent: date | None = None,
    today: date | None = None,
) -> ImportResult:
    """``import_decision`` of a letter parsed already (``parsed`` is its ``parse --json``
    object), e.g. by ``wobtrack import`` in parallel before its transactions; idempotent
    per file hash. ``today`` as in ``import_decision``."""
    if kind is not None and kind not in DECISION_KINDS:
        raise InvalidInput(f"unknown decision kind {kind!r}: use {', '.join(DECISION_KINDS)}")
    # Imports into one request take turns: the "already imported?" check below and the item
    # numbers an import adds hold until this transaction commits (PostgreSQL row lock).
    lock_request(session, request_id)
    request = get_request(session, request_id)
    existing = _stored(session, request_id, sha256)
    if existing is not None:
        return ImportResult(existing, created=False)
    # A PDF's text may hold NUL (which PostgreSQL cannot store) and other control
    # characters: none of them is part of the letter, so none is stored.
    parsed = strip_pdf_controls_deep(parsed)
    return _store(
        session, request, parsed, Path(file_name), sha256, kind, sent, parser_version, today=today
    )


#: The first warning of a decision recorded by hand (``add_decision``).
RECORDED_BY_HAND: Final = "recorded by hand: set each item's outcome with `wobtrack outcome set`"


def add_decision(
    session: Session,
    request_id: int,
    *,
    decision_date: date,
    kind: str = "besluit",
    sent: date | None = None,
    reference: str | None = None,
    today: date | None = None,
) -> Decision:
    """Record a decision by hand (no letter file, e.g. one received on paper or by phone).

    It counts in deadlines, statistics and drafts like an imported one; per-item outcomes
    are set afterwards with ``set_outcome``. ``sent`` is the bekendmaking (Awb 3:41), from
    which the bezwaar term runs; by default the decision's date. Its dates and kind get the
    plausibility checks of ``decision import`` (``today`` for the dates after today); their
    warnings are stored after ``RECORDED_BY_HAND``.
    """
    if kind not in DECISION_KINDS:
        raise InvalidInput(f"unknown decision kind {kind!r}: use {', '.join(DECISION_KINDS)}")
    if sent is not None and sent < decision_date:
        raise InvalidInput(f"--sent {sent} is before the decision's date {decision_date}")
    lock_request(session, request_id)
    request = get_request(session, request_id)
    # The checks of an imported letter, minus what only a letter says (its items, the
    # request's dates as it quotes them).
    implausible = _plausibility(request, {}, kind, decision_date, sent, today)
    decision = Decision(
        kind=kind,
        decision_date=decision_date,
        bekendmaking_on=sent or decision_date,
        reference=reference,
        warnings=[RECORDED_BY_HAND, *implausible],
    )
    request.decisions.append(decision)
    session.flush()
    request.events.append(
        Event(
            kind="bezwaar_decided" if kind == "bezwaar" else "decision",
            event_date=decision.bekendmaking_on,
            note=f"{kind} recorded by hand",
            decision_id=decision.id,
        )
    )
    session.flush()
    return decision


#: How the tracker's decision kinds are named in messages.
KIND_NAMES: dict[str, str] = {
    "besluit": "besluit",
    "deelbesluit": "deelbesluit",
    "bezwaar": "beslissing op bezwaar",
}


def letter_kind(parsed: dict[str, Any], given: str | None) -> tuple[str, list[str]]:
    """The tracker kind of a parsed letter: ``given`` (``--kind``) wins over the letter's.

    Returns the kind and warnings when the letter's own facts disagree with it.
    """
    read = parsed.get("kind")
    from_letter = LETTER_KINDS.get(read) if isinstance(read, str) else None
    remedy = (parsed.get("bezwaar") or {}).get("remedy")
    warnings: list[str] = []
    if given is None:
        kind = from_letter or "besluit"
    else:
        kind = given
        if from_letter is not None and from_letter != given:
            warnings.append(
                f"the letter reads as a {KIND_NAMES[from_letter]}; stored as a "
                f"{KIND_NAMES[given]} as --kind says"
            )
    if remedy == "beroep" and kind != "bezwaar":
        warnings.append(
            "the remedy clause names beroep (at the rechtbank), as after a beslissing op "
            f"bezwaar, but the decision is stored as a {KIND_NAMES[kind]}: check --kind"
        )
    return kind, warnings


def _store(
    session: Session,
    request: Request,
    parsed: dict[str, Any],
    letter: Path,
    sha256: str,
    kind: str | None,
    sent: date | None,
    parser_version: str,
    *,
    today: date | None = None,
) -> ImportResult:
    kind, import_warnings = letter_kind(parsed, kind)
    decision_date = date.fromisoformat(parsed["decision_date"]) if parsed["decision_date"] else None
    if decision_date is None and sent is None:
        raise InvalidInput(
            f"{letter.name}: the letter's date could not be read; give the date it was sent "
            "with --sent YYYY-MM-DD (the bezwaar term runs from it)"
        )
    if sent is not None and decision_date is not None and sent < decision_date:
        raise InvalidInput(
            f"--sent {sent} is before the letter's date {decision_date}; check the dates"
        )
    # Compared with the request as it stands before this letter adds anything to it.
    implausible = _plausibility(request, parsed, kind, decision_date, sent, today)
    import_warnings += implausible
    bezwaar = parsed.get("bezwaar") or {}
    decision = Decision(
        kind=kind,
        decision_date=decision_date,
        bekendmaking_on=sent or decision_date,
        reference=parsed.get("reference"),
        file_name=letter.name,
        file_sha256=sha256,
        pages=parsed.get("pages"),
        parser_version=parser_version,
        bezwaar_weeks=bezwaar.get("weeks"),
        electronic_filing=bezwaar.get("electronic_filing"),
        bezwaar_address=bezwaar.get("address"),
        parsed=parsed,
        warnings=list(parsed.get("warnings", [])),
    )
    request.decisions.append(decision)
    session.flush()
    event_kind = "bezwaar_decided" if kind == "bezwaar" else "decision"
    request.events.append(
        Event(
            kind=event_kind,
            event_date=decision.bekendmaking_on,
            note=f"{kind} {letter.name}",
            decision_id=decision.id,
        )
    )
    result = ImportResult(
        decision,
        created=True,
        warnings=import_warnings,
        parser_warnings=[str(w) for w in parsed.get("warnings", [])],
        plausibility_warnings=implausible,
    )
    _record_verdaging(request, decision, parsed, result)
    _store_outcomes(session, request, decision, parsed["items"], result)
    _store_documents(session, decision, parsed, result)
    if result.verdaging is not None:
        session.flush()
        _compare_new_last_day(request, decision, parsed, result)
    # The import's own findings stay with the decision, next to the parser's.
    decision.warnings = [*decision.warnings, *result.warnings]
    session.flush()
    return result


def _store_documents(
    session: Session, decision: Decision, parsed: dict[str, Any], result: ImportResult
) -> None:
    """The documents of the inventory annexed to the letter, as rows of the decision."""
    from wobtrack.documents import store_documents

    documents = parsed.get("documents") or []
    if documents:
        result.documents.extend(store_documents(session, decision, documents))


def _plausibility(
    request: Request,
    parsed: dict[str, Any],
    kind: str,
    decision_date: date | None,
    sent: date | None,
    today: date | None,
) -> list[str]:
    """The letter's dates and items checked against the request (``wobtrack.plausibility``)."""
    from wobtrack.plausibility import LoggedItem, RequestDates, check_letter

    return check_letter(
        RequestDates(request.id, request.sent_on, request.received_on),
        [LoggedItem(item.number, item.text) for item in request.items],
        [d.kind for d in request.decisions],
        parsed,
        kind=kind,
        decision_date=decision_date,
        sent=sent,
        today=today,
    )


def _iso(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def _record_verdaging(
    request: Request, decision: Decision, parsed: dict[str, Any], result: ImportResult
) -> None:
    """Log the verdaging the letter states as an event dated when it was sent.

    The event date is the notice date (``extended_on``): the deadline engine computes the
    extended term from it (Woo 4.4 lid 2, Wob 6 lid 2; Awb 7:10 lid 3 for a decision on
    bezwaar). The new last day the letter gives goes into the note.
    """
    on, to = _iso(parsed.get("extended_on")), _iso(parsed.get("extended_to"))
    if on is None:
        if to is not None:
            result.warnings.append(
                f"the letter says the decision term was extended to {human_date(to)} but not "
                "when the verdaging was sent: no event recorded; log it with `wobtrack event "
                f"add {request.id} {_verdaging_kind(decision).replace('_', '-')} YYYY-MM-DD`"
            )
        return
    kind = _verdaging_kind(decision)
    same_kind = [e for e in request.events if e.kind == kind]
    if any(e.event_date == on for e in same_kind):
        return  # already logged by hand or by an earlier letter
    note = f"verdaging stated in {decision.file_name}"
    if to is not None:
        note += f"; new last day {to.isoformat()}"
    event = Event(kind=kind, event_date=on, note=note, decision_id=decision.id)
    request.events.append(event)
    result.verdaging = event
    if same_kind:
        earlier = ", ".join(human_date(e.event_date) for e in same_kind)
        result.warnings.append(
            f"the request already had a verdaging ({earlier}); the letter's of "
            f"{human_date(on)} was added too: delete the wrong one with `wobtrack event delete`"
        )


def _compare_new_last_day(
    request: Request, decision: Decision, parsed: dict[str, Any], result: ImportResult
) -> None:
    """Warn when the letter's new last day is not the one the law gives.

    Lateness statistics use the statutory term (``overview.decision_term_as_of``), not the date the
    authority wrote; a difference is worth a person's look.
    """
    from wobtrack.overview import decision_term_as_of

    stated = _iso(parsed.get("extended_to"))
    as_of = decision.decision_date or decision.bekendmaking_on
    if stated is None or as_of is None or decision.kind == "bezwaar":
        return
    try:
        term = decision_term_as_of(request, as_of)
    except InvalidInput:
        return  # a receipt date outside the calendar's years; reported elsewhere
    if term is None or not term.kind.endswith("extended_due"):
        return
    if stated == term.due or any(alt.due == stated for alt in term.alternatives):
        return
    result.warnings.append(
        f"the letter gives {human_date(stated)} as the new last day, but the extended term "
        f"ends {human_date(term.due)} by law ({', '.join(term.basis)}); lateness is measured "
        "against the latter"
    )


def _verdaging_kind(decision: Decision) -> str:
    # A decision on bezwaar can only extend its own term (Awb 7:10 lid 3).
    return "bezwaar_extended" if decision.kind == "bezwaar" else "extended"


def _store_outcomes(
    session: Session,
    request: Request,
    decision: Decision,
    letter_items: list[dict[str, Any]],
    result: ImportResult,
) -> None:
    by_number = {item.number: item for item in request.items}
    if decision.kind == "bezwaar":
        # An objection declared unfounded leaves the besluit's outcomes standing: an entry
        # of a beslissing op bezwaar without an outcome must not hide them.
        letter_items = [entry for entry in letter_items if entry.get("outcomes")]
        if not letter_items:
            return
    whole_request = (
        len(letter_items) == 1
        and letter_items[0]["number"] == "1"
        and letter_items[0].get("text") is None
        and len(by_number) > 1
    )
    if whole_request:
        # The letter has no numbered items: its one answer concerns every item, but which
        # part applies to which item is for a person to check.
        for item in request.items:
            _add_outcome(decision, item, letter_items[0], [FLAG_WHOLE_REQUEST], review=True)
        return
    seen: set[str] = set()
    for entry in letter_items:
        number = str(entry["number"]).strip().lower()
        seen.add(number)
        flags: list[str] = []
        found = by_number.get(number)
        if found is None:
            found = add_item(session, request.id, entry.get("text"), number=number)
            found.added_from_decision_id = decision.id
            by_number[number] = found
            result.added_items.append(number)
            flags.append(FLAG_NOT_IN_TRACKER)
        _add_outcome(decision, found, entry, flags, review=bool(flags))
    if decision.kind != "besluit":
        return  # a deelbesluit or a decision on bezwaar need not cover every item
    for item in request.items:
        if item.number not in seen:
            decision.outcomes.append(
                ItemOutcome(
                    item=item,
                    outcomes=["unanswered"],
                    grounds=[],
                    refers_to=[],
                    references=[],
                    evidence=[],
                    needs_review=False,
                    flags=[FLAG_NOT_IN_LETTER],
                )
            )
            result.unanswered_items.append(item.number)


def _add_outcome(
    decision: Decision, item: RequestItem, entry: dict[str, Any], flags: list[str], review: bool
) -> None:
    decision.outcomes.append(
        ItemOutcome(
            item=item,
            outcomes=list(entry.get("outcomes", [])),
            grounds=list(entry.get("grounds", [])),
            refers_to=list(entry.get("refers_to", [])),
            references=list(entry.get("references", [])),
            evidence=list(entry.get("evidence", [])),
            needs_review=bool(entry.get("needs_review")) or review,
            flags=flags,
        )
    )


def get_decision(session: Session, decision_id: int) -> Decision:
    """The decision with this id."""
    decision = session.get(Decision, decision_id)
    if decision is None:
        raise NotFound(f"no decision with id {decision_id}: see `wobtrack request show ID`")
    return decision


def set_outcome(
    session: Session,
    request_id: int,
    number: str,
    outcomes: list[str],
    *,
    grounds: list[str] | None = None,
    note: str | None = None,
    references: list[str] | None = None,
) -> OutcomeCorrection:
    """Record a person's correction of an item's outcome (it wins over the parser's).

    ``references``: URLs the answer points to; they replace the parser's references (none
    given keeps them).
    """
    from wobtrack.parsing.grounds import explicit_grounds, normalise_ground

    request = get_request(session, request_id)
    item = next((i for i in request.items if i.number == number.strip().lower()), None)
    if item is None:
        known = ", ".join(i.number for i in request.items) or "none"
        raise NotFound(f"request {request_id} has no item {number!r} (items: {known})")
    clean = [o.strip().lower().replace("-", "_") for o in outcomes]
    unknown = [o for o in clean if o not in OUTCOMES]
    if unknown or not clean:
        raise InvalidInput(
            f"unknown outcome {', '.join(unknown) or '(none)'}: use {', '.join(OUTCOMES)}"
        )
    codes: list[str] = []
    for ground in grounds or []:
        # A bare "5.2" in a letter may be a section number, so the parser wants "artikel";
        # typed as a ground it can only be the article.
        single = normalise_ground(ground) or normalise_ground(f"artikel {ground}")
        found = [single] if single else explicit_grounds(ground)  # "10.2.e, 10.2.g"
        if not found:
            raise InvalidInput(
                f"cannot read refusal ground {ground!r}: write it like 5.1.2e or 10.2.e"
            )
        codes.extend(c for c in found if c not in codes)
    urls = [_checked_url(url) for url in references or []]
    latest = request.decisions[-1] if request.decisions else None
    correction = OutcomeCorrection(
        decision_id=latest.id if latest else None,
        outcomes=list(dict.fromkeys(clean)),
        grounds=codes,
        references=[{"kind": "url", "value": url} for url in dict.fromkeys(urls)] or None,
        note=note,
    )
    item.corrections.append(correction)
    session.flush()
    return correction


def _checked_url(url: str) -> str:
    from urllib.parse import urlsplit

    clean = url.strip()
    parts = urlsplit(clean)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in clean:
        raise InvalidInput(f"--reference {url!r} is not a web address: give it as https://...")
    return clean


@dataclass(frozen=True)
class FinalOutcome:
    """The outcome that counts for one item: a person's correction, else the parser's."""

    number: str
    text: str | None
    outcomes: tuple[str, ...]
    grounds: tuple[str, ...]
    references: tuple[dict[str, Any], ...]
    refers_to: tuple[str, ...]
    evidence: tuple[dict[str, Any], ...]
    needs_review: bool
    flags: tuple[str, ...]
    source: str  # "person", "parser" or "none" (no decision yet)
    decision_id: int | None
    note: str | None = None

    @property
    def referral_only(self) -> bool:
        """Answered only by pointing to material published elsewhere."""
        return set(self.outcomes) == {"referred"}

    def to_json(self) -> FinalOutcomeJSON:
        """JSON shape of an item's final outcome."""
        return {
            "number": self.number,
            "text": self.text,
            "outcomes": list(self.outcomes),
            "grounds": list(self.grounds),
            "refers_to": list(self.refers_to),
            "references": list(self.references),
            "evidence": list(self.evidence),
            "needs_review": self.needs_review,
            "flags": list(self.flags),
            "source": self.source,
            "decision_id": self.decision_id,
            "note": self.note,
        }


def _latest_parser_outcome(item: RequestItem) -> ItemOutcome | None:
    def order(outcome: ItemOutcome) -> tuple[date, int]:
        d = outcome.decision
        return (d.decision_date or d.bekendmaking_on or date.min, d.id)

    return max(item.outcomes, key=order, default=None)


def final_outcome(item: RequestItem) -> FinalOutcome:
    """The outcome that counts: the newest correction, else the newest decision's proposal."""
    proposal = _latest_parser_outcome(item)
    correction = item.corrections[-1] if item.corrections else None
    return _final(
        item.number,
        item.text,
        None
        if proposal is None
        else _Proposal(
            proposal.outcomes,
            proposal.grounds,
            proposal.references,
            proposal.refers_to,
            proposal.evidence,
            proposal.needs_review,
            proposal.flags,
            proposal.decision_id,
        ),
        None
        if correction is None
        else _Correction(
            correction.outcomes,
            correction.grounds,
            correction.references,
            correction.decision_id,
            correction.note,
        ),
    )


class _Proposal(NamedTuple):
    """The columns of an ``ItemOutcome`` that ``final_outcome`` reads."""

    outcomes: list[Any]
    grounds: list[Any]
    references: list[Any]
    refers_to: list[Any]
    evidence: list[Any]
    needs_review: bool
    flags: list[Any]
    decision_id: int | None


class _Correction(NamedTuple):
    """The columns of an ``OutcomeCorrection`` that ``final_outcome`` reads."""

    outcomes: list[Any]
    grounds: list[Any]
    references: list[Any] | None
    decision_id: int | None
    note: str | None


def _final(
    number: str, text: str | None, proposal: _Proposal | None, correction: _Correction | None
) -> FinalOutcome:
    base = FinalOutcome(
        number=number,
        text=text,
        outcomes=tuple(proposal.outcomes) if proposal else (),
        grounds=tuple(proposal.grounds) if proposal else (),
        references=tuple(proposal.references) if proposal else (),
        refers_to=tuple(proposal.refers_to) if proposal else (),
        evidence=tuple(proposal.evidence) if proposal else (),
        needs_review=proposal.needs_review if proposal else False,
        flags=tuple(proposal.flags) if proposal else (),
        source="parser" if proposal else "none",
        decision_id=proposal.decision_id if proposal else None,
    )
    if correction is None:
        return base
    return FinalOutcome(
        number=base.number,
        text=base.text,
        outcomes=tuple(correction.outcomes),
        grounds=tuple(correction.grounds),
        references=base.references
        if correction.references is None
        else tuple(correction.references),
        refers_to=base.refers_to,
        evidence=base.evidence,
        needs_review=False,
        flags=base.flags,
        source="person",
        decision_id=correction.decision_id or base.decision_id,
        note=correction.note,
    )


#: Rows fetched at a time by the streaming loaders: memory stays flat as the tracker grows.
CHUNK_ROWS = 2000


def _decoded_all(raws: tuple[str | None, ...]) -> list[Any]:
    """JSON columns read as their text (``_as_text``), decoded as the column type would
    (SQL NULL is None): in one call, as the items of one JSON array."""
    return json.loads(  # type: ignore[no-any-return]
        "[" + ",".join("null" if raw is None else raw for raw in raws) + "]"
    )


def _as_text(column: Any) -> Any:
    """A JSON column read as its stored text: only the rows that are used get decoded."""
    return cast(column, Text)


#: ``_ItemFilter(needs_review, flags, outcomes, corrected)``: whether an item may be wanted,
#: judged on its newest proposal's raw columns (JSON as text) before anything is decoded.
_ItemFilter = Callable[[bool, "str | None", "str | None", bool], bool]


def _iter_items(
    session: Session,
    *,
    evidence: bool,
    wanted: _ItemFilter | None = None,
    only: Any = None,
) -> Iterator[tuple[int, FinalOutcome | None]]:
    """Per item (by request, then position) its request id and ``final_outcome``; ``None``
    for an item that ``wanted`` turns down (it is not decoded at all).

    Core rows with the JSON columns as text: a row's JSON is decoded only when its proposal
    is the item's newest and the item is wanted. ``only``: a condition (SQL) on the items
    read at all.
    """
    corrections: dict[int, _Correction] = {}
    for row in session.execute(
        select(
            OutcomeCorrection.item_id,
            OutcomeCorrection.outcomes,
            OutcomeCorrection.grounds,
            OutcomeCorrection.references,
            OutcomeCorrection.decision_id,
            OutcomeCorrection.note,
        ).order_by(OutcomeCorrection.item_id, OutcomeCorrection.id)
    ):
        # Ordered by id within the item: the last one is ``item.corrections[-1]``.
        corrections[row[0]] = _Correction(*row[1:])
    evidence_column = _as_text(ItemOutcome.evidence) if evidence else null()
    statement = (
        select(
            RequestItem.request_id,
            RequestItem.id,
            RequestItem.number,
            RequestItem.text,
            ItemOutcome.id,
            _as_text(ItemOutcome.outcomes),
            _as_text(ItemOutcome.grounds),
            _as_text(ItemOutcome.references),
            _as_text(ItemOutcome.refers_to),
            evidence_column,
            ItemOutcome.needs_review,
            _as_text(ItemOutcome.flags),
            ItemOutcome.decision_id,
            Decision.decision_date,
            Decision.bekendmaking_on,
        )
        .outerjoin(ItemOutcome, ItemOutcome.item_id == RequestItem.id)
        .outerjoin(Decision, Decision.id == ItemOutcome.decision_id)
        .order_by(RequestItem.request_id, RequestItem.position, RequestItem.id)
    )
    if only is not None:
        statement = statement.where(only)
    # Core, not ORM rows: a third of the cost per row at 200,000 items.
    rows = session.connection().execution_options(yield_per=CHUNK_ROWS).execute(statement)

    def final(item: tuple[int, str, str | None], best: Any) -> FinalOutcome | None:
        item_id, number, text = item
        correction = corrections.get(item_id)
        if wanted is not None and (
            best is None or not wanted(best[10], best[11], best[5], correction is not None)
        ):
            return None
        proposal = None
        if best is not None:
            outcomes, grounds, references, refers_to, evidence, flags = _decoded_all(
                (best[5], best[6], best[7], best[8], best[9], best[11])
            )
            proposal = _Proposal(
                outcomes,
                grounds,
                references,
                refers_to,
                evidence or [],
                best[10],
                flags,
                best[12],
            )
        return _final(number, text, proposal, correction)

    request_id = 0
    item: tuple[int, str, str | None] | None = None
    best: Any = None
    order: tuple[date, int] = (date.min, 0)
    for row in rows:
        if item is None or row[1] != item[0]:
            if item is not None:
                yield request_id, final(item, best)
            request_id, item, best = row[0], (row[1], row[2], row[3]), None
        if row[4] is None:
            continue  # an item without parser outcomes
        # As _latest_parser_outcome: the newest decision's proposal wins.
        candidate = (row[13] or row[14] or date.min, row[12])
        if best is None or candidate > order:
            best, order = row, candidate
    if item is not None:
        yield request_id, final(item, best)


def iter_final_outcomes(
    session: Session, *, evidence: bool = True
) -> Iterator[tuple[int, list[FinalOutcome]]]:
    """Per request with items (ascending id), its items' ``final_outcome`` in item order.

    Plain rows in two queries instead of ORM objects: the items joined with their parser
    outcomes and the decisions' dates (streamed in chunks), and the corrections (newest per
    item). ``evidence=False`` leaves the evidence out (``FinalOutcome.evidence`` is empty)
    for callers that do not show it. Same results as ``final_outcome`` on loaded items.
    """
    current: int | None = None
    finals: list[FinalOutcome] = []
    for request_id, found in _iter_items(session, evidence=evidence):
        if request_id != current:
            if current is not None:
                yield current, finals
            current, finals = request_id, []
        assert found is not None  # nothing is filtered out
        finals.append(found)
    if current is not None:
        yield current, finals


def final_outcomes_of(
    session: Session, request_ids: Iterable[int], *, evidence: bool = True
) -> Iterator[list[FinalOutcome]]:
    """For each of ``request_ids`` (ascending), its items' final outcomes (empty without items).

    Streams ``iter_final_outcomes`` alongside the caller's own walk over the requests.
    """
    pending = iter_final_outcomes(session, evidence=evidence)
    upcoming = next(pending, None)
    for request_id in request_ids:
        while upcoming is not None and upcoming[0] < request_id:
            upcoming = next(pending, None)
        if upcoming is not None and upcoming[0] == request_id:
            yield upcoming[1]
            upcoming = next(pending, None)
        else:
            yield []


class ReviewItem(NamedTuple):
    """An item a person should check, with its request's id and authority."""

    request_id: int
    authority: str
    final: FinalOutcome


def items_needing_review(session: Session) -> list[ReviewItem]:
    """Items whose outcome a person should check: parser doubt, flags, unanswered items."""
    authorities = dict(
        session.execute(
            select(Request.id, Authority.name).join(Authority, Request.authority_id == Authority.id)
        ).all()
    )
    found: list[ReviewItem] = []
    # Only items with a proposal that may call for review are read (a superset of those
    # whose newest proposal does: see _may_need_review); the rows decide.
    doubtful = select(ItemOutcome.item_id).where(
        or_(
            ItemOutcome.needs_review == true(),
            ItemOutcome.flags.is_(None),
            _as_text(ItemOutcome.flags) != "[]",
            ItemOutcome.outcomes.is_(None),
            _as_text(ItemOutcome.outcomes).like('%"unanswered"%'),
        )
    )
    for request_id, final in _iter_items(
        session, evidence=True, wanted=_may_need_review, only=RequestItem.id.in_(doubtful)
    ):
        if final is not None and _needs_review(final):
            found.append(ReviewItem(request_id, authorities[request_id], final))
    return found


def _needs_review(final: FinalOutcome) -> bool:
    return final.source == "parser" and bool(
        final.needs_review or final.flags or "unanswered" in final.outcomes
    )


def _may_need_review(
    needs_review: bool, flags: str | None, outcomes: str | None, corrected: bool
) -> bool:
    """``_needs_review`` as far as the raw columns tell, never False when it is True: a
    person's correction settles an item; else the parser's doubt, any flag (a list other than
    ``[]``) or the outcome "unanswered" (its JSON string in the list's text) calls for review."""
    if corrected:
        return False
    return bool(
        needs_review
        or flags is None
        or flags.strip() != "[]"
        or outcomes is None
        or '"unanswered"' in outcomes
    )


@dataclass(frozen=True)
class DecisionWarnings:
    """A stored decision with the warnings its import recorded (parser's and import's)."""

    request_id: int
    authority: str
    decision_id: int
    decision_kind: str
    file: str | None
    warnings: tuple[str, ...]

    def to_json(self) -> ReviewDecisionJSON:
        """One ``review --json`` row of kind "decision".

        It also carries the keys of an item row (``number`` null, ``flags`` the warnings,
        ``source`` "import"), so that a reader of item rows does not break on it.
        """
        return {
            "kind": "decision",
            "request_id": self.request_id,
            "authority": self.authority,
            "decision_id": self.decision_id,
            "decision_kind": self.decision_kind,
            "file": self.file,
            "warnings": list(self.warnings),
            "number": None,
            "text": None,
            "outcomes": [],
            "grounds": [],
            "refers_to": [],
            "references": [],
            "evidence": [],
            "needs_review": True,
            "flags": list(self.warnings),
            "source": "import",
            "note": None,
        }


def decisions_with_warnings(session: Session) -> list[DecisionWarnings]:
    """Every stored decision whose import left warnings, by request and then decision.

    One query over the decisions' small columns (not their stored parser output).
    """
    rows = session.execute(
        select(
            Decision.request_id,
            Authority.name,
            Decision.id,
            Decision.kind,
            Decision.file_name,
            Decision.warnings,
        )
        .join(Request, Decision.request_id == Request.id)
        .join(Authority, Request.authority_id == Authority.id)
        .order_by(Decision.request_id, Decision.decision_date, Decision.id)
    )
    return [
        DecisionWarnings(
            request_id, authority, decision_id, kind, file, tuple(str(w) for w in warnings)
        )
        for request_id, authority, decision_id, kind, file, warnings in rows
        if warnings
    ]
