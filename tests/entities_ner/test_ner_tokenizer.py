"""Tokenizer and sentence splitter: conventions per language and exact offsets."""

from __future__ import annotations

import pytest

from newsweave.entities.ner.tokenizer import split_sentences, tokenize


def _texts(text: str, lang: str) -> list[str]:
    return [t.text for t in tokenize(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Le ministre l’a dit à l'Agence, hier.", "fr"),
        ("Ана приехала в Москву (вчера).", "ru"),
        ("وقال الوزيرُ إنّ الوفدَ وصل إلى بيروت.", "ar"),
    ],
)
def test_ner_tokenizer_offsets_point_into_text(text: str, lang: str) -> None:
    for tok in tokenize(text, lang):
        assert text[tok.start : tok.end] == tok.text


def test_ner_tokenizer_splits_punctuation_keeps_hyphenated_names() -> None:
    assert _texts("Kassym-Jomart Tokayev, (the U.S. envoy) paid $1,500.25!", "en") == [
        "Kassym-Jomart",
        "Tokayev",
        ",",
        "(",
        "the",
        "U.S.",
        "envoy",
        ")",
        "paid",
        "$",
        "1,500.25",
        "!",
    ]


def test_ner_tokenizer_french_and_italian_elision() -> None:
    assert _texts("l’Agence d'Astana", "fr") == ["l’", "Agence", "d'", "Astana"]
    assert _texts("dell'Unione", "it") == ["dell'", "Unione"]
    assert _texts("aujourd'hui", "fr") == ["aujourd'hui"]
    assert _texts("O'Neill", "fr") == ["O'Neill"]


def test_ner_tokenizer_english_clitics() -> None:
    assert _texts("Blinken's visit didn't end", "en") == [
        "Blinken",
        "'s",
        "visit",
        "did",
        "n't",
        "end",
    ]


def test_ner_tokenizer_romanian_clitic_hyphens() -> None:
    assert _texts("s-a întâlnit într-un oraș", "ro") == [
        "s-",
        "a",
        "întâlnit",
        "într-",
        "un",
        "oraș",
    ]
    assert _texts("Kassym-Jomart", "ro") == ["Kassym-Jomart"]


def test_ner_tokenizer_arabic_keeps_proclitics_and_diacritics_inside_words() -> None:
    assert _texts("وإسرائيل، «بتكوين» اعتُقل", "ar") == [
        "وإسرائيل",
        "،",
        "«",
        "بتكوين",
        "»",
        "اعتُقل",
    ]


def test_ner_sentences_split_at_stops_and_line_breaks_not_initials() -> None:
    text = "J. Smith came. He left!\nNew line «quoted.» Last"
    sentences = split_sentences(text, tokenize(text, "en"))
    assert [[t.text for t in s] for s in sentences] == [
        ["J", ".", "Smith", "came", "."],
        ["He", "left", "!"],
        ["New", "line", "«", "quoted", ".", "»"],
        ["Last"],
    ]


def test_ner_sentences_cut_long_runs() -> None:
    text = " ".join(["word"] * 25)
    sentences = split_sentences(text, tokenize(text, "en"), max_len=10)
    assert [len(s) for s in sentences] == [10, 10, 5]


@pytest.mark.parametrize("lang", ["fr", "de", "ro"])
def test_ner_tokenizer_range_keeps_offsets_into_whole_text(lang: str) -> None:
    text = "Premier paragraphe.\n\nL'équipe de Ion Popescu s-a dus la Cluj-Napoca.\n"
    begin = text.index("L'")
    end = text.index("\n", begin)
    part = tokenize(text, lang, begin, end)
    alone = tokenize(text[begin:end], lang)
    assert [t.text for t in part] == [t.text for t in alone]
    assert [(t.start - begin, t.end - begin) for t in part] == [(t.start, t.end) for t in alone]
    for tok in part:
        assert text[tok.start : tok.end] == tok.text
    assert len(split_sentences(text, part)) == 1
