"""JSON records to articles (shared by JSONL files and the REST API)."""

from __future__ import annotations

from typing import Any

import pytest

from newsweave.errors import InputError
from newsweave.ingest.records import article_from_record


def test_records_full_record() -> None:
    record = {
        "text": "La mairie a ouvert une piscine municipale rénovée.",
        "title": "Piscine rénovée",
        "url": "https://gazette-locale.example/piscine",
        "published": "12 juin 2022",
        "lang": "FR-be",
        "section": "ville",
    }
    article = article_from_record(record, "batch.jsonl#L4")
    assert article.source == "https://gazette-locale.example/piscine"
    assert article.title == "Piscine rénovée"
    assert article.published == "2022-06-12"
    assert article.published_from == "metadata"
    assert article.declared_lang == "fr"
    assert article.input_kind == "jsonl"
    assert article.meta["extra"] == {"section": "ville"}


def test_records_source_precedence_and_api_kind() -> None:
    base = {"text": "Some text."}
    assert article_from_record(base, "fallback").source == "fallback"
    assert article_from_record({**base, "url": "https://u.example/a"}, "f").source == (
        "https://u.example/a"
    )
    named = article_from_record({**base, "url": "https://u.example/a", "source": "wire"}, "f")
    assert named.source == "wire"
    assert article_from_record(base, "api", input_kind="api").input_kind == "api"


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"title": "x"}, "missing required field 'text'"),
        ({"text": None}, "field 'text' must be a string, got null"),
        ({"text": "   "}, "field 'text' is empty"),
        ({"text": "ok", "title": ["a"]}, "field 'title' must be a string, got an array"),
        ({"text": "ok", "published": 20220101}, "field 'published' must be a string, got a number"),
        ("just a string", "expected a JSON object, got a string"),
    ],
)
def test_records_errors_name_the_problem(record: Any, reason: str) -> None:
    with pytest.raises(InputError) as err:
        article_from_record(record, "request")
    assert err.value.source == "request"
    assert err.value.reason == reason


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2021-11-30T22:10:00-05:00", "2021-11-30"),
        ("Mon, 06 Sep 2021 14:00:00 GMT", "2021-09-06"),
        ("2021-09", "2021-09"),
        ("2021", None),
        ("yesterday", None),
    ],
)
def test_records_published_is_iso_or_nothing(published: str, expected: str | None) -> None:
    article = article_from_record({"text": "t", "published": published}, "s")
    assert article.published == expected
    assert article.published_from == ("metadata" if expected else "unknown")
