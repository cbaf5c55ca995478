"""The shape of one language's number, unit and counting tables.

Each language module (``en.py``, ``fr.py`` …) fills a :class:`LanguageSpec` with plain
data written as it reads in the language; :func:`compile_spec` folds every key (lower
case, no accents, unified Arabic letters) into a :class:`LanguageTables` that the
extractor uses. Nothing language-specific lives in the extractor's code: what differs
between languages is in these tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from newsweave.facts.normalize import fold, german_variants

# Scale abbreviations read after digits in every language ("10k", "2.5 M", "10G").
COMMON_ABBREV_SCALES: dict[str, float] = {"k": 1e3, "K": 1e3, "M": 1e6, "G": 1e9}

# A hedge entry: (hedge name, low factor, high factor); a factor of None leaves that end open.
HedgeEntry = tuple[str, float | None, float | None]

APPROX: HedgeEntry = ("approx", 0.9, 1.1)
NEARLY: HedgeEntry = ("approx", 0.9, 1.0)
MORE_THAN: HedgeEntry = ("more_than", 1.0, None)
AT_LEAST: HedgeEntry = ("at_least", 1.0, None)
LESS_THAN: HedgeEntry = ("less_than", None, 1.0)
UP_TO: HedgeEntry = ("up_to", None, 1.0)


@dataclass(slots=True)
class LanguageSpec:
    """Tables for one language, as written by hand (keys need not be folded)."""

    code: str
    decimal_mark: str  # "." or ","
    cardinals: Mapping[str, float]  # one-word numbers below 1000: "twenty", "doscientos"
    hundreds: Iterable[str]  # words that multiply what precedes by 100 ("hundred", "cent")
    scales: Mapping[str, float]  # "thousand", "millions", "milliard", "مليار"
    abbrev_scales: Mapping[str, float] = field(default_factory=dict)  # case-sensitive: "k", "Mio."
    phrases: Mapping[str, float] = field(default_factory=dict)  # multi-word: "quatre vingt"
    connectors: Iterable[str] = ()  # "and", "et", "y", "und", "و"
    articles_one: Iterable[str] = ()  # "a", "un", "une": 1, but only before a scale or fraction
    denominators: Mapping[str, float] = field(default_factory=dict)  # "fifths" → 5
    compound_ordinals: Mapping[str, float] = field(default_factory=dict)  # "first" → 1 (only
    # after tens, as in "twenty-first"); language allows "thirty fifth" = 35th when non-empty
    fraction_nouns: Mapping[str, float] = field(default_factory=dict)  # "half" → 0.5 standing alone
    # fractions only after a connector, the bare word meaning something else (Arabic
    # "ثلاث وخمس" = 3 1/5, but "خمس" alone is five)
    connector_fractions: Mapping[str, float] = field(default_factory=dict)
    half_words: Iterable[str] = ()  # "half", "demi", "medio" in "X and a half"
    avos_markers: Iterable[str] = ()  # "avos": the cardinal before is a denominator
    dozens: Mapping[str, float] = field(default_factory=dict)  # "dozen" → 12, "دزينتين" → 24
    decimal_words: Iterable[str] = ()  # "point", "virgule", "coma"
    decimal_joiners: Iterable[str] = ()  # "con" (Spanish "siete con cincuenta")
    over_phrases: Iterable[str] = ()  # "over", "out of", "sur", "على"
    negative_words: Iterable[str] = ()  # "minus", "negative", "سالب"
    not_number_after: Iterable[str] = ()  # "this", "that": "that one" is a pronoun
    compound_parts: Iterable[str] = ()  # extra morphemes for splitting glued compounds ("und")
    split_compounds: bool = False  # German-style "dreihundertsiebenundsiebzig"
    # What a connector before a fraction means: "fraction" ("twenty and three fifths" =
    # 20 + 3/5), "tens_units" (the connector only joins tens and units, as in "treinta y
    # dos quintos" = 32/5) or "integer" (it joins every part, Portuguese "cento e trinta")
    connector_joins: str = "fraction"  # or "tens_units", "tens_one", "integer"
    scale_links: Iterable[str] = ()  # Romanian "20 de milioane": a word between number and scale
    half_suffixes: Iterable[str] = ()  # German "zwei einhalb": adds one half
    noun_prefixes: Iterable[str] = ()  # Arabic "ال", "و", "ب" before a counted noun
    noun_endings: Iterable[str] = ()  # endings tried off a counted noun ("ul", "ов", "ا")
    post_hedges: Mapping[str, HedgeEntry] = field(default_factory=dict)  # "على الأقل" after
    ordinal_prefixes: Iterable[str] = ()  # Romanian "a doua" (the second): not a count
    units_before_tens: bool = False  # "sieben und siebzig", "واحد وعشرون"
    clitic_prefixes: Iterable[str] = ()  # Arabic "و", "ب", "ل" glued to a number word
    hedges: Mapping[str, HedgeEntry] = field(default_factory=dict)
    percent_words: Iterable[str] = ()  # "percent", "pour cent", "بالمئة"
    currency_words: Mapping[str, str] = field(default_factory=dict)  # "dollars" → "USD"
    minor_currency_words: Mapping[str, str] = field(default_factory=dict)  # "cents" → "cent"
    currency_links: Iterable[str] = ()  # "de", "d'" between a scale and a currency
    unit_words: Mapping[str, str] = field(default_factory=dict)  # "megawatts" → "MW"
    counted_nouns: Mapping[str, str] = field(default_factory=dict)  # "farms" → "farm"
    count_links: Iterable[str] = ()  # "of", "de", "من": "67,000 pieces of equipment"
    count_skip: Iterable[str] = ()  # adjectives that may stand between number and noun
    event_words: Mapping[str, str] = field(default_factory=dict)  # "killed" → "killed"
    year_cues: Iterable[str] = ()  # "in", "en", "عام", "year"
    abbreviations: Iterable[str] = ()  # sentence splitter: "Mr.", "mln.", "p. ex."


@dataclass(slots=True)
class LanguageTables:
    """The folded, ready-to-match form of a :class:`LanguageSpec`."""

    code: str
    decimal_mark: str
    cardinals: dict[str, float]
    hundreds: frozenset[str]
    scales: dict[str, float]
    abbrev_scales: dict[str, float]
    phrases: dict[tuple[str, ...], float]
    connectors: frozenset[str]
    articles_one: frozenset[str]
    denominators: dict[str, float]
    compound_ordinals: dict[str, float]
    fraction_nouns: dict[str, float]
    connector_fractions: dict[str, float]
    half_words: frozenset[str]
    avos_markers: frozenset[str]
    dozens: dict[str, float]
    decimal_words: frozenset[str]
    decimal_joiners: frozenset[str]
    over_phrases: tuple[tuple[str, ...], ...]
    negative_words: frozenset[str]
    not_number_after: frozenset[str]
    morphemes: dict[str, str]  # folded morpheme → itself, for compound splitting
    split_compounds: bool
    connector_joins: str
    scale_links: frozenset[str]
    half_suffixes: frozenset[str]
    noun_prefixes: tuple[str, ...]
    noun_endings: tuple[str, ...]
    post_hedges: dict[tuple[str, ...], HedgeEntry]
    ordinal_prefixes: frozenset[str]
    units_before_tens: bool
    clitic_prefixes: tuple[str, ...]
    hedges: dict[tuple[str, ...], HedgeEntry]
    percent_phrases: tuple[tuple[str, ...], ...]
    currency_phrases: dict[tuple[str, ...], str]
    minor_currency: dict[tuple[str, ...], str]
    currency_links: frozenset[str]
    unit_phrases: dict[tuple[str, ...], str]
    counted_phrases: dict[tuple[str, ...], str]
    count_links: frozenset[str]
    count_skip: frozenset[str]
    event_words: dict[str, str]
    year_cues: frozenset[str]
    abbreviations: frozenset[str]
    max_phrase: int = 1  # longest multi-word key over every phrase table

    def is_number_word(self, key: str) -> bool:
        """Whether a folded word can be part of a spelled-out number."""
        return (
            key in self.cardinals
            or key in self.hundreds
            or key in self.scales
            or key in self.dozens
        )


def words_of(phrase: str) -> tuple[str, ...]:
    """The folded words of a phrase key ("pour cent" → ("pour", "cent"))."""
    spaced = phrase.replace("-", " ").replace("’", "'").replace("'", " ' ")
    return tuple(fold(w) for w in spaced.split())


def _fold_map(table: Mapping[str, float], german: bool) -> dict[str, float]:
    out: dict[str, float] = {}
    for key, value in table.items():
        for variant in german_variants(key) if german else [key]:
            out[fold(variant)] = value
    return out


def _phrase_map(table: Mapping[str, str], german: bool = False) -> dict[tuple[str, ...], str]:
    out: dict[tuple[str, ...], str] = {}
    for key, value in table.items():
        for variant in german_variants(key) if german else [key]:
            out[words_of(variant)] = value
    return out


def compile_spec(spec: LanguageSpec) -> LanguageTables:
    """Fold every key of ``spec`` so that it matches folded text."""
    german = spec.split_compounds
    cardinals = _fold_map(spec.cardinals, german)
    hundreds = frozenset(fold(v) for w in spec.hundreds for v in german_variants(w))
    scales = _fold_map(spec.scales, german)
    dozens = _fold_map(spec.dozens, german)
    denominators = _fold_map(spec.denominators, german)
    compound_ordinals = _fold_map(spec.compound_ordinals, german)
    fraction_nouns = _fold_map(spec.fraction_nouns, german)
    phrases = {words_of(k): v for k, v in spec.phrases.items()}
    hedges = {words_of(k): v for k, v in spec.hedges.items()}
    currency = _phrase_map(spec.currency_words, german)
    minor = _phrase_map(spec.minor_currency_words, german)
    units = _phrase_map(spec.unit_words, german)
    counted = _phrase_map(spec.counted_nouns, german)
    percent = tuple(words_of(p) for p in spec.percent_words)
    over = tuple(words_of(p) for p in spec.over_phrases)
    half = frozenset(fold(w) for w in spec.half_words)
    morphemes: dict[str, str] = {}
    if spec.split_compounds or spec.compound_parts:
        for key in [
            *cardinals,
            *hundreds,
            *scales,
            *dozens,
            *denominators,
            *fraction_nouns,
            *half,
            *(fold(p) for p in spec.compound_parts),
            *(fold(p) for p in spec.avos_markers),
            *(fold(p) for p in spec.connectors),
            *(fold(p) for p in spec.articles_one),
            *(fold(p) for p in spec.half_suffixes),
        ]:
            if key:
                morphemes[key] = key
    longest = max(
        [1]
        + [len(k) for k in phrases]
        + [len(k) for k in hedges]
        + [len(k) for k in currency]
        + [len(k) for k in units]
        + [len(k) for k in counted]
        + [len(k) for k in percent]
    )
    return LanguageTables(
        code=spec.code,
        decimal_mark=spec.decimal_mark,
        cardinals=cardinals,
        hundreds=hundreds,
        scales=scales,
        abbrev_scales={**COMMON_ABBREV_SCALES, **spec.abbrev_scales},
        phrases=phrases,
        connectors=frozenset(fold(w) for w in spec.connectors),
        articles_one=frozenset(fold(w) for w in spec.articles_one),
        denominators=denominators,
        compound_ordinals=compound_ordinals,
        fraction_nouns=fraction_nouns,
        connector_fractions=_fold_map(spec.connector_fractions, german),
        half_words=half,
        avos_markers=frozenset(fold(w) for w in spec.avos_markers),
        dozens=dozens,
        decimal_words=frozenset(fold(w) for w in spec.decimal_words),
        decimal_joiners=frozenset(fold(w) for w in spec.decimal_joiners),
        over_phrases=over,
        negative_words=frozenset(fold(w) for w in spec.negative_words),
        not_number_after=frozenset(fold(w) for w in spec.not_number_after),
        morphemes=morphemes,
        split_compounds=spec.split_compounds,
        connector_joins=spec.connector_joins,
        scale_links=frozenset(fold(w) for w in spec.scale_links),
        half_suffixes=frozenset(fold(w) for w in spec.half_suffixes),
        noun_prefixes=tuple(sorted((fold(w) for w in spec.noun_prefixes), key=len, reverse=True)),
        noun_endings=tuple(sorted((fold(w) for w in spec.noun_endings), key=len, reverse=True)),
        post_hedges={words_of(k): v for k, v in spec.post_hedges.items()},
        ordinal_prefixes=frozenset(fold(w) for w in spec.ordinal_prefixes),
        units_before_tens=spec.units_before_tens,
        clitic_prefixes=tuple(fold(p) for p in spec.clitic_prefixes),
        hedges=hedges,
        percent_phrases=percent,
        currency_phrases=currency,
        minor_currency=minor,
        currency_links=frozenset(fold(w).rstrip("'") for w in spec.currency_links),
        unit_phrases=units,
        counted_phrases=counted,
        count_links=frozenset(fold(w).rstrip("'") for w in spec.count_links),
        count_skip=frozenset(fold(w) for w in spec.count_skip),
        event_words={fold(k): v for k, v in spec.event_words.items()},
        year_cues=frozenset(fold(w) for w in spec.year_cues),
        abbreviations=frozenset(spec.abbreviations),
        max_phrase=longest,
    )
