"""Script detection from Unicode properties."""

from __future__ import annotations

import pytest

from newsweave.language.scripts import char_script, script_counts, script_of, scripts_in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The council met on Tuesday.", "Latn"),
        ("Городской совет собрался во вторник.", "Cyrl"),
        ("اجتمع المجلس البلدي يوم الثلاثاء.", "Arab"),
        ("شورای شهر روز سه‌شنبه تشکیل جلسه داد.", "Arab"),
        ("Το δημοτικό συμβούλιο συνεδρίασε την Τρίτη.", "Grek"),
        ("מועצת העיר התכנסה ביום שלישי.", "Hebr"),
        ("नगर परिषद की बैठक मंगलवार को हुई।", "Deva"),
        ("市议会周二举行了会议。", "Hans"),
        ("市議會週二舉行了會議。", "Hant"),
        ("市議会は火曜日に会合を開いた。", "Jpan"),
        ("시의회는 화요일에 회의를 열었다.", "Hang"),
        ("ქალაქის საბჭო სამშაბათს შეიკრიბა.", "Geor"),
        ("Քաղաքային խորհուրդը հավաքվեց երեքշաբթի։", "Armn"),
        ("สภาเมืองประชุมเมื่อวันอังคาร", "Thai"),
    ],
)
def test_script_of_dominant_script(text: str, expected: str) -> None:
    assert script_of(text) == expected


def test_script_of_text_without_letters_is_common() -> None:
    assert script_of("2024-05-01 12:30 (+3.5%)") == "Zyyy"
    assert script_of("") == "Zyyy"


def test_script_of_ignores_digits_and_punctuation() -> None:
    # Many digits and symbols, few letters: the letters decide.
    assert script_of("١٢٣٤٥٦٧٨٩ 2024 !!! ??? مصر") == "Arab"


def test_char_script_shared_characters() -> None:
    assert char_script("7") == "Zyyy"
    assert char_script(",") == "Zyyy"
    assert char_script("\u064e") == "Zyyy"  # fatha, a combining mark: inherited
    assert char_script("ж") == "Cyrl"


def test_script_counts_and_mixed_scripts() -> None:
    text = "Reuters: قال الرئيس إن الاتفاق سيوقع غدا"
    counts = script_counts(text)
    assert counts["Arab"] > counts["Latn"] > 0
    assert scripts_in(text) == {"Arab", "Latn"}
    # A lone foreign word is below the share that makes a script count.
    assert scripts_in("قال الرئيس الأمريكي في مؤتمر صحفي بالبيت الأبيض إن UN") == {"Arab"}


def test_korean_with_hanja_is_kore() -> None:
    assert script_of("大韓民國 헌법 제1조는 대한민국은 민주공화국이다") == "Kore"
