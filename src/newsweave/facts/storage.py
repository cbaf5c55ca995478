"""Facts and quotes in the database: the save hooks that write them, the queries that read them.

Both hooks have the store's save-hook signature (``hook(conn, article)``) and run inside
the article's write transaction. Quotes are found after the entity hook has linked the
article's mentions, so a speaker resolves to the registry's person when one is named.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from newsweave.article import Article
from newsweave.facts.model import Fact
from newsweave.facts.quotes import PersonSpan, extract_quotes

_FACT_COLUMNS = (
    "kind",
    "value",
    "value_min",
    "value_max",
    "hedge",
    "unit",
    "counted",
    "scale",
    "raw",
    "start",
    "end",
    "lang",
    "sentence",
    "sentence_index",
)


def save_article_facts(conn: sqlite3.Connection, article: Article) -> None:
    """Store the facts a pipeline stage put on ``article`` (replacing earlier ones)."""
    conn.execute("DELETE FROM facts WHERE article_id = ?", (article.id,))
    rows = []
    for idx, fact in enumerate(article.facts):
        if not fact.sentence:  # no fact without its sentence
            continue
        values = [getattr(fact, col) for col in _FACT_COLUMNS]
        rows.append((article.id, idx, *values, json.dumps(fact.flags)))
    cols = ", ".join(("article_id", "idx", *_FACT_COLUMNS, "flags"))
    marks = ", ".join("?" * (len(_FACT_COLUMNS) + 3))
    conn.executemany(f"INSERT INTO facts ({cols}) VALUES ({marks})", rows)


def _fact_from_row(row: sqlite3.Row) -> Fact:
    data = {col: row[col] for col in _FACT_COLUMNS}
    data["flags"] = json.loads(row["flags"])
    return Fact.from_dict(data)


def facts_of(conn: sqlite3.Connection, article_ids: Sequence[str]) -> dict[str, list[Fact]]:
    """Stored facts by article id, in text order."""
    out: dict[str, list[Fact]] = {a: [] for a in article_ids}
    for start in range(0, len(article_ids), 500):
        chunk = list(article_ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            f"SELECT * FROM facts WHERE article_id IN ({marks}) ORDER BY article_id, start",
            chunk,
        ):
            out[row["article_id"]].append(_fact_from_row(row))
    return out


def _persons(conn: sqlite3.Connection, article_id: str) -> list[PersonSpan]:
    rows = conn.execute(
        """SELECT m.start, m.end, m.text, m.entity_id, e.name
           FROM entity_mentions m JOIN entities e ON e.id = m.entity_id
           WHERE m.article_id = ? AND e.type = 'PER' ORDER BY m.start""",
        (article_id,),
    ).fetchall()
    return [PersonSpan(r["start"], r["end"], r["name"] or r["text"], r["entity_id"]) for r in rows]


def save_article_quotes(conn: sqlite3.Connection, article: Article) -> None:
    """Find the article's quotes, resolve speakers to linked persons, store them."""
    conn.execute("DELETE FROM quotes WHERE article_id = ?", (article.id,))
    text = article.clean_text or article.text
    quotes = extract_quotes(text, article.lang, _persons(conn, article.id))
    conn.executemany(
        """INSERT INTO quotes (article_id, idx, text, kind, speaker, speaker_text,
               speaker_entity, resolved_by, cue, start, end, lang, flags)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            (
                article.id,
                i,
                q.text,
                q.kind,
                q.speaker,
                q.speaker_text,
                q.speaker_entity,
                q.resolved_by,
                q.cue,
                q.start,
                q.end,
                q.lang,
                json.dumps(q.flags),
            )
            for i, q in enumerate(quotes)
        ],
    )


def quote_rows(
    conn: sqlite3.Connection,
    *,
    article_ids: Iterable[str] | None = None,
    speaker: str | None = None,
) -> list[dict[str, Any]]:
    """Stored quotes as JSON-ready dicts (``speaker``, ``text``, ``source``, ``lang``, …)."""
    sql = """SELECT q.*, a.source, a.title, a.published FROM quotes q
             JOIN articles a ON a.id = q.article_id"""
    where: list[str] = []
    params: list[Any] = []
    if article_ids is not None:
        ids = list(article_ids)
        if not ids:
            return []
        where.append(f"q.article_id IN ({','.join('?' * len(ids))})")
        params.extend(ids)
    if speaker:
        where.append("(q.speaker_entity = ? OR q.speaker LIKE ?)")
        params.extend([speaker, f"%{speaker}%"])
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY a.seq, q.start"
    return [
        {
            "speaker": r["speaker"],
            "speaker_entity": r["speaker_entity"],
            "speaker_text": r["speaker_text"],
            "text": r["text"],
            "kind": r["kind"],
            "cue": r["cue"],
            "resolved_by": r["resolved_by"],
            "source": r["source"],
            "lang": r["lang"],
            "article": r["article_id"],
            "title": r["title"],
            "published": r["published"],
            "start": r["start"],
            "end": r["end"],
        }
        for r in conn.execute(sql, params)
    ]


def fact_rows(
    conn: sqlite3.Connection,
    *,
    article_ids: Iterable[str] | None = None,
    kind: str | None = None,
) -> list[dict[str, Any]]:
    """Stored facts as JSON-ready dicts (``source``, ``lang``, ``sentence``, ``kind``,
    ``value``, ``unit``, …), in ingest order."""
    sql = "SELECT f.*, a.source, a.published FROM facts f JOIN articles a ON a.id = f.article_id"
    where: list[str] = []
    params: list[Any] = []
    if article_ids is not None:
        ids = list(article_ids)
        if not ids:
            return []
        where.append(f"f.article_id IN ({','.join('?' * len(ids))})")
        params.extend(ids)
    if kind:
        where.append("f.kind = ?")
        params.append(kind)
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY a.seq, f.start"
    out = []
    for r in conn.execute(sql, params):
        fact = _fact_from_row(r)
        view = fact.to_dict()
        view.update(article=r["article_id"], source=r["source"], published=r["published"])
        out.append(view)
    return out
