"""Checks on names found by a model borrowed from another language (Turkish: English)."""

from __future__ import annotations

from newsweave.entities.ner.borrowed import confirm_borrowed, is_suffix
from newsweave.entities.ner.recognize import recognize


def _nobody(word: str) -> bool:
    return False


def test_a_sentence_opener_nothing_confirms_is_no_name() -> None:
    words = [["Uzmanlar", ",", "denetim", "istedi", "."], ["Operasyonda", "sunucular", "."]]
    tags = [["B-LOC", "O", "O", "O", "O"], ["B-ORG", "O", "O"]]
    out = confirm_borrowed(words, tags, "tr", _nobody)
    assert out == [["O"] * 5, ["O"] * 3]
    assert tags[0][0] == "B-LOC"  # the input is left as it was


def test_an_opener_the_document_capitalises_elsewhere_stays_a_name() -> None:
    words = [["Kessel", "ayrıldı", "."], ["Kurucu", "Adrian", "Kessel", "konuştu"]]
    tags = [["B-PER", "O", "O"], ["O", "B-PER", "I-PER", "O"]]
    assert confirm_borrowed(words, tags, "tr", _nobody)[0] == ["B-PER", "O", "O"]


def test_the_lists_confirm_an_opener_unless_the_document_writes_it_in_lowercase() -> None:
    words = [["Bu", "haberi", "paylaşın"], ["Ahmet", "geldi"], ["2022", "'den", "bu", "yana"]]
    tags = [["B-PER", "O", "O"], ["B-PER", "O"], ["O", "O", "O", "O"]]
    known = {"Bu", "Ahmet"}.__contains__
    out = confirm_borrowed(words, tags, "tr", known)
    assert out[0] == ["O", "O", "O"]  # "bu yana": a common word
    assert out[1] == ["B-PER", "O"]


def test_an_acronym_opening_a_sentence_stays_a_name() -> None:
    words = [["DHA", "muhabiri", "bildirdi"], ["Kaynak", ":", "DHA"]]
    tags = [["B-ORG", "O", "O"], ["B-ORG", "O", "B-ORG"]]
    out = confirm_borrowed(words, tags, "tr", _nobody)
    assert out == [["B-ORG", "O", "O"], ["O", "O", "B-ORG"]]


def test_an_apostrophe_suffix_confirms_a_name_and_ends_it() -> None:
    words = [["Lumera", "'da", "Nexora", "soruşturması", ":", "Gözaltı", "sayısı"]]
    tags = [["B-ORG", "I-ORG", "I-ORG", "O", "O", "B-PER", "O"]]
    out = confirm_borrowed(words, tags, "tr", _nobody)
    assert out[0] == ["B-ORG", "O", "B-ORG", "O", "O", "O", "O"]  # after a colon: an opener


def test_suffixes_only_count_in_languages_that_write_them() -> None:
    words = [["Lumera", "'s", "port"]]
    assert confirm_borrowed(words, [["B-LOC", "O", "O"]], "ca", _nobody)[0] == ["O", "O", "O"]
    assert is_suffix("'nın") and is_suffix("’da") and not is_suffix("'") and not is_suffix("'11")


def test_turkish_text_through_the_borrowed_english_model() -> None:
    text = (
        "Nexora'nın kurucusu Adrian Kessel ülkeden ayrıldı. Kessel hakkında karar çıkarıldı.\n\n"
        "Uzmanlar, kripto platformlarına karşı daha sıkı denetim istiyor.\n\n"
        "Bu haberi paylaşın. Platform 2022'den bu yana çalışıyor."
    )
    found = {(s.text, s.label) for s in recognize(text, "tr")}
    names = {t for t, _ in found}
    assert ("Adrian Kessel", "PER") in found and "Kessel" in names
    assert "Nexora" in names
    assert not names & {"Uzmanlar", "Bu", "Platform", "Nexora'nın"}
