"""RSS and Atom feeds through feedparser: one article per entry.

The entry's link is its URL and its source; its ``published`` (else ``updated``) date is
metadata; its text is the full content when the feed carries it, else the summary, with
markup turned into paragraphs by lxml.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from newsweave.article import Article
from newsweave.errors import InputError
from newsweave.ingest.dates import date_languages, normalise_date
from newsweave.ingest.markup import html_to_text
from newsweave.ingest.records import language_tag

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def iter_feed(source: str, data: bytes) -> Iterator[Article | InputError]:
    """Articles (or errors, one per unusable entry) from the bytes of a feed file.

    source (str): the file as named by the user; entries without a link are named
        ``f"{source}#entry-{n}"``.
    data (bytes): the feed; its XML declaration says the encoding.
    """
    import feedparser

    # A file object, never a string: feedparser fetches strings that look like URLs.
    parsed = feedparser.parse(io.BytesIO(data))
    entries = list(parsed.entries)
    if not entries:
        if parsed.get("bozo"):
            problem = str(parsed.get("bozo_exception") or "not RSS or Atom").splitlines()[0]
            yield InputError(source, f"malformed feed: {problem}")
        else:
            yield InputError(source, "feed has no entries")
        return
    channel = parsed.feed
    feed_lang = language_tag(channel.get("language"))
    encoding = parsed.get("encoding") or None
    for n, entry in enumerate(entries, start=1):
        try:
            article = _article_from_entry(entry, f"{source}#entry-{n}", feed_lang)
        except InputError as err:
            yield InputError(source, f"entry {n}: {err.reason}")
            continue
        article.encoding = encoding
        if channel.get("title"):
            article.meta["feed_title"] = channel.get("title")
        yield article


def _article_from_entry(entry: Any, fallback: str, feed_lang: str | None) -> Article:
    text, text_lang = _entry_text(entry)
    if not text:
        raise InputError(fallback, "no text (neither content nor summary)")
    link = entry.get("link") or None
    declared = language_tag(text_lang) or feed_lang
    raw_date = entry.get("published") or entry.get("updated")
    published = _entry_date(entry, raw_date, declared)
    title = _detail_text(entry.get("title"), entry.get("title_detail"))
    meta: dict[str, Any] = {}
    if raw_date and published is None:
        meta["published_unparsed"] = raw_date
    return Article(
        text=text,
        source=link or fallback,
        title=title or None,
        url=link,
        published=published,
        published_from="metadata" if published else "unknown",
        input_kind="feed",
        declared_lang=declared,
        meta=meta,
    )


def _entry_text(entry: Any) -> tuple[str, str | None]:
    """The entry's longest content block, else its summary, as plain text."""
    contents = sorted(entry.get("content", []), key=lambda c: -len(c.get("value", "")))
    blocks = [(c.get("value", ""), c) for c in contents]
    if entry.get("summary"):
        blocks.append((entry.get("summary"), entry.get("summary_detail") or {}))
    for value, detail in blocks:
        text = _detail_text(value, detail)
        if text:
            return text, detail.get("language")
    return "", None


def _detail_text(value: str | None, detail: Any) -> str:
    if not value:
        return ""
    kind = (detail or {}).get("type", "text/html")
    if kind in _HTML_TYPES:
        return html_to_text(value)
    return "\n\n".join(line.strip() for line in value.split("\n") if line.strip())


def _entry_date(entry: Any, raw: str | None, lang: str | None) -> str | None:
    if raw:
        normalised = normalise_date(raw, languages=date_languages(lang))
        if normalised is not None:
            return normalised
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return None
