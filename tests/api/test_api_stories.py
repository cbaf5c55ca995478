"""Stories, entities, facts, the ledger and quotes over the API: the CLI's JSON, paginated."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from story_fixtures import StoryDb, build_story_db
from typer.testing import CliRunner

from newsweave.api import create_app
from newsweave.cli import app as cli_app

DETAIL_EXTRAS = ("ledger", "entities", "quotes")
FERRY_ENTITIES = {"misc:nordlys", "loc:morvik", "per:ilsa-brenner"}


@pytest.fixture(scope="module")
def story_db(tmp_path_factory: pytest.TempPathFactory) -> StoryDb:
    return build_story_db(tmp_path_factory.mktemp("stories") / "stories.db")


@pytest.fixture(scope="module")
def api(story_db: StoryDb) -> Iterator[TestClient]:
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("NEWSWEAVE_TOKEN", raising=False)
        mp.delenv("NEWSWEAVE_PUBLIC_READS", raising=False)
        with TestClient(create_app(story_db.path, story_config="hashing")) as c:
            yield c


def cli_json(db: Path, *args: str) -> Any:
    """What ``newsweave ARGS --json --db DB`` prints, parsed."""
    result = CliRunner().invoke(cli_app, [*args, "--json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def everything(api: TestClient, path: str, **params: str) -> dict[str, Any]:
    r = api.get(path, params={"limit": "200", **params})
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    assert body["total"] == len(body["items"]) and body["next_offset"] is None
    return body


def test_api_openapi_lists_the_story_endpoints(api: TestClient) -> None:
    paths = api.get("/openapi.json").json()["paths"]
    for path in (
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/entities",
        "/api/entities/{name_or_id}",
        "/api/facts",
        "/api/ledger",
        "/api/quotes",
        "/api/articles",
        "/api/search",
        "/api/stats",
        "/api/ingest",
    ):
        assert path in paths, path
    assert not any(p.startswith(("/stories", "/entities")) for p in paths)  # pages stay out
    params = {p["name"] for p in paths["/api/quotes"]["get"]["parameters"]}
    assert {"story", "speaker", "lang", "limit", "offset"} <= params


def test_api_stories_are_the_cli_objects(api: TestClient, story_db: StoryDb) -> None:
    body = everything(api, "/api/stories")
    assert body["items"] == cli_json(story_db.path, "stories")
    assert [s["id"] for s in body["items"]] == [story_db.ferry, story_db.chess]
    ferry = body["items"][0]
    assert ferry["n_articles"] == 3 and sorted(ferry["languages"]) == ["de", "en", "fr"]
    assert (ferry["first_seen"], ferry["last_seen"]) == ("2024-05-06", "2024-05-07")


def test_api_stories_paginate_and_filter_by_language(api: TestClient, story_db: StoryDb) -> None:
    first = api.get("/api/stories", params={"limit": 1}).json()
    second = api.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert (first["total"], first["next_offset"], second["next_offset"]) == (2, 1, None)
    assert [first["items"][0]["id"], second["items"][0]["id"]] == [story_db.ferry, story_db.chess]
    german = api.get("/api/stories", params={"lang": "DE"}).json()
    assert [s["id"] for s in german["items"]] == [story_db.ferry]
    assert api.get("/api/stories", params={"lang": "ja"}).json()["total"] == 0
    assert api.get("/api/stories", params={"limit": 0}).status_code == 422


def test_api_story_detail_is_the_cli_story_with_ledger_entities_quotes(
    api: TestClient, story_db: StoryDb
) -> None:
    r = api.get(f"/api/stories/{story_db.ferry}")
    assert r.status_code == 200
    detail = r.json()
    db = story_db.path
    assert {k: v for k, v in detail.items() if k not in DETAIL_EXTRAS} == cli_json(
        db, "story", story_db.ferry
    )
    assert detail["ledger"] == cli_json(db, "ledger", "--story", story_db.ferry)
    assert detail["quotes"] == cli_json(db, "quotes", "--story", story_db.ferry)
    assert [w["joined"] for w in detail["why"]] == [False, True, True]
    joined = detail["why"][1]["links"][0]
    assert set(joined["shared_entities"]) == FERRY_ENTITIES

    entities = {e["id"]: e for e in detail["entities"]}
    assert set(entities) == FERRY_ENTITIES
    brenner = entities["per:ilsa-brenner"]
    assert (brenner["name"], brenner["type"], brenner["mentions"], brenner["articles"]) == (
        "Ilsa Brenner",
        "PER",
        3,
        3,
    )
    assert {(f["form"], f["lang"], f["script"]) for f in brenner["forms"]} == {
        ("Ilsa Brenner", "en", "Latn"),
        ("Ilsa Brenner", "fr", "Latn"),
        ("Ilsa Brenner", "de", "Latn"),
    }

    injured = [e for e in detail["ledger"] if {i["value"] for i in e["items"]} == {14.0, 17.0}]
    assert len(injured) == 1 and injured[0]["verdict"] == "revision"
    assert sorted((i["lang"], i["value"]) for i in injured[0]["items"]) == [
        ("de", 17.0),
        ("en", 14.0),
        ("fr", 14.0),
    ]
    assert [q["speaker_entity"] for q in detail["quotes"]] == ["per:ilsa-brenner"] * 2


def test_api_story_resolves_article_ids_and_prefixes(api: TestClient, story_db: StoryDb) -> None:
    by_article = api.get(f"/api/stories/{story_db.ids['de']}").json()
    by_prefix = api.get(f"/api/stories/{story_db.ferry[:6]}").json()
    assert by_article["id"] == by_prefix["id"] == story_db.ferry
    r = api.get("/api/stories/s000000000000")
    assert r.status_code == 404 and "no such story" in r.json()["detail"]


def test_api_entities_are_the_cli_objects(api: TestClient, story_db: StoryDb) -> None:
    db = story_db.path
    assert everything(api, "/api/entities")["items"] == cli_json(db, "entities")
    people = everything(api, "/api/entities", type="PER")["items"]
    assert people == cli_json(db, "entities", "--type", "PER")
    assert [e["id"] for e in people] == ["per:ilsa-brenner"]
    german = everything(api, "/api/entities", lang="de")["items"]
    assert {e["id"] for e in german} == FERRY_ENTITIES
    chess = everything(api, "/api/entities", story=story_db.chess)["items"]
    assert [e["id"] for e in chess] == ["loc:tarsk"]
    page = api.get("/api/entities", params={"limit": 2, "offset": 2}).json()
    assert (page["total"], len(page["items"]), page["next_offset"]) == (4, 2, None)
    assert api.get("/api/entities", params={"type": "PERSON"}).status_code == 422


def test_api_entity_by_id_or_spelling(api: TestClient, story_db: StoryDb) -> None:
    expected = cli_json(story_db.path, "entity", "per:ilsa-brenner")
    assert api.get("/api/entities/per:ilsa-brenner").json() == expected
    by_name = api.get("/api/entities/Ilsa Brenner").json()
    assert by_name == expected
    assert sorted(by_name["by_language"]) == ["de", "en", "fr"]
    r = api.get("/api/entities/Nobody Atall")
    assert r.status_code == 404 and "no entity" in r.json()["detail"]


def test_api_facts_are_the_cli_objects(api: TestClient, story_db: StoryDb) -> None:
    db = story_db.path
    every = everything(api, "/api/facts")["items"]
    assert every == cli_json(db, "facts") and every
    counts = everything(api, "/api/facts", story=story_db.ferry, kind="count")["items"]
    assert counts == cli_json(db, "facts", "--story", story_db.ferry, "--kind", "count")
    assert {f["article"] for f in counts} == {story_db.ids[k] for k in ("en", "fr", "de")}
    german = everything(api, "/api/facts", lang="de")["items"]
    assert german and {f["lang"] for f in german} == {"de"}
    assert api.get("/api/facts", params={"kind": "weight"}).status_code == 422
    assert api.get("/api/facts", params={"story": "s000000000000"}).status_code == 404


def test_api_ledger_is_the_cli_ledger(api: TestClient, story_db: StoryDb) -> None:
    db = story_db.path
    assert everything(api, "/api/ledger")["items"] == cli_json(db, "ledger")
    ferry = everything(api, "/api/ledger", story=story_db.ids["en"])["items"]
    assert ferry == cli_json(db, "ledger", "--story", story_db.ferry)
    revisions = everything(api, "/api/ledger", verdict="revision")["items"]
    assert revisions and {e["verdict"] for e in revisions} == {"revision"}
    assert everything(api, "/api/ledger", story=story_db.chess)["items"] == []
    assert everything(api, "/api/ledger", lang="ja")["items"] == []


def test_api_quotes_are_the_cli_quotes(api: TestClient, story_db: StoryDb) -> None:
    db = story_db.path
    assert everything(api, "/api/quotes")["items"] == cli_json(db, "quotes")
    hers = everything(api, "/api/quotes", speaker="per:ilsa-brenner")["items"]
    assert hers == cli_json(db, "quotes", "--speaker", "per:ilsa-brenner")
    assert {q["lang"] for q in hers} == {"en", "fr"}
    french = everything(api, "/api/quotes", lang="fr", story=story_db.ferry)["items"]
    assert [q["kind"] for q in french] == ["reported"]
    assert everything(api, "/api/quotes", story=story_db.chess)["items"] == []
