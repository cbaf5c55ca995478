from __future__ import annotations

import html
import re
from pathlib import Path

import feedparser
from fastapi.testclient import TestClient
from web_fixtures import XSS_IMG, XSS_SCRIPT, XSS_TITLE, WebDb

import newsweave.web
from newsweave.web.render import environment, lang_attr, safe_href

ESCAPED_SCRIPT = html.escape(XSS_SCRIPT, quote=False)
ESCAPED_IMG = html.escape(XSS_IMG, quote=False)


def _assert_inert(page: str) -> None:
    """No markup from article data made it into the page unescaped."""
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert not re.search(r"href=\"javascript", page, re.I)


def test_web_front_page_groups_by_language(web: TestClient) -> None:
    r = web.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "16 articles in 6 languages" in page
    assert 'href="/articles?lang=en"' in page and 'href="/articles?lang=ar"' in page
    assert "All 11 →" in page  # English has more articles than the front page shows
    assert ESCAPED_SCRIPT in page
    _assert_inert(page)


def test_web_front_page_of_an_empty_database(tmp_path: Path) -> None:
    from newsweave.api import create_app

    with TestClient(create_app(tmp_path / "empty.db")) as c:
        page = c.get("/").text
    assert "Nothing here yet" in page and "newsweave ingest" in page


def test_web_article_page_escapes_article_text(web: TestClient, web_db: WebDb) -> None:
    r = web.get(f"/articles/{web_db.xss_id}")
    assert r.status_code == 200
    page = r.text
    assert html.escape(XSS_TITLE, quote=False) in page
    assert ESCAPED_SCRIPT in page and ESCAPED_IMG in page
    assert html.escape(f"Board {XSS_IMG}", quote=False) in page
    _assert_inert(page)
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert "script-src" not in r.headers["content-security-policy"]  # no script at all


def test_web_article_page_shows_languages_and_noise(web: TestClient, web_db: WebDb) -> None:
    page = web.get(f"/articles/{web_db.arabic_id}").text
    assert '<h1 dir="auto" lang="ar">' in page
    assert '<p dir="auto" lang="ar">' in page and '<p dir="auto" lang="fr">' in page
    assert "mixed: ar, fr" in page
    assert "Removed noise" in page and "header.v1" in page
    assert "حديث الساعة" in page  # in the original text and the removed line
    assert "Cleaned text" in page and "Original text" in page


def test_web_article_missing_is_an_html_404(web: TestClient) -> None:
    r = web.get("/articles/0000000000000000")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    assert "no such article" in r.text
    assert web.get("/no/such/page").status_code == 404


def test_web_articles_listing_paginates_with_filters(web: TestClient) -> None:
    r = web.get("/articles", params={"lang": "en", "limit": 5})
    page = r.text
    assert page.count('class="card"') == 5
    assert 'href="/articles?lang=en&amp;limit=5&amp;offset=5"' in page
    last = web.get("/articles", params={"lang": "en", "limit": 5, "offset": 10}).text
    assert last.count('class="card"') == 1 and 'rel="next"' not in last
    bad = web.get("/articles", params={"from": "yesterday"})
    assert bad.status_code == 400 and "YYYY" in bad.text


def test_web_search_page_highlights_safely(web: TestClient, web_db: WebDb) -> None:
    r = web.get("/search", params={"q": "harbour board"})
    page = r.text
    assert r.status_code == 200
    assert f'href="/articles/{web_db.xss_id}"' in page
    assert "<mark>harbour</mark>" in page.lower() or "<mark>Harbour</mark>" in page
    assert ESCAPED_SCRIPT in page
    _assert_inert(page)


def test_web_search_page_without_query_and_with_errors(web: TestClient) -> None:
    empty = web.get("/search")
    assert empty.status_code == 200 and "Words are matched whole" in empty.text
    bad = web.get("/search", params={"q": "kaldera", "to": "soon"})
    assert bad.status_code == 400 and "YYYY" in bad.text
    nothing = web.get("/search", params={"q": "zeppelin"})
    assert "0 articles" in nothing.text


def test_web_search_finds_arabic_without_hamza(web: TestClient, web_db: WebDb) -> None:
    page = web.get("/search", params={"q": "اعادة"}).text
    assert f'href="/articles/{web_db.arabic_id}"' in page
    assert "<mark>إعادة</mark>" in page


def test_web_feed_is_atom(web: TestClient) -> None:
    r = web.get("/feed.atom")
    assert r.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(r.text)
    assert not feed.bozo and len(feed.entries) == 16
    assert feed.entries[0].link.startswith("http://testserver/articles/")


def test_web_static_files_are_served(web: TestClient) -> None:
    css = web.get("/static/style.css")
    assert css.status_code == 200 and "text/css" in css.headers["content-type"]
    assert web.get("/static/favicon.svg").status_code == 200


def test_web_templates_never_mark_data_safe() -> None:
    folder = Path(newsweave.web.__file__).parent / "templates"
    for template in folder.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert "|safe" not in text.replace(" ", ""), template.name
        assert "autoescape false" not in text, template.name
        assert "<script" not in text, template.name
    assert environment().autoescape is True


def test_web_render_helpers() -> None:
    assert lang_attr("ar") == "ar" and lang_attr('x" onload="') == "" and lang_attr(None) == ""
    assert safe_href(" https://a.example/x ") == "https://a.example/x"
    assert safe_href("javascript:alert(1)") is None and safe_href("data:text/html,x") is None
