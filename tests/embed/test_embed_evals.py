"""The similarity and retrieval evaluations on tiny hand-made files (model-free embedder)."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import numpy as np
import pytest

from newsweave.embed.hashing import HashingEmbedder
from newsweave.evals.retrieval import evaluate_retrieval, load_bitext
from newsweave.evals.similarity import (
    best_threshold,
    evaluate_similarity,
    fit_similarity_weights,
    load_pairs,
    pearson,
    roc_auc,
)

SAME = [
    (
        "Floods in Valencia kill 223, 67,000 homes damaged",
        "Valencia floods: 223 dead and 67.000 homes damaged",
    ),
    (
        "Macron meets Putin in Paris over Ukraine talks",
        "Putin and Macron hold Ukraine talks in Paris",
    ),
    ("Apple unveils iPhone 16 with new camera", "iPhone 16 unveiled by Apple with a new camera"),
    (
        "Earthquake of magnitude 7.8 strikes Turkey and Syria",
        "Magnitude 7.8 earthquake strikes Syria and Turkey",
    ),
]
DIFFERENT = [
    (
        "Floods in Valencia kill 223, 67,000 homes damaged",
        "Apple unveils iPhone 16 with new camera",
    ),
    (
        "Macron meets Putin in Paris over Ukraine talks",
        "Earthquake of magnitude 7.8 strikes Turkey",
    ),
    ("Chess champion wins in Oslo", "Central bank raises rates to 5.25 percent"),
    ("Wildfires spread in California", "Football club signs new coach from Brazil"),
]


def _write_csv(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Unnamed: 0", "pair_id", "lang1", "lang2", "text1", "text2", "Overall"])
        n = 0
        for overall, rows in ((1.0, SAME), (4.0, DIFFERENT)):
            for t1, t2 in rows:
                n += 1
                writer.writerow([n, f"{100 + n}_{200 + n}", "en", "en", t1, t2, overall])
        writer.writerow([n + 1, "101_201de", "de", "en", SAME[0][0], SAME[0][1], 1.5])


def test_evals_metrics() -> None:
    assert math.isclose(pearson([1, 2, 3], [2, 4, 6]), 1.0)
    assert math.isnan(pearson([1, 1], [1, 2]))
    assert roc_auc([0.9, 0.8, 0.1], [True, True, False]) == 1.0
    assert roc_auc([0.5, 0.5], [True, False]) == 0.5
    assert best_threshold(np.array([0.9, 0.8, 0.2]), np.array([1.0, 2.0, 4.0])) == 0.5


def test_evals_load_pairs(tmp_path: Path) -> None:
    data = tmp_path / "pairs.csv"
    _write_csv(data)
    pairs = load_pairs(data)
    assert len(pairs) == 9
    assert pairs[0].original and not pairs[-1].original
    assert pairs[-1].group == pairs[0].group == "101_201"
    assert len(load_pairs(data, limit=3)) == 3
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing"):
        load_pairs(bad)


def test_evals_similarity_cosine_only(tmp_path: Path) -> None:
    data = tmp_path / "pairs.csv"
    _write_csv(data)
    steps: list[tuple[str, int, int]] = []
    report = evaluate_similarity(
        data,
        model="hashing",
        fusion=False,
        cache_dir=tmp_path,
        progress=lambda s, d, t: steps.append((s, d, t)),
    )
    assert {"pearson", "pearson_originals", "auc", "per_pair", "n_pairs", "model"} <= set(report)
    assert report["n_pairs"] == 9
    assert report["auc"] > 0.8
    assert report["pearson"] > 0.5
    assert set(report["per_pair"]) == {"en-en", "de-en"}
    assert steps[-1][1] == steps[-1][2]
    assert (tmp_path / "embeddings.sqlite").is_file()


def test_evals_fit_then_evaluate_with_fusion(tmp_path: Path) -> None:
    data = tmp_path / "pairs.csv"
    _write_csv(data)
    out = tmp_path / "weights.json"
    doc = fit_similarity_weights(data, models=["hashing"], out=out, folds=3, cache_dir=tmp_path)
    name = HashingEmbedder().name
    entry = json.loads(out.read_text(encoding="utf-8"))["models"][name]
    assert entry == doc["models"][name]
    assert "emb_doc" in entry["signals"]
    assert entry["meta"]["cv"]["folds"] == 3
    report = evaluate_similarity(data, model="hashing", weights=out, cache_dir=tmp_path)
    assert report["fusion"] is True
    assert report["auc"] > 0.8
    assert 0.0 <= report["same_story_accuracy"] <= 1.0


def test_evals_retrieval(tmp_path: Path) -> None:
    (tmp_path / "fra-eng.tsv").write_text(
        "Le chat dort.\tThe cat sleeps.\n"
        "Paris est grand.\tParis is big.\n"
        "sans tabulation\n"
        "Marie aime Tokyo.\tMarie loves Tokyo.\n",
        encoding="utf-8",
    )
    source, english = load_bitext(tmp_path / "fra-eng.tsv")
    assert len(source) == len(english) == 3
    report = evaluate_retrieval(tmp_path, ["fra"], model="hashing", cache_dir=tmp_path)
    assert set(report) >= {"mean_acc1", "per_language"}
    assert report["per_language"]["fra"] == report["mean_acc1"]
    assert report["mean_acc1"] >= 2 / 3  # names and numbers carry the hashing backend
    with pytest.raises(FileNotFoundError):
        evaluate_retrieval(tmp_path, ["xxx"], model="hashing", cache_dir=tmp_path)
