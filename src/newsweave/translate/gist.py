"""The 'gist' backend: a small instruction-tuned LLM for languages no other backend covers.

It runs the GGUF model installed by :func:`newsweave.translate.gist_model.install_gist`
with ``xllamacpp`` (the optional extra ``newsweave[gist]``), greedy decoding and a short
"Translate to English:" prompt. Its output is labelled low-confidence: it gives the gist of
a sentence and may get names, figures or negation wrong, so newsweave never takes facts or
entities from it.
"""

from __future__ import annotations

import importlib.util
import os
import re
import threading
from pathlib import Path
from typing import Any

from newsweave.facts.sentences import split_sentences
from newsweave.translate.base import QUALITY_GIST, TranslationError
from newsweave.translate.gist_model import gist_model_file, install_gist, is_gist_installed

__all__ = [
    "GIST_SOURCES",
    "GIST_TARGETS",
    "GistBackend",
    "clean_output",
    "gist_prompt",
    "install_gist",
    "is_gist_installed",
    "xllamacpp_available",
]

#: Source languages the gist backend is offered for, with the name used in the prompt.
GIST_SOURCES: dict[str, str] = {
    "ar": "Arabic",
    "ru": "Russian",
    "de": "German",
    "tr": "Turkish",
    "zh": "Chinese",
    "kk": "Kazakh",
}
#: Target languages the prompt is written for.
GIST_TARGETS: dict[str, str] = {"en": "English"}

#: Longest piece (in characters) sent in one prompt; longer texts go sentence by sentence.
MAX_PIECE_CHARS = 600
#: Upper bound on generated tokens per piece.
MAX_NEW_TOKENS = 256
CONTEXT_TOKENS = 2048

_PREFIX = re.compile(r"^(?:translation|english|in english)\s*:\s*", re.IGNORECASE)
_QUOTES = "\"'«»“”„"

_servers: dict[str, Any] = {}
_servers_lock = threading.Lock()


def xllamacpp_available() -> bool:
    """Whether the ``xllamacpp`` package is importable."""
    return importlib.util.find_spec("xllamacpp") is not None


def gist_prompt(text: str, tgt: str = "en") -> str:
    """The user message sent to the model."""
    return f"Translate to {GIST_TARGETS[tgt]}: {text}"


def clean_output(raw: str) -> str:
    """The translation in a model reply: first paragraph, without a label or quotes."""
    text = raw.strip()
    first = re.split(r"\n\s*\n", text, maxsplit=1)[0].strip()
    first = _PREFIX.sub("", first).strip()
    if len(first) >= 2 and first[0] in _QUOTES and first[-1] in _QUOTES:
        first = first[1:-1].strip()
    return " ".join(first.split())


def pieces_of(text: str, lang: str, limit: int = MAX_PIECE_CHARS) -> list[str]:
    """``text`` cut at sentence ends into pieces of at most about ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return [flat] if flat else []
    out: list[str] = []
    current = ""
    for start, end in split_sentences(flat, lang):
        sentence = flat[start:end]
        if current and len(current) + 1 + len(sentence) > limit:
            out.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        out.append(current)
    return out


def max_tokens_for(piece: str) -> int:
    """A generation budget proportional to the input, capped at :data:`MAX_NEW_TOKENS`."""
    return min(MAX_NEW_TOKENS, 24 + len(piece))


def _server(model: Path, threads: int) -> Any:
    key = str(model)
    with _servers_lock:
        server = _servers.get(key)
        if server is not None:
            return server
        try:
            import xllamacpp as xlc
        except ImportError as err:
            raise TranslationError(
                "the gist backend needs xllamacpp: pip install 'newsweave[gist]'"
            ) from err
        params = xlc.CommonParams()
        params.model.path = key
        params.n_ctx = CONTEXT_TOKENS
        params.n_predict = MAX_NEW_TOKENS
        params.n_parallel = 1
        params.cpuparams.n_threads = threads
        params.cpuparams_batch.n_threads = threads
        params.sampling.temp = 0.0
        params.sampling.top_k = 1
        params.warmup = False
        params.verbosity = 0
        server = xlc.Server(params)
        _servers[key] = server
        return server


class GistBackend:
    """Low-confidence LLM translation into English for ar, ru, de, tr, zh and kk."""

    name = "gist"
    quality = QUALITY_GIST

    def __init__(self, cache_dir: Path | None = None, threads: int | None = None) -> None:
        self.cache_dir = cache_dir
        self.threads = threads or max(1, os.cpu_count() or 1)

    def available(self) -> bool:
        """Whether the model is installed and ``xllamacpp`` can run it."""
        return is_gist_installed(self.cache_dir) and xllamacpp_available()

    def pairs(self) -> frozenset[tuple[str, str]]:
        if not self.available():
            return frozenset()
        return frozenset((src, tgt) for src in GIST_SOURCES for tgt in GIST_TARGETS)

    def translate(self, texts: list[str], src: str, tgt: str) -> list[str]:
        if src not in GIST_SOURCES or tgt not in GIST_TARGETS:
            raise TranslationError(f"{self.name} does not translate {src}→{tgt}")
        server = _server(gist_model_file(self.cache_dir), self.threads)
        out: list[str] = []
        for text in texts:
            parts = [self._one(server, piece, tgt) for piece in pieces_of(text, src)]
            out.append(" ".join(p for p in parts if p))
        return out

    def _one(self, server: Any, piece: str, tgt: str) -> str:
        request = {
            "messages": [{"role": "user", "content": gist_prompt(piece, tgt)}],
            "max_tokens": max_tokens_for(piece),
            "temperature": 0.0,
            "top_k": 1,
        }
        try:
            reply = server.handle_chat_completions(request)
            content = reply["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError, RuntimeError, ValueError) as err:
            raise TranslationError(f"the gist model failed: {err}") from err
        return clean_output(str(content or ""))
