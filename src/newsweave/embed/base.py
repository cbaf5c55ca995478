"""The Embedder protocol shared by every backend, and helpers all backends use."""

from __future__ import annotations

import time
from typing import Literal, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

Task = Literal["clustering", "query", "document"]
TASKS: tuple[Task, ...] = ("clustering", "query", "document")

FloatMatrix = npt.NDArray[np.float32]


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into fixed-size vectors.

    ``embed`` returns a ``(len(texts), dim)`` float32 array whose rows have unit L2 norm
    (a row of zeros only for a text the backend cannot represent at all), so the dot
    product of two rows is their cosine similarity. ``task`` selects the backend's prompt:
    "clustering" compares articles with each other; "query" and "document" are the two
    sides of a search. Backends without prompts ignore it. ``name`` identifies the
    backend and its configuration; it keys the embedding cache, so two embedders with the
    same name must give the same vectors.
    """

    name: str
    dim: int

    def embed(self, texts: list[str], *, task: Task = "clustering") -> FloatMatrix:
        """Embed ``texts``; see the class docstring for the contract."""
        ...


def l2_normalise(matrix: npt.ArrayLike) -> FloatMatrix:
    """Rows of ``matrix`` scaled to unit L2 norm, as float32; zero rows stay zero."""
    arr = np.asarray(matrix, dtype=np.float32)
    if arr.ndim != 2:
        raise ValueError(f"expected a 2-d array, got shape {arr.shape}")
    norms = np.linalg.norm(arr, axis=1, keepdims=True)
    norms[norms == 0.0] = 1.0
    out: FloatMatrix = (arr / norms).astype(np.float32, copy=False)
    return out


def empty_matrix(dim: int) -> FloatMatrix:
    """The ``(0, dim)`` result of embedding no texts."""
    return np.zeros((0, dim), dtype=np.float32)


def check_task(task: str) -> Task:
    """``task`` if it is one of :data:`TASKS`, else ``ValueError``."""
    for known in TASKS:
        if task == known:
            return known
    raise ValueError(f"unknown embedding task {task!r}; use one of {', '.join(TASKS)}")


def embedder_throughput(
    embedder: Embedder, texts: list[str], *, task: Task = "clustering", repeats: int = 1
) -> float:
    """Documents per second ``embedder`` sustains on ``texts`` (best of ``repeats`` runs).

    Texts should be of the length the embedder will see in use (whole articles for
    clustering); the first call of a lazily loaded model is warmed up outside the timing.
    """
    if not texts:
        raise ValueError("embedder_throughput needs at least one text")
    embedder.embed(texts[:1], task=task)
    best = float("inf")
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        embedder.embed(texts, task=task)
        best = min(best, time.perf_counter() - start)
    return len(texts) / best if best > 0 else float("inf")
