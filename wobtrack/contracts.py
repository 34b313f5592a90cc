"""The JSON contract: every shape that a ``--json`` output, the export's deadlines and the
renderers exchange, as typed definitions in one place.

Each ``*_json``/``to_json`` builder returns one of these, and each renderer takes one, so
``mypy --strict`` reports a key that is misspelt, renamed or missing where a shape is built
or read. The names a shape carries are a contract (see README, "JSON output"): fields are
added, never renamed; ``tests/test_contracts.py`` holds the key sets, so a rename here fails
a test too.

Dates are ISO strings (``YYYY-MM-DD``), ``None`` is JSON's null. This module imports
nothing of wobtrack's, so every layer can use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, NotRequired, TypedDict

# --------------------------------------------------------------------------- parse --json


class EvidenceJSON(TypedDict):
    """A sentence of the letter that justifies an outcome, with its 1-based page."""

    page: int
    text: str


class ReferenceJSON(TypedDict):
    """Already-public material an answer points to (kind: url, decision or document)."""

    kind: str
    value: str


class ReviewReasonJSON(TypedDict):
    """Why a parsed item needs review: a rule code of the review policy and its reason."""

    code: str
    reason: str


class ParsedItemJSON(TypedDict):
    """One item of ``parse --json``."""

    number: str
    text: str | None
    outcomes: list[str]
    grounds: list[str]
    refers_to: list[str]
    references: list[ReferenceJSON]
    evidence: list[EvidenceJSON]
    needs_review: bool
    review: list[ReviewReasonJSON]


class DictumJSON(TypedDict):
    """The letter's "Besluit" section."""

    parts: list[str]
    evidence: list[EvidenceJSON]


class BezwaarClauseJSON(TypedDict):
    """The rechtsmiddelenclausule as the parser read it."""

    weeks: int
    electronic_filing: bool | None
    address: str | None
    remedy: str


class InventoryDocumentJSON(TypedDict):
    """One row of an inventory list."""

    number: str | None
    date: str | None
    title: str | None
    judgement: str | None
    judgement_text: str | None
    grounds: list[str]
    link: str | None
    page: int | None
    needs_review: bool
    #: The request item(s) an "Onderdeel verzoek" column ties the row to, as printed ("2",
    #: "1, 3"); only for a table with such a column.
    item: NotRequired[str]


class ParsedLetterJSON(TypedDict):
    """One letter of ``parse --json``; ``ocr_pages`` only when pages were read by OCR."""

    file: str
    pages: int
    regime: str | None
    decision_date: str | None
    reference: str | None
    request_received: str | None
    request_date: str | None
    kind: str | None
    extended_on: str | None
    extended_to: str | None
    items: list[ParsedItemJSON]
    decision: DictumJSON | None
    bezwaar: BezwaarClauseJSON | None
    warnings: list[str]
    documents: list[InventoryDocumentJSON]
    authority: str | None
    subject: str | None
    ocr_pages: NotRequired[list[int]]


# --------------------------------------------------------------------------- documents


class DocumentJSON(InventoryDocumentJSON):
    """A stored inventory document (``decision show --json``'s documents): the parser's
    names, whether it is suspended (opgeschort) and the file it was read from."""

    suspended: bool
    file: str | None


class DocumentGroundJSON(TypedDict):
    """How many documents cite a ground."""

    ground: str
    documents: int


class DocumentCountsJSON(TypedDict):
    """Inventory documents counted: ``judgements`` has every judgement and "unknown",
    ``grounds`` the most cited first."""

    total: int
    judgements: dict[str, int]
    grounds: list[DocumentGroundJSON]
    needs_review: int
    suspended: int


class DecisionDocumentCountsJSON(DocumentCountsJSON):
    """One decision's documents counted (``request show``'s documents)."""

    decision_id: int


class RequestDocumentsJSON(DocumentCountsJSON):
    """``request show --json``'s documents: counted in all and per decision."""

    decisions: list[DecisionDocumentCountsJSON]


# --------------------------------------------------------------------------- deadlines


class AlternativeDueJSON(TypedDict):
    """The date under another reading of an unsettled rule."""

    due: str
    reason: str


class DeadlineJSON(TypedDict):
    """A computed deadline with its legal basis and steps (``calc``, without the request)."""

    kind: str
    due: str
    due_weekday: str
    raw_end: str
    basis: list[str]
    steps: list[str]
    warnings: list[str]
    alternatives: list[AlternativeDueJSON]


class TrackedDeadlineJSON(DeadlineJSON):
    """A deadline as it applies to one request on one day (``request show``'s deadlines)."""

    key: str
    action: str
    days_left: int
    passed: bool
    decision_id: int | None


class CalcJSON(DeadlineJSON):
    """``calc ... --json``: ``kind`` is the subcommand as typed, ``term`` the computed term."""

    term: str
    inputs: dict[str, Any]


class OpenDeadlineJSON(TrackedDeadlineJSON):
    """One element of ``deadlines --json``: the request, the whole deadline, what to do."""

    request_id: int
    authority: str
    subject: str
    reference: str | None


class ReminderJSON(TypedDict):
    """One element of ``remind --json``."""

    request_id: int
    authority: str
    subject: str
    reference: str | None
    key: str
    title: str
    due: str
    days_left: int
    decision_id: int | None
    action: str
    warnings: list[str]


class FlagJSON(TypedDict):
    """A stored event that makes no legal sense, with the reason."""

    event_id: int | None
    message: str


class RequestStatusJSON(TypedDict):
    """A request's derived state, deadlines (soonest first), flags and warnings."""

    state: str
    regime: str | None
    deadlines: list[TrackedDeadlineJSON]
    flags: list[FlagJSON]
    warnings: list[str]


# --------------------------------------------------------------------------- requests


class ItemJSON(TypedDict):
    """A requested item."""

    number: str
    text: str | None
    added_from_decision: int | None


class EventJSON(TypedDict):
    """A step of a request's timeline (sent and received have no id)."""

    id: int | None
    kind: str
    date: str
    note: str | None
    decision_id: int | None


class DecisionBezwaarJSON(TypedDict):
    """The bezwaar clause a stored decision carries."""

    weeks: int
    electronic_filing: bool | None
    address: str | None


class DecisionJSON(TypedDict):
    """A stored decision without its per-item outcomes."""

    id: int
    kind: str
    decision_date: str | None
    bekendmaking: str | None
    reference: str | None
    file: str | None
    sha256: str | None
    pages: int | None
    parser_version: str | None
    bezwaar: DecisionBezwaarJSON | None
    warnings: list[str]


class NextDeadlineJSON(TypedDict):
    """The soonest deadline that is still open."""

    key: str
    due: str


class _RequestHeadJSON(TypedDict):
    """What every shape of a whole request starts with."""

    id: int
    authority: str
    subject: str
    regime: str
    reference: str | None
    sent: str | None
    received: str | None
    state: str


class RequestSummaryJSON(_RequestHeadJSON):
    """A request in one line: state and next open deadline."""

    item_count: int
    next_deadline: NextDeadlineJSON | None


class RequestRowJSON(RequestSummaryJSON):
    """One element of ``request list --json``."""

    tags: list[str]


class RequestJSON(_RequestHeadJSON):
    """``request show --json`` (and ``request add --json``)."""

    regime_derived: bool
    bezwaar_committee: bool
    notes: str | None
    tags: list[str]
    items: list[ItemJSON]
    timeline: list[EventJSON]
    decisions: list[DecisionJSON]
    deadlines: list[TrackedDeadlineJSON]
    flags: list[FlagJSON]
    warnings: list[str]
    #: ``request show`` only (not ``request add`` nor the HTML report).
    documents: NotRequired[RequestDocumentsJSON]


# --------------------------------------------------------------------------- outcomes


class _OutcomeCoreJSON(TypedDict):
    """What every per-item outcome row carries (the parser's or a person's)."""

    number: str
    text: str | None
    outcomes: list[str]
    grounds: list[str]
    refers_to: list[str]
    references: list[dict[str, Any]]
    needs_review: bool
    flags: list[str]


class OutcomeProposalJSON(_OutcomeCoreJSON):
    """The parser's proposal for one item of one decision."""

    evidence: list[dict[str, Any]]


class FinalOutcomeJSON(OutcomeProposalJSON):
    """The outcome that counts for one item: a person's correction, else the parser's."""

    source: str
    decision_id: int | None
    note: str | None


class ReviewItemJSON(FinalOutcomeJSON):
    """A ``review --json`` row of kind "item"."""

    request_id: int
    authority: str
    kind: Literal["item"]


class ReviewDecisionJSON(TypedDict):
    """A ``review --json`` row of kind "decision". It also carries the keys of an item row
    (``number`` null, ``flags`` the warnings, ``source`` "import"), so that a reader of item
    rows does not break on it."""

    kind: Literal["decision"]
    request_id: int
    authority: str
    decision_id: int
    decision_kind: str
    file: str | None
    warnings: list[str]
    number: None
    text: None
    outcomes: list[str]
    grounds: list[str]
    refers_to: list[str]
    references: list[dict[str, Any]]
    evidence: list[dict[str, Any]]
    needs_review: bool
    flags: list[str]
    source: str
    note: None


class ReviewDocumentJSON(TypedDict):
    """A ``review --json`` row of kind "document": an inventory document whose judgement a
    person should check. It also carries the keys of an item row (``number`` the
    document's, ``text`` its title, ``outcomes`` empty, ``flags`` saying why)."""

    kind: Literal["document"]
    request_id: int
    authority: str
    decision_id: int
    file: str | None
    number: str | None
    text: str | None
    judgement: str | None
    judgement_text: str | None
    page: int | None
    outcomes: list[str]
    grounds: list[str]
    refers_to: list[str]
    references: list[dict[str, Any]]
    evidence: list[dict[str, Any]]
    needs_review: bool
    flags: list[str]
    source: str
    note: None


class ImportJSON(TypedDict):
    """``decision import --json``."""

    decision_id: int
    kind: str
    created: bool
    added_items: list[str]
    unanswered_items: list[str]
    verdaging: EventJSON | None
    warnings: list[str]
    import_warnings: list[str]
    parser_warnings: list[str]
    items: list[FinalOutcomeJSON]
    inventory: str | None
    documents: DocumentCountsJSON


class RecordedDecisionJSON(TypedDict):
    """``decision add --json``: a decision recorded by hand."""

    decision_id: int
    request_id: int
    kind: str
    decision_date: str | None
    bekendmaking_on: str | None
    warnings: list[str]


class DecisionRowJSON(DecisionJSON):
    """One element of ``decision list --json``."""

    request_id: int
    item_count: int


class DecisionEventJSON(TypedDict):
    """An event a decision recorded (``decision show``)."""

    id: int
    kind: str
    date: str
    note: str | None


class DecisionDetailsJSON(DecisionRowJSON):
    """``decision show --json``."""

    events: list[DecisionEventJSON]
    items: list[OutcomeProposalJSON]
    documents: list[DocumentJSON]


# --------------------------------------------------------------------------- summary


class TimelinessJSON(TypedDict):
    """A request's timing against the legal term (``summary --json``)."""

    verdict: str
    receipt: str | None
    receipt_assumed: bool
    due: str | None
    term_days: int | None
    decided_on: str | None
    decision_id: int | None
    days: int | None
    days_late: int | None
    partial_decisions: list[int]
    problem: str | None


class DecisionTimingJSON(TypedDict):
    """The decision that decides a request, as ``summary --json`` shows it."""

    id: int
    kind: str
    date: str
    days: int | None
    due: str | None
    term_days: int | None
    late: bool | None


class SummaryItemJSON(_OutcomeCoreJSON):
    """An item of ``summary --json``: its final outcome without the evidence."""

    source: str
    decision_id: int | None
    note: str | None
    referral_only: bool


class SummaryRequestJSON(TypedDict):
    """A request of ``summary --json``."""

    id: int
    authority: str
    subject: str
    regime: str
    reference: str | None
    received: str | None
    state: str
    decision: DecisionTimingJSON | None
    timeliness: TimelinessJSON
    items_total: int
    items_decided: int
    items: list[SummaryItemJSON]


class SpreadJSON(TypedDict):
    """A median and maximum (null without values)."""

    median: float | None
    max: int | None


class GroundCountJSON(TypedDict):
    """How many items cite a ground."""

    ground: str
    items: int


class AuthorityTimingJSON(TypedDict):
    """An authority's timing and outcomes, counted while the requests are walked."""

    authority: str
    requests: int
    decided: int
    timed: int
    days_to_decision: SpreadJSON
    legal_term_days: SpreadJSON
    decided_late: int
    late_share: float | None
    on_time: int
    overdue: int
    days_overdue: SpreadJSON
    late: int
    judged: int
    late_judged_share: float | None
    pending: int
    untimed: int
    data_problems: int
    withdrawn: int
    partial_only: int
    receipt_assumed: int
    items_total: int
    items_decided: int
    outcomes: dict[str, int]
    grounds: list[GroundCountJSON]
    referral_only: int
    referral_only_share: float | None


class AuthorityTallyJSON(AuthorityTimingJSON):
    """An authority of ``summary --json``: timing, outcomes and its inventory documents."""

    documents: DocumentCountsJSON


class AssumptionJSON(TypedDict):
    """What the summary's figures assume."""

    key: str
    text: str


class SummaryHeadJSON(TypedDict):
    """The first keys of ``summary --json`` (written before its requests are walked)."""

    today: str
    assumptions: list[AssumptionJSON]


class SummaryJSON(SummaryHeadJSON):
    """``summary --json``."""

    requests: list[SummaryRequestJSON]
    authorities: list[AuthorityTallyJSON]


class ReferralItemJSON(TypedDict):
    """An item answered only by referral."""

    number: str
    text: str | None
    references: list[dict[str, Any]]
    decision_id: int | None
    source: str


class ReferralRequestJSON(TypedDict):
    """A request of ``summary --referral-only --json``."""

    id: int
    authority: str
    subject: str
    items_total: int
    items: list[ReferralItemJSON]


class ReferralAuthorityJSON(TypedDict):
    """An authority of ``summary --referral-only --json``."""

    authority: str
    requests: int
    items_total: int
    items_decided: int
    referral_only: int
    share: float | None


class ReferralSummaryJSON(TypedDict):
    """``summary --referral-only --json``."""

    requests: list[ReferralRequestJSON]
    authorities: list[ReferralAuthorityJSON]


# --------------------------------------------------------------------------- other commands


class SearchHitJSON(TypedDict):
    """One element of ``search --json``."""

    kind: str
    request_id: int
    subject: str
    authority: str
    item_number: str | None
    decision_id: int | None
    snippet: str


class AuthorityRowJSON(TypedDict):
    """One element of ``authority list --json``."""

    id: int
    name: str
    requests: int


class AuthorityJSON(TypedDict):
    """``authority rename --json``."""

    id: int
    name: str


class AuthorityMergeJSON(AuthorityJSON):
    """``authority merge --json``: the authority kept, the one removed, requests moved."""

    removed: AuthorityJSON
    moved_requests: int


class IntakeFileJSON(TypedDict):
    """One file of ``import --json``."""

    file: str
    outcome: str
    message: str
    request_id: int | None
    decision_id: int | None
    reasons: list[str]
    items_to_review: int


class IntakeJSON(TypedDict):
    """``import --json``: the counts per outcome, the items to review and one object per
    file."""

    counts: dict[str, int]
    #: The items of the created or attached letters that need review, in all.
    items_to_review: int
    files: list[IntakeFileJSON]


class ExportDeadlineJSON(TrackedDeadlineJSON):
    """A deadline with its request, before the export picks its columns."""

    request_id: int


#: A row of ``review --json``.
ReviewRowJSON = ReviewItemJSON | ReviewDecisionJSON | ReviewDocumentJSON


#: What ``render_outcomes`` shows: a final outcome, a decision's proposal or a summary item.
OutcomeRowJSON = FinalOutcomeJSON | OutcomeProposalJSON | SummaryItemJSON


def stored_json(shape: Mapping[str, Any]) -> dict[str, Any]:
    """A shape as the plain JSON object that is stored and read back (``decisions.parsed``,
    an import file): from there on its keys are checked where it is read, not by mypy."""
    return dict(shape)


# --------------------------------------------------------------------------- HTML report


class ReportOutcomeJSON(FinalOutcomeJSON):
    """An item's final outcome in the HTML report: with its evidence and referral_only."""

    referral_only: bool


class DecisionTermJSON(TypedDict):
    """The decision term as it stood on the day of the first decision."""

    kind: str
    due: str
    basis: list[str]
    steps: list[str]
    warnings: list[str]


class ReportRequestJSON(RequestJSON):
    """A request of the HTML report: ``request show --json`` and what the report adds."""

    outcomes: list[ReportOutcomeJSON]
    decision_term: DecisionTermJSON | None
    term_events: list[EventJSON]


class ReportJSON(TypedDict):
    """Everything the HTML report renders."""

    today: str
    summary: SummaryJSON
    deadlines: list[OpenDeadlineJSON]
    requests: list[ReportRequestJSON]
