"""``/api/facts``: the figures found in stored articles, each with its sentence."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from newsweave.api.deps import PageDep, StoreDep
from newsweave.api.listing import paged
from newsweave.api.story_data import story_scope
from newsweave.facts.storage import fact_rows

router = APIRouter(prefix="/api", tags=["facts"])

FactKind = Literal["count", "money", "percent", "quantity", "year", "date"]


@router.get("/facts", summary="List facts")
def get_facts(
    store: StoreDep,
    page: PageDep,
    story: Annotated[
        str | None, Query(max_length=200, description="Only this story (id, prefix or article id).")
    ] = None,
    kind: Annotated[FactKind | None, Query(description="Only figures of this kind.")] = None,
    lang: Annotated[str | None, Query(max_length=8, description="Only this language.")] = None,
) -> dict[str, Any]:
    """Figures in ingest order. ``items`` are the objects ``newsweave facts --json``
    prints (kind, value, unit, raw, sentence, lang, article, source, published, …)."""
    ids = story_scope(store.conn, story.strip())[1] if story and story.strip() else None
    rows = fact_rows(store.conn, article_ids=ids, kind=kind)
    code = (lang or "").strip().lower()
    if code:
        rows = [r for r in rows if r["lang"] == code]
    return paged(rows, page)
