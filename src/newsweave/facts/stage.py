"""The ``facts.extract.v1`` pipeline stage: an article's figures as :class:`Fact` records."""

from __future__ import annotations

from newsweave.article import Article
from newsweave.facts.extract import extract_facts
from newsweave.facts.model import Fact
from newsweave.facts.sentences import split_sentences


def _by_paragraph(text: str, article: Article) -> list[Fact]:
    """Facts of a mixed-language article, each paragraph read in its own language."""
    facts: list[Fact] = []
    for para in article.paragraphs:
        lang = para.lang or article.lang or "xx"
        for fact in extract_facts(text[para.start : para.end], lang):
            fact.start += para.start
            fact.end += para.start
            facts.append(fact)
    spans = split_sentences(text, article.lang) or [(0, len(text))]
    for fact in facts:
        idx = max((k for k, (s, _) in enumerate(spans) if s <= fact.start), default=0)
        fact.sentence_index = idx
        fact.sentence = text[spans[idx][0] : spans[idx][1]]
    return facts


def facts_article(article: Article) -> Article:
    """Extract the article's figures into ``article.facts`` (offsets into ``clean_text``)."""
    text = article.clean_text or article.text
    if article.mixed_language and any(p.lang for p in article.paragraphs):
        article.facts = _by_paragraph(text, article)
    else:
        article.facts = extract_facts(text, article.lang or "xx")
    return article
