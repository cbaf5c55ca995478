"""Tagging with a trained linear-chain CRF in numpy, many sentences at once.

CRFsuite trains the weights; tagging does not need it. A token's label scores are the
sums of the weights of its features, and features that depend on one word only (the
word's own features, or what it lends a neighbour) are summed once per distinct word
and cached. Viterbi and forward-backward then run over all sentences of a text in one
padded batch, so the per-step cost is paid once per text, not once per sentence. The
result equals CRFsuite's own tagging (same weights, same first-order model).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from newsweave.entities.ner.features import FeatureExtractor

Array = npt.NDArray[np.float32]
_CACHE_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class CrfWeights:
    """State weights per (feature, label), transition weights, and the label names."""

    labels: tuple[str, ...]
    features: dict[str, int]  # feature string -> row of ``state``
    state: Array  # (n_features, n_labels)
    transition: Array  # (n_labels, n_labels): from row label to column label

    @classmethod
    def from_crfsuite(cls, model_file: Path) -> CrfWeights:
        """Read the weights out of a CRFsuite model file (needs python-crfsuite)."""
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(model_file))
        info = tagger.info()
        labels = tuple(tagger.labels())
        lab = {name: i for i, name in enumerate(labels)}
        names = sorted({attr for attr, _ in info.state_features})
        features = {name: i for i, name in enumerate(names)}
        state = np.zeros((len(names), len(labels)), dtype=np.float32)
        for (attr, label), weight in info.state_features.items():
            state[features[attr], lab[label]] = weight
        transition = np.zeros((len(labels), len(labels)), dtype=np.float32)
        for (prev, cur), weight in info.transitions.items():
            transition[lab[prev], lab[cur]] = weight
        tagger.close()
        return cls(labels, features, state, transition)

    def scaled(self, factor: float) -> CrfWeights:
        """The same model with every weight multiplied by ``factor``.

        Best paths do not change; probabilities get sharper (factor > 1) or flatter.
        """
        return CrfWeights(
            self.labels,
            self.features,
            (self.state * factor).astype(np.float32),
            (self.transition * factor).astype(np.float32),
        )

    def save(self, path: Path) -> None:
        """Write the weights as one compressed ``.npz`` file."""
        names = sorted(self.features, key=self.features.__getitem__)
        np.savez_compressed(
            path,
            labels=np.frombuffer("\n".join(self.labels).encode("utf-8"), dtype=np.uint8),
            features=np.frombuffer("\n".join(names).encode("utf-8"), dtype=np.uint8),
            state=self.state.astype(np.float32),
            transition=self.transition.astype(np.float32),
        )

    @classmethod
    def load(cls, path: Path) -> CrfWeights:
        """Read weights written by :meth:`save`."""
        with np.load(path) as data:
            labels = tuple(bytes(data["labels"]).decode("utf-8").split("\n"))
            names = bytes(data["features"]).decode("utf-8").split("\n")
            state = data["state"].astype(np.float32)
            transition = data["transition"].astype(np.float32)
        return cls(labels, {n: i for i, n in enumerate(names)}, state, transition)


class CrfDecoder:
    """Scores, Viterbi paths and marginals for batches of tokenised sentences."""

    def __init__(self, weights: CrfWeights, features: FeatureExtractor) -> None:
        self.weights = weights
        self.features = features
        self.n_labels = len(weights.labels)
        self._zero = np.zeros(self.n_labels, dtype=np.float32)
        # Per distinct word: row in _own (its own features' scores) and _lent (4, n_labels:
        # what it adds to a neighbour at -2, -1, +1, +2), grown as words are met.
        self._row: dict[str, int] = {}
        self._own = np.zeros((1024, self.n_labels), dtype=np.float32)
        self._lent = np.zeros((1024, 4, self.n_labels), dtype=np.float32)
        self._fixed = {name: self._vector([name]) for name in ("BOS", "EOS")}
        # Word-bigram features keyed by the word pair, so tagging needs no string building.
        self._pair_rows: tuple[dict[tuple[str, str], int], dict[tuple[str, str], int]] = ({}, {})
        for name, row in weights.features.items():
            for side, prefix in enumerate(("-1|0=", "0|+1=")):
                if name.startswith(prefix):
                    left, bar, right = name[len(prefix) :].partition("|")
                    if bar and "|" not in right:
                        self._pair_rows[side][(left, right)] = row

    def _vector(self, names: Sequence[str]) -> Array:
        index = self.weights.features
        rows = [index[n] for n in names if n in index]
        if not rows:
            return self._zero
        out: Array = self.weights.state[rows].sum(axis=0)
        return out

    def _rows(self, words: Sequence[str]) -> npt.NDArray[np.int64]:
        """Cache rows of the words, computing the vectors of words not seen before."""
        rows = self._row
        if len(rows) > _CACHE_LIMIT:
            rows.clear()
        out = np.empty(len(words), dtype=np.int64)
        for i, word in enumerate(words):
            row = rows.get(word)
            if row is None:
                row = len(rows)
                if row >= len(self._own):
                    self._own = np.concatenate([self._own, np.zeros_like(self._own)])
                    self._lent = np.concatenate([self._lent, np.zeros_like(self._lent)])
                self._own[row] = self._vector(self.features.word_features(word))
                ctx = self.features.context_features(word)
                for k in range(4):
                    self._lent[row, k] = self._vector(ctx[2 * k : 2 * k + 2])
                rows[word] = row
            out[i] = row
        return out

    def _batch(self, sentences: Sequence[Sequence[str]]) -> tuple[Array, npt.NDArray[np.int64]]:
        """Padded label scores (sentences, longest, labels) and the sentence lengths."""
        lengths = np.array([len(s) for s in sentences], dtype=np.int64)
        width = int(lengths.max()) if len(sentences) else 0
        flat = [w for s in sentences for w in s]
        out = np.zeros((len(sentences), width, self.n_labels), dtype=np.float32)
        if not flat:
            return out, lengths
        rows_of = self._rows(flat)
        scores = self._own[rows_of]
        lent = self._lent[rows_of]
        pos = np.concatenate([np.arange(n) for n in lengths])
        size = np.repeat(lengths, lengths)
        scores[1:] += lent[:-1, 1] * (pos[1:] > 0)[:, None]  # the word before, as -1
        scores[2:] += lent[:-2, 0] * (pos[2:] > 1)[:, None]
        scores[:-1] += lent[1:, 2] * (pos[:-1] < size[:-1] - 1)[:, None]  # the word after
        scores[:-2] += lent[2:, 3] * (pos[:-2] < size[:-2] - 2)[:, None]
        scores[pos == 0] += self._fixed["BOS"]
        scores[pos == size - 1] += self._fixed["EOS"]
        index = self.weights.features
        before, after = self._pair_rows
        at: list[int] = []
        rows: list[int] = []
        offset = 0
        for words in sentences:
            forms = self.features.context_forms(words)
            for i in range(len(words) - 1):
                pair = (forms[i], forms[i + 1])
                if "|" in pair[0] or "|" in pair[1]:  # ambiguous key: look the name up
                    hits = [
                        (i + 1, index.get(f"-1|0={pair[0]}|{pair[1]}")),
                        (i, index.get(f"0|+1={pair[0]}|{pair[1]}")),
                    ]
                else:
                    hits = [(i + 1, before.get(pair)), (i, after.get(pair))]
                for j, row in hits:
                    if row is not None:
                        at.append(offset + j)
                        rows.append(row)
            for i, mark in enumerate(self.features.gazetteer_marks(words)):
                if not mark:
                    continue
                for j, name in (
                    (i, f"gz={mark}"),
                    (i + 1, f"-1:gz={mark}"),
                    (i - 1, f"+1:gz={mark}"),
                ):
                    row = index.get(name)
                    if row is not None and 0 <= j < len(words):
                        at.append(offset + j)
                        rows.append(row)
            offset += len(words)
        if rows:
            np.add.at(scores, np.array(at), self.weights.state[rows])
        sent = np.repeat(np.arange(len(sentences)), lengths)
        out[sent, pos] = scores
        return out, lengths

    def viterbi(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """The best label sequence of each sentence."""
        return self.decode(sentences, with_marginals=False)[0]

    def marginals(self, sentences: Sequence[Sequence[str]]) -> list[Array]:
        """Per-token label probabilities (n_tokens, n_labels) of each sentence."""
        return self.decode(sentences, with_marginals=True)[1]

    def decode(
        self, sentences: Sequence[Sequence[str]], with_marginals: bool = True
    ) -> tuple[list[list[str]], list[Array]]:
        """Best label sequences and, if asked, per-token label probabilities."""
        if not sentences:
            return [], []
        scores, lengths = self._batch(sentences)
        paths = self._viterbi(scores, lengths)
        if not with_marginals:
            return paths, []
        # Only sentences with an entity need probabilities; the others get certainty 1.
        need = [k for k, p in enumerate(paths) if any(t != "O" for t in p)]
        probs = [np.ones((int(n), self.n_labels), dtype=np.float32) for n in lengths]
        if need:
            for k, post in zip(need, self._posteriors(scores[need], lengths[need]), strict=True):
                probs[k] = post
        return paths, probs

    def _viterbi(self, scores: Array, lengths: npt.NDArray[np.int64]) -> list[list[str]]:
        n_sent, width, n_lab = scores.shape
        trans = self.weights.transition
        # Steps past a sentence's end compute values nobody reads: each sentence's
        # best final label is taken at its own last token.
        rows = np.arange(n_sent)
        best = scores[:, 0].copy()
        final = np.zeros(n_sent, dtype=np.int64)
        ends = lengths - 1
        done = ends == 0
        final[done] = best[done].argmax(axis=1)
        back = np.zeros((n_sent, max(width, 1), n_lab), dtype=np.int64)
        for t in range(1, width):
            cand = best[:, :, None] + trans[None, :, :]  # (sent, prev, cur)
            back[:, t] = cand.argmax(axis=1)
            best = cand.max(axis=1) + scores[:, t]
            done = ends == t
            if done.any():
                final[done] = best[done].argmax(axis=1)
        # Walk back through all sentences at once; a sentence joins at its last token.
        cur = final.copy()
        ids = np.zeros((n_sent, max(width, 1)), dtype=np.int64)
        for t in range(width - 1, -1, -1):
            cur = np.where(t == ends, final, cur)
            ids[:, t] = cur
            if t:
                cur = back[rows, t, cur]
        labels = self.weights.labels
        return [[labels[j] for j in ids[k, : int(lengths[k])]] for k in range(n_sent)]

    def _posteriors(self, scores: Array, lengths: npt.NDArray[np.int64]) -> list[Array]:
        """Scaled forward-backward: each step is normalised, so nothing under- or overflows."""
        n_sent, width, _ = scores.shape
        trans = self.weights.transition
        exp_trans = np.exp(trans - trans.max())
        local = np.exp(scores - scores.max(axis=2, keepdims=True))
        alpha = np.empty_like(local)
        beta = np.ones_like(local)
        a = local[:, 0]
        alpha[:, 0] = a / a.sum(axis=1, keepdims=True)
        for t in range(1, width):
            a = (alpha[:, t - 1] @ exp_trans) * local[:, t]
            alpha[:, t] = a / np.maximum(a.sum(axis=1, keepdims=True), 1e-30)
        for t in range(width - 2, -1, -1):
            b = (local[:, t + 1] * beta[:, t + 1]) @ exp_trans.T
            b = b / np.maximum(b.sum(axis=1, keepdims=True), 1e-30)
            beta[:, t] = np.where((t + 1 < lengths)[:, None], b, 1.0)
        post = alpha * beta
        post = post / np.maximum(post.sum(axis=2, keepdims=True), 1e-30)
        return [post[k, : int(lengths[k])].astype(np.float32) for k in range(n_sent)]


def mean_log_likelihood(
    decoder: CrfDecoder, sentences: Sequence[tuple[list[str], list[str]]]
) -> float:
    """Mean per-token log-probability of the gold label sequences under the model."""
    lab = {name: i for i, name in enumerate(decoder.weights.labels)}
    trans = decoder.weights.transition.astype(np.float64)
    total = 0.0
    tokens = 0
    for words, tags in sentences:
        if not words or any(t not in lab for t in tags):
            continue
        scores = decoder._batch([words])[0][0].astype(np.float64)
        gold = [lab[t] for t in tags]
        path = scores[0, gold[0]] + sum(
            trans[gold[t - 1], gold[t]] + scores[t, gold[t]] for t in range(1, len(gold))
        )
        alpha = scores[0]
        for t in range(1, len(gold)):
            m = alpha[:, None] + trans
            top = m.max(axis=0)
            alpha = top + np.log(np.exp(m - top).sum(axis=0)) + scores[t]
        top_all = alpha.max()
        log_z = top_all + np.log(np.exp(alpha - top_all).sum())
        total += float(path - log_z)
        tokens += len(gold)
    return total / max(tokens, 1)
