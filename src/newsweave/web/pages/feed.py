"""``/feed.atom``: the latest articles as an Atom feed, for feed readers."""

from __future__ import annotations

import io

from fastapi import APIRouter, Request
from starlette.responses import Response

from newsweave.api.deps import StoreDep
from newsweave.export import export

router = APIRouter(tags=["feed"])

FEED_ENTRIES = 50


@router.get(
    "/feed.atom",
    summary="Atom feed of the latest articles",
    response_class=Response,
    responses={200: {"content": {"application/atom+xml": {}}}},
)
def atom_feed(request: Request, store: StoreDep) -> Response:
    """The latest articles as an Atom 1.0 feed."""
    buf = io.StringIO()
    base = str(request.base_url).rstrip("/")
    export(
        store,
        "rss",
        out=buf,
        limit=FEED_ENTRIES,
        self_url=f"{base}/feed.atom",
        entry_url=base + "/articles/{id}",
    )
    return Response(buf.getvalue(), media_type="application/atom+xml; charset=utf-8")
