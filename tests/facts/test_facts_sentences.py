"""The sentence splitter: abbreviations, numbers, quotes and Arabic punctuation."""

from __future__ import annotations

from newsweave.facts.sentences import split_sentences


def texts(text: str, lang: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, lang)]


def test_sentences_abbreviations_and_numbers() -> None:
    text = "Mr. Brown paid $3.5 million. Dr. Lee agreed! Was it 2.5 mln. euros? Yes."
    assert texts(text, "en") == [
        "Mr. Brown paid $3.5 million.",
        "Dr. Lee agreed!",
        "Was it 2.5 mln. euros?",
        "Yes.",
    ]


def test_sentences_french_abbreviation_with_space() -> None:
    text = "Des pays, p. ex. la France, ont voté. Le vote a suivi."
    assert texts(text, "fr") == ["Des pays, p. ex. la France, ont voté.", "Le vote a suivi."]


def test_sentences_quotes_stay_with_their_sentence() -> None:
    text = "« La situation est stable. » Le président a parlé."
    assert texts(text, "fr") == ["« La situation est stable. »", "Le président a parlé."]


def test_sentences_arabic_marks() -> None:
    text = "قال الوزير، إن الوضع مستقر. هل انتهت الأزمة؟ لا؛ ما زالت مستمرة"
    assert texts(text, "ar") == [
        "قال الوزير، إن الوضع مستقر.",
        "هل انتهت الأزمة؟",
        "لا؛",
        "ما زالت مستمرة",
    ]


def test_sentences_paragraphs_and_initials() -> None:
    text = "J. Smith left.\n\nNew paragraph here"
    assert texts(text, "en") == ["J. Smith left.", "New paragraph here"]
