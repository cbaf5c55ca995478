"""What text of an article goes into an embedding.

Two views of an article are embedded: its *head* (title plus the opening of the body, the
part that names the event) and its *document* (title plus body, cut by the embedder's own
token budget). Whitespace is collapsed so that the same article read from different
files gives the same text, and so the same cache key.
"""

from __future__ import annotations

import re

HEAD_CHARS = 300

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
_LATIN_TO_CYRILLIC = str.maketrans("aceiopxyABCEHIKMOPTXY", "асеіорхуАВСЕНІКМОРТХУ")
_CYRILLIC_TO_LATIN = str.maketrans("асеіорхуАВСЕНІКМОРТХУ", "aceiopxyABCEHIKMOPTXY")
_SENTENCE_END = re.compile(r"[.!?。！？؟](?=\s|$)")


def _repair_word(match: re.Match[str]) -> str:
    word = match.group(0)
    n_cyr = len(_CYRILLIC.findall(word))
    n_lat = len(_LATIN.findall(word))
    if not n_cyr or not n_lat:
        return word
    table = _LATIN_TO_CYRILLIC if n_cyr >= n_lat else _CYRILLIC_TO_LATIN
    return word.translate(table)


def repair_mixed_script(text: str) -> str:
    """Words that mix Latin and Cyrillic look-alike letters written in one script.

    Scraped and user-typed text often has a Latin "i" in a Kazakh or Ukrainian word
    ("Бiлгiм") or a Cyrillic "о" in a Latin one; a tokenizer then splits the word into
    rare pieces. Each mixed word takes the script of most of its letters.
    """
    return _WORD.sub(_repair_word, text)


def normalise_space(text: str) -> str:
    """``text`` with every whitespace run turned into one space, stripped."""
    return _WS.sub(" ", text).strip()


def document_text(title: str | None, body: str) -> str:
    """Title and body as one text (title first, when there is one)."""
    body = repair_mixed_script(normalise_space(body))
    title = repair_mixed_script(normalise_space(title or ""))
    if title and not body.startswith(title):
        return f"{title}. {body}" if body else title
    return body or title


def head_text(title: str | None, body: str, max_chars: int = HEAD_CHARS) -> str:
    """Title and the opening of the body, at most about ``max_chars`` characters.

    The cut falls after the last sentence end inside the budget when there is one past
    a third of it, else at the last space, so no word is cut in half.
    """
    full = document_text(title, body)
    if len(full) <= max_chars:
        return full
    window = full[:max_chars]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    if ends and ends[-1] >= max_chars // 3:
        return window[: ends[-1]].strip()
    space = window.rfind(" ")
    return (window[:space] if space > max_chars // 3 else window).strip()
