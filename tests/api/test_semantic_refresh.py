"""The semantic searcher's vector matrix follows the store: new articles, late vectors, removals."""

from __future__ import annotations

from pathlib import Path

from newsweave.article import Article
from newsweave.batch import ingest_articles
from newsweave.embed.hashing import HashingEmbedder
from newsweave.search.semantic import EmbeddingSearcher
from newsweave.store import Store
from newsweave.stories.engine import StoryEngine


def _article(text: str, n: int) -> Article:
    return Article(text=text, title=text[:40], source=f"wire/{n}", lang="en")


def test_searcher_appends_new_articles_once_they_have_vectors(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store(path) as store:
        ingest_articles([_article("Harbour strike closes the port of Morvik.", 1)], store)
        StoryEngine(store, config="hashing").add_pending()
    searcher = EmbeddingSearcher(path, embedder=HashingEmbedder())
    try:
        assert [i for i, _ in searcher.search("port strike Morvik", 5)]
        assert len(searcher._ids) == 1
        with Store(path) as store:
            ingest_articles(
                [_article("Chess open in Brisbane ends with a perfect score.", 2)], store
            )
        searcher.search("chess", 5)
        assert len(searcher._ids) == 1 and len(searcher._missing) == 1  # stored, no vector yet
        with Store(path) as store:
            StoryEngine(store, config="hashing").add_pending()
        hits = [i for i, _ in searcher.search("chess open Brisbane", 5)]
        assert len(searcher._ids) == 2 and not searcher._missing
        with Store(path) as store:
            chess = next(a.id for a in store.iter_articles() if a.source == "wire/2")
        assert hits[0] == chess
        with Store(path) as store:
            store.conn.execute("DELETE FROM articles WHERE id = ?", (chess,))
        searcher.search("chess", 5)
        assert searcher._ids == [i for i in searcher._ids if i != chess] and len(searcher._ids) == 1
    finally:
        searcher.close()
