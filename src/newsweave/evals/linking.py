"""What bounded registry reads change in entity linking, on real articles.

The distinct articles of a SemEval-2022 Task 8 CSV go through the default pipeline (its
own NER) and are then linked in order into two fresh registries:

- ``bounded``, as an ingest links: each name's blocks are read from the smallest up
  within the registry's budget, and each name is compared only with the people found
  under its own keys;
- ``wide``: every block of every name is read, and each name is compared with every
  person handed over for the article.

The report gives how many mentions get the same entity in both, the mentions that
differ, and the linking time per article (link and save) as the registry grows::

    newsweave eval linking --data ../shared/bench/semeval2022t8_dev.csv --json
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from newsweave.article import Article
from newsweave.entities.mentions import MentionIn
from newsweave.entities.registry import BLOCK_BUDGET, ENTITY_MIGRATIONS, link_article_mentions
from newsweave.evals.similarity import load_pairs

#: ``progress(step, done, total)``
Progress = Callable[[str, int, int], None]
#: Articles per row of the timing report.
STEP = 400
#: Budget standing for "no budget": more spellings than any registry block holds.
UNBOUNDED = 1 << 40


def distinct_articles(csv_path: Path, limit: int | None = None) -> list[Article]:
    """The distinct texts of a SemEval-2022 Task 8 CSV, in order of first appearance."""
    seen: dict[str, Article] = {}
    for pair in load_pairs(csv_path):
        for n, (text, lang) in enumerate(((pair.text1, pair.lang1), (pair.text2, pair.lang2))):
            if text.strip() and text not in seen:
                seen[text] = Article(text=text, source=f"semeval:{pair.pair_id}:{n + 1}", lang=lang)
        if limit is not None and len(seen) >= limit:
            break
    return list(seen.values())[:limit]


def _registry(path: Path) -> sqlite3.Connection:
    """A database holding only the registry's tables (mentions point at article ids that
    are not stored here: foreign keys stay off)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    for _name, sql in ENTITY_MIGRATIONS:
        conn.executescript(sql)
    return conn


def link_in_order(
    mentions: Sequence[tuple[str, list[MentionIn]]], path: Path, *, bounded: bool
) -> tuple[dict[tuple[str, int, int], str], list[float]]:
    """Link each article's mentions in order into a fresh registry at ``path``: the
    entity of every mention, and the seconds each article took (link and save)."""
    conn = _registry(path)
    entity_of: dict[tuple[str, int, int], str] = {}
    seconds: list[float] = []
    try:
        for article_id, found in mentions:
            if not found:
                continue
            start = time.perf_counter()
            with conn:
                conn.execute("BEGIN")
                resolved = link_article_mentions(
                    conn, found, budget=None if bounded else UNBOUNDED, own_keys=bounded
                )
            seconds.append(time.perf_counter() - start)
            for r in resolved:
                entity_of[(article_id, r.mention.start, r.mention.end)] = r.entity_id
    finally:
        conn.close()
    return entity_of, seconds


def _per_step(seconds: Sequence[float]) -> list[float]:
    return [
        round(statistics.fmean(seconds[i : i + STEP]) * 1000, 1)
        for i in range(0, len(seconds), STEP)
    ]


def evaluate_linking(
    csv_path: Path, *, limit: int | None = None, progress: Progress | None = None
) -> dict[str, Any]:
    """Bounded against wide registry reads on the articles of ``csv_path`` (see the module
    docstring)."""
    from newsweave.bench import in_fresh_process
    from newsweave.pipeline import Pipeline

    articles = distinct_articles(csv_path, limit)
    pipeline = Pipeline.from_names()
    mentions: list[tuple[str, list[MentionIn]]] = []
    failed = 0
    for i, article in enumerate(articles):
        try:
            done = pipeline(article)
        except Exception:  # one unreadable article never stops the measurement
            failed += 1
            continue
        mentions.append((done.id, list(done.mentions)))
        if progress:
            progress("recognising", i + 1, len(articles))
    text_of = {(aid, m.start, m.end): m.text for aid, found in mentions for m in found}
    # each way links in a fresh process, so neither finds names the other compared (or
    # romanised) already remembered
    with tempfile.TemporaryDirectory() as tmp:
        if progress:
            progress("linking, bounded", 0, 2)
        bounded, bounded_s = in_fresh_process(
            link_in_order, mentions, Path(tmp) / "bounded.db", bounded=True
        )
        if progress:
            progress("linking, wide", 1, 2)
        wide, wide_s = in_fresh_process(
            link_in_order, mentions, Path(tmp) / "wide.db", bounded=False
        )
    differ = sorted(k for k in bounded if bounded[k] != wide.get(k))
    return {
        "articles": len(mentions),
        "failed": failed,
        "mentions": len(bounded),
        "same_entity": len(bounded) - len(differ),
        "same_entity_share": round(1 - len(differ) / len(bounded), 5) if bounded else None,
        "budget": BLOCK_BUDGET,
        "differences": [
            {
                "article": k[0],
                "text": text_of.get(k, ""),
                "bounded": bounded[k],
                "wide": wide.get(k),
            }
            for k in differ[:50]
        ],
        "ms_per_article": {
            "step": STEP,
            "bounded": _per_step(bounded_s),
            "wide": _per_step(wide_s),
        },
    }
