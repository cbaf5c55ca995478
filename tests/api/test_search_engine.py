from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from api_fixtures import ReaderDb, build_reader_db

from newsweave.search import fuse, reciprocal_rank_fusion, search, search_page
from newsweave.search.filters import RELATION_FILTERS, FilterError, FilterUnavailableError
from newsweave.search.schema import table_exists
from newsweave.store import Store


@pytest.fixture
def db(tmp_path: Path) -> ReaderDb:
    return build_reader_db(tmp_path / "search.db")


class FixedSemantic:
    """A semantic searcher answering a fixed ranking, whatever the query."""

    def __init__(self, ranking: list[str]) -> None:
        self.ranking = ranking
        self.asked: list[tuple[str, int]] = []

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        self.asked.append((query, k))
        return [(i, 1.0 - n / 10) for n, i in enumerate(self.ranking[:k])]


def test_search_keyword_ranks_title_matches_and_highlights(db: ReaderDb) -> None:
    with Store(db.path) as store:
        results = search(store, "harbour")
    assert [r["id"] for r in results] == [db.ids["en"]]
    r = results[0]
    assert r["match"] == "keyword" and r["score"] > 0
    start, end = r["highlights"][0]
    assert r["snippet"][start:end].lower() == "harbour"


def test_search_falls_back_to_any_word(db: ReaderDb) -> None:
    with Store(db.path) as store:
        page = search_page(store, "chess harbour")
    assert page.mode == "any"
    assert {r["id"] for r in page.results} == {db.ids["en"], db.ids["chess"]}


def test_search_exclusion_and_phrase(db: ReaderDb) -> None:
    with Store(db.path) as store:
        assert {r["id"] for r in search(store, "kaldera -council")} == {
            db.ids["en"],
            db.ids["fr"],
            db.ids["de"],
        }
        assert [r["id"] for r in search(store, '"port de Kaldera"')] == [db.ids["fr"]]
        assert search(store, '"Kaldera de port"') == []


def test_search_arabic_matches_spelling_variants(db: ReaderDb) -> None:
    with Store(db.path) as store:
        # typed without the hamza the article writes (إعادة), and with short vowels
        assert [r["id"] for r in search(store, "اعادة")] == [db.ids["ar"]]
        assert [r["id"] for r in search(store, "المِينَاء")] == [db.ids["ar"]]


def test_search_markup_in_snippets_is_escaped(db: ReaderDb) -> None:
    with Store(db.path) as store:
        [hit] = search(store, "minutes")
    assert "<script>" in hit["snippet"]
    assert "<script>" not in hit["snippet_html"]
    assert "&lt;script&gt;" in hit["snippet_html"] and "<mark>minutes</mark>" in hit["snippet_html"]


def test_search_filters(db: ReaderDb) -> None:
    with Store(db.path) as store:
        assert {r["lang"] for r in search(store, "kaldera", lang="de")} == {"de"}
        dated = search(store, "kaldera", date_from="2023-03-07")
        assert {r["id"] for r in dated} == {db.ids["fr"], db.ids["xss"]}
        old = search(store, "kaldera", date_to="2022")
        assert [r["id"] for r in old] == [db.ids["de"]]
        with pytest.raises(FilterError):
            search(store, "kaldera", date_from="7 March")
        with pytest.raises(FilterError):
            search(store, "kaldera", lang="French")


def _put_in_story(store: Store, story_id: str, article_ids: list[str]) -> None:
    """Record story membership in whatever story_articles table the schema has."""
    conn = store.conn
    conn.execute("PRAGMA foreign_keys=OFF")
    if not table_exists(conn, "story_articles"):
        conn.execute("CREATE TABLE story_articles (article_id TEXT PRIMARY KEY, story_id TEXT)")
    required = [
        (r[1], r[2])
        for r in conn.execute("PRAGMA table_info(story_articles)")
        if r[3] and r[4] is None and r[1] not in {"article_id", "story_id"}
    ]
    for article_id in article_ids:
        cols = ["article_id", "story_id", *(name for name, _ in required)]
        values = [
            article_id,
            story_id,
            *(0 if "INT" in t or "REAL" in t else "x" for _, t in required),
        ]
        marks = ",".join("?" * len(cols))
        conn.execute(f"INSERT INTO story_articles ({','.join(cols)}) VALUES ({marks})", values)


def test_search_story_filter(db: ReaderDb) -> None:
    with Store(db.path) as store:
        _put_in_story(store, "s1", [db.ids["en"], db.ids["fr"]])
        results = search(store, "kaldera", story="s1")
    assert {r["id"] for r in results} == {db.ids["en"], db.ids["fr"]}
    assert {r["story_id"] for r in results} == {"s1"}


def test_search_unavailable_filter_says_what_is_missing(
    db: ReaderDb, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = dataclasses.replace(RELATION_FILTERS["story"], table="no_such_story_table")
    monkeypatch.setitem(RELATION_FILTERS, "story", missing)
    with Store(db.path) as store, pytest.raises(FilterUnavailableError, match="needs stories"):
        search(store, "kaldera", story="s1")


def test_search_fuses_semantic_hits(db: ReaderDb) -> None:
    semantic = FixedSemantic([db.ids["ar"], db.ids["fr"], db.ids["chess"]])
    with Store(db.path) as store:
        page = search_page(store, "harbour", semantic=semantic, lang=None)
        french_only = search_page(store, "harbour", semantic=semantic, lang="fr")
    by_id = {r["id"]: r for r in page.results}
    assert by_id[db.ids["en"]]["match"] == "keyword"
    assert by_id[db.ids["ar"]]["match"] == "semantic"
    assert by_id[db.ids["ar"]]["snippet"].startswith("أعلنت")  # the lead of its text
    assert by_id[db.ids["ar"]]["highlights"] == []
    assert page.total == 4  # one keyword match plus three semantic-only articles
    assert semantic.asked[0][0] == "harbour"
    assert [r["id"] for r in french_only.results] == [db.ids["fr"]]


def test_search_semantic_hit_that_also_matches_words_is_both(db: ReaderDb) -> None:
    with Store(db.path) as store:
        [hit] = search(store, "harbour", semantic=FixedSemantic([db.ids["en"]]))
    assert hit["match"] == "both" and hit["keyword_rank"] == 1 and hit["semantic_rank"] == 1


def test_search_reciprocal_rank_fusion() -> None:
    scores = reciprocal_rank_fusion({"a": ["x", "y"], "b": ["y", "z"]}, k=60)
    assert scores["y"] == pytest.approx(1 / 62 + 1 / 61)
    fused = fuse(["x", "y"], ["y", "z"])
    assert [f.id for f in fused] == ["y", "x", "z"]
    assert [f.match for f in fused] == ["both", "keyword", "semantic"]


def test_search_terminal_text_styles_only_the_matches(db: ReaderDb) -> None:
    from newsweave.search.terminal import MATCH_STYLE, result_text, snippet_text

    with Store(db.path) as store:
        [hit] = search(store, "minutes")
    text = snippet_text(hit)
    assert text.plain == hit["snippet"]  # markup in the article stays plain text
    styled = [text.plain[s.start : s.end] for s in text.spans if str(s.style) == MATCH_STYLE]
    assert styled == ["minutes"]
    block = result_text(1, hit).plain
    assert block.startswith("  1. Kaldera council") and hit["id"] in block
