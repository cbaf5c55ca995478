from __future__ import annotations

import dataclasses

import pytest
from api_fixtures import ReaderDb
from fastapi.testclient import TestClient

from newsweave.search.filters import RELATION_FILTERS


def test_api_openapi_schema_lists_the_endpoints(client: TestClient) -> None:
    r = client.get("/openapi.json")
    assert r.status_code == 200
    paths = r.json()["paths"]
    for path in (
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/search",
        "/api/stats",
        "/api/ingest",
    ):
        assert path in paths
    assert "post" in paths["/api/ingest"]
    assert not any(p.startswith("/articles") or p == "/" for p in paths)  # pages stay out


def test_api_articles_paginate_without_overlap(client: TestClient) -> None:
    first = client.get("/api/articles", params={"limit": 4}).json()
    second = client.get("/api/articles", params={"limit": 4, "offset": 4}).json()
    assert first["total"] == second["total"] == 6
    assert len(first["items"]) == 4 and len(second["items"]) == 2
    assert first["next_offset"] == 4 and second["next_offset"] is None
    ids = [a["id"] for a in first["items"] + second["items"]]
    assert len(set(ids)) == 6


def test_api_articles_filter_by_language_and_dates(client: TestClient, reader_db: ReaderDb) -> None:
    en = client.get("/api/articles", params={"lang": "en"}).json()
    assert en["total"] == 3 and {a["lang"] for a in en["items"]} == {"en"}
    march = client.get("/api/articles", params={"from": "2023-03-07", "to": "2023-03"}).json()
    ids = {a["id"] for a in march["items"]}
    # the Arabic article is dated only "2023-03": its month overlaps the range
    assert ids == {reader_db.ids["fr"], reader_db.ids["ar"], reader_db.ids["xss"]}


def test_api_articles_reject_malformed_filters(client: TestClient) -> None:
    r = client.get("/api/articles", params={"from": "March"})
    assert r.status_code == 400
    assert "YYYY" in r.json()["detail"]
    assert client.get("/api/articles", params={"limit": 0}).status_code == 422
    assert client.get("/api/articles", params={"order": "random"}).status_code == 422


def test_api_article_detail_is_the_full_view(client: TestClient, reader_db: ReaderDb) -> None:
    r = client.get(f"/api/articles/{reader_db.ids['xss'][:8]}")
    assert r.status_code == 200
    data = r.json()
    assert data["id"] == reader_db.ids["xss"]
    assert data["removed"][0]["kind"] == "footer"
    assert "original_text" in data


def test_api_article_missing_is_404_with_a_message(client: TestClient) -> None:
    r = client.get("/api/articles/ffffffffffff")
    assert r.status_code == 404
    assert "no such article" in r.json()["detail"]


def test_api_stats_counts_languages(client: TestClient) -> None:
    data = client.get("/api/stats").json()
    assert data["articles"] == 6
    assert data["languages"] == {"en": 3, "fr": 1, "ar": 1, "de": 1}
    assert "db" not in data


def test_api_search_returns_result_objects(client: TestClient, reader_db: ReaderDb) -> None:
    r = client.get("/api/search", params={"q": "kaldera harbour"})
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 1 and body["mode"] == "all"
    hit = body["results"][0]
    assert hit["id"] == reader_db.ids["en"]
    for key in ("source", "lang", "title", "score", "snippet", "published", "story_id", "match"):
        assert key in hit
    assert hit["match"] == "keyword"
    assert "<mark>harbour</mark>" in hit["snippet_html"]


def test_api_search_filters_and_paginates(client: TestClient) -> None:
    everything = client.get("/api/search", params={"q": "kaldera"}).json()
    assert everything["total"] == 4  # en, fr, de, xss; the Arabic spelling differs
    french = client.get("/api/search", params={"q": "kaldera", "lang": "fr"}).json()
    assert [h["lang"] for h in french["results"]] == ["fr"]
    page2 = client.get("/api/search", params={"q": "kaldera", "limit": 3, "offset": 3}).json()
    assert len(page2["results"]) == 1 and page2["offset"] == 3


def test_api_search_needs_a_query(client: TestClient) -> None:
    assert client.get("/api/search").status_code == 422
    r = client.get("/api/search", params={"q": '"" -- **'})
    assert r.status_code == 400
    assert "empty query" in r.json()["detail"]


def test_api_search_entity_filter_without_entity_tables_says_so(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = dataclasses.replace(RELATION_FILTERS["entity"], table="no_such_mentions_table")
    monkeypatch.setitem(RELATION_FILTERS, "entity", missing)
    r = client.get("/api/search", params={"q": "kaldera", "entity": "Q1"})
    assert r.status_code == 400
    assert r.json()["detail"] == missing.unavailable


def test_api_responses_carry_security_headers(client: TestClient) -> None:
    r = client.get("/api/stats")
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
