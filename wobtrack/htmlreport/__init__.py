"""``wobtrack report --html``: one self-contained HTML page over the whole tracker.

``report_data(session, today)`` reads the figures (the functions behind ``summary --json``,
``deadlines --json`` and ``request show --json``); ``render_report(data, today)`` turns them
into HTML and is pure. Charts need the ``report`` extra (Jinja2 and pygal); importing this
package without them raises ``MissingDependency`` with the command that installs them.
"""

from __future__ import annotations

from wobtrack.errors import WobtrackError


class MissingDependency(WobtrackError):
    """The optional libraries of the HTML report are not installed."""


try:
    import jinja2  # noqa: F401
    import pygal  # noqa: F401
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise MissingDependency(
        f"the HTML report needs {exc.name}: pip install 'wobtrack[report]'"
    ) from exc

from wobtrack.htmlreport.data import report_data  # noqa: E402
from wobtrack.htmlreport.render import CHART_SECTIONS, SECTIONS, render_report  # noqa: E402

__all__ = ["CHART_SECTIONS", "SECTIONS", "MissingDependency", "render_report", "report_data"]
