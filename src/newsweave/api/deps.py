"""What endpoints receive: the app's settings, a database handle per request, a page."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Query, Request

from newsweave.search.filters import ArticleFilters
from newsweave.search.fusion import SemanticSearcher
from newsweave.store import Store

DEFAULT_LIMIT = 20
MAX_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Settings:
    """How this app was created: its database, where it listens, its optional searcher."""

    db_path: Path
    bind_host: str | None = None
    reads_need_token: bool = False
    semantic: SemanticSearcher | None = None


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_store(settings: Annotated[Settings, Depends(get_settings)]) -> Iterator[Store]:
    """A Store opened for this request and closed after it.

    Each request gets its own SQLite connection, so requests served on different threads
    never share one; WAL lets them read while an ingest writes.
    """
    store = Store(settings.db_path)
    try:
        yield store
    finally:
        store.close()


@dataclass(frozen=True, slots=True)
class Page:
    """Pagination of a listing: at most ``limit`` items from ``offset``."""

    limit: int
    offset: int


def get_page(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, description="Items to skip.")] = 0,
) -> Page:
    return Page(limit=limit, offset=offset)


StoreDep = Annotated[Store, Depends(get_store)]
PageDep = Annotated[Page, Depends(get_page)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_filters(
    lang: Annotated[str | None, Query(description="Only this language (ISO 639-1).")] = None,
    date_from: Annotated[
        str | None, Query(alias="from", description="Published on or after (YYYY[-MM[-DD]]).")
    ] = None,
    date_to: Annotated[
        str | None, Query(alias="to", description="Published on or before (YYYY[-MM[-DD]]).")
    ] = None,
    entity: Annotated[
        str | None, Query(description="Only articles mentioning this entity id.")
    ] = None,
    story: Annotated[str | None, Query(description="Only articles of this story id.")] = None,
) -> ArticleFilters:
    """Filters from the query string; empty values (as HTML forms send them) mean none."""
    return ArticleFilters(
        lang=(lang or "").strip().lower() or None,
        date_from=(date_from or "").strip() or None,
        date_to=(date_to or "").strip() or None,
        entity=(entity or "").strip() or None,
        story=(story or "").strip() or None,
    )


FiltersDep = Annotated[ArticleFilters, Depends(get_filters)]
