from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import feedparser
import pytest
from api_fixtures import XSS_SCRIPT, ReaderDb, build_reader_db

from newsweave.article import Article
from newsweave.export import FORMATS, csv_cell, export
from newsweave.export.atom import rfc3339, xml_text
from newsweave.search.filters import RELATION_FILTERS, FilterUnavailableError
from newsweave.store import Store
from newsweave.views import article_view


@pytest.fixture
def db(tmp_path: Path) -> ReaderDb:
    return build_reader_db(tmp_path / "export.db")


def _export(path: Path, fmt: str, **kw: object) -> tuple[int, str]:
    buf = io.StringIO()
    with Store(path) as store:
        n = export(store, fmt, out=buf, **kw)  # type: ignore[arg-type]
    return n, buf.getvalue()


def test_export_json_holds_full_article_views(db: ReaderDb) -> None:
    n, text = _export(db.path, "json")
    data = json.loads(text)
    assert n == len(data) == 6
    assert [a["id"] for a in data] == list(db.ids.values())  # ingest order
    with Store(db.path) as store:
        assert data[0] == article_view(store.get_article(db.ids["en"]), full=True)


def test_export_jsonl_one_article_a_line(db: ReaderDb) -> None:
    n, text = _export(db.path, "jsonl")
    lines = text.splitlines()
    assert n == len(lines) == 6
    assert json.loads(lines[2])["lang"] == "ar"


def test_export_empty_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    Store(path).close()
    assert _export(path, "json") == (0, "[]\n")
    n, text = _export(path, "csv")
    assert n == 0 and text.startswith("id,source,")
    assert feedparser.parse(_export(path, "rss")[1]).entries == []


def test_export_csv_rows_and_defused_formulas(db: ReaderDb) -> None:
    with Store(db.path) as store:
        store.save_article(
            Article(
                text="=1+2 is not a formula here",
                source="@handle",
                title="-5% on Monday",
                lang="en",
            )
        )
    n, text = _export(db.path, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert n == len(rows) == 7
    assert rows[2]["lang"] == "ar" and rows[2]["mixed_language"] == "false"
    assert rows[5]["title"] == f"Kaldera council {XSS_SCRIPT}"
    assert rows[6]["text"].startswith("'=") and rows[6]["source"] == "'@handle"
    assert rows[6]["title"] == "'-5% on Monday"


def test_export_csv_cell() -> None:
    assert csv_cell(None) == "" and csv_cell(True) == "true" and csv_cell(["ar", "fr"]) == "ar|fr"
    assert csv_cell("+33 1 23") == "'+33 1 23" and csv_cell(0.5) == "0.5"


def test_export_atom_parses_back(db: ReaderDb) -> None:
    n, text = _export(
        db.path, "rss", entry_url="http://host/articles/{id}", self_url="http://host/feed.atom"
    )
    feed = feedparser.parse(text)
    assert not feed.bozo, feed.get("bozo_exception")
    assert n == len(feed.entries) == 6
    newest = feed.entries[0]  # newest first
    assert newest.id == f"urn:newsweave:article:{db.ids['xss']}"
    assert newest.title == f"Kaldera council {XSS_SCRIPT}"
    assert newest.link == f"http://host/articles/{db.ids['xss']}"
    # a javascript: URL is never linked
    assert all("javascript" not in link.href for e in feed.entries for link in e.links)
    arabic = feed.entries[3]
    assert arabic.title == "إعادة فتح ميناء كالديرا"
    assert arabic.published.startswith("2023-03-01")  # a month-only date, made RFC 3339
    assert 'xml:lang="ar"' in text


def test_export_atom_survives_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "ctl.db"
    with Store(path) as store:
        store.save_article(
            Article(text="bell \x07 and null \x00 inside", source="s\x1bx", title="form\x0cfeed")
        )
    feed = feedparser.parse(_export(path, "rss")[1])
    assert not feed.bozo
    assert feed.entries[0].title == "formfeed"


def test_export_rss_limit_keeps_the_newest(db: ReaderDb) -> None:
    n, text = _export(db.path, "rss", limit=2)
    assert n == 2
    ids = [e.id for e in feedparser.parse(text).entries]
    assert ids == [f"urn:newsweave:article:{db.ids[k]}" for k in ("xss", "chess")]


def test_export_story_needs_stories(db: ReaderDb, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = dataclasses.replace(RELATION_FILTERS["story"], table="no_such_story_table")
    monkeypatch.setitem(RELATION_FILTERS, "story", missing)
    with pytest.raises(FilterUnavailableError):
        _export(db.path, "jsonl", story="s1")


def test_export_rejects_unknown_formats(db: ReaderDb) -> None:
    assert set(FORMATS) == {"json", "jsonl", "csv", "rss"}
    with pytest.raises(ValueError, match="unknown export format"):
        _export(db.path, "xml")


def test_export_atom_helpers() -> None:
    assert rfc3339("2022", "x") == "2022-01-01T00:00:00Z"
    assert rfc3339("2022-01-05T10:00:00", "x") == "2022-01-05T10:00:00+00:00"
    assert rfc3339("not a date", "fallback") == "fallback"
    assert rfc3339(None, "fallback") == "fallback"
    assert xml_text("a\x00b\ufffec\ud800") == "abc"
