"""``POST /api/ingest``: add articles over HTTP (token required).

The articles run through the same pipeline and write path as ``newsweave ingest``
(:func:`newsweave.batch.ingest_articles`), so an article is searchable as soon as the
call returns; then, as there, the new articles are placed in stories.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from starlette.concurrency import run_in_threadpool

from newsweave.api.auth import require_write
from newsweave.api.bodies import ACCEPTED_TYPES, BodyError, body_items
from newsweave.api.deps import SettingsDep
from newsweave.api.ingestor import Ingestor
from newsweave.store import Store

MAX_BODY_BYTES = 32 * 1024 * 1024

router = APIRouter(prefix="/api", tags=["ingest"])


async def _read_body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise HTTPException(413, f"the body is larger than {MAX_BODY_BYTES} bytes; send less")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise HTTPException(413, f"the body is larger than {MAX_BODY_BYTES} bytes; send less")
        chunks.append(chunk)
    return b"".join(chunks)


@router.post(
    "/ingest",
    summary="Ingest articles",
    dependencies=[Depends(require_write)],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {kind: {"schema": {"type": "string"}} for kind in ACCEPTED_TYPES},
            "description": "JSON Lines (one object a line: text, and optionally title, url, "
            "published, source, lang), a JSON object or array of them, or an HTML page.",
        }
    },
)
async def post_ingest(
    request: Request,
    settings: SettingsDep,
    source: Annotated[
        str | None, Query(max_length=500, description="Names where the articles come from.")
    ] = None,
    url: Annotated[
        str | None, Query(max_length=2000, description="The URL an HTML page was fetched from.")
    ] = None,
) -> dict[str, Any]:
    """Read, clean, identify and store articles; answer with what was stored.

    Needs ``Authorization: Bearer <NEWSWEAVE_TOKEN>``. The answer counts articles
    ``stored``, ``duplicates`` (already there) and ``failed`` (with a reason each).
    ``stories`` says whether the new articles were placed in stories (``updated``, with
    one decision per article) or why not (``reason``): the articles stay stored even when
    the story engine cannot run.
    """
    data = await _read_body(request)
    content_type = request.headers.get("content-type")
    ingestor: Ingestor = request.app.state.ingestor

    def work() -> dict[str, Any]:
        items = body_items(data, content_type, source=source, url=url)
        store = Store(settings.db_path)
        try:
            return ingestor.run(items, store)
        finally:
            store.close()

    try:
        return await run_in_threadpool(work)
    except BodyError as exc:
        raise HTTPException(exc.status, str(exc)) from exc
