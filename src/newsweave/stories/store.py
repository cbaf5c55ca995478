"""Stories in SQLite: write decisions, read stories with their articles and evidence."""

from __future__ import annotations

import json
import math
import sqlite3
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from newsweave.errors import NotFoundError
from newsweave.stories.cluster import Decision, Link


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _link_dict(link: Link) -> dict[str, Any]:
    return {
        "article": link.other,
        "score": round(link.score, 4),
        "signals": {k: round(v, 4) for k, v in link.signals.items() if not math.isnan(v)},
        **link.evidence,
    }


def save_decision(conn: sqlite3.Connection, decision: Decision) -> None:
    """Record one clustering decision (called inside the store's write transaction)."""
    now = _now()
    if decision.new_story:
        conn.execute(
            "INSERT OR IGNORE INTO stories (id, title, created_at) VALUES (?, NULL, ?)",
            (decision.story_id, now),
        )
    for merged in decision.merged:
        conn.execute(
            "UPDATE story_articles SET story_id = ? WHERE story_id = ?",
            (decision.story_id, merged),
        )
        conn.execute("UPDATE stories SET merged_into = ? WHERE id = ?", (decision.story_id, merged))
        conn.execute(
            "INSERT INTO story_merges (story_id, merged_id, article_id, at) VALUES (?,?,?,?)",
            (decision.story_id, merged, decision.article_id, now),
        )
        _repoint_links(conn, merged, decision.story_id)
    seq = conn.execute("SELECT COALESCE(MAX(decision_seq), 0) + 1 FROM story_articles").fetchone()[
        0
    ]
    conn.execute(
        """INSERT OR REPLACE INTO story_articles
           (article_id, story_id, score, new_story, evidence, decided_at, decision_seq)
           VALUES (?,?,?,?,?,?,?)""",
        (
            decision.article_id,
            decision.story_id,
            decision.score,
            int(decision.new_story),
            json.dumps([_link_dict(lk) for lk in decision.links], ensure_ascii=False),
            now,
            seq,
        ),
    )
    for other, score in decision.related.items():
        a, b = sorted((decision.story_id, other))
        conn.execute(
            """INSERT INTO story_links (a, b, score, evidence) VALUES (?,?,?,?)
               ON CONFLICT(a, b) DO UPDATE SET score = MAX(score, excluded.score)""",
            (a, b, score, json.dumps({"article": decision.article_id})),
        )


def _repoint_links(conn: sqlite3.Connection, old: str, new: str) -> None:
    rows = conn.execute(
        "SELECT a, b, score, evidence FROM story_links WHERE a = ? OR b = ?", (old, old)
    ).fetchall()
    conn.execute("DELETE FROM story_links WHERE a = ? OR b = ?", (old, old))
    for a, b, score, evidence in rows:
        other = b if a == old else a
        if other == new:
            continue
        x, y = sorted((new, other))
        conn.execute(
            """INSERT INTO story_links (a, b, score, evidence) VALUES (?,?,?,?)
               ON CONFLICT(a, b) DO UPDATE SET score = MAX(score, excluded.score)""",
            (x, y, score, evidence),
        )


def clear_stories(conn: sqlite3.Connection) -> None:
    """Forget every story (before re-clustering from scratch)."""
    for table in ("story_articles", "story_links", "story_merges", "stories"):
        conn.execute(f"DELETE FROM {table}")


def assignments(conn: sqlite3.Connection) -> dict[str, str]:
    """article id -> story id, for every clustered article."""
    return {r[0]: r[1] for r in conn.execute("SELECT article_id, story_id FROM story_articles")}


def _story_articles(conn: sqlite3.Connection, story_id: str) -> list[sqlite3.Row]:
    return conn.execute(
        """SELECT a.id, a.source, a.lang, a.title, a.published, a.published_from, a.url,
                  sa.score, sa.new_story, sa.evidence, sa.decision_seq
           FROM story_articles sa JOIN articles a ON a.id = sa.article_id
           WHERE sa.story_id = ?
           ORDER BY a.published IS NULL, a.published, sa.decision_seq""",
        (story_id,),
    ).fetchall()


def _title(rows: list[sqlite3.Row]) -> str:
    titled = [r for r in rows if r["title"]]
    english = [r for r in titled if r["lang"] == "en"]
    pick = (english or titled or rows)[0]
    return str(pick["title"] or pick["source"])


def story_view(conn: sqlite3.Connection, story_id: str, *, detail: bool = False) -> dict[str, Any]:
    """A story as JSON: id, title, languages, articles (id, source, lang, ...), dates, links."""
    rows = _story_articles(conn, story_id)
    if not rows:
        raise NotFoundError(f"{story_id}: no such story (see `newsweave stories`)")
    langs = Counter(r["lang"] or "?" for r in rows)
    dates = sorted(r["published"] for r in rows if r["published"])
    related = [
        {"id": (b if a == story_id else a), "score": round(score, 4)}
        for a, b, score in conn.execute(
            "SELECT a, b, score FROM story_links WHERE a = ? OR b = ? ORDER BY score DESC",
            (story_id, story_id),
        )
    ]
    view: dict[str, Any] = {
        "id": story_id,
        "title": _title(rows),
        "languages": [k for k, _ in langs.most_common()],
        "n_articles": len(rows),
        "first_seen": dates[0] if dates else None,
        "last_seen": dates[-1] if dates else None,
        "articles": [
            {
                "id": r["id"],
                "source": r["source"],
                "lang": r["lang"],
                "title": r["title"],
                "published": r["published"],
            }
            for r in rows
        ],
        "related": related,
    }
    if detail:
        view["why"] = [
            {
                "article": r["id"],
                "joined": not r["new_story"],
                "score": round(r["score"], 4),
                "links": json.loads(r["evidence"]),
            }
            for r in rows
        ]
        view["merges"] = [
            {"merged": m, "by_article": a, "at": at}
            for m, a, at in conn.execute(
                "SELECT merged_id, article_id, at FROM story_merges WHERE story_id = ? ORDER BY id",
                (story_id,),
            )
        ]
    return view


def list_story_ids(conn: sqlite3.Connection) -> list[str]:
    """Live story ids, largest first, then most recent."""
    rows = conn.execute(
        """SELECT sa.story_id, COUNT(*) AS n, MAX(a.published) AS last
           FROM story_articles sa JOIN articles a ON a.id = sa.article_id
           GROUP BY sa.story_id ORDER BY n DESC, last IS NULL, last DESC, sa.story_id"""
    ).fetchall()
    return [r[0] for r in rows]


def resolve_story_id(conn: sqlite3.Connection, ref: str) -> str:
    """A story id from an id, a unique prefix, or an article id inside the story."""
    if conn.execute("SELECT 1 FROM story_articles WHERE story_id = ?", (ref,)).fetchone():
        return ref
    row = conn.execute(
        "SELECT story_id FROM story_articles WHERE article_id = ?", (ref,)
    ).fetchone()
    if row:
        return str(row[0])
    rows = conn.execute(
        "SELECT DISTINCT story_id FROM story_articles WHERE story_id LIKE ? || '%' LIMIT 2", (ref,)
    ).fetchall()
    if len(rows) == 1:
        return str(rows[0][0])
    if len(rows) > 1:
        raise NotFoundError(f"{ref}: ambiguous story id prefix; give more of it")
    merged = conn.execute("SELECT merged_into FROM stories WHERE id = ?", (ref,)).fetchone()
    if merged and merged[0]:
        return resolve_story_id(conn, merged[0])
    raise NotFoundError(f"{ref}: no such story (see `newsweave stories`)")
