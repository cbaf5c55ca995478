"""Exact-span scoring of NER output (CoNLL-style micro precision/recall/F1).

A predicted entity counts as correct only if its first token, last token and type
all equal a gold entity's. Micro scores add true positives, predicted and gold counts
over every sentence and every scored type before dividing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from newsweave.entities.ner.features import normalise

TokenSpan = tuple[int, int, str]  # (first token, one past the last token, type)


def iob2_spans(tags: Sequence[str]) -> list[TokenSpan]:
    """Entity spans of an IOB2 tag sequence; a stray ``I-`` opens a new entity."""
    spans: list[TokenSpan] = []
    start = -1
    kind = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        continues = prefix == "I" and label == kind and start >= 0
        if continues:
            continue
        if start >= 0:
            spans.append((start, i, kind))
            start, kind = -1, ""
        if prefix in ("B", "I") and label:
            start, kind = i, label
    return spans


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass(slots=True)
class SpanScorer:
    """Accumulates exact-span matches over sentences for a fixed set of types."""

    types: tuple[str, ...] = ("PER", "ORG", "LOC")
    tp: dict[str, int] = field(default_factory=dict)
    pred: dict[str, int] = field(default_factory=dict)
    gold: dict[str, int] = field(default_factory=dict)

    def add(self, gold: Iterable[TokenSpan], predicted: Iterable[TokenSpan]) -> None:
        """Count one sentence; spans of types outside :attr:`types` are ignored."""
        g = {s for s in gold if s[2] in self.types}
        p = {s for s in predicted if s[2] in self.types}
        for span in g:
            self.gold[span[2]] = self.gold.get(span[2], 0) + 1
        for span in p:
            self.pred[span[2]] = self.pred.get(span[2], 0) + 1
        for span in g & p:
            self.tp[span[2]] = self.tp.get(span[2], 0) + 1

    def add_tags(self, gold_tags: Sequence[str], predicted_tags: Sequence[str]) -> None:
        """Count one sentence given as two IOB2 tag sequences."""
        self.add(iob2_spans(gold_tags), iob2_spans(predicted_tags))

    def result(self) -> dict[str, object]:
        """``precision``, ``recall``, ``f1`` (micro) and ``per_type`` scores with counts."""
        per_type: dict[str, dict[str, float | int]] = {}
        for t in self.types:
            tp, n_pred, n_gold = self.tp.get(t, 0), self.pred.get(t, 0), self.gold.get(t, 0)
            per_type[t] = {**_prf(tp, n_pred, n_gold), "support": n_gold, "predicted": n_pred}
        total = _prf(sum(self.tp.values()), sum(self.pred.values()), sum(self.gold.values()))
        return {**total, "per_type": per_type}


def _cased(token: str) -> bool:
    return any(c != c.swapcase() for c in token)


def name_core(
    tokens: Sequence[str], span: TokenSpan, common_lower: frozenset[str] = frozenset()
) -> TokenSpan | None:
    """The proper-name part of a span, or ``None`` when it holds no name.

    In cased scripts, leading tokens that do not start with a capital letter are
    trimmed (``președintele Ion Iliescu`` → ``Ion Iliescu``, ``города Феникс`` →
    ``Феникс``), and so is a sentence's first word whose lowercase form is in
    ``common_lower`` (words the text usually writes in lowercase: ``Președintele``) when
    a name follows it. A span left without a capitalised token is no name (``el``,
    ``cei``), nor is a lone sentence-initial common word. Trailing lowercase words stay:
    Kazakh and Russian write multi-word names so (``Мемлекеттік кредиттік бюро``).
    Spans in caseless scripts (Arabic) are kept whole.
    """
    start, end, kind = span
    if not any(c != c.swapcase() for t in tokens[start:end] for c in t):
        return span
    while start < end and (
        not tokens[start][:1].isupper()
        or (start == 0 and end - start > 1 and normalise(tokens[0], "xx") in common_lower)
    ):
        start += 1
    if start >= end or not any(t[:1].isupper() for t in tokens[start:end]):
        return None
    if start == 0 and end == 1 and normalise(tokens[0], "xx") in common_lower:
        return None
    return (start, end, kind)


def score_tagger(
    tag: Callable[[list[str]], list[str]],
    sentences: Iterable[tuple[list[str], list[str]]],
    types: tuple[str, ...] = ("PER", "ORG", "LOC"),
    names_only: bool = False,
) -> dict[str, object]:
    """Tag each ``(tokens, gold tags)`` pair with ``tag`` and score the result.

    With ``names_only``, gold and predicted spans are first reduced to their proper-name
    core (:func:`name_core`, with the words the evaluated text itself mostly writes in
    lowercase); spans without one are left out. Adds ``n_sentences`` and
    ``n_changed_gold`` (gold spans trimmed or left out) to :meth:`SpanScorer.result`.
    """
    scorer = SpanScorer(types)
    n = changed = 0
    sentences = list(sentences)
    lowered: frozenset[str] = frozenset()
    if names_only:
        from newsweave.entities.ner.corpus import Sentence, common_lowercase_words

        pseudo = [Sentence(toks, []) for toks, _ in sentences]
        lowered = frozenset(common_lowercase_words(pseudo, "xx", 1_000_000))
    for tokens, gold in sentences:
        g = iob2_spans(gold)
        p = iob2_spans(tag(tokens))
        if names_only:
            cores = [name_core(tokens, s, lowered) for s in g]
            changed += sum(1 for s, c in zip(g, cores, strict=True) if c != s and s[2] in types)
            g = [c for c in cores if c is not None]
            p = [c for c in (name_core(tokens, s, lowered) for s in p) if c is not None]
        scorer.add(g, p)
        n += 1
    return {**scorer.result(), "n_sentences": n, "n_changed_gold": changed}
