"""Word clusters for the recognisers' features, from word embeddings.

A word's cluster says what kind of word it is even when training never saw it
(``сборной`` near ``команды``, ``Минфин`` near ``министерство``). Clusters are computed
once, when a model is trained, by k-means over unit-length embedding vectors, at two
granularities (a coarse cluster and a fine one); the word → cluster table is stored in
the model's lexicon, so tagging needs neither the embeddings nor this module.

Source: the Navec news embeddings that the ``natasha`` package ships for Russian (MIT;
250,000 words trained on Russian news). Other languages have no embeddings installed.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from newsweave.errors import MissingModelError

SOURCES: dict[str, str] = {"ru": "navec-news"}


def _navec_vectors(top: int, extra: Iterable[str]) -> tuple[list[str], npt.NDArray[np.float32]]:
    """The ``top`` most frequent Navec words plus those of ``extra`` it knows, as vectors."""
    try:
        from natasha import NewsEmbedding
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise MissingModelError("Russian word clusters need the natasha package") from err
    emb = NewsEmbedding()
    vocab = emb.vocab
    words: list[str] = list(vocab.words)
    counts = np.asarray(vocab.counts, dtype=np.int64)
    keep = set(np.argsort(-counts)[:top].tolist())
    index = {w: i for i, w in enumerate(words)}
    keep.update(index[w] for w in extra if w in index)
    keep -= {index.get("<unk>", -1), index.get("<pad>", -1)}
    ids = np.array(sorted(keep), dtype=np.int64)
    pq = emb.pq
    parts = pq.codes[np.arange(pq.qdim)[None, :], pq.indexes[ids]]  # (n, qdim, sub)
    vectors = parts.reshape(len(ids), -1).astype(np.float32)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-6)
    return [words[i] for i in ids.tolist()], vectors


def kmeans(
    vectors: npt.NDArray[np.float32], k: int, iterations: int = 12, seed: int = 0
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """Spherical k-means: cluster of each (unit-length) row and the centroids."""
    rng = np.random.default_rng(seed)
    k = min(k, len(vectors))
    centroids = vectors[rng.choice(len(vectors), size=k, replace=False)].copy()
    assign = np.zeros(len(vectors), dtype=np.int64)
    for _ in range(iterations):
        for lo in range(0, len(vectors), 20_000):
            assign[lo : lo + 20_000] = (vectors[lo : lo + 20_000] @ centroids.T).argmax(axis=1)
        sums = np.zeros_like(centroids)
        np.add.at(sums, assign, vectors)
        empty = np.bincount(assign, minlength=k) == 0
        sums[empty] = vectors[rng.choice(len(vectors), size=int(empty.sum()), replace=False)]
        centroids = sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-6)
    return assign, centroids.astype(np.float32)


def embedding_clusters(
    lang: str, words: Iterable[str] = (), top: int = 100_000, coarse: int = 64, fine: int = 512
) -> dict[str, str]:
    """Normalised word → ``"COARSE FINE"`` cluster ids for ``lang``.

    ``words`` (e.g. the training text's vocabulary) are clustered too when the
    embeddings know them. Raises :class:`MissingModelError` for a language without an
    embedding source (:data:`SOURCES`).
    """
    if SOURCES.get(lang) != "navec-news":
        raise MissingModelError(f"no word embeddings to cluster for {lang!r}")
    vocab, vectors = _navec_vectors(top, words)
    fine_of, centroids = kmeans(vectors, fine)
    coarse_of, _ = kmeans(centroids, coarse)
    return {w: f"{coarse_of[f]} {f}" for w, f in zip(vocab, fine_of.tolist(), strict=True)}
