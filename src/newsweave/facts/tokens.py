"""Tokens for number parsing: digit numerals, folded words and single symbols.

Words glued into one token by the writing system are split here, so the parser only sees
one number word per token: Arabic clitics (``وستون`` → ``و`` + ``ستون``), German compounds
(``dreihundertsiebenundsiebzig``) and Spanish ones (``dosmilesimos``), using the morphemes
of the language's own tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsweave.facts.lang.base import LanguageTables
from newsweave.facts.normalize import fold
from newsweave.facts.numerals import Numeral, scan_numerals

_WORD = re.compile(
    r"(?:[^\W\d_]|[\u0300-\u036f\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed])+"
)


# Hyphens are not tokens: the parser reads them as part of the gap between two tokens.
_HYPHENS = "-‐‑–—"


@dataclass(slots=True)
class Token:
    """One token with its span in the analysed text."""

    kind: str  # "num", "word" or "sym"
    start: int
    end: int
    text: str  # surface as written
    key: str  # folded word ("" for numbers and symbols)
    num: Numeral | None = None


def _segment(word: str, morphemes: dict[str, str]) -> list[str] | None:
    """Split a folded compound into known morphemes, longest first; None when impossible."""
    return _segment_cached(word, tuple(sorted(morphemes, key=len, reverse=True)))


@lru_cache(maxsize=8192)
def _segment_cached(word: str, pieces: tuple[str, ...]) -> list[str] | None:
    if not word:
        return []
    for piece in pieces:
        if len(piece) >= 2 and word.startswith(piece):
            rest = _segment_cached(word[len(piece) :], pieces)
            if rest is not None:
                return [piece, *rest]
    return None


def _word_tokens(text: str, start: int, end: int, tables: LanguageTables, out: list[Token]) -> None:
    surface = text[start:end]
    key = fold(surface)
    known = tables.is_number_word(key) or key in tables.denominators or key in tables.fraction_nouns
    if not known and tables.clitic_prefixes and len(key) > 2:
        for prefix in tables.clitic_prefixes:
            rest = key[len(prefix) :]
            if key.startswith(prefix) and (
                tables.is_number_word(rest)
                or rest in tables.denominators
                or rest in tables.fraction_nouns
                or rest in tables.half_words
            ):
                cut = start + len(prefix)
                if prefix in tables.connectors:
                    out.append(Token("word", start, cut, text[start:cut], prefix))
                out.append(Token("word", cut, end, text[cut:end], rest))
                return
    if not known and tables.morphemes and len(key) >= 6:
        parts = _segment(key, tables.morphemes)
        if (
            parts
            and len(parts) >= 2
            and any(tables.is_number_word(p) or p in tables.denominators for p in parts)
        ):
            exact = len(key) == len(surface)
            pos = start
            for part in parts:
                s, e = (pos, pos + len(part)) if exact else (start, end)
                out.append(Token("word", s, e, text[s:e], part))
                pos += len(part)
            return
    out.append(Token("word", start, end, surface, key))


def tokenize(work: str, tables: LanguageTables) -> list[Token]:
    """Tokens of ``work`` (a text whose digits are already ASCII)."""
    numerals = scan_numerals(work, tables.code)
    out: list[Token] = []
    pos = 0
    n = len(work)
    k = 0
    while pos < n:
        if k < len(numerals) and numerals[k].start <= pos:
            num = numerals[k]
            if num.start == pos or num.end > pos:
                out.append(Token("num", num.start, num.end, work[num.start : num.end], "", num))
                pos = num.end
            k += 1
            continue
        ch = work[pos]
        if ch.isspace() or ch in _HYPHENS:
            pos += 1
            continue
        limit = numerals[k].start if k < len(numerals) else n
        m = _WORD.match(work, pos, limit)
        if m and m.end() > pos:
            _word_tokens(work, m.start(), m.end(), tables, out)
            pos = m.end()
            continue
        out.append(Token("sym", pos, pos + 1, ch, fold(ch)))
        pos += 1
    return out
