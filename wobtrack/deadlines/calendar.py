"""The Algemene termijnenwet (Atw, BWBR0002448) calendar, built from the statute itself.

Generic holiday libraries do not give the Atw list (they count 5 May only in lustrum years
and treat Good Friday as an observance), so the holidays are computed here from art. 3:

- lid 1: Nieuwjaarsdag, tweede Paas- en Pinksterdag, both Christmas days, Hemelvaartsdag,
  the day the King's birthday is celebrated, and 5 May (every year);
- lid 2: Goede Vrijdag is equated with them;
- lid 3: further days equated by decree, kept as versioned data in
  ``gelijkgestelde_dagen.json`` with the range of years it covers.

Art. 1 lid 1 (a term ending on a Saturday, Sunday or holiday runs to the next day that is
none of these) and art. 2 (a term of at least three days contains at least two such days)
are implemented by :func:`extend`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from dateutil.easter import EASTER_WESTERN, easter

from wobtrack.contracts import AlternativeDueJSON
from wobtrack.dates import human_date
from wobtrack.errors import InvalidInput

#: Koninginnedag's date rule is specified only from 1980 (legal-spec 2.3).
FIRST_YEAR = 1980
#: dateutil's Western Easter computation is valid up to 4099.
LAST_YEAR = 4099

ONE_DAY = timedelta(days=1)

# Names as a Dutch lawyer reads them in a step ("Mon 27 Apr 2026 (Koningsdag)").
NIEUWJAARSDAG = "Nieuwjaarsdag"
GOEDE_VRIJDAG = "Goede Vrijdag"
TWEEDE_PAASDAG = "Tweede Paasdag"
KONINGSDAG = "Koningsdag"
KONINGINNEDAG = "Koninginnedag"
BEVRIJDINGSDAG = "Bevrijdingsdag (5 mei)"
HEMELVAARTSDAG = "Hemelvaartsdag"
TWEEDE_PINKSTERDAG = "Tweede Pinksterdag"
EERSTE_KERSTDAG = "Eerste Kerstdag"
TWEEDE_KERSTDAG = "Tweede Kerstdag"
GELIJKGESTELDE_DAG = "gelijkgestelde dag"

# Offsets from Easter Sunday (legal-spec 2.3).
_EASTER_OFFSETS: tuple[tuple[int, str], ...] = (
    (-2, GOEDE_VRIJDAG),
    (1, TWEEDE_PAASDAG),
    (39, HEMELVAARTSDAG),
    (50, TWEEDE_PINKSTERDAG),
)


@dataclass(frozen=True)
class AlternativeDue:
    """The date under another reading of an unsettled rule [U], shown next to the due date."""

    due: date
    reason: str

    def to_json(self) -> AlternativeDueJSON:
        """ISO date and the reason, for JSON output."""
        return {"due": self.due.isoformat(), "reason": self.reason}


@dataclass(frozen=True)
class Decree:
    """One Besluit gelijkstelling (Atw art. 3 lid 3) and the days it equates."""

    title: str
    short: str
    identifier: str | None
    source: str
    days: tuple[date, ...]


@dataclass(frozen=True)
class DecreeTable:
    """All known decrees and the years for which the table is complete."""

    first_year: int
    last_year: int
    decrees: tuple[Decree, ...]

    def covers(self, year: int) -> bool:
        """True when every decree for ``year`` is believed to be in the table."""
        return self.first_year <= year <= self.last_year

    def decree_for(self, day: date) -> Decree | None:
        """The decree that equates ``day``, if any."""
        for decree in self.decrees:
            if day in decree.days:
                return decree
        return None


def _parse_decree_table(raw: Mapping[str, Any]) -> DecreeTable:
    """Validate the JSON data strictly: a typo here would silently move deadlines."""
    first, last = int(raw["first_year"]), int(raw["last_year"])
    if first > last:
        raise ValueError("gelijkgestelde_dagen.json: first_year after last_year")
    decrees = []
    for item in raw["decrees"]:
        days = tuple(date.fromisoformat(text) for text in item["days"])
        if any(not first <= day.year <= last for day in days):
            raise ValueError(
                f"gelijkgestelde_dagen.json: {item['short']} has a day outside the years"
            )
        identifier = item.get("identifier")
        decrees.append(
            Decree(
                title=str(item["title"]),
                short=str(item["short"]),
                identifier=str(identifier) if identifier is not None else None,
                source=str(item["source"]),
                days=days,
            )
        )
    return DecreeTable(first_year=first, last_year=last, decrees=tuple(decrees))


@cache
def decree_table() -> DecreeTable:
    """The shipped table of gelijkgestelde dagen (loaded once)."""
    text = (
        resources.files("wobtrack.deadlines")
        .joinpath("gelijkgestelde_dagen.json")
        .read_text(encoding="utf-8")
    )
    return _parse_decree_table(json.loads(text))


def check_year(day: date, what: str = "date") -> None:
    """Raise InvalidInput when ``day`` lies outside the years this calendar can compute."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InvalidInput(
            f"{what} {day.isoformat()} is outside the supported years {FIRST_YEAR}-{LAST_YEAR} "
            "(the Koninginnedag rule before 1980 is not in the specification)"
        )


def _royal_day(year: int) -> tuple[date, str]:
    """Koningsdag from 2014, Koninginnedag 1980-2013, with their Sunday rules."""
    if year >= 2014:
        # KB 30 January 2013 (Stcrt. 2013, 4075): 27 April, Saturday 26 April if 27 is a Sunday.
        day = date(year, 4, 27)
        return (day - ONE_DAY if day.weekday() == 6 else day), KONINGSDAG
    day = date(year, 4, 30)
    return (day - ONE_DAY if day.weekday() == 6 else day), KONINGINNEDAG


def _add(table: dict[date, tuple[str, ...]], day: date, name: str) -> None:
    # Two holidays can share a day (5 May 2016 was also Hemelvaartsdag): keep both names.
    table[day] = (*table.get(day, ()), name)


@cache
def statutory_holidays(year: int) -> Mapping[date, tuple[str, ...]]:
    """Atw art. 3 lid 1 and lid 2 holidays of ``year`` (no decrees), with their names."""
    check_year(date(year, 1, 1), "year")
    table: dict[date, tuple[str, ...]] = {}
    _add(table, date(year, 1, 1), NIEUWJAARSDAG)
    sunday = easter(year, EASTER_WESTERN)
    for offset, name in _EASTER_OFFSETS:
        _add(table, sunday + timedelta(days=offset), name)
    royal, royal_name = _royal_day(year)
    _add(table, royal, royal_name)
    _add(table, date(year, 5, 5), BEVRIJDINGSDAG)  # every year: the Atw has no lustrum rule
    _add(table, date(year, 12, 25), EERSTE_KERSTDAG)
    _add(table, date(year, 12, 26), TWEEDE_KERSTDAG)
    return dict(sorted(table.items()))


@cache
def atw_holidays(year: int) -> Mapping[date, tuple[str, ...]]:
    """Every Atw holiday of ``year``: art. 3 lid 1-2 plus the gelijkgestelde dagen (lid 3)."""
    table = dict(statutory_holidays(year))
    for decree in decree_table().decrees:
        for day in decree.days:
            if day.year == year:
                _add(table, day, GELIJKGESTELDE_DAG)
    return dict(sorted(table.items()))


def holiday_names(day: date) -> tuple[str, ...]:
    """Names of the Atw holidays on ``day`` (empty for an ordinary day)."""
    return atw_holidays(day.year).get(day, ())


def is_atw_holiday(day: date) -> bool:
    """True for an algemeen erkende feestdag or a day equated with one."""
    return day in atw_holidays(day.year)


def is_working_day(day: date) -> bool:
    """True for a day that is not a Saturday, Sunday or Atw holiday."""
    return day.weekday() < 5 and not is_atw_holiday(day)


def describe_day(day: date) -> str:
    """'Sat 26 Apr 2025 (Koningsdag, Saturday)'; a plain working day has no brackets."""
    parts = list(holiday_names(day))
    if day.weekday() == 5:
        parts.append("Saturday")
    elif day.weekday() == 6:
        parts.append("Sunday")
    return f"{human_date(day)} ({', '.join(parts)})" if parts else human_date(day)


def is_bridge_friday(day: date) -> bool:
    """A Friday after a Thursday holiday: exactly the days the 2023-2028 decrees equated."""
    return (
        day.weekday() == 4
        and not statutory_holidays(day.year).get(day)
        and bool(statutory_holidays((day - ONE_DAY).year).get(day - ONE_DAY))
    )


@dataclass(frozen=True)
class AtwExtension:
    """The result of applying Atw art. 1 (and art. 2) to the last day of a term."""

    raw_end: date
    end: date
    steps: tuple[str, ...]
    basis: tuple[str, ...]
    warnings: tuple[str, ...]
    alternatives: tuple[AlternativeDue, ...]


def _roll(day: date) -> tuple[date, list[date]]:
    """Art. 1 lid 1: move to the next working day, through chains; returns the days visited."""
    chain = [day]
    while not is_working_day(day):
        day += ONE_DAY
        check_year(day)
        chain.append(day)
    return day, chain


def _working_days(first: date, last: date) -> int:
    count, day = 0, first
    while day <= last:
        count += is_working_day(day)
        day += ONE_DAY
    return count


#: A listing of 10,000 requests extends the same few hundred dates over and over; the result is
#: immutable and depends only on the arguments (and the fixed holiday tables).
@lru_cache(maxsize=8192)
def extend(
    raw_end: date, *, term_start: date | None = None, label: str = "raw end"
) -> AtwExtension:
    """Apply the Atw to the last day of a statutory term and explain every step.

    ``term_start`` is the term's first day; when given, art. 2 (at least two working days in
    a term of at least three days) is applied as well. It never bites for terms of a week or
    more, but it is the statute.
    """
    check_year(raw_end, label)
    end, chain = _roll(raw_end)
    steps: list[str] = []
    if len(chain) == 1:
        steps.append(
            f"{label} {describe_day(raw_end)} is not a Saturday, Sunday or Atw holiday: "
            "no extension (Atw art. 1 lid 1)"
        )
    else:
        steps.append(f"{label} " + " → ".join(describe_day(day) for day in chain))
    basis = ["Atw art. 1 lid 1"]

    if term_start is not None and (raw_end - term_start).days + 1 >= 3:
        working = _working_days(term_start, end)
        if working < 2:
            before = end
            while working < 2:
                end, more = _roll(end + ONE_DAY)
                chain.extend(more)
                working += 1
            steps.append(
                f"the term {human_date(term_start)} – {human_date(before)} contains fewer than "
                f"two days that are not a Saturday, Sunday or Atw holiday → {human_date(end)} "
                "(Atw art. 2)"
            )
            basis.append("Atw art. 2")

    basis.extend(_holiday_basis(chain[:-1]))
    warnings, alternatives = _coverage(chain, end)
    return AtwExtension(
        raw_end=raw_end,
        end=end,
        steps=tuple(steps),
        basis=tuple(basis),
        warnings=warnings,
        alternatives=alternatives,
    )


def _holiday_basis(days: Iterable[date]) -> list[str]:
    """The articles (and decrees) behind the holidays a chain passed through."""
    basis: list[str] = []
    table = decree_table()
    for day in days:
        for name in holiday_names(day):
            if name == GOEDE_VRIJDAG:
                item = "Atw art. 3 lid 2 (Goede Vrijdag)"
            elif name == GELIJKGESTELDE_DAG:
                decree = table.decree_for(day)
                item = f"Atw art. 3 lid 3 ({decree.short if decree else 'decree'})"
            else:
                item = "Atw art. 3 lid 1"
            if item not in basis:
                basis.append(item)
    return basis


def _coverage(chain: list[date], end: date) -> tuple[tuple[str, ...], tuple[AlternativeDue, ...]]:
    """Warn when a day of the chain lies in a year the decree table does not cover."""
    table = decree_table()
    uncovered = sorted({day.year for day in chain if not table.covers(day.year)})
    if not uncovered:
        return (), ()
    years = ", ".join(str(year) for year in uncovered)
    warnings = [
        f"[U] Gelijkgestelde dagen (Atw art. 3 lid 3) are known only for "
        f"{table.first_year}–{table.last_year}; for {years} a decree may equate further days "
        "and move this date."
        + (
            " Older decrees reportedly also equated some Mondays."
            if uncovered[0] < table.first_year
            else ""
        )
    ]
    alternatives: list[AlternativeDue] = []
    if not table.covers(end.year) and is_bridge_friday(end):
        later, _ = _roll(end + ONE_DAY)
        warnings.append(
            f"[U] If a decree equates {human_date(end)} (the Friday after "
            f"{', '.join(statutory_holidays((end - ONE_DAY).year)[end - ONE_DAY])}, as every "
            f"decree for {table.first_year}–{table.last_year} did for such a Friday), this date "
            f"becomes {human_date(later)}."
        )
        alternatives.append(
            AlternativeDue(later, f"if a future decree equates the bridge day {human_date(end)}")
        )
    return tuple(warnings), tuple(alternatives)
