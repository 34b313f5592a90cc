"""Checks and clean-ups of text that enters wobtrack: typed by a user or read from a PDF.

Typed text with control characters is refused (a NUL cannot be stored on PostgreSQL, and an
escape sequence stored today would reach a terminal tomorrow); text extracted from a PDF is
not the user's to fix, so its control characters are removed instead.
"""

from __future__ import annotations

import re
from typing import Any

from wobtrack.errors import InvalidInput

#: C0 controls except tab, line feed and carriage return; DEL; C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")
#: In a PDF's text a form feed or vertical tab separates like a line break.
_PDF_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def check_text(value: str, what: str, max_length: int | None = None) -> str:
    """Return ``value`` if it has no control characters and fits ``max_length``.

    Tabs and line breaks are allowed. Raises InvalidInput naming the field and the problem.
    """
    found = _CONTROL.search(value)
    if found is not None:
        before = value[: found.start()]
        if "\n" in before:
            where = (
                f"line {before.count(chr(10)) + 1}, column {len(before.rsplit(chr(10), 1)[1]) + 1}"
            )
        else:
            where = f"position {found.start() + 1}"
        raise InvalidInput(
            f"{what} contains the control character U+{ord(found[0]):04X} at {where}: remove it"
        )
    if max_length is not None and len(value) > max_length:
        raise InvalidInput(
            f"{what} is {len(value)} characters long; at most {max_length} fit: shorten it"
        )
    return value


def strip_pdf_controls(text: str) -> str:
    """``text`` from a PDF without NUL and other control characters (tab, line breaks,
    form feeds and vertical tabs are kept)."""
    return _PDF_CONTROL.sub("", text) if _PDF_CONTROL.search(text) else text


def strip_pdf_controls_deep(value: Any) -> Any:
    """``strip_pdf_controls`` applied to every string in a JSON-like value (keys included)."""
    if isinstance(value, str):
        return strip_pdf_controls(value)
    if isinstance(value, list):
        return [strip_pdf_controls_deep(item) for item in value]
    if isinstance(value, tuple):
        return tuple(strip_pdf_controls_deep(item) for item in value)
    if isinstance(value, dict):
        return {strip_pdf_controls_deep(k): strip_pdf_controls_deep(v) for k, v in value.items()}
    return value


#: Terminal escape sequences (CSI "ESC [ ... final", OSC "ESC ] ... BEL/ST", and the
#: two-character ones), then every control character left except tab and line feed.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor movement, screen clearing
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window title, hyperlinks, clipboard
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[ -~]?"  # any other escape
    r"|\x9b[0-?]*[ -/]*[@-~]"  # CSI as a single C1 character
)
_TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_terminal_controls(text: str) -> str:
    """``text`` without terminal escape sequences and control characters (tab and line
    feed stay); see ``wobtrack.cli.render.terminal_text``."""
    if not _TERMINAL_CONTROL.search(text):
        return text
    return _TERMINAL_CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


_JSON_RAW_CONTROL = re.compile(r"[\x7f-\x9f]")


def escape_json_controls(json_text: str) -> str:
    """JSON text with DEL and the C1 controls written as ``\\u`` escapes.

    ``json.dumps`` escapes C0 controls but leaves U+007F-U+009F raw, and some terminals
    execute C1 controls; the escaped text is the same JSON value.
    """
    return _JSON_RAW_CONTROL.sub(lambda m: f"\\u{ord(m[0]):04x}", json_text)


#: What a spreadsheet reads as the start of a formula (=HYPERLINK(...), +cmd|..., -1+1,
#: @SUM(...)), also after leading spaces, tabs and line breaks.
FORMULA_START = ("=", "+", "-", "@")


def neutralise_csv_text(text: str) -> str:
    """``text`` with a ``'`` in front if a spreadsheet would run it as a formula.

    The apostrophe makes Excel, LibreOffice and Google Sheets show the cell as text
    (CSV injection; OWASP). Every CSV writer of wobtrack passes its text cells through this.
    """
    return "'" + text if text.lstrip(" \t\r\n").startswith(FORMULA_START) else text
