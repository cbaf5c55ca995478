"""From a stored article to linked entity mentions: recognisers + gazetteer → registry.

:func:`save_article_entities` has the signature of the store's save hooks
(``newsweave.store.db.on_save_article``): it runs inside the article's write
transaction, so an article and its entities are stored together or not at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

import regex

from newsweave.article import Article
from newsweave.entities.mentions import EntityType, MentionIn, ResolvedMention
from newsweave.entities.registry import link_article_mentions
from newsweave.entities.spotting import NOUNS_CAPITALISED, find_gazetteer_mentions

_SENTENCE_END = regex.compile(r"[.!?؟。]\s|\n")
_LABELS: dict[str, EntityType] = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}


class SpanLike(Protocol):
    """What a recogniser returns per entity (e.g. ``ner.span.EntitySpan``)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def label(self) -> str: ...


Recognizer = Callable[[Article], Sequence[SpanLike]]


def sentence_index(text: str, offset: int) -> int:
    """0-based index of the sentence holding ``offset`` (ends: . ! ? ؟ 。 or a new line)."""
    return len(_SENTENCE_END.findall(text, 0, offset))


def _recognised(article: Article, recognizer: Recognizer | None) -> list[MentionIn]:
    if recognizer is None:
        from newsweave.entities.ner.recognize import recognize_article

        recognizer = recognize_article
    text = article.clean_text
    out: list[MentionIn] = []
    for span in recognizer(article):
        start, end = span.start, span.end
        kind = _LABELS.get(span.label)
        if kind is None or not 0 <= start < end <= len(text):
            continue
        lang = _lang_at(article, start)
        out.append(
            MentionIn(
                article.id,
                lang,
                text[start:end],
                kind,
                start,
                end,
                sentence_index(text, start),
                text,
            )
        )
    return out


def _name_word_test(lang: str) -> Callable[[str], bool] | None:
    """The shipped recogniser's "seen inside a name" test for ``lang``'s gazetteer spots
    (only languages that capitalise every noun use it; see :mod:`.spotting`)."""
    base = lang.split("-")[0]
    if base not in NOUNS_CAPITALISED:
        return None
    from newsweave.entities.ner.models import name_word_test

    return name_word_test(base)


def _lang_at(article: Article, offset: int) -> str:
    for p in article.paragraphs:
        if p.start <= offset < p.end and p.lang:
            return p.lang
    return article.lang or ""


def article_mentions(article: Article, recognizer: Recognizer | None = None) -> list[MentionIn]:
    """Mentions of an article's clean text: the recognisers' plus the gazetteer's.

    ``recognizer`` returns spans with ``start``, ``end`` and ``label`` (default: the
    shipped NER models, :func:`newsweave.entities.ner.recognize.recognize_article`).
    Overlaps between the two are settled by the linker.
    """
    text = article.clean_text
    mentions = _recognised(article, recognizer)
    paragraphs = [(p.start, p.end, p.lang or article.lang) for p in article.paragraphs] or [
        (0, len(text), article.lang)
    ]
    for start, end, lang in paragraphs:
        if not lang:
            continue
        name_word = _name_word_test(lang)
        for m in find_gazetteer_mentions(text[start:end], lang, article.id, name_word=name_word):
            s, e = m.start + start, m.end + start
            mentions.append(
                MentionIn(
                    article.id,
                    lang,
                    m.text,
                    m.label,
                    s,
                    e,
                    sentence_index(text, s),
                    text,
                    "gazetteer",
                    m.place_id,
                )
            )
    return mentions


def link_article(
    conn: sqlite3.Connection,
    article: Article,
    recognizer: Recognizer | None = None,
    story_of: Mapping[str, str] | None = None,
) -> list[ResolvedMention]:
    """Find, link and store one article's entity mentions (re-linking replaces them)."""
    return link_article_mentions(conn, article_mentions(article, recognizer), story_of)


def save_article_entities(conn: sqlite3.Connection, article: Article) -> None:
    """Save hook: link and store the entities of an article being saved."""
    link_article(conn, article)
