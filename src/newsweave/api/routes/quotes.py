"""``/api/quotes``: who said what, direct and reported speech."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from newsweave.api.deps import PageDep, StoreDep
from newsweave.api.listing import paged
from newsweave.api.story_data import story_scope
from newsweave.facts.storage import quote_rows

router = APIRouter(prefix="/api", tags=["quotes"])


@router.get("/quotes", summary="List quotes")
def get_quotes(
    store: StoreDep,
    page: PageDep,
    story: Annotated[
        str | None, Query(max_length=200, description="Only this story (id, prefix or article id).")
    ] = None,
    speaker: Annotated[
        str | None, Query(max_length=200, description="Only this speaker (entity id or name).")
    ] = None,
    lang: Annotated[str | None, Query(max_length=8, description="Only this language.")] = None,
) -> dict[str, Any]:
    """Quotes in ingest order. ``items`` are the objects ``newsweave quotes --json`` prints
    (speaker, speaker_entity, text, kind, cue, source, lang, article, published, …)."""
    ids = story_scope(store.conn, story.strip())[1] if story and story.strip() else None
    rows = quote_rows(store.conn, article_ids=ids, speaker=(speaker or "").strip() or None)
    code = (lang or "").strip().lower()
    if code:
        rows = [r for r in rows if r["lang"] == code]
    return paged(rows, page)
