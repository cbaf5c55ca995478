from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_fixtures import ReaderDb
from fastapi.testclient import TestClient

from newsweave.api import create_app
from newsweave.errors import MissingModelError
from newsweave.store import Store
from newsweave.stories.signals import Featurizer

TOKEN = "s3cret-token-for-tests"
NDJSON = {"content-type": "application/x-ndjson"}
AUTH = {"authorization": f"Bearer {TOKEN}"}

NEW_ARTICLE = {
    "text": "Die Fähre nach Morvik fährt wieder, meldete die Reederei am Dienstag.\n\n"
    "Die Fahrgäste warteten zwei Tage auf besseres Wetter.",
    "title": "Fähre nach Morvik fährt wieder",
    "source": "Morvik Nachrichten",
    "published": "2023-04-04",
}


def _count(path: Path) -> int:
    with Store(path) as store:
        return store.count_articles()


@pytest.fixture
def token_client(reader_db: ReaderDb, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("NEWSWEAVE_TOKEN", TOKEN)
    with TestClient(create_app(reader_db.path, story_config="hashing")) as c:
        yield c


def test_api_ingest_refused_when_no_token_is_configured(
    client: TestClient, reader_db: ReaderDb
) -> None:
    r = client.post("/api/ingest", content=json.dumps(NEW_ARTICLE), headers={**NDJSON, **AUTH})
    assert r.status_code == 403
    assert "NEWSWEAVE_TOKEN" in r.json()["detail"]
    assert _count(reader_db.path) == 6


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"authorization": "Bearer wrong"},
        {"authorization": f"Token {TOKEN}"},
        {"authorization": "Basic dTpzM2NyZXQtdG9rZW4tZm9yLXRlc3Rz"},
    ],  # u:<token>, Basic
    ids=["none", "wrong", "other-scheme", "basic"],
)
def test_api_ingest_without_the_right_bearer_is_401_and_stores_nothing(
    token_client: TestClient, reader_db: ReaderDb, headers: dict[str, str]
) -> None:
    r = token_client.post(
        "/api/ingest", content=json.dumps(NEW_ARTICLE), headers={**NDJSON, **headers}
    )
    assert r.status_code == 401
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert _count(reader_db.path) == 6
    assert token_client.get("/api/search", params={"q": "Morvik"}).json()["total"] == 0


def test_api_ingest_then_search_finds_the_article(token_client: TestClient) -> None:
    r = token_client.post(
        "/api/ingest", content=json.dumps(NEW_ARTICLE) + "\n", headers={**NDJSON, **AUTH}
    )
    assert r.status_code == 200
    report = r.json()
    assert report["stored"] == 1 and report["failed"] == 0
    new_id = report["stored_ids"][0]
    found = token_client.get("/api/search", params={"q": "Fähre Morvik"}).json()
    assert [h["id"] for h in found["results"]] == [new_id]
    assert found["results"][0]["source"] == "Morvik Nachrichten"
    article = token_client.get(f"/api/articles/{new_id}").json()
    assert article["lang"] == "de"  # the pipeline ran
    assert article["input_kind"] == "api"


def test_api_ingest_reports_bad_lines_and_duplicates(token_client: TestClient) -> None:
    body = "\n".join(
        [
            json.dumps(NEW_ARTICLE),
            "{not json",
            json.dumps({"title": "no text"}),
            "",
            json.dumps(NEW_ARTICLE),
        ]
    )
    for content_type in ("application/jsonl", "text/plain; charset=utf-8"):
        r = token_client.post(
            "/api/ingest", content=body.encode(), headers={"content-type": content_type, **AUTH}
        )
        assert r.status_code == 200
    report = r.json()  # the second post: everything already there or broken
    assert report["stored"] == 0 and report["duplicates"] == 2
    reasons = {f["source"]: f["reason"] for f in report["failures"]}
    assert set(reasons) == {"api#L2", "api#L3"}
    assert "not valid JSON" in reasons["api#L2"] and "'text'" in reasons["api#L3"]


def test_api_ingest_json_array(token_client: TestClient) -> None:
    items = [NEW_ARTICLE, {"text": "Une seconde dépêche sur le bac de Morvik, remis en service."}]
    r = token_client.post("/api/ingest", json=items, headers=AUTH)
    assert r.status_code == 200 and r.json()["stored"] == 2


def test_api_ingest_html_page(token_client: TestClient) -> None:
    paragraph = (
        "The ferry to Morvik is running again after two days of storms, the operator "
        "said on Tuesday, and the first crossing left on time with forty passengers. "
    )
    page = (
        f"<html lang='en'><head><title>Morvik ferry back</title></head><body>"
        f"<nav>Home | News</nav><article><h1>Morvik ferry back</h1><p>{paragraph * 3}</p>"
        f"<p>{paragraph}</p></article><footer>Contact</footer></body></html>"
    )
    r = token_client.post(
        "/api/ingest",
        params={"url": "https://news.example/morvik"},
        content=page.encode(),
        headers={"content-type": "text/html", **AUTH},
    )
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["stored"] == 1, report
    article = token_client.get(f"/api/articles/{report['stored_ids'][0]}").json()
    assert article["url"] == "https://news.example/morvik"
    assert "forty passengers" in article["text"]


def test_api_ingest_html_needs_a_source(token_client: TestClient) -> None:
    r = token_client.post(
        "/api/ingest",
        content=b"<html><body><p>x</p></body></html>",
        headers={"content-type": "text/html", **AUTH},
    )
    assert r.status_code == 400
    assert "?source=" in r.json()["detail"]


def test_api_ingest_rejects_unknown_types_and_empty_bodies(token_client: TestClient) -> None:
    r = token_client.post(
        "/api/ingest", content=b"a,b\n1,2\n", headers={"content-type": "text/csv", **AUTH}
    )
    assert r.status_code == 415
    assert "application/x-ndjson" in r.json()["detail"]
    r = token_client.post("/api/ingest", content=b"  \n", headers={**NDJSON, **AUTH})
    assert r.status_code == 400
    r = token_client.post("/api/ingest", content=b"\xff\xfe{}", headers={**NDJSON, **AUTH})
    assert r.status_code == 400 and "UTF-8" in r.json()["detail"]


def test_api_ingest_source_parameter_names_records_without_one(token_client: TestClient) -> None:
    unnamed = {"text": "Ein Wetterbericht aus Morvik: Sturm vorbei, Hafen offen."}
    body = json.dumps(unnamed) + "\n[1]\n" + json.dumps(NEW_ARTICLE) + "\n"
    r = token_client.post(
        "/api/ingest", params={"source": "Wire"}, content=body.encode(), headers={**NDJSON, **AUTH}
    )
    report = r.json()
    assert report["stored"] == 2
    assert report["failures"][0]["source"] == "Wire#L2"
    sources = {
        token_client.get(f"/api/articles/{i}").json()["source"] for i in report["stored_ids"]
    }
    assert sources == {"Wire", "Morvik Nachrichten"}


def test_api_ingest_puts_the_new_articles_in_stories(token_client: TestClient) -> None:
    assert token_client.get("/api/stories").json()["total"] == 0
    r = token_client.post(
        "/api/ingest", content=json.dumps(NEW_ARTICLE), headers={**NDJSON, **AUTH}
    )
    assert r.status_code == 200
    report = r.json()
    new_id = report["stored_ids"][0]
    stories = report["stories"]
    assert stories["updated"] is True and stories["configuration"].startswith("hashing")
    placed = {d["article"]: d["story"] for d in stories["decisions"]}
    assert len(placed) == 7  # the new article and the six stored before stories existed
    story = token_client.get(f"/api/stories/{new_id}").json()
    assert story["id"] == placed[new_id]
    assert new_id in [a["id"] for a in story["articles"]]
    again = token_client.post(
        "/api/ingest", content=json.dumps(NEW_ARTICLE), headers={**NDJSON, **AUTH}
    ).json()
    assert again["duplicates"] == 1
    assert again["stories"] == {"updated": False, "reason": "no new article to place"}


def test_api_ingest_stores_even_when_the_story_engine_cannot_run(
    token_client: TestClient, reader_db: ReaderDb, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(config: str = "default", *, fitted: bool = True) -> Featurizer:
        raise MissingModelError("the embedding model is not installed")

    monkeypatch.setattr(Featurizer, "from_config", missing)
    r = token_client.post(
        "/api/ingest", content=json.dumps(NEW_ARTICLE), headers={**NDJSON, **AUTH}
    )
    assert r.status_code == 200
    report = r.json()
    assert report["stored"] == 1 and report["failed"] == 0
    assert report["stories"]["updated"] is False
    assert "the embedding model is not installed" in report["stories"]["reason"]
    assert _count(reader_db.path) == 7
    found = token_client.get("/api/search", params={"q": "Fähre Morvik"}).json()
    assert [h["id"] for h in found["results"]] == report["stored_ids"]
    assert token_client.get("/api/stories").json()["total"] == 0
