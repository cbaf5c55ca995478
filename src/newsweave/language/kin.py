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
        backends={"fasttext": 0.116, "py3langid": 1.234, "cld2": 0.036, "lingua": 0.225},
        markers=1.061,
        bias={"bs": 0.335, "hr": -0.335, "sr": 0.0},
    ),
    "sr-mk": KinWeights(
        backends={"fasttext": 0.594, "py3langid": 0.391, "cld2": 0.179, "lingua": 0.611},
        markers=0.297,
        bias={"mk": 0.039, "sr": -0.039},
    ),
    "cs-sk": KinWeights(
        backends={"fasttext": 0.286, "py3langid": 0.62, "cld2": 0.264, "lingua": 0.174},
        markers=0.048,
        bias={"cs": 0.216, "sk": -0.216},
    ),
    "msa": KinWeights(
        backends={"fasttext": 0.25, "py3langid": 0.25, "cld2": 0.25, "lingua": 0.25},
        markers=1.0,
        bias={},
    ),
    "nor": KinWeights(
        backends={"fasttext": 0.139, "py3langid": 0.877, "cld2": 0.104, "lingua": 0.103},
        markers=1.0,
        bias={"da": 0.061, "nb": 0.231, "nn": -0.292},
    ),
    "nguni": KinWeights(
        backends={"fasttext": 0.0, "py3langid": 0.642, "cld2": 0.21, "lingua": 0.748},
        markers=0.095,
        bias={"xh": -0.1, "zu": 0.1},
    ),
    "sotho-tswana": KinWeights(
        backends={"fasttext": 0.0, "py3langid": 0.0, "cld2": 0.296, "lingua": 0.695},
        markers=0.56,
        bias={"st": 0.048, "tn": -0.048},
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


def choose(
    group: RelatedGroup, allowed: Sequence[str], votes: Iterable[Vote], text: str
) -> dict[str, float]:
    """Probability of each allowed member of ``group`` being the language of ``text``."""
    weights = KIN_WEIGHTS.get(group.name, DEFAULT_WEIGHTS)
    return softmax(evidence(features(votes, allowed, group, text), weights))
