"""Letter drafts: the ingebrekestelling and the bezwaarschrift, in Dutch, as Markdown or text.

The letters go to Dutch authorities, so they are in Dutch; what wobtrack tells the user
about them (deadlines, [U] warnings, how to send) is English and kept apart in
``Draft.notes`` and ``Draft.warnings``. Rendering is pure: the loaded request, its derived
status (the deadline engine) and the final outcome per item (a person's correction wins) go
in, text comes out; "today" is a parameter. What the records do not say is left as a
placeholder in square brackets. wobtrack never judges whether the grounds of a bezwaar are
legally sufficient, and it never offers a dwangsom: Awb par. 4.1.3.2 does not apply to
Wob/Woo decisions (Wob 15, Woo 8.2).

The package, by job:

- :mod:`.entry`: the entry points (database in, :class:`Draft` out);
- :mod:`.ingebrekestelling`, :mod:`.bezwaar`: the two letters (pure rendering);
- :mod:`.sections`: which item outcomes go into which section of a bezwaar (a table);
- :mod:`.wording`: Dutch legal wording (dates, citations, grounds, letter parts);
- :mod:`.document`: the document builder (Markdown or plain text).
"""

from wobtrack.drafts.bezwaar import render_bezwaar
from wobtrack.drafts.document import FORMATS, Draft
from wobtrack.drafts.entry import choose_decision, draft_bezwaar, draft_ingebrekestelling
from wobtrack.drafts.ingebrekestelling import render_ingebrekestelling
from wobtrack.drafts.wording import GROUND_LABELS, cite_ground, dutch_date

__all__ = [
    "FORMATS",
    "GROUND_LABELS",
    "Draft",
    "choose_decision",
    "cite_ground",
    "draft_bezwaar",
    "draft_ingebrekestelling",
    "dutch_date",
    "render_bezwaar",
    "render_ingebrekestelling",
]
