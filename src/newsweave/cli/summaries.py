"""The `summary` command: a story's central sentences and its card in one language."""

from __future__ import annotations

import sqlite3
from typing import Annotated, Any

import typer

from newsweave.article import Article
from newsweave.cli.app import DbOption, JsonOption, app, console, fail, open_store, print_json
from newsweave.embed.base import Embedder
from newsweave.embed.registry import available, get_embedder
from newsweave.errors import MissingModelError, NotFoundError
from newsweave.facts.story_ledger import story_ledger
from newsweave.store import Store
from newsweave.stories.store import resolve_story_id, story_view
from newsweave.stories.summary import story_card, summarize_story

#: Sentence embedder used when none is named: fast and multilingual, else model-free.
SENTENCE_EMBEDDERS: tuple[str, ...] = ("use", "hashing")


def story_articles(store: Store, story_id: str) -> list[Article]:
    """The stored articles of a story, in the story's order."""
    view = story_view(store.conn, story_id)
    return [store.get_article(a["id"]) for a in view["articles"]]


def story_entities(conn: sqlite3.Connection, article_ids: list[str]) -> list[tuple[str, str, int]]:
    """``(canonical name, type, mentions)`` of the registry's entities in these articles.

    Empty when the database has no entity registry.
    """
    if not article_ids:
        return []
    marks = ",".join("?" * len(article_ids))
    try:
        rows = conn.execute(
            f"""SELECT e.name, e.type, COUNT(*) AS n
                FROM entity_mentions m JOIN entities e ON e.id = m.entity_id
                WHERE m.article_id IN ({marks})
                GROUP BY e.id ORDER BY n DESC, e.name""",
            article_ids,
        ).fetchall()
    except sqlite3.OperationalError:
        return []
    return [(str(r[0]), str(r[1]), int(r[2])) for r in rows]


def _embedder(name: str | None) -> Embedder:
    if name:
        try:
            return get_embedder(name)
        except (MissingModelError, ValueError) as exc:
            fail(str(exc))
    for candidate in SENTENCE_EMBEDDERS:
        if available(candidate):
            return get_embedder(candidate)
    return get_embedder("hashing")


@app.command()
def summary(
    story: Annotated[
        str, typer.Argument(metavar="STORY_ID", help="Story id, unique prefix, or an article id.")
    ],
    to: Annotated[
        str, typer.Option("--to", help="Language of the card and of translations.")
    ] = "en",
    sentences: Annotated[
        int, typer.Option("--sentences", "-n", min=1, max=20, help="Summary sentences.")
    ] = 5,
    embedder: Annotated[
        str | None,
        typer.Option("--embedder", help="Sentence embedder (default: use, else hashing)."),
    ] = None,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Summarize a story: central sentences from all its languages, plus a card in --to."""
    target = to.strip().lower()
    store = open_store(db)
    try:
        try:
            story_id = resolve_story_id(store.conn, story)
            articles = story_articles(store, story_id)
        except NotFoundError as exc:
            fail(str(exc), code=1)
        entities = story_entities(store.conn, [a.id for a in articles])
        ledger = story_ledger(store.conn, story_id)
    finally:
        store.close()
    result = summarize_story(articles, _embedder(embedder), sentences, target=target)
    card = story_card(articles, target=target, entities=entities, ledger=ledger, summary=result)
    card["id"] = story_id
    if json_out:
        print_json({"story": story_id, "card": card, "summary": result.to_dict()})
        return
    _print_card(card, result.embedder)


def _say(text: str, style: str | None = None) -> None:
    console.print(text, style=style, markup=False, highlight=False, soft_wrap=True)


def _print_card(card: dict[str, Any], embedder_name: str) -> None:
    title = card["title"]
    console.rule(title["text"] if title else card["id"], style="bold")
    if title and title["machine_translated"]:
        _say(f"  title: {title['label']}; original ({title['lang']}): {title['original']}", "dim")
    elif title and title["lang"] != card["target"]:
        _say(f"  title ({title['lang']}): {title['label']}", "dim")
    dates = " … ".join(d for d in (card["first_date"], card["last_date"]) if d) or "undated"
    _say(
        f"{card['id']}  ·  {card['n_articles']} article(s)  ·  "
        f"{', '.join(card['languages'])}  ·  {dates}"
    )
    _say("")
    _say(f"Summary (to {card['target']}, sentences ranked with {embedder_name})", "bold")
    for s in card["summary"]:
        _say(f"• {s['text']}")
        note = f"  {s['source']} · {s['lang']} · {s['label']}"
        if s["machine_translated"]:
            note += f" · original: {s['original']}"
        _say(note, "dim")
    if not card["summary"]:
        _say("  (no sentence long enough to summarize)", "dim")
    if card["entities"]:
        _say("")
        _say("Entities", "bold")
        names = (f"{e['name']} ({e['type']}, {e['mentions']})" for e in card["entities"])
        _say("  " + "; ".join(names))
    if card["figures"]:
        _say("")
        _say("Figures (ledger)", "bold")
        for f in card["figures"]:
            values = ", ".join(f"{v['raw']} [{v['source']}, {v['lang']}]" for v in f["values"])
            _say(f"  {f['verdict']:<9} {f['subject']}: {values}")
    if card["dates"]:
        _say("")
        _say("Dates mentioned", "bold")
        _say("  " + "; ".join(f"{d['date']} ({d['articles']} article(s))" for d in card["dates"]))
    if card["machine_translation"]:
        _say("")
        used = (f"{m['backend']} ({m['quality']})" for m in card["machine_translation"])
        _say("Machine translation shown above, by: " + "; ".join(used), "dim")
