"""A second recogniser's people taken into a CRF model's tags."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import newsweave.entities.ner.crf as crf_module
import newsweave.entities.ner.train as train_module
from newsweave.entities.ner.crf import CrfModel
from newsweave.entities.ner.models import describe
from newsweave.entities.ner.second_opinion import (
    held_places,
    opinion_features,
    opinion_scores,
    second_opinion,
    take_people,
)
from newsweave.entities.ner.train import train_ner
from newsweave.errors import InputError


def test_ner_second_opinion_takes_people_on_places_and_untagged_words() -> None:
    ours = ["B-LOC", "O", "O", "O", "B-ORG", "I-ORG", "O", "B-LOC", "I-LOC"]
    theirs = ["B-PER", "O", "B-PER", "I-PER", "B-PER", "O", "B-LOC", "B-PER", "O"]
    out = take_people(ours, theirs)
    # the same words as a place, and words we leave untagged, become people
    assert out[:4] == ["B-PER", "O", "B-PER", "I-PER"]
    # an organisation stays, so does a place whose edges differ from their person's
    assert out[4:6] == ["B-ORG", "I-ORG"] and out[7:] == ["B-LOC", "I-LOC"]
    # their places and organisations are never taken
    assert out[6] == "O"
    assert take_people(ours, ["O"] * len(ours)) == ours


def test_ner_second_opinion_keeps_a_place_the_article_shows_as_one() -> None:
    sentences = [
        ["Вальдония", "и", "Сарытау", "подписали", "."],
        ["Вальдонии", "—", "1", "млрд", "."],
    ]
    ours = [["B-LOC", "O", "B-LOC", "O", "O"], ["B-LOC", "O", "O", "O", "O"]]
    theirs = [["B-PER", "O", "B-PER", "O", "O"], ["O"] * 5]
    held = held_places(sentences, ours, theirs, "ru")
    # Вальдонии, elsewhere a place natasha leaves alone, keeps Вальдония a place in
    # every case form; Сарытау has no such evidence and becomes a person
    assert held("Вальдония") and not held("Сарытау")
    out = take_people(ours[0], theirs[0], sentences[0], held)
    assert out == ["B-LOC", "O", "B-PER", "O", "O"]


class _Fake:
    """Tags every word that starts with "Брод" as a one-word person."""

    def __init__(self) -> None:
        self.calls = 0

    def tag_sentences(self, sentences: list[list[str]]) -> list[list[str]]:
        self.calls += 1
        return [["B-PER" if w.startswith("Брод") else "O" for w in s] for s in sentences]


_CORPUS = (
    "Иван\tB-PER\nПетров\tI-PER\nприехал\tO\nв\tO\nМоскву\tB-LOC\n.\tO\n\n"
    "Мэрия\tO\nКазани\tB-LOC\nсообщила\tO\n.\tO\n\n"
) * 10


def _corpus(tmp_path: Path) -> Path:
    path = tmp_path / "ru.tsv"
    path.write_text(_CORPUS, encoding="utf-8")
    return path


def test_ner_model_asks_its_second_opinion_when_it_tags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _corpus(tmp_path)
    opts = {"gazetteer": False, "max_iterations": 30}
    meta = train_ner("ru", [data], tmp_path / "m", second_opinion="natasha", **opts)
    assert meta["second_opinion"] == "natasha"
    assert "natasha's second opinion on people" in describe(meta)
    fake = _Fake()
    monkeypatch.setattr(crf_module, "second_opinion", lambda name: fake)
    model = CrfModel(tmp_path / "m")
    words = ["Бродский", "приехал", "в", "Москву", "."]
    raw = model.decoder.viterbi([words])[0]
    assert raw[0] != "B-PER"
    assert model.tag_sentences([words])[0] == take_people(raw, fake.tag_sentences([words])[0])
    tagged = model.tag(words)
    assert tagged.tags[0] == "B-PER" and 0.0 <= tagged.confidence[0] <= 1.0
    # a model without one never asks
    train_ner("ru", [data], tmp_path / "plain", **opts)
    before = fake.calls
    CrfModel(tmp_path / "plain").tag_sentences([words])
    assert fake.calls == before


def test_ner_train_refuses_an_unknown_second_opinion(tmp_path: Path) -> None:
    data = _corpus(tmp_path)
    with pytest.raises(InputError, match="second opinion"):
        train_ner("ru", [data], tmp_path / "m", second_opinion="oracle", gazetteer=False)
    with pytest.raises(ValueError):
        second_opinion("oracle")


def test_ner_second_opinion_natasha_tags_people() -> None:
    natasha = second_opinion("natasha")
    if natasha is None:
        pytest.skip("natasha is not installed")
    words = ["Об", "этом", "сообщил", "Алексей", "Кудрин", "в", "Москве", "."]
    tags = natasha.tag_sentences([words])[0]
    assert tags[3:5] == ["B-PER", "I-PER"] and tags[6] == "B-LOC"


def test_ner_opinion_features_name_the_tag_at_and_beside_each_word() -> None:
    feats = opinion_features(["B-PER", "I-PER", "O"])
    assert feats[0] == ["op=B-PER", "+1:op=I-PER"]
    assert feats[1] == ["op=I-PER", "-1:op=B-PER", "+1:op=O"]
    assert feats[2] == ["op=O", "-1:op=I-PER"]
    assert opinion_features([]) == []


def test_ner_opinion_scores_add_the_weights_of_each_token_s_features() -> None:
    features = {"op=B-PER": 0, "+1:op=O": 1, "op=O": 2}
    state = np.array([[1.0, 0.0], [0.0, 2.0], [0.5, 0.5]], dtype=np.float32)
    out = opinion_scores([["B-PER", "O"], ["O"]], features, state)
    # token 1: op=B-PER and +1:op=O; token 2: op=O (-1:op=B-PER unknown); token 3: op=O
    assert out.tolist() == [[1.0, 2.0], [0.5, 0.5], [0.5, 0.5]]
    assert opinion_scores([], features, state).shape == (0, 2)


def test_ner_model_reads_its_second_opinion_s_tags_as_features(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = _Fake()
    monkeypatch.setattr(train_module, "second_opinion", lambda name: fake)
    monkeypatch.setattr(crf_module, "second_opinion", lambda name: fake)
    data = _corpus(tmp_path)
    opts = {"gazetteer": False, "max_iterations": 30, "second_opinion": "natasha"}
    meta = train_ner("ru", [data], tmp_path / "m", opinion_features=True, **opts)
    assert meta["features"]["opinion_features"] is True
    model = CrfModel(tmp_path / "m")
    assert any(name.startswith("op=") for name in model.decoder.weights.features)
    words = ["Бродский", "приехал", "в", "Москву", "."]
    theirs = fake.tag_sentences([words])
    extra = model._extra([words], theirs)
    assert extra is not None and extra.shape == (5, len(model.decoder.weights.labels))
    expected = model.decoder.viterbi([words], extra)
    assert model.tag_sentences([words]) == model._finished([words], expected, theirs)
    # the features need a second opinion to read
    with pytest.raises(InputError, match="second_opinion"):
        train_ner("ru", [data], tmp_path / "x", opinion_features=True, gazetteer=False)
