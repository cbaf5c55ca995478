"""The story engine's nearest-neighbour index, saved beside the database.

Rebuilding the HNSW index of a large store costs minutes (about 0.6-1 ms per article on
one core), so after each update the engine writes it next to the database as
``<db>.<model>.hnsw`` with a ``.json`` note: how many articles it holds and a digest of
their ids in index order. Opening the store loads the file only when that digest matches
the stored assignments (any recluster, deletion or reordering makes it stale and it is
rebuilt); articles assigned since are added on top.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from newsweave.stories.ann import HnswIndex

FORMAT = 1


def saved_index_path(db_path: Path, model: str) -> Path | None:
    """Where the index of ``db_path`` under ``model`` lives (None for in-memory stores)."""
    if str(db_path) == ":memory:":
        return None
    safe = "".join(c if c.isalnum() or c in "-._" else "_" for c in model)
    return db_path.with_name(f"{db_path.name}.{safe}.hnsw")


def ids_digest(ids: Sequence[str]) -> str:
    """A digest of article ids in index order."""
    h = hashlib.sha256()
    for article_id in ids:
        h.update(article_id.encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def load_index(path: Path, dim: int, ids: Sequence[str]) -> tuple[HnswIndex, int] | None:
    """The saved index and how many of ``ids`` (a prefix) it holds, when it matches them."""
    note = path.with_suffix(".json")
    try:
        meta = json.loads(note.read_text(encoding="utf-8"))
        count = int(meta["count"])
        fits = meta.get("format") == FORMAT and int(meta["dim"]) == dim and count <= len(ids)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not fits or meta.get("digest") != ids_digest(ids[:count]):
        return None
    index = HnswIndex.load(path, dim)
    if index is None or len(index) != count:
        return None
    return index, count


def save_index(path: Path, index: HnswIndex, ids: Sequence[str]) -> None:
    """Write ``index`` (holding ``ids`` in key order) and its note, each atomically."""
    note = path.with_suffix(".json")
    tmp = path.with_name(path.name + ".tmp")
    note.unlink(missing_ok=True)  # a crash between the two writes leaves no stale note
    index.save(tmp)
    tmp.replace(path)
    meta = {"format": FORMAT, "count": len(ids), "dim": index.dim, "digest": ids_digest(ids)}
    tmp_note = note.with_name(note.name + ".tmp")
    tmp_note.write_text(json.dumps(meta), encoding="utf-8")
    tmp_note.replace(note)
