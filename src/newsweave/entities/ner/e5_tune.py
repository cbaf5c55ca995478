"""Fine-tuning multilingual-e5-small's upper blocks for tagging (the recipe setting
``e5_tuned``), with torch.

Every training sentence is encoded once by the base model up to block ``from_layer``
(in numpy, :mod:`newsweave.entities.ner.e5_states`); those piece states are the input
of ``blocks`` retrained blocks (initialised from the base model's) and a softmax over
the IOB2 tags of each word (the mean of its pieces' states). Cross-entropy per word,
weighted by how often the sentence occurs in the training data; AdamW with a linear
warm-up over the first tenth of the steps and a linear decay after it. The result is a
:class:`newsweave.entities.ner.e5_tuned.TunedTagger`, which tags through onnxruntime
(:mod:`newsweave.entities.ner.e5_onnx`) or numpy: torch is needed to train, never to tag
(``pip install torch==2.13.0``).
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from newsweave.entities.ner.e5_head import settings_with
from newsweave.entities.ner.e5_states import EncoderBlock, word_pieces
from newsweave.entities.ner.e5_tuned import MATRICES, TunedTagger, int8_products
from newsweave.errors import MissingModelError

if TYPE_CHECKING:
    import torch

log = logging.getLogger(__name__)
_MAX_PIECES = 512


@dataclass(frozen=True, slots=True)
class TuneSettings:
    """Which blocks are retrained, how, and how much the CRF trusts the result."""

    from_layer: int = 4  # the base model's blocks 1..from_layer stay as they are
    blocks: int = 4  # blocks retrained above them
    epochs: int = 6
    learning_rate: float = 1e-4  # the blocks'; the softmax layer learns at 1e-3
    weight_decay: float = 0.01
    dropout: float = 0.1  # on each word's state, before the softmax
    batch_pieces: int = 2048  # sentences per step: as many as fit this many pieces
    threads: int = 0  # torch threads (0: torch's default)
    seed: int = 0
    weight: float = 1.5  # the CRF adds this times the log-probabilities to its scores
    int8: tuple[str, ...] = MATRICES  # products the tagger runs in 8 bits (e5_onnx.py)


def tune_settings(options: Mapping[str, Any] | None) -> TuneSettings:
    """:class:`TuneSettings` with ``options`` (a recipe's ``e5_tuned``) applied."""
    settings = settings_with(TuneSettings(), options, "e5 tuning settings")
    return replace(settings, int8=int8_products(settings.int8))


def check_blocks(settings: TuneSettings) -> None:
    """:class:`ValueError` unless the blocks ``settings`` retrain are in the encoder."""
    from newsweave.entities.ner.e5_states import shared_encoder

    top = settings.from_layer + settings.blocks
    if settings.from_layer < 0 or settings.blocks < 1 or top > shared_encoder().n_layers:
        raise ValueError(f"blocks {settings.from_layer + 1}..{top} are not in the encoder")


def require_torch() -> Any:
    """The torch module; :class:`MissingModelError` saying how to install it if absent."""
    try:
        import torch
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise MissingModelError(
            "fine-tuning e5 (the recipe's e5_tuned) needs torch: pip install torch==2.13.0"
        ) from exc
    return torch


@dataclass(slots=True)
class _Example:
    ids: list[int]
    owner: list[int]  # per piece: its word, -1 for none
    tags: list[int]
    weight: float


def _examples(
    sentences: Sequence[tuple[Sequence[str], Sequence[str]]], labels: Sequence[str]
) -> list[_Example]:
    """Distinct (words, tags) pairs as piece ids, weighted by how often each occurs."""
    from newsweave.entities.ner.e5_states import shared_encoder

    tokenizer = shared_encoder().tokenizer
    index = {t: i for i, t in enumerate(labels)}
    counts: dict[tuple[tuple[str, ...], tuple[str, ...]], int] = {}
    for words, tags in sentences:
        key = (tuple(words), tuple(tags))
        counts[key] = counts.get(key, 0) + 1
    out: list[_Example] = []
    for (words, tags), n in counts.items():
        pieces = tokenizer.encode_words(words)
        keep = _MAX_PIECES - 2  # <s> and </s> frame the pieces
        ids = [tokenizer.bos, *pieces.ids[:keep], tokenizer.eos]
        owner = [-1, *pieces.owner[:keep], -1]
        out.append(_Example(ids, owner, [index[t] for t in tags], float(n)))
    return out


def _pooling(owner: Sequence[int], n_words: int, width: int) -> npt.NDArray[np.float32]:
    """(words, width) weights that average each word's pieces, as ``word_states`` does;
    ``owner`` is framed by ``<s>`` and ``</s>``."""
    pool = np.zeros((n_words, width), dtype=np.float32)
    for w, at in enumerate(word_pieces(owner[1:-1], n_words)):
        pool[w, at + 1] = 1.0 / len(at)
    return pool


def _build(
    torch: Any,
    base: Sequence[EncoderBlock],
    heads: int,
    eps: float,
    settings: TuneSettings,
    n_labels: int,
) -> Any:
    """The torch tagger: ``base`` blocks as trainable copies, dropout, a linear softmax."""
    nn = torch.nn
    functional = torch.nn.functional

    def param(a: npt.NDArray[np.float32]) -> Any:
        return nn.Parameter(torch.tensor(np.array(a, dtype=np.float32)))

    class Block(nn.Module):  # type: ignore[name-defined,misc]
        def __init__(self, b: EncoderBlock) -> None:
            super().__init__()
            self.qkv, self.qkv_bias = param(b.qkv), param(b.qkv_bias)
            self.out, self.out_bias = param(b.out), param(b.out_bias)
            self.ln1_w, self.ln1_b = param(b.ln1[0]), param(b.ln1[1])
            self.up, self.up_bias = param(b.up), param(b.up_bias)
            self.down, self.down_bias = param(b.down), param(b.down_bias)
            self.ln2_w, self.ln2_b = param(b.ln2[0]), param(b.ln2[1])

        def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
            n, width, h = x.shape
            dim = h // heads
            qkv = (x @ self.qkv + self.qkv_bias).view(n, width, 3, heads, dim)
            q, k, v = qkv.permute(2, 0, 3, 1, 4)
            att = (q @ k.transpose(-1, -2)) / math.sqrt(dim) + bias
            ctx = (att.softmax(-1) @ v).transpose(1, 2).reshape(n, width, h)
            x = functional.layer_norm(
                x + ctx @ self.out + self.out_bias, (h,), self.ln1_w, self.ln1_b, eps
            )
            mid = functional.gelu(x @ self.up + self.up_bias)
            return functional.layer_norm(
                x + mid @ self.down + self.down_bias, (h,), self.ln2_w, self.ln2_b, eps
            )

    class Tagger(nn.Module):  # type: ignore[name-defined,misc]
        def __init__(self) -> None:
            super().__init__()
            self.blocks = nn.ModuleList([Block(b) for b in base])
            self.drop = nn.Dropout(settings.dropout)
            self.head = nn.Linear(base[0].qkv.shape[0], n_labels)

        def forward(self, x: torch.Tensor, mask: torch.Tensor, pool: torch.Tensor) -> torch.Tensor:
            bias = torch.where(mask, 0.0, -1e9)[:, None, None, :]
            for block in self.blocks:
                x = block(x, bias)
            return self.head(self.drop(torch.bmm(pool, x)))

    return Tagger()


def _batches(examples: Sequence[_Example], budget: int) -> list[list[int]]:
    """Indices of ``examples`` in batches of similar length, at most ``budget`` pieces
    each (padding included)."""
    order = sorted(range(len(examples)), key=lambda k: len(examples[k].ids))
    out: list[list[int]] = []
    current: list[int] = []
    for k in order:
        if current and (len(current) + 1) * len(examples[k].ids) > budget:
            out.append(current)
            current = []
        current.append(k)
    if current:
        out.append(current)
    return out


def tune_encoder(
    sentences: Sequence[tuple[Sequence[str], Sequence[str]]],
    settings: TuneSettings,
) -> TunedTagger:
    """Retrain e5's upper blocks and a tag softmax on ``sentences`` (words, IOB2 tags)."""
    torch = require_torch()
    from newsweave.entities.ner.e5_states import shared_encoder

    encoder = shared_encoder()
    check_blocks(settings)
    top = settings.from_layer + settings.blocks
    if settings.threads:
        torch.set_num_threads(settings.threads)
    torch.manual_seed(settings.seed)
    rng = np.random.default_rng(settings.seed)
    labels = sorted({t for _, tags in sentences for t in tags})
    examples = _examples(sentences, labels)
    started = time.monotonic()
    below = encoder.run([e.ids for e in examples], [settings.from_layer], 8192)
    states = [s[0].astype(np.float16) for s in below]
    log.info(
        "e5 tuning: %d sentences encoded to block %d in %.0f s",
        len(examples),
        settings.from_layer,
        time.monotonic() - started,
    )
    model = _build(
        torch,
        encoder.layers[settings.from_layer : top],
        encoder.n_heads,
        encoder.eps,
        settings,
        len(labels),
    )
    body = [p for name, p in model.named_parameters() if not name.startswith("head.")]
    optimiser = torch.optim.AdamW(
        [
            {"params": body, "lr": settings.learning_rate},
            {"params": list(model.head.parameters()), "lr": 1e-3},
        ],
        weight_decay=settings.weight_decay,
    )
    batches = _batches(examples, settings.batch_pieces)
    total = max(settings.epochs * len(batches), 1)
    warm = max(int(0.1 * total), 1)

    def rate(step: int) -> float:
        return step / warm if step < warm else max(0.0, (total - step) / (total - warm))

    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, rate)
    hidden = encoder.hidden
    model.train()
    for epoch in range(settings.epochs):
        loss_sum = 0.0
        for b in rng.permutation(len(batches)):
            chunk = [examples[k] for k in batches[b]]
            width = max(len(e.ids) for e in chunk)
            words = max(len(e.tags) for e in chunk)
            x = np.zeros((len(chunk), width, hidden), dtype=np.float32)
            mask = np.zeros((len(chunk), width), dtype=bool)
            pool = np.zeros((len(chunk), words, width), dtype=np.float32)
            y = np.full((len(chunk), words), -100, dtype=np.int64)
            w = np.zeros((len(chunk), words), dtype=np.float32)
            for r, k in enumerate(batches[b]):
                e = examples[k]
                x[r, : len(e.ids)] = states[k]
                mask[r, : len(e.ids)] = True
                pool[r, : len(e.tags)] = _pooling(e.owner, len(e.tags), width)
                y[r, : len(e.tags)] = e.tags
                w[r, : len(e.tags)] = e.weight
            logits = model(torch.from_numpy(x), torch.from_numpy(mask), torch.from_numpy(pool))
            loss = torch.nn.functional.cross_entropy(
                logits.reshape(-1, len(labels)), torch.from_numpy(y).reshape(-1), reduction="none"
            )
            weights = torch.from_numpy(w).reshape(-1)
            loss = (loss * weights).sum() / weights.sum()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            loss_sum += float(loss.item())
        log.info(
            "e5 tuning: epoch %d/%d, loss %.4f, %.0f s",
            epoch + 1,
            settings.epochs,
            loss_sum / max(len(batches), 1),
            time.monotonic() - started,
        )
    return _exported(model, labels, settings)


def _exported(model: Any, labels: Sequence[str], settings: TuneSettings) -> TunedTagger:
    def arr(t: Any) -> npt.NDArray[np.float32]:
        out: npt.NDArray[np.float32] = t.detach().numpy().astype(np.float32)
        return out

    blocks = tuple(
        EncoderBlock(
            qkv=arr(b.qkv),
            qkv_bias=arr(b.qkv_bias),
            out=arr(b.out),
            out_bias=arr(b.out_bias),
            ln1=(arr(b.ln1_w), arr(b.ln1_b)),
            up=arr(b.up),
            up_bias=arr(b.up_bias),
            down=arr(b.down),
            down_bias=arr(b.down_bias),
            ln2=(arr(b.ln2_w), arr(b.ln2_b)),
        )
        for b in model.blocks
    )
    return TunedTagger(
        labels=tuple(labels),
        from_layer=settings.from_layer,
        blocks=blocks,
        head_w=np.ascontiguousarray(arr(model.head.weight).T),
        head_b=arr(model.head.bias),
    )
