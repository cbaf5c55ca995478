"""How the style corpus draws a name's edges, applied to what a model tags.

A model for Russian learns from corpora that draw names differently; the relabelling in
:mod:`.harmonise` moves their training data towards the style corpus (factRuEval), but
three of its habits stay weak in the model's output, and are applied after tagging:

- *Descriptors*: factRuEval tags an organisation together with the lowercase word that
  says what it is: ``партии « Яблоко``, ``правительства США``, ``газеты « Труд``. A
  descriptor the style corpus shows once or twice (in another case form) is mostly left
  outside the name by the model, and a place after it stays a place. :func:`learn_style`
  reads these descriptors off the style corpus by their root (``партии``, ``партия`` →
  ``парти``): a root enters :attr:`HouseStyle.leads` when it heads a name of the wanted
  types that goes on with a capitalised word at least :data:`MIN_COUNT` times, in at
  least :data:`MIN_RATE` of the times it heads or stands just before such a name.
- *Punctuation*: Wikipedia-based training data tags ``Барри Лоуенкрон ( Barry
  Lowenkron`` and lists (``Нагибин , Владимир``) as one name; factRuEval tags each
  name apart. A punctuation mark (not a full stop) that the style corpus has beside names
  at least :data:`MIN_AROUND` times and inside at most :data:`MAX_INSIDE` of them enters
  :attr:`HouseStyle.apart`; opening quotation marks stay (``партии « Яблоко``).
- *Letters*: factRuEval never tags a name without a letter; the model, taught by
  corpora that do, tags chess ratings and years (``рейтинг — 2804``).
  :attr:`HouseStyle.letters` records that the style corpus holds no such name.

:func:`apply_style` widens each tagged name (other than a person's) over the descriptors
just before it (over one opening quotation mark) with the descriptor's type, and cuts
names at the marks in ``apart`` (a piece without a capitalised word is no name; a piece
the gazetteer knows as a place becomes one, as does a name standing alone between such
marks: ``Иван Соколов ( Нидерланды )``), and drops names without a letter where the style
has none. Articles keep each name's proper-name core,
so descriptors do not reach them (see
:func:`newsweave.entities.ner.recognize.recognize_parts`); the cuts do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from newsweave.entities.ner.corpus import Sentence
from newsweave.entities.ner.features import normalise, romanian_root, russian_root
from newsweave.entities.ner.scoring import iob2_spans

#: A root must head this many names in the style corpus...
MIN_COUNT = 1
#: ...in at least this share of the times it heads or directly precedes one.
MIN_RATE = 0.5
#: A punctuation mark is kept apart when at most this share of the names around it
#: hold it...
MAX_INSIDE = 0.05
#: ...and the style corpus has at least this many names holding it or beside it.
MIN_AROUND = 5

_OPEN = frozenset({"«", '"', "„", "“", "‚"})


def _is_mark(token: str) -> bool:
    """A token of punctuation only (a bracket, comma, quotation mark, dash...); a full
    stop is not one: it belongs to initials (``А . Кудрин``) and abbreviations."""
    return bool(token) and "." not in token and not any(c.isalnum() for c in token)


@dataclass(frozen=True, slots=True)
class HouseStyle:
    """Descriptor root → type of the names it heads, punctuation names never hold, and
    whether every name holds a letter."""

    leads: dict[str, str] = field(default_factory=dict)
    apart: frozenset[str] = frozenset()
    letters: bool = False

    def __bool__(self) -> bool:
        return bool(self.leads or self.apart or self.letters)

    def to_json(self) -> dict[str, object]:
        """The form stored in a model's lexicon."""
        return {"leads": self.leads, "apart": sorted(self.apart), "letters": self.letters}

    @classmethod
    def from_json(cls, data: Mapping[str, object] | None) -> HouseStyle:
        """Read :meth:`to_json`'s form back (``None``: no style)."""
        if not data:
            return cls()
        leads = data.get("leads") or {}
        apart = data.get("apart") or []
        if not isinstance(leads, dict) or not isinstance(apart, list):
            raise ValueError("a house style holds a 'leads' mapping and an 'apart' list")
        return cls(
            {str(k): str(v) for k, v in leads.items()},
            frozenset(map(str, apart)),
            bool(data.get("letters", False)),
        )


def lead_key(word: str, lang: str) -> str:
    """The form descriptors are compared by: the normalised word's root where one exists."""
    low = normalise(word, lang)
    if lang == "ru":
        return russian_root(low)
    if lang == "ro":
        return romanian_root(low)
    return low


def _has_letter(tokens: Sequence[str]) -> bool:
    return any(c.isalpha() for t in tokens for c in t)


def _lower_word(token: str) -> bool:
    return token[:1].isalpha() and token[:1].islower()


def _before(tokens: Sequence[str], tags: Sequence[str], start: int) -> int | None:
    """Index of the untagged lowercase word just before ``start`` (over one opening
    quotation mark), or None."""
    k = start - 1
    if k >= 1 and tokens[k] in _OPEN and tags[k] == "O":
        k -= 1
    if k >= 0 and tags[k] == "O" and _lower_word(tokens[k]):
        return k
    return None


def learn_style(
    style: Iterable[Sentence],
    lang: str,
    kinds: Iterable[str],
    min_count: int = MIN_COUNT,
    min_rate: float = MIN_RATE,
) -> HouseStyle:
    """The habits of ``style`` described in the module docstring; descriptors are learned
    for the types in ``kinds``. A sentence met more than once counts once."""
    wanted = frozenset(kinds)
    heads: dict[str, Counter[str]] = {}
    outside: Counter[str] = Counter()
    held: Counter[str] = Counter()  # mark -> names holding it
    beside: Counter[str] = Counter()  # mark -> names just before or after it
    seen: set[str] = set()
    names = letterless = 0
    for s in style:
        key = "\x00".join(s.tokens)
        if key in seen:
            continue
        seen.add(key)
        toks = s.tokens
        for start, end, kind in iob2_spans(s.tags):
            names += 1
            letterless += not _has_letter(toks[start:end])
            for mark in {t for t in toks[start:end] if _is_mark(t)}:
                held[mark] += 1
            for at in (start - 1, end):
                if 0 <= at < len(toks) and _is_mark(toks[at]):
                    beside[toks[at]] += 1
            if _lower_word(toks[start]):
                goes_on = any(t[:1].isupper() for t in toks[start + 1 : end])
                if kind in wanted and goes_on:
                    heads.setdefault(lead_key(toks[start], lang), Counter())[kind] += 1
                continue
            prev = _before(toks, s.tags, start)
            if prev is not None:
                outside[lead_key(toks[prev], lang)] += 1
    leads: dict[str, str] = {}
    if wanted:
        for root, kinds_seen in heads.items():
            n = sum(kinds_seen.values())
            if n >= min_count and n / (n + outside[root]) >= min_rate:
                leads[root] = kinds_seen.most_common(1)[0][0]
    apart = frozenset(
        m for m, n in (held + beside).items() if n >= MIN_AROUND and held[m] <= MAX_INSIDE * n
    )
    return HouseStyle(leads, apart, names > 0 and letterless == 0)


def _cut_at_marks(
    tokens: Sequence[str],
    tags: list[str],
    apart: frozenset[str],
    is_place: Callable[[Sequence[str]], bool] | None,
) -> None:
    for start, end, kind in iob2_spans(tags):
        if not apart.intersection(tokens[start:end]):
            alone = start > 0 and end < len(tokens) and {tokens[start - 1], tokens[end]} <= apart
            if alone and kind == "ORG" and is_place is not None and is_place(tokens[start:end]):
                # «Иван Соколов ( Нидерланды )»: a place, as a piece cut off would be
                tags[start:end] = ["B-LOC"] + ["I-LOC"] * (end - start - 1)
            continue
        opened = False
        for i in range(start, end):
            if tokens[i] in apart:
                tags[i] = "O"
                opened = True
            elif opened or i == start:
                tags[i] = f"B-{kind}"
                opened = False
        for a, b, _k in iob2_spans(tags[start:end]):
            piece = tokens[start + a : start + b]
            if not any(t[:1].isupper() for t in piece):
                tags[start + a : start + b] = ["O"] * (b - a)
            elif kind != "LOC" and is_place is not None and is_place(piece):
                # the type was the glued name's: «Хорхе Ларрионда ( Уругвай )»
                tags[start + a : start + b] = ["B-LOC"] + ["I-LOC"] * (b - a - 1)


def apply_style(
    tokens: Sequence[str],
    tags: Sequence[str],
    style: HouseStyle,
    lang: str,
    descriptors: bool = True,
    is_place: Callable[[Sequence[str]], bool] | None = None,
) -> list[str]:
    """``tags`` without names that hold no letter (where the style has none), cut at the
    punctuation the style keeps apart, with each non-person name then widened over the
    descriptors before it (unless ``descriptors`` is false). A piece cut off a name, or an
    organisation's name standing alone between such marks, becomes a place when
    ``is_place`` knows it as one."""
    out = list(tags)
    if style.letters:
        for start, end, _kind in iob2_spans(out):
            if not _has_letter(tokens[start:end]):
                out[start:end] = ["O"] * (end - start)
    if style.apart:
        _cut_at_marks(tokens, out, style.apart, is_place)
    if not style.leads or not descriptors:
        return out
    for start, end, kind in reversed(iob2_spans(out)):
        if kind == "PER" or _lower_word(tokens[start]):
            continue
        first = start
        while (k := _before(tokens, out, first)) is not None and lead_key(
            tokens[k], lang
        ) in style.leads:
            first = k
        if first < start:
            kind = style.leads[lead_key(tokens[first], lang)]
            out[first] = f"B-{kind}"
            out[first + 1 : end] = [f"I-{kind}"] * (end - first - 1)
    return out
