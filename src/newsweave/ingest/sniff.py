"""Tell what kind of input a file holds, from its name first and its first bytes second."""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path
from typing import Literal

FileKind = Literal["text", "jsonl", "json", "html", "feed"]

_BY_SUFFIX: dict[str, FileKind] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
_HEAD_BYTES = 4096
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(
    r"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]",
    re.IGNORECASE | re.DOTALL,
)


def sniff_kind(path: Path, data: bytes) -> FileKind:
    """The reader a file needs: by suffix when it is a known one, else by content.

    A ``.txt`` (or suffix-less) file that starts like an HTML page, a feed or a JSON-lines
    record is read as such; everything else is plain text.
    """
    by_suffix = _BY_SUFFIX.get(path.suffix.lower())
    if by_suffix is not None:
        return by_suffix
    head = _head_text(data)
    if head.startswith("<"):
        if _FEED_ROOT.search(head) and not _HTML_START.match(head):
            return "feed"
        if _HTML_START.match(head):
            return "html"
    if head.startswith("{") and _first_line_is_record(head):
        return "jsonl"
    return "text"


def _head_text(data: bytes) -> str:
    head = data[:_HEAD_BYTES]
    if head.startswith(codecs.BOM_UTF16_LE):
        text = head[2:].decode("utf-16-le", errors="ignore")
    elif head.startswith(codecs.BOM_UTF16_BE):
        text = head[2:].decode("utf-16-be", errors="ignore")
    else:
        text = head.removeprefix(codecs.BOM_UTF8).decode("utf-8", errors="ignore")
    return text.lstrip()


def _first_line_is_record(head: str) -> bool:
    first = head.split("\n", 1)[0].strip()
    try:
        value = json.loads(first)
    except json.JSONDecodeError:
        return False
    return isinstance(value, dict) and "text" in value
