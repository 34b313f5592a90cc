"""``wobtrack calc KIND``: the stateless deadline calculator (no database).

The subcommand names and options are a contract. Each one calls one function of
:mod:`wobtrack.deadlines.terms` and renders its :class:`Deadline`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import click

from wobtrack.cli.base import DATE, cli, echo_json, json_option
from wobtrack.cli.render import echo
from wobtrack.contracts import CalcJSON
from wobtrack.dates import human_date
from wobtrack.deadlines import terms
from wobtrack.deadlines.terms import Deadline


@cli.group("calc")
def calc() -> None:
    """Compute one statutory deadline from dates (no database; --today is not used).

    Every result shows the due date, the raw end before the Algemene termijnenwet, the
    articles, the steps in words and warnings for unverified rules.
    """


def render(deadline: Deadline) -> str:
    """Human output: the due date with its weekday, then basis, steps and warnings."""
    lines = [
        deadline.title,
        f"Due: {human_date(deadline.due)}",
        f"Raw end: {human_date(deadline.raw_end)}",
        f"Basis: {'; '.join(deadline.basis)}",
        "Steps:",
        *(f"  {number}. {step}" for number, step in enumerate(deadline.steps, start=1)),
    ]
    if deadline.alternatives:
        lines.append("Other readings:")
        lines += [f"  - {human_date(alt.due)}: {alt.reason}" for alt in deadline.alternatives]
    if deadline.warnings:
        lines.append("Warnings:")
        lines += [f"  - {warning}" for warning in deadline.warnings]
    return "\n".join(lines)


def _emit(kind: str, deadline: Deadline, as_json: bool, inputs: dict[str, Any]) -> None:
    if as_json:
        data = deadline.to_json()
        # "kind" is the subcommand as typed (the contract); "term" names the computed term.
        shown: CalcJSON = {
            "kind": kind,
            "term": data["kind"],
            "due": data["due"],
            "due_weekday": data["due_weekday"],
            "raw_end": data["raw_end"],
            "basis": data["basis"],
            "steps": data["steps"],
            "warnings": data["warnings"],
            "alternatives": data["alternatives"],
            "inputs": {
                key: value.isoformat() if isinstance(value, date) else value
                for key, value in inputs.items()
            },
        }
        echo_json(shown)
    else:
        echo(render(deadline))


def _date_option(name: str, help_text: str, required: bool = True) -> Callable[..., Any]:
    return click.option(name, type=DATE, required=required, metavar="YYYY-MM-DD", help=help_text)


_BEKENDMAKING_HELP = "Day the decision was sent (dispatch date; default the date on the letter)."


def _single(
    kind: str,
    option: str,
    help_text: str,
    compute: Callable[[date], Deadline],
    doc: str,
) -> None:
    """Register a subcommand that takes one date."""
    param = option.lstrip("-").replace("-", "_")

    @calc.command(kind, help=doc)
    @_date_option(option, help_text)
    @json_option
    def command(as_json: bool, **kwargs: date) -> None:
        day = kwargs[param]
        _emit(kind, compute(day), as_json, {param: day})


_single(
    "bezwaar-end",
    "--bekendmaking",
    _BEKENDMAKING_HELP,
    terms.bezwaar_end,
    "Last day to file a bezwaar (Awb 6:7, 6:8, 3:41; Atw).",
)
_single(
    "bezwaar-post-receipt",
    "--bekendmaking",
    _BEKENDMAKING_HELP,
    terms.bezwaar_post_latest_receipt,
    "Latest receipt of a bezwaar posted in time (Awb 6:9 lid 2).",
)
_single(
    "ingebrekestelling",
    "--decision-due",
    "Last day of the (Atw-extended) decision term.",
    terms.ingebrekestelling_earliest,
    "Earliest day an ingebrekestelling counts (Awb 6:12 lid 2 a).",
)
_single(
    "beroep-niet-tijdig",
    "--ingebrekestelling",
    "Day the authority received the ingebrekestelling.",
    terms.beroep_niet_tijdig_earliest,
    "Earliest beroep for not deciding in time (Awb 6:12 lid 2).",
)
_single(
    "beroep-end",
    "--bekendmaking",
    "Day the beslissing op bezwaar was sent.",
    terms.beroep_end,
    "Last day for beroep against the beslissing op bezwaar (Awb 6:7).",
)
_single(
    "precisering",
    "--received",
    "Day the authority received the request.",
    terms.precisering_request_due,
    "Last day for the authority to ask for precisering (Woo 4.1 lid 5).",
)
_single(
    "third-party-disclosure",
    "--bekendmaking",
    _BEKENDMAKING_HELP,
    terms.third_party_disclosure,
    "Disclosure date when a third party is expected to object (Woo 4.4 lid 5).",
)


_EXTENSION_NOTICE_HELP = (
    "Day the verdaging was notified; a notice after the first term is ignored (implies --extended)."
)


@calc.command("woo-decision")
@_date_option("--received", "Day the authority received the request.")
@click.option(
    "--extended", is_flag=True, help="The decision was verdaagd (+2 weeks, Woo 4.4 lid 2)."
)
@_date_option("--extension-notice", _EXTENSION_NOTICE_HELP, required=False)
@click.option(
    "--suspended-days",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    metavar="N",
    help="Days the term was suspended (zienswijze 'tot en met', Awb 4:15 'tot').",
)
@json_option
def woo_decision(
    received: date,
    extended: bool,
    extension_notice: date | None,
    suspended_days: int,
    as_json: bool,
) -> None:
    """Woo decision due date (Woo 4.4): 4 weeks, + at most 2 weeks verdaging."""
    deadline = terms.woo_decision(
        received,
        extended=extended,
        extension_notice=extension_notice,
        suspended_days=suspended_days,
    )
    inputs: dict[str, Any] = {
        "received": received,
        "extended": extended or extension_notice is not None,
        "suspended_days": suspended_days,
    }
    if extension_notice is not None:
        inputs["extension_notice"] = extension_notice
    _emit("woo-decision", deadline, as_json, inputs)


@calc.command("wob-decision")
@_date_option("--received", "Day the authority received the request (before 2022-05-01).")
@click.option(
    "--extended", is_flag=True, help="The decision was verdaagd (+4 weeks, Wob art. 6 lid 2)."
)
@_date_option("--extension-notice", _EXTENSION_NOTICE_HELP, required=False)
@json_option
def wob_decision(
    received: date, extended: bool, extension_notice: date | None, as_json: bool
) -> None:
    """Wob decision due date (Wob article 6): 4 weeks, + at most 4 weeks verdaging."""
    deadline = terms.wob_decision(received, extended=extended, extension_notice=extension_notice)
    inputs: dict[str, Any] = {
        "received": received,
        "extended": extended or extension_notice is not None,
    }
    if extension_notice is not None:
        inputs["extension_notice"] = extension_notice
    _emit("wob-decision", deadline, as_json, inputs)


@calc.command("bezwaar-decision")
@_date_option("--bekendmaking", "Day the contested decision was sent.")
@click.option("--committee", is_flag=True, help="An advisory committee (Awb 7:13): 12 weeks.")
@click.option("--extended", is_flag=True, help="The decision on bezwaar was verdaagd (+6 weeks).")
@json_option
def bezwaar_decision(bekendmaking: date, committee: bool, extended: bool, as_json: bool) -> None:
    """Decision on bezwaar due (Awb 7:10), counted from the day after the bezwaar term."""
    deadline = terms.bezwaar_decision(bekendmaking, committee=committee, extended=extended)
    inputs = {"bekendmaking": bekendmaking, "committee": committee, "extended": extended}
    _emit("bezwaar-decision", deadline, as_json, inputs)


@calc.command("bezwaar-end-acoi")
@_date_option("--bekendmaking", _BEKENDMAKING_HELP)
@_date_option("--complaint-sent", "Day the complaint was sent to the ACOI.")
@_date_option("--advice", "Day the ACOI gave its advice (or said it would give none).")
@json_option
def bezwaar_end_acoi(bekendmaking: date, complaint_sent: date, advice: date, as_json: bool) -> None:
    """Bezwaar term suspended by a complaint to the ACOI (Woo 7.3 lid 2)."""
    deadline = terms.bezwaar_end_acoi(bekendmaking, complaint_sent, advice)
    inputs = {"bekendmaking": bekendmaking, "complaint_sent": complaint_sent, "advice": advice}
    _emit("bezwaar-end-acoi", deadline, as_json, inputs)
