"""``/api/search``: keyword (and, when configured, semantic) search over articles."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from newsweave.api.deps import FiltersDep, PageDep, SettingsDep, StoreDep
from newsweave.search.engine import search_page

router = APIRouter(prefix="/api", tags=["search"])


@router.get("/search", summary="Search articles")
def get_search(
    store: StoreDep,
    settings: SettingsDep,
    page: PageDep,
    filters: FiltersDep,
    q: Annotated[str, Query(min_length=1, max_length=1000, description="What to look for.")],
) -> dict[str, Any]:
    """Articles matching ``q``, best first, with highlighted snippets.

    Words are matched whole (all of them, or any of them when no article has all:
    ``mode`` says which); ``"a phrase"`` in quotes matches as a phrase and ``-word``
    excludes. ``results`` are the objects ``newsweave search --json`` prints.
    """
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
    return result.as_dict()
