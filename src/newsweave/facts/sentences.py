"""A rule-based sentence splitter for news text in Latin, Cyrillic and Arabic script.

A sentence ends at ``.``, ``!``, ``?``, ``…``, the Arabic question mark ``؟`` and the
Arabic semicolon ``؛`` when what follows is a space and the start of a new sentence, and
at blank lines and line breaks between paragraphs. The Arabic comma ``،`` does not end a
sentence. A period does not end one after a known abbreviation of the language ("Mr.",
"mln.", "p. ex."), after a single capital initial ("J. Smith"), inside a number ("3.5"),
or before a lower-case word. Closing quotes and brackets after the mark stay with the
sentence that ends.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsweave.facts.lang import get_tables

_TERMINAL = re.compile(r"[.!?…؟؛]+(?:[ \u00a0\u202f]?[\"'»”’)\]])*")
_CLOSERS = "\"'»”’)]"
_ALWAYS = frozenset("!?…؟؛")
_COMMON_ABBREVIATIONS = frozenset(
    {"e.g.", "i.e.", "etc.", "p.", "ex.", "vs.", "no.", "nr.", "mln.", "mld.", "bn.", "st."}
)


@lru_cache(maxsize=32)
def _abbreviations(lang: str) -> frozenset[str]:
    return frozenset(a.lower() for a in get_tables(lang).abbreviations) | _COMMON_ABBREVIATIONS


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _is_break(text: str, mark_start: int, mark_end: int, lang: str) -> bool:
    nxt = mark_end
    if nxt < len(text) and not text[nxt].isspace():
        return False
    rest = text[nxt:].lstrip()
    if not rest:
        return True
    marks = text[mark_start:mark_end].rstrip(_CLOSERS)
    if any(c in _ALWAYS for c in marks):
        return True
    first = rest[0]
    if first.isalpha() and first.islower():
        return False  # "… approx. three", "p. ex. la"
    word = _word_before(text, mark_start) + "."
    low = word.lower()
    if low in _abbreviations(lang):
        return False
    # "p. ex." written with a space
    two = (_word_before(text, mark_start - len(word)).lower() + " " + low).strip()
    if two in _abbreviations(lang):
        return False
    core = word[:-1]
    return not (len(core) == 1 and core.isalpha() and core.isupper())


def split_sentences(text: str, lang: str | None = None) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``, in order.

    Spans are trimmed of surrounding white space and never overlap; the text between them
    is only white space and line breaks.
    """
    code = lang or "xx"
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for m in _TERMINAL.finditer(text, para.start(), para.end()):
            if _is_break(text, m.start(), m.end(), code):
                spans.append((start, m.end()))
                start = m.end()
        spans.append((start, para.end()))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
