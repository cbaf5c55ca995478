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
    from newsweave.cli.stories import cluster_with_progress
    from newsweave.facts.story_ledger import all_ledgers
    from newsweave.stories.store import list_story_ids, story_view

    store = open_store(db)
    try:
        with console.status("ingesting the demo corpus (first run loads the models)…"):
            report = run_demo(store)
        ids = set(report.stored) | set(report.duplicates)
        items = [a for a in store.iter_articles(order="published") if a.id in ids]
        cluster_with_progress(store, quiet=json_out)
        stories = [story_view(store.conn, sid) for sid in list_story_ids(store.conn)]
        stories = [s for s in stories if any(a["id"] in ids for a in s["articles"])]
        ledger = [
            e for e in all_ledgers(store.conn) if any(i["article"] in ids for i in e["items"])
        ]
    finally:
        store.close()
    if json_out:
        print_json(
            {
                "ingest": report.as_dict(),
                "articles": [article_view(a) for a in items],
                "stories": stories,
                "ledger": ledger,
            }
        )
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
    stable = Table(title="stories (clustered across languages)")
    for col in ("story", "articles", "languages", "title"):
        stable.add_column(col, overflow="fold")
    for st in stories:
        stable.add_row(st["id"], str(st["n_articles"]), " ".join(st["languages"]), st["title"])
    console.print(stable)
    ltable = Table(title="claim ledger (figures compared across sources)")
    for col in ("verdict", "about", "figures"):
        ltable.add_column(col, overflow="fold")
    for e in ledger:
        figures = "; ".join(f"{i['lang']}: {i['raw']}" for i in e["items"][:5])
        ltable.add_row(e["verdict"], e["subject"], figures)
    console.print(ltable)
    console.print(
        "next: `newsweave stories`, `newsweave story ID`, `newsweave ledger`, "
        "`newsweave entities`, `newsweave quotes`, `newsweave search QUERY`, `newsweave serve`"
    )
