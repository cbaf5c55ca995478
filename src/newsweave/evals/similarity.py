"""Article similarity on SemEval-2022 Task 8 (multilingual news article similarity).

The CSV has one row per pair: ``pair_id, lang1, lang2, text1, text2`` and annotators'
scores, of which ``Overall`` runs from 1 (same event) to 4 (unrelated). Pair ids made of
digits and ``_`` are original pairs; ids with a language suffix are machine-translated
copies of an original pair.

:func:`evaluate_similarity` scores every pair with the signal fusion of
:mod:`newsweave.stories.signals` and reports the Pearson correlation with ``-Overall``
(all pairs, original pairs only, per language pair) and the ROC AUC of same story
(Overall ≤ 2) against different stories (Overall ≥ 3).

:func:`fit_similarity_weights` fits the fusion weights for each embedder with grouped
cross-validation (a translated copy always falls in the same fold as its original) and
writes ``newsweave/data/similarity_weights.json``; reproduce it with::

    python -m newsweave.evals.similarity fit --data ../shared/bench/semeval2022t8_dev.csv
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsweave.embed.cache import CachedEmbedder, open_cache
from newsweave.stories.signals import (
    AUX_VIEWS,
    DEFAULT_CONFIGS,
    VIEWS,
    DocFeatures,
    Featurizer,
    SignalWeight,
    SimilarityModel,
    raw_signals,
    views_for,
)

#: ``progress(step, done, total)``
Progress = Callable[[str, int, int], None]
FloatArray = npt.NDArray[np.float64]

DEFAULT_CACHE_DIR = Path.home() / ".cache" / "newsweave" / "eval-cache"
SAME_MAX = 2.0  # Overall at or below: same story
DIFF_MIN = 3.0  # Overall at or above: different stories
_ORIGINAL_ID = re.compile(r"^\d+_\d+$")
_GROUP_ID = re.compile(r"\d+")
WEIGHTS_PATH = Path(__file__).resolve().parents[1] / "data" / "similarity_weights.json"


@dataclass(frozen=True, slots=True)
class SemEvalPair:
    """One annotated pair of articles."""

    pair_id: str
    lang1: str
    lang2: str
    text1: str
    text2: str
    overall: float

    @property
    def original(self) -> bool:
        """Whether this is an original pair (not a machine-translated copy)."""
        return bool(_ORIGINAL_ID.match(self.pair_id))

    @property
    def group(self) -> str:
        """The original pair this one derives from (its two article ids)."""
        return "_".join(_GROUP_ID.findall(self.pair_id))

    @property
    def lang_pair(self) -> str:
        """``"de-en"``-style name of the pair's languages."""
        return f"{self.lang1}-{self.lang2}"


def load_pairs(csv_path: Path, limit: int | None = None) -> list[SemEvalPair]:
    """Pairs of a SemEval-2022 Task 8 CSV (rows without an Overall score are skipped)."""
    pairs: list[SemEvalPair] = []
    with csv_path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"pair_id", "lang1", "lang2", "text1", "text2", "Overall"} - set(
            reader.fieldnames or []
        )
        if missing:
            raise ValueError(
                f"{csv_path}: not a SemEval-2022 Task 8 CSV, missing {sorted(missing)}"
            )
        for row in reader:
            overall = (row.get("Overall") or "").strip()
            if not overall:
                continue
            pairs.append(
                SemEvalPair(
                    row["pair_id"].strip(),
                    row["lang1"].strip(),
                    row["lang2"].strip(),
                    row["text1"] or "",
                    row["text2"] or "",
                    float(overall),
                )
            )
            if limit is not None and len(pairs) >= limit:
                break
    return pairs


# ---------------------------------------------------------------------------------------
# Metrics
# ---------------------------------------------------------------------------------------


def pearson(x: Sequence[float] | FloatArray, y: Sequence[float] | FloatArray) -> float:
    """Pearson correlation; NaN when either side is constant or has fewer than 2 values."""
    a, b = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if a.size < 2 or a.std() == 0 or b.std() == 0:
        return float("nan")
    return float(np.corrcoef(a, b)[0, 1])


def roc_auc(scores: Sequence[float] | FloatArray, positive: Sequence[bool]) -> float:
    """Area under the ROC curve (ties count half); NaN without both classes."""
    s = np.asarray(scores, dtype=np.float64)
    pos = np.asarray(positive, dtype=bool)
    n_pos, n_neg = int(pos.sum()), int((~pos).sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s), dtype=np.float64)
    sorted_s = s[order]
    i = 0
    while i < len(s):  # average ranks over ties
        j = i
        while j + 1 < len(s) and sorted_s[j + 1] == sorted_s[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2.0 + 1.0
        i = j + 1
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


def _auc_of(scores: FloatArray, overall: FloatArray) -> float:
    keep = (overall <= SAME_MAX) | (overall >= DIFF_MIN)
    return roc_auc(scores[keep], list(overall[keep] <= SAME_MAX))


def _metrics(scores: FloatArray, pairs: Sequence[SemEvalPair]) -> dict[str, Any]:
    overall = np.array([p.overall for p in pairs], dtype=np.float64)
    originals = np.array([p.original for p in pairs], dtype=bool)
    per_pair: dict[str, dict[str, Any]] = {}
    for name in sorted({p.lang_pair for p in pairs}):
        mask = np.array([p.lang_pair == name for p in pairs], dtype=bool)
        per_pair[name] = {
            "n": int(mask.sum()),
            "pearson": _round(pearson(scores[mask], -overall[mask])),
            "auc": _round(_auc_of(scores[mask], overall[mask])),
        }
    return {
        "pearson": _round(pearson(scores, -overall)),
        "pearson_originals": _round(pearson(scores[originals], -overall[originals])),
        "auc": _round(_auc_of(scores, overall)),
        "per_pair": per_pair,
        "n_pairs": len(pairs),
        "n_originals": int(originals.sum()),
    }


def _round(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 4)


# ---------------------------------------------------------------------------------------
# Features of the pairs
# ---------------------------------------------------------------------------------------


def cached_featurizer(config: str, cache_dir: Path | None, *, fitted: bool) -> Featurizer:
    """The featurizer of ``config`` with its embedders behind the eval's embedding cache."""
    featurizer = Featurizer.from_config(config, fitted=fitted)
    cache = open_cache((cache_dir or DEFAULT_CACHE_DIR) / "embeddings.sqlite")
    featurizer.embedder = CachedEmbedder(featurizer.embedder, cache)
    if featurizer.aux is not None:
        featurizer.aux = CachedEmbedder(featurizer.aux, cache)
    return featurizer


def pair_features(
    pairs: Sequence[SemEvalPair],
    featurizer: Featurizer,
    *,
    progress: Progress | None = None,
    batch: int = 32,
) -> list[tuple[DocFeatures, DocFeatures]]:
    """Features of both articles of every pair; each distinct text is embedded once."""
    texts: dict[tuple[str, str], int] = {}
    for p in pairs:
        texts.setdefault((p.text1, p.lang1), len(texts))
        texts.setdefault((p.text2, p.lang2), len(texts))
    items = list(texts)
    feats: list[DocFeatures] = []
    for start in range(0, len(items), batch):
        if progress:
            progress("embed", start, len(items))
        part = items[start : start + batch]
        feats.extend(
            featurizer.features(
                [(str(start + i), None, text) for i, (text, _) in enumerate(part)],
                langs=[lang for _, lang in part],
            )
        )
    if progress:
        progress("embed", len(items), len(items))
    return [(feats[texts[(p.text1, p.lang1)]], feats[texts[(p.text2, p.lang2)]]) for p in pairs]


def signal_matrix(
    features: Sequence[tuple[DocFeatures, DocFeatures]], names: Sequence[str]
) -> FloatArray:
    """Raw values of signals ``names`` for every pair (NaN where a signal is missing);
    ``"<name>^2"`` stands for the square of a signal."""
    out = np.full((len(features), len(names)), np.nan, dtype=np.float64)
    for i, (a, b) in enumerate(features):
        values = raw_signals(a, b)
        for j, name in enumerate(names):
            base, squared, _ = name.partition("^2")
            value = values.get(base)
            if value is not None:
                out[i, j] = value * value if squared else value
    return out


# ---------------------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------------------


def evaluate_similarity(
    csv_path: Path,
    *,
    model: str = "default",
    fusion: bool = True,
    weights: Path | None = None,
    limit: int | None = None,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Score SemEval-2022 Task 8 pairs and report how well the scores track the annotators.

    ``model`` names the configuration: "default", an embedder ("gemma", "use", "hashing")
    or two joined by ``+`` ("gemma+use"); ``fusion`` False scores a pair by the cosine of
    its document vectors from the first embedder alone. ``weights`` replaces
    the packaged fusion weights; ``limit`` keeps the first pairs only. Embeddings are
    cached in ``cache_dir`` so a rerun only computes signals. Keys: ``pearson``,
    ``pearson_originals``, ``auc``, ``per_pair``, ``n_pairs``, ``model``, ``fusion``,
    ``same_story_accuracy`` (at the calibrated threshold), ``seconds``.
    """
    start = time.perf_counter()
    pairs = load_pairs(csv_path, limit)
    if not pairs:
        raise ValueError(f"{csv_path}: no scored pairs")
    featurizer = cached_featurizer(model, cache_dir, fitted=fusion and weights is None)
    if fusion and weights is not None:
        featurizer.model = _load_model(weights, featurizer.name)
        featurizer.views = views_for(featurizer.model)
    if not fusion:
        featurizer.aux, featurizer.views = None, ("doc",)
    fused = featurizer.model
    feats = pair_features(pairs, featurizer, progress=progress)
    if fused is None:
        scores = np.nan_to_num(signal_matrix(feats, ["emb_doc"])[:, 0])
    else:
        scores = np.array([fused.score(raw_signals(a, b))[0] for a, b in feats])
    report = _metrics(scores, pairs)
    report["model"] = featurizer.name
    report["fusion"] = fused is not None
    if fused is not None:
        overall = np.array([p.overall for p in pairs])
        keep = (overall <= SAME_MAX) | (overall >= DIFF_MIN)
        hits = (scores[keep] >= fused.threshold) == (overall[keep] <= SAME_MAX)
        report["threshold"] = fused.threshold
        report["same_story_accuracy"] = _round(float(hits.mean())) if hits.size else None
    report["seconds"] = round(time.perf_counter() - start, 1)
    return report


def _load_model(path: Path, embedder_name: str) -> SimilarityModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        return SimilarityModel.from_json(data["models"][embedder_name])
    except KeyError:
        raise ValueError(f"{path}: no weights for embedder {embedder_name!r}") from None


# ---------------------------------------------------------------------------------------
# Fitting the fusion weights
# ---------------------------------------------------------------------------------------

#: Signals forward selection may use; it starts from the first and adds one at a time.
CANDIDATE_SIGNALS: tuple[str, ...] = (
    "emb_doc",
    "emb_doc^2",
    "emb_head",
    "emb_head^2",
    "emb_aux_doc",
    "emb_aux_doc^2",
    "emb_aux_head",
    "emb_aux_head^2",
    "numbers",
    "names",
    "words",
    "same_lang",
)
#: A signal joins the fusion only if it lifts the CV Pearson by at least this much.
MIN_GAIN = 0.001

#: Hand-set weights for signals the development data cannot show (no dates, no entities).
PRIOR_WEIGHTS: dict[str, SignalWeight] = {
    "entities": SignalWeight(weight=0.25, neutral=0.2, fitted=False),
    "time": SignalWeight(weight=0.15, neutral=0.5, fitted=False),
}

RIDGE = 1e-3


def _target(pairs: Sequence[SemEvalPair]) -> FloatArray:
    """Annotator similarity rescaled to 0 (Overall 4, unrelated) … 1 (Overall 1, same)."""
    return np.array([(4.0 - p.overall) / 3.0 for p in pairs], dtype=np.float64)


def fit_linear(x: FloatArray, y: FloatArray, ridge: float = RIDGE) -> tuple[float, FloatArray]:
    """Least squares ``y ≈ b + x @ w`` with a small ridge on ``w``; returns ``(b, w)``."""
    mean_x, mean_y = x.mean(axis=0), y.mean()
    xc = x - mean_x
    gram = xc.T @ xc + ridge * len(y) * np.eye(x.shape[1])
    w = np.linalg.solve(gram, xc.T @ (y - mean_y))
    return float(mean_y - mean_x @ w), w


def best_threshold(scores: FloatArray, overall: FloatArray) -> float:
    """The score threshold that best separates same (≤ 2) from different (≥ 3) pairs
    (highest balanced accuracy; the middle of the best gap)."""
    keep = (overall <= SAME_MAX) | (overall >= DIFF_MIN)
    s, same = scores[keep], overall[keep] <= SAME_MAX
    cands = np.unique(s)
    if cands.size < 2:
        return float(cands[0]) if cands.size else 0.5
    mids = (cands[:-1] + cands[1:]) / 2.0
    best, best_t = -1.0, float(mids[0])
    for t in mids:
        pred = s >= t
        tpr = float((pred & same).sum()) / max(1, int(same.sum()))
        tnr = float((~pred & ~same).sum()) / max(1, int((~same).sum()))
        if (tpr + tnr) / 2.0 > best:
            best, best_t = (tpr + tnr) / 2.0, float(t)
    return best_t


def group_folds(
    pairs: Sequence[SemEvalPair], k: int, seed: int = 13
) -> list[npt.NDArray[np.int64]]:
    """Indices of ``k`` test folds; pairs derived from one original share a fold."""
    groups = sorted({p.group for p in pairs})
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(groups))
    fold_of = {groups[g]: i % k for i, g in enumerate(order)}
    return [
        np.array([i for i, p in enumerate(pairs) if fold_of[p.group] == f], dtype=np.int64)
        for f in range(k)
    ]


def cross_validate(
    x: FloatArray, pairs: Sequence[SemEvalPair], k: int = 5, seeds: Sequence[int] = (13, 29, 47)
) -> dict[str, Any]:
    """Grouped k-fold CV of the linear fusion, repeated over ``seeds``.

    Returns the pooled out-of-fold Pearson / AUC / threshold accuracy (mean and spread over
    seeds) and the per-fold Pearson range.
    """
    y = _target(pairs)
    overall = np.array([p.overall for p in pairs])
    originals = np.array([p.original for p in pairs])
    pooled_p, pooled_po, pooled_auc, accs, fold_p = [], [], [], [], []
    for seed in seeds:
        pred = np.zeros(len(pairs))
        hits = np.zeros(len(pairs), dtype=bool)
        for test in group_folds(pairs, k, seed):
            train = np.setdiff1d(np.arange(len(pairs)), test)
            b, w = fit_linear(x[train], y[train])
            pred[test] = b + x[test] @ w
            t = best_threshold(b + x[train] @ w, overall[train])
            hits[test] = (pred[test] >= t) == (overall[test] <= SAME_MAX)
            fold_p.append(pearson(pred[test], -overall[test]))
        keep = (overall <= SAME_MAX) | (overall >= DIFF_MIN)
        pooled_p.append(pearson(pred, -overall))
        pooled_po.append(pearson(pred[originals], -overall[originals]))
        pooled_auc.append(_auc_of(pred, overall))
        accs.append(float(hits[keep].mean()))

    def summary(values: list[float]) -> dict[str, float]:
        arr = np.array(values)
        return {"mean": round(float(arr.mean()), 4), "std": round(float(arr.std()), 4)}

    return {
        "folds": k,
        "seeds": list(seeds),
        "pearson": summary(pooled_p),
        "pearson_originals": summary(pooled_po),
        "auc": summary(pooled_auc),
        "same_story_accuracy": summary(accs),
        "fold_pearson_min": round(float(np.nanmin(fold_p)), 4),
        "fold_pearson_max": round(float(np.nanmax(fold_p)), 4),
    }


def forward_select(
    x: FloatArray,
    names: Sequence[str],
    pairs: Sequence[SemEvalPair],
    folds: int = 5,
    min_gain: float = MIN_GAIN,
) -> tuple[list[str], list[dict[str, Any]]]:
    """Greedy forward selection of signals by grouped-CV Pearson, starting from ``names[0]``.

    Returns the chosen signals and the selection path (each step's CV figures).
    """
    chosen = [names[0]]
    cv = cross_validate(x[:, [0]], pairs, folds)
    path = [{"signals": list(chosen), "cv": cv}]
    best = cv["pearson"]["mean"]
    while True:
        trials = {}
        for name in names:
            if name in chosen:
                continue
            cols = [names.index(n) for n in [*chosen, name]]
            trials[name] = cross_validate(x[:, cols], pairs, folds)
        if not trials:
            break
        pick = max(trials, key=lambda n: trials[n]["pearson"]["mean"])
        if trials[pick]["pearson"]["mean"] - best < min_gain:
            break
        chosen.append(pick)
        best = trials[pick]["pearson"]["mean"]
        path.append({"signals": list(chosen), "cv": trials[pick]})
    return chosen, path


def fit_model(
    embedder_name: str,
    feats: Sequence[tuple[DocFeatures, DocFeatures]],
    pairs: Sequence[SemEvalPair],
    *,
    candidates: Sequence[str] = CANDIDATE_SIGNALS,
    folds: int = 5,
    source: str = "",
) -> SimilarityModel:
    """Choose signals by grouped CV, fit them on all pairs and calibrate the threshold."""
    names = list(candidates)
    full = signal_matrix(feats, names)
    means = np.nanmean(full, axis=0)
    neutral = {n: float(0.0 if np.isnan(m) else m) for n, m in zip(names, means, strict=True)}
    full = np.where(np.isnan(full), np.array([neutral[n] for n in names]), full)
    subset, path = forward_select(full, names, pairs, folds)
    cols = [names.index(n) for n in subset]
    b, w = fit_linear(full[:, cols], _target(pairs))
    overall = np.array([p.overall for p in pairs])
    threshold = best_threshold(b + full[:, cols] @ w, overall)
    # Centre each term on its mean so a contribution reads "above/below a typical pair";
    # a squared term joins its signal's entry.
    linear: dict[str, tuple[float, float]] = {}
    squares: dict[str, tuple[float, float]] = {}
    for n, wj in zip(subset, w, strict=True):
        base, squared, _ = n.partition("^2")
        (squares if squared else linear)[base] = (float(wj), neutral[n])
        b += float(wj) * neutral[n]
    weights = {}
    for base in [n for n in names if "^2" not in n and (n in linear or n in squares)]:
        lw, ln = linear.get(base, (0.0, 0.0))
        sw, sn = squares.get(base, (0.0, 0.0))
        weights[base] = SignalWeight(round(lw, 6), round(ln, 6), True, round(sw, 6), round(sn, 6))
    for n, prior in PRIOR_WEIGHTS.items():
        weights.setdefault(n, prior)
    return SimilarityModel(
        model=embedder_name,
        intercept=round(b, 6),
        weights=weights,
        threshold=round(threshold, 6),
        meta={
            "fitted_on": source,
            "n_pairs": len(pairs),
            "target": f"(4 - Overall) / 3, least squares, ridge {RIDGE} x n_pairs",
            "selection": f"forward selection by grouped {folds}-fold CV Pearson "
            f"(3 seeds, min gain {MIN_GAIN}); translated copies share their original's fold",
            "cv": path[-1]["cv"],
            "selection_path": [
                {
                    "signals": step["signals"],
                    "cv_pearson": step["cv"]["pearson"]["mean"],
                    "cv_auc": step["cv"]["auc"]["mean"],
                }
                for step in path
            ],
            "threshold": "max balanced accuracy, same (Overall<=2) vs different (>=3)",
            "priors": "entities and time are set by hand: the data has no dates or entity ids",
        },
    )


def fit_similarity_weights(
    csv_path: Path,
    *,
    models: Sequence[str] = DEFAULT_CONFIGS,
    out: Path | None = WEIGHTS_PATH,
    folds: int = 5,
    limit: int | None = None,
    views: Sequence[str] = VIEWS,
    aux_views: Sequence[str] = AUX_VIEWS,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Fit the fusion for each configuration in ``models`` and write them to ``out`` (JSON).

    ``views`` are the text views the first embedder embeds, ``aux_views`` those of the
    auxiliary one in a "first+aux" configuration (each costs one embedding per article);
    the signals of views left out are not candidates.

    Returns the JSON document written, which records how each model was produced and its
    cross-validated figures.
    """
    pairs = load_pairs(csv_path, limit)
    fitted: dict[str, Any] = {}
    for name in models:
        featurizer = cached_featurizer(name, cache_dir, fitted=False)
        featurizer.views = (*views, *(aux_views if featurizer.aux is not None else ()))
        feats = pair_features(pairs, featurizer, progress=progress)
        candidates = [
            c
            for c in CANDIDATE_SIGNALS
            if not c.startswith("emb_") or c.partition("^")[0][4:] in featurizer.views
        ]
        model = fit_model(
            featurizer.name, feats, pairs, candidates=candidates, folds=folds, source=csv_path.name
        )
        entry = model.to_json()
        entry["meta"]["produced_by"] = (
            "python -m newsweave.evals.similarity fit --data "
            f"{csv_path.name} --models {name} --views {','.join(views)}"
            f" --aux-views {','.join(aux_views)}"
            + (f" --limit {limit}" if limit is not None else "")
        )
        entry["meta"]["produced_on"] = dt.date.today().isoformat()
        fitted[featurizer.name] = entry
    doc = {
        "format": 1,
        "about": "Signal-fusion weights per embedder for newsweave.stories.signals; each "
        "entry's meta says how it was produced and its cross-validated figures.",
        "models": fitted,
    }
    if out is not None:
        merged = doc
        if out.is_file():  # keep models fitted earlier that this run did not refit
            old = json.loads(out.read_text(encoding="utf-8"))
            merged = {**doc, "models": {**old.get("models", {}), **fitted}}
        out.write_text(json.dumps(merged, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return doc


def _print_progress(step: str, done: int, total: int) -> None:
    print(f"{step} {done}/{total}", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m newsweave.evals.similarity {eval,fit} --data CSV``."""
    parser = argparse.ArgumentParser(prog="python -m newsweave.evals.similarity")
    parser.add_argument("command", choices=["eval", "fit"])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--model", default="default")
    parser.add_argument("--models", default=",".join(DEFAULT_CONFIGS))
    parser.add_argument("--no-fusion", action="store_true")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--views", default=",".join(VIEWS))
    parser.add_argument("--aux-views", default=",".join(AUX_VIEWS))
    parser.add_argument("--cache-dir", type=Path)
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    args = parser.parse_args(argv)
    if args.command == "fit":
        result = fit_similarity_weights(
            args.data,
            models=args.models.split(","),
            out=args.out,
            limit=args.limit,
            views=args.views.split(","),
            aux_views=args.aux_views.split(","),
            cache_dir=args.cache_dir,
            progress=_print_progress,
        )
    else:
        result = evaluate_similarity(
            args.data,
            model=args.model,
            fusion=not args.no_fusion,
            limit=args.limit,
            cache_dir=args.cache_dir,
            progress=_print_progress,
        )
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
