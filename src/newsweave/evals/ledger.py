"""The claim-ledger quality gate on the bundled, annotated demo corpus.

The demo corpus's sidecar (``data/demo/expected.json``) lists, per event, the figures each
article reports and the verdict a careful reader gives when they are put side by side
(``comparisons``). This evaluation ingests the corpus into a scratch database, clusters it,
builds the ledger and checks each annotated comparison: it is *found* when one ledger entry
holds the annotated figures of at least two of its articles, and *right* when that entry's
verdict is the annotated one. The annotation's ``conversion`` is our ``rounding`` (a
currency conversion is reported as rounding with the rate as evidence) and its
``scale_error`` our ``suspect``.

It also counts *false alarms*: ``conflict`` or ``suspect`` entries that match no annotated
comparison with that verdict, the figure a fact-checker would waste time on.
"""

from __future__ import annotations

import json
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

VERDICT_NAMES = {"conversion": "rounding", "scale_error": "suspect"}


def _expected() -> dict[str, Any]:
    ref = resources.files("newsweave") / "data" / "demo" / "expected.json"
    data: dict[str, Any] = json.loads(ref.read_text(encoding="utf-8"))
    return data


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def _match(entry: dict[str, Any], wanted: dict[str, list[float]]) -> int:
    """How many annotated articles have an annotated figure among the entry's items."""
    hits = set()
    for item in entry["items"]:
        values = wanted.get(item["article"], [])
        candidates = [item["value"], item.get("value_min"), item.get("value_max")]
        if any(v is not None and any(_close(v, w) for w in values) for v in candidates):
            hits.add(item["article"])
    return len(hits)


def evaluate_ledger(config: str = "default", workdir: Path | None = None) -> dict[str, Any]:
    """Found/right rates over the annotated comparisons, and the false alarms."""
    from newsweave.demo import run_demo
    from newsweave.facts.story_ledger import all_ledgers
    from newsweave.store import Store
    from newsweave.stories.engine import StoryEngine

    expected = _expected()
    with tempfile.TemporaryDirectory(dir=workdir) as tmp, Store(Path(tmp) / "demo.db") as store:
        run_demo(store)
        StoryEngine(store, config=config).add_pending()
        index_of = {(a.url or ""): a.id for a in store.iter_articles()}
        ids = [index_of.get(a["url"], "") for a in expected["articles"]]
        entries = all_ledgers(store.conn)
    per_comparison: list[dict[str, Any]] = []
    for comp in expected["comparisons"]:
        want = VERDICT_NAMES.get(comp["verdict"], comp["verdict"])
        wanted: dict[str, list[float]] = {}
        for i in comp["articles"]:
            values = [
                float(v)
                for f in expected["articles"][i]["figures"]
                if f["fact"] == comp["fact"]
                for v in (f["value"] if isinstance(f["value"], list) else [f["value"]])
            ]
            if values and ids[i]:
                wanted[ids[i]] = values
        best: tuple[int, int] | None = None  # (articles matched, entry index)
        for k, entry in enumerate(entries):
            n = _match(entry, wanted)
            if n >= 2 and (
                best is None or n > best[0] or (n == best[0] and entry["verdict"] == want)
            ):
                best = (n, k)
        verdict = entries[best[1]]["verdict"] if best else None
        per_comparison.append(
            {
                "event": comp["event"],
                "fact": comp["fact"],
                "expected": want,
                "found": verdict,
                "right": verdict == want,
                "articles_matched": best[0] if best else 0,
                "entry": best[1] if best else None,
            }
        )
    justified = {p["entry"] for p in per_comparison if p["entry"] is not None and p["right"]}
    alarms = [
        {"verdict": e["verdict"], "subject": e["subject"], "values": [i["raw"] for i in e["items"]]}
        for k, e in enumerate(entries)
        if e["verdict"] in ("conflict", "suspect") and k not in justified
    ]
    n = len(per_comparison)
    found = sum(1 for p in per_comparison if p["found"])
    right = sum(1 for p in per_comparison if p["right"])
    return {
        "comparisons": n,
        "found": round(found / n, 4) if n else None,
        "verdict_accuracy": round(right / n, 4) if n else None,
        "entries": len(entries),
        "false_alarms": len(alarms),
        "alarms": alarms,
        "per_comparison": per_comparison,
    }
