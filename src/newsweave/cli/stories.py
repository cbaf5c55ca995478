"""Commands over stories: stories, story, compare, recluster."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

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
from newsweave.errors import NewsweaveError, NotFoundError
from newsweave.store import Store

if TYPE_CHECKING:
    from newsweave.stories.engine import StoryEngine

ConfigOption = Annotated[
    str,
    typer.Option(
        "--config",
        help="Similarity configuration: default, gemma+use, gemma, use, hashing.",
    ),
]


def cluster_with_progress(
    store: Store,
    *,
    config: str = "default",
    quiet: bool = False,
    recluster: bool = False,
    engine: StoryEngine | None = None,
) -> int:
    """Put unclustered articles (or, with ``recluster``, all) into stories; return how many.

    ``engine``: one already loaded over ``store`` (else one of ``config`` is loaded).
    """
    from newsweave.stories.engine import StoryEngine

    if engine is None:
        with console.status("loading the story engine…") if not quiet else _Null():
            engine = StoryEngine(store, config=config)
    with Progress(
        TextColumn("[bold]stories[/bold]"),
        BarColumn(bar_width=None),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=quiet,
    ) as progress:
        task = progress.add_task("stories", total=None)

        def on_step(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        if recluster:
            decisions = engine.recluster(progress=on_step)
        else:
            decisions = engine.add_pending(progress=on_step)
            engine.save_index()
    return len(decisions)


class _Null:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


@app.command()
def stories(
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many.")] = None,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """List stories: largest first, with their languages and articles."""
    from newsweave.stories.store import list_story_ids, story_view

    store = open_store(db)
    try:
        ids = list_story_ids(store.conn)[:limit] if limit else list_story_ids(store.conn)
        views = [story_view(store.conn, sid) for sid in ids]
    finally:
        store.close()
    if json_out:
        print_json(views)
        return
    table = Table()
    for col in ("id", "articles", "languages", "first / last seen", "title"):
        table.add_column(col, overflow="fold")
    for v in views:
        table.add_row(
            v["id"],
            str(v["n_articles"]),
            " ".join(v["languages"]),
            f"{v['first_seen'] or '?'} / {v['last_seen'] or '?'}",
            v["title"],
        )
    console.print(table)
    console.print(f"{len(views)} stor{'y' if len(views) == 1 else 'ies'}")


@app.command()
def story(
    story_id: Annotated[
        str, typer.Argument(metavar="ID", help="Story id, a unique prefix, or an article id.")
    ],
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """One story: its articles, related stories, and why each article joined it."""
    from newsweave.stories.store import resolve_story_id, story_view

    store = open_store(db)
    try:
        try:
            view = story_view(store.conn, resolve_story_id(store.conn, story_id), detail=True)
        except NotFoundError as exc:
            fail(str(exc), code=1)
        names = {a["id"]: a["source"] for a in view["articles"]}
    finally:
        store.close()
    if json_out:
        print_json(view)
        return
    console.rule(f"[bold]{view['title']}")
    console.print(
        f"{view['id']} · {view['n_articles']} article(s) · {' '.join(view['languages'])} · "
        f"{view['first_seen'] or '?'} … {view['last_seen'] or '?'}",
        highlight=False,
    )
    for a in view["articles"]:
        console.print(
            f"  [{a['lang'] or '?'}] {a['id']}  {a['title'] or ''}  [dim]{a['source']}[/dim]",
            highlight=False,
        )
    console.print("\n[bold]why[/bold]")
    for step in view["why"]:
        if not step["joined"]:
            console.print(f"  {step['article']} opened the story", highlight=False)
            continue
        console.print(f"  {step['article']} joined at {step['score']}", highlight=False)
        for link in step["links"][:3]:
            console.print("    " + _why_line(link, names), highlight=False, markup=False)
    if view["related"]:
        console.print("\n[bold]related stories[/bold]")
        for r in view["related"]:
            console.print(f"  {r['id']}  ({r['score']})", highlight=False)


def _why_line(link: dict[str, Any], names: dict[str, str]) -> str:
    other = link.get("article", "")
    parts = [f"with {other} ({names.get(other, '')}): {link.get('score')}"]
    if link.get("text_similarity") is not None:
        parts.append(f"text {link['text_similarity']}")
    for key, label in (
        ("shared_entities", "entities"),
        ("shared_numbers", "numbers"),
        ("shared_names", "names"),
    ):
        if link.get(key):
            parts.append(f"{label} {', '.join(map(str, link[key][:6]))}")
    for toll in link.get("shared_tolls") or []:
        parts.append(f"both report {toll['concept']}: {toll['a']} / {toll['b']}")
    if link.get("days_apart") is not None:
        parts.append(f"{link['days_apart']} day(s) apart")
    return "; ".join(parts)


def _load(ref: str, store: Store) -> Any:
    """A stored article by id (or prefix), else the first article read from a file."""
    from newsweave.batch import analyze_path

    path = Path(ref)
    if path.exists():
        try:
            articles = analyze_path(path)
        except NewsweaveError as exc:
            fail(f"{ref}: {exc}", code=1)
        if not articles:
            fail(f"{ref}: no article could be read from it", code=1)
        return articles[0]
    try:
        return store.get_article(ref)
    except NotFoundError:
        fail(f"{ref}: neither a file nor a stored article id", code=1)


@app.command()
def compare(
    a: Annotated[str, typer.Argument(metavar="A", help="A file or a stored article id.")],
    b: Annotated[str, typer.Argument(metavar="B", help="A file or a stored article id.")],
    config: ConfigOption = "default",
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """How similar two articles are, whether they report the same story, and why."""
    from newsweave.stories.engine import StoryEngine

    store = open_store(db)
    try:
        first, second = _load(a, store), _load(b, store)
        try:
            result = StoryEngine(store, config=config).compare(first, second)
        except (NewsweaveError, ValueError) as exc:
            fail(str(exc))
    finally:
        store.close()
    result["a_source"], result["b_source"] = first.source, second.source
    if json_out:
        print_json(result)
        return
    verdict = "same story" if result["same_story"] else "not the same story"
    console.print(
        f"[bold]{result['similarity']}[/bold] ({verdict}; threshold {result['threshold']})"
    )
    console.print(_why_line({**result["why"], "score": result["similarity"]}, {}), markup=False)


@app.command()
def recluster(
    config: ConfigOption = "default",
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Forget every story and cluster all stored articles again, in publication order."""
    from newsweave.stories.store import list_story_ids

    store = open_store(db)
    try:
        try:
            n = cluster_with_progress(store, config=config, quiet=json_out, recluster=True)
        except (NewsweaveError, ValueError) as exc:
            fail(str(exc))
        count = len(list_story_ids(store.conn))
    finally:
        store.close()
    if json_out:
        print_json({"articles": n, "stories": count})
    else:
        console.print(f"{n} article(s) in {count} stor{'y' if count == 1 else 'ies'}")
