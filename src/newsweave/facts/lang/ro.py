"""Romanian number words, scales, hedges, units and counted nouns."""

from __future__ import annotations

from newsweave.facts.lang.base import (
    APPROX,
    AT_LEAST,
    LESS_THAN,
    MORE_THAN,
    NEARLY,
    UP_TO,
    LanguageSpec,
)
from newsweave.facts.lang.common import forms, merge, numbered

_UNITS = ["zero", "unu", "doi", "trei", "patru", "cinci", "șase", "șapte", "opt", "nouă",
          "zece", "unsprezece", "doisprezece", "treisprezece", "paisprezece",
          "cincisprezece", "șaisprezece", "șaptesprezece", "optsprezece", "nouăsprezece"]
_TENS = ["douăzeci", "treizeci", "patruzeci", "cincizeci", "șaizeci", "șaptezeci",
         "optzeci", "nouăzeci"]

SPEC = LanguageSpec(
    code="ro",
    decimal_mark=",",
    cardinals={**numbered(_UNITS, 0), **numbered(_TENS, 20, 10), "una": 1, "un": 1, "o": 1,
               "două": 2, "douăsprezece": 12, "șaișpe": 16},
    hundreds=["sută", "sute"],
    scales={"mie": 1e3, "mii": 1e3, "milion": 1e6, "milioane": 1e6, "miliard": 1e9,
            "miliarde": 1e9, "mld": 1e9, "mil": 1e6, "trilion": 1e12, "trilioane": 1e12},
    abbrev_scales={"mil.": 1e6, "mld.": 1e9},
    connector_joins="tens_units",
    connectors=["și", "şi"],
    articles_one=["un", "o", "una"],
    scale_links=["de"],
    ordinal_prefixes=["a", "al"],
    fraction_nouns={"jumătate": 0.5, "sfert": 0.25},
    half_words=["jumătate"],
    denominators={"treime": 3, "treimi": 3, "sferturi": 4, "cincime": 5, "cincimi": 5,
                  "zecime": 10, "zecimi": 10, "sutime": 100, "miime": 1e3},
    dozens={"duzină": 12, "duzini": 12},
    decimal_words=["virgulă"],
    negative_words=["minus"],
    hedges={
        "peste": MORE_THAN, "mai mult de": MORE_THAN, "mai mult decât": MORE_THAN,
        "cel puțin": AT_LEAST, "aproximativ": APPROX, "circa": APPROX, "în jur de": APPROX,
        "cam": APPROX, "vreo": APPROX, "aproape": NEARLY, "până la": UP_TO,
        "mai puțin de": LESS_THAN, "sub": LESS_THAN, "nu mai puțin de": AT_LEAST,
    },
    percent_words=["la sută", "procent", "procente", "puncte procentuale"],
    currency_words=merge(
        forms("RON", "lei", "leu", "ron"), forms("USD", "dolari", "dolar", "dolari americani"),
        forms("EUR", "euro"), forms("GBP", "lire sterline", "liră sterlină"),
        forms("RUB", "ruble", "rublă"), forms("KZT", "tenge"), forms("MDL", "lei moldovenești"),
        forms("BTC", "bitcoin", "bitcoini"),
    ),
    minor_currency_words=forms("cent", "cenți", "bani"),
    currency_links=["de"],
    unit_words=merge(
        forms("MW", "megawați", "megawatt", "mw"), forms("GW", "gigawați", "gw"),
        forms("km", "kilometri", "km"), forms("m", "metri"), forms("kg", "kilograme", "kg"),
        forms("t", "tone", "tonă"), forms("l", "litri"), forms("ha", "hectare"),
        forms("°C", "grade"),
    ),
    counted_nouns=merge(
        forms("farm", "ferme", "fermă"), forms("installation", "instalații", "instalație"),
        forms("facility", "centre", "fabrici"), forms("entity", "companii", "firme"),
        forms("person", "persoane", "persoană", "oameni"), forms("civilian", "civili"),
        forms("protester", "protestatari", "manifestanți"), forms("victim", "victime"),
        forms("child", "copii"), forms("soldier", "soldați", "militari", "trupe"),
        forms("inhabitant", "locuitori"), forms("person killed", "morți", "decese"),
        forms("person injured", "răniți"), forms("person detained", "deținuți", "arestați",
                                                  "reținuți"),
        forms("criminal case", "dosare penale", "dosar penal", "cauze penale"),
        forms("case", "dosare", "cazuri"), forms("investigation", "anchete", "investigații"),
        forms("equipment", "echipamente", "aparate", "dispozitive"),
        forms("vehicle", "vehicule", "mașini"), forms("house", "case", "clădiri", "locuințe"),
        forms("year", "ani", "an"), forms("month", "luni"), forms("day", "zile", "zi"),
        forms("country", "țări", "state", "republici"), forms("minister", "miniștri"),
    ),
    count_links=["de"],
    count_skip=["foste", "fostele", "noi", "alte", "mari"],
    noun_endings=["le", "lor", "ul", "ului", "a", "i"],
    event_words=merge(
        forms("killed", "uciși", "morți", "decedați", "murit"),
        forms("injured", "răniți"), forms("detained", "reținuți", "arestați", "deținuți"),
        forms("evacuated", "evacuați"), forms("missing", "dispăruți"),
    ),
    year_cues=["în", "din", "anul", "până", "după"],
    abbreviations=["dl.", "dna.", "Dr.", "prof.", "nr.", "etc.", "ex.", "mil.", "mld.", "art.",
                   "str."],
)
