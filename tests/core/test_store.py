from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.article import Article, Paragraph, Removal, content_id
from newsweave.errors import NotFoundError, StoreError
from newsweave.store import Store
from newsweave.store.migrations import MIGRATIONS


def make_article(text: str = "Ein kurzer Text über den Hafen.", **kw: object) -> Article:
    return Article(text=text, source="hand-made", **kw)  # type: ignore[arg-type]


def test_store_records_migrations(store: Store) -> None:
    names = [r[0] for r in store.conn.execute("SELECT name FROM _migrations ORDER BY rowid")]
    assert names == [name for name, _ in MIGRATIONS]


def test_store_reopen_applies_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    Store(path).close()
    s = Store(path)
    count = s.conn.execute("SELECT COUNT(*) FROM _migrations").fetchone()[0]
    assert count == len(MIGRATIONS)
    s.close()


def test_store_uses_wal(store: Store) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_save_then_duplicate(store: Store) -> None:
    a = make_article(title="Hafen")
    assert store.save_article(a).stored
    again = make_article(title="Hafen")
    assert again.id == a.id
    assert not store.save_article(again).stored
    assert store.count_articles() == 1


def test_store_get_by_prefix_and_missing(store: Store) -> None:
    a = make_article()
    store.save_article(a)
    assert store.get_article(a.id[:6]).id == a.id
    with pytest.raises(NotFoundError):
        store.get_article("ffffffffff")


def test_store_failed_write_rolls_back(store: Store) -> None:
    store.save_article(make_article("erster"))

    def boom(conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM articles")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        store.write(boom)
    assert store.count_articles() == 1


def test_store_fts_finds_clean_text(store: Store) -> None:
    a = make_article("Raw text with NOISE", title="t")
    a.clean_text = "Le port de Kaldera rouvre."
    store.save_article(a)
    rows = store.conn.execute(
        "SELECT id FROM articles_fts WHERE articles_fts MATCH ?", ("kaldera",)
    ).fetchall()
    assert [r[0] for r in rows] == [a.id]


def test_store_rejects_non_database(tmp_path: Path) -> None:
    bad = tmp_path / "not.db"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match=r"not\.db"):
        Store(bad)


def test_content_id_ignores_whitespace_and_composition() -> None:
    assert content_id("T", "Cafe\u0301  au\r\nlait") == content_id("T", "Café au lait")
    assert content_id("T", "a") != content_id("U", "a")


texts = st.text(min_size=1, max_size=200).filter(lambda s: s.strip() != "")


@settings(max_examples=40)
@given(text=texts, title=st.one_of(st.none(), texts), lang=st.sampled_from([None, "ar", "ru"]))
def test_store_round_trip(text: str, title: str | None, lang: str | None) -> None:
    s = Store(":memory:")
    try:
        a = Article(text=text, source="src", title=title, lang=lang)
        a.clean_text = text.strip()
        a.removed = [Removal(kind="footer", text="x", line=0, rule="r")]
        a.paragraphs = [Paragraph(text=a.clean_text, start=0, end=len(a.clean_text), lang=lang)]
        a.meta = {"k": [1, "é"]}
        s.save_article(a)
        b = s.get_article(a.id)
        assert (b.text, b.title, b.lang, b.clean_text) == (a.text, a.title, a.lang, a.clean_text)
        assert b.removed == a.removed
        assert b.paragraphs == a.paragraphs
        assert b.meta == a.meta
    finally:
        s.close()
