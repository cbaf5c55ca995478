"""K-fold cross-validation of a recogniser over one in-domain development file.

Several corpora have no train split here, so the shipped model trains on the whole
development file and its score is estimated by cross-validation: the file is cut into
``k`` contiguous sentence ranges (``FILE#LO-HI``, see
:func:`newsweave.entities.ner.corpus.parse_data_spec`); fold ``i`` trains on the other
data plus every other range (repeated ``weight`` times) and is scored by
:func:`newsweave.evals.ner.evaluate_ner` on range ``i`` alone, which no sentence of its
training data comes from. The last fold of ``k = 2`` (or ``k = 5``) is the split
``FILE#0-0.5`` / ``FILE#0.5-1`` (``FILE#0-0.8`` / ``FILE#0.8-1``).
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

from newsweave.errors import InputError

log = logging.getLogger(__name__)

_TYPES = ("PER", "ORG", "LOC")


def _bound(i: int, k: int) -> str:
    return repr(i / k) if 0 < i < k else str(i // k)


def fold_specs(file: str | Path, folds: int, index: int) -> tuple[list[str], str]:
    """(training ranges, evaluation range) of fold ``index`` (0-based) of ``folds``."""
    if folds < 2 or not 0 <= index < folds:
        raise InputError(str(file), f"fold {index} of {folds}: need 2+ folds and 0 <= i < k")
    lo, hi = _bound(index, folds), _bound(index + 1, folds)
    train = []
    if index > 0:
        train.append(f"{file}#0-{lo}")
    if index < folds - 1:
        train.append(f"{file}#{hi}-1")
    return train, f"{file}#{lo}-{hi}"


def summarise(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean precision/recall/F1 over folds (and per type), plus micro scores over all."""
    n = len(results)
    mean = {key: round(sum(r[key] for r in results) / n, 4) for key in ("precision", "recall")}
    mean["f1"] = round(sum(r["f1"] for r in results) / n, 4)
    per_type: dict[str, dict[str, float]] = {}
    tp = pred = gold = 0.0
    for t in _TYPES:
        rows = [r["per_type"][t] for r in results]
        per_type[t] = {
            "f1": round(sum(x["f1"] for x in rows) / n, 4),
            "support": sum(x["support"] for x in rows),
        }
        for x in rows:
            tp += round(x["recall"] * x["support"])
            pred += x["predicted"]
            gold += x["support"]
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    micro = 2 * p * r / (p + r) if p + r else 0.0
    return {**mean, "per_type": per_type, "micro_f1": round(micro, 4)}


def cross_validate(
    lang: str,
    data: list[Path],
    file: Path,
    folds: int,
    weight: int = 1,
    work_dir: Path | None = None,
    **hyper: Any,
) -> dict[str, Any]:
    """Train and score ``folds`` models; return per-fold results and their summary.

    ``data`` is the training data besides ``file`` (the development file cut into folds);
    ``hyper`` goes to :func:`newsweave.entities.ner.train.train_ner` (its ``dev`` is
    replaced: each fold is scored on its own range only).
    """
    from newsweave.entities.ner.train import train_ner
    from newsweave.evals.ner import evaluate_ner

    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(dir=work_dir) as tmp:
        for i in range(folds):
            train_specs, eval_spec = fold_specs(file, folds, i)
            out = Path(tmp) / f"fold{i}"
            train_data = [*data, *(Path(s) for s in train_specs for _ in range(weight))]
            train_ner(lang, train_data, out, **{**hyper, "dev": []})
            result = evaluate_ner(lang, Path(eval_spec), model_dir=out)
            for key in ("model", "data", "sentences_per_second"):
                result.pop(key, None)
            result["fold"] = f"{i + 1}/{folds}"
            result["eval"] = eval_spec
            results.append(result)
            log.info("%s fold %d/%d on %s: F1 %.4f", lang, i + 1, folds, eval_spec, result["f1"])
    summary = summarise(results)
    return {"file": str(file), "folds": folds, "weight": weight, **summary, "results": results}
