"""Normalisation for matching: Arabic forms, digits, case and accents."""

from __future__ import annotations

import pytest

from newsweave.article import Article
from newsweave.language.normalize import (
    fold_diacritics,
    normalize_digits,
    normalize_for_matching,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("أحمد", "احمد"),  # alef with hamza above
        ("إسلام", "اسلام"),  # alef with hamza below
        ("آمال", "امال"),  # alef with madda
        ("ٱلله", "الله"),  # alef wasla
        ("مستشفى", "مستشفي"),  # alef maksura
        ("مدرسة", "مدرسه"),  # taa marbuta
        ("كتـــاب", "كتاب"),  # tatweel
        ("مُحَمَّدٌ", "محمد"),  # harakat, shadda, tanween
        ("رَحْمٰن", "رحمن"),  # sukun and superscript alef
        ("مسؤول", "مسؤول"),  # hamza on waw is kept
        ("ﻷ", "لا"),  # presentation-form ligature
        ("ایران و کشور", "ايران و كشور"),  # Persian yeh and keheh
    ],
)
def test_arabic_forms(raw: str, expected: str) -> None:
    assert normalize_for_matching(raw) == expected


def test_arabic_spelling_variants_match() -> None:
    variants = ["القاهرة", "القاهره", "ٱلْقَاهِرَةُ", "القـاهرة"]
    assert len({normalize_for_matching(v, "ar") for v in variants}) == 1


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("٠١٢٣٤٥٦٧٨٩", "0123456789"),
        ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),
        ("١٢٫٥", "12.5"),
        ("٣٬٠٠٠٬٠٠٠", "3,000,000"),
        ("१२३", "123"),  # Devanagari
        ("plain 42", "plain 42"),
    ],
)
def test_normalize_digits(raw: str, expected: str) -> None:
    assert normalize_digits(raw) == expected


def test_normalize_digits_keeps_arabic_comma() -> None:
    assert normalize_digits("١، ٢") == "1، 2"


def test_case_width_and_whitespace() -> None:
    assert normalize_for_matching("  ＢＥＲＬＩＮ\u00a0 Straße\n") == "berlin strasse"
    assert normalize_for_matching("ΟΔΟΣ") == normalize_for_matching("οδος")


def test_invisible_characters_removed() -> None:
    assert normalize_for_matching("می\u200cخواهم") == normalize_for_matching("میخواهم")
    assert normalize_for_matching("co\u00adoperation") == "cooperation"


def test_turkish_dotted_and_dotless_i() -> None:
    assert normalize_for_matching("İSTANBUL", "tr") == "istanbul"
    assert normalize_for_matching("IĞDIR", "tr") == "ığdır"
    assert normalize_for_matching("İstanbul") == "istanbul"


def test_hebrew_points_removed() -> None:
    assert normalize_for_matching("שָׁלוֹם") == "שלום"


def test_latin_accents_kept_unless_folded() -> None:
    assert normalize_for_matching("Ștefan Țiriac") == "ștefan țiriac"
    assert normalize_for_matching("Ștefan Țiriac", fold=True) == "stefan tiriac"


def test_fold_diacritics() -> None:
    assert fold_diacritics("São Tomé, Łódź, Ærø") == "Sao Tome, Lodz, AEro"
    assert fold_diacritics("Ελλάδα") == "Ελλαδα"
    # Marks that are part of other scripts' letters stay.
    assert fold_diacritics("हिन्दी") == "हिन्दी"
    assert fold_diacritics("مُحَمَّد") == "مُحَمَّد"


def test_originals_are_not_altered() -> None:
    text = "أَحْمَد في القاهرة ٢٠٢٤"
    article = Article(text=text, source="test")
    normalize_for_matching(article.text, "ar")
    fold_diacritics(article.clean_text)
    assert article.text == text
    assert article.clean_text == text
