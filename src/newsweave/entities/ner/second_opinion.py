"""Another recogniser's people, taken into what a CRF model tags.

The Russian CRF draws organisations' edges as factRuEval does (its house style, see
:mod:`.house_style`), but a person's name it has never seen often comes out as a place
or not at all. natasha's tagger (Slovnet over Navec embeddings, trained on Lenta.ru
news) finds more of them: where the two tag the same words, natasha's person was right
11 of the 12 times the CRF said place, in the two folds of factRuEval's
cross-validation.

A model whose metadata names a second opinion (``second_opinion``, set by the recipe's
training option of that name) asks it about every sentence it tags, and
:func:`take_people` keeps the other model's person names where the CRF tags the same
words as a place, or tags none of them; a one-word place the CRF tags elsewhere in the
same batch (an article) without the other model calling it a person stays a place.
Everything else stays the CRF's: taking natasha's organisations and places as well
gained nothing on the same folds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import cache
from typing import Protocol

from newsweave.entities.inflection import base_forms
from newsweave.entities.ner.scoring import iob2_spans

log = logging.getLogger(__name__)

#: The recognisers a model may ask; the name is what a model's metadata stores.
KNOWN = ("natasha",)


class SentenceTagger(Protocol):
    """What a second opinion offers: IOB2 tags for tokenised sentences."""

    def tag_sentences(self, sentences: list[list[str]]) -> list[list[str]]: ...


def take_people(
    tags: Sequence[str],
    other: Sequence[str],
    words: Sequence[str] = (),
    held: Callable[[str], bool] | None = None,
) -> list[str]:
    """``tags`` with each person of ``other`` put in where ``tags`` has the same words
    as a place, or has none of them in a name. A one-word place stays a place when
    ``held`` says so of its word (see :func:`held_places`)."""
    out = list(tags)
    places = {(a, b) for a, b, kind in iob2_spans(tags) if kind == "LOC"}
    for a, b, kind in iob2_spans(other):
        if kind != "PER":
            continue
        if (a, b) in places and b - a == 1 and held is not None and held(words[a]):
            continue
        if (a, b) in places or all(t == "O" for t in out[a:b]):
            out[a:b] = ["B-PER"] + ["I-PER"] * (b - a - 1)
    return out


def held_places(
    sentences: Sequence[Sequence[str]],
    tags: Sequence[Sequence[str]],
    others: Sequence[Sequence[str]],
    lang: str,
) -> Callable[[str], bool]:
    """Whether a word is, by dictionary form, a one-word place the model tags somewhere in
    these sentences (an article) where the other recogniser sees no person: there the
    model's place is kept everywhere (``Вальдония и Сарытау подписали`` reads like two
    people to natasha, ``Вальдония — 1 млрд`` does not)."""
    held: set[str] = set()
    for words, seq, theirs in zip(sentences, tags, others, strict=True):
        for a, b, kind in iob2_spans(seq):
            if kind == "LOC" and b - a == 1 and not theirs[a].endswith("PER"):
                held.update(base_forms(words[a], lang))
    return lambda word: any(form in held for form in base_forms(word, lang))


@cache
def second_opinion(name: str) -> SentenceTagger | None:
    """The recogniser called ``name`` (loaded once per process); None when its package is
    missing (the CRF then tags alone, and a warning says so)."""
    if name not in KNOWN:
        raise ValueError(f"unknown second opinion {name!r}; known: {', '.join(KNOWN)}")
    from newsweave.entities.ner.natasha_backend import NatashaModel, natasha_available

    if not natasha_available():
        log.warning("the natasha package is missing: the Russian CRF tags without it")
        return None
    return NatashaModel()
