"""Human-readable rendering of the JSON shapes (the JSON is the contract; this is not)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

import click

from wobtrack.contracts import (
    AssumptionJSON,
    AuthorityTallyJSON,
    DecisionTimingJSON,
    DocumentCountsJSON,
    DocumentJSON,
    OpenDeadlineJSON,
    OutcomeRowJSON,
    ReferralSummaryJSON,
    RequestJSON,
    RequestSummaryJSON,
    ReviewRowJSON,
    SearchHitJSON,
    SummaryJSON,
    SummaryRequestJSON,
    TimelinessJSON,
    TrackedDeadlineJSON,
)
from wobtrack.dates import human_date
from wobtrack.deadlines.keys import may_act_from
from wobtrack.safetext import strip_terminal_controls

if TYPE_CHECKING:
    from wobtrack.documents import DocumentCounts

#: Grounds named in one line of document counts (the most cited first).
TOP_GROUNDS = 5


def terminal_text(text: str) -> str:
    """``text`` without escape sequences and control characters (tab and newline stay).

    Everything printed for a person that carries text from a PDF or a user goes through
    this: a letter could otherwise set the terminal's title, hide lines or worse.
    """
    return strip_terminal_controls(text)


def echo(message: str = "", *, err: bool = False, nl: bool = True) -> None:
    """``click.echo`` of text for a person, made safe by ``terminal_text``."""
    click.echo(terminal_text(message), err=err, nl=nl)


def _day(iso: str | None) -> str:
    return human_date(date.fromisoformat(iso)) if iso else "-"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A plain left-aligned text table."""
    # map() over columns and cells: a summary at 10,000 requests prints 200,000 rows.
    # (zip's strict: every row has one cell per header.)
    widths = [max(map(len, column)) for column in zip(headers, *rows, strict=True)]
    lines = ["  ".join(map(str.ljust, row, widths)).rstrip() for row in (headers, *rows)]
    return "\n".join(lines)


def _short(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_request_table(rows: Sequence[RequestSummaryJSON]) -> str:
    """``request list`` as a table."""
    return table(
        ["ID", "AUTHORITY", "SUBJECT", "REGIME", "RECEIVED", "ITEMS", "STATE", "NEXT DEADLINE"],
        [
            [
                str(r["id"]),
                _short(r["authority"], 28),
                _short(r["subject"], 40),
                r["regime"],
                r["received"] or "-",
                str(r["item_count"]),
                r["state"],
                f"{r['next_deadline']['key']} {r['next_deadline']['due']}"
                if r["next_deadline"]
                else "-",
            ]
            for r in rows
        ],
    )


def render_request(data: RequestJSON) -> str:
    """``request show`` as text."""
    lines = [
        f"Request {data['id']}: {data['subject']}",
        f"  Authority: {data['authority']}",
        f"  Regime:    {data['regime']}{' (from the dates)' if data['regime_derived'] else ''}",
        f"  Reference: {data['reference'] or '-'}",
        *([f"  Tags:      {', '.join(data['tags'])}"] if data.get("tags") else []),
        f"  Sent:      {_day(data['sent'])}",
        f"  Received:  {_day(data['received'])}",
    ]
    if data.get("notes"):
        lines.append(f"  Notes:     {data['notes']}")
    lines.append("")
    lines.append(f"Items ({len(data['items'])}):")
    for item in data["items"]:
        lines.append(f"  {item['number']:>4}. {_short(item['text'], 90)}")
    lines.append("")
    lines.append("Timeline:")
    for row in data["timeline"]:
        ident = f"#{row['id']}" if row["id"] is not None else ""
        note = f" — {row['note']}" if row["note"] else ""
        lines.append(f"  {_day(row['date']):<16} {row['kind']}{note} {ident}".rstrip())
    if not data["timeline"]:
        lines.append("  (nothing yet)")
    held = data.get("documents")
    if held and held["total"]:
        lines.append("")
        lines.append(f"Documents: {_documents_line(held)}")
        if len(held["decisions"]) > 1:
            lines += [
                f"  decision {d['decision_id']}: {_documents_line(d)}" for d in held["decisions"]
            ]
    lines.append("")
    lines.append(f"State: {data['state']}")
    if data["deadlines"]:
        lines.append("Deadlines:")
        lines += render_deadline_details(data["deadlines"])
    lines += [f"! Event #{flag['event_id']}: {flag['message']}" for flag in data["flags"]]
    lines += [f"! {warning}" for warning in data["warnings"]]
    return "\n".join(lines)


def _outcome_cell(item: OutcomeRowJSON) -> str:
    text = ", ".join(item["outcomes"]) or "-"
    if item.get("source") == "person":
        text += " (corrected)"
    return text


def render_outcomes(items: Sequence[OutcomeRowJSON]) -> str:
    """Per-item outcomes as a table, with a marker for items that need review."""
    rows = [
        [
            item["number"],
            _outcome_cell(item),
            ", ".join(item["grounds"]) or "-",
            ", ".join(item["refers_to"]) or "-",
            "REVIEW" if item["needs_review"] else "",
        ]
        for item in items
    ]
    return table(["ITEM", "OUTCOMES", "GROUNDS", "REFERS TO", ""], rows)


def render_documents(documents: Sequence[DocumentJSON]) -> str:
    """A decision's inventory documents as a table; unknown judgements shown as the list
    words them, marked REVIEW."""
    rows = [
        [
            d["number"] or "-",
            d["date"] or "-",
            d["judgement"] or f"? {_short(d['judgement_text'] or '', 24)}".rstrip(),
            ", ".join(d["grounds"]) or "-",
            _short(d["title"] or "-", 50),
            "REVIEW" if d["needs_review"] else "",
        ]
        for d in documents
    ]
    return table(["DOC", "DATE", "JUDGEMENT", "GROUNDS", "TITLE", ""], rows)


def _documents_line(data: DocumentCountsJSON) -> str:
    """Document counts (``DocumentCounts.to_json``) in one line."""
    judged = ", ".join(f"{key} {n}" for key, n in data["judgements"].items() if n)
    text = f"{data['total']} ({judged})"
    grounds = data["grounds"]
    if grounds:
        shown = ", ".join(f"{g['ground']} ({g['documents']})" for g in grounds[:TOP_GROUNDS])
        more = f" and {len(grounds) - TOP_GROUNDS} more" if len(grounds) > TOP_GROUNDS else ""
        text += f"; grounds cited: {shown}{more}"
    if data["suspended"] != data["judgements"].get("suspended", 0):
        text += f"; {data['suspended']} suspended (opgeschort)"
    if data["needs_review"]:
        text += f"; {data['needs_review']} to review"
    return text


def render_document_counts(counts: DocumentCounts) -> str:
    """ "15 (public 2, not_public 4); grounds cited: 5.1.2e (7); 1 to review"."""
    return _documents_line(counts.to_json())


def render_review(rows: Sequence[ReviewRowJSON]) -> str:
    """``review``: one block per item with the evidence found, one per decision's warnings,
    one line per inventory document whose judgement is not known."""
    lines: list[str] = []
    for row in rows:
        if row["kind"] == "document":
            where = f", p.{row['page']}" if row.get("page") else ""
            number = row["number"] or "(no number)"
            title = f": {_short(row['text'], 60)}" if row.get("text") else ""
            lines.append(
                f"Request {row['request_id']} decision {row['decision_id']} document "
                f"{number} ({row['file'] or 'inventory'}{where}) — {'; '.join(row['flags'])}"
                f"{title}"
            )
            continue
        if row["kind"] == "decision":
            lines.append(
                f"Request {row['request_id']} decision {row['decision_id']} "
                f"({row['file'] or row['decision_kind']}):"
            )
            lines += [f"    ! {warning}" for warning in row["warnings"]]
            continue
        if row["flags"]:
            why = "; ".join(row["flags"])
        elif "unanswered" in row["outcomes"]:
            why = "the letter never answers this item (a ground for bezwaar)"
        else:
            why = "the parser is unsure"
        lines.append(
            f"Request {row['request_id']} item {row['number']}: "
            f"{', '.join(row['outcomes']) or 'no outcome'} — {why}"
        )
        for evidence in row["evidence"][:3]:
            lines.append(f"    p.{evidence['page']}: {_short(evidence['text'], 100)}")
    return "\n".join(lines)


def render_referral_summary(data: ReferralSummaryJSON) -> str:
    """``summary --referral-only`` as text."""
    lines: list[str] = []
    for request in data["requests"]:
        if not request["items"]:
            continue
        numbers = ", ".join(item["number"] for item in request["items"])
        lines.append(
            f"Request {request['id']} ({request['authority']}): {len(request['items'])} of "
            f"{request['items_total']} items answered only by referral: {numbers}"
        )
        for item in request["items"]:
            # A reference is {"kind", "value"}; anything else stored is shown as it is.
            refs = (
                "; ".join(
                    str(ref.get("value", ref)) if isinstance(ref, dict) else str(ref)
                    for ref in item["references"]
                )
                or "no reference given"
            )
            lines.append(f"  {item['number']:>4}. {_short(refs, 100)}")
    if not lines:
        lines.append("No items were answered only by referral.")
    lines.append("")
    lines.append(
        table(
            ["AUTHORITY", "REQUESTS", "ITEMS DECIDED", "REFERRAL ONLY", "SHARE"],
            [
                [
                    _short(a["authority"], 32),
                    str(a["requests"]),
                    str(a["items_decided"]),
                    str(a["referral_only"]),
                    "-" if a["share"] is None else f"{a['share']:.0%}",
                ]
                for a in data["authorities"]
            ],
        )
    )
    return "\n".join(lines)


def _days_left(days: int, key: str = "") -> str:
    if days < 0 and may_act_from(key):
        return "now"  # a step the requester may take since that day
    if days == 0:
        return "today"
    if days < 0:
        return f"{-days} days ago"
    return "tomorrow" if days == 1 else f"in {days} days"


def render_open_deadlines(rows: Sequence[OpenDeadlineJSON]) -> str:
    """``deadlines``: a table, then the action for each deadline."""
    lines = [
        table(
            ["DUE", "WHEN", "REQUEST", "KIND", "AUTHORITY"],
            [
                [
                    _day(row["due"]),
                    _days_left(row["days_left"], row["key"]),
                    str(row["request_id"]),
                    row["key"],
                    _short(row["authority"], 30),
                ]
                for row in rows
            ],
        ),
        "",
    ]
    # Imported here: `calc` renders through this module and must not load the database layer.
    from wobtrack.overview import data_warnings

    for row in rows:
        lines.append(f"- Request {row['request_id']}: {row['action']}")
        for warning in data_warnings(row["warnings"]):
            lines.append(f"  ! {warning}")
    return "\n".join(lines)


def render_deadline_details(deadlines: Sequence[TrackedDeadlineJSON]) -> list[str]:
    """A request's deadlines with their basis, steps and warnings (for ``request show``)."""
    lines: list[str] = []
    for deadline in deadlines:
        lines.append(f"  {deadline['key']}: {_day(deadline['due'])} — {deadline['action']}")
        lines.append(f"      basis: {'; '.join(deadline['basis'])}")
        lines += [f"      {step}" for step in deadline["steps"]]
        lines += [f"      warning: {warning}" for warning in deadline["warnings"]]
    return lines


def _median(value: float | None) -> str:
    if value is None:
        return "-"
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def _of(part: int, whole: int, share: float | None) -> str:
    return "-" if share is None else f"{part}/{whole} ({share:.0%})"


def _timing_line(decision: DecisionTimingJSON | None, timing: TimelinessJSON) -> str:
    verdict = timing["verdict"]
    assumed = " (receipt assumed on the sent date)" if timing["receipt_assumed"] else ""
    if verdict == "data_problem":
        what = "Decided"
        if decision is not None:
            what += f" {_day(decision['date'])} ({decision['kind']} #{decision['id']})"
        return f"  {what}: DATA PROBLEM, {timing['problem']}; not timed."
    if verdict == "withdrawn":
        return "  Withdrawn: not timed."
    if decision is None and timing["decided_on"] is None:
        line = "  No decision yet"
    elif decision is not None and timing["decided_on"] is None:
        # Only deelbesluiten: the request is not decided as a whole.
        line = (
            f"  Deelbesluit {_day(decision['date'])} (#{decision['id']}) decides part of the "
            "request"
        )
    else:
        if decision is not None:
            line = f"  Decided {_day(decision['date'])} ({decision['kind']} #{decision['id']})"
        else:
            line = f"  Decided {_day(timing['decided_on'])} (decision event)"
        if timing["days"] is not None:
            line += f", {timing['days']} days after receipt{assumed}"
            assumed = ""
    due = f"due {_day(timing['due'])} ({timing['term_days']} days){assumed}"
    if verdict == "on_time":
        return f"{line}; {due}: on time."
    if verdict == "late":
        return f"{line}; {due}: LATE by {timing['days_late']} days."
    if verdict == "overdue":
        return f"{line}; {due}: OVERDUE by {timing['days_late']} days, counted as late."
    if verdict == "pending":
        return f"{line}; {due}: the term still runs."
    return f"{line}; {timing['problem']}."


def _footer(assumptions: Sequence[AssumptionJSON]) -> list[str]:
    return ["", "Assumptions:", *(f"- {a['text']}" for a in assumptions)]


def render_summary(data: SummaryJSON) -> str:
    """``summary``: per request the items' final outcomes; per authority timing and outcomes."""
    if not data["requests"]:
        return "No requests yet."
    lines: list[str] = []
    for request in data["requests"]:
        lines += summary_request_lines(request)
    lines += summary_tail_lines(data["authorities"], data["assumptions"])
    return "\n".join(lines)


def summary_request_lines(request: SummaryRequestJSON) -> list[str]:
    """The lines of one request in ``render_summary`` (the last one empty)."""
    lines = [
        f"Request {request['id']}: {_short(request['subject'], 60)} — "
        f"{request['authority']} ({request['regime']}, {request['state']})",
        _timing_line(request["decision"], request["timeliness"]),
    ]
    if request["items"]:
        lines += ["  " + line for line in render_outcomes(request["items"]).splitlines()]
    lines.append("")
    return lines


def summary_tail_lines(
    authorities: Sequence[AuthorityTallyJSON], assumptions: Sequence[AssumptionJSON]
) -> list[str]:
    """The lines of ``render_summary`` after the requests: per authority, then assumptions."""
    lines: list[str] = []
    lines.append(
        table(
            [
                "AUTHORITY",
                "REQUESTS",
                "DECIDED",
                "DAYS MEDIAN/MAX",
                "TERM MEDIAN/MAX",
                "LATE",
                "OF WHICH OVERDUE",
                "REFERRAL ONLY",
            ],
            [
                [
                    _short(a["authority"], 32),
                    str(a["requests"]),
                    str(a["decided"]),
                    f"{_median(a['days_to_decision']['median'])}/"
                    f"{a['days_to_decision']['max'] if a['timed'] else '-'}",
                    f"{_median(a['legal_term_days']['median'])}/"
                    f"{a['legal_term_days']['max'] if a['timed'] else '-'}",
                    _of(a["late"], a["judged"], a["late_judged_share"]),
                    str(a["overdue"]),
                    _of(a["referral_only"], a["items_decided"], a["referral_only_share"]),
                ]
                for a in authorities
            ],
        )
    )
    lines.append("")
    for a in authorities:
        counts = ", ".join(f"{o} {n}" for o, n in a["outcomes"].items() if n) or "no outcomes yet"
        grounds = ", ".join(f"{g['ground']} ({g['items']})" for g in a["grounds"][:5])
        lines.append(
            f"{_short(a['authority'], 32)}: {counts}" + (f"; grounds {grounds}" if grounds else "")
        )
        held = a["documents"]
        if held["total"]:
            lines.append(f"{_short(a['authority'], 32)}: documents {_documents_line(held)}")
    for a in authorities:
        untimed = [
            f"{count} {words}"
            for count, words in (
                (a["pending"], "pending (term still running)"),
                (a["partial_only"], "with deelbesluiten only"),
                (a["untimed"], "without a receipt date or term"),
                (a["data_problems"], "with a data problem"),
                (a["withdrawn"], "withdrawn"),
                (a["receipt_assumed"], "with the receipt date assumed"),
            )
            if count
        ]
        if untimed:
            lines.append(f"{_short(a['authority'], 32)}: requests {', '.join(untimed)}")
    lines += _footer(assumptions)
    return lines


#: How ``search`` names where a hit is.
_HIT_PLACES = {
    "request": "subject/notes",
    "item": "item {item}",
    "letter": "letter, item {item}",
    "decision": "decision {decision}",
}


def render_hits(hits: Sequence[SearchHitJSON]) -> str:
    """``search`` as text: where each hit is, then the words around it."""
    lines: list[str] = []
    for hit in hits:
        place = _HIT_PLACES[hit["kind"]].format(
            item=hit["item_number"], decision=hit["decision_id"]
        )
        lines.append(
            f"Request {hit['request_id']} ({_short(hit['authority'], 28)}), {place}: "
            f"{hit['snippet']}"
        )
    return "\n".join(lines)
