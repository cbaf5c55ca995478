"""`newsweave eval names`: cross-script name matching on an English–Arabic name table.

The table is ANETAC's layout: a header ``type<TAB>en<TAB>ar`` and one name pair per row,
``type`` being PERSON, LOCATION or ORGANIZATION. For each row the Arabic name is the
query and *every* English name of the file is a candidate; they are ranked by
newsweave's cross-script similarity (:func:`newsweave.entities.transliteration.rank_latin`).

Scoring:

- ``top1``: share of rows whose best-ranked English name is one the file pairs with that
  Arabic spelling (``توكاييف`` is paired with both ``Tokaev`` and ``Tokayev``: either
  counts, since nothing in the Arabic tells them apart). ``top1_strict`` counts only the
  row's own English name.
- ``mrr``: mean reciprocal rank of the first acceptable English name; a name that falls
  outside the shortlist scored in full (``shortlist`` candidates per query) counts 0.
- ``by_type``: the same figures per entity type.

The model scores letter correspondences learned from other name tables (see
:mod:`newsweave.entities.build.translit`), never from this file.
"""

from __future__ import annotations

import csv
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from newsweave.entities.scripts import fold_arabic, fold_latin
from newsweave.entities.transliteration import PairScorer, default_scorer, rank_latin
from newsweave.errors import InputError

_REQUIRED = ("type", "en", "ar")


def read_name_table(path: Path) -> list[tuple[str, str, str]]:
    """Rows ``(type, en, ar)`` of a TSV with those column names in its header."""
    try:
        fh = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError(str(path), f"cannot read the name table ({exc.strerror})") from exc
    with fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = [c for c in _REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(
                str(path),
                f"missing column(s) {', '.join(missing)}; expected a header type<TAB>en<TAB>ar",
            )
        rows = [(r["type"], r["en"], r["ar"]) for r in reader if r["en"] and r["ar"]]
    if not rows:
        raise InputError(str(path), "no name pairs in the file")
    return rows


def _key_latin(name: str) -> str:
    return fold_latin(name).replace(" ", "")


def _key_arabic(name: str) -> str:
    return fold_arabic(name).replace(" ", "")


def evaluate_names(
    path: Path, shortlist: int = 100, scorer: PairScorer | None = None
) -> dict[str, Any]:
    """Top-1 accuracy and MRR of ranking all English names for each Arabic name."""
    started = time.perf_counter()
    rows = read_name_table(Path(path))
    scorer = scorer or default_scorer()

    latin_keys = sorted({_key_latin(en) for _, en, _ in rows} - {""})
    latin_pos = {k: i for i, k in enumerate(latin_keys)}
    accepted: dict[str, set[int]] = defaultdict(set)
    for _, en, ar in rows:
        a, e = _key_arabic(ar), _key_latin(en)
        if a and e:
            accepted[a].add(latin_pos[e])
    queries = sorted(accepted)
    ranking = rank_latin(scorer, queries, latin_keys, shortlist=shortlist)

    first_hit: dict[str, int] = {}  # query -> 1-based rank of its first acceptable name
    best_of: dict[str, int] = {}
    for q, idx in zip(queries, ranking.indices, strict=True):
        best_of[q] = int(idx[0])
        hits = np.nonzero(np.isin(idx, list(accepted[q])))[0]
        first_hit[q] = int(hits[0]) + 1 if hits.size else 0

    totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for kind, en, ar in rows:
        a, e = _key_arabic(ar), _key_latin(en)
        if not a or not e:
            continue
        rank = first_hit[a]
        for bucket in ("all", kind):
            t = totals[bucket]
            t[0] += 1
            t[1] += 1.0 if rank == 1 else 0.0
            t[2] += 1.0 / rank if rank else 0.0
            t[3] += 1.0 if best_of[a] == latin_pos[e] else 0.0

    def figures(t: list[float]) -> dict[str, float | int]:
        n = t[0] or 1.0
        return {
            "n": int(t[0]),
            "top1": round(t[1] / n, 4),
            "mrr": round(t[2] / n, 4),
            "top1_strict": round(t[3] / n, 4),
        }

    overall = figures(totals.pop("all"))
    return {
        "data": str(path),
        **overall,
        "queries": len(queries),
        "candidates": len(latin_keys),
        "shortlist": shortlist,
        "by_type": {kind: figures(t) for kind, t in sorted(totals.items())},
        "seconds": round(time.perf_counter() - started, 1),
    }
