"""Browse stored articles without a query: filtered, ordered, paginated listings."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Literal

from newsweave.article import Article
from newsweave.search.filters import ArticleFilters
from newsweave.store.db import article_from_row

Order = Literal["recent", "published", "ingested"]

ORDERS: dict[Order, str] = {
    "recent": "a.seq DESC",  # most recently ingested first
    "published": "a.published IS NULL, a.published DESC, a.seq DESC",  # newest news first
    "ingested": "a.seq",  # ingest order
}
MAX_LIMIT = 200


@dataclass(slots=True)
class ArticlePage:
    """One page of a listing and the number of articles the filters keep."""

    items: list[Article]
    total: int
    limit: int
    offset: int

    @property
    def next_offset(self) -> int | None:
        following = self.offset + len(self.items)
        return following if following < self.total and self.items else None


def list_articles(
    conn: sqlite3.Connection,
    filters: ArticleFilters | None = None,
    *,
    order: Order = "recent",
    limit: int = 20,
    offset: int = 0,
) -> ArticlePage:
    """Articles that pass ``filters``, in ``order``, ``limit`` at a time from ``offset``."""
    if order not in ORDERS:
        raise ValueError(f"unknown order {order!r}; use one of {', '.join(ORDERS)}")
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    where, params = (filters or ArticleFilters()).sql(conn, "a")
    cond = (" WHERE " + " AND ".join(where)) if where else ""
    total = int(conn.execute(f"SELECT COUNT(*) FROM articles a{cond}", params).fetchone()[0])
    rows = conn.execute(
        f"SELECT a.* FROM articles a{cond} ORDER BY {ORDERS[order]} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return ArticlePage([article_from_row(r) for r in rows], total, limit, offset)


def language_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Number of articles per language (``"?"`` for undetected), largest first."""
    rows = conn.execute(
        "SELECT COALESCE(lang, '?') AS k, COUNT(*) AS n FROM articles GROUP BY k ORDER BY n DESC, k"
    )
    return {str(r[0]): int(r[1]) for r in rows}


def recent_by_language(conn: sqlite3.Connection, per_language: int = 5) -> dict[str, list[Article]]:
    """The most recently ingested articles of each language, languages largest first."""
    rows = conn.execute(
        """SELECT * FROM (
               SELECT a.*, ROW_NUMBER() OVER (
                   PARTITION BY COALESCE(a.lang, '?') ORDER BY a.seq DESC) AS nth
               FROM articles a)
           WHERE nth <= ? ORDER BY seq DESC""",
        (per_language,),
    )
    grouped: dict[str, list[Article]] = {k: [] for k in language_counts(conn)}
    for row in rows:
        grouped[row["lang"] or "?"].append(article_from_row(row))
    return grouped
