"""Article pages: the filtered listing and one article (cleaned and original text, noise)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import HTMLResponse

from newsweave.api.deps import FiltersDep, PageDep, StoreDep
from newsweave.api.story_data import story_of_article
from newsweave.search.browse import ORDERS, Order, language_counts, list_articles
from newsweave.search.filters import FilterError
from newsweave.web.paging import page_links
from newsweave.web.render import render

router = APIRouter(include_in_schema=False)


@router.get("/articles", response_class=HTMLResponse)
def articles_page(
    request: Request,
    store: StoreDep,
    page: PageDep,
    filters: FiltersDep,
    order: Annotated[str, Query()] = "recent",
) -> HTMLResponse:
    chosen: Order = order if order in ORDERS else "recent"
    context = {
        "languages": language_counts(store.conn),
        "filters": filters,
        "order": chosen,
        "page": None,
        "links": None,
        "error": None,
    }
    try:
        result = list_articles(
            store.conn, filters, order=chosen, limit=page.limit, offset=page.offset
        )
    except FilterError as exc:
        context["error"] = str(exc)
        return render(request, "articles.html", context, status_code=400)
    context["page"] = result
    context["links"] = page_links(
        request,
        total=result.total,
        limit=result.limit,
        offset=result.offset,
        shown=len(result.items),
    )
    return render(request, "articles.html", context)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, store: StoreDep, article_id: str) -> HTMLResponse:
    article = store.get_article(article_id)
    story_id = story_of_article(store.conn, article.id)
    return render(request, "article.html", {"article": article, "story_id": story_id})
