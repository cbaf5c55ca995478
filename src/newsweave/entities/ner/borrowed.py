"""Checks on the names a model finds in a language it was not trained on.

A borrowed model (Turkish text tagged by the English model, see
:data:`newsweave.entities.ner.models.FALLBACKS`) knows which words of *its* language are
usually lowercase; in another language it takes most capitalised words for names,
including every sentence's first word ("Uzmanlar", "Bu", "Operasyonda"). Two checks
use only the document itself:

- a one-word name that opens a sentence (or follows an opening quote, a colon or a
  dash) is kept when it is written in capitals throughout (an acronym), or when
  something else says it is a name: the document capitalises it where no sentence
  opens, the model's lists know it as a person's name or a place and the document
  never writes it in lowercase ("bu yana" unmasks "Bu"), or (Turkish, Azerbaijani) a
  case suffix is set off from it by an apostrophe, which these languages write after
  proper nouns only (``Lumera'nın``);
- in those languages a name also ends before such a suffix (``Lumera'da Nexora`` is two
  names, not one).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import regex

from newsweave.entities.ner.scoring import iob2_spans

#: Languages that write a case suffix after a proper noun behind an apostrophe.
APOSTROPHE_SUFFIX_LANGS = frozenset({"tr", "az"})

_SUFFIX = regex.compile(r"^['’][\p{L}\p{M}]+$")
_OPENERS = frozenset({'"', "“", "„", "«", "‹", "(", "[", ":", "—", "–", "-", "'", "‘"})


def is_suffix(token: str) -> bool:
    """An apostrophe followed by letters only (``'nın``, ``’da``)."""
    return bool(_SUFFIX.match(token))


def _opens(words: Sequence[str], i: int) -> bool:
    """Whether token ``i`` stands where any word is capitalised: first in its sentence,
    or right after an opening quote, a bracket, a colon or a dash."""
    return i == 0 or words[i - 1] in _OPENERS


def _written_inside(sentences: Sequence[Sequence[str]]) -> tuple[set[str], set[str]]:
    """The capitalised and the lowercase words of a document, where no sentence opens."""
    upper: set[str] = set()
    lower: set[str] = set()
    for words in sentences:
        for i, word in enumerate(words):
            if _opens(words, i):
                continue
            if word[:1].isupper():
                upper.add(word)
            elif word[:1].islower():
                lower.add(word)
    return upper, lower


def _split_at_suffixes(words: Sequence[str], seq: list[str]) -> None:
    """Suffix tokens leave the name; a name goes on after one only as a new name."""
    for i, word in enumerate(words):
        if not is_suffix(word) or seq[i] == "O":
            continue
        seq[i] = "O"
        if i + 1 < len(seq) and seq[i + 1].startswith("I-"):
            seq[i + 1] = "B-" + seq[i + 1][2:]


def confirm_borrowed(
    sentences: Sequence[Sequence[str]],
    tags: Sequence[Sequence[str]],
    lang: str,
    known: Callable[[str], bool],
) -> list[list[str]]:
    """Tags of a document's sentences after the checks above (new lists).

    ``known`` says whether the model's word lists know a word as a person's name or a
    place. Only ``B-``/``I-`` tags are ever turned into ``O`` or split; nothing is added.
    """
    suffixing = lang in APOSTROPHE_SUFFIX_LANGS
    out = [list(seq) for seq in tags]
    upper, lower = _written_inside(sentences)
    for words, seq in zip(sentences, out, strict=True):
        if seq.count("O") == len(seq):
            continue
        if suffixing:
            _split_at_suffixes(words, seq)
        for start, end, _ in iob2_spans(seq):
            if end - start != 1 or not _opens(words, start):
                continue
            word = words[start]
            suffixed = suffixing and start + 1 < len(words) and is_suffix(words[start + 1])
            if suffixed or word in upper or (known(word) and word.lower() not in lower):
                continue
            if len(word) >= 2 and word.isupper():
                continue  # an acronym (İHA, DHA): its capitals are not the sentence's
            seq[start] = "O"
    return out
