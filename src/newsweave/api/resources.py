"""What the app serves: one entry per resource, each with its API and web routers.

A resource whose data lives in tables another capability creates (stories, entities,
facts, the ledger, quotes) names those tables; it is served only when they exist in the
database when the app starts, so no route ever answers "not built yet".

Adding a resource is one module per side (``api/routes/NAME.py``, ``web/pages/NAME.py``,
each with a ``router``) plus one :class:`Resource` line in :data:`RESOURCES`.
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


STORY_TABLES = ("stories", "story_articles", "story_links", "story_merges")
ENTITY_TABLES = ("entities", "entity_forms", "entity_mentions")

RESOURCES: list[Resource] = [
    Resource("home", web="newsweave.web.pages.home"),
    Resource(
        "stories",
        api="newsweave.api.routes.stories",
        web="newsweave.web.pages.stories",
        tables=(*STORY_TABLES, *ENTITY_TABLES, "facts", "quotes"),
    ),
    Resource(
        "entities",
        api="newsweave.api.routes.entities",
        web="newsweave.web.pages.entities",
        tables=(*ENTITY_TABLES, *STORY_TABLES, "quotes"),
    ),
    Resource("facts", api="newsweave.api.routes.facts", tables=("facts", *STORY_TABLES)),
    Resource("ledger", api="newsweave.api.routes.ledger", tables=("facts", *STORY_TABLES)),
    Resource("quotes", api="newsweave.api.routes.quotes", tables=("quotes", *STORY_TABLES)),
    Resource("articles", api="newsweave.api.routes.articles", web="newsweave.web.pages.articles"),
    Resource("search", api="newsweave.api.routes.search", web="newsweave.web.pages.search"),
    Resource("stats", api="newsweave.api.routes.stats"),
    Resource("ingest", api="newsweave.api.routes.ingest", access="write"),
    Resource("feed", web="newsweave.web.pages.feed"),
]


def available_resources(conn: sqlite3.Connection) -> list[Resource]:
    """The resources whose tables exist in this database."""
    return [r for r in RESOURCES if r.available(conn)]
