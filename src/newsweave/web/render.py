"""The template environment and the helpers templates use.

Everything an article holds is untrusted, so autoescaping is on for every template and
nothing article-derived is marked safe, with one exception built here: highlighted
snippets, whose text is escaped piece by piece before ``<mark>`` is put around matches
(:func:`newsweave.search.snippets.marked_html`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

from newsweave.article import Article
from newsweave.search.snippets import marked_html

_LANG_CODE = re.compile(r"^[a-z]{2,3}$")
# Scripts written right to left (ISO 15924 names, as the language stage reports them).
RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Mand", "Samr"})


def lang_attr(code: str | None) -> str:
    """A value for an HTML ``lang`` attribute, or "" when the code is not a language code."""
    return code if code and _LANG_CODE.match(code) else ""


def safe_href(url: str | None) -> str | None:
    """The URL when it is http(s) (never ``javascript:`` or ``data:``), else None."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def highlighted(text: str, spans: list[list[int]] | list[tuple[int, int]]) -> Markup:
    """Snippet HTML: escaped text with the match spans in ``<mark>``."""
    return Markup(marked_html(text, [(int(s[0]), int(s[1])) for s in spans]))


def paragraphs(article: Article) -> list[dict[str, Any]]:
    """The cleaned text as paragraphs with their language (split on blank lines if unknown)."""
    if article.paragraphs:
        return [
            {"text": p.text.strip(), "lang": lang_attr(p.lang or article.lang), "code": p.lang}
            for p in article.paragraphs
            if p.text.strip()
        ]
    blocks = re.split(r"\n\s*\n", article.clean_text)
    code = article.lang
    return [{"text": b.strip(), "lang": lang_attr(code), "code": code} for b in blocks if b.strip()]


def lead(article: Article, limit: int = 280) -> str:
    """The start of the cleaned text, cut at a word near ``limit`` characters."""
    flat = " ".join(article.clean_text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    return (cut.rsplit(" ", 1)[0] if " " in cut[limit // 2 :] else cut).rstrip() + "…"


def number(value: float | int | None) -> str:
    """A figure for reading: thousands grouped, no needless decimals (``1,200``, ``2.5``)."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4g}"


def figure(item: dict[str, Any]) -> str:
    """A ledger item's normalised value with its hedge and unit ("more than 300 servers")."""
    parts = [str(item["hedge"]).replace("_", " ")] if item.get("hedge") else []
    parts.append(number(item.get("value")))
    if item.get("unit"):
        parts.append(str(item["unit"]))
    return " ".join(parts)


def headline(article: Article, limit: int = 110) -> str:
    """The title, or the start of the text when the article has none."""
    if article.title:
        return article.title
    flat = " ".join(article.clean_text.split())
    return flat if len(flat) <= limit else flat[:limit].rstrip() + "…"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("newsweave.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        lang_attr=lang_attr,
        safe_href=safe_href,
        highlighted=highlighted,
        paragraphs=paragraphs,
        headline=headline,
        lead=lead,
        number=number,
        figure=figure,
    )
    return env


def render(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """Render a page; every template gets ``request`` and the current path."""
    html = (
        environment()
        .get_template(template)
        .render(request=request, path=request.url.path, **context)
    )
    return HTMLResponse(html, status_code=status_code)
