"""Reader commands: search, serve, export."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from newsweave.cli.app import DbOption, JsonOption, app, console, fail, open_store, print_json
from newsweave.errors import NewsweaveError


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to look for, in any language.")],
    lang: Annotated[str | None, typer.Option("--lang", help="Only this language.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Published on/after.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Published on/before.")] = None,
    entity: Annotated[
        str | None, typer.Option("--entity", help="Only articles naming this entity.")
    ] = None,
    story: Annotated[str | None, typer.Option("--story", help="Only this story.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many results.")] = 20,
    keyword_only: Annotated[
        bool, typer.Option("--keyword-only", help="BM25 only, no cross-lingual semantic part.")
    ] = False,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Search stored articles in any language, with highlighted snippets.

    Keyword (BM25) results are fused with semantic (cross-lingual embedding) results.
    """
    from newsweave.search import search as run_search
    from newsweave.search.semantic import semantic_searcher
    from newsweave.search.terminal import result_text

    store = open_store(db)
    semantic = None if keyword_only else semantic_searcher(store.path)
    try:
        results = run_search(
            store,
            query,
            lang=lang,
            date_from=date_from,
            date_to=date_to,
            entity=entity,
            story=story,
            limit=limit,
            semantic=semantic,
        )
    except NewsweaveError as exc:
        fail(str(exc))
    finally:
        store.close()
        if semantic is not None:
            semantic.close()
    if json_out:
        print_json(results)
        return
    for i, r in enumerate(results, 1):
        console.print(result_text(i, r))
    console.print(f"{len(results)} result(s)")


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    db: DbOption = None,
) -> None:
    """Serve the REST API and the web UI (search is cross-lingual when a model is present)."""
    from newsweave.api import serve as run_server
    from newsweave.search.semantic import semantic_searcher
    from newsweave.store.db import default_db_path

    run_server(db, host, port, semantic=semantic_searcher(db or default_db_path()))


@app.command()
def export(
    fmt: Annotated[
        Literal["json", "jsonl", "csv", "rss"], typer.Option("--format", help="Output format.")
    ] = "json",
    story: Annotated[str | None, typer.Option("--story", help="Only this story.")] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="File to write (default: stdout).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Export articles as JSON, JSONL, CSV or an Atom feed."""
    from newsweave.export import export as run_export

    store = open_store(db)
    try:
        if out is None:
            run_export(store, fmt, story=story, out=sys.stdout)
        else:
            with out.open("w", encoding="utf-8", newline="") as fh:
                run_export(store, fmt, story=story, out=fh)
    except NewsweaveError as exc:
        fail(str(exc))
    finally:
        store.close()
