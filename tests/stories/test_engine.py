"""The story engine over a real store, with the dependency-free hashing configuration."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsweave.article import Article
from newsweave.batch import ingest_articles
from newsweave.store import Store
from newsweave.stories.engine import StoryEngine
from newsweave.stories.signal_store import load_signals
from newsweave.stories.signals import DocFeatures, shared_tolls
from newsweave.stories.store import list_story_ids, story_view

FLOOD = (
    "Floods in the Arvel valley killed 41 people on Monday, the Arvel civil protection "
    "office said. About 7,300 residents of Kettering and Lowmoor were evacuated after the "
    "Arvel river burst its banks. Rescue teams from Kettering searched flooded streets."
)
FLOOD_2 = (
    "The death toll from the Arvel valley floods rose to 57 on Tuesday. Civil protection "
    "officials in Kettering said 7,300 residents of Kettering and Lowmoor remain evacuated "
    "while the Arvel river slowly recedes and rescue teams search the flooded streets."
)
FLOOD_3 = (
    "Arvel valley floods: rescue teams in Kettering and Lowmoor found more victims, "
    "bringing the death toll to 63, while 7,300 evacuated residents wait to return home "
    "as the Arvel river recedes."
)
CHESS = (
    "The Brisbane chess open ended on Sunday with grandmaster Ilse Varga winning all nine "
    "of her games; 212 players from 31 countries took part in the tournament at the city "
    "library, the organisers said."
)


def _article(text: str, source: str, day: str) -> Article:
    return Article(
        text=text,
        title=text.split(".")[0][:60],
        source=source,
        published=day,
        published_from="metadata",
        lang="en",
    )


@pytest.fixture
def filled(tmp_path: Path) -> Store:
    store = Store(tmp_path / "s.db")
    items = [
        _article(FLOOD, "wire/1", "2024-03-04"),
        _article(CHESS, "wire/2", "2024-03-04"),
        _article(FLOOD_2, "wire/3", "2024-03-05"),
    ]
    report = ingest_articles(items, store)
    assert len(report.stored) == 3
    return store


def _groups(store: Store) -> set[frozenset[str]]:
    return {
        frozenset(a["source"] for a in story_view(store.conn, sid)["articles"])
        for sid in list_story_ids(store.conn)
    }


def test_articles_about_one_event_share_a_story_with_evidence(filled: Store) -> None:
    StoryEngine(filled, config="hashing").add_pending()
    assert _groups(filled) == {frozenset({"wire/1", "wire/3"}), frozenset({"wire/2"})}
    sid = next(
        s for s in list_story_ids(filled.conn) if story_view(filled.conn, s)["n_articles"] == 2
    )
    view = story_view(filled.conn, sid, detail=True)
    joined = [w for w in view["why"] if w["joined"]]
    assert len(joined) == 1
    link = joined[0]["links"][0]
    assert "7300" in link["shared_numbers"]
    assert link["text_similarity"] is not None
    assert link["days_apart"] == 1
    assert set(link["contributions"])  # each signal's share is kept


def test_a_later_article_joins_the_stored_story(filled: Store) -> None:
    StoryEngine(filled, config="hashing").add_pending()
    ingest_articles([_article(FLOOD_3, "wire/4", "2024-03-06")], filled)
    decisions = StoryEngine(filled, config="hashing").add_pending()  # state restored
    assert [d.new_story for d in decisions] == [False]
    assert frozenset({"wire/1", "wire/3", "wire/4"}) in _groups(filled)


def test_recluster_gives_the_streaming_result(filled: Store) -> None:
    engine = StoryEngine(filled, config="hashing")
    engine.add_pending()
    streamed = _groups(filled)
    engine.recluster()
    assert _groups(filled) == streamed


def test_compare_reports_similarity_same_story_and_why(filled: Store) -> None:
    arts = {a.source: a for a in filled.iter_articles()}
    engine = StoryEngine(filled, config="hashing")
    same = engine.compare(arts["wire/1"], arts["wire/3"])
    other = engine.compare(arts["wire/1"], arts["wire/2"])
    assert same["same_story"] is True and other["same_story"] is False
    assert same["similarity"] > other["similarity"]
    assert {"similarity", "same_story", "why"} <= set(same)


def test_shared_tolls_need_the_same_concept_at_a_compatible_size() -> None:
    a = (("person killed", 164.0, 164.0),)
    assert shared_tolls(a, (("person killed", 200.0, float("inf")),))
    assert not shared_tolls(a, (("person killed", 2000.0, 2000.0),))
    assert not shared_tolls(a, (("person detained", 164.0, 164.0),))


def test_embedding_ahead_during_ingest_gives_the_same_stories(tmp_path: Path) -> None:
    items = [
        _article(FLOOD, "wire/1", "2024-03-04"),
        _article(CHESS, "wire/2", "2024-03-04"),
        _article(FLOOD_2, "wire/3", "2024-03-05"),
        _article(FLOOD_3, "wire/4", "2024-03-06"),
    ]
    plain = Store(tmp_path / "plain.db")
    ingest_articles(items, plain)
    StoryEngine(plain, config="hashing").add_pending()
    ahead = Store(tmp_path / "ahead.db")
    engine = StoryEngine(ahead, config="hashing")
    seen: list[str] = []

    def on_stored(article: Article) -> None:
        seen.append(article.source)
        engine.embed_ahead(article)

    ingest_articles(items, ahead, on_stored=on_stored)
    assert seen == ["wire/1", "wire/2", "wire/3", "wire/4"]
    engine.add_pending()
    assert _groups(ahead) == _groups(plain)
    assert len(_groups(ahead)) == 2
    vectors = ahead.conn.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0]
    assert vectors == plain.conn.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0] > 0


def _same_features(a: DocFeatures, b: DocFeatures) -> None:
    assert (a.doc_id, a.numbers, a.names, a.words) == (b.doc_id, b.numbers, b.names, b.words)
    assert (a.lang, a.date, a.entities, a.tolls, a.model) == (
        b.lang,
        b.date,
        b.entities,
        b.tolls,
        b.model,
    )
    assert set(a.vectors) == set(b.vectors)
    for view, vector in a.vectors.items():
        np.testing.assert_allclose(vector, b.vectors[view], atol=1e-6)


def test_saved_signals_give_the_features_read_from_the_text(filled: Store) -> None:
    StoryEngine(filled, config="hashing").add_pending()
    ids = [a.id for a in filled.iter_articles()]
    assert set(load_signals(filled.conn, ids)) == set(ids)  # clustering saved them
    engine = StoryEngine(filled, config="hashing")
    saved = engine.stored_features(ids)
    for article, computed in zip(
        filled.iter_articles(), engine.features(list(filled.iter_articles())), strict=True
    ):
        _same_features(saved[article.id], computed)
    assert any(f.numbers and f.names and f.words for f in saved.values())


def test_neighbours_read_with_the_language_and_date_the_nodes_hold(filled: Store) -> None:
    StoryEngine(filled, config="hashing").add_pending()
    ids = [a.id for a in filled.iter_articles()]
    engine = StoryEngine(filled, config="hashing")
    nodes = engine.clusterer().docs
    about = {aid: (nodes[aid].lang, nodes[aid].date) for aid in ids}
    assert {lang for lang, _ in about.values()} == {"en"}
    assert all(day is not None for _, day in about.values())
    joined = load_signals(filled.conn, ids)
    assert load_signals(filled.conn, ids, about) == joined
    part = {aid: about[aid] for aid in ids[:1]}  # the others are joined with their rows
    assert load_signals(filled.conn, ids, part) == joined
    fresh = StoryEngine(filled, config="hashing")
    with_about = engine.stored_features(ids, about=about)
    without = fresh.stored_features(ids)
    for aid in ids:
        _same_features(with_about[aid], without[aid])


def test_signals_of_another_version_are_read_again_from_the_text(filled: Store) -> None:
    StoryEngine(filled, config="hashing").add_pending()
    ids = [a.id for a in filled.iter_articles()]
    filled.write(lambda c: c.execute("UPDATE article_signals SET version = 0, numbers = '999'"))
    assert load_signals(filled.conn, ids) == {}
    engine = StoryEngine(filled, config="hashing")
    saved = engine.stored_features(ids)
    assert all("999" not in f.numbers for f in saved.values())
    assert set(load_signals(filled.conn, ids)) == set(ids)  # rewritten


def test_a_store_without_saved_signals_restores_the_same_stories(filled: Store) -> None:
    StoryEngine(filled, config="hashing").add_pending()
    filled.write(lambda c: c.execute("DELETE FROM article_signals"))
    ingest_articles([_article(FLOOD_3, "wire/4", "2024-03-06")], filled)
    decisions = StoryEngine(filled, config="hashing").add_pending()
    assert [d.new_story for d in decisions] == [False]
    assert frozenset({"wire/1", "wire/3", "wire/4"}) in _groups(filled)
