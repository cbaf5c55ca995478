"""The numpy CRF decoder against brute force: every path of small sentences enumerated."""

from __future__ import annotations

import itertools

import numpy as np

from newsweave.entities.ner.decode import CrfDecoder, CrfWeights
from newsweave.entities.ner.features import FeatureExtractor

SENTENCES = [
    ["Ilse", "Varga", "met", "Tomas", "in", "Quenby", "."],
    ["Quenby", "|", "rail"],
    ["Varga"],
    ["Norvale", "Bank", "team", "met", "in", "Dunhallow", "."],
]
LABELS = ("O", "B-PER", "I-PER", "B-LOC")


def _model(seed: int) -> tuple[CrfDecoder, FeatureExtractor]:
    fx = FeatureExtractor("en", places=["dunhallow", "quenby"])
    names = sorted({f for s in SENTENCES for feats in fx.sentence(s) for f in feats})
    rng = np.random.default_rng(seed)
    state = rng.normal(0, 1.5, (len(names), len(LABELS))).astype(np.float32)
    trans = rng.normal(0, 2.0, (len(LABELS), len(LABELS))).astype(np.float32)
    weights = CrfWeights(LABELS, {n: i for i, n in enumerate(names)}, state, trans)
    return CrfDecoder(weights, fx), fx


def _brute(
    decoder: CrfDecoder, fx: FeatureExtractor, words: list[str]
) -> tuple[list[str], np.ndarray]:
    w = decoder.weights
    emit = np.array(
        [w.state[[w.features[f] for f in feats]].sum(axis=0) for feats in fx.sentence(words)]
    )
    scores = {}
    for path in itertools.product(range(len(LABELS)), repeat=len(words)):
        s = emit[0, path[0]] + sum(
            w.transition[path[t - 1], path[t]] + emit[t, path[t]] for t in range(1, len(words))
        )
        scores[path] = float(s)
    top = max(scores.values())
    z = sum(np.exp(v - top) for v in scores.values())
    marg = np.zeros((len(words), len(LABELS)))
    for path, v in scores.items():
        for t, j in enumerate(path):
            marg[t, j] += np.exp(v - top) / z
    best = max(scores, key=lambda p: scores[p])
    return [LABELS[j] for j in best], marg


def test_ner_decode_matches_brute_force_in_one_batch() -> None:
    for seed in range(3):
        decoder, fx = _model(seed)
        paths, probs = decoder.decode(SENTENCES, all_marginals=True)
        for words, path, prob in zip(SENTENCES, paths, probs, strict=True):
            best, marg = _brute(decoder, fx, words)
            assert path == best
            assert np.allclose(prob, marg, atol=1e-4)


def test_ner_decode_batch_equals_one_by_one() -> None:
    decoder, _ = _model(7)
    together = decoder.decode(SENTENCES)
    for k, words in enumerate(SENTENCES):
        alone = decoder.decode([words])
        assert alone[0][0] == together[0][k]
        assert np.allclose(alone[1][0], together[1][k], atol=1e-5)
