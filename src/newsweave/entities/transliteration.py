"""A learned Arabic ↔ Latin name-transliteration model and its batched scoring.

The model is a joint *segment* model (a pair HMM without state): a name pair is generated
as a sequence of aligned segment pairs ``(latin, arabic)``, where a Latin segment has 0-3
letters and an Arabic one 0-2 (``("kh", "خ")``, ``("e", "")``, ``("", "ا")``,
``("ck", "ك")``). Its only parameters are the probabilities of these segment pairs,
learned with expectation-maximisation over name pairs of *other* sources than the
evaluation file (see :mod:`newsweave.entities.build.translit`), so it holds
correspondences between letters, never whole names.

The score of a pair sums over all alignments (the forward algorithm). Scoring runs over
whole batches of pairs at once in numpy, which is what makes ranking thousands of
candidate names per query affordable.
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from newsweave.entities.scripts import fold_arabic, fold_latin

MAX_LAT = 3  # longest Latin segment
MAX_AR = 2  # longest Arabic segment
MODEL_FILE = "translit_ar_latn.tsv.gz"
_CHUNK = 20_000  # pairs scored at once
FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(slots=True)
class Encoded:
    """A batch of strings as segment ids: ``ids[b, i, l]`` is the id of ``s[i:i+l]``.

    ``-1`` marks a segment that runs past the end or is not in the vocabulary.
    """

    ids: IntArray
    lengths: IntArray


#: The segment-length pairs (Latin, Arabic) a cell of the forward table sums over, in
#: the order it sums them, as column vectors.
_STEPS = [(ln, m) for ln in range(MAX_LAT + 1) for m in range(MAX_AR + 1) if ln or m]
_STEP_LAT = np.array([ln for ln, _ in _STEPS])[:, None]
_STEP_AR = np.array([m for _, m in _STEPS])[:, None]
#: Batches up to this size are scored by :func:`_forward_wavefront` (larger ones by the
#: per-cell loop, whose array operations then carry more work each).
_WAVEFRONT_MAX = 128

_ROW_CACHE = 100_000  # segment rows kept per model and side (a few hundred bytes each)


def _segment_row(s: str, vocab: dict[str, int], max_seg: int) -> IntArray:
    """``row[i, l]``: the id of ``s[i:i+l]`` (0 for the empty segment, -1 for none)."""
    n = len(s)
    row = np.full((n + 1, max_seg + 1), -1, dtype=np.int64)
    for i in range(n + 1):
        row[i, 0] = 0
        for ln in range(1, min(max_seg, n - i) + 1):
            row[i, ln] = vocab.get(s[i : i + ln], -1)
    return row


def _encode(
    strings: Sequence[str],
    vocab: dict[str, int],
    max_seg: int,
    cache: dict[str, IntArray] | None = None,
) -> Encoded:
    width = max((len(s) for s in strings), default=0)
    ids = np.full((len(strings), width + 1, max_seg + 1), -1, dtype=np.int64)
    lengths = np.fromiter((len(s) for s in strings), dtype=np.int64, count=len(strings))
    for b, s in enumerate(strings):
        row = cache.get(s) if cache is not None else None
        if row is None:
            row = _segment_row(s, vocab, max_seg)
            if cache is not None and len(cache) < _ROW_CACHE:
                cache[s] = row
        ids[b, : len(s) + 1] = row
    return Encoded(ids, lengths)


def _forward_wavefront(flat: FloatArray, lat_rows: IntArray, ar_cols: IntArray) -> FloatArray:
    """:meth:`SegmentModel.forward` of a small batch, filled one anti-diagonal (``i + j``)
    at a time: a cell needs only cells of earlier diagonals, so each diagonal is a few
    array operations instead of a dozen per cell (per-call costs dominate small batches).

    The same values as the per-cell loop: alpha is padded with zeros before ``(0, 0)``,
    so a segment running past the start adds an exact 0.0, and each cell sums its terms
    in the loop's order (Latin length, then Arabic length). The batch is the last axis,
    so that every gathered cell is one contiguous row.
    """
    n, wl, wa = lat_rows.shape[0], lat_rows.shape[1], ar_cols.shape[1]
    lat_t = lat_rows.transpose(1, 2, 0)
    ar_t = ar_cols.transpose(1, 2, 0)
    alpha = np.zeros((wl + MAX_LAT, wa + MAX_AR, n))
    alpha[MAX_LAT, MAX_AR] = 1.0
    for d in range(1, wl + wa - 1):
        i = np.arange(max(0, d - wa + 1), min(wl - 1, d) + 1)
        j = d - i
        src_i = i - _STEP_LAT  # (steps, cells): the cell each term starts from
        src_j = j - _STEP_AR
        segments = lat_t[np.maximum(src_i, 0), _STEP_LAT] + ar_t[np.maximum(src_j, 0), _STEP_AR]
        terms = alpha[src_i + MAX_LAT, src_j + MAX_AR] * flat.take(segments)
        alpha[i + MAX_LAT, j + MAX_AR] = np.add.accumulate(terms, axis=0)[-1]
    out: FloatArray = np.ascontiguousarray(alpha[MAX_LAT:, MAX_AR:].transpose(2, 0, 1))
    return out


class SegmentModel:
    """Joint probabilities of (Latin segment, Arabic segment) pairs.

    ``latin[0] == arabic[0] == ""`` (the empty segment). ``table`` has one extra row and
    column of zeros so that id ``-1`` (no such segment) scores nothing.
    """

    def __init__(self, latin: list[str], arabic: list[str], table: FloatArray) -> None:
        if latin[0] != "" or arabic[0] != "":
            raise ValueError("the first segment of each side must be the empty string")
        self.latin = latin
        self.arabic = arabic
        self.lat_index = {s: i for i, s in enumerate(latin)}
        self.ar_index = {s: i for i, s in enumerate(arabic)}
        padded = np.zeros((len(latin) + 1, len(arabic) + 1))
        padded[: len(latin), : len(arabic)] = table
        padded[0, 0] = 0.0
        self.table = padded
        self._lat_marginal = padded.sum(axis=1)
        self._best: tuple[list[float], list[int]] | None = None
        # strings met before (candidate names recur from one query to the next)
        self._lat_rows: dict[str, IntArray] = {}
        self._ar_rows: dict[str, IntArray] = {}

    # -- persistence -------------------------------------------------------------------
    @classmethod
    def uniform(cls, latin: list[str], arabic: list[str]) -> SegmentModel:
        table = np.ones((len(latin), len(arabic)))
        table[0, 0] = 0.0
        return cls(latin, arabic, table / table.sum())

    def save(self, path: Path, min_prob: float = 1e-7) -> None:
        """Write the non-negligible pairs as ``latin<TAB>arabic<TAB>probability`` (gzip)."""
        rows = []
        core = self.table[: len(self.latin), : len(self.arabic)]
        for i, j in zip(*np.nonzero(core >= min_prob), strict=True):
            rows.append(f"{self.latin[i]}\t{self.arabic[j]}\t{core[i, j]:.6g}")
        header = "# newsweave Arabic-Latin segment model: latin, arabic, joint probability\n"
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as fh:
            fh.write(header)
            fh.write("\n".join(sorted(rows)) + "\n")

    @classmethod
    def load(cls, path: Path) -> SegmentModel:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return cls.from_lines(fh)

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> SegmentModel:
        pairs: list[tuple[str, str, float]] = []
        for line in lines:
            if line.startswith("#") or not line.strip("\n"):
                continue
            lat_seg, ar_seg, prob_text = line.rstrip("\n").split("\t")
            pairs.append((lat_seg, ar_seg, float(prob_text)))
        latin = ["", *sorted({p[0] for p in pairs} - {""})]
        arabic = ["", *sorted({p[1] for p in pairs} - {""})]
        li = {s: i for i, s in enumerate(latin)}
        ai = {s: i for i, s in enumerate(arabic)}
        table = np.zeros((len(latin), len(arabic)))
        for lat, ar, prob in pairs:
            table[li[lat], ai[ar]] = prob
        return cls(latin, arabic, table / table.sum())

    # -- encoding ----------------------------------------------------------------------
    def encode_latin(self, names: Sequence[str]) -> Encoded:
        return _encode(names, self.lat_index, MAX_LAT, self._lat_rows)

    def encode_arabic(self, names: Sequence[str]) -> Encoded:
        return _encode(names, self.ar_index, MAX_AR, self._ar_rows)

    # -- the forward algorithm -----------------------------------------------------------
    def forward(self, lat: Encoded, ar: Encoded) -> FloatArray:
        """``alpha[b, i, j]``: probability of the first ``i`` Latin and ``j`` Arabic letters."""
        flat = self.table.ravel()
        ncol = self.table.shape[1]
        n, wl = lat.ids.shape[0], lat.ids.shape[1]
        wa = ar.ids.shape[1]
        # Row offsets of the Latin segments; -1 (no segment) points at the zero row.
        lat_rows = np.where(lat.ids >= 0, lat.ids, self.table.shape[0] - 1) * ncol
        ar_cols = np.where(ar.ids >= 0, ar.ids, ncol - 1)
        if n == 1:
            return self._forward_one(flat, lat_rows[0], ar_cols[0])
        if n <= _WAVEFRONT_MAX:
            return _forward_wavefront(flat, lat_rows, ar_cols)
        alpha = np.zeros((n, wl, wa))
        alpha[:, 0, 0] = 1.0
        for i in range(wl):
            for j in range(wa):
                if i == 0 and j == 0:
                    continue
                acc = np.zeros(n)
                for ln in range(min(MAX_LAT, i) + 1):
                    rows = lat_rows[:, i - ln, ln]
                    for m in range(min(MAX_AR, j) + 1):
                        if ln == 0 and m == 0:
                            continue
                        acc += alpha[:, i - ln, j - m] * flat.take(rows + ar_cols[:, j - m, m])
                alpha[:, i, j] = acc
        return alpha

    def _forward_one(self, flat: FloatArray, lat_rows: IntArray, ar_cols: IntArray) -> FloatArray:
        """:meth:`forward` for a single pair: the same sums in the same order, in plain
        Python floats (numpy's per-call cost dominates arrays of one)."""
        wl, wa = lat_rows.shape[0], ar_cols.shape[0]
        # prob[i][ln][j][m]: P(Latin segment of length ln at i, Arabic of length m at j)
        prob = flat[lat_rows[:, :, None, None] + ar_cols[None, None, :, :]].tolist()
        alpha = [[0.0] * wa for _ in range(wl)]
        alpha[0][0] = 1.0
        for i in range(wl):
            row = alpha[i]
            for j in range(wa):
                if i == 0 and j == 0:
                    continue
                acc = 0.0
                for ln in range(min(MAX_LAT, i) + 1):
                    before = alpha[i - ln]
                    p_seg = prob[i - ln][ln]
                    for m in range(min(MAX_AR, j) + 1):
                        if ln == 0 and m == 0:
                            continue
                        acc += before[j - m] * p_seg[j - m][m]
                row[j] = acc
        return np.array([alpha], dtype=np.float64)

    def backward(self, lat: Encoded, ar: Encoded) -> FloatArray:
        """``beta[b, i, j]``: probability of the rest of the pair from ``(i, j)`` on."""
        t = self.table
        n, wl = lat.ids.shape[0], lat.ids.shape[1]
        wa = ar.ids.shape[1]
        beta = np.zeros((n, wl + MAX_LAT, wa + MAX_AR))
        rows = np.arange(n)
        beta[rows, lat.lengths, ar.lengths] = 1.0
        for i in range(wl - 1, -1, -1):
            for j in range(wa - 1, -1, -1):
                acc = np.zeros(n)
                for ln in range(MAX_LAT + 1):
                    if i + ln >= wl:
                        break
                    lat_ids = lat.ids[:, i, ln]
                    for m in range(MAX_AR + 1):
                        if (ln == 0 and m == 0) or j + m >= wa:
                            continue
                        acc += beta[:, i + ln, j + m] * t[lat_ids, ar.ids[:, j, m]]
                final = (lat.lengths == i) & (ar.lengths == j)
                beta[:, i, j] = np.where(final, 1.0, acc)
        return beta[:, :wl, :wa]

    def joint_logprob(self, lat: Encoded, ar: Encoded) -> FloatArray:
        """log P(latin, arabic) of each pair (``-inf`` when no alignment exists)."""
        alpha = self.forward(lat, ar)
        z = alpha[np.arange(alpha.shape[0]), lat.lengths, ar.lengths]
        with np.errstate(divide="ignore"):
            return np.log(z)

    def latin_logprob(self, lat: Encoded) -> FloatArray:
        """log of the Latin marginal: the probability of the Latin side under the model."""
        marg = self._lat_marginal
        n, wl = lat.ids.shape[0], lat.ids.shape[1]
        alpha = np.zeros((n, wl))
        alpha[:, 0] = 1.0
        for i in range(1, wl):
            acc = np.zeros(n)
            for ln in range(1, min(MAX_LAT, i) + 1):
                acc += alpha[:, i - ln] * marg[lat.ids[:, i - ln, ln]]
            alpha[:, i] = acc
        # Latin-empty segments (Arabic insertions) can occur anywhere: account for them
        # as a constant factor per position so marginals stay comparable across lengths.
        z = alpha[np.arange(n), lat.lengths]
        with np.errstate(divide="ignore"):
            return np.log(z)

    def to_arabic(self, latin: str) -> str:
        """The most probable Arabic spelling of a folded Latin name, segment by segment.

        A Viterbi pass over the Latin segmentations, each segment written with its most
        probable Arabic counterpart. Cheap and rough: used to shortlist candidates, while
        :meth:`joint_logprob` does the real scoring.
        """
        best_prob, best_ar = self._best_per_latin()
        n = len(latin)
        score = [1.0] + [-1.0] * n
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        for i in range(1, n + 1):
            for ln in range(1, min(MAX_LAT, i) + 1):
                k = self.lat_index.get(latin[i - ln : i])
                if k is None:
                    continue
                value = score[i - ln] * best_prob[k]
                if value > score[i]:
                    score[i] = value
                    back[i] = (ln, k)
        if score[n] < 0:
            return ""
        out: list[str] = []
        i = n
        while i > 0:
            ln, k = back[i]
            out.append(self.arabic[best_ar[k]])
            i -= ln
        return "".join(reversed(out))

    def _best_per_latin(self) -> tuple[list[float], list[int]]:
        if self._best is None:
            core = self.table[: len(self.latin), : len(self.arabic)]
            self._best = (core.max(axis=1).tolist(), core.argmax(axis=1).tolist())
        return self._best

    # -- learning ----------------------------------------------------------------------
    def expected_counts(self, lat: Encoded, ar: Encoded) -> tuple[FloatArray, float]:
        """Expected segment-pair counts over a batch and its total log-likelihood."""
        t = self.table
        alpha = self.forward(lat, ar)
        beta = self.backward(lat, ar)
        n, wl = lat.ids.shape[0], lat.ids.shape[1]
        wa = ar.ids.shape[1]
        z = alpha[np.arange(n), lat.lengths, ar.lengths]
        ok = z > 0
        inv_z = np.where(ok, 1.0 / np.where(ok, z, 1.0), 0.0)
        n_ar = t.shape[1]
        counts = np.zeros(t.size)
        for i in range(wl):
            for j in range(wa):
                a = alpha[:, i, j] * inv_z
                if not a.any():
                    continue
                for ln in range(MAX_LAT + 1):
                    if i + ln >= wl:
                        break
                    lat_ids = lat.ids[:, i, ln]
                    for m in range(MAX_AR + 1):
                        if (ln == 0 and m == 0) or j + m >= wa:
                            continue
                        ar_ids = ar.ids[:, j, m]
                        w = a * t[lat_ids, ar_ids] * beta[:, i + ln, j + m]
                        flat = lat_ids * n_ar + ar_ids
                        valid = (lat_ids >= 0) & (ar_ids >= 0) & (w > 0)
                        counts += np.bincount(flat[valid], weights=w[valid], minlength=t.size)
        loglik = float(np.log(z[ok]).sum())
        return counts.reshape(t.shape), loglik


@dataclass(frozen=True, slots=True)
class PairScorer:
    """Scores how well Latin names transliterate Arabic ones.

    ``score = log P(latin, arabic) - weight * log P(latin)`` per pair: the joint model
    with the Latin prior taken out (with ``weight`` 1 this is log P(arabic | latin)), so
    that short or common Latin names do not win merely for being likely in themselves.
    """

    model: SegmentModel
    latin_weight: float = 1.0

    def score(self, latin: Sequence[str], arabic: Sequence[str]) -> FloatArray:
        """Scores of the aligned pairs ``(latin[k], arabic[k])`` (already folded)."""
        lat_all = self.model.encode_latin(latin)
        ar_all = self.model.encode_arabic(arabic)
        idx = np.arange(len(latin))
        return self.score_encoded(lat_all, idx, ar_all, idx)

    def score_encoded(
        self, lat_all: Encoded, lat_idx: IntArray, ar_all: Encoded, ar_idx: IntArray
    ) -> FloatArray:
        """Scores of the pairs ``(lat_all[lat_idx[k]], ar_all[ar_idx[k]])``.

        Names are encoded once and paired by index, so ranking many candidates for many
        queries never re-encodes a name. Pairs are scored in chunks of similar lengths.
        """
        out = np.full(len(lat_idx), -math.inf)
        lat_len = lat_all.lengths[lat_idx]
        ar_len = ar_all.lengths[ar_idx]
        order = np.lexsort((ar_len, lat_len))
        for start in range(0, len(order), _CHUNK):
            chunk = order[start : start + _CHUNK]
            li, ai = lat_idx[chunk], ar_idx[chunk]
            wl = int(lat_len[chunk].max()) + 1
            wa = int(ar_len[chunk].max()) + 1
            lat = Encoded(lat_all.ids[li, :wl], lat_all.lengths[li])
            ar = Encoded(ar_all.ids[ai, :wa], ar_all.lengths[ai])
            joint = self.model.joint_logprob(lat, ar)
            prior = self.model.latin_logprob(lat)
            with np.errstate(invalid="ignore"):
                out[chunk] = joint - self.latin_weight * prior
        cleaned: FloatArray = np.nan_to_num(out, nan=-math.inf)
        return cleaned

    def similarity(self, latin: str, arabic: str) -> float:
        """Per-letter score of one pair of raw names (any case, harakat, hyphens)."""
        return float(self.similarities([latin], [arabic])[0])

    def similarities(self, latin: Sequence[str], arabic: Sequence[str]) -> FloatArray:
        """:meth:`similarity` of the pairs ``(latin[k], arabic[k])``, scored in one batch
        (the same values as one at a time)."""
        lat = [fold_latin(x).replace(" ", "") for x in latin]
        ar = [fold_arabic(x).replace(" ", "") for x in arabic]
        out = np.full(len(lat), -math.inf)
        keep = [k for k in range(len(lat)) if lat[k] and ar[k]]
        if keep:
            scores = self.score([lat[k] for k in keep], [ar[k] for k in keep])
            lengths = np.array([len(lat[k]) + len(ar[k]) for k in keep], dtype=np.float64)
            out[keep] = scores / lengths
        return out


@dataclass(frozen=True, slots=True)
class Ranking:
    """For each query, candidate indices best first (``-1`` pads) and their scores."""

    indices: IntArray
    scores: FloatArray


def rank_latin(
    scorer: PairScorer,
    arabic: Sequence[str],
    latin: Sequence[str],
    shortlist: int = 100,
    query_chunk: int = 1_000,
) -> Ranking:
    """Rank all ``latin`` names for each name in ``arabic`` (both folded, no spaces).

    Two steps keep this affordable for tens of thousands of names on each side: every
    Latin name is written in Arabic once (:meth:`SegmentModel.to_arabic`), the
    ``shortlist`` closest by edit distance are kept per query (vectorised in C by
    ``rapidfuzz``), and only those are scored with the full model. Candidates outside
    the shortlist are left unranked.
    """
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import cdist

    rendered = [scorer.model.to_arabic(name) or name for name in latin]
    lat_all = scorer.model.encode_latin(latin)
    ar_all = scorer.model.encode_arabic(arabic)
    k = min(shortlist, len(latin))
    out_idx = np.full((len(arabic), k), -1, dtype=np.int64)
    out_score = np.full((len(arabic), k), -math.inf)
    for start in range(0, len(arabic), query_chunk):
        queries = list(arabic[start : start + query_chunk])
        dist = cdist(queries, rendered, scorer=Levenshtein.distance, dtype=np.int16, workers=1)
        if k < len(latin):
            short = np.argpartition(dist, k - 1, axis=1)[:, :k]
        else:
            short = np.tile(np.arange(len(latin)), (len(queries), 1))
        query_idx = np.repeat(np.arange(start, start + len(queries)), k)
        scores = scorer.score_encoded(lat_all, short.ravel(), ar_all, query_idx)
        scores = scores.reshape(len(queries), k)
        order = np.argsort(-scores, axis=1, kind="stable")
        out_idx[start : start + len(queries)] = np.take_along_axis(short, order, axis=1)
        out_score[start : start + len(queries)] = np.take_along_axis(scores, order, axis=1)
    return Ranking(out_idx, out_score)


@lru_cache(maxsize=1)
def default_model() -> SegmentModel:
    """The model shipped in ``newsweave/data/gazetteer`` (built by ``entities.build``)."""
    ref = resources.files("newsweave").joinpath("data", "gazetteer", MODEL_FILE)
    with resources.as_file(ref) as path:
        return SegmentModel.load(path)


def default_scorer() -> PairScorer:
    return PairScorer(default_model())
