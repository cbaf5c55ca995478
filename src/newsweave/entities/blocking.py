"""Block keys: which entities of the registry a new mention could name.

Linking compares a new name with the names already known, word by word and across
scripts (:func:`newsweave.entities.linker.words_match`). Comparing it with every known
entity would make each added article slower as the registry grows, so every spelling
in the registry is filed under a few short keys, and a new name is compared only with
the entities filed under one of its own keys:

- ``n:`` the whole name's matching key (organisations, places and other names join on
  equal keys);
- ``t:`` each word's matching key (whether a word is attested, for taking a glued
  Arabic particle off a name);
- ``f:`` keys of a person's family name (the last word of a full name), which every
  match between two people requires: for Latin letters (other scripts romanised) the
  first three letters of its phonetic form (filed by length, so that a common beginning
  does not make a large bucket) and its consonant skeleton (``Tokayev`` = ``Tokaev`` →
  ``tkv``); for Arabic its first three letters (by length too) and its skeleton without
  long vowels (``جومارت`` = ``جومرت``); in both scripts its coarse consonant classes
  (:func:`consonant_classes`: ``Temirjanov`` = ``تيميرخانوف`` → ``TMRKNB``) and, for an
  attested Latin name word, the similar-letter skeleton of its Arabic rendering
  (:func:`newsweave.entities.names.latin_tokens`); a Cyrillic word with a Г also gets
  the keys of its readings with Г as H (:func:`newsweave.entities.names.h_readings`).
- ``w:`` the same keys of a one-word name of any other type (a place no gazetteer knows,
  an organisation), met again inflected or in another script; kept apart from ``f:`` so
  that they never crowd people's blocks;
- ``m:`` the same keys of the last word of a name of several words other than a
  person's, so that its spelling in another script (``بورتو سيليستي``, ``Porto
  Celeste``) finds it.

Two spellings the word comparison accepts almost always share one of these keys; a pair
that shares none is not linked to the registry, though it still links within its batch.
The keys are stored (``entity_keys``): a change to how they are made needs a migration
that lists every stored spelling in ``entity_keys_pending`` again.
"""

from __future__ import annotations

from functools import lru_cache

from newsweave.entities.names import (
    arabic_consonant_classes,
    arabic_skeleton,
    h_readings,
    latin_phonetic,
    latin_skeleton,
    latin_tokens,
    split_name,
    word_key,
)
from newsweave.entities.scripts import fold_arabic, match_key, script_of

_LATIN_PREFIX = 3
_ARABIC_PREFIX = 3

# Coarse consonant classes shared by Arabic letters and Latin spellings of names: the
# letters transliterations trade for one another fall in one class (ق ك ج خ غ = k q g j
# kh gh; ت د ط ض = t d; س ص ز ث ذ ظ ش = s z sh ts), long vowels and weak letters drop
# out after the first letter, and a weak first letter reads "A".
_WEAK = "A"
_ARABIC_CLASS = {
    **dict.fromkeys("بفپڤ", "B"),
    **dict.fromkeys("تطدض", "T"),
    **dict.fromkeys("سصزثذظش", "S"),
    **dict.fromkeys("كقجخغگچ", "K"),
    "م": "M",
    "ن": "N",
    "ل": "L",
    "ر": "R",
    **dict.fromkeys("اأإآٱوؤيئىهةعء", _WEAK),
}
_LATIN_DIGRAPHS = (
    ("sch", "S"),
    ("dzh", "K"),
    ("zh", "K"),
    ("dj", "K"),
    ("kh", "K"),
    ("gh", "K"),
    ("sh", "S"),
    ("ch", "S"),
    ("th", "T"),
    ("ph", "B"),
    ("ts", "S"),
    ("tz", "S"),
    ("ck", "K"),
    ("x", "KS"),
)
_LATIN_CLASS = {
    **dict.fromkeys("bpfv", "B"),
    **dict.fromkeys("td", "T"),
    **dict.fromkeys("sz", "S"),
    **dict.fromkeys("ckqgj", "K"),
    "m": "M",
    "n": "N",
    "l": "L",
    "r": "R",
    **dict.fromkeys("aeiouyhw", _WEAK),
}


def consonant_classes(word: str) -> str:
    """The coarse consonant classes of one name word, Arabic or Latin (other scripts
    romanised): ``Blinken`` = ``بلينكن`` → ``BLNKN``, ``Kassym`` = ``قاسم`` → ``KSM``."""
    if script_of(word) == "Arab":
        letters = fold_arabic(word).replace(" ", "")
        classes = [_ARABIC_CLASS.get(c, "") for c in letters]
    else:
        text = word_key(word)
        for digraph, cls in _LATIN_DIGRAPHS:
            text = text.replace(digraph, cls)
        classes = [c if c.isupper() else _LATIN_CLASS.get(c, "") for c in text]
    out: list[str] = []
    for i, cls in enumerate(classes):
        if not cls or (cls == _WEAK and i > 0):
            continue
        if not out or out[-1] != cls:
            out.append(cls)
    return "".join(out)


@lru_cache(maxsize=1)
def _arabic_classes_of_latin() -> dict[str, str]:
    """Attested Latin name words → the similar-letter skeleton of their Arabic form (the
    table holds each word once)."""
    tokens = latin_tokens()
    return dict(zip(tokens.words, tokens.skeletons, strict=True))


def _prefix_keys(tag: str, text: str, size: int, query: bool) -> set[str]:
    """The prefix key of ``text``, filed by length (pairs of lengths share a bucket);
    a query also reads the buckets of one letter more and one less."""
    n = len(text)
    buckets = {(n - 1) // 2, n // 2, (n + 1) // 2} if query else {n // 2}
    return {f"f:{tag}:{text[:size]}:{b}" for b in buckets}


@lru_cache(maxsize=100_000)
def _keys(word: str, query: bool) -> frozenset[str]:
    if script_of(word) == "Arab":
        folded = fold_arabic(word).replace(" ", "")
        if not folded:
            return frozenset()
        return frozenset(
            {
                *_prefix_keys("a", folded, _ARABIC_PREFIX, query),
                "f:s:" + arabic_skeleton(folded),
                "f:c:" + arabic_consonant_classes(folded),
                "f:k:" + consonant_classes(folded),
            }
        )
    key = word_key(word)
    if not key:
        return frozenset()
    keys = _latin_keys(key, query)
    if script_of(word) == "Cyrl":  # Г read as H too (Гидровальд = Hydrovald)
        for other in h_readings(word):
            keys |= _latin_keys(word_key(other), query)
    return frozenset(keys)


def _latin_keys(key: str, query: bool) -> set[str]:
    keys = {
        *_prefix_keys("l", latin_phonetic(key), _LATIN_PREFIX, query),
        "f:s:" + latin_skeleton(key),
        "f:k:" + consonant_classes(key),
    }
    attested = _arabic_classes_of_latin().get(key)
    if attested:
        keys.add("f:c:" + attested)
    return keys


def family_keys(word: str) -> frozenset[str]:
    """The ``f:`` keys a family name is filed under (see the module docstring)."""
    return _keys(word, False)


def family_query_keys(word: str) -> frozenset[str]:
    """The ``f:`` keys to look a family name up under: :func:`family_keys`, with the
    prefix keys of the neighbouring lengths."""
    return _keys(word, True)


def _renamed(prefix: str, keys: frozenset[str]) -> frozenset[str]:
    """Family-name keys (``f:…``) moved under a namespace of their own (``w:``, ``m:``),
    so that people's blocks stay as they were."""
    return frozenset(prefix + k[2:] for k in keys)


def word_keys(word: str) -> frozenset[str]:
    """The ``w:`` keys of a one-word name other than a person's: its :func:`family_keys`."""
    return _renamed("w:", family_keys(word))


def word_query_keys(word: str) -> frozenset[str]:
    """The ``w:`` keys to look a one-word name up under (see :func:`family_query_keys`)."""
    return _renamed("w:", family_query_keys(word))


def last_word_keys(word: str) -> frozenset[str]:
    """The ``m:`` keys of a name of several words other than a person's: the
    :func:`family_keys` of its last word."""
    return _renamed("m:", family_keys(word))


def last_word_query_keys(word: str) -> frozenset[str]:
    """The ``m:`` keys to look up a name of several words under, by its last word."""
    return _renamed("m:", family_query_keys(word))


def name_key(form: str) -> str:
    """The ``n:`` key of a whole name."""
    return "n:" + match_key(" ".join(split_name(form)))


def word_attest_key(word: str) -> str:
    """The ``t:`` key of one word."""
    return "t:" + match_key(word)


def form_keys(form: str, type_: str) -> set[str]:
    """Every key a spelling of an entity of type ``type_`` is filed under."""
    words = split_name(form)
    keys = {name_key(form), *(word_attest_key(w) for w in words)}
    if type_ == "PER" and len(words) >= 2:
        keys.update(family_keys(words[-1]))
    elif type_ != "PER" and len(words) == 1:
        keys.update(word_keys(words[0]))
    elif type_ != "PER" and words:
        keys.update(last_word_keys(words[-1]))
    keys.discard("n:")
    keys.discard("t:")
    return keys
