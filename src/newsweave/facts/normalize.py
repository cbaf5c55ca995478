"""Text normalisation for matching numbers and words, without moving any offset.

Two separate things live here:

* :func:`ascii_digits` maps every decimal digit of any script (Arabic-Indic ``٠-٩``,
  Persian ``۰-۹``, Devanagari …) to ASCII, one character for one, so offsets found in the
  mapped text are offsets in the original.
* :func:`fold` turns one word into the key used by the lexicons: lower case, accents and
  Arabic diacritics removed, Arabic letter variants unified (أ إ آ → ا, ى → ي, ة → ه),
  ``ё`` → ``е``. Tables are folded the same way when they load, so they can be written
  with or without accents.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Zero-width and bidi controls that sometimes sit inside numbers in scraped text.
INVISIBLE = (
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
)

# Spaces that may group thousands: normal, no-break, narrow no-break, thin, figure space.
GROUP_SPACES = " \u00a0\u202f\u2009\u2007"


def _digit_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x80, 0x110000):
        ch = chr(cp)
        if unicodedata.category(ch) == "Nd":
            table[cp] = str(unicodedata.decimal(ch))
    return table


_DIGITS: dict[int, str] | None = None


def ascii_digits(text: str) -> str:
    """``text`` with every Unicode decimal digit replaced by its ASCII digit (same length)."""
    global _DIGITS
    if _DIGITS is None:
        _DIGITS = _digit_table()
    if text.isascii():
        return text
    return text.translate(_DIGITS)


_ARABIC_FOLD = str.maketrans({"ى": "ي", "ة": "ه", "ـ": None, "ٱ": "ا", "ک": "ك", "ی": "ي"})
_LATIN_FOLD = str.maketrans({"ß": "ss", "ё": "е", "œ": "oe", "æ": "ae", "ı": "i", "’": "'"})


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """The lexicon key of ``word``: lower case, without accents or Arabic diacritics."""
    low = word.lower().translate(_LATIN_FOLD)
    decomposed = unicodedata.normalize("NFKD", low)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.translate(_ARABIC_FOLD)


def german_variants(word: str) -> list[str]:
    """``word`` and its spelling with umlauts written out (``fünf`` → ``fuenf``)."""
    out = [word]
    if any(c in word for c in "äöüÄÖÜ"):
        out.append(
            word.replace("ä", "ae")
            .replace("ö", "oe")
            .replace("ü", "ue")
            .replace("Ä", "Ae")
            .replace("Ö", "Oe")
            .replace("Ü", "Ue")
        )
    return out
