"""The front page: what the database holds, then its sections.

Sections are listed in :data:`SECTIONS`, each a partial template and a loader that
returns its data, or None to leave the section out (for example while its tables are
empty). The stories section goes first in that list once stories exist.
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
from newsweave.web.render import render

router = APIRouter(include_in_schema=False)

RECENT_PER_LANGUAGE = 5


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


SECTIONS: list[Section] = [
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
