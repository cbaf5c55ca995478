"""Shared test fixtures and the --slow switch."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsweave.store import Store

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
SEEDS = SHARED / "seeds"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", default=False, help="run slow tests too")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "test.db")
    yield s
    s.close()


@pytest.fixture
def seeds_dir() -> Path:
    if not (SEEDS / "EXPECTED.md").exists():
        pytest.skip("../shared/seeds is absent")
    return SEEDS
