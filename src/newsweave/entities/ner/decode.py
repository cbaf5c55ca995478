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
        # Word-bigram features as integer keys (left form id * n_forms + right form id), so
        # tagging looks them up for a whole batch at once without building strings.
        forms: dict[str, int] = {}
        pairs: tuple[list[tuple[int, int]], list[tuple[int, int]]] = ([], [])
        for name, row in weights.features.items():
            for side, prefix in enumerate(("-1|0=", "0|+1=")):
                if name.startswith(prefix):
                    left, bar, right = name[len(prefix) :].partition("|")
                    if bar and "|" not in right:
                        ids = [forms.setdefault(w, len(forms)) for w in (left, right)]
                        pairs[side].append((ids[0] * (1 << 32) + ids[1], row))
        self._forms = forms
        self._pair_keys: list[npt.NDArray[np.int64]] = []
        self._pair_vals: list[npt.NDArray[np.int64]] = []
        for side in (0, 1):
            found = sorted(pairs[side])
            self._pair_keys.append(np.array([k for k, _ in found], dtype=np.int64))
            self._pair_vals.append(np.array([r for _, r in found], dtype=np.int64))
        # Per cached word: its form's id (-1: in no bigram feature, -2: holds "|", looked up
        # by name) and whether it can be part of a gazetteer match.
        self._form_id = np.zeros(1024, dtype=np.int64)
        self._gaz = np.zeros(1024, dtype=bool)

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
                    self._form_id = np.concatenate([self._form_id, np.zeros_like(self._form_id)])
                    self._gaz = np.concatenate([self._gaz, np.zeros_like(self._gaz)])
                form = self.features.context_forms([word])[0]
                self._form_id[row] = -2 if "|" in form else self._forms.get(form, -1)
                self._gaz[row] = self.features.may_match_place(word)
                self._own[row] = self._vector(self.features.word_features(word))
                ctx = self.features.context_features(word)
                for k in range(4):
                    self._lent[row, k] = self._vector(ctx[k])
                rows[word] = row
            out[i] = row
        return out

    def _token_scores(
        self, sentences: Sequence[Sequence[str]], extra: Array | None = None
    ) -> tuple[Array, npt.NDArray[np.int64]]:
        """Label scores of every token of every sentence, flat (tokens, labels), and lengths.

        ``extra`` (tokens, labels), if given, is added: scores of features that are not
        functions of the words (see :mod:`newsweave.entities.ner.e5_stack`).
        """
        lengths = np.fromiter((len(s) for s in sentences), dtype=np.int64, count=len(sentences))
        flat = [w for s in sentences for w in s]
        if not flat:
            return np.zeros((0, self.n_labels), dtype=np.float32), lengths
        rows_of = self._rows(flat)
        scores = self._own[rows_of]
        lent = self._lent[rows_of]
        n = len(flat)
        starts = np.cumsum(lengths) - lengths
        first = np.zeros(n, dtype=bool)
        first[starts[lengths > 0]] = True
        last = np.zeros(n, dtype=bool)
        last[(starts + lengths - 1)[lengths > 0]] = True
        # A neighbour lends its features unless a sentence boundary lies between.
        has1 = ~first[1:]  # token i+1 has a token before it in its sentence
        scores[1:] += lent[:-1, 1] * has1[:, None]  # the word before, as -1
        has2 = has1[1:] & ~first[1:-1]
        scores[2:] += lent[:-2, 0] * has2[:, None]
        scores[:-1] += lent[1:, 2] * has1[:, None]  # the word after, as +1
        scores[:-2] += lent[2:, 3] * has2[:, None]
        scores[first] += self._fixed["BOS"]
        scores[last] += self._fixed["EOS"]
        at, rows = self._sentence_rows(sentences, rows_of, has1)
        if len(rows):
            np.add.at(scores, at, self.weights.state[rows])
        if extra is not None:
            scores += extra
        return scores, lengths

    def _sentence_rows(
        self,
        sentences: Sequence[Sequence[str]],
        rows_of: npt.NDArray[np.int64],
        joined: npt.NDArray[np.bool_],
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """(token position, feature row) of the word-bigram and gazetteer features.

        ``rows_of`` are the tokens' cache rows, ``joined[i]`` whether tokens ``i`` and
        ``i + 1`` are in the same sentence.
        """
        at: list[npt.NDArray[np.int64]] = []
        rows: list[npt.NDArray[np.int64]] = []
        fid = self._form_id[rows_of]
        left, right = fid[:-1], fid[1:]
        ok = joined & (left >= 0) & (right >= 0)
        where = np.flatnonzero(ok)
        keys = left[where] * (1 << 32) + right[where]
        for side, shift in ((0, 1), (1, 0)):  # "-1|0=" goes to the right token, "0|+1=" left
            table = self._pair_keys[side]
            if not len(table) or not len(keys):
                continue
            pos = np.minimum(np.searchsorted(table, keys), len(table) - 1)
            hit = table[pos] == keys
            at.append(where[hit] + shift)
            rows.append(self._pair_vals[side][pos[hit]])
        odd = np.flatnonzero(joined & ((left == -2) | (right == -2)))
        if len(odd):  # forms holding "|": look the feature up by name
            flat = [w for s in sentences for w in s]
            index = self.weights.features
            extra_at: list[int] = []
            extra_rows: list[int] = []
            for i in odd.tolist():
                pair = "|".join(self.features.context_forms(flat[i : i + 2]))
                for j, name in ((i + 1, "-1|0=" + pair), (i, "0|+1=" + pair)):
                    row = index.get(name)
                    if row is not None:
                        extra_at.append(j)
                        extra_rows.append(row)
            at.append(np.array(extra_at, dtype=np.int64))
            rows.append(np.array(extra_rows, dtype=np.int64))
        gaz = np.flatnonzero(self._gaz[rows_of])
        if len(gaz):
            index = self.weights.features
            extra_at = []
            extra_rows = []
            firsts = np.cumsum([0, *(len(w) for w in sentences)])
            owner = np.searchsorted(firsts, gaz, side="right") - 1
            for k in np.unique(owner).tolist():
                words, offset = sentences[k], int(firsts[k])
                n = len(words)
                local = (gaz[owner == k] - offset).tolist()
                for i, size in self.features.gazetteer_matches(words, local):
                    for tok in range(i, i + size):
                        mark = "B" if tok == i else "I"
                        for j, name in (
                            (tok, f"gz={mark}"),
                            (tok + 1, f"-1:gz={mark}"),
                            (tok - 1, f"+1:gz={mark}"),
                        ):
                            row = index.get(name)
                            if row is not None and 0 <= j < n:
                                extra_at.append(offset + j)
                                extra_rows.append(row)
            at.append(np.array(extra_at, dtype=np.int64))
            rows.append(np.array(extra_rows, dtype=np.int64))
        if not at:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        return np.concatenate(at), np.concatenate(rows)

    def _batch(
        self, sentences: Sequence[Sequence[str]], extra: Array | None = None
    ) -> tuple[Array, npt.NDArray[np.int64]]:
        """Padded label scores (sentences, longest, labels) and the sentence lengths."""
        scores, lengths = self._token_scores(sentences, extra)
        width = int(lengths.max()) if len(sentences) else 0
        out = np.zeros((len(sentences), width, self.n_labels), dtype=np.float32)
        if len(scores):
            sent = np.repeat(np.arange(len(sentences)), lengths)
            pos = np.arange(len(scores)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
            out[sent, pos] = scores
        return out, lengths

    def viterbi(
        self, sentences: Sequence[Sequence[str]], extra: Array | None = None
    ) -> list[list[str]]:
        """The best label sequence of each sentence (``extra``: see :meth:`decode`)."""
        return self.decode(sentences, with_marginals=False, extra=extra)[0]

    def marginals(self, sentences: Sequence[Sequence[str]]) -> list[Array]:
        """Per-token label probabilities (n_tokens, n_labels) of each sentence."""
        return self.decode(sentences, with_marginals=True, all_marginals=True)[1]

    def decode(
        self,
        sentences: Sequence[Sequence[str]],
        with_marginals: bool = True,
        all_marginals: bool = False,
        extra: Array | None = None,
    ) -> tuple[list[list[str]], list[Array]]:
        """Best label sequences and, if asked, per-token label probabilities.

        Without ``all_marginals`` only sentences holding an entity get probabilities;
        the others are certain (every row one-hot on ``O``). ``extra`` (all tokens of
        all sentences in order, labels) is added to the label scores.
        """
        if not sentences:
            return [], []
        scores, lengths = self._batch(sentences, extra)
        ids = self._viterbi_ids(scores, lengths)
        names = self.weights.labels
        paths = [[names[j] for j in row[:n]] for row, n in zip(ids, lengths.tolist(), strict=True)]
        if not with_marginals:
            return paths, []
        o = names.index("O") if "O" in names else -1
        if all_marginals or o < 0:
            need = list(range(len(paths)))
        else:
            need = [k for k, p in enumerate(paths) if any(t != "O" for t in p)]
        probs: list[Array] = []
        for n in lengths.tolist():
            certain = np.zeros((n, self.n_labels), dtype=np.float32)
            certain[:, o] = 1.0
            probs.append(certain)
        if need:
            post = self._posteriors(scores[need], lengths[need])
            for k, p in zip(need, post, strict=True):
                probs[k] = p
        return paths, probs

    def _viterbi_ids(self, scores: Array, lengths: npt.NDArray[np.int64]) -> list[list[int]]:
        """Best label index per position of each sentence of a padded batch.

        The forward pass keeps only each step's best scores; back pointers are derived
        from them afterwards in one array operation.
        """
        n_sent, width, n_lab = scores.shape
        trans = self.weights.transition
        hist = np.empty((max(width, 1), n_sent, n_lab), dtype=np.float32)
        hist[0] = scores[:, 0]
        best = hist[0]
        # step scores: transition plus the emission of the label moved to, (t, sent, prev, cur)
        steps = trans[None, None] + scores.transpose(1, 0, 2)[:, :, None, :]
        for t in range(1, width):
            np.max(best[:, :, None] + steps[t], axis=1, out=hist[t])
            best = hist[t]
        ends = lengths - 1
        final = hist[np.maximum(ends, 0), np.arange(n_sent)].argmax(axis=1).tolist()
        back = (hist[:-1, :, :, None] + trans).argmax(axis=2).tolist()  # (t-1, sent, cur)
        out: list[list[int]] = []
        for k, cur in enumerate(final):
            n = int(lengths[k])
            path = [0] * n
            for t in range(n - 1, 0, -1):
                path[t] = cur
                cur = back[t - 1][k][cur]
            if n:
                path[0] = cur
            out.append(path)
        return out

    def _posteriors(self, scores: Array, lengths: npt.NDArray[np.int64]) -> list[Array]:
        """Per-token label probabilities by forward-backward.

        The backward pass is a forward pass over each sentence reversed (with the
        transposed transitions), so both run in the same loop; sentences of different
        lengths need no special case. Values are rescaled every few steps (in float64
        they cannot underflow in between).
        """
        n_sent, width, _ = scores.shape
        trans = self.weights.transition.astype(np.float64)
        exp_trans = np.exp(trans - trans.max())
        local = np.exp(scores - scores.max(axis=2, keepdims=True)).astype(np.float64)
        rev = lengths[:, None] - 1 - np.arange(width)[None, :]  # source column, reversed
        inside = rev >= 0
        local_rev = np.ones_like(local)
        sent = np.broadcast_to(np.arange(n_sent)[:, None], rev.shape)
        local_rev[inside] = local[sent[inside], rev[inside]]
        steps = np.stack([local, local_rev]).transpose(2, 0, 1, 3)  # (width, 2, sent, label)
        both = np.stack([exp_trans, exp_trans.T])
        hist = np.empty_like(steps)
        x = steps[0]
        hist[0] = x
        for t in range(1, width):
            x = np.matmul(x, both)
            x *= steps[t]
            if t % 8 == 0:
                x /= x.sum(axis=2, keepdims=True)
            hist[t] = x
        alpha = hist[:, 0].transpose(1, 0, 2)  # (sent, position, label)
        after = hist[:, 1].transpose(1, 0, 2)  # local * backward message, reversed positions
        # backward message at position i: the next position's (reversed index rev - 1)
        nxt = np.maximum(rev - 1, 0)
        beta = after[sent, nxt] @ exp_trans.T
        beta[rev < 1] = 1.0  # last token of a sentence (and padding)
        post = alpha * beta
        post /= np.maximum(post.sum(axis=2, keepdims=True), 1e-300)
        post32 = post.astype(np.float32)
        return [post32[k, :n] for k, n in enumerate(lengths.tolist())]


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
