"""Fitting the weights of :mod:`newsweave.language.kin` on labelled sentences.

For every sentence whose detected leader belongs to the same group of close relatives as its
label, and whose marker words leave the label and another member in the running, the members'
features (:func:`newsweave.language.kin.features`) and the right member are kept. Each group's
weights are then the conditional-logit fit of those samples: Newton's method on the mean negative
log-likelihood plus a small L2 penalty, which keeps weights finite when a feature separates the
training half perfectly.

Run it on a folder in the layout of :func:`newsweave.evals.langid.read_samples`; ``--half 0``
fits on the even-numbered lines of every file (``--half 1`` the odd ones), so that the other half
stays unseen for checking::

    python -m newsweave.language.kin_fit --data path/to/sentences --half 0
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsweave.language import detect
from newsweave.language.backends import clean_for_models
from newsweave.language.kin import BACKENDS, KinWeights, candidates, features
from newsweave.language.related import GROUPS
from newsweave.language.scripts import COMMON, script_profile

FEATURES = (*BACKENDS, "markers")

# Groups whose labelled data cannot be trusted for every weight. The Malay sentences of the
# public benchmark this was fitted on are in large part Indonesian web text (they carry far more
# Indonesian-only words than Malay-only ones), so a fit learns to call Indonesian text Malay and
# even gives py3langid a negative weight: Malay/Indonesian keeps the plain weights below. Its
# Bokmål file holds many Nynorsk sentences, which drives the marker weight of that group below
# zero: it is held at 1.
GIVEN: Mapping[str, KinWeights] = {
    "msa": KinWeights(dict.fromkeys(BACKENDS, 0.25), markers=1.0, bias={}),
}
FIXED: Mapping[str, Mapping[str, float]] = {"nor": {"markers": 1.0}}
# A member's bias is fitted only from at least this many samples labelled with it.
MIN_LABELLED = 50


@dataclass(frozen=True, slots=True)
class Sample:
    """One sentence inside a group: its members' features and the right member."""

    table: Mapping[str, Mapping[str, float]]
    label: str


def group_sample(text: str, label: str) -> tuple[str, Sample] | None:
    """``(group name, sample)`` when the detector's leader shares a group with ``label``."""
    sample = text[: detect.MAX_TEXT_CHARS]
    script, scripts = script_profile(sample)
    cleaned = clean_for_models(sample)
    if script == COMMON or not cleaned.strip():
        return None
    votes = detect._votes(cleaned, scripts)
    ranking = detect._combine(votes, scripts)
    if not ranking:
        return None
    found = detect._relatives(next(iter(ranking)), scripts)
    if found is None:
        return None
    group, allowed = found
    left = candidates(group, allowed, sample)
    if len(left) < 2 or label not in left:
        return None
    return group.name, Sample(features(votes, left, group, sample), label)


def collect(samples: Mapping[str, Sequence[str]]) -> dict[str, list[Sample]]:
    """Group samples of every labelled text, by group name."""
    out: dict[str, list[Sample]] = {}
    for label, texts in samples.items():
        for text in texts:
            found = group_sample(text, label)
            if found is not None:
                out.setdefault(found[0], []).append(found[1])
    return out


def _design(sample: Sample, members: Sequence[str]) -> tuple[np.ndarray, int]:
    """Feature matrix (allowed members × (features + member indicators)) and the right row."""
    rows = []
    order = sorted(sample.table)
    for member in order:
        row = [sample.table[member].get(name, 0.0) for name in FEATURES]
        row += [1.0 if member == m else 0.0 for m in members]
        rows.append(row)
    return np.array(rows, dtype=float), order.index(sample.label)


def fit(
    samples: Sequence[Sample],
    l2: float = 0.01,
    steps: int = 50,
    fixed: Mapping[str, float] | None = None,
    bias: bool = True,
) -> KinWeights:
    """Conditional-logit weights for one group's samples.

    ``fixed`` holds features whose weight is given rather than fitted (``{"markers": 1.0}``);
    ``bias=False`` keeps every member's bias at zero. A member with fewer than
    :data:`MIN_LABELLED` samples (Serbian in Latin script, when the data has Serbian in Cyrillic)
    keeps a neutral bias: the data says little about how often it is right.
    """
    fixed = dict(fixed or {})
    members = sorted({m for s in samples for m in s.table})
    counts = Counter(s.label for s in samples)
    labelled = {m for m, n in counts.items() if n >= MIN_LABELLED}
    designs = [_design(s, members) for s in samples]
    size = len(FEATURES) + len(members)
    free = np.array(
        [name not in fixed for name in FEATURES] + [bias and m in labelled for m in members],
        dtype=bool,
    )
    theta = np.zeros(size)
    for i, name in enumerate(FEATURES):
        theta[i] = fixed.get(name, 0.0)
    for _ in range(steps):
        grad = 2 * l2 * theta
        hess = 2 * l2 * np.eye(size)
        for x, right in designs:
            z = x @ theta
            p = np.exp(z - z.max())
            p /= p.sum()
            mean = p @ x
            grad += (mean - x[right]) / len(designs)
            centred = x - mean
            hess += (centred.T * p) @ centred / len(designs)
        step = np.zeros(size)
        step[free] = np.linalg.solve(hess[np.ix_(free, free)], grad[free])
        theta -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    weights = dict(zip(FEATURES, (float(v) for v in theta[: len(FEATURES)]), strict=True))
    biases = dict(zip(members, (float(v) for v in theta[len(FEATURES) :]), strict=True))
    fitted = [v for m, v in biases.items() if m in labelled]
    centre = sum(fitted) / len(fitted) if fitted else 0.0
    return KinWeights(
        backends={b: round(weights[b], 3) for b in BACKENDS},
        markers=round(weights["markers"], 3),
        bias={m: round(v - centre, 3) if m in labelled else 0.0 for m, v in biases.items()},
    )


def half_of(samples: Mapping[str, Sequence[str]], half: int | None) -> dict[str, list[str]]:
    """Every other line of each language (``half`` 0: even lines, 1: odd), or all of them."""
    if half is None:
        return {code: list(rows) for code, rows in samples.items()}
    return {code: list(rows[half::2]) for code, rows in samples.items()}


def render(weights: Mapping[str, KinWeights]) -> str:
    """The weights as the Python literal :data:`newsweave.language.kin.KIN_WEIGHTS` holds."""
    lines = ["KIN_WEIGHTS: Mapping[str, KinWeights] = {"]
    for name, w in weights.items():
        lines.append(f"    {name!r}: KinWeights(")
        lines.append(f"        backends={dict(w.backends)!r},")
        lines.append(f"        markers={w.markers!r},")
        lines.append(f"        bias={dict(w.bias)!r},")
        lines.append("    ),")
    lines.append("}")
    return "\n".join(lines)


def fit_all(samples: Mapping[str, Sequence[str]], l2: float = 0.01) -> dict[str, KinWeights]:
    """Weights of every group (:data:`GIVEN` ones as given), in the order of :data:`GROUPS`."""
    collected = collect(samples)
    weights: dict[str, KinWeights] = {}
    for group in GROUPS:
        if group.name in GIVEN:
            weights[group.name] = GIVEN[group.name]
        elif collected.get(group.name):
            weights[group.name] = fit(collected[group.name], l2, fixed=FIXED.get(group.name))
    return weights


def main(argv: Iterable[str] | None = None) -> None:
    """Print fitted weights for a labelled folder."""
    from newsweave.evals.langid import read_samples

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--half", type=int, choices=(0, 1), default=None)
    parser.add_argument("--l2", type=float, default=0.01)
    args = parser.parse_args(None if argv is None else list(argv))
    samples = half_of(read_samples(args.data), args.half)
    print(render(fit_all(samples, args.l2)))


if __name__ == "__main__":
    main()
