"""What a headline looks like: one short line that does not end like a sentence."""

from __future__ import annotations

import re

HEADLINE_MAX_CHARS = 150
HEADLINE_MAX_WORDS = 25
# Lines ending like a sentence (or a clause) are not headlines; "?" and "!" may be.
_NOT_HEADLINE_END = re.compile(r"[.,;:…،؛。]\s*[\"'»”’)]*$")


def headline_shaped(line: str) -> bool:
    """Whether a line could be a headline: 1-25 words, at most 150 characters, and no
    final full stop, comma, colon or semicolon (Latin, Arabic or CJK)."""
    stripped = line.strip()
    words = len(stripped.split())
    return (
        0 < words <= HEADLINE_MAX_WORDS
        and len(stripped) <= HEADLINE_MAX_CHARS
        and _NOT_HEADLINE_END.search(stripped) is None
    )
