"""Another recogniser's opinion in what a CRF model tags: its people, and its tags as
features.

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

A model trained with ``opinion_features`` also reads the other recogniser's tags as
features (:func:`opinion_features`: its tag at the word and at the words either side),
learned in training like any other: natasha never saw the corpora the Russian model
trains on, so its tags there are as good as on new text, and the CRF learns where to
trust them (:func:`opinion_scores` adds their weights when tagging).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Protocol

import numpy as np

from newsweave.entities.inflection import base_forms
from newsweave.entities.ner.decode import Array
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


def opinion_features(tags: Sequence[str]) -> list[list[str]]:
    """CRF features of one sentence's tokens from the other recogniser's ``tags``: its tag
    at the token (``op=B-PER``) and at the tokens before and after it."""
    out: list[list[str]] = []
    for j, tag in enumerate(tags):
        feats = [f"op={tag}"]
        if j > 0:
            feats.append(f"-1:op={tags[j - 1]}")
        if j + 1 < len(tags):
            feats.append(f"+1:op={tags[j + 1]}")
        out.append(feats)
    return out


def opinion_scores(
    tagged: Sequence[Sequence[str]], features: Mapping[str, int], state: Array
) -> Array:
    """Flat (tokens, labels) scores the :func:`opinion_features` of all tokens of
    ``tagged`` (the other recogniser's tags, sentence by sentence) add to a CRF's own;
    ``features`` and ``state`` are the CRF's feature rows and state weights."""
    rows: list[int] = []
    owners: list[int] = []
    token = 0
    for tags in tagged:
        for names in opinion_features(tags):
            for name in names:
                row = features.get(name)
                if row is not None:
                    rows.append(row)
                    owners.append(token)
            token += 1
    out = np.zeros((token, state.shape[1]), dtype=np.float32)
    if rows:
        np.add.at(out, np.asarray(owners), state[np.asarray(rows)])
    return out
