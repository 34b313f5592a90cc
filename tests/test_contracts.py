"""The JSON contract (``wobtrack/contracts.py``): its key sets are fixed, and the real
``--json`` outputs have exactly the keys and value types the typed definitions declare.

``GOLDEN`` is the contract as documented: a key may be added to a shape (add it here too),
never renamed or removed. mypy --strict checks every builder and renderer against the typed
definitions; this test checks the definitions against ``GOLDEN`` and against what the
commands really print, so a renamed key fails both ways.
"""

from __future__ import annotations

import json
import types
from pathlib import Path
from typing import (
    Any,
    Literal,
    NotRequired,
    Union,
    get_args,
    get_origin,
    get_type_hints,
    is_typeddict,
)

import pytest
from click.testing import CliRunner
from sqlalchemy.orm import Session

from tests import report_tracker
from wobtrack import contracts
from wobtrack import db as database
from wobtrack.cli import cli
from wobtrack.exchange import DEADLINE_COLUMNS, export_document
from wobtrack.htmlreport import report_data
from wobtrack.resources import samples_path

TODAY = report_tracker.TODAY

_PARSED_ITEM = {"number", "text", "outcomes", "grounds", "refers_to", "references"}
_PARSED_ITEM |= {"evidence", "needs_review"}
_DEADLINE = {"kind", "due", "due_weekday", "raw_end", "basis", "steps", "warnings"}
_DEADLINE |= {"alternatives"}
_TRACKED = _DEADLINE | {"key", "action", "days_left", "passed", "decision_id"}
_FINAL = _PARSED_ITEM | {"flags", "source", "decision_id", "note"}
_SUMMARY_ROW = {"id", "authority", "subject", "regime", "reference", "sent", "received"}
_SUMMARY_ROW |= {"item_count", "state", "next_deadline"}
_REQUEST = {"id", "authority", "subject", "regime", "reference", "sent", "received", "state"}
_REQUEST |= {"regime_derived", "bezwaar_committee", "notes", "tags", "items", "timeline"}
_REQUEST |= {"decisions", "deadlines", "flags", "warnings", "documents"}
_DECISION = {"id", "kind", "decision_date", "bekendmaking", "reference", "file", "sha256"}
_DECISION |= {"pages", "parser_version", "bezwaar", "warnings"}
_SPREADS = {"days_to_decision", "legal_term_days", "days_overdue"}
_TALLY = {"authority", "requests", "decided", "timed", "decided_late", "late_share"}
_TALLY |= {"on_time", "overdue", "late", "judged", "late_judged_share", "pending", "untimed"}
_TALLY |= {"data_problems", "withdrawn", "partial_only", "receipt_assumed", "items_total"}
_TALLY |= {"items_decided", "outcomes", "grounds", "referral_only", "referral_only_share"}
_INVENTORY_DOCUMENT = {"number", "date", "title", "judgement", "judgement_text", "grounds"}
_INVENTORY_DOCUMENT |= {"link", "page", "needs_review", "item"}
_DOCUMENT_COUNTS = {"total", "judgements", "grounds", "needs_review", "suspended"}

#: Every shape's keys as the contract fixes them (a shape may gain keys, never lose one).
GOLDEN: dict[str, set[str]] = {
    "EvidenceJSON": {"page", "text"},
    "ReferenceJSON": {"kind", "value"},
    "ReviewReasonJSON": {"code", "reason"},
    "ParsedItemJSON": _PARSED_ITEM | {"review"},
    "DictumJSON": {"parts", "evidence"},
    "BezwaarClauseJSON": {"weeks", "electronic_filing", "address", "remedy"},
    "InventoryDocumentJSON": _INVENTORY_DOCUMENT,
    "DocumentJSON": _INVENTORY_DOCUMENT | {"suspended", "file"},
    "DocumentGroundJSON": {"ground", "documents"},
    "DocumentCountsJSON": _DOCUMENT_COUNTS,
    "DecisionDocumentCountsJSON": _DOCUMENT_COUNTS | {"decision_id"},
    "RequestDocumentsJSON": _DOCUMENT_COUNTS | {"decisions"},
    "ParsedLetterJSON": {
        *("file", "pages", "regime", "decision_date", "reference", "request_received"),
        *("request_date", "kind", "extended_on", "extended_to", "items", "decision"),
        *("bezwaar", "warnings", "documents", "authority", "subject", "ocr_pages"),
    },
    "AlternativeDueJSON": {"due", "reason"},
    "DeadlineJSON": _DEADLINE,
    "TrackedDeadlineJSON": _TRACKED,
    "CalcJSON": _DEADLINE | {"term", "inputs"},
    "OpenDeadlineJSON": _TRACKED | {"request_id", "authority", "subject", "reference"},
    "ReminderJSON": {
        *("request_id", "authority", "subject", "reference", "key", "title", "due"),
        *("days_left", "decision_id", "action", "warnings"),
    },
    "FlagJSON": {"event_id", "message"},
    "RequestStatusJSON": {"state", "regime", "deadlines", "flags", "warnings"},
    "ItemJSON": {"number", "text", "added_from_decision"},
    "EventJSON": {"id", "kind", "date", "note", "decision_id"},
    "DecisionBezwaarJSON": {"weeks", "electronic_filing", "address"},
    "DecisionJSON": _DECISION,
    "NextDeadlineJSON": {"key", "due"},
    "RequestSummaryJSON": _SUMMARY_ROW,
    "RequestRowJSON": _SUMMARY_ROW | {"tags"},
    "RequestJSON": _REQUEST,
    "FinalOutcomeJSON": _FINAL,
    "ReviewItemJSON": _FINAL | {"request_id", "authority", "kind"},
    "ReviewDecisionJSON": _FINAL
    | {"request_id", "authority", "kind", "decision_kind", "file", "warnings"},
    "ReviewDocumentJSON": _FINAL
    | {"request_id", "authority", "kind", "file", "judgement", "judgement_text", "page"},
    "ImportJSON": {
        *("decision_id", "kind", "created", "added_items", "unanswered_items", "verdaging"),
        *("warnings", "import_warnings", "parser_warnings", "items", "inventory", "documents"),
    },
    "RecordedDecisionJSON": {
        *("decision_id", "request_id", "kind", "decision_date", "bekendmaking_on", "warnings"),
    },
    "DecisionRowJSON": _DECISION | {"request_id", "item_count"},
    "DecisionEventJSON": {"id", "kind", "date", "note"},
    "OutcomeProposalJSON": _PARSED_ITEM | {"flags"},
    "DecisionDetailsJSON": _DECISION | {"request_id", "item_count", "events", "items", "documents"},
    "TimelinessJSON": {
        *("verdict", "receipt", "receipt_assumed", "due", "term_days", "decided_on"),
        *("decision_id", "days", "days_late", "partial_decisions", "problem"),
    },
    "DecisionTimingJSON": {"id", "kind", "date", "days", "due", "term_days", "late"},
    "SummaryItemJSON": (_FINAL - {"evidence"}) | {"referral_only"},
    "SummaryRequestJSON": {
        *("id", "authority", "subject", "regime", "reference", "received", "state"),
        *("decision", "timeliness", "items_total", "items_decided", "items"),
    },
    "SpreadJSON": {"median", "max"},
    "GroundCountJSON": {"ground", "items"},
    "AuthorityTimingJSON": _TALLY | _SPREADS,
    "AuthorityTallyJSON": _TALLY | _SPREADS | {"documents"},
    "AssumptionJSON": {"key", "text"},
    "SummaryHeadJSON": {"today", "assumptions"},
    "SummaryJSON": {"today", "assumptions", "requests", "authorities"},
    "ReferralItemJSON": {"number", "text", "references", "decision_id", "source"},
    "ReferralRequestJSON": {"id", "authority", "subject", "items_total", "items"},
    "ReferralAuthorityJSON": {
        *("authority", "requests", "items_total", "items_decided", "referral_only", "share"),
    },
    "ReferralSummaryJSON": {"requests", "authorities"},
    "SearchHitJSON": {
        *("kind", "request_id", "subject", "authority", "item_number", "decision_id"),
        "snippet",
    },
    "AuthorityRowJSON": {"id", "name", "requests"},
    "AuthorityJSON": {"id", "name"},
    "AuthorityMergeJSON": {"id", "name", "removed", "moved_requests"},
    "IntakeFileJSON": {
        *("file", "outcome", "message", "request_id", "decision_id", "reasons"),
        "items_to_review",
    },
    "IntakeJSON": {"counts", "items_to_review", "files"},
    "ExportDeadlineJSON": _TRACKED | {"request_id"},
    "ReportOutcomeJSON": _FINAL | {"referral_only"},
    "DecisionTermJSON": {"kind", "due", "basis", "steps", "warnings"},
    "ReportRequestJSON": _REQUEST | {"outcomes", "decision_term", "term_events"},
    "ReportJSON": {"today", "summary", "deadlines", "requests"},
}


def _shapes() -> dict[str, type]:
    return {
        name: value
        for name, value in vars(contracts).items()
        if isinstance(value, type) and is_typeddict(value) and not name.startswith("_")
    }


def _keys(shape: type) -> set[str]:
    return set(get_type_hints(shape))


# --------------------------------------------------------------------------- the key sets


def test_every_shape_has_its_golden_key_set() -> None:
    assert set(_shapes()) == set(GOLDEN)


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_no_key_of_the_contract_is_renamed_or_removed(name: str) -> None:
    keys = _keys(_shapes()[name])
    assert not GOLDEN[name] - keys, f"{name} lost {sorted(GOLDEN[name] - keys)}"
    # A key added to a shape is added to GOLDEN too, so that it is fixed from then on.
    assert not keys - GOLDEN[name], f"{name} has new keys {sorted(keys - GOLDEN[name])}"


# --------------------------------------------------------------------------- real output


def conforms(value: Any, hint: Any, where: str = "$") -> None:
    """``value`` (parsed JSON) has exactly the keys and the types ``hint`` declares."""
    origin = get_origin(hint)
    if hint is Any or hint is object:
        return
    if isinstance(hint, type) and is_typeddict(hint):
        assert isinstance(value, dict), f"{where}: {value!r} is no object"
        # NotRequired from the annotations themselves: with postponed annotations (the
        # module's ``from __future__``) Python 3.11 sets __required_keys__ without it.
        extras = get_type_hints(hint, include_extras=True)
        required = {key for key, h in extras.items() if get_origin(h) is not NotRequired}
        hints = get_type_hints(hint)
        assert set(value) <= set(hints), f"{where}: undeclared {sorted(set(value) - set(hints))}"
        assert required <= set(value), f"{where}: missing {sorted(required - set(value))}"
        for key, element in value.items():
            conforms(element, hints[key], f"{where}.{key}")
        return
    if origin in (Union, types.UnionType):
        errors = []
        for option in get_args(hint):
            try:
                conforms(value, option, where)
                return
            except AssertionError as exc:
                errors.append(str(exc))
        raise AssertionError(f"{where}: {value!r} is none of {hint}: {errors}")
    if origin is Literal:
        assert value in get_args(hint), f"{where}: {value!r} is not in {hint}"
        return
    if origin is list:
        assert isinstance(value, list), f"{where}: {value!r} is no list"
        for i, element in enumerate(value):
            conforms(element, get_args(hint)[0], f"{where}[{i}]")
        return
    if origin is dict:
        assert isinstance(value, dict), f"{where}: {value!r} is no object"
        for key, element in value.items():
            conforms(element, get_args(hint)[1], f"{where}.{key}")
        return
    if hint is type(None) or hint is None:
        assert value is None, f"{where}: {value!r} is not null"
        return
    if hint is float:
        assert isinstance(value, int | float), f"{where}: {value!r}"
        assert not isinstance(value, bool), f"{where}: {value!r}"
        return
    if hint is int:
        assert isinstance(value, int), f"{where}: {value!r}"
        assert not isinstance(value, bool), f"{where}: {value!r}"
        return
    assert isinstance(value, hint), f"{where}: {value!r} is no {hint}"


def test_the_checker_catches_a_renamed_key() -> None:
    good = {"event_id": 1, "message": "m"}
    conforms(good, contracts.FlagJSON)
    with pytest.raises(AssertionError, match="undeclared"):
        conforms({"event": 1, "message": "m"}, contracts.FlagJSON)
    with pytest.raises(AssertionError, match="missing"):
        conforms({"message": "m"}, contracts.FlagJSON)
    with pytest.raises(AssertionError):
        conforms({"event_id": "1", "message": "m"}, contracts.FlagJSON)


@pytest.fixture(scope="module")
def tracker_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The HTML report's tracker (demo letters parsed for real, corrections, a late and an
    open request) on SQLite: the shapes do not depend on the database."""
    url = f"sqlite:///{tmp_path_factory.mktemp('contracts') / 'wobtrack.db'}"
    report_tracker.populate_url(url)
    return url


def _json(url: str, *args: str) -> Any:
    result = CliRunner().invoke(cli, ["--db", url, "--today", TODAY.isoformat(), *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _each(shape: Any) -> Any:
    return list[shape]  # type: ignore[valid-type]


COMMANDS: list[tuple[tuple[str, ...], Any]] = [
    (("request", "list"), _each(contracts.RequestRowJSON)),
    (("request", "show", "1"), contracts.RequestJSON),
    (("request", "show", "3"), contracts.RequestJSON),
    (("deadlines",), _each(contracts.OpenDeadlineJSON)),
    (("remind",), _each(contracts.ReminderJSON)),
    (("summary",), contracts.SummaryJSON),
    (("summary", "--referral-only"), contracts.ReferralSummaryJSON),
    (("review",), _each(contracts.ReviewRowJSON)),
    (("decision", "list"), _each(contracts.DecisionRowJSON)),
    (("decision", "show", "1"), contracts.DecisionDetailsJSON),
    (("search", "besluit"), _each(contracts.SearchHitJSON)),
    (("authority", "list"), _each(contracts.AuthorityRowJSON)),
]


@pytest.mark.parametrize(("args", "shape"), COMMANDS, ids=[" ".join(c[0]) for c in COMMANDS])
def test_json_output_has_the_declared_shape(
    tracker_url: str, args: tuple[str, ...], shape: Any
) -> None:
    data = _json(tracker_url, *args, "--json")
    assert data, "an empty output shows nothing"
    conforms(data, shape)


def test_html_report_data_and_export_deadlines_have_the_declared_shape(tracker_url: str) -> None:
    engine = database.make_engine(tracker_url)
    try:
        with Session(engine) as session:
            data = json.loads(json.dumps(report_data(session, TODAY)))
            document = export_document(session, TODAY)
    finally:
        engine.dispose()
    conforms(data, contracts.ReportJSON)
    assert document["deadlines"]
    # The export picks its deadline columns from ExportDeadlineJSON's keys.
    assert {column for column, _ in DEADLINE_COLUMNS} <= _keys(contracts.ExportDeadlineJSON)


def test_calc_and_parse_output_have_the_declared_shape(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'never.db'}"
    calc = _json(url, "calc", "woo-decision", "--received", "2026-03-07", "--extended", "--json")
    conforms(calc, contracts.CalcJSON)
    letter = samples_path() / "woo-besluit-2026.pdf"
    parsed = _json(url, "parse", "--no-cache", "--json", str(letter))
    conforms(parsed, _each(contracts.ParsedLetterJSON))
    assert parsed[0]["items"]
    assert parsed[0]["decision"]
    assert parsed[0]["bezwaar"]


def test_import_and_hand_recorded_decisions_have_the_declared_shape(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    url = f"sqlite:///{tmp_path / 'wobtrack.db'}"
    samples = samples_path()
    added = _json(url, "request", "add", "--authority", "Gemeente X", "--subject", "s",
                  "--received", "2026-09-01", "--item", "een", "--json")  # fmt: skip
    conforms(added, contracts.RequestJSON)
    imported = _json(url, "decision", "import", str(added["id"]),
                     str(samples / "woo-besluit-2026.txt"), "--json")  # fmt: skip
    conforms(imported, contracts.ImportJSON)
    recorded = _json(url, "decision", "add", str(added["id"]), "--kind", "deelbesluit",
                     "--date", "2026-10-01", "--json")  # fmt: skip
    conforms(recorded, contracts.RecordedDecisionJSON)
    batch = _json(url, "import", str(samples / "woo-besluit-2026.pdf"), "--json")
    conforms(batch, contracts.IntakeJSON)
    assert batch["files"]
    renamed = _json(url, "authority", "rename", "1", "Gemeente Y", "--json")
    conforms(renamed, contracts.AuthorityJSON)


def test_an_inventory_row_carries_item_only_with_an_item_column() -> None:
    from wobtrack.parsing.model import InventoryDocument

    plain = InventoryDocument(number="1", judgement="public").to_json()
    conforms(plain, contracts.InventoryDocumentJSON)
    assert "item" not in plain
    tied = InventoryDocument(number="2", judgement="not_public", item="1, 3").to_json()
    conforms(tied, contracts.InventoryDocumentJSON)
    assert tied["item"] == "1, 3"
