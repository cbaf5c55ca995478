"""Find countries, regions and cities in running text with the gazetteer.

This is a recall boost beside the statistical recognisers and works for any language
the gazetteer has names in. A place is reported when a run of words (or one of its
uninflected forms, see :mod:`newsweave.entities.inflection`) is a name the gazetteer
knows *in that language* (or in English, or a GeoNames alternate name), it is
capitalised in scripts that have case, and it is not the first name of a person:
``Nour Sultan`` followed by ``Nazarbayev`` is not the city Nur-Sultan.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import regex

from newsweave.entities.gazetteer import Gazetteer, Place, PlaceName, default_gazetteer
from newsweave.entities.inflection import arabic_splits, base_forms
from newsweave.entities.mentions import MentionIn
from newsweave.entities.scripts import match_key, script_of

_WORD = regex.compile(r"[\p{L}\p{M}]+(?:[\-‐][\p{L}\p{M}]+)*")
_SENTENCE_END = regex.compile(r"[.!?؟。\n]")
_CASED = frozenset({"Latn", "Cyrl", "Grek", "Armn"})
_ARABIC_LANGS = frozenset({"ar", "fa", "ur"})
_MIN_LETTERS = 3
_MIN_CITY_ALT = 4
_MIN_CASELESS_CITY = 1_000_000
_MAX_HEADED = 4  # a caseless one-word alternate name that begins this many other names
NOUNS_CAPITALISED = frozenset({"de", "lb"})  # German, Luxembourgish

WordTest = Callable[[str], bool]

# Endings of family names from the former Soviet Union, Poland, Armenia, Ukraine..., in
# Latin, Cyrillic and Arabic spellings. A place name right before such a word is most
# likely a person's given name (Nursultan Nazarbayev, نور سلطان نزارباييف).
_SURNAME_ENDING = {
    "Latn": regex.compile(
        r"(?:ov|ova|ev|eva|yev|yeva|iev|ieva|in|ina|enko|uly|uli|yan|ian|sky|ski|skiy)$"
    ),
    "Cyrl": regex.compile(r"(?:ов|ова|ев|ева|ёв|ин|ина|енко|ұлы|улы|ян|ский|ская)$"),
    "Arab": regex.compile(r"(?:وف|يف|وفا|يفا|ييف|ييفا|ينكو|سكي|يان)$"),
}


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    start: int
    end: int


def _words(text: str) -> list[_Word]:
    return [_Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def looks_like_surname(word: str) -> bool:
    """True for a word with a typical (post-)Soviet family-name ending."""
    script = script_of(word)
    pattern = _SURNAME_ENDING.get(script)
    if pattern is None:
        return False
    if script in _CASED and not word[:1].isupper():
        return False
    return bool(pattern.search(word.lower() if script != "Arab" else word))


def _joined_by_space(text: str, words: list[_Word], i: int, n: int) -> bool:
    """The ``n`` words from ``i`` are separated only by spaces or hyphens."""
    for k in range(i, i + n - 1):
        gap = text[words[k].end : words[k + 1].start]
        if gap.strip(" \u00a0-‐") != "" or len(gap) > 2:
            return False
    return True


def _sentence_index(text: str, offset: int) -> int:
    return len(_SENTENCE_END.findall(text, 0, offset))


def _match(
    gaz: Gazetteer, phrase: str, lang: str, arabic: bool, name_word: WordTest | None = None
) -> tuple[Place, int] | None:
    """The place a phrase names and how many leading characters are particles."""
    words = phrase.split(" ")
    firsts = arabic_splits(words[0]) if arabic else [(0, words[0])]
    for cut, first in firsts:
        head = [first, *words[1:]]
        lasts = base_forms(head[-1], lang) if not arabic else [head[-1]]
        for last in lasts:
            key = match_key(" ".join([*head[:-1], last]))
            if len(key.replace(" ", "")) < _MIN_LETTERS:
                continue
            for entry in gaz.entries(key, lang):
                if _spottable(gaz, entry, key, lang, name_word, words):
                    return entry.place, cut
    return None


def _longest_from(gaz: Gazetteer, word: str, lang: str, arabic: bool) -> int:
    """The most words a gazetteer name starting with ``word`` can have (0: none starts
    with it). The key of ``word``, or of a form :func:`_match` tries for a first word,
    must begin a gazetteer key; a phrase of n words has a key of at least n words."""
    forms = [f for _, f in arabic_splits(word)] if arabic else [word, *base_forms(word, lang)]
    return max(gaz.first_words.get(match_key(f).split(" ", 1)[0], 0) for f in forms)


def _spottable(
    gaz: Gazetteer,
    entry: PlaceName,
    key: str,
    lang: str,
    name_word: WordTest | None = None,
    words: Sequence[str] = (),
) -> bool:
    """Whether a gazetteer name is safe to look for in running text.

    City alternate names include short words and, where a capital letter does not mark
    a name, common words (``سطات`` Settat, ``الجديدة`` El Jadida "the new", German
    ``Leck`` "leak" for Liège). Alternate names of cities need four letters; in caseless
    scripts they need a city of a million people or a capital, and so do they in
    languages that capitalise every noun unless ``name_word`` (the language's recogniser
    saw the word inside names in its training text) accepts each of their ``words`` as
    written (``Frankfurt``, not ``Namen``); in caseless scripts a one-word name that
    also begins the names of several other places, with or without the Arabic article,
    is a common noun as often as a name (``مدينة`` "city", Madinah, begins ``مدينة
    الكويت`` and twenty more; ``المدينة`` "the city") and is left to the recognisers,
    unless it names a capital.
    """
    place = entry.place
    if place.kind not in {"city", "capital"} or entry.main:
        return True
    if len(key.replace(" ", "")) < _MIN_CITY_ALT:
        return False
    if script_of(key) in _CASED:
        if lang not in NOUNS_CAPITALISED:
            return True
        if name_word is not None and words and all(name_word(w) for w in words):
            return True
    if place.kind == "capital":
        return True
    if " " not in key and script_of(key) not in _CASED:
        # with or without the Arabic article: المدينة is "the city" as مدينة is "city"
        bare = key[2:] if key.startswith("ال") and len(key) > 4 else key
        if max(gaz.heads_others(key, place), gaz.heads_others(bare, place)) >= _MAX_HEADED:
            return False
    return place.population >= _MIN_CASELESS_CITY


def find_gazetteer_mentions(
    text: str,
    lang: str,
    article_id: str = "",
    gazetteer: Gazetteer | None = None,
    name_word: WordTest | None = None,
) -> list[MentionIn]:
    """Places named in ``text`` (written in ``lang``), longest match first, no overlaps.

    ``name_word`` says whether a word is one the language's recogniser saw inside names
    (see :func:`_spottable`)."""
    gaz = gazetteer or default_gazetteer()
    words = _words(text)
    arabic = lang in _ARABIC_LANGS
    out: list[MentionIn] = []
    longest: dict[str, int] = {}
    i = 0
    while i < len(words):
        first_word = words[i].text
        if first_word not in longest:
            # a name in a cased script starts with a capital; in Arabic text a glued
            # particle may come first ("لParis"), which the check below sees past
            lower = not arabic and script_of(first_word) in _CASED and not first_word[:1].isupper()
            longest[first_word] = 0 if lower else _longest_from(gaz, first_word, lang, arabic)
        hit: tuple[Place, int, int] | None = None
        for n in range(min(longest[first_word], len(words) - i), 0, -1):
            if n > 1 and not _joined_by_space(text, words, i, n):
                continue
            phrase = " ".join(w.text for w in words[i : i + n])
            found = _match(gaz, phrase, lang, arabic, name_word)
            if found is None:
                continue
            place, cut = found
            first = words[i].text[cut:]
            script = script_of(first)
            if script in _CASED and not first[:1].isupper():
                continue
            nxt = words[i + n] if i + n < len(words) else None
            if (
                nxt is not None
                and place.kind in {"city", "capital"}
                and _joined_by_space(text, words, i + n - 1, 2)
                and looks_like_surname(nxt.text)
            ):
                continue
            hit = (place, n, cut)
            break
        if hit is None:
            i += 1
            continue
        place, n, cut = hit
        start, end = words[i].start + cut, words[i + n - 1].end
        out.append(
            MentionIn(
                article_id=article_id,
                lang=lang,
                text=text[start:end],
                label="LOC",
                start=start,
                end=end,
                sentence_index=_sentence_index(text, start),
                article_text=text,
                found_by="gazetteer",
                place_id=place.id,
            )
        )
        i += n
    return out
