"""Choosing among close relatives: the models' scores and the marker words, weighed per group.

Inside a group of closely related languages (:mod:`newsweave.language.related`) the models are
not equally reliable: fastText barely tells Bosnian from Croatian, py3langid does it best, CLD2
is the surest judge of Serbian against Macedonian, and a model that cannot name every member of
the group cannot tell them apart at all (py3langid has no Tswana). So for each group a member's
evidence is

    z(m) = Σ_b w_b · log(score_b(m) + ε) + w_markers · markers(m) + bias(m)

over the models ``b`` that know every candidate member, where ``markers(m)`` counts the marker
words in the text that vote for ``m``. The members' probabilities are the softmax of ``z``.

The weights (:data:`KIN_WEIGHTS`) are a conditional-logit fit on half of a labelled sentence set
(one file per language, 500 sentences each) and were checked on the other half; see
:mod:`newsweave.language.kin_fit`, which refits them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsweave.language.backends import Vote
from newsweave.language.related import RelatedGroup, words_of

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
        backends={"fasttext": 0.216, "py3langid": 0.887, "cld2": 0.032, "lingua": 0.304},
        markers=1.062,
        bias={"bs": 0.597, "hr": -0.148, "sr": -0.449},
    ),
    "sr-mk": KinWeights(
        backends={"fasttext": 0.594, "py3langid": 0.391, "cld2": 0.179, "lingua": 0.611},
        markers=0.297,
        bias={"mk": 0.039, "sr": -0.039},
    ),
    "cs-sk": KinWeights(
        backends={"fasttext": 0.306, "py3langid": 0.594, "cld2": 0.27, "lingua": 0.201},
        markers=0.045,
        bias={"cs": 0.268, "sk": -0.268},
    ),
    "msa": KinWeights(
        backends={"fasttext": 0.25, "py3langid": 0.25, "cld2": 0.25, "lingua": 0.25},
        markers=1.0,
        bias={},
    ),
    "nor": KinWeights(
        backends={"fasttext": 0.149, "py3langid": 0.88, "cld2": 0.104, "lingua": 0.101},
        markers=1.0,
        bias={"da": 0.046, "nb": 0.245, "nn": -0.29},
    ),
    "nguni": KinWeights(
        backends={"fasttext": 0.0, "py3langid": 0.643, "cld2": 0.211, "lingua": 0.747},
        markers=0.096,
        bias={"xh": -0.113, "zu": 0.113},
    ),
    "sotho-tswana": KinWeights(
        backends={"fasttext": 0.0, "py3langid": 0.0, "cld2": 0.297, "lingua": 0.692},
        markers=0.564,
        bias={"st": 0.071, "tn": -0.071},
    ),
}

# Used for a group without fitted weights: the models equally, each marker word as much.
DEFAULT_WEIGHTS = KinWeights(dict.fromkeys(BACKENDS, 1.0 / len(BACKENDS)), 1.0, {})


def features(
    votes: Iterable[Vote], allowed: Sequence[str], group: RelatedGroup, text: str
) -> dict[str, dict[str, float]]:
    """``{member: {feature: value}}``: each able model's log-score, and the marker votes."""
    able = [v for v in votes if v.backend in BACKENDS and all(m in v.known for m in allowed)]
    marks = group.marker_votes(words_of(text), text)
    table: dict[str, dict[str, float]] = {}
    for member in allowed:
        row = {v.backend: math.log(v.scores.get(member, 0.0) + EPSILON) for v in able}
        row["markers"] = float(marks.get(member, 0))
        table[member] = row
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


def choose(
    group: RelatedGroup, allowed: Sequence[str], votes: Iterable[Vote], text: str
) -> dict[str, float]:
    """Probability of each allowed member of ``group`` being the language of ``text``."""
    weights = KIN_WEIGHTS.get(group.name, DEFAULT_WEIGHTS)
    return softmax(evidence(features(votes, allowed, group, text), weights))
