"""Commands over articles: ingest, articles, show, stats."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsweave.article import Article
from newsweave.batch import IngestReport, ingest_paths
from newsweave.cli.app import (
    DbOption,
    JsonOption,
    app,
    console,
    err_console,
    fail,
    open_store,
    print_json,
)
from newsweave.errors import InputError, NewsweaveError, NotFoundError
from newsweave.views import article_view

if TYPE_CHECKING:
    from newsweave.store import Store
    from newsweave.stories.engine import StoryEngine

EXIT_SOME_FAILED = 3


def _missing_paths(paths: list[Path]) -> list[Path]:
    return [p for p in paths if not p.exists()]


def _story_engine(store: Store) -> StoryEngine | None:
    """The default story engine, or None when it cannot load (clustering then reports
    why after the ingest)."""
    from newsweave.stories.engine import StoryEngine

    try:
        return StoryEngine(store)
    except NewsweaveError:
        return None


def run_ingest(
    paths: list[Path], db: Path | None, *, quiet: bool = False, cluster: bool = True
) -> IngestReport:
    """Ingest paths with a live progress line; failures go to stderr one line each.

    With ``cluster``, the new articles then join stories (see ``newsweave stories``).
    """
    store = open_store(db)
    engine = _story_engine(store) if cluster else None
    try:
        with Progress(
            SpinnerColumn(),
            TextColumn("[bold]ingest[/bold]"),
            BarColumn(bar_width=None),
            TextColumn(
                "{task.fields[stored]} stored · {task.fields[dups]} duplicates · "
                "{task.fields[failed]} failed"
            ),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
            disable=quiet,
        ) as progress:
            task = progress.add_task("ingest", total=None, stored=0, dups=0, failed=0)
            counts = {"stored": 0, "duplicate": 0, "failed": 0}

            def on_item(status: str, item: Article | InputError) -> None:
                counts[status] += 1
                if isinstance(item, InputError):
                    progress.console.print(item.line(), markup=False, highlight=False)
                progress.update(
                    task,
                    advance=1,
                    stored=counts["stored"],
                    dups=counts["duplicate"],
                    failed=counts["failed"],
                )

            report = ingest_paths(
                paths,
                store,
                progress=on_item,
                on_stored=engine.embed_ahead if engine is not None else None,
            )
        if cluster and report.stored:
            from newsweave.cli.stories import cluster_with_progress

            try:
                cluster_with_progress(store, quiet=quiet, engine=engine)
            except NewsweaveError as exc:
                err_console.print(
                    f"stories not updated: {exc} (run `newsweave recluster` later)",
                    markup=False,
                    highlight=False,
                )
    finally:
        store.close()
    return report


@app.command()
def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files or folders (recursively): text, JSONL, HTML, RSS/Atom."),
    ],
    no_stories: Annotated[
        bool, typer.Option("--no-stories", help="Store only; do not update stories.")
    ] = False,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Read articles from files and folders, clean them, identify their language, store them.

    Exit 0 when nothing failed, 3 when some inputs failed (one line each on stderr).
    """
    missing = _missing_paths(paths)
    for p in missing:
        err_console.print(f"{p}: no such file or folder", markup=False, highlight=False)
    existing = [p for p in paths if p not in missing]
    report = run_ingest(existing, db, quiet=json_out, cluster=not no_stories)
    if json_out:
        data = report.as_dict()
        data["failed"] = len(report.failed) + len(missing)
        data["failures"] = [
            {"source": str(p), "reason": "no such file or folder"} for p in missing
        ] + list(
            data["failures"]  # type: ignore[call-overload]
        )
        print_json(data)
    else:
        console.print(
            f"stored {len(report.stored)} · duplicates {len(report.duplicates)} · "
            f"failed {len(report.failed) + len(missing)}"
        )
    if report.failed or missing:
        raise typer.Exit(EXIT_SOME_FAILED)


@app.command()
def articles(
    lang: Annotated[
        str | None, typer.Option("--lang", help="Only this language (ISO 639-1).")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many.")] = None,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """List stored articles."""
    store = open_store(db)
    try:
        items = list(store.iter_articles(lang=lang, limit=limit))
    finally:
        store.close()
    if json_out:
        print_json([article_view(a) for a in items])
        return
    table = Table(show_lines=False)
    for col in ("id", "lang", "published", "from", "title / source"):
        table.add_column(col, overflow="fold")
    for a in items:
        head = a.title or a.clean_text[:80].replace("\n", " ")
        table.add_row(
            a.id,
            a.lang or "?",
            a.published or "",
            a.published_from,
            f"{head}\n[dim]{a.source}[/dim]",
        )
    console.print(table)
    console.print(f"{len(items)} article(s)")


@app.command()
def show(
    article_id: Annotated[
        str, typer.Argument(metavar="ID", help="Article id (or a unique prefix).")
    ],
    original: Annotated[
        bool, typer.Option("--original", help="Print the original text too.")
    ] = False,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Show one article: metadata, cleaned text, what the cleaner removed, paragraph languages."""
    store = open_store(db)
    try:
        try:
            a = store.get_article(article_id)
        except NotFoundError as exc:
            fail(str(exc), code=1)
    finally:
        store.close()
    if json_out:
        print_json(article_view(a, full=True))
        return
    console.rule(a.title or a.id, style="bold")
    lines = [
        ("id", a.id),
        ("source", a.source),
        (
            "language",
            f"{a.lang} ({a.lang_score:.2f}), script {a.script}"
            + ("  [mixed: " + ", ".join(a.languages) + "]" if a.mixed_language else ""),
        ),
        ("published", f"{a.published or '—'} (from {a.published_from})"),
        ("input", f"{a.input_kind}" + (f", {a.encoding}" if a.encoding else "")),
        ("stages", ", ".join(a.stages)),
    ]
    for key, value in lines:
        console.print(f"[bold]{key:>10}[/bold]  ", end="")
        console.print(value, markup=False, highlight=False)
    console.print()
    console.print(a.clean_text, markup=False, highlight=False)
    if a.removed:
        console.print()
        console.print(f"[bold]removed[/bold] ({len(a.removed)} line(s))")
        for r in a.removed:
            console.print(f"  [dim]{r.kind} · line {r.line + 1} · {r.rule}[/dim]")
            console.print("    " + r.text.strip()[:200], markup=False, highlight=False)
    if original:
        console.rule("original")
        console.print(a.text, markup=False, highlight=False)


@app.command()
def stats(db: DbOption = None, json_out: JsonOption = False) -> None:
    """Counts: articles by language, script, input kind, date provenance; failures."""
    store = open_store(db)
    try:
        data = store.stats()
    finally:
        store.close()
    if json_out:
        print_json(data)
        return
    console.print(f"[bold]database[/bold] {data['db']}", highlight=False)
    console.print(
        f"[bold]articles[/bold] {data['articles']}  (mixed-language: {data['mixed_language']})"
    )
    lo, hi = data["published_range"]
    if lo:
        console.print(f"[bold]published[/bold] {lo} … {hi}")
    for key in ("languages", "scripts", "input_kinds", "published_from"):
        parts = ", ".join(f"{k} {v}" for k, v in data[key].items()) or "—"
        console.print(f"[bold]{key.replace('_', ' ')}[/bold] {parts}", highlight=False)
    console.print(f"[bold]ingest failures recorded[/bold] {data['ingest_failures']}")
