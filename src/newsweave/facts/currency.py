"""Currency signs, ISO 4217 codes and currency names, per language.

Names come from two sources: the hand-written short names of each language's tables
("dollars", "tenges", "دولار") and the locale's own display names in CLDR, read through
``babel`` ("dollars australiens", "kazakhstani tenge", "долларов США"). Only CLDR names of
two words or more are taken, so a bare common word never turns into money.
"""

from __future__ import annotations

from functools import lru_cache

from newsweave.facts.lang import get_tables
from newsweave.facts.lang.base import words_of

# Signs, as written before or after the amount. Multi-character signs are split into the
# tokens the tokenizer makes ("US$" → "us", "$").
SIGNS: dict[str, str] = {
    "$": "USD",
    "US$": "USD",
    "USD$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₽": "RUB",
    "₸": "KZT",
    "₹": "INR",
    "₩": "KRW",
    "₺": "TRY",
    "₴": "UAH",
    "₪": "ILS",
    "₡": "CRC",
    "₭": "LAK",
    "₦": "NGN",
    "₱": "PHP",
    "₫": "VND",
    "฿": "THB",
    "₿": "BTC",
    "C$": "CAD",
    "CA$": "CAD",
    "CAD$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "AUD$": "AUD",
    "HK$": "HKD",
    "NZ$": "NZD",
    "NZD$": "NZD",
    "R$": "BRL",
    "Mex$": "MXN",
    "MXN$": "MXN",
    "S$": "SGD",
    "c $": "CAD",
    "Rs": "INR",
    "Rs.": "INR",
    "﷼": "SAR",
    "¢": "cent",
}


@lru_cache(maxsize=1)
def iso_codes() -> frozenset[str]:
    """Every ISO 4217 code CLDR knows (upper case)."""
    from babel.numbers import list_currencies

    return frozenset(c for c in list_currencies() if len(c) == 3 and c.isalpha())


def _sign_phrases() -> dict[tuple[str, ...], str]:
    out: dict[tuple[str, ...], str] = {}
    for sign, code in SIGNS.items():
        out[words_of(sign.replace("$", " $"))] = code
    return out


@lru_cache(maxsize=32)
def currency_phrases(lang: str) -> dict[tuple[str, ...], str]:
    """Folded word tuples naming a currency in ``lang`` → ISO code."""
    from babel import Locale, UnknownLocaleError

    out: dict[tuple[str, ...], str] = {}
    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        locale = None
    if locale is not None:
        plural = locale._data.get("currency_names_plural", {})
        for code, name in locale.currencies.items():
            if len(code) != 3:
                continue
            names = [name, *plural.get(code, {}).values()]
            for n in names:
                key = words_of(n)
                if len(key) >= 2:
                    out[key] = code
    out.update(_sign_phrases())
    out.update(get_tables(lang).currency_phrases)
    return out


@lru_cache(maxsize=32)
def longest_currency_phrase(lang: str) -> int:
    """Length in words of the longest currency name of ``lang``."""
    return max((len(k) for k in currency_phrases(lang)), default=1)
