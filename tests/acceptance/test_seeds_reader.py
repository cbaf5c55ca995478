"""The reader's side on the seeds plus the demo corpus, as the web UI, the API and the CLI
show them: cross-lingual search, the story list, the crypto-crackdown story page.

Needs the default configuration's model (EmbeddingGemma), for which EXPECTED.md's
grouping is the target; skipped when it is not installed or ../shared is absent.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from typer.testing import CliRunner

from newsweave.api import create_app
from newsweave.batch import ingest_paths
from newsweave.cli import app as cli_app
from newsweave.demo import demo_corpus_path
from newsweave.search.semantic import EmbeddingSearcher
from newsweave.store import Store
from newsweave.stories.engine import StoryEngine
from newsweave.stories.signals import resolve_config

pytestmark = pytest.mark.seeds

QUERY = "crypto mining crackdown"


def _prefix(source: str) -> str:
    return Path(source).name[:3]


@pytest.fixture(scope="module")
def reader_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import SEEDS

    if not (SEEDS / "EXPECTED.md").exists():
        pytest.skip("../shared/seeds is absent")
    if resolve_config("default") != "gemma+use":
        pytest.skip("the default configuration's model is not installed here")
    path = tmp_path_factory.mktemp("reader") / "reader.db"
    with Store(path) as store:
        report = ingest_paths([*sorted(SEEDS.glob("*.txt")), demo_corpus_path()], store)
        assert len(report.stored) == 25 and not report.failed
        StoryEngine(store).add_pending()
    return path


@pytest.fixture(scope="module")
def web(reader_db: Path) -> Iterator[TestClient]:
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("NEWSWEAVE_TOKEN", raising=False)
        mp.delenv("NEWSWEAVE_PUBLIC_READS", raising=False)
        app = create_app(reader_db, semantic=EmbeddingSearcher(reader_db))
        with TestClient(app) as client:
            yield client


def _cli_json(db: Path, *args: str) -> Any:
    result = CliRunner().invoke(cli_app, [*args, "--json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_english_query_finds_the_arabic_and_french_seeds(reader_db: Path, web: TestClient) -> None:
    results = _cli_json(reader_db, "search", QUERY)
    top3 = {_prefix(r["source"]) for r in results[:3]}
    assert {"001", "003"} <= top3, [(r["source"], r["score"]) for r in results[:5]]
    api = web.get("/api/search", params={"q": QUERY}).json()["results"]
    assert [r["source"] for r in api[:3]] == [r["source"] for r in results[:3]]


def test_front_page_lists_the_stories(reader_db: Path, web: TestClient) -> None:
    stories = _cli_json(reader_db, "stories")
    assert web.get("/api/stories").json()["items"] == stories
    page = web.get("/").text
    multi = [s for s in stories if len(s["articles"]) > 1]
    assert multi
    for story in multi:
        assert story["id"] in page


def test_crackdown_story_page_shows_arabic_and_french_with_the_ledger(
    reader_db: Path, web: TestClient
) -> None:
    stories = _cli_json(reader_db, "stories")
    crackdown = next(
        s for s in stories if {"001", "003"} <= {_prefix(a["source"]) for a in s["articles"]}
    )
    assert {"ar", "fr"} <= set(crackdown["languages"])
    page = web.get(f"/stories/{crackdown['id']}").text
    with Store(reader_db) as store:
        titles = {_prefix(a.source): a.title for a in store.iter_articles() if a.title is not None}
    for prefix in ("001", "003"):
        assert titles[prefix] and str(escape(titles[prefix][:30])) in page, prefix
    ledger = _cli_json(reader_db, "ledger", "--story", crackdown["id"])
    assert any(e["verdict"] == "rounding" for e in ledger)
    assert any(e["verdict"] == "suspect" for e in ledger)
    assert "rounding" in page and "suspect" in page
