"""Articles from JSON records: one line of a JSONL file, one item of a JSON array, one
body posted to the REST API.

A record is an object with a required ``text`` and optional ``title``, ``url``,
``published``, ``source`` and ``lang``. Other fields are kept in ``article.meta["extra"]``.
"""

from __future__ import annotations

import re
from typing import Any

from newsweave.article import Article, InputKind
from newsweave.errors import InputError
from newsweave.ingest.dates import date_languages, normalise_date

OPTIONAL_FIELDS = ("title", "url", "published", "source", "lang")
_LANG_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")


def article_from_record(
    record: dict[str, Any], source: str, *, input_kind: InputKind = "jsonl"
) -> Article:
    """Build an article from a JSON record, or raise :class:`InputError` saying why not.

    record (dict): the decoded JSON object.
    source (str): the source name used when the record has neither ``source`` nor ``url``
        (a reader passes ``"path#L7"``); it also names the input in errors.
    input_kind (InputKind): ``"jsonl"`` for files, ``"api"`` for request bodies.
    RETURNS (Article): the article; ``published`` is ISO with ``published_from="metadata"``
        when the record's date is readable (the raw value is kept in ``meta`` otherwise).
    """
    if not isinstance(record, dict):
        raise InputError(source, f"expected a JSON object, got {_json_type(record)}")
    if "text" not in record:
        raise InputError(source, "missing required field 'text'")
    text = record["text"]
    if not isinstance(text, str):
        raise InputError(source, f"field 'text' must be a string, got {_json_type(text)}")
    if not text.strip():
        raise InputError(source, "field 'text' is empty")
    fields: dict[str, str | None] = {}
    for name in OPTIONAL_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(source, f"field {name!r} must be a string, got {_json_type(value)}")
        fields[name] = value.strip() if isinstance(value, str) and value.strip() else None
    meta: dict[str, Any] = {}
    extra = {k: v for k, v in record.items() if k != "text" and k not in OPTIONAL_FIELDS}
    if extra:
        meta["extra"] = extra
    declared = language_tag(fields["lang"])
    if fields["lang"] is not None and declared is None:
        meta["declared_lang_unparsed"] = fields["lang"]
    published = None
    if fields["published"] is not None:
        published = normalise_date(fields["published"], languages=date_languages(declared))
        if published is None:
            meta["published_unparsed"] = fields["published"]
    return Article(
        text=text,
        source=fields["source"] or fields["url"] or source,
        title=fields["title"],
        url=fields["url"],
        published=published,
        published_from="metadata" if published else "unknown",
        input_kind=input_kind,
        declared_lang=declared,
        meta=meta,
    )


def language_tag(value: str | None) -> str | None:
    """The primary language subtag of a BCP 47 tag, lower-cased ("pt-BR" -> "pt")."""
    if value is None:
        return None
    m = _LANG_TAG.match(value)
    return m.group(1).lower() if m else None


def _json_type(value: object) -> str:
    names = {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)
