"""Per-language tables for fact extraction, loaded on first use.

``get_tables("fr")`` returns the compiled French tables; a language without its own
module gets :data:`GENERIC` tables, which read digits, symbols and ISO codes only.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from newsweave.facts.lang.base import LanguageSpec, LanguageTables, compile_spec

# Languages with their own module, by ISO 639-1 code.
SUPPORTED: tuple[str, ...] = ("ar", "de", "en", "es", "fr", "pt", "ro", "ru")

GENERIC = LanguageSpec(code="xx", decimal_mark=".", cardinals={}, hundreds=(), scales={})


def _base_code(lang: str | None) -> str:
    return (lang or "").lower().replace("_", "-").split("-")[0]


@lru_cache(maxsize=32)
def get_tables(lang: str | None) -> LanguageTables:
    """The compiled tables of ``lang`` (an ISO 639-1 code; region suffixes are ignored)."""
    code = _base_code(lang)
    if code in SUPPORTED:
        module = importlib.import_module(f"newsweave.facts.lang.{code}")
        spec: LanguageSpec = module.SPEC
        return compile_spec(spec)
    generic = LanguageSpec(
        code=code or "xx", decimal_mark=".", cardinals={}, hundreds=(), scales={}
    )
    return compile_spec(generic)


def is_supported(lang: str | None) -> bool:
    """Whether ``lang`` has its own number words and lexicons."""
    return _base_code(lang) in SUPPORTED
