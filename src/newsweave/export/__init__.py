"""Export stored articles as JSON, JSON Lines, CSV or an Atom feed.

``export(store, "jsonl", out=f)`` writes every article (or only those of one story) in
the shape of :func:`newsweave.views.article_view`, the same one the CLI and the API use.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from typing import Any, Literal, TextIO, get_args

from newsweave.article import Article
from newsweave.export.atom import FeedEntry, write_atom
from newsweave.search.filters import ArticleFilters
from newsweave.store import Store
from newsweave.store.db import article_from_row
from newsweave.views import article_view

ExportFormat = Literal["json", "jsonl", "csv", "rss"]
FORMATS: tuple[str, ...] = get_args(ExportFormat)

# Spreadsheets run a cell that starts with one of these as a formula; such cells get a
# leading apostrophe in CSV exports (article text is untrusted).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export(
    store: Store,
    fmt: ExportFormat,
    story: str | None = None,
    out: TextIO | None = None,
    *,
    limit: int | None = None,
    entry_url: str | None = None,
    self_url: str | None = None,
) -> int:
    """Write the articles (of ``story`` when given) to ``out`` in ``fmt``; return how many.

    JSON and JSON Lines hold full article views (original text, removed noise, paragraph
    languages); CSV holds the short view, one row per article; ``rss`` writes an Atom 1.0
    feed, newest first. ``limit`` keeps the newest articles only. ``entry_url`` and
    ``self_url`` give the feed its links (see :func:`newsweave.export.atom.write_atom`).
    Raises ``FilterUnavailableError`` when ``story`` is given and there are no stories.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    stream = out if out is not None else sys.stdout
    if fmt == "rss":
        entries = (
            FeedEntry(article, ingested_at)
            for article, ingested_at in _rows(store, story, newest_first=True, limit=limit)
        )
        title = f"newsweave · story {story}" if story else "newsweave · articles"
        feed_id = f"urn:newsweave:story:{story}" if story else "urn:newsweave:articles"
        return write_atom(
            entries, stream, title=title, feed_id=feed_id, self_url=self_url, entry_url=entry_url
        )
    articles = (a for a, _ in _rows(store, story, newest_first=limit is not None, limit=limit))
    if fmt == "json":
        return _write_json(articles, stream)
    if fmt == "jsonl":
        count = 0
        for a in articles:
            stream.write(json.dumps(article_view(a, full=True), ensure_ascii=False) + "\n")
            count += 1
        return count
    return _write_csv(articles, stream)


def _rows(
    store: Store, story: str | None, *, newest_first: bool, limit: int | None
) -> Iterator[tuple[Article, str]]:
    where, params = ArticleFilters(story=story).sql(store.conn, "a")
    sql = "SELECT a.* FROM articles a"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY a.seq DESC" if newest_first else " ORDER BY a.seq"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(max(0, limit))
    for row in store.conn.execute(sql, params).fetchall():
        yield article_from_row(row), str(row["ingested_at"])


def _write_json(articles: Iterator[Article], out: TextIO) -> int:
    count = 0
    out.write("[")
    for a in articles:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(article_view(a, full=True), ensure_ascii=False, indent=2))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def csv_cell(value: Any) -> str:
    """A CSV cell: lists joined with ``|``, booleans as true/false, formulas defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = "|".join(str(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _write_csv(articles: Iterator[Article], out: TextIO) -> int:
    writer: Any = None
    count = 0
    for a in articles:
        view = article_view(a)
        if writer is None:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(list(view))
        writer.writerow([csv_cell(v) for v in view.values()])
        count += 1
    if writer is None:
        header = list(article_view(Article(text="", source="")))
        csv.writer(out, lineterminator="\n").writerow(header)
    return count


__all__ = ["FORMATS", "ExportFormat", "csv_cell", "export"]
