"""Learn the Arabic ↔ Latin segment model from name pairs (build time only).

Training pairs come from two public sources in ``shared/corpora/names`` (never from the
ANETAC file that ``newsweave eval names`` scores):

- ``wikidata_person_name_tokens_en_xx.tsv`` (rows with ``lang == "ar"``; CC0 1.0),
- ``google_ar2en_wikipedia_names.tsv`` (Apache-2.0).

Run ``python -m newsweave.entities.build translit --names DIR`` to rebuild
``newsweave/data/gazetteer/translit_ar_latn.tsv.gz``.
"""

from __future__ import annotations

import csv
import gzip
import logging
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from newsweave.entities.scripts import fold_arabic, fold_latin
from newsweave.entities.transliteration import MAX_AR, MAX_LAT, PairScorer, SegmentModel

log = logging.getLogger(__name__)

MAX_NAME = 20  # longer single tokens are almost always alignment noise


def read_training_pairs(names_dir: Path) -> list[tuple[str, str]]:
    """Folded (latin, arabic) single-token pairs from the Wikidata and Google tables."""
    pairs: list[tuple[str, str]] = []
    wikidata = names_dir / "wikidata_person_name_tokens_en_xx.tsv"
    with wikidata.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["lang"] == "ar":
                pairs.append((row["en"], row["target"]))
    google = names_dir / "google_ar2en_wikipedia_names.tsv"
    with google.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            pairs.append((row["en"], row["ar"]))
    return clean_pairs(pairs)


def clean_pairs(raw: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Fold both sides, keep single-token pairs of sensible length, drop duplicates."""
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str]] = []
    for lat_raw, ar_raw in raw:
        lat, ar = fold_latin(lat_raw), fold_arabic(ar_raw)
        if not lat or not ar or " " in lat or " " in ar:
            continue
        if len(lat) > MAX_NAME or len(ar) > MAX_NAME:
            continue
        if (lat, ar) not in seen:
            seen.add((lat, ar))
            out.append((lat, ar))
    return out


def segment_vocab(strings: Iterable[str], max_len: int, min_count: int) -> list[str]:
    """The empty segment, every letter seen, and multi-letter segments seen often enough."""
    counts: Counter[str] = Counter()
    for s in strings:
        for i in range(len(s)):
            for ln in range(1, max_len + 1):
                if i + ln <= len(s):
                    counts[s[i : i + ln]] += 1
    kept = {g for g, c in counts.items() if len(g) == 1 or c >= min_count}
    return ["", *sorted(kept)]


def _batches(pairs: Sequence[tuple[str, str]], size: int) -> list[list[tuple[str, str]]]:
    ordered = sorted(pairs, key=lambda p: (len(p[0]), len(p[1])))
    return [list(ordered[k : k + size]) for k in range(0, len(ordered), size)]


def train_segment_model(
    pairs: Sequence[tuple[str, str]],
    iterations: int = 8,
    min_count: int = 40,
    batch_size: int = 8_000,
    smoothing: float = 1e-6,
) -> SegmentModel:
    """Expectation-maximisation of the joint segment-pair probabilities."""
    latin = segment_vocab((p[0] for p in pairs), MAX_LAT, min_count)
    arabic = segment_vocab((p[1] for p in pairs), MAX_AR, min_count)
    model = SegmentModel.uniform(latin, arabic)
    batches = _batches(pairs, batch_size)
    for it in range(iterations):
        total = np.zeros((len(latin) + 1, len(arabic) + 1))
        loglik = 0.0
        for batch in batches:
            lat = model.encode_latin([p[0] for p in batch])
            ar = model.encode_arabic([p[1] for p in batch])
            counts, ll = model.expected_counts(lat, ar)
            total += counts
            loglik += ll
        core = total[: len(latin), : len(arabic)] + smoothing
        core[0, 0] = 0.0
        model = SegmentModel(latin, arabic, core / core.sum())
        log.info("EM iteration %d: log-likelihood %.1f", it + 1, loglik)
    return model


def drop_noisy_pairs(
    model: SegmentModel, pairs: Sequence[tuple[str, str]], keep: float = 0.95
) -> list[tuple[str, str]]:
    """Keep the best-explained ``keep`` share of pairs (alignment noise scores worst)."""
    scorer = PairScorer(model, latin_weight=1.0)
    scores = scorer.score([p[0] for p in pairs], [p[1] for p in pairs])
    per_letter = scores / np.array([len(a) + len(b) for a, b in pairs])
    cut = np.quantile(per_letter[np.isfinite(per_letter)], 1.0 - keep)
    return [p for p, s in zip(pairs, per_letter, strict=True) if s >= cut]


def exclude_names(pairs: list[tuple[str, str]], table: Path) -> list[tuple[str, str]]:
    """Pairs sharing neither side with a ``type/en/ar`` name table (for leakage checks)."""
    latin: set[str] = set()
    arabic: set[str] = set()
    with table.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            latin.add(fold_latin(row["en"]).replace(" ", ""))
            arabic.add(fold_arabic(row["ar"]).replace(" ", ""))
    return [p for p in pairs if p[0] not in latin and p[1] not in arabic]


def build_model(
    names_dir: Path, out: Path, seed: int = 13, exclude: Path | None = None
) -> dict[str, float]:
    """Train on both sources, drop the worst-explained 5% of pairs, retrain, save.

    ``exclude`` names a ``type/en/ar`` table whose names must not be trained on (every
    pair sharing a Latin or an Arabic spelling with it is dropped first).
    """
    pairs = read_training_pairs(names_dir)
    if exclude is not None:
        pairs = exclude_names(pairs, exclude)
    random.Random(seed).shuffle(pairs)
    first = train_segment_model(pairs, iterations=5)
    kept = drop_noisy_pairs(first, pairs)
    model = train_segment_model(kept, iterations=8)
    model.save(out)
    return {"pairs": float(len(pairs)), "kept": float(len(kept))}


def build_name_tokens(names_dir: Path, model: SegmentModel, out: Path) -> int:
    """Write the Latin name words of the Wikidata table with their Arabic rendering.

    Every English-side token (any target language) of at least two letters, folded to
    ASCII, with its summed frequency and :meth:`SegmentModel.to_arabic` rendering, which
    :func:`newsweave.entities.names.romanize_arabic_word` shortlists on.
    """
    freq: Counter[str] = Counter()
    wikidata = names_dir / "wikidata_person_name_tokens_en_xx.tsv"
    with wikidata.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            word = fold_latin(row["en"])
            if 2 <= len(word) <= MAX_NAME and " " not in word:
                freq[word] += int(row["freq"] or 1)
    lines = [f"{w}\t{c}\t{model.to_arabic(w)}" for w, c in sorted(freq.items())]
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# latin name word, frequency in Wikidata labels, Arabic rendering\n")
        fh.write("\n".join(lines) + "\n")
    return len(lines)
