"""Relabelling a corpus to the annotation conventions of another one.

Two annotations of one language can disagree on what a mention is: RONEC v2 tags
pronouns and role nouns (``el``, ``cei``, ``ministrul``) as PERSON far more often than
RONEC v1, keeps a lowercase mention to its head noun (``ministru``, not ``fost
ministru``), puts forms of address inside the name (``domnul Ion Popescu``) and types
``Uniunea Europeană`` as an organisation where v1 has a place. :func:`learn_conventions`
reads these habits off the *style* corpus (the one a model is judged by) as word lists
with counts; :func:`harmonise` rewrites a sentence of another corpus to follow them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from newsweave.entities.ner.corpus import Sentence
from newsweave.entities.ner.features import normalise
from newsweave.entities.ner.scoring import iob2_spans


@dataclass(frozen=True, slots=True)
class Conventions:
    """What the style corpus tags, as normalised words and names.

    ``person_words``: lowercase words it mostly tags as a person on their own;
    ``plain_words``: lowercase words it has seen often and hardly ever tags so;
    ``heads``: words it has tagged as (the head of) a lowercase person mention;
    ``phrases``: (first, second word) of its multi-word lowercase person mentions;
    ``prefixes``: words it puts inside a person's name when they precede it;
    ``types``: names it gives one type consistently (name tokens -> type);
    ``quoted``: types whose names it tags with the quotation marks around them;
    ``acronyms``: types whose names it tags with an acronym after them in brackets;
    ``leads``: lowercase words it puts at the head of a name when they precede one, with
    the type the name then takes (``мэрии Москвы`` is an organisation, ``Москвы`` alone
    a place);
    ``lone``: lowercase words it tags on their own as a mention, with its type
    (``правительство``);
    ``detached``: types whose names it tags apart from the acronym in brackets after them;
    ``absorbs``: outer type -> inner type, when it makes a name of the inner type just
    after one of the outer type part of it (``Госдепартамента США``, one organisation).
    """

    person_words: frozenset[str] = frozenset()
    plain_words: frozenset[str] = frozenset()
    heads: frozenset[str] = frozenset()
    phrases: frozenset[tuple[str, str]] = frozenset()
    prefixes: frozenset[str] = frozenset()
    types: dict[tuple[str, ...], str] = field(default_factory=dict)
    quoted: frozenset[str] = frozenset()
    acronyms: frozenset[str] = frozenset()
    leads: dict[str, str] = field(default_factory=dict)
    lone: dict[str, str] = field(default_factory=dict)
    detached: frozenset[str] = frozenset()
    absorbs: dict[str, str] = field(default_factory=dict)


_OPEN = frozenset({'"', "„", "“", "«", "‚", "‘"})
_CLOSE = frozenset({'"', "”", "“", "»", "’"})


def _quoted_inside(tokens: list[str], start: int, end: int) -> bool:
    return end - start > 2 and tokens[start] in _OPEN and tokens[end - 1] in _CLOSE


def _quoted_outside(tokens: list[str], start: int, end: int) -> bool:
    return start > 0 and end < len(tokens) and tokens[start - 1] in _OPEN and tokens[end] in _CLOSE


def _acronym_inside(tokens: list[str], start: int, end: int) -> bool:
    return end - start > 3 and tokens[end - 3] == "(" and tokens[end - 1] == ")"


def _acronym_after(sentence: Sentence, end: int, kind: str) -> bool:
    tokens, tags = sentence.tokens, sentence.tags
    return (
        end + 2 < len(tokens)
        and tokens[end] == "("
        and tags[end + 1] == f"B-{kind}"
        and tokens[end + 2] == ")"
        and tags[end] == "O"
        and tags[end + 2] == "O"
    )


def _lower(token: str) -> bool:
    return not token[:1].isupper()


def _lower_word(token: str) -> bool:
    return token[:1].isalpha() and token[:1].islower()


def _rate(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def learn_conventions(
    style: Iterable[Sentence],
    lang: str,
    min_count: int = 2,
    min_rate: float = 0.5,
    kinds: Iterable[str] = (),
) -> Conventions:
    """Read annotation habits off ``style`` (a sentence seen twice counts once).

    A word enters ``person_words`` when it is tagged as (the head of) a lowercase person
    mention at least ``min_count`` times and in at least ``min_rate`` of its lowercase
    occurrences, ``plain_words`` when it occurs ``5 * min_count`` times or more and is so
    tagged in under a tenth of them; a word enters ``prefixes`` when at least
    ``min_count`` multi-word person names start with it and it opens a name at least
    ``min_rate`` of the times it stands before or at the start of one. A name enters
    ``types`` when it is tagged ``min_count`` times or more, always with one type. A type
    enters ``quoted`` (``acronyms``) when ``min_count`` or more of its names hold their
    quotation marks (bracketed acronym), at least ``min_rate`` of those that have any.
    For the types in ``kinds`` (none by default) a lowercase word enters ``leads`` when
    it heads ``min_count`` or more names that go on with a capitalised word, at least
    ``min_rate`` of the times it heads or precedes such a name, and ``lone`` when it is
    tagged on its own ``min_count`` times or more, in at least ``min_rate`` of its
    lowercase occurrences (each takes the type it has most often). Such a type enters
    ``detached`` when ``min_count`` or more of its names have a bracketed acronym after
    them, at least ``min_rate`` of those with one inside or after; ``absorbs`` maps it to
    another type when ``min_count`` or more of its names end in a name the style gives
    that type (up to three words), at least ``min_rate`` of those plus the times the two
    stand side by side as separate names.
    """
    wanted = frozenset(kinds)
    lead_kinds: dict[str, Counter[str]] = {}
    lead_misses: Counter[str] = Counter()
    lone_kinds: dict[str, Counter[str]] = {}
    # (outer, inner type): names ending in a name of the inner type / followed by one
    joined: Counter[tuple[str, str]] = Counter()
    apart: Counter[tuple[str, str]] = Counter()
    tails: list[tuple[str, tuple[str, ...]]] = []
    seen: set[str] = set()
    occurs: Counter[str] = Counter()
    heads: Counter[str] = Counter()
    opens: Counter[str] = Counter()
    precedes: Counter[str] = Counter()
    phrases: set[tuple[str, str]] = set()
    names: dict[tuple[str, ...], Counter[str]] = {}
    # per type: names with quotation marks / a bracketed acronym inside, and outside
    wrapped: dict[tuple[str, bool], Counter[str]] = {}
    for s in style:
        key = "\x00".join(s.tokens)
        if key in seen:
            continue
        seen.add(key)
        words = [normalise(t, lang) for t in s.tokens]
        for i, tok in enumerate(s.tokens):
            if _lower(tok):
                occurs[words[i]] += 1
        spans = iob2_spans(s.tags)
        for (_, end, outer), (start, _, inner) in pairwise(spans):
            if end == start and outer in wanted and outer != inner:
                apart[(outer, inner)] += 1
        for start, end, kind in spans:
            names.setdefault(tuple(words[start:end]), Counter())[kind] += 1
            toks = s.tokens
            if _quoted_inside(toks, start, end) or _quoted_outside(toks, start, end):
                inside = _quoted_inside(toks, start, end)
                wrapped.setdefault(("quote", inside), Counter())[kind] += 1
            if _acronym_inside(toks, start, end) or _acronym_after(s, end, kind):
                inside = _acronym_inside(toks, start, end)
                wrapped.setdefault(("acronym", inside), Counter())[kind] += 1
            span = s.tokens[start:end]
            if kind in wanted and end - start > 1:
                tails.append((kind, tuple(words[start:end])))
            if kind in wanted and _lower_word(span[0]):
                if end - start == 1:
                    lone_kinds.setdefault(words[start], Counter())[kind] += 1
                elif not all(_lower(t) for t in span[1:]):
                    lead_kinds.setdefault(words[start], Counter())[kind] += 1
            if start > 0 and s.tags[start - 1] == "O" and not _lower(span[0]):
                lead_misses[words[start - 1]] += 1
            if kind != "PER":
                continue
            if all(_lower(t) for t in s.tokens[start:end]):
                heads[words[start]] += 1
                if end - start > 1:
                    phrases.add((words[start], words[start + 1]))
            elif end - start > 1:
                opens[words[start]] += 1
            if start > 0 and s.tags[start - 1] == "O":
                precedes[words[start - 1]] += 1
    person = {w for w, n in heads.items() if n >= min_count and _rate(n, occurs[w]) >= min_rate}
    plain = {w for w, n in occurs.items() if n >= 5 * min_count and _rate(heads[w], n) < 0.1}
    prefixes = {
        w
        for w, n in opens.items()
        if n >= min_count and _rate(n, n + precedes[w]) >= min_rate and not w[:1].isdigit()
    }
    types = {
        name: next(iter(kinds))
        for name, kinds in names.items()
        if len(kinds) == 1 and sum(kinds.values()) >= min_count
    }

    def kinds_inside(what: str) -> frozenset[str]:
        ins, outs = wrapped.get((what, True), Counter()), wrapped.get((what, False), Counter())
        return frozenset(
            k for k, n in ins.items() if n >= min_count and _rate(n, n + outs[k]) >= min_rate
        )

    for kind, name in tails:
        for k in range(min(3, len(name) - 1), 0, -1):
            seen_as = names.get(name[-k:])
            if seen_as and (top := seen_as.most_common(1)[0][0]) != kind:
                joined[(kind, top)] += 1
                break
    absorbs = {
        outer: inner
        for (outer, inner), n in joined.items()
        if n >= min_count and _rate(n, n + apart[(outer, inner)]) >= min_rate
    }
    acronym_in = wrapped.get(("acronym", True), Counter())
    acronym_out = wrapped.get(("acronym", False), Counter())
    detached = frozenset(
        k
        for k, n in acronym_out.items()
        if k in wanted and n >= min_count and _rate(n, n + acronym_in[k]) >= min_rate
    )

    def typed(counts: dict[str, Counter[str]], total: Counter[str]) -> dict[str, str]:
        return {
            w: kc.most_common(1)[0][0]
            for w, kc in counts.items()
            if (n := sum(kc.values())) >= min_count and _rate(n, total[w]) >= min_rate
        }

    lead_totals = Counter({w: sum(kc.values()) + lead_misses[w] for w, kc in lead_kinds.items()})
    return Conventions(
        frozenset(person),
        frozenset(plain),
        frozenset(heads),
        frozenset(phrases),
        frozenset(prefixes),
        types,
        kinds_inside("quote"),
        kinds_inside("acronym"),
        typed(lead_kinds, lead_totals),
        typed(lone_kinds, occurs),
        detached,
        absorbs,
    )


def harmonise(sentence: Sentence, conv: Conventions, lang: str) -> Sentence:
    """``sentence`` with its tags rewritten to the conventions ``conv`` describes.

    A name of ``types`` takes its type there. Lowercase person mentions that start with
    a ``plain_words`` word and hold no ``heads`` word are dropped, the others cut to
    their first ``heads`` word (or their first word) and, if ``phrases`` has it with its
    successor, the words after it; untagged ``person_words`` become one-word person
    mentions; a ``prefixes`` word just before a person's name is taken into it; names of
    ``quoted`` types take in the quotation marks around them, names of ``acronyms``
    types a bracketed acronym of their type just after them. Then names of ``detached``
    types give up their bracketed acronym (tagged as a name of its own), a name just
    after one of the type that ``absorbs`` its type becomes part of it, a capitalised
    name (not a person's) takes in the untagged ``leads`` words just before it (and an
    opening quotation mark between them) and the type of the first of them, and
    untagged ``lone`` words become one-word mentions of their type.
    """
    tokens = sentence.tokens
    words = [normalise(t, lang) for t in tokens]
    tags = list(sentence.tags)
    for start, end, kind in iob2_spans(sentence.tags):
        typed = conv.types.get(tuple(words[start:end]), kind)
        if typed != kind:
            tags[start] = f"B-{typed}"
            tags[start + 1 : end] = [f"I-{typed}"] * (end - start - 1)
            continue
        if kind != "PER" or not all(_lower(t) for t in tokens[start:end]):
            continue
        head = next((j for j in range(start, end) if words[j] in conv.heads), None)
        if head is None and words[start] in conv.plain_words:
            tags[start:end] = ["O"] * (end - start)
            continue
        head = start if head is None else head
        phrase = head + 1 < end and (words[head], words[head + 1]) in conv.phrases
        last = end if phrase else head + 1
        tags[start:end] = ["O"] * (end - start)
        tags[head] = "B-PER"
        tags[head + 1 : last] = ["I-PER"] * (last - head - 1)
    for i, tok in enumerate(tokens):
        if tags[i] == "O" and (_lower(tok) or i == 0) and words[i] in conv.person_words:
            tags[i] = "B-PER"
            if i + 1 < len(tags) and tags[i + 1].startswith("I-"):
                tags[i + 1] = "B-" + tags[i + 1][2:]
    for start, _, kind in iob2_spans(tags):
        if kind != "PER" or _lower(tokens[start]):
            continue
        i = start
        while i > 0 and tags[i - 1] == "O" and words[i - 1] in conv.prefixes:
            tags[i] = "I-PER"
            tags[i - 1] = "B-PER"
            i -= 1
    if conv.leads or conv.lone or conv.detached or conv.absorbs:
        _restyle_names(tokens, words, tags, conv)
    for start, end, kind in reversed(iob2_spans(tags)):
        if kind in conv.acronyms and _acronym_after(Sentence(tokens, tags), end, kind):
            tags[end : end + 3] = [f"I-{kind}"] * 3
            end += 3
        if (
            kind in conv.quoted
            and _quoted_outside(tokens, start, end)
            and tags[start - 1] == "O"
            and tags[end] == "O"
        ):
            tags[start - 1] = f"B-{kind}"
            tags[start] = f"I-{kind}"
            tags[end] = f"I-{kind}"
            if end + 1 < len(tags) and tags[end + 1].startswith("I-"):
                tags[end + 1] = "B-" + tags[end + 1][2:]
    return Sentence(list(tokens), tags)


def _restyle_names(tokens: list[str], words: list[str], tags: list[str], conv: Conventions) -> None:
    """Apply ``detached``, ``absorbs``, ``leads`` and ``lone`` of ``conv`` to ``tags``."""
    for start, end, kind in iob2_spans(tags):
        if kind in conv.detached and _acronym_inside(tokens, start, end):
            tags[end - 3 : end] = ["O", f"B-{kind}", "O"]
    spans = iob2_spans(tags)
    for (_, end, outer), (start, stop, inner) in pairwise(spans):
        if end == start and conv.absorbs.get(outer) == inner:
            tags[start:stop] = [f"I-{outer}"] * (stop - start)
    for start, end, kind in iob2_spans(tags):
        if kind == "PER" or _lower(tokens[start]):
            continue
        i = start
        if (
            i > 1
            and tokens[i - 1] in _OPEN
            and tags[i - 2] == tags[i - 1] == "O"
            and _lower_word(tokens[i - 2])
            and words[i - 2] in conv.leads
        ):
            i -= 1  # a lead word before the opening quotation mark: ``движения « Архнадзор``
        while i > 0 and tags[i - 1] == "O" and _lower_word(tokens[i - 1]):
            if words[i - 1] not in conv.leads:
                break
            i -= 1
        if i < start:
            kind = conv.leads[words[i]]
            tags[i] = f"B-{kind}"
            tags[i + 1 : end] = [f"I-{kind}"] * (end - i - 1)
    for i, tok in enumerate(tokens):
        if tags[i] == "O" and _lower_word(tok) and words[i] in conv.lone:
            tags[i] = f"B-{conv.lone[words[i]]}"
            if i + 1 < len(tags) and tags[i + 1].startswith("I-"):
                tags[i + 1] = "B-" + tags[i + 1][2:]
