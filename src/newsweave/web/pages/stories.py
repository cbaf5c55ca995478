"""Story pages: every story, and one story with its articles side by side, its entities,
its claim ledger, why its articles were grouped, and a short summary."""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from newsweave.api.deps import PageDep, SettingsDep, StoreDep
from newsweave.api.listing import paged
from newsweave.api.story_data import stories_in_language, story_detail, story_summaries
from newsweave.article import Article
from newsweave.store import Store
from newsweave.stories.store import list_story_ids, resolve_story_id, story_view
from newsweave.web.paging import page_links
from newsweave.web.render import headline, render
from newsweave.web.story_summary import TARGET, page_summary

router = APIRouter(include_in_schema=False)
log = logging.getLogger(__name__)


def story_languages(store: Store) -> dict[str, int]:
    """Number of stories per language (a story counts once for each of its languages)."""
    rows = store.conn.execute(
        """SELECT COALESCE(a.lang, '?') AS k, COUNT(DISTINCT sa.story_id) AS n
           FROM story_articles sa JOIN articles a ON a.id = sa.article_id
           GROUP BY k ORDER BY n DESC, k"""
    )
    return {str(r[0]): int(r[1]) for r in rows}


@router.get("/stories", response_class=HTMLResponse)
def stories_page(
    request: Request,
    store: StoreDep,
    page: PageDep,
    lang: Annotated[str, Query(max_length=8)] = "",
) -> HTMLResponse:
    ids = list_story_ids(store.conn)
    code = lang.strip().lower()
    if code:
        wanted = stories_in_language(store.conn, code)
        ids = [sid for sid in ids if sid in wanted]
    result = paged(ids, page)
    views = [story_view(store.conn, sid) for sid in result["items"]]
    links = page_links(
        request, total=result["total"], limit=page.limit, offset=page.offset, shown=len(views)
    )
    return render(
        request,
        "stories.html",
        {
            "stories": views,
            "total": result["total"],
            "links": links,
            "lang": code,
            "languages": story_languages(store),
        },
    )


def _other_titles(store: Store, article_ids: set[str]) -> dict[str, str]:
    """Titles (else sources) of articles outside the story that its evidence points to."""
    if not article_ids:
        return {}
    ids = sorted(article_ids)
    rows = store.conn.execute(
        f"SELECT id, title, source FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids
    )
    return {r[0]: str(r[1] or r[2]) for r in rows}


def _columns(view: dict[str, Any], articles: dict[str, Article]) -> list[tuple[str, list[Article]]]:
    grouped: dict[str, list[Article]] = defaultdict(list)
    for item in view["articles"]:
        grouped[item["lang"] or "?"].append(articles[item["id"]])
    return [(code, grouped[code]) for code in view["languages"]]


def _timeline(view: dict[str, Any]) -> list[tuple[str | None, list[dict[str, Any]]]]:
    days: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for item in view["articles"]:  # already in publication order, undated last
        days[item["published"]].append(item)
    return list(days.items())


def _link(link: dict[str, Any], titles: dict[str, str], names: dict[str, str]) -> dict[str, Any]:
    """A stored link's evidence with every key the page reads (older links lack some)."""
    return {
        "article": link["article"],
        "title": titles.get(link["article"], link["article"]),
        "score": float(link.get("score") or 0.0),
        "text_similarity": link.get("text_similarity"),
        "entities": [(e, names.get(e, e)) for e in link.get("shared_entities") or []],
        "shared_numbers": list(link.get("shared_numbers") or []),
        "shared_tolls": list(link.get("shared_tolls") or []),
        "days_apart": link.get("days_apart"),
        "signals": dict(link.get("signals") or {}),
    }


def _why(view: dict[str, Any], titles: dict[str, str]) -> list[dict[str, Any]]:
    """Each article's joining step with its three strongest links, names resolved."""
    names = {e["id"]: e["name"] for e in view["entities"]}
    steps = []
    for step in view["why"]:
        links = [_link(lk, titles, names) for lk in step["links"]]
        links.sort(key=lambda lk: -lk["score"])
        steps.append(
            {
                "article": step["article"],
                "title": titles.get(step["article"], step["article"]),
                "joined": step["joined"],
                "score": step["score"],
                "links": links[:3],
            }
        )
    return steps


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, store: StoreDep, settings: SettingsDep, story_id: str) -> Response:
    live = resolve_story_id(store.conn, story_id)
    if live != story_id:  # a prefix, an article id or a merged story: show the story's URL
        return RedirectResponse(f"/stories/{live}", status_code=307)
    view = story_detail(store.conn, live)
    articles = {a["id"]: store.get_article(a["id"]) for a in view["articles"]}
    titles = {aid: headline(a, 80) for aid, a in articles.items()}
    linked = {lk["article"] for step in view["why"] for lk in step["links"]}
    titles.update(_other_titles(store, linked - set(titles)))
    scores = {r["id"]: r["score"] for r in view["related"]}
    related = [
        {**s, "score": scores.get(s["id"])}
        for s in story_summaries(store.conn, [r["id"] for r in view["related"]])
        if s["id"] != live
    ]
    ordered = [articles[a["id"]] for a in view["articles"]]
    try:
        summary = page_summary(str(settings.db_path), live, ordered)
    except Exception:  # the summary is a convenience: the page stands without it
        log.warning("no summary for story %s", live, exc_info=True)
        summary = None
    return render(
        request,
        "story.html",
        {
            "story": view,
            "columns": _columns(view, articles),
            "timeline": _timeline(view),
            "entities": view["entities"],
            "ledger": view["ledger"],
            "quotes": view["quotes"],
            "why": _why(view, titles),
            "titles": titles,
            "related": related,
            "summary": summary,
            "target": TARGET,
        },
    )
