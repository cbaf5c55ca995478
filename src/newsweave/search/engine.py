"""Search stored articles: keyword (FTS5, BM25) fused with an optional semantic ranking.

:func:`search` returns the result objects the CLI prints and the API serves;
:func:`search_page` returns them with the total count and the mode the query ran in.

Keyword matching first asks for every term; when that finds nothing and the query has
several terms, it asks for any of them (``mode == "any"``), so a reader still gets the
closest articles. Each result carries a snippet of the cleaned text around the matches:
plain ``snippet`` text with ``highlights`` spans, and ``snippet_html`` with the text escaped
and the matches in ``<mark>``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from newsweave.search.filters import ArticleFilters
from newsweave.search.fusion import RRF_K, Fused, SemanticSearcher, fuse
from newsweave.search.query import Mode, ParsedQuery, parse_query
from newsweave.search.schema import has_columns
from newsweave.search.snippets import (
    ELLIPSIS,
    MARK_END,
    MARK_START,
    lead,
    marked_html,
    split_marked,
)
from newsweave.store import Store

MAX_LIMIT = 200
# How many candidates each ranking contributes before fusion (at least).
FUSION_DEPTH = 100
MAX_FUSION_DEPTH = 1000
SNIPPET_TOKENS = 32
# BM25 column weights of articles_fts (id, title, body): a match in the title counts more.
_BM25 = "bm25(articles_fts, 0.0, 3.0, 1.0)"
_SNIPPET = f"snippet(articles_fts, 2, '{MARK_START}', '{MARK_END}', '{ELLIPSIS}', {SNIPPET_TOKENS})"


@dataclass(slots=True)
class SearchPage:
    """One page of results, the number of matching articles, and how the query ran."""

    query: str
    results: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    mode: Mode
    filters: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
            "mode": self.mode,
            "filters": self.filters,
            "results": self.results,
        }


def search(
    store: Store,
    query: str,
    *,
    lang: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    entity: str | None = None,
    story: str | None = None,
    limit: int = 20,
    offset: int = 0,
    semantic: SemanticSearcher | None = None,
) -> list[dict[str, Any]]:
    """Articles matching ``query``, best first, as result objects.

    Raises ``SearchQueryError`` for an empty query, ``FilterError`` for a malformed filter
    and ``FilterUnavailableError`` for a story or entity filter on a database without
    those tables.
    """
    return search_page(
        store,
        query,
        lang=lang,
        date_from=date_from,
        date_to=date_to,
        entity=entity,
        story=story,
        limit=limit,
        offset=offset,
        semantic=semantic,
    ).results


def search_page(
    store: Store,
    query: str,
    *,
    lang: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    entity: str | None = None,
    story: str | None = None,
    limit: int = 20,
    offset: int = 0,
    semantic: SemanticSearcher | None = None,
) -> SearchPage:
    """Like :func:`search`, with the total number of matches and the mode used."""
    filters = ArticleFilters(
        lang=lang, date_from=date_from, date_to=date_to, entity=entity, story=story
    )
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    parsed = parse_query(query)
    run = _KeywordRun(store.conn, parsed, filters)
    if semantic is None:
        page = [
            Fused(
                id=i,
                score=1.0 / (RRF_K + rank),
                match="keyword",
                keyword_rank=rank,
                semantic_rank=None,
            )
            for rank, i in enumerate(run.ranked(limit, offset), start=offset + 1)
        ]
        total = run.total
    else:
        depth = min(max(FUSION_DEPTH, 2 * (offset + limit)), MAX_FUSION_DEPTH)
        keyword_ids = run.ranked(depth, 0)
        semantic_ids = _filtered_ids(
            store.conn, [i for i, _ in semantic.search(query, depth)], filters
        )
        also_keyword = run.matching(semantic_ids)
        all_fused = fuse(keyword_ids, semantic_ids)
        total = run.total + len(set(semantic_ids) - also_keyword)
        page = [
            Fused(f.id, f.score, "both", f.keyword_rank, f.semantic_rank)
            if f.match == "semantic" and f.id in also_keyword
            else f
            for f in all_fused[offset : offset + limit]
        ]
    results = _results(store.conn, run, page)
    shown = {k: v for k, v in _filter_dict(filters).items() if v is not None}
    return SearchPage(query, results, total, limit, offset, run.mode, shown)


class _KeywordRun:
    """The FTS5 side of one search: its match expression, filters, count and ranking."""

    def __init__(self, conn: sqlite3.Connection, parsed: ParsedQuery, filters: ArticleFilters):
        self.conn = conn
        where, params = filters.sql(conn, "a")
        self._where = "".join(f" AND {w}" for w in where)
        self._params = params
        self.mode: Mode = "all"
        self.expression = parsed.to_fts("all")
        self.total = self._count()
        if self.total == 0 and len(parsed.include) > 1:
            self.mode = "any"
            self.expression = parsed.to_fts("any")
            self.total = self._count()

    def _count(self) -> int:
        sql = (
            "SELECT COUNT(*) FROM articles_fts f JOIN articles a ON a.id = f.id "
            f"WHERE articles_fts MATCH ?{self._where}"
        )
        return int(self.conn.execute(sql, [self.expression, *self._params]).fetchone()[0])

    def ranked(self, limit: int, offset: int) -> list[str]:
        """Ids of matching articles, best BM25 first."""
        sql = (
            f"SELECT f.id FROM articles_fts f JOIN articles a ON a.id = f.id "
            f"WHERE articles_fts MATCH ?{self._where} ORDER BY {_BM25}, a.seq LIMIT ? OFFSET ?"
        )
        rows = self.conn.execute(sql, [self.expression, *self._params, limit, offset])
        return [str(r[0]) for r in rows]

    def matching(self, ids: list[str]) -> set[str]:
        """Which of ``ids`` the keyword query matches (at any rank)."""
        if not ids:
            return set()
        marks = ",".join("?" * len(ids))
        sql = f"SELECT f.id FROM articles_fts f WHERE articles_fts MATCH ? AND f.id IN ({marks})"
        return {str(r[0]) for r in self.conn.execute(sql, [self.expression, *ids])}

    def snippets(self, ids: list[str]) -> dict[str, tuple[str, float]]:
        """Sentinel-marked snippet and BM25 score (higher is better) of matching ``ids``."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        sql = (
            f"SELECT f.id, {_SNIPPET}, {_BM25} FROM articles_fts f "
            f"WHERE articles_fts MATCH ? AND f.id IN ({marks})"
        )
        rows = self.conn.execute(sql, [self.expression, *ids])
        return {str(r[0]): (str(r[1]), -float(r[2])) for r in rows}


def _filtered_ids(conn: sqlite3.Connection, ids: list[str], filters: ArticleFilters) -> list[str]:
    """``ids`` that exist and pass the filters, in their given order."""
    if not ids:
        return []
    ids = list(dict.fromkeys(ids))
    where, params = filters.sql(conn, "a")
    marks = ",".join("?" * len(ids))
    cond = "".join(f" AND {w}" for w in where)
    sql = f"SELECT a.id FROM articles a WHERE a.id IN ({marks}){cond}"
    keep = {str(r[0]) for r in conn.execute(sql, [*ids, *params])}
    return [i for i in ids if i in keep]


def _results(conn: sqlite3.Connection, run: _KeywordRun, page: list[Fused]) -> list[dict[str, Any]]:
    ids = [f.id for f in page]
    if not ids:
        return []
    story_col = (
        "(SELECT story_id FROM story_articles s WHERE s.article_id = a.id)"
        if has_columns(conn, "story_articles", ("article_id", "story_id"))
        else "NULL"
    )
    marks = ",".join("?" * len(ids))
    rows = {
        str(r["id"]): r
        for r in conn.execute(
            f"""SELECT a.id, a.source, a.lang, a.title, a.published, a.url,
                       substr(a.clean_text, 1, 1000) AS head, {story_col} AS story_id
                FROM articles a WHERE a.id IN ({marks})""",
            ids,
        )
    }
    snippets = run.snippets([f.id for f in page if f.match != "semantic"])
    results: list[dict[str, Any]] = []
    for f in page:
        row = rows.get(f.id)
        if row is None:
            continue
        marked, bm25 = snippets.get(f.id, ("", None))
        if marked:
            text, spans = split_marked(_tidy(marked))
        else:
            text, spans = lead(row["head"]), []
        results.append(
            {
                "id": row["id"],
                "source": row["source"],
                "lang": row["lang"],
                "title": row["title"],
                "published": row["published"],
                "url": row["url"],
                "story_id": row["story_id"],
                "score": round(f.score, 6),
                "match": f.match,
                "bm25": round(bm25, 4) if bm25 is not None else None,
                "keyword_rank": f.keyword_rank,
                "semantic_rank": f.semantic_rank,
                "snippet": text,
                "highlights": [list(s) for s in spans],
                "snippet_html": marked_html(text, spans),
            }
        )
    return results


def _tidy(text: str) -> str:
    """Spaces collapsed within lines, one newline between paragraphs (kept so that each
    paragraph of a mixed-language snippet can take its own direction)."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _filter_dict(filters: ArticleFilters) -> dict[str, str | None]:
    return {
        "lang": filters.lang,
        "from": filters.date_from,
        "to": filters.date_to,
        "entity": filters.entity,
        "story": filters.story,
    }
