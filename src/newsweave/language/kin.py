"""Choosing among close relatives: the models' scores and the marker words, weighed per group.

Inside a group of closely related languages (:mod:`newsweave.language.related`) the models are
not equally reliable: fastText barely tells Bosnian from Croatian, py3langid does it best, CLD2
is the surest judge of Serbian against Macedonian, and a model that cannot name every member of
the group cannot tell them apart at all (py3langid has no Tswana). So for each group a member's
evidence is

    z(m) = Σ_b w_b · log(score_b(m) + ε) + w_markers · markers(m) + bias(m)

over the models ``b`` that can name at least two of the candidate members (a member a model
cannot name gets the mean of the others' values from it), where ``markers(m)`` counts the marker
words in the text that vote for ``m``. The members' probabilities are the softmax of ``z``.
Marker words that rule members out (:func:`newsweave.language.related.resolve`: an ekavian
*vreme* leaves only Serbian) do so before the evidence is weighed.

The weights (:data:`KIN_WEIGHTS`) are a conditional-logit fit on half of a labelled sentence set
(one file per language, 500 sentences each) and were checked on the other half; see
:mod:`newsweave.language.kin_fit`, which refits them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsweave.language.backends import Vote
from newsweave.language.related import RelatedGroup, resolve, words_of

EPSILON = 1e-3
BACKENDS = ("fasttext", "py3langid", "cld2", "lingua")


@dataclass(frozen=True, slots=True)
class KinWeights:
    """How much each model and the marker words count inside one group, and member biases."""

    backends: Mapping[str, float]
    markers: float
    bias: Mapping[str, float]


# Fitted by ``python -m newsweave.language.kin_fit`` (see the module docstring).
KIN_WEIGHTS: Mapping[str, KinWeights] = {
    "hbs": KinWeights(
        backends={"fasttext": -0.003, "py3langid": 1.224, "cld2": 0.028, "lingua": 0.264},
        markers=0.0,
        bias={"bs": 0.332, "hr": -0.332, "sr": 0.0},
    ),
    "sr-mk": KinWeights(
        backends={"fasttext": 0.627, "py3langid": 0.382, "cld2": 0.269, "lingua": 1.049},
        markers=0.0,
        bias={"mk": 0.0, "sr": 0.0},
    ),
    "cs-sk": KinWeights(
        backends={"fasttext": 0.89, "py3langid": 0.355, "cld2": 0.507, "lingua": 0.394},
        markers=0.0,
        bias={"cs": 0.0, "sk": 0.0},
    ),
    "msa": KinWeights(
        backends={"fasttext": 0.25, "py3langid": 0.25, "cld2": 0.25, "lingua": 0.25},
        markers=1.0,
        bias={},
    ),
    "nor": KinWeights(
        backends={"fasttext": 0.266, "py3langid": 1.13, "cld2": 0.093, "lingua": 0.436},
        markers=1.0,
        bias={"da": -0.086, "nb": 0.019, "nn": 0.067},
    ),
    "nguni": KinWeights(
        backends={"fasttext": 0.0, "py3langid": 0.539, "cld2": 0.229, "lingua": 0.731},
        markers=-0.0,
        bias={"xh": -0.118, "zu": 0.118},
    ),
    "sotho-tswana": KinWeights(
        backends={"fasttext": 0.0, "py3langid": 0.0, "cld2": 0.228, "lingua": 1.471},
        markers=0.0,
        bias={"st": 0.0, "tn": 0.0},
    ),
}

# Used for a group without fitted weights: the models equally, each marker word as much.
DEFAULT_WEIGHTS = KinWeights(dict.fromkeys(BACKENDS, 1.0 / len(BACKENDS)), 1.0, {})


def features(
    votes: Iterable[Vote], allowed: Sequence[str], group: RelatedGroup, text: str
) -> dict[str, dict[str, float]]:
    """``{member: {feature: value}}``: each able model's log-score, and the marker votes.

    A model is able when it can name at least two of the allowed members; a member it cannot
    name gets the mean of the others' log-scores from it, which leaves that member neither
    favoured nor harmed by the model.
    """
    marks = group.marker_votes(words_of(text), text)
    table: dict[str, dict[str, float]] = {m: {} for m in allowed}
    for vote in votes:
        if vote.backend not in BACKENDS:
            continue
        named = [m for m in allowed if m in vote.known]
        if len(named) < 2:
            continue
        logs = {m: math.log(vote.scores.get(m, 0.0) + EPSILON) for m in named}
        neutral = sum(logs.values()) / len(logs)
        for member in allowed:
            table[member][vote.backend] = logs.get(member, neutral)
    for member in allowed:
        table[member]["markers"] = float(marks.get(member, 0))
    return table


def evidence(table: Mapping[str, Mapping[str, float]], weights: KinWeights) -> dict[str, float]:
    """``z(m)`` for every member of ``table``."""
    z: dict[str, float] = {}
    for member, row in table.items():
        total = weights.bias.get(member, 0.0)
        for name, value in row.items():
            w = weights.markers if name == "markers" else weights.backends.get(name, 0.0)
            total += w * value
        z[member] = total
    return z


def softmax(z: Mapping[str, float]) -> dict[str, float]:
    """Probabilities from evidence, in a stable way."""
    top = max(z.values())
    exp = {k: math.exp(v - top) for k, v in z.items()}
    total = sum(exp.values())
    return {k: v / total for k, v in exp.items()}


def candidates(group: RelatedGroup, allowed: Sequence[str], text: str) -> list[str]:
    """The allowed members the marker words leave (:func:`resolve`), or all of them."""
    narrowed = resolve(group, text, allowed)
    return sorted(narrowed) if narrowed is not None else list(allowed)


def choose(
    group: RelatedGroup, allowed: Sequence[str], votes: Iterable[Vote], text: str
) -> dict[str, float]:
    """Probability of each allowed member of ``group`` being the language of ``text``.

    Members the marker words rule out get zero; among the others the evidence decides.
    """
    left = candidates(group, allowed, text)
    chance = dict.fromkeys(allowed, 0.0)
    if len(left) == 1:
        chance[left[0]] = 1.0
        return chance
    weights = KIN_WEIGHTS.get(group.name, DEFAULT_WEIGHTS)
    chance.update(softmax(evidence(features(votes, left, group, text), weights)))
    return chance
