"""Weighing the models and marker words inside a group of close relatives, and fitting it."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pytest

from newsweave.language import kin
from newsweave.language.backends import Vote, lingua
from newsweave.language.kin import KinWeights, choose, evidence, features, softmax
from newsweave.language.kin_fit import GIVEN, Sample, fit, half_of, render
from newsweave.language.related import MALAY_INDONESIAN, SERBO_CROATIAN, SOTHO_TSWANA


def _vote(backend: str, scores: dict[str, float], known: set[str]) -> Vote:
    return Vote(backend, scores, frozenset(known))


def test_features_take_able_models_and_markers() -> None:
    votes = [
        _vote("fasttext", {"hr": 0.6, "bs": 0.3}, {"hr", "bs", "sr"}),
        # py3langid cannot name Tswana: it cannot tell Tswana from Sotho and is left out.
        _vote("py3langid", {"st": 0.9}, {"st"}),
        _vote("cld2", {"tn": 0.7, "st": 0.2}, {"tn", "st"}),
    ]
    table = features(votes, ["st", "tn"], SOTHO_TSWANA, "Ke batla go bona gore")
    assert set(table["tn"]) == {"cld2", "markers"}
    assert table["tn"]["cld2"] == pytest.approx(math.log(0.7 + kin.EPSILON))
    assert table["tn"]["markers"] == 2.0  # "go", "gore"
    assert table["st"]["markers"] == 0.0


def test_a_member_a_model_cannot_name_gets_the_mean() -> None:
    votes = [_vote("lingua", {"bs": 0.8, "hr": 0.2}, {"bs", "hr"})]
    table = features(votes, ["bs", "hr", "sr"], SERBO_CROATIAN, "")
    logs = [math.log(0.8 + kin.EPSILON), math.log(0.2 + kin.EPSILON)]
    assert table["sr"]["lingua"] == pytest.approx(sum(logs) / 2)


def test_evidence_and_softmax() -> None:
    weights = KinWeights({"cld2": 2.0}, markers=0.5, bias={"a": 1.0})
    table = {"a": {"cld2": -1.0, "markers": 0.0}, "b": {"cld2": 0.0, "markers": 2.0}}
    z = evidence(table, weights)
    assert z == pytest.approx({"a": -1.0, "b": 1.0})
    p = softmax(z)
    assert p["b"] == pytest.approx(1 / (1 + math.exp(-2.0)))
    assert sum(p.values()) == pytest.approx(1.0)


def test_markers_that_rule_members_out_decide() -> None:
    votes = [_vote("py3langid", {"bs": 0.9, "hr": 0.05, "sr": 0.05}, {"bs", "hr", "sr"})]
    chance = choose(SERBO_CROATIAN, ["bs", "hr", "sr"], votes, "Predsednik je rekao gde je.")
    assert chance == {"bs": 0.0, "hr": 0.0, "sr": 1.0}


def test_models_decide_without_markers() -> None:
    votes = [_vote("py3langid", {"ms": 0.1, "id": 0.9}, {"ms", "id"})]
    chance = choose(MALAY_INDONESIAN, ["id", "ms"], votes, "Mereka pergi ke pasar pagi ini.")
    assert chance["id"] > chance["ms"]
    assert chance["id"] + chance["ms"] == pytest.approx(1.0)


def _sample(label: str, lean: float) -> Sample:
    # cld2 leans to the right member by ``lean``; fasttext is noise that points the other way.
    other = "b" if label == "a" else "a"
    table = {
        label: {"cld2": lean, "fasttext": -1.0, "markers": 0.0},
        other: {"cld2": 0.0, "fasttext": 0.0, "markers": 0.0},
    }
    return Sample(table, label)


def test_fit_trusts_the_informative_model() -> None:
    samples = [_sample("a", 1.0 + (i % 3) * 0.1) for i in range(60)]
    samples += [_sample("b", 1.0 + (i % 2) * 0.1) for i in range(60)]
    samples += [_sample("a", -0.5), _sample("b", -0.5)]  # two it gets wrong: weights stay finite
    weights = fit(samples, l2=0.01)
    assert weights.backends["cld2"] > 1.0
    assert weights.backends["fasttext"] < weights.backends["cld2"]
    assert set(weights.bias) == {"a", "b"}
    assert weights.bias["a"] == pytest.approx(-weights.bias["b"])


def test_fit_holds_fixed_weights_and_leaves_thin_members_neutral() -> None:
    samples = [_sample("a", 1.0) for _ in range(60)] + [_sample("b", 1.0) for _ in range(5)]
    weights = fit(samples, l2=0.01, fixed={"markers": 1.0})
    assert weights.markers == 1.0
    assert weights.bias["b"] == 0.0  # five samples say little about how often "b" is right


def test_render_reads_back_as_the_same_weights() -> None:
    weights = {"msa": GIVEN["msa"], "x": KinWeights({"cld2": 0.5}, 0.25, {"a": 0.1, "b": -0.1})}
    text = render(weights)
    namespace: dict[str, object] = {"KinWeights": KinWeights, "Mapping": Mapping}
    exec(text, namespace)
    assert namespace["KIN_WEIGHTS"] == weights


def test_half_of_splits_lines_alternately() -> None:
    data = {"en": ["a", "b", "c", "d", "e"]}
    assert half_of(data, 0) == {"en": ["a", "c", "e"]}
    assert half_of(data, 1) == {"en": ["b", "d"]}
    assert half_of(data, None) == data


def test_lingua_votes_among_candidates_only() -> None:
    model = lingua()
    vote = model.vote_among(
        "Vlada je u četvrtak objavila da će tisuću obitelji dobiti pomoć.", ["hr", "bs", "xx"]
    )
    assert set(vote.scores) <= {"hr", "bs"}
    assert vote.known == {"hr", "bs"}
    assert vote.best == "hr"
    assert sum(vote.scores.values()) == pytest.approx(1.0)
    assert model.vote_among("Any text at all.", ["hr"]).scores == {}


def test_lingua_abstains_on_a_language_of_another_alphabet() -> None:
    # Lingua's Serbian is Cyrillic only: in Latin script it cannot say, and must not vote no.
    vote = lingua().vote_among("Predsednik je rekao da će doneti odluku.", ["bs", "hr", "sr"])
    assert "sr" not in vote.known
    assert vote.known == {"bs", "hr"}
