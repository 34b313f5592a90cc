"""Every worked vector of ../shared/law/deadline-vectors.csv, read at test time.

The CSV lives beside the repository (``../shared/law``) and is not copied into it; when the
folder is absent these tests are skipped. Each test id is the vector id, its kind and the
article it rests on.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from wobtrack.dates import human_date
from wobtrack.deadlines import terms as t
from wobtrack.deadlines.terms import Deadline

VECTORS = Path(__file__).resolve().parents[2] / "shared" / "law" / "deadline-vectors.csv"

if not VECTORS.is_file():
    pytest.skip(
        f"{VECTORS} is absent: the shared legal vectors live beside the repository",
        allow_module_level=True,
    )

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

#: The article behind each kind (legal-spec 8), for the test ids.
ARTICLES = {
    "bezwaar_end": "Awb6:7",
    "beroep_end": "Awb6:7",
    "bezwaar_post_latest_receipt": "Awb6:9.2",
    "bezwaar_end_acoi_suspended": "Woo7.3.2",
    "woo_decision_due": "Woo4.4.1",
    "woo_decision_extended_due": "Woo4.4.2",
    "woo_precisering_request_due": "Woo4.1.5",
    "woo_third_party_disclosure_date": "Woo4.4.5",
    "wob_decision_due": "Wob6.1",
    "wob_decision_extended_due": "Wob6.2",
    "bezwaar_decision_due": "Awb7:10",
    "bezwaar_decision_due_acoi": "Woo7.3.3",
    "ingebrekestelling_earliest": "Awb6:12.2a",
    "beroep_niet_tijdig_earliest": "Awb6:12.2b",
}


@dataclass(frozen=True)
class Inputs:
    """The ``inputs`` column: ``key=value`` parts separated by ';' (free text kept too)."""

    values: dict[str, str]
    text: str

    def day(self, *fragments: str) -> date:
        """The first date among the keys containing one of ``fragments``."""
        found = self.maybe_date(*fragments)
        if found is None:
            raise AssertionError(f"no date for {fragments} in {self.text!r}")
        return found

    def maybe_date(self, *fragments: str) -> date | None:
        for key, value in self.values.items():
            if any(fragment in key for fragment in fragments):
                match = _DATE.search(value)
                if match:
                    return date.fromisoformat(match[0])
        return None

    def flag(self, *fragments: str) -> bool:
        """True for 'yes' (or any value that is not 'no') under a matching key."""
        for key, value in self.values.items():
            if any(fragment in key for fragment in fragments):
                return not value.strip().lower().startswith(("no", "nee", "0", "false"))
        return False

    def number(self, *fragments: str) -> int:
        for key, value in self.values.items():
            if any(fragment in key for fragment in fragments):
                match = re.search(r"-?\d+", value)
                if match and not _DATE.search(value):
                    return int(match[0])
        return 0

    def raw(self, *fragments: str) -> str:
        return next(
            (v for k, v in self.values.items() if any(f in k for f in fragments)),
            "",
        )


def parse_inputs(text: str) -> Inputs:
    values: dict[str, str] = {}
    for part in text.split(";"):
        key, sep, value = part.partition("=")
        if sep:
            values[key.strip().lower()] = value.strip()
    return Inputs(values, text)


def _verdaging(inputs: Inputs) -> tuple[bool, date | None]:
    """(extended, notice date) from a 'verdaagd=yes(+2w)' or similar part."""
    extended = inputs.flag("verdaa", "verdaging", "extended", "extension")
    notice = inputs.maybe_date("verdaa", "verdaging", "extended", "extension", "notice")
    return extended, notice


def _woo(inputs: Inputs) -> Deadline:
    extended, notice = _verdaging(inputs)
    return t.woo_decision(
        inputs.day("received"),
        extended=extended,
        extension_notice=notice,
        suspended_days=inputs.number("suspend"),
    )


def _wob(inputs: Inputs) -> Deadline:
    extended, notice = _verdaging(inputs)
    received = inputs.day("received")
    if extended and notice is None and "+2w" in inputs.raw("verdaa", "verdaging").replace(" ", ""):
        # legal-spec 5.2 / V45: a 2-week verdaging of a Wob request is the Woo's, notified on
        # or after 1 May 2022; the engine needs the notice date to apply that convention.
        notice = max(received, t.WOO_IN_FORCE)
    return t.wob_decision(
        received,
        extended=extended,
        extension_notice=notice,
        suspended_days=inputs.number("suspend"),
    )


def _bekendmaking(inputs: Inputs) -> date:
    return inputs.day("bekendmaking")


def _acoi(inputs: Inputs) -> Deadline:
    bekendmaking = _bekendmaking(inputs)
    complaint = inputs.maybe_date("complaint", "klacht")
    if complaint is None:
        # Only a day count given: N suspended days "tot" = complaint X, advice X + N + 1.
        days = inputs.number("suspend")
        return t.bezwaar_end_acoi(
            bekendmaking, bekendmaking, bekendmaking + timedelta(days=days + 1)
        )
    return t.bezwaar_end_acoi(bekendmaking, complaint, inputs.day("advi"))


def _bezwaar_decision(inputs: Inputs) -> Deadline:
    deadline = t.bezwaar_decision(
        _bekendmaking(inputs),
        committee=inputs.flag("commissie", "committee"),
        extended=inputs.flag("verdaa", "verdaging", "extended"),
        suspended_days=inputs.number("suspend"),
    )
    given_end = inputs.maybe_date("bezwaar_end")
    if given_end is not None:  # the vector's own intermediate step must agree too
        assert t.bezwaar_end(_bekendmaking(inputs)).due == given_end
    return deadline


COMPUTE: dict[str, Callable[[Inputs], Deadline]] = {
    "bezwaar_end": lambda i: t.bezwaar_end(_bekendmaking(i)),
    "beroep_end": lambda i: t.beroep_end(_bekendmaking(i)),
    "bezwaar_post_latest_receipt": lambda i: t.bezwaar_post_latest_receipt(_bekendmaking(i)),
    "bezwaar_end_acoi_suspended": _acoi,
    "woo_decision_due": _woo,
    "woo_decision_extended_due": _woo,
    "woo_precisering_request_due": lambda i: t.precisering_request_due(i.day("received")),
    "woo_third_party_disclosure_date": lambda i: t.third_party_disclosure(_bekendmaking(i)),
    "wob_decision_due": _wob,
    "wob_decision_extended_due": _wob,
    "bezwaar_decision_due": _bezwaar_decision,
    "bezwaar_decision_due_acoi": lambda i: t.bezwaar_decision_acoi(i.day("advi")),
    "ingebrekestelling_earliest": lambda i: t.ingebrekestelling_earliest(i.day("decision_due")),
    "beroep_niet_tijdig_earliest": lambda i: t.beroep_niet_tijdig_earliest(
        i.day("ingebrekestelling")
    ),
}


def _rows() -> list[dict[str, str]]:
    with VECTORS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


ROWS = _rows()


def test_the_csv_has_vectors() -> None:
    assert ROWS, f"{VECTORS} has no rows"


@pytest.mark.parametrize(
    "row",
    [
        pytest.param(row, id=f"{row['id']}-{row['kind']}-{ARTICLES.get(row['kind'], '?')}")
        for row in ROWS
    ],
)
def test_vector(row: dict[str, str]) -> None:
    kind = row["kind"]
    assert kind in COMPUTE, f"{row['id']}: kind {kind!r} is not implemented"
    deadline = COMPUTE[kind](parse_inputs(row["inputs"]))
    assert deadline.kind == kind
    assert deadline.due == date.fromisoformat(row["expected_date"]), row["reason"]
    assert human_date(deadline.due)[:3] == row["expected_weekday"]
    if row.get("raw_end_date"):
        assert deadline.raw_end == date.fromisoformat(row["raw_end_date"])
    certainty = row.get("certainty", "")
    if "UNVERIFIED" in certainty or "[U]" in certainty:
        assert any(text.startswith("[U]") for text in deadline.warnings), deadline.warnings
    # legal-spec 1.5: where the vector names reading (B), it must be shown as an alternative.
    reason_b = re.search(r"reading \(B\) gives (\d{4}-\d{2}-\d{2})", row["reason"])
    if reason_b:
        assert date.fromisoformat(reason_b[1]) in {alt.due for alt in deadline.alternatives}
