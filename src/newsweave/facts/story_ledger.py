"""The claim ledger of stored stories: stored facts of a story and its related stories, judged.

A ledger lives inside a story; figures of linked (related) stories join it, because the
same quantity is often reported in coverage the clusterer kept apart (an anniversary
piece quoting last year's toll). Items say which story they came from.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from newsweave.facts.ledger import LedgerItem, build_ledger, entry_view
from newsweave.facts.storage import facts_of
from newsweave.stories.store import list_story_ids


def _members(conn: sqlite3.Connection, story_ids: list[str]) -> list[sqlite3.Row]:
    marks = ",".join("?" * len(story_ids))
    return conn.execute(
        f"""SELECT a.id, a.source, a.lang, a.published, a.published_from, sa.story_id
            FROM story_articles sa JOIN articles a ON a.id = sa.article_id
            WHERE sa.story_id IN ({marks}) ORDER BY a.seq""",
        story_ids,
    ).fetchall()


def related_story_ids(conn: sqlite3.Connection, story_id: str) -> list[str]:
    """Stories linked to ``story_id`` as related (not the same story)."""
    rows = conn.execute(
        "SELECT a, b FROM story_links WHERE a = ? OR b = ? ORDER BY score DESC",
        (story_id, story_id),
    ).fetchall()
    live = set(list_story_ids(conn))
    return [b if a == story_id else a for a, b in rows if (b if a == story_id else a) in live]


def ledger_items(
    conn: sqlite3.Connection, story_id: str, *, with_related: bool = True
) -> list[LedgerItem]:
    """Every stored fact of the story (and of its related stories) as a ledger item."""
    ids = [story_id, *(related_story_ids(conn, story_id) if with_related else [])]
    # the story's own figures first, so that they form the groups related figures join
    rows = sorted(_members(conn, ids), key=lambda r: r["story_id"] != story_id)
    facts = facts_of(conn, [r["id"] for r in rows])
    items: list[LedgerItem] = []
    for r in rows:
        for fact in facts[r["id"]]:
            items.append(
                LedgerItem(
                    fact=fact,
                    article_id=r["id"],
                    source=r["source"],
                    lang=r["lang"],
                    published=r["published"],
                    published_from=r["published_from"],
                    story_id=r["story_id"],
                )
            )
    return items


def story_ledger(
    conn: sqlite3.Connection, story_id: str, *, with_related: bool = True
) -> list[dict[str, Any]]:
    """The judged ledger entries of one story, as JSON-ready dicts (``verdict``, ``items``…)."""
    entries = build_ledger(ledger_items(conn, story_id, with_related=with_related))
    out = []
    for entry in entries:
        view = entry_view(entry)
        view["story"] = story_id
        out.append(view)
    return out


def all_ledgers(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Ledger entries of every story with figures from two or more articles.

    An entry that a related story would repeat (same verdict, same items) is shown once.
    """
    seen: set[tuple[str, frozenset[tuple[str, str]]]] = set()
    out: list[dict[str, Any]] = []
    for sid in list_story_ids(conn):
        for view in story_ledger(conn, sid):
            key = (
                view["verdict"],
                frozenset((i["article"], i["raw"]) for i in view["items"]),
            )
            if key in seen:
                continue
            seen.add(key)
            out.append(view)
    return out
