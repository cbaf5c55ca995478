"""Regenerate tests/facts/golden/*.json from the seed articles in ../shared/seeds.

Run from the repository root: ``python tests/facts/make_golden.py``. Only what the
extractor decided is stored (kind, value, range, hedge, unit, scale, flags, offsets);
no text of the seeds is copied.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from newsweave.facts import extract_facts

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS = REPO_ROOT.parent / "shared" / "seeds"
GOLDEN = Path(__file__).resolve().parent / "golden"

# Seed file prefix → language of the article.
SEED_LANGS = {"000": "ar", "001": "ar", "002": "pt", "003": "fr", "004": "ro"}
FIELDS = (
    "kind",
    "value",
    "value_min",
    "value_max",
    "hedge",
    "unit",
    "scale",
    "flags",
    "start",
    "end",
    "sentence_index",
)


def golden_record(path: Path) -> dict[str, Any]:
    """The extraction of one seed as stored in its golden file."""
    lang = SEED_LANGS[path.name[:3]]
    facts = extract_facts(path.read_text(encoding="utf-8"), lang)
    return {
        "seed": path.name,
        "lang": lang,
        "facts": [{k: getattr(f, k) for k in FIELDS} for f in facts],
    }


def main() -> int:
    if not SEEDS.is_dir():
        print(f"no seeds at {SEEDS}", file=sys.stderr)
        return 1
    GOLDEN.mkdir(exist_ok=True)
    for path in sorted(SEEDS.glob("0*.txt")):
        record = golden_record(path)
        out = GOLDEN / f"{path.stem}.json"
        out.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{out.name}: {len(record['facts'])} facts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
