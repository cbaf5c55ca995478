"""An Atom 1.0 feed (RFC 4287) of articles, so feed readers can subscribe to newsweave.

The XML is built with ElementTree, so every text is escaped; characters XML 1.0 cannot
carry (most C0 controls, lone surrogates, U+FFFE/U+FFFF) are dropped first so the feed
always parses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TextIO

from newsweave.article import Article

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SUMMARY_CHARS = 400

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_LANG = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry: an article and when it entered the store (its ``updated`` time)."""

    article: Article
    ingested_at: str


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids."""
    return _NOT_XML.sub("", text)


def rfc3339(value: str | None, fallback: str) -> str:
    """An RFC 3339 timestamp from an ISO date that may be partial ("2022-01")."""
    if value:
        m = _PARTIAL_DATE.match(value)
        if m:
            year, month, day = m.group(1), m.group(2) or "01", m.group(3) or "01"
            return f"{year}-{month}-{day}T00:00:00Z"
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=UTC)
            return parsed.isoformat(timespec="seconds")
    return fallback


def _summary(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SUMMARY_CHARS else flat[:SUMMARY_CHARS].rstrip() + "…"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", {k: xml_text(v) for k, v in attrib.items()})
    if text is not None:
        el.text = xml_text(text)
    return el


def write_atom(
    entries: Iterable[FeedEntry],
    out: TextIO,
    *,
    title: str = "newsweave",
    feed_id: str = "urn:newsweave:articles",
    self_url: str | None = None,
    alternate_url: str | None = None,
    entry_url: str | None = None,
) -> int:
    """Write an Atom feed of ``entries`` to ``out``; return the number of entries.

    ``entry_url`` is a pattern such as ``"http://host/articles/{id}"`` for each entry's link
    to its newsweave page; the article's own URL is linked too when it is http(s).
    """
    now = datetime.now(UTC).isoformat(timespec="seconds")
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _sub(feed, "title", title)
    _sub(feed, "id", feed_id)
    updated = _sub(feed, "updated", now)
    author = _sub(feed, "author")
    _sub(author, "name", "newsweave")
    _sub(feed, "generator", "newsweave")
    if self_url:
        _sub(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    if alternate_url:
        _sub(feed, "link", rel="alternate", href=alternate_url, type="text/html")
    latest = ""
    count = 0
    for item in entries:
        a = item.article
        stamp = rfc3339(item.ingested_at, now)
        latest = max(latest, stamp)
        entry = _sub(feed, "entry")
        if a.lang and _LANG.match(a.lang):
            entry.set(XML_LANG, a.lang)
        _sub(entry, "id", f"urn:newsweave:article:{a.id}")
        _sub(entry, "title", a.title or _summary(a.clean_text)[:80] or a.id)
        _sub(entry, "updated", stamp)
        if a.published:
            _sub(entry, "published", rfc3339(a.published, stamp))
        entry_author = _sub(entry, "author")
        _sub(entry_author, "name", a.source)
        if entry_url:
            href = entry_url.replace("{id}", a.id)
            _sub(entry, "link", rel="alternate", href=href, type="text/html")
        if a.url and a.url.lower().startswith(("http://", "https://")):
            _sub(entry, "link", rel="related", href=a.url)
        if a.lang:
            _sub(entry, "category", term=a.lang, label=f"language: {a.lang}")
        _sub(entry, "summary", _summary(a.clean_text), type="text")
        _sub(entry, "content", a.clean_text, type="text")
        count += 1
    if latest:
        updated.text = latest
    ET.indent(feed)
    out.write('<?xml version="1.0" encoding="utf-8"?>\n')
    out.write(ET.tostring(feed, encoding="unicode"))
    out.write("\n")
    return count
