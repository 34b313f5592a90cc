"""Statutory terms, table-driven: each row names its article in its id.

Expected dates are literal and were worked out by hand from legal-spec 2.3's holiday table
(an independent, hand-typed copy; see tests/test_atw_calendar.py), never by running the
code under test.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from wobtrack.deadlines import terms as t
from wobtrack.deadlines.terms import Deadline, Suspension
from wobtrack.errors import InvalidInput

D = date.fromisoformat

_SINGLE: dict[str, Callable[[date], Deadline]] = {
    "bezwaar": t.bezwaar_end,  # Awb 6:7
    "beroep": t.beroep_end,  # Awb 6:7 (against the beslissing op bezwaar)
    "woo": lambda day: t.woo_decision(day),  # Woo 4.4 lid 1
    "precisering": t.precisering_request_due,  # Woo 4.1 lid 5
    "derden": t.third_party_disclosure,  # Woo 4.4 lid 5
}

# Every Atw holiday of 2023-2028 as the raw end of a term, rotating through the terms:
# (id, term, start event, raw end = the holiday, due = next day that is not a
# Saturday, Sunday or holiday).
HOLIDAY_ENDS = [
    ("Awb6:7-Nieuwjaarsdag-2023", "bezwaar", "2022-11-20", "2023-01-01", "2023-01-02"),
    ("Woo4.4.1-GoedeVrijdag-2023", "woo", "2023-03-10", "2023-04-07", "2023-04-11"),
    ("Awb6:7-TweedePaasdag-2023", "beroep", "2023-02-27", "2023-04-10", "2023-04-11"),
    ("Woo4.1.5-Koningsdag-2023", "precisering", "2023-04-13", "2023-04-27", "2023-05-01"),
    ("Woo4.4.5-5mei-2023", "derden", "2023-04-21", "2023-05-05", "2023-05-08"),
    ("Awb6:7-Hemelvaart-2023", "bezwaar", "2023-04-06", "2023-05-18", "2023-05-22"),
    ("Woo4.4.1-TweedePinksterdag-2023", "woo", "2023-05-01", "2023-05-29", "2023-05-30"),
    ("Awb6:7-EersteKerstdag-2023", "beroep", "2023-11-13", "2023-12-25", "2023-12-27"),
    ("Woo4.1.5-TweedeKerstdag-2023", "precisering", "2023-12-12", "2023-12-26", "2023-12-27"),
    ("Woo4.4.5-gelijkgesteld-0428-2023", "derden", "2023-04-14", "2023-04-28", "2023-05-01"),
    ("Awb6:7-gelijkgesteld-0519-2023", "bezwaar", "2023-04-07", "2023-05-19", "2023-05-22"),
    ("Woo4.4.1-Nieuwjaarsdag-2024", "woo", "2023-12-04", "2024-01-01", "2024-01-02"),
    ("Awb6:7-GoedeVrijdag-2024", "beroep", "2024-02-16", "2024-03-29", "2024-04-02"),
    ("Woo4.1.5-TweedePaasdag-2024", "precisering", "2024-03-18", "2024-04-01", "2024-04-02"),
    ("Woo4.4.5-Koningsdag-2024", "derden", "2024-04-13", "2024-04-27", "2024-04-29"),
    ("Awb6:7-5mei-2024", "bezwaar", "2024-03-24", "2024-05-05", "2024-05-06"),
    ("Woo4.4.1-Hemelvaart-2024", "woo", "2024-04-11", "2024-05-09", "2024-05-13"),
    ("Awb6:7-TweedePinksterdag-2024", "beroep", "2024-04-08", "2024-05-20", "2024-05-21"),
    ("Woo4.1.5-EersteKerstdag-2024", "precisering", "2024-12-11", "2024-12-25", "2024-12-30"),
    ("Woo4.4.5-TweedeKerstdag-2024", "derden", "2024-12-12", "2024-12-26", "2024-12-30"),
    ("Awb6:7-gelijkgesteld-0510-2024", "bezwaar", "2024-03-29", "2024-05-10", "2024-05-13"),
    ("Woo4.4.1-gelijkgesteld-1227-2024", "woo", "2024-11-29", "2024-12-27", "2024-12-30"),
    ("Awb6:7-Nieuwjaarsdag-2025", "beroep", "2024-11-20", "2025-01-01", "2025-01-02"),
    ("Woo4.1.5-GoedeVrijdag-2025", "precisering", "2025-04-04", "2025-04-18", "2025-04-22"),
    ("Woo4.4.5-TweedePaasdag-2025", "derden", "2025-04-07", "2025-04-21", "2025-04-22"),
    ("Awb6:7-Koningsdag-2025", "bezwaar", "2025-03-15", "2025-04-26", "2025-04-28"),
    ("Woo4.4.1-5mei-2025", "woo", "2025-04-07", "2025-05-05", "2025-05-06"),
    ("Awb6:7-Hemelvaart-2025", "beroep", "2025-04-17", "2025-05-29", "2025-06-02"),
    ("Woo4.1.5-TweedePinksterdag-2025", "precisering", "2025-05-26", "2025-06-09", "2025-06-10"),
    ("Woo4.4.5-EersteKerstdag-2025", "derden", "2025-12-11", "2025-12-25", "2025-12-29"),
    ("Awb6:7-TweedeKerstdag-2025", "bezwaar", "2025-11-14", "2025-12-26", "2025-12-29"),
    ("Woo4.4.1-gelijkgesteld-0530-2025", "woo", "2025-05-02", "2025-05-30", "2025-06-02"),
    ("Awb6:7-Nieuwjaarsdag-2026", "beroep", "2025-11-20", "2026-01-01", "2026-01-05"),
    ("Woo4.1.5-GoedeVrijdag-2026", "precisering", "2026-03-20", "2026-04-03", "2026-04-07"),
    ("Woo4.4.5-TweedePaasdag-2026", "derden", "2026-03-23", "2026-04-06", "2026-04-07"),
    ("Awb6:7-Koningsdag-2026", "bezwaar", "2026-03-16", "2026-04-27", "2026-04-28"),
    ("Woo4.4.1-5mei-2026", "woo", "2026-04-07", "2026-05-05", "2026-05-06"),
    ("Awb6:7-Hemelvaart-2026", "beroep", "2026-04-02", "2026-05-14", "2026-05-18"),
    ("Woo4.1.5-TweedePinksterdag-2026", "precisering", "2026-05-11", "2026-05-25", "2026-05-26"),
    ("Woo4.4.5-EersteKerstdag-2026", "derden", "2026-12-11", "2026-12-25", "2026-12-28"),
    ("Awb6:7-TweedeKerstdag-2026", "bezwaar", "2026-11-14", "2026-12-26", "2026-12-28"),
    ("Woo4.4.1-gelijkgesteld-0102-2026", "woo", "2025-12-05", "2026-01-02", "2026-01-05"),
    ("Awb6:7-gelijkgesteld-0515-2026", "beroep", "2026-04-03", "2026-05-15", "2026-05-18"),
    ("Woo4.1.5-Nieuwjaarsdag-2027", "precisering", "2026-12-18", "2027-01-01", "2027-01-04"),
    ("Woo4.4.5-GoedeVrijdag-2027", "derden", "2027-03-12", "2027-03-26", "2027-03-30"),
    ("Awb6:7-TweedePaasdag-2027", "bezwaar", "2027-02-15", "2027-03-29", "2027-03-30"),
    ("Woo4.4.1-Koningsdag-2027", "woo", "2027-03-30", "2027-04-27", "2027-04-28"),
    ("Awb6:7-5mei-2027", "beroep", "2027-03-24", "2027-05-05", "2027-05-10"),
    ("Woo4.1.5-Hemelvaart-2027", "precisering", "2027-04-22", "2027-05-06", "2027-05-10"),
    ("Woo4.4.5-TweedePinksterdag-2027", "derden", "2027-05-03", "2027-05-17", "2027-05-18"),
    ("Awb6:7-EersteKerstdag-2027", "bezwaar", "2027-11-13", "2027-12-25", "2027-12-27"),
    ("Woo4.4.1-TweedeKerstdag-2027", "woo", "2027-11-28", "2027-12-26", "2027-12-27"),
    ("Awb6:7-gelijkgesteld-0507-2027", "beroep", "2027-03-26", "2027-05-07", "2027-05-10"),
    ("Woo4.1.5-Nieuwjaarsdag-2028", "precisering", "2027-12-18", "2028-01-01", "2028-01-03"),
    ("Woo4.4.5-GoedeVrijdag-2028", "derden", "2028-03-31", "2028-04-14", "2028-04-18"),
    ("Awb6:7-TweedePaasdag-2028", "bezwaar", "2028-03-06", "2028-04-17", "2028-04-18"),
    ("Woo4.4.1-Koningsdag-2028", "woo", "2028-03-30", "2028-04-27", "2028-05-01"),
    ("Awb6:7-5mei-2028", "beroep", "2028-03-24", "2028-05-05", "2028-05-08"),
    ("Woo4.1.5-Hemelvaart-2028", "precisering", "2028-05-11", "2028-05-25", "2028-05-29"),
    ("Woo4.4.5-TweedePinksterdag-2028", "derden", "2028-05-22", "2028-06-05", "2028-06-06"),
    ("Awb6:7-EersteKerstdag-2028", "bezwaar", "2028-11-13", "2028-12-25", "2028-12-27"),
    ("Woo4.4.1-TweedeKerstdag-2028", "woo", "2028-11-28", "2028-12-26", "2028-12-27"),
    ("Awb6:7-gelijkgesteld-0428-2028", "beroep", "2028-03-17", "2028-04-28", "2028-05-01"),
    ("Woo4.1.5-gelijkgesteld-0526-2028", "precisering", "2028-05-12", "2028-05-26", "2028-05-29"),
]


@pytest.mark.parametrize(
    ("term", "start", "raw_end", "due"),
    [pytest.param(*row[1:], id=row[0]) for row in HOLIDAY_ENDS],
)
def test_every_holiday_2023_2028_as_a_term_end(
    term: str, start: str, raw_end: str, due: str
) -> None:
    deadline = _SINGLE[term](D(start))
    assert (deadline.raw_end, deadline.due) == (D(raw_end), D(due))
    assert deadline.warnings == () or term in ("precisering", "derden")


@dataclass(frozen=True)
class Case:
    """One hand-worked case: how to compute it and what the law gives."""

    compute: Callable[[], Deadline]
    due: str
    raw_end: str | None = None
    kind: str | None = None
    warning: str | None = None  # a fragment one of the warnings must contain
    alternatives: tuple[str, ...] | None = None  # exact alternative dates, when checked


def _case(case_id: str, case: Case) -> object:
    return pytest.param(case, id=case_id)


CASES = [
    # --- leap years and month lengths (Awb 6:8: N weeks = 7N days, month lengths play no part)
    _case(
        "Awb6:7-leap-day-bekendmaking",
        Case(lambda: t.bezwaar_end(D("2028-02-29")), "2028-04-11", "2028-04-11"),
    ),
    _case(
        "Awb6:7-31jan-leap-year",
        Case(lambda: t.bezwaar_end(D("2028-01-31")), "2028-03-13", "2028-03-13"),
    ),
    _case(
        "Awb6:7-31jan-common-year-sunday",
        Case(lambda: t.bezwaar_end(D("2027-01-31")), "2027-03-15", "2027-03-14"),
    ),
    _case(
        "Awb6:7-across-29feb-2024",
        Case(lambda: t.bezwaar_end(D("2024-01-19")), "2024-03-01", "2024-03-01"),
    ),
    _case(
        "Awb6:7-across-28feb-2023",
        Case(lambda: t.bezwaar_end(D("2023-01-19")), "2023-03-02", "2023-03-02"),
    ),
    _case(
        "Woo4.4.1-ends-on-leap-day",
        Case(lambda: t.woo_decision(D("2024-02-01")), "2024-02-29", "2024-02-29"),
    ),
    _case(
        "Woo4.4.1-common-year-saturday",
        Case(lambda: t.woo_decision(D("2025-02-01")), "2025-03-03", "2025-03-01"),
    ),
    _case(
        "Woo4.1.5-ends-on-leap-day",
        Case(lambda: t.precisering_request_due(D("2028-02-15")), "2028-02-29", "2028-02-29"),
    ),
    # --- year ends
    _case(
        "Awb6:7-nieuwjaar-2027-friday",
        Case(lambda: t.bezwaar_end(D("2026-11-20")), "2027-01-04", "2027-01-01"),
    ),
    _case(
        "Woo4.4.1-nieuwjaar-2026-and-equated-2jan",
        Case(lambda: t.woo_decision(D("2025-12-04")), "2026-01-05", "2026-01-01"),
    ),
    _case(
        "Woo4.4.1-nieuwjaar-2028-saturday",
        Case(lambda: t.woo_decision(D("2027-12-04")), "2028-01-03", "2028-01-01"),
    ),
    _case(
        "Awb6:7-bekendmaking-31dec",
        Case(lambda: t.bezwaar_end(D("2026-12-31")), "2027-02-11", "2027-02-11"),
    ),
    _case(
        "Woo4.4.1-received-31dec-sunday",
        Case(lambda: t.woo_decision(D("2023-12-31")), "2024-01-29", "2024-01-28"),
    ),
    _case(
        "Awb6:7-equated-27dec-2024",
        Case(lambda: t.bezwaar_end(D("2024-11-15")), "2024-12-30", "2024-12-27"),
    ),
    _case(
        "Awb6:7-beroep-tweede-kerstdag-2023",
        Case(lambda: t.beroep_end(D("2023-11-14")), "2023-12-27", "2023-12-26"),
    ),
    _case(
        "Awb6:7-into-uncovered-2029",
        Case(lambda: t.bezwaar_end(D("2028-11-20")), "2029-01-02", "2029-01-01", warning="2029"),
    ),
    # --- chains (Atw art. 1 lid 1, repeatedly)
    _case(
        "Atw1-beroep-hemelvaart-equated-weekend-V59",
        Case(lambda: t.beroep_end(D("2027-03-25")), "2027-05-10", "2027-05-06"),
    ),
    _case(
        "Atw1-hemelvaart-2026-chain",
        Case(lambda: t.bezwaar_end(D("2026-04-02")), "2026-05-18", "2026-05-14"),
    ),
    _case(
        "Atw1-Woo4.4.1-hemelvaart-2025-chain",
        Case(lambda: t.woo_decision(D("2025-05-01")), "2025-06-02", "2025-05-29"),
    ),
    _case(
        "Atw1-hemelvaart-2024-chain",
        Case(lambda: t.bezwaar_end(D("2024-03-28")), "2024-05-13", "2024-05-09"),
    ),
    _case(
        "Atw1-Woo4.4.1-easter-2026-V26",
        Case(lambda: t.woo_decision(D("2026-03-07")), "2026-04-07", "2026-04-04"),
    ),
    _case(
        "Atw1-Woo4.4.1-christmas-2025-V29",
        Case(lambda: t.woo_decision(D("2025-11-27")), "2025-12-29", "2025-12-25"),
    ),
    _case(
        "Atw1-goede-vrijdag-V08",
        Case(lambda: t.bezwaar_end(D("2026-02-20")), "2026-04-07", "2026-04-03"),
    ),
    _case(
        "Atw1-koningsdag-saturday-V02",
        Case(lambda: t.bezwaar_end(D("2025-03-15")), "2025-04-28", "2025-04-26"),
    ),
    _case(
        "Atw1-bridge-friday-2029-uncovered-V21",
        Case(
            lambda: t.beroep_end(D("2029-03-29")),
            "2029-05-11",
            "2029-05-10",
            warning="Fri 11 May 2029",
            alternatives=("2029-05-14",),
        ),
    ),
    # --- suspension by periods (Woo 4.4 lid 3 "tot en met", Awb 4:15 / Wob 6 lid 3 "tot")
    _case(
        "Woo4.4.3-zienswijze-tot-en-met-14-days-V36",
        Case(
            lambda: t.woo_decision(
                D("2026-09-01"),
                suspensions=[
                    Suspension(
                        D("2026-09-15"),
                        D("2026-09-29"),
                        "tot en met",
                        "zienswijze",
                        "Woo 4.4 lid 3",
                    )
                ],
            ),
            "2026-10-13",
            "2026-10-13",
        ),
    ),
    _case(
        "Awb4:15-opschorting-tot-13-days",
        Case(
            lambda: t.woo_decision(
                D("2026-09-01"),
                suspensions=[
                    Suspension(D("2026-09-15"), D("2026-09-29"), "tot", "opschorting", "Awb 4:15")
                ],
            ),
            "2026-10-12",
            "2026-10-12",
        ),
    ),
    _case(
        "Woo4.4.3-overlapping-periods-count-once",
        Case(
            lambda: t.woo_decision(
                D("2026-09-01"),
                suspensions=[
                    Suspension(
                        D("2026-09-15"),
                        D("2026-09-29"),
                        "tot en met",
                        "zienswijze",
                        "Woo 4.4 lid 3",
                    ),
                    Suspension(D("2026-09-20"), D("2026-09-25"), "tot", "opschorting", "Awb 4:15"),
                ],
            ),
            "2026-10-13",
            "2026-10-13",
        ),
    ),
    _case(
        "Awb4:15-after-the-term-ended-no-effect",
        Case(
            lambda: t.woo_decision(
                D("2026-09-01"),
                suspensions=[
                    Suspension(D("2026-10-05"), D("2026-10-10"), "tot", "opschorting", "Awb 4:15")
                ],
            ),
            "2026-09-29",
            "2026-09-29",
        ),
    ),
    _case(
        "Woo4.4.3-flat-count-V36",
        Case(
            lambda: t.woo_decision(D("2026-09-01"), suspended_days=14), "2026-10-13", "2026-10-13"
        ),
    ),
    _case(
        "Wob6.3-zienswijze-tot-6-days",
        Case(
            lambda: t.wob_decision(
                D("2018-03-05"),
                suspensions=[
                    Suspension(
                        D("2018-03-12"), D("2018-03-19"), "tot", "zienswijze", "Wob art. 6 lid 3"
                    )
                ],
            ),
            "2018-04-09",
            "2018-04-08",
        ),
    ),
    _case(
        "Woo4.4.3-suspension-lands-on-koningsdag",
        Case(
            lambda: t.woo_decision(D("2026-03-16"), suspended_days=14), "2026-04-28", "2026-04-27"
        ),
    ),
    # --- verdaging (Woo 4.4 lid 2, Wob 6 lid 2): timely, on the last day, late, convention (A)/(B)
    _case(
        "Woo4.4.2-verdaging-RBMNE-2024-686-V25",
        Case(
            lambda: t.woo_decision(D("2023-04-19"), extension_notice=D("2023-05-01")),
            "2023-05-31",
            "2023-05-31",
            kind="woo_decision_extended_due",
        ),
    ),
    _case(
        "Woo4.4.2-verdaging-on-last-day-valid",
        Case(
            lambda: t.woo_decision(D("2023-04-19"), extension_notice=D("2023-05-17")),
            "2023-05-31",
            kind="woo_decision_extended_due",
        ),
    ),
    _case(
        "Woo4.4.2-late-verdaging-ignored",
        Case(
            lambda: t.woo_decision(D("2023-04-19"), extension_notice=D("2023-05-18")),
            "2023-05-17",
            "2023-05-17",
            kind="woo_decision_due",
            warning="is ignored",
        ),
    ),
    _case(
        "Woo4.4.2-verdaging-on-atw-extended-last-day-valid",
        Case(
            lambda: t.woo_decision(D("2026-03-07"), extension_notice=D("2026-04-07")),
            "2026-04-20",
            "2026-04-18",
            kind="woo_decision_extended_due",
        ),
    ),
    _case(
        "Woo4.4.2-verdaging-day-after-atw-end-late",
        Case(
            lambda: t.woo_decision(D("2026-03-07"), extension_notice=D("2026-04-08")),
            "2026-04-07",
            kind="woo_decision_due",
            warning="after the first term ended on Tue 7 Apr 2026",
        ),
    ),
    _case(
        "Woo4.4.2-verdaging-before-receipt-ignored",
        Case(
            lambda: t.woo_decision(D("2026-03-07"), extension_notice=D("2026-03-06")),
            "2026-04-07",
            kind="woo_decision_due",
            warning="before the request was received",
        ),
    ),
    _case(
        "Woo4.4.2-convention-A-B-differ-easter",
        Case(
            lambda: t.woo_decision(D("2026-03-07"), extended=True),
            "2026-04-20",
            warning="Do not send an ingebrekestelling before Wed 22 Apr 2026",
            alternatives=("2026-04-21",),
        ),
    ),
    _case(
        "Woo4.4.2-convention-A-B-differ-christmas",
        Case(
            lambda: t.woo_decision(D("2025-11-27"), extended=True),
            "2026-01-08",
            "2026-01-08",
            warning="reading (B)",
            alternatives=("2026-01-12",),
        ),
    ),
    _case(
        "Woo4.4.2-convention-A-B-agree-koningsdag",
        Case(lambda: t.woo_decision(D("2025-03-15"), extended=True), "2025-04-28", alternatives=()),
    ),
    _case(
        "Wob6.2-4-plus-4-weeks-V41",
        Case(
            lambda: t.wob_decision(D("2018-03-05"), extended=True),
            "2018-04-30",
            "2018-04-30",
            kind="wob_decision_extended_due",
            alternatives=("2018-05-01",),
        ),
    ),
    _case(
        "Wob6.1-paasmaandag-V40",
        Case(
            lambda: t.wob_decision(D("2018-03-05")),
            "2018-04-03",
            "2018-04-02",
            kind="wob_decision_due",
        ),
    ),
    _case(
        "Wob6.2-verdaging-under-the-woo-adds-2-weeks",
        Case(
            lambda: t.wob_decision(D("2022-04-11"), extension_notice=D("2022-05-02")),
            "2022-05-23",
            "2022-05-23",
            warning="adds only the Woo's 2 weeks",
            alternatives=("2022-06-07",),
        ),
    ),
    _case(
        "Wob6.2-pending-bridge-friday-2022",
        Case(
            lambda: t.wob_decision(D("2022-04-01"), extension_notice=D("2022-04-20")),
            "2022-05-27",
            "2022-05-27",
            warning="Fri 27 May 2022",
            alternatives=("2022-05-30",),
        ),
    ),
    _case(
        "Wob6.1-before-oct-2009-flagged",
        Case(
            lambda: t.wob_decision(D("2009-06-01")),
            "2009-06-29",
            warning="1 October 2009",
            alternatives=("2009-06-15",),
        ),
    ),
    _case(
        "Wob6.1-received-after-repeal-flagged",
        Case(lambda: t.wob_decision(D("2022-05-02")), "2022-05-30", warning="repealed"),
    ),
    # --- decision on bezwaar (Awb 7:10): from the day after the Atw-extended bezwaar term
    _case(
        "Awb7:10-6-weeks-V46",
        Case(lambda: t.bezwaar_decision(D("2026-02-03")), "2026-04-28", "2026-04-28"),
    ),
    _case(
        "Awb7:10-7:13-committee-12-weeks-V47",
        Case(
            lambda: t.bezwaar_decision(D("2026-02-03"), committee=True), "2026-06-09", "2026-06-09"
        ),
    ),
    _case(
        "Awb7:10.3-6-plus-6-weeks",
        Case(
            lambda: t.bezwaar_decision(D("2026-02-03"), extended=True), "2026-06-09", "2026-06-09"
        ),
    ),
    _case(
        "Awb7:10.3-committee-12-plus-6-weeks",
        Case(
            lambda: t.bezwaar_decision(D("2026-02-03"), committee=True, extended=True),
            "2026-07-21",
            "2026-07-21",
        ),
    ),
    _case(
        "Awb7:10-from-atw-extended-term-pinksteren",
        Case(lambda: t.bezwaar_decision(D("2025-03-15")), "2025-06-10", "2025-06-09"),
    ),
    _case(
        "Awb7:10-committee-from-atw-extended-term",
        Case(
            lambda: t.bezwaar_decision(D("2025-03-15"), committee=True), "2025-07-21", "2025-07-21"
        ),
    ),
    _case(
        "Awb7:10.3-late-verdaging-ignored",
        Case(
            lambda: t.bezwaar_decision(D("2026-02-03"), extension_notice=D("2026-04-29")),
            "2026-04-28",
            warning="ignored",
        ),
    ),
    _case(
        "Woo7.3.3-two-weeks-after-advice-koningsdag",
        Case(
            lambda: t.bezwaar_decision_acoi(D("2026-04-13")),
            "2026-04-28",
            "2026-04-27",
            kind="bezwaar_decision_due_acoi",
        ),
    ),
    # --- postal grace week (Awb 6:9 lid 2; Atw [U])
    _case(
        "Awb6:9.2-plain-V23",
        Case(
            lambda: t.bezwaar_post_latest_receipt(D("2026-02-03")),
            "2026-03-24",
            "2026-03-24",
            warning="[U]",
            alternatives=(),
        ),
    ),
    _case(
        "Awb6:9.2-week-ends-on-koningsdag",
        Case(
            lambda: t.bezwaar_post_latest_receipt(D("2026-03-09")),
            "2026-04-28",
            "2026-04-27",
            warning="Without it",
            alternatives=("2026-04-27",),
        ),
    ),
    _case(
        "Awb6:9.2-week-ends-on-5-mei-2025",
        Case(
            lambda: t.bezwaar_post_latest_receipt(D("2025-03-15")),
            "2025-05-06",
            "2025-05-05",
            alternatives=("2025-05-05",),
        ),
    ),
    # --- ingebrekestelling and beroep niet tijdig (Awb 6:12)
    _case(
        "Awb6:12.2a-day-after-term-V51",
        Case(lambda: t.ingebrekestelling_earliest(D("2023-05-31")), "2023-06-01", "2023-06-01"),
    ),
    _case(
        "Awb6:12.2a-any-day-no-atw-saturday",
        Case(lambda: t.ingebrekestelling_earliest(D("2026-04-24")), "2026-04-25"),
    ),
    _case(
        "Awb6:12.2a-given-due-on-saturday-rolled",
        Case(
            lambda: t.ingebrekestelling_earliest(D("2026-04-04")),
            "2026-04-08",
            warning="cannot be the last day",
        ),
    ),
    _case(
        "Awb6:12.2a-later-reading-B-pushes",
        Case(
            lambda: t.ingebrekestelling_earliest(
                D("2026-04-20"),
                later_readings=t.woo_decision(D("2026-03-07"), extended=True).alternatives,
            ),
            "2026-04-22",
            warning="[U]",
        ),
    ),
    _case(
        "Awb6:12.2b-V54",
        Case(
            lambda: t.beroep_niet_tijdig_earliest(D("2023-06-01")),
            "2023-06-16",
            "2023-06-15",
            warning="received the ingebrekestelling",
            alternatives=(),
        ),
    ),
    _case(
        "Awb6:12.2b-two-weeks-end-on-koningsdag",
        Case(
            lambda: t.beroep_niet_tijdig_earliest(D("2026-04-13")),
            "2026-04-29",
            "2026-04-27",
            warning="Without it",
            alternatives=("2026-04-28",),
        ),
    ),
    _case(
        "Awb6:12.2b-two-weeks-end-on-hemelvaart",
        Case(
            lambda: t.beroep_niet_tijdig_earliest(D("2026-04-30")),
            "2026-05-19",
            "2026-05-14",
            alternatives=("2026-05-15",),
        ),
    ),
    # --- ACOI complaint (Woo 7.3 lid 2; day count [U])
    _case(
        "Woo7.3.2-tot-27-days",
        Case(
            lambda: t.bezwaar_end_acoi(D("2026-02-03"), D("2026-02-10"), D("2026-03-10")),
            "2026-04-13",
            "2026-04-13",
            kind="bezwaar_end_acoi_suspended",
            warning="advice day",
            alternatives=("2026-04-14",),
        ),
    ),
    _case(
        "Woo7.3.2-complaint-after-term-no-effect",
        Case(
            lambda: t.bezwaar_end_acoi(D("2026-02-03"), D("2026-03-20"), D("2026-04-01")),
            "2026-03-17",
            warning="nothing left to suspend",
        ),
    ),
    _case(
        "Woo7.3.2-advice-same-day-zero-days",
        Case(
            lambda: t.bezwaar_end_acoi(D("2026-02-03"), D("2026-02-10"), D("2026-02-10")),
            "2026-03-17",
            alternatives=(),
        ),
    ),
    _case(
        "Woo7.3.2-advice-next-day-only-alternative-moves",
        Case(
            lambda: t.bezwaar_end_acoi(D("2026-02-03"), D("2026-02-10"), D("2026-02-11")),
            "2026-03-17",
            alternatives=("2026-03-18",),
        ),
    ),
    _case(
        "Woo7.3.2-ongoing-counted-through-as-of",
        Case(
            lambda: t.bezwaar_end_acoi(
                D("2026-02-03"), D("2026-02-10"), None, as_of=D("2026-02-20")
            ),
            "2026-03-27",
            warning="provisional",
        ),
    ),
    # --- two-week Woo terms
    _case(
        "Woo4.1.5-precisering-5-mei-2026",
        Case(
            lambda: t.precisering_request_due(D("2026-04-21")),
            "2026-05-06",
            "2026-05-05",
            warning="legal-spec 9.3",
        ),
    ),
    _case(
        "Woo4.4.5-third-party-koningsdag",
        Case(
            lambda: t.third_party_disclosure(D("2026-04-13")),
            "2026-04-28",
            "2026-04-27",
            warning="[U]",
            alternatives=("2026-04-27",),
        ),
    ),
    _case(
        "Woo4.4.5-third-party-working-day-no-alternative",
        Case(
            lambda: t.third_party_disclosure(D("2026-02-03")),
            "2026-02-17",
            "2026-02-17",
            alternatives=(),
        ),
    ),
]


@pytest.mark.parametrize("case", CASES)
def test_hand_worked_cases(case: Case) -> None:
    deadline = case.compute()
    assert deadline.due == D(case.due)
    if case.raw_end is not None:
        assert deadline.raw_end == D(case.raw_end)
    if case.kind is not None:
        assert deadline.kind == case.kind
    if case.warning is not None:
        assert any(case.warning in text for text in deadline.warnings), deadline.warnings
    if case.alternatives is not None:
        assert tuple(alt.due for alt in deadline.alternatives) == tuple(map(D, case.alternatives))
    # Invariants a lawyer relies on, for every case.
    assert deadline.due >= deadline.raw_end
    assert deadline.basis
    assert deadline.steps
    assert "dwangsom" not in json.dumps(deadline.to_json()).lower()


# --------------------------------------------------------------------------- suspension counts

SUSPENSION_COUNTS = [
    # (id naming the article, notice X, end Y, wording, days)
    ("Woo4.4.3-tot-en-met-X+1..Y", "2026-09-15", "2026-09-29", "tot en met", 14),
    ("Awb4:15-tot-X+1..Y-1", "2026-09-15", "2026-09-29", "tot", 13),
    ("Woo4.4.3-same-day", "2026-09-15", "2026-09-15", "tot en met", 0),
    ("Awb4:15-same-day", "2026-09-15", "2026-09-15", "tot", 0),
    ("Woo4.4.3-next-day", "2026-09-15", "2026-09-16", "tot en met", 1),
    ("Awb4:15-next-day", "2026-09-15", "2026-09-16", "tot", 0),
    ("Woo4.4.3-across-month-end", "2026-01-30", "2026-02-02", "tot en met", 3),
    ("Wob6.3-across-month-end", "2026-01-30", "2026-02-02", "tot", 2),
    ("Woo4.4.3-across-leap-day", "2028-02-27", "2028-03-01", "tot en met", 3),
    ("Woo7.3.2-across-leap-day", "2028-02-27", "2028-03-01", "tot", 2),
    ("Woo4.4.3-across-year-end", "2026-12-30", "2027-01-02", "tot en met", 3),
    ("Awb7:10.2-across-year-end", "2026-12-30", "2027-01-02", "tot", 2),
]


@pytest.mark.parametrize(
    ("notice", "end", "wording", "days"),
    [pytest.param(*row[1:], id=row[0]) for row in SUSPENSION_COUNTS],
)
def test_suspended_day_counts(
    notice: str, end: str, wording: t.SuspensionWording, days: int
) -> None:
    assert t.count_suspended_days(D(notice), D(end), wording) == days
    dates = t.suspended_dates(D(notice), D(end), wording)
    assert len(dates) == days
    if dates:
        one = timedelta(days=1)
        assert dates[0] == D(notice) + one
        assert dates[-1] == (D(end) if wording == "tot en met" else D(end) - one)


def test_suspension_cannot_end_before_it_starts() -> None:
    with pytest.raises(InvalidInput, match="cannot end"):
        t.count_suspended_days(D("2026-09-29"), D("2026-09-15"), "tot")


def test_negative_suspended_days_are_refused() -> None:
    with pytest.raises(InvalidInput, match="negative"):
        t.woo_decision(D("2026-09-01"), suspended_days=-1)


def test_acoi_advice_before_complaint_is_refused() -> None:
    with pytest.raises(InvalidInput, match="cannot be earlier"):
        t.bezwaar_end_acoi(D("2026-02-03"), D("2026-03-01"), D("2026-02-01"))


# --------------------------------------------------------------------------- explanations


def test_steps_read_like_the_issue_example() -> None:
    deadline = t.woo_decision(D("2023-04-19"))
    assert (
        deadline.steps[0]
        == "received Wed 19 Apr 2023 + 4 weeks (28 days) = raw end Wed 17 May 2023"
    )
    koningsdag = t.bezwaar_end(D("2025-03-15"))
    assert koningsdag.steps[-1] == (
        "raw end Sat 26 Apr 2025 (Koningsdag, Saturday) → Sun 27 Apr 2025 (Sunday) "
        "→ Mon 28 Apr 2025"
    )


def test_suspension_step_shows_the_days() -> None:
    deadline = t.woo_decision(
        D("2026-09-01"),
        suspensions=[
            Suspension(
                D("2026-09-15"), D("2026-09-29"), "tot en met", "zienswijze", "Woo 4.4 lid 3"
            )
        ],
    )
    assert deadline.steps[0] == (
        "zienswijze (Woo 4.4 lid 3, 'tot en met'): from the day after Tue 15 Sep 2026 tot en met "
        "Tue 29 Sep 2026 → suspended Wed 16 Sep 2026 – Tue 29 Sep 2026 = 14 days"
    )
    assert "Woo 4.4 lid 3" in deadline.basis


def test_basis_names_the_articles() -> None:
    assert t.bezwaar_end(D("2026-02-03")).basis == (
        "Awb 6:7", "Awb 6:8 lid 1", "Awb 3:41 lid 1", "Atw art. 1 lid 1",
    )  # fmt: skip
    assert "Atw art. 3 lid 2 (Goede Vrijdag)" in t.bezwaar_end(D("2026-02-20")).basis
    assert "Awb 7:13" in t.bezwaar_decision(D("2026-02-03"), committee=True).basis


def test_every_implemented_unverified_rule_surfaces_as_a_warning() -> None:
    # legal-spec marks these [U]; each must reach the user even when it changes nothing.
    unverified = {
        "postal week Atw": t.bezwaar_post_latest_receipt(D("2026-02-03")),
        "6:12 Atw and receipt": t.beroep_niet_tijdig_earliest(D("2023-06-01")),
        "4.4 lid 5 Atw": t.third_party_disclosure(D("2026-02-03")),
        "7.3 day count": t.bezwaar_end_acoi(D("2026-02-03"), D("2026-02-10"), D("2026-02-10")),
        "precisering suspension": t.precisering_request_due(D("2026-02-03")),
        "decree table 2029": t.bezwaar_end(D("2029-02-01")),
    }
    for name, deadline in unverified.items():
        assert any(text.startswith("[U]") for text in deadline.warnings), name
    beroep = unverified["6:12 Atw and receipt"]
    assert len([text for text in beroep.warnings if text.startswith("[U]")]) == 2


def test_statutory_results_carry_no_warnings() -> None:
    assert t.bezwaar_end(D("2026-02-03")).warnings == ()
    assert t.woo_decision(D("2023-04-19"), extended=True).warnings == ()
    assert t.bezwaar_decision(D("2026-02-03")).warnings == ()


def test_to_json_shape() -> None:
    data = t.woo_decision(D("2026-03-07"), extended=True).to_json()
    assert list(data) == [
        "kind", "due", "due_weekday", "raw_end", "basis", "steps", "warnings", "alternatives",
    ]  # fmt: skip
    assert data["due"] == "2026-04-20"
    assert data["due_weekday"] == "Mon"
    assert data["raw_end"] == "2026-04-18"
    assert data["alternatives"] == [
        {
            "due": "2026-04-21",
            "reason": "reading (B): the verdaging added to the Atw-extended first term",
        }
    ]


def test_deadline_is_frozen() -> None:
    deadline = t.bezwaar_end(D("2026-02-03"))
    with pytest.raises(AttributeError):
        deadline.due = D("2026-03-18")  # type: ignore[misc]
    assert deadline.latest_due == deadline.earliest_due == D("2026-03-17")


# --------------------------------------------------------------------------- verdaging + suspension

# A verdaging combined with suspended days: the suspended days are *added* to the extended
# term (they are days on which the term stood still), never subtracted. Each row: (id naming
# the articles, computation, due, raw end, articles the result must cite, later readings).
# Hand-worked: 2026-09-01 is a Tuesday; 4 + 2 weeks = 42 days → Tue 2026-10-13, + 7 suspended
# = Tue 2026-10-20. 2018-03-05 (Mon) + 8 weeks = Mon 2018-04-30, + 3 = Thu 2018-05-03.
# Bezwaar: bekendmaking Tue 2026-09-01 + 6 weeks = Tue 2026-10-13 (bezwaar term ends),
# + 6 + 6 weeks = Tue 2027-01-05, + 7 = Tue 2027-01-12. Wob request pending on 1 May 2022:
# 2022-04-20 (Wed) + 6 weeks = Wed 2022-06-01, + 2 = Fri 2022-06-03; the Wob's 8 weeks
# (+ 2) give Fri 2022-06-17 as the other reading.
VERDAGING_WITH_SUSPENSION = [
    (
        "Woo4.4.2-verdaging+Awb4:15-opschorting-7-days-as-given",
        lambda: t.woo_decision(D("2026-09-01"), extended=True, suspended_days=7),
        "2026-10-20",
        "2026-10-20",
        ("Woo 4.4 lid 2", "Awb 4:15"),
        (),
    ),
    (
        "Woo4.4.2-verdaging+Awb4:15-opschorting-period-tot",
        lambda: t.woo_decision(
            D("2026-09-01"),
            extended=True,
            suspensions=[
                Suspension(D("2026-09-08"), D("2026-09-16"), "tot", "opschorting", "Awb 4:15")
            ],
        ),
        "2026-10-20",
        "2026-10-20",
        ("Woo 4.4 lid 2", "Awb 4:15"),
        (),
    ),
    (
        "Wob6.2-verdaging+Awb4:15-opschorting-3-days-as-given",
        lambda: t.wob_decision(D("2018-03-05"), extended=True, suspended_days=3),
        "2018-05-03",
        "2018-05-03",
        ("Wob art. 6 lid 2", "Awb 4:15"),
        (),
    ),
    (
        "Wob6.2-verdaging-under-the-Woo+Awb4:15-2-days-both-readings",
        lambda: t.wob_decision(D("2022-04-20"), extension_notice=D("2022-05-10"), suspended_days=2),
        "2022-06-03",
        "2022-06-03",
        ("Wob art. 6 lid 2", "Awb 4:15"),
        ("2022-06-17",),
    ),
    (
        "Awb7:10.3-verdaging+Awb7:10.2-7-days-as-given",
        lambda: t.bezwaar_decision(D("2026-09-01"), extended=True, suspended_days=7),
        "2027-01-12",
        "2027-01-12",
        ("Awb 7:10 lid 2", "Awb 7:10 lid 3"),
        (),
    ),
]


@pytest.mark.parametrize(
    ("compute", "due", "raw_end", "articles", "alternatives"),
    [pytest.param(*row[1:], id=row[0]) for row in VERDAGING_WITH_SUSPENSION],
)
def test_verdaging_adds_the_suspended_days(
    compute: Callable[[], Deadline],
    due: str,
    raw_end: str,
    articles: tuple[str, ...],
    alternatives: tuple[str, ...],
) -> None:
    deadline = compute()
    assert deadline.kind.endswith(("_extended_due", "bezwaar_decision_due"))
    assert deadline.due == D(due)
    assert deadline.raw_end == D(raw_end)
    assert tuple(alt.due for alt in deadline.alternatives) == tuple(map(D, alternatives))
    for article in articles:
        assert article in deadline.basis, (article, deadline.basis)
