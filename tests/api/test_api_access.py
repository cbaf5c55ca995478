from __future__ import annotations

import base64
from pathlib import Path

import pytest
from api_fixtures import ReaderDb
from fastapi.testclient import TestClient

from newsweave.api import create_app
from newsweave.api.auth import is_loopback, token_matches
from newsweave.api.security import host_name
from newsweave.api.server import access_summary

TOKEN = "another-test-token"


def _public_client(path: Path) -> TestClient:
    return TestClient(create_app(path, bind_host="0.0.0.0"), base_url="http://news.example")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSWEAVE_TOKEN", raising=False)
    monkeypatch.delenv("NEWSWEAVE_PUBLIC_READS", raising=False)


def test_api_reads_on_a_public_address_refused_without_a_token(reader_db: ReaderDb) -> None:
    with _public_client(reader_db.path) as c:
        r = c.get("/api/stats")
    assert r.status_code == 403
    assert "NEWSWEAVE_TOKEN" in r.json()["detail"]
    assert "NEWSWEAVE_PUBLIC_READS" in r.json()["detail"]


def test_api_reads_on_a_public_address_open_when_asked(
    reader_db: ReaderDb, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSWEAVE_PUBLIC_READS", "1")
    with _public_client(reader_db.path) as c:
        assert c.get("/api/stats").status_code == 200
        assert c.get("/").status_code == 200


def test_api_reads_on_a_public_address_need_the_token(
    reader_db: ReaderDb, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSWEAVE_TOKEN", TOKEN)
    basic = base64.b64encode(f"reader:{TOKEN}".encode()).decode()
    with _public_client(reader_db.path) as c:
        api = c.get("/api/stats")
        assert api.status_code == 401 and api.headers["www-authenticate"].startswith("Bearer")
        page = c.get("/")
        assert page.status_code == 401 and page.headers["www-authenticate"].startswith("Basic")
        assert "text/html" in page.headers["content-type"]
        assert c.get("/api/stats", headers={"authorization": f"Bearer {TOKEN}"}).status_code == 200
        assert c.get("/", headers={"authorization": f"Basic {basic}"}).status_code == 200
        assert c.get("/", headers={"authorization": "Basic !!notbase64"}).status_code == 401


def test_api_loopback_server_refuses_other_host_names(reader_db: ReaderDb) -> None:
    app = create_app(reader_db.path, bind_host="127.0.0.1")
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/stats").status_code == 200
        assert c.get("/api/stats", headers={"host": "localhost:8000"}).status_code == 200
        assert c.get("/api/stats", headers={"host": "rebind.example:8000"}).status_code == 421


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", True),
        ("127.8.0.2", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.4", False),
        ("example.org", False),
    ],
)
def test_api_is_loopback(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("localhost:8000", "localhost"),
        ("[::1]:8000", "::1"),
        ("127.0.0.1", "127.0.0.1"),
        ("a.example", "a.example"),
    ],
)
def test_api_host_name_of_host_header(header: str, name: str) -> None:
    assert host_name(header) == name


def test_api_token_comparison() -> None:
    assert token_matches("abc", "abc")
    assert not token_matches("abd", "abc")
    assert not token_matches(None, "abc")
    assert not token_matches("", "abc")


def test_api_access_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "writes are off" in access_summary("127.0.0.1")
    assert "reads are refused" in access_summary("0.0.0.0")
    monkeypatch.setenv("NEWSWEAVE_TOKEN", TOKEN)
    assert "reads need the token" in access_summary("0.0.0.0")
