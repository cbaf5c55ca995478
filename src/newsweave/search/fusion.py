"""The semantic half of search, and how its ranking is fused with the keyword ranking.

Semantic search comes from the story engine's embeddings: anything with a
``search(query, k)`` method returning ``(article_id, score)`` pairs, best first, can be
plugged in. Rankings are combined by reciprocal-rank fusion (Cormack, Clarke and
Büttcher, 2009), which needs ranks only, so BM25 and cosine scores never have to be put
on one scale.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable

# The constant of reciprocal-rank fusion: larger values flatten the advantage of the top ranks.
RRF_K = 60

Match = Literal["keyword", "semantic", "both"]


@runtime_checkable
class SemanticSearcher(Protocol):
    """Finds articles whose meaning is close to a query, whatever their language."""

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        """Up to ``k`` ``(article_id, score)`` pairs, most similar first."""
        ...


@dataclass(frozen=True, slots=True)
class Fused:
    """One article's place in the fused ranking."""

    id: str
    score: float
    match: Match
    keyword_rank: int | None
    semantic_rank: int | None


def reciprocal_rank_fusion(
    rankings: Mapping[str, Sequence[str]], *, k: int = RRF_K
) -> dict[str, float]:
    """Fused score per id: the sum over rankings of ``1 / (k + rank)`` (ranks from 1)."""
    scores: dict[str, float] = {}
    for ranking in rankings.values():
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return scores


def fuse(keyword: Sequence[str], semantic: Sequence[str], *, k: int = RRF_K) -> list[Fused]:
    """Keyword and semantic rankings fused, best first (ties: keyword rank, then id)."""
    scores = reciprocal_rank_fusion({"keyword": keyword, "semantic": semantic}, k=k)
    kw_rank = {item: i for i, item in enumerate(keyword, start=1)}
    sem_rank = {item: i for i, item in enumerate(semantic, start=1)}
    fused: list[Fused] = []
    for item, score in scores.items():
        in_kw, in_sem = item in kw_rank, item in sem_rank
        match: Match = "both" if in_kw and in_sem else "keyword" if in_kw else "semantic"
        fused.append(Fused(item, score, match, kw_rank.get(item), sem_rank.get(item)))
    big = len(keyword) + len(semantic) + 1
    fused.sort(key=lambda f: (-f.score, f.keyword_rank or big, f.id))
    return fused
