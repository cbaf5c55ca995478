"""The story engine: features of stored articles, streaming assignment, persistence.

It ties the embedder (with its cache in the database), the fused similarity of
:mod:`newsweave.stories.signals` and the :class:`StreamingClusterer` to the store:
``add`` clusters newly stored articles in publication order; ``recluster`` forgets every
story and replays all articles in publication order (unknown dates last).
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsweave.article import Article
from newsweave.embed.base import Embedder
from newsweave.embed.cache import CachedEmbedder, EmbeddingCache
from newsweave.embed.registry import get_embedder, resolve_default
from newsweave.stories import store as story_store
from newsweave.stories.ann import HnswIndex
from newsweave.stories.cluster import ClusterConfig, Decision, StreamingClusterer
from newsweave.stories.signals import (
    DocFeatures,
    SimilarityModel,
    SimilarityResult,
    build_features,
    embed_views,
    model_for,
    similarity,
)
from newsweave.store import Store

ProgressFn = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Node:
    """An article as the clusterer sees it: id, main vector, date, and its features."""

    features: DocFeatures

    @property
    def id(self) -> str:
        return self.features.doc_id

    @property
    def vector(self) -> NDArray[np.float32]:
        vec = self.features.vectors["doc"]
        return np.asarray(vec, dtype=np.float32)

    @property
    def date(self) -> date | None:
        return self.features.date


@dataclass(frozen=True, slots=True)
class Scored:
    """A fused similarity with the evidence shown to the reader."""

    score: float
    signals: Mapping[str, float]
    evidence: Mapping[str, Any]
    same_story: bool


def why(a: DocFeatures, b: DocFeatures, result: SimilarityResult) -> dict[str, Any]:
    """What two articles share: numbers, names, entities, and the text similarity."""
    out: dict[str, Any] = {
        "shared_numbers": sorted(a.numbers & b.numbers, key=_num_key)[:20],
        "shared_names": sorted(a.names & b.names)[:20],
        "text_similarity": _finite(result.signals.get("emb_doc")),
        "lead_similarity": _finite(result.signals.get("emb_head")),
    }
    if a.entities is not None and b.entities is not None:
        out["shared_entities"] = sorted(a.entities & b.entities)[:20]
    if a.date and b.date:
        out["days_apart"] = abs((a.date - b.date).days)
    return out


def _num_key(token: str) -> tuple[int, str]:
    return (len(token), token)


def _finite(value: float | None) -> float | None:
    if value is None or math.isnan(value):
        return None
    return round(value, 4)


class StoryEngine:
    """Cluster the articles of one store into stories, incrementally."""

    def __init__(
        self,
        store: Store,
        *,
        embedder: Embedder | str | None = None,
        config: ClusterConfig | None = None,
        model: SimilarityModel | None = None,
        entities: Callable[[sqlite3.Connection, str], Iterable[str] | None] | None = None,
    ) -> None:
        self.store = store
        if embedder is None or isinstance(embedder, str):
            name = resolve_default() if embedder in (None, "default") else str(embedder)
            embedder = get_embedder(name)
        self.embedder = CachedEmbedder(embedder, EmbeddingCache(store.conn))
        self.model = model or model_for(self.embedder.name)
        self.config = config or ClusterConfig(
            same=self.model.threshold,
            merge=self.model.threshold + 0.15,
            related=self.model.threshold - 0.25,
        )
        self.entities = entities
        self._clusterer: StreamingClusterer | None = None

    # -- features -------------------------------------------------------------------------
    def features(self, articles: Sequence[Article]) -> list[DocFeatures]:
        """Features of articles (vectors come from the cache when already embedded)."""
        views = embed_views(self.embedder, [(a.title, a.clean_text) for a in articles])
        out = []
        for a, v in zip(articles, views, strict=True):
            ents = self.entities(self.store.conn, a.id) if self.entities else None
            out.append(
                build_features(
                    a.id,
                    a.title,
                    a.clean_text,
                    v,
                    model=self.embedder.name,
                    lang=a.lang,
                    entities=ents,
                    date=a.published,
                )
            )
        return out

    def score(self, a: DocFeatures, b: DocFeatures) -> Scored:
        result = similarity(a, b, self.model)
        return Scored(result.score, result.signals, why(a, b, result), result.same_story)

    def _scorer(self, a: Node, b: Node) -> Scored:
        return self.score(a.features, b.features)

    # -- state ----------------------------------------------------------------------------
    def _new_clusterer(self) -> StreamingClusterer:
        return StreamingClusterer(
            self._scorer,
            HnswIndex(self.embedder.dim),
            self.config,
            new_story_id=lambda article_id: f"s{article_id[:12]}",
        )

    def clusterer(self) -> StreamingClusterer:
        """The clusterer with every already-assigned article restored into it."""
        if self._clusterer is None:
            self._clusterer = self._new_clusterer()
            rows = self.store.conn.execute(
                "SELECT article_id, story_id FROM story_articles ORDER BY decision_seq"
            ).fetchall()
            ids = [r[0] for r in rows]
            for batch_start in range(0, len(ids), 256):
                batch = ids[batch_start : batch_start + 256]
                arts = [self.store.get_article(i) for i in batch]
                for f, (_, sid) in zip(
                    self.features(arts), rows[batch_start : batch_start + 256], strict=True
                ):
                    self._clusterer.restore(Node(f), sid)
        return self._clusterer

    # -- operations -----------------------------------------------------------------------
    def add(
        self, articles: Sequence[Article], *, progress: ProgressFn | None = None
    ) -> list[Decision]:
        """Cluster articles not yet in a story, in publication order (unknown dates last)."""
        clusterer = self.clusterer()
        todo = [a for a in articles if a.id not in clusterer.story_of]
        todo.sort(key=lambda a: (a.published is None, a.published or ""))
        decisions: list[Decision] = []
        for start in range(0, len(todo), 64):
            chunk = todo[start : start + 64]
            for feats in self.features(chunk):
                decision = clusterer.add(Node(feats))
                self.store.write(lambda conn, d=decision: story_store.save_decision(conn, d))
                decisions.append(decision)
                if progress:
                    progress(len(decisions), len(todo))
        return decisions

    def add_pending(self, *, progress: ProgressFn | None = None) -> list[Decision]:
        """Cluster every stored article that is not yet in a story."""
        done = story_store.assignments(self.store.conn)
        pending = [a for a in self.store.iter_articles() if a.id not in done]
        return self.add(pending, progress=progress)

    def recluster(self, *, progress: ProgressFn | None = None) -> list[Decision]:
        """Forget every story and cluster all articles again from scratch."""
        self.store.write(story_store.clear_stories)
        self._clusterer = self._new_clusterer()
        return self.add(list(self.store.iter_articles(order="published")), progress=progress)

    def compare(self, a: Article, b: Article) -> dict[str, Any]:
        """Similarity of two articles, whether they are the same story, and why."""
        fa, fb = self.features([a, b])
        scored = self.score(fa, fb)
        signals = {k: _finite(v) for k, v in scored.signals.items()}
        return {
            "a": a.id,
            "b": b.id,
            "similarity": round(scored.score, 4),
            "same_story": bool(scored.same_story),
            "threshold": round(self.model.threshold, 4),
            "embedder": self.embedder.name,
            "signals": signals,
            "why": dict(scored.evidence),
        }


def decisions_json(decisions: Iterable[Decision]) -> list[dict[str, Any]]:
    """Decisions as JSON-ready dicts (for --json output of clustering runs)."""
    return [
        {
            "article": d.article_id,
            "story": d.story_id,
            "new_story": d.new_story,
            "score": round(d.score, 4),
            "merged": d.merged,
            "related": {k: round(v, 4) for k, v in d.related.items()},
        }
        for d in decisions
    ]
