"""Story summaries: a few central sentences drawn from all of a story's articles, and a card.

:func:`summarize_story` is extractive. It splits every article into sentences, embeds them,
and scores each sentence by how well the *other* articles of the story back it up (for
each other article, its most similar sentence; averaged), with a small bonus for a lead
position. Sentences are then picked best first, one per language before a second from any
language, skipping near-duplicates of a chosen sentence and sentences that repeat a figure
already chosen. A chosen sentence keeps its article, source and language, and when a
backend covers its language a translation marked as machine translation.

:func:`story_card` lays out what a reader needs in one target language: a title, the
languages and dates of the coverage, the registry's canonical entity names, the ledger's
figures and the dates the articles mention. Figures, dates and names always come from the
original texts, never from a translation. Both functions are pure functions of their
inputs (the caller loads articles, entities and ledger entries).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from newsweave.article import Article
from newsweave.embed.base import Embedder, FloatMatrix
from newsweave.embed.hashing import HashingEmbedder
from newsweave.facts.extract import extract_facts
from newsweave.facts.model import Fact
from newsweave.facts.sentences import split_sentences
from newsweave.translate.base import Translation, Translator
from newsweave.translate.chooser import translate_text, translate_texts

#: Sentences read per article (news put the substance first).
MAX_SENTENCES_PER_ARTICLE = 40
#: A candidate sentence has at least this many letters and at most this many characters.
MIN_LETTERS = 20
MAX_CHARS = 600
#: Bonus for the first sentence of an article, decaying as 1 / (1 + position).
LEAD_BONUS = 0.05
#: Cosine similarity above which a sentence repeats one already chosen.
DUPLICATE_COSINE = 0.75
#: Share of shared words above which two sentences are near-copies.
DUPLICATE_WORDS = 0.7
#: Fact kinds whose repetition makes a sentence redundant (years and dates recur freely).
FIGURE_KINDS = frozenset({"count", "money", "percent", "quantity"})
#: Counted things that are spans of time ("three days of rain"), not figures of the story.
TIME_SPANS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade"})

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """One sentence of a summary, with where it comes from and its translation if any."""

    text: str
    article_id: str
    source: str
    lang: str
    published: str | None
    position: int  # index of the sentence in its article
    score: float
    translation: Translation | None = None

    def shown(self) -> str:
        """The text to show in the target language: the translation when there is one."""
        if self.translation is not None and self.translation.machine_translated:
            return self.translation.text
        return self.text

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "article": self.article_id,
            "source": self.source,
            "lang": self.lang,
            "published": self.published,
            "position": self.position,
            "score": round(self.score, 4),
            "translation": self.translation.to_dict() if self.translation else None,
        }


@dataclass(slots=True)
class StorySummary:
    """The chosen sentences, most central first, and how they were chosen."""

    sentences: list[SummarySentence]
    languages: list[str]
    embedder: str
    target: str | None
    n_candidates: int
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> sentences skipped

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": [s.to_dict() for s in self.sentences],
            "languages": self.languages,
            "embedder": self.embedder,
            "target": self.target,
            "n_candidates": self.n_candidates,
            "skipped": dict(self.skipped),
        }


@dataclass(slots=True)
class _Candidate:
    text: str
    article: Article
    lang: str
    position: int
    article_index: int


# -- candidates ---------------------------------------------------------------------------
def _body(article: Article) -> str:
    return article.clean_text or article.text


def _lang_at(article: Article, offset: int) -> str:
    for p in article.paragraphs:
        if p.start <= offset < p.end and p.lang:
            return p.lang
    return article.lang or "und"


def _usable(text: str) -> bool:
    if len(text) > MAX_CHARS:
        return False
    letters = sum(1 for c in text if c.isalpha())
    if letters < MIN_LETTERS:
        return False
    return " " not in text or len(text.split()) >= 4


def sentence_candidates(articles: Sequence[Article]) -> list[_Candidate]:
    """Usable sentences of every article, in article then text order."""
    out: list[_Candidate] = []
    for a_idx, article in enumerate(articles):
        body = _body(article)
        spans = split_sentences(body, article.lang)[:MAX_SENTENCES_PER_ARTICLE]
        for pos, (start, end) in enumerate(spans):
            text = " ".join(body[start:end].split())
            if _usable(text):
                out.append(_Candidate(text, article, _lang_at(article, start), pos, a_idx))
    return out


# -- scoring ------------------------------------------------------------------------------
def centrality(sim: FloatMatrix, groups: Sequence[int]) -> np.ndarray[Any, np.dtype[np.float64]]:
    """How well each row is backed up by the other groups (articles).

    For every other group, the row's highest similarity to a member of it, averaged over
    those groups. With a single group, the row's mean similarity to the other rows.
    """
    n = sim.shape[0]
    labels = np.asarray(groups)
    distinct = sorted(set(groups))
    if n == 0:
        return np.zeros(0)
    if len(distinct) < 2:
        if n == 1:
            return np.zeros(1)
        off = sim.astype(np.float64).sum(axis=1) - np.diag(sim)
        return np.asarray(off / (n - 1), dtype=np.float64)
    best = np.zeros((n, len(distinct)), dtype=np.float64)
    for k, g in enumerate(distinct):
        best[:, k] = sim[:, labels == g].max(axis=1)
    own = np.array([distinct.index(g) for g in groups])
    best[np.arange(n), own] = 0.0
    return np.asarray(best.sum(axis=1) / (len(distinct) - 1), dtype=np.float64)


def _words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(text))


def _word_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _significant(value: float) -> float:
    return float(f"{value:.3g}")


def figure_keys(facts: Sequence[Fact]) -> set[tuple[str, str | None, float]]:
    """What makes two figures the same: kind, unit (not for counts) and value to 3 digits.

    Counts of time spans ("three days") are left out: they describe, they are not figures.
    """
    keys: set[tuple[str, str | None, float]] = set()
    for f in facts:
        if f.kind not in FIGURE_KINDS:
            continue
        if f.kind == "count" and (f.unit or f.counted or "").rstrip("s") in TIME_SPANS:
            continue
        unit = None if f.kind == "count" else f.unit
        keys.add((f.kind, unit, _significant(f.value)))
    return keys


def _facts_of_sentence(text: str, lang: str) -> list[Fact]:
    return extract_facts(text, lang if lang != "und" else "xx")


# -- the summary --------------------------------------------------------------------------
def summarize_story(
    articles: Sequence[Article],
    embedder: Embedder | None = None,
    max_sentences: int = 5,
    *,
    target: str | None = "en",
    backends: Sequence[Translator] | None = None,
) -> StorySummary:
    """The ``max_sentences`` most central, non-redundant sentences of a story.

    ``embedder`` defaults to the model-free hashing embedder. With ``target`` set, each
    sentence in another language gets a machine translation by the best backend for the
    pair (``backends`` overrides the installed ones; an empty list translates nothing).
    """
    emb: Embedder = embedder if embedder is not None else HashingEmbedder()
    languages = _languages(articles)
    cands = sentence_candidates(articles)
    skipped: Counter[str] = Counter()
    if not cands or max_sentences <= 0:
        return StorySummary([], languages, emb.name, target, len(cands), dict(skipped))

    vectors = emb.embed([c.text for c in cands], task="clustering")
    sim: FloatMatrix = (vectors @ vectors.T).astype(np.float32)
    scores = centrality(sim, [c.article_index for c in cands])
    scores = scores + np.array([LEAD_BONUS / (1 + c.position) for c in cands])
    order = sorted(range(len(cands)), key=lambda i: (-scores[i], i))

    chosen: list[int] = []
    chosen_words: list[frozenset[str]] = []
    chosen_figures: set[tuple[str, str | None, float]] = set()
    rejected: set[int] = set()
    words = [_words(c.text) for c in cands]
    figures: dict[int, set[tuple[str, str | None, float]]] = {}

    def acceptable(i: int) -> bool:
        if any(float(sim[i, j]) >= DUPLICATE_COSINE for j in chosen):
            skipped["duplicate"] += 1
            return False
        if any(_word_overlap(words[i], w) >= DUPLICATE_WORDS for w in chosen_words):
            skipped["duplicate"] += 1
            return False
        if figures_of(i) & chosen_figures:
            skipped["repeated_figure"] += 1
            return False
        return True

    def figures_of(i: int) -> set[tuple[str, str | None, float]]:
        if i not in figures:
            figures[i] = figure_keys(_facts_of_sentence(cands[i].text, cands[i].lang))
        return figures[i]

    def take(i: int) -> None:
        chosen.append(i)
        chosen_words.append(words[i])
        chosen_figures.update(figures_of(i))

    # First pass: the best sentence of each language, languages in order of their best.
    seen_langs: set[str] = set()
    for i in order:
        if len(chosen) >= max_sentences:
            break
        lang = cands[i].lang
        if lang in seen_langs:
            continue
        if acceptable(i):
            take(i)
            seen_langs.add(lang)
        else:
            rejected.add(i)
    # Second pass: fill by score.
    for i in order:
        if len(chosen) >= max_sentences:
            break
        if i in chosen or i in rejected:
            continue
        if acceptable(i):
            take(i)
        else:
            rejected.add(i)

    chosen.sort(key=lambda i: (-scores[i], i))
    translations = _translations([cands[i] for i in chosen], target, backends)
    sentences = [
        SummarySentence(
            text=cands[i].text,
            article_id=cands[i].article.id,
            source=cands[i].article.source,
            lang=cands[i].lang,
            published=cands[i].article.published,
            position=cands[i].position,
            score=float(scores[i]),
            translation=translations[k],
        )
        for k, i in enumerate(chosen)
    ]
    return StorySummary(sentences, languages, emb.name, target, len(cands), dict(skipped))


def _languages(articles: Sequence[Article]) -> list[str]:
    counts = Counter(a.lang or "und" for a in articles)
    return [lang for lang, _ in counts.most_common()]


def _translations(
    cands: Sequence[_Candidate], target: str | None, backends: Sequence[Translator] | None
) -> list[Translation | None]:
    out: list[Translation | None] = [None] * len(cands)
    if target is None:
        return out
    by_lang: dict[str, list[int]] = defaultdict(list)
    for k, c in enumerate(cands):
        if c.lang != target:
            by_lang[c.lang].append(k)
    for lang, idxs in by_lang.items():
        results = translate_texts([cands[k].text for k in idxs], lang, target, backends)
        for k, result in zip(idxs, results, strict=True):
            out[k] = result
    return out


# -- the card -----------------------------------------------------------------------------
def story_card(
    articles: Sequence[Article],
    *,
    target: str = "en",
    entities: Sequence[tuple[str, str, int]] = (),
    ledger: Sequence[Mapping[str, Any]] = (),
    summary: StorySummary | None = None,
    backends: Sequence[Translator] | None = None,
    max_entities: int = 12,
    max_figures: int = 10,
    max_dates: int = 8,
) -> dict[str, Any]:
    """A story at a glance in language ``target``, as a JSON-ready dict.

    ``entities`` are the registry's ``(canonical name, type, mentions)`` for the story's
    articles; ``ledger`` the story's ledger entries as :func:`newsweave.facts.ledger.
    entry_view` gives them. Only the title and the summary sentences are translated, and
    each translated text says so.
    """
    published = sorted(a.published for a in articles if a.published)
    card: dict[str, Any] = {
        "target": target,
        "title": _title(articles, target, backends),
        "languages": _languages(articles),
        "n_articles": len(articles),
        "sources": sorted({a.source for a in articles}),
        "first_date": published[0] if published else None,
        "last_date": published[-1] if published else None,
        "entities": _entities(entities, max_entities),
        "figures": [_figure(entry) for entry in list(ledger)[:max_figures]],
        "dates": mentioned_dates(articles, max_dates),
        "summary": [_card_sentence(s) for s in summary.sentences] if summary else [],
    }
    card["machine_translation"] = _mt_labels(card)
    return card


def _title(
    articles: Sequence[Article], target: str, backends: Sequence[Translator] | None
) -> dict[str, Any] | None:
    titled = sorted(
        (a for a in articles if a.title),
        key=lambda a: (a.published is None, a.published or ""),
    )
    if not titled:
        return None
    native = [a for a in titled if a.lang == target]
    pick = (native or titled)[0]
    title = pick.title or ""
    result = translate_text(title, pick.lang or "und", target, backends)
    return {"article": pick.id, "lang": pick.lang, **result.to_dict()}


def _entities(entities: Sequence[tuple[str, str, int]], limit: int) -> list[dict[str, Any]]:
    ranked = sorted(entities, key=lambda e: (-e[2], e[0]))
    return [{"name": n, "type": t, "mentions": c} for n, t, c in ranked[:limit]]


def _figure(entry: Mapping[str, Any]) -> dict[str, Any]:
    items = list(entry.get("items") or [])
    values: list[dict[str, Any]] = []
    seen: set[tuple[Any, Any, Any]] = set()
    for it in items:
        key = (it.get("value"), it.get("unit"), it.get("source"))
        if key in seen:
            continue
        seen.add(key)
        values.append(
            {
                "value": it.get("value"),
                "unit": it.get("unit"),
                "hedge": it.get("hedge"),
                "raw": it.get("raw"),
                "source": it.get("source"),
                "lang": it.get("lang"),
                "published": it.get("published"),
            }
        )
    return {
        "subject": entry.get("subject"),
        "kind": entry.get("kind"),
        "unit": entry.get("unit"),
        "verdict": entry.get("verdict"),
        "reason": entry.get("reason"),
        "languages": sorted({str(it.get("lang") or "?") for it in items}),
        "values": values,
    }


def _article_facts(article: Article) -> list[Fact]:
    if article.facts:
        return list(article.facts)
    return extract_facts(_body(article), article.lang or "xx")


def mentioned_dates(articles: Sequence[Article], limit: int = 8) -> list[dict[str, Any]]:
    """Dates the articles mention, those in most articles first, then listed in date order.

    A date written without its year ("on 15 March") takes the year of its article's
    publication date when there is one, and is flagged ``partial``.
    """
    seen: dict[str, dict[str, Any]] = {}
    for article in articles:
        year = (article.published or "")[:4]
        for fact in _article_facts(article):
            if fact.kind != "date" or not fact.unit:
                continue
            iso = fact.unit
            partial = iso.startswith("--")
            if partial and year.isdigit():
                iso = f"{year}-{iso[2:]}"
            row = seen.setdefault(
                iso, {"date": iso, "partial": partial, "articles": set(), "raw": fact.raw}
            )
            row["articles"].add(article.id)
            row["partial"] = row["partial"] and partial
    ranked = sorted(seen.values(), key=lambda r: (-len(r["articles"]), r["date"]))[:limit]
    out = [
        {
            "date": r["date"],
            "partial": r["partial"],
            "articles": len(r["articles"]),
            "raw": r["raw"],
        }
        for r in ranked
    ]
    return sorted(out, key=lambda r: str(r["date"]))


def _card_sentence(s: SummarySentence) -> dict[str, Any]:
    t = s.translation
    return {
        "text": s.shown(),
        "original": s.text,
        "lang": s.lang,
        "source": s.source,
        "article": s.article_id,
        "machine_translated": bool(t and t.machine_translated),
        "backend": t.backend if t else None,
        "quality": t.quality if t else None,
        "label": t.label if t else "original",
    }


def _mt_labels(card: Mapping[str, Any]) -> list[dict[str, str]]:
    used: set[tuple[str, str]] = set()
    shown = [card.get("title") or {}, *card.get("summary", [])]
    for item in shown:
        if item.get("machine_translated"):
            used.add((str(item.get("backend")), str(item.get("quality"))))
    return [{"backend": b, "quality": q} for b, q in sorted(used)]
