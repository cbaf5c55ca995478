"""The story and entity page templates render their documented context safely."""

from __future__ import annotations

from typing import Any

from web_fixtures import XSS_IMG, XSS_SCRIPT, web_articles

from newsweave.stories.summary import StorySummary, SummarySentence
from newsweave.translate.base import Translation
from newsweave.web.paging import PageLinks
from newsweave.web.render import environment, figure, lead


def _render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(path="/", request=None, **context)


def _summary(french_id: str) -> StorySummary:
    original = "Le port de Kaldera a rouvert lundi après la tempête."
    translated = Translation(
        "The port of Kaldera reopened on Monday after the storm.",
        original,
        "fr",
        "en",
        machine_translated=True,
        backend="apertium",
        quality="rule-based",
    )
    sentences = [
        SummarySentence(
            original, french_id, "Journal du Port", "fr", "2023-03-07", 0, 0.8, translated
        ),
        SummarySentence(
            f"Forty boats {XSS_SCRIPT} waited.", "x", "Tide Desk", "en", None, 1, 0.5, None
        ),
    ]
    return StorySummary(sentences, ["fr", "en"], "hashing-char35-d1024", "en", 2)


def _story() -> dict[str, Any]:
    articles = web_articles()
    arabic, french, hostile = articles[-2], articles[-3], articles[-1]
    items = [
        {"id": a.id, "source": a.source, "lang": a.lang, "title": a.title, "published": a.published}
        for a in (arabic, french, hostile)
    ]
    view = {
        "id": "st1",
        "title": f"Kaldera harbour {XSS_SCRIPT}",
        "languages": ["ar", "fr", "en"],
        "n_articles": 3,
        "first_seen": "2023-03-06",
        "last_seen": "2023-03-14",
        "articles": items,
        "related": [],
    }
    why = [
        {"article": arabic.id, "title": "إعادة فتح", "joined": False, "score": 0.0, "links": []},
        {
            "article": french.id,
            "title": "Kaldera rouvre",
            "joined": True,
            "score": 0.71,
            "links": [
                {
                    "article": arabic.id,
                    "title": "إعادة فتح",
                    "score": 0.71,
                    "text_similarity": 0.42,
                    "entities": [("loc:kaldera", "Kaldera")],
                    "shared_numbers": ["12"],
                    "days_apart": 1,
                    "shared_tolls": [{"concept": "injured", "a": 12, "b": 15}],
                    "signals": {"entities": 0.8, "numbers": 0.5},
                }
            ],
        },
    ]
    entities = [
        {
            "id": "loc:kaldera",
            "name": "Kaldera",
            "type": "LOC",
            "mentions": 3,
            "articles": 2,
            "forms": [
                {"form": "كالديرا", "lang": "ar", "script": "Arab", "count": 2},
                {"form": XSS_IMG, "lang": "en", "script": "Latn", "count": 1},
            ],
        }
    ]
    ledger = [
        {
            "verdict": "revision",
            "kind": "count",
            "subject": "person injured",
            "unit": "person",
            "reason": "the figure changed as news came in",
            "items": [
                {
                    "article": hostile.id,
                    "source": hostile.source,
                    "lang": "en",
                    "published": "2023-03-14",
                    "value": 12.0,
                    "hedge": None,
                    "unit": "person",
                    "raw": "12",
                    "story": "st1",
                    "sentence": f"Forty boats {XSS_SCRIPT} waited.",
                },
                {
                    "article": french.id,
                    "source": french.source,
                    "lang": "fr",
                    "published": None,
                    "value": 1500.0,
                    "hedge": "more_than",
                    "unit": "person",
                    "raw": "plus de 1500",
                    "story": "st2",
                    "sentence": "Plus de 1500 personnes.",
                },
            ],
        }
    ]
    quotes = [
        {
            "speaker": "Ilsa Brenner",
            "speaker_entity": "per:ilsa-brenner",
            "text": f"Calm {XSS_IMG}",
            "kind": "direct",
            "lang": "en",
            "article": hostile.id,
            "source": hostile.source,
        }
    ]
    return {
        "story": view,
        "columns": [("ar", [arabic]), ("fr", [french]), ("en", [hostile])],
        "timeline": [
            ("2023-03-06", [items[0]]),
            ("2023-03-07", [items[1]]),
            ("2023-03-14", [items[2]]),
        ],
        "entities": entities,
        "ledger": ledger,
        "quotes": quotes,
        "why": why,
        "titles": {i["id"]: i["title"] for i in items},
        "related": [
            {"id": "st2", "title": "Dyke vote", "languages": ["de"], "n_articles": 1, "score": 0.3}
        ],
        "summary": _summary(french.id),
        "target": "en",
    }


def test_web_story_template_renders_every_section() -> None:
    page = _render("story.html", **_story())
    for heading in (
        "In short",
        "The articles, by language",
        "Timeline",
        "Who and what",
        "Claim ledger",
        "Who said what",
        "Why these articles are one story",
        "Related stories",
    ):
        assert heading in page, heading
    assert "machine translation (apertium, rule-based)" in page
    assert "The port of Kaldera reopened" in page and "Le port de Kaldera a rouvert" in page
    assert "text similarity 0.42" in page and "both report injured: 12 / 15" in page
    assert '<a href="/entities/loc%3Akaldera" dir="auto">Kaldera</a>' in page
    assert "entities 0.80, numbers 0.50" in page
    assert "verdict-revision" in page and "more than 1,500 person" in page
    assert "related story" in page and "date unknown" in page
    assert 'dir="auto" lang="ar"' in page  # the Arabic original, right to left
    assert page.count('<details class="original">') == 4  # 3 originals, 1 translated sentence
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_web_story_template_leaves_out_missing_sections() -> None:
    context = _story()
    page = _render(
        "story.html",
        **{
            **context,
            "entities": [],
            "ledger": [],
            "quotes": [],
            "why": [],
            "related": [],
            "summary": None,
        },
    )
    assert "Timeline" in page and "Claim ledger" in page
    assert "No figure of this story is reported by two articles" in page
    for heading in ("Who and what", "Why these", "In short", "Who said what", "Related stories"):
        assert heading not in page, heading


def test_web_entity_template_renders_spellings_and_mentions() -> None:
    entity = {
        "id": "loc:kaldera",
        "name": "Kaldera",
        "type": "LOC",
        "mentions": 3,
        "spellings": [
            {"text": "كالديرا", "lang": "ar", "script": "Arab", "count": 2},
            {"text": "Kaldera", "lang": "fr", "script": "Latn", "count": 1},
        ],
        "others": [{"id": "loc:caldera", "name": f"Caldera {XSS_SCRIPT}", "type": "LOC"}],
    }
    timeline = {
        "periods": ["2023-02", "2023-03"],
        "languages": ["ar", "fr"],
        "counts": {"2023-02": {"fr": 1}, "2023-03": {"ar": 2}},
        "max": 2,
    }
    page = _render(
        "entity.html",
        entity=entity,
        timeline=timeline,
        articles=web_articles()[:2],
        total_articles=2,
        links=PageLinks(None, None, 1, 2, 2),
        stories=[],
        more_stories=0,
        quotes=[],
    )
    assert 'lang="ar">كالديرا</span> <span class="muted">Arab</span>' in page
    assert page.count("<meter") == 4
    assert 'value="2"' in page and 'value="0"' in page
    assert "Tide note 0" in page
    assert "Caldera &lt;script&gt;" in page and "<script" not in page


def test_web_figure_and_lead_helpers() -> None:
    assert figure({"hedge": "at_least", "value": 38.0, "unit": "people"}) == "at least 38 people"
    assert figure({"hedge": None, "value": 2.5e9, "unit": "USD"}) == "2,500,000,000 USD"
    assert figure({"hedge": None, "value": 10.25, "unit": None}) == "10.25"
    article = web_articles()[0]
    assert lead(article) == article.clean_text
    long = web_articles()[-1]
    short = lead(long, 40)
    assert short.endswith("…") and len(short) <= 41 and " " in short
