"""Fixtures of the web UI tests: a hand-made database and a client over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_fixtures import WebDb, build_web_db

from newsweave.api import create_app


@pytest.fixture
def web_db(tmp_path: Path) -> WebDb:
    return build_web_db(tmp_path / "web.db")


@pytest.fixture
def web(web_db: WebDb, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.delenv("NEWSWEAVE_TOKEN", raising=False)
    monkeypatch.delenv("NEWSWEAVE_PUBLIC_READS", raising=False)
    with TestClient(create_app(web_db.path)) as c:
        yield c
