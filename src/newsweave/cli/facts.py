"""Commands over facts: facts, ledger, quotes."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from newsweave.cli.app import DbOption, JsonOption, app, console, fail, open_store, print_json
from newsweave.errors import NotFoundError
from newsweave.store import Store

StoryOption = Annotated[
    str | None, typer.Option("--story", help="Only this story (id, prefix or article id).")
]


def _story_articles(store: Store, story: str | None) -> tuple[str | None, list[str] | None]:
    if story is None:
        return None, None
    from newsweave.stories.store import resolve_story_id, story_view

    try:
        sid = resolve_story_id(store.conn, story)
    except NotFoundError as exc:
        fail(str(exc), code=1)
    return sid, [a["id"] for a in story_view(store.conn, sid)["articles"]]


def _value(item: dict[str, Any]) -> str:
    value = item["value"]
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"
    if item.get("hedge"):
        text = f"{item['hedge']} {text}"
    return text


@app.command()
def facts(
    story: StoryOption = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="count, money, percent, quantity, year or date."),
    ] = None,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Figures found in the stored articles, each with its sentence, unit and scale."""
    from newsweave.facts.storage import fact_rows

    store = open_store(db)
    try:
        _, ids = _story_articles(store, story)
        rows = fact_rows(store.conn, article_ids=ids, kind=kind)
    finally:
        store.close()
    if json_out:
        print_json(rows)
        return
    table = Table()
    for col in ("lang", "kind", "value", "unit", "as written", "sentence"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            r["lang"] or "?",
            r["kind"],
            _value(r),
            r["unit"] or r["counted"] or "",
            r["raw"],
            r["sentence"][:160],
        )
    console.print(table)
    console.print(f"{len(rows)} fact(s)")


@app.command()
def ledger(
    story: StoryOption = None,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Figures about the same thing side by side, with a verdict and its evidence.

    Verdicts: agree, rounding (also currency conversion), range, revision, conflict,
    suspect (a probable unit or scale error). Each item keeps its sentence and source.
    """
    from newsweave.facts.story_ledger import all_ledgers, story_ledger

    store = open_store(db)
    try:
        sid, _ = _story_articles(store, story)
        entries = story_ledger(store.conn, sid) if sid else all_ledgers(store.conn)
    finally:
        store.close()
    if json_out:
        print_json(entries)
        return
    for e in entries:
        console.rule(f"[bold]{e['verdict']}[/bold] · {e['subject']} ({e['kind']})")
        console.print(e["reason"], markup=False, highlight=False)
        for it in e["items"]:
            console.print(
                f"  [{it['lang'] or '?'}] {_value(it)} {it['unit'] or ''}  "
                f"({it['published'] or 'date unknown'})  {it['source']}",
                markup=False,
                highlight=False,
            )
            console.print(f"      “{it['sentence'][:200]}”", markup=False, highlight=False)
    console.print(f"{len(entries)} ledger entr{'y' if len(entries) == 1 else 'ies'}")


@app.command()
def quotes(
    story: StoryOption = None,
    speaker: Annotated[
        str | None, typer.Option("--speaker", help="Only quotes of this speaker (name or id).")
    ] = None,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Who said what: direct and reported speech with the speaker resolved when possible."""
    from newsweave.facts.storage import quote_rows

    store = open_store(db)
    try:
        _, ids = _story_articles(store, story)
        rows = quote_rows(store.conn, article_ids=ids, speaker=speaker)
    finally:
        store.close()
    if json_out:
        print_json(rows)
        return
    for q in rows:
        console.print(
            f"[bold]{q['speaker'] or '(unattributed)'}[/bold] [{q['lang'] or '?'}, {q['kind']}]"
        )
        console.print(f"  “{q['text']}”", markup=False, highlight=False)
        console.print(f"  [dim]{q['source']}[/dim]", highlight=False)
    console.print(f"{len(rows)} quote(s)")
