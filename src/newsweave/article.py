"""Typed records that flow through the pipeline.

One :class:`Article` enters the pipeline as read from its input and every stage
returns it extended. Later stages (entities, facts, stories) add their own records
here so that the store and the views read one shape.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from newsweave.entities.mentions import MentionIn
    from newsweave.facts.model import Fact
    from newsweave.facts.quotes import Quote

DateProvenance = Literal["metadata", "content", "unknown"]
InputKind = Literal["text", "jsonl", "html", "feed", "api"]

_WS = re.compile(r"\s+")


def content_id(title: str | None, text: str) -> str:
    """Stable, content-based id of an article.

    The same text (whatever its file, encoding or line endings) always gets the same id,
    so ingesting it twice stores it once. Title and body both count; whitespace runs and
    Unicode composition do not.
    """
    basis = unicodedata.normalize("NFC", f"{title or ''}\n{text}")
    basis = _WS.sub(" ", basis).strip()
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Removal:
    """A piece of scraping noise the cleaner dropped, kept so nothing is silently lost."""

    kind: str  # e.g. "header", "read_also", "related", "disclosure", "footer", "duplicate_title"
    text: str
    line: int  # 0-based line number in the original text
    rule: str  # name of the rule that matched


@dataclass(slots=True)
class Paragraph:
    """A paragraph of the cleaned text with its own language."""

    text: str
    start: int  # character offsets into Article.clean_text
    end: int
    lang: str | None = None
    lang_score: float = 0.0
    script: str | None = None


@dataclass(slots=True)
class Article:
    """One news article as it moves through newsweave.

    ``text`` is the original text exactly as read (decoded); it is never altered.
    ``clean_text`` is what remains after noise removal; ``removed`` says what went.
    """

    text: str
    source: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 date, possibly partial ("2022-01")
    published_from: DateProvenance = "unknown"
    lang: str | None = None  # ISO 639-1 where one exists, else 639-3
    lang_score: float = 0.0
    script: str | None = None  # ISO 15924 name, e.g. "Arab", "Latn", "Cyrl"
    input_kind: InputKind = "text"
    encoding: str | None = None
    declared_lang: str | None = None  # a language the input itself claimed
    clean_text: str = ""
    removed: list[Removal] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    mixed_language: bool = False
    meta: dict[str, Any] = field(default_factory=dict)
    stages: list[str] = field(default_factory=list)  # names of the stages that ran
    id: str = ""
    facts: list[Fact] = field(default_factory=list)  # figures found by facts.extract.v1
    # entity mentions found by entities.recognize.v1 (linked to the registry when saved)
    mentions: list[MentionIn] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)  # found by quotes.extract.v1

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.title, self.text)
        if not self.clean_text:
            self.clean_text = self.text

    @property
    def languages(self) -> list[str]:
        """Distinct paragraph languages, most frequent first."""
        counts: dict[str, int] = {}
        for p in self.paragraphs:
            if p.lang:
                counts[p.lang] = counts.get(p.lang, 0) + len(p.text)
        return sorted(counts, key=lambda k: -counts[k])
