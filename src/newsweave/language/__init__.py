"""Language stage: which language and script a text is in, and text normalised for matching.

Originals are never altered: detection reads text, normalisation returns new strings.
"""

from __future__ import annotations

from newsweave.language.detect import LangGuess, detect_article, detect_language
from newsweave.language.normalize import fold_diacritics, normalize_digits, normalize_for_matching
from newsweave.language.scripts import script_of

__all__ = [
    "LangGuess",
    "detect_article",
    "detect_language",
    "fold_diacritics",
    "normalize_digits",
    "normalize_for_matching",
    "script_of",
]
