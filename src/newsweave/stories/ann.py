"""Nearest-neighbour indexes over L2-normalised vectors (cosine).

``HnswIndex`` uses usearch (HNSW) so a search costs O(log n); ``ExactIndex`` is the
numpy brute force used for small corpora and as a reference in tests.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray


def _nearest(
    rows: NDArray[np.float32], query: NDArray[np.float32], k: int
) -> tuple[NDArray[np.intp], NDArray[np.float32]]:
    """The (at most) ``k`` rows most similar to ``query`` by dot product, best first, and
    their similarities."""
    # einsum's own loop, not BLAS: a few thousand rows take a fraction of a millisecond
    # on one core, while a multi-threaded product waits for a second core that the
    # background embedder (or any other process) may hold, up to a time slice
    sims = np.einsum("ij,j->i", rows, query)
    k = min(k, len(rows))
    top = np.argpartition(-sims, k - 1)[:k]
    top = top[np.argsort(-sims[top])]
    return top, sims[top]


class ExactIndex:
    """Brute-force cosine search; exact, fine up to a few thousand vectors.

    Rows live in one matrix that doubles its capacity when full, so adding a vector never
    copies the ones before it (a search right after each add stays one matrix product).
    """

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._matrix: NDArray[np.float32] = np.zeros((64, dim), dtype=np.float32)
        self._size = 0

    #: the vectors it returns are the ones added (at single precision)
    precise = True

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
        top, _ = _nearest(self._matrix[: self._size], np.asarray(vector, np.float32), k)
        return [int(i) for i in top]

    def __len__(self) -> int:
        return self._size


#: Breadth of the graph search when a vector is inserted (usearch's default is 128).
EXPANSION_ADD = 64

#: Breadth of the graph search for a query. With one byte per dimension, 48 found the
#: true five nearest of 300 queries in a 100k store as often as half precision did at 64
#: (0.881 vs 0.873) in 0.38 ms instead of 0.70 (BENCHMARKS.md).
EXPANSION_SEARCH = 48

#: The most recently added vectors an HNSW index also searches exactly (see HnswIndex).
RECENT = 512

#: How new HNSW indexes store their vectors. One byte per dimension searches and inserts
#: about a quarter faster than half precision at 100k vectors, and found the true five
#: nearest as often (BENCHMARKS.md), but its vectors are too coarse to score pairs with:
#: the engine keeps half-precision "doc" rows in a file beside the index for that.
INDEX_DTYPE = "i8"


class HnswIndex:
    """usearch HNSW index (cosine); approximate, logarithmic search cost.

    The last :data:`RECENT` vectors added are also kept in a small matrix and searched
    exactly, their hits merged with the graph's. A vector just inserted has few links
    pointing to it yet, so the graph search often passes it by, and in a news stream
    those are the articles a new one is most likely to share a story with: at 100k stored
    vectors the graph alone missed a just-added real article that was the true nearest
    neighbour in 5 of 25 adds (BENCHMARKS.md).

    That buffer also lets a single vector's insertion into the graph (about 0.6 ms at
    100k vectors) run on a background thread while the caller goes on: until it is done
    the vector is found through the buffer. One lock keeps every graph operation apart
    (the library's per-call scratch space is not shared safely between threads);
    :meth:`save`, :meth:`vectors` and :meth:`add_many` first wait for the insertions
    under way, and an insertion's error surfaces at the next of them.
    """

    def __init__(
        self,
        dim: int,
        *,
        connectivity: int = 16,
        expansion_search: int = EXPANSION_SEARCH,
        dtype: str = INDEX_DTYPE,
    ) -> None:
        from usearch.index import Index

        self._setup(
            dim,
            Index(
                ndim=dim,
                metric="cos",
                dtype=dtype,
                connectivity=connectivity,
                expansion_add=EXPANSION_ADD,
                expansion_search=expansion_search,
            ),
        )

    def _setup(self, dim: int, index: Any) -> None:
        self.dim = dim
        self._index = index
        self._size = len(index)  # vectors added, counting those still being inserted
        self._lock = threading.Lock()
        self._inserter: ThreadPoolExecutor | None = None
        self._inserting: list[Future[None]] = []
        self._recent_keys = np.full(RECENT, -1, dtype=np.int64)
        self._recent = np.zeros((RECENT, self.dim), dtype=np.float32)
        self._recent_next = 0  # the next slot to overwrite (the buffer is a ring)
        self._recent_size = 0  # slots filled: the first ones, until the ring wraps

    def _insert(self, key: int, row: NDArray[np.float32]) -> None:
        with self._lock:
            # one vector: one thread (the default, 0, asks the system for its cores each call)
            self._index.add(key, row, threads=1)

    def _settle(self) -> None:
        """Wait for the insertions under way; raise the first one's error, if any."""
        inserting, self._inserting = self._inserting, []
        for future in inserting:
            future.result()

    def remember(self, first_key: int, vectors: NDArray[np.float32]) -> None:
        """Keep the vectors of consecutive keys from ``first_key`` (just added, or read
        back from a file of full rows) among the recent ones searched exactly."""
        rows = np.asarray(vectors, dtype=np.float32).reshape(-1, self.dim)
        first_key += max(0, len(rows) - RECENT)
        for offset, row in enumerate(rows[-RECENT:]):
            slot = self._recent_next
            self._recent_keys[slot] = first_key + offset
            self._recent[slot] = row
            self._recent_next = (slot + 1) % RECENT
            self._recent_size = max(self._recent_size, slot + 1)

    def save(self, path: Path) -> None:
        """Write the index (vectors and graph) to ``path``."""
        self._settle()
        with self._lock:
            self._index.save(str(path))

    @classmethod
    def load(
        cls, path: Path, dim: int, *, expansion_search: int = EXPANSION_SEARCH
    ) -> HnswIndex | None:
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
        index._setup(dim, loaded)
        return index

    @property
    def precise(self) -> bool:
        """Whether :meth:`vectors` gives rows fit for scoring (half precision or finer),
        not one-byte approximations."""
        return str(self._index.dtype).rsplit(".", 1)[-1].lower() in {"f16", "bf16", "f32", "f64"}

    def add(self, key: int, vector: NDArray[np.float32]) -> None:
        """Add one vector: searchable at once, inserted into the graph in the background."""
        row = np.array(vector, dtype=np.float32).reshape(self.dim)  # a copy of its own
        self.remember(key, row)
        self._size += 1
        self._inserting = [f for f in self._inserting if not f.done() or f.exception()]
        if self._inserter is None:
            self._inserter = ThreadPoolExecutor(1, thread_name_prefix="hnsw-insert")
        self._inserting.append(self._inserter.submit(self._insert, key, row))

    def add_many(self, first_key: int, vectors: NDArray[np.float32]) -> None:
        """Add rows under consecutive keys from ``first_key``, on every core."""
        self._settle()
        keys = np.arange(first_key, first_key + len(vectors), dtype=np.uint64)
        with self._lock:
            self._index.add(keys, np.asarray(vectors, dtype=np.float32), threads=0)
        self._size += len(vectors)
        self.remember(first_key, vectors)

    def vectors(self, keys: Sequence[int]) -> NDArray[np.float32]:
        """The stored vectors of ``keys``, one row each, at the index's precision (with
        half precision a cosine differs from the full-precision one by < 1e-3; with one
        byte, see :attr:`precise`, by up to about 1e-2)."""
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        self._settle()
        with self._lock:
            rows = self._index.get(np.asarray(keys, dtype=np.uint64), dtype="f32")
        found = rows if isinstance(rows, tuple) else (rows,)
        if any(r is None for r in found):
            raise KeyError("a key is not in the index")
        return np.stack([np.asarray(r, dtype=np.float32) for r in found if r is not None])

    def search(self, vector: NDArray[np.float32], k: int) -> list[int]:
        if not self._size:
            return []
        query = np.asarray(vector, dtype=np.float32).reshape(self.dim)
        with self._lock:
            matches = self._index.search(query, k, threads=1)
        pairs = zip(matches.keys, matches.distances, strict=True)
        sims = {int(key): 1.0 - float(distance) for key, distance in pairs}
        if self._recent_size:
            top, exact = _nearest(self._recent[: self._recent_size], query, k)
            for key, sim in zip(self._recent_keys[top], exact, strict=True):
                sims[int(key)] = float(sim)  # the exact cosine where both have the key
        return sorted(sims, key=lambda key: -sims[key])[:k]

    def __len__(self) -> int:
        return self._size


#: Stores with more articles than this use the HNSW index (and save it beside the database).
HNSW_FROM = 2000


def make_index(dim: int, *, expected: int = 0) -> ExactIndex | HnswIndex:
    """The index to use: exact for small corpora, HNSW beyond."""
    return HnswIndex(dim) if expected > HNSW_FROM else ExactIndex(dim)
