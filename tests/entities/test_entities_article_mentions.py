"""From an Article to stored entities, with a stand-in recogniser."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from newsweave.article import Article, Paragraph
from newsweave.entities.article_mentions import article_mentions, link_article, sentence_index
from newsweave.entities.registry import ENTITY_MIGRATIONS, list_entities


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str


TEXT = "Viktor Petrov a sosit la Tașkent.\nPetrov a vizitat apoi Kazahstanul."


def _article() -> Article:
    art = Article(text=TEXT, source="ro.example", lang="ro")
    art.paragraphs = [Paragraph(TEXT, 0, len(TEXT), "ro")]
    return art


def _recognizer(article: Article) -> list[Span]:
    text = article.clean_text
    first = text.index("Viktor Petrov")
    second = text.index("Petrov", first + len("Viktor Petrov"))
    return [
        Span(first, first + len("Viktor Petrov"), "PER"),
        Span(second, second + len("Petrov"), "PER"),
        Span(0, 3, "DATE"),  # labels the registry does not keep are ignored
    ]


def test_entities_article_mentions_join_recogniser_and_gazetteer() -> None:
    mentions = article_mentions(_article(), _recognizer)
    texts = {(m.text, m.found_by, m.sentence_index) for m in mentions}
    assert ("Viktor Petrov", "ner", 0) in texts
    assert ("Petrov", "ner", 1) in texts
    assert ("Tașkent", "gazetteer", 0) in texts
    assert ("Kazahstanul", "gazetteer", 1) in texts
    assert sentence_index(TEXT, len(TEXT) - 1) == 1


def test_entities_link_article_stores_entities() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE articles (id TEXT PRIMARY KEY, source TEXT, clean_text TEXT)")
    art = _article()
    conn.execute("INSERT INTO articles VALUES (?, ?, ?)", (art.id, art.source, art.clean_text))
    for _name, sql in ENTITY_MIGRATIONS:
        conn.executescript(sql)
    link_article(conn, art, _recognizer)
    names = {(e["name"], e["type"], len(e["mentions"])) for e in list_entities(conn)}
    assert names == {("Viktor Petrov", "PER", 2), ("Tashkent", "LOC", 1), ("Kazakhstan", "LOC", 1)}
    conn.close()


def test_entities_german_spots_only_words_the_german_model_saw_in_names() -> None:
    text = "Die Namen der Opfer aus Frankfurt sind bekannt. Ein Leck wurde gemeldet."
    art = Article(text=text, source="de.example", lang="de")
    art.paragraphs = [Paragraph(text, 0, len(text), "de")]
    spotted = {m.text for m in article_mentions(art, lambda a: []) if m.found_by == "gazetteer"}
    assert spotted == {"Frankfurt"}
