"""Search results for a terminal: rich Text with the matches highlighted.

The CLI's ``newsweave search`` prints these; ``--json`` prints the result objects as they are.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

MATCH_STYLE = "bold black on yellow"


def snippet_text(result: dict[str, Any], style: str = MATCH_STYLE) -> Text:
    """The result's snippet with its highlight spans styled (no markup is interpreted)."""
    text = Text(result.get("snippet") or "")
    for start, end in result.get("highlights") or []:
        text.stylize(style, int(start), int(end))
    return text


def result_text(rank: int, result: dict[str, Any]) -> Text:
    """A few lines for one result: rank, title, language, date, source, id, snippet."""
    out = Text()
    out.append(f"{rank:>3}. ", style="dim")
    out.append(result.get("title") or "(untitled)", style="bold")
    out.append("\n     ")
    meta = [
        result.get("lang") or "?",
        result.get("published") or "undated",
        result["source"],
        result["id"],
    ]
    if result.get("match") and result["match"] != "keyword":
        meta.append(result["match"])
    out.append(" · ".join(str(m) for m in meta), style="dim")
    out.append("\n     ")
    out.append_text(snippet_text(result))
    return out
