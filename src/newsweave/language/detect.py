"""Language identification of texts and articles, from three bundled models combined.

How a text's language is decided (:func:`detect_language`):

1. **Script.** The text's scripts (:func:`script_of` and
   :func:`~newsweave.language.scripts.script_profile`: the dominant one and any other with a fair
   share of the letters) limit the candidates to languages written in them: Cyrillic text
   cannot be Croatian, Han text without kana is not Japanese.
2. **Votes.** fastText lid.176 and CLD2 score the text, and py3langid too unless those two
   already agree with confidence on a language without close relatives (see
   :mod:`newsweave.language.backends`).
3. **Combination.** A candidate's score is the weighted mean of the scores of the models *that know
   the language*; a model that cannot name a language abstains on it instead of voting it down
   (only CLD2 knows Māori, only fastText knows Serbo-Croatian as one label). py3langid weighs
   twice as much as each of the others: it is the most accurate of the three on short text.
   Only languages with an ISO 639-1 code are reported.
4. **Close relatives.** When the winner belongs to a group of closely related languages
   (Croatian/Bosnian/Serbian, Malay/Indonesian, Bokmål/Nynorsk/Danish, Zulu/Xhosa,
   Tswana/Sotho), the words only one member uses decide between them
   (:mod:`newsweave.language.related`); without such words the models' ranking stands.

Articles (:func:`detect_article`) are split into paragraphs and each paragraph is identified. The
article's language comes from the paragraphs' scores pooled by their number of letters; short or
uncertain paragraphs, and close relatives without words of their own, inherit it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsweave.article import Article, Paragraph
from newsweave.language.backends import Vote, backends, clean_for_models
from newsweave.language.codes import (
    UNDETERMINED,
    is_reportable,
    normalize_declared,
    scripts_of_language,
)
from newsweave.language.related import RelatedGroup, groups_of, resolve
from newsweave.language.scripts import COMMON, script_of, script_profile

__all__ = [
    "LangGuess",
    "Ranking",
    "detect_article",
    "detect_language",
    "rank_languages",
    "script_of",
    "split_paragraphs",
]

# Relative trust in each model (py3langid is the most accurate alone on short text).
WEIGHTS: dict[str, float] = {"fasttext": 0.5, "py3langid": 1.0, "cld2": 0.5}

# When fastText and CLD2 both give the same language at least this score (and it has no close
# relatives to tell apart), py3langid is not consulted: on the public benchmarks this changes no
# decision and skips the slowest model for most news paragraphs.
AGREEMENT = 0.9

# A paragraph decides its own language only when it has this many letters and this confidence;
# otherwise it inherits the article's language.
MIN_PARAGRAPH_LETTERS = 40
MIN_PARAGRAPH_SCORE = 0.5
# Share of an article's text, confidently identified as another language, that makes it "mixed".
MIXED_SHARE = 0.2
# Article text beyond this is not needed to know its language and is left out for speed.
MAX_TEXT_CHARS = 20_000

_LETTER = re.compile(r"[^\W\d_]")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


@dataclass(frozen=True, slots=True)
class LangGuess:
    """A language decision: ISO 639-1 code (else 639-3), confidence in 0..1, ISO 15924 script."""

    lang: str
    score: float
    script: str


def _letters(text: str) -> int:
    return len(_LETTER.findall(text))


def _combine(votes: Iterable[Vote], scripts: frozenset[str]) -> dict[str, float]:
    """Weighted mean score per candidate, over the models that know it, best first."""
    votes = list(votes)
    candidates: set[str] = set()
    for vote in votes:
        candidates.update(vote.scores)
    allowed = {c for c in candidates if is_reportable(c) and scripts & scripts_of_language(c)}
    if not allowed:  # a script no candidate is known to use: trust the models alone
        allowed = {c for c in candidates if is_reportable(c)}
    combined: dict[str, float] = {}
    for code in allowed:
        total = weight = 0.0
        for vote in votes:
            if code in vote.known:
                w = WEIGHTS.get(vote.backend, 1.0)
                total += w * vote.scores.get(code, 0.0)
                weight += w
        if weight:
            combined[code] = total / weight
    return dict(sorted(combined.items(), key=lambda kv: (-kv[1], kv[0])))


def _decide(text: str, ranking: dict[str, float], scripts: frozenset[str]) -> tuple[str, float]:
    """Top language of ``ranking``, with close relatives told apart by marker words."""
    if not ranking:
        return UNDETERMINED, 0.0
    top, score = next(iter(ranking.items()))
    found = _relatives(top, scripts)
    if found is None:
        return top, score
    group, allowed = found
    narrowed = resolve(group, text, allowed)
    if narrowed is None or top in narrowed:
        return top, score
    # The markers moved the decision inside the group: the models' favourite among the members
    # they point to, with the evidence of the group as a whole.
    chosen = min(narrowed, key=lambda m: (-ranking.get(m, 0.0), m))
    group_score = sum(ranking.get(m, 0.0) for m in group.members)
    return chosen, min(1.0, group_score)


def _relatives(lang: str, scripts: frozenset[str]) -> tuple[RelatedGroup, list[str]] | None:
    """The group of close relatives of ``lang`` in these scripts, and its members there."""
    for group in groups_of(lang):
        allowed = sorted(m for m in group.members if scripts & scripts_of_language(m))
        if len(allowed) >= 2:
            return group, allowed
    return None


@dataclass(frozen=True, slots=True)
class Ranking:
    """Candidate languages of a text with their combined scores (best first), and its scripts."""

    scores: dict[str, float]
    script: str  # the dominant script
    scripts: frozenset[str]  # the dominant script and any other with a fair share of letters


def _confident_agreement(votes: list[Vote]) -> bool:
    """Whether every vote names the same language, with confidence, and it has no close kin."""
    tops = {vote.best for vote in votes}
    if len(tops) != 1:
        return False
    (top,) = tops
    return not groups_of(top) and all(v.scores.get(top, 0.0) >= AGREEMENT for v in votes)


def _votes(cleaned: str) -> list[Vote]:
    """The models' votes; py3langid (the slowest) is skipped when the others already agree."""
    models = {model.name: model for model in backends()}
    votes = [models["fasttext"].vote(cleaned), models["cld2"].vote(cleaned)]
    if not _confident_agreement(votes):
        votes.append(models["py3langid"].vote(cleaned))
    return votes


def rank_languages(text: str) -> Ranking:
    """Combined scores of the candidate languages of ``text``, best first, and its scripts.

    The scripts are the dominant one and any other with a fair share of the letters
    (:func:`newsweave.language.scripts.script_profile`).
    """
    sample = text[:MAX_TEXT_CHARS]
    script, scripts = script_profile(sample)
    cleaned = clean_for_models(sample)
    if script == COMMON or not cleaned.strip():
        return Ranking({}, script, scripts)
    return Ranking(_combine(_votes(cleaned), scripts), script, scripts)


def _guess(text: str, ranking: Ranking) -> LangGuess:
    lang, score = _decide(text[:MAX_TEXT_CHARS], ranking.scores, ranking.scripts)
    return LangGuess(lang, round(float(score), 4), ranking.script)


def detect_language(text: str) -> LangGuess:
    """The language of ``text``.

    Returns ``LangGuess("und", 0.0, script)`` when the text has no letters.

    >>> detect_language("Der Bundestag hat das Gesetz am Freitag verabschiedet.").lang
    'de'
    """
    return _guess(text, rank_languages(text))


def detect_with_backend(text: str, backend: str) -> str:
    """One model's own top answer for ``text`` (canonical code), for comparing models."""
    cleaned = clean_for_models(text[:MAX_TEXT_CHARS])
    for model in backends():
        if model.name == backend:
            return model.vote(cleaned).best if cleaned.strip() else UNDETERMINED
    names = ", ".join(m.name for m in backends())
    raise ValueError(f"unknown language backend {backend!r}; known: {names}")


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs of ``text``, surrounding whitespace excluded.

    Paragraphs are separated by blank lines when the text has any; otherwise every line is a
    paragraph.
    """
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n")
    spans: list[tuple[int, int]] = []
    start = 0
    for match in [*separator.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            first = start + (len(chunk) - len(chunk.lstrip()))
            spans.append((first, first + len(stripped)))
        if match:
            start = match.end()
    return spans


@dataclass(slots=True)
class _ParagraphVote:
    start: int
    end: int
    letters: int
    ranking: Ranking
    guess: LangGuess

    @property
    def confident(self) -> bool:
        return (
            self.letters >= MIN_PARAGRAPH_LETTERS
            and self.guess.score >= MIN_PARAGRAPH_SCORE
            and self.guess.lang != UNDETERMINED
        )


def _article_language(text: str, votes: list[_ParagraphVote]) -> LangGuess:
    """Language of the whole text: paragraph rankings pooled by their number of letters."""
    pooled: dict[str, float] = {}
    letters = sum(v.letters for v in votes) or 1
    for vote in votes:
        for code, score in vote.ranking.scores.items():
            pooled[code] = pooled.get(code, 0.0) + score * vote.letters / letters
    script, scripts = script_profile(text[:MAX_TEXT_CHARS])
    scores = dict(sorted(pooled.items(), key=lambda kv: (-kv[1], kv[0])))
    return _guess(text, Ranking(scores, script, scripts))


def detect_article(article: Article) -> Article:
    """Set the article's language, score, script, paragraphs and mixed-language flag.

    Reads ``clean_text`` (``text`` when it is empty); the original text is never altered.
    A language the input declared is kept as it was; when it disagrees with the detected one,
    ``meta["declared_lang_mismatch"]`` records both.
    """
    body = article.clean_text or article.text
    votes: list[_ParagraphVote] = []
    for start, end in split_paragraphs(body):
        chunk = body[start:end]
        ranking = rank_languages(chunk)
        votes.append(_ParagraphVote(start, end, _letters(chunk), ranking, _guess(chunk, ranking)))
    overall = _article_language(body, votes) if votes else detect_language(body)
    article.lang, article.lang_score, article.script = overall.lang, overall.score, overall.script

    paragraphs: list[Paragraph] = []
    foreign = 0
    for vote in votes:
        guess = vote.guess
        if not vote.confident:
            inherited = vote.ranking.scores.get(overall.lang, 0.0)
            guess = LangGuess(overall.lang, round(inherited, 4), guess.script)
        elif guess.lang != overall.lang:
            # A close relative of the article's language, without words of its own to tell it
            # apart, is the article's language.
            found = _relatives(overall.lang, vote.ranking.scripts)
            if found is not None and guess.lang in found[1]:
                narrowed = resolve(found[0], body[vote.start : vote.end], found[1])
                if narrowed is None or overall.lang in narrowed:
                    guess = LangGuess(overall.lang, guess.score, guess.script)
        if vote.confident and guess.lang != overall.lang:
            foreign += vote.end - vote.start
        paragraphs.append(
            Paragraph(
                text=body[vote.start : vote.end],
                start=vote.start,
                end=vote.end,
                lang=guess.lang,
                lang_score=guess.score,
                script=guess.script,
            )
        )
    article.paragraphs = paragraphs
    total = sum(v.end - v.start for v in votes)
    article.mixed_language = bool(total) and foreign / total >= MIXED_SHARE

    declared = normalize_declared(article.declared_lang)
    if declared is not None and overall.lang != UNDETERMINED and declared != overall.lang:
        article.meta["declared_lang_mismatch"] = {
            "declared": article.declared_lang,
            "detected": overall.lang,
        }
    return article
