"""Property tests (hypothesis): what must hold for every date, not only the worked examples."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wobtrack.deadlines import calendar as cal
from wobtrack.deadlines import terms as t
from wobtrack.deadlines.status import EventFact, RequestFacts, derive_status
from wobtrack.deadlines.terms import Deadline

# Whole supported range would include far-future years with nothing new to test; this span
# covers Koninginnedag, Koningsdag, both decrees and uncovered years on either side.
DAYS = st.dates(min_value=date(1980, 1, 1), max_value=date(2100, 12, 31))

# Terms whose due date is the Atw-extended last day of a statutory term (Atw art. 1).
ATW_TERMS: dict[str, Callable[[date], Deadline]] = {
    "Awb6:7-bezwaar_end": t.bezwaar_end,
    "Awb6:7-beroep_end": t.beroep_end,
    "Awb6:9.2-post_receipt": t.bezwaar_post_latest_receipt,
    "Woo4.4.1-decision": lambda day: t.woo_decision(day),
    "Woo4.4.2-decision_extended": lambda day: t.woo_decision(day, extended=True),
    "Woo4.4.3-decision_suspended": lambda day: t.woo_decision(day, suspended_days=9),
    "Wob6.1-decision": lambda day: t.wob_decision(day),
    "Wob6.2-decision_extended": lambda day: t.wob_decision(day, extended=True),
    "Awb7:10-bezwaar_decision": lambda day: t.bezwaar_decision(day),
    "Awb7:10-bezwaar_decision_committee_extended": lambda day: t.bezwaar_decision(
        day, committee=True, extended=True
    ),
    "Woo7.3.3-bezwaar_decision_acoi": t.bezwaar_decision_acoi,
    "Woo4.1.5-precisering": t.precisering_request_due,
    "Woo4.4.5-third_party": t.third_party_disclosure,
    "Woo7.3.2-bezwaar_end_acoi": lambda day: t.bezwaar_end_acoi(
        day, day + timedelta(days=3), day + timedelta(days=20)
    ),
}
ALL_TERMS: dict[str, Callable[[date], Deadline]] = {
    **ATW_TERMS,
    "Awb6:12.2a-ingebrekestelling": t.ingebrekestelling_earliest,
    "Awb6:12.2b-beroep_niet_tijdig": t.beroep_niet_tijdig_earliest,
}


@pytest.mark.parametrize("term", ATW_TERMS.values(), ids=ATW_TERMS.keys())
@given(day=DAYS)
@settings(max_examples=150, deadline=None)
def test_due_is_never_a_saturday_sunday_or_holiday(
    term: Callable[[date], Deadline], day: date
) -> None:
    due = term(day).due
    assert due.weekday() < 5
    assert not cal.is_atw_holiday(due)


@pytest.mark.parametrize("term", ALL_TERMS.values(), ids=ALL_TERMS.keys())
@given(day=DAYS)
@settings(max_examples=150, deadline=None)
def test_due_is_never_before_the_raw_end(term: Callable[[date], Deadline], day: date) -> None:
    deadline = term(day)
    assert deadline.due >= deadline.raw_end
    assert deadline.raw_end > day  # every term starts the day after its event


@pytest.mark.parametrize("term", ALL_TERMS.values(), ids=ALL_TERMS.keys())
@given(first=DAYS, gap=st.integers(min_value=0, max_value=60))
@settings(max_examples=150, deadline=None)
def test_due_is_monotonic_in_the_start_date(
    term: Callable[[date], Deadline], first: date, gap: int
) -> None:
    assert term(first).due <= term(first + timedelta(days=gap)).due


@given(day=DAYS)
@settings(max_examples=300, deadline=None)
def test_atw_extension_is_the_first_working_day(day: date) -> None:
    # Atw art. 1 lid 1: "de eerstvolgende dag die niet een zaterdag, zondag of feestdag is".
    end = cal.extend(day).end
    assert end >= day
    assert cal.is_working_day(end)
    skipped = day
    while skipped < end:
        assert not cal.is_working_day(skipped)
        skipped += timedelta(days=1)


@given(day=DAYS, weeks=st.sampled_from([2, 4, 6, 8, 12]))
@settings(max_examples=200, deadline=None)
def test_a_term_of_n_weeks_ends_on_the_same_weekday_before_the_atw(day: date, weeks: int) -> None:
    # legal-spec 1.1: "N weeks from the day after E" ends on E + 7N days.
    raw, _ = t._run(day, 7 * weeks, frozenset())
    assert raw == day + timedelta(weeks=weeks)


@given(
    notice=DAYS,
    length=st.integers(min_value=0, max_value=120),
)
def test_tot_en_met_counts_one_day_more_than_tot(notice: date, length: int) -> None:
    end = notice + timedelta(days=length)
    tot = t.count_suspended_days(notice, end, "tot")
    tot_en_met = t.count_suspended_days(notice, end, "tot en met")
    assert tot_en_met == length
    assert tot == max(0, length - 1)


@given(received=DAYS, suspended=st.integers(min_value=0, max_value=60))
@settings(max_examples=150, deadline=None)
def test_suspension_never_shortens_a_term(received: date, suspended: int) -> None:
    plain = t.woo_decision(received)
    longer = t.woo_decision(received, suspended_days=suspended)
    assert longer.due >= plain.due
    assert longer.raw_end == plain.raw_end + timedelta(days=suspended)


@given(received=DAYS)
@settings(max_examples=150, deadline=None)
def test_ingebrekestelling_never_before_the_day_after_any_reading(received: date) -> None:
    decision = t.woo_decision(received, extended=True)
    earliest = t.ingebrekestelling_earliest(decision.due, later_readings=decision.alternatives)
    assert earliest.due == decision.latest_due + timedelta(days=1)


@given(
    received=st.dates(min_value=date(2022, 5, 1), max_value=date(2030, 12, 31)),
    offset=st.integers(min_value=0, max_value=200),
)
@settings(max_examples=150, deadline=None)
def test_status_deadlines_are_sorted_and_consistent(received: date, offset: int) -> None:
    today = received + timedelta(days=offset)
    status = derive_status(RequestFacts("woo", received, (EventFact("received", received),)), today)
    dues = [item.due for item in status.deadlines]
    assert dues == sorted(dues)
    assert status.state in ("awaiting_decision", "overdue")
    decision = status.deadline("decision_due")
    assert decision is not None
    assert (status.state == "overdue") == (today > decision.due)
