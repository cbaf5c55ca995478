"""``/api/entities``: people, organisations and places, and one entity with its mentions."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from newsweave.api.deps import PageDep, StoreDep
from newsweave.api.listing import paged
from newsweave.api.story_data import story_scope
from newsweave.entities.registry import find_entity, list_entities
from newsweave.errors import NotFoundError

router = APIRouter(prefix="/api/entities", tags=["entities"])

EntityType = Literal["PER", "ORG", "LOC", "MISC"]


@router.get("", summary="List entities")
def get_entities(
    store: StoreDep,
    page: PageDep,
    type: Annotated[EntityType | None, Query(description="Only this type.")] = None,
    lang: Annotated[
        str | None, Query(max_length=8, description="Only entities named in this language.")
    ] = None,
    story: Annotated[
        str | None, Query(max_length=200, description="Only entities named in this story.")
    ] = None,
) -> dict[str, Any]:
    """Entities, most mentioned first. ``items`` are the objects ``newsweave entities
    --json`` prints (id, name, type, place_id, mention_count, forms, mentions)."""
    rows = list_entities(store.conn, type)
    code = (lang or "").strip().lower()
    if code:
        rows = [e for e in rows if any(m["lang"] == code for m in e["mentions"])]
    if story and story.strip():
        _, ids = story_scope(store.conn, story.strip())
        members = set(ids)
        rows = [e for e in rows if any(m["article_id"] in members for m in e["mentions"])]
    return paged(rows, page)


@router.get("/{name_or_id:path}", summary="One entity")
def get_entity(store: StoreDep, name_or_id: str) -> dict[str, Any]:
    """An entity by id or by any of its spellings, in any script: the object ``newsweave
    entity X --json`` prints (forms, mentions, by_language, others)."""
    found = find_entity(store.conn, name_or_id)
    if found is None:
        raise NotFoundError(f"{name_or_id}: no entity has this name or id")
    return found
