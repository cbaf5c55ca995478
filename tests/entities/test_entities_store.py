"""The entity migration inside the real store, and linking inside its write path."""

from __future__ import annotations

from pathlib import Path

from newsweave.article import Article
from newsweave.entities.mentions import MentionIn
from newsweave.entities.registry import ENTITY_MIGRATIONS, find_entity, link_article_mentions
from newsweave.store import Store
from newsweave.store import migrations as store_migrations


def test_entities_migration_runs_in_the_store(tmp_path: Path) -> None:
    names = [name for name, _ in store_migrations.MIGRATIONS]
    assert all(name in names for name, _ in ENTITY_MIGRATIONS)
    text = "Jane Doe visited Almaty. Doe met students."
    with Store(tmp_path / "nw.db") as store:
        article = Article(text=text, source="wire.example", lang="en")
        store.save_article(article)
        mentions = [
            MentionIn(article.id, "en", "Jane Doe", "PER", 0, 8, 0, text),
            MentionIn(article.id, "en", "Doe", "PER", 25, 28, 1, text),
        ]
        store.write(lambda conn: link_article_mentions(conn, mentions))
        found = find_entity(store.conn, "Doe")
        assert found is not None
        assert found["name"] == "Jane Doe"
        assert [m["source"] for m in found["mentions"]] == ["wire.example", "wire.example"]
        applied = {r[0] for r in store.conn.execute("SELECT name FROM _migrations")}
        assert ENTITY_MIGRATIONS[0][0] in applied
