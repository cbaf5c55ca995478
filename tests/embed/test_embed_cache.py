"""EmbeddingCache round trips and CachedEmbedder reuse."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.embed import CachedEmbedder, EmbeddingCache, open_cache, text_key
from newsweave.embed.base import FloatMatrix, Task
from newsweave.embed.hashing import HashingEmbedder


class CountingEmbedder:
    """Wraps the hashing embedder and records what it was asked to embed."""

    def __init__(self) -> None:
        self.inner = HashingEmbedder(dim=32)
        self.name = "counting"
        self.dim = 32
        self.seen: list[str] = []

    def embed(self, texts: list[str], *, task: Task = "clustering") -> FloatMatrix:
        self.seen.extend(texts)
        return self.inner.embed(texts, task=task)


def test_embed_cache_round_trip_float32() -> None:
    cache = EmbeddingCache(sqlite3.connect(":memory:"))
    vec = np.arange(8, dtype=np.float32) / 10
    cache.put_many("m1", {"a": vec, "b": -vec})
    got = cache.get_many(["a", "b", "zzz"], "m1")
    assert set(got) == {"a", "b"}
    np.testing.assert_array_equal(got["a"], vec)
    assert cache.get_many(["a"], "other-model") == {}
    assert cache.count("m1") == 2


def test_embed_cache_float16_is_close() -> None:
    cache = EmbeddingCache(sqlite3.connect(":memory:"), dtype="float16")
    vec = np.linspace(-1, 1, 16).astype(np.float32)
    cache.put_many("m", {"k": vec})
    got = cache.get_many(["k"], "m")["k"]
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, vec, atol=1e-3)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(-1e3, 1e3, width=32), min_size=1, max_size=20), st.text(max_size=30))
def test_embed_cache_round_trip_any_vector(values: list[float], key: str) -> None:
    cache = EmbeddingCache(sqlite3.connect(":memory:"))
    vec = np.array(values, dtype=np.float32)
    cache.put_many("m", {key: vec})
    np.testing.assert_array_equal(cache.get_many([key], "m")[key], vec)


def test_embed_cached_embedder_embeds_each_text_once(tmp_path: Path) -> None:
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, open_cache(tmp_path / "e.sqlite"))
    first = cached.embed(["a", "b", "a"])
    second = cached.embed(["b", "c"])
    assert inner.seen == ["a", "b", "c"]
    np.testing.assert_array_equal(first[1], second[0])
    # a new connection on the same file sees the stored vectors
    again = CachedEmbedder(CountingEmbedder(), open_cache(tmp_path / "e.sqlite"))
    again.embed(["a", "b", "c"])
    assert again.inner.seen == []  # type: ignore[attr-defined]


def test_embed_text_key_depends_on_task() -> None:
    assert text_key("x", "query") != text_key("x", "document")
    assert text_key("x") == text_key("x", "clustering")


def test_embed_ahead_vectors_are_taken_then_stored_once(tmp_path: Path) -> None:
    inner = CountingEmbedder()
    cache = open_cache(tmp_path / "c.db")
    cached = CachedEmbedder(inner, cache)
    ahead = cached.ahead()
    assert (ahead.name, ahead.dim) == ("counting", 32)
    early = ahead.embed(["alpha", "beta", "alpha"])
    assert inner.seen == ["alpha", "beta"]
    assert cache.get_many([text_key("alpha")], "counting") == {}  # nothing stored yet
    again = cached.embed(["beta", "alpha", "gamma"])
    assert inner.seen == ["alpha", "beta", "gamma"]  # only gamma was embedded now
    np.testing.assert_array_equal(again[1], early[0])
    np.testing.assert_array_equal(again[0], early[1])
    assert set(cache.get_many([text_key(t) for t in ("alpha", "beta")], "counting")) == {
        text_key("alpha"),
        text_key("beta"),
    }
    cached.embed(["alpha"])
    assert inner.seen == ["alpha", "beta", "gamma"]
