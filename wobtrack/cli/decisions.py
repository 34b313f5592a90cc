"""Commands for decision letters in the tracker: import, corrections, review, summaries."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import click

from wobtrack import decisions, documents, reports, serialize
from wobtrack.cli.base import (
    DATE,
    ID,
    TEXT,
    App,
    TextType,
    cli,
    column_length,
    echo_json,
    echo_rows,
    json_option,
    pass_app,
)
from wobtrack.cli.render import (
    echo,
    render_document_counts,
    render_outcomes,
    render_referral_summary,
    render_review,
    summary_request_lines,
    summary_tail_lines,
)
from wobtrack.contracts import (
    ImportJSON,
    RecordedDecisionJSON,
    ReviewRowJSON,
    SummaryRequestJSON,
)
from wobtrack.models import Decision
from wobtrack.safetext import escape_json_controls
from wobtrack.vocab import DECISION_KINDS


@cli.group("decision")
def decision_group() -> None:
    """Import, list, show and delete decision letters in the tracker."""


@decision_group.command("import")
@click.argument("request_id", type=ID)
@click.argument("letter", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--sent", type=DATE, help="Dispatch date (bekendmaking); default: the letter's date.")
@click.option(
    "--kind",
    type=click.Choice(DECISION_KINDS),
    help="Override the letter's kind (bezwaar = beslissing op bezwaar); default: as the letter "
    "reads.",
)
@click.option(
    "--inventory",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The decision's inventory list (inventarislijst) as a PDF of its own: its documents "
    "are stored with the decision (also for a letter imported before).",
)
@click.option("--no-cache", is_flag=True, help="Do not use the text-extraction cache.")
@click.option(
    "--ocr",
    is_flag=True,
    help="Read scanned pages (no text layer) by OCR (OCRmyPDF with Tesseract's Dutch model).",
)
@json_option
@pass_app
def decision_import(
    app: App,
    request_id: int,
    letter: Path,
    sent: date | None,
    kind: str | None,
    inventory: Path | None,
    no_cache: bool,
    ocr: bool,
    as_json: bool,
) -> None:
    """Parse LETTER (a PDF, or the letter's text as .txt) and store its per-item outcomes
    and the documents of its inventory list on the request."""
    # Read the files before the transaction: extraction can take a while, and on SQLite a
    # writing transaction would make every other command wait for it.
    read = decisions.read_letter(letter, use_cache=not no_cache, ocr=ocr)
    listed = (
        decisions.read_inventory(inventory, use_cache=not no_cache, ocr=ocr)
        if inventory is not None
        else None
    )
    with app.transaction() as session:
        result = decisions.import_decision(
            session, request_id, read, kind=kind, sent=sent, today=app.today, inventory=listed
        )
        request = result.decision.request
        finals = [decisions.final_outcome(item).to_json() for item in request.items]
        verdaging = result.verdaging
        counted = documents.count_documents(result.documents)
        data: ImportJSON = {
            "decision_id": result.decision.id,
            "kind": result.decision.kind,
            "created": result.created,
            "added_items": result.added_items,
            "unanswered_items": result.unanswered_items,
            "verdaging": serialize.event_json(verdaging) if verdaging is not None else None,
            "warnings": list(result.decision.warnings or []),
            "import_warnings": result.warnings,
            "parser_warnings": result.parser_warnings,
            "items": finals,
            "inventory": result.inventory.file_name if result.inventory is not None else None,
            "documents": counted.to_json(),
        }
    if as_json:
        echo_json(data)
        return
    if not result.created:
        echo(f"{letter.name} was already imported as decision {data['decision_id']}.")
        if inventory is not None and counted.total:
            echo(f"Attached {inventory.name}: {render_document_counts(counted)}.")
        elif inventory is not None:
            echo(f"{inventory.name} was already attached to it.")
        return
    echo(f"Imported {letter.name} as decision {data['decision_id']} of request {request_id}.")
    if result.decision.kind != "besluit":
        echo(f"The letter is a {decisions.KIND_NAMES[result.decision.kind]}.")
    if result.decision.kind == "bezwaar":
        echo("Against it lies beroep at the rechtbank within six weeks (Awb 6:7), not bezwaar.")
    if verdaging is not None:
        echo(
            f"Recorded the verdaging of {verdaging.event_date.isoformat()} (event {verdaging.id})."
        )
    echo(render_outcomes(finals))
    if counted.total:
        echo(f"Documents: {render_document_counts(counted)}.")
    for number in result.unanswered_items:
        echo(f"! Item {number} is not answered in the letter (a ground for bezwaar).")
    for number in result.added_items:
        echo(f"! Item {number} is in the letter but was not logged; added it.")
    for warning in result.warnings:
        echo(f"! {warning}")
    for warning in result.parser_warnings:
        echo(f"! Parser: {warning}")
    if result.warnings or result.parser_warnings:
        echo("These warnings are kept with the decision; `wobtrack review` lists them.")


@decision_group.command("add")
@click.argument("request_id", type=ID)
@click.option("--date", "decision_date", type=DATE, required=True, help="The decision's date.")
@click.option(
    "--kind",
    type=click.Choice(DECISION_KINDS),
    default="besluit",
    show_default=True,
    help="besluit, deelbesluit or bezwaar (a beslissing op bezwaar).",
)
@click.option("--sent", type=DATE, help="Dispatch date (bekendmaking); default: --date.")
@click.option(
    "--reference",
    type=TextType(column_length(Decision.reference)),
    help="The authority's kenmerk.",
)
@json_option
@pass_app
def decision_add(
    app: App,
    request_id: int,
    decision_date: date,
    kind: str,
    sent: date | None,
    reference: str | None,
    as_json: bool,
) -> None:
    """Record a decision without a letter file (received on paper, by phone, in an e-mail)."""
    with app.transaction() as session:
        decision = decisions.add_decision(
            session,
            request_id,
            decision_date=decision_date,
            kind=kind,
            sent=sent,
            reference=reference,
            today=app.today,
        )
        data: RecordedDecisionJSON = {
            "decision_id": decision.id,
            "request_id": request_id,
            "kind": decision.kind,
            "decision_date": decision.decision_date.isoformat() if decision.decision_date else None,
            "bekendmaking_on": decision.bekendmaking_on.isoformat()
            if decision.bekendmaking_on
            else None,
            "warnings": list(decision.warnings or []),
        }
        warnings = list(decision.warnings or [])
    if as_json:
        echo_json(data)
        return
    echo(
        f"Recorded {decisions.KIND_NAMES[kind]} {data['decision_id']} of request {request_id}, "
        f"dated {data['decision_date']}."
    )
    echo(f"Set each item's outcome with `wobtrack outcome set {request_id} ITEM OUTCOME`.")
    implausible = [str(w) for w in warnings if w != decisions.RECORDED_BY_HAND]
    for warning in implausible:
        echo(f"! {warning}")
    if implausible:
        echo("These warnings are kept with the decision; `wobtrack review` lists them.")


@cli.group("outcome")
def outcome_group() -> None:
    """Correct the outcome the parser proposed for an item."""


@outcome_group.command("set")
@click.argument("request_id", type=ID)
@click.argument("item", type=TEXT)
@click.argument("outcomes", nargs=-1, required=True)
@click.option(
    "--grounds", "-g", type=TEXT, multiple=True, help="A refusal ground, e.g. 5.1.2e; repeatable."
)
@click.option("--note", type=TEXT, help="Why you corrected it.")
@click.option(
    "--reference",
    "references",
    type=TEXT,
    multiple=True,
    metavar="URL",
    help="Where the answer points (replaces the parser's references); repeatable.",
)
@pass_app
def outcome_set(
    app: App,
    request_id: int,
    item: str,
    outcomes: tuple[str, ...],
    grounds: tuple[str, ...],
    note: str | None,
    references: tuple[str, ...],
) -> None:
    """Set ITEM's outcomes by hand; this wins over the parser's proposal."""
    with app.transaction() as session:
        correction = decisions.set_outcome(
            session,
            request_id,
            item,
            list(outcomes),
            grounds=list(grounds),
            note=note,
            references=list(references),
        )
    grounds_text = f" (grounds: {', '.join(correction.grounds)})" if correction.grounds else ""
    urls = [reference["value"] for reference in correction.references or []]
    refers_text = f" (see {', '.join(urls)})" if urls else ""
    echo(
        f"Item {item} of request {request_id}: {', '.join(correction.outcomes)}"
        f"{grounds_text}{refers_text}."
    )


@cli.command("review")
@json_option
@pass_app
def review(app: App, as_json: bool) -> None:
    """List items whose outcome a person should check, and decisions imported with warnings.

    Inventory documents whose judgement wobtrack does not know are listed too."""
    with app.transaction(write=False) as session:
        rows: list[ReviewRowJSON] = [
            {
                "request_id": found.request_id,
                "authority": found.authority,
                "kind": "item",
                **found.final.to_json(),
            }
            for found in decisions.items_needing_review(session)
        ]
        rows += [found.to_json() for found in decisions.decisions_with_warnings(session)]
        rows += [found.to_json() for found in documents.documents_to_review(session)]
    echo_rows(rows, as_json, render_review, "Nothing to review.")


@cli.command("summary")
@click.option("--referral-only", is_flag=True, help="Only the items answered only by referral.")
@json_option
@pass_app
def summary(app: App, referral_only: bool, as_json: bool) -> None:
    """Summarise outcomes per request and timing and outcomes per authority."""
    if not referral_only:
        with app.transaction(write=False) as session:
            _stream_summary(reports.SummaryWalk(session, app.today), as_json)
        return
    with app.transaction(write=False) as session:
        data = reports.referral_only_summary(session)
    if as_json:
        echo_json(data)
    else:
        echo(render_referral_summary(data))


#: Requests rendered per piece of streamed ``summary`` output.
_SUMMARY_CHUNK = 200


def _stream_summary(walk: reports.SummaryWalk, as_json: bool) -> None:
    """``summary`` written as it is made, request by request: the same bytes as
    ``echo_json(reports.summary(...))`` or ``echo(render_summary(...))``, in flat memory."""
    from wobtrack.exchange import json_text

    if as_json:
        head = "".join(
            f"\n  {json_text(key, '  ')}: {json_text(value, '  ')},"
            for key, value in walk.head().items()
        )
        _echo_json_piece("{" + head + '\n  "requests": [')
        count = 0
        for chunk in _chunks(walk.requests()):
            _echo_json_piece(
                ("," if count else "")
                + ",".join("\n    " + json_text(request, "    ") for request in chunk)
            )
            count += len(chunk)
        authorities = json_text(walk.authorities(), "  ")
        _echo_json_piece(("\n  ]" if count else "]") + f',\n  "authorities": {authorities}\n}}\n')
        return
    wrote = False
    for chunk in _chunks(walk.requests()):
        echo("\n".join(line for request in chunk for line in summary_request_lines(request)))
        wrote = True
    if not wrote:
        echo("No requests yet.")
        return
    assumptions = walk.head()["assumptions"]
    echo("\n".join(summary_tail_lines(walk.authorities(), assumptions)))


def _chunks(requests: Iterator[SummaryRequestJSON]) -> Iterator[list[SummaryRequestJSON]]:
    chunk: list[SummaryRequestJSON] = []
    for request in requests:
        chunk.append(request)
        if len(chunk) == _SUMMARY_CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _echo_json_piece(text: str) -> None:
    click.echo(escape_json_controls(text), nl=False)
