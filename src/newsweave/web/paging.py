"""Links to the previous and next page of a listing, keeping the other query parameters."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from starlette.requests import Request


@dataclass(frozen=True, slots=True)
class PageLinks:
    """Where the previous and next pages are, and which items this page shows (1-based)."""

    prev: str | None
    next: str | None
    first: int
    last: int
    total: int


def page_links(request: Request, *, total: int, limit: int, offset: int, shown: int) -> PageLinks:
    """Links for a page showing ``shown`` items from ``offset`` out of ``total``."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "offset" and v != ""]

    def link(new_offset: int) -> str:
        query = params + ([("offset", str(new_offset))] if new_offset else [])
        return request.url.path + ("?" + urlencode(query) if query else "")

    prev = link(max(0, offset - limit)) if offset > 0 else None
    nxt = link(offset + limit) if offset + shown < total and shown else None
    return PageLinks(prev, nxt, offset + 1 if shown else 0, offset + shown, total)
