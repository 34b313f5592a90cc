"""Tags, the filters of ``request list``, and ``search`` (FTS5 on SQLite, plain elsewhere)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.conftest import Cli
from tests.sample_tracker import populate_url
from wobtrack import db as database
from wobtrack import search as search_module


def _ids(run: Cli, *args: str) -> list[int]:
    return [r["id"] for r in json.loads(run("request", "list", *args, "--json").stdout)]


def _two_requests(run: Cli) -> None:
    run("request", "add", "-a", "Gemeente Zeedorp", "-s", "Strandhuisjes", "--received",
        "2026-10-01", "--tag", "Kust", "--tag", "vergunningen",
        "--item", "de vergunningen voor strandpaviljoens",
        "--notes", "Zie ook het zwemwaterrapport")  # fmt: skip
    run("request", "add", "-a", "Ministerie van Financiën", "-s", "Toeslagen", "--received",
        "2021-03-01", "--item", "de nota's over de hersteloperatie")  # fmt: skip


def test_tags_are_added_removed_and_filtered(run: Cli) -> None:
    _two_requests(run)
    shown = json.loads(run("request", "show", "1", "--json").stdout)
    assert shown["tags"] == ["kust", "vergunningen"]
    assert run("request", "tag", "2", "Kust", "herstel").stdout == (
        "Request 2 tags: herstel, kust.\n"
    )
    assert run("request", "tag", "2", "kust ").stdout == "Request 2 tags: herstel, kust.\n"
    assert _ids(run, "--tag", "kust") == [1, 2]
    assert _ids(run, "--tag", "kust", "--tag", "herstel") == [2]  # every tag must match
    assert run("request", "untag", "2", "KUST").stdout == "Request 2 tags: herstel.\n"
    assert _ids(run, "--tag", "kust") == [1]
    run.fails("request", "untag", "2", "kust", message="request 2 has no tag 'kust'")
    run.fails("request", "tag", "2", "a,b", message="contains a comma")
    run.fails("request", "tag", "9", "x", message="no request with id 9")
    assert "Tags:      kust, vergunningen" in run("request", "show", "1").stdout


def test_list_filters(run: Cli) -> None:
    _two_requests(run)
    # Part of the name, case and accents ignored.
    assert _ids(run, "--authority", "financien") == [2]
    assert _ids(run, "--authority", "ZEEDORP") == [1]
    assert _ids(run, "--regime", "wob") == [2]  # received before 1 May 2022 (Woo 10.2a)
    assert _ids(run, "--regime", "woo") == [1]
    # On 22 Nov 2026 request 1 (received 1 Oct, Woo 4.4: 4 weeks) is overdue.
    assert _ids(run, "--state", "overdue") == [1, 2]
    assert _ids(run, "--state", "decided") == []
    assert run("request", "list", "--state", "decided").stdout == "No request matches.\n"
    run.fails("request", "list", "--state", "late", message="Invalid value for '--state'")


def _search(run: Cli, *args: str) -> list[dict[str, Any]]:
    return json.loads(run("search", *args, "--json").stdout)  # type: ignore[no-any-return]


@pytest.fixture(params=["index", "plain"])
def search_mode(
    request: pytest.FixtureRequest, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> str:
    """The FTS5 index (SQLite only) and the plain search, which must agree."""
    if request.param == "index" and not db_url.startswith("sqlite"):
        pytest.skip("the full-text index exists only on SQLite")
    if request.param == "plain":
        monkeypatch.setattr(search_module, "has_search_index", lambda session: False)
    return str(request.param)


def test_search_finds_subjects_notes_items_and_letters(run: Cli, search_mode: str) -> None:
    populate_url(run.db_url)
    _two_requests(run)
    hits = _search(run, "strandpav")  # words match at least at their start
    assert [(h["kind"], h["request_id"], h["item_number"]) for h in hits] == [("item", 5, "1")]
    assert hits[0]["snippet"] == "de vergunningen voor strandpaviljoens"
    notes = _search(run, "zwemwaterrapport")
    assert [(h["kind"], h["request_id"]) for h in notes] == [("request", 5)]
    # The sentences stored as evidence of an outcome are the letter's text.
    letter = _search(run, "Ad", "referred")
    assert {(h["kind"], h["request_id"], h["item_number"]) for h in letter} == {
        ("letter", 1, "3"),
        ("letter", 1, "4"),
        ("letter", 2, "1"),
    }
    assert all(h["decision_id"] is not None for h in letter)
    assert _search(run, "strandhuisjes", "toeslagen") == []  # every word must occur
    assert _search(run, "hersteloperatie")[0]["authority"] == "Ministerie van Financiën"


def test_search_index_follows_edits_and_deletes(run: Cli, db_url: str) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("the full-text index exists only on SQLite")
    _two_requests(run)
    run("request", "edit", "1", "--notes", "nu over badhokjes")
    assert _search(run, "zwemwaterrapport") == []
    assert [h["request_id"] for h in _search(run, "badhokjes")] == [1]
    run("request", "delete", "1", "--yes")
    assert _search(run, "badhokjes") == []
    assert _search(run, "paviljoens") == []
    engine = database.make_engine(db_url)
    with Session(engine) as session:
        assert session.execute(text("SELECT count(*) FROM search_index")).scalar() == 2
    engine.dispose()


def test_search_words_are_words_not_syntax(run: Cli, search_mode: str) -> None:
    _two_requests(run)
    # FTS5 operators are searched as words.
    assert _search(run, "NEAR") == []
    assert [h["request_id"] for h in _search(run, "hersteloperatie", "OR", "zzz")] == []
    assert _search(run, "100%") == []
    run("search", 'nota"s')  # no syntax error, whatever a quote inside a word means
    run.fails("search", "  ", message="the search is empty")


def test_search_human_output(run: Cli) -> None:
    _two_requests(run)
    assert run("search", "strandpaviljoens").stdout == (
        "Request 1 (Gemeente Zeedorp), item 1: de vergunningen voor strandpaviljoens\n"
    )
    assert run("search", "nergens").stdout == "Nothing found.\n"


def test_snippet_is_cut_around_the_first_word() -> None:
    text = "begin " + "x " * 60 + "het Zilvermeer is schoon " + "y " * 60
    cut = search_module.snippet(text, ["zilvermeer"])
    assert cut.startswith("…")
    assert cut.endswith("…")
    assert "Zilvermeer" in cut
    assert len(cut) <= 2 * 70 + 2
