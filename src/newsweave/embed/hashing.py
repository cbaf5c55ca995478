"""A model-free embedder: hashed character n-grams of transliterated text.

It needs no download and gives the same vectors on every machine, so tests and a bare
install always have an embedder. Text is transliterated to ASCII (anyascii) and lower-cased,
so a name written in Cyrillic and in Latin letters shares n-grams; each word, padded with
spaces, contributes its character 3- to 5-grams, hashed with a sign into ``dim`` buckets,
weighted by ``1 + log(count)``. It measures lexical overlap, not meaning.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter

import numpy as np

from newsweave.embed.base import FloatMatrix, Task, check_task, empty_matrix, l2_normalise

_WORD = re.compile(r"\w+")


def _transliterate(text: str) -> str:
    try:
        from anyascii import anyascii
    except ImportError:  # still deterministic without it, only no longer cross-script
        return text.lower()
    return str(anyascii(text)).lower()


class HashingEmbedder:
    """Signed feature hashing of character n-grams (default 1024 dimensions)."""

    def __init__(self, dim: int = 1024, ngram_range: tuple[int, int] = (3, 5)) -> None:
        if dim < 8:
            raise ValueError("dim must be at least 8")
        self.dim = dim
        self.ngram_range = ngram_range
        self.name = f"hashing-char{ngram_range[0]}{ngram_range[1]}-d{dim}"

    def embed(self, texts: list[str], *, task: Task = "clustering") -> FloatMatrix:
        """Embed ``texts``; ``task`` is checked but changes nothing."""
        check_task(task)
        if not texts:
            return empty_matrix(self.dim)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for gram, count in self._ngrams(text).items():
                h = zlib.crc32(gram.encode("utf-8"))
                sign = 1.0 if h & 0x80000000 else -1.0
                out[row, h % self.dim] += sign * (1.0 + math.log(count))
        return l2_normalise(out)

    def _ngrams(self, text: str) -> Counter[str]:
        low, high = self.ngram_range
        grams: Counter[str] = Counter()
        for word in _WORD.findall(_transliterate(text)):
            padded = f" {word} "
            for n in range(low, high + 1):
                grams.update(padded[i : i + n] for i in range(max(1, len(padded) - n + 1)))
        return grams
