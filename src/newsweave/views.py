"""Plain-dict views of records, shared by the CLI's --json output, the REST API and exports.

Field names here are a public contract: add fields freely, never rename or drop one.
"""

from __future__ import annotations

from typing import Any

from newsweave.article import Article


def article_view(article: Article, *, full: bool = False) -> dict[str, Any]:
    """An article as JSON: id, source, title, lang, published, published_from, text (cleaned)."""
    view: dict[str, Any] = {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "lang": article.lang,
        "lang_score": round(article.lang_score, 4),
        "script": article.script,
        "published": article.published,
        "published_from": article.published_from,
        "mixed_language": article.mixed_language,
        "languages": article.languages,
        "input_kind": article.input_kind,
        "text": article.clean_text,
    }
    if full:
        view.update(
            {
                "original_text": article.text,
                "encoding": article.encoding,
                "declared_lang": article.declared_lang,
                "removed": [
                    {"kind": r.kind, "text": r.text, "line": r.line, "rule": r.rule}
                    for r in article.removed
                ],
                "paragraphs": [
                    {
                        "start": p.start,
                        "end": p.end,
                        "lang": p.lang,
                        "lang_score": round(p.lang_score, 4),
                        "script": p.script,
                    }
                    for p in article.paragraphs
                ],
                "meta": article.meta,
                "stages": article.stages,
            }
        )
    return view
