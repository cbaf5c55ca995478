"""The seed corpus through the whole default pipeline, as EXPECTED.md describes it.

Stories are checked under the default similarity configuration, for which EXPECTED.md's
grouping is the acceptance target; they are skipped when its model is not installed
(`newsweave models install gemma`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsweave.batch import ingest_paths
from newsweave.entities.registry import find_entity
from newsweave.facts.storage import quote_rows
from newsweave.facts.story_ledger import all_ledgers
from newsweave.store import Store
from newsweave.stories.engine import StoryEngine
from newsweave.stories.signals import resolve_config
from newsweave.stories.store import list_story_ids, story_view

pytestmark = pytest.mark.seeds


def _prefix(source: str) -> str:
    return Path(source).name[:3]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    from tests.conftest import SEEDS

    if not (SEEDS / "EXPECTED.md").exists():
        pytest.skip("../shared/seeds is absent")
    store = Store(tmp_path_factory.mktemp("seeds") / "seeds.db")
    report = ingest_paths(sorted(SEEDS.glob("*.txt")), store)
    assert len(report.stored) == 5 and not report.failed
    yield store
    store.close()


def test_seed_languages(seeded: Store) -> None:
    langs = {_prefix(a.source): a.lang for a in seeded.iter_articles()}
    assert langs == {"000": "ar", "001": "ar", "002": "pt", "003": "fr", "004": "ro"}


def test_seed_stories_match_expected(seeded: Store) -> None:
    if resolve_config("default") != "gemma+use":
        pytest.skip("the default configuration's model is not installed here")
    engine = StoryEngine(seeded)
    engine.add_pending()
    groups = {
        frozenset(_prefix(a["source"]) for a in story_view(seeded.conn, sid)["articles"])
        for sid in list_story_ids(seeded.conn)
    }
    assert groups == {frozenset({"001", "003"}), frozenset({"000", "002"}), frozenset({"004"})}
    arts = {_prefix(a.source): a for a in seeded.iter_articles()}
    assert engine.compare(arts["001"], arts["003"])["same_story"] is True
    assert engine.compare(arts["001"], arts["004"])["same_story"] is False
    for sid in list_story_ids(seeded.conn):
        view = story_view(seeded.conn, sid, detail=True)
        joined = [w for w in view["why"] if w["joined"]]
        assert len(joined) == view["n_articles"] - 1
        for step in joined:
            assert step["links"] and "text_similarity" in step["links"][0]


def test_seed_ledger_shows_the_four_disagreements(seeded: Store) -> None:
    if not list_story_ids(seeded.conn):
        StoryEngine(seeded).add_pending()
    found = {}
    for entry in all_ledgers(seeded.conn):
        key = frozenset(_prefix(i["source"]) for i in entry["items"])
        values = sorted(i["value"] for i in entry["items"])
        found[(key, tuple(values))] = entry["verdict"]
    money = [v for (k, vals), v in found.items() if k == {"001", "003"} and 190e6 in vals]
    assert money == ["rounding"]
    assert found[(frozenset({"000", "002"}), (164.0, 200.0))] in ("revision", "range")
    assert found[(frozenset({"001", "003"}), (67000.0, 67e6))] == "suspect"
    # 000 and 004 are different stories: their ledger meets only when the engine links
    # them as related, which EXPECTED.md's grouping needs the default model for
    if resolve_config("default") == "gemma+use":
        assert found[(frozenset({"000", "004"}), (1989.0, 1991.0))] == "conflict"
    for entry in all_ledgers(seeded.conn):
        assert entry["reason"] and all(i["sentence"] for i in entry["items"])


def test_seed_quotes_name_ablyazov(seeded: Store) -> None:
    quotes = [q for q in quote_rows(seeded.conn) if _prefix(q["source"]) == "002"]
    kyiv = [q for q in quotes if "Kiev" in q["text"]]
    occupation = [q for q in quotes if "ocupação" in q["text"]]
    assert kyiv and occupation
    assert all(q["speaker"] == "Mukhtar Ablyazov" for q in kyiv + occupation)


@pytest.mark.parametrize(
    ("query", "spellings"),
    [
        ("Blinken", {"بلينكن", "Antony Blinken"}),
        ("Kazakhstan", {"كازاخستان", "Cazaquistão", "Kazakhstan", "Kazahstan"}),
        ("Tokayev", {"Kassym-Jomart Tokayev", "توكاييف"}),
    ],
)
def test_seed_entities_are_one_record_across_scripts(
    seeded: Store, query: str, spellings: set[str]
) -> None:
    entity = find_entity(seeded.conn, query)
    assert entity is not None
    texts = {m["text"] for m in entity["mentions"]}
    for spelling in spellings:
        assert any(spelling in t for t in texts), (spelling, texts)


def test_seed_two_mukhtars_stay_apart(seeded: Store) -> None:
    a = find_entity(seeded.conn, "Mukhtar Ablyazov")
    b = find_entity(seeded.conn, "Mukhtar Tileuberdi")
    assert a is not None and b is not None and a["id"] != b["id"]
