"""Markup fragments (feed summaries and contents) to plain text with paragraphs."""

from __future__ import annotations

import re

_BLOCKS = (
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "table",
    "section",
    "article",
    "pre",
    "figure",
    "figcaption",
    "dd",
    "dt",
)
_SPACES = re.compile(r"[ \t\u00a0]+")


def html_to_text(markup: str) -> str:
    """The text of an HTML fragment: one paragraph per block element, blank lines between.

    Scripts and styles are dropped, ``<br>`` becomes a line break, entities are decoded.
    """
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except ParserError:
        return ""
    for unwanted in root.xpath(".//script | .//style | .//noscript"):
        unwanted.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter(*_BLOCKS):
        block.text = "\n\n" + (block.text or "")
        block.tail = "\n\n" + (block.tail or "")
    text = root.text_content()
    paragraphs = (
        "\n".join(_SPACES.sub(" ", line).strip() for line in chunk.split("\n") if line.strip())
        for chunk in re.split(r"\n\s*\n", text)
    )
    return "\n\n".join(p for p in paragraphs if p)
