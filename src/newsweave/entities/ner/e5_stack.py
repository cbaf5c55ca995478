"""Stacking e5 token states into a CRF recogniser (the recipe setting ``e5_states``).

Training (:func:`train_stacked_head`): every training sentence's words get e5 states
(:mod:`newsweave.entities.ner.e5_states`); a :class:`~newsweave.entities.ner.e5_head.TagHead`
is cross-fitted over the sentences, and its out-of-fold tag probabilities become
real-valued CRF features; the head trained on all sentences is stored beside the CRF
(``e5_head.npz``). Tagging (:class:`StackedScores`): the stored head scores the words,
and the CRF's weights of those features turn the probabilities into label scores that
are added to the CRF's own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsweave.entities.ner.e5_head import (
    FEATURE_PREFIX,
    HEAD_FILE,
    MIN_PROBABILITY,
    HeadSettings,
    TagHead,
    cross_fit,
    fit_head,
    head_features,
    settings_with,
)

Array = npt.NDArray[np.float32]
_STATES: dict[tuple[tuple[str, ...], tuple[int, ...], str], npt.NDArray[np.float16]] = {}
_STATES_LIMIT = 30_000


def head_settings(options: Mapping[str, Any] | None) -> HeadSettings:
    """:class:`HeadSettings` with ``options`` (a recipe's ``e5_head``) applied."""
    options = dict(options or {})
    if "layers" in options:
        options["layers"] = tuple(int(v) for v in options["layers"])
    return settings_with(HeadSettings(), options, "e5 head settings")


def sentence_states(
    sentences: Sequence[Sequence[str]], layers: Sequence[int], pool: str, keep: bool = True
) -> list[npt.NDArray[np.float16]]:
    """Each sentence's word states, the ``layers`` concatenated: (words, 384 * layers).

    With ``keep`` they are kept for the process (float16), so cross-validation folds
    encode each training text once; tagging does not keep them.
    """
    from newsweave.entities.ner.e5_states import shared_encoder

    key_layers = tuple(layers)
    keys = [(tuple(s), key_layers, pool) for s in sentences]
    found: dict[tuple[tuple[str, ...], tuple[int, ...], str], npt.NDArray[np.float16]] = {
        k: _STATES[k] for k in keys if k in _STATES
    }
    missing = list(dict.fromkeys(k for k in keys if k not in found))
    if keep and len(_STATES) + len(missing) > _STATES_LIMIT:
        _STATES.clear()
    for a in range(0, len(missing), 512):
        chunk = missing[a : a + 512]
        states = shared_encoder().word_states([list(k[0]) for k in chunk], key_layers, pool)
        for k, s in zip(chunk, states, strict=True):
            found[k] = s.transpose(1, 0, 2).reshape(len(k[0]), -1).astype(np.float16)
            if keep:
                _STATES[k] = found[k]
    return [found[k] for k in keys]


def train_stacked_head(
    sentences: Sequence[tuple[Sequence[str], Sequence[str]]],
    settings: HeadSettings,
    out_dir: Path,
) -> list[list[dict[str, float]]]:
    """Fit the head on ``sentences`` (words, tags), store it, return CRF features.

    The returned features (per sentence, per token) come from cross-fitting. Repeated
    sentences are trained on once, weighted by how often they occur, and always fall in
    the same cross-fitting part.
    """
    labels = sorted({t for _, tags in sentences for t in tags})
    index = {t: i for i, t in enumerate(labels)}
    counts: dict[tuple[tuple[str, ...], tuple[str, ...]], int] = {}
    for words, tags in sentences:
        key = (tuple(words), tuple(tags))
        counts[key] = counts.get(key, 0) + 1
    unique = list(counts)
    states = sentence_states([w for w, _ in unique], settings.layers, settings.pool)
    texts: dict[tuple[str, ...], int] = {}
    group = np.concatenate(
        [np.full(len(w), texts.setdefault(w, len(texts)), np.int64) for w, _ in unique]
    )
    x = np.concatenate(states)
    y = np.array([index[t] for _, tags in unique for t in tags], dtype=np.int64)
    weight = np.concatenate([np.full(len(w), counts[(w, t)], np.float32) for w, t in unique])
    oof = cross_fit(x, y, group, labels, settings, weight)
    fit_head(x, y, labels, settings, weight).save(out_dir / HEAD_FILE)
    starts = np.cumsum([0, *(len(w) for w, _ in unique)])
    by_key = {k: oof[starts[i] : starts[i + 1]] for i, k in enumerate(unique)}
    return [head_features(by_key[(tuple(w), tuple(t))], labels) for w, t in sentences]


def merged_features(
    base: Sequence[Sequence[str]], extra: Sequence[Mapping[str, float]]
) -> list[dict[str, float]]:
    """One sentence's CRF items: the string features (counted) plus the valued ones."""
    out: list[dict[str, float]] = []
    for names, valued in zip(base, extra, strict=True):
        item: dict[str, float] = {}
        for name in names:
            item[name] = item.get(name, 0.0) + 1.0
        item.update(valued)
        out.append(item)
    return out


class StackedScores:
    """Label scores a stored head adds to a CRF's own, for batches of sentences."""

    def __init__(
        self, model_dir: Path, crf_labels: Sequence[str], features: Mapping[str, int], state: Array
    ) -> None:
        self.head = TagHead.load(model_dir / HEAD_FILE)
        self.emission = np.zeros((len(self.head.labels), len(crf_labels)), dtype=np.float32)
        for i, tag in enumerate(self.head.labels):
            row = features.get(FEATURE_PREFIX + tag)
            if row is not None:
                self.emission[i] = state[row]

    def scores(self, sentences: Sequence[Sequence[str]]) -> Array:
        """Flat (tokens, CRF labels) scores of all tokens of ``sentences``, in order."""
        n = sum(len(s) for s in sentences)
        if not n:
            return np.zeros((0, self.emission.shape[1]), dtype=np.float32)
        states = sentence_states(sentences, self.head.layers, self.head.pool, keep=False)
        probs = self.head.probabilities(np.concatenate(states).astype(np.float32))
        probs[probs < MIN_PROBABILITY] = 0.0
        out: Array = probs @ self.emission
        return out
