"""Comparison keys for names people type in different ways (pure).

"Gemeente Súdwest-Fryslân", "gemeente sudwest-fryslan" and "GEMEENTE  SÚDWEST-FRYSLÂN" are
one authority: ``name_key`` gives them one key, so the database can hold the key under a
unique constraint and per-authority figures are not split by spelling.
"""

from __future__ import annotations

import unicodedata

#: Longest name an authority may have (the ``authorities.name`` column).
MAX_NAME_LENGTH = 300


def clean_name(name: str) -> str:
    """The name as it is stored: runs of whitespace become one space, no space at the ends."""
    return " ".join(name.split())


def name_key(name: str) -> str:
    """The key two names share when they differ only in case, accents or spacing.

    Unicode-aware: compatibility decomposition (NFKD: "ﬁ" is "fi", "é" is "e" + accent),
    combining marks dropped, full case folding ("ß" is "ss"), whitespace collapsed.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())
