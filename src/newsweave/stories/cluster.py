"""Streaming story clustering over an approximate-nearest-neighbour index.

Articles arrive one at a time. Each is compared (fused similarity) with its nearest
stored neighbours inside a time window; it joins the best story when the evidence is
strong enough, opens a new story otherwise, merges two stories when it bridges them,
and links stories that are related but not the same. Every decision keeps its
evidence, so the reader can see why articles were grouped.

The cost of adding an article is bounded by the ANN search plus ``k`` pair scores,
so it stays flat as the corpus grows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray


class ClusterDoc(Protocol):
    """What the clusterer needs of an article's precomputed features."""

    @property
    def id(self) -> str: ...

    @property
    def vector(self) -> NDArray[np.float32]: ...

    @property
    def date(self) -> date | None: ...


class PairScore(Protocol):
    """A fused similarity between two articles with its named signals."""

    @property
    def score(self) -> float: ...

    @property
    def signals(self) -> Mapping[str, float]: ...

    @property
    def evidence(self) -> Mapping[str, Any]: ...


PairScorer = Callable[[Any, Any], PairScore]


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """Thresholds on the fused similarity and the search breadth.

    ``same`` joins a story; ``merge`` (higher) lets one article fuse two stories;
    ``related`` links stories without joining them.
    """

    same: float = 0.5
    merge: float = 0.62
    related: float = 0.3
    neighbours: int = 24
    window_days: int = 45


@dataclass(slots=True)
class Link:
    """One scored pair that supports a decision."""

    other: str  # the other article id
    score: float
    signals: dict[str, float]
    evidence: dict[str, Any]


@dataclass(slots=True)
class Decision:
    """What happened to one added article, and why."""

    article_id: str
    story_id: str
    new_story: bool
    score: float  # best fused similarity to the story it joined (0 for a new story)
    links: list[Link] = field(default_factory=list)  # the pairs behind the decision
    merged: list[str] = field(default_factory=list)  # story ids folded into story_id
    related: dict[str, float] = field(default_factory=dict)  # story id -> best score


class VectorIndex(Protocol):
    """The ANN index the clusterer searches (see :mod:`newsweave.stories.ann`)."""

    def add(self, key: int, vector: NDArray[np.float32]) -> None: ...

    def add_many(self, first_key: int, vectors: NDArray[np.float32]) -> None: ...

    def search(self, vector: NDArray[np.float32], k: int) -> list[int]: ...

    def vectors(self, keys: Sequence[int]) -> NDArray[np.float32]: ...

    @property
    def precise(self) -> bool:
        """Whether :meth:`vectors` returns rows fine enough to score with."""
        ...

    def __len__(self) -> int: ...


def story_score(links: list[Link]) -> float:
    """How well an article fits a story: the mean of its best link and its average link.

    The best link alone (single linkage) lets a story chain through one article that
    touches two events; averaging over the story's members found near the article keeps
    a story about one thing.
    """
    scores = [lk.score for lk in links]
    return 0.5 * max(scores) + 0.5 * sum(scores) / len(scores)


def _days_apart(a: date | None, b: date | None) -> int:
    """Days between two dates; 0 when either is unknown (unknown dates never exclude)."""
    return abs((a - b).days) if a and b else 0


class StreamingClusterer:
    """Assign articles to stories one at a time.

    ``story_of`` maps article id to story id; stories are lists of article ids. The state
    can be rebuilt from storage with :meth:`restore`.
    """

    def __init__(
        self,
        scorer: PairScorer,
        index: VectorIndex,
        config: ClusterConfig | None = None,
        new_story_id: Callable[[str], str] | None = None,
    ) -> None:
        self.scorer = scorer
        self.index = index
        self.config = config or ClusterConfig()
        self.docs: dict[str, Any] = {}
        self.keys: list[str] = []  # ANN key -> article id
        self.key_of: dict[str, int] = {}  # article id -> ANN key
        self.story_of: dict[str, str] = {}
        self.members: dict[str, list[str]] = {}
        self.related: dict[frozenset[str], float] = {}
        self._new_story_id = new_story_id or (lambda article_id: f"s-{article_id}")

    # -- state -----------------------------------------------------------------------------
    def restore(self, doc: ClusterDoc, story_id: str, *, indexed: bool = False) -> None:
        """Put an already-assigned article back without re-deciding: into the index, or,
        with ``indexed``, only into the bookkeeping of an index loaded with it already
        under the next key."""
        if indexed:
            self.docs[doc.id] = doc
            self.key_of[doc.id] = len(self.keys)
            self.keys.append(doc.id)
        else:
            self._index(doc)
        self.story_of[doc.id] = story_id
        self.members.setdefault(story_id, []).append(doc.id)

    def restore_many(self, docs: Sequence[ClusterDoc], story_ids: Sequence[str]) -> None:
        """:meth:`restore` of many articles, indexed in one batch (the order is kept)."""
        if not docs:
            return
        first = len(self.keys)
        self.index.add_many(first, np.stack([np.asarray(d.vector, dtype=np.float32) for d in docs]))
        for doc, story_id in zip(docs, story_ids, strict=True):
            self.docs[doc.id] = doc
            self.key_of[doc.id] = len(self.keys)
            self.keys.append(doc.id)
            self.story_of[doc.id] = story_id
            self.members.setdefault(story_id, []).append(doc.id)

    def _index(self, doc: ClusterDoc) -> None:
        self.docs[doc.id] = doc
        self.index.add(len(self.keys), doc.vector)
        self.key_of[doc.id] = len(self.keys)
        self.keys.append(doc.id)

    def vectors_of(self, article_ids: Sequence[str]) -> dict[str, NDArray[np.float32]]:
        """The indexed vectors of stored articles (read from the index, not storage; see
        the index's ``precise`` for what they are fit for)."""
        rows = self.index.vectors([self.key_of[i] for i in article_ids])
        return dict(zip(article_ids, rows, strict=True))

    # -- the decision ----------------------------------------------------------------------
    def candidates(self, doc: ClusterDoc) -> list[str]:
        """Nearest stored articles inside the time window (unknown dates always qualify)."""
        if not len(self.index):
            return []
        keys = self.index.search(doc.vector, self.config.neighbours)
        out: list[str] = []
        for key in keys:
            other = self.docs[self.keys[key]]
            if other.id == doc.id:
                continue
            if _days_apart(doc.date, other.date) > self.config.window_days:
                continue
            out.append(other.id)
        return out

    def add(self, doc: ClusterDoc, candidates: list[str] | None = None) -> Decision:
        """Decide the story of a new article, update the state, return the decision.

        ``candidates``: what :meth:`candidates` just returned for ``doc``, if the caller
        asked already (one index search instead of two).
        """
        cfg = self.config
        per_story: dict[str, list[Link]] = {}
        for other_id in self.candidates(doc) if candidates is None else candidates:
            result = self.scorer(doc, self.docs[other_id])
            link = Link(
                other=other_id,
                score=float(result.score),
                signals=dict(result.signals),
                evidence=dict(result.evidence),
            )
            per_story.setdefault(self.story_of[other_id], []).append(link)
        ranked = sorted(
            ((story_score(links), sid) for sid, links in per_story.items()),
            reverse=True,
        )
        self._index(doc)
        if not ranked or ranked[0][0] < cfg.same:
            sid = self._new_story_id(doc.id)
            self.story_of[doc.id] = sid
            self.members[sid] = [doc.id]
            decision = Decision(article_id=doc.id, story_id=sid, new_story=True, score=0.0)
        else:
            best_score, sid = ranked[0]
            merged = [other for score, other in ranked[1:] if score >= cfg.merge]
            if merged and best_score < cfg.merge:
                merged = []
            for other in merged:
                self._merge(other, into=sid)
            self.story_of[doc.id] = sid
            self.members[sid].append(doc.id)
            links = sorted(per_story[sid], key=lambda lk: -lk.score)
            for other in merged:
                links.extend(sorted(per_story[other], key=lambda lk: -lk.score)[:1])
            decision = Decision(
                article_id=doc.id,
                story_id=sid,
                new_story=False,
                score=best_score,
                links=links[:5],
                merged=merged,
            )
        for score, other in ranked:
            if other == decision.story_id or other in decision.merged:
                continue
            if score >= cfg.related:
                decision.related[other] = score
                key = frozenset((decision.story_id, other))
                self.related[key] = max(score, self.related.get(key, 0.0))
        if decision.new_story:
            # a new story's neighbours are its related stories; keep the evidence
            for sid, links in per_story.items():
                if sid in decision.related:
                    decision.links.extend(sorted(links, key=lambda lk: -lk.score)[:1])
        return decision

    def _merge(self, source: str, *, into: str) -> None:
        for article_id in self.members.pop(source, []):
            self.story_of[article_id] = into
            self.members[into].append(article_id)
        for key in [k for k in self.related if source in k]:
            score = self.related.pop(key)
            rest = set(key) - {source}
            if rest and into not in rest:
                other = next(iter(rest))
                new_key = frozenset((into, other))
                self.related[new_key] = max(score, self.related.get(new_key, 0.0))
