"""Fixtures of the API tests: a hand-made database and a client over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from api_fixtures import ReaderDb, build_reader_db
from fastapi.testclient import TestClient

from newsweave.api import create_app


@pytest.fixture
def reader_db(tmp_path: Path) -> ReaderDb:
    return build_reader_db(tmp_path / "reader.db")


@pytest.fixture
def client(reader_db: ReaderDb, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.delenv("NEWSWEAVE_TOKEN", raising=False)
    monkeypatch.delenv("NEWSWEAVE_PUBLIC_READS", raising=False)
    with TestClient(create_app(reader_db.path)) as c:
        yield c
