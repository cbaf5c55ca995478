"""``python -m newsweave.entities.build {gazetteer,translit,all} [--names DIR]``."""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

from newsweave.entities.build.gazetteer import build_places, write_places
from newsweave.entities.build.translit import build_model, build_name_tokens
from newsweave.entities.gazetteer import PLACES_FILE
from newsweave.entities.names import TOKENS_FILE
from newsweave.entities.transliteration import MODEL_FILE, SegmentModel

OUT_DIR = Path(__file__).resolve().parents[2] / "data" / "gazetteer"
DEFAULT_NAMES = Path(__file__).resolve().parents[4].parent / "shared" / "corpora" / "names"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m newsweave.entities.build")
    parser.add_argument("what", choices=["gazetteer", "translit", "all"])
    parser.add_argument("--names", type=Path, default=DEFAULT_NAMES, help="name tables folder")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--min-population", type=int, default=100_000)
    parser.add_argument(
        "--exclude", type=Path, help="type/en/ar table whose names are kept out of training"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    report: dict[str, object] = {}
    if args.what in {"gazetteer", "all"}:
        records = build_places(args.min_population)
        report["places"] = write_places(records, args.out / PLACES_FILE)
    if args.what in {"translit", "all"}:
        report["translit"] = build_model(args.names, args.out / MODEL_FILE, exclude=args.exclude)
        model = SegmentModel.load(args.out / MODEL_FILE)
        report["name_tokens"] = build_name_tokens(args.names, model, args.out / TOKENS_FILE)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
