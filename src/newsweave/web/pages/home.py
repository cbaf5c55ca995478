"""The front page: what the database holds, then its sections.

Sections are listed in :data:`SECTIONS`, each a partial template and a loader that
returns its data, or None to leave the section out (for example while its tables are
empty). The largest stories come first, then the latest articles of each language.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse

from newsweave.api.deps import StoreDep
from newsweave.search.browse import language_counts, recent_by_language
from newsweave.stories.store import list_story_ids, story_view
from newsweave.web.render import render

router = APIRouter(include_in_schema=False)

RECENT_PER_LANGUAGE = 5
FRONT_STORIES = 12


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the front page: ``template`` renders ``load(conn)`` as ``section.data``."""

    name: str
    template: str
    load: Callable[[sqlite3.Connection], dict[str, Any] | None]


def _recent_by_language(conn: sqlite3.Connection) -> dict[str, Any] | None:
    counts = language_counts(conn)
    if not counts:
        return None
    return {"groups": recent_by_language(conn, RECENT_PER_LANGUAGE), "counts": counts}


def _stories(conn: sqlite3.Connection) -> dict[str, Any] | None:
    ids = list_story_ids(conn)
    if not ids:
        return None
    return {"stories": [story_view(conn, sid) for sid in ids[:FRONT_STORIES]], "total": len(ids)}


SECTIONS: list[Section] = [
    Section("stories", "_stories.html", _stories),
    Section("recent_by_language", "_recent_by_language.html", _recent_by_language),
]


@router.get("/", response_class=HTMLResponse)
def front_page(request: Request, store: StoreDep) -> HTMLResponse:
    languages = language_counts(store.conn)
    sections = []
    for section in SECTIONS:
        data = section.load(store.conn)
        if data is not None:
            sections.append({"name": section.name, "template": section.template, "data": data})
    return render(
        request,
        "index.html",
        {"total": sum(languages.values()), "languages": languages, "sections": sections},
    )
