"""The built-in stages, registered under their versioned names.

Each entry points at an importable function in the module that owns the capability;
this file only names them, so the list of what an ingest can run is in one place.
"""

from __future__ import annotations

import sqlite3

from newsweave.article import Article
from newsweave.pipeline import Stage, register_stage
from newsweave.store.db import on_save_article


@register_stage("clean.noise.v1", assigns=("clean_text", "removed"))
def clean_noise() -> Stage:
    """Drop scraped headers/footers, "read also" lines and disclosures; record what went."""
    from newsweave.ingest.clean import clean_article

    return clean_article


@register_stage(
    "language.detect.v1",
    assigns=("lang", "lang_score", "script", "paragraphs", "mixed_language"),
    requires=("clean_text",),
)
def language_detect() -> Stage:
    """Identify the language and script of the article and of each paragraph."""
    from newsweave.language.detect import detect_article

    return detect_article


@register_stage(
    "dates.published.v1",
    assigns=("published", "published_from"),
    requires=("clean_text", "lang"),
)
def dates_published() -> Stage:
    """Publication date from metadata, else from the content, with its provenance."""
    from newsweave.ingest.dates import date_article

    def stage(article: Article) -> Article:
        return date_article(article)

    return stage


@register_stage(
    "entities.recognize.v1", assigns=("mentions",), requires=("clean_text", "lang", "paragraphs")
)
def entities_recognize() -> Stage:
    """Find people, places and organisations (NER models + gazetteers); linked when saved."""
    from newsweave.entities.article_mentions import article_mentions

    def stage(article: Article) -> Article:
        article.mentions = article_mentions(article)
        return article

    return stage


@register_stage("facts.extract.v1", assigns=("facts",), requires=("clean_text", "lang"))
def facts_extract() -> Stage:
    """Counts, money, percentages, quantities, years and dates, normalised, with sentences."""
    from newsweave.facts.stage import facts_article

    return facts_article


@register_stage("quotes.extract.v1", assigns=("quotes",), requires=("clean_text", "lang"))
def quotes_extract() -> Stage:
    """Direct and reported speech with its speaker (a recognised person when one is named)."""
    from newsweave.facts.quotes import quotes_article

    return quotes_article


# -- what is written with an article --------------------------------------------------------
# Save hooks run inside the article's write transaction, in this order: entities are linked
# first so that quotes can name the registry's person as speaker.


def _save_entities(conn: sqlite3.Connection, article: Article) -> None:
    if "entities.recognize.v1" in article.stages:
        from newsweave.entities.registry import link_article_mentions

        link_article_mentions(conn, article.mentions)


def _save_facts(conn: sqlite3.Connection, article: Article) -> None:
    if "facts.extract.v1" in article.stages:
        from newsweave.facts.storage import save_article_facts

        save_article_facts(conn, article)


def _save_quotes(conn: sqlite3.Connection, article: Article) -> None:
    if "quotes.extract.v1" in article.stages:
        from newsweave.facts.storage import save_article_quotes

        save_article_quotes(conn, article)


for _hook in (_save_entities, _save_facts, _save_quotes):
    on_save_article(_hook)
