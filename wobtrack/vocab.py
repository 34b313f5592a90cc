"""Vocabularies shared by every layer. These strings are part of the JSON contract."""

from typing import Final, get_args

from wobtrack.parsing.model import Judgement

#: Request regimes: the Wob (requests received before 2022-05-01) and the Woo (since).
REGIMES: Final = ("wob", "woo")

#: Kinds of timeline events. Stored and shown in this snake_case form; the CLI also accepts
#: hyphens ("precisering-requested").
EVENT_KINDS: Final = (
    "sent",  # the requester sent the request
    "received",  # the authority received it (starts the decision term)
    "acknowledged",  # ontvangstbevestiging
    "precisering_requested",  # Woo 4.1 lid 5: the authority asks to specify the request
    "precisering_given",
    "zienswijze_started",  # Woo 4.4 lid 3 / Wob 6 lid 3: third-party view; term suspended
    "zienswijze_ended",
    "suspended",  # Awb 4:15 opschorting ("tot")
    "resumed",
    "extended",  # verdaging (Woo 4.4 lid 2 / Wob 6 lid 2); the event date is the notice date
    "decision",  # a decision was taken; links to a Decision row when imported
    "ingebrekestelling_sent",  # notice of default (Awb 6:12 lid 2); date = its receipt
    "bezwaar_filed",
    "bezwaar_extended",  # verdaging of the decision on bezwaar (Awb 7:10 lid 3)
    "acoi_complaint_sent",  # Woo 7.3: complaint to the ACOI suspends the bezwaar term
    "acoi_advice",
    "bezwaar_decided",
    "forwarded",  # doorgezonden to another authority (Woo 4.2)
    "withdrawn",
    "note",
)

#: Per-item outcomes of a decision (a contract of ``wobtrack parse --json``).
OUTCOMES: Final = (
    "granted",
    "partly_granted",
    "refused",
    "referred",
    "not_held",
    "forwarded",
    "out_of_scope",
    "not_handled",
    "deferred",
    "withdrawn",
    "unanswered",
)

#: Judgements of one document in an inventory list (a contract of ``wobtrack parse --json``
#: "documents"); a judgement wobtrack does not know is stored as null with needs_review.
#: One home: the parser's ``Judgement`` type names them.
JUDGEMENTS: Final[tuple[str, ...]] = get_args(Judgement)

#: Kinds of decisions one request can receive.
DECISION_KINDS: Final = ("besluit", "deelbesluit", "bezwaar")


def normalise_event_kind(kind: str) -> str:
    """Return the stored form of an event kind typed by a user ("zienswijze-started")."""
    return kind.strip().lower().replace("-", "_")
