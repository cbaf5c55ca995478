"""The app factory: REST API, web UI and static files in one FastAPI application."""

from __future__ import annotations

from collections.abc import Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, Response

from newsweave.api.auth import is_loopback, require_read
from newsweave.api.deps import Settings
from newsweave.api.ingestor import Ingestor
from newsweave.api.resources import available_resources
from newsweave.api.security import LoopbackHostOnly, SecurityHeaders
from newsweave.errors import NewsweaveError, NotFoundError, StoreError
from newsweave.pipeline import Pipeline
from newsweave.search.fusion import SemanticSearcher
from newsweave.store import Store
from newsweave.store.db import default_db_path

API_DESCRIPTION = """Read what newsweave stored (articles, stories, entities, facts, the
claim ledger, quotes, statistics, search) and add articles.

Listings are paginated with `limit` and `offset` and answer `total`, `next_offset` and
`items`; the items are the objects the `newsweave` command prints with `--json`. Filters:
`lang` everywhere; `from`, `to` (dates `YYYY[-MM[-DD]]`), `story` and `entity` on articles
and search; `type` on entities; `story` and `kind` on facts; `story` and `verdict` on the
ledger; `story` and `speaker` on quotes. Reads are open on loopback; writes need
`Authorization: Bearer <NEWSWEAVE_TOKEN>`.
"""


def _version() -> str:
    try:
        return version("newsweave")
    except PackageNotFoundError:
        return "0"


def create_app(
    db_path: Path | None = None,
    *,
    bind_host: str | None = None,
    semantic: SemanticSearcher | None = None,
    pipeline: Pipeline | None = None,
    story_config: str | None = "default",
) -> FastAPI:
    """The newsweave web application over the database at ``db_path``.

    db_path: the SQLite file (default: ``$NEWSWEAVE_DB`` or the per-user data folder).
    bind_host: the address the server listens on; a non-loopback address makes reads
        require the token (unless ``NEWSWEAVE_PUBLIC_READS=1``), a loopback one makes the
        app refuse requests addressed to other host names. None (embedding, tests): reads
        are open and any Host is accepted.
    semantic: a semantic searcher fused into search results (None: keyword search only).
    pipeline: the ingest pipeline (default: the configured stages, built on first ingest).
    story_config: the similarity configuration that places ingested articles in stories
        ("default", "use", "hashing", …; see :class:`newsweave.stories.engine.StoryEngine`);
        None: an ingest leaves stories alone.
    """
    path = Path(db_path).expanduser() if db_path is not None else default_db_path()
    with Store(path) as store:  # creates the database and applies migrations once
        resources = available_resources(store.conn)

    app = FastAPI(
        title="newsweave",
        version=_version(),
        description=API_DESCRIPTION,
        docs_url=None,  # the interactive docs load scripts from a CDN: not offline, not CSP-safe
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.settings = Settings(
        db_path=path,
        bind_host=bind_host,
        reads_need_token=bind_host is not None and not is_loopback(bind_host),
        semantic=semantic,
    )
    app.state.ingestor = Ingestor(pipeline, story_config=story_config)
    app.state.resources = [r.name for r in resources]

    for resource in resources:
        guards = [Depends(require_read)] if resource.access == "read" else []
        for router in resource.routers():
            app.include_router(router, dependencies=guards)
    static = StaticFiles(packages=[("newsweave.web", "static")])
    app.mount("/static", static, name="static")

    _add_error_handlers(app)
    app.add_middleware(SecurityHeaders)
    if bind_host is not None and is_loopback(bind_host):
        app.add_middleware(LoopbackHostOnly)
    return app


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path in {"/openapi.json", "/feed.atom"}


_TITLES = {
    400: "That request cannot be answered",
    401: "Log in to read",
    403: "Not allowed",
    404: "Not found",
    413: "Too large",
    415: "Unsupported type",
    503: "Unavailable",
}


def _error(
    request: Request, status: int, message: str, headers: Mapping[str, str] | None = None
) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status, headers=dict(headers or {}))
    from newsweave.web.render import render

    response = render(
        request,
        "error.html",
        {
            "status": status,
            "title": _TITLES.get(status, "Something went wrong"),
            "message": message,
        },
        status_code=status,
    )
    if headers:
        response.headers.update(headers)
    return response


def _add_error_handlers(app: FastAPI) -> None:
    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        detail = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"{request.url.path}: no such page"
        return _error(request, exc.status_code, detail, exc.headers)

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        if _wants_json(request):
            return JSONResponse({"detail": exc.errors()}, status_code=422)
        parts = [f"{'.'.join(str(x) for x in e['loc'][1:])}: {e['msg']}" for e in exc.errors()]
        return _error(request, 400, "; ".join(parts) or "invalid request")

    async def on_not_found(request: Request, exc: Exception) -> Response:
        return _error(request, 404, str(exc))

    async def on_store(request: Request, exc: Exception) -> Response:
        return _error(request, 503, str(exc))

    async def on_newsweave(request: Request, exc: Exception) -> Response:
        return _error(request, 400, str(exc))

    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(NotFoundError, on_not_found)
    app.add_exception_handler(StoreError, on_store)
    app.add_exception_handler(NewsweaveError, on_newsweave)
