"""The document builder of the drafts: blocks of a letter rendered as Markdown or plain text,
and the :class:`Draft` it produces. Knows nothing of the law or the database.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from wobtrack.errors import InvalidInput

#: Output formats of every draft.
FORMATS: Final = ("markdown", "text")


@dataclass(frozen=True)
class Draft:
    """A drafted letter and what the user should know about it (English, not in the letter).

    ``notes`` are information (how the date was computed, how to send); ``warnings`` need
    attention (a [U] convention, a term that has passed).
    """

    kind: str
    text: str
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def shorten(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def unique(items: Sequence[str]) -> tuple[str, ...]:
    """``items`` without repeats, in their first order."""
    return tuple(dict.fromkeys(items))


#: What ends an HTML comment: "-->" and, in an HTML5 parser, "--!>".
_COMMENT_END: Final = re.compile(r"--(!?>)")


def escape_comment(text: str) -> str:
    """``text`` made safe inside an HTML comment: "-->" becomes "-- >", "--!>" "-- !>"."""
    return _COMMENT_END.sub(r"-- \1", text)


#: Characters with a meaning in Markdown; text from the records is escaped so it stays literal.
_MD_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>])")


class Doc:
    """Blocks of a letter, rendered as Markdown or as plain text.

    Text from the records (names, subjects, item texts) goes through :meth:`user` so that
    Markdown does not reinterpret it; wobtrack's own placeholders are written as is.
    """

    def __init__(self, fmt: str) -> None:
        if fmt not in FORMATS:
            raise InvalidInput(f"unknown format {fmt!r}: use {' or '.join(FORMATS)}")
        self.markdown = fmt == "markdown"
        self.blocks: list[str] = []

    def user(self, text: str) -> str:
        return _MD_SPECIAL.sub(r"\\\1", text) if self.markdown else text

    def url(self, value: str) -> str:
        # An autolink keeps a URL whole and clickable without escaping its underscores.
        return f"<{value}>" if self.markdown and re.match(r"https?://\S+$", value) else value

    def strong(self, text: str) -> str:
        return f"**{text}**" if self.markdown else text

    def heading(self, text: str, level: int) -> None:
        if self.markdown:
            self.blocks.append(f"{'#' * level} {text}")
        else:
            self.blocks.append(f"{text}\n{('=' if level <= 2 else '-') * len(text)}")

    def para(self, text: str) -> None:
        self.blocks.append(text)

    def lines(self, lines: Sequence[str]) -> None:
        # A trailing backslash is CommonMark's hard line break: the address stays on its lines.
        self.blocks.append(("\\\n" if self.markdown else "\n").join(lines))

    def bullets(self, items: Sequence[str]) -> None:
        if items:
            self.blocks.append("\n".join(f"- {item}" for item in items))

    def notes_block(self, title: str, notes: Sequence[str]) -> None:
        """Notes for the user inside the draft, marked to be removed before sending."""
        body = [f"- {note}" for note in notes]
        if self.markdown:
            # An HTML comment does not show when the Markdown is rendered. Text from a PDF
            # must not end it early: "-->" ends it (CommonMark, HTML), and so does "--!>" in an
            # HTML5 parser.
            clean = [escape_comment(line) for line in body]
            self.blocks.append("\n".join(["<!--", title, "", *clean, "-->"]))
        else:
            rule = "=" * len(title)
            self.blocks.append("\n".join([rule, title, rule, *body, rule]))

    def render(self) -> str:
        return "\n\n".join(self.blocks) + "\n"
