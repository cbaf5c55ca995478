"""The story engine's nearest-neighbour index, saved beside the database.

Rebuilding the HNSW index of a large store costs minutes (about 0.6-1 ms per article on
one core), so after each update the engine writes it next to the database as
``<db>.<model>.hnsw`` with a ``.json`` note: how many articles it holds and a digest of
their ids in index order. Opening the store loads the file only when that digest matches
the stored assignments (any recluster, deletion or reordering makes it stale and it is
rebuilt); articles assigned since are added on top.

The engine's vector views (the main model's "doc" vector, whose copy in the index is one
byte per dimension, and the second model's "aux_doc") are saved beside it too, one
``<index>.<view>.npy`` file of half-precision rows in the index's key order, and opened
memory-mapped: scoring a new article's neighbours then reads their rows from the
file instead of looking each one up in the database, whose cost grows with the store. A
view file may hold fewer rows than the index (the note says how many); the rest are read
from the database.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from newsweave.stories.ann import HnswIndex

ViewRows = npt.NDArray[np.float16]

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


def view_path(path: Path, view: str) -> Path:
    """The file of ``view``'s rows beside the index at ``path``."""
    return path.with_name(f"{path.name}.{view}.npy")


@dataclass
class SavedIndex:
    """A loaded index, how many articles it holds, and the view rows saved with it."""

    index: HnswIndex
    count: int
    #: view name -> memory-mapped rows for the first ``len(rows)`` keys of the index
    views: dict[str, ViewRows] = field(default_factory=dict)


def load_index(
    path: Path, dim: int, ids: Sequence[str], views: Mapping[str, int] | None = None
) -> SavedIndex | None:
    """The saved index and how many of ``ids`` (a prefix) it holds, when it matches them.

    ``views`` maps the view files wanted to their dimension; a missing, stale or broken
    view file is left out (its rows are then read from the database), never fatal.
    """
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
    saved = SavedIndex(index, count)
    noted = meta.get("views") if isinstance(meta.get("views"), dict) else {}
    for view, view_dim in (views or {}).items():
        rows = _open_rows(view_path(path, view), noted.get(view), view_dim, count)
        if rows is not None:
            saved.views[view] = rows
    return saved


def _open_rows(path: Path, noted: object, dim: int, count: int) -> ViewRows | None:
    if not isinstance(noted, dict):
        return None
    try:
        rows: ViewRows = np.load(path, mmap_mode="r")
        n = int(noted["rows"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if rows.dtype != np.float16 or rows.shape != (n, dim) or n > count:
        return None
    return rows


def save_index(
    path: Path,
    index: HnswIndex,
    ids: Sequence[str],
    views: Mapping[str, tuple[ViewRows | None, npt.NDArray[np.float32]]] | None = None,
) -> dict[str, ViewRows]:
    """Write ``index`` (holding ``ids`` in key order), its view files and its note, each
    atomically; return each written view's rows, memory-mapped from its new file.

    ``views`` maps a view to its rows already saved (or None) and the (rows, dim) matrix
    that follows them; a view whose file cannot be written is left out of the note.
    """
    note = path.with_suffix(".json")
    tmp = path.with_name(path.name + ".tmp")
    note.unlink(missing_ok=True)  # a crash between the writes leaves no stale note
    index.save(tmp)
    tmp.replace(path)
    written: dict[str, ViewRows] = {}
    for view, (old, new) in (views or {}).items():
        rows = _write_rows(view_path(path, view), old, new)
        if rows is not None:
            written[view] = rows
    meta = {
        "format": FORMAT,
        "count": len(ids),
        "dim": index.dim,
        "digest": ids_digest(ids),
        "views": {view: {"rows": len(rows)} for view, rows in written.items()},
    }
    tmp_note = note.with_name(note.name + ".tmp")
    tmp_note.write_text(json.dumps(meta), encoding="utf-8")
    tmp_note.replace(note)
    return written


def _write_rows(path: Path, old: ViewRows | None, new: npt.NDArray[np.float32]) -> ViewRows | None:
    """Write ``old`` followed by ``new`` as half-precision rows; the new file's rows
    (memory-mapped), or None when it cannot be written."""
    kept = 0 if old is None else len(old)
    dim = int(new.shape[1])
    tmp = path.with_name(path.name + ".tmp")
    try:
        out = np.lib.format.open_memmap(
            tmp, mode="w+", dtype=np.float16, shape=(kept + len(new), dim)
        )
        if old is not None:
            for start in range(0, kept, 65536):  # in slices, never all in memory
                stop = min(start + 65536, kept)
                out[start:stop] = old[start:stop]
        if len(new):
            out[kept:] = new.astype(np.float16)
        out.flush()
        del out
        tmp.replace(path)
        rows: ViewRows = np.load(path, mmap_mode="r")
    except (OSError, ValueError):
        tmp.unlink(missing_ok=True)
        return None
    return rows
