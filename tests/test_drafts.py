"""``wobtrack draft``: the ingebrekestelling and the bezwaarschrift (issue 5), on every backend.

The data are set up through the library (requests, events, a decision with per-item
outcomes created directly, a person's correction); the drafts are checked against golden
files with a fixed "today". Regenerate the goldens only when a change is intended:
``WOBTRACK_UPDATE_GOLDENS=force python -m pytest tests/test_drafts.py``.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from tests.conftest import Cli
from tests.goldens import assert_golden
from wobtrack.decisions import FLAG_NOT_IN_LETTER, FinalOutcome, set_outcome
from wobtrack.drafts import cite_ground, dutch_date
from wobtrack.drafts.document import escape_comment
from wobtrack.drafts.sections import SECTIONS, sort_items
from wobtrack.items import ItemText
from wobtrack.models import Decision, Event, ItemOutcome, Request
from wobtrack.tracker import add_event, add_request, get_request

GOLDEN = Path(__file__).parent / "data" / "drafts"
SETUP_DAY = date(2026, 11, 22)

# Request 1: received Fri 2 Oct 2026, verdaging notified Tue 27 Oct 2026 (in time):
# due Fri 13 Nov 2026 (Woo 4.4 lid 1 + 2), first valid ingebrekestelling Sat 14 Nov 2026.
# Request 2: decided. Deelbesluit (id 1) of Tue 20 Oct 2026; besluit (id 2) dated Mon 16 Nov
# 2026, sent Tue 17 Nov 2026: bezwaar by Tue 29 Dec 2026 (Awb 6:7, 6:8), a posted bezwaar
# received by Tue 5 Jan 2027 (Awb 6:9 lid 2).
CAMERA_ITEMS = [
    ItemText("1", "de besluitvorming over de plaatsing van slimme camera's in de binnenstad;"),
    ItemText("2", "de contracten met leveranciers van de camera's en de software;"),
    ItemText("3", "de adviezen van de functionaris gegevensbescherming."),
]
NATURE_ITEMS = [
    ItemText("1", "het aanvraagformulier van de vergunning;"),
    ItemText("2", "de correspondentie met de aanvrager over de stikstofdepositie;"),
    ItemText("3", "de interne adviezen over de vergunningverlening;"),
    ItemText("4", "de passende beoordeling en de AERIUS-berekeningen;"),
    ItemText("5", "de verslagen van het overleg met het ministerie;"),
    ItemText("6", "de handhavingsverzoeken van omwonenden;"),
    ItemText("7", "de interne e-mails over externe saldering;"),
    ItemText("8", "de nota's aan Gedeputeerde Staten;"),
    ItemText("9", "de bedrijfsgegevens die de aanvrager heeft verstrekt;"),
    ItemText("10", "de ontwerpvergunning."),
]


def _outcome(
    item_number: str,
    outcomes: list[str],
    *,
    grounds: list[str] | None = None,
    references: list[dict[str, Any]] | None = None,
    evidence: list[dict[str, Any]] | None = None,
    flags: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "number": item_number,
        "outcomes": outcomes,
        "grounds": grounds or [],
        "references": references or [],
        "evidence": evidence or [],
        "flags": flags or [],
    }


# The parser's proposals for the besluit; item 5 ("granted") and item 9 (no ground) are then
# corrected by a person.
BESLUIT_OUTCOMES = [
    _outcome(
        "2",
        ["partly_granted"],
        grounds=["5.1.2e"],
        evidence=[{"page": 2, "text": "De namen van medewerkers heb ik onleesbaar gemaakt."}],
    ),
    _outcome("3", ["refused"], grounds=["5.1.2i", "5.2"]),
    _outcome(
        "4",
        ["referred"],
        references=[
            {"kind": "url", "value": "https://www.zuid-holland.nl/onderwerpen/natuur"},
            {"kind": "decision", "value": "Woo-besluit 2025-044"},
        ],
    ),
    _outcome("5", ["granted"]),
    _outcome(
        "6",
        ["forwarded"],
        evidence=[
            {
                "page": 3,
                "text": "Dit deel van uw verzoek heb ik doorgezonden aan de minister "
                "van Landbouw, Visserij, Voedselzekerheid en Natuur.",
            }
        ],
    ),
    _outcome("7", ["unanswered"], flags=[FLAG_NOT_IN_LETTER]),
    _outcome(
        "8",
        ["referred", "not_held"],
        references=[{"kind": "document", "value": "documenten 12 tot en met 15"}],
    ),
    _outcome("9", ["refused"]),
    _outcome("10", ["granted"]),
]


def _decision(request: Request, kind: str, day: date, sent: date, **fields: Any) -> Decision:
    decision = Decision(kind=kind, decision_date=day, bekendmaking_on=sent, warnings=[], **fields)
    request.decisions.append(decision)
    event_kind = "bezwaar_decided" if kind == "bezwaar" else "decision"
    request.events.append(Event(kind=event_kind, event_date=sent, decision=decision))
    return decision


def _add_outcomes(request: Request, decision: Decision, rows: list[dict[str, Any]]) -> None:
    items = {item.number: item for item in request.items}
    for row in rows:
        decision.outcomes.append(
            ItemOutcome(
                item=items[row["number"]],
                outcomes=row["outcomes"],
                grounds=row["grounds"],
                refers_to=[],
                references=row["references"],
                evidence=row["evidence"],
                needs_review=False,
                flags=row["flags"],
            )
        )


def _seed(session: Session) -> None:
    cameras = add_request(
        session,
        authority="Gemeente Voorbeeldstad",
        subject="Slimme camera's in de binnenstad",
        today=SETUP_DAY,
        sent=date(2026, 10, 1),
        received=date(2026, 10, 2),
        reference="WOO-2026-0042",
        items=CAMERA_ITEMS,
    )
    add_event(session, cameras.id, "extended", date(2026, 10, 27), today=SETUP_DAY)

    nature = add_request(
        session,
        authority="Provincie Zuid-Holland",
        subject="Natuurvergunning Melkveebedrijf De Hoeve",
        today=SETUP_DAY,
        sent=date(2026, 9, 1),
        received=date(2026, 9, 2),
        reference="PZH-2026-117",
        items=NATURE_ITEMS,
    )
    deelbesluit = _decision(
        nature, "deelbesluit", date(2026, 10, 20), date(2026, 10, 20), reference="PZH-2026-117/D1"
    )
    _add_outcomes(nature, deelbesluit, [_outcome("1", ["granted"])])
    session.flush()
    besluit = _decision(
        nature,
        "besluit",
        date(2026, 11, 16),
        date(2026, 11, 17),
        reference="PZH-2026-117/B",
        electronic_filing=False,
        bezwaar_address="Postbus 90602, 2509 LP Den Haag",
    )
    _add_outcomes(nature, besluit, BESLUIT_OUTCOMES)
    session.flush()
    session.expire(nature)  # reload the relationships in their declared order
    set_outcome(session, nature.id, "5", ["not_held"], note="De brief zegt: niet aangetroffen.")
    set_outcome(session, nature.id, "9", ["refused"], grounds=["5.1.1c"])


@pytest.fixture
def run_seeded(engine: Engine, run: Cli) -> Cli:
    """The CLI on a database with request 1 (overdue) and request 2 (decided)."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        _seed(session)
    return run


def _check_golden(name: str, actual: str) -> None:
    assert_golden(GOLDEN / name, actual)


def _one_line_error(result: Any, exit_code: int) -> str:
    assert result.exit_code == exit_code, result.output
    assert result.stdout == ""
    message: str = result.stderr.strip()
    assert "\n" not in message, message
    assert message.startswith("Error: ")
    return message


def _sections(markdown: str) -> dict[str, str]:
    """The text under each '### ' heading of a Markdown draft (up to the next heading)."""
    found: dict[str, str] = {}
    for block in re.split(r"^(?=#{2,3} )", markdown, flags=re.MULTILINE):
        if block.startswith("### "):
            title, _, body = block.partition("\n")
            found[title[4:]] = body
    return found


def _items_in(text: str) -> set[str]:
    return set(re.findall(r"\*\*Onderdeel (\w+)\*\*", text))


# --------------------------------------------------------------------------- pure helpers


@pytest.mark.parametrize(
    ("code", "citation"),
    [
        ("5.1.2e", "artikel 5.1, tweede lid, aanhef en onder e, Woo"),  # Woo 5.1 lid 2 e
        ("5.1.1c", "artikel 5.1, eerste lid, aanhef en onder c, Woo"),  # Woo 5.1 lid 1 c
        ("5.1.5", "artikel 5.1, vijfde lid, Woo"),  # Woo 5.1 lid 5
        ("5.2", "artikel 5.2 Woo"),  # Woo 5.2
        ("10.2.e", "artikel 10, tweede lid, aanhef en onder e, Wob"),  # Wob 10 lid 2 e
        ("11.1", "artikel 11, eerste lid, Wob"),  # Wob 11 lid 1
    ],
)
def test_cite_ground(code: str, citation: str) -> None:
    assert cite_ground(code) == citation


def test_dutch_date() -> None:
    assert dutch_date(date(2026, 11, 22)) == "22 november 2026"
    assert dutch_date(date(2026, 11, 13), weekday=True) == "vrijdag 13 november 2026"


# --------------------------------------------------------------------------- ingebrekestelling


@pytest.mark.parametrize(("fmt", "golden"), [("markdown", "ingebrekestelling.md"),
                                             ("text", "ingebrekestelling.txt")])  # fmt: skip
def test_ingebrekestelling_golden(run_seeded: Cli, fmt: str, golden: str) -> None:
    result = run_seeded("draft", "ingebrekestelling", "1", "--format", fmt)
    _check_golden(golden, result.stdout)
    # Notes go to the user on stderr, never into the letter.
    assert "Note: Decision due Fri 13 Nov 2026" in result.stderr
    assert "ingebrekestelling-sent" in result.stderr
    assert "Note:" not in result.stdout


def test_ingebrekestelling_content(run_seeded: Cli) -> None:
    letter = run_seeded("draft", "ingebrekestelling", "1").stdout
    for expected in (
        "Gemeente Voorbeeldstad",  # the authority
        "[plaats], 22 november 2026",  # today
        "Ingebrekestelling",
        "WOO-2026-0042",  # the kenmerk
        "Op 1 oktober 2026",  # sent
        "op 2 oktober 2026 ontvangen",  # received
        "Slimme camera's in de binnenstad",
        "artikel 4.4, eerste lid, Woo",
        "op 27 oktober 2026 verdaagd (artikel 4.4, tweede lid, Woo)",
        "verstreken op vrijdag 13 november 2026",
        "artikel 6:12, tweede lid",
        "binnen twee weken na ontvangst van deze brief",
        "8:55b",
        "[uw naam]",
        "[uw adres]",
        "[handtekening]",
    ):
        assert expected in letter, expected


@pytest.mark.parametrize(
    ("today", "allowed"),
    [
        # Awb 6:12 lid 2 a: received on or before the last day of the term (Fri 13 Nov) it is
        # premature and void; from Sat 14 Nov it counts, a Saturday included (no Atw).
        ("2026-11-12", False),
        ("2026-11-13", False),
        ("2026-11-14", True),
    ],
)
def test_ingebrekestelling_not_before_the_term_has_passed(
    run_seeded: Cli, today: str, allowed: bool
) -> None:
    result = run_seeded(
        "--today", today, "draft", "ingebrekestelling", "1", ok=False
    )  # the later --today wins
    if allowed:
        assert result.exit_code == 0, result.output
        assert "Ingebrekestelling" in result.stdout
        return
    message = _one_line_error(result, exit_code=5)
    assert "too early" in message
    assert "due Fri 13 Nov 2026" in message
    assert "sent from Sat 14 Nov 2026" in message


def test_ingebrekestelling_refused_when_decided_withdrawn_or_not_received(
    engine: Engine, run_seeded: Cli
) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        withdrawn = add_request(
            session,
            authority="Gemeente Voorbeeldstad",
            subject="Parkeervergunningen",
            today=SETUP_DAY,
            received=date(2026, 9, 1),
        )
        add_event(session, withdrawn.id, "withdrawn", date(2026, 9, 20), today=SETUP_DAY)
        unknown = add_request(
            session,
            authority="Gemeente Voorbeeldstad",
            subject="Bomenkap",
            today=SETUP_DAY,
            sent=date(2026, 9, 1),
        )
        ids = (withdrawn.id, unknown.id)
    decided = _one_line_error(run_seeded("draft", "ingebrekestelling", "2", ok=False), 5)
    assert "already been decided" in decided
    assert "draft bezwaar 2" in decided
    gone = _one_line_error(run_seeded("draft", "ingebrekestelling", str(ids[0]), ok=False), 5)
    assert "withdrawn" in gone
    blind = _one_line_error(run_seeded("draft", "ingebrekestelling", str(ids[1]), ok=False), 5)
    assert "received is unknown" in blind
    assert f"event add {ids[1]} received" in blind


@pytest.mark.parametrize(
    ("regime", "received", "verdaging", "article", "due"),
    [
        # Woo 4.4 lid 1 without verdaging: received Fri 2 Oct 2026 + 4 weeks = Fri 30 Oct.
        ("woo", date(2026, 10, 2), None, "artikel 4.4, eerste lid, Woo", "vrijdag 30 oktober 2026"),
        # Wob 6 lid 1 + 2 (4 + 4 weeks): received Mon 1 Mar 2021, verdaging Fri 19 Mar 2021:
        # Mon 26 Apr 2021.
        ("wob", date(2021, 3, 1), date(2021, 3, 19), "artikel 6, tweede lid, Wob",
         "maandag 26 april 2021"),
    ],
)  # fmt: skip
def test_ingebrekestelling_legal_basis_per_regime(
    engine: Engine,
    run: Cli,
    regime: str,
    received: date,
    verdaging: date | None,
    article: str,
    due: str,
) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        request = add_request(
            session,
            authority="Ministerie van Voorbeeldzaken",
            subject="Subsidies *2021*",  # Markdown characters stay literal
            today=SETUP_DAY,
            received=received,
            regime=regime,
        )
        if verdaging is not None:
            add_event(session, request.id, "extended", verdaging, today=SETUP_DAY)
    result = run("draft", "ingebrekestelling", str(request.id))
    assert article in result.stdout
    assert f"verstreken op {due}" in result.stdout
    assert ("verdaagd" in result.stdout) == (verdaging is not None)
    assert "Subsidies \\*2021\\*" in result.stdout
    assert (
        "Subsidies *2021*"
        in run("draft", "ingebrekestelling", str(request.id), "--format", "text").stdout
    )
    # [U] warnings are for the user (stderr), never in the letter.
    assert "[U]" not in result.stdout
    if regime == "wob":  # a Wob request pending on 1 May 2022 (legal-spec 5.2)
        assert "Warning: [U]" in result.stderr


# --------------------------------------------------------------------------- bezwaar


@pytest.mark.parametrize(("fmt", "golden"), [("markdown", "bezwaar.md"), ("text", "bezwaar.txt")])
def test_bezwaar_golden(run_seeded: Cli, fmt: str, golden: str) -> None:
    result = run_seeded("draft", "bezwaar", "2", "--format", fmt)
    _check_golden(golden, result.stdout)


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_bezwaar_has_every_element_of_awb_6_5(run_seeded: Cli, fmt: str) -> None:
    text = run_seeded("draft", "bezwaar", "2", "--format", fmt).stdout
    letter = text.split("remove this block before sending", 1)[1]
    # lid 1 a: name and address of the indiener
    assert "[uw naam]" in letter
    assert "[uw adres]" in letter
    assert "[postcode en woonplaats]" in letter
    # lid 1 b: the date
    assert "[plaats], 22 november 2026" in letter
    # lid 1 c: a description of the decision, with its date and kenmerk
    assert "bezwaar tegen uw besluit van 16 november 2026 met kenmerk PZH-2026-117/B" in letter
    assert "verzonden op 17 november 2026" in letter
    # lid 1 d: the grounds
    assert "Gronden van het bezwaar" in letter
    # lid 1: signed; lid 2: a copy of the decision
    assert "[handtekening]" in letter
    assert letter.index("[handtekening]") > letter.index("Gronden van het bezwaar")
    assert "Bijlage: kopie van het besluit van 16 november 2026" in letter
    # addressed as the decision says
    assert "Provincie Zuid-Holland" in letter
    assert "Postbus 90602" in letter


def test_bezwaar_notes_deadline_and_disclaimer(run_seeded: Cli) -> None:
    result = run_seeded("draft", "bezwaar", "2")
    notes = result.stdout.split("-->", 1)[0]
    assert result.stdout.startswith("<!--")
    assert "must be received by Tue 29 Dec 2026" in notes  # Awb 6:7, 6:8
    assert "handed to the post by Tue 29 Dec 2026" in notes  # Awb 6:9 lid 2
    assert "received by Tue 5 Jan 2027" in notes
    assert "not open according to the decision" in notes
    assert "by post to: Postbus 90602, 2509 LP Den Haag" in notes
    assert "does not judge whether they are legally sufficient" in notes
    # The letter itself carries the same caveat, and never claims sufficiency.
    letter = result.stdout.split("-->", 1)[1]
    assert "wobtrack beoordeelt niet of deze gronden juridisch voldoende zijn" in letter
    assert not re.search(r"(?<!niet of deze gronden )juridisch voldoende", letter)
    assert result.stderr.startswith("Warning: [U] The Atw is applied to the one-week postal")


def test_bezwaar_sorts_each_outcome_into_its_section(run_seeded: Cli) -> None:
    text = run_seeded("draft", "bezwaar", "2").stdout
    sections = _sections(text)
    referral = sections["Onderdelen beantwoord met een verwijzing naar openbare informatie"]
    not_held = sections["Onderdelen waarvan u stelt dat er geen documenten zijn"]
    refused = sections["Geweigerde of gedeeltelijk geweigerde onderdelen"]
    unanswered = sections["Onderdelen waarop niet is beslist"]
    forwarded = sections["Doorgezonden onderdelen"]
    assert len(sections) == 5
    assert _items_in(referral) == {"4"}  # referral only
    assert _items_in(not_held) == {"5", "8"}  # 5: a person's correction wins over "granted"
    assert _items_in(refused) == {"2", "3", "9"}
    assert _items_in(unanswered) == {"7"}
    assert _items_in(forwarded) == {"6"}
    # Granted items and items of the earlier deelbesluit are not grounds.
    assert not {"1", "10"} & _items_in(text)
    assert "10 (granted)" in text
    assert "1 (decision 1)" in text

    # Referrals: every reference listed with the accessibility prompt (Woo 4.5 lid 2).
    assert "artikel 4.5, tweede lid, Woo" in referral
    assert "<https://www.zuid-holland.nl/onderwerpen/natuur> [Controleer" in referral
    assert "Woo-besluit 2025-044 [Controleer" in referral
    assert "gemakkelijk toegankelijk" in referral
    # Not held: a prompt for reasons to believe documents exist; 8's reference too.
    assert "waarom u aanneemt dat er wel documenten zijn" in not_held
    assert "documenten 12 tot en met 15 [Controleer" in not_held
    # Refused: one prompt per ground; the person's ground for 9 replaces "no ground".
    item_2, item_3, item_9 = re.split(r"\*\*Onderdeel (?:3|9)\*\*", refused)
    assert "gedeeltelijk openbaar gemaakt" in item_2
    assert "artikel 5.1, tweede lid, aanhef en onder e, Woo (eerbiediging van de persoonlijke" in (
        item_2
    )
    assert item_2.count("[Relatieve weigeringsgrond") == 1
    assert "artikel 5.1, tweede lid, aanhef en onder i, Woo" in item_3
    assert "artikel 5.2 Woo (persoonlijke beleidsopvattingen" in item_3
    assert item_3.count("[Relatieve weigeringsgrond") == 1
    assert item_3.count("[Persoonlijke beleidsopvattingen") == 1
    assert "artikel 5.1, eerste lid, aanhef en onder c, Woo" in item_9
    assert "[Absolute weigeringsgrond" in item_9
    assert "geen weigeringsgrond" not in item_9
    # Unanswered: the decision is incomplete. Forwarded: the letter's own words.
    assert "onvolledig" in unanswered
    assert "[Uw notitie bij de correctie: De brief zegt: niet aangetroffen.]" in not_held
    assert "doorgezonden aan de minister van Landbouw" in forwarded


def test_bezwaar_default_and_chosen_decision(run_seeded: Cli) -> None:
    latest = run_seeded("draft", "bezwaar", "2").stdout
    assert "Bezwaarschrift tegen uw besluit van 16 november 2026" in latest
    chosen = run_seeded("draft", "bezwaar", "2", "--decision", "1").stdout
    assert "Bezwaarschrift tegen uw deelbesluit van 20 oktober 2026" in chosen
    assert "PZH-2026-117/D1" in chosen
    # The deelbesluit granted its one item; the rest is answered in decision 2.
    assert _items_in(chosen) == set()
    assert "[Geef hier per punt aan waarom u het niet eens bent met het besluit.]" in chosen
    assert "(decision 2)" in chosen


def test_bezwaar_refuses_unknown_and_foreign_decisions(engine: Engine, run_seeded: Cli) -> None:
    foreign = _one_line_error(run_seeded("draft", "bezwaar", "1", "--decision", "2", ok=False), 2)
    assert "decision 2 belongs to request 2, not to request 1" in foreign
    missing = _one_line_error(run_seeded("draft", "bezwaar", "2", "--decision", "99", ok=False), 3)
    assert "no decision with id 99" in missing
    none_yet = _one_line_error(run_seeded("draft", "bezwaar", "1", ok=False), 3)
    assert "request 1 has no decision to object to" in none_yet
    for command in ("bezwaar", "ingebrekestelling"):
        unknown = _one_line_error(run_seeded("draft", command, "99", ok=False), 3)
        assert "no request with id 99" in unknown
    with Session(engine, expire_on_commit=False) as session, session.begin():
        nature = get_request(session, 2)
        on_bezwaar = _decision(nature, "bezwaar", date(2027, 2, 1), date(2027, 2, 1))
        session.flush()
        bezwaar_id = on_bezwaar.id
    answer = run_seeded("draft", "bezwaar", "2", "--decision", str(bezwaar_id), ok=False)
    assert "beroep" in _one_line_error(answer, 2)
    # The default ignores the beslissing op bezwaar and still takes the latest besluit.
    assert "PZH-2026-117/B" in run_seeded("--today", "2027-02-02", "draft", "bezwaar", "2").stdout


def test_bezwaar_after_the_term_still_drafts_but_warns(run_seeded: Cli) -> None:
    result = run_seeded("--today", "2027-01-10", "draft", "bezwaar", "2")
    assert "Warning: The bezwaar term ended on Tue 29 Dec 2026" in result.stderr
    assert "Awb 6:11" in result.stderr
    assert "rare cases" in result.stderr
    # No later date is computed or offered (Awb 6:11 is no term).
    assert "must be received by" not in result.stdout
    assert "Jan 2027" not in result.stderr + result.stdout
    assert "(artikel 6:11 Awb)" in result.stdout.split("-->", 1)[1]
    assert "Gronden van het bezwaar" in result.stdout


def test_no_dwangsom_in_any_draft(run_seeded: Cli) -> None:
    """Awb par. 4.1.3.2 does not apply to Wob/Woo decisions (Wob 15, Woo 8.2; legal-spec 5.3)."""
    for command, request_id in (("ingebrekestelling", "1"), ("bezwaar", "2")):
        for fmt in ("markdown", "text"):
            result = run_seeded("draft", command, request_id, "--format", fmt)
            assert "dwangsom" not in (result.stdout + result.stderr).lower()


def test_out_writes_the_file_and_never_overwrites_it(run_seeded: Cli, tmp_path: Path) -> None:
    target = tmp_path / "bezwaar.md"
    result = run_seeded("draft", "bezwaar", "2", "--out", str(target))
    assert result.stdout == ""
    assert f"Wrote the bezwaar draft to {target}." in result.stderr
    assert target.read_text(encoding="utf-8") == run_seeded("draft", "bezwaar", "2").stdout
    target.write_text("my edits", encoding="utf-8")
    again = _one_line_error(run_seeded("draft", "bezwaar", "2", "--out", str(target), ok=False), 2)
    assert "already exists" in again
    assert target.read_text(encoding="utf-8") == "my edits"


@pytest.mark.parametrize(
    ("decided", "referral_article", "not_held_article"),
    [
        # A Wob request decided under the Wob: Wob 7 lid 2 b (already public), Wob 1 a.
        (date(2021, 6, 1), "artikel 7, tweede lid, onder b, Wob", "artikel 1, onder a, Wob"),
        # Decided after 1 May 2022: the Woo had immediate effect (legal-spec 5.2).
        (date(2022, 6, 1), "artikel 4.5, tweede lid, Woo", "artikel 2.1 Woo"),
    ],
)
def test_bezwaar_cites_the_law_the_decision_was_taken_under(
    engine: Engine, run: Cli, decided: date, referral_article: str, not_held_article: str
) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        request = add_request(
            session,
            authority="Gemeente Oudstad",
            subject="Evenementenvergunningen",
            today=SETUP_DAY,
            received=date(2021, 3, 1),
            items=[ItemText("1", "de vergunningen;"), ItemText("2", "de adviezen.")],
        )
        besluit = _decision(request, "besluit", decided, decided, reference="OUD-1")
        _add_outcomes(
            request,
            besluit,
            [
                _outcome("1", ["referred"], references=[{"kind": "url", "value": "https://o.nl"}]),
                _outcome("2", ["not_held"]),
            ],
        )
    result = run("draft", "bezwaar", str(request.id))
    assert referral_article in result.stdout
    assert not_held_article in result.stdout
    # Long past: drafted, with the warning and no date beyond the term.
    assert "Warning: The bezwaar term ended on" in result.stderr


# --------------------------------------------------------------------------- package parts


def test_pdf_text_cannot_close_the_notes_comment(engine: Engine, run_seeded: Cli) -> None:
    # Issue 11: the bezwaar address comes from the PDF; "-->" ends an HTML comment and so
    # does "--!>" in an HTML5 parser: either would show the notes in the rendered letter.
    with Session(engine) as session, session.begin():
        decision = session.get(Decision, 2)
        assert decision is not None
        decision.bezwaar_address = "Postbus 1 --> 2500 AA --!> Den Haag --->"
    out = run_seeded("draft", "bezwaar", "2").stdout
    notes, letter = out.split("\n-->\n", 1)
    assert notes.startswith("<!--")
    assert "-->" not in notes
    assert "--!>" not in notes
    assert "Postbus 1 -- > 2500 AA -- !> Den Haag --- >" in notes
    # In the letter itself the address is Markdown-escaped ("--\\>").
    assert "-->" not in letter
    assert "--!>" not in letter


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a --> b", "a -- > b"),
        ("a --!> b", "a -- !> b"),
        ("a ---> b", "a --- > b"),
        ("a -- > b", "a -- > b"),
        ("--option", "--option"),
    ],
)
def test_escape_comment(text: str, escaped: str) -> None:
    assert escape_comment(text) == escaped


def _final(number: str, outcomes: tuple[str, ...], **extra: Any) -> FinalOutcome:
    fields: dict[str, Any] = {
        "text": None,
        "grounds": (),
        "references": (),
        "refers_to": (),
        "evidence": (),
        "needs_review": False,
        "flags": (),
        "source": "parser",
        "decision_id": 7,
    }
    fields.update(extra)
    return FinalOutcome(number=number, outcomes=outcomes, **fields)


def test_outcomes_go_to_their_sections_by_the_table() -> None:
    decision = Decision(id=7, kind="besluit")
    finals = [
        _final("1", ("referred",)),  # referral only: the referral section
        _final("2", ("refused", "referred")),  # a referral beside a refusal: argued there
        _final("3", ("not_held", "referred")),
        _final("4", ("partly_granted",)),
        _final("5", ("out_of_scope",)),
        _final("6", ("forwarded",)),
        _final("7", ("granted",)),
    ]
    grounds = sort_items(finals, decision, latest=True)
    placed = {name: [f.number for f in items] for name, items in grounds.sections.items()}
    assert placed == {
        "referral": ["1"],
        "not_held": ["3"],
        "refused": ["2", "4"],
        "unanswered": [],
        "forwarded": ["6"],
        "other": ["5"],
    }
    assert [section.name for section in SECTIONS] == list(placed)
    assert grounds.notes == [
        "Item not in the grounds (no refusal, referral or missing answer recorded): 7 (granted)."
    ]


@pytest.mark.parametrize(
    ("unsure", "note"),
    [
        (
            ["6"],
            "The parser was unsure about item 6: check it with `wobtrack review` and correct "
            "it with `wobtrack outcome set` before relying on this draft.",
        ),
        (
            ["6", "7"],
            "The parser was unsure about items 6, 7: check them with `wobtrack review` and "
            "correct them with `wobtrack outcome set` before relying on this draft.",
        ),
    ],
)
def test_notes_agree_in_number(unsure: list[str], note: str) -> None:
    finals = [_final(n, ("refused",), needs_review=True) for n in unsure]
    grounds = sort_items(finals, Decision(id=7, kind="besluit"), latest=True)
    assert grounds.notes == [note]


def test_bezwaar_term_comes_from_the_engine_also_once_a_bezwaar_is_filed(
    run_seeded: Cli,
) -> None:
    # Woo 7.3 lid 2: an ACOI complaint sent Fri 20 Nov 2026 suspends the bezwaar term of the
    # besluit sent Tue 17 Nov. Once a bezwaar is recorded the engine no longer tracks the term,
    # and the draft asks it for the term (suspension included) instead of recomputing six weeks.
    run_seeded("event", "add", "2", "acoi-complaint-sent", "2026-11-20")
    run_seeded("event", "add", "2", "bezwaar-filed", "2026-11-21")
    result = run_seeded("draft", "bezwaar", "2")
    notes = result.stdout.split("\n-->\n", 1)[0]
    assert "A bezwaar received on Sat 21 Nov 2026 is already recorded" in notes
    # Still running: Sat 21 and Sun 22 Nov (through the test's today) are suspended, so
    # Tue 29 Dec + 2 days = Thu 31 Dec 2026, provisional.
    assert "must be received by Thu 31 Dec 2026" in notes
    assert "The ACOI complaint (Woo 7.3 lid 2) has not ended yet" in notes
