"""The persisted entity registry: one row per real-world entity, its spellings, its mentions.

Tables (added by the migration in :data:`ENTITY_MIGRATIONS`):

- ``entities(id, name, type, place_id, created_at, updated_at)``: ``id`` is stable
  (``per:antony-blinken``, ``loc:kazakhstan``), ``name`` the canonical Latin name;
- ``entity_forms(entity_id, form, lang, script, norm_key, count)``: every spelling seen,
  with its language, script and matching key;
- ``entity_mentions(id, entity_id, article_id, sentence, start, end, text, form, lang,
  label, found_by)``: every mention, with character offsets into the article's clean
  text (``form`` is the spelling it counts for in ``entity_forms``);
- ``entity_keys(key, entity_id, form, lang)``: the block keys each spelling is filed
  under (:mod:`newsweave.entities.blocking`), so that linking a new article looks up
  the entities it could name instead of reading the whole registry; spellings stored
  before this table existed are listed in ``entity_keys_pending`` and filed on the
  next link.

The mentions table is called ``entity_mentions`` so that it cannot collide with other
capabilities' tables. Every function takes an open ``sqlite3.Connection``; writers do
not commit (run them inside the store's single write path, ``Store.write``).
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from newsweave.entities.linker import KnownEntity, KnownForm, link_mentions
from newsweave.entities.mentions import MentionIn, ResolvedMention
from newsweave.entities.names import split_name
from newsweave.entities.scripts import match_key

ENTITY_MIGRATIONS: list[tuple[str, str]] = [
    (
        "entities_0001_registry",
        """
        CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL CHECK (type IN ('PER', 'ORG', 'LOC', 'MISC')),
            place_id TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX entities_type ON entities(type);
        CREATE INDEX entities_place ON entities(place_id);
        CREATE TABLE entity_forms (
            entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            form TEXT NOT NULL,
            lang TEXT NOT NULL DEFAULT '',
            script TEXT NOT NULL,
            norm_key TEXT NOT NULL,
            count INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (entity_id, form, lang)
        );
        CREATE INDEX entity_forms_key ON entity_forms(norm_key);
        CREATE TABLE entity_mentions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            sentence INTEGER NOT NULL DEFAULT 0,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            form TEXT NOT NULL,
            lang TEXT NOT NULL DEFAULT '',
            label TEXT NOT NULL,
            found_by TEXT NOT NULL DEFAULT 'ner',
            UNIQUE (article_id, start, end)
        );
        CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id);
        CREATE INDEX entity_mentions_article ON entity_mentions(article_id)
        """,
    ),
    (
        "entities_0002_keys",
        """
        CREATE TABLE entity_keys (
            key TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            form TEXT NOT NULL,
            lang TEXT NOT NULL,
            PRIMARY KEY (key, entity_id, form, lang),
            FOREIGN KEY (entity_id, form, lang)
                REFERENCES entity_forms(entity_id, form, lang) ON DELETE CASCADE
        ) WITHOUT ROWID;
        CREATE INDEX entity_keys_form ON entity_keys(entity_id, form, lang);
        CREATE TABLE entity_keys_pending (
            entity_id TEXT NOT NULL,
            form TEXT NOT NULL,
            lang TEXT NOT NULL,
            PRIMARY KEY (entity_id, form, lang)
        ) WITHOUT ROWID;
        INSERT INTO entity_keys_pending (entity_id, form, lang)
            SELECT entity_id, form, lang FROM entity_forms
        """,
    ),
    (
        # one-word names other than people are also filed under ``w:`` keys now
        # (blocking.form_keys): list them to be filed again
        "entities_0003_one_word_keys",
        """
        INSERT OR IGNORE INTO entity_keys_pending (entity_id, form, lang)
            SELECT f.entity_id, f.form, f.lang FROM entity_forms f
            JOIN entities e ON e.id = f.entity_id
            WHERE e.type != 'PER' AND instr(trim(f.form), ' ') = 0
        """,
    ),
    (
        # names of several words other than people are also filed under ``m:`` keys
        # now (blocking.form_keys): list them to be filed again
        "entities_0004_last_word_keys",
        """
        INSERT OR IGNORE INTO entity_keys_pending (entity_id, form, lang)
            SELECT f.entity_id, f.form, f.lang FROM entity_forms f
            JOIN entities e ON e.id = f.entity_id
            WHERE e.type != 'PER' AND instr(trim(f.form), ' ') > 0
        """,
    ),
    (
        # a Cyrillic word with a Г is also filed under the keys of its readings with Г as
        # H (blocking._keys): list such spellings to be filed again
        "entities_0005_cyrillic_h_keys",
        """
        INSERT OR IGNORE INTO entity_keys_pending (entity_id, form, lang)
            SELECT entity_id, form, lang FROM entity_forms
            WHERE instr(form, 'Г') > 0 OR instr(form, 'г') > 0
        """,
    ),
]
_CHUNK = 500  # ids or keys per SQL ``IN (...)`` list
#: Spellings read for one name: its blocks are read from the smallest up while their
#: sizes add up to at most this (the smallest always; see
#: :meth:`RegistryIndex.blocks_to_read`).
BLOCK_BUDGET = 32


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# -- writing ----------------------------------------------------------------------------
def save_resolved(conn: sqlite3.Connection, resolved: Sequence[ResolvedMention]) -> int:
    """Store linked mentions: create or update their entities, count their spellings.

    Mentions already stored for the same article and span are replaced. Returns the
    number of mentions written.
    """
    now = _now()
    names: dict[str, ResolvedMention] = {}
    for r in resolved:
        names[r.entity_id] = r
    for eid, r in names.items():
        conn.execute(
            """INSERT INTO entities (id, name, type, place_id, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT(id) DO UPDATE SET name = excluded.name,
                   place_id = COALESCE(excluded.place_id, entities.place_id),
                   updated_at = excluded.updated_at""",
            (eid, r.name, r.type, r.place_id, now, now),
        )
    forms: Counter[tuple[str, str, str, str, str]] = Counter()
    for r in resolved:
        forms[(r.entity_id, r.form, r.mention.lang or "", r.script, r.norm_key)] += 1
        conn.execute(
            """INSERT INTO entity_mentions (entity_id, article_id, sentence, start, end, text,
                   form, lang, label, found_by)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(article_id, start, end) DO UPDATE SET entity_id = excluded.entity_id,
                   text = excluded.text, form = excluded.form, label = excluded.label,
                   found_by = excluded.found_by""",
            (
                r.entity_id,
                r.mention.article_id,
                r.mention.sentence_index,
                r.mention.start,
                r.mention.end,
                r.mention.text,
                r.form,
                r.mention.lang or "",
                r.mention.label,
                r.mention.found_by,
            ),
        )
    types = {r.entity_id: r.type for r in resolved}
    _follow_mention_types(conn, resolved)
    for (eid, form, lang, script, key), n in forms.items():
        conn.execute(
            """INSERT INTO entity_forms (entity_id, form, lang, script, norm_key, count)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT(entity_id, form, lang) DO UPDATE SET count = count + excluded.count""",
            (eid, form, lang, script, key, n),
        )
        _file_form(conn, eid, form, lang, types[eid])
    return len(resolved)


def _follow_mention_types(conn: sqlite3.Connection, resolved: Sequence[ResolvedMention]) -> None:
    """An organisation, place or other name takes the type most of its mentions have.

    The linker joins a name the recognisers typed otherwise to the record it names
    (``Facebook`` as ORG in one article, MISC in another); the record's type is the one
    its mentions give most often, counted again only when a new mention disagrees with
    it. Places the gazetteer knows and people keep theirs; the id never changes.
    """
    disagree = {
        r.entity_id
        for r in resolved
        if r.type != "PER" and r.place_id is None and r.mention.label not in (r.type, "PER")
    }
    for eid in sorted(disagree):
        counts = dict(
            conn.execute(
                """SELECT label, COUNT(*) FROM entity_mentions
                   WHERE entity_id = ? AND label IN ('ORG', 'LOC', 'MISC') GROUP BY label""",
                (eid,),
            ).fetchall()
        )
        row = conn.execute("SELECT type FROM entities WHERE id = ?", (eid,)).fetchone()
        if not counts or row is None:
            continue
        top = max(sorted(counts), key=lambda label: counts[label])
        if counts[top] > counts.get(row[0], 0):
            conn.execute("UPDATE entities SET type = ? WHERE id = ?", (top, eid))


def _file_form(conn: sqlite3.Connection, eid: str, form: str, lang: str, type_: str) -> None:
    """File one spelling under its block keys (idempotent)."""
    from newsweave.entities.blocking import form_keys

    conn.executemany(
        "INSERT OR IGNORE INTO entity_keys (key, entity_id, form, lang) VALUES (?, ?, ?, ?)",
        [(key, eid, form, lang) for key in sorted(form_keys(form, type_))],
    )


def file_pending_forms(conn: sqlite3.Connection) -> int:
    """File the spellings stored before block keys existed; returns how many."""
    rows = conn.execute(
        """SELECT p.entity_id, p.form, p.lang, e.type FROM entity_keys_pending p
           JOIN entity_forms f ON f.entity_id = p.entity_id AND f.form = p.form
               AND f.lang = p.lang
           JOIN entities e ON e.id = p.entity_id"""
    ).fetchall()
    for eid, form, lang, type_ in rows:
        _file_form(conn, eid, form, lang, type_)
    conn.execute("DELETE FROM entity_keys_pending")
    return len(rows)


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(values), _CHUNK):
        yield values[i : i + _CHUNK]


class RegistryIndex:
    """The registry as linking's :class:`~newsweave.entities.linker.KnownSource`: each
    question is a few indexed lookups, whatever the registry's size."""

    def __init__(
        self, conn: sqlite3.Connection, *, file_pending: bool = True, budget: int | None = None
    ) -> None:
        """``file_pending``: first file spellings stored before block keys existed (a
        write: pass False outside the store's write path). ``budget``: spellings read per
        name (default :data:`BLOCK_BUDGET`)."""
        self.conn = conn
        self.budget = BLOCK_BUDGET if budget is None else budget
        if file_pending and conn.execute("SELECT 1 FROM entity_keys_pending LIMIT 1").fetchone():
            file_pending_forms(conn)

    def attested(self, words: Iterable[str]) -> Counter[str]:
        from newsweave.entities.blocking import word_attest_key

        keys = sorted({word_attest_key(w) for w in words})
        out: Counter[str] = Counter()
        for chunk in _chunks(keys):
            marks = ",".join("?" * len(chunk))
            for key, n in self.conn.execute(
                f"SELECT key, COUNT(*) FROM entity_keys WHERE key IN ({marks}) GROUP BY key",
                list(chunk),
            ):
                out[key[2:]] += int(n)
        return out

    def candidates(
        self,
        key_groups: Iterable[Collection[str]],
        place_ids: Iterable[str],
        types: Iterable[str],
    ) -> list[KnownEntity]:
        """The entities filed under the keys worth reading (:meth:`blocks_to_read`) or
        resolved to one of ``place_ids``, of ``types``."""
        keys_of: dict[str, set[str]] = defaultdict(set)
        for chunk in _chunks(self.blocks_to_read(key_groups)):
            marks = ",".join("?" * len(chunk))
            for key, eid in self.conn.execute(
                f"SELECT DISTINCT key, entity_id FROM entity_keys WHERE key IN ({marks})",
                list(chunk),
            ):
                keys_of[eid].add(key)
        ids = set(keys_of)
        for chunk in _chunks(sorted(set(place_ids))):
            marks = ",".join("?" * len(chunk))
            ids.update(
                r[0]
                for r in self.conn.execute(
                    f"SELECT id FROM entities WHERE place_id IN ({marks})", list(chunk)
                )
            )
        found = _load_entities(self.conn, sorted(ids), set(types))
        for entity in found:
            entity.keys = frozenset(keys_of.get(entity.id, ()))
        return found

    def blocks_to_read(self, key_groups: Iterable[Collection[str]]) -> list[str]:
        """For each group of alternative keys of one name, its blocks from the smallest up,
        while their sizes add up to at most ``budget`` spellings (:data:`BLOCK_BUDGET`).

        The smallest block is always read, so a name never loses every candidate however
        common it is. Small blocks are usually the specific keys (a consonant skeleton,
        the Arabic rendering of a Latin family name); large ones are coarse (a family-name
        beginning such as ``f:l:nur:4`` holds 1,588 people in a registry of 100k), and each
        spelling read is compared with the new name, so the budget bounds the cost of
        linking a name whatever the registry's size. In a small registry every block fits
        and all are read.
        """
        groups = [sorted(set(g)) for g in key_groups]
        sizes: dict[str, int] = {}
        for chunk in _chunks(sorted({k for g in groups for k in g})):
            marks = ",".join("?" * len(chunk))
            for key, n in self.conn.execute(
                f"SELECT key, COUNT(*) FROM entity_keys WHERE key IN ({marks}) GROUP BY key",
                list(chunk),
            ):
                sizes[key] = int(n)
        read: set[str] = set()
        for group in groups:
            present = sorted((k for k in group if k in sizes), key=lambda k: (sizes[k], k))
            total = 0
            for i, key in enumerate(present):
                if i and total + sizes[key] > self.budget:
                    break
                read.add(key)
                total += sizes[key]
        return sorted(read)

    def taken(self, entity_id: str) -> bool:
        found = self.conn.execute("SELECT 1 FROM entities WHERE id = ?", (entity_id,))
        return found.fetchone() is not None


def _load_entities(
    conn: sqlite3.Connection, ids: Sequence[str], types: set[str]
) -> list[KnownEntity]:
    """The entities ``ids`` of ``types`` with their spellings, oldest first (the order
    in which linking meets them decides between equally good matches)."""
    by_id: dict[str, KnownEntity] = {}
    order: dict[str, int] = {}
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        for rowid, eid, name, type_, place_id in conn.execute(
            f"SELECT rowid, id, name, type, place_id FROM entities WHERE id IN ({marks})",
            list(chunk),
        ):
            if type_ in types:
                by_id[eid] = KnownEntity(eid, name, type_, [], place_id)
                order[eid] = rowid
        for eid, form, lang, count in conn.execute(
            f"""SELECT entity_id, form, lang, count FROM entity_forms
                WHERE entity_id IN ({marks}) ORDER BY entity_id, rowid""",
            list(chunk),
        ):
            ent = by_id.get(eid)
            if ent is not None:
                ent.forms.append(KnownForm(form, lang or None, int(count)))
    return sorted(by_id.values(), key=lambda e: order[e.id])


def link_article_mentions(
    conn: sqlite3.Connection,
    mentions: Sequence[MentionIn],
    story_of: Mapping[str, str] | None = None,
    *,
    budget: int | None = None,
    own_keys: bool = True,
) -> list[ResolvedMention]:
    """Link one article's (or a batch's) mentions against the registry and store them.

    Re-linking an article first removes its earlier mentions (and the spelling counts
    they added), so running it twice changes nothing. ``budget`` and ``own_keys`` are
    those of :class:`RegistryIndex` and :func:`link_mentions` (the defaults are what an
    ingest uses).
    """
    for article_id in sorted({m.article_id for m in mentions}):
        forget_article(conn, article_id)
    source = RegistryIndex(conn, budget=budget)
    resolved = link_mentions(mentions, story_of=story_of, source=source, own_keys=own_keys)
    save_resolved(conn, resolved)
    return resolved


def forget_article(conn: sqlite3.Connection, article_id: str) -> None:
    """Remove an article's mentions, their spelling counts, and entities left with none."""
    touched = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT entity_id FROM entity_mentions WHERE article_id = ?", (article_id,)
        )
    ]
    if not touched:
        return
    conn.execute("DELETE FROM entity_mentions WHERE article_id = ?", (article_id,))
    for eid in touched:
        conn.execute(
            """UPDATE entity_forms SET count = (
                   SELECT COUNT(*) FROM entity_mentions m WHERE m.entity_id = entity_forms.entity_id
                   AND m.form = entity_forms.form AND m.lang = entity_forms.lang)
               WHERE entity_id = ?""",
            (eid,),
        )
        conn.execute("DELETE FROM entity_forms WHERE entity_id = ? AND count = 0", (eid,))
        left = conn.execute(
            "SELECT COUNT(*) FROM entity_mentions WHERE entity_id = ?", (eid,)
        ).fetchone()[0]
        if not left:
            conn.execute("DELETE FROM entity_forms WHERE entity_id = ?", (eid,))
            conn.execute("DELETE FROM entities WHERE id = ?", (eid,))


# -- reading ----------------------------------------------------------------------------
def _mentions_of(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in conn.execute(
        f"""SELECT m.entity_id, m.article_id, a.source, m.lang, m.text, m.sentence, m.start,
                   m.end, m.label, m.found_by
            FROM entity_mentions m LEFT JOIN articles a ON a.id = m.article_id
            WHERE m.entity_id IN ({marks})
            ORDER BY m.article_id, m.start""",
        list(ids),
    ):
        out[row[0]].append(
            {
                "article_id": row[1],
                "source": row[2],
                "lang": row[3],
                "text": row[4],
                "sentence": row[5],
                "start": row[6],
                "end": row[7],
                "label": row[8],
                "found_by": row[9],
            }
        )
    return out


def _forms_of(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for eid, form, lang, script, key, count in conn.execute(
        f"""SELECT entity_id, form, lang, script, norm_key, count FROM entity_forms
            WHERE entity_id IN ({marks}) ORDER BY count DESC, form""",
        list(ids),
    ):
        out[eid].append(
            {"form": form, "lang": lang, "script": script, "norm_key": key, "count": count}
        )
    return out


def list_entities(conn: sqlite3.Connection, type: str | None = None) -> list[dict[str, Any]]:
    """All entities (of one type when given), most mentioned first.

    Each: ``id``, ``name``, ``type``, ``place_id``, ``forms`` (spellings with language,
    script and count) and ``mentions`` (``article_id``, ``source``, ``lang``, ``text``,
    ``sentence``, ``start``, ``end``, ...).
    """
    sql = """SELECT e.id, e.name, e.type, e.place_id, COUNT(m.id) AS n
             FROM entities e LEFT JOIN entity_mentions m ON m.entity_id = e.id"""
    params: list[str] = []
    if type:
        sql += " WHERE e.type = ?"
        params.append(type.upper())
    sql += " GROUP BY e.id ORDER BY n DESC, e.name"
    rows = conn.execute(sql, params).fetchall()
    ids = [r[0] for r in rows]
    mentions = _mentions_of(conn, ids)
    forms = _forms_of(conn, ids)
    return [
        {
            "id": r[0],
            "name": r[1],
            "type": r[2],
            "place_id": r[3],
            "mention_count": int(r[4]),
            "forms": forms.get(r[0], []),
            "mentions": mentions.get(r[0], []),
        }
        for r in rows
    ]


def _candidate_ids(conn: sqlite3.Connection, query: str) -> list[str]:
    """Entity ids whose id, canonical name or any spelling matches ``query``."""
    row = conn.execute("SELECT id FROM entities WHERE id = ?", (query,)).fetchone()
    if row:
        return [row[0]]
    key = match_key(query)
    hits = [
        r[0]
        for r in conn.execute(
            """SELECT e.id FROM entities e LEFT JOIN entity_forms f ON f.entity_id = e.id
               WHERE f.norm_key = ? OR f.form = ? OR lower(e.name) = lower(?)
               GROUP BY e.id ORDER BY COUNT(*) DESC""",
            (key, query, query),
        )
    ]
    if hits:
        return hits
    # Any spelling in any script: compare the query with the canonical names and forms
    # word by word (transliteration-aware), preferring full matches.
    from newsweave.entities.linker import full_names_match, words_match

    q_words = split_name(query)
    if not q_words:
        return []
    scored: list[tuple[int, str]] = []
    for eid, name, form in conn.execute(
        """SELECT e.id, e.name, f.form FROM entities e
           LEFT JOIN entity_forms f ON f.entity_id = e.id"""
    ):
        for cand in {name, form or name}:
            c_words = split_name(cand)
            whole = (len(q_words) >= 2 and full_names_match(q_words, c_words)) or (
                len(q_words) == 1 and len(c_words) == 1 and words_match(q_words[0], cand)
            )
            if whole:
                scored.append((2, eid))
            elif len(q_words) == 1 and c_words and words_match(q_words[0], c_words[-1]):
                scored.append((1, eid))
    best = max((s for s, _ in scored), default=0)
    return list(dict.fromkeys(e for s, e in scored if s == best))


def find_entity(conn: sqlite3.Connection, name_or_id: str) -> dict[str, Any] | None:
    """One entity by id or by any of its spellings in any script, or None.

    The result has ``id``, ``name``, ``type``, ``place_id``, ``forms``, ``mentions`` (as
    in :func:`list_entities`), ``by_language`` (``{lang: {article_id: [mention texts]}}``)
    and ``others`` (ids of further entities the query also matched, if any).
    """
    ids = _candidate_ids(conn, name_or_id.strip())
    if not ids:
        return None
    row = conn.execute(
        "SELECT id, name, type, place_id FROM entities WHERE id = ?", (ids[0],)
    ).fetchone()
    mentions = _mentions_of(conn, [row[0]]).get(row[0], [])
    by_language: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for m in mentions:
        by_language[m["lang"] or "?"][m["article_id"]].append(m["text"])
    return {
        "id": row[0],
        "name": row[1],
        "type": row[2],
        "place_id": row[3],
        "forms": _forms_of(conn, [row[0]]).get(row[0], []),
        "mentions": mentions,
        "by_language": {lang: dict(arts) for lang, arts in sorted(by_language.items())},
        "others": ids[1:],
    }
