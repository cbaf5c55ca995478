"""Reads about stories that the API and the pages share.

A story's own view comes from :func:`newsweave.stories.store.story_view`; this module adds
what its articles hold (entities, quotes, the claim ledger), scopes other listings to a
story, and finds the stories of a language or an entity.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from newsweave.errors import NotFoundError
from newsweave.facts.storage import quote_rows
from newsweave.facts.story_ledger import story_ledger
from newsweave.stories.store import resolve_story_id, story_view


def story_scope(conn: sqlite3.Connection, ref: str) -> tuple[str, list[str]]:
    """The story id ``ref`` names (id, unique prefix or article id) and its article ids."""
    story_id = resolve_story_id(conn, ref)
    return story_id, [a["id"] for a in story_view(conn, story_id)["articles"]]


def _marks(values: Sequence[str]) -> str:
    return ",".join("?" * len(values))


def stories_in_language(conn: sqlite3.Connection, lang: str) -> set[str]:
    """Ids of the stories with at least one article in ``lang``."""
    rows = conn.execute(
        """SELECT DISTINCT sa.story_id FROM story_articles sa
           JOIN articles a ON a.id = sa.article_id WHERE a.lang = ?""",
        (lang,),
    )
    return {r[0] for r in rows}


def stories_of_articles(conn: sqlite3.Connection, article_ids: Sequence[str]) -> list[str]:
    """Ids of the stories holding any of these articles, largest story first."""
    if not article_ids:
        return []
    rows = conn.execute(
        f"""SELECT sa.story_id, COUNT(*) AS n FROM story_articles sa
            WHERE sa.story_id IN (SELECT story_id FROM story_articles
                                  WHERE article_id IN ({_marks(article_ids)}))
            GROUP BY sa.story_id ORDER BY n DESC, sa.story_id""",
        list(article_ids),
    )
    return [r[0] for r in rows]


def story_of_article(conn: sqlite3.Connection, article_id: str) -> str | None:
    """The story an article belongs to, or None while it is in none."""
    row = conn.execute(
        "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    return str(row[0]) if row else None


def story_summaries(conn: sqlite3.Connection, story_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Short views (as ``newsweave stories --json``) of the stories that still exist."""
    views: list[dict[str, Any]] = []
    seen: set[str] = set()
    for sid in story_ids:
        try:
            live = resolve_story_id(conn, sid)
        except NotFoundError:
            continue
        if live not in seen:
            seen.add(live)
            views.append(story_view(conn, live))
    return views


def story_entities(conn: sqlite3.Connection, article_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The registry's entities named in these articles, most mentioned first.

    Each: ``id``, ``name``, ``type``, ``mentions`` and ``articles`` (counts within these
    articles) and ``forms``: the spellings used here, each with ``form``, ``lang``,
    ``script`` and ``count``.
    """
    if not article_ids:
        return []
    rows = conn.execute(
        f"""SELECT m.entity_id, e.name, e.type, m.form, m.lang, m.article_id,
                   COALESCE(f.script, '') AS script
            FROM entity_mentions m JOIN entities e ON e.id = m.entity_id
            LEFT JOIN entity_forms f
                   ON f.entity_id = m.entity_id AND f.form = m.form AND f.lang = m.lang
            WHERE m.article_id IN ({_marks(article_ids)})""",
        list(article_ids),
    ).fetchall()
    heads: dict[str, tuple[str, str]] = {}
    forms: dict[str, Counter[tuple[str, str, str]]] = defaultdict(Counter)
    articles: dict[str, set[str]] = defaultdict(set)
    for eid, name, etype, form, lang, article_id, script in rows:
        heads[eid] = (name, etype)
        forms[eid][(form, lang, script)] += 1
        articles[eid].add(article_id)
    out = [
        {
            "id": eid,
            "name": name,
            "type": etype,
            "mentions": sum(forms[eid].values()),
            "articles": len(articles[eid]),
            "forms": [
                {"form": form, "lang": lang, "script": script, "count": n}
                for (form, lang, script), n in sorted(
                    forms[eid].items(), key=lambda kv: (-kv[1], kv[0])
                )
            ],
        }
        for eid, (name, etype) in heads.items()
    ]
    return sorted(out, key=lambda e: (-e["mentions"], e["name"]))


def story_detail(conn: sqlite3.Connection, story_id: str) -> dict[str, Any]:
    """``newsweave story ID --json`` plus the story's ``ledger``, ``entities`` and ``quotes``."""
    view = story_view(conn, story_id, detail=True)
    ids = [a["id"] for a in view["articles"]]
    view["ledger"] = story_ledger(conn, story_id)
    view["entities"] = story_entities(conn, ids)
    view["quotes"] = quote_rows(conn, article_ids=ids)
    return view
