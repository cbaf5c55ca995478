"""The search page: a query form and highlighted results."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import HTMLResponse

from newsweave.api.deps import FiltersDep, PageDep, SettingsDep, StoreDep
from newsweave.errors import NewsweaveError
from newsweave.search.browse import language_counts
from newsweave.search.engine import search_page
from newsweave.web.paging import page_links
from newsweave.web.render import render

router = APIRouter(include_in_schema=False)


@router.get("/search", response_class=HTMLResponse)
def search_view(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    page: PageDep,
    filters: FiltersDep,
    q: Annotated[str, Query(max_length=1000)] = "",
) -> HTMLResponse:
    context = {
        "q": q,
        "filters": filters,
        "languages": language_counts(store.conn),
        "result": None,
        "links": None,
        "error": None,
    }
    if not q.strip():
        return render(request, "search.html", context)
    try:
        result = search_page(
            store,
            q,
            lang=filters.lang,
            date_from=filters.date_from,
            date_to=filters.date_to,
            entity=filters.entity,
            story=filters.story,
            limit=page.limit,
            offset=page.offset,
            semantic=settings.semantic,
        )
    except NewsweaveError as exc:
        context["error"] = str(exc)
        return render(request, "search.html", context, status_code=400)
    context["result"] = result
    context["links"] = page_links(
        request,
        total=result.total,
        limit=result.limit,
        offset=result.offset,
        shown=len(result.results),
    )
    return render(request, "search.html", context)
