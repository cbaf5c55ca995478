from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

from newsweave.stories.ann import ExactIndex, HnswIndex
from newsweave.stories.cluster import ClusterConfig, StreamingClusterer


@dataclass
class Doc:
    id: str
    vector: NDArray[np.float32]
    date: date | None = None


@dataclass
class Score:
    score: float
    signals: Mapping[str, float]
    evidence: Mapping[str, Any] = field(default_factory=dict)


def cosine_scorer(a: Doc, b: Doc) -> Score:
    s = float(a.vector @ b.vector)
    return Score(score=s, signals={"cosine": s}, evidence={"shared_numbers": []})


def unit(*xs: float) -> NDArray[np.float32]:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def make(index_cls: type = ExactIndex, **cfg: Any) -> StreamingClusterer:
    return StreamingClusterer(cosine_scorer, index_cls(3), ClusterConfig(**cfg))


def test_cluster_groups_close_docs_and_separates_far_ones() -> None:
    c = make(same=0.8, related=0.3, merge=0.95)
    d1 = c.add(Doc("a", unit(1, 0, 0)))
    d2 = c.add(Doc("b", unit(0.95, 0.1, 0)))
    d3 = c.add(Doc("c", unit(0, 0, 1)))
    assert d1.new_story and not d2.new_story and d3.new_story
    assert d2.story_id == d1.story_id
    assert d2.links[0].other == "a"
    assert d2.links[0].signals["cosine"] > 0.8
    assert d3.story_id != d1.story_id


def test_cluster_links_related_stories_without_joining() -> None:
    c = make(same=0.9, related=0.4, merge=0.97)
    a = c.add(Doc("a", unit(1, 0, 0)))
    b = c.add(Doc("b", unit(0.6, 0.8, 0)))  # cosine 0.6: related, not the same
    assert b.new_story
    assert b.related == {a.story_id: pytest.approx(0.6, abs=1e-5)}


def test_cluster_bridging_article_merges_two_stories() -> None:
    c = make(same=0.7, related=0.2, merge=0.75)
    a = c.add(Doc("a", unit(1, 0, 0)))
    b = c.add(Doc("b", unit(0.2, 1, 0)))
    assert a.story_id != b.story_id
    bridge = c.add(Doc("m", unit(1, 1, 0)))  # cos 0.707 with a, 0.83 with b
    assert not bridge.new_story
    c2 = make(same=0.7, related=0.2, merge=0.7)
    a2 = c2.add(Doc("a", unit(1, 0, 0)))
    b2 = c2.add(Doc("b", unit(0.2, 1, 0)))
    m2 = c2.add(Doc("m", unit(1, 1, 0)))
    assert set(m2.merged) == {a2.story_id} or set(m2.merged) == {b2.story_id}
    assert len({c2.story_of[x] for x in ("a", "b", "m")}) == 1


def test_cluster_time_window_keeps_distant_dates_apart() -> None:
    c = make(same=0.8, window_days=10)
    c.add(Doc("a", unit(1, 0, 0), date(2022, 1, 5)))
    late = c.add(Doc("b", unit(1, 0, 0), date(2023, 2, 28)))
    undated = c.add(Doc("c", unit(1, 0, 0), None))
    assert late.new_story
    assert not undated.new_story


def test_cluster_hnsw_and_exact_agree_on_small_data() -> None:
    rng = np.random.default_rng(7)
    centres = rng.normal(size=(4, 3))
    docs = []
    for i in range(40):
        v = centres[i % 4] + rng.normal(scale=0.05, size=3)
        docs.append(Doc(f"d{i}", (v / np.linalg.norm(v)).astype(np.float32)))
    exact = make(ExactIndex, same=0.9, merge=0.99)
    hnsw = make(HnswIndex, same=0.9, merge=0.99)
    for d in docs:
        exact.add(d)
        hnsw.add(d)
    assert exact.story_of == hnsw.story_of


@pytest.mark.parametrize("index_cls", [ExactIndex, HnswIndex])
def test_restoring_in_one_batch_gives_the_state_of_one_by_one(index_cls: type) -> None:
    rng = np.random.default_rng(3)
    docs = [Doc(f"d{i}", unit(*rng.standard_normal(3))) for i in range(40)]
    stories = [f"s{i % 7}" for i in range(40)]
    single, batch = make(index_cls), make(index_cls)
    for doc, sid in zip(docs, stories, strict=True):
        single.restore(doc, sid)
    batch.restore_many(docs, stories)
    assert batch.keys == single.keys and batch.members == single.members
    probe = Doc("new", unit(1, 0.2, -0.3))
    assert batch.candidates(probe) == single.candidates(probe)
    assert batch.add(probe).story_id == single.add(probe).story_id


@pytest.mark.parametrize("index_cls", [ExactIndex, HnswIndex])
def test_vectors_of_stored_articles_come_back_from_the_index(index_cls: type) -> None:
    rng = np.random.default_rng(5)
    docs = [Doc(f"d{i}", unit(*rng.standard_normal(3))) for i in range(12)]
    clusterer = make(index_cls)
    clusterer.restore_many(docs[:6], ["s0"] * 6)
    for doc in docs[6:]:
        clusterer.add(doc)
    wanted = ["d9", "d0", "d4"]
    found = clusterer.vectors_of(wanted)
    assert list(found) == wanted
    # half precision is equal to about 1e-3; one byte per dimension to a step of 1/127
    atol = 2e-3 if clusterer.index.precise else 1.01 / 127
    for article_id in wanted:
        original = next(d.vector for d in docs if d.id == article_id)
        assert np.allclose(found[article_id], original, atol=atol)
    assert clusterer.vectors_of([]) == {}


def test_one_byte_hnsw_vectors_are_flagged_as_too_coarse_to_score() -> None:
    assert ExactIndex(3).precise
    assert HnswIndex(3, dtype="f16").precise
    assert not HnswIndex(3).precise  # the default for new indexes: one byte per dimension


def _unit_rows(rng: np.random.Generator, n: int, dim: int) -> NDArray[np.float32]:
    rows = rng.standard_normal((n, dim)).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    return rows


def test_exact_index_finds_the_true_nearest_while_growing_past_its_capacity() -> None:
    rng = np.random.default_rng(5)
    rows = _unit_rows(rng, 150, 3)
    index = ExactIndex(3)
    for key, row in enumerate(rows):
        index.add(key, row)
        query = rows[rng.integers(0, key + 1)]
        expected = np.argsort(-(rows[: key + 1] @ query))[:3]
        assert index.search(query, 3) == [int(i) for i in expected]
    assert len(index) == 150
    assert np.array_equal(index.vectors([149, 0, 70]), rows[[149, 0, 70]])
    with pytest.raises(ValueError):
        index.add(7, rows[0])  # keys run on from the last one
    with pytest.raises(KeyError):
        index.vectors([150])


def test_hnsw_finds_the_vectors_just_added_and_ranks_hits_by_cosine() -> None:
    rng = np.random.default_rng(11)
    rows = _unit_rows(rng, 3000, 64)
    # a search breadth of one: the graph alone often stops short of the true nearest
    index = HnswIndex(64, expansion_search=1)
    index.add_many(0, rows[:2500])
    for key in range(2500, 3000):
        index.add(key, rows[key])
    for key in range(2500, 3000):
        query = rows[key] + 0.01 * rng.standard_normal(64).astype(np.float32)
        found = index.search(query / np.linalg.norm(query), 5)
        assert found[0] == key  # the recent ones are also searched exactly
        sims = rows[found] @ query  # in order, up to the graph's one-byte cosines
        assert all(a >= b - 0.02 for a, b in itertools.pairwise(sims))


def test_a_restored_hnsw_index_searches_the_rows_it_is_told_to_remember(tmp_path: Path) -> None:
    rng = np.random.default_rng(12)
    rows = _unit_rows(rng, 3000, 16)
    index = HnswIndex(16, expansion_search=1)
    index.add_many(0, rows[:2900])
    for key in range(2900, 3000):  # the newest, with few links to them yet
        index.add(key, rows[key])
    index.save(tmp_path / "i.hnsw")
    loaded = HnswIndex.load(tmp_path / "i.hnsw", 16, expansion_search=1)
    assert loaded is not None
    loaded.remember(2900, rows[2900:])
    queries = rows[2900:] + 0.01 * rng.standard_normal((100, 16)).astype(np.float32)
    assert all(loaded.search(q, 1) == [2900 + i] for i, q in enumerate(queries))


def test_hnsw_inserts_in_the_background_and_saves_everything(tmp_path: Path) -> None:
    rng = np.random.default_rng(13)
    rows = _unit_rows(rng, 300, 32)
    index = HnswIndex(32)
    for key, row in enumerate(rows):
        index.add(key, row)
        assert index.search(row, 1) == [key]  # found at once, inserted or not
    assert len(index) == 300
    index.save(tmp_path / "i.hnsw")  # waits for the insertions under way
    loaded = HnswIndex.load(tmp_path / "i.hnsw", 32)
    assert loaded is not None and len(loaded) == 300
    assert np.allclose(loaded.vectors([0, 299]), rows[[0, 299]], atol=1.01 / 127)


def test_a_failed_background_insertion_is_not_silent(tmp_path: Path) -> None:
    index = HnswIndex(8)
    index.add(0, np.eye(8, dtype=np.float32)[0])
    index.add(0, np.eye(8, dtype=np.float32)[1])  # the graph refuses a second key 0
    with pytest.raises(RuntimeError, match=r"(?i)duplicate"):
        index.save(tmp_path / "i.hnsw")
