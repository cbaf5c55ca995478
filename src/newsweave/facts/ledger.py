"""The claim ledger: figures about the same thing, side by side, with a verdict.

Facts from the articles of a story (and its related stories) are grouped when they
talk about the same quantity: same kind, a compatible unit (currencies convert), and the
same subject (what is counted, or the concept named next to the figure, in any of the
languages of :data:`CONCEPTS`). Each group with figures from at least two articles gets
one verdict:

- ``agree``: the same value;
- ``rounding``: values within rounding of each other, or equal after a currency
  conversion at the time (the rate used is part of the evidence);
- ``range``: a hedged figure ("more than 200") consistent with the exact ones;
- ``revision``: a figure that changed over time (ordered by publication date);
- ``conflict``: incompatible values for a fixed fact (two different years);
- ``suspect``: a probable unit or scale error (values a factor of 1,000 apart, or a
  figure written with two stacked scale words).

Every verdict carries its evidence: each item's sentence, source, language and date.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from newsweave.facts.model import FLAG_COMPOUND_SCALE, FLAG_FRACTION, Fact
from newsweave.facts.normalize import fold

Verdict = Literal["agree", "rounding", "range", "revision", "conflict", "suspect"]

# Relative differences: below AGREE the values are the same, below ROUNDING they are the
# same figure rounded, below CONVERSION the same amount in two currencies.
AGREE = 0.005
ROUNDING = 0.05
CONVERSION = 0.15

# Concepts a figure may be about, keyed by an English label, with words that name them in
# each language (matched as folded word prefixes next to the figure). Data: extend here.
CONCEPTS: dict[str, list[str]] = {
    "independence": [
        "independen",
        "indépendance",
        "unabhängigkeit",
        "независимост",
        "استقلال",
        "bağımsızlı",
        "тәуелсізд",
    ],
    "killed": [
        "killed",
        "dead",
        "death",
        "deaths",
        "died",
        "toll",
        "tués",
        "morts",
        "mortos",
        "morte",
        "mortes",
        "muertos",
        "muerte",
        "morți",
        "decese",
        "tote",
        "getötet",
        "погибш",
        "убит",
        "жертв",
        "قتل",
        "قتلى",
        "قتيل",
        "مقتل",
        "وفاة",
        "ضحايا",
        "حصيلة",
    ],
    "detained": [
        "detained",
        "arrested",
        "detention",
        "arrests",
        "détenus",
        "interpellé",
        "arrêté",
        "presos",
        "detidos",
        "detenidos",
        "arrestados",
        "reținuți",
        "arestați",
        "festgenommen",
        "задержан",
        "арестован",
        "احتجاز",
        "توقيف",
        "معتقل",
        "اعتقال",
    ],
    "investigation": [
        "investigation",
        "enquête",
        "investigação",
        "inquérito",
        "investigación",
        "anchet",
        "ermittlung",
        "расследован",
        "تحقيق",
    ],
    "criminal case": [
        "criminal case",
        "affaires pénales",
        "affaire",
        "processo",
        "casos",
        "dosar",
        "strafverfahren",
        "уголовн",
        "قضية",
        "قضايا",
        "جنائي",
    ],
    "population": [
        "population",
        "inhabitants",
        "habitants",
        "população",
        "habitantes",
        "populați",
        "locuitori",
        "einwohner",
        "bevölkerung",
        "население",
        "жител",
        "سكان",
        "نسمة",
    ],
    "market value": [
        "market cap",
        "capitalisation",
        "capitalização",
        "capitalización",
        "capitalizare",
        "marktkapitalisierung",
        "капитализац",
        "القيمة السوقية",
        "قيمة سوقية",
    ],
    "value": [
        "worth",
        "valued",
        "value",
        "valeur",
        "valor",
        "valoare",
        "wert",
        "стоимост",
        "قيمة",
        "قيمت",
        "بقيمة",
        "تقدر",
    ],
    "price": ["price", "prix", "preço", "precio", "preț", "preis", "цена", "курс", "سعر"],
    "consumption": [
        "consumption",
        "consommation",
        "consumo",
        "consum",
        "verbrauch",
        "потреблен",
        "استهلاك",
    ],
    "rate": [
        "key rate",
        "interest rate",
        "taux directeur",
        "taux",
        "taxa",
        "tasa",
        "dobânda",
        "leitzins",
        "zins",
        "ставк",
        "سعر الفائدة",
        "الفائدة",
    ],
    "inflation": ["inflation", "inflação", "inflación", "inflați", "инфляц", "تضخم", "التضخم"],
    "evacuated": [
        "evacuat",
        "évacué",
        "evacuad",
        "evakuiert",
        "эвакуир",
        "إجلاء",
        "نزوح",
        "displaced",
        "déplacés",
        "desplazados",
    ],
    "injured": [
        "injured",
        "wounded",
        "blessés",
        "feridos",
        "heridos",
        "răniți",
        "verletzt",
        "ранен",
        "пострадав",
        "جرحى",
        "مصاب",
        "إصابة",
    ],
    "budget": [
        "budget",
        "orçamento",
        "presupuesto",
        "buget",
        "haushalt",
        "бюджет",
        "ميزانية",
        "fund",
        "fonds",
        "fundo",
        "fondo",
        "fond",
        "фонд",
        "صندوق",
    ],
    "length": [
        "track",
        "line",
        "railway",
        "voie",
        "ligne",
        "ferrovia",
        "linha",
        "vía",
        "línea",
        "cale ferată",
        "strecke",
        "bahn",
        "путь",
        "дорог",
        "سكة",
        "خط",
    ],
}

# Counted things whose figure is expected to change as news comes in (tolls, arrests).
EVOLVING = {
    "killed",
    "detained",
    "injured",
    "evacuated",
    "investigation",
    "criminal case",
    "person killed",
    "dead",
    "person detained",
    "detainee",
    "person injured",
    "person evacuated",
    "evacuee",
}

# The evolving figures that mark one incident (casualties, arrests, evacuations); cases
# and investigations are left out because they are counted across unrelated events.
TOLLS = EVOLVING - {"investigation", "criminal case"}

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(slots=True)
class LedgerItem:
    """One fact with the article it comes from."""

    fact: Fact
    article_id: str
    source: str
    lang: str | None
    published: str | None
    published_from: str = "unknown"
    story_id: str | None = None
    usd: float | None = None  # money converted to USD at the time, when known
    rate: dict[str, Any] | None = None


@dataclass(slots=True)
class LedgerEntry:
    """A group of facts about one quantity, with its verdict and evidence."""

    verdict: Verdict
    kind: str
    subject: str
    unit: str | None
    items: list[LedgerItem]
    reason: str
    details: dict[str, Any] = field(default_factory=dict)


# -- subjects -----------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _concept_keys() -> list[tuple[str, str]]:
    pairs = [(fold(word), label) for label, words in CONCEPTS.items() for word in words]
    return sorted(pairs, key=lambda p: -len(p[0]))


@lru_cache(maxsize=50_000)
def _word_concepts(word: str) -> tuple[str, ...]:
    """The concepts one folded word names: it starts with a one-word concept key, or
    holds one of more than four letters."""
    out: list[str] = []
    for key, concept in _concept_keys():
        if " " not in key and (word.startswith(key) or (len(key) > 4 and key in word)):
            out.append(concept)
    return tuple(out)


def subjects_of(fact: Fact, *, window: int = 70) -> set[str]:
    """What a fact is about: its counted label and the concept named nearest the figure.

    Only the nearest concept word counts (ties keep all of them): a sentence naming a
    relief fund and a damage estimate gives each figure its own concept, not both.
    """
    out: set[str] = set()
    label = fact.unit or fact.counted
    if fact.kind == "count" and label:
        out.add(f"count:{label.lower()}")
    sentence = fact.sentence
    if not sentence:
        return out
    # locate the figure inside its sentence, then look at the words around it
    pos = sentence.find(fact.raw)
    lo = 0 if pos < 0 else max(0, pos - window)
    hi = len(sentence) if pos < 0 else min(len(sentence), pos + len(fact.raw) + window)
    near = fold(sentence[lo:hi])
    at, until = (pos - lo, pos - lo + len(fact.raw)) if pos >= 0 else (0, len(near))
    found: dict[str, int] = {}
    for match in _WORD.finditer(near):
        distance = max(0, at - match.end(), match.start() - until)
        for concept in _word_concepts(match.group(0)):
            found[concept] = min(found.get(concept, distance), distance)
    for key, concept in _concept_keys():
        if " " in key:
            k = near.find(key)
            if k >= 0:
                distance = max(0, at - (k + len(key)), k - until)
                found[concept] = min(found.get(concept, distance), distance)
    if found:
        nearest = min(found.values())
        out.update(c for c, d in found.items() if d == nearest)
    return out


def event_figures(facts: Iterable[Fact]) -> tuple[tuple[str, float, float], ...]:
    """Counts of an evolving concept (killed, detained, …) as ``(concept, low, high)``.

    Open-ended hedges keep their known end: "more than 200" is ``(200, inf)``.
    """
    out: set[tuple[str, float, float]] = set()
    for fact in facts:
        if fact.kind != "count":
            continue
        for subject in subjects_of(fact):
            concept = subject.removeprefix("count:")
            if concept in TOLLS:
                lo = fact.value_min if fact.value_min is not None else fact.value
                hi = fact.value_max if fact.value_max is not None else fact.value
                if fact.hedge in ("more_than", "at_least") and fact.value_max is None:
                    hi = math.inf
                out.add((concept, float(lo), float(hi)))
    return tuple(sorted(out))


# -- currencies ---------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _rates() -> dict[str, dict[str, float]]:
    ref = resources.files("newsweave") / "data" / "currency_rates.json"
    data: dict[str, Any] = json.loads(ref.read_text(encoding="utf-8"))
    rates: dict[str, dict[str, float]] = data["per_usd"]
    return rates


def usd_rate(currency: str, year: int | None) -> tuple[float, str] | None:
    """Units of ``currency`` per US dollar in ``year`` (annual average), and its label."""
    if currency == "USD":
        return 1.0, "USD"
    table = _rates().get(currency)
    if not table:
        return None
    years = sorted(int(y) for y in table)
    pick = year if year is not None and str(year) in table else None
    if pick is None:
        pick = min(years, key=lambda y: abs(y - (year or years[-1])))
    return float(table[str(pick)]), f"{currency}/USD {pick} annual average"


def _year(published: str | None) -> int | None:
    if published and re.match(r"\d{4}", published):
        return int(published[:4])
    return None


def _convert(items: Sequence[LedgerItem]) -> None:
    """Fill ``usd`` for money items: implied rates from the same sentence first, then the table."""
    by_sentence: dict[tuple[str, int], list[LedgerItem]] = {}
    for it in items:
        if it.fact.kind == "money":
            by_sentence.setdefault((it.article_id, it.fact.sentence_index), []).append(it)
    for group in by_sentence.values():
        usd = [g for g in group if g.fact.unit == "USD"]
        for it in group:
            if it.fact.unit == "USD":
                it.usd = it.fact.value
                it.rate = {"currency": "USD", "per_usd": 1.0, "from": "same currency"}
            elif len(usd) == 1 and it.fact.unit:
                # "100 bn tenge ($194M)": the article converts for us
                it.usd = usd[0].fact.value
                it.rate = {
                    "currency": it.fact.unit,
                    "per_usd": it.fact.value / usd[0].fact.value if usd[0].fact.value else None,
                    "from": "stated in the same sentence",
                }
            elif it.fact.unit:
                found = usd_rate(it.fact.unit, _year(it.published))
                if found:
                    rate, label = found
                    it.usd = it.fact.value / rate
                    it.rate = {"currency": it.fact.unit, "per_usd": rate, "from": label}


# -- grouping -----------------------------------------------------------------------------
def _unit_key(it: LedgerItem) -> str:
    f = it.fact
    if f.kind == "money":
        return "money"  # currencies convert; compared in USD
    if f.kind == "count":
        return "count"
    return f"{f.kind}:{f.unit or ''}"


def _close(a: float, b: float, tol: float) -> bool:
    if a == b:
        return True
    big = max(abs(a), abs(b))
    return big > 0 and abs(a - b) / big <= tol


def _comparable(it: LedgerItem) -> float | None:
    return it.usd if it.fact.kind == "money" else it.fact.value


def _scale_apart(a: float, b: float) -> bool:
    if a <= 0 or b <= 0:
        return False
    ratio = max(a, b) / min(a, b)
    return any(_close(ratio, k, 0.06) for k in (1e3, 1e6))


MAX_SAME_QUANTITY_RATIO = 1100.0
#: Concepts that name an amount of money itself, preferred as a money group's label.
MONEY_SUBJECTS = frozenset({"value", "price", "market value", "fund"})


def _figure_token(it: LedgerItem) -> str:
    """A pseudo-subject shared by the same figure written in several sources: the same
    value in the same unit (or currency) is taken to be the same quantity."""
    f = it.fact
    unit = f.unit if f.kind != "count" else ""
    return f"={f.kind}:{unit}:{float(f'{f.value:.4g}')}"


def _distinctive(value: float) -> bool:
    """A figure unlikely to coincide by chance (not a small whole number)."""
    return abs(value) >= 100 or not float(value).is_integer()


def _concepts(subjects: set[str]) -> set[str]:
    return {s for s in subjects if not s.startswith("=")}


def _merge_same_concept(
    pool: Sequence[LedgerItem], subj: Sequence[set[str]], groups: list[tuple[list[int], set[str]]]
) -> list[tuple[list[int], set[str]]]:
    """Join groups of different figures that name the same concept.

    A group formed by one figure repeated across sources carries every concept its
    members name; two such groups about the same concept (8.7 % and 7.8 % inflation) are
    one quantity with two values, which is what the verdicts are for.
    """
    merged = True
    while merged:
        merged = False
        best: tuple[int, int, int] | None = None
        for x in range(len(groups)):
            for y in range(x + 1, len(groups)):
                mx, my = groups[x][0], groups[y][0]
                a, b = pool[mx[0]], pool[my[0]]
                if a.fact.kind != b.fact.kind or _unit_key(a) != _unit_key(b):
                    continue
                shared = _main_concepts(mx, subj) & _main_concepts(my, subj)
                if not shared and _stacked_scale_of(pool, mx, my):
                    shared = {"stacked scale"}
                if not shared:
                    continue
                if not all(_compatible(pool[i], pool[j]) for i in mx for j in my):
                    continue
                if best is None or len(shared) > best[0]:
                    best = (len(shared), x, y)
        if best is not None:
            _, x, y = best
            members = groups[x][0] + groups[y][0]
            common = {c for m in members for c in _concepts(subj[m])}
            groups[x] = (members, common)
            del groups[y]
            merged = True
    return groups


def _stacked_scale_of(pool: Sequence[LedgerItem], mx: Sequence[int], my: Sequence[int]) -> bool:
    """One group holds a figure with stacked scale words ("12.000 mil") that reads as the
    other group's figure times a thousand: the signature of a doubled scale."""
    for a_side, b_side in ((mx, my), (my, mx)):
        for i in a_side:
            if FLAG_COMPOUND_SCALE not in pool[i].fact.flags:
                continue
            for j in b_side:
                if _close(pool[i].fact.value, 1000 * pool[j].fact.value, AGREE):
                    return True
    return False


def _main_concepts(members: Sequence[int], subj: Sequence[set[str]]) -> set[str]:
    """Concepts named next to at least half of a group's figures."""
    counts: dict[str, int] = {}
    for m in members:
        for c in _concepts(subj[m]):
            if not c.startswith("count:"):
                counts[c] = counts.get(c, 0) + 1
    return {c for c, n in counts.items() if 2 * n >= len(members)}


def _compatible(a: LedgerItem, b: LedgerItem) -> bool:
    """Two items may sit in one group: not one sentence's two figures, magnitudes close."""
    if a.article_id == b.article_id and a.fact.sentence_index == b.fact.sentence_index:
        return False
    va, vb = _comparable(a), _comparable(b)
    if va and vb:
        ratio = max(abs(va), abs(vb)) / max(min(abs(va), abs(vb)), 1e-9)
        return ratio <= MAX_SAME_QUANTITY_RATIO
    return True


def _linkable(a: LedgerItem, b: LedgerItem, sa: set[str], sb: set[str]) -> bool:
    """Whether two items may talk about the same quantity."""
    if a.article_id == b.article_id and a.fact.sentence_index == b.fact.sentence_index:
        return False  # one sentence's figures are different quantities (or a conversion)
    if _unit_key(a) != _unit_key(b) or a.fact.kind != b.fact.kind:
        return False
    shared = sa & sb
    if not shared:
        return False
    counted = {s for s in sa | sb if s.startswith("count:")}
    same_figure = any(s.startswith("=") for s in shared) and _distinctive(a.fact.value)
    if a.fact.kind == "count" and len(counted) > 1 and not (shared & counted) and not same_figure:
        return False
    va, vb = _comparable(a), _comparable(b)
    if va and vb and a.fact.kind in ("count", "money", "quantity"):
        # the same quantity is never written a million times larger; a factor of a
        # thousand is kept (a probable scale error, judged "suspect")
        ratio = max(abs(va), abs(vb)) / max(min(abs(va), abs(vb)), 1e-9)
        return ratio <= MAX_SAME_QUANTITY_RATIO
    return True


def group_items(items: Sequence[LedgerItem]) -> list[tuple[str, list[LedgerItem]]]:
    """Groups of items about the same quantity.

    An item joins the group with which it shares the most subjects, only if every member
    can be linked to it and one subject is common to all of them (complete linkage): a
    chain of loosely related figures (a price near a value near a market cap) never
    becomes one group.
    """
    pool = [it for it in items if FLAG_FRACTION not in it.fact.flags or it.fact.kind != "count"]
    subj = [subjects_of(it.fact) | {_figure_token(it)} for it in pool]
    groups: list[tuple[list[int], set[str]]] = []
    for i, it in enumerate(pool):
        if not subj[i]:
            continue
        best: tuple[int, int] | None = None  # (shared subjects, group index)
        for g, (members, common) in enumerate(groups):
            shared = common & subj[i]
            if not shared or not all(_linkable(pool[m], it, subj[m], subj[i]) for m in members):
                continue
            weight = len(shared) + sum(1 for t in shared if t.startswith("="))
            if best is None or weight > best[0]:
                best = (weight, g)
        if best is None:
            groups.append(([i], set(subj[i])))
        else:
            members, common = groups[best[1]]
            members.append(i)
            common &= subj[i]
    groups = _merge_same_concept(pool, subj, groups)
    out: list[tuple[str, list[LedgerItem]]] = []
    for members, common in groups:
        kind = pool[members[0]].fact.kind
        named = {c for c in common if not c.startswith("=")}
        label = sorted(
            named,
            key=lambda s: (
                not s.startswith("count:"),
                kind == "money" and s not in MONEY_SUBJECTS,
                s,
            ),
        )
        subject = (label[0].removeprefix("count:") if label else "") or "figure"
        out.append((subject, [pool[m] for m in members]))
    return out


# -- verdicts -----------------------------------------------------------------------------
def _range_of(it: LedgerItem) -> tuple[float, float]:
    f = it.fact
    factor = (it.usd / f.value) if (f.kind == "money" and it.usd and f.value) else 1.0
    lo = f.value_min if f.value_min is not None else (f.value if not f.hedge else -math.inf)
    hi = f.value_max if f.value_max is not None else (f.value if not f.hedge else math.inf)
    if f.hedge == "approx" and f.value_min is None:
        lo, hi = f.value * 0.9, f.value * 1.1
    return lo * factor, hi * factor


def judge(subject: str, items: list[LedgerItem]) -> LedgerEntry:
    """The verdict for one group of items about the same quantity."""
    kind = items[0].fact.kind
    unit = "USD" if kind == "money" else items[0].fact.unit
    values = [(_comparable(it), it) for it in items]
    known = [(v, it) for v, it in values if v is not None]

    def entry(verdict: Verdict, reason: str, **details: Any) -> LedgerEntry:
        ordered = sorted(items, key=lambda it: (it.published is None, it.published or ""))
        return LedgerEntry(verdict, kind, subject, unit, ordered, reason, details)

    # scale errors first: a figure a thousand times another, or stacked scale words
    for i, (va, a) in enumerate(known):
        for vb, b in known[i + 1 :]:
            if a.article_id != b.article_id and _scale_apart(va, vb):
                odd = a if FLAG_COMPOUND_SCALE in a.fact.flags else b
                return entry(
                    "suspect",
                    f"values a factor of {max(va, vb) / min(va, vb):,.0f} apart: "
                    "probable scale error",
                    suspect_item=odd.article_id,
                )
    # "about 190 million" is a rounded point value, compared like an exact one
    exact = [(v, it) for v, it in known if it.fact.hedge in (None, "approx")]
    hedged = [(v, it) for v, it in known if it.fact.hedge not in (None, "approx")]
    converted = any(it.fact.kind == "money" and it.fact.unit != "USD" for _, it in known)

    if kind in ("year", "date"):
        distinct = sorted({it.fact.value for it in items})
        if len(distinct) == 1:
            return entry("agree", "the same year")
        return entry(
            "conflict", "different years for the same event: one source is wrong", values=distinct
        )
    if len(exact) >= 2:
        vals = [v for v, _ in exact]
        lo, hi = min(vals), max(vals)
        spread = (hi - lo) / hi if hi else 0.0
        if spread <= AGREE:
            verdict: Verdict = "agree"
            reason = "the same value"
        elif spread <= ROUNDING or (converted and spread <= CONVERSION):
            verdict = "rounding"
            reason = (
                f"values {spread:.1%} apart after currency conversion"
                if converted
                else f"values {spread:.1%} apart: rounding"
            )
        elif _evolving(subject, items):
            return entry("revision", "the figure changed as news came in", spread=round(spread, 4))
        else:
            return entry(
                "conflict", f"incompatible values ({spread:.1%} apart)", spread=round(spread, 4)
            )
        if hedged:
            for _, h in hedged:
                rlo, rhi = _range_of(h)
                if not (rlo <= lo and hi <= rhi):
                    if _evolving(subject, items):
                        return entry("revision", "a later figure is outside the earlier range")
                    return entry("conflict", "a hedged figure excludes the exact ones")
            if verdict == "agree" and all(
                any(_close(h.fact.value, v, AGREE) for v in vals) for _, h in hedged
            ):
                return entry("agree", reason + "; some sources hedge the same figure")
            return entry(
                "range" if verdict == "agree" else verdict, reason + "; hedged figures consistent"
            )
        return entry(verdict, reason, spread=round(spread, 4))
    if exact and hedged:
        v, _ = exact[0]
        if all(_close(h.fact.value, v, AGREE) for _, h in hedged):
            return entry("agree", "the same figure, hedged by some sources")
        ok = all(_range_of(h)[0] <= v <= _range_of(h)[1] for _, h in hedged)
        if ok:
            return entry("range", "the hedged figure is consistent with the exact one")
        if _evolving(subject, items):
            return entry("revision", "the figure changed as news came in")
        return entry("conflict", "the exact figure lies outside the hedged range")
    # only hedged figures: the same hedge on the same value agrees, overlapping ranges fit
    if len({(h.fact.hedge, h.fact.value, h.fact.value_max) for _, h in hedged}) == 1:
        return entry("agree", "the same hedged figure")
    ranges = [_range_of(h) for _, h in hedged]
    if ranges and max(r[0] for r in ranges) <= min(r[1] for r in ranges):
        return entry("range", "hedged figures with overlapping ranges")
    if _evolving(subject, items):
        return entry("revision", "the figure changed as news came in")
    return entry("conflict", "hedged figures with disjoint ranges")


def _evolving(subject: str, items: Sequence[LedgerItem]) -> bool:
    labels = {subject} | {(it.fact.unit or "") for it in items if it.fact.kind == "count"}
    return any(lbl in EVOLVING or any(e in lbl for e in EVOLVING) for lbl in labels)


def build_ledger(items: Iterable[LedgerItem]) -> list[LedgerEntry]:
    """Group facts about the same quantity and judge each group seen in ≥ 2 articles."""
    pool = [it for it in items if it.fact.kind != "date"]
    _convert(pool)
    entries: list[LedgerEntry] = []
    for subject, members in group_items(pool):
        members = _one_per_article_value(members)
        if len({m.article_id for m in members}) < 2:
            continue
        entries.append(judge(subject, members))
    order = {"conflict": 0, "suspect": 1, "revision": 2, "rounding": 3, "range": 4, "agree": 5}
    return sorted(entries, key=lambda e: (order[e.verdict], e.subject))


def _one_per_article_value(items: list[LedgerItem]) -> list[LedgerItem]:
    seen: set[tuple[str, float]] = set()
    out: list[LedgerItem] = []
    for it in items:
        key = (it.article_id, round(_comparable(it) or it.fact.value, 6))
        if key in seen:
            continue
        seen.add(key)
        out.append(it)
    return out


def entry_view(entry: LedgerEntry) -> dict[str, Any]:
    """A ledger entry as JSON: verdict, items (source, lang, value, unit, sentence), evidence."""
    return {
        "verdict": entry.verdict,
        "kind": entry.kind,
        "subject": entry.subject,
        "unit": entry.unit,
        "reason": entry.reason,
        "details": entry.details,
        "languages": sorted({it.lang or "?" for it in entry.items}),
        "items": [
            {
                "article": it.article_id,
                "source": it.source,
                "lang": it.lang,
                "published": it.published,
                "published_from": it.published_from,
                "value": it.fact.value,
                "value_min": it.fact.value_min,
                "value_max": it.fact.value_max,
                "hedge": it.fact.hedge,
                "unit": it.fact.unit,
                "raw": it.fact.raw,
                "sentence": it.fact.sentence,
                "flags": it.fact.flags,
                "usd": it.usd,
                "rate": it.rate,
                "story": it.story_id,
            }
            for it in entry.items
        ],
    }
