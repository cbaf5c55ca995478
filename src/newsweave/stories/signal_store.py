"""Each clustered article's cheap signals, kept so that neighbours are never re-read.

Adding an article scores it against its nearest stored neighbours, and each neighbour
needs its numbers, name keys, content words and view vectors. Extracting those again
from the neighbour's text cost as much as everything else an add does, and more the
larger the store (more neighbours fall inside the time window). The table
``article_signals`` keeps them from the article's own featurization, together with the
embedding-cache keys of its views, so that its vectors are read without rebuilding its
text either.

Rows carry :data:`SIGNALS_VERSION`; a row of another version is ignored (the article is
featurized from its text again and the row replaced), so a change to the extractors
never compares old signals with new ones. The table is created by the store's migration
``0006_article_signals`` and its rows go with their article.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsweave.embed.cache import text_key
from newsweave.stories.signals import VIEW_TEXT, DocFeatures, FloatVector, as_date

#: Bump whenever ``extract_numbers``, ``extract_names`` or ``extract_words`` change
#: what they return for the same text, or the view texts change.
SIGNALS_VERSION = 1

_BATCH = 500  # ids per SELECT, well under SQLite's bound-parameter limit


@dataclass(frozen=True, slots=True)
class StoredSignals:
    """One row of ``article_signals``, with the article's language and date."""

    article_id: str
    numbers: frozenset[str]
    names: frozenset[str]
    words: frozenset[str]
    #: embedding-cache key of each view's text, by plain view name ("doc", "head")
    text_keys: Mapping[str, str]
    lang: str | None
    date: dt.date | None

    def features(self, vectors: Mapping[str, FloatVector], model: str) -> DocFeatures:
        """The article's :class:`DocFeatures` without entities and tolls (the caller
        reads those from their own tables)."""
        return DocFeatures(
            doc_id=self.article_id,
            vectors=dict(vectors),
            numbers=self.numbers,
            names=self.names,
            words=self.words,
            lang=self.lang,
            date=self.date,
            model=model,
        )


def view_keys(title: str | None, body: str) -> dict[str, str]:
    """Embedding-cache key of every view text of an article (``aux_`` views embed the
    same text as their plain view, so they share its key)."""
    return {view: text_key(make(title, body), "clustering") for view, make in VIEW_TEXT.items()}


def save_signals(
    conn: sqlite3.Connection, rows: Iterable[tuple[DocFeatures, str | None, str]]
) -> None:
    """Store the signals of ``(features, title, body)`` triples (inside a write
    transaction); articles not in the store are skipped."""
    values = [
        (
            feats.doc_id,
            SIGNALS_VERSION,
            _join(feats.numbers),
            _join(feats.names),
            _join(feats.words),
            json.dumps(view_keys(title, body), sort_keys=True),
            feats.doc_id,
        )
        for feats, title, body in rows
    ]
    conn.executemany(
        """INSERT OR REPLACE INTO article_signals
               (article_id, version, numbers, names, words, text_keys)
           SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?)""",
        values,
    )


def load_signals(
    conn: sqlite3.Connection,
    article_ids: Sequence[str],
    about: Mapping[str, tuple[str | None, dt.date | None]] | None = None,
) -> dict[str, StoredSignals]:
    """Stored signals of the current version for ``article_ids`` (missing ones absent).

    ``about``: the language and date of articles already read from their rows (the
    story engine keeps them for every clustered article); those are read from
    ``article_signals`` alone, the others joined with ``articles`` (in a large store,
    that row lookup is most of the cost).
    """
    known = about or {}
    joined = [aid for aid in article_ids if aid not in known]
    alone = [aid for aid in article_ids if aid in known]
    out: dict[str, StoredSignals] = {}
    joined_sql = """SELECT s.article_id, s.numbers, s.names, s.words, s.text_keys,
                           a.lang, a.published
                    FROM article_signals s JOIN articles a ON a.id = s.article_id
                    WHERE s.version = ? AND s.article_id IN ({marks})"""
    for aid, numbers, names, words, keys, lang, published in _rows(conn, joined_sql, joined):
        out[aid] = _stored(aid, numbers, names, words, keys, lang, as_date(published))
    alone_sql = """SELECT article_id, numbers, names, words, text_keys FROM article_signals
                   WHERE version = ? AND article_id IN ({marks})"""
    for aid, numbers, names, words, keys in _rows(conn, alone_sql, alone):
        out[aid] = _stored(aid, numbers, names, words, keys, *known[aid])
    return out


def _rows(conn: sqlite3.Connection, sql: str, article_ids: Sequence[str]) -> Iterator[Any]:
    """The rows of ``sql`` (its ``{marks}`` standing for a batch of ids) for every batch
    of ``article_ids``, signals of the current version."""
    for start in range(0, len(article_ids), _BATCH):
        chunk = article_ids[start : start + _BATCH]
        marks = ",".join("?" * len(chunk))
        yield from conn.execute(sql.format(marks=marks), [SIGNALS_VERSION, *chunk])


def _stored(
    aid: str,
    numbers: str,
    names: str,
    words: str,
    keys: str,
    lang: str | None,
    day: dt.date | None,
) -> StoredSignals:
    return StoredSignals(
        article_id=aid,
        numbers=_split(numbers),
        names=_split(names),
        words=_split(words),
        text_keys=json.loads(keys),
        lang=lang,
        date=day,
    )


def _join(tokens: Iterable[str]) -> str:
    # tokens never hold whitespace: numbers, consonant skeletons and ASCII word prefixes
    return " ".join(sorted(tokens))


def _split(text: str) -> frozenset[str]:
    return frozenset(text.split())
