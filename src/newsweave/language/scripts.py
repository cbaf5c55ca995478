"""The writing system of a text: its dominant ISO 15924 script, from Unicode properties.

Each character's script comes from the Unicode Script property (through the ``regex`` module);
characters shared by all scripts (digits, punctuation, spaces, combining marks) do not vote.
Chinese characters are told apart as simplified (``Hans``) or traditional (``Hant``) by the two
national character sets they belong to: a character GB 2312 encodes and Big5 does not is a
simplified form, and the other way round. Japanese text (Han with kana) is ``Jpan``; Korean Hangul
mixed with Han is ``Kore``.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex

COMMON = "Zyyy"

# Scripts looked for, most frequent in news first; anything else counts as "Zzzz" (unknown).
_SCRIPT_NAMES = """
    Latn Cyrl Arab Hani Hira Kana Hang Grek Hebr Deva Beng Thai Geor Armn Guru Gujr Orya Taml Telu
    Knda Mlym Sinh Laoo Khmr Mymr Tibt Ethi Thaa Syrc Mong Cher Cans Tfng Bopo Yiii Copt Nkoo Vaii
"""
_SCRIPTS = tuple(_SCRIPT_NAMES.split())
_PATTERNS = tuple((code, regex.compile(rf"\p{{Script={code}}}")) for code in _SCRIPTS)
_NEUTRAL = regex.compile(r"[\p{Script=Zyyy}\p{Script=Zinh}\p{Cn}]")
# Enough letters to know the script of a whole article; beyond this the vote cannot change.
_SAMPLE_CHARS = 4000


@lru_cache(maxsize=8192)
def char_script(char: str) -> str:
    """ISO 15924 code of one character (``"Zyyy"`` for digits, punctuation and marks)."""
    if _NEUTRAL.match(char):
        return COMMON
    for code, pattern in _PATTERNS:
        if pattern.match(char):
            return code
    return "Zzzz"


def script_counts(text: str) -> Counter[str]:
    """How many characters of ``text`` belong to each script (shared characters left out)."""
    counts: Counter[str] = Counter()
    for char in text[:_SAMPLE_CHARS]:
        script = char_script(char)
        if script != COMMON:
            counts[script] += 1
    return counts


def _han_variant(text: str) -> str:
    simplified = traditional = 0
    for char in text[:_SAMPLE_CHARS]:
        if char_script(char) != "Hani":
            continue
        form = _han_form(char)
        simplified += form == "Hans"
        traditional += form == "Hant"
    if simplified > traditional:
        return "Hans"
    if traditional > simplified:
        return "Hant"
    return "Hani"


@lru_cache(maxsize=8192)
def _han_form(char: str) -> str:
    """``Hans`` for a simplified-only character, ``Hant`` for a traditional-only one."""
    in_gb = _encodes(char, "gb2312")
    in_big5 = _encodes(char, "big5")
    if in_gb and not in_big5:
        return "Hans"
    if in_big5 and not in_gb:
        return "Hant"
    return "Hani"


def _encodes(char: str, codec: str) -> bool:
    try:
        char.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def script_of(text: str) -> str:
    """Dominant ISO 15924 script of ``text``.

    ``"Zyyy"`` when the text has no letters at all (only digits, punctuation or spaces).

    >>> script_of("Привет, мир")
    'Cyrl'
    >>> script_of("中华人民共和国")
    'Hans'
    """
    return _dominant(script_counts(text), text)


def _dominant(counts: Counter[str], text: str) -> str:
    if not counts:
        return COMMON
    kana = counts["Hira"] + counts["Kana"]
    if kana and kana + counts["Hani"] >= max(counts.values()):
        return "Jpan"
    script, _ = counts.most_common(1)[0]
    if script == "Hani":
        return _han_variant(text)
    if script == "Hang" and counts["Hani"]:
        return "Kore"
    return script


def script_profile(text: str, min_share: float = 0.2) -> tuple[str, frozenset[str]]:
    """The dominant script of ``text``, and it with every other script of ``min_share`` of letters.

    A news paragraph quoting a name in another script, or an Urdu sentence after an English
    site banner, is in more than one script; a language is plausible when it is written in any
    of them.
    """
    counts = script_counts(text)
    total = sum(counts.values())
    dominant = _dominant(counts, text)
    found = {dominant}
    found.update(s for s, n in counts.items() if total and n / total >= min_share)
    return dominant, frozenset(found)


def scripts_in(text: str, min_share: float = 0.2) -> frozenset[str]:
    """The scripts of :func:`script_profile`: the dominant one and any with a fair share."""
    return script_profile(text, min_share)[1]
