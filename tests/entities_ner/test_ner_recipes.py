"""The training recipes: every required language has one, and no dev data is trained on."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.entities.ner.corpus import parse_data_spec
from newsweave.entities.ner.recipes import RECIPES

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared"


def _ranges(specs: tuple[str, ...]) -> list[tuple[str, float, float]]:
    out = []
    for spec in specs:
        path, lo, hi = parse_data_spec(f"/shared/{spec}")
        out.append((str(path), lo, hi))
    return out


def test_ner_recipes_cover_required_languages() -> None:
    assert {"ar", "fr", "pt", "ro", "ru", "es", "de", "en", "kk", "it", "nl", "pl"} <= set(RECIPES)


@pytest.mark.parametrize("lang", sorted(RECIPES))
def test_ner_recipes_never_train_on_their_dev_sentences(lang: str) -> None:
    recipe = RECIPES[lang]
    train = _ranges(recipe.shipped_data())
    for dev_path, dev_lo, dev_hi in _ranges(recipe.dev):
        for path, lo, hi in train:
            if path == dev_path:
                assert hi <= dev_lo or lo >= dev_hi, f"{lang}: {path} overlaps its dev range"


@pytest.mark.parametrize("lang", sorted(RECIPES))
def test_ner_recipes_judge_pooled_dev_files_by_cross_validation(lang: str) -> None:
    recipe = RECIPES[lang]
    if not recipe.cv_file:
        assert recipe.dev, f"{lang}: a recipe without a cv_file needs a dev file"
        return
    assert recipe.cv_folds >= 2 and recipe.cv_weight >= 1
    assert recipe.shipped_data().count(recipe.cv_file) == recipe.cv_weight
    pooled = _ranges((recipe.cv_file,))[0][0]
    assert pooled not in {path for path, _, _ in _ranges(recipe.data)}
    assert pooled not in {path for path, _, _ in _ranges(recipe.dev)}


@pytest.mark.parametrize("lang", sorted(RECIPES))
def test_ner_recipes_name_files_that_exist(lang: str) -> None:
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    for spec in (*RECIPES[lang].shipped_data(), *RECIPES[lang].dev):
        path, _, _ = parse_data_spec(SHARED / spec)
        assert path.is_file(), path
