"""Letter facts the tracker uses on import (issue 8, part 4): the letter's kind and the
verdaging it states.

A beslissing op bezwaar is stored as kind "bezwaar": against it lies beroep at the rechtbank
within six weeks (Awb 6:7, 8:1), never a bezwaar term. A verdaging the letter states becomes
an ``extended`` event dated when it was sent (Woo 4.4 lid 2), or ``bezwaar_extended`` in a
decision on bezwaar (Awb 7:10 lid 3). The letters below were written for these tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli
from tests.pdfmaker import text_to_pdf
from wobtrack.deadlines.status import DecisionFact, EventFact, RequestFacts, derive_status
from wobtrack.decisions import letter_kind

D = date.fromisoformat

# --------------------------------------------------------------------------- the letters

_HEAD = """Gemeente Brugwijk
Retouradres: Postbus 77, 7700 AB Brugwijk

De heer T. Visser
Molenstraat 4
7701 CD Brugwijk

Datum            {date}
Ons kenmerk      BW-2026-{ref}
Onderwerp        {subject}

Geachte heer Visser,

"""
_TAIL = """
Hoogachtend,

het college van burgemeester en wethouders van Brugwijk,

J. de Boer
teamleider Informatie

{remedy}
"""
_BEZWAAR_CLAUSE = """Bezwaar
Tegen dit besluit kunt u binnen zes weken na de dag van bekendmaking bezwaar maken.
Stuur uw bezwaarschrift naar het college van burgemeester en wethouders van Brugwijk,
Postbus 77, 7700 AB Brugwijk."""
_BEROEP_CLAUSE = """Beroep
Tegen deze beslissing kunt u binnen zes weken na de dag van bekendmaking beroep
instellen bij de rechtbank Oost-Nederland, team bestuursrecht."""
_BESLUIT = """Op 9 februari 2026 hebben wij uw verzoek op grond van de Wet open overheid (Woo)
ontvangen. U vraagt om documenten over de herinrichting van het Marktplein.
{verdaging}
Uw verzoek
1. het ontwerp van de herinrichting;
2. de offertes van aannemers.

Ons besluit
{opening}Wij hebben besloten uw verzoek toe te wijzen.
Onderdeel 1: ontwerp
Het ontwerp maken wij volledig openbaar.
Onderdeel 2: offertes
De offertes maken wij volledig openbaar.
"""
_ON_OBJECTION = """Op 2 april 2026 hebben wij uw bezwaarschrift ontvangen tegen ons besluit van
20 maart 2026 op uw Woo-verzoek over de herinrichting van het Marktplein.
{verdaging}
Hoorzitting
Op 12 mei 2026 bent u gehoord over uw bezwaar.

Beslissing op bezwaar
Wij verklaren uw bezwaar ongegrond en handhaven het bestreden besluit.
"""

#: Notified Tue 3 Mar 2026, within the first term (Mon 9 Mar); the new last day is right.
VERDAGING = (
    "Bij brief van 3 maart 2026 hebben wij de beslistermijn met twee weken verdaagd tot\n"
    "23 maart 2026.\n"
)


def besluit_letter(verdaging: str = "", *, partial: bool = False) -> str:
    subject = "Eerste deelbesluit op uw Woo-verzoek" if partial else "Besluit op uw Woo-verzoek"
    opening = "Dit is ons eerste deelbesluit. " if partial else ""
    body = _BESLUIT.format(verdaging=verdaging, opening=opening)
    return (
        _HEAD.format(date="20 maart 2026", ref="101", subject=subject)
        + body
        + _TAIL.format(remedy=_BEZWAAR_CLAUSE)
    )


def objection_letter(verdaging: str = "") -> str:
    return (
        _HEAD.format(date="5 juni 2026", ref="202", subject="Beslissing op uw bezwaar")
        + _ON_OBJECTION.format(verdaging=verdaging)
        + _TAIL.format(remedy=_BEROEP_CLAUSE)
    )


# --------------------------------------------------------------------------- pure: kind


@dataclass(frozen=True)
class KindRow:
    article: str
    letter: str | None  # the parser's "kind"
    remedy: str | None  # the parser's bezwaar.remedy
    given: str | None  # --kind
    stored: str
    warning: str | None = None


KIND_ROWS = [
    KindRow("Awb 7:1 (besluit, bezwaar open)", "besluit", "bezwaar", None, "besluit"),
    KindRow("Awb 7:1 (deelbesluit, bezwaar open)", "deelbesluit", "bezwaar", None, "deelbesluit"),
    KindRow("Awb 6:7 + 8:1 (beslissing op bezwaar: beroep)", "bezwaar", "beroep", None, "bezwaar"),
    KindRow("Awb 7:1 (kind unread: a besluit)", None, None, None, "besluit"),
    KindRow(
        "Awb 6:7 (--kind wins, with a warning)",
        "bezwaar",
        "beroep",
        "besluit",
        "besluit",
        "reads as a beslissing op bezwaar",
    ),
    KindRow(
        "Awb 6:7 + 8:1 (beroep clause on a besluit)",
        "besluit",
        "beroep",
        None,
        "besluit",
        "remedy clause names beroep",
    ),
]


@pytest.mark.parametrize("row", KIND_ROWS, ids=[row.article for row in KIND_ROWS])
def test_letter_kind_maps_onto_the_tracker(row: KindRow) -> None:
    parsed: dict[str, Any] = {"kind": row.letter, "bezwaar": {"weeks": 6, "remedy": row.remedy}}
    kind, warnings = letter_kind(parsed, row.given)
    assert kind == row.stored
    if row.warning is None:
        assert warnings == []
    else:
        assert any(row.warning in w for w in warnings), warnings


# --------------------------------------------------------------------------- pure: beroep term


@dataclass(frozen=True)
class RemedyRow:
    article: str
    decisions: tuple[DecisionFact, ...]
    today: str
    state: str
    deadlines: dict[str, str]
    events: tuple[EventFact, ...] = ()


def _decision(kind: str, on: str, decision_id: int) -> DecisionFact:
    return DecisionFact(decision_id, kind, D(on))


REMEDY_ROWS = [
    # Fri 5 Jun 2026 + 42 days = Fri 17 Jul 2026; no bezwaar_filed was logged.
    RemedyRow(
        "Awb6:7-beroep-after-beslissing-op-bezwaar-only",
        (_decision("bezwaar", "2026-06-05", 1),),
        "2026-06-10",
        "decided",
        {"beroep_end": "2026-07-17"},
    ),
    # The besluit's bezwaar term (Fri 1 May + 42 = Fri 12 Jun) is gone: the decision on
    # bezwaar proves the objection, and beroep lies instead (Awb 6:7, 8:1).
    RemedyRow(
        "Awb6:7-beslissing-op-bezwaar-replaces-bezwaar-term",
        (_decision("besluit", "2026-05-01", 1), _decision("bezwaar", "2026-06-05", 2)),
        "2026-06-10",
        "decided",
        {"beroep_end": "2026-07-17"},
    ),
    # Thu 2 Apr 2026 + 42 days = Thu 14 May (Hemelvaart), Fri 15 May gelijkgesteld:
    # Mon 18 May 2026 (Awb 6:7; Atw 1).
    RemedyRow(
        "Awb6:7+Atw1-beroep-end-after-hemelvaart",
        (_decision("bezwaar", "2026-04-02", 1),),
        "2026-04-03",
        "decided",
        {"beroep_end": "2026-05-18"},
    ),
    # The beroep term has passed (Awb 6:7): nothing left to do.
    RemedyRow(
        "Awb6:7-closed-after-beroep-term",
        (_decision("besluit", "2026-05-01", 1), _decision("bezwaar", "2026-06-05", 2)),
        "2026-07-18",
        "closed",
        {},
    ),
    # Before the decision on bezwaar is sent, the besluit's bezwaar term is open (Awb 6:7).
    RemedyRow(
        "Awb6:7-bezwaar-term-until-the-decision-on-bezwaar",
        (_decision("besluit", "2026-05-01", 1), _decision("bezwaar", "2026-06-05", 2)),
        "2026-05-04",
        "decided",
        {"bezwaar_end": "2026-06-12", "bezwaar_post_receipt": "2026-06-19"},
    ),
]


@pytest.mark.parametrize("row", REMEDY_ROWS, ids=[row.article for row in REMEDY_ROWS])
def test_a_decision_on_bezwaar_gives_the_beroep_term(row: RemedyRow) -> None:
    facts = RequestFacts(
        regime="woo", received=D("2026-02-09"), events=row.events, decisions=row.decisions
    )
    status = derive_status(facts, D(row.today))
    assert status.state == row.state
    assert {d.key: d.due.isoformat() for d in status.deadlines} == row.deadlines
    beroep = status.deadline("beroep_end")
    if beroep is not None:
        assert "Awb 6:7" in beroep.basis
        assert "court" in beroep.action
        assert beroep.decision_id == row.decisions[-1].decision_id


def test_a_lone_decision_on_bezwaar_stops_the_decision_term() -> None:
    facts = RequestFacts(
        regime="woo", received=D("2026-02-09"), decisions=(_decision("bezwaar", "2026-06-05", 1),)
    )
    status = derive_status(facts, D("2026-06-10"))
    assert status.deadline("decision_due") is None
    assert status.deadline("ingebrekestelling_from") is None
    assert any("not the decision it concerns" in w for w in status.warnings)


# --------------------------------------------------------------------------- CLI, on a database


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _request(run: Cli) -> None:
    # Woo, received Mon 9 Feb 2026: first term ends Mon 9 Mar 2026 (Woo 4.4 lid 1).
    run(
        "request", "add", "-a", "Gemeente Brugwijk", "-s", "Marktplein",
        "--received", "2026-02-09", "--item", "het ontwerp", "--item", "de offertes",
    )  # fmt: skip


def _pdf(tmp_path: Path, name: str, text: str) -> Path:
    return text_to_pdf(text, tmp_path / name)


def _import(run: Cli, *args: str) -> dict[str, Any]:
    return json.loads(run("decision", "import", *args, "--json").stdout)  # type: ignore[no-any-return]


def _show(run: Cli, today: str) -> dict[str, Any]:
    later = Cli(run.db_url, today=D(today))
    return json.loads(later("request", "show", "1", "--json").stdout)  # type: ignore[no-any-return]


def _events(shown: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [row for row in shown["timeline"] if row["kind"] == kind]


def test_verdaging_in_the_letter_is_recorded_and_the_decision_is_on_time(
    run: Cli, tmp_path: Path
) -> None:
    _request(run)
    letter = _pdf(tmp_path, "besluit.pdf", besluit_letter(VERDAGING))
    data = _import(run, "1", str(letter))
    assert data["kind"] == "besluit"
    assert data["verdaging"]["kind"] == "extended"
    assert data["verdaging"]["date"] == "2026-03-03"
    assert "2026-03-23" in data["verdaging"]["note"]
    assert not [w for w in data["warnings"] if "verdaging" in w or "new last day" in w]
    shown = _show(run, "2026-03-25")
    [event] = _events(shown, "extended")
    assert event["decision_id"] == data["decision_id"]
    assert not shown["flags"]
    # Woo 4.4 lid 2: received Mon 9 Feb + 6 weeks = Mon 23 Mar 2026; decided Fri 20 Mar.
    [request] = json.loads(run("summary", "--json").stdout)["requests"]
    assert request["decision"]["due"] == "2026-03-23"
    assert request["decision"]["late"] is False
    # Importing the same letter again adds nothing.
    again = _import(run, "1", str(letter))
    assert again["created"] is False
    assert len(_events(_show(run, "2026-03-25"), "extended")) == 1


def test_human_output_names_the_verdaging(run: Cli, tmp_path: Path) -> None:
    _request(run)
    letter = _pdf(tmp_path, "besluit.pdf", besluit_letter(VERDAGING))
    out = run("decision", "import", "1", str(letter)).stdout
    assert "Imported besluit.pdf as decision 1 of request 1." in out
    assert "Recorded the verdaging of 2026-03-03" in out


def test_verdaging_already_logged_on_that_day_is_not_duplicated(run: Cli, tmp_path: Path) -> None:
    _request(run)
    run("event", "add", "1", "extended", "2026-03-03", "--note", "brief ontvangen")
    data = _import(run, "1", str(_pdf(tmp_path, "besluit.pdf", besluit_letter(VERDAGING))))
    assert data["verdaging"] is None
    [event] = _events(_show(run, "2026-03-25"), "extended")
    assert event["note"] == "brief ontvangen"


def test_verdaging_logged_on_another_day_is_added_with_a_warning(run: Cli, tmp_path: Path) -> None:
    _request(run)
    run("event", "add", "1", "extended", "2026-03-05")
    data = _import(run, "1", str(_pdf(tmp_path, "besluit.pdf", besluit_letter(VERDAGING))))
    assert data["verdaging"]["date"] == "2026-03-03"
    assert any("already had a verdaging (Thu 5 Mar 2026)" in w for w in data["warnings"])
    shown = _show(run, "2026-03-25")
    assert [e["date"] for e in _events(shown, "extended")] == ["2026-03-03", "2026-03-05"]
    # Woo 4.4 lid 2 allows one verdaging: the first counts, the second adds nothing.
    [request] = json.loads(run("summary", "--json").stdout)["requests"]
    assert request["decision"]["due"] == "2026-03-23"


def test_verdaging_without_a_sent_date_adds_nothing_and_warns(run: Cli, tmp_path: Path) -> None:
    _request(run)
    text = besluit_letter("De beslistermijn is verdaagd tot 23 maart 2026.\n")
    data = _import(run, "1", str(_pdf(tmp_path, "besluit.pdf", text)))
    assert data["verdaging"] is None
    [warning] = [w for w in data["warnings"] if "verdaging" in w]
    assert "Mon 23 Mar 2026" in warning
    assert "wobtrack event add 1 extended" in warning
    assert _events(_show(run, "2026-03-25"), "extended") == []
    # The warning is kept with the decision.
    shown = _show(run, "2026-03-25")
    assert any("not when the verdaging was sent" in w for w in shown["decisions"][0]["warnings"])


def test_a_new_last_day_the_law_does_not_give_is_flagged(run: Cli, tmp_path: Path) -> None:
    _request(run)
    # Woo 4.4 lid 2 extends by two weeks: Mon 23 Mar 2026, not Mon 30 Mar.
    text = besluit_letter(VERDAGING.replace("23 maart", "30 maart"))
    data = _import(run, "1", str(_pdf(tmp_path, "besluit.pdf", text)))
    assert data["verdaging"]["date"] == "2026-03-03"
    [warning] = [w for w in data["warnings"] if "new last day" in w]
    assert "Mon 30 Mar 2026" in warning
    assert "Mon 23 Mar 2026" in warning
    assert "Woo 4.4 lid 2" in warning


def test_decision_on_bezwaar_is_stored_as_bezwaar_with_the_beroep_term(
    run: Cli, tmp_path: Path
) -> None:
    _request(run)
    _import(run, "1", str(_pdf(tmp_path, "besluit.pdf", besluit_letter(VERDAGING))))
    run("event", "add", "1", "bezwaar-filed", "2026-04-02")
    verdaagd = (
        "Bij brief van 6 mei 2026 hebben wij de beslistermijn op uw bezwaar met zes\n"
        "weken verdaagd.\n"
    )
    letter = _pdf(tmp_path, "beslissing-op-bezwaar.pdf", objection_letter(verdaagd))
    data = _import(run, "1", str(letter))
    assert data["kind"] == "bezwaar"
    assert data["unanswered_items"] == []
    # Awb 7:10 lid 3: the verdaging of the decision on bezwaar is its own event kind.
    assert (data["verdaging"]["kind"], data["verdaging"]["date"]) == (
        "bezwaar_extended",
        "2026-05-06",
    )
    # The besluit's outcomes still count: the objection was declared unfounded.
    assert [item["outcomes"] for item in data["items"]] == [["granted"], ["granted"]]
    shown = _show(run, "2026-06-08")
    keys = {d["key"]: d["due"] for d in shown["deadlines"]}
    # Awb 6:7/6:8: bekendmaking Fri 5 Jun 2026 + 42 days = Fri 17 Jul 2026, to the rechtbank.
    assert keys == {"beroep_end": "2026-07-17"}
    assert shown["state"] == "decided"
    # No bezwaarschrift can be drafted against it.
    refused = run("draft", "bezwaar", "1", "--decision", str(data["decision_id"]), ok=False)
    assert "beroep" in refused.stderr


def test_lone_decision_on_bezwaar_offers_beroep_not_bezwaar(run: Cli, tmp_path: Path) -> None:
    _request(run)
    letter = _pdf(tmp_path, "beslissing-op-bezwaar.pdf", objection_letter())
    out = run("decision", "import", "1", str(letter)).stdout
    assert "beslissing op bezwaar" in out
    assert "beroep at the rechtbank" in out
    shown = _show(run, "2026-06-08")
    # Awb 6:7: beroep within six weeks; no bezwaar term, no decision term any more.
    assert {d["key"]: d["due"] for d in shown["deadlines"]} == {"beroep_end": "2026-07-17"}
    refused = run("draft", "bezwaar", "1", ok=False)
    assert "only a beslissing op bezwaar" in refused.stderr
    assert "Awb 6:7" in refused.stderr


def test_kind_option_overrides_the_letter_with_a_warning(run: Cli, tmp_path: Path) -> None:
    _request(run)
    letter = _pdf(tmp_path, "beslissing-op-bezwaar.pdf", objection_letter())
    data = _import(run, "1", str(letter), "--kind", "besluit")
    assert data["kind"] == "besluit"
    assert any("reads as a beslissing op bezwaar" in w for w in data["warnings"])


def test_deelbesluit_letter_is_stored_as_deelbesluit(run: Cli, tmp_path: Path) -> None:
    _request(run)
    letter = _pdf(tmp_path, "deelbesluit.pdf", besluit_letter(partial=True))
    data = _import(run, "1", str(letter))
    assert data["kind"] == "deelbesluit"
    assert data["verdaging"] is None
    shown = _show(run, "2026-03-25")
    assert shown["decisions"][0]["kind"] == "deelbesluit"
