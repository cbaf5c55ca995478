"""Nearest-neighbour indexes over L2-normalised vectors (cosine).

``HnswIndex`` uses usearch (HNSW) so a search costs O(log n); ``ExactIndex`` is the
numpy brute force used for small corpora and as a reference in tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray


class ExactIndex:
    """Brute-force cosine search; exact, fine up to a few thousand vectors.

    Rows live in one matrix that doubles its capacity when full, so adding a vector never
    copies the ones before it (a search right after each add stays one matrix product).
    """

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._matrix: NDArray[np.float32] = np.zeros((64, dim), dtype=np.float32)
        self._size = 0

    def add(self, key: int, vector: NDArray[np.float32]) -> None:
        if key != self._size:
            raise ValueError("ExactIndex keys must be consecutive from 0")
        if self._size == len(self._matrix):
            grown = np.zeros((2 * len(self._matrix), self.dim), dtype=np.float32)
            grown[: self._size] = self._matrix
            self._matrix = grown
        self._matrix[self._size] = np.asarray(vector, dtype=np.float32).reshape(self.dim)
        self._size += 1

    def add_many(self, first_key: int, vectors: NDArray[np.float32]) -> None:
        """Add rows under the consecutive keys ``first_key``, ``first_key + 1``, …"""
        for offset, vector in enumerate(vectors):
            self.add(first_key + offset, vector)

    def vectors(self, keys: Sequence[int]) -> NDArray[np.float32]:
        """The stored vectors of ``keys``, one row each."""
        if any(not 0 <= k < self._size for k in keys):
            raise KeyError("a key is not in the index")
        return self._matrix[np.asarray(keys, dtype=np.intp)].copy()

    def search(self, vector: NDArray[np.float32], k: int) -> list[int]:
        if not self._size:
            return []
        # einsum's own loop, not BLAS: a few thousand rows take a fraction of a millisecond
        # on one core, while a multi-threaded product waits for a second core that the
        # background embedder (or any other process) may hold, up to a time slice
        sims = np.einsum("ij,j->i", self._matrix[: self._size], np.asarray(vector, np.float32))
        k = min(k, self._size)
        top = np.argpartition(-sims, k - 1)[:k]
        return [int(i) for i in top[np.argsort(-sims[top])]]

    def __len__(self) -> int:
        return self._size


#: Breadth of the graph search when a vector is inserted (usearch's default is 128).
EXPANSION_ADD = 64


class HnswIndex:
    """usearch HNSW index (cosine); approximate, logarithmic search cost."""

    def __init__(self, dim: int, *, connectivity: int = 16, expansion_search: int = 64) -> None:
        from usearch.index import Index

        self.dim = dim
        self._index = Index(
            ndim=dim,
            metric="cos",
            dtype="f16",
            connectivity=connectivity,
            expansion_add=EXPANSION_ADD,
            expansion_search=expansion_search,
        )

    def save(self, path: Path) -> None:
        """Write the index (vectors and graph) to ``path``."""
        self._index.save(str(path))

    @classmethod
    def load(cls, path: Path, dim: int, *, expansion_search: int = 64) -> HnswIndex | None:
        """The index saved at ``path``, or None when it is unreadable or of another size."""
        from usearch.index import Index

        try:
            loaded = Index.restore(str(path))
        except Exception:  # a truncated or foreign file is rebuilt, never trusted
            return None
        if loaded is None or loaded.ndim != dim:
            return None
        # neither breadth is saved in the file: a restored index would insert with
        # usearch's default breadth, twice as slow as the one it was built with
        loaded.expansion_add = EXPANSION_ADD  # type: ignore[misc]
        loaded.expansion_search = expansion_search  # type: ignore[misc]
        index = cls.__new__(cls)
        index.dim = dim
        index._index = loaded
        return index

    def add(self, key: int, vector: NDArray[np.float32]) -> None:
        # one vector: one thread (the default, 0, asks the system for its cores each call)
        self._index.add(key, np.asarray(vector, dtype=np.float32), threads=1)

    def add_many(self, first_key: int, vectors: NDArray[np.float32]) -> None:
        """Add rows under consecutive keys from ``first_key``, on every core."""
        keys = np.arange(first_key, first_key + len(vectors), dtype=np.uint64)
        self._index.add(keys, np.asarray(vectors, dtype=np.float32), threads=0)

    def vectors(self, keys: Sequence[int]) -> NDArray[np.float32]:
        """The stored vectors of ``keys``, one row each, at the index's half precision
        (a cosine computed with them differs from the full-precision one by < 1e-3)."""
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        rows = self._index.get(np.asarray(keys, dtype=np.uint64), dtype="f32")
        found = rows if isinstance(rows, tuple) else (rows,)
        if any(r is None for r in found):
            raise KeyError("a key is not in the index")
        return np.stack([np.asarray(r, dtype=np.float32) for r in found if r is not None])

    def search(self, vector: NDArray[np.float32], k: int) -> list[int]:
        if not len(self._index):
            return []
        matches = self._index.search(np.asarray(vector, dtype=np.float32), k, threads=1)
        return [int(key) for key in matches.keys]

    def __len__(self) -> int:
        return len(self._index)


#: Stores with more articles than this use the HNSW index (and save it beside the database).
HNSW_FROM = 2000


def make_index(dim: int, *, expected: int = 0) -> ExactIndex | HnswIndex:
    """The index to use: exact for small corpora, HNSW beyond."""
    return HnswIndex(dim) if expected > HNSW_FROM else ExactIndex(dim)
