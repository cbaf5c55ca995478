"""Turn what a reader types into a safe FTS5 query.

Nothing the reader types is passed to FTS5 as syntax. The query is split into terms
(runs of non-space characters) and ``"quoted phrases"``; each becomes an FTS5 string
literal, so operators (``AND``, ``NEAR``, ``*``, ``^``, ``:``, parentheses) are plain words
and a hyphenated name like ``Kassym-Jomart`` is matched as the phrase it tokenises to.
A term written ``-word`` excludes articles containing it (when something else is asked for).
Only the first :data:`MAX_TERMS` terms count.

Arabic is matched the way it is usually written in news: the query's short vowels and
tatweel are dropped, and each Arabic term also matches its common spelling variants
(hamza forms of alef, final ta marbuta / ha, final alef maqsura / ya), because the
full-text index keeps the article's own spelling.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Literal

from newsweave.errors import NewsweaveError

# Arabic short vowels, tanwin, shadda, sukun, superscript alef, and tatweel; control
# characters (FTS5 strings cannot hold NUL).
_DROPPED = re.compile("[\u064b-\u065f\u0670\u0640\x00-\x1f\x7f]")
_ALEFS = "اأإآ"
_FINAL_VARIANTS = {"ة": "ةه", "ه": "هة", "ى": "ىي", "ي": "يى"}
# Positions of a term whose alef may carry a hamza in the text; beyond these, the
# term's own spelling is used (keeps each term's alternatives few).
_MAX_ALEF_POSITIONS = 2
_MAX_VARIANTS = 32
# Words of a query that count; the rest are ignored (a query is not a document).
MAX_TERMS = 64
_WORD = re.compile(r"\w")
_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")

Mode = Literal["all", "any"]


class SearchQueryError(NewsweaveError):
    """A query that cannot be searched (empty, or only punctuation)."""


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """The reader's query as terms: each term is a list of alternative spellings."""

    include: list[list[str]] = field(default_factory=list)
    exclude: list[list[str]] = field(default_factory=list)

    def to_fts(self, mode: Mode = "all") -> str:
        """The FTS5 MATCH expression: every (``all``) or any (``any``) term, minus exclusions."""
        joiner = " AND " if mode == "all" else " OR "
        positive = joiner.join(_alternatives(t) for t in self.include)
        if not self.exclude:
            return positive
        negative = " OR ".join(_alternatives(t) for t in self.exclude)
        return f"({positive}) NOT ({negative})"

    @property
    def words(self) -> list[str]:
        """The included terms as typed (after normalisation), for display."""
        return [t[0] for t in self.include]


def parse_query(text: str) -> ParsedQuery:
    """Split a query into included and excluded terms, or raise :class:`SearchQueryError`."""
    include: list[list[str]] = []
    exclude: list[list[str]] = []
    for m in _TOKEN.finditer(text):
        phrase, word = m.group(1), m.group(2)
        negated = False
        term = phrase if phrase is not None else word
        if word is not None and word.startswith("-") and len(word) > 1:
            negated, term = True, word[1:]
        term = normalise_term(term)
        if not _WORD.search(term):
            continue  # punctuation alone matches nothing: drop it rather than fail
        (exclude if negated else include).append(spelling_variants(term))
        if len(include) + len(exclude) >= MAX_TERMS:
            break
    if not include:
        if exclude:
            raise SearchQueryError("the query only excludes words; add a word to look for")
        raise SearchQueryError("empty query: give one or more words to look for")
    return ParsedQuery(include=include, exclude=exclude)


def normalise_term(term: str) -> str:
    """A term as it is matched: trimmed, Arabic short vowels, tatweel and controls removed."""
    return _DROPPED.sub("", term).strip()


def spelling_variants(term: str) -> list[str]:
    """The term itself first, then its Arabic spelling variants (none for other scripts)."""
    if not _ARABIC_LETTER.search(term):
        return [term]
    options: list[str] = []
    alef_positions = 0
    for i, ch in enumerate(term):
        at_word_end = i + 1 == len(term) or not term[i + 1].isalpha()
        if ch in _ALEFS and alef_positions < _MAX_ALEF_POSITIONS:
            alef_positions += 1
            options.append(ch + _ALEFS.replace(ch, ""))
        elif ch in _FINAL_VARIANTS and at_word_end:
            options.append(_FINAL_VARIANTS[ch])
        else:
            options.append(ch)
    variants = ("".join(p) for p in itertools.product(*options))
    return list(dict.fromkeys(itertools.islice(variants, _MAX_VARIANTS)))


def _literal(term: str) -> str:
    """An FTS5 string literal: the term in double quotes, inner quotes doubled."""
    return '"' + term.replace('"', '""') + '"'


def _alternatives(spellings: list[str]) -> str:
    if len(spellings) == 1:
        return _literal(spellings[0])
    return "(" + " OR ".join(_literal(s) for s in spellings) + ")"
