"""Which writing system a name is in, and the normal forms used to compare names.

Originals are never altered: these functions return keys for matching only.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

_SCRIPT_PREFIXES: tuple[tuple[str, str], ...] = (
    ("LATIN", "Latn"),
    ("ARABIC", "Arab"),
    ("CYRILLIC", "Cyrl"),
    ("GREEK", "Grek"),
    ("HEBREW", "Hebr"),
    ("ARMENIAN", "Armn"),
    ("GEORGIAN", "Geor"),
    ("DEVANAGARI", "Deva"),
    ("HANGUL", "Hang"),
    ("HIRAGANA", "Jpan"),
    ("KATAKANA", "Jpan"),
    ("CJK", "Hani"),
    ("THAI", "Thai"),
)


@lru_cache(maxsize=8192)
def char_script(ch: str) -> str | None:
    """ISO 15924 code of one letter's script, or None for non-letters and rare scripts."""
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    for prefix, code in _SCRIPT_PREFIXES:
        if name.startswith(prefix):
            return code
    return None


def script_of(text: str) -> str:
    """The dominant script of ``text`` (ISO 15924), ``"Zyyy"`` when it has no letters."""
    if len(text) <= _SHORT:
        return _script_of_short(text)
    return _script_of(text)


#: Words and names (at most this long) are looked up so often that their answers are cached.
_SHORT = 48


@lru_cache(maxsize=200_000)
def _script_of_short(text: str) -> str:
    return _script_of(text)


def _script_of(text: str) -> str:
    counts: dict[str, int] = {}
    for script in map(char_script, text):
        if script:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "Zyyy"
    # the most frequent script; on a tie, the one met first
    return max(counts, key=counts.__getitem__)


# Arabic: short vowels, shadda, sukun, tatweel, superscript alef, Quranic marks.
_AR_MARKS = regex.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_AR_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ئ": "ي",
        "ؤ": "و",
        "ة": "ه",
        "ک": "ك",
        "گ": "غ",
        "ڤ": "ف",
        "پ": "ب",
        "چ": "ج",
        "ھ": "ه",
        "ہ": "ه",
        "ء": "",
        "\u200c": "",
        "\u200d": "",
        "\u200e": "",
        "\u200f": "",
    }
)
_NON_AR_LETTER = regex.compile(r"[^\p{Arabic}\s]|[\u0660-\u0669\u060c\u061b\u061f]")

# Latin letters NFKD does not decompose.
_LATIN_FOLD = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "ı": "i",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ŀ": "l",
    }
)
_NON_LATIN_LETTER = regex.compile(r"[^a-z\s]")
_SPACES = regex.compile(r"[\s\-‐‑–—_.'’ʼ`]+")


def fold_arabic(text: str) -> str:
    """Arabic letters only, harakat and tatweel removed, letter variants unified."""
    text = unicodedata.normalize("NFKC", text)
    text = _AR_MARKS.sub("", text).translate(_AR_FOLD)
    text = _NON_AR_LETTER.sub(" ", text)
    return " ".join(text.split())


def fold_latin(text: str) -> str:
    """Lower-case ASCII letters; diacritics dropped; hyphens and apostrophes become spaces."""
    if text.isascii():
        text = text.lower()  # nothing to normalise, fold or strip of accents
    else:
        text = unicodedata.normalize("NFKC", text).lower().translate(_LATIN_FOLD)
        text = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
    text = _SPACES.sub(" ", text)
    text = _NON_LATIN_LETTER.sub("", text)
    return " ".join(text.split())


_GENERIC_DROP = regex.compile(r"[\u0300\u0301\u0340\u0341]")  # stress and accent marks
_GENERIC_SPACES = regex.compile(r"[\s\-‐‑–—_.'’ʼ`]+")


@lru_cache(maxsize=200_000)
def match_key(text: str) -> str:
    """The normal form two spellings must share to count as the same string (cached).

    Latin: lower-case ASCII (``Taşkent`` = ``Tașkent`` = ``taskent``); Arabic: folded
    letters (:func:`fold_arabic`); other scripts: case-folded, stress marks dropped,
    ``ё`` read as ``е``. Hyphens and apostrophes separate words everywhere.
    """
    script = script_of(text)
    if script == "Latn":
        return fold_latin(text)
    if script == "Arab":
        return fold_arabic(text)
    text = unicodedata.normalize("NFC", _GENERIC_DROP.sub("", unicodedata.normalize("NFD", text)))
    text = text.casefold().replace("ё", "е")
    return " ".join(_GENERIC_SPACES.sub(" ", text).split())
