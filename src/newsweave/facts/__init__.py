"""Facts: the figures of an article (counts, money, percentages, quantities, years, dates).

``extract_facts(text, lang)`` reads one text; ``facts_article(article)`` is the
``facts.extract.v1`` pipeline stage. Number words, scales, hedges, currencies, units and
counted nouns of each language are tables in :mod:`newsweave.facts.lang`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsweave.facts.extract import extract_facts
from newsweave.facts.model import Fact

if TYPE_CHECKING:
    from newsweave.article import Article

__all__ = ["Fact", "extract_facts", "facts_article"]


def facts_article(article: Article) -> Article:
    """Extract the article's figures into ``article.facts`` (the ``facts.extract.v1`` stage)."""
    # imported here: the stage needs Article, whose module imports newsweave.facts.model
    from newsweave.facts.stage import facts_article as run

    return run(article)
