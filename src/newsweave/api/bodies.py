"""Request bodies to articles: JSON Lines (one record a line), JSON, or an HTML page.

Each line or item that cannot become an article becomes an :class:`InputError` naming
it (``api#L3``), so one bad line is reported and the rest are still ingested.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from newsweave.article import Article
from newsweave.errors import InputError

JSONL_TYPES = frozenset({"application/x-ndjson", "application/jsonl", "text/plain"})
JSON_TYPES = frozenset({"application/json"})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
ACCEPTED_TYPES = sorted(JSONL_TYPES | JSON_TYPES | HTML_TYPES)


class BodyError(ValueError):
    """A body that cannot be read at all (wrong type, not text, missing parameter)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def media_type(content_type: str | None) -> tuple[str, str | None]:
    """The media type (lower case) and charset parameter of a Content-Type header."""
    if not content_type:
        return "", None
    kind, *params = (p.strip() for p in content_type.split(";"))
    charset = None
    for p in params:
        key, _, value = p.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"')
    return kind.lower(), charset


def _text(data: bytes, charset: str | None) -> str:
    try:
        return data.decode(charset or "utf-8")
    except LookupError as exc:
        raise BodyError(f"unknown charset {charset!r}") from exc
    except UnicodeDecodeError as exc:
        raise BodyError(
            f"the body is not valid {charset or 'UTF-8'} (byte {exc.start}); send UTF-8"
        ) from exc


def _record_article(record: Any, name: str, default_source: str | None) -> Article | InputError:
    """The article of one record; ``default_source`` is its source when it names none."""
    from newsweave.ingest.records import article_from_record

    try:
        article = article_from_record(record, name, input_kind="api")
    except InputError as err:
        return err
    if default_source and not (record.get("source") or record.get("url")):
        article.source = default_source
    return article


def jsonl_items(
    text: str, base: str, default_source: str | None = None
) -> Iterator[Article | InputError]:
    """One article (or error) per non-blank line, each named ``{base}#L{n}``."""
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{base}#L{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(source, f"not valid JSON: {exc.msg} (column {exc.colno})")
            continue
        yield _record_article(record, source, default_source)


def json_items(
    text: str, base: str, default_source: str | None = None
) -> list[Article | InputError]:
    """One article from a JSON object, or one per item of a JSON array (``{base}#3``)."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BodyError(f"the body is not valid JSON: {exc.msg} (line {exc.lineno})") from exc
    if isinstance(value, list):
        return [
            _record_article(record, f"{base}#{n}", default_source)
            for n, record in enumerate(value, start=1)
        ]
    return [_record_article(value, base, default_source)]


def html_items(
    data: bytes, charset: str | None, source: str, url: str | None
) -> list[Article | InputError]:
    """The article of an HTML page (its declared charset is honoured when not UTF-8)."""
    from newsweave.ingest.decoding import DecodeError, decode_with_declared
    from newsweave.ingest.html import article_from_html, decode_html

    try:
        decoded = decode_with_declared(data, charset) if charset else decode_html(data)
    except DecodeError as exc:
        raise BodyError(f"the HTML page cannot be decoded: {exc}") from exc
    try:
        return [article_from_html(decoded.text, source, url=url, encoding=decoded.encoding)]
    except InputError as err:
        return [err]


def body_items(
    data: bytes, content_type: str | None, *, source: str | None, url: str | None
) -> Iterable[Article | InputError]:
    """Articles (or per-item errors) from a request body, by its Content-Type.

    Raises :class:`BodyError` for an empty body, an unsupported type (415), or an HTML
    page that names neither ``source`` nor ``url``.
    """
    kind, charset = media_type(content_type)
    if not data.strip():
        raise BodyError("the body is empty: send one JSON article per line, or an HTML page")
    if kind in JSONL_TYPES:
        return jsonl_items(_text(data, charset).lstrip("\ufeff"), source or "api", source)
    if kind in JSON_TYPES:
        return json_items(_text(data, charset).lstrip("\ufeff"), source or "api", source)
    if kind in HTML_TYPES:
        name = source or url
        if not name:
            raise BodyError("an HTML page needs ?source=NAME or ?url=URL saying where it is from")
        return html_items(data, charset, name, url)
    raise BodyError(
        f"unsupported Content-Type {kind or '(none)'!r}; use one of {', '.join(ACCEPTED_TYPES)}",
        status=415,
    )
