"""Batch intake: ``wobtrack import LETTERS... | DIR``.

Each decision letter becomes a request (authority, subject, dates, kenmerk and quoted items
as the letter gives them) with the letter imported as its decision, or is attached to an
existing request when ``--request`` or a matching kenmerk says so. An inventory list sent
as a PDF of its own is attached to the decision of the letter beside it.

How it keeps its promises:

* idempotent: a file is known by its SHA-256; one imported before (as a letter or as an
  inventory) is reported as ``unchanged`` and not parsed again, so an interrupted run is
  resumed by running it again;
* all parsing happens first, in parallel (``parsing.batch.parse_files``), outside any
  transaction; then each file is stored in a transaction of its own, so a file that fails
  leaves nothing behind and does not stop the others;
* every file gets one outcome: ``created``, ``attached``, ``needs review`` (stored, but
  something the letter did not say clearly must be checked), ``unchanged`` or ``refused``
  (nothing stored) with the reason.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, Final

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from wobtrack.contracts import IntakeFileJSON, IntakeJSON, stored_json
from wobtrack.deadlines.law import derive_regime
from wobtrack.decisions import import_parsed_decision
from wobtrack.errors import InvalidInput, WobtrackError
from wobtrack.items import ItemText
from wobtrack.models import Decision, DecisionFile, Request
from wobtrack.organise import tag_request
from wobtrack.tracker import add_request, get_request

CREATED: Final = "created"
ATTACHED: Final = "attached"
NEEDS_REVIEW: Final = "needs review"
UNCHANGED: Final = "unchanged"
REFUSED: Final = "refused"
#: Every outcome of one file, in the order the summary counts them.
OUTCOMES: Final = (CREATED, ATTACHED, NEEDS_REVIEW, UNCHANGED, REFUSED)

#: Exit status of a run in which some file was refused (its reasons are printed).
REFUSED_EXIT: Final = 1

Transaction = Callable[[], AbstractContextManager[Session]]


@dataclass(frozen=True)
class IntakeOptions:
    """What the user said besides the files."""

    #: Attach every letter to this request instead of creating requests.
    request_id: int | None = None
    #: The authority of letters that do not name theirs.
    authority: str | None = None
    #: Tags for every request a letter goes to.
    tags: tuple[str, ...] = ()
    jobs: int = 1
    use_cache: bool = True
    ocr: bool = False


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one file; ``message`` is the line printed for it."""

    file: str
    outcome: str
    message: str
    request_id: int | None = None
    decision_id: int | None = None
    #: Why the file needs review or was refused.
    reasons: tuple[str, ...] = ()
    #: Items of the letter whose outcome a person should check (``wobtrack review``).
    items_to_review: int = 0

    def to_json(self) -> IntakeFileJSON:
        """The shape of one file in ``import --json``."""
        return {
            "file": self.file,
            "outcome": self.outcome,
            "message": self.message,
            "request_id": self.request_id,
            "decision_id": self.decision_id,
            "reasons": list(self.reasons),
            "items_to_review": self.items_to_review,
        }


@dataclass
class IntakeReport:
    """The outcome of every file, in the order the files were given."""

    files: list[FileOutcome] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """How many files had each outcome."""
        return {outcome: sum(f.outcome == outcome for f in self.files) for outcome in OUTCOMES}

    def items_to_review(self) -> dict[str, int]:
        """How many items of the stored letters a person should check, by the file's outcome
        (a letter ``created`` or ``attached`` can still have items ``wobtrack review`` lists)."""
        return {
            outcome: sum(f.items_to_review for f in self.files if f.outcome == outcome)
            for outcome in OUTCOMES
        }

    @property
    def exit_status(self) -> int:
        """0, or ``REFUSED_EXIT`` when a file was refused."""
        return REFUSED_EXIT if any(f.outcome == REFUSED for f in self.files) else 0

    def to_json(self) -> IntakeJSON:
        """``import --json``: the counts and one object per file."""
        return {
            "counts": self.counts(),
            "items_to_review": sum(f.items_to_review for f in self.files),
            "files": [f.to_json() for f in self.files],
        }


def items_need_review(count: int) -> str:
    """The count of items to check, in words: "1 item needs review", "2 items need review"."""
    return f"{count} item needs review" if count == 1 else f"{count} items need review"


def collect_files(paths: Sequence[Path]) -> list[Path]:
    """The PDFs to import: files as given, folders searched for ``*.pdf`` (recursively,
    sorted by path); a file given twice counts once."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() == ".pdf"))
        elif path.exists():
            found.append(path)
        else:
            raise InvalidInput(f"{path}: no such file or folder")
    unique = list(dict.fromkeys(p.resolve() for p in found))
    if not unique:
        raise InvalidInput(f"no PDF files in {', '.join(str(p) for p in paths)}")
    return unique


def _sha256(path: Path) -> str:
    """The file's SHA-256; only a regular file is read (a FIFO would wait for a writer)."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise OSError(errno.EINVAL, "not a regular file (a FIFO, device or directory?)")
    digest = hashlib.sha256()
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with open(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):  # swapped in between
            raise OSError(errno.EINVAL, "not a regular file")
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def reference_key(reference: str) -> str:
    """A kenmerk compared without case and spaces ("W ob/2021/039" is "WOB/2021/039")."""
    return "".join(reference.split()).lower()


def _known_files(session: Session, hashes: Sequence[str]) -> dict[str, FileOutcome]:
    """Files imported before, by hash: as a decision's letter or as an inventory."""
    known: dict[str, FileOutcome] = {}
    # In chunks: a folder of thousands of files must not exceed a backend's parameter limit.
    chunks = [hashes[i : i + _CHUNK] for i in range(0, len(hashes), _CHUNK)]
    for chunk in chunks:
        known.update(_known_chunk(session, chunk))
    return known


#: Hashes looked up per query.
_CHUNK: Final = 500


def _known_chunk(session: Session, hashes: Sequence[str]) -> dict[str, FileOutcome]:
    known: dict[str, FileOutcome] = {}
    for sha, decision_id, request_id, name in session.execute(
        select(Decision.file_sha256, Decision.id, Decision.request_id, Decision.file_name).where(
            Decision.file_sha256.in_(hashes)
        )
    ):
        if sha is None:
            continue
        known[sha] = FileOutcome(
            "",
            UNCHANGED,
            f"imported before as decision {decision_id} of request {request_id} ({name})",
            request_id,
            decision_id,
        )
    for sha, decision_id, request_id in session.execute(
        select(DecisionFile.file_sha256, DecisionFile.decision_id, Decision.request_id)
        .join(Decision, Decision.id == DecisionFile.decision_id)
        .where(DecisionFile.file_sha256.in_(hashes))
    ):
        known.setdefault(
            sha,
            FileOutcome(
                "",
                UNCHANGED,
                f"attached before as the inventory of decision {decision_id} "
                f"of request {request_id}",
                request_id,
                decision_id,
            ),
        )
    return known


@dataclass(frozen=True)
class _Parsed:
    path: Path
    sha256: str
    data: dict[str, Any]

    @property
    def is_inventory(self) -> bool:
        return self.data.get("kind") == "inventory"


def import_letters(
    paths: Sequence[Path],
    transaction: Transaction,
    options: IntakeOptions,
    *,
    today: date,
    progress: Callable[[], None] | None = None,
) -> IntakeReport:
    """Import every PDF in ``paths`` (see the module docstring); one transaction per file.

    ``transaction()`` opens a unit of work (the CLI's ``App.transaction``). ``progress`` is
    called once per file when it is known or parsed. Refused files are in the report, not
    raised; only a bad argument (no PDFs, an unknown ``--request``) raises.
    """
    from wobtrack.parsing.batch import parse_files
    from wobtrack.parsing.letters import PARSER_VERSION
    from wobtrack.parsing.pdftext import default_cache_dir

    files = collect_files(paths)
    if options.request_id is not None:
        with transaction() as session:
            get_request(session, options.request_id)  # NotFound before anything is parsed
    results: dict[Path, FileOutcome] = {}
    hashes: dict[Path, str] = {}
    for path in files:
        try:
            hashes[path] = _sha256(path)
        except OSError as exc:
            results[path] = FileOutcome(str(path), REFUSED, f"cannot read it: {exc.strerror}")
    with transaction() as session:
        known = _known_files(session, list(hashes.values()))
    first_of: dict[str, Path] = {}
    to_parse: list[Path] = []
    for path, sha in hashes.items():
        if sha in known:
            results[path] = _with_file(known[sha], path)
        elif sha in first_of:
            results[path] = FileOutcome(
                str(path), UNCHANGED, f"the same file as {first_of[sha].name} (skipped)"
            )
        else:
            first_of[sha] = path
            to_parse.append(path)
            continue
        if progress is not None:
            progress()
    cache_dir = default_cache_dir() if options.use_cache else None
    parsed: list[_Parsed] = []
    for result in parse_files(
        to_parse,
        options.jobs,
        cache_dir,
        (lambda _result: progress()) if progress is not None else None,
        ocr=options.ocr,
    ):
        path = Path(result.file)
        if result.data is None:
            # The parser's message starts with the path; the report names the file itself.
            error = (result.error or "cannot parse it").removeprefix(f"{result.file}: ")
            results[path] = FileOutcome(str(path), REFUSED, error, reasons=(error,))
        else:
            parsed.append(_Parsed(path, hashes[path], stored_json(result.data)))
    letters = [p for p in parsed if not p.is_inventory]
    inventories = [p for p in parsed if p.is_inventory]
    for letter in letters:
        results[letter.path] = _in_transaction(
            transaction,
            letter.path,
            partial(
                _take_letter,
                letter=letter,
                options=options,
                today=today,
                parser_version=PARSER_VERSION,
            ),
        )
    stored = {p.path: results[p.path].decision_id for p in letters if results[p.path].decision_id}
    for inventory in inventories:
        results[inventory.path] = _in_transaction(
            transaction,
            inventory.path,
            partial(
                _take_inventory,
                inventory=inventory,
                options=options,
                letters=stored,
                parser_version=PARSER_VERSION,
            ),
        )
    return IntakeReport([results[path] for path in files])


def _with_file(outcome: FileOutcome, path: Path) -> FileOutcome:
    return FileOutcome(
        str(path),
        outcome.outcome,
        outcome.message,
        outcome.request_id,
        outcome.decision_id,
        outcome.reasons,
        outcome.items_to_review,
    )


def _in_transaction(
    transaction: Transaction, path: Path, work: Callable[[Session], FileOutcome]
) -> FileOutcome:
    """Run ``work`` in a transaction of its own; a refusal rolls back what it wrote."""
    try:
        with transaction() as session:
            return work(session)
    except WobtrackError as exc:
        return FileOutcome(str(path), REFUSED, str(exc), reasons=(str(exc),))
    except IntegrityError as exc:  # e.g. another process imported the same file meanwhile
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
        return FileOutcome(str(path), REFUSED, f"the database refused it: {detail}")


def _requests_with_reference(session: Session, reference: str) -> list[int]:
    """Requests whose kenmerk, or one of whose decisions' kenmerk, is ``reference``."""
    key = reference_key(reference)

    def squeezed(column: Any) -> Any:
        return func.lower(func.replace(column, " ", ""))

    own = select(Request.id).where(squeezed(Request.reference) == key)
    decided = select(Decision.request_id).where(squeezed(Decision.reference) == key)
    found = set(session.scalars(own)) | set(session.scalars(decided))
    return sorted(found)


def _iso(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def _take_letter(
    session: Session, letter: _Parsed, options: IntakeOptions, today: date, parser_version: str
) -> FileOutcome:
    """Create a request for the letter, or attach it to the one it belongs to."""
    data = letter.data
    if data.get("decision") is None and data.get("bezwaar") is None:
        # A decision has a dictum and must say how to object (Awb 3:45); a letter with
        # neither is a request, an acknowledgement or a cover letter.
        raise InvalidInput(
            "no decision and no bezwaar clause found: not a decision letter (a request or "
            "an acknowledgement?); to store it anyway use `wobtrack decision import`"
        )
    doubts: list[str] = []
    request_id = options.request_id
    reference = data.get("reference")
    if request_id is None and reference:
        matching = _requests_with_reference(session, reference)
        if len(matching) > 1:
            listed = ", ".join(str(r) for r in matching)
            raise InvalidInput(
                f"its kenmerk {reference} is that of requests {listed}: say which with --request"
            )
        request_id = matching[0] if matching else None
    if request_id is None:
        request_id = _new_request(session, letter, options, today, doubts).id
        outcome = CREATED
    else:
        outcome = ATTACHED
    result = import_parsed_decision(
        session,
        request_id,
        data,
        file_name=letter.path.name,
        sha256=letter.sha256,
        parser_version=parser_version,
        today=today,
    )
    # A letter that does not fit the request it was attached to (dates, items) is a doubt.
    doubts.extend(result.plausibility_warnings)
    if options.tags:
        tag_request(session, request_id, options.tags)
    decision = result.decision
    to_review = sum(bool(o.needs_review or o.flags) for o in decision.outcomes)
    action = "request" if outcome == CREATED else "existing request"
    what = f"{decision.kind} {decision.id}"
    count = len(decision.outcomes)
    message = f"{outcome} {action} {request_id} ({what}, {count} item{'s' if count != 1 else ''}"
    message += f", {items_need_review(to_review)})" if to_review else ")"
    if result.added_items:
        doubts.append(f"items {', '.join(result.added_items)} were not logged with the request")
    if doubts:
        message += ": " + "; ".join(doubts)
    return FileOutcome(
        str(letter.path),
        NEEDS_REVIEW if doubts else outcome,
        message,
        request_id,
        decision.id,
        tuple(doubts),
        to_review,
    )


def _new_request(
    session: Session, letter: _Parsed, options: IntakeOptions, today: date, doubts: list[str]
) -> Request:
    """The request a letter answers, as the letter describes it."""
    from wobtrack.parsing.header import AUTHORITY_FROM_CLAUSE

    data = letter.data
    if data.get("kind") == "bezwaar":
        raise InvalidInput(
            "it is a beslissing op bezwaar and no request has its kenmerk: import the "
            "request's besluit first, or say which request with --request"
        )
    authority = data.get("authority") or options.authority
    if not authority:
        raise InvalidInput(
            "the letter does not name the authority that decided (its letterhead may be an "
            "image): give it with --authority NAME"
        )
    if data.get("authority") and any(
        str(w).startswith(AUTHORITY_FROM_CLAUSE) for w in data.get("warnings", [])
    ):
        doubts.append(f"authority '{authority}' read from the bezwaar clause, not a signature")
    elif not data.get("authority"):
        doubts.append(f"authority '{authority}' from --authority (the letter names none)")
    subject = data.get("subject")
    if not subject:
        subject = letter.path.stem
        doubts.append("no Betreft/Onderwerp line: the file name is the subject")
    sent, received = _iso(data.get("request_date")), _iso(data.get("request_received"))
    if sent is not None and received is not None and received < sent:
        doubts.append(
            f"the letter dates the request {sent.isoformat()} but its receipt "
            f"{received.isoformat()}: the sent date is left empty"
        )
        sent = None
    if received is None:
        doubts.append(
            "no receipt date in the letter: the decision term is unknown until you log it "
            "(`wobtrack event add ID received DATE`)"
        )
    # The law in force on the day of receipt decides the regime (Woo 10.2a); without any
    # date, the law the letter cites.
    regime = None if received or sent else data.get("regime")
    derived = derive_regime(received, sent, today) if received or sent else regime
    if data.get("regime") and derived and data["regime"] != derived:
        doubts.append(
            f"the letter applies the {str(data['regime']).title()} but the request was "
            f"received under the {derived.title()}"
        )
    items = [ItemText(str(item["number"]), str(item.get("text") or "")) for item in data["items"]]
    return add_request(
        session,
        authority=authority,
        subject=subject,
        today=today,
        regime=regime,
        sent=sent,
        received=received,
        reference=data.get("reference"),
        items=items,
        tags=options.tags,
    )


def _stem_key(path: Path) -> str:
    return "".join(ch for ch in path.stem.lower() if ch.isalnum())


def _starts_with(inventory_key: str, letter_key: str) -> bool:
    """An inventory named after its letter: "besluit-12-inventaris" after "besluit-12"."""
    return bool(letter_key) and inventory_key != letter_key and inventory_key.startswith(letter_key)


def _take_inventory(
    session: Session,
    inventory: _Parsed,
    options: IntakeOptions,
    letters: dict[Path, int | None],
    parser_version: str,
) -> FileOutcome:
    """Attach an inventory list to the decision of the letter it belongs to: the letter
    beside it whose file name starts its own, one with the same kenmerk, or the newest
    decision of ``--request``."""
    candidates: set[int] = set()
    if options.request_id is not None:
        request = get_request(session, options.request_id)
        if not request.decisions:
            raise InvalidInput(
                f"it is an inventory list and request {options.request_id} has no decision yet "
                "to attach it to: import the letter with it"
            )
        candidates.add(request.decisions[-1].id)
    else:
        own = _stem_key(inventory.path)
        for path, decision_id in letters.items():
            if (
                decision_id
                and path.parent == inventory.path.parent
                and _starts_with(own, _stem_key(path))
            ):
                candidates.add(decision_id)
        for decision_id, name in session.execute(
            select(Decision.id, Decision.file_name).where(Decision.file_name.is_not(None))
        ):
            if _starts_with(own, _stem_key(Path(name or ""))):
                candidates.add(decision_id)
        reference = inventory.data.get("reference")
        if reference:
            key = reference_key(reference)
            candidates |= set(
                session.scalars(
                    select(Decision.id).where(
                        or_(func.lower(func.replace(Decision.reference, " ", "")) == key)
                    )
                )
            )
    if not candidates:
        raise InvalidInput(
            "it is an inventory list and no letter beside it has a file name its own starts "
            "with, nor its kenmerk: give the letter's request with --request"
        )
    if len(candidates) > 1:
        listed = ", ".join(str(c) for c in sorted(candidates))
        raise InvalidInput(
            f"it is an inventory list that could belong to decisions {listed}: import it "
            "with --request"
        )
    from wobtrack.decisions import LetterRead
    from wobtrack.documents import attach_inventory

    decision = session.get_one(Decision, candidates.pop())
    _, documents = attach_inventory(
        session,
        decision,
        LetterRead(inventory.path, inventory.sha256, inventory.data, parser_version),
    )
    unsure = sum(d.needs_review for d in documents)
    message = (
        f"attached to decision {decision.id} of request {decision.request_id} as its "
        f"inventory ({len(documents)} documents" + (f", {unsure} to review)" if unsure else ")")
    )
    return FileOutcome(str(inventory.path), ATTACHED, message, decision.request_id, decision.id)


def default_jobs() -> int:
    """Worker processes for parsing: one per CPU."""
    return os.cpu_count() or 1
