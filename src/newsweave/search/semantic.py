"""Semantic search over the story engine's article vectors: a query in any language finds
articles in every language.

Articles are represented by the vectors the story engine already cached for them (the
"doc" view of the default configuration's main embedder), so search adds no embedding
work at ingest time; only the query is embedded, with the same task prompt as the
articles (a symmetric comparison, which also served cross-lingual retrieval best). An
article ingested without stories (``--no-stories``) has no vector yet and is found by
keywords only until the next ``newsweave recluster``.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import numpy.typing as npt

from newsweave.embed.base import Embedder
from newsweave.embed.cache import EmbeddingCache, text_key
from newsweave.embed.registry import get_embedder
from newsweave.embed.text import document_text
from newsweave.store import Store

#: Results scoring below the best one by more than this are dropped as unrelated.
RELATIVE_FLOOR = 0.25


class EmbeddingSearcher:
    """Cosine search of a query against every stored article's cached vector.

    The matrix of article vectors is loaded on first use and reloaded when the number of
    stored articles changes; it is searched exactly (a matrix product), which on 2 cores
    takes a few milliseconds at 10,000 articles.
    """

    def __init__(self, db: Path | str | None = None, *, embedder: Embedder | None = None) -> None:
        if embedder is None:
            from newsweave.stories.signals import resolve_config

            embedder = get_embedder(resolve_config("default").split("+")[0])
        self.embedder = embedder
        self.store = Store(db)
        self._lock = threading.Lock()
        self._count = -1
        self._last_seq = 0
        self._missing: dict[str, str] = {}  # text key -> id of articles with no vector yet
        self._data_version: int | None = None
        self._ids: list[str] = []
        self._matrix: npt.NDArray[np.float32] = np.zeros((0, embedder.dim), dtype=np.float32)

    def close(self) -> None:
        self.store.close()

    def _refresh(self) -> None:
        """Bring the matrix up to date: append the articles stored since the last look
        (by their ``seq``) and those whose vectors were still missing then; reload
        everything when articles were removed."""
        count = self.store.count_articles()
        # changes whenever another connection (an ingest) commits to the database
        version = self.store.conn.execute("PRAGMA data_version").fetchone()[0]
        if count == self._count and (not self._missing or version == self._data_version):
            return
        self._data_version = version
        if count < self._count or self._count < 0:
            self._ids, self._matrix = [], np.zeros((0, self.embedder.dim), dtype=np.float32)
            self._missing, self._last_seq = {}, 0
        wanted = dict(self._missing)
        for row in self.store.conn.execute(
            "SELECT id, title, clean_text, seq FROM articles WHERE seq > ? ORDER BY seq",
            (self._last_seq,),
        ):
            wanted[text_key(document_text(row["title"], row["clean_text"]), "clustering")] = row[
                "id"
            ]
            self._last_seq = max(self._last_seq, int(row["seq"]))
        found = EmbeddingCache(self.store.conn).get_many(wanted, self.embedder.name)
        if found:
            self._ids = self._ids + [wanted[k] for k in found]
            fresh = np.stack([found[k] for k in found]).astype(np.float32)
            self._matrix = np.concatenate([self._matrix, fresh]) if len(self._matrix) else fresh
        # not embedded yet (the story engine embeds after storing): looked up again next time
        self._missing = {k: v for k, v in wanted.items() if k not in found}
        self._count = count

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        """Up to ``k`` ``(article_id, cosine)`` pairs, most similar first."""
        with self._lock:
            self._refresh()
            if not self._ids or not query.strip():
                return []
            vector = self.embedder.embed([query], task="clustering")[0]
            sims = self._matrix @ np.asarray(vector, dtype=np.float32)
            top = np.argsort(-sims)[:k]
            best = float(sims[top[0]])
            return [
                (self._ids[i], round(float(sims[i]), 4))
                for i in top
                if float(sims[i]) >= best - RELATIVE_FLOOR
            ]


def semantic_searcher(db: Path | str | None = None) -> EmbeddingSearcher | None:
    """The default semantic searcher for database ``db``, or None when no embedder can run."""
    try:
        return EmbeddingSearcher(db)
    except Exception:  # a missing or broken model leaves search keyword-only
        return None
