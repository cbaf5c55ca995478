"""``/api/stories``: stories, largest first, and one story with its evidence and figures."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from newsweave.api.deps import PageDep, StoreDep
from newsweave.api.listing import paged
from newsweave.api.story_data import stories_in_language, story_detail
from newsweave.stories.store import list_story_ids, resolve_story_id, story_view

router = APIRouter(prefix="/api/stories", tags=["stories"])


@router.get("", summary="List stories")
def get_stories(
    store: StoreDep,
    page: PageDep,
    lang: Annotated[
        str | None,
        Query(max_length=8, description="Only stories with an article in this language."),
    ] = None,
) -> dict[str, Any]:
    """Stories, largest first, then most recent. ``items`` are the objects
    ``newsweave stories --json`` prints (id, title, languages, n_articles, first_seen,
    last_seen, articles, related)."""
    ids = list_story_ids(store.conn)
    code = (lang or "").strip().lower()
    if code:
        wanted = stories_in_language(store.conn, code)
        ids = [sid for sid in ids if sid in wanted]
    result = paged(ids, page)
    result["items"] = [story_view(store.conn, sid) for sid in result["items"]]
    return result


@router.get("/{story_id}", summary="One story in full")
def get_story(store: StoreDep, story_id: str) -> dict[str, Any]:
    """A story by id, unique id prefix, or the id of one of its articles: the object
    ``newsweave story ID --json`` prints (with ``why`` and ``merges``), plus its claim
    ``ledger`` (as ``newsweave ledger --story ID --json``), the ``entities`` its articles
    name, and its ``quotes`` (as ``newsweave quotes --story ID --json``)."""
    return story_detail(store.conn, resolve_story_id(store.conn, story_id))
