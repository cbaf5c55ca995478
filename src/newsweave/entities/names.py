"""Names across scripts: romanisation, match keys and word-by-word similarity.

- :func:`romanize` writes any name in Latin letters: Cyrillic with ``anyascii`` (the
  spelling English-language news uses), Greek and most other scripts through ICU's
  transliterators when ``pyicu`` is installed, else ``anyascii``; Arabic by
  finding the attested Latin name token that the learned segment model
  (:mod:`newsweave.entities.transliteration`) says the Arabic transliterates best
  (``نزارباييف`` → ``Nazarbayev``), falling back to ``arabic-name-romanizer`` or
  ``anyascii`` for words no attested token explains.
- :func:`word_similarity` compares two words of names in any two scripts, in [0, 1].
- :func:`latin_skeleton` is the vowel-insensitive key of transliteration variants
  (``Tokayev`` = ``Tokaev`` = ``Tokaïev``; ``Massimov`` = ``Masimov``).
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import regex
from rapidfuzz.distance import JaroWinkler, Levenshtein
from rapidfuzz.process import cdist

from newsweave.entities.scripts import fold_arabic, fold_latin, script_of
from newsweave.entities.transliteration import default_scorer

TOKENS_FILE = "latin_name_tokens.tsv.gz"

# Per-letter score (log P(arabic | latin) over both lengths) at which an Arabic word and
# a Latin one are even odds of being the same name, and the spread of the logistic.
# Calibrated on pairs of the training tables (not on the evaluation file).
CROSS_SCRIPT_MIDPOINT = -0.9
CROSS_SCRIPT_SPREAD = 0.15

# Weight of log(attestation count) against the joint log-probability when romanising.
ROMANIZE_FREQ_WEIGHT = 1.0
# Per-letter score an attested token needs to be taken as the romanisation.
ROMANIZE_MIN_SCORE = -0.7
_CLASS_FIRST = str.maketrans(
    {
        "ط": "ت",
        "ص": "س",
        "ث": "س",
        "ض": "د",
        "ظ": "ز",
        "ذ": "ز",
        "ق": "ك",
        "ح": "خ",
        "غ": "ج",
        "و": "ا",
        "ي": "ا",
        "ه": "ا",
        "ع": "ا",
    }
)
_CLASS_REST = str.maketrans(
    {
        "ط": "ت",
        "ص": "س",
        "ث": "س",
        "ض": "د",
        "ظ": "ز",
        "ذ": "ز",
        "ق": "ك",
        "ح": "خ",
        "غ": "ج",
        "ا": None,
        "و": None,
        "ي": None,
        "ه": None,
        "ع": None,
    }
)

_WORD_SPLIT = regex.compile(r"[\s\-‐‑–—_]+")
_VOWELS = regex.compile(r"[aeiouy]+")
_DOUBLES = regex.compile(r"(.)\1+")
_AR_WEAK = str.maketrans({"ا": None, "و": None, "ي": None, "ه": None, "ع": None})
_LATIN_DIGRAPHS = (
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("sch", "s"),
    ("sh", "s"),
    ("ch", "s"),
    ("kh", "h"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("ts", "c"),
    ("tz", "c"),
)
_LATIN_CLASSES = str.maketrans({"q": "k", "w": "v", "x": "ks", "g": "g"})


def split_name(text: str) -> list[str]:
    """Words of a name: whitespace and hyphens separate (``Kassym-Jomart`` is two)."""
    return [w for w in _WORD_SPLIT.split(text.strip()) if w]


@lru_cache(maxsize=200_000)
def latin_phonetic(word: str) -> str:
    """A folded Latin word with transliteration digraphs merged, ``h`` and doubled letters
    dropped: ``Dzhon`` = ``John`` → ``jon``; ``Massimov`` → ``masimov``."""
    w = fold_latin(word).replace(" ", "")
    for digraph, single in _LATIN_DIGRAPHS:
        w = w.replace(digraph, single)
    w = w.translate(_LATIN_CLASSES).replace("h", "")
    return str(_DOUBLES.sub(r"\1", w))


@lru_cache(maxsize=200_000)
def latin_skeleton(word: str) -> str:
    """Consonants of :func:`latin_phonetic` (the first letter kept whatever it is).

    ``Tokayev`` = ``Tokaev`` = ``Tokaïev`` → ``tkv``; ``Dzhon`` = ``John`` → ``jn``.
    """
    w = latin_phonetic(word)
    return w[:1] + str(_VOWELS.sub("", w[1:]))


def arabic_consonant_classes(folded: str) -> str:
    """Consonant skeleton of a folded Arabic word with similar letters merged
    (ط=ت, ص=ث=س, ق=ك, …): the shortlisting key for romanisation."""
    return folded[:1].translate(_CLASS_FIRST) + folded[1:].translate(_CLASS_REST)


def arabic_skeleton(word: str) -> str:
    """A folded Arabic word without its long-vowel letters: ``جومارت`` = ``جومرت``."""
    w = fold_arabic(word).replace(" ", "")
    return (w[:1] + w[1:].translate(_AR_WEAK)) if w else ""


def _icu_latin(text: str) -> str | None:
    try:
        import icu
    except ImportError:
        return None
    trans = _icu_transliterator(icu)
    return str(trans.transliterate(text))


@lru_cache(maxsize=1)
def _icu_transliterator(icu: Any) -> Any:
    return icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")


def _ascii(text: str) -> str:
    from anyascii import anyascii

    return str(anyascii(text))


def _title(word: str) -> str:
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))


@dataclass(frozen=True, slots=True)
class LatinTokens:
    """Attested Latin name words with their Arabic rendering (for shortlisting)."""

    words: list[str]
    skeletons: list[str]
    log_freq: np.ndarray
    #: the distinct skeletons, and for each word the index of its own among them
    distinct: list[str]
    skeleton_of: np.ndarray

    def nearest(self, skeleton: str, limit: int) -> np.ndarray:
        """Indices of the ``limit`` words whose skeletons are nearest (Levenshtein) to
        ``skeleton``; equal distances in list order. Each distinct skeleton is compared
        once (a quarter of the words)."""
        distances = cdist([skeleton], self.distinct, scorer=Levenshtein.distance, dtype=np.int32)
        per_word = distances[0][self.skeleton_of]
        if limit >= len(per_word):
            return np.argsort(per_word, kind="stable")
        cut = np.partition(per_word, limit - 1)[limit - 1]  # the limit-th smallest distance
        closer = np.flatnonzero(per_word < cut)
        tied = np.flatnonzero(per_word == cut)[: limit - len(closer)]
        chosen = np.concatenate([closer, tied])
        return chosen[np.argsort(per_word[chosen], kind="stable")]


@lru_cache(maxsize=1)
def latin_tokens() -> LatinTokens:
    """The shipped name-word list (Wikidata person-name tokens, CC0; see the README)."""
    ref = resources.files("newsweave").joinpath("data", "gazetteer", TOKENS_FILE)
    words: list[str] = []
    renderings: list[str] = []
    freqs: list[float] = []
    with resources.as_file(ref) as path, gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            word, freq, rendering = line.rstrip("\n").split("\t")
            words.append(word)
            freqs.append(float(freq))
            renderings.append(rendering)
    skeletons = [arabic_consonant_classes(r) for r in renderings]
    position: dict[str, int] = {}
    skeleton_of = np.array([position.setdefault(k, len(position)) for k in skeletons])
    return LatinTokens(words, skeletons, np.log1p(np.array(freqs)), list(position), skeleton_of)


#: Memo of :func:`cross_script_probability`, filled one pair at a time or in batches by
#: :func:`prime_word_similarity`; emptied when it reaches :data:`_CROSS_MEMO_SIZE`.
_CROSS_MEMO: dict[tuple[str, str], float] = {}
_CROSS_MEMO_SIZE = 200_000


def _probability(per_letter: float) -> float:
    if not math.isfinite(per_letter):
        return 0.0
    z = (per_letter - CROSS_SCRIPT_MIDPOINT) / CROSS_SCRIPT_SPREAD
    return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


def _remember(pairs: Sequence[tuple[str, str]], per_letter: Sequence[float]) -> None:
    if len(_CROSS_MEMO) + len(pairs) > _CROSS_MEMO_SIZE:
        _CROSS_MEMO.clear()
    for pair, value in zip(pairs, per_letter, strict=True):
        _CROSS_MEMO[pair] = _probability(float(value))


def cross_script_probability(latin: str, arabic: str) -> float:
    """How likely a Latin word and an Arabic word write the same name (0-1)."""
    found = _CROSS_MEMO.get((latin, arabic))
    if found is None:
        _remember([(latin, arabic)], [default_scorer().similarity(latin, arabic)])
        found = _CROSS_MEMO[(latin, arabic)]
    return found


def prime_word_similarity(pairs: Iterable[tuple[str, str]]) -> None:
    """Score the Arabic-Latin pairs among ``pairs`` of name words in one batch, so that
    :func:`word_similarity` finds them ready: one batch costs a fraction of scoring the
    pairs one at a time (same-script pairs are cheap and left to it)."""
    todo: dict[tuple[str, str], None] = {}
    for a, b in pairs:
        arab_a, arab_b = script_of(a) == "Arab", script_of(b) == "Arab"
        if arab_a == arab_b:
            continue
        ka, kb = word_key(a), word_key(b)
        if not ka or not kb:
            continue
        pair = (kb, ka) if arab_a else (ka, kb)
        if pair not in _CROSS_MEMO:
            todo[pair] = None
    if todo:
        wanted = list(todo)
        scores = default_scorer().similarities([p[0] for p in wanted], [p[1] for p in wanted])
        _remember(wanted, scores.tolist())


def forget_cross_script() -> None:
    """Empty the memo of :func:`cross_script_probability`."""
    _CROSS_MEMO.clear()


@lru_cache(maxsize=4096)
def romanize_arabic_word(word: str, shortlist: int = 300) -> str:
    """The Latin spelling of one Arabic name word: the attested name token it transliterates
    best (``ماسيموف`` → ``Massimov``), else a rule-based romanisation.

    Candidates share most consonants with the word (:func:`arabic_consonant_classes` of
    their Arabic rendering) and are ranked by log P(arabic | latin) plus the log of how
    often the token is attested, so that a common spelling (``Karim``) beats a rare one
    (``Krim``); the winner must be a clearly likely transliteration.
    """
    folded = fold_arabic(word).replace(" ", "")
    if not folded:
        return word
    tokens = latin_tokens()
    query = arabic_consonant_classes(folded)
    idx = [int(i) for i in tokens.nearest(query, shortlist)]
    if idx:
        cands = [tokens.words[i] for i in idx]
        model = default_scorer().model
        lat = model.encode_latin(cands)
        ar = model.encode_arabic([folded] * len(idx))
        conditional = model.joint_logprob(lat, ar) - model.latin_logprob(lat)
        lengths = np.array([len(c) + len(folded) for c in cands])
        rank = conditional + ROMANIZE_FREQ_WEIGHT * tokens.log_freq[idx]
        rank[conditional / lengths < ROMANIZE_MIN_SCORE] = -np.inf
        best = int(np.argmax(rank))
        if np.isfinite(rank[best]):
            return _title(cands[best])
    return _title(_fallback_arabic(word))


def _fallback_arabic(word: str) -> str:
    try:
        from arabic_name_romanizer import transliterate
    except ImportError:
        return fold_latin(_ascii(word)).replace(" ", "") or word
    return str(transliterate(word)).lower()


def romanize(text: str) -> str:
    """A Latin rendering of a name in any script (Latin names are returned unchanged)."""
    script = script_of(text)
    if script in {"Latn", "Zyyy"}:
        return text
    if script == "Arab":
        return " ".join(romanize_arabic_word(w) for w in split_name(text))
    # anyascii writes Cyrillic the way English-language news does (Dzhon, Tokayev);
    # ICU's default Cyrillic transform is scholarly (Džon), so it serves other scripts.
    latin = None if script == "Cyrl" else _icu_latin(text)
    if latin is None:
        latin = _ascii(text)
    return " ".join(_title(w) for w in latin.split())


@lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    """Script-neutral-ish key of one word: Latin letters for all but Arabic."""
    script = script_of(word)
    if script == "Arab":
        return fold_arabic(word).replace(" ", "")
    if script != "Latn":
        word = romanize(word)
    return fold_latin(word).replace(" ", "")


@lru_cache(maxsize=100_000)
def word_similarity(a: str, b: str) -> float:
    """Similarity in [0, 1] of two words of names, whatever their scripts.

    Same script (after romanising scripts other than Latin and Arabic): 1 for equal keys,
    0.95 for equal skeletons (``Tokayev``/``Tokaev``, ``Dzhon``/``John``,
    ``جومارت``/``جومرت``), else Jaro-Winkler; a Cyrillic Г may also be read as H against
    a Latin word (``Гидровальд``/``Hydrovald``). Arabic against Latin: the calibrated
    probability of the learned transliteration model.
    """
    sa, sb = script_of(a), script_of(b)
    ka, kb = word_key(a), word_key(b)
    if not ka or not kb:
        return 0.0
    arab_a, arab_b = sa == "Arab", sb == "Arab"
    if arab_a and arab_b:
        if ka == kb:
            return 1.0
        if arabic_skeleton(ka) == arabic_skeleton(kb):
            return 0.95
        return float(JaroWinkler.similarity(ka, kb)) * 0.95
    if arab_a != arab_b:
        lat, ar = (kb, ka) if arab_a else (ka, kb)
        return cross_script_probability(lat, ar)
    best = _latin_similarity(ka, kb)
    if best < 1.0 and {sa, sb} == {"Cyrl", "Latn"}:
        cyrillic, latin = (a, kb) if sa == "Cyrl" else (b, ka)
        for other in h_readings(cyrillic):
            best = max(best, _latin_similarity(word_key(other), latin))
    return best


def h_readings(word: str) -> list[str]:
    """``word`` (Cyrillic) with its first Г, then every Г, read as a Latin H: Russian
    writes a foreign H as Г (Гамбург = Hamburg, Гарвард = Harvard), and in Ukrainian
    and Belarusian Г is an H. Empty when the word has no Г."""
    first = regex.sub("[Гг]", _as_h, word, count=1)
    if first == word:
        return []
    every = regex.sub("[Гг]", _as_h, word)
    return [first] if every == first else [first, every]


def _as_h(m: regex.Match[str]) -> str:
    return "H" if m.group() == "Г" else "h"


def _latin_similarity(ka: str, kb: str) -> float:
    """:func:`word_similarity` of two Latin keys."""
    if ka == kb:
        return 1.0
    jw = float(JaroWinkler.similarity(ka, kb))
    pa, pb = latin_phonetic(ka), latin_phonetic(kb)
    if pa == pb:
        return max(jw, 0.97)
    skeleton = latin_skeleton(ka)
    if skeleton == latin_skeleton(kb) and (
        len(skeleton) >= 3 or JaroWinkler.similarity(pa, pb) >= 0.85
    ):
        return max(jw, 0.95)
    return jw
