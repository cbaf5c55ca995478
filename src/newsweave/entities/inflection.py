"""Dictionary forms a name may hide behind: case endings, definite suffixes, clitics.

A name inside running text is often inflected (Romanian ``Kazahstanului``, Russian
``Казахстане``, Kazakh ``Қазақстанда``) or carries attached particles (Arabic
``لكازاخستان``, ``وبلينكن``). :func:`base_forms` lists the candidate dictionary forms of
one word, most literal first; callers keep the first candidate their lexicon knows, so
the rules may over-generate but never decide alone.

Arabic nisba adjectives (``الكازاخستاني``, ``الكازاخستانية``: "Kazakh") are deliberately
not reduced to the country name: they describe, they do not name.
"""

from __future__ import annotations

# Romanian: enclitic article and case endings on proper nouns (feminine -a/-ia, masculine
# consonant-final), e.g. Kazahstan-ului, Rusi-ei → Rusia, Ucrain-ei → Ucraina, Moscov-ei.
_RO_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ului", ("", "u")),
    ("ul", ("",)),
    ("iei", ("ia",)),
    ("ei", ("a", "")),
    ("ii", ("ia", "i")),
    ("lui", ("",)),
    ("le", ("",)),
    ("a", ("",)),
)

# Russian / Ukrainian / Belarusian noun endings, longest first, with stem completions.
_RU_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ами", ("", "а", "я")),
    ("ями", ("я", "ь", "й")),
    ("ого", ("ий", "ой", "ый")),
    ("его", ("ий",)),
    ("ому", ("ий", "ой", "ый")),
    ("ему", ("ий",)),
    ("ией", ("ия",)),
    ("ии", ("ия", "ий", "ие")),
    ("ию", ("ия",)),
    ("ой", ("а", "ая", "ой", "ый")),
    ("ей", ("я", "ь", "ея", "ей")),
    ("ом", ("", "о")),
    ("ем", ("й", "ь", "е")),
    ("ым", ("ый",)),
    ("ах", ("", "а")),
    ("ях", ("я", "ь")),
    ("ою", ("а",)),
    ("ею", ("я",)),
    ("е", ("", "а", "я", "ь", "о")),
    ("ы", ("а", "")),
    ("и", ("я", "ь", "а", "й")),
    ("у", ("", "а")),
    ("ю", ("я", "ь", "й")),
    ("а", ("", "о")),
    ("я", ("ь", "й", "е")),
)

# Kazakh locative-attributive suffix ("Астанадағы" = "that is in Astana"): it turns a
# place into a modifier, and never ends a word inside a person's name.
_KK_PLACE_ATTRIBUTE: tuple[str, ...] = ("дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі")

# Kazakh case suffixes (vowel harmony and assimilation variants), longest first.
_KK_SUFFIXES: tuple[str, ...] = tuple(
    sorted(
        {
            "ның",
            "нің",
            "дың",
            "дің",
            "тың",
            "тің",
            "ға",
            "ге",
            "қа",
            "ке",
            "на",
            "не",
            "а",
            "е",
            "ны",
            "ні",
            "ды",
            "ді",
            "ты",
            "ті",
            "н",
            "да",
            "де",
            "та",
            "те",
            "нда",
            "нде",
            "дан",
            "ден",
            "тан",
            "тен",
            "нан",
            "нен",
            "мен",
            "бен",
            "пен",
            *_KK_PLACE_ATTRIBUTE,
        },
        key=len,
        reverse=True,
    )
)

# Turkish and Azerbaijani write case suffixes after an apostrophe, which tokenisation
# already splits off; Portuguese, French, Spanish, Italian and English do not inflect
# names (elisions such as l'Ukraine and English 's are split off by tokenisation too).

# Arabic proclitics: conjunctions و ف, prepositions ب ل ك, and their combinations with
# the article. ``لل`` is ل + ال with the alef dropped.
_AR_PREFIXES: tuple[tuple[str, str], ...] = (
    ("وبال", "ال"),
    ("وال", "ال"),
    ("فال", "ال"),
    ("بال", "ال"),
    ("كال", "ال"),
    ("ولل", "ال"),
    ("فلل", "ال"),
    ("لل", "ال"),
    ("وب", ""),
    ("ول", ""),
    ("وك", ""),
    ("فب", ""),
    ("فل", ""),
    ("و", ""),
    ("ف", ""),
    ("ب", ""),
    ("ل", ""),
    ("ك", ""),
)

_MIN_STEM = 3


def arabic_splits(word: str) -> list[tuple[int, str]]:
    """``(cut, base)`` pairs: ``base`` is ``word`` without its first ``cut`` characters'
    particles (with the article restored after ``لل``), the unsplit word first.

    ``لكازاخستان`` → ``[(0, "لكازاخستان"), (1, "كازاخستان")]``; ``للعراق`` gives
    ``(0, "العراق")`` among others; ``الكازاخستاني`` (an adjective, "Kazakh") yields
    ``كازاخستاني`` at most, never the country.
    """
    out: list[tuple[int, str]] = [(0, word)]
    seen = {word}
    for prefix, replacement in _AR_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_STEM:
            stem = replacement + word[len(prefix) :]
            if stem not in seen:
                seen.add(stem)
                out.append((len(prefix) - len(replacement), stem))
    if word.startswith("ال") and len(word) - 2 >= _MIN_STEM and word[2:] not in seen:
        out.append((2, word[2:]))
    return out


def arabic_base_forms(word: str) -> list[str]:
    """``word`` and the words left after taking off attached conjunctions/prepositions."""
    return [base for _, base in arabic_splits(word)]


def _with_endings(word: str, endings: tuple[tuple[str, tuple[str, ...]], ...]) -> list[str]:
    out = [word]
    low = word.lower()
    for ending, completions in endings:
        if low.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            stem = word[: len(word) - len(ending)]
            for c in completions:
                if stem + c not in out:
                    out.append(stem + c)
    return out


def base_forms(word: str, lang: str | None) -> list[str]:
    """Candidate dictionary forms of one word of a name in language ``lang``."""
    if not word:
        return []
    if lang in {"ar", "fa", "ur"}:
        return arabic_base_forms(word)
    if lang == "ro":
        return _with_endings(word, _RO_ENDINGS)
    if lang in {"ru", "uk", "be", "bg"}:
        return _with_endings(word, _RU_ENDINGS)
    if lang == "kk" or lang == "ky":
        out = [word]
        for suffix in _KK_SUFFIXES:
            if word.lower().endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
                out.append(word[: len(word) - len(suffix)])
        return out
    return [word]


def is_place_attribute(word: str, lang: str | None) -> bool:
    """A word that names a place as a modifier of what follows (Kazakh
    ``Вальдониядағы`` "in Valdonia"): never a word of a person's name."""
    if lang not in {"kk", "ky"}:
        return False
    low = word.lower()
    return any(low.endswith(s) and len(low) - len(s) >= _MIN_STEM for s in _KK_PLACE_ATTRIBUTE)
