"""The one table of deadline keys: every key and kind has its row, the flags say the law."""

from __future__ import annotations

from datetime import date

import pytest

from wobtrack.deadlines import keys, terms
from wobtrack.reminders import actions

D = date.fromisoformat


def test_tracked_keys_are_the_contract() -> None:
    # The JSON/ICS contract: these keys exist and keep their order.
    assert keys.DEADLINE_KEYS == (
        "decision_due",
        "decision_extended_due",
        "ingebrekestelling_from",
        "beroep_niet_tijdig_from",
        "bezwaar_end",
        "bezwaar_post_receipt",
        "bezwaar_decision_due",
        "beroep_end",
        # Issue 9: the day documents held back for third parties may be made public.
        "woo_third_party_disclosure_date",
    )


@pytest.mark.parametrize(
    ("key", "may_act"),
    [
        pytest.param("ingebrekestelling_from", True, id="Awb6:12.2a-ingebrekestelling"),
        pytest.param("beroep_niet_tijdig_from", True, id="Awb6:12.2-beroep-niet-tijdig"),
        pytest.param("decision_due", False, id="Woo4.4.1-decision"),
        pytest.param("decision_extended_due", False, id="Woo4.4.2-verdaging"),
        pytest.param("bezwaar_end", False, id="Awb6:7-bezwaar"),
        pytest.param("bezwaar_post_receipt", False, id="Awb6:9.2-posted-bezwaar"),
        pytest.param("bezwaar_decision_due", False, id="Awb7:10-decision-on-bezwaar"),
        pytest.param("beroep_end", False, id="Awb6:7-beroep"),
        pytest.param("woo_third_party_disclosure_date", False, id="Woo4.4.5-disclosure"),
        pytest.param("no_such_key", False, id="unknown"),
    ],
)
def test_may_act_from(key: str, may_act: bool) -> None:
    assert keys.may_act_from(key) is may_act
    assert keys.still_open(key, passed=True) is may_act
    assert keys.still_open(key, passed=False)


def test_decision_terms_are_the_ones_an_ingebrekestelling_follows() -> None:
    # Awb 6:12 lid 2: after the decision term (with or without verdaging) or on bezwaar.
    decision_terms = {row.key for row in keys.DEADLINE_TABLE if row.decision_term}
    assert decision_terms == {"decision_due", "decision_extended_due", "bezwaar_decision_due"}


def test_every_term_function_kind_has_a_heading() -> None:
    computed = [
        terms.bezwaar_end(D("2026-09-01")),
        terms.beroep_end(D("2026-09-01")),
        terms.bezwaar_post_latest_receipt(D("2026-09-01")),
        terms.bezwaar_end_acoi(D("2026-09-01"), D("2026-09-10"), None, as_of=D("2026-09-20")),
        terms.woo_decision(D("2026-09-01")),
        terms.woo_decision(D("2026-09-01"), extended=True),
        terms.wob_decision(D("2020-09-01")),
        terms.wob_decision(D("2020-09-01"), extended=True),
        terms.ingebrekestelling_earliest(D("2026-09-29")),
        terms.beroep_niet_tijdig_earliest(D("2026-10-01")),
        terms.bezwaar_decision(D("2026-09-01")),
        terms.bezwaar_decision_acoi(D("2026-11-02")),
        terms.precisering_request_due(D("2026-09-01")),
        terms.third_party_disclosure(D("2026-09-01")),
    ]
    for deadline in computed:
        assert deadline.kind in keys.KIND_TITLES, deadline.kind
        assert deadline.title == keys.KIND_TITLES[deadline.kind]


def test_every_tracked_key_has_engine_and_reminder_wording() -> None:
    for key in keys.DEADLINE_KEYS:
        row = keys.KEYS[key]
        assert row.wording is not None, key
        assert key in actions._ACTIONS, key


def test_engine_wording_turns_when_the_day_comes() -> None:
    row = keys.KEYS["ingebrekestelling_from"]
    before = keys.ActionFacts(
        due=D("2026-09-30"), earliest_due=D("2026-09-30"), days_left=3, related_due=D("2026-09-29")
    )
    on = keys.ActionFacts(
        due=D("2026-09-30"), earliest_due=D("2026-09-30"), days_left=0, related_due=D("2026-09-29")
    )
    assert row.action(before) == (
        "No ingebrekestelling before Wed 30 Sep 2026: the decision is due Tue 29 Sep 2026"
    )
    assert row.action(on) == "Send the ingebrekestelling: the decision was due Tue 29 Sep 2026"
