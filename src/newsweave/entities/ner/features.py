"""Token features for the CRF recognisers.

Features of one word (its normalised form, shape, affixes, casing, for Arabic the stem
left after stripping proclitics, for Romanian and Russian the root left without case
endings) are computed once per distinct word and cached; a token's feature list adds its
neighbours' forms and shapes, word bigrams, and where it falls in a gazetteer match.
Everything here is a plain function of the tokens and of two word lists stored with the
model, so training and tagging always agree.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence

import regex

_AR_DIACRITICS = regex.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_AR_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
# Romanian s/t with cedilla (legacy encodings, still common in news) -> with comma below
_RO_COMMA = str.maketrans({"ş": "ș", "ţ": "ț"})
_DIGITS = regex.compile(r"\p{Nd}")
_AR_CONJ = ("و", "ف")
_AR_PREP = ("ب", "ل", "ك")
# Romanian case/article endings (longest first), then a final vowel: see romanian_root
_RO_ENDINGS = ("ilor", "elor", "ului", "lor", "lui", "ul", "le", "ei", "ii")
_RO_VOWELS = ("a", "ă", "e", "i", "u")
# Russian case endings of nouns and adjectives (longest first): see russian_root
_RU_ENDING_LIST = (
    "ого его ому ему ыми ими ами ями ой ей ий ый ая яя ое ее ую юю ые ие ых "
    "их ым им ом ем ам ям ах ях ов ев а я о е у ю ы и ь"
)
_RU_ENDINGS = tuple(_RU_ENDING_LIST.split())
_MAX_GAZ_TOKENS = 5
_CACHE_LIMIT = 200_000


def normalise(word: str, lang: str) -> str:
    """The form words are compared by: lowercase, digits as 0, Arabic letters unified.

    Arabic loses its diacritics and tatweel; alef forms become ``ا``, alef maqsura ``ي``
    and ta marbuta ``ه`` (spellings vary on all three). Romanian ``ş``/``ţ`` (cedilla)
    become ``ș``/``ț`` (comma below), the standard spelling the corpora use.
    """
    word = unicodedata.normalize("NFC", word).replace("’", "'").lower()
    if lang == "ro":
        word = word.translate(_RO_COMMA)
    elif lang == "ar":
        stripped: str = _AR_DIACRITICS.sub("", word)
        word = stripped.translate(_AR_ALEF)
    out: str = _DIGITS.sub("0", word)
    return out


def arabic_stems(word: str) -> list[tuple[str, str]]:
    """(prefix, rest) readings of an Arabic word with its proclitics stripped.

    ``وبكازاخستان`` gives ``("و", "بكازاخستان")`` and ``("وب", "كازاخستان")``; the rest
    must keep at least three letters. ``ال`` is not stripped: place and organisation
    names carry it.
    """
    out: list[tuple[str, str]] = []
    rest, prefix = word, ""
    if rest[:1] in _AR_CONJ and len(rest) > 3:
        prefix, rest = rest[0], rest[1:]
        out.append((prefix, rest))
    if rest.startswith("لل") and len(rest) > 4:
        # ل + ال contracts to لل: للصين = ل + الصين
        out.append((prefix + "ل", "ا" + rest[1:]))
    elif rest[:1] in _AR_PREP and len(rest) > 3:
        out.append((prefix + rest[0], rest[1:]))
    return out


def romanian_root(word: str) -> str:
    """A normalised Romanian word without its article/case ending and final vowel.

    Crude on purpose: the forms of one noun share it (``ministrul``, ``ministrului``,
    ``ministru`` → ``ministr``; ``elevilor``, ``elevii``, ``elevi`` → ``elev``), so a
    word seen in training in one form is recognised in the others. At least three
    letters are kept.
    """
    root = word
    for ending in _RO_ENDINGS:
        if root.endswith(ending) and len(root) - len(ending) >= 3:
            root = root[: -len(ending)]
            break
    if root.endswith(_RO_VOWELS) and len(root) > 3:
        root = root[:-1]
    return root


def russian_root(word: str) -> str:
    """A normalised Russian word without its case ending (``сборной`` → ``сборн``).

    The forms of one name share it (``Москвы``, ``Москве``, ``Москва`` → ``москв``). At
    least three letters are kept.
    """
    for ending in _RU_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def shape(word: str) -> str:
    """Word shape with runs collapsed: ``Kassym-Jomart`` → ``Xx-Xx``, ``U.S.`` → ``X.X.``."""
    out: list[str] = []
    for c in word:
        if c.isupper():
            s = "X"
        elif c.isalpha():
            s = "x"
        elif c.isdigit():
            s = "d"
        else:
            s = c
        if not out or out[-1] != s:
            out.append(s)
    return "".join(out)[:8]


class FeatureExtractor:
    """Turns a tokenised sentence into CRF feature lists.

    ``lang`` selects normalisation, Arabic stems and Romanian/Russian roots;
    ``common_lower`` is the set of normalised words that the training text mostly writes
    in lowercase (a capitalised one at sentence start is probably not a name); ``places``
    are gazetteer entries (as :func:`normalised_places` gives them); ``person_names`` are
    normalised person-name tokens. ``entity_words`` (words seen inside entities in
    training) are not a feature: :func:`recognize` uses them to trim Arabic proclitics
    off spans.
    """

    def __init__(
        self,
        lang: str,
        common_lower: Iterable[str] = (),
        places: Iterable[str] = (),
        suffix_len: int = 4,
        person_names: Iterable[str] = (),
        entity_words: Iterable[str] = (),
        char_ngrams: int = 0,
        clusters: Mapping[str, str] | None = None,
        typed_names: Mapping[str, str] | None = None,
    ) -> None:
        self.lang = lang
        self.typed_names: Mapping[str, str] = typed_names or {}
        self.clusters: Mapping[str, str] = clusters or {}
        self.char_ngrams = char_ngrams
        self.suffix_len = suffix_len
        self.common_lower = frozenset(common_lower)
        self.person_names = frozenset(person_names)
        self.entity_words = frozenset(entity_words)
        self.places: frozenset[tuple[str, ...]] = frozenset(tuple(p.split(" ")) for p in places)
        self.place_words = frozenset(w for p in self.places for w in p)
        self.place_singles = frozenset(p[0] for p in self.places if len(p) == 1)
        # first word of an entry -> the most words an entry starting with it has
        self._place_starts: dict[str, int] = {}
        for entry in self.places:
            if len(entry) > self._place_starts.get(entry[0], 0):
                self._place_starts[entry[0]] = len(entry)
        self._cache: dict[str, tuple[list[str], str, str, str]] = {}
        self._ctx_cache: dict[str, tuple[tuple[str, ...], ...]] = {}

    def _word(self, word: str) -> tuple[list[str], str, str, str]:
        """(own features, context form, short shape, normalised form) of a word, cached."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        low = normalise(word, self.lang)
        shp = shape(word)
        feats = [f"w={low}", f"sh={shp}"]
        for k in range(1, 4):
            if len(low) > k:
                feats.append(f"p{k}={low[:k]}")
        for k in range(1, self.suffix_len + 1):
            if len(low) > k:
                feats.append(f"s{k}={low[-k:]}")
        first = word[:1]
        if first.isupper():
            feats.append("title" if not word[1:].isupper() or len(word) == 1 else "upper")
            if low in self.common_lower:
                feats.append("cap_common")
        elif first.isalpha():
            feats.append("lower")
        elif first.isdigit():
            feats.append("digit")
        elif not first.isalnum():
            feats.append("punct")
        if "-" in word and len(word) > 1:
            feats.append("hyphen")
        cased = first.isupper() or self.lang == "ar"
        if cased and low in self.person_names:
            feats.append("pn" if low in self.common_lower else "pn_rare")
        feats.append(f"len={min(len(word), 12) // 3}")
        cluster = self.clusters.get(low)
        if cluster is not None:
            coarse, _, fine = cluster.partition(" ")
            feats += [f"cl={coarse}", f"cf={fine}"]
        n = self.char_ngrams
        if n and len(low) > n:
            feats.extend({f"c{n}={low[i : i + n]}" for i in range(1, len(low) - n)})
        if self.lang == "ar":
            for prefix, rest in arabic_stems(low):
                feats.extend((f"pf={prefix}", f"st={rest}", f"st_s3={rest[-3:]}"))
                if rest in self.place_singles:
                    feats.append("gz_stem")
                if rest in self.person_names and rest not in self.common_lower:
                    feats.append("pn_stem")
            forms = [low, *(rest for _, rest in arabic_stems(low))]
            if any(f.startswith("ال") for f in forms):
                feats.append("al")
                bare = next(f[2:] for f in forms if f.startswith("ال"))
                if len(bare) >= 3:  # the word without its article: الكازاخية -> كازاخية
                    feats.append(f"na={bare}")
                    forms.append(bare)
                    if bare in self.place_singles:
                        feats.append("gz_stem")
            if self.typed_names:
                kinds = {k for f in forms for k in self.typed_names.get(f, "")}
                feats.extend(f"tn={k}" for k in sorted(kinds))
        else:
            if self.lang == "ro":
                feats.append(f"rt={romanian_root(low)}")
            elif self.lang == "ru":
                feats.append(f"rt={russian_root(low)}")
            if self.place_singles and first.isupper() and low not in self.place_singles:
                # an inflected place name: Kazahstanului, Астанада, Cazaquistão's cases
                for cut in range(1, 6):
                    if len(low) - cut >= 4 and low[:-cut] in self.place_singles:
                        feats.append("gz_stem")
                        break
        ctx = low
        if self.lang == "ar":
            readings = arabic_stems(low)
            if readings:
                ctx = readings[-1][1]  # context words are compared without proclitics
        marker = "p" if {"pn", "pn_rare", "pn_stem"} & set(feats) else ""
        hit = (feats, ctx, shp[:4] + marker, low)
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = hit
        return hit

    def gazetteer_matches(
        self, words: Sequence[str], positions: Iterable[int] | None = None
    ) -> list[tuple[int, int]]:
        """(first token, token count) of the longest gazetteer matches, left to right.

        A match starts at a capitalised word (any word in Arabic); ``positions`` (sorted)
        limits where matches may start, e.g. to the words :meth:`may_match_place` allows.
        """
        if not self.places:
            return []
        cased = self.lang != "ar"
        starts = self._place_starts
        out: list[tuple[int, int]] = []
        free = 0  # first position not inside a match
        for i in range(len(words)) if positions is None else positions:
            if i < free:
                continue
            word = words[i]
            longest = starts.get(self._word(word)[3], 0)
            if not longest or (cased and not word[:1].isupper()):
                continue
            for n in range(min(_MAX_GAZ_TOKENS, longest, len(words) - i), 0, -1):
                if tuple(self._word(w)[3] for w in words[i : i + n]) in self.places:
                    out.append((i, n))
                    free = i + n
                    break
        return out

    def _context(self, word: str) -> tuple[tuple[str, ...], ...]:
        """The features ``word`` lends its neighbours, cached: as -2, -1, +1, +2."""
        hit = self._ctx_cache.get(word)
        if hit is not None:
            return hit
        _, ctx, shp, low = self._word(word)
        cluster = self.clusters.get(low)
        near: tuple[str, ...] = ()
        if cluster is not None:
            near = (f"cl={cluster.partition(' ')[0]}",)
        hit = (
            (f"-2:w={ctx}", f"-2:sh={shp}"),
            (f"-1:w={ctx}", f"-1:sh={shp}", *(f"-1:{c}" for c in near)),
            (f"+1:w={ctx}", f"+1:sh={shp}", *(f"+1:{c}" for c in near)),
            (f"+2:w={ctx}", f"+2:sh={shp}"),
        )
        if len(self._ctx_cache) > _CACHE_LIMIT:
            self._ctx_cache.clear()
        self._ctx_cache[word] = hit
        return hit

    def word_features(self, word: str) -> list[str]:
        """The features of a word that depend on nothing else (cached; do not modify)."""
        return self._word(word)[0]

    def context_features(self, word: str) -> tuple[tuple[str, ...], ...]:
        """What a word lends its neighbours: the features it adds at -2, -1, +1 and +2."""
        return self._context(word)

    def context_forms(self, words: Sequence[str]) -> list[str]:
        """The forms word bigram features are made of (normalised; Arabic unprefixed)."""
        return [self._word(w)[1] for w in words]

    def is_person_name(self, word: str) -> bool:
        """Whether ``word`` is in the person-name list (compared as normalised)."""
        return normalise(word, self.lang) in self.person_names

    def is_known_name(self, word: str) -> bool:
        """Whether the word lists know ``word`` as a person's name or a one-word place."""
        low = normalise(word, self.lang)
        return low in self.person_names or low in self.place_singles

    def is_place(self, words: Sequence[str]) -> bool:
        """Whether ``words`` are a gazetteer place as they stand, or one word that is a
        one-word place with up to two final letters added (``Уругвая``)."""
        forms = tuple(normalise(w, self.lang) for w in words)
        if forms in self.places:
            return True
        if len(forms) != 1 or not words[0][:1].isupper():
            return False
        low = forms[0]
        return any(len(low) - cut >= 4 and low[:-cut] in self.place_singles for cut in (1, 2))

    def repeat_form(self) -> Callable[[str], str] | None:
        """What words are compared by when a name is spread to its repeats, if not as is.

        Arabic compares words without a glued conjunction or preposition (``وبغداد`` is
        a repeat of ``بغداد``); other languages compare words as written.
        """
        if self.lang != "ar":
            return None
        return lambda word: self._word(word)[1]

    def may_match_place(self, word: str) -> bool:
        """Whether ``word`` can be part of a gazetteer match (see :meth:`gazetteer_marks`)."""
        if self._word(word)[3] not in self._place_starts:
            return False
        return self.lang == "ar" or word[:1].isupper()

    def gazetteer_marks(self, words: Sequence[str]) -> list[str]:
        """``B``/``I``/empty per token: where the sentence matches a gazetteer entry."""
        marks = [""] * len(words)
        for i, n in self.gazetteer_matches(words):
            marks[i] = "B"
            marks[i + 1 : i + n] = ["I"] * (n - 1)
        return marks

    def pair_and_gazetteer_features(self, words: Sequence[str]) -> list[tuple[int, str]]:
        """(token index, feature) for word bigrams and gazetteer matches of a sentence."""
        lows = self.context_forms(words)
        gaz = self.gazetteer_marks(words)
        out: list[tuple[int, str]] = []
        for i in range(len(words) - 1):
            pair = f"{lows[i]}|{lows[i + 1]}"
            out.append((i + 1, "-1|0=" + pair))
            out.append((i, "0|+1=" + pair))
        for i, mark in enumerate(gaz):
            if not mark:
                continue
            out.append((i, f"gz={mark}"))
            if i + 1 < len(words):
                out.append((i + 1, f"-1:gz={mark}"))
            if i > 0:
                out.append((i - 1, f"+1:gz={mark}"))
        return out

    def sentence(self, words: Sequence[str]) -> list[list[str]]:
        """Feature lists, one per token of the sentence (what CRFsuite trains on)."""
        n = len(words)
        ctx = [self._context(w) for w in words]
        out: list[list[str]] = []
        for i in range(n):
            feats = list(self._word(words[i])[0])
            if i == 0:
                feats.append("BOS")
            else:
                feats.extend(ctx[i - 1][1])
                if i >= 2:
                    feats.extend(ctx[i - 2][0])
            if i == n - 1:
                feats.append("EOS")
            else:
                feats.extend(ctx[i + 1][2])
                if i + 2 < n:
                    feats.extend(ctx[i + 2][3])
            out.append(feats)
        for i, name in self.pair_and_gazetteer_features(words):
            out[i].append(name)
        return out


def normalised_places(places: Iterable[str], lang: str) -> list[str]:
    """Gazetteer entries as normalised tokens joined by single spaces (idempotent).

    Entries are split the way the tokenizer splits running text, so that a match is a
    run of whole tokens.
    """
    from newsweave.entities.ner.tokenizer import tokenize

    return sorted({" ".join(normalise(t.text, lang) for t in tokenize(p, "xx")) for p in places})
