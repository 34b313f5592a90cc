"""The one table of deadline keys: heading, the engine's action wording, who may act when.

A tracked deadline has a stable ``key`` (a contract for reminders, calendars and JSON
output) and comes from one of the term functions, whose ``kind`` is more specific (the Woo
or the Wob term, a bezwaar term suspended by an ACOI complaint). Each row here says, for
one key: its short heading, the kinds that produce it with their own headings, the
engine's one-line action, whether it is a decision term of the authority (an
ingebrekestelling can follow it, Awb 6:12) and whether the requester *may act from* that
day on (such a deadline stays open after it passes: it is why the requester may act now).

Pure: no database, no clock; "days left" is passed in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from wobtrack.dates import human_date


@dataclass(frozen=True)
class ActionFacts:
    """What the engine's one-line action for a deadline may mention.

    ``related_due`` is the decision term an ingebrekestelling follows, or the bezwaar term
    within which a posted bezwaar had to be posted; ``where`` says where a bezwaar goes.
    """

    due: date
    earliest_due: date
    days_left: int
    related_due: date | None = None
    where: str = ""


@dataclass(frozen=True)
class DeadlineKey:
    """One row of :data:`DEADLINE_TABLE`."""

    key: str
    #: A short heading (calendar summaries, ``remind --json`` "title").
    title: str
    #: The term functions' kinds that produce this key, each with its own heading.
    kinds: Mapping[str, str]
    #: The requester may act from this day on: the deadline stays open once passed.
    may_act_from: bool = False
    #: A decision term of the authority (an ingebrekestelling can follow it, Awb 6:12 lid 2).
    decision_term: bool = False
    #: Tracked by the status engine (a key in every request's status); the others are only
    #: computed on request (``wobtrack calc``).
    tracked: bool = True
    #: The engine's one-line action; ``None`` for keys the engine does not track.
    wording: Callable[[ActionFacts], str] | None = None
    #: The key whose series this one continues (one calendar event for both): a verdaging
    #: moves the decision term, it does not start a new one.
    continues: str | None = None

    def action(self, facts: ActionFacts) -> str:
        """The engine's one-line action for a deadline of this key."""
        return self.wording(facts) if self.wording is not None else self.title


# --------------------------------------------------------------------------- wording


def _decision_term(what: str, pending: str) -> Callable[[ActionFacts], str]:
    """Wording of a decision term: ``pending`` (with ``{due}``) until it passes, then default."""

    def wording(facts: ActionFacts) -> str:
        due = human_date(facts.due)
        if facts.days_left < 0:
            return f"{what} was due {due}: the authority is in default"
        return pending.format(due=due)

    return wording


_decision_due = _decision_term("The decision", "The authority must decide by {due}")
_bezwaar_decision = _decision_term(
    "The decision on bezwaar", "The decision on bezwaar is due {due}"
)


def _ingebrekestelling(facts: ActionFacts) -> str:
    decision = human_date(facts.related_due) if facts.related_due else "[unknown]"
    if facts.days_left <= 0:
        return f"Send the ingebrekestelling: the decision was due {decision}"
    return f"No ingebrekestelling before {human_date(facts.due)}: the decision is due {decision}"


def _beroep_niet_tijdig(facts: ActionFacts) -> str:
    since = human_date(facts.due)
    if facts.days_left <= 0:
        return f"Beroep for not deciding in time is possible (since {since})"
    return f"Beroep for not deciding in time possible from {since}"


def _bezwaar_end(facts: ActionFacts) -> str:
    return f"Bezwaar must be received by {human_date(facts.due)}{facts.where}"


def _bezwaar_post(facts: ActionFacts) -> str:
    term = human_date(facts.related_due) if facts.related_due else "the end of the term"
    safe = (
        f" (safest: by {human_date(facts.earliest_due)})" if facts.earliest_due != facts.due else ""
    )
    return f"A bezwaar posted by {term} must arrive by {human_date(facts.due)}{safe}"


def _beroep_end(facts: ActionFacts) -> str:
    return f"Beroep must be received by the court by {human_date(facts.due)}"


def _disclosure(facts: ActionFacts) -> str:
    day = human_date(facts.due)
    if facts.days_left < 0:
        return f"The suspended documents could be made public from {day}: check they were"
    return (
        f"The suspended documents may be made public from {day}, unless a voorlopige "
        "voorziening is requested"
    )


# --------------------------------------------------------------------------- the table

#: Every deadline key, in the order deadlines due on the same day are listed.
DEADLINE_TABLE: tuple[DeadlineKey, ...] = (
    DeadlineKey(
        "decision_due",
        "Decision due",
        MappingProxyType(
            {"woo_decision_due": "Woo decision due", "wob_decision_due": "Wob decision due"}
        ),
        decision_term=True,
        wording=_decision_due,
    ),
    DeadlineKey(
        "decision_extended_due",
        "Decision due (verdaging)",
        MappingProxyType(
            {
                "woo_decision_extended_due": "Woo decision due (extended)",
                "wob_decision_extended_due": "Wob decision due (extended)",
            }
        ),
        decision_term=True,
        wording=_decision_due,
        continues="decision_due",
    ),
    DeadlineKey(
        "ingebrekestelling_from",
        "Ingebrekestelling possible",
        MappingProxyType({"ingebrekestelling_earliest": "Earliest valid ingebrekestelling"}),
        may_act_from=True,
        wording=_ingebrekestelling,
    ),
    DeadlineKey(
        "beroep_niet_tijdig_from",
        "Beroep niet tijdig beslissen possible",
        MappingProxyType(
            {"beroep_niet_tijdig_earliest": "Earliest beroep for not deciding in time"}
        ),
        may_act_from=True,
        wording=_beroep_niet_tijdig,
    ),
    DeadlineKey(
        "bezwaar_end",
        "Bezwaar term ends",
        MappingProxyType(
            {
                "bezwaar_end": "Bezwaar term ends",
                "bezwaar_end_acoi_suspended": "Bezwaar term ends (suspended by an ACOI complaint)",
            }
        ),
        wording=_bezwaar_end,
    ),
    DeadlineKey(
        "bezwaar_post_receipt",
        "Latest receipt of a posted bezwaar",
        MappingProxyType(
            {"bezwaar_post_latest_receipt": "Latest receipt of a bezwaar posted in time"}
        ),
        wording=_bezwaar_post,
    ),
    DeadlineKey(
        "bezwaar_decision_due",
        "Decision on bezwaar due",
        MappingProxyType(
            {
                "bezwaar_decision_due": "Decision on bezwaar due",
                "bezwaar_decision_due_acoi": "Decision on bezwaar due (after ACOI advice)",
            }
        ),
        decision_term=True,
        wording=_bezwaar_decision,
    ),
    DeadlineKey(
        "beroep_end",
        "Beroep term ends",
        MappingProxyType({"beroep_end": "Beroep term ends (against the beslissing op bezwaar)"}),
        wording=_beroep_end,
    ),
    DeadlineKey(
        "woo_precisering_request_due",
        "Last day for the authority to ask for precisering",
        MappingProxyType(
            {
                "woo_precisering_request_due": "Last day for the authority to ask for precisering",
            }
        ),
        tracked=False,
    ),
    DeadlineKey(
        "woo_third_party_disclosure_date",
        "Disclosure date when a third party may object",
        MappingProxyType(
            {"woo_third_party_disclosure_date": "Disclosure date when a third party may object"}
        ),
        # Tracked for decisions with documents held back (opgeschort) for third parties.
        wording=_disclosure,
    ),
)

#: Each row by its key.
KEYS: Mapping[str, DeadlineKey] = MappingProxyType({row.key: row for row in DEADLINE_TABLE})

#: Stable keys of tracked deadlines (a contract for reminders, ICS and JSON output).
DEADLINE_KEYS: tuple[str, ...] = tuple(row.key for row in DEADLINE_TABLE if row.tracked)

#: One heading per term kind (``wobtrack calc``, :attr:`Deadline.title`).
KIND_TITLES: Mapping[str, str] = MappingProxyType(
    {kind: title for row in DEADLINE_TABLE for kind, title in row.kinds.items()}
)

#: One short heading per key (calendar summaries, ``remind --json`` "title").
KEY_TITLES: Mapping[str, str] = MappingProxyType({row.key: row.title for row in DEADLINE_TABLE})


def may_act_from(key: str) -> bool:
    """Whether the requester may act from this deadline on (so it stays open once passed)."""
    row = KEYS.get(key)
    return row is not None and row.may_act_from


def is_decision_term(key: str) -> bool:
    """Whether ``key`` is a decision term of the authority that an ingebrekestelling follows."""
    row = KEYS.get(key)
    return row is not None and row.decision_term


def series_of(key: str) -> str:
    """The series a key belongs to: ``decision_extended_due`` continues ``decision_due``."""
    row = KEYS.get(key)
    return row.continues if row is not None and row.continues is not None else key


def still_open(key: str, passed: bool) -> bool:
    """Whether a deadline still calls for attention: not passed, or one to act from."""
    return not passed or may_act_from(key)


__all__ = [
    "DEADLINE_KEYS",
    "DEADLINE_TABLE",
    "KEYS",
    "KEY_TITLES",
    "KIND_TITLES",
    "ActionFacts",
    "DeadlineKey",
    "is_decision_term",
    "may_act_from",
    "series_of",
    "still_open",
]
