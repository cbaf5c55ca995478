"""Training on a tiny hand-made corpus round-trips: train → load → recognize → evaluate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.entities.ner import recognize, train_ner
from newsweave.entities.ner.crf import CrfModel
from newsweave.entities.ner.recognize import recognize_parts
from newsweave.errors import InputError
from newsweave.evals.ner import evaluate_ner

_PEOPLE = ["Marta Lindqvist", "Oskar Brenner", "Ilse Varga", "Tomas Okafor"]
_PLACES = ["Velmora", "Castrelo", "Quenby", "Dunhallow"]
_ORGS = ["Norvale Bank", "Ostrava Rail", "Pellam Group"]


def _write_corpus(path: Path) -> None:
    lines: list[str] = []
    for i in range(60):
        person = _PEOPLE[i % len(_PEOPLE)].split()
        place = _PLACES[i % len(_PLACES)]
        org = _ORGS[i % len(_ORGS)].split()
        tokens = [*person, "visited", place, "with", "the", *org, "team", "."]
        tags = ["B-PER", "I-PER", "O", "B-LOC", "O", "O", "B-ORG", "I-ORG", "O", "O"]
        lines += [f"{t}\t{g}" for t, g in zip(tokens, tags, strict=True)]
        lines.append("")
        for t, g in zip(
            ["Later", "they", "left", place, "."], ["O", "O", "O", "B-GPE", "O"], strict=True
        ):
            lines.append(f"{t}\t{g}")
        lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, object]]:
    root = tmp_path_factory.mktemp("ner")
    corpus = root / "tiny.tsv"
    _write_corpus(corpus)
    out = root / "model"
    meta = train_ner(
        "en", [corpus], out, gazetteer=False, max_iterations=40, min_freq=1, dev=[corpus]
    )
    return corpus, out, meta


def test_ner_train_writes_model_and_meta(tiny_model: tuple[Path, Path, dict[str, object]]) -> None:
    _, out, meta = tiny_model
    assert {p.name for p in out.iterdir()} >= {"model.crfsuite", "lexicon.json.gz", "meta.json"}
    on_disk = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert on_disk["lang"] == "en" and on_disk["train"]["sentences"] == 120
    assert on_disk["train"]["entities_by_type"] == {"LOC": 120, "ORG": 60, "PER": 60}
    assert meta["scores"]


def test_ner_train_round_trip_recognizes(tiny_model: tuple[Path, Path, dict[str, object]]) -> None:
    _, out, _ = tiny_model
    text = "Yesterday Ilse Varga visited Quenby with the Norvale Bank team."
    found = [(e.text, e.label) for e in recognize(text, "en", model_dir=out)]
    assert ("Ilse Varga", "PER") in found
    assert ("Quenby", "LOC") in found
    assert ("Norvale Bank", "ORG") in found
    for e in recognize(text, "en", model_dir=out):
        assert text[e.start : e.end] == e.text
        assert e.score is not None and 0.0 < e.score <= 1.0


def test_ner_train_model_scores_its_own_data(
    tiny_model: tuple[Path, Path, dict[str, object]],
) -> None:
    corpus, out, _ = tiny_model
    r = evaluate_ner("en", corpus, model_dir=out)
    assert set(r) >= {"precision", "recall", "f1", "per_type", "n_sentences", "model"}
    assert r["n_sentences"] == 120
    assert r["f1"] > 0.9
    assert CrfModel(out).tag(["Tomas", "Okafor", "visited", "Velmora"]).tags == [
        "B-PER",
        "I-PER",
        "O",
        "B-LOC",
    ]


def test_ner_train_rejects_unknown_options(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown options"):
        train_ner("en", [tmp_path / "x.tsv"], tmp_path / "m", learning_rate=0.1)


def test_ner_train_numpy_decoder_matches_crfsuite(
    tiny_model: tuple[Path, Path, dict[str, object]],
) -> None:
    import numpy as np
    import pycrfsuite

    from newsweave.entities.ner.corpus import read_sentences

    corpus, out, _ = tiny_model
    model = CrfModel(out)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(out / "model.crfsuite"))
    sentences = [s.tokens for s in read_sentences(corpus)][:20]
    sentences.append(["Dunhallow", "and", "Marta", "Lindqvist", "of", "Pellam", "Group"])
    ours = model.tag_many(sentences)
    for words, mine in zip(sentences, ours, strict=True):
        tagger.set(model.features.sentence(words))
        theirs = tagger.tag()
        assert mine.tags == theirs
        for i, label in enumerate(theirs):
            if label != "O":
                assert mine.confidence[i] == pytest.approx(tagger.marginal(label, i), abs=1e-3)
    probs = model.decoder.marginals(sentences)
    assert all(np.allclose(p.sum(axis=1), 1.0, atol=1e-4) for p in probs)


def test_ner_train_passive_aggressive_scales_weights(tmp_path: Path) -> None:
    corpus = tmp_path / "tiny.tsv"
    _write_corpus(corpus)
    meta = train_ner(
        "en", [corpus], tmp_path / "pa", gazetteer=False, algorithm="pa", max_iterations=10
    )
    assert meta["weight_scale"] in (1.0, 2.0, 4.0, 6.0, 8.0, 12.0, 16.0, 24.0)
    spans = recognize("Oskar Brenner visited Castrelo .", "en", model_dir=tmp_path / "pa")
    assert [(s.text, s.label) for s in spans] == [("Oskar Brenner", "PER"), ("Castrelo", "LOC")]
    assert all(s.score is not None and 0.5 < s.score <= 1.0 for s in spans)
    text = "Oskar Brenner visited Castrelo ."
    bare = recognize_parts(CrfModel(tmp_path / "pa"), text, [(0, len(text))], "en", scores=False)
    assert [(s.text, s.score) for s in bare] == [("Oskar Brenner", None), ("Castrelo", None)]


def test_ner_train_output_keeps_names_not_role_nouns(
    tiny_model: tuple[Path, Path, dict[str, object]],
) -> None:
    from newsweave.entities.ner.recognize import _name_bounds

    _, out, _ = tiny_model
    model = CrfModel(out)
    words = ["the", "team", "leader", "Ilse", "Varga", "came"]
    assert _name_bounds(words, 1, 5, model) == (3, 5)  # leading lowercase words trimmed
    first, last = _name_bounds(words, 0, 2, model)
    assert first >= last  # nothing capitalised: no name
    assert _name_bounds(["Мемлекеттік", "кредиттік", "бюро"], 0, 3, model) == (0, 3)
    assert _name_bounds(["وزارة", "الطاقة"], 0, 2, model) == (0, 2)  # caseless script


def test_ner_train_silver_data_takes_natasha_tags(tmp_path: Path) -> None:
    from newsweave.entities.ner.natasha_backend import natasha_available
    from newsweave.entities.ner.train import silver_sentences

    with pytest.raises(InputError, match="only Russian"):
        silver_sentences("en", [tmp_path / "x.tsv"])
    if not natasha_available():
        pytest.skip("natasha is not installed")
    corpus = tmp_path / "ru.tsv"
    words = ["Вчера", "Владимир", "Путин", "прилетел", "в", "Казань", "."]
    corpus.write_text("".join(f"{w}\tO\n" for w in words), encoding="utf-8")
    [sentence] = silver_sentences("ru", [corpus])
    assert sentence.tokens == words
    assert sentence.tags[1:3] == ["B-PER", "I-PER"] and sentence.tags[5] == "B-LOC"
