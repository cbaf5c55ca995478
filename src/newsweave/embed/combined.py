"""Two or more embedders joined into one: weighted concatenation of unit vectors.

Each part's unit vector is scaled by the square root of its weight and the pieces are
concatenated, so the dot product of two combined vectors is the weighted sum of the parts'
cosines (weights sum to 1). A text one part cannot represent (a zero row) leaves that
part's share at zero, and the combined row is renormalised.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from newsweave.embed.base import Embedder, FloatMatrix, Task, check_task, l2_normalise


class CombinedEmbedder:
    """The weighted concatenation of ``parts`` (``weights`` default to equal shares)."""

    def __init__(self, parts: Sequence[Embedder], weights: Sequence[float] | None = None) -> None:
        if len(parts) < 2:
            raise ValueError("a combined embedder needs at least two parts")
        raw = [1.0] * len(parts) if weights is None else [float(w) for w in weights]
        if len(raw) != len(parts):
            raise ValueError(f"{len(parts)} parts but {len(raw)} weights")
        if any(w < 0 for w in raw) or sum(raw) <= 0:
            raise ValueError("weights must be non-negative with a positive sum")
        total = sum(raw)
        self.parts: tuple[Embedder, ...] = tuple(parts)
        self.weights: tuple[float, ...] = tuple(w / total for w in raw)
        self.dim = sum(p.dim for p in self.parts)
        shares = ",".join(f"{w:.3g}" for w in self.weights)
        self.name = "+".join(p.name for p in self.parts) + f"@{shares}"

    def embed(self, texts: list[str], *, task: Task = "clustering") -> FloatMatrix:
        """Embed ``texts`` with every part (same ``task``) and join the scaled vectors."""
        task = check_task(task)
        pieces = [
            np.sqrt(w) * l2_normalise(p.embed(texts, task=task))
            for p, w in zip(self.parts, self.weights, strict=True)
        ]
        return l2_normalise(np.concatenate(pieces, axis=1))

    def with_parts(self, wrap: Callable[[Embedder], Embedder]) -> CombinedEmbedder:
        """The same combination over ``wrap(part)`` for each part (e.g. a cache per part)."""
        return CombinedEmbedder([wrap(p) for p in self.parts], self.weights)
