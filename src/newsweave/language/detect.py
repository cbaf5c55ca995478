"""Language identification of texts and articles, from three bundled models combined.

How a text's language is decided (:func:`detect_language`):

1. **Script.** The text's scripts (:func:`script_of` and
   :func:`~newsweave.language.scripts.script_profile`: the dominant one and any other with a fair
   share of the letters) limit the candidates to languages written in them: Cyrillic text
   cannot be Croatian, Han text without kana is not Japanese.
2. **Votes.** fastText lid.176 and CLD2 score the text. Unless those two already agree with
   confidence on a language without close relatives, py3langid scores it too, and Lingua chooses
   among the leader's close relatives, if it has any (see :mod:`newsweave.language.backends`).
3. **Combination.** A candidate's score is the weighted mean of the scores of the models *that know
   the language*; a model that cannot name a language abstains on it instead of voting it down
   (only CLD2 knows Māori, only fastText knows Serbo-Croatian as one label). py3langid weighs
   twice as much as fastText or CLD2, Lingua (on the languages it judged) one and a half times:
   they are the most accurate on short text.
   Only languages with an ISO 639-1 code are reported.
4. **Close relatives.** When the winner belongs to a group of closely related languages
   (Croatian/Bosnian/Serbian, Serbian/Macedonian, Czech/Slovak, Malay/Indonesian,
   Bokmål/Nynorsk/Danish, Zulu/Xhosa, Tswana/Sotho), the group's share of the score is dealt
   out again among its members by :mod:`newsweave.language.kin`: each model's scores weighed by
   how well it tells that group apart, together with the words only some members use
   (:mod:`newsweave.language.related`).

Articles (:func:`detect_article`) are split into paragraphs and each paragraph is identified. The
article's language comes from the paragraphs' scores pooled by their number of letters; short or
uncertain paragraphs, and close relatives without words of their own, inherit it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsweave.article import Article, Paragraph
from newsweave.language import kin
from newsweave.language.backends import Vote, backends, clean_for_models, lingua
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

# Relative trust in each model (py3langid and Lingua are the most accurate on short text).
WEIGHTS: dict[str, float] = {"fasttext": 0.5, "py3langid": 1.0, "cld2": 0.5, "lingua": 0.75}
# Lingua judges the close relatives of the other models' leader, and this many of their best
# candidates besides. Each language Lingua judges costs its model in memory (about 15 MB); with 5
# candidates the models of most languages end up loaded (about 1 GB) for a small gain on short
# text, so by default Lingua only tells close relatives apart.
LINGUA_CANDIDATES = 0

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


def _decide(ranking: dict[str, float]) -> tuple[str, float]:
    """Top language of ``ranking`` and its score."""
    if not ranking:
        return UNDETERMINED, 0.0
    top, score = next(iter(ranking.items()))
    return top, min(1.0, score)


def _settle_relatives(
    ranking: dict[str, float], votes: list[Vote], text: str, scripts: frozenset[str]
) -> dict[str, float]:
    """``ranking`` with the leader's group's share dealt out again by :func:`kin.choose`."""
    if not ranking:
        return ranking
    top, top_score = next(iter(ranking.items()))
    found = _relatives(top, scripts)
    if found is None:
        return ranking
    group, allowed = found
    chance = kin.choose(group, allowed, votes, text)
    share = sum(ranking.get(m, 0.0) for m in allowed)
    settled = dict(ranking)
    for member, p in chance.items():
        settled[member] = share * p
    # The group as a whole won: its favourite member stays first.
    chosen = max(chance, key=lambda m: (chance[m], m))
    settled[chosen] = max(settled[chosen], top_score)
    return dict(sorted(settled.items(), key=lambda kv: (-kv[1], kv[0])))


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


def _votes(cleaned: str, scripts: frozenset[str]) -> list[Vote]:
    """The models' votes; py3langid and Lingua are skipped when the others already agree."""
    models = {model.name: model for model in backends()}
    votes = [models["fasttext"].vote(cleaned), models["cld2"].vote(cleaned)]
    if _confident_agreement(votes):
        return votes
    votes.append(models["py3langid"].vote(cleaned))
    ranking = _combine(votes, scripts)
    if not ranking:
        return votes
    candidates = list(ranking)[:LINGUA_CANDIDATES]
    found = _relatives(next(iter(ranking)), scripts)
    if found is not None:
        candidates.extend(m for m in found[1] if m not in candidates)
    if len(candidates) >= 2:
        vote = lingua().vote_among(cleaned, candidates)
        if vote.scores:
            votes.append(vote)
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
    votes = _votes(cleaned, scripts)
    ranking = _settle_relatives(_combine(votes, scripts), votes, sample, scripts)
    return Ranking(ranking, script, scripts)


def _guess(ranking: Ranking) -> LangGuess:
    lang, score = _decide(ranking.scores)
    return LangGuess(lang, round(float(score), 4), ranking.script)


def detect_language(text: str) -> LangGuess:
    """The language of ``text``.

    Returns ``LangGuess("und", 0.0, script)`` when the text has no letters.

    >>> detect_language("Der Bundestag hat das Gesetz am Freitag verabschiedet.").lang
    'de'
    """
    return _guess(rank_languages(text))


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
    return _guess(Ranking(scores, script, scripts))


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
        votes.append(_ParagraphVote(start, end, _letters(chunk), ranking, _guess(ranking)))
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
