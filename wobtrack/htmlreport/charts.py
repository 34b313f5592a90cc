"""The report's charts: figures in, one self-contained SVG string out (pygal, no JavaScript).

Pure and deterministic: each chart gets a fixed id (its CSS is scoped to it, so several
charts share one page), pygal's comments (which carry the day of rendering) are dropped,
and no script or web font is referenced, so the page needs no network when it is viewed.
Labels are user data (authority names); pygal writes them through ElementTree, which
escapes them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any
from xml.etree.ElementTree import Comment, Element

import pygal
from pygal.style import Style

#: Chart width in SVG units; the page scales the SVG to its column, so a narrow width keeps
#: the labels readable on a phone.
WIDTH = 480
_ROW_HEIGHT = 34
_FRAME_HEIGHT = 110
_LABEL_CHARS = 24

#: Colours of the outcomes, fixed so that one outcome looks the same in every chart.
OUTCOME_COLOURS: dict[str, str] = {
    "granted": "#2e7d32",
    "partly_granted": "#9ccc65",
    "refused": "#c62828",
    "referred": "#1565c0",
    "not_held": "#757575",
    "forwarded": "#6a1b9a",
    "out_of_scope": "#8d6e63",
    "not_handled": "#ef6c00",
    "deferred": "#f9a825",
    "withdrawn": "#bdbdbd",
    "unanswered": "#000000",
}
#: The two series of the timeliness chart and their colours.
TIMELINESS_LABELS = ("median days to decision", "median legal term (days)")
TIMELINESS_COLOURS = ("#ef6c00", "#90a4ae")
_DEFAULT_COLOURS = ("#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#c62828", "#00838f")


def outcome_colour(outcome: str) -> str:
    """The colour of an outcome (one outside the vocabulary gets slate grey)."""
    return OUTCOME_COLOURS.get(outcome, "#455a64")


def _style(colours: Sequence[str]) -> Style:
    return Style(
        background="transparent",
        plot_background="transparent",
        foreground="#222",
        foreground_strong="#111",
        foreground_subtle="#bbb",
        font_family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
        label_font_size=17,
        major_label_font_size=17,
        value_font_size=16,
        value_label_font_size=16,
        legend_font_size=15,
        tooltip_font_size=14,
        no_data_font_size=18,
        opacity=".9",
        opacity_hover="1",
        colors=tuple(colours),
    )


def _finish(description: str) -> Callable[[Element], Element]:
    """An XML filter: drop pygal's comments and its script (its configuration for tooltips
    that would need pygal's JavaScript from the web), title the SVG for screen readers."""

    def finish(root: Element) -> Element:
        for parent in root.iter():
            for child in list(parent):
                # ElementTree marks a comment by the Comment factory as its tag.
                comment = child.tag is Comment  # type: ignore[comparison-overlap]
                if comment or _local(child.tag) == "script":
                    parent.remove(child)
        for child in root:
            if _local(child.tag) == "title":
                child.text = description
        root.set("role", "img")
        root.set("aria-label", description)
        return root

    return finish


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _render(chart: Any, name: str, description: str) -> str:
    # A fixed id instead of pygal's random one: the same data gives the same page.
    chart.uuid = name
    chart.add_xml_filter(_finish(description))
    svg: str = chart.render(is_unicode=True)
    return svg


def short_label(label: str, limit: int = _LABEL_CHARS) -> str:
    """A label that fits beside the bars (pygal leaves the plot no room for a long one).

    A long name keeps its last words, where the place or ministry stands ("… Natuur en
    Voedselkwaliteit"), and its first word if that still fits; the tables beside the charts
    give the full names.
    """
    if len(label) <= limit:
        return label
    words = label.split()
    tail: list[str] = []
    for word in reversed(words[1:]):
        if len("… " + " ".join([word, *tail])) > limit:
            break
        tail.insert(0, word)
    if not tail:  # one very long last word
        return "…" + label[-(limit - 1) :]
    short = "… " + " ".join(tail)
    with_first = f"{words[0]} {short}"
    return with_first if len(with_first) <= limit else short


def _ticks(values: Sequence[float | None]) -> list[float]:
    """Whole-number ticks for counts and days (pygal would draw 0.1, 0.2, ... for a 1)."""
    top = max((v for v in values if v is not None), default=0)
    if top <= 0:
        return [0.0, 1.0]
    # A round step (1, 2 or 5 times a power of ten) giving at most about five ticks.
    magnitude = 10 ** max(0, math.floor(math.log10(top / 5))) if top > 5 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude * 5 >= top)
    return [float(n) for n in range(0, math.ceil(top / step) * step + 1, step)]


def _bars(
    kind: Any,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    colours: Sequence[str],
    *,
    formatter: Callable[[float], str] | None = None,
    ticks: Sequence[float] | None = None,
) -> Any:
    """A horizontal bar chart, first label on top (pygal draws the first at the bottom).

    The legend is left to the page (``legend``): as HTML it wraps on a phone instead of
    shrinking with the drawing.
    """
    bars = len(labels) * (1 if kind is pygal.HorizontalStackedBar else len(series))
    options: dict[str, Any] = {
        "width": WIDTH,
        "height": _FRAME_HEIGHT + _ROW_HEIGHT * max(bars, 1),
        "style": _style(colours),
        "js": [],
        "disable_xml_declaration": True,
        "show_legend": False,
        "print_values": kind is not pygal.HorizontalStackedBar,
        # Labels are shortened here (short_label); pygal's own cut also cuts "150" to "1…".
        "truncate_label": -1,
        "margin": 8,
        "margin_right": 24,
        "spacing": 8,
    }
    if formatter is not None:
        options["value_formatter"] = formatter
    chart = kind(**options)
    chart.x_labels = [short_label(label) for label in reversed(labels)]
    every = [v for _, values in series for v in values]
    chart.y_labels = list(ticks) if ticks is not None else _ticks(every)
    for name, values in series:
        chart.add(name, list(reversed(values)))
    return chart


def _count(value: float) -> str:
    return f"{value:g}"


def _percent(value: float) -> str:
    return f"{value:.0f}%"


def states_chart(counts: Sequence[tuple[str, int]]) -> str:
    """Requests per state (``summary``'s ``state``), one bar each."""
    chart = _bars(
        pygal.HorizontalBar,
        [state for state, _ in counts],
        [("requests", [n for _, n in counts])],
        _DEFAULT_COLOURS,
        formatter=_count,
    )
    return _render(chart, "states", "Requests by state")


def timeliness_chart(
    authorities: Sequence[str],
    median_days: Sequence[float | None],
    median_term: Sequence[float | None],
) -> str:
    """Per authority: median days to decision beside the median legal term."""
    chart = _bars(
        pygal.HorizontalBar,
        authorities,
        list(zip(TIMELINESS_LABELS, (median_days, median_term), strict=True)),
        TIMELINESS_COLOURS,
        formatter=_count,
    )
    return _render(chart, "timeliness", "Median days to decision and legal term per authority")


def outcomes_chart(authorities: Sequence[str], counts: dict[str, Sequence[int]]) -> str:
    """Per authority, decided items stacked by outcome (an item counts once per outcome)."""
    totals = [sum(column) for column in zip(*counts.values(), strict=True)]
    chart = _bars(
        pygal.HorizontalStackedBar,
        authorities,
        # None, not 0: pygal draws nothing for None and a hairline for 0.
        [(outcome, [v or None for v in values]) for outcome, values in counts.items()],
        [outcome_colour(outcome) for outcome in counts],
        ticks=_ticks(totals),
    )
    return _render(chart, "outcomes", "Outcome mix per authority")


def referral_chart(authorities: Sequence[str], shares: Sequence[float | None]) -> str:
    """Per authority, the percentage of decided items answered only by referral."""
    chart = _bars(
        pygal.HorizontalBar,
        authorities,
        [("answered only by referral", [None if s is None else round(100 * s, 1) for s in shares])],
        ("#1565c0",),
        formatter=_percent,
        ticks=[0.0, 25.0, 50.0, 75.0, 100.0],
    )
    return _render(chart, "referral", "Share of decided items answered only by referral")


def grounds_chart(grounds: Sequence[tuple[str, int]]) -> str:
    """Items per refusal ground, most cited first."""
    chart = _bars(
        pygal.HorizontalBar,
        [label for label, _ in grounds],
        [("items", [n for _, n in grounds])],
        ("#c62828",),
        formatter=_count,
    )
    return _render(chart, "grounds", "Items per refusal ground cited")
