"""The HTML report: ``report_data`` in, one self-contained HTML page out (pure; no clock).

The page carries its CSS and its charts (inline SVG) and references nothing outside itself,
so it opens offline and can be mailed as one file. Everything that comes from letters or
users passes through Jinja2's autoescaping; the charts are SVG written by pygal through
ElementTree, which escapes their labels, and are the only markup inserted as is.
"""

from __future__ import annotations

import calendar
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files
from typing import Any

import jinja2
from markupsafe import Markup

from wobtrack import __version__
from wobtrack.contracts import (
    AuthorityTallyJSON,
    OpenDeadlineJSON,
    ReportJSON,
    SummaryRequestJSON,
)
from wobtrack.dates import human_date
from wobtrack.deadlines.terms import KIND_TITLES
from wobtrack.drafts import GROUND_LABELS
from wobtrack.htmlreport import charts
from wobtrack.vocab import OUTCOMES

#: The sections of the page, in order: (id, title). Tests and the browser check use these.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("states", "Requests by state"),
    ("calendar", "Upcoming deadlines"),
    ("timeliness", "Timeliness per authority"),
    ("outcomes", "Outcome mix per authority"),
    ("referral", "Answered only by referral"),
    ("grounds", "Grounds cited"),
    ("requests", "Requests in detail"),
)

#: The sections that hold one chart each (when there is anything to chart).
CHART_SECTIONS: tuple[str, ...] = ("states", "timeliness", "outcomes", "referral", "grounds")

#: At most this many months are drawn as calendars; later deadlines are still listed.
CALENDAR_MONTHS = 4
#: English month names, whatever the locale (``calendar.month_name`` follows LC_TIME).
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True)
class Chart:
    """One chart: its SVG and its legend (label, colour), drawn by the page."""

    svg: Markup
    legend: tuple[tuple[str, str], ...] = ()


@dataclass
class CalendarDay:
    """One cell of a month grid."""

    day: date | None  # None: padding before the 1st or after the last day
    deadlines: list[OpenDeadlineJSON] = field(default_factory=list)


@dataclass
class CalendarMonth:
    """A month as weeks of seven days, Monday first."""

    title: str
    weeks: list[list[CalendarDay]]


def _environment() -> jinja2.Environment:
    templates = files("wobtrack.htmlreport") / "templates"
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: (templates / name).read_text(encoding="utf-8")),
        # Every value is escaped unless it is marked safe: letters and users write the text.
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["human_date"] = _human_date
    env.filters["reference"] = reference
    env.filters["percent"] = _percent
    env.filters["number"] = _number
    env.filters["kind_title"] = lambda kind: KIND_TITLES.get(kind, kind)
    env.filters["ground_label"] = lambda code: GROUND_LABELS.get(code, "")
    return env


@dataclass(frozen=True)
class Reference:
    """A reference as shown: a label ("url", "document", ...), its text, and a link target
    only for a web address (never ``javascript:`` or a file)."""

    kind: str
    value: str
    href: str | None


def reference(ref: Any) -> Reference:
    """Show a stored reference: ``{"kind", "value"}`` as the parser writes it; any other
    shape (older data, hand-made imports) is shown as text rather than breaking the page."""
    if isinstance(ref, dict) and "value" in ref:
        kind, value = str(ref.get("kind", "reference")), str(ref["value"])
    elif isinstance(ref, dict) and len(ref) == 1:
        kind, value = (str(part) for part in next(iter(ref.items())))
    else:
        kind, value = "reference", json.dumps(ref, ensure_ascii=False)
    is_web = kind == "url" and value.startswith(("https://", "http://"))
    return Reference(kind, value, value if is_web else None)


def _human_date(value: str | None) -> str:
    return human_date(date.fromisoformat(value)) if value else "-"


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{100 * share:.0f}%"


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def month_grids(deadlines: Sequence[OpenDeadlineJSON], today: date) -> list[CalendarMonth]:
    """Month grids from today's month to the month of the last deadline due from today
    (at most ``CALENDAR_MONTHS``), each day with the deadlines due on it."""
    upcoming = [d for d in deadlines if date.fromisoformat(d["due"]) >= today]
    if not upcoming:
        return []
    last = max(date.fromisoformat(d["due"]) for d in upcoming)
    by_day: dict[date, list[OpenDeadlineJSON]] = {}
    for row in upcoming:
        by_day.setdefault(date.fromisoformat(row["due"]), []).append(row)
    months: list[CalendarMonth] = []
    year, month = today.year, today.month
    while (year, month) <= (last.year, last.month) and len(months) < CALENDAR_MONTHS:
        weeks = [
            [CalendarDay(day if day.month == month else None, by_day.get(day, [])) for day in week]
            for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        ]
        months.append(CalendarMonth(f"{_MONTH_NAMES[month - 1]} {year}", weeks))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _state_counts(requests: Sequence[SummaryRequestJSON]) -> list[tuple[str, int]]:
    counts = Counter(request["state"] for request in requests)
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))


def _ground_totals(authorities: Sequence[AuthorityTallyJSON]) -> list[tuple[str, int]]:
    # Each item belongs to one request of one authority, so per-authority counts add up.
    totals: Counter[str] = Counter()
    for authority in authorities:
        for row in authority["grounds"]:
            totals[row["ground"]] += row["items"]
    return sorted(totals.items(), key=lambda pair: (-pair[1], pair[0]))


def _used_outcomes(authorities: Sequence[AuthorityTallyJSON]) -> list[str]:
    used = {o for a in authorities for o, n in a["outcomes"].items() if n}
    # Vocabulary order first, so the colours and the legend read the same in every report.
    return [o for o in OUTCOMES if o in used] + sorted(used - set(OUTCOMES))


def build_charts(data: ReportJSON) -> dict[str, Chart]:
    """The SVG of each chart section that has something to show."""
    summary = data["summary"]
    authorities = summary["authorities"]
    names = [a["authority"] for a in authorities]
    svgs: dict[str, str] = {}
    legends: dict[str, tuple[tuple[str, str], ...]] = {}
    if summary["requests"]:
        svgs["states"] = charts.states_chart(_state_counts(summary["requests"]))
    timed = [a for a in authorities if a["timed"]]
    if timed:
        svgs["timeliness"] = charts.timeliness_chart(
            [a["authority"] for a in timed],
            [a["days_to_decision"]["median"] for a in timed],
            [a["legal_term_days"]["median"] for a in timed],
        )
        legends["timeliness"] = tuple(
            zip(charts.TIMELINESS_LABELS, charts.TIMELINESS_COLOURS, strict=True)
        )
    outcomes = _used_outcomes(authorities)
    if outcomes:
        svgs["outcomes"] = charts.outcomes_chart(
            names, {o: [a["outcomes"].get(o, 0) for a in authorities] for o in outcomes}
        )
        legends["outcomes"] = tuple((o, charts.outcome_colour(o)) for o in outcomes)
    decided = [a for a in authorities if a["items_decided"]]
    if decided:
        svgs["referral"] = charts.referral_chart(
            [a["authority"] for a in decided], [a["referral_only_share"] for a in decided]
        )
    grounds = _ground_totals(authorities)
    if grounds:
        svgs["grounds"] = charts.grounds_chart(grounds)
    # pygal's output is escaped XML (ElementTree), the one markup inserted unescaped.
    return {name: Chart(Markup(svg), legends.get(name, ())) for name, svg in svgs.items()}


def render_report(data: ReportJSON, today: date, *, title: str = "wobtrack report") -> str:
    """The whole page for ``report_data(session, today)``; the same input gives the same page."""
    summary = data["summary"]
    deadlines = data["deadlines"]
    referral_items = [
        {"request": request, "item": item}
        for request in data["requests"]
        for item in request["outcomes"]
        if item["referral_only"]
    ]
    decisions = {r["id"]: r["decision"] for r in summary["requests"]}
    template = _environment().get_template("report.html.j2")
    return template.render(
        title=title,
        today=today.isoformat(),
        version=__version__,
        sections=SECTIONS,
        section_titles=dict(SECTIONS),
        charts=build_charts(data),
        css=Markup(_stylesheet()),
        summary=summary,
        states=_state_counts(summary["requests"]),
        months=month_grids(deadlines, today),
        upcoming=[d for d in deadlines if d["due"] >= today.isoformat()],
        actionable=[d for d in deadlines if d["due"] < today.isoformat()],
        outcomes=_used_outcomes(summary["authorities"]),
        grounds=_ground_totals(summary["authorities"]),
        referral_items=referral_items,
        requests=data["requests"],
        decisions=decisions,
    )


def _stylesheet() -> str:
    return (files("wobtrack.htmlreport") / "templates" / "report.css").read_text(encoding="utf-8")
