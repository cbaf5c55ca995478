"""Turn the numbers of a text into :class:`~newsweave.facts.model.Fact` records.

Each number found by :func:`~newsweave.facts.mentions.find_numbers` is read in its
context, in this order:

1. inside a date ("15 mars 2022", "أغسطس 2021") → ``date``;
2. a currency sign, code or name before or after it ("$41.5k", "190 مليون دولار",
   "100 milliards de tenges") → ``money`` (minor units such as cents stay in their unit);
3. "%", "percent", "pour cent", "بالمئة" after it → ``percent``;
4. a unit after it ("600 MW", "600 ميجاوات", "600MW") → ``quantity``;
5. a four-digit integer between 1800 and 2100 that counts nothing → ``year``;
6. anything else → ``count``, with the counted noun that follows (or an event word
   nearby: "164 killed", "احتجاز 6000") normalised through the language's lexicon.

A hedge before the figure ("more than", "نحو", "plus de") or after it ("على الأقل")
turns the value into a range. Everything the rules look at is in the language tables.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave.facts.currency import SIGNS, currency_phrases, iso_codes, longest_currency_phrase
from newsweave.facts.dates import DateMention, find_dates, fold_same_length
from newsweave.facts.lang import get_tables
from newsweave.facts.lang.base import HedgeEntry, LanguageTables
from newsweave.facts.lang.common import PERSON_LABELS
from newsweave.facts.mentions import NumberMention, scan
from newsweave.facts.model import (
    FLAG_COMPOUND_SCALE,
    FLAG_FRACTION,
    FLAG_GLUED,
    FLAG_MINOR_UNIT,
    FLAG_NEGATIVE,
    FLAG_RELATIVE_DATE,
    FLAG_SPELLED,
    Fact,
    FactKind,
)
from newsweave.facts.sentences import split_sentences
from newsweave.facts.tokens import Token
from newsweave.facts.units import UNIT_SYMBOLS

_PERCENT_SIGNS = ("%", "٪", "‰")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_EVENT_WINDOW = 4


class _Context:
    """The tokens of one text and helpers to match table phrases around a number."""

    def __init__(self, text: str, toks: list[Token], tables: LanguageTables) -> None:
        self.text = text
        self.toks = toks
        self.t = tables
        self.n = len(toks)

    def adjacent(self, a: int, b: int) -> bool:
        """Tokens a and b are separated by spaces only (no line break, no punctuation)."""
        if a < 0 or b >= self.n:
            return False
        gap = self.text[self.toks[a].end : self.toks[b].start]
        return "\n" not in gap and gap.strip() in ("", "-")

    def keys(self, i: int, size: int) -> tuple[str, ...] | None:
        if i < 0 or i + size > self.n:
            return None
        if not all(self.adjacent(i + k - 1, i + k) for k in range(1, size)):
            return None
        return tuple(self.toks[i + k].key for k in range(size))

    def match_after(
        self, i: int, table: dict[tuple[str, ...], str], longest: int
    ) -> tuple[str, int] | None:
        """The longest phrase of ``table`` starting at token i: (value, tokens)."""
        for size in range(min(longest, self.n - i), 0, -1):
            key = self.keys(i, size)
            if key is not None and key in table:
                return table[key], size
        return None

    def match_before(
        self,
        end: int,
        table: dict[tuple[str, ...], str] | dict[tuple[str, ...], HedgeEntry],
        longest: int,
    ) -> tuple[object, int] | None:
        """The longest phrase of ``table`` ending right before token ``end``."""
        for size in range(min(longest, end), 0, -1):
            key = self.keys(end - size, size)
            if key is not None and key in table and self.adjacent(end - 1, end):
                return table[key], size
        return None


def _lookup_noun(ctx: _Context, i: int) -> tuple[str, str, int] | None:
    """Counted noun at token i: (label, raw text, tokens), trying prefixes and endings."""
    t = ctx.t
    hit = ctx.match_after(i, t.counted_phrases, t.max_phrase)
    if hit is not None:
        label, size = hit
        return label, ctx.text[ctx.toks[i].start : ctx.toks[i + size - 1].end], size
    if i >= ctx.n or ctx.toks[i].kind != "word":
        return None
    key = ctx.toks[i].key
    stems = [key]
    for prefix in t.noun_prefixes:
        if key.startswith(prefix) and len(key) - len(prefix) >= 2:
            stems.append(key[len(prefix) :])
    for stem in list(stems):
        for ending in t.noun_endings:
            if stem.endswith(ending) and len(stem) - len(ending) >= 2:
                stems.append(stem[: -len(ending)])
    for stem in stems[1:]:
        found = t.counted_phrases.get((stem,))
        if found is not None:
            return found, ctx.toks[i].text, 1
    return None


def _event_near(ctx: _Context, first: int, last: int) -> str | None:
    """An event word ("killed", "احتجاز") within a few tokens around tokens first..last."""
    forward = list(range(last, min(ctx.n, last + _EVENT_WINDOW)))
    backward = list(range(first - 1, max(-1, first - 1 - _EVENT_WINDOW), -1))
    for direction in (forward, backward):
        for j in direction:
            tok = ctx.toks[j]
            if tok.kind == "sym" and tok.text in ".;!?؟؛:":
                break
            event = _event_word(ctx, tok)
            if event is not None:
                return event
    return None


def _event_word(ctx: _Context, tok: Token) -> str | None:
    t = ctx.t
    """The canonical event of a word ("killed", "detained"), trying clitic prefixes."""
    event = t.event_words.get(tok.key)
    if event is None:
        for prefix in t.noun_prefixes:
            if tok.key.startswith(prefix):
                event = t.event_words.get(tok.key[len(prefix) :])
                if event:
                    break
    return event


def _hedge(ctx: _Context, start_tok: int) -> tuple[HedgeEntry, int] | None:
    longest = max((len(k) for k in ctx.t.hedges), default=0)
    hit = ctx.match_before(start_tok, ctx.t.hedges, longest)
    if hit is None:
        return None
    entry, size = hit
    return entry, size  # type: ignore[return-value]


def _post_hedge(ctx: _Context, end_tok: int) -> HedgeEntry | None:
    """A hedge after the figure ("على الأقل", "تقريبا")."""
    for phrase, entry in ctx.t.post_hedges.items():
        if ctx.keys(end_tok, len(phrase)) == phrase and ctx.adjacent(end_tok - 1, end_tok):
            return entry
    return None


def _prefix_currency(ctx: _Context, start_tok: int, lang: str) -> tuple[str, int] | None:
    """A sign or ISO code right before the number ("$", "US$", "€", "USD", "c $")."""
    if start_tok == 0:
        return None
    prev = ctx.toks[start_tok - 1]
    if prev.kind == "word" and prev.text.isupper() and prev.text in iso_codes():
        return prev.text, 1
    phrases = currency_phrases(lang)
    for size in (3, 2, 1):
        if start_tok - size < 0:
            continue
        key = ctx.keys(start_tok - size, size)
        if key is None or ("$" not in key and not any(k in SIGNS for k in key)):
            continue
        gap = ctx.text[ctx.toks[start_tok - 1].end : ctx.toks[start_tok].start]
        if "\n" in gap or gap.strip():
            continue
        if key in phrases:
            return phrases[key], size
    return None


def _suffix_currency(ctx: _Context, end_tok: int, lang: str) -> tuple[str, int, bool] | None:
    """A currency after the number, maybe after a link word: (code, tokens, minor unit)."""
    t = ctx.t
    i = end_tok
    skip = 0
    if i < ctx.n and ctx.toks[i].key in t.currency_links and ctx.adjacent(i - 1, i):
        skip = 1
        if i + 1 < ctx.n and ctx.toks[i + 1].key == "'":
            skip = 2
    for offset in [0, skip] if skip else [0]:
        j = i + offset
        if j >= ctx.n:
            continue
        glued = j > 0 and ctx.toks[j].start == ctx.toks[j - 1].end
        if offset == 0 and j > 0 and not ctx.adjacent(j - 1, j) and not glued:
            continue
        tok = ctx.toks[j] if j < ctx.n else None
        if tok is None:
            continue
        if tok.kind == "word" and tok.text.isupper() and tok.text in iso_codes():
            return tok.text, offset + 1, False
        hit = ctx.match_after(j, currency_phrases(lang), longest_currency_phrase(lang))
        if hit is not None:
            code, size = hit
            return code, offset + size, code == "cent"
        minor = ctx.match_after(j, t.minor_currency, 2)
        if minor is not None and offset == 0:
            return minor[0], minor[1], True
    return None


def _minor_part(
    ctx: _Context, end_tok: int, mentions: Sequence[NumberMention]
) -> tuple[float, int] | None:
    """ "13 dollars and 45 cents", "15 dólares e 15", "25 euros con 50": (minor, end token)."""
    t = ctx.t
    j = end_tok
    if j < ctx.n and (ctx.toks[j].key in t.connectors or ctx.toks[j].key in t.decimal_joiners):
        j += 1
    nxt = next((m for m in mentions if m.tok_start == j), None)
    if nxt is None or not ctx.adjacent(end_tok - 1, end_tok) or not ctx.adjacent(j - 1, j):
        return None
    if not (0 <= nxt.value < 100 and float(nxt.value).is_integer()) or nxt.glued:
        return None
    stop = nxt.tok_end
    minor = ctx.match_after(stop, t.minor_currency, 2) if ctx.adjacent(stop - 1, stop) else None
    if minor is not None:
        stop += minor[1]
    elif stop < ctx.n and ctx.adjacent(stop - 1, stop) and ctx.toks[stop].kind == "word":
        return None  # "5 dollars 3 times": the number belongs to what follows
    return nxt.value, stop


def _percent_before(ctx: _Context, start_tok: int) -> int:
    """ "percent of 10", "بالمائة 10": a percent phrase before the number."""
    j = start_tok
    if j > 0 and ctx.toks[j - 1].key in ctx.t.count_links and ctx.adjacent(j - 1, j):
        j -= 1
    for phrase in ctx.t.percent_phrases:
        size = len(phrase)
        if (
            ctx.keys(j - size, size) == phrase
            and ctx.adjacent(j - 1, j)
            and (j - size == 0 or ctx.toks[j - size - 1].kind == "sym")
        ):
            return start_tok - (j - size)
    return 0


def _percent_after(ctx: _Context, end_tok: int) -> int:
    if (
        end_tok < ctx.n
        and ctx.toks[end_tok].text in _PERCENT_SIGNS
        and ctx.adjacent(end_tok - 1, end_tok)
    ):
        return 1
    for phrase in ctx.t.percent_phrases:
        key = ctx.keys(end_tok, len(phrase))
        if key == phrase and ctx.adjacent(end_tok - 1, end_tok):
            return len(phrase)
    return 0


def _unit_after(ctx: _Context, m: NumberMention, end_tok: int) -> tuple[str, int] | None:
    if m.glued:
        unit = UNIT_SYMBOLS.get(m.glued) or ctx.t.unit_phrases.get((ctx.toks[end_tok].key,))
        if unit is not None:
            return unit, 1
    if end_tok >= ctx.n or not ctx.adjacent(end_tok - 1, end_tok):
        return None
    tok = ctx.toks[end_tok]
    if tok.kind == "word" and tok.text in UNIT_SYMBOLS:
        return UNIT_SYMBOLS[tok.text], 1
    hit = ctx.match_after(end_tok, ctx.t.unit_phrases, ctx.t.max_phrase)
    if hit is not None:
        return hit
    return None


_FUNCTION_WORDS: dict[int, frozenset[str]] = {}


def _function_words(t: LanguageTables) -> frozenset[str]:
    cached = _FUNCTION_WORDS.get(id(t))
    if cached is None:
        cached = _FUNCTION_WORDS[id(t)] = _collect_function_words(t)
    return cached


def _collect_function_words(t: LanguageTables) -> frozenset[str]:
    return (
        t.count_links
        | t.currency_links
        | t.connectors
        | t.year_cues
        | t.count_skip
        | t.articles_one
        | t.not_number_after
        | t.ordinal_prefixes
        | frozenset(w for phrase in t.over_phrases for w in phrase)
        | frozenset(w for phrase in t.hedges for w in phrase)
    )


def _raw_noun(ctx: _Context, j: int) -> Token | None:
    """The word after a number when the lexicon does not know it (function words skipped)."""
    words = _function_words(ctx.t)
    for k in range(j, min(ctx.n, j + 2)):
        tok = ctx.toks[k]
        if tok.kind != "word" or not ctx.adjacent(k - 1, k):
            return None
        if tok.key not in words and len(tok.key) >= 3:
            return tok
    return None


def _in_date(m: NumberMention, dates: Sequence[DateMention]) -> DateMention | None:
    for d in dates:
        if d.start <= m.start and m.end <= d.end:
            return d
    return None


def _range(value: float, hedge: HedgeEntry | None) -> tuple[float | None, float | None]:
    if hedge is None:
        return value, value
    _, lo, hi = hedge
    low = value * lo if lo is not None else None
    high = value * hi if hi is not None else None
    if low is not None and high is not None and low > high:
        low, high = high, low
    return low, high


def _sentence_of(spans: list[tuple[int, int]], pos: int) -> int:
    lo, hi = 0, len(spans) - 1
    best = 0
    while lo <= hi:
        mid = (lo + hi) // 2
        if spans[mid][0] <= pos:
            best = mid
            lo = mid + 1
        else:
            hi = mid - 1
    return best


def _classify(
    ctx: _Context, m: NumberMention, lang: str
) -> tuple[FactKind, str | None, str | None, int, int, list[str]] | None:
    """(kind, unit, counted, first token, end token, flags) of a number; None to drop it."""
    t = ctx.t
    flags: list[str] = []
    first, end = m.tok_start, m.tok_end
    glued_before = m.glued is not None and first > 0 and ctx.toks[first - 1].end == m.start
    pre = _prefix_currency(ctx, first, lang)
    if glued_before and m.glued in iso_codes():
        return "money", m.glued, None, first - 1, end, [FLAG_GLUED]
    if glued_before:
        return None
    if (
        first > 0
        and ctx.toks[first - 1].key in t.ordinal_prefixes
        and ctx.adjacent(first - 1, first)
        and m.spelled
    ):
        return None  # Romanian "a doua": the second, an ordinal
    post = _suffix_currency(ctx, end, lang)
    if pre is not None:
        code, size = pre
        # a sign before may be refined by a name after ("$ 5 usd", "16,4 millions de $ c")
        if post is not None and not post[2]:
            code = post[0] if post[0] != "USD" or code == "USD" else code
            end += post[1]
        return "money", code, None, first - size, end, flags
    if post is not None:
        code, size, minor = post
        if m.glued and not ctx.toks[end].text.isupper():
            flags.append(FLAG_GLUED)
        if minor:
            flags.append(FLAG_MINOR_UNIT)
        return "money", code, None, first, end + size, flags
    pct = _percent_after(ctx, end)
    if pct:
        return "percent", "%", None, first, end + pct, flags
    pct = _percent_before(ctx, first)
    if pct:
        return "percent", "%", None, first - pct, end, flags
    unit = _unit_after(ctx, m, end)
    if unit is not None:
        if m.glued:
            flags.append(FLAG_GLUED)
        return "quantity", unit[0], None, first, end + unit[1], flags
    if m.glued:
        return None  # "4to", "17e", "COVID19": an ordinal or a code, not a figure
    noun = None
    j = end
    if j < ctx.n and ctx.adjacent(j - 1, j):
        noun = _lookup_noun(ctx, j)
        if noun is None and ctx.toks[j].key in t.count_skip and ctx.adjacent(j, j + 1):
            noun = _lookup_noun(ctx, j + 1)
        if noun is None and ctx.toks[j].key in t.count_links and ctx.adjacent(j, j + 1):
            k = j + 2 if j + 1 < ctx.n and ctx.toks[j + 1].key == "'" else j + 1
            noun = _lookup_noun(ctx, k)
    if (
        m.plain_int
        and m.digits == 4
        and 1800 <= m.value <= 2100
        and (noun is None or noun[0] in ("year",))
    ):
        return "year", None, None, first, end, flags
    counted: str | None = None
    label: str | None = None
    if noun is not None:
        label, counted, _ = noun
    if label in PERSON_LABELS:
        event = _event_near(ctx, first, end + (noun[2] if noun else 0))
        if event is not None:
            label = f"person {event}"
    elif label is None and j < ctx.n and ctx.adjacent(j - 1, j):
        event = _event_word(ctx, ctx.toks[j])  # "164 killed", "200 morts"
        if event is not None:
            label = f"person {event}"
    if label is None:
        raw = _raw_noun(ctx, j)
        if raw is not None:
            counted, label = raw.text, raw.key
    return "count", label, counted, first, end, flags


def extract_facts(text: str, lang: str) -> list[Fact]:
    """Every figure of ``text`` (written in ``lang``) as a :class:`Fact`, in text order.

    ``lang`` is an ISO 639-1 code; languages without tables still get digits, signs,
    ISO codes and dates. Offsets are character offsets into ``text``.
    """
    tables = get_tables(lang)
    mentions, toks, work = scan(text, lang)
    ctx = _Context(work, toks, tables)
    sentences = split_sentences(text, lang) or [(0, len(text))]
    dates = find_dates(work, fold_same_length(work), tables.code)
    facts: list[Fact] = []
    used_dates: set[int] = set()
    urls = [(u.start(), u.end()) for u in _URL.finditer(text)]
    skip_until = -1
    for m in mentions:
        if m.tok_start < skip_until or any(s <= m.start < e for s, e in urls):
            continue
        date = _in_date(m, dates)
        if date is not None:
            if id(date) not in used_dates:
                used_dates.add(id(date))
                facts.append(_date_fact(text, date, sentences, lang))
            continue
        cls = _classify(ctx, m, tables.code)
        if cls is None:
            continue
        kind, unit, counted, first, end, flags = cls
        value = m.value
        if kind == "money" and FLAG_MINOR_UNIT not in flags:
            cents = _minor_part(ctx, end, mentions)
            if cents is not None:
                value += cents[0] / 100.0
                end = cents[1]
                skip_until = end
        start = min(toks[first].start, m.start)
        stop = max(toks[end - 1].end, m.end)
        hedge = _hedge(ctx, first)
        hedge_entry: HedgeEntry | None = hedge[0] if hedge else _post_hedge(ctx, end)
        if m.compound_scale:
            flags.append(FLAG_COMPOUND_SCALE)
        if m.spelled:
            flags.append(FLAG_SPELLED)
        if m.fraction:
            flags.append(FLAG_FRACTION)
        if m.negative or m.value < 0:
            flags.append(FLAG_NEGATIVE)
        low, high = _range(value, hedge_entry)
        idx = _sentence_of(sentences, start)
        s_start, s_end = sentences[idx]
        facts.append(
            Fact(
                kind=kind,
                value=value,
                raw=text[start:stop],
                start=start,
                end=stop,
                lang=lang,
                unit=unit,
                counted=counted,
                scale=m.scale,
                value_min=low,
                value_max=high,
                hedge=hedge_entry[0] if hedge_entry else None,  # type: ignore[arg-type]
                sentence=text[s_start:s_end],
                sentence_index=idx,
                flags=flags,
            )
        )
    facts.sort(key=lambda f: (f.start, f.end))
    return facts


def _date_fact(text: str, date: DateMention, sentences: list[tuple[int, int]], lang: str) -> Fact:
    idx = _sentence_of(sentences, date.start)
    s_start, s_end = sentences[idx]
    flags = [FLAG_RELATIVE_DATE] if date.year is None else []
    return Fact(
        kind="date",
        value=date.value,
        raw=text[date.start : date.end],
        start=date.start,
        end=date.end,
        lang=lang,
        unit=date.iso,
        value_min=date.value,
        value_max=date.value,
        sentence=text[s_start:s_end],
        sentence_index=idx,
        flags=flags,
    )
