"""Story and entity pages over a hand-made store clustered with the hashing configuration."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient
from web_fixtures import XSS_IMG, XSS_SCRIPT, XSS_TITLE, WebDb

from newsweave.translate.chooser import translator_for
from newsweave.web.story_summary import quick_backends

ESCAPED_SCRIPT = html.escape(XSS_SCRIPT, quote=False)
ESCAPED_IMG = html.escape(XSS_IMG, quote=False)
BRENNER = "/entities/per%3Ailsa-brenner"


def _assert_inert(page: str) -> None:
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert not re.search(r"href=\"javascript", page, re.I)


def _section(page: str, heading_id: str) -> str:
    """The HTML from the <h2> with this id to the next <h2> (or the end of the page)."""
    start = page.index(f'<h2 id="{heading_id}"')
    end = page.find("<h2 ", start + 1)
    return page[start : end if end > 0 else len(page)]


def test_web_front_page_lists_stories_first(web: TestClient, web_db: WebDb) -> None:
    page = web.get("/").text
    stories = _section(page, "stories-h")
    assert page.index('id="stories-h"') < page.index('id="recent-h"')
    assert f'href="/stories/{web_db.storm_id}"' in stories
    assert html.escape(XSS_TITLE, quote=False) in stories  # the English title leads
    assert "4 articles" in stories and "11 articles" in stories
    assert '2023-03-12</time> – <time datetime="2023-03-14">' in stories
    for code in ("PT", "ES", "DE", "EN"):
        assert f">{code.lower()}</span>" in stories
    _assert_inert(page)


def test_web_stories_listing_filters_by_language(web: TestClient, web_db: WebDb) -> None:
    every = web.get("/stories").text
    assert "3 stories, largest first" in every
    german = web.get("/stories", params={"lang": "de"}).text
    assert "1 story, largest first" in german and f"/stories/{web_db.storm_id}" in german
    first = web.get("/stories", params={"limit": 1}).text
    assert first.count('class="card"') == 1 and 'rel="next"' in first
    assert "No story in this language" in web.get("/stories", params={"lang": "ja"}).text


def test_web_story_page_shows_articles_ledger_entities_and_why(
    web: TestClient, web_db: WebDb
) -> None:
    r = web.get(f"/stories/{web_db.storm_id}")
    assert r.status_code == 200
    page = r.text
    _assert_inert(page)
    assert ESCAPED_SCRIPT in page and ESCAPED_IMG in page  # the hostile article, as text

    columns = _section(page, "side-h")
    for code in ("es", "pt", "de", "en"):
        assert f'aria-label="language {code}"' in columns
    assert columns.count("<summary>Original text</summary>") == 4

    timeline = _section(page, "timeline-h")
    assert re.findall(r'<time datetime="([\d-]+)"', timeline) == [
        "2023-03-12",
        "2023-03-13",
        "2023-03-14",
    ]

    entities = _section(page, "entities-h")
    assert f'href="{BRENNER}"' in entities and 'href="/entities/loc%3Amorvik"' in entities

    ledger = _section(page, "ledger-h")
    assert "verdict-revision" in ledger
    assert "Menschen wurden verletzt" in ledger and "Küstenblatt" in ledger
    assert '<time datetime="2023-03-13">2023-03-13</time>' in ledger
    assert 'lang="de"' in ledger and 'lang="pt"' in ledger

    why = _section(page, "why-h")
    assert "opened the story" in why and "joined with score" in why
    assert "text similarity" in why and f'href="{BRENNER}"' in why

    quotes = _section(page, "quotes-h")
    assert "O molhe aguentou" in quotes and f'href="{BRENNER}"' in quotes


def test_web_story_summary_labels_machine_translation(web: TestClient, web_db: WebDb) -> None:
    summary = _section(web.get(f"/stories/{web_db.storm_id}").text, "summary-h")
    labels = re.findall(r"machine translation \(([^,]+), ([^)]+)\)", summary)
    translatable = any(translator_for(src, "en", quick_backends()) for src in ("es", "pt", "de"))
    if translatable:
        assert labels, "a sentence in a language a quick backend covers is translated"
        for backend, quality in labels:
            assert (backend, quality) in {(b.name, b.quality) for b in quick_backends()}
    else:
        assert labels == []
    assert summary.count("<li>") >= 3  # one sentence from each language first


def test_web_story_urls_resolve_to_the_story(web: TestClient, web_db: WebDb) -> None:
    for ref in (web_db.xss_id, web_db.storm_id[:7]):
        r = web.get(f"/stories/{ref}", follow_redirects=False)
        assert r.status_code == 307 and r.headers["location"] == f"/stories/{web_db.storm_id}"
    missing = web.get("/stories/s000000000000")
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]


def test_web_entity_page_shows_spellings_timeline_and_stories(
    web: TestClient, web_db: WebDb
) -> None:
    r = web.get(BRENNER)
    assert r.status_code == 200
    page = r.text
    assert "Ilsa Brenner" in page and "4 mentions in 4 articles" in page
    spellings = _section(page, "spellings-h")
    for code in ("es", "pt", "de", "en"):
        assert f'lang="{code}">Ilsa Brenner</span> <span class="muted">Latn</span>' in spellings
    mentions = _section(page, "mentions-h")
    assert '<th scope="row">2023-03</th>' in mentions and mentions.count("<meter") == 4
    assert f'href="/stories/{web_db.storm_id}"' in _section(page, "stories-h")
    assert "O molhe aguentou" in _section(page, "quotes-h")
    assert page.count('<li class="card">') >= 5  # the story and the four articles
    _assert_inert(page)
    by_name = web.get("/entities/Ilsa Brenner").text
    assert "4 mentions in 4 articles" in by_name
    assert web.get("/entities/Nobody Atall").status_code == 404


def test_web_entities_listing_filters_by_type(web: TestClient) -> None:
    every = web.get("/entities").text
    assert "2 entities, most mentioned first" in every
    people = web.get("/entities", params={"type": "PER"}).text
    assert f'href="{BRENNER}"' in people and "loc%3Amorvik" not in people
    assert 'aria-current="page">people</a>' in people


def test_web_article_page_links_its_story(web: TestClient, web_db: WebDb) -> None:
    page = web.get(f"/articles/{web_db.storm_articles[0]}").text
    assert f'<a href="/stories/{web_db.storm_id}">' in page
