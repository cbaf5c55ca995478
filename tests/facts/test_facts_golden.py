"""Golden files: the seeds' extraction must not change unnoticed (regenerate with
``python tests/facts/make_golden.py`` after a deliberate change)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

HERE = Path(__file__).resolve().parent


def _make_golden() -> ModuleType:
    spec = importlib.util.spec_from_file_location("facts_make_golden", HERE / "make_golden.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKE_GOLDEN = _make_golden()
GOLDEN_FILES = sorted((HERE / "golden").glob("*.json"))


@pytest.mark.seeds
@pytest.mark.parametrize("golden", GOLDEN_FILES, ids=[p.stem for p in GOLDEN_FILES])
def test_golden_seed_extraction(golden: Path) -> None:
    seed = MAKE_GOLDEN.SEEDS / f"{golden.stem}.txt"
    if not seed.is_file():
        pytest.skip("../shared/seeds is absent")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert MAKE_GOLDEN.golden_record(seed) == expected


def test_golden_files_cover_every_seed() -> None:
    assert sorted(p.stem[:3] for p in GOLDEN_FILES) == sorted(MAKE_GOLDEN.SEED_LANGS)
