"""Quotes: who said what, in direct quotation and in reported speech.

Direct quotations are found by their quotation marks (“” «» „“ "…" ‹› and the Arabic
usage of «»); reported speech by a verb of saying followed by a complementiser
("said that", "a declarat că", "قال إن"). The speaker comes from the attribution next
to the quote (", disse Ablyazov", "a spus Antony Blinken", "قال بلينكن:"); when it is a
role noun or a pronoun ("the ex-banker", "il"), it is resolved to the closest person
named before it in the article, when the caller passes the article's person mentions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from newsweave.article import Article

QuoteKind = Literal["direct", "reported"]


@dataclass(slots=True)
class PersonSpan:
    """A person (or organisation) named in the article: where, and its display name."""

    start: int
    end: int
    name: str
    entity_id: str | None = None
    label: str = "PER"


@dataclass(slots=True)
class Quote:
    text: str  # the quoted or reported words
    kind: QuoteKind
    speaker: str | None  # display name of the speaker, resolved when possible
    speaker_text: str | None  # the attribution as written ("ex-banqueiro", "Ablyazov")
    cue: str | None  # the verb of saying
    start: int  # span of ``text`` in the article's clean text
    end: int
    lang: str | None
    speaker_entity: str | None = None
    resolved_by: str | None = None  # "attribution", "nearest_person", "subject"
    flags: list[str] = field(default_factory=list)


# Verbs (and verb phrases) of saying, per language. Regex fragments; matched case-insensitively
# on word boundaries. Data, not code: extend here.
SPEECH_VERBS: dict[str, list[str]] = {
    "en": [
        r"said",
        r"says",
        r"told",
        r"added",
        r"stated",
        r"declared",
        r"explained",
        r"noted",
        r"warned",
        r"insisted",
        r"argued",
        r"claimed",
        r"announced",
        r"wrote",
        r"asked",
    ],
    "fr": [
        r"a\s+(?:déclaré|dit|affirmé|ajouté|expliqué|indiqué|souligné|précisé|estimé|"
        r"assuré|averti|annoncé|confié|lancé)",
        r"déclare",
        r"dit",
        r"affirme",
        r"ajoute",
        r"explique",
        r"indique",
        r"souligne",
        r"précise",
        r"estime",
    ],
    "pt": [
        r"disse",
        r"afirmou",
        r"declarou",
        r"revelou",
        r"acrescentou",
        r"explicou",
        r"sublinhou",
        r"destacou",
        r"garantiu",
        r"alertou",
        r"contou",
        r"diz",
        r"afirma",
    ],
    "es": [
        r"dijo",
        r"afirmó",
        r"declaró",
        r"aseguró",
        r"añadió",
        r"explicó",
        r"señaló",
        r"indicó",
        r"advirtió",
        r"dice",
        r"afirma",
    ],
    "ro": [
        r"a\s+(?:spus|declarat|afirmat|adăugat|explicat|precizat|subliniat|transmis|"
        r"anunțat|avertizat)",
        r"spune",
        r"declară",
        r"afirmă",
    ],
    "de": [
        r"sagte",
        r"erklärte",
        r"betonte",
        r"fügte\s+hinzu",
        r"warnte",
        r"sagt",
        r"erklärt",
        r"meinte",
        r"teilte\s+mit",
    ],
    "ru": [
        r"заявил[аи]?",
        r"сказал[аи]?",
        r"сообщил[аи]?",
        r"отметил[аи]?",
        r"добавил[аи]?",
        r"подчеркнул[аи]?",
        r"пояснил[аи]?",
        r"говорит",
    ],
    "ar": [
        r"قال(?:ت)?",
        r"أكد(?:ت)?",
        r"أضاف(?:ت)?",
        r"أوضح(?:ت)?",
        r"أشار(?:ت)?",
        r"صرح(?:ت)?",
        r"ذكر(?:ت)?",
        r"أعلن(?:ت)?",
        r"اعتبر(?:ت)?",
    ],
}

# "According to X, <clause>": the clause after the comma is what X said.
ACCORDING_TO: dict[str, str] = {
    "en": r"according\s+to",
    "fr": r"selon",
    "pt": r"segundo|de\s+acordo\s+com",
    "es": r"según|de\s+acuerdo\s+con",
    "ro": r"potrivit(?:\s+lui)?|conform(?:\s+lui)?",
    "de": r"laut|nach\s+Angaben\s+von",
    "ru": r"по\s+словам|по\s+мнению",
    "ar": r"(?:و)?(?:بحسب|وفقا\s+ل|وفقاً\s+ل|حسب)",
}

# Complementisers that turn a verb of saying into reported speech.
THAT: dict[str, str] = {
    "en": r"that",
    "fr": r"que|qu['’]",
    "pt": r"que",
    "es": r"que",
    "ro": r"că",
    "de": r"dass",
    "ru": r"что",
    "ar": r"(?:إ|أ)ن(?:ّ)?(?:ه|ها|هم)?|بأن(?:ّ)?",
}

# Words that stand for a person already named: pronouns and role nouns.
ANAPHORS: dict[str, list[str]] = {
    "en": [
        "he",
        "she",
        "they",
        "the official",
        "the minister",
        "the president",
        "the former banker",
        "the spokesman",
        "the spokeswoman",
        "the ex-banker",
    ],
    "fr": [
        "il",
        "elle",
        "ils",
        "le ministre",
        "le président",
        "le responsable",
        "l'ancien banquier",
        "le porte-parole",
    ],
    "pt": [
        "ele",
        "ela",
        "eles",
        "o ministro",
        "o presidente",
        "o ex-banqueiro",
        "ex-banqueiro",
        "o interlocutor",
        "o porta-voz",
    ],
    "es": ["él", "ella", "el ministro", "el presidente", "el portavoz", "el exbanquero"],
    "ro": [
        "el",
        "ea",
        "ministrul",
        "președintele",
        "oficialul",
        "oficialul american",
        "purtătorul de cuvânt",
    ],
    "de": [
        "er",
        "sie",
        "der minister",
        "die ministerin",
        "der präsident",
        "der sprecher",
        "die sprecherin",
    ],
    "ru": ["он", "она", "министр", "президент", "представитель", "глава"],
    "ar": ["الوزير", "الرئيس", "المتحدث"],
}

# Titles written before a name ("Ministrul Ion Vasilescu"): dropped from the speaker's name.
TITLES = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "minister",
    "president",
    "secretary",
    "governor",
    "senator",
    "m.",
    "mme",
    "ministre",
    "président",
    "présidente",
    "ministro",
    "ministra",
    "presidente",
    "secretário",
    "secretario",
    "ministrul",
    "președintele",
    "secretarul",
    "premierul",
    "herr",
    "frau",
    "ministerin",
    "präsident",
    "präsidentin",
    "kanzler",
    "министр",
    "президент",
    "премьер",
    "губернатор",
    "глава",
    "господин",
}

# Determiners that open a role phrase standing for someone already named ("a ex-ministra").
ROLE_DETERMINERS = r"(?:o|a|os|as|the|le|la|l['’]|el|der|die|das|il|lo|un|una|uma|um)"

_QUOTE_PAIRS = [("“", "”"), ("«", "»"), ("„", "“"), ("„", "”"), ("‹", "›"), ('"', '"'), ("”", "”")]
_MIN_WORDS = 3
_CAP_WORD = r"[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ][\w'’.-]+"
_NAME_LATIN = _CAP_WORD + r"(?:\s+(?:" + _CAP_WORD + r"|de|da|do|von|van|al|el|bin|ibn))*"


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Inner spans of quotations, outermost first, non-overlapping."""
    spans: list[tuple[int, int]] = []
    taken = [False] * (len(text) + 1)
    for open_mark, close_mark in _QUOTE_PAIRS:
        pattern = re.compile(
            re.escape(open_mark)
            + r"([^\n"
            + re.escape(close_mark)
            + r"]{2,1200}?)"
            + re.escape(close_mark)
        )
        for m in pattern.finditer(text):
            s, e = m.start(1), m.end(1)
            if any(taken[s - 1 : e + 1]):
                continue
            inner = m.group(1)
            if len(inner.split()) < _MIN_WORDS:
                continue
            spans.append((s, e))
            for i in range(s - 1, e + 1):
                taken[i] = True
    return sorted(spans)


def _verb_re(lang: str) -> re.Pattern[str]:
    verbs = SPEECH_VERBS.get(lang, SPEECH_VERBS["en"])
    # Arabic attaches the conjunctions و/ف to the verb ("وأشار", "فقال").
    prefix = r"(?:[وف])?" if lang == "ar" else ""
    return re.compile(r"(?<!\w)" + prefix + r"(?:" + "|".join(verbs) + r")(?!\w)", re.IGNORECASE)


def _anaphor(name: str, lang: str) -> bool:
    """A pronoun or a role phrase ("o ex-banqueiro") rather than a name."""
    low = name.strip().lower()
    if low in {a.lower() for a in ANAPHORS.get(lang, [])} or low in {
        a.lower() for a in ANAPHORS["en"]
    }:
        return True
    return bool(re.match(ROLE_DETERMINERS + r"\s*[\w-]+$", low)) or low.startswith("ex-")


def _strip_titles(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].casefold().rstrip(".") in TITLES:
        words = words[1:]
    return " ".join(words)


def _name_after(text: str, pos: int, lang: str) -> str | None:
    """The speaker named right after a verb of saying (", disse Ablyazov à Sputnik")."""
    window = text[pos : pos + 120]
    if lang == "ar":
        m = re.match(
            r"\s*([^\s،,.:؛«»]+(?:\s+[^\s،,.:؛«»]+){0,3}?)"
            r"(?=\s*[،,.:؛]|\s+و?(?:في|عقب|خلال|إلى|أن|إن)(?!\S)|\s*$)",
            window,
        )
        name = m.group(1).strip() if m else None
        # a lone letter is a clitic conjunction or preposition ("و", "ب"), not a speaker
        return name if name and len(name) > 1 else None
    m = re.match(
        r"\s*(?:(?:ainda|também|also|then|aussi|encore|încă|și|jedoch|auch|ещё|тоже)\s+)?("
        + _NAME_LATIN
        + r")",
        window,
    )
    if m:
        return m.group(1).strip()
    for anaphor in sorted(ANAPHORS.get(lang, []), key=len, reverse=True):
        if re.match(r"\s*" + re.escape(anaphor) + r"(?!\w)", window, re.IGNORECASE):
            return anaphor
    role = re.match(r"\s*(" + ROLE_DETERMINERS + r"\s*[a-zà-ÿа-я][\w-]+)", window)
    return role.group(1) if role else None


def _name_before(text: str, pos: int, lang: str) -> str | None:
    """The speaker named right before a verb of saying ("Ablyazov said", "Il a déclaré")."""
    window = text[max(0, pos - 120) : pos]
    if lang == "ar":
        return None  # Arabic puts the subject after the verb
    m = re.search(r"(" + _NAME_LATIN + r")[\s,]*$", window)
    if m:
        return m.group(1).strip()
    for anaphor in sorted(ANAPHORS.get(lang, []), key=len, reverse=True):
        if re.search(r"(?<!\w)" + re.escape(anaphor) + r"\s*$", window, re.IGNORECASE):
            return anaphor
    return None


def _resolve(
    speaker_text: str | None,
    at: int,
    lang: str,
    persons: Sequence[PersonSpan],
    region: tuple[int, int] | None = None,
) -> tuple[str | None, str | None, str | None]:
    """(display name, entity id, how) for an attribution found at char ``at``.

    A person named inside ``region`` (the attribution clause) wins; then a person whose
    name matches the attribution; then, for pronouns and role nouns, the closest person
    named before ``at``.
    """
    if region is not None:
        inside = [p for p in persons if region[0] <= p.start < region[1]]
        if inside:
            p = inside[0]
            return p.name, p.entity_id, "attribution"
    if speaker_text is None:
        return None, None, None
    speaker_text = _strip_titles(speaker_text)
    norm = speaker_text.casefold()
    words = norm.split()
    for p in persons:
        pname = p.name.casefold()
        last = words[-1] if words else norm
        if norm in pname or pname in norm or (len(last) > 3 and last in pname.split()):
            return p.name, p.entity_id, "attribution"
    if _anaphor(speaker_text, lang):
        before = [p for p in persons if p.end <= at and p.label == "PER"]
        if before:
            p = before[-1]
            return p.name, p.entity_id, "nearest_person"
        if len(words) == 1:
            return None, None, None  # a bare pronoun with nobody named before it
    return speaker_text, None, "attribution"


def extract_quotes(text: str, lang: str | None, persons: Sequence[PersonSpan] = ()) -> list[Quote]:
    """Direct and reported quotes of ``text``, each with its speaker when one is found."""
    lang = lang or "en"
    verb_re = _verb_re(lang)
    persons = sorted(persons, key=lambda p: p.start)
    quotes: list[Quote] = []
    spans = _quote_spans(text)
    for s, e in spans:
        after = text[e + 1 : e + 80]
        before_start = max(0, s - 1 - 160)
        before = text[before_start : s - 1]
        speaker_text = cue = None
        m_after = verb_re.match(after.lstrip(" ,–—-"))
        if m_after:
            offset = e + 1 + (len(after) - len(after.lstrip(" ,–—-")))
            cue = m_after.group(0)
            speaker_text = _name_after(text, offset + m_after.end(), lang)
        else:
            matches = list(verb_re.finditer(before))
            if matches:
                mv = matches[-1]
                cue = mv.group(0)
                abs_pos = before_start + mv.start()
                speaker_text = _name_before(text, abs_pos, lang) or _name_after(
                    text, before_start + mv.end(), lang
                )
        name, ent, how = _resolve(speaker_text, s, lang, persons)
        quotes.append(
            Quote(
                text=text[s:e],
                kind="direct",
                speaker=name,
                speaker_text=speaker_text,
                cue=cue,
                start=s,
                end=e,
                lang=lang,
                speaker_entity=ent,
                resolved_by=how,
            )
        )
    quotes.extend(_reported(text, lang, verb_re, spans, persons))
    return sorted(quotes, key=lambda q: q.start)


def _reported(
    text: str,
    lang: str,
    verb_re: re.Pattern[str],
    direct: list[tuple[int, int]],
    persons: Sequence[PersonSpan],
) -> list[Quote]:
    out: list[Quote] = []
    verbs = verb_re.pattern.removeprefix(r"(?<!\w)").removesuffix(r"(?!\w)")
    that = THAT.get(lang)
    if that:
        # Arabic puts the speaker between the verb and the complementiser; elsewhere the
        # gap may only hold a short comma-free phrase ("disse à Sputnik que").
        gap = r"[^.!?؟\n«»“”„\"]{0,120}?" if lang == "ar" else r"[^.!?\n,«»“”„\"]{0,40}?"
        pattern = re.compile(
            r"(?<!\w)(?P<verb>"
            + verbs
            + r")(?!\w)(?P<mid>"
            + gap
            + r")(?<!\w)(?:"
            + that
            + r")(?!\w)\s*(?P<said>[^.!?؟\n]{12,400})",
            re.IGNORECASE,
        )
        for m in pattern.finditer(text):
            if lang == "ar":
                speaker_text = _name_after(text, m.end("verb"), lang)
            else:
                speaker_text = _name_before(text, m.start("verb"), lang) or (
                    _name_after(text, m.start("mid"), lang) if m.group("mid").strip() else None
                )
            region = (m.end("verb"), m.start("said")) if lang == "ar" else None
            quote = _make_reported(text, m, lang, speaker_text, persons, direct, region)
            if quote:
                out.append(quote)
    according = ACCORDING_TO.get(lang)
    if according:
        pattern = re.compile(
            r"(?<!\w)(?P<verb>"
            + according
            + r")\s+(?P<who>[^,،\n]{2,60})[,،]\s*(?P<said>[^.!?؟\n]{12,400})",
            re.IGNORECASE,
        )
        for m in pattern.finditer(text):
            who = m.group("who").strip()
            quote = _make_reported(
                text, m, lang, who, persons, direct, (m.start("who"), m.end("who"))
            )
            if quote:
                out.append(quote)
    return out


def _make_reported(
    text: str,
    m: re.Match[str],
    lang: str,
    speaker_text: str | None,
    persons: Sequence[PersonSpan],
    direct: list[tuple[int, int]],
    region: tuple[int, int] | None,
) -> Quote | None:
    s, e = m.start("said"), m.end("said")
    if any(ds - 1 <= s <= de + 1 for ds, de in direct):
        return None
    name, ent, how = _resolve(speaker_text, m.start(), lang, persons, region)
    if name is None:
        return None
    return Quote(
        text=text[s:e].strip(),
        kind="reported",
        speaker=name,
        speaker_text=speaker_text,
        cue=m.group("verb"),
        start=s,
        end=e,
        lang=lang,
        speaker_entity=ent,
        resolved_by=how,
    )


def quotes_article(article: Article) -> Article:
    """Pipeline stage: the article's quotes, speakers resolved against its PER mentions.

    Speakers here are names as written; when the article is saved, the quotes are found
    again against the registry's linked persons so that they carry canonical names.
    """
    persons = [PersonSpan(m.start, m.end, m.text) for m in article.mentions if m.label == "PER"]
    article.quotes = extract_quotes(article.clean_text or article.text, article.lang, persons)
    return article
