"""A small tag classifier over e5 word states, whose outputs become CRF features.

:class:`TagHead` maps each word's e5 state (some layers of
:mod:`newsweave.entities.ner.e5_states`, concatenated) to a probability per IOB2 tag:
standardised inputs, one hidden ReLU layer (or none), softmax. It is trained with Adam
on cross-entropy, in numpy. The CRF then sees the probabilities as real-valued features
(``e5=B-PER`` with value 0.93), so it learns how far to trust them next to its own word
features. For the CRF's training sentences the probabilities come from cross-fitting
(:func:`cross_fit`: each sentence is scored by a head that never saw it), else the CRF
would learn to trust a head that has memorised them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float32]
States = npt.NDArray[np.float32] | npt.NDArray[np.float16]
HEAD_FILE = "e5_head.npz"
FEATURE_PREFIX = "e5="
MIN_PROBABILITY = 0.005  # smaller tag probabilities are left out of the CRF features


if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_S = TypeVar("_S", bound="DataclassInstance")


def settings_with(default: _S, options: Mapping[str, Any] | None, what: str) -> _S:
    """``default`` (a frozen settings dataclass) with ``options`` applied; a name it does
    not have raises :class:`ValueError` naming ``what`` and the known names."""
    known = {f.name for f in fields(default)}
    unknown = set(options or {}) - known
    if unknown:
        raise ValueError(f"unknown {what} {sorted(unknown)}; known: {sorted(known)}")
    return replace(default, **dict(options or {}))


@dataclass(frozen=True, slots=True)
class HeadSettings:
    """Which e5 states the head reads and how it is trained."""

    layers: tuple[int, ...] = (8, 12)
    pool: str = "first"  # "first": a word's first piece; "mean": the mean over its pieces
    hidden: int = 128  # 0 = a plain softmax over the states
    epochs: int = 8
    batch: int = 256
    learning_rate: float = 1e-3
    weight_decay: float = 1e-4
    folds: int = 4  # cross-fitting folds for the CRF's training sentences
    seed: int = 0


@dataclass(frozen=True, slots=True)
class TagHead:
    """A trained head: input standardisation, weights and the tag names."""

    labels: tuple[str, ...]
    layers: tuple[int, ...]
    pool: str
    mean: Array
    scale: Array
    w1: Array  # (inputs, hidden); (0, 0) when the head has no hidden layer
    b1: Array
    w2: Array  # (hidden or inputs, labels)
    b2: Array

    def probabilities(self, x: States) -> Array:
        """Tag probabilities (words, labels) of word states ``x`` (words, inputs)."""
        h: Array = ((x.astype(np.float32) - self.mean) / self.scale).astype(np.float32)
        if self.w1.size:
            h = np.maximum(h @ self.w1 + self.b1, np.float32(0.0))
        return _softmax(h @ self.w2 + self.b2)

    def save(self, path: Path) -> None:
        """Write the head as a compressed ``.npz`` (weights in float16)."""
        np.savez_compressed(
            path,
            labels=np.array("\n".join(self.labels)),
            layers=np.array(self.layers, dtype=np.int64),
            pool=np.array(self.pool),
            mean=self.mean.astype(np.float16),
            scale=self.scale.astype(np.float16),
            w1=self.w1.astype(np.float16),
            b1=self.b1.astype(np.float16),
            w2=self.w2.astype(np.float16),
            b2=self.b2.astype(np.float16),
        )

    @classmethod
    def load(cls, path: Path) -> TagHead:
        """Read a head written by :meth:`save`."""
        with np.load(path) as d:
            return cls(
                labels=tuple(str(d["labels"]).split("\n")),
                layers=tuple(int(v) for v in d["layers"]),
                pool=str(d["pool"]),
                **{k: d[k].astype(np.float32) for k in ("mean", "scale", "w1", "b1", "w2", "b2")},
            )


def _softmax(z: Array) -> Array:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: Array = (e / e.sum(axis=1, keepdims=True)).astype(np.float32)
    return out


class _Adam:
    def __init__(self, params: list[Array], rate: float) -> None:
        self.params = params
        self.rate = rate
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]
        self.t = 0

    def step(self, grads: list[Array]) -> None:
        self.t += 1
        c1 = 1 - 0.9**self.t
        c2 = 1 - 0.999**self.t
        for p, g, m, v in zip(self.params, grads, self.m, self.v, strict=True):
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g * g
            p -= self.rate * (m / c1) / (np.sqrt(v / c2) + 1e-8)


def fit_head(
    x: States,
    y: npt.NDArray[np.int64],
    labels: Sequence[str],
    settings: HeadSettings,
    weight: npt.NDArray[np.float32] | None = None,
) -> TagHead:
    """Train a head on word states ``x`` (words, inputs) with tag indices ``y``.

    ``weight`` (per word) counts how often its sentence occurs in the training data.
    """
    rng = np.random.default_rng(settings.seed)
    n, d = x.shape
    k = len(labels)
    w = np.ones(n, dtype=np.float32) if weight is None else weight.astype(np.float32)
    mean = x.mean(axis=0, dtype=np.float64).astype(np.float32)
    scale = (x.std(axis=0, dtype=np.float64) + 1e-3).astype(np.float32)
    hidden = settings.hidden
    params: list[Array]
    if hidden:
        w1 = (rng.standard_normal((d, hidden)) * np.sqrt(2.0 / d)).astype(np.float32)
        params = [w1, np.zeros(hidden, np.float32), np.zeros((hidden, k), np.float32)]
    else:
        params = [np.zeros((0, 0), np.float32), np.zeros(0, np.float32)]
        params.append(np.zeros((d, k), np.float32))
    params.append(np.zeros(k, np.float32))
    opt = _Adam(params if hidden else [params[2], params[3]], settings.learning_rate)
    w_mean = float(w.mean())
    for _ in range(settings.epochs):
        order = rng.permutation(n)
        for a in range(0, n, settings.batch):
            idx = order[a : a + settings.batch]
            xb = (x[idx].astype(np.float32) - mean) / scale
            wb = w[idx] / (w_mean * len(idx))
            if hidden:
                pre = xb @ params[0] + params[1]
                h = np.maximum(pre, 0.0)
            else:
                h = xb
            p = _softmax(h @ params[2] + params[3])
            p[np.arange(len(idx)), y[idx]] -= 1.0
            g_out = p * wb[:, None]
            g2 = h.T @ g_out + settings.weight_decay * params[2]
            gb2 = g_out.sum(axis=0)
            if hidden:
                g_h = (g_out @ params[2].T) * (pre > 0)
                g1 = xb.T @ g_h + settings.weight_decay * params[0]
                opt.step([g1, g_h.sum(axis=0), g2, gb2])
            else:
                opt.step([g2, gb2])
    return TagHead(
        tuple(labels),
        settings.layers,
        settings.pool,
        mean,
        scale,
        *params,
    )


def cross_fit(
    x: States,
    y: npt.NDArray[np.int64],
    groups: npt.NDArray[np.int64],
    labels: Sequence[str],
    settings: HeadSettings,
    weight: npt.NDArray[np.float32] | None = None,
) -> Array:
    """Out-of-fold tag probabilities of every word.

    Words are split by ``groups`` (one id per distinct sentence text) into
    ``settings.folds`` parts; each part is scored by a head trained on the others, so
    no word is scored by a head that saw its sentence.
    """
    rng = np.random.default_rng(settings.seed + 1)
    ids = np.unique(groups)
    part_of = dict(zip(ids.tolist(), rng.permutation(len(ids)) % settings.folds, strict=True))
    part = np.array([part_of[g] for g in groups.tolist()], dtype=np.int64)
    out = np.zeros((len(x), len(labels)), dtype=np.float32)
    for f in range(settings.folds):
        held = part == f
        train = ~held
        head = fit_head(
            x[train], y[train], labels, settings, None if weight is None else weight[train]
        )
        out[held] = head.probabilities(x[held])
    return out


def head_features(probs: Array, labels: Sequence[str]) -> list[dict[str, float]]:
    """CRF features of one sentence's tokens: ``e5=TAG`` valued by the head's probability."""
    names = [FEATURE_PREFIX + t for t in labels]
    return [
        {
            name: float(v)
            for name, v in zip(names, row.tolist(), strict=True)
            if v >= MIN_PROBABILITY
        }
        for row in probs
    ]
