"""``/api/articles``: paginated, filterable listing and one article in full."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from newsweave.api.deps import FiltersDep, PageDep, StoreDep
from newsweave.search.browse import Order, list_articles
from newsweave.views import article_view

router = APIRouter(prefix="/api/articles", tags=["articles"])


@router.get("", summary="List articles")
def get_articles(
    store: StoreDep,
    page: PageDep,
    filters: FiltersDep,
    order: Annotated[
        Order,
        Query(
            description="recent: last ingested first; published: newest news first; "
            "ingested: ingest order."
        ),
    ] = "recent",
) -> dict[str, Any]:
    """Stored articles (short view), filtered by language, dates, story or entity."""
    result = list_articles(store.conn, filters, order=order, limit=page.limit, offset=page.offset)
    return {
        "total": result.total,
        "limit": result.limit,
        "offset": result.offset,
        "next_offset": result.next_offset,
        "items": [article_view(a) for a in result.items],
    }


@router.get("/{article_id}", summary="One article in full")
def get_article(store: StoreDep, article_id: str) -> dict[str, Any]:
    """An article by id (or unique prefix): original and cleaned text, removed noise,
    paragraph languages, metadata."""
    return article_view(store.get_article(article_id), full=True)
