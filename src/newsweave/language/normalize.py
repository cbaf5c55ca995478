"""Text normalised for matching: comparing names, figures and phrases across spellings.

These functions return new strings for indexes, lookups and comparisons; the article's own text
is never replaced by them.

:func:`normalize_for_matching` applies, in order:

1. Unicode NFKC (presentation forms, ligatures, full-width and superscript characters become
   plain ones; Arabic ``ﻷ`` becomes ``لأ``);
2. invisible format characters removed (soft hyphen, zero-width space/joiner/non-joiner,
   direction marks, BOM): scraped text carries them at random, and Persian writers use a
   space, a zero-width non-joiner or nothing between the same morphemes;
3. case folding (``str.casefold``: ``ß`` → ``ss``, final ``ς`` → ``σ``); for Turkish and
   Azerbaijani (``lang`` ``tr``/``az``) dotted and dotless I fold as those languages do
   (``I`` → ``ı``, ``İ`` → ``i``);
4. Arabic script:

   * diacritics removed: harakat (fatha, damma, kasra), tanween, shadda, sukun, superscript
     alef, Quranic annotation marks; short vowels are written only in teaching and religious
     text, so the same word must match with and without them;
   * tatweel (``ـ``, a stretching character with no meaning) removed;
   * alef forms ``أ إ آ ٱ`` → ``ا``: hamza seats on alef are very often omitted in news and
     web text;
   * alef maksura ``ى`` → ``ي`` and Persian ``ی`` → ``ي``: final yaa is written either way
     (Egyptian usage writes ``ى`` for both); Persian ``ک`` → ``ك`` likewise;
   * taa marbuta ``ة`` → ``ه``: the two are interchanged in informal and scraped text, and
     folding to ``ه`` keeps both spellings of one word equal (at the cost of merging the rare
     words that differ only there);
   * hamza on waw/yaa (``ؤ ئ``) and lone hamza are kept: they are reliably written;

5. Hebrew points and cantillation marks removed;
6. digits of every script (Arabic-Indic ``٠-٩``, Persian ``۰-۹``, Devanagari …) → ASCII, and the
   Arabic decimal and thousands separators ``٫ ٬`` → ``.`` ``,`` (:func:`normalize_digits`);
7. runs of whitespace → one space, and the ends trimmed.

Latin (and Greek/Cyrillic) accents are kept unless asked for (``fold=True`` or
:func:`fold_diacritics`): ``résumé`` and ``resume`` are different words in many languages.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache

_FORMAT_CHARS = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_WHITESPACE = re.compile(r"\s+")

# Arabic harakat, tanween, shadda, sukun, maddah/hamza above/below marks, superscript alef, and
# the Quranic annotation signs.
_ARABIC_MARKS = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]"
)
_TATWEEL = "\u0640"
_ARABIC_LETTERS = str.maketrans(
    {
        "\u0623": "\u0627",  # أ alef with hamza above
        "\u0625": "\u0627",  # إ alef with hamza below
        "\u0622": "\u0627",  # آ alef with madda
        "\u0671": "\u0627",  # ٱ alef wasla
        "\u0649": "\u064a",  # ى alef maksura
        "\u06cc": "\u064a",  # ی Farsi yeh
        "\u06a9": "\u0643",  # ک keheh
        "\u0629": "\u0647",  # ة taa marbuta
        _TATWEEL: None,
    }
)
_HEBREW_MARKS = re.compile("[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]")
_SEPARATORS = {"\u066b": ".", "\u066c": ","}  # Arabic decimal and thousands separators

_TURKIC_CASE = str.maketrans({"I": "ı", "İ": "i"})
_TURKIC = frozenset({"tr", "az"})

# Letters that carry a stroke or are ligatures rather than a combining accent.
_LATIN_SPECIAL = str.maketrans("đĐłŁøØħĦı", "dDlLoOhHi")
_LATIN_LIGATURES = str.maketrans(
    dict(zip("æÆœŒßþÞ", ["ae", "AE", "oe", "OE", "ss", "th", "Th"], strict=True))
)
_FOLDABLE_BASES = ("LATIN", "GREEK", "CYRILLIC")


@cache
def _digit_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x80, sys.maxunicode + 1):
        char = chr(code)
        if unicodedata.category(char) == "Nd":
            table[code] = str(unicodedata.digit(char))
    table.update({ord(k): v for k, v in _SEPARATORS.items()})
    return table


def normalize_digits(text: str) -> str:
    """Every decimal digit as ASCII, Arabic decimal/thousands separators as ``.``/``,``.

    >>> normalize_digits("١٢٫٥ مليون و۱۴۰۲")
    '12.5 مليون و1402'
    """
    if text.isascii():
        return text
    return text.translate(_digit_table())


def fold_diacritics(text: str) -> str:
    """Accents removed from Latin, Greek and Cyrillic letters (``Ștefan`` → ``Stefan``).

    Combining marks on other scripts (Devanagari vowel signs, Thai vowels) are part of the
    letters there and are kept; so are Arabic and Hebrew marks, which
    :func:`normalize_for_matching` handles.

    >>> fold_diacritics("São Tomé, Łódź, Ελλάδα")
    'Sao Tome, Lodz, Ελλαδα'
    """
    decomposed = unicodedata.normalize(
        "NFD", text.translate(_LATIN_SPECIAL).translate(_LATIN_LIGATURES)
    )
    kept: list[str] = []
    base_foldable = False
    for char in decomposed:
        if unicodedata.combining(char):
            if base_foldable:
                continue
        else:
            name = unicodedata.name(char, "")
            base_foldable = name.startswith(_FOLDABLE_BASES)
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def normalize_for_matching(text: str, lang: str | None = None, *, fold: bool = False) -> str:
    """``text`` normalised for comparison (see the module docstring for every step).

    ``lang`` (ISO 639-1) selects language-specific case folding; ``fold`` also strips Latin,
    Greek and Cyrillic accents.

    >>> normalize_for_matching("أَحْمَدُ  إبراهيم فى القاهرة ٢٠٢٤")
    'احمد ابراهيم في القاهره 2024'
    """
    out = unicodedata.normalize("NFKC", text)
    out = _FORMAT_CHARS.sub("", out)
    if lang in _TURKIC:
        out = out.translate(_TURKIC_CASE)
    out = out.casefold().replace("i\u0307", "i")  # "İ" outside Turkish folds to plain "i"
    if any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" for ch in out):
        out = _ARABIC_MARKS.sub("", out).translate(_ARABIC_LETTERS)
    if any("\u0590" <= ch <= "\u05ff" for ch in out):
        out = _HEBREW_MARKS.sub("", out)
    out = normalize_digits(out)
    if fold:
        out = fold_diacritics(out)
    return _WHITESPACE.sub(" ", out).strip()
