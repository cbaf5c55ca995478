"""The story and entity page templates render their documented context safely."""

from __future__ import annotations

from typing import Any

from web_fixtures import XSS_IMG, XSS_SCRIPT, web_articles

from newsweave.web.render import environment


def _render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(path="/", request=None, **context)


def _story() -> dict[str, Any]:
    articles = web_articles()
    arabic, french, hostile = articles[-2], articles[-3], articles[-1]
    view = {
        "id": "st1",
        "title": f"Kaldera harbour {XSS_SCRIPT}",
        "languages": ["ar", "fr", "en"],
        "n_articles": 3,
        "first_seen": "2023-03-06",
        "last_seen": "2023-03-08",
        "articles": [
            {"id": a.id, "source": a.source, "lang": a.lang, "title": a.title,
             "published": a.published}
            for a in (arabic, french, hostile)
        ],
        "related": [],
        "why": [
            {"article": arabic.id, "joined": False, "score": 0.0, "links": []},
            {"article": french.id, "joined": True, "score": 0.71,
             "links": [{"article": arabic.id, "score": 0.71,
                        "signals": {"entities": 0.8, "numbers": 0.5}}]},
        ],
    }
    columns = [("ar", [arabic]), ("fr", [french]), ("en", [hostile])]
    entities = [{"id": "e1", "name": "Kaldera", "type": "LOC", "mentions": 3,
                 "spellings": [{"text": "كالديرا", "lang": "ar"}, {"text": XSS_IMG, "lang": "en"}]}]
    ledger = [{"label": "boats waiting", "verdict": "agree", "note": None,
               "figures": [{"value": "40", "sentence": f"Forty boats {XSS_SCRIPT} waited.",
                            "lang": "en", "source": "Tide Desk", "article_id": hostile.id}]}]
    return {"story": view, "columns": columns, "entities": entities, "ledger": ledger}


def test_web_story_template_renders_every_section() -> None:
    page = _render("story.html", **_story())
    for heading in ("The articles, by language", "Timeline", "Who and what", "Claim ledger",
                    "Why these articles are one story"):
        assert heading in page
    assert "entities 0.80, numbers 0.50" in page
    assert 'dir="auto" lang="ar"' in page  # the Arabic original, right to left
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_web_story_template_leaves_out_missing_sections() -> None:
    context = _story()
    context["story"].pop("why")
    page = _render("story.html", **{**context, "entities": [], "ledger": []})
    assert "Timeline" in page
    assert "Claim ledger" not in page and "Who and what" not in page and "Why these" not in page


def test_web_entity_template_renders_spellings_and_mentions() -> None:
    entity = {"id": "e1", "name": "Kaldera", "type": "LOC",
              "spellings": [{"text": "كالديرا", "lang": "ar", "count": 2},
                            {"text": "Kaldera", "lang": "fr", "count": 1}]}
    timeline = {"periods": ["2023-02", "2023-03"], "languages": ["ar", "fr"],
                "counts": {"2023-02": {"fr": 1}, "2023-03": {"ar": 2}}, "max": 2}
    page = _render("entity.html", entity=entity, timeline=timeline, articles=web_articles()[:2])
    assert 'lang="ar">كالديرا</span>' in page
    assert page.count("<meter") == 4
    assert 'value="2"' in page and 'value="0"' in page
    assert "Tide note 0" in page
