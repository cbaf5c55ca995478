"""Highlighted snippets that are safe to show.

FTS5's ``snippet()`` marks matches with two private-use characters instead of HTML, so
article text (which is untrusted) never mixes with markup. :func:`split_marked` turns the
marked string into plain text plus match spans; :func:`marked_html` escapes every piece of
text and wraps only the spans in ``<mark>``.
"""

from __future__ import annotations

import html

MARK_START = "\ue000"
MARK_END = "\ue001"
ELLIPSIS = "…"

Span = tuple[int, int]


def split_marked(marked: str) -> tuple[str, list[Span]]:
    """Plain text and ``(start, end)`` spans of the matches in a sentinel-marked string.

    Unbalanced or nested sentinels (an article could contain these characters itself) are
    dropped rather than trusted.
    """
    out: list[str] = []
    spans: list[Span] = []
    length = 0
    start: int | None = None
    for ch in marked:
        if ch == MARK_START:
            if start is None:
                start = length
        elif ch == MARK_END:
            if start is not None and length > start:
                spans.append((start, length))
            start = None
        else:
            out.append(ch)
            length += 1
    return "".join(out), spans


def marked_html(text: str, spans: list[Span]) -> str:
    """HTML of ``text`` with ``spans`` in ``<mark>``; all text is escaped."""
    parts: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos or end > len(text) or start >= end:
            continue
        parts.append(html.escape(text[pos:start]))
        parts.append("<mark>" + html.escape(text[start:end]) + "</mark>")
        pos = end
    parts.append(html.escape(text[pos:]))
    return "".join(parts)


def lead(text: str, max_chars: int = 240) -> str:
    """The start of a text, cut at a word boundary, for results that have no snippet."""
    flat = " ".join(text.split())
    if len(flat) <= max_chars:
        return flat
    cut = flat.rfind(" ", 0, max_chars)
    return flat[: cut if cut > max_chars // 2 else max_chars].rstrip() + ELLIPSIS
