"""Named schema migrations, applied in order and recorded in the database.

Never edit a migration that has shipped: add a new one. Each entry is ``(name, sql)``;
``apply_migrations`` runs the ones whose name is not yet in ``_migrations``.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from newsweave.entities.registry import ENTITY_MIGRATIONS

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_articles",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            url TEXT,
            title TEXT,
            lang TEXT,
            lang_score REAL NOT NULL DEFAULT 0,
            script TEXT,
            declared_lang TEXT,
            published TEXT,
            published_from TEXT NOT NULL DEFAULT 'unknown'
                CHECK (published_from IN ('metadata', 'content', 'unknown')),
            input_kind TEXT NOT NULL,
            encoding TEXT,
            text TEXT NOT NULL,
            clean_text TEXT NOT NULL,
            removed TEXT NOT NULL DEFAULT '[]',
            paragraphs TEXT NOT NULL DEFAULT '[]',
            mixed_language INTEGER NOT NULL DEFAULT 0,
            meta TEXT NOT NULL DEFAULT '{}',
            stages TEXT NOT NULL DEFAULT '[]',
            ingested_at TEXT NOT NULL,
            seq INTEGER NOT NULL
        );
        CREATE INDEX articles_lang ON articles(lang);
        CREATE INDEX articles_published ON articles(published);
        CREATE UNIQUE INDEX articles_seq ON articles(seq);
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TABLE ingest_failures (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            source TEXT NOT NULL,
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        );
        """,
    ),
    (
        "0002_stories",
        """
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT,
            created_at TEXT NOT NULL,
            merged_into TEXT
        );
        CREATE TABLE story_articles (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            story_id TEXT NOT NULL REFERENCES stories(id),
            score REAL NOT NULL,
            new_story INTEGER NOT NULL,
            evidence TEXT NOT NULL DEFAULT '[]',
            decided_at TEXT NOT NULL,
            decision_seq INTEGER NOT NULL
        );
        CREATE INDEX story_articles_story ON story_articles(story_id);
        CREATE TABLE story_links (
            a TEXT NOT NULL,
            b TEXT NOT NULL,
            score REAL NOT NULL,
            evidence TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (a, b)
        );
        CREATE TABLE story_merges (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            story_id TEXT NOT NULL,
            merged_id TEXT NOT NULL,
            article_id TEXT NOT NULL,
            at TEXT NOT NULL
        );
        """,
    ),
    *ENTITY_MIGRATIONS,
    (
        "0003_facts_quotes",
        """
        CREATE TABLE facts (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            kind TEXT NOT NULL,
            value REAL NOT NULL,
            value_min REAL,
            value_max REAL,
            hedge TEXT,
            unit TEXT,
            counted TEXT,
            scale REAL NOT NULL DEFAULT 1,
            raw TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            lang TEXT,
            sentence TEXT NOT NULL,
            sentence_index INTEGER NOT NULL DEFAULT 0,
            flags TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (article_id, idx)
        );
        CREATE INDEX facts_kind ON facts(kind);
        CREATE TABLE quotes (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            speaker TEXT,
            speaker_text TEXT,
            speaker_entity TEXT,
            resolved_by TEXT,
            cue TEXT,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            lang TEXT,
            flags TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (article_id, idx)
        );
        CREATE INDEX quotes_speaker ON quotes(speaker_entity)
        """,
    ),
    (
        "0004_embeddings",
        """
        CREATE TABLE IF NOT EXISTS embeddings (
            key    TEXT NOT NULL,
            model  TEXT NOT NULL,
            dim    INTEGER NOT NULL,
            dtype  TEXT NOT NULL,
            vector BLOB NOT NULL,
            PRIMARY KEY (key, model)
        ) WITHOUT ROWID
        """,
    ),
    (
        # the next decision number and the restore order read story_articles by
        # decision_seq, and merges look story links up by either end: without these, each
        # added article scanned every assignment (a cost growing with the store)
        "0005_story_indexes",
        """
        CREATE INDEX IF NOT EXISTS story_articles_seq ON story_articles(decision_seq);
        CREATE INDEX IF NOT EXISTS story_links_b ON story_links(b)
        """,
    ),
    (
        # each clustered article's numbers, name keys, content words and the cache keys
        # of its view vectors (newsweave.stories.signal_store): neighbours of a new
        # article are scored without re-reading their text
        "0006_article_signals",
        """
        CREATE TABLE IF NOT EXISTS article_signals (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            version    INTEGER NOT NULL,
            numbers    TEXT NOT NULL,
            names      TEXT NOT NULL,
            words      TEXT NOT NULL,
            text_keys  TEXT NOT NULL
        ) WITHOUT ROWID
        """,
    ),
]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def apply_migrations(conn: sqlite3.Connection) -> list[str]:
    """Apply pending migrations, each in its own transaction; return the names applied."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    done = {row[0] for row in conn.execute("SELECT name FROM _migrations")}
    applied: list[str] = []
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _split_sql(sql):
                conn.execute(statement)
            conn.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, ?)", (name, _now()))
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        applied.append(name)
    return applied


def _split_sql(sql: str) -> list[str]:
    """Split a migration into statements (migrations hold no string literals with ';')."""
    return [s.strip() for s in sql.split(";") if s.strip()]
