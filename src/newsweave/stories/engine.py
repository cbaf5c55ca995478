"""The story engine: stored articles in, stories with their evidence out.

It ties a :class:`~newsweave.stories.signals.Featurizer` (embedders wrapped in the
database's embedding cache, plus the fused similarity) and the entity registry to the
:class:`~newsweave.stories.cluster.StreamingClusterer`, and persists every decision:

- :meth:`StoryEngine.add` clusters newly stored articles in publication order (unknown
  dates last), each against the stories already there;
- :meth:`StoryEngine.recluster` forgets every story and replays all stored articles in the
  same order, so streaming and re-clustering see articles in one order;
- :meth:`StoryEngine.compare` scores two articles and says why.

Restoring the state of a large store loads only each article's main vector (from the cache),
date and language; the rest of an article's features is read from its saved signals
(:mod:`newsweave.stories.signal_store`) when a new article first needs to be compared with
it, so the cost of adding one article stays flat as the store grows.
"""

from __future__ import annotations

import contextlib
import gc
import json
import math
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsweave.article import Article
from newsweave.embed.cache import CachedEmbedder, EmbeddingCache
from newsweave.facts.ledger import event_figures
from newsweave.facts.storage import facts_of
from newsweave.store import Store
from newsweave.stories import store as story_store
from newsweave.stories.ann import HNSW_FROM, RECENT, ExactIndex, HnswIndex, make_index
from newsweave.stories.cluster import ClusterConfig, Decision, StreamingClusterer
from newsweave.stories.saved_index import (
    SavedIndex,
    ViewRows,
    load_index,
    save_index,
    saved_index_path,
)
from newsweave.stories.signal_store import (
    SIGNALS_VERSION,
    StoredSignals,
    load_signals,
    save_signals,
)
from newsweave.stories.signals import (
    DocFeatures,
    Featurizer,
    FloatVector,
    SimilarityResult,
    as_date,
    embed_views,
    shared_tolls,
)

ProgressFn = Callable[[int, int], None]
#: How many articles are featurized (embedded) in one batch.
BATCH = 32
#: How many stored articles :meth:`StoryEngine.embed_ahead` gathers before it starts
#: embedding them in the background.
AHEAD_BATCH = 8
#: :meth:`StoryEngine.add` saves the HNSW index once this many articles (or 2 % of the
#: saved ones) were added since the last save; batch commands save at their end, and
#: anything unsaved is simply added on top of the saved index at the next start.
SAVE_AFTER = 500
#: The vector of a node restored from a saved index: the index holds it already.
_NO_VECTOR: NDArray[np.float32] = np.zeros(0, dtype=np.float32)


class Node:
    """An article as the clusterer sees it: id, main vector, date and language (as its
    row has them); features on demand."""

    __slots__ = ("_features", "_load", "date", "id", "lang", "vector")

    def __init__(
        self,
        article_id: str,
        vector: NDArray[np.float32],
        day: date | None,
        lang: str | None,
        features: DocFeatures | None = None,
        load: Callable[[str], DocFeatures] | None = None,
    ) -> None:
        self.id = article_id
        self.vector = vector
        self.date = day
        self.lang = lang
        self._features = features
        self._load = load

    @property
    def features(self) -> DocFeatures:
        if self._features is None:
            if self._load is None:
                raise RuntimeError(f"{self.id}: no features and no way to load them")
            self._features = self._load(self.id)
        return self._features

    @classmethod
    def of(cls, features: DocFeatures) -> Node:
        vector = np.asarray(features.vectors["doc"], dtype=np.float32)
        return cls(features.doc_id, vector, features.date, features.lang, features)


@dataclass(frozen=True, slots=True)
class Scored:
    """A fused similarity with the evidence shown to the reader."""

    score: float
    signals: Mapping[str, float]
    evidence: Mapping[str, Any]
    same_story: bool


def why(a: DocFeatures, b: DocFeatures, result: SimilarityResult) -> dict[str, Any]:
    """What two articles share: entities, numbers and dates, names, and how close the texts are.

    ``contributions`` is each signal's share of the fused score (they sum, with the
    model's intercept, to ``similarity``).
    """
    out: dict[str, Any] = {
        "shared_numbers": sorted(a.numbers & b.numbers, key=_num_key)[:20],
        "shared_names": sorted(a.names & b.names)[:20],
        "text_similarity": _finite(result.signals.get("emb_doc")),
        "lead_similarity": _finite(result.signals.get("emb_head")),
        "contributions": {
            k.removesuffix(".contribution"): round(v, 4)
            for k, v in result.signals.items()
            if k.endswith(".contribution") and v
        },
    }
    if a.entities is not None and b.entities is not None:
        out["shared_entities"] = sorted(a.entities & b.entities)[:20]
    if a.tolls and b.tolls:
        out["shared_tolls"] = [
            {"concept": c, "a": _figure(x), "b": _figure(y)}
            for c, x, y in shared_tolls(a.tolls, b.tolls)
        ]
    if a.date and b.date:
        out["days_apart"] = abs((a.date - b.date).days)
    return out


def _figure(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 3)


def _num_key(token: str) -> tuple[int, str]:
    return (len(token), token)


def _finite(value: float | None) -> float | None:
    if value is None or math.isnan(value):
        return None
    return round(value, 4)


def entity_ids_of(
    conn: sqlite3.Connection, article_ids: Sequence[str]
) -> dict[str, frozenset[str]]:
    """Registry ids of the entities each article mentions, one query per 500 articles
    (an article with no recorded mention is absent)."""
    found: dict[str, set[str]] = {}
    for start in range(0, len(article_ids), 500):
        chunk = list(article_ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for aid, eid in conn.execute(
            f"SELECT article_id, entity_id FROM entity_mentions WHERE article_id IN ({marks})",
            chunk,
        ):
            found.setdefault(aid, set()).add(eid)
    return {aid: frozenset(ids) for aid, ids in found.items()}


class StoryEngine:
    """Cluster the articles of one store into stories, incrementally."""

    def __init__(
        self,
        store: Store,
        *,
        config: str = "default",
        cluster: ClusterConfig | None = None,
        featurizer: Featurizer | None = None,
        exact_index: bool = False,
    ) -> None:
        self.store = store
        #: search neighbours by brute force whatever the store's size (a reference for
        #: the approximate index; nothing is saved beside the database then)
        self.exact_index = exact_index
        featurizer = featurizer or Featurizer.from_config(config)
        cache = EmbeddingCache(store.conn, writer=store.write)
        self._cached = CachedEmbedder(featurizer.embedder, cache)
        featurizer.embedder = self._cached
        self._cached_aux: CachedEmbedder | None = None
        if featurizer.aux is not None:
            self._cached_aux = CachedEmbedder(featurizer.aux, cache)
            featurizer.aux = self._cached_aux
        self.featurizer = featurizer
        self._worker: ThreadPoolExecutor | None = None
        self._pending: list[Future[None]] = []
        self._waiting: list[tuple[str | None, str]] = []
        if featurizer.model is None:
            raise ValueError(f"configuration {featurizer.name!r} has no fitted similarity model")
        self.model = featurizer.model
        self.config = cluster or ClusterConfig(
            same=self.model.threshold,
            merge=self.model.threshold + 0.15,
            related=self.model.threshold - 0.2,
        )
        self._clusterer: StreamingClusterer | None = None
        self._saved_count = 0  # articles in the index file beside the database
        self._saved_views: dict[str, ViewRows] = {}  # view rows saved beside the index
        self._views_stale = True  # the view files may lag the index (written by an old version)

    @property
    def name(self) -> str:
        """The similarity configuration in use ("embeddinggemma-300m-t128+use-…")."""
        return self.featurizer.name

    # -- features -------------------------------------------------------------------------
    def embed_ahead(self, article: Article) -> None:
        """Embed a just-stored article in a background thread while the caller goes on
        (with the next articles of an ingest); :meth:`add` then finds its vectors ready.

        This pays where a core is free for the embedder while the single-threaded
        pipeline runs; on 2 cores a 2-thread model makes little progress meanwhile (see
        BENCHMARKS.md). Articles are gathered in batches of :data:`AHEAD_BATCH`.
        """
        self._waiting.append((article.title, article.clean_text))
        if len(self._waiting) >= AHEAD_BATCH:
            self._submit_waiting()

    def _submit_waiting(self) -> None:
        items, self._waiting = self._waiting, []
        if not items:
            return
        if self._worker is None:
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsweave-embed")
        self._pending.append(self._worker.submit(self._embed_items, items))

    def _embed_items(self, items: list[tuple[str | None, str]]) -> None:
        views = self.featurizer.views
        embed_views(self._cached.ahead(), items, [v for v in views if not v.startswith("aux_")])
        aux_views = [v for v in views if v.startswith("aux_")]
        if aux_views and self._cached_aux is not None:
            embed_views(self._cached_aux.ahead(), items, aux_views)

    def _wait_ahead(self) -> None:
        """Finish the background embedding before the embedders are used here."""
        self._submit_waiting()
        pending, self._pending = self._pending, []
        for future in pending:
            # a failure here only means those texts are embedded again in the foreground,
            # where the error surfaces
            with contextlib.suppress(Exception):
                future.result()

    def features(self, articles: Sequence[Article]) -> list[DocFeatures]:
        """Features of articles (vectors come from the cache when already embedded)."""
        self._wait_ahead()
        recorded = entity_ids_of(self.store.conn, [a.id for a in articles])
        ents = [recorded.get(a.id) for a in articles]
        unsaved = [i for i, a in enumerate(articles) if ents[i] is None and a.mentions]
        if unsaved:
            linked = provisional_entities(self.store.conn, [articles[i] for i in unsaved])
            for i, found in zip(unsaved, linked, strict=True):
                ents[i] = found
        feats = self.featurizer.article_features(articles, ents)
        stored = facts_of(self.store.conn, [a.id for a in articles if not a.facts])
        return [
            replace(f, tolls=event_figures(a.facts or stored.get(a.id, [])))
            for f, a in zip(feats, articles, strict=True)
        ]

    def stored_features(
        self,
        article_ids: Sequence[str],
        given: Mapping[str, Mapping[str, FloatVector]] | None = None,
        about: Mapping[str, tuple[str | None, date | None]] | None = None,
    ) -> dict[str, DocFeatures]:
        """Features of stored articles, read from their saved signals and cached vectors
        without touching their text; articles with no saved signals (or no cached vector
        of a view) are featurized from their text, and their signals saved.

        ``given``: view -> article id -> vector already at hand (the clusterer's index
        holds the "doc" vectors, the files beside it other views), not read again.
        ``about``: article id -> language and date as read from its row (the clusterer's
        nodes hold them), not read again.
        """
        self._wait_ahead()
        conn = self.store.conn
        saved = load_signals(conn, article_ids, about)
        vectors: dict[str, dict[str, FloatVector]] = {aid: {} for aid in saved}
        for view in self.featurizer.views:
            at_hand = (given or {}).get(view, {})
            for aid in saved:
                if aid in at_hand:
                    vectors[aid][view] = at_hand[aid]
            wanted = [saved[aid] for aid in saved if view not in vectors[aid]]
            for aid, vector in self._cached_vectors(view, wanted).items():
                vectors[aid][view] = vector
        complete = [aid for aid in saved if len(vectors[aid]) == len(self.featurizer.views)]
        ents = entity_ids_of(conn, complete)
        facts = facts_of(conn, complete)
        out = {
            aid: replace(
                saved[aid].features(vectors[aid], self.featurizer.name),
                entities=ents.get(aid),
                tolls=event_figures(facts.get(aid, [])),
            )
            for aid in complete
        }
        rest = [self.store.get_article(aid) for aid in article_ids if aid not in out]
        if rest:
            fresh = self.features(rest)
            self._save_signals(fresh, rest)
            out.update((f.doc_id, f) for f in fresh)
        return out

    def _save_signals(self, features: Sequence[DocFeatures], articles: Sequence[Article]) -> None:
        """Save the signals of stored articles (their text as the features read it)."""
        rows = [
            (f, a.title, a.clean_text or a.text) for f, a in zip(features, articles, strict=True)
        ]
        self.store.write(partial(save_signals, rows=rows))

    def _prefetch(self, clusterer: StreamingClusterer, node: Node) -> list[str]:
        """Load, in one batch, the features of the neighbours ``node`` will be scored
        with; return those neighbours."""
        candidates = clusterer.candidates(node)
        waiting = [clusterer.docs[i] for i in candidates if clusterer.docs[i]._features is None]
        if waiting:
            ids = [n.id for n in waiting]
            keys = [(aid, clusterer.key_of[aid]) for aid in ids]
            given = {
                view: {aid: rows[key].astype(np.float32) for aid, key in keys if key < len(rows)}
                for view, rows in self._saved_views.items()
            }
            # "doc" rows past the saved file: the node's own vector (restored from the
            # cache), else the index's copy when it is fine enough, else the cache
            doc = given.setdefault("doc", {})
            doc.update((n.id, n.vector) for n in waiting if n.id not in doc and n.vector.size)
            rest = [aid for aid in ids if aid not in doc]
            if rest and clusterer.index.precise:
                doc.update(clusterer.vectors_of(rest))
            about = {n.id: (n.lang, n.date) for n in waiting}
            loaded = self.stored_features(ids, given, about)
            for n in waiting:
                n._features = loaded[n.id]
        return candidates

    def _load_features(self, article_id: str) -> DocFeatures:
        return self.stored_features([article_id])[article_id]

    def score(self, a: DocFeatures, b: DocFeatures) -> Scored:
        result = self.featurizer.compare(a, b)
        return Scored(result.score, result.signals, why(a, b, result), result.same_story)

    def _scorer(self, a: Node, b: Node) -> Scored:
        return self.score(a.features, b.features)

    # -- state ----------------------------------------------------------------------------
    def _new_clusterer(
        self, expected: int = 0, index: ExactIndex | HnswIndex | None = None
    ) -> StreamingClusterer:
        return StreamingClusterer(
            self._scorer,
            index
            if index is not None
            else make_index(self._dim, expected=0 if self.exact_index else expected),
            self.config,
            new_story_id=lambda article_id: f"s{article_id[:12]}",
        )

    @property
    def _dim(self) -> int:
        return self.featurizer.embedder.dim

    def _index_path(self) -> Path | None:
        return saved_index_path(self.store.path, self.featurizer.embedder.name)

    def _load_saved_index(self, ids: Sequence[str]) -> SavedIndex | None:
        path = self._index_path()
        if path is None or len(ids) <= HNSW_FROM or self.exact_index or not path.exists():
            return None
        return load_index(path, self._dim, ids, self._view_dims())

    def _view_dims(self) -> dict[str, int]:
        """The views saved beside the index: every view, "doc" too (the index's own
        copies of the "doc" vectors are one byte per dimension, too coarse to score)."""
        dims: dict[str, int] = {}
        for view in self.featurizer.views:
            embedder = self._cached_aux if view.startswith("aux_") else self._cached
            if embedder is not None:
                dims[view] = embedder.dim
        return dims

    def save_index(self) -> None:
        """Save the HNSW index beside the database when it holds articles not saved yet
        (small stores use the exact index and save nothing), with the rows of the other
        views. Batch commands call this at their end; :meth:`add` calls it when much is
        unsaved."""
        clusterer, path = self._clusterer, self._index_path()
        if clusterer is None or path is None or not isinstance(clusterer.index, HnswIndex):
            return
        dims = self._view_dims()
        behind = any(len(self._saved_views.get(v, ())) < self._saved_count for v in dims)
        if len(clusterer.keys) == self._saved_count and not (behind and self._views_stale):
            return
        views = {}
        for view, dim in dims.items():
            rows = self._saved_views.get(view)
            start = 0 if rows is None else len(rows)
            views[view] = (rows, self._rows_after(clusterer, view, dim, start))
        try:
            written = save_index(path, clusterer.index, clusterer.keys, views)
        except OSError:  # a read-only folder: the index is rebuilt next time
            return
        self._saved_count = len(clusterer.keys)
        self._saved_views = written
        self._views_stale = False  # rows missing now have no cached vector: not retried

    def _rows_after(
        self, clusterer: StreamingClusterer, view: str, dim: int, start: int
    ) -> NDArray[np.float32]:
        """``view``'s vectors of the clusterer's keys from ``start`` on, up to the first
        article whose vector is neither loaded nor cached."""
        ids = clusterer.keys[start:]
        found: list[FloatVector] = []
        for first in range(0, len(ids), 4096):
            chunk = ids[first : first + 4096]
            known = {
                aid: f.vectors[view]
                for aid in chunk
                if (f := getattr(clusterer.docs[aid], "_features", None)) is not None
                and view in f.vectors
            }
            missing = [aid for aid in chunk if aid not in known]
            if missing:
                signals = load_signals(self.store.conn, missing)
                known.update(self._cached_vectors(view, list(signals.values())))
            for aid in chunk:
                if aid not in known:
                    return np.asarray(found, dtype=np.float32).reshape(len(found), dim)
                found.append(known[aid])
        return np.asarray(found, dtype=np.float32).reshape(len(found), dim)

    def _cached_vectors(
        self, view: str, signals: Sequence[StoredSignals]
    ) -> dict[str, FloatVector]:
        """``view``'s cached vectors of stored articles, found by their saved text keys."""
        cached = self._cached_aux if view.startswith("aux_") else self._cached
        plain = view.removeprefix("aux_")
        if cached is None:
            return {}
        keys = {sig.article_id: sig.text_keys[plain] for sig in signals if plain in sig.text_keys}
        found = cached.cache.get_many(keys.values(), cached.name)
        return {aid: found[key] for aid, key in keys.items() if key in found}

    def clusterer(self) -> StreamingClusterer:
        """The clusterer with every already-assigned article restored into it."""
        if self._clusterer is not None:
            return self._clusterer
        self._wait_ahead()
        rows = self.store.conn.execute(
            """SELECT sa.article_id, sa.story_id, a.published, a.lang, s.text_keys
               FROM story_articles sa JOIN articles a ON a.id = sa.article_id
               LEFT JOIN article_signals s ON s.article_id = sa.article_id AND s.version = ?
               ORDER BY sa.decision_seq""",
            (SIGNALS_VERSION,),
        ).fetchall()
        saved = self._load_saved_index([r["article_id"] for r in rows])
        langs: dict[str | None, str | None] = {}  # one string per language, not per node
        self._saved_views = {}
        if saved is None:
            clusterer, done = self._new_clusterer(expected=len(rows)), 0
        else:
            clusterer, done = self._new_clusterer(index=saved.index), saved.count
            self._saved_views = saved.views
            if "doc" in saved.views:  # the newest saved articles are searched exactly too
                tail = saved.views["doc"][-RECENT:]
                saved.index.remember(len(saved.views["doc"]) - len(tail), tail.astype(np.float32))
            for r in rows[:done]:
                lang = langs.setdefault(r["lang"], r["lang"])
                node = Node(r["article_id"], _NO_VECTOR, as_date(r["published"]), lang)
                node._load = self._load_features
                clusterer.restore(node, r["story_id"], indexed=True)
        self._saved_count = done
        for start in range(done, len(rows), 4096):
            chunk = rows[start : start + 4096]
            vectors = self._doc_vectors(chunk)
            clusterer.restore_many(
                [
                    Node(
                        r["article_id"],
                        vectors[r["article_id"]],
                        as_date(r["published"]),
                        langs.setdefault(r["lang"], r["lang"]),
                        load=self._load_features,
                    )
                    for r in chunk
                ],
                [r["story_id"] for r in chunk],
            )
        if len(rows) > HNSW_FROM:
            # a large store's nodes are many young objects to the cyclic garbage collector;
            # left alone, its next full pass (a tenth of a second at 100k articles) would
            # fall on some later add: one pass now makes them old, and the collector's
            # own rule (a full pass only once old objects grew by a quarter) keeps it off
            gc.collect()
        self._clusterer = clusterer
        return clusterer

    def _doc_vectors(self, rows: Sequence[sqlite3.Row]) -> dict[str, FloatVector]:
        """The "doc" vector of each restored article: straight from the cache by its saved
        key, or (no saved signals) by embedding its text through the cache."""
        keys = {r["article_id"]: json.loads(r["text_keys"])["doc"] for r in rows if r["text_keys"]}
        found = self._cached.cache.get_many(keys.values(), self._cached.name)
        out = {aid: found[key] for aid, key in keys.items() if key in found}
        rest = [r["article_id"] for r in rows if r["article_id"] not in out]
        if rest:
            marks = ",".join("?" * len(rest))
            texts = {
                r[0]: (r[1], r[2])
                for r in self.store.conn.execute(
                    f"SELECT id, title, clean_text FROM articles WHERE id IN ({marks})", rest
                )
            }
            views = embed_views(self.featurizer.embedder, [texts[aid] for aid in rest], ("doc",))
            out.update((aid, v["doc"]) for aid, v in zip(rest, views, strict=True))
        return out

    # -- operations -----------------------------------------------------------------------
    def add(
        self, articles: Sequence[Article], *, progress: ProgressFn | None = None
    ) -> list[Decision]:
        """Cluster articles not yet in a story, in publication order (unknown dates last)."""
        clusterer = self.clusterer()
        todo = [a for a in articles if a.id not in clusterer.story_of]
        todo.sort(key=lambda a: (a.published is None, a.published or "", a.id))
        decisions: list[Decision] = []
        for start in range(0, len(todo), BATCH):
            chunk = todo[start : start + BATCH]
            chunk_features = self.features(chunk)
            self._save_signals(chunk_features, chunk)
            for feats in chunk_features:
                node = Node.of(feats)
                decision = clusterer.add(node, self._prefetch(clusterer, node))
                self.store.write(partial(story_store.save_decision, decision=decision))
                decisions.append(decision)
                if progress:
                    progress(len(decisions), len(todo))
        if decisions and self._unsaved() >= max(SAVE_AFTER, self._saved_count // 50):
            self.save_index()
        return decisions

    def _unsaved(self) -> int:
        return len(self._clusterer.keys) - self._saved_count if self._clusterer else 0

    def add_pending(self, *, progress: ProgressFn | None = None) -> list[Decision]:
        """Cluster every stored article that is not yet in a story."""
        ids = [
            r[0]
            for r in self.store.conn.execute(
                """SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM story_articles)
                   ORDER BY seq"""
            )
        ]
        return self.add([self.store.get_article(i) for i in ids], progress=progress)

    def recluster(self, *, progress: ProgressFn | None = None) -> list[Decision]:
        """Forget every story and cluster all articles again from scratch."""
        self.store.write(story_store.clear_stories)
        self._clusterer = self._new_clusterer(expected=self.store.count_articles())
        self._saved_count = 0
        self._saved_views = {}
        decisions = self.add(list(self.store.iter_articles(order="published")), progress=progress)
        self.save_index()
        return decisions

    def compare(self, a: Article, b: Article) -> dict[str, Any]:
        """Similarity of two articles, whether they are the same story, and why."""
        fa, fb = self.features([a, b])
        scored = self.score(fa, fb)
        return {
            "a": a.id,
            "b": b.id,
            "similarity": round(scored.score, 4),
            "same_story": bool(scored.same_story),
            "threshold": round(self.model.threshold, 4),
            "configuration": self.name,
            "signals": {k: _finite(v) for k, v in scored.signals.items()},
            "why": dict(scored.evidence),
        }


def provisional_entities(
    conn: sqlite3.Connection, articles: Sequence[Article]
) -> list[frozenset[str] | None]:
    """Entity ids of unsaved articles' mentions, linked against the registry without writing.

    Mentions that name nobody known yet get the id the registry would give them, so two
    unsaved articles naming the same new person still share it.
    """
    from newsweave.entities.linker import link_mentions
    from newsweave.entities.registry import RegistryIndex

    mentions = [m for a in articles for m in a.mentions]
    if not mentions:
        return [None for _ in articles]
    source = RegistryIndex(conn, file_pending=False)
    by_article: dict[str, set[str]] = {}
    for r in link_mentions(mentions, source=source):
        by_article.setdefault(r.mention.article_id, set()).add(r.entity_id)
    return [frozenset(by_article[a.id]) if a.id in by_article else None for a in articles]


def cluster_pending(
    store: Store, *, config: str = "default", progress: ProgressFn | None = None
) -> list[Decision]:
    """Put every stored article that is in no story yet into one (what ``ingest`` runs)."""
    return StoryEngine(store, config=config).add_pending(progress=progress)


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
