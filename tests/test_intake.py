"""``wobtrack import``: a batch of letters in, one outcome per file, idempotent, atomic.

The batch is the two sample letters plus letters written here (fictional authorities,
people and kenmerken), rendered to PDF in a temporary folder.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, row_counts
from tests.pdfmaker import text_to_pdf
from wobtrack import intake
from wobtrack.errors import InvalidInput
from wobtrack.models import Authority, Decision, DecisionFile, ItemOutcome, Request, RequestItem

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

#: A second decision on the Lindeburg request of the sample letter: same kenmerk.
DEELBESLUIT = """Gemeente Lindeburg
Retouradres: Postbus 300, 6660 AH Lindeburg

Mevrouw S. El Amrani
Kanaalweg 88
6661 BD Lindeburg

Datum            2 maart 2026
Ons kenmerk      Z/26/004512
Onderwerp        Tweede deelbesluit op uw Woo-verzoek over het parkeerbeleid

Geachte mevrouw El Amrani,

Op 6 februari 2026 hebben wij een eerste besluit genomen op uw verzoek van 10 januari
2026, ontvangen op 12 januari 2026. Met dit tweede deelbesluit beslissen wij over de
klachten van bewoners en ondernemers.

Onderdeel 6
Wij hebben 14 klachten gevonden. Wij maken deze klachten openbaar, met uitzondering van
de namen van de indieners (artikel 5.1, tweede lid, aanhef en onder e, van de Woo).

Besluit
Wij besluiten de klachten gedeeltelijk openbaar te maken.

Met vriendelijke groet,
burgemeester en wethouders van Lindeburg,
namens dezen,

R. Bakker
teamleider Informatiebeheer en Woo

Bezwaar
Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken na de dag van
bekendmaking van dit besluit bezwaar maken. Stuur uw bezwaarschrift naar burgemeester en
wethouders van Lindeburg, Postbus 300, 6660 AH Lindeburg.
"""

#: An inventory list sent as a PDF of its own, named after the sample letter.
INVENTORY = """Inventarislijst bij besluit Z/26/004512

Nr. Datum Omschrijving Beoordeling Grond
16 13-02-2025 Verslag stuurgroep Parkeren Deels openbaar 5.1.2e
17 10-04-2025 Memo parkeertarieven Niet openbaar 5.2
"""

#: A letter whose letterhead would be a logo: no authority in its text.
NO_AUTHORITY = """Datum 4 mei 2025
Kenmerk ZW-2025-88
Betreft Besluit op uw Woo-verzoek over de zwemwaterkwaliteit

Geachte heer Visser,

Op 2 april 2025 heeft u gevraagd om de meetrapporten van de zwemwaterkwaliteit van het
Zilvermeer over 2024. Wij hebben uw verzoek op 3 april 2025 ontvangen.

Wij hebben de meetrapporten gevonden. Wij maken de meetrapporten volledig openbaar.

Met vriendelijke groet,

J. Kramer

Bezwaar
Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken na de dag van
bekendmaking bezwaar maken. Stuur uw bezwaarschrift naar Postbus 12, 1000 AA Zilverdorp.
"""

#: A beslissing op bezwaar on a request the tracker does not know.
BEZWAAR = """Datum 9 juni 2025
Kenmerk BZ-2025-17
Betreft Beslissing op uw bezwaar

Geachte heer Visser,

Met deze brief beslissen wij op uw bezwaar van 1 mei 2025 tegen ons besluit van
20 maart 2025 op uw Woo-verzoek. Wij verklaren uw bezwaar ongegrond.

Hoogachtend,
De Minister van Waterbeheer,
namens deze,
J. Kramer

Beroep
Bent u het niet eens met deze beslissing, dan kunt u binnen zes weken beroep instellen
bij de rechtbank.
"""

MODELS = (Authority, Request, RequestItem, Decision, ItemOutcome, DecisionFile)


@pytest.fixture(autouse=True)
def _private_cache(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test extracts its letters itself, except over the corpus: its text comes from
    wobtrack's own cache, as in tests/test_corpus.py (extracted once per machine)."""
    if request.node.get_closest_marker("corpus") is None:
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "brieven"
    folder.mkdir()
    shutil.copy(SAMPLES / "woo-besluit-2026.pdf", folder / "woo-besluit-2026.pdf")
    shutil.copy(SAMPLES / "wob-besluit-2021.pdf", folder / "wob-besluit-2021.pdf")
    text_to_pdf(DEELBESLUIT, folder / "woo-deelbesluit-2.pdf")
    text_to_pdf(INVENTORY, folder / "woo-besluit-2026-inventaris.pdf")
    text_to_pdf(NO_AUTHORITY, folder / "zwemwater.pdf")
    text_to_pdf(BEZWAAR, folder / "bezwaar.pdf")
    (folder / "kapot.pdf").write_bytes(b"%PDF-1.4 this is not a real PDF")
    return folder


def _import(run: Cli, *args: str, ok: bool = False) -> dict[str, Any]:
    result = run("import", *args, "--jobs", "2", "--json", ok=ok)
    assert "Traceback" not in result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _by_file(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {Path(f["file"]).name: f for f in data["files"]}


def test_a_batch_goes_in_with_one_command(run: Cli, batch: Path, db_url: str) -> None:
    result = run("import", str(batch), "--jobs", "2", ok=False)
    assert result.exit_code == intake.REFUSED_EXIT  # some files are refused, the rest went in
    lines = result.stdout.splitlines()
    assert len(lines) == 8  # one per file, then the counts
    # Letters stored without doubts can still have items to check: the counts say how many.
    assert lines[-1] == (
        "created 2 (1 item needs review), attached 2 (8 items need review), needs review 0, "
        "unchanged 0, refused 3."
    )
    files = {line.split(":")[0].split()[-1]: line for line in lines[:-1]}
    assert files["woo-besluit-2026.pdf"].startswith("created ")
    assert files["woo-deelbesluit-2.pdf"].startswith("attached ")
    assert files["woo-besluit-2026-inventaris.pdf"].startswith("attached ")
    assert files["kapot.pdf"].startswith("refused ")
    assert "--authority" in files["zwemwater.pdf"]
    assert "beslissing op bezwaar" in files["bezwaar.pdf"]

    data = _import(run, str(batch))
    outcome = {name: f["outcome"] for name, f in _by_file(data).items()}
    assert outcome == {
        "bezwaar.pdf": "refused",
        "kapot.pdf": "refused",
        "wob-besluit-2021.pdf": "unchanged",
        "woo-besluit-2026-inventaris.pdf": "unchanged",
        "woo-besluit-2026.pdf": "unchanged",
        "woo-deelbesluit-2.pdf": "unchanged",
        "zwemwater.pdf": "refused",
    }

    requests = {r["subject"]: r for r in json.loads(run("request", "list", "--json").stdout)}
    woo = requests["Besluit op uw Woo-verzoek over het parkeerbeleid binnenstad"]
    assert (woo["authority"], woo["reference"]) == (
        "Burgemeester en wethouders van Lindeburg",
        "Z/26/004512",
    )
    assert (woo["sent"], woo["received"], woo["regime"]) == ("2026-01-10", "2026-01-12", "woo")
    shown = json.loads(run("request", "show", str(woo["id"]), "--json").stdout)
    assert [i["number"] for i in shown["items"]] == [str(n) for n in range(1, 9)]
    assert [d["kind"] for d in shown["decisions"]] == ["besluit", "deelbesluit"]
    wob = requests["Besluit op uw Wob-verzoek over de pilot geluidssensoren"]
    assert (wob["authority"], wob["regime"]) == ("Burgemeester van Veenhoven", "wob")
    counts = row_counts(db_url, *MODELS)
    assert counts["requests"] == 2
    assert counts["decision_files"] == 1
    assert counts["decisions"] == 3


def test_importing_again_changes_nothing(
    run: Cli, batch: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _import(run, str(batch))
    before = row_counts(db_url, *MODELS)
    monkeypatch.setattr(intake, "_CHUNK", 3)  # known files are looked up in chunks
    again = _import(run, str(batch))
    assert again["counts"] == {
        "created": 0,
        "attached": 0,
        "needs review": 0,
        "unchanged": 4,
        "refused": 3,
    }
    assert row_counts(db_url, *MODELS) == before


def test_the_authority_option_fills_in_for_a_letter_without_one(run: Cli, batch: Path) -> None:
    data = _import(run, str(batch / "zwemwater.pdf"), "--authority", "Waterschap Zilvermeer",
                   "--tag", "Zwemwater", ok=True)  # fmt: skip
    (only,) = data["files"]
    # Stored, but a person should confirm an authority the letter does not name.
    assert only["outcome"] == "needs review"
    assert "--authority" in only["reasons"][0]
    listed = json.loads(run("request", "list", "--tag", "zwemwater", "--json").stdout)
    assert [(r["authority"], r["received"], r["tags"]) for r in listed] == [
        ("Waterschap Zilvermeer", "2025-04-03", ["zwemwater"])
    ]


def test_request_option_attaches_instead_of_creating(run: Cli, batch: Path) -> None:
    run("request", "add", "-a", "Waterschap Zilvermeer", "-s", "Zwemwater", "--received",
        "2025-04-03", "--item", "de meetrapporten")  # fmt: skip
    data = _import(run, str(batch / "zwemwater.pdf"), "--request", "1", ok=True)
    assert data["files"][0]["outcome"] == "attached"
    assert data["files"][0]["request_id"] == 1
    assert len(json.loads(run("request", "list", "--json").stdout)) == 1


def test_a_request_letter_is_not_a_decision(run: Cli, db_url: str) -> None:
    data = _import(run, str(SAMPLES / "woo-verzoek-2026.pdf"))
    assert data["files"][0]["outcome"] == "refused"
    assert "not a decision letter" in data["files"][0]["message"]
    assert set(row_counts(db_url, *MODELS).values()) == {0}


def test_an_unknown_request_is_refused_before_parsing(run: Cli, batch: Path) -> None:
    run.fails("import", str(batch), "--request", "9", message="no request with id 9")


def test_a_file_that_fails_while_stored_leaves_nothing_behind(
    run: Cli, batch: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The request is created, then storing the decision fails: the file's transaction
    # must take the request with it.
    def failing(*args: Any, **kwargs: Any) -> Any:
        raise InvalidInput("the disk is full (simulated)")

    monkeypatch.setattr(intake, "import_parsed_decision", failing)
    data = _import(run, str(batch / "woo-besluit-2026.pdf"), str(batch / "wob-besluit-2021.pdf"))
    assert [f["outcome"] for f in data["files"]] == ["refused", "refused"]
    assert data["files"][0]["message"] == "the disk is full (simulated)"
    assert set(row_counts(db_url, *MODELS).values()) == {0}


def test_no_pdfs_is_a_one_line_error(run: Cli, tmp_path: Path) -> None:
    empty = tmp_path / "leeg"
    empty.mkdir()
    run.fails("import", str(empty), message="no PDF files in")


def test_an_ambiguous_kenmerk_is_refused(run: Cli, batch: Path) -> None:
    for subject in ("eerste", "tweede"):
        run("request", "add", "-a", "Gemeente Lindeburg", "-s", subject,
            "--reference", "Z/26/004512", "--item", "x")  # fmt: skip
    data = _import(run, str(batch / "woo-deelbesluit-2.pdf"))
    assert data["files"][0]["outcome"] == "refused"
    assert "requests 1, 2" in data["files"][0]["message"]


@pytest.mark.parametrize(
    ("reference", "key"),
    [("W ob/2021/039", "wob/2021/039"), ("Z/26/004512", "z/26/004512")],
)
def test_reference_key(reference: str, key: str) -> None:
    assert intake.reference_key(reference) == key


WOOIR_CLEAN = (
    Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wob-letters" / "WooIR_clean"
)


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.skipif(not WOOIR_CLEAN.is_dir(), reason=f"{WOOIR_CLEAN} is absent")
def test_the_17_wooir_letters_go_in_with_one_command(run: Cli, db_url: str) -> None:
    data = _import(run, str(WOOIR_CLEAN), ok=True)
    counts = data["counts"]
    assert len(data["files"]) == 17
    # Every letter becomes a request of its own (no two share a kenmerk); none is refused.
    assert counts["refused"] == 0
    assert counts["created"] + counts["needs review"] == 17
    assert counts["needs review"] <= 3
    assert row_counts(db_url, Request, Decision)["requests"] == 17
    # Every request has an authority read from the letter, never a file name.
    authorities = {r["authority"] for r in json.loads(run("request", "list", "--json").stdout)}
    assert all(a.startswith("Minister ") for a in authorities), authorities
    again = _import(run, str(WOOIR_CLEAN), ok=True)
    assert again["counts"]["unchanged"] == 17


def test_an_authority_read_from_the_bezwaar_clause_needs_review(run: Cli, tmp_path: Path) -> None:
    letter = NO_AUTHORITY.replace(
        "Stuur uw bezwaarschrift naar Postbus 12, 1000 AA Zilverdorp.",
        "Het bezwaarschrift moet worden gericht aan de Minister van Waterbeheer, Postbus 12,\n"
        "1000 AA Zilverdorp.",
    )
    data = _import(run, str(text_to_pdf(letter, tmp_path / "zwemwater.pdf")), ok=True)
    (only,) = data["files"]
    assert only["outcome"] == "needs review"
    assert "bezwaar clause" in only["reasons"][0]
    listed = json.loads(run("request", "list", "--json").stdout)
    assert [r["authority"] for r in listed] == ["Minister van Waterbeheer"]


def test_a_fifo_among_the_letters_is_refused_not_waited_for(
    run: Cli, batch: Path, tmp_path: Path, db_url: str
) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    data = _import(run, str(fifo), str(batch / "woo-besluit-2026.pdf"))
    outcomes = {Path(f["file"]).name: f["outcome"] for f in data["files"]}
    assert outcomes == {"pipe.pdf": "refused", "woo-besluit-2026.pdf": "created"}
    assert "not a regular file" in data["files"][0]["message"] + data["files"][1]["message"]


def test_the_counts_line_says_when_created_letters_have_items_to_review(run: Cli) -> None:
    # The sample besluit never answers item 6: the request is created, but an item of it
    # needs review; the counts line must not read as if nothing needed checking.
    result = run("import", str(SAMPLES / "woo-besluit-2026.pdf"), "--jobs", "1")
    line, counts = result.stdout.splitlines()
    assert line.startswith("created ")
    assert line.endswith("(besluit 1, 8 items, 1 item needs review)")
    assert counts == (
        "created 1 (1 item needs review), attached 0, needs review 0, unchanged 0, refused 0."
    )
    again = _import(run, str(SAMPLES / "woo-besluit-2026.pdf"), ok=True)
    assert again["items_to_review"] == 0  # unchanged: nothing new to check


def test_import_json_totals_the_items_to_review(run: Cli) -> None:
    data = _import(run, str(SAMPLES / "woo-besluit-2026.pdf"), ok=True)
    assert data["counts"]["created"] == 1
    assert data["items_to_review"] == data["files"][0]["items_to_review"] == 1
