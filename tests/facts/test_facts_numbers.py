"""Digits, separators, scales and spelled-out numbers, language by language."""

from __future__ import annotations

import pytest

from newsweave.facts.mentions import find_numbers


def values(text: str, lang: str) -> list[float]:
    return [round(m.value, 6) for m in find_numbers(text, lang) if not m.glued]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("1,234.5", "en", [1234.5]),
        ("1.234,5", "de", [1234.5]),
        ("1.234,5", "pt", [1234.5]),
        ("1.234,5", "es", [1234.5]),
        ("1.234,5", "ro", [1234.5]),
        ("1 234,5", "fr", [1234.5]),
        ("1\u00a0234,5", "fr", [1234.5]),
        ("1\u202f234,5", "ru", [1234.5]),
        ("4,800", "en", [4800.0]),
        ("4,800", "es", [4.8]),
        ("4.800", "de", [4800.0]),
        ("2,35", "de", [2.35]),
        ("18.924", "ar", [18.924]),
        ("67,000", "ar", [67000.0]),
        ("١٢٣٫٥", "ar", [123.5]),
        ("١٬٢٣٤٫٥", "ar", [1234.5]),
        ("٣٥", "ar", [35.0]),
        ("22,24,26", "en", [22.0, 24.0, 26.0]),
        ("-7", "en", [-7.0]),
        ("3/4", "en", [0.75]),
        ("2 1/4", "en", [2.25]),
        ("1.5e3", "en", [1500.0]),
    ],
)
def test_numbers_separators(text: str, lang: str, expected: list[float]) -> None:
    assert values(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("$41.5k", "en", [41500.0]),
        ("2.5 bn", "en", [2.5e9]),
        ("3 million", "en", [3e6]),
        ("100 milliards", "fr", [1e11]),
        ("194 millions", "fr", [194e6]),
        ("2 milhões", "pt", [2e6]),
        ("dois mil milhões", "pt", [2e9]),
        ("2 mil millones", "es", [2e9]),
        ("20 de milioane", "ro", [2e7]),
        ("3 miliarde", "ro", [3e9]),
        ("5 млн", "ru", [5e6]),
        ("7 тыс", "ru", [7000.0]),
        ("4,2 Mrd.", "de", [4.2e9]),
        ("3 Mio.", "de", [3e6]),
        ("190 مليون", "ar", [190e6]),
        ("٣ ملايين", "ar", [3e6]),
        ("5 مليارات", "ar", [5e9]),
    ],
)
def test_numbers_scales(text: str, lang: str, expected: list[float]) -> None:
    assert values(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("forty-seven thousand three hundred and two", "en", [47302.0]),
        ("three quarters", "en", [0.75]),
        ("two and a half million", "en", [2.5e6]),
        ("quatre-vingt-dix-neuf", "fr", [99.0]),
        ("soixante et onze", "fr", [71.0]),
        ("deux cent mille", "fr", [200000.0]),
        ("doscientos cuarenta y tres", "es", [243.0]),
        ("tres millones y medio", "es", [3.5e6]),
        ("duzentos e trinta e dois", "pt", [232.0]),
        ("dreihundertsiebenundvierzig", "de", [347.0]),
        ("zweieinhalb", "de", [2.5]),
        ("douăzeci și cinci", "ro", [25.0]),
        ("двадцать пять", "ru", [25.0]),
        ("ثلاثة وعشرون", "ar", [23.0]),
        ("خمسة عشر", "ar", [15.0]),
        ("مائتين وخمسين ألف", "ar", [250000.0]),
    ],
)
def test_numbers_spelled(text: str, lang: str, expected: list[float]) -> None:
    assert values(text, lang) == expected


def test_numbers_compound_scale_is_flagged() -> None:
    [m] = find_numbers("67,000 ألف", "ar")
    assert m.value == 67_000_000
    assert m.compound_scale


def test_numbers_articles_and_glued_units() -> None:
    assert values("un homme et une femme", "fr") == []
    assert values("the 180ml bottle", "en") == []
    [m] = find_numbers("600MW", "en")
    assert m.glued == "MW"


def test_numbers_offsets_are_in_the_original_text() -> None:
    text = "نحو ١٩٠ مليون دولار"
    [m] = find_numbers(text, "ar")
    assert text[m.start : m.end] == "١٩٠ مليون"
