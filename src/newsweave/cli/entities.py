"""Commands over the entity registry: entities, entity."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from newsweave.cli.app import DbOption, JsonOption, app, console, fail, open_store, print_json


@app.command()
def entities(
    type_: Annotated[
        str | None, typer.Option("--type", help="PER, ORG, LOC or MISC.", case_sensitive=False)
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many.")] = None,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """People, organisations and places: one record each, with every spelling and mention."""
    from newsweave.entities.registry import list_entities

    if type_ and type_.upper() not in ("PER", "ORG", "LOC", "MISC"):
        fail(f"--type {type_}: expected PER, ORG, LOC or MISC")
    store = open_store(db)
    try:
        rows = list_entities(store.conn, type_)
    finally:
        store.close()
    rows = rows[:limit] if limit else rows
    if json_out:
        print_json(rows)
        return
    table = Table()
    for col in ("id", "type", "name", "mentions", "languages", "spellings"):
        table.add_column(col, overflow="fold")
    for e in rows:
        langs = sorted({m["lang"] or "?" for m in e["mentions"]})
        forms = sorted({f["form"] for f in e["forms"]})
        table.add_row(
            e["id"],
            e["type"],
            e["name"],
            str(len(e["mentions"])),
            " ".join(langs),
            " · ".join(forms[:8]),
        )
    console.print(table)
    console.print(f"{len(rows)} entit{'y' if len(rows) == 1 else 'ies'}")


@app.command()
def entity(
    name: Annotated[
        str, typer.Argument(metavar="NAME-OR-ID", help="Any spelling in any script, or an id.")
    ],
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """One entity: all its spellings and every mention, grouped by language and article."""
    from newsweave.entities.registry import find_entity

    store = open_store(db)
    try:
        found = find_entity(store.conn, name)
        sources = {r[0]: r[1] for r in store.conn.execute("SELECT id, source FROM articles")}
    finally:
        store.close()
    if found is None:
        fail(f"{name}: no entity has this name or id (see `newsweave entities`)", code=1)
    if json_out:
        print_json(found)
        return
    console.rule(f"[bold]{found['name']}[/bold] ({found['type']}) · {found['id']}")
    forms = ", ".join(f"{f['form']} [{f['lang'] or '?'}]" for f in found["forms"])
    console.print(f"spellings: {forms}", markup=False, highlight=False)
    for lang, by_article in found["by_language"].items():
        console.print(f"\n[bold]{lang}[/bold]")
        for article_id, texts in by_article.items():
            console.print(
                f"  {article_id} {sources.get(article_id, '')}: {', '.join(texts)}",
                markup=False,
                highlight=False,
            )
    if found["others"]:
        console.print(f"\nalso matching: {', '.join(found['others'])}", highlight=False)
