"""The built-in stages, registered under their versioned names.

Each entry points at an importable function in the module that owns the capability;
this file only names them, so the list of what an ingest can run is in one place.
"""

from __future__ import annotations

from newsweave.article import Article
from newsweave.pipeline import Stage, register_stage


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
