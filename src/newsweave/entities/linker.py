"""Group mentions into entities across articles, languages, scripts and spellings.

:func:`link_mentions` takes the mentions of one or many articles (from the recognisers,
the gazetteer spotter or by hand) and, optionally, entities already in the registry, and
says which entity each mention names. The rules, in order:

1. **Clean-up.** Overlapping mentions keep the longer span (a recogniser's over the
   gazetteer's on ties, except a one-word person the article never names in full). A
   place directly followed by a one-word person's name or a typical family name is that
   person's given name, and the two become one person mention (``نور سلطان نزارباييف``
   is Nursultan Nazarbayev, not the city Nur-Sultan); before a full name, or made a
   modifier (Kazakh ``Вальдониядағы``), it stays a place (``Вальдонии Хелена
   Марквардт``). The name that opens an article as a dateline is one place mention
   (``KELMIR, Valdonia —``, ``PUERTO CELESTE, 11 feb.``). Within an article, mentions
   written alike take the type most of them have.
2. **Places** are resolved through the gazetteer, inflection and particles aside
   (``Kazahstanului``, ``لكازاخستان``, ``Казахстане`` → Kazakhstan).
3. **Full names** (two words or more) join when their family names match and their
   given names match, word by word across scripts (learned Arabic–Latin model, ICU or
   ``anyascii`` for other scripts, skeleton keys for spelling variants). Different people
   who share a given name stay apart: Mukhtar Ablyazov ≠ Mukhtar Tileuberdi.
4. **Single words** (``بلينكن``, ``Ablyazov``) join the full name whose family name they
   match in the same article, else in the same story, else the only full name they
   match anywhere. A given name alone (``Mukhtar``) joins a full name only when exactly
   one full name in its article has it, so it never bridges two people.
5. **Organisations and other names** join on equal keys (a record holding the very
   spelling before any other), on an acronym defined next to the full name (``Agence de
   surveillance financière du Kazakhstan (FMA)``), and on names that transliterate each
   other word for word (``بورتو سيليستي``, ``Porto Celeste``). A one-word name already
   in the registry (a place no gazetteer knows, an organisation) is joined by another
   article's spelling only when that is the same word inflected or in another script
   (``Вальдонии``, ``Valdonia`` → ``Вальдония``), not a mere look-alike. A new name
   written exactly like a known organisation, place or other name of another type joins
   it (one record per name whichever way the recognisers typed it, with the type most of
   its mentions have; people excepted).

Canonical names: the gazetteer's for places; for the rest the most frequent Latin-script
full form, else a currency's English name (CLDR), else a romanisation
(:func:`newsweave.entities.names.romanize`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Protocol

import regex

from newsweave.entities.currencies import english_currency_name
from newsweave.entities.gazetteer import Gazetteer, Place, default_gazetteer
from newsweave.entities.inflection import arabic_splits, base_forms, is_place_attribute
from newsweave.entities.mentions import EntityType, MentionIn, ResolvedMention
from newsweave.entities.names import (
    forget_cross_script,
    prime_word_similarity,
    romanize,
    split_name,
    word_similarity,
)
from newsweave.entities.scripts import fold_latin, match_key, script_of
from newsweave.entities.spotting import looks_like_surname

SAME_SCRIPT_MATCH = 0.88
CROSS_SCRIPT_MATCH = 0.5
_WORD = regex.compile(r"[\p{L}\p{M}]+(?:[\-‐][\p{L}\p{M}]+)*")
_ACRONYM = regex.compile(r"^\p{Lu}{2,6}$")
# "(FMA)" right after a name, or after a short complement ("du Kazakhstan (FMA)").
_ACRONYM_AFTER = regex.compile(r"[^().!?؟\n]{0,32}?\((\p{Lu}{2,6})\)")
_ORG_STOPWORDS = frozenset(
    {"of", "the", "and", "for", "de", "du", "des", "la", "le", "les", "el", "al", "d", "l"}
    | {"da", "do", "dos", "das", "di", "del", "della", "für", "der", "und"}
)


@dataclass(frozen=True, slots=True)
class KnownForm:
    form: str
    lang: str | None
    count: int = 1


@dataclass(slots=True)
class KnownEntity:
    """An entity already in the registry, with the spellings seen so far."""

    id: str
    name: str
    type: EntityType
    forms: list[KnownForm] = field(default_factory=list)
    place_id: str | None = None
    #: the block keys it was found under, when a :class:`KnownSource` handed it over
    keys: frozenset[str] = frozenset()


class KnownSource(Protocol):
    """Where linking finds the entities already known (the registry, see
    :class:`newsweave.entities.registry.RegistryIndex`), asked only about the names at hand
    instead of handing over every entity."""

    def attested(self, words: Iterable[str]) -> Counter[str]:
        """How many known spellings hold each word, by :func:`match_key`."""
        ...

    def candidates(
        self,
        key_groups: Iterable[Collection[str]],
        place_ids: Iterable[str],
        types: Iterable[str],
    ) -> list[KnownEntity]:
        """Known entities of ``types`` filed under the keys of ``key_groups`` (see
        :mod:`newsweave.entities.blocking`; each group holds the alternative keys of one
        name) or resolved to one of ``place_ids``, each with the keys it was found
        under (:attr:`KnownEntity.keys`)."""
        ...

    def taken(self, entity_id: str) -> bool:
        """Whether an entity with this id exists."""
        ...


# -- helpers ----------------------------------------------------------------------------
def entity_id(type_: str, name: str) -> str:
    """Stable id from type and canonical name: ``per:antony-blinken``, ``loc:kazakhstan``."""
    slug = fold_latin(name).replace(" ", "-") or match_key(name).replace(" ", "-")
    return f"{type_.lower()}:{slug or 'unnamed'}"


@lru_cache(maxsize=100_000)
def words_match(a: str, b: str) -> bool:
    """Two words of names are spellings of the same word (see :func:`word_similarity`)."""
    cross = (script_of(a) == "Arab") != (script_of(b) == "Arab")
    return word_similarity(a, b) >= (CROSS_SCRIPT_MATCH if cross else SAME_SCRIPT_MATCH)


def forget_compared_words() -> None:
    """Empty the memo of compared name words (:func:`words_match`, ``word_similarity``,
    dictionary forms), so that the next names are compared as names never met before."""
    words_match.cache_clear()
    word_similarity.cache_clear()
    _base_keys.cache_clear()
    forget_cross_script()


def full_names_match(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two multi-word names name the same person: family and given names agree.

    Given names are compared joined (``نور سلطان`` = ``Nursultan``, ``Kassym-Jomart`` =
    ``قاسم جومارت``) or, when one side has more of them, first against first.
    """
    if len(a) < 2 or len(b) < 2:
        return False
    if not words_match(a[-1], b[-1]):
        return False
    given_a, given_b = a[:-1], b[:-1]
    if words_match("".join(given_a), "".join(given_b)):
        return True
    if len(given_a) == len(given_b):
        return all(words_match(x, y) for x, y in zip(given_a, given_b, strict=True))
    if words_match(given_a[0], given_b[0]):
        return True
    # a name cut short keeps the given names it has, in order ("Jomart Tokayev" for
    # "Kassym-Jomart Tokayev"): the shorter list must be an ordered part of the longer
    short, long = sorted((_given_words(given_a), _given_words(given_b)), key=len)
    return bool(short) and len(short) < len(long) and _ordered_within(short, long)


def _given_words(given: Sequence[str]) -> list[str]:
    return [w for g in given for w in g.replace("‐", "-").split("-") if w]


def _ordered_within(short: Sequence[str], long: Sequence[str]) -> bool:
    pos = 0
    for word in short:
        while pos < len(long) and not words_match(word, long[pos]):
            pos += 1
        if pos == len(long):
            return False
        pos += 1
    return True


# -- step 1: clean-up -------------------------------------------------------------------
def _overlaps(a: MentionIn, b: MentionIn) -> bool:
    return a.article_id == b.article_id and a.start < b.end and b.start < a.end


def _priority(m: MentionIn) -> tuple[int, int]:
    return (m.end - m.start, 0 if m.found_by == "gazetteer" else 1)


def _lone_surnames_as_places(mentions: Sequence[MentionIn]) -> list[MentionIn]:
    """Drop a one-word person the gazetteer spotted as a place at the very same span,
    unless the article names someone in full with that word last.

    Place names shaped like family names (``Тарнов``, ``Борисов``) are taken for people
    by recognisers that weigh word endings; a person named by family name alone is
    almost always named in full elsewhere in the article.
    """
    spotted = {(m.article_id, m.start, m.end) for m in mentions if m.found_by == "gazetteer"}
    if not spotted:
        return list(mentions)
    surnames = {
        (m.article_id, match_key(m.text.split()[-1]))
        for m in mentions
        if m.label == "PER" and len(m.text.split()) >= 2
    }
    return [
        m
        for m in mentions
        if not (
            m.label == "PER"
            and m.found_by != "gazetteer"
            and (m.article_id, m.start, m.end) in spotted
            and _one_word(m)
            and (m.article_id, match_key(m.text)) not in surnames
        )
    ]


def _drop_overlaps(mentions: Sequence[MentionIn]) -> list[MentionIn]:
    """Of overlapping mentions keep the longest (a recogniser's on ties)."""
    kept: dict[str, list[MentionIn]] = defaultdict(list)
    for m in sorted(_lone_surnames_as_places(mentions), key=_priority, reverse=True):
        same_article = kept[m.article_id]
        if not any(_overlaps(m, k) for k in same_article):
            same_article.append(m)
    return sorted((m for ms in kept.values() for m in ms), key=lambda m: (m.article_id, m.start))


#: The opening words of an article (up to three), and what follows a dateline's place:
#: a bracketed region or agency and a comma or dash (``Kelmir (Valdonie),``; ``Apple
#: (AAPL) shares`` is no dateline), a dash (``بورتو سيليستي -``),
#: or a comma and, before the sentence ends, a date or a dash (``KELMIR, Valdonia —``).
_OPENING = regex.compile(
    r"\s*([\p{L}\p{M}][\p{L}\p{M}'’\-]*(?:[ \u00a0][\p{L}\p{M}][\p{L}\p{M}'’\-]*){0,2})"
)
_DATELINE_BRACKET = regex.compile(r"\s*\(\p{Lu}[^()\n]{0,40}\)\s*(?:,|[-–—:])")
_DATELINE_DASH = regex.compile(r"\s+[-–—]\s")
_DATELINE_COMMA = regex.compile(r",[^.!?\n]{0,40}?(?:\d|[—–]|\s-\s)")


def _dateline(text: str, mentions: list[MentionIn]) -> tuple[int, int] | None:
    """Span of the place an article's dateline names, if its text opens with one.

    The opening words must be what the mentions found there cover, or be written in
    capitals (``PUERTO CELESTE, 11 feb. (EHS) –``, where a recogniser may take one word
    only); the comma form needs capitals (``UNICEF, the UN agency, said`` is no dateline),
    the dash form capitals or a script without case (``Reuters - The company`` is none).
    """
    found = _OPENING.match(text)
    if found is None:
        return None
    lo = found.start(1)
    opening = list(_WORD.finditer(text, lo, found.end(1)))
    for n in range(len(opening), 0, -1):
        hi = opening[n - 1].end()
        words = text[lo:hi]
        capitals = words.isupper() and len(words) > 2
        covered = all(
            any(m.start <= w.start() and w.end() <= m.end for m in mentions) for w in opening[:n]
        )
        if not (capitals or covered):
            continue
        if _DATELINE_BRACKET.match(text, hi):
            return lo, hi
        caseless = not any(c.isupper() or c.islower() for c in words)
        if (capitals or caseless) and _DATELINE_DASH.match(text, hi):
            return lo, hi
        if capitals and _DATELINE_COMMA.match(text, hi):
            return lo, hi
    return None


def _datelines_as_places(mentions: list[MentionIn]) -> list[MentionIn]:
    """Read the name that opens an article's text as a dateline's place.

    News agencies and papers start a report with where it was filed: ``KELMIR, Valdonia
    —``, ``КЕЛЬМИР, 15 октября.``, ``Kelmir (Valdonie), de notre envoyé spécial``,
    ``بورتو سيليستي - أوقفت``. Recognisers type such a word by its look (an all-capitals
    word as an organisation, a name before a bracket as a person) and may take part of
    it (``PUERTO`` of ``PUERTO CELESTE``). The mentions inside the dateline's place
    (:func:`_dateline`) become one place mention spanning it.
    """
    by_article: dict[str, list[MentionIn]] = defaultdict(list)
    for m in mentions:
        by_article[m.article_id].append(m)
    out: list[MentionIn] = []
    for group in by_article.values():
        text = group[0].article_text
        span = _dateline(text, group) if text else None
        if span is None:
            out.extend(group)
            continue
        lo, hi = span
        inside = [m for m in group if m.start < hi and lo < m.end]
        if not inside or any(m.end > hi for m in inside):
            out.extend(group)
            continue
        first = inside[0]
        if first.place_id is None or (first.start, first.end) != span:
            first = replace(first, label="LOC", start=lo, end=hi, text=text[lo:hi], place_id=None)
        out.extend(m for m in group if m not in inside)
        out.append(first)
    return sorted(out, key=lambda m: (m.article_id, m.start))


def _one_type_per_name(mentions: list[MentionIn]) -> list[MentionIn]:
    """Give a name the type most of its mentions in the same article have.

    A recogniser may type one name differently from sentence to sentence (``Kelmir`` as
    a place five times and once as a person; ``KELMIR`` in a dateline as an
    organisation). Within one article, mentions written alike (same matching key) take
    the type more of them have than any other; a place the gazetteer named counts as a
    place and keeps its type. On a tie nothing changes.
    """
    names = [(m.article_id, match_key(m.text)) for m in mentions]
    votes: dict[tuple[str, str], Counter[EntityType]] = defaultdict(Counter)
    for m, name in zip(mentions, names, strict=True):
        votes[name][m.label] += 1
    if all(len(v) == 1 for v in votes.values()):
        return list(mentions)
    out: list[MentionIn] = []
    for m, name in zip(mentions, names, strict=True):
        counts = votes[name]
        if len(counts) > 1 and m.place_id is None:
            (top, n), (_, runner_up) = counts.most_common(2)
            if n > runner_up and top != m.label:
                m = replace(m, label=top)
        out.append(m)
    return out


def _next_word(m: MentionIn) -> tuple[int, int] | None:
    """Span of the word right after a mention, if only spaces separate them."""
    text = m.article_text
    if not text:
        return None
    nxt = _WORD.search(text, m.end)
    if nxt is None or text[m.end : nxt.start()].strip(" \u00a0") or nxt.start() - m.end > 2:
        return None
    return nxt.start(), nxt.end()


def _person_given_names(mentions: list[MentionIn], gaz: Gazetteer) -> list[MentionIn]:
    """Re-read a place followed by a family name as that person's given name.

    Only a one-word person (``نور سلطان`` + ``نزارباييف``) or an untagged word shaped
    like a family name takes the place in: a full name after a place already has its
    given name (``министр транспорта Вальдонии Хелена Марквардт``).
    """
    by_start = {(m.article_id, m.start): m for m in mentions}
    out: list[MentionIn] = []
    absorbed: set[tuple[str, int]] = set()
    for m in mentions:
        if (m.article_id, m.start) in absorbed:
            continue
        if (
            m.label == "LOC"
            and not is_place_attribute(m.text, m.lang)
            and _may_be_given_name(m, gaz)
        ):
            nxt = _next_word(m)
            if nxt is not None:
                follower = by_start.get((m.article_id, nxt[0]))
                if follower is not None and follower.label == "PER" and _one_word(follower):
                    absorbed.add((m.article_id, follower.start))
                    out.append(_as_person(m, follower.end))
                    continue
                word = m.article_text[nxt[0] : nxt[1]]
                if follower is None and looks_like_surname(word):
                    out.append(_as_person(m, nxt[1]))
                    continue
        out.append(m)
    return out


def _one_word(m: MentionIn) -> bool:
    return len(m.text.split()) == 1


def _may_be_given_name(m: MentionIn, gaz: Gazetteer) -> bool:
    """Cities can be given names (Nursultan, Sofia, Florence); countries and regions not."""
    place = gaz.get(m.place_id) if m.place_id else None
    if place is None:
        found = gaz.lookup(m.text, m.lang)
        place = found[0] if found else None
    return place is None or place.kind in {"city", "capital"}


def _as_person(m: MentionIn, end: int) -> MentionIn:
    return replace(m, label="PER", end=end, text=m.article_text[m.start : end], place_id=None)


# -- the working record -----------------------------------------------------------------
@dataclass(slots=True)
class _Item:
    mention: MentionIn
    words: list[str]
    form: str
    key: str
    script: str
    place: Place | None = None


@dataclass(slots=True)
class _Cluster:
    type: EntityType
    items: list[_Item] = field(default_factory=list)
    known: KnownEntity | None = None
    place: Place | None = None
    known_forms: list[list[str]] = field(default_factory=list)

    def full_forms(self) -> list[list[str]]:
        forms = [i.words for i in self.items if len(i.words) >= 2]
        return forms + [w for w in self.known_forms if len(w) >= 2]

    def articles_with_full_name(self) -> set[str]:
        return {i.mention.article_id for i in self.items if len(i.words) >= 2}


def _item(m: MentionIn, gaz: Gazetteer) -> _Item:
    words = split_name(m.text)
    place = gaz.get(m.place_id) if m.place_id else None
    key = ""
    if m.label == "LOC" or place is not None:
        resolved = gaz.resolve(m.text, m.lang)
        if resolved is not None and (place is None or place in resolved[1]):
            key = resolved[0]
            place = place or resolved[1][0]
    form = m.text.strip()
    return _Item(m, words, form, key or match_key(form), script_of(m.text), place)


def _known_words(known: Sequence[KnownEntity]) -> Counter[str]:
    """How many known spellings hold each word (by matching key)."""
    attested: Counter[str] = Counter()
    for k in known:
        for f in k.forms:
            for w in split_name(f.form):
                attested[match_key(w)] += 1
    return attested


def _particle_words(items: list[_Item]) -> set[str]:
    """The words :func:`_strip_particles` asks about: Arabic first words and their stems."""
    out: set[str] = set()
    for it in items:
        if it.place is not None or not it.words or script_of(it.words[0]) != "Arab":
            continue
        first = match_key(it.words[0])
        out.add(first)
        out.update(base for cut, base in arabic_splits(first)[1:] if cut > 0)
    return out


def _strip_particles(items: list[_Item], known_words: Counter[str]) -> None:
    """Take a glued conjunction or preposition off an Arabic name's first word.

    Names may begin with the same letters (``فلاديمير``, ``بلينكن``), so the particle goes
    only when the word without it is attested elsewhere (another mention or a known
    form) and the word with it is not: ``وبلينكن`` → ``بلينكن`` next to ``أنتوني بلينكن``.
    """
    attested: Counter[str] = Counter(known_words)
    for it in items:
        for w in it.words:
            attested[match_key(w)] += 1
    for it in items:
        if it.place is not None or not it.words or script_of(it.words[0]) != "Arab":
            continue
        first = match_key(it.words[0])
        if attested[first] > 1:
            continue
        for cut, base in arabic_splits(first)[1:]:
            if cut > 0 and attested[base] > 0:
                word = it.words[0]
                if len(word) == len(first) and it.form.startswith(word):
                    it.words = [word[cut:], *it.words[1:]]
                    it.form = it.form[cut:]
                else:
                    it.words = [base, *it.words[1:]]
                    it.form = " ".join(it.words)
                it.key = match_key(it.form)
                break


# -- steps 3-5: clustering --------------------------------------------------------------
def _same_story(a: str, b: str, story_of: Mapping[str, str] | None) -> bool:
    if a == b:
        return True
    if not story_of:
        return False
    story = story_of.get(a)
    return story is not None and story == story_of.get(b)


def _family_reach(people: list[_Cluster]) -> dict[str, set[int]]:
    """Block key -> the known people (``id`` of their clusters) the registry handed over
    for that key."""
    reach: dict[str, set[int]] = defaultdict(set)
    for c in people:
        if c.known is not None:
            for key in c.known.keys:
                reach[key].add(id(c))
    return reach


def _cluster_people(
    items: list[_Item],
    clusters: list[_Cluster],
    story_of: Mapping[str, str] | None,
    *,
    blocked: bool = False,
) -> None:
    """Join person mentions into clusters (known people first).

    ``blocked``: the known people came from a registry's blocks. Each name is then
    compared only with the known people found under its own family-name keys, as the
    registry would have handed them for that name alone, so that the cost per name
    stays bounded by the registry's block budget, not by how many other names the
    article has.
    """
    from newsweave.entities.blocking import family_query_keys

    people = [c for c in clusters if c.type == "PER"]
    reach = _family_reach(people) if blocked else None

    def pool(word: str) -> list[_Cluster]:
        if reach is None:
            return people
        near: set[int] = set()
        for key in family_query_keys(word):
            near |= reach.get(key, set())
        return [c for c in people if c.known is None or c.items or id(c) in near]

    full = [i for i in items if len(i.words) >= 2]
    single = [i for i in items if len(i.words) == 1]
    # the family names each name meets among the known people, scored in one batch
    prime_word_similarity(
        (it.words[-1], form[-1])
        for it in items
        for c in pool(it.words[-1])
        for form in c.known_forms
        if len(form) >= 2
    )
    # Full names: Latin forms first so they seed the clusters, then most frequent first.
    freq = Counter(i.key for i in full)
    full.sort(key=lambda i: (i.script != "Latn", -freq[i.key], -len(i.words)))
    for it in full:
        target = next(
            (
                c
                for c in pool(it.words[-1])
                if any(full_names_match(it.words, f) for f in c.full_forms())
            ),
            None,
        )
        if target is None:
            target = _Cluster("PER")
            people.append(target)
            clusters.append(target)
        target.items.append(it)

    for it in single:
        target = _attach_single(it, pool(it.words[0]), story_of)
        if target is None:
            target = next(
                (
                    c
                    for c in people
                    if not c.full_forms()
                    and any(words_match(it.words[0], o.words[0]) for o in c.items)
                ),
                None,
            )
        if target is None:
            target = _Cluster("PER")
            people.append(target)
            clusters.append(target)
        target.items.append(it)


def _attach_single(
    it: _Item, people: list[_Cluster], story_of: Mapping[str, str] | None
) -> _Cluster | None:
    word = it.words[0]
    art = it.mention.article_id

    def family(c: _Cluster) -> bool:
        return any(words_match(word, f[-1]) for f in c.full_forms())

    def given(c: _Cluster) -> bool:
        return any(words_match(word, f[0]) for f in c.full_forms())

    with_full = [c for c in people if c.full_forms()]
    scopes: list[list[_Cluster]] = [
        [c for c in with_full if art in c.articles_with_full_name()],
        [
            c
            for c in with_full
            if any(_same_story(art, a, story_of) for a in c.articles_with_full_name())
        ],
        with_full,
    ]
    for scope in scopes:
        hits = [c for c in scope if family(c)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            return None
    # A given name alone: only within its own article, and only if unambiguous there.
    local = [c for c in scopes[0] if given(c)]
    return local[0] if len(local) == 1 else None


@lru_cache(maxsize=100_000)
def _base_keys(word: str, lang: str | None) -> frozenset[str]:
    """Matching keys of a word's candidate dictionary forms (its own among them)."""
    return frozenset(match_key(f) for f in base_forms(word, lang))


def _one_word_spelling(it: _Item, words: Sequence[str], known: KnownForm) -> bool:
    """Whether a one-word name spells a known one-word name (``words``, the split
    ``known.form``) of another article: the same word inflected (``Вальдонии``,
    ``Вальдония``) or written in another script (``Вальдония``, ``Valdonia``), or a place
    with the final vowel Spanish, Italian and Portuguese add (``Velgrad``, ``Velgrado``).
    Other same-script look-alikes (``Nexora``, ``Nexara``) stay apart across articles,
    though one article's look-alikes join."""
    if len(words) != 1 or _ACRONYM.match(known.form):
        return False
    a, b = it.words[0], words[0]
    if script_of(a) != script_of(b):
        return words_match(a, b)
    if it.mention.label == "LOC" and _vowel_added(a, it.mention.lang, b, known.lang):
        return True
    return match_key(b) in _base_keys(a, it.mention.lang) or match_key(a) in _base_keys(
        b, known.lang
    )


# languages that give a foreign place name ending in a consonant a final vowel
_VOWEL_ADDING = frozenset({"es", "it", "pt"})


def _vowel_added(a: str, lang_a: str | None, b: str, lang_b: str | None) -> bool:
    """One place name is the other with the final ``o`` or ``a`` that Spanish, Italian
    and Portuguese add to a foreign name ending in a consonant (Belgrad → Belgrado,
    Berlin → Berlino, Prag → Praga), written in one of those languages."""
    for short, long, lang in ((a, b, lang_b), (b, a, lang_a)):
        if (
            lang in _VOWEL_ADDING
            and len(short) >= 4
            and len(long) == len(short) + 1
            and long[-1].lower() in "oa"
            and short[-1].lower() not in "aeiouy"
            and match_key(long[:-1]) == match_key(short)
        ):
            return True
    return False


def _same_name_other_script(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two names of several words written in two scripts, word for word the same
    (``بورتو سيليستي``, ``Porto Celeste``)."""
    if len(a) < 2 or len(a) != len(b) or script_of(" ".join(a)) == script_of(" ".join(b)):
        return False
    return all(words_match(x, y) for x, y in zip(a, b, strict=True))


def _acronym_of(words: Sequence[str]) -> str:
    letters = [w[0] for w in words if w.lower() not in _ORG_STOPWORDS and w[:1].isalpha()]
    return "".join(letters).upper()


def _cluster_names(items: list[_Item], clusters: list[_Cluster], type_: EntityType) -> None:
    pool = [c for c in clusters if c.type == type_ and c.place is None]
    # Acronyms defined in parentheses right after a name: "Agence ... (FMA)".
    defined: dict[tuple[str, str], _Item] = {}
    for it in items:
        m = it.mention
        if _ACRONYM.match(m.text):
            continue
        tail = m.article_text[m.end : m.end + 48] if m.article_text else ""
        got = _ACRONYM_AFTER.match(tail)
        if got:
            defined[(m.article_id, got.group(1))] = it

    def same_key(it: _Item, c: _Cluster) -> bool:
        return any(o.key == it.key for o in c.items) or any(
            match_key(" ".join(f)) == it.key for f in c.known_forms
        )

    def joins(it: _Item, c: _Cluster) -> bool:
        """Whether ``it`` names ``c`` otherwise than by the same key (asked only once no
        cluster has its key: :func:`same_key`)."""
        for o in c.items:
            if len(o.words) == 1 and len(it.words) == 1 and words_match(o.words[0], it.words[0]):
                return True
            if _ACRONYM.match(it.mention.text) and _acronym_of(o.words) == it.mention.text:
                return True
            if _ACRONYM.match(o.mention.text) and _acronym_of(it.words) == o.mention.text:
                return True
            if o.script != it.script and _same_name_other_script(o.words, it.words):
                return True
        several = len(it.words) >= 2
        for f in c.known_forms:
            if several and len(f) == len(it.words) and _same_name_other_script(f, it.words):
                return True
        known = c.known
        if known is None or len(it.words) != 1 or _ACRONYM.match(it.mention.text):
            return False
        pairs = zip(c.known_forms, known.forms, strict=True)
        return any(_one_word_spelling(it, words, f) for words, f in pairs)

    ordered = sorted(items, key=lambda i: bool(_ACRONYM.match(i.mention.text)))
    for it in ordered:
        definer = defined.get((it.mention.article_id, it.mention.text))
        target = None
        if definer is not None:
            target = next((c for c in pool if definer in c.items), None)
        if target is None:  # a record with this very spelling first, then any that joins
            target = next((c for c in pool if same_key(it, c)), None)
        if target is None:
            target = next((c for c in pool if joins(it, c)), None)
        if target is None:
            target = _Cluster(type_)
            pool.append(target)
            clusters.append(target)
        target.items.append(it)


def _weight(c: _Cluster) -> int:
    """Mentions of a cluster: this batch's and, for a known entity, the registry's."""
    known = sum(f.count for f in c.known.forms) if c.known is not None else 0
    return len(c.items) + known


def _names_of(c: _Cluster) -> set[str]:
    keys = {it.key for it in c.items}
    keys.update(match_key(" ".join(f)) for f in c.known_forms)
    keys.discard("")
    return keys


def _join_across_types(clusters: list[_Cluster]) -> None:
    """A new organisation, place or other name written exactly like an entity of another
    of these types joins it: a known entity or a gazetteer place always, another new
    one when that has more mentions.

    Recognisers flip between ORG, LOC and MISC for the same name from article to article
    (``Nexora`` the platform, ``Porto Celeste`` the port and its authority, ``Facebook``;
    a country named for its government). The registry then gives the record the type
    most of its mentions have (``registry._follow_mention_types``). People are never
    joined to other types this way (``Jordan``).
    """
    others = [c for c in clusters if c.type != "PER" and (c.items or c.known is not None)]
    if len({c.type for c in others}) < 2:
        return
    movable = [c for c in others if c.known is None and c.place is None and c.items]
    if not movable:
        return
    names = {id(c): _names_of(c) for c in others}
    by_name: dict[str, list[_Cluster]] = defaultdict(list)
    for c in others:
        for key in names[id(c)]:
            by_name[key].append(c)
    for c in sorted(movable, key=_weight):
        if not c.items:
            continue
        rivals = {
            id(o): o
            for key in names[id(c)]
            for o in by_name[key]
            if o.type != c.type and (o.items or o.known is not None)
        }
        if not rivals:
            continue
        target = max(rivals.values(), key=lambda o: (o.known is not None, _weight(o)))
        if target.known is not None or target.place is not None or _weight(target) > _weight(c):
            target.items.extend(c.items)
            c.items = []


# -- canonical names ----------------------------------------------------------------------
def canonical_name(cluster: _Cluster) -> str:
    """The gazetteer's name for a place; else the most frequent Latin full form, one not
    all in capitals first (a known entity keeps its name once a Latin spelling was seen,
    unless that name is in capitals and another is not); else, for a currency's name in
    its language tagged as another name (``يورو``, MISC), the currency's English name;
    else a romanisation of the most frequent full form."""
    if cluster.place is not None:
        return cluster.place.name
    known = cluster.known
    items = cluster.items
    latin = Counter(i.form for i in items if i.script == "Latn" and not _is_acronym(i.form))
    if not latin:
        latin = Counter(i.form for i in items if i.script == "Latn")
    # a name first seen in capitals (a dateline's ``PUERTO CELESTE``) takes the first
    # spelling in ordinary case that comes along
    capitals = known is not None and known.name.isupper() and any(not f.isupper() for f in latin)
    if known is not None and not capitals and any(script_of(f.form) == "Latn" for f in known.forms):
        return known.name
    if latin:
        return max(
            latin, key=lambda f: (len(split_name(f)) >= 2, not f.isupper(), latin[f], len(f))
        )
    if known is not None:
        return known.name
    counts = Counter(i.form for i in items)
    best = max(counts, key=lambda f: (len(split_name(f)) >= 2, counts[f], len(f)))
    if cluster.type == "MISC":
        langs = Counter(i.mention.lang for i in items if i.form == best)
        currency = english_currency_name(best, langs.most_common(1)[0][0])
        if currency is not None:
            return currency
    return romanize(best)


def _is_acronym(form: str) -> bool:
    return bool(_ACRONYM.match(form))


def _lookup_keys(items: list[_Item]) -> list[frozenset[str]]:
    """The block keys under which a known entity these items could name is filed, one
    group of alternative keys per name."""
    from newsweave.entities.blocking import (
        family_query_keys,
        last_word_query_keys,
        word_query_keys,
    )

    groups: set[frozenset[str]] = set()
    for it in items:
        if it.place is not None:
            continue
        if it.mention.label == "PER":
            if it.words:
                groups.add(family_query_keys(it.words[-1]))
        elif it.key:
            groups.add(frozenset({"n:" + it.key}))
            if len(it.words) == 1:  # an inflected or other-script spelling of a known word
                groups.add(word_query_keys(it.words[0]))
            elif it.words:  # the same name in another script
                groups.add(last_word_query_keys(it.words[-1]))
    return sorted(groups, key=sorted)


# -- entry point ------------------------------------------------------------------------
def link_mentions(
    mentions: Iterable[MentionIn],
    known: Iterable[KnownEntity] = (),
    *,
    story_of: Mapping[str, str] | None = None,
    gazetteer: Gazetteer | None = None,
    source: KnownSource | None = None,
    own_keys: bool = True,
) -> list[ResolvedMention]:
    """Resolve each mention to an entity (see the module docstring for the rules).

    ``known`` are entities already in the registry: a mention that matches one gets its
    id. ``source`` replaces ``known`` for a large registry: it is asked only for the
    entities these mentions could name (:mod:`newsweave.entities.blocking`), and new
    entity ids avoid every id it holds. ``story_of`` maps article ids to story ids, so
    that a bare family name can join a full name found in another article of the same
    story. ``own_keys`` (with a ``source``): compare each person's name only with the
    known people found under its own keys; False compares it with every one handed over
    (measured against in :mod:`newsweave.evals.linking`). The result follows the
    cleaned-up mentions (overlaps removed, given names merged), in article and offset
    order.
    """
    gaz = gazetteer or default_gazetteer()
    cleaned = _one_type_per_name(
        _datelines_as_places(_person_given_names(_drop_overlaps(list(mentions)), gaz))
    )
    items = [_item(m, gaz) for m in cleaned]
    if source is None:
        known = list(known)
        _strip_particles(items, _known_words(known))
    else:
        _strip_particles(items, source.attested(_particle_words(items)))
        types = {m.label for m in cleaned} | {"LOC"}
        if types - {"PER"}:  # a name may already be known under another of these types
            types |= {"ORG", "LOC", "MISC"}
        places = {it.place.id for it in items if it.place is not None}
        known = source.candidates(_lookup_keys(items), places, types)

    clusters: list[_Cluster] = []
    for k in known:
        c = _Cluster(k.type, known=k, place=gaz.get(k.place_id) if k.place_id else None)
        c.known_forms = [split_name(f.form) for f in k.forms]
        clusters.append(c)
    by_place: dict[str, _Cluster] = {c.place.id: c for c in clusters if c.place is not None}

    groups: dict[str, list[_Item]] = defaultdict(list)
    for it in items:
        if it.place is not None:
            cluster = by_place.get(it.place.id)
            if cluster is None:
                cluster = _Cluster("LOC", place=it.place)
                by_place[it.place.id] = cluster
                clusters.append(cluster)
            cluster.items.append(it)
        else:
            groups[it.mention.label].append(it)
    _cluster_people(
        groups.get("PER", []), clusters, story_of, blocked=source is not None and own_keys
    )
    other_types: tuple[EntityType, ...] = ("ORG", "LOC", "MISC")
    for type_ in other_types:
        _cluster_names(groups.get(type_, []), clusters, type_)
    _join_across_types(clusters)

    out: list[ResolvedMention] = []
    used: Counter[str] = Counter(c.known.id for c in clusters if c.known is not None)
    for c in clusters:
        if not c.items:
            continue
        name = canonical_name(c)
        if c.known is not None:
            eid = c.known.id
        else:
            base = entity_id(c.type, name)
            used[base] += 1
            eid = base if used[base] == 1 else f"{base}-{used[base]}"
            while source is not None and source.taken(eid):
                used[base] += 1
                eid = f"{base}-{used[base]}"
        for it in c.items:
            out.append(
                ResolvedMention(
                    mention=it.mention,
                    entity_id=eid,
                    name=name,
                    type=c.type,
                    form=it.form,
                    norm_key=it.key,
                    script=it.script,
                    place_id=c.place.id if c.place else None,
                )
            )
    out.sort(key=lambda r: (r.mention.article_id, r.mention.start))
    return out
