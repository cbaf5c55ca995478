"""Entity pages: every entity, and one entity with all its spellings and its mentions by
language over time."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import HTMLResponse

from newsweave.api.deps import PageDep, StoreDep
from newsweave.api.listing import paged
from newsweave.api.story_data import stories_of_articles, story_summaries
from newsweave.entities.registry import find_entity, list_entities
from newsweave.errors import NotFoundError
from newsweave.facts.storage import quote_rows
from newsweave.search.browse import list_articles
from newsweave.search.filters import ArticleFilters
from newsweave.web.paging import page_links
from newsweave.web.render import render

router = APIRouter(include_in_schema=False)

ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")
TYPE_NAMES = {"PER": "people", "ORG": "organisations", "LOC": "places", "MISC": "other"}
UNDATED = "undated"
ENTITY_STORIES = 10


def _card(entity: dict[str, Any]) -> dict[str, Any]:
    langs = Counter(m["lang"] or "?" for m in entity["mentions"])
    forms = list(dict.fromkeys(f["form"] for f in entity["forms"]))
    return {
        "id": entity["id"],
        "name": entity["name"],
        "type": entity["type"],
        "mentions": entity["mention_count"],
        "languages": [code for code, _ in langs.most_common()],
        "forms": forms[:8],
        "more_forms": max(0, len(forms) - 8),
    }


@router.get("/entities", response_class=HTMLResponse)
def entities_page(
    request: Request,
    store: StoreDep,
    page: PageDep,
    type: Annotated[str, Query(max_length=8)] = "",
) -> HTMLResponse:
    chosen = type.strip().upper()
    if chosen not in ENTITY_TYPES:
        chosen = ""
    result = paged(list_entities(store.conn, chosen or None), page)
    cards = [_card(e) for e in result["items"]]
    links = page_links(
        request, total=result["total"], limit=page.limit, offset=page.offset, shown=len(cards)
    )
    return render(
        request,
        "entities.html",
        {
            "entities": cards,
            "total": result["total"],
            "links": links,
            "type": chosen,
            "types": TYPE_NAMES,
        },
    )


def _published(conn: sqlite3.Connection, article_ids: Sequence[str]) -> dict[str, str | None]:
    if not article_ids:
        return {}
    marks = ",".join("?" * len(article_ids))
    rows = conn.execute(
        f"SELECT id, published FROM articles WHERE id IN ({marks})", list(article_ids)
    )
    return {r[0]: r[1] for r in rows}


def mention_timeline(
    mentions: Sequence[dict[str, Any]], published: dict[str, str | None]
) -> dict[str, Any]:
    """Mentions counted by month of their article's publication and by language.

    ``periods`` are months (``YYYY-MM``) in order, then ``undated``; ``languages`` are the
    languages most mentions are in first; ``counts[period][lang]`` the number; ``max`` the
    largest count (the scale of the page's bars).
    """
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    by_lang: Counter[str] = Counter()
    for m in mentions:
        day = published.get(m["article_id"])
        period = day[:7] if day else UNDATED
        lang = m["lang"] or "?"
        counts[period][lang] += 1
        by_lang[lang] += 1
    periods = sorted(p for p in counts if p != UNDATED) + ([UNDATED] if UNDATED in counts else [])
    return {
        "periods": periods,
        "languages": [code for code, _ in by_lang.most_common()],
        "counts": {p: dict(counts[p]) for p in periods},
        "max": max((n for c in counts.values() for n in c.values()), default=0),
    }


@router.get("/entities/{name_or_id:path}", response_class=HTMLResponse)
def entity_page(request: Request, store: StoreDep, page: PageDep, name_or_id: str) -> HTMLResponse:
    found = find_entity(store.conn, name_or_id)
    if found is None:
        raise NotFoundError(f"{name_or_id}: no entity has this name or id")
    article_ids = list(dict.fromkeys(m["article_id"] for m in found["mentions"]))
    entity = {
        "id": found["id"],
        "name": found["name"],
        "type": found["type"],
        "mentions": len(found["mentions"]),
        "spellings": [
            {"text": f["form"], "lang": f["lang"], "script": f["script"], "count": f["count"]}
            for f in found["forms"]
        ],
        "others": [
            {"id": o["id"], "name": o["name"], "type": o["type"]}
            for o in (find_entity(store.conn, other) for other in found["others"])
            if o is not None
        ],
    }
    articles = list_articles(
        store.conn,
        ArticleFilters(entity=found["id"]),
        order="published",
        limit=page.limit,
        offset=page.offset,
    )
    links = page_links(
        request,
        total=articles.total,
        limit=articles.limit,
        offset=articles.offset,
        shown=len(articles.items),
    )
    stories = story_summaries(store.conn, stories_of_articles(store.conn, article_ids))
    return render(
        request,
        "entity.html",
        {
            "entity": entity,
            "timeline": mention_timeline(found["mentions"], _published(store.conn, article_ids)),
            "articles": articles.items,
            "total_articles": articles.total,
            "links": links,
            "stories": stories[:ENTITY_STORIES],
            "more_stories": max(0, len(stories) - ENTITY_STORIES),
            "quotes": quote_rows(store.conn, speaker=found["id"]) if found["type"] == "PER" else [],
        },
    )
