"""The tag head over e5 states: training, cross-fitting, storage, CRF features."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from newsweave.entities.ner.e5_head import (
    HeadSettings,
    TagHead,
    cross_fit,
    fit_head,
    head_features,
)
from newsweave.entities.ner.e5_stack import head_settings, merged_features

LABELS = ("B-PER", "I-PER", "O")


def _toy(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Three well-separated clusters in 16 dimensions, one per label."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    centres = np.eye(3, 16, dtype=np.float32) * 4
    x = centres[y] + rng.standard_normal((n, 16)).astype(np.float32) * 0.5
    return x.astype(np.float32), y.astype(np.int64)


def test_head_learns_separable_tags() -> None:
    x, y = _toy(600)
    for hidden in (0, 16):
        head = fit_head(x, y, LABELS, HeadSettings(hidden=hidden, epochs=20, batch=32))
        xt, yt = _toy(200, seed=1)
        p = head.probabilities(xt)
        assert p.shape == (200, 3)
        assert np.allclose(p.sum(axis=1), 1.0, atol=1e-5)
        assert (p.argmax(axis=1) == yt).mean() > 0.95


def test_head_round_trips_through_npz(tmp_path: Path) -> None:
    x, y = _toy(300)
    head = fit_head(x, y, LABELS, HeadSettings(layers=(6, 12), hidden=8, epochs=2))
    head.save(tmp_path / "head.npz")
    back = TagHead.load(tmp_path / "head.npz")
    assert back.labels == LABELS and back.layers == (6, 12) and back.pool == "first"
    assert np.allclose(back.probabilities(x), head.probabilities(x), atol=2e-2)


def test_cross_fit_scores_each_group_with_a_head_that_never_saw_it() -> None:
    # Each group's label is fixed by its (unique) direction: a head that saw the group
    # would get it right, one that did not cannot (the directions carry no shared rule).
    rng = np.random.default_rng(3)
    groups = np.repeat(np.arange(40), 5)
    direction = rng.standard_normal((40, 64)).astype(np.float32)
    x = direction[groups] * 3 + rng.standard_normal((200, 64)).astype(np.float32) * 0.01
    y = rng.integers(0, 3, 40)[groups].astype(np.int64)
    settings = HeadSettings(hidden=0, epochs=30, batch=16, learning_rate=1e-2, folds=4)
    seen = fit_head(x, y, LABELS, settings).probabilities(x).argmax(axis=1)
    unseen = cross_fit(x, y, groups, LABELS, settings).argmax(axis=1)
    assert (seen == y).mean() > 0.95
    assert (unseen == y).mean() < 0.7


def test_features_keep_probable_tags_and_merge_with_word_features() -> None:
    probs = np.array([[0.9, 0.098, 0.002], [0.0, 0.0, 1.0]], dtype=np.float32)
    feats = head_features(probs, LABELS)
    assert feats[0] == {"e5=B-PER": 0.8999999761581421, "e5=I-PER": 0.09799999743700027}
    assert feats[1] == {"e5=O": 1.0}
    items = merged_features([["w=ion", "w=ion", "shape=Xx"], ["w=."]], feats)
    assert items[0]["w=ion"] == 2.0 and items[0]["shape=Xx"] == 1.0
    assert items[1] == {"w=.": 1.0, "e5=O": 1.0}


def test_head_settings_reject_unknown_options() -> None:
    assert head_settings({"layers": [8], "hidden": 0}).layers == (8,)
    try:
        head_settings({"layer": 8})
    except ValueError as err:
        assert "layer" in str(err)
    else:
        raise AssertionError("an unknown option was accepted")
