"""A SQLite cache of embeddings keyed by (content key, model name).

The store hands over its ``sqlite3.Connection``; evals and scripts open a file of their own
with :func:`open_cache`. Vectors are stored as raw float16 or float32 blobs, one row per
(key, model). :class:`CachedEmbedder` wraps any embedder so that only texts never seen
before reach the model.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt

from newsweave.embed.base import Embedder, FloatMatrix, Task, empty_matrix

StoredDtype = Literal["float16", "float32"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS embeddings (
    key    TEXT NOT NULL,
    model  TEXT NOT NULL,
    dim    INTEGER NOT NULL,
    dtype  TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (key, model)
) WITHOUT ROWID
"""

_BATCH = 500  # keys per SELECT, well under SQLite's bound-parameter limit


def text_key(text: str, task: Task = "clustering") -> str:
    """Cache key of one text embedded for one task (hex SHA-256, 32 characters)."""
    return hashlib.sha256(f"{task}\x1f{text}".encode()).hexdigest()[:32]


class EmbeddingCache:
    """Embeddings in the ``embeddings`` table of a SQLite database.

    ``dtype`` is how new vectors are written: float16 halves the size at a cosine error
    near 1e-3; reads always return float32.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        dtype: StoredDtype = "float32",
        writer: Callable[[Callable[[sqlite3.Connection], object]], object] | None = None,
    ) -> None:
        self.conn = conn
        self.dtype: StoredDtype = dtype
        #: the owner's write path (``Store.write``); without one, writes commit on ``conn``
        self.writer = writer
        with conn:
            conn.execute(_SCHEMA)

    def get_many(self, keys: Iterable[str], model: str) -> dict[str, FloatMatrix]:
        """Vectors found for ``keys`` under ``model``; missing keys are simply absent."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, FloatMatrix] = {}
        for start in range(0, len(wanted), _BATCH):
            part = wanted[start : start + _BATCH]
            marks = ",".join("?" * len(part))
            rows = self.conn.execute(
                f"SELECT key, dtype, vector FROM embeddings WHERE model = ? AND key IN ({marks})",
                [model, *part],
            )
            for key, dtype, blob in rows:
                found[key] = np.frombuffer(blob, dtype=np.dtype(dtype)).astype(np.float32)
        return found

    def put_many(self, model: str, vectors: Mapping[str, npt.ArrayLike]) -> None:
        """Store (or replace) ``vectors`` under ``model``, in one transaction."""
        rows = []
        for key, vec in vectors.items():
            arr = np.asarray(vec, dtype=np.float32).reshape(-1)
            rows.append(
                (key, model, int(arr.shape[0]), self.dtype, arr.astype(self.dtype).tobytes())
            )
        sql = (
            "INSERT OR REPLACE INTO embeddings (key, model, dim, dtype, vector) "
            "VALUES (?, ?, ?, ?, ?)"
        )
        if self.writer is not None:
            self.writer(lambda conn: conn.executemany(sql, rows))
            return
        with self.conn:
            self.conn.executemany(sql, rows)

    def count(self, model: str | None = None) -> int:
        """Number of cached vectors (of one model, or of all)."""
        if model is None:
            row = self.conn.execute("SELECT COUNT(*) FROM embeddings").fetchone()
        else:
            row = self.conn.execute(
                "SELECT COUNT(*) FROM embeddings WHERE model = ?", (model,)
            ).fetchone()
        return int(row[0])


def open_cache(path: Path, *, dtype: StoredDtype = "float32") -> EmbeddingCache:
    """An :class:`EmbeddingCache` in its own SQLite file at ``path`` (created if absent)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    return EmbeddingCache(conn, dtype=dtype)


class CachedEmbedder:
    """An :class:`Embedder` that looks every text up in a cache before embedding it.

    It keeps the wrapped embedder's ``name`` and ``dim``; only texts missing from the cache
    are embedded (in one batch) and then stored.
    """

    def __init__(self, embedder: Embedder, cache: EmbeddingCache) -> None:
        self.inner = embedder
        self.cache = cache
        self.name = embedder.name
        self.dim = embedder.dim
        # vectors computed ahead (possibly in another thread), waiting to be stored
        self._ahead: dict[str, npt.NDArray[np.float32]] = {}

    def embed_ahead(self, texts: list[str], *, task: Task = "clustering") -> FloatMatrix:
        """Embed ``texts`` now without touching the database, so it may run in another
        thread; the vectors wait in memory until :meth:`embed` asks for them and stores
        them. Only one thread may embed at a time."""
        if not texts:
            return empty_matrix(self.dim)
        keys = [text_key(t, task) for t in texts]
        todo = list(dict.fromkeys(k for k in keys if k not in self._ahead))
        if todo:
            by_key = dict(zip(keys, texts, strict=True))
            fresh = self.inner.embed([by_key[k] for k in todo], task=task)
            for key, vector in zip(todo, fresh, strict=True):
                self._ahead[key] = np.asarray(vector, dtype=np.float32)
        return np.stack([self._ahead[k] for k in keys]).astype(np.float32, copy=False)

    def ahead(self) -> Embedder:
        """This embedder seen through :meth:`embed_ahead` (an :class:`Embedder`)."""
        return _Ahead(self)

    def embed(self, texts: list[str], *, task: Task = "clustering") -> FloatMatrix:
        """Embed ``texts``, reusing cached vectors."""
        if not texts:
            return empty_matrix(self.dim)
        keys = [text_key(t, task) for t in texts]
        found = self.cache.get_many(keys, self.name)
        missing = list(dict.fromkeys(k for k in keys if k not in found))
        if missing:
            new = {k: self._ahead.pop(k) for k in missing if k in self._ahead}
            rest = [k for k in missing if k not in new]
            if rest:
                by_key = dict(zip(keys, texts, strict=True))
                fresh = self.inner.embed([by_key[k] for k in rest], task=task)
                new.update(zip(rest, fresh, strict=True))
            self.cache.put_many(self.name, new)
            found.update(new)
        return np.stack([found[k] for k in keys]).astype(np.float32, copy=False)


class _Ahead:
    """A :class:`CachedEmbedder` whose ``embed`` computes ahead (see ``embed_ahead``)."""

    def __init__(self, cached: CachedEmbedder) -> None:
        self.cached = cached
        self.name = cached.name
        self.dim = cached.dim

    def embed(self, texts: list[str], *, task: Task = "clustering") -> FloatMatrix:
        return self.cached.embed_ahead(texts, task=task)
