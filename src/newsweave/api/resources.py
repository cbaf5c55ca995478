"""What the app serves: one entry per resource, each with its API and web routers.

A resource whose data lives in tables another capability creates (stories, entities,
facts, the ledger, quotes) names those tables; it is served only when they exist in the
database when the app starts, so no route ever answers "not built yet".

Adding a resource is one module per side plus one line here, e.g. for stories:
``api/routes/stories.py`` and ``web/pages/stories.py`` (each with a ``router``), then
``Resource("stories", api="newsweave.api.routes.stories",
web="newsweave.web.pages.stories", tables=("stories", "story_articles"))``.
"""

from __future__ import annotations

import importlib
import sqlite3
from dataclasses import dataclass
from typing import Literal

from fastapi import APIRouter

from newsweave.search.schema import table_exists


@dataclass(frozen=True, slots=True)
class Resource:
    """A family of endpoints: module paths of its API and web routers, tables it needs.

    ``access`` is ``"read"`` for resources every reader may see (subject to the read rules
    of :mod:`newsweave.api.auth`) and ``"write"`` for those whose routes check the write
    token themselves.
    """

    name: str
    api: str | None = None
    web: str | None = None
    tables: tuple[str, ...] = ()
    access: Literal["read", "write"] = "read"

    def available(self, conn: sqlite3.Connection) -> bool:
        return all(table_exists(conn, t) for t in self.tables)

    def routers(self) -> list[APIRouter]:
        found: list[APIRouter] = []
        for module in (self.api, self.web):
            if module is not None:
                router = importlib.import_module(module).router
                if not isinstance(router, APIRouter):
                    raise TypeError(f"{module}.router is not a FastAPI APIRouter")
                found.append(router)
        return found


RESOURCES: list[Resource] = [
    Resource("home", web="newsweave.web.pages.home"),
    Resource("articles", api="newsweave.api.routes.articles", web="newsweave.web.pages.articles"),
    Resource("search", api="newsweave.api.routes.search", web="newsweave.web.pages.search"),
    Resource("stats", api="newsweave.api.routes.stats"),
    Resource("ingest", api="newsweave.api.routes.ingest", access="write"),
    Resource("feed", web="newsweave.web.pages.feed"),
]


def available_resources(conn: sqlite3.Connection) -> list[Resource]:
    """The resources whose tables exist in this database."""
    return [r for r in RESOURCES if r.available(conn)]
