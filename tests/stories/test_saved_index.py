"""The HNSW index saved beside the database: reused when it matches, rebuilt when not."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsweave.article import Article
from newsweave.batch import ingest_articles
from newsweave.embed.cache import EmbeddingCache
from newsweave.embed.registry import get_embedder
from newsweave.store import Store
from newsweave.stories import ann
from newsweave.stories import engine as engine_module
from newsweave.stories.ann import HnswIndex
from newsweave.stories.engine import StoryEngine
from newsweave.stories.saved_index import ids_digest, load_index, save_index
from newsweave.stories.signal_store import load_signals
from newsweave.stories.signals import Featurizer, model_for
from newsweave.stories.store import list_story_ids, story_view

TEXTS = [
    ("Floods in the Arvel valley killed 41 people on Monday; 7,300 were evacuated.", "03-04"),
    ("The chess open in Brisbane ended with Ilse Varga winning all nine games.", "03-04"),
    ("Arvel valley floods: the death toll rose to 57, 7,300 residents still evacuated.", "03-05"),
    (
        "Brisbane chess open: grandmaster Ilse Varga won nine of nine, 212 players took part.",
        "03-05",
    ),
    ("A new bridge over the Kettle river opened in Lowmoor after four years of works.", "03-06"),
]
LATE = ("Arvel floods: rescue teams found more victims, the toll is now 63.", "03-07")


def _article(text: str, day: str, n: int) -> Article:
    return Article(
        text=text,
        title=text[:50],
        source=f"wire/{n}",
        published=f"2024-{day}",
        published_from="metadata",
        lang="en",
    )


@pytest.fixture
def small_hnsw(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make three articles count as a large store, so the HNSW path runs."""
    monkeypatch.setattr(ann, "HNSW_FROM", 3)
    monkeypatch.setattr(engine_module, "HNSW_FROM", 3)


def _groups(store: Store) -> set[frozenset[str]]:
    return {
        frozenset(a["source"] for a in story_view(store.conn, sid)["articles"])
        for sid in list_story_ids(store.conn)
    }


def _filled(path: Path) -> Store:
    store = Store(path)
    ingest_articles([_article(t, d, i) for i, (t, d) in enumerate(TEXTS)], store)
    return store


def test_saved_index_is_reused_and_extended(tmp_path: Path, small_hnsw: None) -> None:
    store = _filled(tmp_path / "a.db")
    first = StoryEngine(store, config="hashing")
    first.recluster()
    files = sorted(p.name for p in tmp_path.iterdir() if ".hnsw" in p.name or p.suffix == ".json")
    assert any(name.endswith(".hnsw") for name in files), files
    again = StoryEngine(store, config="hashing")
    clusterer = again.clusterer()
    assert again._saved_count == len(TEXTS)  # loaded, not rebuilt
    assert isinstance(clusterer.index, HnswIndex) and len(clusterer.index) == len(TEXTS)
    ingest_articles([_article(*LATE, 99)], store)
    again.add_pending()
    # the same stories as a store that never saved an index
    fresh = _filled(tmp_path / "b.db")
    ingest_articles([_article(*LATE, 99)], fresh)
    StoryEngine(fresh, config="hashing").recluster()
    assert _groups(store) == _groups(fresh)
    unsaved = StoryEngine(store, config="hashing")
    unsaved.clusterer()  # one add is not worth a save: the new article goes on top
    assert unsaved._saved_count == len(TEXTS) and len(unsaved.clusterer().keys) == len(TEXTS) + 1
    again.save_index()
    reopened = StoryEngine(store, config="hashing")
    reopened.clusterer()
    assert reopened._saved_count == len(TEXTS) + 1


def test_stale_or_broken_index_is_rebuilt(tmp_path: Path, small_hnsw: None) -> None:
    store = _filled(tmp_path / "a.db")
    StoryEngine(store, config="hashing").recluster()
    saved = next(p for p in tmp_path.iterdir() if p.name.endswith(".hnsw"))
    # the assignments change (a recluster in another order): the digest no longer matches
    store.conn.execute("UPDATE story_articles SET decision_seq = -decision_seq")
    rebuilt = StoryEngine(store, config="hashing")
    rebuilt.clusterer()
    assert rebuilt._saved_count == 0
    saved.write_bytes(b"not an index")
    assert load_index(saved, 1024, ["x"] * 10) is None


def test_load_index_checks_count_dimension_and_digest(tmp_path: Path) -> None:
    index = HnswIndex(8)
    vectors = np.eye(8, dtype=np.float32)
    for key in range(4):
        index.add(key, vectors[key])
    path = tmp_path / "x.db.m.hnsw"
    ids = ["a", "b", "c", "d"]
    save_index(path, index, ids)
    loaded = load_index(path, 8, [*ids, "e"])
    assert loaded is not None and loaded.count == 4
    assert loaded.index.search(vectors[2], 1) == [2]
    # the file keeps no search breadths: a loaded index gets the ones it was built with
    built, restored = index._index, loaded.index._index
    assert (restored.expansion_add, restored.expansion_search) == (
        built.expansion_add,
        built.expansion_search,
    )
    assert load_index(path, 16, ids) is None  # another dimension
    assert load_index(path, 8, ids[:3]) is None  # fewer stored articles than indexed
    assert load_index(path, 8, ["a", "c", "b", "d"]) is None  # another order
    assert ids_digest(ids) != ids_digest(ids[::-1])


def _two_models() -> Featurizer:
    """A configuration with a second model's view, whose rows are saved beside the index."""
    main = get_embedder("hashing")
    featurizer = Featurizer(main, get_embedder("hashing:256"))
    featurizer.model = model_for(main.name)
    featurizer.views = ("doc", "aux_doc")
    return featurizer


def test_other_views_are_saved_beside_the_index_and_read_from_there(
    tmp_path: Path, small_hnsw: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _filled(tmp_path / "a.db")
    StoryEngine(store, featurizer=_two_models()).recluster()
    assert any(p.name.endswith(".hnsw.aux_doc.npy") for p in tmp_path.iterdir())
    again = StoryEngine(store, featurizer=_two_models())
    clusterer = again.clusterer()
    signals = load_signals(store.conn, clusterer.keys)
    for view, dim in (("aux_doc", 256), ("doc", 1024)):  # "doc": the index's copy is coarse
        rows = again._saved_views[view]
        assert rows.shape == (len(TEXTS), dim) and rows.dtype == np.float16
        cached = again._cached_vectors(view, [signals[aid] for aid in clusterer.keys])
        for key, aid in enumerate(clusterer.keys):  # row k is the vector of index key k
            assert np.allclose(rows[key], cached[aid], atol=1e-3)
    asked: list[str] = []
    get_many = EmbeddingCache.get_many

    def recording(self: EmbeddingCache, keys: Iterable[str], model: str) -> dict[str, Any]:
        wanted = list(keys)
        asked.extend(wanted)
        return get_many(self, wanted, model)

    monkeypatch.setattr(EmbeddingCache, "get_many", recording)
    ingest_articles([_article(*LATE, 99)], store)
    decisions = again.add_pending()
    stored_keys = {sig.text_keys["doc"] for sig in signals.values()}
    assert decisions and not stored_keys & set(asked)  # neighbours' rows came from the files
    again.save_index()  # the new article's row is appended
    assert len(again._saved_views["aux_doc"]) == len(TEXTS) + 1
    reopened = StoryEngine(store, featurizer=_two_models())
    reopened.clusterer()
    assert len(reopened._saved_views["aux_doc"]) == len(TEXTS) + 1


def test_a_broken_view_file_is_left_out_not_fatal(tmp_path: Path, small_hnsw: None) -> None:
    store = _filled(tmp_path / "a.db")
    StoryEngine(store, featurizer=_two_models()).recluster()
    view_file = next(p for p in tmp_path.iterdir() if p.name.endswith(".aux_doc.npy"))
    view_file.write_bytes(b"not an array")
    again = StoryEngine(store, featurizer=_two_models())
    again.clusterer()
    assert again._saved_count == len(TEXTS) and list(again._saved_views) == ["doc"]
    ingest_articles([_article(*LATE, 99)], store)
    assert again.add_pending()  # read from the database instead


def test_an_index_saved_without_its_doc_rows_still_scores_with_fine_vectors(
    tmp_path: Path, small_hnsw: None
) -> None:
    # a store saved before the "doc" rows were written beside the index: its one-byte
    # index copies are never scored with; the cache serves, and the next save adds them
    store = _filled(tmp_path / "a.db")
    StoryEngine(store).recluster()
    doc_file = next(p for p in tmp_path.iterdir() if p.name.endswith(".hnsw.doc.npy"))
    doc_file.unlink()
    again = StoryEngine(store)
    clusterer = again.clusterer()
    assert again._saved_count == len(TEXTS) and "doc" not in again._saved_views
    assert not clusterer.index.precise
    ingest_articles([_article(*LATE, 99)], store)
    decision = again.add_pending()[0]
    signals = load_signals(store.conn, clusterer.keys)
    cached = again._cached_vectors("doc", list(signals.values()))
    assert decision.links
    for link in decision.links:  # scored with the cached vectors, not the index's copies
        assert np.array_equal(
            clusterer.docs[link.other].features.vectors["doc"], cached[link.other]
        )
    again.save_index()
    assert len(again._saved_views["doc"]) == len(TEXTS) + 1


def test_an_exact_engine_searches_by_brute_force_and_saves_nothing(
    tmp_path: Path, small_hnsw: None
) -> None:
    store = _filled(tmp_path / "a.db")
    StoryEngine(store).recluster()
    saved = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir() if ".hnsw" in p.name}
    exact = StoryEngine(store, exact_index=True)
    assert isinstance(exact.clusterer().index, ann.ExactIndex)
    ingest_articles([_article(*LATE, 99)], store)
    assert exact.add_pending()
    exact.save_index()
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir() if ".hnsw" in p.name} == saved
