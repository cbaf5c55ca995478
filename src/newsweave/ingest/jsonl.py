"""JSON-lines files (one record per line) and JSON files (an array of records).

A bad line or item yields an :class:`InputError` naming it (``line 7: malformed JSON: …``)
and reading goes on with the next one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from newsweave.article import Article
from newsweave.errors import InputError
from newsweave.ingest.decoding import Decoded
from newsweave.ingest.records import article_from_record


def iter_jsonl(source: str, decoded: Decoded) -> Iterator[Article | InputError]:
    """One article (or error) per non-blank line of a JSON-lines file.

    source (str): the file as named by the user; records without ``source``/``url`` are
        named ``f"{source}#L{lineno}"``.
    decoded (Decoded): the file's text and encoding.
    """
    for lineno, line in enumerate(decoded.text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(
                source, f"line {lineno}: malformed JSON: {err.msg} (column {err.colno})"
            )
            continue
        yield _article(record, source, f"line {lineno}", f"{source}#L{lineno}", decoded)


def iter_json_array(source: str, decoded: Decoded) -> Iterator[Article | InputError]:
    """Articles from a JSON file holding an array of records (or one record).

    Items without ``source``/``url`` are named ``f"{source}#{index}"`` (1-based).
    """
    try:
        value = json.loads(decoded.text)
    except json.JSONDecodeError as err:
        yield InputError(
            source, f"malformed JSON: {err.msg} (line {err.lineno}, column {err.colno})"
        )
        return
    if isinstance(value, dict):
        yield _article(value, source, "record", source, decoded)
        return
    if not isinstance(value, list):
        yield InputError(source, "expected a JSON array of objects or one object")
        return
    if not value:
        yield InputError(source, "empty JSON array")
        return
    for index, record in enumerate(value, start=1):
        yield _article(record, source, f"item {index}", f"{source}#{index}", decoded)


def _article(
    record: Any, source: str, where: str, fallback: str, decoded: Decoded
) -> Article | InputError:
    try:
        article = article_from_record(record, fallback)
    except InputError as err:
        return InputError(source, f"{where}: {err.reason}")
    article.encoding = decoded.encoding
    return article
