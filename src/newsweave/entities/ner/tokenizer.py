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


def split_sentences(text: str, tokens: list[Token], max_len: int = 120) -> list[list[Token]]:
    """Group tokens into sentences.

    A sentence ends after ``. ! ? … ؟`` (plus any closing quote or bracket) unless the
    full stop follows a single letter (an initial such as ``J. Smith``), and at every
    line break. Sentences longer than ``max_len`` tokens are cut, so one run-on block
    of scraped text cannot make tagging quadratic in memory.
    """
    sentences: list[list[Token]] = []
    current: list[Token] = []
    prev_end = 0
    count = len(tokens)
    for i, tok in enumerate(tokens):
        if current and tok.start != prev_end and "\n" in text[prev_end : tok.start]:
            sentences.append(current)
            current = []
        current.append(tok)
        prev_end = tok.end
        word = tok.text
        if word in _SENTENCE_END:
            ends = not (
                word == "."
                and len(current) >= 2
                and len(current[-2].text) == 1
                and current[-2].text.isalpha()
                and current[-2].end == tok.start
            )
            if ends and i + 1 < count:
                nxt = tokens[i + 1]
                if nxt.text in _CLOSERS and nxt.start == tok.end:
                    ends = False  # the closer belongs to this sentence; end after it
        elif word in _CLOSERS:
            ends = len(current) >= 2 and current[-2].text in _SENTENCE_END
        else:
            ends = False
        if ends or len(current) >= max_len:
            sentences.append(current)
            current = []
    if current:
        sentences.append(current)
    return sentences
