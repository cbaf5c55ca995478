from __future__ import annotations

from newsweave.article import Article
from newsweave.batch import ingest_articles
from newsweave.errors import InputError
from newsweave.pipeline import Pipeline
from newsweave.store import Store


def _identity(a: Article) -> Article:
    return a


def _explode_on_boom(a: Article) -> Article:
    if "boom" in a.text:
        raise ValueError("stage cannot cope")
    return a


def test_batch_counts_stored_duplicates_failures(store: Store) -> None:
    pipe = Pipeline([("id.v1", _identity)])
    items: list[Article | InputError] = [
        Article(text="one", source="a"),
        Article(text="one", source="b"),  # same content, other file: a duplicate
        InputError("c.bin", "binary file"),
        Article(text="two", source="d"),
    ]
    report = ingest_articles(items, store, pipeline=pipe)
    assert len(report.stored) == 2
    assert len(report.duplicates) == 1
    assert [f.source for f in report.failed] == ["c.bin"]
    assert store.stats()["ingest_failures"] == 1


def test_batch_stage_error_skips_only_that_article(store: Store) -> None:
    pipe = Pipeline([("explode.v1", _explode_on_boom)])
    items: list[Article | InputError] = [
        Article(text="fine", source="a"),
        Article(text="boom", source="b"),
        Article(text="also fine", source="c"),
    ]
    report = ingest_articles(items, store, pipeline=pipe)
    assert len(report.stored) == 2
    assert report.failed[0].source == "b"
    assert "stage cannot cope" in report.failed[0].reason
    assert store.count_articles() == 2
