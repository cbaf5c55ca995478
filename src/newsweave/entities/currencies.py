"""Currency names in any CLDR locale, for naming a currency the recognisers tagged.

Recognisers trained on ANERcorp tag currencies (``يورو``, ``دولار أمريكي``) as names;
romanising them gives nonsense ("Hyoro"). A name that is a currency's CLDR display
name (singular or a plural form) in the mention's language gets the English one.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import get_currency_name

from newsweave.entities.scripts import match_key

_COUNTS = (1, 2, 3, 5, 11, 100)  # one of each plural category in the locales we serve


@lru_cache(maxsize=32)
def _names(lang: str) -> dict[str, str]:
    """Matching key of every currency name in ``lang`` → its English name."""
    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return {}
    english = Locale.parse("en").currencies
    out: dict[str, str] = {}
    for code, name in locale.currencies.items():
        if code not in english:
            continue
        forms = {name, *(get_currency_name(code, count=n, locale=locale) for n in _COUNTS)}
        for form in forms:
            key = match_key(form)
            if key and key not in out:
                out[key] = english[code]
    return out


def english_currency_name(form: str, lang: str) -> str | None:
    """The English name of the currency ``form`` names in ``lang`` (None: not one)."""
    if not lang:
        return None
    return _names(lang.split("-")[0]).get(match_key(form))
