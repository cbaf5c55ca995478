"""The Embedder protocol, the model-free backend and the registry."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsweave.embed import Embedder, embedder_throughput, get_embedder, l2_normalise
from newsweave.embed.hashing import HashingEmbedder
from newsweave.errors import MissingModelError


def test_embed_hashing_conforms_to_protocol() -> None:
    emb = HashingEmbedder(dim=256)
    assert isinstance(emb, Embedder)
    out = emb.embed(["Putin met Macron in Paris", "Путин встретился с Макроном", "x"])
    assert out.shape == (3, 256)
    assert out.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, rtol=1e-5)


def test_embed_hashing_is_deterministic_and_task_checked() -> None:
    emb = HashingEmbedder()
    a = emb.embed(["Floods in Valencia"], task="query")
    b = HashingEmbedder().embed(["Floods in Valencia"], task="document")
    np.testing.assert_array_equal(a, b)
    with pytest.raises(ValueError, match="unknown embedding task"):
        emb.embed(["x"], task="summary")  # type: ignore[arg-type]


def test_embed_hashing_shares_ngrams_across_scripts() -> None:
    emb = HashingEmbedder()
    cyr, lat, other = emb.embed(["Макрон Париж", "Makron Parizh", "Valencia flooding"])
    assert float(cyr @ lat) > float(cyr @ other) + 0.2


def test_embed_empty_input_gives_empty_matrix() -> None:
    out = HashingEmbedder(dim=64).embed([])
    assert out.shape == (0, 64)


def test_embed_l2_normalise_keeps_zero_rows() -> None:
    out = l2_normalise(np.array([[3.0, 4.0], [0.0, 0.0]]))
    np.testing.assert_allclose(out, [[0.6, 0.8], [0.0, 0.0]])


def test_embed_registry_names() -> None:
    assert get_embedder("hashing").name.startswith("hashing")
    assert get_embedder("hashing:128").dim == 128
    with pytest.raises(ValueError, match="unknown embedder"):
        get_embedder("word2vec")
    with pytest.raises(ValueError, match="token budget"):
        get_embedder("gemma:lots")


def test_embed_missing_gemma_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSWEAVE_MODELS", str(tmp_path))
    with pytest.raises(MissingModelError, match="newsweave models install gemma"):
        get_embedder("gemma")


def test_embed_default_falls_back_without_gemma(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSWEAVE_MODELS", str(tmp_path))
    emb = get_embedder("default")
    assert not emb.name.startswith("gemma")


def test_embed_throughput_counts_documents() -> None:
    rate = embedder_throughput(HashingEmbedder(dim=64), ["a b c"] * 20)
    assert rate > 0
    with pytest.raises(ValueError):
        embedder_throughput(HashingEmbedder(dim=64), [])


def test_embed_text_views_and_script_repair() -> None:
    from newsweave.embed.text import document_text, head_text, repair_mixed_script

    assert repair_mixed_script("Бiлгiм келмейдi") == "Білгім келмейді"
    assert repair_mixed_script("Pаris and Москва") == "Paris and Москва"
    assert document_text("Floods", "  Valencia\n hit ") == "Floods. Valencia hit"
    long_body = "First sentence here. " * 30
    head = head_text("Title", long_body, max_chars=100)
    assert head.startswith("Title. First sentence here.")
    assert len(head) <= 100 and head.endswith(".")
