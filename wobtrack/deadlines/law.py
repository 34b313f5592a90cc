"""The law's dates, regimes and constants: one home for each. Pure: no clock, no database.

Everything that depends on *which* law applies (the Wob or the Woo) or on a statutory
changeover date reads it from here: the deadline engine, the parser (a letter that names
both laws), the tracker (a new request's regime) and the drafts (which articles to cite).
"""

from __future__ import annotations

from datetime import date
from typing import Final, Literal

from wobtrack.dates import human_date

#: The Woo took effect on this day (Woo 10.3); the Wob was repealed (Woo 10.1). The Woo had
#: immediate effect, without transitional law (legal-spec 5.2).
WOO_IN_FORCE: Final = date(2022, 5, 1)

#: Wet dwangsom en beroep bij niet tijdig beslissen: the Wob terms before this are [U]
#: (probably 2 weeks + 2 weeks verdaging, legal-spec 5.1).
WOB_TERMS_KNOWN_FROM: Final = date(2009, 10, 1)

Regime = Literal["wob", "woo"]


def regime_on(day: date) -> Regime:
    """The law in force on ``day``: the Woo from 1 May 2022 (Woo 10.3), the Wob before."""
    return "woo" if day >= WOO_IN_FORCE else "wob"


def derive_regime(received: date | None, sent: date | None, today: date) -> Regime:
    """A request's regime: the law in force when it was received (else sent, else today)."""
    return regime_on(received or sent or today)


def decided_under_woo(regime: str | None, decided_on: date | None) -> bool:
    """Whether a decision was taken under the Woo.

    A Woo request always is; a Wob request decided from 1 May 2022 on was too, because the
    Woo had immediate effect (legal-spec 5.2), so the Woo's articles apply to the decision.
    """
    return regime != "wob" or (decided_on is not None and regime_on(decided_on) == "woo")


def wob_terms_unverified(received: date) -> str | None:
    """The [U] warning for a Wob request received before 1 October 2009, else ``None``."""
    if received >= WOB_TERMS_KNOWN_FROM:
        return None
    return (
        f"[U] Wob request received {human_date(received)}, before 1 October 2009: the Wob terms "
        "were then probably 2 weeks + 2 weeks verdaging (legal-spec 5.1); the dates use "
        "4 + 4 weeks."
    )


__all__ = [
    "WOB_TERMS_KNOWN_FROM",
    "WOO_IN_FORCE",
    "Regime",
    "decided_under_woo",
    "derive_regime",
    "regime_on",
    "wob_terms_unverified",
]
