"""HTML pages: the main text, title, canonical URL and date, through trafilatura.

trafilatura separates the article from navigation and boilerplate and reads the page's
metadata (title, ``og:url``/canonical link); its date comes from htmldate, asked here for
the original publication date found in the markup only (no guessing from the text, which
is the date stage's job).
"""

from __future__ import annotations

import re
from typing import Any

from newsweave.article import Article
from newsweave.errors import InputError
from newsweave.ingest.decoding import Decoded, decode_with_declared
from newsweave.ingest.records import language_tag

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


def decode_html(data: bytes) -> Decoded:
    """Decode an HTML file, trusting its declared charset when the bytes are not UTF-8."""
    head = data[:4096]
    declared = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    charset = declared.group(1).decode("ascii") if declared else None
    return decode_with_declared(data, charset)


def article_from_html(
    html: str, source: str, *, url: str | None = None, encoding: str | None = None
) -> Article:
    """An article from an HTML page, or :class:`InputError` when it holds no article text.

    html (str): the page.
    source (str): names the page (a path, or the URL it came from).
    url (str | None): where the page was fetched from, when known; the page's own
        canonical URL wins.
    encoding (str | None): the encoding the page was decoded from, to record.
    RETURNS (Article): ``text`` is the extracted main text, one paragraph per block,
        blank lines between; ``published_from="metadata"`` when the markup dates the page.
    """
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        raise InputError(source, "malformed HTML: no document could be parsed")
    declared = language_tag(tree.get("lang") or tree.get("xml:lang") or tree.get(_XML_LANG))
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=_DATE_PARAMS,
    )
    body = getattr(document, "text", None) if document is not None else None
    if not body or not body.strip():
        raise InputError(source, "no article text found in the HTML page")
    text = "\n\n".join(line.strip() for line in body.split("\n") if line.strip())
    published = getattr(document, "date", None) or None
    return Article(
        text=text,
        source=source,
        title=(getattr(document, "title", None) or None),
        url=(getattr(document, "url", None) or url),
        published=published,
        published_from="metadata" if published else "unknown",
        input_kind="html",
        encoding=encoding,
        declared_lang=declared,
    )


def read_html(source: str, data: bytes) -> Article:
    """An article from the bytes of an HTML file (decoded per its declared charset)."""
    decoded = decode_html(data)
    return article_from_html(decoded.text, source, encoding=decoded.encoding)
