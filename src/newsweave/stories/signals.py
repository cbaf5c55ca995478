"""How similar two articles are, as a fusion of named, inspectable signals.

Each article is reduced once to :class:`DocFeatures`: unit vectors of its text (one per
*view*: the whole document and its head), language-independent tokens (numbers normalised
across locales and digit systems, names reduced to a script-independent consonant key,
transliterated content words), optional entity ids and an optional date. :func:`similarity`
compares two of them signal by signal and fuses the signals with a tiny linear model whose
weights live in ``newsweave/data/similarity_weights.json`` (fitted on SemEval-2022 Task 8
dev data by ``python -m newsweave.evals.similarity fit``). Every signal's raw value and its
contribution to the score are returned, so a same-story decision can always be explained.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsweave.article import Article
from newsweave.embed.base import Embedder
from newsweave.embed.text import document_text, head_text

FloatVector = npt.NDArray[np.float32]

#: The vector views of an article that :func:`embed_views` fills.
VIEWS: tuple[str, ...] = ("doc", "head")
#: Views of the auxiliary embedder of a two-embedder configuration ("gemma+use").
AUX_VIEWS: tuple[str, ...] = ("aux_doc", "aux_head")

#: Every signal :func:`similarity` can report, in a fixed order.
SIGNALS: tuple[str, ...] = (
    "emb_doc",
    "emb_head",
    "emb_aux_doc",
    "emb_aux_head",
    "numbers",
    "names",
    "words",
    "same_lang",
    "entities",
    "time",
    "tolls",
)

#: The fitted fusion weights shipped with newsweave.
PACKAGED_WEIGHTS = Path(__file__).resolve().parents[1] / "data" / "similarity_weights.json"

# ---------------------------------------------------------------------------------------
# Numbers: locale- and script-independent values
# ---------------------------------------------------------------------------------------

_GROUP_SEPS = " \u00a0\u202f\u2009.,'’\u066c"
_DEC_SEPS = ".,\u066b"
_NUMBER = re.compile(
    r"(?<![\d.,])"
    r"(?:(?P<grouped>\d{1,3}(?:[" + re.escape(_GROUP_SEPS) + r"]\d{3})+)"
    r"(?:[" + re.escape(_DEC_SEPS) + r"](?P<gfrac>\d+))?"
    r"|(?P<plain>\d+)(?:[" + re.escape(_DEC_SEPS) + r"](?P<frac>\d+))?)"
    r"(?![\d])"
)
_DATE_DMY = re.compile(r"(?<!\d)(\d{1,2})[./-](\d{1,2})[./-]((?:19|20)\d{2})(?!\d)")
_DATE_YMD = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?!\d)")
_YEAR = re.compile(r"^(?:19[5-9]\d|20[0-4]\d)$")
_SCALE_WORD = re.compile(r"\s?([^\W\d_]+)")

#: Scale words (lower-cased prefixes) in the languages newsweave meets most, and their value.
_SCALES: tuple[tuple[str, float], ...] = (
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("mille", 1e3),
    ("milliard", 1e9),
    ("tausend", 1e3),
    ("mio", 1e6),
    ("mrd", 1e9),
    ("milliarde", 1e9),
    ("mil", 1e3),
    ("millón", 1e6),
    ("millones", 1e6),
    ("milhão", 1e6),
    ("milhões", 1e6),
    ("bilhão", 1e9),
    ("bilhões", 1e9),
    ("mila", 1e3),
    ("milioni", 1e6),
    ("miliardi", 1e9),
    ("mii", 1e3),
    ("milion", 1e6),
    ("milioane", 1e6),
    ("miliard", 1e9),
    ("miliarde", 1e9),
    ("тыс", 1e3),
    ("млн", 1e6),
    ("миллион", 1e6),
    ("млрд", 1e9),
    ("миллиард", 1e9),
    ("тысяч", 1e3),
    ("ألف", 1e3),
    ("آلاف", 1e3),
    ("مليون", 1e6),
    ("ملايين", 1e6),
    ("مليار", 1e9),
    ("bin", 1e3),
    ("milyon", 1e6),
    ("milyar", 1e9),
    ("tys", 1e3),
    ("mln", 1e6),
    ("mld", 1e9),
    ("万", 1e4),
    ("萬", 1e4),
    ("亿", 1e8),
    ("億", 1e8),
    ("mln.", 1e6),
    ("bln", 1e9),
)


@lru_cache(maxsize=1)
def _digit_table() -> dict[int, str]:
    """Every Unicode decimal digit mapped to its ASCII digit."""
    table: dict[int, str] = {}
    for cp in range(0x80, 0x1FBFA):
        ch = chr(cp)
        if unicodedata.category(ch) == "Nd":
            table[cp] = str(unicodedata.digit(ch))
    return table


def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit of any script (Arabic-Indic, Devanagari, full-width
    …) replaced by its ASCII digit; the length does not change."""
    return text.translate(_digit_table())


def _canonical(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.4g}"


def _scale_after(text: str, end: int) -> float | None:
    match = _SCALE_WORD.match(text, end)
    if match is None:
        return None
    word = match.group(1).lower()
    best: tuple[int, float] | None = None
    for prefix, scale in _SCALES:
        if word.startswith(prefix) and (best is None or len(prefix) > best[0]):
            best = (len(prefix), scale)
    # "mil" alone is a Spanish/Portuguese thousand but also starts "million": longest wins.
    return best[1] if best is not None else None


def extract_numbers(text: str, *, min_integer: int = 2) -> frozenset[str]:
    """Numeric values in ``text``, normalised so that the same figure matches across locales.

    "67,000", "67.000", "67 000" and "٦٧٬٠٠٠" all give ``"67000"``; "2,5" and "2.5" give
    ``"2.5"``; "2.5 million", "2,5 Mio." and "2,5 млн" also give ``"2500000"``. Dates
    (31.12.2020, 2020-12-31) give ``"date:2020-12-31"``. Bare years (1950–2049) and
    integers below ``min_integer`` are left out: news of one period shares its years and
    its ones, so they say little (on SemEval dev, dropping years lifts the Pearson
    correlation of this signal alone from 0.24 to 0.30).
    """
    text = ascii_digits(text)
    found: set[str] = set()

    def add_date(year: str, month: str, day: str) -> None:
        m, d = int(month), int(day)
        if 1 <= m <= 12 and 1 <= d <= 31:
            found.add(f"date:{int(year):04d}-{m:02d}-{d:02d}")

    for match in _DATE_DMY.finditer(text):
        add_date(match.group(3), match.group(2), match.group(1))
    for match in _DATE_YMD.finditer(text):
        add_date(match.group(1), match.group(2), match.group(3))
    text = _DATE_YMD.sub(" ", _DATE_DMY.sub(" ", text))

    for match in _NUMBER.finditer(text):
        if match.group("grouped"):
            whole = re.sub(r"\D", "", match.group("grouped"))
            frac = match.group("gfrac")
        else:
            whole, frac = match.group("plain"), match.group("frac")
        value = float(f"{int(whole)}.{frac}") if frac else float(int(whole))
        if frac is None and (value < min_integer or _YEAR.match(whole)):
            continue
        found.add(_canonical(value))
        scale = _scale_after(text, match.end())
        if scale is not None:
            found.add(_canonical(round(value * scale, 6)))
    return frozenset(found)


# ---------------------------------------------------------------------------------------
# Names: capitalised or uncased-script words reduced to a script-independent key
# ---------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_SENTENCE_START = set(".!?…:;\"'«»“”„()[]—–-•|")
_CONSONANT_CLASS = str.maketrans({"p": "b", "v": "f", "q": "k", "c": "k", "z": "s", "j": "g"})
_NOT_CONSONANT = re.compile(r"[^bdfgklmnrstx]")
_IDEOGRAPHIC = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


@lru_cache(maxsize=65536)
def name_key(token: str) -> str:
    """Script-independent key of a name: its transliterated consonant skeleton.

    "Putin", "Путин", "Путина" and "بوتين" share the key ``"btn"``: the token is written in
    ASCII (anyascii), vowels, semivowels and "h" are dropped, voiced/unvoiced and
    spelling variants are merged (p/b, v/f, c/k/q, z/s, j/g) and doubled letters collapse.
    """
    try:
        from anyascii import anyascii
    except ImportError:
        ascii_form = unicodedata.normalize("NFKD", token).encode("ascii", "ignore").decode()
    else:
        ascii_form = str(anyascii(token))
    skeleton = _NOT_CONSONANT.sub("", ascii_form.lower().translate(_CONSONANT_CLASS))
    return re.sub(r"(.)\1+", r"\1", skeleton)


def _is_sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip()
    return not before or before[-1] in _SENTENCE_START


def extract_names(text: str, *, min_key: int = 3) -> frozenset[str]:
    """Keys (:func:`name_key`) of the name-like words of ``text``.

    In scripts with letter case a word is name-like when it is capitalised and not the
    first word of a sentence (or all capitals, for acronyms); in caseless alphabets
    (Arabic, Hebrew, Georgian …) every word of four letters or more is a candidate. Han,
    kana and Hangul runs are skipped: their readings do not transliterate to the names'
    spellings. Keys shorter than ``min_key`` consonants are dropped as too ambiguous.
    """
    keys: set[str] = set()
    for match in _WORD.finditer(text):
        word = match.group(0)
        first = word[0]
        if _IDEOGRAPHIC.search(word):
            continue
        cased = first.lower() != first.upper()
        if cased:
            if not first.isupper():
                continue
            if len(word) > 1 and word.isupper():
                pass  # an acronym is name-like wherever it stands
            elif _is_sentence_start(text, match.start()):
                continue
        elif len(word) < 4:
            continue
        key = name_key(word)
        if len(key) >= min_key:
            keys.add(key)
    return frozenset(keys)


_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")


def extract_words(text: str, *, prefix: int = 5) -> frozenset[str]:
    """Transliterated content words of ``text`` (four letters or more), cut to ``prefix``
    letters so that inflected forms meet ("Valencia"/"Valenciana", "Путина"/"Путин")."""
    try:
        from anyascii import anyascii
    except ImportError:
        ascii_form = text
    else:
        ascii_form = str(anyascii(text))
    return frozenset(w[:prefix] for w in _CONTENT_WORD.findall(ascii_form.lower()))


# ---------------------------------------------------------------------------------------
# Features of one article
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DocFeatures:
    """What :func:`similarity` needs of one article, computed once per article.

    ``vectors`` maps a view name ("doc", "head") to a unit vector; only views present in
    both articles are compared, and both must come from the same embedder (``model``).
    ``entities`` is ``None`` until an entity stage has run (an empty set means "ran, found
    nothing"); ``date`` is the publication date when known.
    """

    doc_id: str
    vectors: Mapping[str, FloatVector]
    numbers: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    lang: str | None = None
    entities: frozenset[str] | None = None
    date: dt.date | None = None
    model: str = ""
    #: figures that evolve as an event unfolds (a death toll, arrests), as
    #: ``(concept, low, high)``; ``None`` when the article's facts were not extracted
    tolls: tuple[tuple[str, float, float], ...] | None = None


def build_features(
    doc_id: str,
    title: str | None,
    body: str,
    vectors: Mapping[str, FloatVector],
    *,
    model: str = "",
    lang: str | None = None,
    entities: Iterable[str] | None = None,
    date: dt.date | str | None = None,
) -> DocFeatures:
    """:class:`DocFeatures` of one article whose view vectors are already computed."""
    text = document_text(title, body)
    return DocFeatures(
        doc_id=doc_id,
        vectors=dict(vectors),
        numbers=extract_numbers(text),
        names=extract_names(text),
        words=extract_words(text),
        lang=lang,
        entities=frozenset(entities) if entities is not None else None,
        date=as_date(date),
        model=model,
    )


#: How the text of each plain view is made from (title, body).
VIEW_TEXT = {"doc": document_text, "head": head_text}


def embed_views(
    embedder: Embedder,
    items: Sequence[tuple[str | None, str]],
    views: Sequence[str] = VIEWS,
) -> list[dict[str, FloatVector]]:
    """The vectors of ``views`` for each ``(title, body)`` in ``items``, one batch per view.

    An ``aux_`` view ("aux_doc") embeds the same text as its plain view ("doc"); the
    caller passes the auxiliary embedder for those.
    """
    out: list[dict[str, FloatVector]] = [{} for _ in items]
    for view in views:
        try:
            make_text = VIEW_TEXT[view.removeprefix("aux_")]
        except KeyError:
            raise ValueError(f"unknown view {view!r}; known: {', '.join(VIEW_TEXT)}") from None
        vectors = embedder.embed([make_text(t, b) for t, b in items], task="clustering")
        for i, vec in enumerate(vectors):
            out[i][view] = vec
    return out


def views_for(model: SimilarityModel) -> tuple[str, ...]:
    """The views (plain and ``aux_``) a fusion model reads; only those need embedding."""
    return tuple(v for v in (*VIEWS, *AUX_VIEWS) if f"emb_{v}" in model.weights)


def featurize(
    embedder: Embedder,
    items: Sequence[tuple[str, str | None, str]],
    *,
    langs: Sequence[str | None] | None = None,
    dates: Sequence[dt.date | str | None] | None = None,
    entities: Sequence[Iterable[str] | None] | None = None,
    views: Sequence[str] = VIEWS,
    aux: Embedder | None = None,
) -> list[DocFeatures]:
    """:class:`DocFeatures` of each ``(doc_id, title, body)``, embedding ``views`` in batches.

    ``aux_`` views are embedded by ``aux`` (required when ``views`` name any); the
    features' ``model`` is then ``"<embedder>+<aux>"``.
    """
    texts = [(title, body) for _, title, body in items]
    main_views = [v for v in views if not v.startswith("aux_")]
    aux_views = [v for v in views if v.startswith("aux_")]
    vectors = embed_views(embedder, texts, main_views)
    name = embedder.name
    if aux_views:
        if aux is None:
            raise ValueError(f"views {aux_views} need an auxiliary embedder")
        for i, extra in enumerate(embed_views(aux, texts, aux_views)):
            vectors[i].update(extra)
    if aux is not None:
        name = f"{name}+{aux.name}"
    out = []
    for i, (doc_id, title, body) in enumerate(items):
        out.append(
            build_features(
                doc_id,
                title,
                body,
                vectors[i],
                model=name,
                lang=langs[i] if langs is not None else None,
                date=dates[i] if dates is not None else None,
                entities=entities[i] if entities is not None else None,
            )
        )
    return out


def featurize_articles(
    embedder: Embedder,
    articles: Sequence[Article],
    entities: Sequence[Iterable[str] | None] | None = None,
    views: Sequence[str] = VIEWS,
    aux: Embedder | None = None,
) -> list[DocFeatures]:
    """:class:`DocFeatures` of pipeline articles (title, cleaned text, language, date)."""
    return featurize(
        embedder,
        [(a.id, a.title, a.clean_text or a.text) for a in articles],
        langs=[a.lang for a in articles],
        dates=[a.published for a in articles],
        entities=entities,
        views=views,
        aux=aux,
    )


def as_date(value: dt.date | str | None) -> dt.date | None:
    """A date from an ISO date or datetime string ("2022-01" is the first of the month)."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        parts = value.split("-")
        if len(parts) == 2 and all(p.isdigit() for p in parts):  # "2022-01": first of month
            return dt.date(int(parts[0]), int(parts[1]), 1)
        return None


# ---------------------------------------------------------------------------------------
# Signals and their fusion
# ---------------------------------------------------------------------------------------

TIME_SCALE_DAYS = 3.0


def set_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared items of two sets relative to their sizes (binary cosine), 0 if either is empty."""
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def raw_signals(a: DocFeatures, b: DocFeatures) -> dict[str, float | None]:
    """Each signal's raw value for the pair; ``None`` where a signal cannot be computed."""
    if a.model and b.model and a.model != b.model:
        raise ValueError(f"features from different embedders: {a.model} vs {b.model}")
    values: dict[str, float | None] = dict.fromkeys(SIGNALS)
    for view in (*VIEWS, *AUX_VIEWS):
        va, vb = a.vectors.get(view), b.vectors.get(view)
        if va is not None and vb is not None:
            values[f"emb_{view}"] = float(np.dot(va, vb))
    values["numbers"] = set_overlap(a.numbers, b.numbers)
    values["names"] = set_overlap(a.names, b.names)
    values["words"] = set_overlap(a.words, b.words)
    if a.lang and b.lang:
        values["same_lang"] = 1.0 if a.lang == b.lang else 0.0
    if a.entities is not None and b.entities is not None:
        union = a.entities | b.entities
        values["entities"] = len(a.entities & b.entities) / len(union) if union else 0.0
    if a.date is not None and b.date is not None:
        days = abs((a.date - b.date).days)
        values["time"] = math.exp(-days / TIME_SCALE_DAYS)
    if a.tolls and b.tolls:
        values["tolls"] = 1.0 if shared_tolls(a.tolls, b.tolls) else 0.0
    return values


#: Two reports of an evolving figure belong to one event when their values are within
#: this factor of each other (a toll revised from 164 to "more than 200").
TOLL_FACTOR = 3.0


def shared_tolls(
    a: Sequence[tuple[str, float, float]], b: Sequence[tuple[str, float, float]]
) -> list[tuple[str, float, float]]:
    """The evolving figures of ``a`` that ``b`` reports too, at a compatible magnitude."""
    out = []
    for concept, lo, hi in a:
        for other, lo2, hi2 in b:
            if other != concept:
                continue
            if lo <= hi2 * TOLL_FACTOR and lo2 <= hi * TOLL_FACTOR:
                out.append((concept, lo, lo2))
                break
    return out


@dataclass(frozen=True, slots=True)
class SignalWeight:
    """One signal's part of the fusion.

    contribution = ``weight * (value - neutral) + square * (value**2 - neutral_square)``:
    the square term lets a cosine count more as it nears 1 (the annotators' scale is not
    linear in cosine). A signal that cannot be computed for a pair contributes nothing,
    which is what its neutral values would contribute. ``fitted`` says whether the weights
    were learnt from data or set by hand (signals the development data cannot show).
    """

    weight: float
    neutral: float = 0.0
    fitted: bool = True
    square: float = 0.0
    neutral_square: float = 0.0

    def contribution(self, value: float | None) -> float:
        """This signal's share of the score for raw ``value`` (0 when it is missing)."""
        if value is None:
            return 0.0
        return self.weight * (value - self.neutral) + self.square * (
            value * value - self.neutral_square
        )


@dataclass(frozen=True, slots=True)
class SimilarityModel:
    """A linear fusion of signals with a same-story threshold, for one embedder."""

    model: str
    intercept: float
    weights: Mapping[str, SignalWeight]
    threshold: float
    meta: Mapping[str, Any] = field(default_factory=dict)

    def score(self, values: Mapping[str, float | None]) -> tuple[float, dict[str, float]]:
        """Fused score of raw signal ``values`` and each signal's contribution."""
        contributions: dict[str, float] = {}
        total = self.intercept
        for name, sw in self.weights.items():
            part = sw.contribution(values.get(name))
            contributions[name] = part
            total += part
        return total, contributions

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready description (the format of ``similarity_weights.json`` entries)."""
        return {
            "model": self.model,
            "intercept": self.intercept,
            "threshold": self.threshold,
            "signals": {
                name: {
                    "weight": sw.weight,
                    "neutral": sw.neutral,
                    "square": sw.square,
                    "neutral_square": sw.neutral_square,
                    "fitted": sw.fitted,
                }
                for name, sw in self.weights.items()
            },
            "meta": dict(self.meta),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SimilarityModel:
        """Inverse of :meth:`to_json`."""
        weights = {
            str(name): SignalWeight(
                float(s["weight"]),
                float(s.get("neutral", 0.0)),
                bool(s.get("fitted", True)),
                float(s.get("square", 0.0)),
                float(s.get("neutral_square", 0.0)),
            )
            for name, s in data["signals"].items()
        }
        return cls(
            str(data["model"]),
            float(data["intercept"]),
            weights,
            float(data["threshold"]),
            dict(data.get("meta", {})),
        )


@dataclass(frozen=True, slots=True)
class SimilarityResult:
    """How similar two articles are and why.

    ``score`` is the fused similarity (about 0 = unrelated … 1 = same event);
    ``signals`` holds, for each signal, ``"<name>"`` (its raw value, NaN when it could not
    be computed) and ``"<name>.contribution"`` (its share of the score).
    """

    score: float
    same_story: bool
    signals: dict[str, float]
    threshold: float


def load_weights(path: Path | None = None) -> dict[str, SimilarityModel]:
    """The fitted fusion models by embedder name, from ``path`` or the packaged JSON."""
    path = path or PACKAGED_WEIGHTS
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: SimilarityModel.from_json(entry) for name, entry in data["models"].items()}


@lru_cache(maxsize=1)
def _packaged_models() -> dict[str, SimilarityModel]:
    return load_weights()


def model_for(embedder_name: str) -> SimilarityModel:
    """The packaged fusion model fitted for vectors of ``embedder_name``."""
    models = _packaged_models()
    try:
        return models[embedder_name]
    except KeyError:
        known = ", ".join(sorted(models))
        raise ValueError(
            f"no similarity weights for embedder {embedder_name!r}; fitted for: {known}"
        ) from None


def similarity(
    a: DocFeatures, b: DocFeatures, model: SimilarityModel | None = None
) -> SimilarityResult:
    """Fused similarity of two articles, with every signal's value and contribution.

    ``model`` defaults to the packaged weights for the embedder the features came from.
    """
    if model is None:
        model = model_for(a.model or b.model)
    values = raw_signals(a, b)
    score, parts = model.score(values)
    signals: dict[str, float] = {}
    for name in SIGNALS:
        value = values.get(name)
        signals[name] = float("nan") if value is None else value
        if name in parts:
            signals[f"{name}.contribution"] = parts[name]
    return SimilarityResult(score, score >= model.threshold, signals, model.threshold)


# ---------------------------------------------------------------------------------------
# Configurations: which embedders feed the fusion
# ---------------------------------------------------------------------------------------

#: What "default" means, best first: the first whose embedders are available is used.
DEFAULT_CONFIGS: tuple[str, ...] = ("gemma+use", "use", "hashing")


def resolve_config(config: str = "default") -> str:
    """``config`` itself, or for "default" the first of :data:`DEFAULT_CONFIGS` whose
    embedders are available here."""
    if config != "default":
        return config
    from newsweave.embed.registry import available

    for candidate in DEFAULT_CONFIGS:
        if all(available(part) for part in candidate.split("+")):
            return candidate
    return "hashing"


@dataclass(slots=True)
class Featurizer:
    """Turns articles into :class:`DocFeatures` and compares them, for one configuration.

    A configuration is an embedder name, optionally ``+`` an auxiliary one ("gemma+use"):
    both embed each article and their cosines are separate signals. ``model`` is the
    fitted fusion for that configuration; only the views it reads are embedded.
    """

    embedder: Embedder
    aux: Embedder | None = None
    model: SimilarityModel | None = None
    views: tuple[str, ...] = VIEWS

    @classmethod
    def from_config(cls, config: str = "default", *, fitted: bool = True) -> Featurizer:
        """The featurizer of ``config`` ("default", "gemma+use", "use", …); with
        ``fitted`` it loads the packaged fusion weights and embeds only what they read."""
        from newsweave.embed.registry import get_embedder

        parts = resolve_config(config).split("+")
        if len(parts) > 2:
            raise ValueError(f"a configuration has at most two embedders, not {config!r}")
        embedder = get_embedder(parts[0])
        aux = get_embedder(parts[1]) if len(parts) == 2 else None
        featurizer = cls(embedder, aux)
        if fitted:
            featurizer.model = model_for(featurizer.name)
            featurizer.views = views_for(featurizer.model)
        elif aux is not None:
            featurizer.views = (*VIEWS, *AUX_VIEWS)
        return featurizer

    @property
    def name(self) -> str:
        """Name of the configuration, as features and weights record it."""
        return self.embedder.name if self.aux is None else f"{self.embedder.name}+{self.aux.name}"

    def features(
        self,
        items: Sequence[tuple[str, str | None, str]],
        *,
        langs: Sequence[str | None] | None = None,
        dates: Sequence[dt.date | str | None] | None = None,
        entities: Sequence[Iterable[str] | None] | None = None,
    ) -> list[DocFeatures]:
        """:class:`DocFeatures` of each ``(doc_id, title, body)``."""
        return featurize(
            self.embedder,
            items,
            langs=langs,
            dates=dates,
            entities=entities,
            views=self.views,
            aux=self.aux,
        )

    def article_features(
        self, articles: Sequence[Article], entities: Sequence[Iterable[str] | None] | None = None
    ) -> list[DocFeatures]:
        """:class:`DocFeatures` of pipeline articles."""
        return featurize_articles(self.embedder, articles, entities, views=self.views, aux=self.aux)

    def compare(self, a: DocFeatures, b: DocFeatures) -> SimilarityResult:
        """:func:`similarity` under this configuration's fusion model."""
        return similarity(a, b, self.model)
