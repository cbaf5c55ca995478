"""Plain-text articles, in whatever encoding they were saved."""

from __future__ import annotations

from newsweave.article import Article
from newsweave.ingest.clean import match_line
from newsweave.ingest.decoding import Decoded
from newsweave.ingest.headline import headline_shaped


def article_from_text(source: str, decoded: Decoded) -> Article:
    """An article from a text file's decoded content.

    source (str): the file as named by the user.
    decoded (Decoded): the file's text and encoding.
    RETURNS (Article): ``text`` exactly as decoded; ``title`` when the first line is a
        headline (see :func:`guess_title`).
    """
    return Article(
        text=decoded.text,
        source=source,
        title=guess_title(decoded.text),
        input_kind="text",
        encoding=decoded.encoding,
    )


def guess_title(text: str) -> str | None:
    """The first line, when it looks like a headline; else None.

    Conservative: the line must be short, must not end like a sentence, must be followed
    by more text, and must not be scraping noise (a header or a "read also" line).
    """
    lines = [line.strip() for line in text.split("\n")]
    filled = [line for line in lines if line]
    if len(filled) < 2:
        return None
    first = filled[0]
    if len(first.split()) < 2 or not headline_shaped(first):
        return None
    if match_line(first, in_head=True) is not None:
        return None
    rest = sum(len(line) for line in filled[1:])
    if rest < len(first):
        return None
    return first
