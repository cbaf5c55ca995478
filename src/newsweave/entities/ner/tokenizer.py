"""Word and sentence splitting for NER, with character offsets into the original text.

The recognisers were trained on corpora with their own tokenisation, so the splitter
follows those conventions rather than a linguistic ideal:

- Latin and Cyrillic text: punctuation is split off, hyphenated words stay whole
  (``Kassym-Jomart``), dotted abbreviations stay whole (``U.S.``), numbers keep their
  separators (``1,500.25``).
- French and Italian split an elided article off with its apostrophe (``l'Agence`` →
  ``l'`` + ``Agence``), English splits ``'s`` and ``n't``, Romanian splits the clitic
  hyphen forms the RONEC corpus splits (``s-a`` → ``s-`` + ``a``).
- Turkish and Azerbaijani split a case suffix off a name (``Ankara'da`` → ``Ankara`` +
  ``'da``).
- Arabic keeps proclitics (و, ف, ب, ل, ك, ال) attached to their word, as ANERcorp does;
  the recogniser's features look inside the word instead (see :mod:`.features`), and
  :func:`newsweave.entities.ner.recognize.recognize` trims a conjunction or preposition
  off the returned span.

Typographic apostrophes (’) are treated like ASCII ones; offsets always point into the
text as given.
"""

from __future__ import annotations

from typing import NamedTuple

import regex

# One token: a dotted abbreviation, a number with inner separators, a word (letters,
# marks, digits) with inner hyphens or apostrophes, or any other single non-space char.
_TOKEN = regex.compile(
    r"""
    (?:\p{Lu}\.){2,}                                  # U.S.  R.H.
    | \p{N}+(?:[.,:/\-]\p{N}+)*                        # 1,500.25  2022-01
    | [\p{L}\p{M}\p{N}_]+(?:[\-'’][\p{L}\p{M}\p{N}_]+)*  # words, Kassym-Jomart, aujourd'hui
    | \S
    """,
    regex.VERBOSE,
)

# Elided forms split off with their apostrophe in French/Italian corpora (WikiNEuRal).
_ELISION = regex.compile(
    r"(?i)^((?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu|presqu"
    r"|[dns]?ell|[ds]all|col|coll|sull|quell|quest|un|tutt|bell|sant)['’])(\p{L}.*)$"
)
_EN_CLITIC = regex.compile(r"(?i)^(.+?)(n['’]t|['’](?:s|re|ve|ll|d|m))$")
# Romanian clitic hyphens as RONEC splits them: "s-a", "într-un", "mi-a", "l-am".
_RO_LEFT = regex.compile(
    r"(?i)^((?:s|i|l|m|n|v|ne|le|mi|ți|ţi|și|şi|să|de|într|dintr|printr|dintr|"
    r"pentru|ce|nu|o|te|vă|ni|li|ia|ți)-)(\p{L}.*)$"
)

_SENTENCE_END = frozenset({".", "!", "?", "…", "؟", "。", "！", "？"})
_CLOSERS = frozenset({'"', "'", "»", "”", "’", ")", "]", "›"})


class Token(NamedTuple):
    """One token and where it sits in the text (``text[start:end] == token.text``)."""

    text: str
    start: int
    end: int


_CLITIC_LANGS = frozenset({"fr", "it", "ca", "en", "ro", "tr", "az"})
# Turkish/Azerbaijani case suffixes after a name's apostrophe: "Ankara'da", "Erdoğan'ın".
_TR_SUFFIX = regex.compile(r"^(\p{Lu}[\p{L}\p{M}\-]*)(['’]\p{Ll}+)$")


def _split_word(word: str, start: int, lang: str) -> list[Token]:
    """Split one regex match further by the language's clitic conventions."""
    if lang not in _CLITIC_LANGS or not ("'" in word or "’" in word or "-" in word):
        return [Token(word, start, start + len(word))]
    if lang in ("fr", "it", "ca"):
        m = _ELISION.match(word)
        if m:
            head = m.group(1)
            return [
                Token(head, start, start + len(head)),
                *_split_word(m.group(2), start + len(head), lang),
            ]
    elif lang == "en":
        m = _EN_CLITIC.match(word)
        if m:
            head = m.group(1)
            return [
                Token(head, start, start + len(head)),
                Token(m.group(2), start + len(head), start + len(word)),
            ]
    elif lang in ("tr", "az"):
        m = _TR_SUFFIX.match(word)
        if m:
            head = m.group(1)
            return [
                Token(head, start, start + len(head)),
                Token(m.group(2), start + len(head), start + len(word)),
            ]
    elif lang == "ro":
        m = _RO_LEFT.match(word)
        if m:
            head = m.group(1)
            return [
                Token(head, start, start + len(head)),
                *_split_word(m.group(2), start + len(head), lang),
            ]
    return [Token(word, start, start + len(word))]


def token_columns(
    text: str, lang: str, start: int = 0, end: int | None = None
) -> tuple[list[str], list[int], list[int]]:
    """:func:`tokenize` as three lists: the tokens' texts, start offsets and end offsets."""
    end = len(text) if end is None else end
    found = list(_TOKEN.finditer(text, start, end))
    words = [m.group() for m in found]
    starts = [m.start() for m in found]
    ends = [m.end() for m in found]
    if lang not in _CLITIC_LANGS:
        return words, starts, ends
    special = [i for i, w in enumerate(words) if "'" in w or "’" in w or "-" in w]
    for i in reversed(special):  # split clitics, from the right so indices stay valid
        parts = _split_word(words[i], starts[i], lang)
        if len(parts) > 1:
            words[i : i + 1] = [t.text for t in parts]
            starts[i : i + 1] = [t.start for t in parts]
            ends[i : i + 1] = [t.end for t in parts]
    return words, starts, ends


def tokenize(text: str, lang: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split ``text`` into tokens with character offsets, by ``lang``'s conventions.

    ``start`` and ``end`` limit the split to ``text[start:end]``; offsets still point
    into ``text``.
    """
    end = len(text) if end is None else end
    if lang not in _CLITIC_LANGS:
        return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
    tokens: list[Token] = []
    for m in _TOKEN.finditer(text, start, end):
        word = m.group()
        if "'" in word or "’" in word or "-" in word:
            tokens.extend(_split_word(word, m.start(), lang))
        else:
            tokens.append(Token(word, m.start(), m.end()))
    return tokens


_BREAKERS = _SENTENCE_END | _CLOSERS


def sentence_bounds(
    text: str, words: list[str], starts: list[int], ends: list[int], max_len: int = 120
) -> list[tuple[int, int]]:
    """Sentences as ``(first, one past last)`` token indices; see :func:`split_sentences`.

    Only tokens that can end a sentence (and line breaks) are looked at one by one, so
    long texts are split quickly.
    """
    count = len(words)
    newline_before: set[int] = set()
    if "\n" in text:
        for i in range(1, count):
            if starts[i] != ends[i - 1] and "\n" in text[ends[i - 1] : starts[i]]:
                newline_before.add(i)
    events = sorted(newline_before.union(i for i, w in enumerate(words) if w in _BREAKERS))
    bounds: list[tuple[int, int]] = []
    lo = 0
    for i in events:
        while i - lo >= max_len:
            bounds.append((lo, lo + max_len))
            lo += max_len
        if i in newline_before and i > lo:
            bounds.append((lo, i))
            lo = i
        word = words[i]
        size = i - lo + 1
        if word in _SENTENCE_END:
            stop = not (
                word == "."
                and size >= 2
                and len(words[i - 1]) == 1
                and words[i - 1].isalpha()
                and ends[i - 1] == starts[i]
            )
            if stop and i + 1 < count and words[i + 1] in _CLOSERS and starts[i + 1] == ends[i]:
                stop = False  # the closer belongs to this sentence; end after it
        elif word in _CLOSERS:
            stop = size >= 2 and words[i - 1] in _SENTENCE_END
        else:
            stop = False
        if stop or size >= max_len:
            bounds.append((lo, i + 1))
            lo = i + 1
    while count - lo >= max_len:
        bounds.append((lo, lo + max_len))
        lo += max_len
    if lo < count:
        bounds.append((lo, count))
    return bounds


def split_sentences(text: str, tokens: list[Token], max_len: int = 120) -> list[list[Token]]:
    """Group tokens into sentences.

    A sentence ends after ``. ! ? … ؟`` (plus any closing quote or bracket) unless the
    full stop follows a single letter (an initial such as ``J. Smith``), and at every
    line break. Sentences longer than ``max_len`` tokens are cut, so one run-on block
    of scraped text cannot make tagging quadratic in memory.
    """
    words = [t.text for t in tokens]
    starts = [t.start for t in tokens]
    ends = [t.end for t in tokens]
    return [tokens[lo:hi] for lo, hi in sentence_bounds(text, words, starts, ends, max_len)]
