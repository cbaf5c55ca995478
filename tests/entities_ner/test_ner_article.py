"""recognize_article: paragraphs tagged in their own languages, offsets into clean text."""

from __future__ import annotations

from newsweave.article import Article, Paragraph
from newsweave.entities.ner import recognize_article


def _article() -> Article:
    en = "The envoy Marta Lindqvist flew to Washington on Monday."
    fr = "Le président Emmanuel Macron a visité Marseille mardi."
    text = f"{en}\n\n{fr}"
    paragraphs = [
        Paragraph(en, 0, len(en), "en"),
        Paragraph(fr, len(en) + 2, len(text), "fr"),
        Paragraph("", len(text), len(text), "zz"),  # a language no model serves
    ]
    return Article(text=text, source="t", clean_text=text, lang="en", paragraphs=paragraphs)


def test_ner_article_paragraph_languages_and_offsets() -> None:
    article = _article()
    spans = recognize_article(article)
    found = {(s.text, s.label) for s in spans}
    assert {("Washington", "LOC"), ("Emmanuel Macron", "PER")} <= found
    for s in spans:
        assert article.clean_text[s.start : s.end] == s.text
        assert s.score is None  # scores only when asked for
    assert [s.start for s in spans] == sorted(s.start for s in spans)


def test_ner_article_scores_when_asked_and_without_paragraphs() -> None:
    article = _article()
    scored = recognize_article(article, scores=True)
    assert [(s.text, s.label) for s in scored] == [
        (s.text, s.label) for s in recognize_article(article)
    ]
    assert all(s.score is not None and 0.0 < s.score <= 1.0 for s in scored)
    whole = Article(text="x", source="t", clean_text=article.clean_text, lang="en")
    assert ("Washington", "LOC") in {(s.text, s.label) for s in recognize_article(whole)}
    assert recognize_article(Article(text="x", source="t", clean_text="Paris.", lang=None)) == []
