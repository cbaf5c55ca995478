"""Raw embedding throughput of each backend on article-length texts.

``python -m newsweave.embed.throughput --data ../shared/bench/semeval2022t8_dev.csv``
embeds the first ``-n`` article texts of the CSV (both columns, whitespace collapsed)
with each backend and prints documents per second as JSON. Nothing is cached here: the
point is the model's own speed, which the end-to-end ingest is compared with.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from newsweave.embed.base import embedder_throughput
from newsweave.embed.registry import get_embedder
from newsweave.embed.text import document_text


def article_texts(csv_path: Path, n: int) -> list[str]:
    """Up to ``n`` distinct article texts from a SemEval-2022 Task 8 CSV."""
    seen: dict[str, None] = {}
    with csv_path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for column in ("text1", "text2"):
                seen.setdefault(document_text(None, row.get(column) or ""), None)
            if len(seen) >= n:
                break
    return [t for t in seen if t][:n]


def throughput_report(csv_path: Path, models: Sequence[str], n: int = 64) -> dict[str, object]:
    """Documents per second of each embedder in ``models`` on ``n`` articles."""
    texts = article_texts(csv_path, n)
    rates: dict[str, float] = {}
    for name in models:
        embedder = get_embedder(name)
        rates[embedder.name] = round(embedder_throughput(embedder, texts), 2)
    mean_chars = sum(map(len, texts)) / max(1, len(texts))
    return {
        "docs_per_second": rates,
        "n_docs": len(texts),
        "mean_chars": round(mean_chars),
        "cpu_count": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry: print :func:`throughput_report` as JSON."""
    parser = argparse.ArgumentParser(prog="python -m newsweave.embed.throughput")
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--models", default="hashing,use,gemma")
    parser.add_argument("-n", type=int, default=64)
    args = parser.parse_args(argv)
    report = throughput_report(args.data, args.models.split(","), args.n)
    json.dump(report, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
