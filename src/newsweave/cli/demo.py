"""`newsweave demo`: ingest the bundled corpus and show what newsweave knows about it."""

from __future__ import annotations

from collections import Counter

from rich.table import Table

from newsweave.cli.app import DbOption, JsonOption, app, console, open_store, print_json
from newsweave.demo import demo_corpus_path, run_demo
from newsweave.views import article_view


@app.command()
def demo(db: DbOption = None, json_out: JsonOption = False) -> None:
    """Ingest the bundled multilingual demo corpus and print what newsweave made of it."""
    store = open_store(db)
    try:
        with console.status("ingesting the demo corpus…"):
            report = run_demo(store)
        ids = set(report.stored) | set(report.duplicates)
        items = [a for a in store.iter_articles(order="published") if a.id in ids]
    finally:
        store.close()
    if json_out:
        print_json({"ingest": report.as_dict(), "articles": [article_view(a) for a in items]})
        return
    console.rule("[bold]newsweave demo")
    console.print(f"corpus: {demo_corpus_path()}", highlight=False)
    console.print(
        f"stored {len(report.stored)} new article(s), {len(report.duplicates)} already known, "
        f"{len(report.failed)} failed"
    )
    langs = Counter(a.lang or "?" for a in items)
    console.print("languages: " + ", ".join(f"{k} {v}" for k, v in langs.most_common()))
    table = Table(title="articles (by publication date)")
    for col in ("published", "lang", "script", "title", "noise removed"):
        table.add_column(col, overflow="fold")
    for a in items:
        removed = ", ".join(sorted({r.kind for r in a.removed})) or "—"
        table.add_row(a.published or "?", a.lang or "?", a.script or "?", a.title or a.id, removed)
    console.print(table)
    console.print("next: `newsweave articles`, `newsweave show ID`, `newsweave stats`")
