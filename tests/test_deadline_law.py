"""The law's dates and regimes, table-driven: each row names its article."""

from __future__ import annotations

from datetime import date

import pytest

from wobtrack.deadlines import law

D = date.fromisoformat

REGIMES = [
    # (id naming the article, day, regime)
    ("Woo10.3-in-force-on-2022-05-01", "2022-05-01", "woo"),
    ("Woo10.1-Wob-until-2022-04-30", "2022-04-30", "wob"),
    ("Woo10.3-later", "2026-11-29", "woo"),
    ("Wob-1991", "1991-05-01", "wob"),
]


@pytest.mark.parametrize(("day", "regime"), [pytest.param(*row[1:], id=row[0]) for row in REGIMES])
def test_regime_on(day: str, regime: str) -> None:
    assert law.regime_on(D(day)) == regime


def _date(text: str | None) -> date | None:
    return D(text) if text else None


DERIVED = [
    # (id, received, sent, today, regime): receipt wins, then the sent date, then today.
    ("Woo10.3-received-decides", "2022-04-30", "2022-05-02", "2026-01-01", "wob"),
    ("Woo10.3-sent-when-no-receipt", None, "2022-05-01", "2020-01-01", "woo"),
    ("Woo10.3-today-when-nothing-known", None, None, "2022-04-30", "wob"),
]


@pytest.mark.parametrize(
    ("received", "sent", "today", "regime"), [pytest.param(*row[1:], id=row[0]) for row in DERIVED]
)
def test_derive_regime(received: str | None, sent: str | None, today: str, regime: str) -> None:
    assert law.derive_regime(_date(received), _date(sent), D(today)) == regime


DECIDED_UNDER_WOO = [
    # legal-spec 5.2: the Woo had immediate effect, so a Wob request decided from 1 May 2022
    # on was decided under the Woo.
    ("Woo-request", "woo", "2023-01-01", True),
    ("Woo-request-date-unknown", "woo", None, True),
    ("Wob-request-decided-before-Woo10.3", "wob", "2022-04-30", False),
    ("Wob-request-decided-under-Woo10.3", "wob", "2022-05-01", True),
    ("Wob-request-date-unknown", "wob", None, False),
]


@pytest.mark.parametrize(
    ("regime", "decided", "woo"), [pytest.param(*row[1:], id=row[0]) for row in DECIDED_UNDER_WOO]
)
def test_decided_under_woo(regime: str, decided: str | None, woo: bool) -> None:
    assert law.decided_under_woo(regime, D(decided) if decided else None) is woo


def test_wob_terms_before_1_october_2009_are_unverified() -> None:
    # Wet dwangsom en beroep bij niet tijdig beslissen (in force 1 October 2009), legal-spec 5.1.
    warning = law.wob_terms_unverified(D("2009-09-30"))
    assert warning is not None
    assert warning.startswith("[U]")
    assert "1 October 2009" in warning
    assert law.wob_terms_unverified(D("2009-10-01")) is None
