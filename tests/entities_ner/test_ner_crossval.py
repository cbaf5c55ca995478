"""Cross-validation over a development file: folds never score a sentence trained on."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.entities.ner.card import render_model_card
from newsweave.entities.ner.corpus import read_spec
from newsweave.entities.ner.crossval import cross_validate, fold_specs, summarise
from newsweave.errors import InputError

_PEOPLE = ["Marta Lindqvist", "Oskar Brenner", "Ilse Varga"]
_PLACES = ["Velmora", "Castrelo", "Quenby"]


def _numbered(path: Path, n: int) -> None:
    lines: list[str] = []
    for i in range(n):
        lines += [f"s{i}\tO", "went\tO", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def _corpus(path: Path, n: int = 40) -> None:
    lines: list[str] = []
    for i in range(n):
        person = _PEOPLE[i % 3].split()
        tokens = [*person, "visited", _PLACES[i % 3], "."]
        tags = ["B-PER", "I-PER", "O", "B-LOC", "O"]
        lines += [f"{t}\t{g}" for t, g in zip(tokens, tags, strict=True)] + [""]
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize(("n", "folds"), [(10, 2), (17, 3), (23, 5), (7, 7)])
def test_ner_folds_are_disjoint_and_cover_the_file(tmp_path: Path, n: int, folds: int) -> None:
    corpus = tmp_path / "dev.tsv"
    _numbered(corpus, n)
    seen: list[str] = []
    for i in range(folds):
        train, held = fold_specs(corpus, folds, i)
        held_ids = {s.tokens[0] for s in read_spec(held)}
        train_ids = {s.tokens[0] for spec in train for s in read_spec(spec)}
        assert held_ids and not held_ids & train_ids
        assert held_ids | train_ids == {f"s{j}" for j in range(n)}
        seen += sorted(held_ids)
    assert sorted(seen) == sorted(f"s{j}" for j in range(n))


def test_ner_last_folds_are_the_usual_splits() -> None:
    assert fold_specs("d.tsv", 5, 4) == (["d.tsv#0-0.8"], "d.tsv#0.8-1")
    assert fold_specs("d.tsv", 2, 1) == (["d.tsv#0-0.5"], "d.tsv#0.5-1")
    assert fold_specs("d.tsv", 2, 0) == (["d.tsv#0.5-1"], "d.tsv#0-0.5")
    with pytest.raises(InputError):
        fold_specs("d.tsv", 1, 0)
    with pytest.raises(InputError):
        fold_specs("d.tsv", 3, 3)


def _result(f1: float, tp: int, pred: int, gold: int) -> dict[str, object]:
    typed = {"precision": 0.0, "recall": tp / gold, "f1": f1, "support": gold, "predicted": pred}
    empty = {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0, "predicted": 0}
    return {
        "precision": tp / pred,
        "recall": tp / gold,
        "f1": f1,
        "per_type": {"PER": typed, "ORG": empty, "LOC": empty},
    }


def test_ner_cv_summary_means_folds_and_pools_counts() -> None:
    summary = summarise([_result(0.5, 5, 10, 10), _result(0.9, 9, 10, 10)])
    assert summary["f1"] == 0.7
    assert summary["precision"] == 0.7
    assert summary["per_type"]["PER"] == {"f1": 0.7, "support": 20}
    assert summary["micro_f1"] == 0.7  # 14 of 20 predicted, 14 of 20 gold


def test_ner_cross_validate_trains_and_scores_each_fold(tmp_path: Path) -> None:
    corpus = tmp_path / "dev.tsv"
    _corpus(corpus)
    result = cross_validate(
        "en", [], corpus, 2, weight=2, work_dir=tmp_path, gazetteer=False, max_iterations=30
    )
    assert [r["eval"] for r in result["results"]] == [f"{corpus}#0-0.5", f"{corpus}#0.5-1"]
    assert [r["n_sentences"] for r in result["results"]] == [20, 20]
    assert result["folds"] == 2 and result["weight"] == 2
    assert result["f1"] > 0.9
    assert list(tmp_path.iterdir()) == [corpus]  # fold models are temporary


def test_ner_card_reports_the_cross_validation() -> None:
    fold = {
        "eval": "x/dev.tsv#0-0.5",
        "n_sentences": 3,
        "precision": 0.8,
        "recall": 0.6,
        "f1": 0.6857,
        "per_type": {t: {"f1": 0.5} for t in ("PER", "ORG", "LOC")},
    }
    meta = {
        "lang": "ro",
        "labels": ["LOC", "ORG", "PER"],
        "card": {"eval": "x/dev.tsv (2-fold cross-validation)", "cv_command": "cmd --cv 2"},
        "cv": {
            "file": "x/dev.tsv",
            "folds": 2,
            "weight": 4,
            "precision": 0.8,
            "recall": 0.6,
            "f1": 0.6857,
            "micro_f1": 0.69,
            "per_type": {t: {"f1": 0.5} for t in ("PER", "ORG", "LOC")},
            "results": [fold],
        },
    }
    card = render_model_card(meta)
    assert "2-fold cross-validation over that file" in card
    assert "**Mean F1 0.686**" in card
    assert "`x/dev.tsv#0-0.5`" in card
    assert "cmd --cv 2" in card
    assert "## Scores" not in card  # no other development file


def test_ner_cli_cv_needs_a_recipe(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsweave.cli import app

    corpus = tmp_path / "dev.tsv"
    _corpus(corpus)
    args = ["train", "ner", "--lang", "en", "--data", str(corpus), "--cv", "2"]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 2
    assert "drop --data" in res.output


def test_ner_recipe_without_a_pooled_file_cannot_be_cross_validated(tmp_path: Path) -> None:
    from newsweave.entities.ner.recipes import cross_validate_recipe

    with pytest.raises(InputError, match="no development file to cross-validate"):
        cross_validate_recipe("en", tmp_path, 2)


def test_ner_describe_gives_the_cross_validated_score() -> None:
    from newsweave.entities.ner.models import describe

    meta = {
        "card": {"train_names": ["RONEC"], "eval": "x/dev.tsv (2-fold cross-validation)"},
        "cv": {"f1": 0.7123, "folds": 2, "file": "x/dev.tsv"},
        "scores": {},
    }
    expected = "mean F1 0.712 (PER/ORG/LOC) in 2-fold cross-validation on x/dev.tsv"
    assert describe(meta) == f"CRF trained on RONEC; {expected}"
