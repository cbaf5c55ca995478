"""Finding articles: keyword search fused with semantic search, filters, listings.

``search(store, "Kaldera port", lang="fr")`` returns result objects (id, source, lang,
title, published, story_id, score, match, snippet, …) shared by the CLI, the REST API and
the web UI.
"""

from __future__ import annotations

from newsweave.search.browse import ArticlePage, language_counts, list_articles, recent_by_language
from newsweave.search.engine import SearchPage, search, search_page
from newsweave.search.filters import (
    ArticleFilters,
    FilterError,
    FilterUnavailableError,
    RelationFilter,
    register_relation_filter,
)
from newsweave.search.fusion import SemanticSearcher, fuse, reciprocal_rank_fusion
from newsweave.search.query import SearchQueryError, parse_query

__all__ = [
    "ArticleFilters",
    "ArticlePage",
    "FilterError",
    "FilterUnavailableError",
    "RelationFilter",
    "SearchPage",
    "SearchQueryError",
    "SemanticSearcher",
    "fuse",
    "language_counts",
    "list_articles",
    "parse_query",
    "recent_by_language",
    "reciprocal_rank_fusion",
    "register_relation_filter",
    "search",
    "search_page",
]
